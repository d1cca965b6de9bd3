//! Differential test against the real thing: squid from Debian's packages, started here on a loopback port
//! with each test configuration, answers `CONNECT host:port` (and `GET`) requests; its decision (403
//! ERR_ACCESS_DENIED or 407 = denied; any attempt to forward, e.g. ERR_CANNOT_FORWARD offline = allowed)
//! must equal azegress's proxy decision for every request. `.ci/run` installs squid; without it this test
//! fails and says how to install it. Reference: azure-semantics.md §5.4.

use azegress::engine::Source;
use azegress::engine::squid::{self, ProxyRequest};
use azegress::ingest::proxy::parse_squid;
use azegress::model::*;
use azegress::tags::fqdn::Host;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use support::squid::Squid;

mod support;

/// Starts squid with `body` (the access rules) on a free loopback port; returns it and the whole config.
fn start(body: &str) -> (Squid, String) {
    support::squid::start_with(|port, dir| {
        format!("{}{body}", support::squid::environment(port, dir))
    })
}

/// squid's answer: denied (403 ERR_ACCESS_DENIED or 407) or an attempt to forward.
fn ask(port: u16, method: &str, target: &str) -> DecisionAccess {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let (line, host) = if method == "CONNECT" {
        (format!("CONNECT {target} HTTP/1.1"), target.to_string())
    } else {
        (format!("GET http://{target}/ HTTP/1.1"), target.to_string())
    };
    write!(s, "{line}\r\nHost: {host}\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let text = String::from_utf8_lossy(&buf);
    let status = text.split_whitespace().nth(1).unwrap_or("");
    if status == "407" || (status == "403" && text.contains("ERR_ACCESS_DENIED")) {
        DecisionAccess::Deny
    } else {
        DecisionAccess::Allow
    }
}

fn ours(
    conf: &str,
    port: u16,
    method: &'static str,
    host: &str,
    target_port: u16,
) -> DecisionAccess {
    let c = parse_squid(conf, "squid.conf").unwrap();
    let h = Host::Name(host.to_string());
    let req = ProxyRequest {
        client: Source::Ip("127.0.0.1".parse().unwrap()),
        vnet: AddrSet::from_net("127.0.0.0/8".parse().unwrap()),
        method,
        host: &h,
        port: target_port,
        listen_port: port,
        os: Os::Linux,
    };
    squid::eval(&c, &req, &AddrSet::from_ip("20.33.154.10".parse().unwrap()))[0].access
}

#[test]
#[ignore = "needs squid: apt-get install squid"]
fn azegress_decides_like_squid() {
    let configs = [
        // the allow-list the Azure Backup docs recommend, as a regex
        "acl localnet src 127.0.0.0/8\nacl azure_blob dstdom_regex -i \\.BLOB\\.core\\.windows\\.net$\nhttp_access allow localnet azure_blob\nhttp_access deny all\n",
        // url_regex sees host:port for CONNECT, a full URL for GET
        "acl conn url_regex ^[a-z0-9]+\\.blob\\.core\\.windows\\.net:443$\nacl plain url_regex -i ^http://[^/]*\\.blob\\.\nhttp_access allow conn\nhttp_access allow plain\nhttp_access deny all\n",
        // Debian's SSL_ports / Safe_ports shape: CONNECT only to 443
        "acl SSL_ports port 443\nacl Safe_ports port 80 443\nacl CONNECT method CONNECT\nhttp_access deny !Safe_ports\nhttp_access deny CONNECT !SSL_ports\nacl localnet src 127.0.0.0/8\nhttp_access allow localnet\nhttp_access deny all\n",
        // the same with 8443 added where Windows needs it
        "acl SSL_ports port 443 8443\nacl Safe_ports port 80 443 8443\nacl CONNECT method CONNECT\nhttp_access deny !Safe_ports\nhttp_access deny CONNECT !SSL_ports\nacl localnet src 127.0.0.0/8\nhttp_access allow localnet\nhttp_access deny all\n",
        // named accounts only, dstdomain and regex side by side
        "acl prod dstdomain prodvmbackup.blob.core.windows.net .queue.core.windows.net\nacl prodre dstdom_regex ^prod[a-z0-9]*\\.blob\\.core\\.windows\\.net$\nhttp_access allow prod\nhttp_access allow prodre\nhttp_access deny all\n",
        // ports and the implicit answer (opposite of the last line)
        "acl blob dstdomain .blob.core.windows.net\nacl p8443 port 8443\nhttp_access deny blob p8443\nhttp_access allow blob\n",
    ];
    // Microsoft's own minimum configuration (its http_port is the test's)
    let docs: String =
        std::fs::read_to_string("tests/data/squid/microsoftdocs-defender-iot-squid.conf")
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("http_port"))
            .map(|l| format!("{l}\n"))
            .collect();
    let configs: Vec<&str> = configs.iter().copied().chain([docs.as_str()]).collect();
    let hosts = [
        "prodvmbackup.blob.core.windows.net",
        "abc.blob.core.windows.net",
        "prod1.blob.core.windows.net",
        "x.queue.core.windows.net",
        "example.com",
    ];
    let mut compared = 0;
    let mut seen = std::collections::HashSet::new();
    for body in configs.iter().copied() {
        let (sq, conf) = start(body);
        for host in hosts {
            for port in [443u16, 8443] {
                let theirs = ask(sq.port, "CONNECT", &format!("{host}:{port}"));
                let mine = ours(&conf, sq.port, "CONNECT", host, port);
                assert_eq!(mine, theirs, "CONNECT {host}:{port} with\n{body}");
                seen.insert(format!("{theirs:?}"));
                compared += 1;
            }
            let theirs = ask(sq.port, "GET", host);
            let mine = ours(&conf, sq.port, "GET", host, 80);
            assert_eq!(mine, theirs, "GET http://{host}/ with\n{body}");
            compared += 1;
        }
    }
    assert_eq!(compared, configs.len() * hosts.len() * 3);
    // not vacuous: squid both allowed and denied
    assert_eq!(seen.len(), 2, "{seen:?}");
}

