//! `azegress probe`: which proxy setting the backup extension uses on this VM, the live observations of
//! `crate::probe`, and what they mean: addresses against `Storage.<Region>`, the failing step of every
//! port in plain words, the VM agent's own path. Also `tags update`, which downloads with
//! `crate::probe::download` and installs into the cache with `crate::tags::cache`.

use super::load_tags;
use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::proxy as px;
use crate::model::{FoundProxy, Os};
use crate::probe::{self, Failure, Observations, ProxyTarget, Step, StepKind};
use crate::tags::ServiceTags;
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

pub use crate::model::probe::{
    AddressInfo, AgentReport, HostReport, PortReport, ProbeReport, ProbeVerdict, ProxyUsed,
};

/// The VM agent's endpoints: WireServer on 80 and the guest agent's port 32526.
pub const WIRESERVER: [&str; 2] = ["168.63.129.16:80", "168.63.129.16:32526"];

/// What `azegress probe` was asked.
#[derive(Clone, Debug, Default)]
pub struct ProbeOptions {
    /// Region of the VM (for the `Storage.<Region>` check).
    pub region: Option<String>,
    /// Storage account name.
    pub account: Option<String>,
    /// Storage host.
    pub host: Option<String>,
    /// File of hosts or account names, one per line.
    pub hosts_file: Option<String>,
    /// Ports (default 80, 443, 8443): `443`, or `http:8080` / `https:9443`.
    pub ports: Option<Vec<String>>,
    /// `auto`, `none` or a proxy URL.
    pub proxy: String,
    /// DNS server `IP[:PORT]`.
    pub dns: Option<String>,
    /// Extra trusted CA certificates (PEM).
    pub ca_file: Option<String>,
    /// Per step.
    pub timeout: Duration,
    /// Service-tag file.
    pub service_tags: Option<String>,
    /// Guest OS whose proxy rules apply (default: this machine's).
    pub os: Option<Os>,
    /// waagent.conf to read for `--proxy auto` (default /etc/waagent.conf).
    pub waagent_conf: Option<String>,
    /// `netsh winhttp show proxy` output to read for `--proxy auto` instead of running netsh.
    pub winhttp: Option<String>,
    /// SYSTEM Internet Settings (.reg export) to read for `--proxy auto` instead of the registry.
    pub proxy_reg: Option<String>,
    /// VM agent endpoints to probe (default 168.63.129.16:80 and :32526); empty with `no_agent`.
    pub agent: Option<Vec<String>>,
    /// Skip the VM agent's endpoints.
    pub no_agent: bool,
    /// Open connections at most.
    pub concurrency: usize,
    /// Progress bar on a terminal.
    pub progress: bool,
}

/// Reads a probe report written with `--out`.
pub fn read_report(path: &str) -> Result<ProbeReport, Error> {
    let text = crate::ingest::read(path)?;
    serde_json::from_str(&text).map_err(|e| {
        Error::Input(crate::InputError::at(
            path,
            e.line(),
            e.column(),
            format!("not a probe report written by `azegress probe --out`: {e}"),
        ))
    })
}

fn this_os() -> Os {
    if cfg!(windows) {
        Os::Windows
    } else {
        Os::Linux
    }
}

/// The storage endpoint suffix of a cloud.
fn blob_suffix(cloud: &str) -> &'static str {
    match cloud.to_ascii_lowercase().as_str() {
        "azuregovernment" | "usgov" => "blob.core.usgovcloudapi.net",
        "china" | "azurechinacloud" => "blob.core.chinacloudapi.cn",
        _ => "blob.core.windows.net",
    }
}

fn hosts(o: &ProbeOptions, tags: &ServiceTags) -> Result<Vec<String>, Error> {
    let as_host = |s: &str| -> String {
        let s = s.trim();
        if s.contains('.') || s.contains(':') {
            s.to_string()
        } else {
            format!("{}.{}", s.to_ascii_lowercase(), blob_suffix(&tags.cloud))
        }
    };
    let mut out = Vec::new();
    if let Some(h) = &o.host {
        out.push(as_host(h));
    }
    if let Some(a) = &o.account {
        if !(3..=24).contains(&a.len()) || !a.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::Usage(format!(
                "--account `{a}`: a storage account name has 3-24 lower-case letters and digits"
            )));
        }
        out.push(as_host(a));
    }
    if let Some(f) = &o.hosts_file {
        let text = crate::ingest::read(f)?;
        for l in text.lines() {
            let l = l.split('#').next().unwrap_or("").trim();
            if !l.is_empty() {
                out.push(as_host(l));
            }
        }
        if out.is_empty() {
            return Err(Error::input(
                f,
                0,
                "names no host: one host or account per line",
            ));
        }
    }
    if out.is_empty() {
        return Err(Error::Usage(
            "name what to probe: --account NAME (the storage account the backup uses, e.g. the vault's staging \
             account), --host HOST, or --hosts FILE"
                .into(),
        ));
    }
    out.dedup();
    Ok(out)
}

