//! The live probe: the one place (with [`download`]) that opens sockets. It observes, step by step, what
//! the backup extension's own connections would meet on this VM: DNS (hickory-resolver), TCP or HTTP
//! CONNECT through the proxy, TLS (rustls, certificates verified against the webpki roots plus
//! `--ca-file`), and an HTTP answer (hyper, the HTTP engine under reqwest; the connection is built by hand
//! so every step is timed and the failing one named). Any HTTP status from storage means reachable.
//!
//! It returns observations only; what they mean against the service tags and the offline analysis is the
//! app's business (`app::probe`).

pub mod download;

use http_body_util::Empty;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rustls_pki_types::{CertificateDer, ServerName};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

pub use crate::model::probe::{
    AgentObservation, Failure, HostObservation, Observations, PortObservation, Step, StepKind,
};

/// Installs rustls' ring provider once (reqwest and the probe share it).
pub fn install_crypto() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The proxy the probe goes through.
#[derive(Clone, Debug)]
pub struct ProxyTarget {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// `Proxy-Authorization: Basic …` value, when the proxy URL carried credentials. Never printed.
    pub basic_auth: Option<String>,
}

impl ProxyTarget {
    /// `host:port`, without credentials (for reports).
    pub fn display(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// What to probe and how.
#[derive(Clone, Debug)]
pub struct ProbeSpec {
    /// Storage hosts (`account.blob.core.windows.net`).
    pub hosts: Vec<String>,
    /// Ports and whether they speak TLS.
    pub ports: Vec<PortSpec>,
    /// Through this proxy, or direct.
    pub proxy: Option<ProxyTarget>,
    /// DNS server (`--dns`); the system's configuration when `None`.
    pub dns: Option<SocketAddr>,
    /// Extra trusted roots (`--ca-file`), DER.
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// Per step.
    pub timeout: Duration,
    /// The VM agent's endpoints (168.63.129.16:80 and :32526), always probed direct.
    pub wireserver: Vec<SocketAddr>,
    /// Open connections at most.
    pub concurrency: usize,
    /// Draw a progress bar on stderr (only on a terminal).
    pub progress: bool,
}

/// A port to probe: plain HTTP (80) or TLS (every other port by default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortSpec {
    /// TCP port.
    pub port: u16,
    /// TLS handshake before HTTP.
    pub tls: bool,
}

impl PortSpec {
    /// `443`, `80`, or with a scheme: `http:8080`, `https:9443` (port 80 is plain HTTP, others TLS).
    pub fn parse(s: &str) -> Option<PortSpec> {
        let (scheme, num) = s
            .trim()
            .split_once(':')
            .map_or((None, s.trim()), |(a, b)| (Some(a), b));
        let port: u16 = num.parse().ok().filter(|p| *p > 0)?;
        let tls = match scheme.map(str::to_ascii_lowercase).as_deref() {
            None => port != 80,
            Some("http") => false,
            Some("https" | "tls") => true,
            Some(_) => return None,
        };
        Some(PortSpec { port, tls })
    }
}

fn ms(t: Instant) -> f64 {
    (t.elapsed().as_secs_f64() * 1e5).round() / 100.0
}

fn ok(step: StepKind, t: Instant, detail: String) -> Step {
    Step {
        step,
        ok: true,
        ms: ms(t),
        detail,
        failure: None,
    }
}

fn fail(step: StepKind, t: Instant, failure: Failure, detail: String) -> Step {
    Step {
        step,
        ok: false,
        ms: ms(t),
        detail,
        failure: Some(failure),
    }
}

/// Runs the probe. Only errors that stop it before any observation (runtime, resolver configuration)
/// are errors; everything the network does is an observation.
pub fn run(spec: &ProbeSpec) -> Result<Observations, String> {
    install_crypto();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))?;
    rt.block_on(run_async(spec))
}

