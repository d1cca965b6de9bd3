//! `azegress probe` against servers the tests start on loopback (tests/support): a TLS storage stand-in
//! with a test CA on two ports (for 443 and 8443), plain HTTP (for 80), a local DNS zone for
//! `*.blob.core.windows.net`, a silent server, and an intercepting TLS server. Reference: azure-semantics.md
//! §5 (the extension's ports and proxy) and trap 29 (the Linux extension reads waagent.conf only).

mod support;

use assert_cmd::Command;
use serde_json::Value;

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY");
    c
}

fn probe(s: &support::Servers, args: &[&str]) -> (i32, Value, String) {
    let dns = s.dns.to_string();
    let timeout: &[&str] = if args.contains(&"--timeout") {
        &[]
    } else {
        &["--timeout", "2s"]
    };
    let out = azegress()
        .args(["probe", "--dns", &dns, "--no-agent", "--format", "json"])
        .args(timeout)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v, stdout)
}

fn ports_of(v: &Value) -> Vec<&Value> {
    v["hosts"][0]["ports"].as_array().unwrap().iter().collect()
}

#[test]
fn every_step_passes_against_a_trusted_storage_stand_in() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let ports = format!("http:{},{},{}", s.http, s.tls[0], s.tls[1]);
    let ca = s.ca_file.path().to_str().unwrap();
    let (code, v, _) = probe(
        &s,
        &[
            "--account",
            "contosobackup01",
            "--ports",
            &ports,
            "--proxy",
            "none",
            "--ca-file",
            ca,
        ],
    );
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["verdict"], "reachable");
    assert_eq!(
        v["hosts"][0]["host"],
        "contosobackup01.blob.core.windows.net"
    );
    assert_eq!(v["hosts"][0]["addresses"][0]["ip"], "127.0.0.1");
    for p in ports_of(&v) {
        let steps: Vec<&str> = p["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["step"].as_str().unwrap())
            .collect();
        let want: &[&str] = if p["tls"] == true {
            &["dns", "tcp", "tls", "http"]
        } else {
            &["dns", "tcp", "http"]
        };
        assert_eq!(steps, want, "{p:#}");
        assert_eq!(
            p["http_status"], 400,
            "any storage answer counts as reachable"
        );
        assert!(p["steps"][1]["ms"].as_f64().unwrap() >= 0.0);
    }
}

#[test]
fn each_failing_step_is_named_with_its_cause() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let ca = s.ca_file.path().to_str().unwrap();
    // nothing listens: refused at TCP; silent server: no TLS answer; intercepting CA: certificate
    let closed = support::free_port();
    let ports = format!("{closed},{},{}", s.silent, s.intercepting);
    let (code, v, _) = probe(
        &s,
        &[
            "--host",
            "acct1.blob.core.windows.net",
            "--ports",
            &ports,
            "--proxy",
            "none",
            "--ca-file",
            ca,
            "--timeout",
            "1s",
        ],
    );
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["verdict"], "blocked");
    let p = ports_of(&v);
    assert_eq!(p[0]["failed_step"], "tcp");
    assert!(
        p[0]["cause"]
            .as_str()
            .unwrap()
            .contains("connection refused"),
        "{:#}",
        p[0]
    );
    assert_eq!(p[1]["failed_step"], "tls");
    assert_eq!(p[1]["steps"][2]["failure"], "timed_out");
    assert_eq!(p[2]["failed_step"], "tls");
    assert_eq!(p[2]["steps"][2]["failure"], "certificate");
    assert!(p[2]["cause"].as_str().unwrap().contains("TLS inspection"));

    // the inspecting CA, once trusted, shows that interception was the only problem
    let mitm = s.intercepting_ca_file.path().to_str().unwrap();
    let port = s.intercepting.to_string();
    let (code, v, _) = probe(
        &s,
        &[
            "--host",
            "acct1.blob.core.windows.net",
            "--ports",
            &port,
            "--proxy",
            "none",
            "--ca-file",
            mitm,
        ],
    );
    assert_eq!(code, 0, "{v:#}");
}

