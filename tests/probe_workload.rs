//! `azegress probe --workload W` against servers the tests start on loopback (tests/support): the local DNS
//! zone answers `*.blob.core.windows.net` (everything else is NXDOMAIN), TLS stand-ins with a test CA.
//! workloads-egress.md §2 (SQL: Backup, Storage, Entra ID on 443), §6 (Site Recovery needs the target
//! region); azure-semantics.md §11.8 (a name served by a private endpoint resolves to a private address).

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

fn probe(s: &support::Servers, args: &[&str]) -> (i32, Value) {
    let dns = s.dns.to_string();
    let out = azegress()
        .args(["probe", "--dns", &dns, "--no-agent", "--timeout", "2s"])
        .args(["--format", "json"])
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
    (out.status.code().unwrap(), v)
}

fn dest<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {v:#}"))
}

#[test]
fn every_destination_reachable_is_exit_0_with_the_private_resolution_named() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let ca = s.ca_file.path().to_str().unwrap();
    let port = format!("https:{}", s.tls[0]);
    let (code, v) = probe(
        &s,
        &[
            "--workload",
            "sql",
            "--ports",
            &port,
            "--proxy",
            "none",
            "--ca-file",
            ca,
            "--region",
            "koreacentral",
            "--host-for",
            "backup=vaultid.blob.core.windows.net",
            "--host-for",
            "storage=contosobackup01.blob.core.windows.net",
            "--host-for",
            "entra=login.blob.core.windows.net",
        ],
    );
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["workload"], "sql");
    assert_eq!(v["verdict"], "reachable");
    let b = dest(&v, "backup");
    assert_eq!(b["verdict"], "reachable");
    // §11.9: AzureBackup zone with the koreacentral geo code; loopback counts as a private answer
    assert_eq!(
        b["private_endpoint_zone"],
        "privatelink.krc.backup.windowsazure.com"
    );
    assert_eq!(b["resolves"], "private");
    let steps: Vec<&str> = b["hosts"][0]["ports"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["dns", "tcp", "tls", "http"]);
    // Entra ID has no private endpoint: no zone, no resolution verdict
    assert!(dest(&v, "entra").get("private_endpoint_zone").is_none());
}

#[test]
fn a_name_that_does_not_resolve_fails_at_dns_and_a_wildcard_is_not_probed() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let ca = s.ca_file.path().to_str().unwrap();
    let port = format!("https:{}", s.tls[0]);
    let (code, v) = probe(
        &s,
        &[
            "--workload",
            "sql",
            "--ports",
            &port,
            "--proxy",
            "none",
            "--ca-file",
            ca,
            "--account",
            "contosobackup01",
        ],
    );
    // login.microsoftonline.com is NXDOMAIN in the test zone: blocked at the DNS step
    assert_eq!(code, 1, "{v:#}");
    let e = dest(&v, "entra");
    assert_eq!(e["verdict"], "blocked");
    assert_eq!(e["hosts"][0]["host"], "login.microsoftonline.com");
    assert_eq!(e["hosts"][0]["dns"]["ok"], false);
    // the blob name of the account answers; the queue name does not resolve in the test zone
    let st = dest(&v, "storage");
    let blob = st["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["host"] == "contosobackup01.blob.core.windows.net")
        .unwrap();
    assert_eq!(blob["ports"][0]["reachable"], true);
    assert!(
        st["not_probed"][0]
            .as_str()
            .unwrap()
            .contains("*.blob.storage.azure.net")
    );
    // *.backup.windowsazure.com names no host: not probed, said how to name one
    let b = dest(&v, "backup");
    assert!(b["hosts"].as_array().unwrap().is_empty());
    assert!(
        b["not_probed"][0]
            .as_str()
            .unwrap()
            .contains("--host-for backup=HOST")
    );
}

#[test]
fn a_destination_not_probed_is_inconclusive_never_a_pass() {
    let s = support::start("127.0.0.1".parse().unwrap());
    let ca = s.ca_file.path().to_str().unwrap();
    let port = format!("https:{}", s.tls[0]);
    let (code, v) = probe(
        &s,
        &[
            "--workload",
            "sql",
            "--ports",
            &port,
            "--proxy",
            "none",
            "--ca-file",
            ca,
            "--host-for",
            "storage=contosobackup01.blob.core.windows.net",
            "--host-for",
            "entra=login.blob.core.windows.net",
        ],
    );
    assert_eq!(code, 3, "{v:#}");
    assert_eq!(dest(&v, "backup")["verdict"], "unknown");
    assert_eq!(v["verdict"], "unknown");
}

#[test]
fn usage_errors() {
    // §6: Site Recovery needs the target region
    let out = azegress()
        .args([
            "probe",
            "--workload",
            "asr",
            "--no-agent",
            "--proxy",
            "none",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--target-region") && err.lines().count() == 1,
        "{err}"
    );
    for args in [
        &["--workload", "sql", "--host-for", "nosuch=x.example"][..],
        &["--workload", "sql", "--host-for", "backup"][..],
        &["--workload", "sql", "--host-for", "backup=bad host"][..],
        &[
            "--target-region",
            "koreasouth",
            "--account",
            "contosobackup01",
        ][..],
        &["--workload", "sql", "--host", "x.blob.core.windows.net"][..],
    ] {
        let out = azegress()
            .args(["probe", "--no-agent", "--proxy", "none"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
}