async fn run_async(spec: &ProbeSpec) -> Result<Observations, String> {
    let started = Instant::now();
    let resolver = Arc::new(resolver(spec)?);
    let tls = Arc::new(tls_config(&spec.extra_roots));
    let limit = Arc::new(tokio::sync::Semaphore::new(spec.concurrency.max(1)));
    let total = (spec.hosts.len() * spec.ports.len() + spec.wireserver.len()) as u64;
    let bar = if spec.progress {
        let b = indicatif::ProgressBar::with_draw_target(
            Some(total),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(s) = indicatif::ProgressStyle::with_template("probing {bar:30} {pos}/{len} {msg}")
        {
            b.set_style(s);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };

    let mut agent_tasks = Vec::new();
    for &ep in &spec.wireserver {
        let (limit, timeout, bar) = (limit.clone(), spec.timeout, bar.clone());
        agent_tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await;
            let r = probe_agent(ep, timeout).await;
            bar.inc(1);
            r
        }));
    }
    let mut host_tasks = Vec::new();
    for host in &spec.hosts {
        let (spec2, resolver, tls, limit, bar) = (
            spec.clone(),
            resolver.clone(),
            tls.clone(),
            limit.clone(),
            bar.clone(),
        );
        let host = host.clone();
        host_tasks.push(tokio::spawn(async move {
            probe_host(&spec2, &host, &resolver, &tls, &limit, &bar).await
        }));
    }
    let mut hosts = Vec::new();
    for t in host_tasks {
        hosts.push(t.await.map_err(|e| format!("probe task failed: {e}"))?);
    }
    let mut agent = Vec::new();
    for t in agent_tasks {
        agent.push(t.await.map_err(|e| format!("probe task failed: {e}"))?);
    }
    bar.finish_and_clear();
    Ok(Observations {
        hosts,
        agent,
        total_ms: ms(started),
    })
}

fn resolver(spec: &ProbeSpec) -> Result<hickory_resolver::TokioResolver, String> {
    use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig};
    use hickory_resolver::net::runtime::TokioRuntimeProvider;
    let mut builder = match spec.dns {
        Some(addr) => {
            let mut udp = ConnectionConfig::udp();
            udp.port = addr.port();
            let mut tcp = ConnectionConfig::tcp();
            tcp.port = addr.port();
            let ns = NameServerConfig::new(addr.ip(), true, vec![udp, tcp]);
            hickory_resolver::TokioResolver::builder_with_config(
                ResolverConfig::from_name_servers(vec![ns]),
                TokioRuntimeProvider::default(),
            )
        }
        None => hickory_resolver::TokioResolver::builder_tokio().map_err(|e| {
            format!("cannot read the system's DNS configuration ({e}); name a server with --dns")
        })?,
    };
    let opts = builder.options_mut();
    opts.timeout = spec.timeout;
    opts.attempts = 1;
    builder
        .build()
        .map_err(|e| format!("cannot set up DNS resolution: {e}"))
}

fn tls_config(extra: &[CertificateDer<'static>]) -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for c in extra {
        // a certificate rustls cannot use as a root is reported when the file is read (app::probe)
        let _ = roots.add(c.clone());
    }
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth()
}

async fn resolve(resolver: &hickory_resolver::TokioResolver, host: &str) -> (Step, Vec<IpAddr>) {
    let t = Instant::now();
    if let Ok(ip) = host.trim_matches(['[', ']']).parse::<IpAddr>() {
        return (ok(StepKind::Dns, t, format!("{ip} (an address)")), vec![ip]);
    }
    match resolver.lookup_ip(host).await {
        Ok(l) => {
            let addrs: Vec<IpAddr> = l.iter().collect();
            if addrs.is_empty() {
                return (
                    fail(
                        StepKind::Dns,
                        t,
                        Failure::NoDnsAnswer,
                        "no address in the answer".into(),
                    ),
                    addrs,
                );
            }
            let shown: Vec<String> = addrs.iter().map(IpAddr::to_string).collect();
            (ok(StepKind::Dns, t, shown.join(", ")), addrs)
        }
        Err(e) => {
            let (class, detail) = if e.is_nx_domain() {
                (
                    Failure::NoDnsAnswer,
                    format!("{host}: no such name (NXDOMAIN)"),
                )
            } else if e.is_no_records_found() {
                (Failure::NoDnsAnswer, format!("{host}: no A or AAAA record"))
            } else {
                (Failure::DnsUnreachable, one_line(&e.to_string()))
            };
            (fail(StepKind::Dns, t, class, detail), Vec::new())
        }
    }
}

