//! Golden CLI tests (table and JSON), exit codes, and error lines. `UPDATE_GOLDEN=1 cargo test` rewrites
//! the files under `tests/golden/`; review the diff before committing.

use assert_cmd::Command;
use std::path::Path;

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100"); // the width these tests were written for (a pipe is 80 since issue 32)
    c
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, want, "output differs from {}", path.display());
}

fn run(args: &[&str], code: i32) -> String {
    let out = azegress().args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "args {args:?}\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn deny_all_example_table_and_json() {
    golden(
        "deny-all.table.txt",
        &run(&["check", "examples/deny-all-outbound/scenario.yaml"], 1),
    );
    let json = run(
        &[
            "check",
            "examples/deny-all-outbound/scenario.yaml",
            "--format",
            "json",
        ],
        1,
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["verdict"], "blocked");
    assert_eq!(
        v["flows"][0]["blocked_by"]["rule"],
        "securityRules/Deny-All-Outbound"
    );
    assert_eq!(v["service_tags"]["change_number"], 375);
    golden("deny-all.json", &json);
}

#[test]
fn examples_have_the_documented_exit_codes() {
    golden(
        "fixed.json",
        &run(
            &[
                "check",
                "examples/deny-all-outbound-fixed/scenario.yaml",
                "--format",
                "json",
            ],
            0,
        ),
    );
    golden(
        "subnet-only.table.txt",
        &run(&["check", "examples/subnet-only-blocks/scenario.yaml"], 1),
    );
    run(&["check", "examples/wrong-region-tag/scenario.yaml"], 1);
}

#[test]
fn flags_instead_of_a_scenario() {
    let out = run(
        &[
            "check",
            "--nic-nsg",
            "examples/deny-all-outbound/nic-nsg.json",
            "--subnet-nsg",
            "examples/subnet-only-blocks/subnet-nsg.json",
            "--region",
            "koreacentral",
            "--disks",
            "unmanaged",
            "--vm-ip",
            "10.0.0.4",
            "--vnet",
            "10.0.0.0/16",
            "--format",
            "json",
        ],
        1,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["flows"][0]["port"], 443);
    assert_eq!(v["flows"][0]["stages"][0]["attached_to"], "nic");
}

#[test]
fn real_service_tag_file_with_ipv6() {
    let out = run(
        &[
            "check",
            "examples/deny-all-outbound-fixed/scenario.yaml",
            "--service-tags",
            "tests/data/service-tags/ServiceTags_Public_20240506.json",
            "--ipv6",
            "--format",
            "json",
        ],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["flows"][0]["prefixes"]["total"], 17);
    assert_eq!(
        v["service_tags"]["source"],
        "tests/data/service-tags/ServiceTags_Public_20240506.json"
    );
}

/// `azegress flow` from the deny-all example's VM (10.0.0.4:50000) to `remote`, plus `extra` flags.
fn flow_args<'a>(remote: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "flow",
        "--nic-nsg",
        "examples/deny-all-outbound/nic-nsg.json",
        "--direction",
        "outbound",
        "--protocol",
        "tcp",
        "--local",
        "10.0.0.4:50000",
        "--remote",
        remote,
    ];
    v.extend_from_slice(extra);
    v
}

#[test]
fn flow_verify_golden() {
    let vnet = ["--vnet", "10.0.0.0/16"];
    golden(
        "flow-deny.table.txt",
        &run(&flow_args("20.33.154.10:8443", &vnet), 1),
    );
    let json = ["--vnet", "10.0.0.0/16", "--format", "json"];
    golden(
        "flow-deny.json",
        &run(&flow_args("20.33.154.10:8443", &json), 1),
    );
    // inside the VNet the priority-100 allow decides
    let out = run(&flow_args("10.0.1.5:22", &json), 0);
    assert!(out.contains("\"rule\": \"securityRules/Allow-VNet-Outbound\""));
    // platform traffic to 168.63.129.16 is not subject to NSGs (reference §1.4, trap 17)
    let out = run(&flow_args("168.63.129.16:32526", &["--format", "json"]), 0);
    assert!(out.contains("\"access\": \"Allow\""), "{out}");
}

