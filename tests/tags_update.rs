//! `azegress tags update` against an HTTP server the test starts on loopback, serving real weekly files
//! kept in the repository (the bundled 2025-11-06 file, changeNumber 375; tests/data's 2025-10-17 file,
//! 373; the US Gov file): from a page that links the file, validation (shape, cloud, changeNumber),
//! atomic install keeping the previous file, an interrupted download and a corrupt file that change
//! nothing, and `check` using the newest cached file. Then issue 16: a download that trickles is cut at
//! `--timeout`; files that look wrong against the one they replace (a tag gaining `0.0.0.0/0`, a Storage
//! region mostly replaced, a changeNumber bumped alone) are refused unless `--force`; the newest cached file
//! is the one with the highest changeNumber, whatever its name; an unreadable cached file is skipped. Reference: azure-semantics.md §2 (service tags).

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
    /// Announces 4096 bytes, then sends one every 250 ms (never a gap a read timeout would catch), for 30
    /// seconds at most.
    Trickle,
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
                Some(Body::Trickle) => {
                    std::thread::spawn(move || {
                        let head =
                            "HTTP/1.1 200 OK\r\nContent-Length: 4096\r\nConnection: close\r\n\r\n{";
                        if s.write_all(head.as_bytes()).is_err() {
                            return;
                        }
                        for _ in 0..120 {
                            std::thread::sleep(std::time::Duration::from_millis(250));
                            if s.write_all(b" ").and_then(|_| s.flush()).is_err() {
                                return;
                            }
                        }
                    });
                    Ok(())
                }
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
        v["diagnostics"]
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
    // a newer one goes in and the forced file is kept; the file it replaces is the one that was in use,
    // the bundled file, whose changeNumber 375 is above the forced file's 373
    let (code, out, _) = update(
        dir.path(),
        &format!("{base}/files/ServiceTags_Public_20251106.json"),
        &[],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "previous: bundled:service-tags/ServiceTags_Public_20251106.json (changeNumber 375)"
        ),
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

#[test]
fn a_download_that_trickles_stops_at_the_timeout_and_installs_nothing() {
    let mut r = HashMap::new();
    r.insert(
        "/slow/ServiceTags_Public_20261201.json".to_string(),
        Body::Trickle,
    );
    let base = serve(r);
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let (code, out, err) = update(
        dir.path(),
        &format!("{base}/slow/ServiceTags_Public_20261201.json"),
        &["--timeout", "1s"],
    );
    let took = started.elapsed();
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("took longer than the timeout of 1s")
            && err.contains("raise --timeout")
            && err.contains("nothing was changed"),
        "{err}"
    );
    // the server keeps sending for 30 s, each byte well within a read timeout; the download does not wait
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    assert!(!dir.path().exists() || listing(dir.path()).is_empty());
}

/// The bundled file (changeNumber 375) changed by `edit`, as bytes.
fn variant(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(&file(NOV)).unwrap();
    edit(&mut v);
    serde_json::to_vec_pretty(&v).unwrap()
}

/// The tag named `name` in a file.
fn tag<'v>(v: &'v mut Value, name: &str) -> &'v mut Value {
    v["values"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("{name} missing"))
}

/// A plausible successor of the bundled file: changeNumber 376, `Storage.WestEurope` gained a prefix and
/// its own changeNumber rose by one.
fn later(v: &mut Value) {
    v["changeNumber"] = 376.into();
    let t = tag(v, "Storage.WestEurope");
    let n = t["properties"]["changeNumber"].as_u64().unwrap();
    t["properties"]["changeNumber"] = (n + 1).into();
    t["properties"]["addressPrefixes"]
        .as_array_mut()
        .unwrap()
        .push("20.60.255.0/24".into());
}

fn serve_one(name: &str, bytes: Vec<u8>) -> String {
    let mut r = HashMap::new();
    r.insert(format!("/files/{name}"), Body::Whole(bytes));
    format!("{}/files/{name}", serve(r))
}