async fn probe_host(
    spec: &ProbeSpec,
    host: &str,
    resolver: &hickory_resolver::TokioResolver,
    tls: &Arc<rustls::ClientConfig>,
    limit: &Arc<tokio::sync::Semaphore>,
    bar: &indicatif::ProgressBar,
) -> HostObservation {
    let (dns, addresses) = resolve(resolver, host).await;
    let mut tasks = Vec::new();
    for &ps in &spec.ports {
        let (spec, host, addresses, tls, limit, bar, resolver, dns) = (
            spec.clone(),
            host.to_string(),
            addresses.clone(),
            tls.clone(),
            limit.clone(),
            bar.clone(),
            resolver.clone(),
            dns.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await;
            let r = match &spec.proxy {
                None => direct(&spec, &host, ps, &dns, &addresses, &tls).await,
                Some(p) => via_proxy(&spec, p, &host, ps, &resolver, &tls).await,
            };
            bar.inc(1);
            r
        }));
    }
    let mut ports = Vec::new();
    for t in tasks {
        if let Ok(p) = t.await {
            ports.push(p);
        }
    }
    HostObservation {
        host: host.to_string(),
        dns,
        addresses,
        ports,
    }
}

/// TCP to `port` on each address in turn, until one answers.
async fn connect_any(ips: &[IpAddr], port: u16, timeout: Duration) -> (Step, Option<TcpStream>) {
    let t = Instant::now();
    let mut last = None;
    for a in ips.iter().map(|&ip| SocketAddr::new(ip, port)) {
        match tokio::time::timeout(timeout, TcpStream::connect(a)).await {
            Ok(Ok(s)) => return (ok(StepKind::Tcp, t, a.to_string()), Some(s)),
            Ok(Err(e)) => {
                let class = match e.kind() {
                    std::io::ErrorKind::ConnectionRefused => Failure::Refused,
                    std::io::ErrorKind::TimedOut => Failure::TimedOut,
                    std::io::ErrorKind::HostUnreachable
                    | std::io::ErrorKind::NetworkUnreachable => Failure::Unreachable,
                    _ => Failure::Other,
                };
                last = Some((class, format!("{a}: {e}")));
            }
            Err(_) => {
                last = Some((
                    Failure::TimedOut,
                    format!("{a}: no answer in {}", secs(timeout)),
                ))
            }
        }
    }
    let (class, detail) = last.unwrap_or((Failure::Other, "no address to connect to".into()));
    (fail(StepKind::Tcp, t, class, detail), None)
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

async fn direct(
    spec: &ProbeSpec,
    host: &str,
    ps: PortSpec,
    dns: &Step,
    addresses: &[IpAddr],
    tls: &Arc<rustls::ClientConfig>,
) -> PortObservation {
    let port = ps.port;
    let mut obs = PortObservation {
        port,
        tls: ps.tls,
        via: "direct".into(),
        steps: vec![dns.clone()],
        reachable: false,
        http_status: None,
    };
    if !dns.ok {
        return obs;
    }
    let (step, stream) = connect_any(addresses, port, spec.timeout).await;
    obs.steps.push(step);
    let Some(stream) = stream else {
        return obs;
    };
    finish(spec, host, ps, stream, tls, &mut obs).await;
    obs
}

async fn via_proxy(
    spec: &ProbeSpec,
    proxy: &ProxyTarget,
    host: &str,
    ps: PortSpec,
    resolver: &hickory_resolver::TokioResolver,
    tls: &Arc<rustls::ClientConfig>,
) -> PortObservation {
    let port = ps.port;
    let mut obs = PortObservation {
        port,
        tls: ps.tls,
        via: format!("proxy {}", proxy.display()),
        steps: Vec::new(),
        reachable: false,
        http_status: None,
    };
    // the proxy's own name is resolved here; storage's name is the proxy's to resolve
    let (pdns, paddrs) = resolve(resolver, &proxy.host).await;
    if !pdns.ok {
        let mut s = pdns;
        s.detail = format!("proxy {}: {}", proxy.host, s.detail);
        obs.steps.push(s);
        return obs;
    }
    let (mut step, stream) = connect_any(&paddrs, proxy.port, spec.timeout).await;
    step.detail = format!("proxy {}", step.detail);
    obs.steps.push(step);
    let Some(stream) = stream else {
        return obs;
    };
    if !ps.tls {
        // plain HTTP through a proxy: GET with the absolute URL; the proxy's answer is the step
        finish_plain_via_proxy(spec, proxy, host, port, TokioIo::new(stream), &mut obs).await;
        return obs;
    }
    let t = Instant::now();
    let tunnel =
        tokio::time::timeout(spec.timeout, connect_tunnel(proxy, host, port, stream)).await;
    match tunnel {
        Ok(Ok(io)) => {
            obs.steps.push(ok(
                StepKind::Connect,
                t,
                format!("CONNECT {host}:{port} → 200"),
            ));
            finish(spec, host, ps, io, tls, &mut obs).await;
        }
        Ok(Err((class, detail))) => obs.steps.push(fail(StepKind::Connect, t, class, detail)),
        Err(_) => obs.steps.push(fail(
            StepKind::Connect,
            t,
            Failure::TimedOut,
            format!(
                "CONNECT {host}:{port}: the proxy did not answer in {}",
                secs(spec.timeout)
            ),
        )),
    }
    obs
}

fn proxy_status_failure(status: u16) -> Failure {
    match status {
        403 => Failure::ProxyDenied,
        407 => Failure::ProxyAuth,
        _ => Failure::ProxyError,
    }
}

async fn connect_tunnel(
    proxy: &ProxyTarget,
    host: &str,
    port: u16,
    stream: TcpStream,
) -> Result<TokioIo<hyper::upgrade::Upgraded>, (Failure, String)> {
    let authority = format!("{host}:{port}");
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| (Failure::Other, one_line(&e.to_string())))?;
    tokio::spawn(async move {
        let _ = conn.with_upgrades().await;
    });
    let mut req = hyper::Request::connect(&authority).header(hyper::header::HOST, &authority);
    if let Some(a) = &proxy.basic_auth {
        req = req.header(hyper::header::PROXY_AUTHORIZATION, a);
    }
    let req = req
        .body(Empty::<Bytes>::new())
        .map_err(|e| (Failure::Other, e.to_string()))?;
    let res = sender.send_request(req).await.map_err(|e| {
        (
            Failure::NoHttpAnswer,
            format!("CONNECT {authority}: the proxy closed the connection ({e})"),
        )
    })?;
    let status = res.status().as_u16();
    if !res.status().is_success() {
        return Err((
            proxy_status_failure(status),
            format!(
                "CONNECT {authority} → {status}{}",
                proxy_error_name(res.headers())
            ),
        ));
    }
    hyper::upgrade::on(res)
        .await
        .map(TokioIo::new)
        .map_err(|e| (Failure::Other, format!("CONNECT {authority}: {e}")))
}

