//! What `fix` emits, checked by the clients that will read it (issue 23), for every bundled example ×
//! every `--option`, plus a classic (policy-less) Azure Firewall:
//! - az scripts: every `az` line through the real Azure CLI from PyPI, without a login (ignored by default:
//!   it installs azure-cli into a venv under target/; CI runs it); the `az network firewall …` lines, whose
//!   extension cannot be installed offline, against the extension's parameter definitions copied into
//!   tests/data/az-extensions/ (runs in a plain `cargo test`);
//! - ARM: the whole template against Microsoft's deploymentTemplate.json (2019-04-01) and the
//!   Microsoft.Network schema at the emitted apiVersion (tests/data/schemas/arm/), plus no property name the
//!   resource type's schema does not define;
//! - Terraform: every `azurerm_*` block against the provider's argument lists (tests/data/terraform/).

use assert_cmd::Command;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const OPTIONS: [&str; 6] = ["auto", "nsg", "ip-ranges", "firewall", "route", "proxy"];

/// The azure-cli release the ignored test installs (and .ci/run installs): pinned, so a run is repeatable.
const AZURE_CLI: &str = "azure-cli==2.91.0";

/// Command groups that live in an az extension, not in a stock az (the test's own list, not the emitter's).
const EXTENSION_GROUPS: [(&str, &str); 2] = [
    ("az network firewall ", "azure-firewall"),
    ("az network manager ", "virtual-network-manager"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One `fix` run: which input and option, and what it emitted per language.
struct Case {
    label: String,
    emitted: BTreeMap<String, String>,
}

impl Case {
    fn text(&self, emit: &str) -> Option<&str> {
        self.emitted.get(emit).map(String::as_str)
    }
}

/// A copy of the forced-tunnel example whose firewall is a classic one (rule collections on the firewall,
/// no policy): `fix --option firewall` then emits `az network firewall network-rule create` and
/// `azurerm_firewall_network_rule_collection`, which no bundled example does.
fn classic_firewall_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("examples/forced-tunnel-azurebackup-tag");
    for f in ["nic-nsg.json", "route-table.json"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::copy(
        root().join("examples/service-endpoint-bypass/firewall.json"),
        dir.path().join("firewall.json"),
    )
    .unwrap();
    let scenario = std::fs::read_to_string(src.join("scenario.yaml")).unwrap();
    let classic = scenario.replace(
        "from: [firewall.json, rule-collection-groups.json]",
        "from: firewall.json",
    );
    assert_ne!(classic, scenario, "the example's firewall line changed");
    std::fs::write(dir.path().join("scenario.yaml"), classic).unwrap();
    dir
}

/// A copy of the forced-tunnel example whose policy lacks the AzureBackup FQDN-tag rule: with 443 checked
/// too, `fix --option firewall` adds the application rule with the tag and the network rule for 8443.
fn policy_without_fqdn_tag_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("examples/forced-tunnel-azurebackup-tag");
    for f in [
        "nic-nsg.json",
        "route-table.json",
        "firewall.json",
        "scenario.yaml",
    ] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let groups = read_json(&src.join("rule-collection-groups.json"));
    let kept: Vec<&Value> = groups
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g.to_string().contains("AzureBackup"))
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "the example's rule collection groups changed"
    );
    std::fs::write(
        dir.path().join("rule-collection-groups.json"),
        serde_json::to_string_pretty(&kept).unwrap(),
    )
    .unwrap();
    dir
}

fn run_fix(scenario: &Path, option: &str) -> BTreeMap<String, String> {
    run_fix_args(&[&scenario.to_string_lossy(), "--option", option])
}

/// `azegress fix <args> --emit azcli,powershell,arm,terraform --format json`: what it emitted per language.
fn run_fix_args(args: &[&str]) -> BTreeMap<String, String> {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(root())
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .arg("fix")
        .args(args)
        .args([
            "--emit",
            "azcli,powershell,arm,terraform",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1 | 3)),
        "{args:?}: exit {code:?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    v["emitted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["emit"].as_str().unwrap().to_string(),
                e["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every bundled example × every option, and the classic firewall × every option; computed once.
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut scenarios: Vec<(String, PathBuf)> = std::fs::read_dir(root().join("examples"))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("scenario.yaml"))
            .filter(|p| p.exists())
            .map(|p| {
                let name = p.parent().unwrap().file_name().unwrap().to_string_lossy();
                (format!("examples/{name}"), p)
            })
            .collect();
        scenarios.sort();
        assert!(scenarios.len() >= 9, "{scenarios:?}");
        let classic = classic_firewall_copy();
        scenarios.push((
            "classic-firewall".into(),
            classic.path().join("scenario.yaml"),
        ));
        let mut cases = Vec::new();
        for (label, path) in &scenarios {
            for option in OPTIONS {
                cases.push(Case {
                    label: format!("{label} --option {option}"),
                    emitted: run_fix(path, option),
                });
            }
        }
        // 443 blocked at the firewall too: the documented pair (the AzureBackup FQDN-tag application rule and
        // the network rule for 8443), for a Firewall Policy and for a classic firewall written back whole
        let no_tag = policy_without_fqdn_tag_copy();
        for (label, path) in [
            (
                "policy without the FQDN-tag rule",
                no_tag.path().join("scenario.yaml"),
            ),
            ("classic-firewall", classic.path().join("scenario.yaml")),
        ] {
            let p = path.to_string_lossy().into_owned();
            cases.push(Case {
                label: format!("{label} --ports 443,8443 --option firewall"),
                emitted: run_fix_args(&[&p, "--ports", "443,8443", "--option", "firewall"]),
            });
        }
        // a private subnet: the NAT gateway, its public IP and the subnet written back with it
        for option in ["auto", "nat-gateway"] {
            cases.push(Case {
                label: format!("examples/private-subnet --option {option}"),
                emitted: run_fix_args(&[
                    "--resources",
                    "examples/private-subnet/resources.json",
                    "--vm",
                    "vm-app-01",
                    "--option",
                    option,
                ]),
            });
        }
        // a private subnet with a firewall among the inputs: a route to it (with its IP) and its rule
        cases.push(Case {
            label: "examples/private-subnet with the hub firewall --option firewall".into(),
            emitted: run_fix_args(&[
                "--resources",
                "examples/private-subnet/resources.json",
                "--vm",
                "vm-app-01",
                "--firewall",
                "examples/forced-tunnel-azurebackup-tag/firewall.json",
                "--firewall",
                "examples/forced-tunnel-azurebackup-tag/rule-collection-groups.json",
                "--option",
                "firewall",
            ]),
        });
        // a Virtual Network Manager admin Deny: the admin rule for the network manager's owners
        cases.push(Case {
            label: "admin Deny of 8443".into(),
            emitted: run_fix_args(&[
                "--admin-rules",
                "tests/data/admin-rules/deny-8443.json",
                "--region",
                "koreacentral",
                "--vm-ip",
                "10.0.0.4",
                "--vnet",
                "10.0.0.0/16",
                "--nic-nsg",
                "examples/deny-all-outbound-fixed/nic-nsg.json",
                "--ports",
                "8443",
                "--option",
                "auto",
            ]),
        });
        cases
    })
}

