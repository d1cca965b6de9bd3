//! gate's SARIF: valid against the OASIS SARIF 2.1.0 schema (tests/data/schemas/sarif-schema-2.1.0.json,
//! source in tests/data/SOURCES.md), every rule with `help` (text and Markdown with the Microsoft Learn
//! link) and a numeric `security-severity`, and every location a URI relative to `%SRCROOT%` — or, for an
//! input outside the directory gate runs in, an absolute `file://` URI with spaces escaped.

use assert_cmd::Command;
use serde_json::Value;

fn sarif_in(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(["gate", "--format", "sarif"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    })
}

fn validate(doc: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/schemas/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn every_rule_has_help_and_a_security_severity_and_locations_are_relative_to_srcroot() {
    let doc = sarif_in(
        std::path::Path::new(ROOT),
        &[
            "tests/data/gate/lint-nsgs.json",
            "examples/resource-graph/resources.json",
            "--region",
            "westeurope",
        ],
    );
    validate(&doc);
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() > 3, "{rules:?}");
    for r in rules {
        let sev: f64 = r["properties"]["security-severity"]
            .as_str()
            .unwrap_or_else(|| panic!("no security-severity: {r}"))
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&sev), "{r}");
        assert!(!r["help"]["text"].as_str().unwrap().is_empty(), "{r}");
        let md = r["help"]["markdown"].as_str().unwrap();
        assert!(md.contains("](https://learn.microsoft.com/"), "{md}");
    }
    // the blocked backup path ranks high, hygiene lower (GitHub: 7.0+ high, below 4.0 low)
    let sev_of = |id: &str| -> f64 {
        rules.iter().find(|r| r["id"] == id).unwrap()["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(sev_of("azure-vm-backup/backup-storage") >= 7.0);
    if rules.iter().any(|r| r["id"] == "AZE0605") {
        assert!(sev_of("AZE0605") < 4.0);
    }
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap()
            .strip_prefix("file://")
            .unwrap(),
        format!("{ROOT}/").replace(' ', "%20")
    );
    for res in run["results"].as_array().unwrap() {
        for l in res["locations"].as_array().into_iter().flatten() {
            let a = &l["physicalLocation"]["artifactLocation"];
            assert_eq!(a["uriBaseId"], "%SRCROOT%", "{a}");
            assert!(!a["uri"].as_str().unwrap().starts_with('/'), "{a}");
        }
    }
}

#[test]
fn an_input_outside_the_run_directory_is_a_file_uri_with_spaces_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let spaced = dir.path().join("my exports");
    std::fs::create_dir(&spaced).unwrap();
    let file = spaced.join("lint nsgs.json");
    std::fs::copy(format!("{ROOT}/tests/data/gate/lint-nsgs.json"), &file).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let doc = sarif_in(elsewhere.path(), &[file.to_str().unwrap()]);
    validate(&doc);
    let uris: Vec<String> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["locations"].as_array().cloned().unwrap_or_default())
        .map(|l| {
            let a = &l["physicalLocation"]["artifactLocation"];
            assert!(a.get("uriBaseId").is_none(), "{a}");
            a["uri"].as_str().unwrap().to_string()
        })
        .collect();
    assert!(!uris.is_empty());
    for u in &uris {
        assert!(
            u.starts_with("file:///") && u.ends_with("/my%20exports/lint%20nsgs.json"),
            "{u}"
        );
    }
    // the same file named by a relative path from inside its directory: relative to %SRCROOT%, escaped
    let doc = sarif_in(&spaced, &["lint nsgs.json"]);
    let a = &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(a["uri"], "lint%20nsgs.json");
    assert_eq!(a["uriBaseId"], "%SRCROOT%");
}