#[test]
fn a_name_that_does_not_resolve_fails_at_dns_and_tries_no_port() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let (code, v, _) = probe(
        &s,
        &[
            "--account",
            "nosuchaccount",
            "--ports",
            "443",
            "--proxy",
            "none",
        ],
    );
    assert_eq!(code, 1);
    let p = ports_of(&v);
    assert_eq!(p[0]["failed_step"], "dns");
    assert_eq!(p[0]["steps"][0]["failure"], "no_dns_answer");
    assert_eq!(p[0]["steps"].as_array().unwrap().len(), 1);
}

#[test]
fn addresses_are_placed_in_the_service_tags() {
    // the DNS zone answers a real Storage.WestEurope address (not contacted: port 9 on it is never reached
    // because the test probes no port but checks the placement; a loopback answer is a private address)
    let s = support::start("127.0.0.1".parse().unwrap());
    let ca = s.ca_file.path().to_str().unwrap();
    let port = s.tls[0].to_string();
    let (_, v, _) = probe(
        &s,
        &[
            "--account",
            "contosobackup01",
            "--ports",
            &port,
            "--proxy",
            "none",
            "--ca-file",
            ca,
            "--region",
            "westeurope",
        ],
    );
    assert_eq!(v["hosts"][0]["addresses"][0]["private"], true);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "AZE0705"
                && w["message"].as_str().unwrap().contains("private endpoint")),
        "{v:#}"
    );
}

#[test]
fn proxy_auto_reads_waagent_conf_and_names_the_ignored_environment() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("waagent.conf");
    // a proxy that is not there: the probe must go to it (and fail at its TCP step), not direct
    let closed = support::free_port();
    std::fs::write(
        &conf,
        format!("Extensions.Enabled=y\nHttpProxy.Host=127.0.0.1\nHttpProxy.Port={closed}\n"),
    )
    .unwrap();
    let dns = s.dns.to_string();
    let port = s.tls[0].to_string();
    let out = azegress()
        .env("https_proxy", "http://10.9.9.9:8080")
        .args([
            "probe",
            "--dns",
            &dns,
            "--no-agent",
            "--format",
            "json",
            "--os",
            "linux",
            "--account",
            "contosobackup01",
        ])
        .args(["--ports", &port, "--waagent-conf", conf.to_str().unwrap()])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(v["proxy"]["proxy"], format!("127.0.0.1:{closed}"));
    assert!(
        v["proxy"]["source"]
            .as_str()
            .unwrap()
            .contains("HttpProxy.Host")
    );
    let p = ports_of(&v);
    assert_eq!(p[0]["failed_step"], "tcp");
    assert!(
        p[0]["cause"]
            .as_str()
            .unwrap()
            .contains("proxy refused the connection")
    );
    let warnings = v["diagnostics"].to_string();
    assert!(warnings.contains("ignores the environment"), "{warnings}");
    assert!(
        warnings.contains("no_proxy does not name 168.63.129.16"),
        "{warnings}"
    );
}