#[test]
fn a_tag_gaining_the_whole_internet_is_refused_unless_forced() {
    let hostile = variant(|v| {
        later(v);
        let t = tag(v, "AzureBackup");
        t["properties"]["addressPrefixes"]
            .as_array_mut()
            .unwrap()
            .push("0.0.0.0/0".into());
    });
    let url = serve_one("ServiceTags_Public_20251120.json", hostile.clone());
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = update(dir.path(), &url, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(
            "compared with bundled:service-tags/ServiceTags_Public_20251106.json (changeNumber 375)"
        ) && err.contains("`AzureBackup` gains `0.0.0.0/0`")
            && err.contains("pass --force"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(listing(dir.path()).is_empty(), "nothing written");
    let (code, out, err) = update(dir.path(), &url, &["--force"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        listing(dir.path()),
        vec![("ServiceTags_Public_20251120.json".to_string(), hostile)]
    );
}

#[test]
fn a_storage_region_mostly_replaced_is_refused() {
    let hostile = variant(|v| {
        later(v);
        let p = tag(v, "Storage.WestEurope")["properties"]["addressPrefixes"]
            .as_array_mut()
            .unwrap();
        assert!(p.len() > 90, "{}", p.len());
        for (i, x) in p.iter_mut().enumerate().take(60) {
            *x = format!("198.18.{i}.0/24").into();
        }
    });
    let url = serve_one("ServiceTags_Public_20251120.json", hostile);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = update(dir.path(), &url, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(
            "`Storage.WestEurope` changes most of its prefixes at once (60 of 98 removed, 61 added)"
        ),
        "{err}"
    );
    assert!(!err.contains("gains"), "only what is wrong: {err}");
    assert!(listing(dir.path()).is_empty(), "nothing written");
}

#[test]
fn a_change_number_bumped_alone_is_refused() {
    let hostile = variant(|v| v["changeNumber"] = 380.into());
    let url = serve_one("ServiceTags_Public_20251120.json", hostile);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = update(dir.path(), &url, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("its changeNumber rises from 375 to 380 but its tags' own changeNumbers account for a rise of 0 only"),
        "{err}"
    );
    assert!(listing(dir.path()).is_empty(), "nothing written");
    // the same file with a tag that really changed goes in
    let url = serve_one("ServiceTags_Public_20251120.json", variant(later));
    let (code, out, err) = update(dir.path(), &url, &["--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["file"]["change_number"], 376);
    assert_eq!(v["previous"]["change_number"], 375);
}

#[test]
fn the_real_later_file_is_accepted_after_the_real_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ServiceTags_Public_20251017.json"),
        file(OCT),
    )
    .unwrap();
    let url = serve_one("ServiceTags_Public_20251106.json", file(NOV));
    let (code, out, err) = update(dir.path(), &url, &["--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "updated");
    assert_eq!(v["file"]["change_number"], 375);
    assert_eq!(v["diagnostics"], serde_json::json!([]));
    // the cached October file (373) is older than the bundled one (375): the bundled one is compared
    assert_eq!(v["previous"]["change_number"], 375, "{}", v["previous"]);
}

fn tags_info(cache: &Path) -> (i32, Value) {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .env("AZEGRESS_CACHE_DIR", cache)
        .args(["tags", "info", "--format", "json"])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), v)
}

#[test]
fn a_file_named_for_2099_with_an_old_change_number_does_not_shadow_a_later_one() {
    let dir = tempfile::tempdir().unwrap();
    let old_2099 = "ServiceTags_Public_20990101.json";
    std::fs::write(dir.path().join(old_2099), file(OCT)).unwrap();
    // tags update compares with the bundled file (375), not the 2099 one (373)
    let url = serve_one("ServiceTags_Public_20251120.json", variant(later));
    let (code, out, err) = update(dir.path(), &url, &["--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["previous"]["path"],
        "bundled:service-tags/ServiceTags_Public_20251106.json"
    );
    // both are kept; the one in use is the later update, by changeNumber
    assert_eq!(listing(dir.path()).len(), 2);
    let (code, v) = tags_info(dir.path());
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["change_number"], 376, "{v}");
    assert!(
        v["source"]
            .as_str()
            .unwrap()
            .ends_with("ServiceTags_Public_20251120.json"),
        "{v}"
    );
    // with the 2099 file alone, the bundled file (375) is newer than it (373)
    let alone = tempfile::tempdir().unwrap();
    std::fs::write(alone.path().join(old_2099), file(OCT)).unwrap();
    let (_, v) = tags_info(alone.path());
    assert_eq!(v["change_number"], 375, "{v}");
    assert_eq!(
        v["source"],
        "bundled:service-tags/ServiceTags_Public_20251106.json"
    );
}

#[test]
fn a_corrupt_cached_file_is_skipped_with_a_warning_and_force_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = "ServiceTags_Public_20251201.json";
    std::fs::write(dir.path().join(garbage), b"<html>captive portal</html>").unwrap();
    std::fs::write(
        dir.path().join("ServiceTags_Public_20251120.json"),
        variant(later),
    )
    .unwrap();
    let (code, v) = tags_info(dir.path());
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["change_number"], 376, "the next newest file: {v}");
    let w = v["diagnostics"].to_string();
    assert!(
        w.contains(garbage) && w.contains("was skipped") && w.contains("not a service-tag file"),
        "{v}"
    );
    // check runs and carries the warning with its others
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
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["diagnostics"].to_string().contains("was skipped"),
        "{}",
        v["diagnostics"]
    );
    assert!(
        v["service_tags"]["source"]
            .as_str()
            .unwrap()
            .ends_with("ServiceTags_Public_20251120.json"),
        "{}",
        v["service_tags"]
    );

    // tags update is not stopped by it either: the bundled file's 375 is older than the cached 376
    let nov = file(NOV);
    let url = serve_one(garbage, nov.clone());
    let (code, _, err) = update(dir.path(), &url, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("changeNumber 375 is older than 376"), "{err}");
    // --force installs over the garbage file of the same name
    let (code, out, err) = update(dir.path(), &url, &["--force", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert!(r["diagnostics"].to_string().contains(garbage), "{r}");
    let files = listing(dir.path());
    assert_eq!(files.len(), 2);
    assert_eq!(files[1], (garbage.to_string(), nov));
    let (code, v) = tags_info(dir.path());
    assert_eq!(code, 0, "{v}");
    assert!(
        !v["diagnostics"].to_string().contains("skipped"),
        "nothing skipped now: {v}"
    );
}
