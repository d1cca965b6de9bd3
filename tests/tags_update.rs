//! `azegress tags update` against an HTTP server the test starts on loopback, serving real weekly files
//! kept in the repository (the bundled 2025-11-06 file, changeNumber 375; tests/data's 2025-10-17 file,
//! 373; the US Gov file): from a page that links the file, validation (shape, cloud, changeNumber),
//! atomic install keeping the previous file, an interrupted download and a corrupt file that change
//! nothing, and `check` using the newest cached file. Reference: azure-semantics.md §2 (service tags).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;

enum Body {
    Whole(Vec<u8>),
    /// Announces the whole length, sends half, closes.
    CutOff(Vec<u8>),
}

/// Serves `routes` on a free loopback port until the process ends; returns the base URL.
fn serve(routes: HashMap<String, Body>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 1024];
            while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            let head = String::from_utf8_lossy(&buf);
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
            let _ = match routes.get(&path) {
                Some(Body::Whole(b)) => s
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            b.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|_| s.write_all(b)),
                Some(Body::CutOff(b)) => s
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            b.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|_| s.write_all(&b[..b.len() / 2])),
                None => s.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                ),
            };
        }
    });
    base
}

fn file(p: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap()
}

const NOV: &str = "service-tags/ServiceTags_Public_20251106.json";
const OCT: &str = "tests/data/service-tags/ServiceTags_Public_20251017.json";
const GOV: &str = "tests/data/service-tags/ServiceTags_AzureGovernment_20260719.json";

fn server() -> String {
    let today = azegress::tags::cache::Date::today().compact();
    let nov = file(NOV);
    let mut corrupt = nov.clone();
    corrupt.truncate(nov.len() - 100);
    let mut r = HashMap::new();
    r.insert(
        format!("/files/ServiceTags_Public_{today}.json"),
        Body::Whole(nov.clone()),
    );
    r.insert(
        "/files/ServiceTags_Public_20251106.json".into(),
        Body::Whole(nov.clone()),
    );
    r.insert(
        "/files/ServiceTags_Public_20251017.json".into(),
        Body::Whole(file(OCT)),
    );
    r.insert(
        "/files/ServiceTags_AzureGovernment_20260719.json".into(),
        Body::Whole(file(GOV)),
    );
    r.insert(
        "/cut/ServiceTags_Public_20261201.json".into(),
        Body::CutOff(nov.clone()),
    );
    r.insert(
        "/corrupt/ServiceTags_Public_20261201.json".into(),
        Body::Whole(corrupt),
    );
    serve(r)
}