// ---------------------------------------------------------------------------------------------------
// az scripts

/// The commands of a bash script as bash reads them: `\`-newline outside quotes joins lines, a newline
/// inside quotes stays in the word; comment lines, `set -euo pipefail` and blank lines are dropped.
/// Returns every other command line (az or not).
fn script_commands(script: &str) -> Vec<String> {
    #[derive(PartialEq)]
    enum Q {
        None,
        Single,
        AnsiC,
        Double,
    }
    let mut cmds = Vec::new();
    let mut cur = String::new();
    let mut q = Q::None;
    for line in script.lines() {
        if q == Q::None && cur.is_empty() && line.trim_start().starts_with('#') {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut continued = false;
        while i < chars.len() {
            let c = chars[i];
            match q {
                Q::None => match c {
                    '\\' if i + 1 == chars.len() => {
                        continued = true;
                        i += 1;
                        continue;
                    }
                    '\\' => {
                        cur.push(c);
                        cur.push(chars[i + 1]);
                        i += 2;
                        continue;
                    }
                    '\'' => q = Q::Single,
                    '$' if chars.get(i + 1) == Some(&'\'') => {
                        cur.push(c);
                        i += 1;
                        q = Q::AnsiC;
                    }
                    '"' => q = Q::Double,
                    _ => {}
                },
                Q::Single if c == '\'' => q = Q::None,
                Q::AnsiC | Q::Double if c == '\\' && i + 1 < chars.len() => {
                    cur.push(c);
                    cur.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                Q::AnsiC if c == '\'' => q = Q::None,
                Q::Double if c == '"' => q = Q::None,
                _ => {}
            }
            cur.push(chars[i]);
            i += 1;
        }
        if continued {
            continue;
        }
        if q != Q::None {
            cur.push('\n');
            continue;
        }
        let cmd = std::mem::take(&mut cur).trim().to_string();
        if cmd.is_empty() || cmd == "set -euo pipefail" {
            continue;
        }
        cmds.push(cmd);
    }
    assert!(
        cur.is_empty() && q == Q::None,
        "the script ends inside a quote or a continuation:\n{script}"
    );
    cmds
}

/// The `az …` command lines of a script that change Azure (not `az extension add`).
fn az_lines(script: &str) -> Vec<String> {
    script_commands(script)
        .into_iter()
        .filter(|c| c.starts_with("az ") && !c.starts_with("az extension add "))
        .collect()
}

/// Each command line split into words by bash itself (quoting, escapes, `$'…'`), in one bash run.
fn bash_words(lines: &[String]) -> Vec<Vec<String>> {
    let mut prog = String::new();
    for l in lines {
        prog.push_str(&format!(
            "set -- {l}\nprintf '%s\\0' \"$@\"\nprintf '\\1\\0'\n"
        ));
    }
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &prog])
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut all = Vec::new();
    let mut words = Vec::new();
    for w in text.split('\0') {
        match w {
            "\u{1}" => all.push(std::mem::take(&mut words)),
            "" => {}
            w => words.push(w.to_string()),
        }
    }
    assert_eq!(all.len(), lines.len());
    all
}

/// One command's options (by every spelling) and its groups of which exactly one option must be given.
type CommandSpec = (BTreeMap<String, Value>, Vec<Vec<String>>);

/// An az extension's command reference (tests/data/az-extensions/<name>.json).
struct ExtensionReference {
    global: BTreeSet<String>,
    /// command (without `az `) → option spec by every spelling of the option
    commands: BTreeMap<String, CommandSpec>,
}