#[test]
fn tags_info_and_show() {
    let out = run(&["tags", "info"], 0);
    assert!(
        out.contains("changeNumber: 375") && out.contains("cloud: Public"),
        "{out}"
    );
    let out = run(&["tags", "show", "storage.koreacentral"], 0);
    assert!(
        out.contains("tag: Storage.KoreaCentral") && out.contains("20.33.154.0/24"),
        "{out}"
    );
    let out = run(
        &["tags", "show", "VirtualNetwork", "--vnet", "10.0.0.0/16"],
        0,
    );
    assert!(
        out.contains("10.0.0.0/16") && out.contains("168.63.129.16/32"),
        "{out}"
    );
}

/// Runs with bad input: exit 2, nothing on stdout, one stderr line holding `want`.
fn input_error(args: &[&str], want: &str) {
    let out = azegress().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty());
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(want), "`{err}` lacks `{want}`");
    // an error that names a line names its column too
    let line_only = regex::Regex::new(r"^azegress: error: [^:]+:\d+: ").unwrap();
    assert!(!line_only.is_match(&err), "no column: {err}");
}

#[test]
fn bad_inputs_exit_2_with_one_line_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let trunc = w(
        "trunc.json",
        "{\n  \"name\": \"n\",\n  \"properties\": {\n    \"securityRules\": [\n",
    );
    input_error(
        &["check", "--nic-nsg", &trunc, "--region", "koreacentral"],
        "trunc.json:5:",
    );
    let port = w(
        "port.json",
        r#"{"name":"n","securityRules":[
{"name":"r","priority":100,"direction":"Outbound","access":"Deny","protocol":"Tcp","sourceAddressPrefix":"*","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"99999999999999999999"}]}"#,
    );
    input_error(
        &["check", "--nic-nsg", &port, "--region", "koreacentral"],
        "port.json:2:1: rule `r` of NSG `n`: destination port `99999999999999999999`",
    );
    let tag = w(
        "tag.yaml",
        "name: n\nrules:\n  - name: r\n    priority: 100\n    direction: Outbound\n    access: Allow\n    protocol: Tcp\n    destination: Storage.Atlantis\n    destination_ports: 443\n",
    );
    input_error(
        &["check", "--nic-nsg", &tag, "--region", "koreacentral"],
        "tag.yaml:3:5: rule `r` of NSG `n`: unknown service tag `Storage.Atlantis`",
    );
    let shape = w("shape.json", r#"{"hello": "world"}"#);
    input_error(
        &["check", "--nic-nsg", &shape, "--region", "koreacentral"],
        "not an NSG in any known shape (tried: ARM/REST object",
    );
    let typo = w("typo.yaml", "region: koreacentral\nvm:\n  ipp: 10.0.0.4\n");
    input_error(
        &["check", &typo],
        "typo.yaml:3:3: not a scenario: vm: unknown field `ipp`",
    );
    input_error(
        &[
            "check",
            "--nic-nsg",
            "/nonexistent/nsg.json",
            "--region",
            "koreacentral",
        ],
        "/nonexistent/nsg.json: cannot read",
    );
    input_error(&["check", "--region", "atlantis"], "region `atlantis`");
    input_error(
        &["check", "--region", "koreacentral", "--vm-ip", "10.0.0.999"],
        "--vm-ip",
    );
    input_error(&["check"], "no region");
    let tags = w("tags.json", "{\"changeNumber\": \"x\", \"values\": []}");
    input_error(
        &["check", "--region", "koreacentral", "--service-tags", &tags],
        "`changeNumber` `x` is not a whole number",
    );
    // clap's usage errors: exit 2 too (its message spans lines and lists the accepted values)
    let out = azegress()
        .args([
            "flow",
            "--direction",
            "sideways",
            "--protocol",
            "tcp",
            "--local",
            "1.2.3.4:1",
            "--remote",
            "1.2.3.4:2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("possible values: outbound, inbound"));
}

#[test]
fn warnings_for_what_azure_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("w.yaml");
    std::fs::write(&p, "name: n\nrules:\n  - {name: a, priority: 50, direction: Outbound, access: Allow, protocol: Tcp, destination: '*', destination_ports: 1}\n  - {name: 'bad name!', priority: 200, direction: Outbound, access: Allow, protocol: Tcp, destination: '*', destination_ports: 2}\n  - {name: c, priority: 200, direction: Outbound, access: Allow, protocol: Tcp, destination: '*', destination_ports: 3}\n").unwrap();
    let out = run(
        &[
            "check",
            "--nic-nsg",
            p.to_str().unwrap(),
            "--region",
            "koreacentral",
        ],
        0,
    );
    assert!(out.contains("priority 50 is outside 100-4096"), "{out}");
    assert!(out.contains("invalid name"), "{out}");
    assert!(out.contains("same priority 200"), "{out}");
}

#[test]
fn broken_pipe_exits_quietly() {
    // `azegress … | head -c1`: the reader goes away; no panic, no error line
    let bin = assert_cmd::cargo::cargo_bin("azegress");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' tags show AzureCloud | head -c 1 >/dev/null; echo done",
            bin.display()
        ))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("done"));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn path_examples_golden_and_exit_codes() {
    let ex = "examples/forced-tunnel-azurebackup-tag/scenario.yaml";
    golden("forced-tunnel.table.txt", &run(&["check", ex], 1));
    golden(
        "forced-tunnel.mmd",
        &run(&["check", ex, "--format", "mermaid"], 1),
    );
    let json = run(&["check", ex, "--format", "json"], 1);
    golden("forced-tunnel.json", &json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let b = &v["flows"][0]["blocked_by"];
    assert_eq!(
        (b["hop"].as_str(), b["rule"].as_str()),
        (Some("firewall"), Some("default deny"))
    );
    let hops: Vec<&str> = v["flows"][0]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["hop"].as_str().unwrap())
        .collect();
    assert_eq!(hops, ["nsg", "route", "firewall"]);
    // 443 alone with the AzureBackup FQDN tag, as the backup documentation prescribes: allowed, the
    // assumption listed; --strict makes it inconclusive (azure-semantics.md §10.3)
    let out = run(&["check", ex, "--ports", "443"], 0);
    assert!(
        out.contains("note[AZE0317]: application rule `azure-backup` uses FQDN tag AzureBackup"),
        "{out}"
    );
    run(&["check", ex, "--ports", "443", "--strict"], 3);
    run(
        &[
            "check",
            ex,
            "--ports",
            "443",
            "--strict",
            "--allow",
            "AZE0317,AZE0312",
        ],
        0,
    );
    golden(
        "squid-debian.table.txt",
        &run(
            &["check", "examples/squid-debian-defaults/scenario.yaml"],
            1,
        ),
    );
    golden(
        "proxy-nsg.mmd",
        &run(
            &[
                "check",
                "examples/proxy-nsg-80-443/scenario.yaml",
                "--format",
                "mermaid",
            ],
            1,
        ),
    );
    run(
        &["check", "examples/service-endpoint-bypass/scenario.yaml"],
        0,
    );
}

