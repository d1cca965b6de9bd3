//! What `azegress probe` observes on the VM, step by step per host and port, and its report: the
//! observations placed in the service tags, with the failing step's cause in plain words.

use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, SocketAddr};

/// One step of one connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// Name resolution.
    Dns,
    /// TCP connect (to storage, or to the proxy).
    Tcp,
    /// HTTP CONNECT (or the proxy's answer to GET for port 80).
    Connect,
    /// TLS handshake with certificate verification.
    Tls,
    /// An HTTP answer.
    Http,
}

impl StepKind {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            StepKind::Dns => "dns",
            StepKind::Tcp => "tcp",
            StepKind::Connect => "connect",
            StepKind::Tls => "tls",
            StepKind::Http => "http",
        }
    }
}

/// Why a step failed, in classes the report explains in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// The name does not exist (NXDOMAIN) or has no address.
    NoDnsAnswer,
    /// The DNS server did not answer in time or could not be reached.
    DnsUnreachable,
    /// Connection refused (RST).
    Refused,
    /// No answer in time: packets dropped on the way.
    TimedOut,
    /// No route to the address.
    Unreachable,
    /// The proxy answered 403.
    ProxyDenied,
    /// The proxy answered 407.
    ProxyAuth,
    /// The proxy answered another error (502, 503, …).
    ProxyError,
    /// The certificate is not trusted or does not match the name (interception, or a wrong endpoint).
    Certificate,
    /// The TLS handshake failed otherwise (reset, protocol).
    Tls,
    /// The connection closed before an HTTP answer.
    NoHttpAnswer,
    /// Anything else.
    Other,
}

/// One step's outcome.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Step {
    /// Which step.
    pub step: StepKind,
    /// Did it succeed?
    pub ok: bool,
    /// Milliseconds it took.
    pub ms: f64,
    /// What it saw (`10.1.0.4:443`, `HTTP 400`, the error).
    pub detail: String,
    /// The class of failure, when it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
}

/// One port of one host.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PortObservation {
    /// The port.
    pub port: u16,
    /// TLS was expected on it.
    pub tls: bool,
    /// `direct` or `proxy host:port`.
    pub via: String,
    /// The steps in order, up to the first that failed.
    pub steps: Vec<Step>,
    /// Got an HTTP answer.
    pub reachable: bool,
    /// The HTTP status storage answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
}

impl PortObservation {
    /// The step that failed.
    pub fn failed(&self) -> Option<&Step> {
        self.steps.iter().find(|s| !s.ok)
    }
}

/// One host.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HostObservation {
    /// The host name.
    pub host: String,
    /// Name resolution on this VM.
    pub dns: Step,
    /// The addresses it resolved to.
    pub addresses: Vec<IpAddr>,
    /// Per port.
    pub ports: Vec<PortObservation>,
}

/// One VM-agent endpoint.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AgentObservation {
    /// `168.63.129.16:80`.
    pub endpoint: SocketAddr,
    /// TCP (and on port 80 an HTTP answer).
    pub steps: Vec<Step>,
    /// Reached.
    pub reachable: bool,
}

/// Everything observed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Observations {
    /// Per host.
    pub hosts: Vec<HostObservation>,
    /// The VM agent's endpoints.
    pub agent: Vec<AgentObservation>,
    /// Wall-clock milliseconds of the whole probe.
    pub total_ms: f64,
}

/// Overall result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProbeVerdict {
    /// Every port of every host answered, and the VM agent's endpoints.
    Reachable,
    /// At least one failed.
    Blocked,
}

/// Which proxy the probe used and why.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProxyUsed {
    /// `host:port` (never credentials), or `None` for direct.
    pub proxy: Option<String>,
    /// The setting it came from, in words.
    pub source: String,
}

/// One resolved address, placed in the service tags.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AddressInfo {
    /// The address.
    pub ip: IpAddr,
    /// `Storage.*` tags holding it.
    pub storage_tags: Vec<String>,
    /// In `Storage.<Region>` of the VM's region (`None` when the region is not known).
    pub in_region: Option<bool>,
    /// Private (RFC 1918, CGNAT, ULA) or loopback: a private endpoint or a local override.
    pub private: bool,
}

/// One port with the plain-words cause of its failure.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PortReport {
    /// The observation.
    #[serde(flatten)]
    pub obs: PortObservation,
    /// The step that failed.
    pub failed_step: Option<StepKind>,
    /// Why, in plain words.
    pub cause: Option<String>,
}

/// One host.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HostReport {
    /// The host.
    pub host: String,
    /// DNS on this VM.
    pub dns: Step,
    /// Where its addresses are.
    pub addresses: Vec<AddressInfo>,
    /// Per port.
    pub ports: Vec<PortReport>,
}

/// One VM-agent endpoint.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AgentReport {
    /// The observation.
    #[serde(flatten)]
    pub obs: AgentObservation,
    /// Why it failed, in plain words.
    pub cause: Option<String>,
}

/// `azegress probe` as data (`--out FILE` writes it; `diagnose --probe FILE` reads it).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProbeReport {
    /// 2: every warning, note and assumption is a diagnostic with a stable code (1 had strings).
    pub schema_version: u32,
    /// Reachable or blocked.
    pub verdict: ProbeVerdict,
    /// The guest OS whose rules were applied.
    pub os: String,
    /// The region the addresses were checked against.
    pub region: Option<String>,
    /// The proxy used and the setting it came from.
    pub proxy: ProxyUsed,
    /// The service-tag file used for the address check.
    pub service_tags: String,
    /// Per host.
    pub hosts: Vec<HostReport>,
    /// The VM agent's endpoints.
    pub agent: Vec<AgentReport>,
    /// Things to know (ignored settings, missing bypass, addresses outside the region).
    /// (Not read back by `diagnose --probe FILE`: it joins the observations with its own check.)
    #[serde(skip_deserializing, default)]
    pub diagnostics: Vec<Diagnostic>,
    /// Wall-clock milliseconds.
    pub total_ms: f64,
}

impl ProbeReport {
    /// Every failed port, as (host, port report).
    pub fn failures(&self) -> impl Iterator<Item = (&str, &PortReport)> {
        self.hosts.iter().flat_map(|h| {
            h.ports
                .iter()
                .filter(|p| !p.obs.reachable)
                .map(move |p| (h.host.as_str(), p))
        })
    }
}
