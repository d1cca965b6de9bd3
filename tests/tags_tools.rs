//! `tags lookup` and `tags diff` on Microsoft's real consecutive weekly files (changeNumber 373 → 375),
//! each expectation computed independently here from the raw JSON.

use assert_cmd::Command;
use std::collections::{BTreeMap, BTreeSet};

const OLD: &str = "tests/data/service-tags/ServiceTags_Public_20251017.json";
const NEW: &str = "service-tags/ServiceTags_Public_20251106.json";

fn tags(path: &str) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let v: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
    v["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["properties"]["addressPrefixes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        p.as_str()
                            .unwrap()
                            .parse::<ipnet::IpNet>()
                            .unwrap()
                            .to_string()
                    })
                    .collect(),
            )
        })
        .collect()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn diff_of_two_real_weekly_files_matches_an_independent_count() {
    let (a, b) = (tags(OLD), tags(NEW));
    let mut want: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for name in a.keys().chain(b.keys()) {
        let empty = BTreeSet::new();
        let (x, y) = (a.get(name).unwrap_or(&empty), b.get(name).unwrap_or(&empty));
        if x != y {
            want.insert(
                name.to_lowercase(),
                (
                    y.difference(x).cloned().collect(),
                    x.difference(y).cloned().collect(),
                ),
            );
        }
    }
    let v = json(&["tags", "diff", OLD, NEW, "--format", "json"]);
    assert_eq!(v["old"][1], 373);
    assert_eq!(v["new"][1], 375);
    let got = v["changed"].as_array().unwrap();
    assert_eq!(got.len(), want.len());
    for c in got {
        let (add, rem) = &want[&c["tag"].as_str().unwrap().to_lowercase()];
        let set = |k: &str| -> BTreeSet<String> {
            c[k].as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(&set("added"), add, "{}", c["tag"]);
        assert_eq!(&set("removed"), rem, "{}", c["tag"]);
    }
    let storage: Vec<&str> = v["storage_regions_changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(storage.contains(&"WestEurope"), "{storage:?}");
    // one tag only
    let v = json(&[
        "tags",
        "diff",
        OLD,
        NEW,
        "--tag",
        "storage.westeurope",
        "--format",
        "json",
    ]);
    assert_eq!(v["changed"].as_array().unwrap().len(), 1);
}

#[test]
fn lookup_names_every_tag_holding_an_address() {
    let ip: std::net::IpAddr = "20.33.154.10".parse().unwrap();
    let want: BTreeSet<String> = tags(NEW)
        .into_iter()
        .filter(|(_, ps)| {
            ps.iter()
                .any(|p| p.parse::<ipnet::IpNet>().unwrap().contains(&ip))
        })
        .map(|(n, _)| n)
        .collect();
    let v = json(&["tags", "lookup", "20.33.154.10", "--format", "json"]);
    let got: BTreeSet<String> = v["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, want);
    assert!(got.contains("Storage.KoreaCentral"));
    // with another file
    let v = json(&[
        "tags",
        "lookup",
        "20.33.154.10",
        "--service-tags",
        OLD,
        "--format",
        "json",
    ]);
    assert_eq!(v["change_number"], 373);
}