#[test]
fn path_flags_instead_of_a_scenario() {
    let d = "examples/forced-tunnel-azurebackup-tag";
    let (rt, fw, rcg, nsg) = (
        format!("{d}/route-table.json"),
        format!("{d}/firewall.json"),
        format!("{d}/rule-collection-groups.json"),
        format!("{d}/nic-nsg.json"),
    );
    let base = [
        "check",
        "--region",
        "koreacentral",
        "--vm-ip",
        "10.1.0.4",
        "--vnet",
        "10.1.0.0/16",
        "--nic-nsg",
        &nsg,
        "--route-table",
        &rt,
        "--firewall",
        &fw,
        "--firewall",
        &rcg,
        "--format",
        "json",
    ];
    let out = run(&base, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["flows"][0]["blocked_by"]["hop"], "firewall");
    // the same with a service endpoint: storage bypasses the firewall
    let mut with_se = base.to_vec();
    with_se.extend([
        "--service-endpoints",
        "examples/service-endpoint-bypass/subnet.json",
    ]);
    run(&with_se, 0);
    let mut with_list = base.to_vec();
    with_list.extend(["--service-endpoints", "Microsoft.Storage"]);
    run(&with_list, 0);
    // a proxy on a Windows VM, flags only
    let p = "examples/proxy-nsg-80-443";
    let out = run(
        &[
            "check",
            "--region",
            "koreacentral",
            "--vm-ip",
            "10.0.2.4",
            "--vnet",
            "10.0.0.0/16",
            "--os",
            "windows",
            "--proxy-reg",
            &format!("{p}/system-internet-settings.reg"),
            "--winhttp",
            &format!("{p}/netsh-winhttp.txt"),
            "--squid-conf",
            &format!("{p}/squid.conf"),
            "--proxy-subnet-nsg",
            &format!("{p}/proxy-subnet-nsg.json"),
            "--ports",
            "8443",
            "--format",
            "json",
        ],
        1,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["proxy"]["host"], "10.0.0.5");
    assert_eq!(v["flows"][0]["blocked_by"]["leg"], "proxy-to-storage");
    assert_eq!(
        v["flows"][0]["blocked_by"]["rule"],
        "securityRules/deny-internet"
    );
    // --proxy URL overrides the guest settings; Linux + Debian squid refuses at line 1555
    let out = run(
        &[
            "check",
            "--region",
            "koreacentral",
            "--vm-ip",
            "10.0.0.4",
            "--vnet",
            "10.0.0.0/16",
            "--proxy",
            "http://10.0.0.5:3128",
            "--squid-conf",
            "examples/squid-debian-defaults/squid.conf",
            "--waagent-conf",
            "examples/squid-debian-defaults/waagent.conf",
            "--format",
            "json",
        ],
        1,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["flows"][0]["blocked_by"]["line"], 1555);
    assert_eq!(v["proxy"]["setting"], "--proxy");
    // mermaid is for check only
    input_error(
        &[
            "flow",
            "--direction",
            "outbound",
            "--protocol",
            "tcp",
            "--local",
            "10.0.0.4:1",
            "--remote",
            "1.2.3.4:443",
            "--format",
            "mermaid",
        ],
        "--format mermaid",
    );
}