#[test]
fn the_vm_agent_endpoints_are_probed_direct_even_with_a_proxy() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let dns = s.dns.to_string();
    let closed = support::free_port();
    let agent = format!("127.0.0.1:{},127.0.0.1:{closed}", s.http);
    let out = azegress()
        .args([
            "probe",
            "--dns",
            &dns,
            "--format",
            "json",
            "--account",
            "contosobackup01",
            "--ports",
            "http:1",
        ])
        .args([
            "--proxy",
            &format!("http://127.0.0.1:{closed}"),
            "--agent",
            &agent,
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = v["agent"].as_array().unwrap();
    assert_eq!(a[0]["reachable"], true, "{v:#}");
    assert_eq!(
        a[0]["steps"][0]["detail"],
        format!("127.0.0.1:{}", s.http),
        "direct, not via the proxy"
    );
    assert_eq!(a[1]["reachable"], false);
    assert!(
        a[1]["cause"]
            .as_str()
            .unwrap()
            .contains("never through a proxy")
    );
}

#[test]
fn out_file_holds_the_report_and_credentials_never_appear() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("probe.json");
    let closed = support::free_port();
    let dns = s.dns.to_string();
    let out = azegress()
        .args([
            "probe",
            "--dns",
            &dns,
            "--no-agent",
            "--account",
            "contosobackup01",
            "--ports",
            "443",
        ])
        .args([
            "--proxy",
            &format!("http://backup:S3cretPa55@127.0.0.1:{closed}"),
        ])
        .args(["--out", out_file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let saved = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.contains("BLOCKED"), "{text}");
    for t in [text.as_ref(), saved.as_str()] {
        assert!(!t.contains("S3cretPa55") && !t.contains("backup:"), "{t}");
    }
    let v: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(v["verdict"], "blocked");
}

#[test]
fn diagnose_joins_what_the_probe_saw_with_the_offline_verdict() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("probe.json");
    let ca = s.ca_file.path().to_str().unwrap();
    let ports = format!("http:{},{},{}", s.http, s.tls[0], s.silent);
    let (code, _, _) = probe(
        &s,
        &[
            "--account",
            "contosobackup01",
            "--ports",
            &ports,
            "--proxy",
            "none",
            "--ca-file",
            ca,
        ]
        .into_iter()
        .chain(["--timeout", "1s", "--out", file.to_str().unwrap()])
        .collect::<Vec<_>>(),
    );
    assert_eq!(code, 1);
    // the stand-ins take the numbers of the ports they stand for: 80, 443, and a silent 8443
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for p in v["hosts"][0]["ports"].as_array_mut().unwrap() {
        let n = p["port"].as_u64().unwrap() as u16;
        p["port"] = if n == s.http {
            80
        } else if n == s.tls[0] {
            443
        } else {
            8443
        }
        .into();
    }
    std::fs::write(&file, v.to_string()).unwrap();
    let f = file.to_str().unwrap();

    let diagnose = |scenario: &str| {
        let out = azegress()
            .args(["diagnose", scenario, "--probe", f, "--format", "json"])
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        )
    };
    // the exports allow every port, the VM does not get through on 8443
    let (code, d) = diagnose("examples/deny-all-outbound-fixed/scenario.yaml");
    assert_eq!(code, 1, "{d:#}");
    let rows = d["probe"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for r in rows {
        let port = r["port"].as_u64().unwrap();
        assert_eq!(r["offline"], "allowed");
        assert_eq!(r["agree"], port != 8443, "{r:#}");
    }
    let r8443 = rows.iter().find(|r| r["port"] == 8443).unwrap();
    let meaning = r8443["meaning"].as_str().unwrap();
    assert!(
        meaning.starts_with("offline: allowed by the exports; on the VM: tls"),
        "{meaning}"
    );
    assert!(meaning.contains("holds or resets TLS"), "{meaning}");
    let last = d["causes"].as_array().unwrap().last().unwrap().clone();
    assert!(
        last["what"]
            .as_str()
            .unwrap()
            .contains("TCP 8443 fails although the exports allow it")
    );

    // the exports deny 8443 and the VM confirms it
    let (code, d) = diagnose("examples/deny-all-outbound/scenario.yaml");
    assert_eq!(code, 1);
    let r = &d["probe"][0];
    assert_eq!(
        (
            r["port"].as_u64(),
            r["offline"].as_str(),
            r["agree"].as_bool()
        ),
        (Some(8443), Some("denied"), Some(true))
    );
    assert!(
        r["meaning"]
            .as_str()
            .unwrap()
            .contains("confirmed on the VM")
    );

    // and as text
    let out = azegress()
        .args([
            "diagnose",
            "examples/deny-all-outbound-fixed/scenario.yaml",
            "--probe",
            f,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("offline and on the VM (azegress probe)"),
        "{text}"
    );
    assert!(
        text.contains("8443/tcp: offline allowed, on the VM"),
        "{text}"
    );

    // a file that is not a probe report is an input error on one line
    std::fs::write(dir.path().join("bad.json"), "{\"schema_version\": 1}").unwrap();
    let out = azegress()
        .args([
            "diagnose",
            "examples/deny-all-outbound/scenario.yaml",
            "--probe",
        ])
        .arg(dir.path().join("bad.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not a probe report") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn a_thousand_accounts_are_probed_concurrently_with_a_bound() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("accounts.txt");
    let mut text = String::from("# one storage account per line\n");
    for i in 0..1000 {
        text.push_str(&format!("backupacct{i:04}\n"));
    }
    std::fs::write(&list, text).unwrap();
    let ca = s.ca_file.path().to_str().unwrap();
    let ports = format!("{},{}", s.tls[0], s.tls[1]);
    let (code, v, _) = probe(
        &s,
        &[
            "--hosts",
            list.to_str().unwrap(),
            "--ports",
            &ports,
            "--proxy",
            "none",
            "--ca-file",
            ca,
        ]
        .into_iter()
        .chain(["--concurrency", "32", "--timeout", "10s"])
        .collect::<Vec<_>>(),
    );
    let hosts = v["hosts"].as_array().unwrap();
    assert_eq!(hosts.len(), 1000);
    let failed: Vec<&Value> = hosts
        .iter()
        .flat_map(|h| h["ports"].as_array().unwrap())
        .filter(|p| p["reachable"] != true)
        .collect();
    assert!(
        failed.is_empty(),
        "{} failed, first: {:#}",
        failed.len(),
        failed[0]
    );
    assert_eq!(code, 0);
    assert_eq!(hosts[999]["host"], "backupacct0999.blob.core.windows.net");
}

/// A proxy stand-in that answers every request with `status` (and squid's error header for 403).
fn answering_proxy(status: &'static str) -> u16 {
    use std::io::{Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let mut buf = [0u8; 2048];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nX-Squid-Error: ERR_ACCESS_DENIED 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn a_proxy_that_wants_credentials_or_refuses_is_named_at_the_connect_step() {
    let s = support::start("127.0.0.1".parse().unwrap());
    // 407 to CONNECT for 443; for port 80 a GET through the proxy, where squid's own 403 is the proxy's
    // step, not storage's answer
    for (answer, port, failure, sent) in [
        (
            "407 Proxy Authentication Required",
            "443",
            "proxy_auth",
            "CONNECT contosobackup01.blob.core.windows.net:443",
        ),
        (
            "403 Forbidden",
            "80",
            "proxy_denied",
            "GET http://contosobackup01.blob.core.windows.net/",
        ),
    ] {
        let proxy = answering_proxy(answer);
        let url = format!("http://127.0.0.1:{proxy}");
        let (code, v, _) = probe(
            &s,
            &[
                "--account",
                "contosobackup01",
                "--ports",
                port,
                "--proxy",
                &url,
            ],
        );
        assert_eq!(code, 1);
        let p = ports_of(&v)[0];
        assert_eq!(p["failed_step"], "connect", "{p:#}");
        assert_eq!(p["steps"][1]["failure"], failure);
        assert!(
            p["steps"][1]["detail"].as_str().unwrap().starts_with(sent),
            "{p:#}"
        );
        assert!(p["cause"].as_str().unwrap().contains(&answer[..3]), "{p:#}");
    }
}

#[test]
fn proxy_auto_on_windows_reads_the_system_setting_and_names_a_missing_wireserver_bypass() {
    // a real .reg export (tests/data/SOURCES.md) whose ProxyOverride lacks 168.63.129.16; a user hive, noted
    let s = support::start("127.0.0.1".parse().unwrap());
    let (code, v, _) = probe(
        &s,
        &[
            "--os",
            "windows",
            "--proxy-reg",
            "tests/data/samples/proxy/proxy.reg",
            "--account",
            "contosobackup01",
        ]
        .into_iter()
        .chain(["--ports", "443", "--timeout", "1s"])
        .collect::<Vec<_>>(),
    );
    assert_eq!(code, 1, "the proxy host does not resolve here");
    assert_eq!(v["os"], "windows");
    assert_eq!(v["proxy"]["proxy"], "www-proxy.cs.kadaster.nl:8082");
    let warnings = v["diagnostics"].to_string();
    assert!(
        warnings.contains("does not name 168.63.129.16"),
        "{warnings}"
    );
    assert!(warnings.contains("HKEY_CURRENT_USER"), "{warnings}");
    let p = ports_of(&v)[0];
    assert_eq!(p["failed_step"], "dns", "the proxy's own name: {p:#}");
}