/// A public egress proxy's configuration that authenticates first (tests/data/SOURCES.md), made startable
/// here: its helper and password file at Debian's paths in `aux`, no cache directory, listen port or
/// file-backed ACL of its own (the test's environment provides the port).
fn startable_auth_conf(aux: &std::path::Path) -> String {
    let text = std::fs::read_to_string("tests/data/squid/abedzilla-docker-squid3-basic-auth.conf")
        .unwrap();
    text.lines()
        .filter(|l| {
            let w = l.split_whitespace().next().unwrap_or("");
            !matches!(
                w,
                "http_port" | "cache_dir" | "coredump_dir" | "cache_swap_low" | "cache_swap_high"
            ) && !l.contains("BADDOMAINS")
        })
        .map(|l| {
            l.replace(
                "/usr/lib/squid3/basic_ncsa_auth /etc/squid3/passwd",
                &format!("/usr/lib/squid/basic_ncsa_auth {}/passwd", aux.display()),
            )
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
#[ignore = "needs squid: apt-get install squid"]
fn the_fixed_authenticating_proxy_lets_the_backup_extension_through() {
    use azegress::app::CheckOptions;
    use azegress::app::fix::{FixOptions, run_fix};
    use azegress::report::emit::Emit;
    let aux = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(aux.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(aux.path().join("passwd"), "").unwrap();
    let original = startable_auth_conf(aux.path());
    let conf = aux.path().join("squid.conf");
    std::fs::write(&conf, &original).unwrap();
    // fix writes squid.fixed.conf beside it: the exemption before the authentication line
    let report = run_fix(&FixOptions {
        check: CheckOptions {
            region: Some("koreacentral".into()),
            vm_ip: Some("127.0.0.1".into()),
            proxy: Some("http://127.0.0.1:3128".into()),
            squid_conf: Some(conf.to_string_lossy().into_owned()),
            os: Some(Os::Linux),
            ..Default::default()
        },
        option: azegress::fix::FixOption::Proxy,
        emit: vec![Emit::File],
        write: true,
        force: false,
        allow_bypass: false,
    })
    .unwrap();
    assert_eq!(report.exit_code(), 0);
    let fixed = std::fs::read_to_string(aux.path().join("squid.fixed.conf")).unwrap();
    let blob = "prodvmbackup.blob.core.windows.net";
    let mut seen = Vec::new();
    for body in [&original, &fixed] {
        let (sq, whole) = start(body);
        for host in [blob, "example.com"] {
            let theirs = ask(sq.port, "CONNECT", &format!("{host}:443"));
            assert_eq!(
                ours(&whole, sq.port, "CONNECT", host, 443),
                theirs,
                "CONNECT {host}:443 with\n{body}"
            );
            seen.push(theirs);
        }
    }
    // before: squid asks the extension for credentials (407); after: the blob host passes, others still must log in
    assert_eq!(
        seen,
        [
            DecisionAccess::Deny,
            DecisionAccess::Deny,
            DecisionAccess::Allow,
            DecisionAccess::Deny
        ]
    );
}