impl ExtensionReference {
    fn load(name: &str) -> Self {
        let v = read_json(&data(&format!("az-extensions/{name}.json")));
        let global = v["global"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        let mut commands = BTreeMap::new();
        for (cmd, spec) in v["commands"].as_object().unwrap() {
            let mut options = BTreeMap::new();
            for (spellings, o) in spec["options"].as_object().unwrap() {
                let mut o = o.clone();
                o["spellings"] = json!(spellings.split(' ').collect::<Vec<_>>());
                for s in spellings.split(' ') {
                    options.insert(s.to_string(), o.clone());
                }
            }
            let groups = spec["exactly_one_of"]
                .as_array()
                .map(|gs| {
                    gs.iter()
                        .map(|g| {
                            g.as_array()
                                .unwrap()
                                .iter()
                                .map(|s| s.as_str().unwrap().to_string())
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default();
            commands.insert(cmd.clone(), (options, groups));
        }
        Self { global, commands }
    }

    /// What is wrong with one command (its words, from bash); the command's name in the reference.
    fn check(&self, words: &[String]) -> (Option<String>, Vec<String>) {
        let mut errs = Vec::new();
        let Some((name, (options, groups))) = self
            .commands
            .iter()
            .filter(|(c, _)| {
                let c: Vec<&str> = c.split(' ').collect();
                words.len() > c.len() && words[0] == "az" && words[1..=c.len()] == c[..]
            })
            .max_by_key(|(c, _)| c.len())
        else {
            return (
                None,
                vec![format!("no such command in the reference: {words:?}")],
            );
        };
        let rest = &words[1 + name.split(' ').count()..];
        // option → its values, in order; every word before the first option is a stray positional
        let mut given: Vec<(String, Vec<String>)> = Vec::new();
        for w in rest {
            if w.starts_with('-') && w.len() > 1 {
                match w.split_once('=') {
                    Some((o, v)) if o.starts_with("--") => {
                        given.push((o.to_string(), vec![v.to_string()]))
                    }
                    _ => given.push((w.clone(), Vec::new())),
                }
            } else if let Some((_, vals)) = given.last_mut() {
                vals.push(w.clone());
            } else {
                errs.push(format!("`{w}`: a positional argument (az takes none here)"));
            }
        }
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (opt, vals) in &given {
            if self.global.contains(opt) {
                continue;
            }
            let Some(spec) = options.get(opt) else {
                errs.push(format!("`{opt}`: not an option of `az {name}`"));
                continue;
            };
            let canonical = spec["spellings"][0].as_str().unwrap().to_string();
            // an append action takes the option once per item
            let append = spec["append"].as_bool() == Some(true);
            if let Some(prev) = seen.insert(canonical.clone(), opt.clone())
                && !append
            {
                errs.push(format!("`{opt}`: given twice (also as `{prev}`)"));
            }
            // an item of KEY=VALUE words: known keys, each once (the action keeps only the first)
            if let Some(keys) = spec["item_keys"].as_object() {
                let mut had = BTreeSet::new();
                for v in vals {
                    let Some((k, val)) = v.split_once('=') else {
                        errs.push(format!("`{opt}` {v:?}: not KEY=VALUE"));
                        continue;
                    };
                    let Some(key) = keys.get(k) else {
                        errs.push(format!("`{opt}` {v:?}: not a key of an item ({keys:?})"));
                        continue;
                    };
                    if !had.insert(k) {
                        errs.push(format!(
                            "`{opt}` {v:?}: `{k}` twice in one item (one `{opt}` per item)"
                        ));
                    }
                    if let Some(allowed) = key["one_of"].as_array()
                        && !allowed.iter().any(|a| a == &json!(val))
                    {
                        errs.push(format!("`{opt}` {v:?}: `{k}` one of {allowed:?}"));
                    }
                }
            }
            let flag = spec["flag"].as_bool() == Some(true);
            if flag && !vals.is_empty() {
                errs.push(format!("`{opt}` takes no value, got {vals:?}"));
            }
            let list = spec["list"].as_bool() == Some(true);
            if !flag && vals.is_empty() {
                errs.push(format!("`{opt}` has no value"));
            }
            if !flag && !list && vals.len() > 1 {
                errs.push(format!("`{opt}` takes one value, got {vals:?}"));
            }
            if let Some(allowed) = spec["one_of"].as_array()
                && (vals.len() != 1 || !allowed.iter().any(|a| a == &json!(vals[0])))
            {
                errs.push(format!("`{opt}` {vals:?}: one of {allowed:?}"));
            }
            if let Some(allowed) = spec["each_one_of"].as_array() {
                for v in vals {
                    if !allowed.iter().any(|a| a == &json!(v)) {
                        errs.push(format!("`{opt}` {v:?}: each one of {allowed:?}"));
                    }
                }
            }
            if let Some(r) = spec["int_range"].as_array() {
                let (lo, hi) = (r[0].as_i64().unwrap(), r[1].as_i64().unwrap());
                match vals.first().map(|v| v.parse::<i64>()) {
                    Some(Ok(n)) if vals.len() == 1 && (lo..=hi).contains(&n) => {}
                    _ => errs.push(format!("`{opt}` {vals:?}: an integer in {lo}..={hi}")),
                }
            }
        }
        let mut required: Vec<&str> = options
            .values()
            .filter(|o| o["required"].as_bool() == Some(true))
            .map(|o| o["spellings"][0].as_str().unwrap())
            .collect();
        required.dedup();
        for r in BTreeSet::<&str>::from_iter(required) {
            if !seen.contains_key(r) {
                errs.push(format!("`{r}` is required by `az {name}`"));
            }
        }
        for g in groups {
            let n = g.iter().filter(|o| seen.contains_key(*o)).count();
            if n != 1 {
                errs.push(format!("exactly one of {g:?} (given {n})"));
            }
        }
        (Some(name.clone()), errs)
    }
}

#[test]
fn every_emitted_firewall_command_is_in_the_azure_firewall_extensions_reference() {
    let reference = ExtensionReference::load("azure-firewall");
    let mut lines = Vec::new();
    let mut labels = Vec::new();
    for case in cases() {
        let Some(script) = case.text("azcli") else {
            continue;
        };
        let cmds = script_commands(script);
        for (i, c) in cmds.iter().enumerate() {
            if c.starts_with("az network firewall ") {
                // the extension is installed before its first command
                assert!(
                    cmds[..i].iter().any(|e| e
                        == "az extension add --name azure-firewall --upgrade --only-show-errors"),
                    "{}: `{c}` runs before the azure-firewall extension is installed\n{script}",
                    case.label
                );
                lines.push(c.clone());
                labels.push(case.label.clone());
            }
        }
    }
    let words = bash_words(&lines);
    let mut used = BTreeSet::new();
    let mut failures = Vec::new();
    for ((line, label), w) in lines.iter().zip(&labels).zip(&words) {
        let (name, errs) = reference.check(w);
        used.extend(name);
        if !errs.is_empty() {
            failures.push(format!("{label}: {line}\n  {}", errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // the policy commands (bundled examples) and the classic one (the classic copy) were all checked
    assert_eq!(
        used,
        reference.commands.keys().cloned().collect::<BTreeSet<_>>(),
        "checked {} lines",
        lines.len()
    );
    // and the check is not vacuous: an unknown option, a missing required one, a value out of range or
    // not allowed, and a positional word are each refused
    let good = &words[0];
    for (mutate, want) in [
        (
            Box::new(|w: &mut Vec<String>| w.extend(["--bogus".into(), "x".into()]))
                as Box<dyn Fn(&mut Vec<String>)>,
            "not an option",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let at = w.iter().position(|x| x == "--resource-group").unwrap();
                w.drain(at..at + 2);
            }),
            "is required",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let at = w.iter().position(|x| x.contains("priority")).unwrap();
                w[at + 1] = "99".into();
            }),
            "an integer in 100..=65000",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let at = w.iter().position(|x| x.starts_with('-')).unwrap();
                w.insert(at, "stray".into());
            }),
            "positional",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let at = w.iter().position(|x| x == "--resource-group").unwrap();
                w.insert(at + 2, "rg2".into());
            }),
            "takes one value",
        ),
    ] {
        let mut w = good.clone();
        mutate(&mut w);
        let (_, errs) = reference.check(&w);
        assert!(errs.iter().any(|e| e.contains(want)), "{w:?}: {errs:?}");
    }
    let mut w = words[lines
        .iter()
        .position(|l| l.contains(" add-filter-collection "))
        .unwrap()]
    .clone();
    let at = w.iter().position(|x| x == "--action").unwrap();
    w[at + 1] = "Permit".into();
    assert!(reference.check(&w).1.iter().any(|e| e.contains("one of")));
}

/// `fix --admin-rules` on every Deny fixture of tests/data/admin-rules × every option, with the VM's IP as
/// the source and with two VNet ranges instead (two `--sources` items): the az scripts of the cases that
/// emit the Virtual Network Manager admin rule.
fn admin_rule_scripts() -> Vec<(String, String)> {
    let dir = data("admin-rules");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("deny-") && n.ends_with(".json"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    let mut scripts = Vec::new();
    for f in &files {
        let path = format!("tests/data/admin-rules/{f}");
        for source in [
            ["--vm-ip", "10.0.0.4", "--vnet", "10.0.0.0/16"],
            ["--vnet", "10.0.0.0/16", "--vnet", "10.1.0.0/16"],
        ] {
            for option in OPTIONS {
                let mut args = vec!["--admin-rules", &path, "--region", "koreacentral"];
                args.extend(source);
                args.extend([
                    "--nic-nsg",
                    "examples/deny-all-outbound-fixed/nic-nsg.json",
                    "--ports",
                    "8443",
                    "--option",
                    option,
                ]);
                let emitted = run_fix_args(&args);
                if let Some(script) = emitted.get("azcli")
                    && script.contains("\naz network manager ")
                {
                    scripts.push((
                        format!("{f} {} --option {option}", source.join(" ")),
                        script.clone(),
                    ));
                }
            }
        }
    }
    scripts
}

#[test]
fn every_emitted_network_manager_command_is_in_the_virtual_network_manager_extensions_reference() {
    let reference = ExtensionReference::load("virtual-network-manager");
    let scripts = admin_rule_scripts();
    let mut lines = Vec::new();
    let mut labels = Vec::new();
    let mut options = BTreeSet::new();
    for (label, script) in &scripts {
        let cmds = script_commands(script);
        // the script installs the extension first, before any command of it
        assert_eq!(
            cmds.first().map(String::as_str),
            Some("az extension add --name virtual-network-manager --upgrade --only-show-errors"),
            "{label}\n{script}"
        );
        options.insert(label.rsplit(' ').next().unwrap().to_string());
        for c in cmds.iter().filter(|c| c.starts_with("az network manager ")) {
            lines.push(c.clone());
            labels.push(label.clone());
        }
    }
    // the options tests/admin_rules.rs repairs an admin Deny with, from both source setups
    for o in ["auto", "nsg", "firewall"] {
        assert!(options.contains(o), "{o}: {options:?}");
    }
    assert!(
        lines.iter().any(|l| l.contains("10.1.0.0/16")),
        "no case with two sources: {lines:?}"
    );
    let words = bash_words(&lines);
    let mut used = BTreeSet::new();
    let mut failures = Vec::new();
    for ((line, label), w) in lines.iter().zip(&labels).zip(&words) {
        let (name, errs) = reference.check(w);
        used.extend(name);
        if !errs.is_empty() {
            failures.push(format!("{label}: {line}\n  {}", errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        used,
        reference.commands.keys().cloned().collect::<BTreeSet<_>>(),
        "checked {} lines",
        lines.len()
    );
    // not vacuous: the old `--name` for the rule, a missing required option, a value not allowed, a
    // priority out of range, two prefixes in one item and an unknown prefix type are each refused
    let good = &words[lines
        .iter()
        .position(|l| l.contains("10.1.0.0/16"))
        .unwrap()];
    let at = |w: &[String], o: &str| w.iter().position(|x| x == o).unwrap();
    for (mutate, want) in [
        (
            Box::new(|w: &mut Vec<String>| {
                let i = at(w, "--rule-name");
                w[i] = "--name".into();
            }) as Box<dyn Fn(&mut Vec<String>)>,
            "given twice",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let i = at(w, "--kind");
                w.drain(i..i + 2);
            }),
            "`--kind` is required",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let i = at(w, "--access");
                w[i + 1] = "Permit".into();
            }),
            "one of",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let i = at(w, "--priority");
                w[i + 1] = "0".into();
            }),
            "an integer in 1..=4096",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let i = w.iter().rposition(|x| x == "--sources").unwrap();
                w.remove(i);
            }),
            "twice in one item",
        ),
        (
            Box::new(|w: &mut Vec<String>| {
                let i = at(w, "--destinations");
                w[i + 2] = "address-prefix-type=Tag".into();
            }),
            "`address-prefix-type` one of",
        ),
    ] {
        let mut w = good.clone();
        mutate(&mut w);
        let (_, errs) = reference.check(&w);
        assert!(
            errs.iter().any(|e| e.contains(want)),
            "{want}: {w:?}: {errs:?}"
        );
    }
}