/// squid names the reason of a refusal in `X-Squid-Error` (`ERR_ACCESS_DENIED 0`).
fn proxy_error_name(h: &hyper::HeaderMap) -> String {
    h.get("x-squid-error")
        .and_then(|v| v.to_str().ok())
        .map(|v| format!(" ({v})"))
        .unwrap_or_default()
}

async fn finish_plain_via_proxy(
    spec: &ProbeSpec,
    proxy: &ProxyTarget,
    host: &str,
    port: u16,
    io: TokioIo<TcpStream>,
    obs: &mut PortObservation,
) {
    let uri = if port == 80 {
        format!("http://{host}/")
    } else {
        format!("http://{host}:{port}/")
    };
    let (step, got) = http_step(spec.timeout, io, &uri, host, proxy.basic_auth.as_deref()).await;
    match got {
        // a refusal by the proxy itself is the proxy's step; anything else is storage's answer
        Some((status, squid_error))
            if matches!(status, 403 | 407) && squid_error.is_some() || status == 407 =>
        {
            obs.steps.push(Step {
                step: StepKind::Connect,
                ok: false,
                failure: Some(proxy_status_failure(status)),
                detail: format!(
                    "GET {uri} → {status}{}",
                    squid_error.map(|e| format!(" ({e})")).unwrap_or_default()
                ),
                ..step
            });
        }
        other => obs.record_http(step, other),
    }
}