#[test]
fn bad_path_inputs_exit_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let base = |flag: &'static str, path: &str| -> Vec<String> {
        ["check", "--region", "koreacentral", flag, path]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let call = |args: Vec<String>, want: &str| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        input_error(&refs, want);
    };
    let rt = w(
        "rt.json",
        "{\n  \"name\": \"rt\",\n  \"routes\": [\n    {\"name\": \"r1\", \"addressPrefix\": \"0.0.0.0/0\", \"nextHopType\": \"Firewall\"}\n  ]\n}\n",
    );
    call(
        base("--route-table", &rt),
        "rt.json:4:5: route `r1`: next hop type `Firewall` is not one of",
    );
    let tagrt = w(
        "tagrt.yaml",
        "name: rt\nroutes:\n  - {name: weird, prefix: Storage.Atlantis, next_hop: Internet}\n",
    );
    call(
        base("--route-table", &tagrt),
        "tagrt.yaml:3:5: route `weird`: unknown service tag `Storage.Atlantis`",
    );
    let fw = w(
        "fw.json",
        "{\n \"name\": \"fw\",\n \"properties\": {\n  \"applicationRuleCollections\": [\n   {\"name\": \"c\", \"properties\": {\"priority\": 100, \"action\": {\"type\": \"Allow\"}, \"rules\": [\n    {\"name\": \"aks\", \"fqdnTags\": [\"AzureKubnernetesService\"]}\n   ]}}\n  ]\n }\n}\n",
    );
    call(
        base("--firewall", &fw),
        "fw.json:6:5: firewall rule `aks`: `AzureKubnernetesService` is not a known Azure Firewall FQDN tag",
    );
    let fwtag = w(
        "fwtag.yaml",
        "name: fw\nprivate_ip: 10.0.1.4\nnetwork_rules:\n  - collection: c\n    priority: 100\n    action: Allow\n    rules:\n      - {name: bad, protocols: [TCP], destinations: [Storage.Atlantis], ports: [443]}\n",
    );
    call(
        base("--firewall", &fwtag),
        "fwtag.yaml:8:9: firewall rule `bad`: destination `Storage.Atlantis` is neither an address nor a service tag",
    );
    let waagent = w(
        "waagent.conf",
        "HttpProxy.Host=10.0.0.5\nHttpProxy.Port=31x28\n",
    );
    call(
        base("--waagent-conf", &waagent),
        "waagent.conf:2:1: HttpProxy.Port `31x28` is not a port number",
    );
    let squid = w("squid.conf", "http_port 3128\nhttp_access permit all\n");
    call(
        base("--squid-conf", &squid),
        "squid.conf:2:1: http_access must be followed by allow or deny",
    );
    let reg = w("p.reg", "hello\n");
    call(base("--proxy-reg", &reg), "p.reg:1:1: not a .reg export");
    call(
        base("--proxy", "http://10.0.0.5"),
        "--proxy: `http://10.0.0.5` has no valid port",
    );
    call(
        base("--firewall-ip", "10.0.1.999"),
        "--firewall-ip: `10.0.1.999` is not an IP address",
    );
}