#[test]
fn az_scripts_split_into_commands_as_bash_reads_them() {
    let script = "#!/usr/bin/env bash\n# comment\nset -euo pipefail\naz extension add --name x\n\naz a \\\n  --b 'c \\\nd' \\\n  --e $'f\\'g'\nsudo tee -a /etc/x\n";
    let cmds = script_commands(script);
    assert_eq!(
        cmds,
        [
            "az extension add --name x",
            "az a   --b 'c \\\nd'   --e $'f\\'g'",
            "sudo tee -a /etc/x"
        ]
    );
    assert_eq!(az_lines(script), [cmds[1].clone()]);
    assert_eq!(
        bash_words(&az_lines(script)),
        [["az", "a", "--b", "c \\\nd", "--e", "f'g"]]
    );
}

/// The venv with azure-cli from PyPI: `target/azcli-venv` (made by .ci/run), made here if missing.
fn azcli_venv() -> PathBuf {
    let venv = std::env::var_os("AZEGRESS_AZCLI_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/azcli-venv"));
    if !venv.join("bin/az").exists() {
        let st = std::process::Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("python3 (and on Debian python3-venv)");
        assert!(st.success(), "python3 -m venv {}", venv.display());
        let st = std::process::Command::new(venv.join("bin/python"))
            .args(["-m", "pip", "install", "--quiet", AZURE_CLI])
            .status()
            .unwrap();
        assert!(st.success(), "pip install {AZURE_CLI}");
    }
    venv
}