/// TLS (unless port 80) and the HTTP answer over an established connection.
async fn finish<S>(
    spec: &ProbeSpec,
    host: &str,
    ps: PortSpec,
    io: S,
    tls: &Arc<rustls::ClientConfig>,
    obs: &mut PortObservation,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let uri = "/";
    if !ps.tls {
        let (step, status) = http_step(spec.timeout, TokioIo::new(io), uri, host, None).await;
        obs.record_http(step, status);
        return;
    }
    let t = Instant::now();
    let name = match ServerName::try_from(host.trim_matches(['[', ']']).to_string()) {
        Ok(n) => n,
        Err(e) => {
            obs.steps.push(fail(
                StepKind::Tls,
                t,
                Failure::Other,
                format!("`{host}` cannot be a TLS server name: {e}"),
            ));
            return;
        }
    };
    let connector = tokio_rustls::TlsConnector::from(tls.clone());
    let stream = match tokio::time::timeout(spec.timeout, connector.connect(name, io)).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            let class = if is_certificate_error(&e) {
                Failure::Certificate
            } else {
                Failure::Tls
            };
            obs.steps
                .push(fail(StepKind::Tls, t, class, one_line(&e.to_string())));
            return;
        }
        Err(_) => {
            obs.steps.push(fail(
                StepKind::Tls,
                t,
                Failure::TimedOut,
                format!("no TLS answer in {}", secs(spec.timeout)),
            ));
            return;
        }
    };
    let version = stream
        .get_ref()
        .1
        .protocol_version()
        .map(|v| format!("{v:?}").replace('_', "."))
        .unwrap_or_default();
    obs.steps.push(ok(
        StepKind::Tls,
        t,
        format!("{version}, certificate valid for {host}"),
    ));
    let (step, status) = http_step(spec.timeout, TokioIo::new(stream), uri, host, None).await;
    obs.record_http(step, status);
}

/// The HTTP step: `GET uri` with a timeout; the status and squid's error name when an answer came.
async fn http_step<IO>(
    timeout: Duration,
    io: IO,
    uri: &str,
    host: &str,
    proxy_auth: Option<&str>,
) -> (Step, Option<(u16, Option<String>)>)
where
    IO: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let t = Instant::now();
    match tokio::time::timeout(timeout, http_status(io, uri, host, proxy_auth)).await {
        Ok(Ok((status, squid))) => (
            ok(StepKind::Http, t, format!("GET {uri} → HTTP {status}")),
            Some((status, squid)),
        ),
        Ok(Err(e)) => (fail(StepKind::Http, t, Failure::NoHttpAnswer, e), None),
        Err(_) => (
            fail(
                StepKind::Http,
                t,
                Failure::TimedOut,
                format!("no HTTP answer in {}", secs(timeout)),
            ),
            None,
        ),
    }
}

impl PortObservation {
    /// Records the HTTP step; an answer makes the port reachable.
    fn record_http(&mut self, step: Step, status: Option<(u16, Option<String>)>) {
        if let Some((s, _)) = status {
            self.reachable = true;
            self.http_status = Some(s);
        }
        self.steps.push(step);
    }
}

fn is_certificate_error(e: &std::io::Error) -> bool {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .is_some_and(|r| {
            matches!(
                r,
                rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented
            )
        })
}

/// Sends `GET uri` with `Host: host` and returns the status and squid's error name, if any.
async fn http_status<IO>(
    io: IO,
    uri: &str,
    host: &str,
    proxy_auth: Option<&str>,
) -> Result<(u16, Option<String>), String>
where
    IO: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| one_line(&e.to_string()))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let mut req = hyper::Request::get(uri)
        .header(hyper::header::HOST, host)
        .header(
            hyper::header::USER_AGENT,
            concat!("azegress-probe/", env!("CARGO_PKG_VERSION")),
        )
        .header("x-ms-version", "2021-08-06");
    if let Some(a) = proxy_auth {
        req = req.header(hyper::header::PROXY_AUTHORIZATION, a);
    }
    let req = req.body(Empty::<Bytes>::new()).map_err(|e| e.to_string())?;
    let res = sender
        .send_request(req)
        .await
        .map_err(|e| format!("the connection closed before an HTTP answer ({e})"))?;
    let squid = res
        .headers()
        .get("x-squid-error")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    Ok((res.status().as_u16(), squid))
}

async fn probe_agent(ep: SocketAddr, timeout: Duration) -> AgentObservation {
    let (step, stream) = connect_any(&[ep.ip()], ep.port(), timeout).await;
    let mut obs = AgentObservation {
        endpoint: ep,
        steps: vec![step],
        reachable: false,
    };
    let Some(stream) = stream else {
        return obs;
    };
    if ep.port() != 80 {
        obs.reachable = true;
        return obs;
    }
    let host = ep.ip().to_string();
    let (step, status) = http_step(
        timeout,
        TokioIo::new(stream),
        "/?comp=versions",
        &host,
        None,
    )
    .await;
    obs.reachable = status.is_some();
    obs.steps.push(step);
    obs
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}