fn update(dir: &Path, url: &str, extra: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("all_proxy")
        .args([
            "tags",
            "update",
            "--url",
            url,
            "--dir",
            dir.to_str().unwrap(),
        ])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_file_linked_from_the_download_page_is_installed_and_check_uses_it() {
    let base = server();
    let dir = tempfile::tempdir().unwrap();
    let today = azegress::tags::cache::Date::today().compact();
    let direct = format!("{base}/files/ServiceTags_Public_{today}.json");
    let (code, out, err) = update(dir.path(), &direct, &["--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "updated");
    assert_eq!(v["file"]["change_number"], 375);
    assert_eq!(v["tags"], 3039);
    let name = format!("ServiceTags_Public_{today}.json");
    assert_eq!(
        listing(dir.path()),
        vec![(name.clone(), file(NOV))],
        "byte for byte, nothing else"
    );

    // check, with that cache, uses the new file and does not call it stale
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", dir.path())
        .args([
            "check",
            "examples/deny-all-outbound/scenario.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["service_tags"]["source"]
            .as_str()
            .unwrap()
            .ends_with(&name),
        "{}",
        v["service_tags"]
    );
    assert!(
        !v["warnings"].to_string().contains("more than 30 days"),
        "{}",
        v["warnings"]
    );
    // without it, the bundled snapshot of 2025-11-06 is named stale
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args([
            "check",
            "examples/deny-all-outbound/scenario.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["warnings"]
            .to_string()
            .contains("published on 2025-11-06"),
        "{}",
        v["warnings"]
    );

    // the same changeNumber again: nothing to do
    let (code, out, _) = update(dir.path(), &direct, &[]);
    assert_eq!(code, 0);
    assert!(out.starts_with("already current"), "{out}");
}

#[test]
fn a_page_is_followed_to_the_file_it_links() {
    // a page whose link points at this server
    let nov = file(NOV);
    let mut r = HashMap::new();
    r.insert(
        "/files/ServiceTags_Public_20251106.json".to_string(),
        Body::Whole(nov.clone()),
    );
    let files = serve(r);
    // Microsoft's details page carries the address inside script data, with escaped slashes
    let mut p = HashMap::new();
    p.insert(
        "/details".to_string(),
        Body::Whole(
            format!(
                "<a href=\"{}\">download</a>",
                format!("{files}/files/ServiceTags_Public_20251106.json").replace('/', "\\/")
            )
            .into_bytes(),
        ),
    );
    let page = serve(p);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = update(dir.path(), &format!("{page}/details"), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("changeNumber 375"), "{out}");
    assert!(
        out.contains("/files/ServiceTags_Public_20251106.json"),
        "{out}"
    );
    assert_eq!(listing(dir.path()).len(), 1);
}

#[test]
fn an_older_file_is_refused_unless_forced_and_the_previous_file_is_kept() {
    let base = server();
    let dir = tempfile::tempdir().unwrap();
    let oct = format!("{base}/files/ServiceTags_Public_20251017.json");
    let (code, _, err) = update(dir.path(), &oct, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("changeNumber 373 is older than 375"), "{err}");
    assert!(listing(dir.path()).is_empty(), "nothing written");
    let (code, out, err) = update(dir.path(), &oct, &["--force"]);
    assert_eq!(code, 0, "{out}{err}");
    // a newer one replaces it and keeps it
    let (code, out, _) = update(
        dir.path(),
        &format!("{base}/files/ServiceTags_Public_20251106.json"),
        &[],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("previous:") && out.contains("20251017.json (changeNumber 373), kept"),
        "{out}"
    );
    assert!(out.contains("azegress tags diff"), "{out}");
    let names: Vec<String> = listing(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "ServiceTags_Public_20251017.json",
            "ServiceTags_Public_20251106.json"
        ]
    );
}

#[test]
fn interrupted_corrupt_and_wrong_cloud_downloads_change_nothing() {
    let base = server();
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = update(
        dir.path(),
        &format!("{base}/files/ServiceTags_Public_20251106.json"),
        &[],
    );
    assert_eq!(code, 0);
    let before = listing(dir.path());

    let (code, _, err) = update(
        dir.path(),
        &format!("{base}/cut/ServiceTags_Public_20261201.json"),
        &[],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("cut off") && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(listing(dir.path()), before);

    let (code, _, err) = update(
        dir.path(),
        &format!("{base}/corrupt/ServiceTags_Public_20261201.json"),
        &[],
    );
    assert_eq!(code, 2);
    assert!(err.contains("rejected"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(listing(dir.path()), before);

    let (code, _, err) = update(
        dir.path(),
        &format!("{base}/files/ServiceTags_AzureGovernment_20260719.json"),
        &[],
    );
    assert_eq!(code, 2);
    assert!(err.contains("`AzureGovernment` cloud's file"), "{err}");
    assert_eq!(listing(dir.path()), before);
    // with the right cloud it goes in beside the Public file
    let (code, _, err) = update(
        dir.path(),
        &format!("{base}/files/ServiceTags_AzureGovernment_20260719.json"),
        &["--cloud", "usgov"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(listing(dir.path()).len(), 2);

    let (code, _, err) = update(dir.path(), &format!("{base}/nothing-here"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("404"), "{err}");
}