/// Whether commands can be run without any network (`unshare -n`, as root).
fn no_network_available() -> bool {
    std::process::Command::new("unshare")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs one command line with bash, the venv's az first on PATH, a fresh config dir and no login; its
/// combined output.
fn run_az_line(venv: &Path, config: &Path, line: &str, offline: bool) -> (Option<i32>, String) {
    let mut cmd = if offline {
        let mut c = std::process::Command::new("unshare");
        c.args(["-n", "bash"]);
        c
    } else {
        std::process::Command::new("bash")
    };
    let path = format!(
        "{}:{}",
        venv.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = cmd
        .args(["--norc", "--noprofile", "-c", line])
        .env("PATH", path)
        .env("AZURE_CONFIG_DIR", config)
        .env("AZURE_CORE_COLLECT_TELEMETRY", "false")
        .env("AZURE_CORE_NO_COLOR", "true")
        .env("AZURE_EXTENSION_USE_DYNAMIC_INSTALL", "no")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// What az says when it refuses a command line before running it (argparse's, and aaz's for a value).
const PARSE_ERRORS: [&str; 5] = [
    "unrecognized arguments",
    "the following arguments are required",
    "invalid choice",
    "is misspelled or not recognized",
    "is not a valid value for",
];

#[test]
#[ignore = "needs azure-cli: pip install azure-cli (.ci/run installs it)"]
fn every_emitted_az_command_is_parsed_by_the_real_azure_cli() {
    let venv = azcli_venv();
    let config = tempfile::tempdir().unwrap();
    let offline = no_network_available();
    let (_, version) = run_az_line(&venv, config.path(), "az version", offline);
    eprintln!("{version}(no network for az: {offline})");
    // every distinct az line of every script, with the first case that printed it
    let mut lines: BTreeMap<String, String> = BTreeMap::new();
    let mut adds: BTreeSet<String> = BTreeSet::new();
    for case in cases() {
        if let Some(script) = case.text("azcli") {
            for c in script_commands(script) {
                if c.starts_with("az extension add ") {
                    adds.insert(c);
                } else if c.starts_with("az ") {
                    lines.entry(c).or_insert_with(|| case.label.clone());
                }
            }
        }
    }
    assert!(lines.len() >= 10, "{lines:?}");
    let mut failures = Vec::new();
    let (mut parsed, mut in_extension) = (0, 0);
    for (line, label) in &lines {
        let (code, out) = run_az_line(&venv, config.path(), line, offline);
        match EXTENSION_GROUPS.iter().find(|(p, _)| line.starts_with(p)) {
            // not in a stock az: its flags are checked against the extension's reference instead; here
            // the stock az must refuse the group, which shows the script's `az extension add` is needed
            Some((_, ext)) => {
                in_extension += 1;
                if !out.contains("is misspelled or not recognized by the system") {
                    failures.push(format!(
                        "{label}: {line}\n  a stock az was expected not to know this ({ext} extension): exit {code:?}\n{out}"
                    ));
                }
            }
            None => {
                parsed += 1;
                let bad: Vec<&str> = PARSE_ERRORS
                    .iter()
                    .copied()
                    .filter(|e| out.contains(e))
                    .collect();
                if !out.contains("Please run 'az login'") || !bad.is_empty() || code == Some(0) {
                    failures.push(format!(
                        "{label}: {line}\n  exit {code:?}, refused with {bad:?}:\n{out}"
                    ));
                }
            }
        }
    }
    // `az extension add …` parses and then needs the extension index, which is downloaded from Azure (not
    // PyPI): without a network it must fail there, not at its arguments
    if offline {
        for add in &adds {
            let (code, out) = run_az_line(&venv, config.path(), add, true);
            let bad: Vec<&str> = PARSE_ERRORS
                .iter()
                .copied()
                .filter(|e| out.contains(e))
                .collect();
            if !out.contains("Unable to get extension index") || !bad.is_empty() {
                failures.push(format!("{add}\n  exit {code:?}:\n{out}"));
            }
        }
    }
    eprintln!(
        "{parsed} az lines parsed by the real az, {in_extension} in an extension (checked against tests/data/az-extensions), {} extension installs",
        adds.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(parsed > 0 && in_extension > 0);
    // not vacuous: the same az refuses a misspelled option and a wrong value before asking for a login
    let nsg = lines
        .keys()
        .find(|l| l.starts_with("az network nsg rule create "))
        .unwrap();
    for (bad, want) in [
        (format!("{nsg} --bogus x"), "unrecognized arguments"),
        (
            nsg.replacen("--direction Outbound", "--direction Outward", 1),
            "is not a valid value for '--direction'",
        ),
    ] {
        let (_, out) = run_az_line(&venv, config.path(), &bad, offline);
        assert!(
            out.contains(want) && !out.contains("Please run 'az login'"),
            "{bad}\n{out}"
        );
    }
}

#[test]
fn ci_installs_the_azure_cli_the_az_test_pins() {
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.contains(AZURE_CLI),
        ".ci/run should pip install {AZURE_CLI}"
    );
    assert!(ci.contains("target/azcli-venv"));
}

// ---------------------------------------------------------------------------------------------------
// ARM

const SCHEMA_HOST: &str = "https://schema.management.azure.com/schemas/";

/// Serves the copies in tests/data/schemas/arm/ for their schema.management.azure.com URLs, and nothing
/// else (no network).
struct ArmSchemas;

impl jsonschema::Retrieve for ArmSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let s = uri.as_str();
        let s = s.split('#').next().unwrap_or(s);
        let rel = s
            .strip_prefix(SCHEMA_HOST)
            .ok_or_else(|| format!("not a schema this test has a copy of: {s}"))?;
        let path = data("schemas/arm").join(rel);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn arm_validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema = read_json(&data("schemas/arm/2019-04-01/deploymentTemplate.json"));
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .with_retriever(ArmSchemas)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn arm_errors(t: &Value) -> Vec<String> {
    arm_validator()
        .iter_errors(t)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// The Microsoft.Network schema at the emitted apiVersion, to look property names up in: the published
/// schemas allow any extra property, so a misspelled one would validate.
struct Network {
    doc: Value,
}

impl Network {
    fn load(api: &str) -> Self {
        Self {
            doc: read_json(&data(&format!(
                "schemas/arm/{api}/Microsoft.Network.NRP.json"
            ))),
        }
    }

    /// A schema node and, through local `$ref`s and `oneOf`/`anyOf`/`allOf`, every node it stands for.
    fn expand<'a>(&'a self, node: &'a Value, out: &mut Vec<&'a Value>) {
        if let Some(r) = node["$ref"].as_str() {
            // expressions and other documents' definitions carry no property names
            if let Some(name) = r.strip_prefix("#/definitions/") {
                self.expand(&self.doc["definitions"][name], out);
            }
            return;
        }
        out.push(node);
        for k in ["oneOf", "anyOf", "allOf"] {
            for b in node[k].as_array().into_iter().flatten() {
                self.expand(b, out);
            }
        }
    }

    /// Every property name in `inst` that none of the schema nodes defines, with its path.
    fn unknown(&self, nodes: &[&Value], inst: &Value, path: &str, errs: &mut Vec<String>) {
        let mut all = Vec::new();
        for n in nodes {
            self.expand(n, &mut all);
        }
        match inst {
            Value::Object(o) => {
                let mut props: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
                for n in &all {
                    for (k, s) in n["properties"].as_object().into_iter().flatten() {
                        props.entry(k).or_default().push(s);
                    }
                }
                if props.is_empty() {
                    return; // a free-form object (tags and the like)
                }
                for (k, v) in o {
                    match props.get(k.as_str()) {
                        Some(s) => self.unknown(s, v, &format!("{path}/{k}"), errs),
                        None => errs.push(format!("{path}/{k}: not a property the schema defines")),
                    }
                }
            }
            Value::Array(a) => {
                let items: Vec<&Value> = all
                    .iter()
                    .map(|n| &n["items"])
                    .filter(|i| !i.is_null())
                    .collect();
                for (i, v) in a.iter().enumerate() {
                    self.unknown(&items, v, &format!("{path}/{i}"), errs);
                }
            }
            _ => {}
        }
    }

    /// The unknown property names of one template resource, looked up in the resource type's definition.
    fn resource_unknown(&self, r: &Value) -> Vec<String> {
        let defs = self.doc["resourceDefinitions"].as_object().unwrap();
        let Some(def) = defs
            .values()
            .find(|d| d["properties"]["type"]["enum"][0] == r["type"])
        else {
            return vec![format!(
                "{}: no such resource type in the schema",
                r["type"]
            )];
        };
        // the template language's own keys of a resource (deploymentTemplate.json resourceBase)
        let base = json!({"properties": {"dependsOn": {}, "condition": {}, "location": {}, "tags": {}, "copy": {}, "scope": {}, "comments": {}}});
        let mut errs = Vec::new();
        self.unknown(&[def, &base], r, "", &mut errs);
        errs
    }
}

const ADMIN_RULE_TYPE: &str =
    "Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules";

/// The published ARM schema of security admin rules (2024-05-01) declares neither `kind` nor `properties`
/// (the discriminated `AdminRule`/`DefaultAdminRule` variants were dropped by its generator), so a rule is
/// checked against the REST definition instead: `AdminRule` (`kind: Custom`) with `AdminPropertiesFormat`
/// of `specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/networkManagerSecurityAdminConfiguration.json`
/// in Azure/azure-rest-api-specs — its property names, the required ones, the enums, and priority 1–4096.
fn admin_rule_errors(r: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let o = r.as_object().unwrap();
    for k in o.keys() {
        if ![
            "type",
            "apiVersion",
            "name",
            "kind",
            "properties",
            "dependsOn",
            "comments",
        ]
        .contains(&k.as_str())
        {
            errs.push(format!("/{k}: not a key of an admin rule resource"));
        }
    }
    if r["kind"] != "Custom" {
        errs.push(format!("/kind: {} is not Custom", r["kind"]));
    }
    let p = r["properties"].as_object().cloned().unwrap_or_default();
    const NAMES: [&str; 9] = [
        "description",
        "protocol",
        "sources",
        "destinations",
        "sourcePortRanges",
        "destinationPortRanges",
        "access",
        "priority",
        "direction",
    ];
    for k in p.keys() {
        if !NAMES.contains(&k.as_str()) {
            errs.push(format!(
                "/properties/{k}: not a property of AdminPropertiesFormat"
            ));
        }
    }
    for k in ["protocol", "access", "priority", "direction"] {
        if !p.contains_key(k) {
            errs.push(format!("/properties/{k}: required"));
        }
    }
    let one_of = |k: &str, allowed: &[&str], errs: &mut Vec<String>| {
        if let Some(v) = p.get(k)
            && !allowed.iter().any(|a| v == a)
        {
            errs.push(format!("/properties/{k}: {v} is not one of {allowed:?}"));
        }
    };
    one_of(
        "protocol",
        &["Tcp", "Udp", "Icmp", "Esp", "Any", "Ah"],
        &mut errs,
    );
    one_of("access", &["Allow", "Deny", "AlwaysAllow"], &mut errs);
    one_of("direction", &["Inbound", "Outbound"], &mut errs);
    if !p["priority"]
        .as_u64()
        .is_some_and(|n| (1..=4096).contains(&n))
    {
        errs.push(format!(
            "/properties/priority: {} not in 1-4096",
            p["priority"]
        ));
    }
    for side in ["sources", "destinations"] {
        for item in p.get(side).and_then(Value::as_array).into_iter().flatten() {
            for k in item.as_object().into_iter().flatten().map(|(k, _)| k) {
                if !["addressPrefix", "addressPrefixType"].contains(&k.as_str()) {
                    errs.push(format!(
                        "/properties/{side}: {k} is not a key of AddressPrefixItem"
                    ));
                }
            }
            if !["IPPrefix", "ServiceTag"]
                .iter()
                .any(|t| item["addressPrefixType"] == *t)
            {
                errs.push(format!(
                    "/properties/{side}: addressPrefixType {} is not IPPrefix or ServiceTag",
                    item["addressPrefixType"]
                ));
            }
        }
    }
    errs
}

#[test]
fn every_emitted_arm_template_validates_against_microsofts_schemas() {
    let network = Network::load("2024-05-01");
    let mut failures = Vec::new();
    let mut types = BTreeSet::new();
    let mut templates = 0;
    let mut first_of_type: BTreeMap<String, Value> = BTreeMap::new();
    for case in cases() {
        let Some(text) = case.text("arm") else {
            continue;
        };
        let t: Value = serde_json::from_str(text).unwrap();
        templates += 1;
        let mut errs = arm_errors(&t);
        for r in t["resources"].as_array().unwrap() {
            // the apiVersion the schema copy is of
            assert_eq!(r["apiVersion"], "2024-05-01", "{}", case.label);
            types.insert(r["type"].as_str().unwrap().to_string());
            first_of_type
                .entry(r["type"].as_str().unwrap().to_string())
                .or_insert_with(|| t.clone());
            if r["type"] == ADMIN_RULE_TYPE {
                errs.extend(admin_rule_errors(r));
            } else {
                errs.extend(network.resource_unknown(r));
            }
        }
        if !errs.is_empty() {
            failures.push(format!("{}:\n  {}\n{text}", case.label, errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(templates >= 20, "{templates}");
    assert_eq!(
        types,
        BTreeSet::from_iter(
            [
                "Microsoft.Network/azureFirewalls",
                "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                "Microsoft.Network/natGateways",
                "Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules",
                "Microsoft.Network/networkSecurityGroups/securityRules",
                "Microsoft.Network/publicIPAddresses",
                "Microsoft.Network/routeTables/routes",
                "Microsoft.Network/virtualNetworks/subnets",
            ]
            .map(String::from)
        )
    );
    // not vacuous: each of these is refused by the schemas (or, for the misspelling, the name check)
    let nsg = &first_of_type["Microsoft.Network/networkSecurityGroups/securityRules"];
    let fw = &first_of_type["Microsoft.Network/firewallPolicies/ruleCollectionGroups"];
    let route = &first_of_type["Microsoft.Network/routeTables/routes"];
    let refused = |t: &Value, change: &dyn Fn(&mut Value)| {
        let mut t = t.clone();
        change(&mut t);
        !arm_errors(&t).is_empty()
    };
    assert!(refused(
        nsg,
        &|t| t["resources"][0]["properties"]["access"] = json!("Permit")
    ));
    assert!(refused(nsg, &|t| t["resources"][0]["apiVersion"] =
        json!("2099-01-01")));
    assert!(refused(nsg, &|t| {
        t["resources"][0]["properties"]
            .as_object_mut()
            .unwrap()
            .remove("priority");
    }));
    assert!(refused(nsg, &|t| t["contentVersion"] = json!("1.0")));
    assert!(refused(
        fw,
        &|t| t["resources"][0]["properties"]["priority"] = json!(70000)
    ));
    assert!(refused(fw, &|t| {
        t["resources"][0]["properties"]["ruleCollections"][0]["rules"][0]["ipProtocols"] =
            json!(["SCTP"])
    }));
    assert!(refused(
        route,
        &|t| t["resources"][0]["properties"]["nextHopType"] = json!("Gateway")
    ));
    let admin = &first_of_type[ADMIN_RULE_TYPE]["resources"][0];
    assert!(admin_rule_errors(admin).is_empty());
    for (path, bad) in [
        ("/properties/access", json!("Permit")),
        ("/properties/priority", json!(5000)),
        ("/kind", json!("Default")),
        ("/properties/destinations/0/addressPrefixType", json!("Tag")),
    ] {
        let mut r = admin.clone();
        *r.pointer_mut(path).unwrap() = bad;
        assert!(!admin_rule_errors(&r).is_empty(), "{path}");
    }
    let mut typo = nsg["resources"][0].clone();
    let p = typo["properties"].as_object_mut().unwrap();
    let v = p.remove("sourcePortRange").unwrap();
    p.insert("sourcePortRanje".into(), v);
    assert_eq!(
        network.resource_unknown(&typo),
        ["/properties/sourcePortRanje: not a property the schema defines"]
    );
}

// ---------------------------------------------------------------------------------------------------
// Terraform

/// What is wrong with one block body against its spec (arguments, nested blocks) from the reference.
fn tf_errors(spec: &Value, body: &hcl::Body, path: &str, errs: &mut Vec<String>) {
    let args = spec["arguments"].as_object().cloned().unwrap_or_default();
    let blocks = spec["blocks"].as_object().cloned().unwrap_or_default();
    let mut given = BTreeSet::new();
    for a in body.attributes() {
        let k = a.key();
        given.insert(k.to_string());
        let Some(s) = args.get(k) else {
            errs.push(format!("{path}.{k}: not an argument of this block"));
            continue;
        };
        let e = a.expr();
        if let (Some(allowed), hcl::Expression::String(v)) = (s["one_of"].as_array(), e)
            && !allowed.iter().any(|x| x == v.as_str())
        {
            errs.push(format!("{path}.{k} = {v:?}: one of {allowed:?}"));
        }
        if let (Some(allowed), hcl::Expression::Array(items)) = (s["each_one_of"].as_array(), e) {
            for i in items {
                if let hcl::Expression::String(v) = i
                    && !allowed.iter().any(|x| x == v.as_str())
                {
                    errs.push(format!("{path}.{k}: {v:?} is not one of {allowed:?}"));
                }
            }
        }
        if let (Some(r), hcl::Expression::Number(n)) = (s["int_range"].as_array(), e) {
            let (lo, hi) = (r[0].as_i64().unwrap(), r[1].as_i64().unwrap());
            if !n.as_i64().is_some_and(|n| (lo..=hi).contains(&n)) {
                errs.push(format!("{path}.{k} = {n}: an integer in {lo}..={hi}"));
            }
        }
        if let (Some(max), hcl::Expression::String(v)) = (s["max_length"].as_u64(), e)
            && v.chars().count() as u64 > max
        {
            errs.push(format!("{path}.{k}: longer than {max} characters"));
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for b in body.blocks() {
        let id = b.identifier();
        *counts.entry(id.to_string()).or_default() += 1;
        match blocks.get(id) {
            Some(s) => tf_errors(s, b.body(), &format!("{path}.{id}"), errs),
            None => errs.push(format!("{path}.{id}: not a block of this block")),
        }
    }
    for (k, s) in &args {
        if s["required"].as_bool() == Some(true) && !given.contains(k) {
            errs.push(format!("{path}.{k}: required"));
        }
        for other in s["conflicts_with"].as_array().into_iter().flatten() {
            if given.contains(k) && given.contains(other.as_str().unwrap()) {
                errs.push(format!("{path}.{k} conflicts with {other}"));
            }
        }
    }
    for g in spec["exactly_one_of"].as_array().into_iter().flatten() {
        let n = g
            .as_array()
            .unwrap()
            .iter()
            .filter(|k| given.contains(k.as_str().unwrap()))
            .count();
        if n != 1 {
            errs.push(format!("{path}: exactly one of {g} (given {n})"));
        }
    }
    for (k, s) in &blocks {
        let n = counts.get(k).copied().unwrap_or(0);
        if s["required"].as_bool() == Some(true) && n == 0 {
            errs.push(format!("{path}.{k}: a required block"));
        }
        if s["max_items"].as_u64().is_some_and(|m| n as u64 > m) {
            errs.push(format!("{path}.{k}: at most {} block(s)", s["max_items"]));
        }
    }
}

fn tf_resource_errors(reference: &Value, text: &str, types: &mut BTreeSet<String>) -> Vec<String> {
    let body = hcl::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut errs = Vec::new();
    assert_eq!(body.attributes().count(), 0, "{text}");
    for b in body.blocks() {
        assert_eq!(b.identifier(), "resource", "{text}");
        let labels: Vec<&str> = b.labels().iter().map(|l| l.as_str()).collect();
        assert_eq!(labels.len(), 2, "{text}");
        types.insert(labels[0].to_string());
        let spec = &reference["resources"][labels[0]];
        if spec.is_null() {
            errs.push(format!(
                "{}: not a resource type of the reference",
                labels[0]
            ));
            continue;
        }
        tf_errors(spec, b.body(), &labels.join("."), &mut errs);
    }
    errs
}

#[test]
fn every_emitted_terraform_block_uses_only_arguments_the_azurerm_provider_has() {
    let reference = read_json(&data("terraform/azurerm-arguments.json"));
    let mut failures = Vec::new();
    let mut types = BTreeSet::new();
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    for case in cases() {
        let Some(text) = case.text("terraform") else {
            continue;
        };
        let mut t = BTreeSet::new();
        let errs = tf_resource_errors(&reference, text, &mut t);
        for ty in &t {
            first.entry(ty.clone()).or_insert_with(|| text.to_string());
        }
        types.extend(t);
        if !errs.is_empty() {
            failures.push(format!("{}:\n  {}\n{text}", case.label, errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // every resource type of the reference was emitted by some case, the classic firewall's included
    assert_eq!(
        types,
        reference["resources"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<BTreeSet<_>>()
    );
    // not vacuous: an unknown argument, a missing required one, a value not allowed, a misplaced block
    let nsg = &first["azurerm_network_security_rule"];
    let group = &first["azurerm_firewall_policy_rule_collection_group"];
    for (text, want) in [
        (
            nsg.replacen("  priority ", "  source_port = \"*\"\n  priority ", 1),
            "source_port: not an argument",
        ),
        (
            nsg.lines()
                .filter(|l| !l.trim_start().starts_with("direction"))
                .collect::<Vec<_>>()
                .join("\n"),
            "direction: required",
        ),
        (nsg.replacen("\"Tcp\"", "\"TCP\"", 1), "one of"),
        (
            nsg.replacen(
                "destination_address_prefix   =",
                "destination_address_prefixes = [\"*\"]\n  destination_address_prefix   =",
                1,
            ),
            "exactly one of",
        ),
        (group.replacen("\"TCP\"", "\"Tcp\"", 1), "is not one of"),
        (
            group.replacen("network_rule_collection {", "rule_collection {", 1),
            "rule_collection: not a block",
        ),
    ] {
        let errs = tf_resource_errors(&reference, &text, &mut BTreeSet::new());
        assert!(
            errs.iter().any(|e| e.contains(want)),
            "{want}: {errs:?}\n{text}"
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// PowerShell

/// The cmdlet calls of a PowerShell script: backtick continuations joined, each `Verb-AzNoun` with the
/// `-Parameter` names given to it, and whether it takes its input from a pipe. A parenthesised call inside
/// another (`-SourceAddressPrefix @((New-Az… -AddressPrefix …))`) is a call of its own.
fn ps_calls(script: &str) -> Vec<(String, Vec<String>, bool)> {
    let joined = script.replace("`\n", " ").replace("|\n", "| ");
    let mut calls = Vec::new();
    for line in joined.lines().filter(|l| !l.trim_start().starts_with('#')) {
        ps_line_calls(line, &mut calls);
    }
    calls
}

fn ps_line_calls(line: &str, calls: &mut Vec<(String, Vec<String>, bool)>) {
    // split into words outside quotes and parentheses; the text in parentheses is read on its own
    let mut segments: Vec<Vec<String>> = vec![Vec::new()];
    let mut cur = String::new();
    let mut quoted = false;
    let mut depth = 0usize;
    let mut inner = String::new();
    for ch in line.chars() {
        if ch == '\'' {
            quoted = !quoted;
        }
        if depth > 0 {
            match ch {
                '(' if !quoted => depth += 1,
                ')' if !quoted => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                ps_line_calls(&std::mem::take(&mut inner), calls);
                cur.push_str("$sub");
            } else {
                inner.push(ch);
            }
            continue;
        }
        match ch {
            '(' if !quoted => depth = 1,
            '\'' => {}
            '|' if !quoted => {
                segments.last_mut().unwrap().push(std::mem::take(&mut cur));
                segments.push(Vec::new());
            }
            c if c.is_whitespace() && !quoted => {
                segments.last_mut().unwrap().push(std::mem::take(&mut cur));
            }
            c if !quoted => cur.push(c),
            _ => {}
        }
    }
    segments.last_mut().unwrap().push(cur);
    for (k, words) in segments.iter().enumerate() {
        let Some(at) = words.iter().position(|w| {
            let mut p = w.splitn(2, '-');
            p.next()
                .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphabetic()))
                && p.next().is_some_and(|n| n.starts_with("Az"))
        }) else {
            continue;
        };
        let params = words[at + 1..]
            .iter()
            .filter_map(|w| w.strip_prefix('-'))
            .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .map(str::to_string)
            .collect();
        calls.push((words[at].clone(), params, k > 0));
    }
}

/// What is wrong with one call against the cmdlet's help: an unknown cmdlet, a parameter no parameter set
/// has, or a set's mandatory parameter missing (a piped call gets one from the pipe).
fn ps_call_errors(reference: &Value, cmdlet: &str, params: &[String], piped: bool) -> Vec<String> {
    let Some(spec) = reference["cmdlets"].get(cmdlet) else {
        return vec![format!("{cmdlet}: not a cmdlet of the reference")];
    };
    let aliases = spec["aliases"].as_object().cloned().unwrap_or_default();
    let names: Vec<String> = params
        .iter()
        .map(|p| {
            aliases
                .iter()
                .find(|(a, _)| a.eq_ignore_ascii_case(p))
                .and_then(|(_, to)| to.as_str())
                .unwrap_or(p)
                .to_string()
        })
        .collect();
    let sets = spec["parameter_sets"].as_object().unwrap();
    let fits = sets.values().any(|set| {
        let has = |n: &str| {
            set["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p.as_str().is_some_and(|p| p.eq_ignore_ascii_case(n)))
        };
        let required: Vec<&str> = set["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let missing = required
            .iter()
            .filter(|r| !names.iter().any(|n| n.eq_ignore_ascii_case(r)))
            .count();
        names.iter().all(|n| has(n)) && (missing == 0 || (piped && missing == 1))
    });
    if fits {
        Vec::new()
    } else {
        vec![format!(
            "{cmdlet} {}: no parameter set of the cmdlet takes these parameters (with every mandatory one)",
            params
                .iter()
                .map(|p| format!("-{p}"))
                .collect::<Vec<_>>()
                .join(" ")
        )]
    }
}

#[test]
fn every_emitted_powershell_cmdlet_is_called_as_its_help_documents() {
    let reference = read_json(&data("powershell/az-cmdlets.json"));
    let mut failures = Vec::new();
    let mut used = BTreeSet::new();
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    for case in cases() {
        let Some(text) = case.text("powershell") else {
            continue;
        };
        for (cmdlet, params, piped) in ps_calls(text) {
            used.insert(cmdlet.clone());
            first
                .entry(cmdlet.clone())
                .or_insert_with(|| text.to_string());
            let errs = ps_call_errors(&reference, &cmdlet, &params, piped);
            if !errs.is_empty() {
                failures.push(format!("{}:\n  {}", case.label, errs.join("\n  ")));
            }
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // every cmdlet family the emitters write was called by some case
    for c in [
        "New-AzNatGateway",
        "New-AzPublicIpAddress",
        "Set-AzVirtualNetwork",
        "New-AzFirewallApplicationRule",
        "New-AzFirewallPolicyApplicationRule",
        "New-AzFirewallPolicyRuleCollectionGroup",
        "New-AzNetworkManagerSecurityAdminRule",
        "Add-AzNetworkSecurityRuleConfig",
        "Add-AzRouteConfig",
    ] {
        assert!(used.contains(c), "{c} is emitted by no case: {used:?}");
    }
    // not vacuous: a misspelled parameter, a parameter of the other set, a missing mandatory one
    for (cmdlet, params, want) in [
        (
            "New-AzNatGateway",
            vec!["Name", "ResourceGroupName", "SkuName"],
            "no parameter set",
        ),
        (
            "New-AzFirewallApplicationRule",
            vec!["Name", "FqdnTag", "Protocol"],
            "no parameter set",
        ),
        (
            "New-AzPublicIpAddress",
            vec!["Name", "Location"],
            "no parameter set",
        ),
        ("New-AzNoSuchThing", vec![], "not a cmdlet"),
    ] {
        let params: Vec<String> = params.into_iter().map(String::from).collect();
        let errs = ps_call_errors(&reference, cmdlet, &params, false);
        assert!(errs.iter().any(|e| e.contains(want)), "{cmdlet}: {errs:?}");
    }
    assert_eq!(
        ps_calls(
            "$a = Get-AzRouteTable -ResourceGroupName 'r-x' -Name 'a -b' |\n  Set-AzRouteTable\n"
        ),
        vec![
            (
                "Get-AzRouteTable".to_string(),
                vec!["ResourceGroupName".to_string(), "Name".to_string()],
                false
            ),
            ("Set-AzRouteTable".to_string(), vec![], true),
        ]
    );
}
