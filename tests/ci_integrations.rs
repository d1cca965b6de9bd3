//! The CI integrations run as the runners run them (issue 32 §2): the GitHub Action's and the Azure Pipelines
//! template's gate step (`ci/run-gate.sh`), the pre-commit hook's entry (`ci/pre-commit/azegress-gate.sh`) and
//! the install step (`ci/install.sh`) are run here with the environment variables each runner sets, against the
//! bundled examples and the built binary; their exit codes, outputs and files are checked. The YAML that wires
//! them (action.yml, the template, .pre-commit-hooks.yaml) is checked to pass every input the scripts read, and
//! the Dockerfile to copy files that exist and run the binary this package builds.
#![cfg(unix)]

use serde_yaml::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_azegress");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn yaml(rel: &str) -> Value {
    serde_yaml::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A bash script of the repository run from the repository root with only the variables given (and PATH,
/// HOME), as a runner starts a step: nothing leaks in from the test's own environment.
fn script(rel: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new("bash");
    c.arg(root().join(rel))
        .args(args)
        .current_dir(root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env(
            "HOME",
            std::env::var_os("HOME").unwrap_or_else(|| "/nonexistent".into()),
        )
        .env("NO_COLOR", "1")
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// The step environment of the GitHub Action (action.yml's gate step, its defaults) on a runner.
struct GitHub {
    dir: tempfile::TempDir,
}

impl GitHub {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("output"), "").unwrap();
        std::fs::write(dir.path().join("summary.md"), "").unwrap();
        GitHub { dir }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn sarif(&self) -> PathBuf {
        self.path("azegress/azegress.sarif")
    }
    fn run(&self, inputs: &[(&str, &str)]) -> Output {
        let output = self.path("output");
        let summary = self.path("summary.md");
        let sarif = self.sarif();
        let temp = self.dir.path().to_str().unwrap().to_string();
        let mut env: Vec<(&str, &str)> = vec![
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_OUTPUT", output.to_str().unwrap()),
            ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
            ("GITHUB_WORKSPACE", env!("CARGO_MANIFEST_DIR")),
            ("RUNNER_TEMP", &temp),
            ("AZEGRESS", BIN),
            // action.yml's defaults
            ("INPUT_PATHS", "."),
            ("INPUT_PACKS", ""),
            ("INPUT_REGION", ""),
            ("INPUT_BASELINE", ""),
            ("INPUT_FORMAT", "table"),
            ("INPUT_SARIF_FILE", sarif.to_str().unwrap()),
            ("INPUT_JUNIT_FILE", ""),
            ("INPUT_SUMMARY", "true"),
            ("INPUT_FAIL_ON_INCONCLUSIVE", "true"),
            ("INPUT_ARGS", ""),
            ("INPUT_UPDATE_TAGS", "false"),
        ];
        for (k, v) in inputs {
            env.retain(|(e, _)| e != k);
            env.push((k, v));
        }
        script("ci/run-gate.sh", &[], &env)
    }
    fn outputs(&self) -> String {
        std::fs::read_to_string(self.path("output")).unwrap()
    }
    fn summary(&self) -> String {
        std::fs::read_to_string(self.path("summary.md")).unwrap()
    }
}

fn sarif_results(path: &Path) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap();
    assert_eq!(v["version"], "2.1.0");
    v["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn the_action_s_gate_step_fails_the_job_on_a_finding_and_writes_sarif_outputs_and_summary() {
    let gh = GitHub::new();
    let o = gh.run(&[("INPUT_PATHS", "examples/resource-graph/resources.json\n")]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("denied by securityRules/Deny-Internet-Out"),
        "{stdout}"
    );
    assert!(stdout.contains("::error title=azegress::"), "{stdout}");
    let results = sarif_results(&gh.sarif());
    assert!(!results.is_empty());
    let outputs = gh.outputs();
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    assert!(
        outputs.contains(&format!("sarif-file={}\n", gh.sarif().display())),
        "{outputs}"
    );
    assert!(
        gh.summary().contains("azegress gate failed"),
        "{}",
        gh.summary()
    );
}

#[test]
fn the_action_passes_a_clean_gate_and_still_writes_sarif() {
    let gh = GitHub::new();
    let o = gh.run(&[("INPUT_PATHS", "examples/diff/resources-fixed.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(gh.sarif().is_file());
    assert!(gh.outputs().contains("exit-code=0\n"));
    assert!(!gh.summary().is_empty());
}

#[test]
fn inconclusive_fails_by_default_and_passes_with_a_warning_when_asked() {
    // nothing to gate is never a pass: exit 3
    let gh = GitHub::new();
    let o = gh.run(&[(
        "INPUT_PATHS",
        "tests/data/templates/avm/nsg.parameters.json",
    )]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("::error title=azegress::inconclusive"));

    let gh = GitHub::new();
    let o = gh.run(&[
        (
            "INPUT_PATHS",
            "tests/data/templates/avm/nsg.parameters.json",
        ),
        ("INPUT_FAIL_ON_INCONCLUSIVE", "false"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("::warning title=azegress::inconclusive"));
    // the output keeps the gate's own code
    assert!(gh.outputs().contains("exit-code=3\n"), "{}", gh.outputs());
}

#[test]
fn packs_region_and_extra_arguments_reach_the_gate() {
    let gh = GitHub::new();
    let o = gh.run(&[
        (
            "INPUT_PATHS",
            "  tests/data/templates/quickstarts/vm-simple-linux.json  \n\n",
        ),
        (
            "INPUT_PACKS",
            "examples/ci/packs/no-admin-from-internet.yaml\n",
        ),
        ("INPUT_REGION", "westeurope"),
        ("INPUT_ARGS", "--fail-on 'warning' --allow \"AZE0624\""),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(
            "azegress gate tests/data/templates/quickstarts/vm-simple-linux.json --pack examples/ci/packs/no-admin-from-internet.yaml --region westeurope"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("--fail-on warning --allow AZE0624"),
        "{stdout}"
    );
    assert!(stdout.contains("no-admin-from-internet"), "{stdout}");
    let results = sarif_results(&gh.sarif());
    assert!(
        results.iter().any(|r| r["ruleId"]
            .as_str()
            .unwrap_or("")
            .contains("no-admin-from-internet")),
        "{results:#?}"
    );

    // an unmatched quote is an input error, never arguments dropped in silence
    let o = gh.run(&[
        ("INPUT_PATHS", "examples/resource-graph/resources.json"),
        ("INPUT_ARGS", "--allow 'AZE0624"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

#[test]
fn a_baseline_accepts_today_s_findings_and_a_missing_one_says_how_to_make_it() {
    let gh = GitHub::new();
    let baseline = gh.path("baseline.json");
    let made = Command::new(BIN)
        .current_dir(root())
        .args([
            "gate",
            "examples/resource-graph/resources.json",
            "--write-baseline",
        ])
        .arg(&baseline)
        .output()
        .unwrap();
    assert!(baseline.is_file(), "{}", text(&made));
    let o = gh.run(&[
        ("INPUT_PATHS", "examples/resource-graph/resources.json"),
        ("INPUT_BASELINE", baseline.to_str().unwrap()),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 in the baseline"));

    let missing = gh.path("no-such-baseline.json");
    let o = gh.run(&[
        ("INPUT_PATHS", "examples/resource-graph/resources.json"),
        ("INPUT_BASELINE", missing.to_str().unwrap()),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("does not exist") && said.contains("--write-baseline"),
        "{said}"
    );
    assert!(gh.outputs().contains("exit-code=2\n"));
}

#[test]
fn the_azure_pipelines_step_sets_variables_and_writes_junit_and_sarif() {
    let dir = tempfile::tempdir().unwrap();
    let staging = dir.path().join("a");
    let sarif = staging.join("azegress/azegress.sarif");
    let junit = staging.join("azegress/azegress.xml");
    // the template's env: mapping, with the agent's own variables
    let o = script(
        "ci/run-gate.sh",
        &[],
        &[
            ("TF_BUILD", "True"),
            ("AGENT_TEMPDIRECTORY", dir.path().to_str().unwrap()),
            ("AZEGRESS", BIN),
            ("INPUT_PATHS", "examples/resource-graph/resources.json"),
            ("INPUT_PACKS", "azure-vm-backup"),
            ("INPUT_REGION", ""),
            ("INPUT_BASELINE", ""),
            ("INPUT_FORMAT", "table"),
            ("INPUT_SARIF_FILE", sarif.to_str().unwrap()),
            ("INPUT_JUNIT_FILE", junit.to_str().unwrap()),
            ("INPUT_FAIL_ON_INCONCLUSIVE", "True"),
            ("INPUT_ARGS", ""),
            ("INPUT_UPDATE_TAGS", "False"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("##vso[task.setvariable variable=AZEGRESS_EXIT_CODE]1"),
        "{stdout}"
    );
    assert!(stdout.contains("##vso[task.setvariable variable=AZEGRESS_SARIF_FILE]"));
    assert!(stdout.contains("##vso[task.logissue type=error]"));
    assert!(
        !stdout.contains("::error"),
        "GitHub annotations on Azure: {stdout}"
    );
    assert!(!sarif_results(&sarif).is_empty());
    assert!(
        std::fs::read_to_string(&junit)
            .unwrap()
            .contains("<testsuites")
    );
}

/// `INPUT_*` names a script reads.
fn inputs_read_by(rel: &str) -> BTreeSet<String> {
    let s = read(rel);
    let mut out = BTreeSet::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find("INPUT_") {
        let name: String = rest[i..]
            .chars()
            .take_while(|c| c.is_ascii_uppercase() || *c == '_')
            .collect();
        out.insert(name.trim_end_matches('_').to_string());
        rest = &rest[i + 6..];
    }
    out
}

fn env_keys(step: &Value) -> BTreeSet<String> {
    step["env"]
        .as_mapping()
        .unwrap_or_else(|| panic!("no env: {step:?}"))
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_action_passes_every_input_the_script_reads_and_builds_only_on_a_cache_miss() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let gate = steps
        .iter()
        .find(|s| s["id"] == "gate")
        .expect("a step with id gate");
    assert!(gate["run"].as_str().unwrap().contains("ci/run-gate.sh"));
    let keys = env_keys(gate);
    for name in inputs_read_by("ci/run-gate.sh") {
        assert!(keys.contains(&name), "action.yml does not pass {name}");
    }
    assert!(keys.contains("AZEGRESS"));
    // every `inputs.X` the action uses is declared, and every declared input is used
    let declared: BTreeSet<String> = action["inputs"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    let text = read("action.yml");
    let mut used = BTreeSet::new();
    for part in text.split("inputs.").skip(1) {
        let name: String = part
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        used.insert(name);
    }
    assert_eq!(declared, used, "declared vs used inputs of action.yml");
    // installed once per version: restored by actions/cache, built only on a miss, from the action's checkout
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("actions/cache");
    assert!(cache["with"]["key"].as_str().unwrap().contains("runner.os"));
    let build = steps
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("install.sh\" install"))
        })
        .expect("a build step");
    assert_eq!(build["if"], "steps.cache.outputs.cache-hit != 'true'");
    assert!(
        build["run"]
            .as_str()
            .unwrap()
            .contains("$GITHUB_ACTION_PATH")
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("the SARIF upload");
    let cond = upload["if"].as_str().unwrap();
    assert!(cond.contains("always()") && cond.contains("inputs.upload-sarif == 'true'"));
    assert_eq!(action["inputs"]["fail-on-inconclusive"]["default"], "true");
    // the action's outputs come from the gate step
    assert!(
        action["outputs"]["exit-code"]["value"]
            .as_str()
            .unwrap()
            .contains("steps.gate.outputs.exit-code")
    );
}

#[test]
fn the_pipelines_template_builds_azegress_not_the_user_s_repository() {
    let t = yaml("ci/azure-pipelines/azegress-gate.yml");
    let text = read("ci/azure-pipelines/azegress-gate.yml");
    for (i, _) in text.match_indices("cargo install") {
        let line = text[i..].lines().next().unwrap();
        assert!(!line.contains("--path ."), "{line}");
    }
    let steps = t["steps"].as_sequence().unwrap();
    assert_eq!(steps[0]["checkout"], "${{ parameters.azegressRepository }}");
    assert_eq!(steps[0]["path"], "azegress-tool");
    let gate = steps
        .iter()
        .find(|s| {
            s["bash"]
                .as_str()
                .is_some_and(|b| b.contains("ci/run-gate.sh"))
        })
        .expect("the gate step");
    assert!(
        gate["bash"]
            .as_str()
            .unwrap()
            .contains("azegress-tool/ci/run-gate.sh")
    );
    let keys = env_keys(gate);
    for name in inputs_read_by("ci/run-gate.sh") {
        if name == "INPUT_SUMMARY" {
            continue; // GitHub's job summary
        }
        assert!(keys.contains(&name), "the template does not pass {name}");
    }
    let build = steps
        .iter()
        .find(|s| {
            s["bash"]
                .as_str()
                .is_some_and(|b| b.contains("install.sh\" install"))
        })
        .expect("the build step");
    assert!(
        build["condition"]
            .as_str()
            .unwrap()
            .contains("AZEGRESS_CACHE_RESTORED")
    );
    assert!(steps.iter().any(|s| s["task"] == "Cache@2"));
    // every parameter the template declares is used
    for p in t["parameters"].as_sequence().unwrap() {
        let name = p["name"].as_str().unwrap();
        assert!(
            text.contains(&format!("parameters.{name}")),
            "parameter {name} is not used"
        );
    }
    // the shipped example uses the template through a repository resource
    let example = read("examples/ci/azure-pipelines.yml");
    assert!(example.contains("template: ci/azure-pipelines/azegress-gate.yml@azegress"));
    assert!(!example.contains("cargo install"));
    let gh = read("examples/ci/github-actions.yml");
    assert!(
        !gh.contains("cargo install"),
        "the workflow must not compile on every run"
    );
}

#[test]
fn the_install_step_builds_once_then_reuses_the_binary() {
    let key = script("ci/install.sh", &["key"], &[]);
    assert_eq!(key.status.code(), Some(0), "{}", text(&key));
    let key = String::from_utf8(key.stdout).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(key.starts_with(&format!("azegress-{version}-")), "{key}");
    assert_eq!(
        key.trim().split('-').next_back().unwrap().len(),
        16,
        "{key}"
    );
    let again = script("ci/install.sh", &["key"], &[]);
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        key,
        "a stable key"
    );

    // a stand-in cargo records how it was called and installs a binary
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("bin");
    std::fs::create_dir(&fake).unwrap();
    let log = dir.path().join("cargo.log");
    std::fs::write(
        fake.join("cargo"),
        format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\nroot=''\nwhile [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=\"$2\"; shift; done\nmkdir -p \"$root/bin\" && printf '#!/bin/sh\\n' > \"$root/bin/azegress\" && chmod +x \"$root/bin/azegress\"\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(fake.join("cargo"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        fake.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let target = dir.path().join("root");
    for _ in 0..2 {
        let o = script(
            "ci/install.sh",
            &["install", target.to_str().unwrap()],
            &[("PATH", &path)],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    }
    let calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(calls.lines().count(), 1, "built twice: {calls}");
    assert_eq!(
        calls.trim(),
        format!(
            "install --locked --path {} --root {} --bin azegress",
            root().display(),
            target.display()
        )
    );
}

fn hook(args: &[&str]) -> Output {
    script("ci/pre-commit/azegress-gate.sh", args, &[("AZEGRESS", BIN)])
}

#[test]
fn the_pre_commit_hook_is_declared_as_documented() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let h = &hooks.as_sequence().unwrap()[0];
    assert_eq!(h["id"], "azegress-gate");
    assert_eq!(h["language"], "script");
    assert_eq!(h["pass_filenames"], true);
    let entry = root().join(h["entry"].as_str().unwrap());
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&entry).unwrap().permissions().mode();
    assert!(mode & 0o111 != 0, "{} is not executable", entry.display());
    let files = regex::Regex::new(h["files"].as_str().unwrap()).unwrap();
    for f in [
        "infra/main.tf",
        "infra/vnet.tf.json",
        "infra/prod.tfvars",
        "export/resources.json",
        "azuredeploy.json",
    ] {
        assert!(files.is_match(f), "{f}");
    }
    for f in ["main.bicep", "README.md", "infra/main.tf.bak"] {
        assert!(!files.is_match(f), "{f}");
    }
}

#[test]
fn the_pre_commit_hook_gates_each_changed_module_once() {
    let dir = tempfile::tempdir().unwrap();
    let unrelated = dir.path().join("package.json");
    std::fs::write(&unrelated, r#"{"name": "x", "version": "1.0.0"}"#).unwrap();
    // two files of one module, and a file that holds no Azure resource
    let o = hook(&[
        "tests/data/tf-config/quickstart/101-backup-vm/variables.tf",
        "tests/data/tf-config/quickstart/101-backup-vm/main.tf",
        unrelated.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        stdout.matches("lint/admin-port-from-internet").count(),
        1,
        "the module was gated more than once: {stdout}"
    );
    // nothing gate reads: passes
    let o = hook(&[unrelated.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = hook(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // flags written with `=` reach the gate
    let o = hook(&[
        "--region=westeurope",
        "--pack=examples/ci/packs/no-admin-from-internet.yaml",
        "tests/data/templates/quickstarts/vm-simple-linux.json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("no-admin-from-internet"));
}

#[test]
fn the_pre_commit_hook_fails_on_inconclusive_unless_told_otherwise() {
    // pass_filenames: false with a directory: the directory is gated whole (its registry modules are not
    // fetched: inconclusive)
    let args = [
        "--var=location=koreacentral",
        "--var=name=nsg-app",
        "--var=resource_group_name=rg-app",
        "tests/data/tf-config/avm-nsg",
    ];
    let o = hook(&args);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    let mut ok = vec!["--inconclusive-ok"];
    ok.extend(args);
    let o = hook(&ok);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn the_dockerfile_builds_this_package_s_binary_from_files_that_exist() {
    let docker = read("Dockerfile");
    let manifest: toml_like::Manifest = toml_like::read(&read("Cargo.toml"));
    assert!(docker.contains("cargo build --release --locked"));
    assert!(
        docker.contains(&format!("--bin {}", manifest.bin)),
        "the binary is {}",
        manifest.bin
    );
    let ignore = read(".dockerignore");
    let mut copies = 0;
    for line in docker.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("COPY ") else {
            continue;
        };
        if rest.starts_with("--from") {
            continue;
        }
        let parts: Vec<&str> = rest.split_whitespace().collect();
        for src in &parts[..parts.len() - 1] {
            assert!(
                root().join(src).exists(),
                "Dockerfile copies {src}, which does not exist"
            );
            let top = src.trim_end_matches('/');
            assert!(
                !ignore
                    .lines()
                    .any(|l| l.trim().trim_end_matches('/') == top),
                ".dockerignore excludes {src}, which the Dockerfile copies"
            );
            copies += 1;
        }
    }
    assert!(copies >= 4);
    // every file compiled into the binary is copied
    for dir in ["src/", "rules/", "service-tags/"] {
        assert!(docker.contains(&format!("COPY {dir}")), "{dir}");
    }
    // the toolchain is at least the manifest's rust-version
    let arg = docker
        .lines()
        .find_map(|l| l.trim().strip_prefix("ARG RUST_VERSION="))
        .expect("ARG RUST_VERSION");
    let num = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap()).collect() };
    assert!(
        num(arg) >= num(&manifest.rust_version),
        "{arg} < {}",
        manifest.rust_version
    );
    assert!(docker.contains("FROM rust:${RUST_VERSION}"));
    // the final stage: the binary as entry point, a non-root user
    let last = docker.rsplit("\nFROM ").next().unwrap();
    assert!(last.contains(&format!("ENTRYPOINT [\"/usr/local/bin/{}\"]", manifest.bin)));
    let user = last
        .lines()
        .find_map(|l| l.trim().strip_prefix("USER "))
        .expect("a USER line");
    assert!(!["root", "0", "0:0"].contains(&user.trim()), "{user}");
    assert!(!ignore.is_empty() && ignore.contains("target/"));
}

/// The two values of Cargo.toml the Dockerfile must agree with, read without a TOML parser in the tree.
mod toml_like {
    pub struct Manifest {
        pub bin: String,
        pub rust_version: String,
    }
    fn value(line: &str, key: &str) -> Option<String> {
        let rest = line
            .trim()
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix('=')?;
        Some(rest.trim().trim_matches('"').to_string())
    }
    pub fn read(text: &str) -> Manifest {
        let mut section = "";
        let mut bin = None;
        let mut rust_version = None;
        for line in text.lines() {
            let t = line.trim();
            if t.starts_with('[') {
                section = t;
                continue;
            }
            if section == "[package]" && rust_version.is_none() {
                rust_version = value(t, "rust-version");
            } else if section == "[[bin]]" && bin.is_none() {
                bin = value(t, "name");
            }
        }
        Manifest {
            bin: bin.expect("[[bin]] name"),
            rust_version: rust_version.expect("rust-version"),
        }
    }
}
