//! The probe through a real proxy: squid from Debian's packages with Debian's shipped squid.conf
//! (examples/squid-debian-defaults/squid.conf), which must refuse CONNECT to the 8443 stand-in, and with
//! the same file plus the allow line `azegress fix --option proxy` proposes, which must let it through.
//! The probe's verdicts are also compared with azegress's offline evaluation of the same file.
//! Reference: azure-semantics.md §5.4 (squid's SSL_ports, the extension's CONNECT).
//!
//! Ports: the TLS storage stand-ins listen on free ports, so Debian's `port 443` lines name the 443
//! stand-in instead; every other line of the file is Debian's.

mod support;

use assert_cmd::Command;
use azegress::engine::Source;
use azegress::engine::squid::{self, ProxyRequest};
use azegress::ingest::proxy::parse_squid;
use azegress::model::*;
use azegress::tags::fqdn::Host;
use serde_json::Value;

const ACCOUNT: &str = "contosobackup01";

/// Debian's file, placed in the test directory, with the 443 stand-in for 443.
fn debian_conf(port: u16, dir: &std::path::Path, tls443: u16, extra_allow: &str) -> String {
    let text = std::fs::read_to_string("examples/squid-debian-defaults/squid.conf").unwrap();
    let hosts = dir.join("hosts");
    std::fs::write(
        &hosts,
        format!("127.0.0.1 {ACCOUNT}.blob.core.windows.net\n"),
    )
    .unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let l = line.trim_start();
        let replaced = if l.starts_with("acl SSL_ports port 443")
            || l.starts_with("acl Safe_ports port 443")
        {
            line.replacen("443", &tls443.to_string(), 1)
        } else if l.starts_with("http_port ")
            || l.starts_with("coredump_dir ")
            || l.starts_with("include /etc/squid/conf.d")
        {
            continue;
        } else if l.starts_with("http_access deny CONNECT !SSL_ports") {
            format!("{extra_allow}{line}")
        } else {
            line.to_string()
        };
        out.push_str(&replaced);
        out.push('\n');
    }
    format!(
        "{}hosts_file {}\n{out}",
        support::squid::environment(port, dir),
        hosts.display()
    )
}

fn offline(conf: &str, listen: u16, port: u16) -> DecisionAccess {
    let c = parse_squid(conf, "squid.conf").unwrap();
    let h = Host::Name(format!("{ACCOUNT}.blob.core.windows.net"));
    let req = ProxyRequest {
        client: Source::Ip("127.0.0.1".parse().unwrap()),
        vnet: AddrSet::from_net("127.0.0.0/8".parse().unwrap()),
        method: "CONNECT",
        host: &h,
        port,
        listen_port: listen,
        os: Os::Windows,
    };
    squid::eval(&c, &req, &AddrSet::from_ip("127.0.0.1".parse().unwrap()))[0].access
}

fn run(extra_allow: impl Fn(u16) -> String) -> (Vec<(u16, bool, Value)>, Vec<DecisionAccess>) {
    let s = support::start("127.0.0.1".parse().unwrap());
    let [p443, p8443] = s.tls;
    let (sq, conf) =
        support::squid::start_with(|port, dir| debian_conf(port, dir, p443, &extra_allow(p8443)));
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args([
            "probe",
            "--format",
            "json",
            "--no-agent",
            "--timeout",
            "10s",
            "--account",
            ACCOUNT,
        ])
        .args([
            "--dns",
            &s.dns.to_string(),
            "--ca-file",
            s.ca_file.path().to_str().unwrap(),
        ])
        .args(["--ports", &format!("{p443},{p8443}")])
        .args(["--proxy", &format!("http://127.0.0.1:{}", sq.port)])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let ports = v["hosts"][0]["ports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["port"].as_u64().unwrap() as u16,
                p["reachable"] == true,
                p.clone(),
            )
        })
        .collect();
    let ours = [p443, p8443]
        .iter()
        .map(|&p| offline(&conf, sq.port, p))
        .collect();
    (ports, ours)
}

#[test]
#[ignore = "needs squid: apt-get install squid"]
fn debian_s_squid_refuses_connect_to_8443_and_the_probe_says_so() {
    let (ports, ours) = run(|_| String::new());
    let (_, ok443, p443) = &ports[0];
    let (_, ok8443, p8443) = &ports[1];
    assert!(
        ok443,
        "CONNECT to the 443 stand-in goes through Debian's squid: {p443:#}"
    );
    let steps: Vec<&str> = p443["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    // storage's name is the proxy's to resolve: the steps start at the TCP connection to the proxy
    assert_eq!(steps, ["tcp", "connect", "tls", "http"]);
    assert!(!ok8443, "{p8443:#}");
    assert_eq!(p8443["failed_step"], "connect");
    assert_eq!(p8443["steps"][1]["failure"], "proxy_denied");
    assert!(
        p8443["steps"][1]["detail"]
            .as_str()
            .unwrap()
            .contains("ERR_ACCESS_DENIED"),
        "{p8443:#}"
    );
    assert!(p8443["cause"].as_str().unwrap().contains("403"));
    // the offline evaluation of the same file agrees
    assert_eq!(ours, [DecisionAccess::Allow, DecisionAccess::Deny]);
}

#[test]
#[ignore = "needs squid: apt-get install squid"]
fn with_the_allow_line_fix_proposes_8443_goes_through() {
    let (ports, ours) = run(|p8443| {
        format!(
            "acl azure_storage dstdomain .blob.core.windows.net\nacl backup_{p8443} port {p8443}\n\
             http_access allow CONNECT azure_storage backup_{p8443}\n"
        )
    });
    for (port, ok, p) in &ports {
        assert!(ok, "port {port}: {p:#}");
    }
    assert_eq!(ours, [DecisionAccess::Allow, DecisionAccess::Allow]);
}