fn basic_auth(url: &str) -> Option<String> {
    use base64::Engine;
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or("");
    let (cred, _) = authority.rsplit_once('@')?;
    let cred = percent_decode(cred);
    Some(format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(cred)
    ))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len() + 1
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The proxy the extension uses on this VM (`--proxy auto`), with the notes that explain it.
fn auto_proxy(
    o: &ProbeOptions,
    os: Os,
    warnings: &mut Vec<Diagnostic>,
) -> Result<ProxyUsed, Error> {
    let used = |f: &FoundProxy, what: &str| ProxyUsed {
        proxy: f.setting.as_ref().map(|s| format!("{}:{}", s.host, s.port)),
        source: what.to_string(),
    };
    match os {
        Os::Linux => {
            let path = o.waagent_conf.as_deref().unwrap_or("/etc/waagent.conf");
            let env = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"]
                .iter()
                .find_map(|k| {
                    std::env::var(k)
                        .ok()
                        .filter(|v| !v.is_empty())
                        .map(|v| (*k, v))
                });
            let found = if std::path::Path::new(path).exists() {
                px::parse_waagent(&crate::ingest::read(path)?, path)?
            } else {
                warnings.push(Diagnostic::new(
                    &diag::WAAGENT_MISSING,
                    format!(
                        "{path} does not exist: without the Linux VM agent's configuration the probe goes direct, \
                         as the extension would with no HttpProxy.Host ({})",
                        crate::learn::LINUX_AGENT
                    ),
                ));
                FoundProxy {
                    kind: crate::model::ProxyKind::Waagent,
                    setting: None,
                    notes: Vec::new(),
                    origin: crate::model::Origin::at(path, 0),
                }
            };
            warnings.extend(found.notes.iter().cloned());
            if let Some((k, v)) = env {
                let env_proxy = px::parse_proxy_url(&v).ok();
                let agent_proxy = found.setting.as_ref().map(|s| (s.host.clone(), s.port));
                if env_proxy != agent_proxy {
                    warnings.push(Diagnostic::new(
                        &diag::ENV_PROXY_DIFFERS,
                        format!(
                            "{k} in this shell is {}, but the Linux backup extension ignores the environment and reads \
                             only HttpProxy.Host/Port in {path}: the probe uses what the extension uses",
                            env_proxy
                                .map(|(h, p)| format!("{h}:{p}"))
                                .unwrap_or_else(|| "set".into())
                        ),
                    ));
                }
                let no_proxy = std::env::var("no_proxy")
                    .or_else(|_| std::env::var("NO_PROXY"))
                    .unwrap_or_default();
                if !no_proxy.contains("168.63.129.16") {
                    warnings.push(Diagnostic::new(
                        &diag::NO_PROXY_LACKS_WIRESERVER,
                        format!(
                            "{k} is set but no_proxy does not name 168.63.129.16: programs that follow the environment \
                             would send the VM agent's WireServer traffic to the proxy; add 168.63.129.16 and \
                             169.254.169.254 to no_proxy"
                        ),
                    ));
                }
            }
            let what = match &found.setting {
                Some(s) => s.setting.clone(),
                None => format!("{path}: HttpProxy.Host not set"),
            };
            Ok(used(&found, &what))
        }
        Os::Windows => {
            let reg = match &o.proxy_reg {
                Some(p) => Some(px::parse_reg(&px::read_text_any(p)?, p)?),
                None => windows_command(
                    "reg",
                    &[
                        "query",
                        r"HKU\S-1-5-18\Software\Microsoft\Windows\CurrentVersion\Internet Settings",
                    ],
                )
                .map(|t| px::parse_reg(&px::reg_query_to_reg(&t), "SYSTEM Internet Settings"))
                .transpose()?,
            };
            let winhttp = match &o.winhttp {
                Some(p) => Some(px::parse_winhttp(&px::read_text_any(p)?, p)?),
                None => windows_command("netsh", &["winhttp", "show", "proxy"])
                    .map(|t| px::parse_winhttp(&t, "netsh winhttp show proxy"))
                    .transpose()?,
            };
            if reg.is_none() && winhttp.is_none() {
                warnings.push(Diagnostic::new(
                    &diag::WINDOWS_PROXY_UNREADABLE,
                    "could not read the SYSTEM account's proxy (registry) or the WinHTTP proxy: probing direct; \
                     pass --proxy-reg / --winhttp with their exports, or --proxy URL",
                ));
            }
            let chosen = [reg.as_ref(), winhttp.as_ref()]
                .into_iter()
                .flatten()
                .find_map(|f| f.setting.as_ref().map(|s| (f, s)));
            for f in [reg.as_ref(), winhttp.as_ref()].into_iter().flatten() {
                warnings.extend(f.notes.iter().cloned());
            }
            match chosen {
                Some((f, s)) => {
                    if !s.bypass.iter().any(|b| b.contains("168.63.129.16")) {
                        warnings.push(
                            Diagnostic::new(
                                &diag::BYPASS_LACKS_WIRESERVER,
                                format!(
                                    "the proxy setting ({}) does not name 168.63.129.16 in its bypass list: the VM agent's \
                                     WireServer traffic must not go through a proxy; add 168.63.129.16 and 169.254.169.254",
                                    s.setting
                                ),
                            )
                            .at(&s.origin),
                        );
                    }
                    Ok(used(f, &s.setting))
                }
                None => Ok(ProxyUsed {
                    proxy: None,
                    source: "no SYSTEM or WinHTTP proxy set".into(),
                }),
            }
        }
    }
}