#[test]
fn table_fits_80_and_120_columns() {
    // issue 9: at 80 and 120 columns no line is wider than the terminal and no box breaks
    for (cols, example) in [
        ("80", "examples/forced-tunnel-azurebackup-tag/scenario.yaml"),
        (
            "120",
            "examples/forced-tunnel-azurebackup-tag/scenario.yaml",
        ),
        ("80", "examples/squid-debian-defaults/scenario.yaml"),
        ("120", "examples/proxy-nsg-80-443/scenario.yaml"),
    ] {
        let out = azegress()
            .env("COLUMNS", cols)
            .args(["check", example])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let width: usize = cols.parse().unwrap();
        for l in text.lines() {
            assert!(l.chars().count() <= width, "{example} at {cols}: `{l}`");
        }
        // every box line has the same width
        let boxes: Vec<usize> = text
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
            .map(|l| l.chars().count())
            .collect();
        assert!(
            boxes.windows(2).all(|w| w[0] == w[1]),
            "{example} at {cols}"
        );
        let name = format!("{}.{cols}.txt", example.split('/').nth(1).unwrap());
        golden(&name, &text);
        assert!(text.trim_end().lines().last().unwrap().contains("(exit 1)"));
    }
    // so narrow that the table cannot fit: one block per flow instead
    let out = azegress()
        .env("COLUMNS", "40")
        .args([
            "check",
            "examples/forced-tunnel-azurebackup-tag/scenario.yaml",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // (a link is never cut, so it can be clicked or copied)
    assert!(
        text.lines()
            .all(|l| l.chars().count() <= 40 || l.trim_start().starts_with("(https://")),
        "{text}"
    );
    assert!(
        text.contains("8443/tcp denied: 0/17 prefixes allowed"),
        "{text}"
    );
}

#[test]
fn strict_turns_an_allowed_verdict_resting_on_assumptions_into_inconclusive() {
    // the fixed example is reachable only assuming system routes (no route table given)
    run(
        &["check", "examples/deny-all-outbound-fixed/scenario.yaml"],
        0,
    );
    let out = run(
        &[
            "check",
            "examples/deny-all-outbound-fixed/scenario.yaml",
            "--strict",
            "--format",
            "json",
        ],
        3,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "unknown");
    // exactly the diagnostics of kind `assumption` count, and the one that says so is first
    let ds = v["diagnostics"].as_array().unwrap();
    let assumed: Vec<&str> = ds
        .iter()
        .filter(|d| d["kind"] == "assumption")
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!assumed.is_empty());
    assert_eq!(ds[0]["code"], "AZE0314");
    assert!(
        ds[0]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("{} assumption(s)", assumed.len())),
        "{out}"
    );
    // accepting every assumption by code leaves nothing for --strict: reachable again, and not shown
    let mut args = vec![
        "check",
        "examples/deny-all-outbound-fixed/scenario.yaml",
        "--strict",
        "--format",
        "json",
    ];
    let allow = assumed.join(",");
    args.extend(["--allow", &allow]);
    let v: serde_json::Value = serde_json::from_str(&run(&args, 0)).unwrap();
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["kind"] != "assumption")
    );
    // --deny CODE: a refused diagnostic leaves no reachable verdict
    let out = run(
        &[
            "check",
            "examples/deny-all-outbound-fixed/scenario.yaml",
            "--deny",
            "no-route-table",
            "--format",
            "json",
        ],
        3,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "AZE0315");
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "AZE0311" && d["severity"] == "error")
    );
    // a code that does not exist is a usage error
    let out = azegress()
        .args([
            "check",
            "examples/deny-all-outbound-fixed/scenario.yaml",
            "--allow",
            "AZE9999",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`AZE9999` is not a diagnostic code"));
    // a blocked verdict stays blocked
    run(
        &[
            "check",
            "examples/deny-all-outbound/scenario.yaml",
            "--strict",
        ],
        1,
    );
}

#[test]
fn machine_output_is_consistent() {
    // tags info / show as JSON
    let v: serde_json::Value =
        serde_json::from_str(&run(&["tags", "info", "--format", "json"], 0)).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["change_number"], 375);
    assert_eq!(v["tags"], 3039);
    let v: serde_json::Value = serde_json::from_str(&run(
        &["tags", "show", "storage.koreacentral", "--format", "json"],
        0,
    ))
    .unwrap();
    assert_eq!(v["tag"], "Storage.KoreaCentral");
    assert!(
        v["prefixes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "20.33.154.0/24")
    );
    // flow uses check's vocabulary beside IP flow verify's, and one address is one prefix
    let v: serde_json::Value = serde_json::from_str(&run(
        &flow_args("20.33.154.10:8443", &["--format", "json"]),
        1,
    ))
    .unwrap();
    assert_eq!(
        (v["verdict"].as_str(), v["access"].as_str()),
        (Some("denied"), Some("Deny"))
    );
    assert_eq!(v["stages"][0]["decisions"][0]["prefixes"], 1);
    // markdown for a pull-request comment
    golden(
        "deny-all.md",
        &run(
            &[
                "check",
                "examples/deny-all-outbound/scenario.yaml",
                "--format",
                "markdown",
            ],
            1,
        ),
    );
    // a port range is refused with what to write instead
    let out = azegress()
        .args([
            "check",
            "examples/deny-all-outbound/scenario.yaml",
            "--ports",
            "80-443",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--ports takes single ports, comma-separated: 80,443,8443")
    );
}

/// Every diagnostic code has a page (`azegress explain CODE`) with an example, and `docs/diagnostics.md`
/// is the table the binary prints (regenerate it with
/// `azegress explain --list --format markdown > docs/diagnostics.md`).
#[test]
fn every_code_has_a_page_and_the_docs_list_them_all() {
    let list = run(&["explain", "--list", "--format", "markdown"], 0);
    let docs = std::fs::read_to_string("docs/diagnostics.md").unwrap();
    assert_eq!(list, docs, "docs/diagnostics.md is out of date");
    for c in azegress::diag::CODES {
        assert!(docs.contains(&format!("| {} | `{}` |", c.code, c.name)));
        let page = run(&["explain", c.code], 0);
        assert!(
            page.starts_with(c.code) && page.contains("example: "),
            "{page}"
        );
        // by name too
        assert_eq!(run(&["explain", c.name], 0), page);
    }
    let out = azegress().args(["explain", "AZE9999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// JSON diagnostics carry a code and a kind, and a location wherever the message names a place in a file.
#[test]
fn json_diagnostics_carry_code_kind_and_location() {
    let out = run(
        &[
            "check",
            "--region",
            "koreacentral",
            "--os",
            "linux",
            "--waagent-conf",
            "examples/squid-debian-defaults/waagent.conf",
            "--proxy-env",
            "examples/squid-debian-defaults/environment",
            "--nic-nsg",
            "examples/wrong-region-tag/nsg.yaml",
            "--format",
            "json",
        ],
        3, // the proxy's own policy is not given
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ds = v["diagnostics"].as_array().unwrap();
    assert!(ds.len() >= 3, "{out}");
    let names_a_file = regex::Regex::new(r"examples/[^ ]+:\d+").unwrap();
    for d in ds {
        let code = d["code"].as_str().unwrap();
        assert!(azegress::diag::lookup(code).is_some(), "{d}");
        assert!(d["kind"].is_string() && d["severity"].is_string(), "{d}");
        if names_a_file.is_match(d["message"].as_str().unwrap()) {
            assert!(
                d["location"]["line"].as_u64().unwrap_or(0) > 0,
                "named but not located: {d}"
            );
        }
    }
    // the ignored environment proxy and the wrong-region rule point at their lines
    for code in ["AZE0407", "AZE0202"] {
        let d = ds
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code}: {out}"));
        assert!(d["location"]["line"].as_u64().unwrap() > 0, "{d}");
        assert!(
            d["location"]["file"]
                .as_str()
                .unwrap()
                .starts_with("examples/"),
            "{d}"
        );
    }
}

/// Issue 32: `check` with flags that name nothing which could block (no NSG, route table, firewall, proxy,
/// admin rule, subnet facts or resources) said REACHABLE, exit 0. It is inconclusive (exit 3), saying what
/// to pass; a scenario that states "no NSG" still passes (it is a fact there), as does an NSG given.
#[test]
fn check_with_nothing_that_could_block_is_inconclusive() {
    let out = run(&["check", "--region", "westeurope", "--format", "json"], 3);
    assert!(out.contains("AZE0326"), "{out}");
    run(
        &[
            "check",
            "--region",
            "koreacentral",
            "--nic-nsg",
            "examples/deny-all-outbound/nic-nsg.json",
        ],
        1,
    );
}