/// Output of a Windows command, on Windows only.
fn windows_command(cmd: &str, args: &[&str]) -> Option<String> {
    if !cfg!(windows) {
        return None;
    }
    let out = std::process::Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn proxy_target(url: &str) -> Result<ProxyTarget, Error> {
    let (host, port) =
        px::parse_proxy_url(url).map_err(|m| Error::Usage(format!("--proxy: {m}")))?;
    Ok(ProxyTarget {
        host,
        port,
        basic_auth: basic_auth(url),
    })
}

fn parse_dns(s: &str) -> Result<SocketAddr, Error> {
    s.parse::<SocketAddr>()
        .or_else(|_| s.parse::<IpAddr>().map(|ip| SocketAddr::new(ip, 53)))
        .map_err(|_| {
            Error::Usage(format!(
                "--dns `{s}`: expected IP or IP:PORT, e.g. 10.0.0.4 or 127.0.0.1:5353"
            ))
        })
}

fn read_ca(path: &str) -> Result<Vec<rustls_pki_types::CertificateDer<'static>>, Error> {
    use rustls_pki_types::pem::PemObject;
    let bytes = crate::ingest::read_bytes(path)?;
    let certs: Vec<_> = rustls_pki_types::CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| Error::input(path, 0, format!("not a PEM certificate file: {e}")))?;
    if certs.is_empty() {
        return Err(Error::input(
            path,
            0,
            "holds no `-----BEGIN CERTIFICATE-----` block: pass the CA certificate in PEM form",
        ));
    }
    let mut store = rustls::RootCertStore::empty();
    let (_, bad) = store.add_parsable_certificates(certs.iter().cloned());
    if bad > 0 {
        return Err(Error::input(
            path,
            0,
            format!("{bad} certificate(s) cannot be used as a trust anchor"),
        ));
    }
    Ok(certs)
}

fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v) => {
            v.is_private()
                || v.is_loopback()
                || (v.octets()[0] == 100 && (v.octets()[1] & 0xC0) == 64)
        }
        IpAddr::V6(v) => v.is_loopback() || (v.segments()[0] & 0xfe00) == 0xfc00,
    }
}

fn place(ip: IpAddr, tags: &ServiceTags, region: Option<&str>) -> AddressInfo {
    let storage_tags: Vec<String> = tags
        .entries()
        .iter()
        .filter(|e| e.name.to_ascii_lowercase().starts_with("storage."))
        .filter(|e| tags.prefixes(e).is_ok_and(|p| p.set.contains(ip)))
        .map(|e| e.name.clone())
        .collect();
    let in_region = region.map(|r| {
        tags.regional("Storage", r)
            .is_some_and(|e| storage_tags.iter().any(|t| t.eq_ignore_ascii_case(&e.name)))
    });
    AddressInfo {
        ip,
        storage_tags,
        in_region,
        private: is_private(ip),
    }
}

/// The cause of a failed step, in plain words.
pub fn cause(step: &Step, port: u16, via_proxy: bool) -> String {
    let f = step.failure.unwrap_or(Failure::Other);
    let base = match (step.step, f) {
        (StepKind::Dns, Failure::NoDnsAnswer) => {
            "no DNS answer: the name does not exist (check the account name) or the VM's DNS server does not resolve \
             it (a custom DNS server must forward to 168.63.129.16 or resolve blob.core.windows.net)"
                .to_string()
        }
        (StepKind::Dns, _) => {
            "the DNS server did not answer: check the VNet's DNS servers and that the VM can reach them".to_string()
        }
        (StepKind::Tcp, Failure::Refused) if via_proxy => {
            "the proxy refused the connection: nothing listens on that address and port".into()
        }
        (StepKind::Tcp, Failure::TimedOut) if via_proxy => {
            "no answer from the proxy: an NSG, a route or the guest firewall drops traffic to it".into()
        }
        (StepKind::Tcp, Failure::Refused) => format!(
            "connection refused on {port}: a firewall or appliance on the path rejects it (or nothing listens there)"
        ),
        (StepKind::Tcp, Failure::TimedOut) => format!(
            "timed out on {port}: packets are dropped on the way: an NSG deny, a route to an appliance or Azure \
             Firewall that drops it, or the guest firewall"
        ),
        (StepKind::Tcp, Failure::Unreachable) => {
            "no route to the address from this VM: check the guest's routing table".into()
        }
        (StepKind::Tcp, _) => format!("could not connect on {port}: {}", step.detail),
        (StepKind::Connect, Failure::ProxyDenied) => format!(
            "the proxy refused with 403: its rules do not allow this host on port {port}{}",
            if port == 8443 {
                " (squid's default `http_access deny CONNECT !SSL_ports` refuses every port but 443)"
            } else {
                ""
            }
        ),
        (StepKind::Connect, Failure::ProxyAuth) => {
            "the proxy wants credentials (407): the backup extension sends none; allow the storage hosts without \
             authentication"
                .into()
        }
        (StepKind::Connect, Failure::TimedOut) => {
            "the proxy did not answer the request in time: its own way out to storage may be blocked".into()
        }
        (StepKind::Connect, _) => {
            "the proxy could not reach storage (it answered with an error): its own outbound path is blocked".into()
        }
        (StepKind::Tls, Failure::Certificate) => {
            "the certificate is not trusted for this host: a proxy or firewall re-signs TLS (inspection), and the \
             extension fails the same way; exempt *.blob.core.windows.net from TLS inspection (or pass the \
             inspecting CA with --ca-file to confirm it is the cause)"
                .into()
        }
        (StepKind::Tls, Failure::TimedOut) => {
            "the TLS handshake got no answer: a device on the path holds or drops TLS".into()
        }
        (StepKind::Tls, _) => {
            "the TLS handshake failed: something on the path resets or alters TLS".into()
        }
        (StepKind::Http, _) => "connected, but no HTTP answer came back".into(),
    };
    format!("{} failed: {base}", step.step.name())
}

/// Runs `azegress probe`.
pub fn run_probe(o: &ProbeOptions) -> Result<ProbeReport, Error> {
    let tags = load_tags(o.service_tags.as_deref())?;
    let hosts = hosts(o, &tags)?;
    let os = o.os.unwrap_or_else(this_os);
    let ports: Vec<probe::PortSpec> = o
        .ports
        .clone()
        .unwrap_or_else(|| vec!["80".into(), "443".into(), "8443".into()])
        .iter()
        .map(|s| {
            probe::PortSpec::parse(s).ok_or_else(|| {
                Error::Usage(format!(
                    "--ports `{s}`: expected a port 1-65535, or http:PORT / https:PORT (e.g. 443,8443)"
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    if ports.is_empty() {
        return Err(Error::Usage(
            "--ports: give at least one port, e.g. 443,8443".into(),
        ));
    }
    let mut warnings = Vec::new();
    warnings.extend(super::stale_tags(&tags));
    let (proxy_used, target) = match o.proxy.trim() {
        "" | "auto" => {
            let used = auto_proxy(o, os, &mut warnings)?;
            let target = used.proxy.as_deref().map(proxy_target).transpose()?;
            (used, target)
        }
        "none" | "direct" => (
            ProxyUsed {
                proxy: None,
                source: "--proxy none".into(),
            },
            None,
        ),
        url => {
            let t = proxy_target(url)?;
            (
                ProxyUsed {
                    proxy: Some(t.display()),
                    source: "--proxy".into(),
                },
                Some(t),
            )
        }
    };
    let agent: Vec<SocketAddr> = if o.no_agent {
        Vec::new()
    } else {
        let list: Vec<String> = o
            .agent
            .clone()
            .unwrap_or_else(|| WIRESERVER.iter().map(|s| s.to_string()).collect());
        list.iter()
            .map(|s| {
                s.parse()
                    .map_err(|_| Error::Usage(format!("--agent `{s}`: expected IP:PORT")))
            })
            .collect::<Result<_, _>>()?
    };
    let spec = probe::ProbeSpec {
        hosts,
        ports,
        proxy: target,
        dns: o.dns.as_deref().map(parse_dns).transpose()?,
        extra_roots: o
            .ca_file
            .as_deref()
            .map(read_ca)
            .transpose()?
            .unwrap_or_default(),
        timeout: o.timeout,
        wireserver: agent,
        concurrency: o.concurrency.max(1),
        progress: o.progress,
    };
    let obs = probe::run(&spec).map_err(Error::Network)?;
    Ok(analyse(
        obs,
        &tags,
        o.region.as_deref(),
        os,
        proxy_used,
        warnings,
    ))
}

fn analyse(
    obs: Observations,
    tags: &ServiceTags,
    region: Option<&str>,
    os: Os,
    proxy: ProxyUsed,
    mut warnings: Vec<Diagnostic>,
) -> ProbeReport {
    let via_proxy = proxy.proxy.is_some();
    let region_tag = region.map(|r| {
        tags.regional("Storage", r)
            .map_or_else(|| format!("Storage.{r}"), |e| e.name.clone())
    });
    let region_tag = region_tag.as_deref().unwrap_or("Storage.<Region>");
    let mut hosts = Vec::new();
    for h in obs.hosts {
        let addresses: Vec<AddressInfo> = h
            .addresses
            .iter()
            .map(|&ip| place(ip, tags, region))
            .collect();
        for a in &addresses {
            if a.private {
                warnings.push(Diagnostic::new(
                    &diag::RESOLVES_PRIVATE,
                    format!(
                        "{} resolves to {}, a private address: a private endpoint (privatelink.blob.core.windows.net) or a \
                         local override; the path is then the VNet's, not {region_tag}",
                        h.host, a.ip
                    ),
                ));
            } else if a.in_region == Some(false) {
                let other = if a.storage_tags.is_empty() {
                    "no Storage tag of the service-tag file in use (run `azegress tags update`)"
                        .to_string()
                } else {
                    a.storage_tags.join(", ")
                };
                warnings.push(Diagnostic::new(
                    &diag::RESOLVES_OTHER_REGION,
                    format!(
                        "{} resolves to {} in {other}, not {region_tag}: rules written for the VM's region do not cover it",
                        h.host, a.ip
                    ),
                ));
            }
        }
        let ports = h
            .ports
            .into_iter()
            .map(|p| {
                let failed = p.failed().cloned();
                PortReport {
                    failed_step: failed.as_ref().map(|s| s.step),
                    cause: failed.as_ref().map(|s| cause(s, p.port, via_proxy)),
                    obs: p,
                }
            })
            .collect();
        hosts.push(HostReport {
            host: h.host,
            dns: h.dns,
            addresses,
            ports,
        });
    }
    let agent: Vec<AgentReport> = obs
        .agent
        .into_iter()
        .map(|a| {
            let cause = a.steps.iter().find(|s| !s.ok).map(|s| {
                format!(
                    "{} failed: the VM agent's endpoint {} does not answer: not an Azure VM, or a guest firewall or a \
                     route sends it elsewhere; it must be reached directly, never through a proxy",
                    s.step.name(),
                    a.endpoint
                )
            });
            AgentReport { obs: a, cause }
        })
        .collect();
    let all_ok = hosts
        .iter()
        .all(|h| h.ports.iter().all(|p| p.obs.reachable))
        && agent.iter().all(|a| a.obs.reachable);
    if region.is_none() {
        warnings.push(Diagnostic::new(
            &diag::PROBE_NO_REGION,
            "no --region: the addresses were not checked against Storage.<Region> of the VM's region",
        ));
    }
    ProbeReport {
        schema_version: 2,
        verdict: if all_ok {
            ProbeVerdict::Reachable
        } else {
            ProbeVerdict::Blocked
        },
        os: match os {
            Os::Linux => "linux".into(),
            Os::Windows => "windows".into(),
        },
        region: region.map(str::to_string),
        proxy,
        service_tags: tags.source.clone(),
        hosts,
        agent,
        diagnostics: warnings,
        total_ms: obs.total_ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_credentials_become_a_basic_header_and_are_never_displayed() {
        let t = proxy_target("http://backup%40corp:s3cret@10.0.1.4:3128").unwrap();
        assert_eq!(t.display(), "10.0.1.4:3128");
        // "backup@corp:s3cret"
        assert_eq!(
            t.basic_auth.as_deref(),
            Some("Basic YmFja3VwQGNvcnA6czNjcmV0")
        );
        assert!(
            proxy_target("http://10.0.1.4:3128")
                .unwrap()
                .basic_auth
                .is_none()
        );
    }

    #[test]
    fn account_names_become_the_cloud_s_blob_host() {
        let t = ServiceTags::bundled();
        let o = ProbeOptions {
            account: Some("contosobackup01".into()),
            ..Default::default()
        };
        assert_eq!(
            hosts(&o, &t).unwrap(),
            ["contosobackup01.blob.core.windows.net"]
        );
        let bad = ProbeOptions {
            account: Some("Not_An-Account".into()),
            ..Default::default()
        };
        assert!(hosts(&bad, &t).is_err());
        assert!(hosts(&ProbeOptions::default(), &t).is_err());
    }

    #[test]
    fn a_storage_address_is_placed_in_its_region_tag() {
        let t = ServiceTags::bundled();
        let e = t.regional("Storage", "westeurope").unwrap();
        let net = t
            .prefixes(e)
            .unwrap()
            .nets
            .iter()
            .find(|n| n.addr().is_ipv4())
            .copied()
            .unwrap();
        let a = place(net.addr(), &t, Some("westeurope"));
        assert_eq!(a.in_region, Some(true), "{a:?}");
        assert!(!a.private);
        let b = place(net.addr(), &t, Some("koreacentral"));
        assert_eq!(b.in_region, Some(false));
        assert!(place("10.1.0.5".parse().unwrap(), &t, None).private);
    }
}

/// What `probe --workload W` adds to the probe's options.
#[derive(Clone, Debug, Default)]
pub struct WorkloadProbeOptions {
    /// Site Recovery's target region (required with `asr`).
    pub target_region: Option<String>,
    /// Conditions that apply (`snapshot`, `encrypted`, `auto-upgrade`): their destinations are probed too.
    pub when: Vec<String>,
    /// `ID=HOST`: the names to probe for destination `ID` instead of its FQDN patterns (a wildcard such as
    /// `*.backup.windowsazure.com` names no host to connect to).
    pub hosts_for: Vec<String>,
    /// SAP HANA's ExtensionSettingsOverrides.json (default `/opt/msawb/bin/ExtensionSettingsOverrides.json`
    /// with `--proxy auto`).
    pub hana_settings: Option<String>,
    /// Site Recovery's ProxyInfo.conf (default: its place on this OS, with `--proxy auto`).
    pub proxy_info: Option<String>,
}

/// One destination of the workload, as probed.
#[derive(Clone, Debug, Serialize)]
pub struct DestinationProbe {
    /// Short id (`entra`).
    pub id: String,
    /// What the user knows it as.
    pub name: String,
    /// Reachable when every name probed answered on every port; blocked when one failed; unknown when a
    /// name of it could not be probed.
    pub verdict: crate::model::Overall,
    /// `direct`, or the proxy it went through.
    pub via: String,
    /// The privatelink zone of its private endpoint, when it can have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_endpoint_zone: Option<String>,
    /// With a private endpoint possible: `private` when every name resolved to private addresses, `public`,
    /// `mixed`, or `unresolved`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolves: Option<String>,
    /// The names probed, step by step.
    pub hosts: Vec<HostReport>,
    /// The FQDN patterns not probed, with why.
    pub not_probed: Vec<String>,
}

/// `azegress probe --workload W` as data.
#[derive(Clone, Debug, Serialize)]
pub struct WorkloadProbeReport {
    /// 1.
    pub schema_version: u32,
    /// `sql`, `hana`, `mars`, `mabs`, `asr`, `vm`.
    pub workload: String,
    /// Its title.
    pub title: String,
    /// The meet of the destinations' verdicts (and the VM agent's endpoints).
    pub verdict: crate::model::Overall,
    /// Site Recovery's target region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_region: Option<String>,
    /// The workload's proxy and where it was read.
    pub proxy: ProxyUsed,
    /// Per destination.
    pub destinations: Vec<DestinationProbe>,
    /// Destinations that apply only in a condition not given.
    pub not_checked: Vec<crate::workload::NotChecked>,
    /// The VM agent's endpoints.
    pub agent: Vec<AgentReport>,
    /// Things to know.
    pub diagnostics: Vec<Diagnostic>,
    /// Wall-clock milliseconds.
    pub total_ms: f64,
}

fn valid_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 253
        && h.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// The workload's proxy on this machine: `--proxy none|URL`, or with `auto` its own setting (SAP HANA's
/// ExtensionSettingsOverrides.json, Site Recovery's ProxyInfo.conf) when present.
fn workload_proxy(
    kind: crate::workload::WorkloadKind,
    o: &ProbeOptions,
    w: &WorkloadProbeOptions,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(ProxyUsed, Option<ProxyTarget>), Error> {
    use crate::workload::{WorkloadKind as K, guest};
    let spec = kind.spec();
    let none = |why: &str| ProxyUsed {
        proxy: None,
        source: why.to_string(),
    };
    let found: Option<guest::WorkloadProxy> = match o.proxy.trim() {
        "none" | "direct" => return Ok((none("--proxy none"), None)),
        "" | "auto" => match kind {
            K::Hana => {
                let path = w
                    .hana_settings
                    .clone()
                    .unwrap_or_else(|| "/opt/msawb/bin/ExtensionSettingsOverrides.json".into());
                if w.hana_settings.is_some() || std::path::Path::new(&path).exists() {
                    let h = guest::parse_hana_settings(&crate::ingest::read(&path)?, &path)?;
                    let (p, notes) = h.proxy()?;
                    warnings.extend(notes);
                    p
                } else {
                    None
                }
            }
            K::Asr => {
                let default = if cfg!(windows) {
                    r"C:\ProgramData\Microsoft Azure Site Recovery\Config\ProxyInfo.conf"
                } else {
                    "/usr/local/InMage/config/ProxyInfo.conf"
                };
                let path = w.proxy_info.clone().unwrap_or_else(|| default.into());
                if w.proxy_info.is_some() || std::path::Path::new(&path).exists() {
                    guest::parse_proxy_info(&crate::ingest::read(&path)?, &path)?
                } else {
                    None
                }
            }
            K::Vm => {
                let used = auto_proxy(o, o.os.unwrap_or_else(this_os), warnings)?;
                let target = used.proxy.as_deref().map(proxy_target).transpose()?;
                return Ok((used, target));
            }
            _ => {
                warnings.push(Diagnostic::new(
                    &diag::WORKLOAD_PROXY_NOT_GIVEN,
                    format!(
                        "{}'s own proxy setting is not read on this machine: probing direct; pass --proxy URL if it uses one",
                        spec.title
                    ),
                ));
                None
            }
        },
        url => Some(guest::from_url(url, "--proxy")?),
    };
    let Some(wp) = found else {
        return Ok((none("no proxy set for the workload"), None));
    };
    let Some(s) = wp.found.setting.clone() else {
        return Ok((none(&wp.source), None));
    };
    let mut target = ProxyTarget {
        host: s.host.clone(),
        port: s.port,
        basic_auth: None,
    };
    if o.proxy.contains("://") {
        target.basic_auth = basic_auth(&o.proxy);
    }
    if wp.credentials && !spec.proxy.authentication {
        // the workload sends no credentials: neither does the probe
        target.basic_auth = None;
        warnings.push(Diagnostic::new(
            &diag::WORKLOAD_PROXY_UNSUPPORTED,
            format!(
                "the proxy setting ({}) carries credentials, but {} cannot authenticate to a proxy: the probe sends none, as the workload would",
                wp.source, spec.title
            ),
        ));
    }
    Ok((
        ProxyUsed {
            proxy: Some(target.display()),
            source: wp.source.clone(),
        },
        Some(target),
    ))
}

/// Runs `azegress probe --workload W`: every destination's names, DNS, TCP (or the workload's proxy
/// CONNECT), TLS, HTTP, timed; for names a private endpoint can serve, whether they resolve privately.
pub fn run_workload_probe(
    kind: crate::workload::WorkloadKind,
    o: &ProbeOptions,
    w: &WorkloadProbeOptions,
) -> Result<WorkloadProbeReport, Error> {
    use crate::model::Overall;
    use crate::workload::{NotChecked, data, meet};
    let spec = kind.spec();
    if spec.needs_target_region && w.target_region.is_none() {
        return Err(Error::Usage(format!(
            "--workload {kind} needs --target-region (the region it replicates to: Event Hubs of that region are probed)"
        )));
    }
    for c in &w.when {
        if !data::CONDITIONS.iter().any(|(n, _)| n == c) {
            return Err(Error::Usage(format!(
                "--when `{c}` is not one of {}",
                data::CONDITIONS.map(|(n, _)| n).join(", ")
            )));
        }
    }
    if o.host.is_some() || o.hosts_file.is_some() {
        return Err(Error::Usage(
            "--host and --hosts name storage hosts for the VM backup probe: with --workload, name a destination's hosts with --host-for ID=HOST".into(),
        ));
    }
    let mut hosts_for: Vec<(String, String)> = Vec::new();
    for h in &w.hosts_for {
        let (id, host) = h.split_once('=').ok_or_else(|| {
            Error::Usage(format!(
                "--host-for `{h}`: expected ID=HOST, e.g. backup=myvault.krc.backup.windowsazure.com"
            ))
        })?;
        let id = id.trim().to_ascii_lowercase();
        let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
        if !spec.destinations.iter().any(|d| d.id == id) {
            return Err(Error::Usage(format!(
                "--host-for `{id}`: {kind} has no such destination; its destinations are {}",
                spec.destinations
                    .iter()
                    .map(|d| d.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if !valid_host(&host) {
            return Err(Error::Usage(format!(
                "--host-for {id}=`{host}`: not a host name (letters, digits, `.` and `-`)"
            )));
        }
        hosts_for.push((id, host));
    }
    if let Some(a) = &o.account
        && (!(3..=24).contains(&a.len()) || !a.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return Err(Error::Usage(format!(
            "--account `{a}`: a storage account name has 3-24 lower-case letters and digits"
        )));
    }
    let tags = load_tags(o.service_tags.as_deref())?;
    let mut warnings = Vec::new();
    warnings.extend(super::stale_tags(&tags));
    let (proxy_used, target) = workload_proxy(kind, o, w, &mut warnings)?;
    let explicit_ports: Option<Vec<probe::PortSpec>> = o
        .ports
        .as_ref()
        .map(|l| {
            l.iter()
                .map(|s| {
                    probe::PortSpec::parse(s).ok_or_else(|| {
                        Error::Usage(format!(
                            "--ports `{s}`: expected a port 1-65535, or http:PORT / https:PORT"
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    // each destination's names, ports and proxy
    struct Plan {
        hosts: Vec<String>,
        not_probed: Vec<String>,
        ports: Vec<probe::PortSpec>,
        proxied: bool,
    }
    let mut plans = Vec::new();
    let mut not_checked = Vec::new();
    for d in &spec.destinations {
        if !d.always() && !w.when.contains(&d.when) {
            not_checked.push(NotChecked {
                id: d.id.clone(),
                name: d.name.clone(),
                why: format!("needed only with --when {}", d.when),
            });
            continue;
        }
        let given: Vec<String> = hosts_for
            .iter()
            .filter(|(id, _)| *id == d.id)
            .map(|(_, h)| h.clone())
            .collect();
        let mut hosts = Vec::new();
        let mut not_probed = Vec::new();
        if !given.is_empty() {
            hosts = given;
        } else {
            for f in &d.fqdns {
                match f.strip_prefix("*.") {
                    None => hosts.push(f.to_ascii_lowercase()),
                    Some(rest) => match (&o.account, rest) {
                        (Some(a), "blob.core.windows.net" | "queue.core.windows.net") => {
                            hosts.push(format!("{}.{rest}", a.to_ascii_lowercase()))
                        }
                        _ => not_probed.push(format!(
                            "{f}: a wildcard names no host to connect to; pass --host-for {}=HOST{}",
                            d.id,
                            if rest.ends_with("core.windows.net") {
                                " (or --account NAME for the storage account)"
                            } else {
                                ""
                            }
                        )),
                    },
                }
            }
        }
        hosts.dedup();
        let ports = match (&explicit_ports, &d.ports) {
            (Some(p), _) => p.clone(),
            (None, data::Ports::List(l)) => l
                .iter()
                .map(|&port| probe::PortSpec {
                    port,
                    tls: port != 80,
                })
                .collect(),
            (None, data::Ports::ByDisks(_)) => ["80", "443", "8443"]
                .iter()
                .filter_map(|s| probe::PortSpec::parse(s))
                .collect(),
        };
        let proxied = target.is_some()
            && match spec.proxy.mode {
                data::ProxyMode::EntraOnly => d.proxy,
                _ => true,
            };
        plans.push((
            d,
            Plan {
                hosts,
                not_probed,
                ports,
                proxied,
            },
        ));
    }
    let agent: Vec<SocketAddr> = if o.no_agent
        || matches!(
            kind,
            crate::workload::WorkloadKind::Mars | crate::workload::WorkloadKind::Mabs
        ) {
        Vec::new()
    } else {
        o.agent
            .clone()
            .unwrap_or_else(|| WIRESERVER.iter().map(|s| s.to_string()).collect())
            .iter()
            .map(|s| {
                s.parse()
                    .map_err(|_| Error::Usage(format!("--agent `{s}`: expected IP:PORT")))
            })
            .collect::<Result<_, _>>()?
    };
    let dns = o.dns.as_deref().map(parse_dns).transpose()?;
    let roots = o
        .ca_file
        .as_deref()
        .map(read_ca)
        .transpose()?
        .unwrap_or_default();
    // one run per (ports, proxied) group: the hosts of a group are probed concurrently
    let mut groups: Vec<(Vec<probe::PortSpec>, bool, Vec<String>)> = Vec::new();
    for (_, p) in &plans {
        if p.hosts.is_empty() {
            continue;
        }
        match groups
            .iter_mut()
            .find(|(ports, proxied, _)| *ports == p.ports && *proxied == p.proxied)
        {
            Some(g) => {
                for h in &p.hosts {
                    if !g.2.contains(h) {
                        g.2.push(h.clone());
                    }
                }
            }
            None => groups.push((p.ports.clone(), p.proxied, p.hosts.clone())),
        }
    }
    let mut reports: Vec<(bool, HostReport)> = Vec::new();
    let mut agent_reports = Vec::new();
    let mut total_ms = 0.0;
    let mut agent_left = agent;
    let os = o.os.unwrap_or_else(this_os);
    for (ports, proxied, hosts) in groups {
        let pspec = probe::ProbeSpec {
            hosts,
            ports,
            proxy: if proxied { target.clone() } else { None },
            dns,
            extra_roots: roots.clone(),
            timeout: o.timeout,
            wireserver: std::mem::take(&mut agent_left),
            concurrency: o.concurrency.max(1),
            progress: o.progress,
        };
        let obs = probe::run(&pspec).map_err(Error::Network)?;
        let r = analyse(
            obs,
            &tags,
            o.region.as_deref(),
            os,
            proxy_used.clone(),
            Vec::new(),
        );
        total_ms += r.total_ms;
        for d in r.diagnostics {
            if !warnings
                .iter()
                .any(|x| x.code == d.code && x.message == d.message)
            {
                warnings.push(d);
            }
        }
        agent_reports.extend(r.agent);
        reports.extend(r.hosts.into_iter().map(|h| (proxied, h)));
    }
    if !agent_left.is_empty() {
        // no host was probed: the agent's endpoints still are
        let obs = probe::run(&probe::ProbeSpec {
            hosts: Vec::new(),
            ports: vec![],
            proxy: None,
            dns,
            extra_roots: Vec::new(),
            timeout: o.timeout,
            wireserver: agent_left,
            concurrency: o.concurrency.max(1),
            progress: false,
        })
        .map_err(Error::Network)?;
        let r = analyse(
            obs,
            &tags,
            o.region.as_deref(),
            os,
            proxy_used.clone(),
            Vec::new(),
        );
        agent_reports.extend(r.agent);
    }
    let mut verdict = Overall::Reachable;
    let mut destinations = Vec::new();
    for (d, p) in plans {
        let hosts: Vec<HostReport> = reports
            .iter()
            .filter(|(px, h)| *px == p.proxied && p.hosts.contains(&h.host))
            .map(|(_, h)| h.clone())
            .collect();
        let failed = hosts
            .iter()
            .any(|h| h.ports.iter().any(|x| !x.obs.reachable))
            || hosts.iter().any(|h| !h.dns.ok);
        let dv = if failed {
            Overall::Blocked
        } else if !p.not_probed.is_empty() || hosts.is_empty() {
            Overall::Unknown
        } else {
            Overall::Reachable
        };
        verdict = meet(verdict, dv);
        let zone = d.private_endpoint.as_ref().map(|r| {
            match (
                r.zone.contains("{geo}"),
                o.region.as_deref().and_then(crate::workload::pe::geo_code),
            ) {
                (true, Some(g)) => r.zone.replace("{geo}", g),
                _ => r.zone.clone(),
            }
        });
        let resolves = zone.as_ref().map(|_| {
            let addrs: Vec<&AddressInfo> = hosts.iter().flat_map(|h| h.addresses.iter()).collect();
            if addrs.is_empty() || hosts.iter().any(|h| !h.dns.ok) {
                "unresolved"
            } else if addrs.iter().all(|a| a.private) {
                "private"
            } else if addrs.iter().all(|a| !a.private) {
                "public"
            } else {
                "mixed"
            }
            .to_string()
        });
        if let (Some(z), Some(res)) = (&zone, &resolves) {
            let m = match res.as_str() {
                "private" => Some(format!(
                    "{}: the names probed resolve to private addresses: a private endpoint (zone {z}) or a local override serves them",
                    d.name
                )),
                "mixed" => Some(format!(
                    "{}: some names resolve to private addresses and some to public ones: the zone {z} holds records for only some of them",
                    d.name
                )),
                _ => None,
            };
            if let Some(m) = m {
                warnings.push(Diagnostic::new(&diag::VAULT_PRIVATE_ENDPOINT, m));
            }
        }
        destinations.push(DestinationProbe {
            id: d.id.clone(),
            name: d.name.clone(),
            verdict: dv,
            via: if p.proxied {
                proxy_used.proxy.clone().unwrap_or_else(|| "direct".into())
            } else {
                "direct".into()
            },
            private_endpoint_zone: zone,
            resolves,
            hosts,
            not_probed: p.not_probed,
        });
    }
    if agent_reports.iter().any(|a| !a.obs.reachable) {
        verdict = meet(verdict, Overall::Blocked);
    }
    Ok(WorkloadProbeReport {
        schema_version: 1,
        workload: kind.name().into(),
        title: spec.title.clone(),
        verdict,
        target_region: w.target_region.clone(),
        proxy: proxy_used,
        destinations,
        not_checked,
        agent: agent_reports,
        diagnostics: warnings,
        total_ms,
    })
}
