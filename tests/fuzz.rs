//! Fuzz-style robustness: random and mutated inputs to every parser must give `Ok` or a typed error,
//! never a panic. Deterministic (fixed seed) so a failure reproduces.

use azegress::ingest::firewall::{parse_firewall, parse_firewall_yaml};
use azegress::ingest::load_nsgs_text;
use azegress::ingest::proxy::{
    parse_environment, parse_reg, parse_squid, parse_waagent, parse_winhttp,
};
use azegress::ingest::routes::parse_route_tables;
use azegress::ingest::scenario::parse_scenario;
use azegress::ingest::subnet::parse_service_endpoints;
use azegress::tags::ServiceTags;
use std::path::PathBuf;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }
}

const SPICE: &[&str] = &[
    "",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "-",
    "*",
    "99999999999999999999999",
    "-1",
    "null",
    "true",
    "é",
    "\u{202e}",
    "\u{0}",
    "1e309",
    "0.0.0.0/33",
    "::/129",
    "'",
    "#",
    "\n",
    "  - ",
    "[parameters('x')]",
    "[concat(",
    "\\u0000",
];

fn mutate(s: &str, rng: &mut Lcg) -> String {
    let mut b: Vec<char> = s.chars().collect();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            break;
        }
        let i = rng.below(b.len());
        match rng.below(3) {
            0 => {
                b.truncate(i);
            }
            1 => {
                let spice: Vec<char> = SPICE[rng.below(SPICE.len())].chars().collect();
                b.splice(i..i, spice);
            }
            _ => {
                let j = (i + 1 + rng.below(20)).min(b.len());
                b.drain(i..j);
            }
        }
    }
    b.into_iter().collect()
}

fn corpus() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        root.join("examples/deny-all-outbound/nic-nsg.json"),
        root.join("examples/subnet-only-blocks/subnet-nsg.json"),
        root.join("examples/wrong-region-tag/nsg.yaml"),
        root.join("examples/subnet-only-blocks/scenario.yaml"),
        root.join("tests/cases/fixtures/template.json"),
        root.join("examples/forced-tunnel-azurebackup-tag/route-table.json"),
        root.join("examples/forced-tunnel-azurebackup-tag/rule-collection-groups.json"),
        root.join("examples/service-endpoint-bypass/firewall.json"),
        root.join("examples/service-endpoint-bypass/subnet.json"),
        root.join("examples/squid-debian-defaults/waagent.conf"),
        root.join("examples/squid-debian-defaults/environment"),
        root.join("examples/proxy-nsg-80-443/squid.conf"),
        root.join("examples/proxy-nsg-80-443/system-internet-settings.reg"),
        root.join("tests/cases/fixtures/effective-routes-forced-tunnel.json"),
        root.join("tests/cases/fixtures/policy-with-base.json"),
        root.join("tests/cases/29-forced-tunnel-azurebackup-tag-no-8443.yaml"),
        // ARM's lenient JSON: comments, expressions over several lines, nested deployments, copy loops
        root.join("tests/data/templates/eslz/hubspoke-connectivity.json"),
        root.join("tests/data/templates/avm/network-security-group.main.json"),
        root.join("tests/data/templates/netsec/waf-lab-AzNetSecdeploy.json"),
        // requirement packs (gate --pack)
        root.join("examples/ci/packs/no-admin-from-internet.yaml"),
    ];
    for f in [
        "samples/effective/NSG-scenario4-spoke-vnet-vm.json",
        "samples/routes/vNets.json",
        "samples/firewall/firewall.json",
        "samples/proxy/proxy.reg",
        "samples/terraform-plan/tfplan_extra_ref.json",
        "samples/servicetags-api/ServiceTags_AzureGermany_20220228.json",
    ] {
        files.push(root.join("tests/data").join(f));
    }
    files
        .into_iter()
        .map(|p| {
            (
                p.to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn feed(name: &str, text: &str) {
    // the span-keeping reader itself: an error always names an offset inside the text
    if let Err(e) = azegress::ingest::json::parse(text) {
        assert!(e.offset <= text.len());
    }
    let _ = azegress::ingest::yaml_pos::YamlPos::of(text);
    let _ = load_nsgs_text(text, name, None);
    let _ = load_nsgs_text(text, "x.yaml", None);
    let _ = ServiceTags::parse(text, name);
    let _ = parse_scenario(text, "/nonexistent/dir/s.yaml");
    let _ = parse_route_tables(text, name, None);
    let _ = parse_route_tables(text, "x.yaml", Some("x"));
    let _ = parse_firewall(text, name, None);
    let _ = parse_firewall_yaml(text, "fw.yaml");
    let _ = parse_service_endpoints(text, name, Some("default"));
    let _ = parse_waagent(text, name);
    let _ = parse_environment(text, name);
    let _ = parse_winhttp(text, name);
    let _ = parse_reg(text, name);
    let _ = parse_squid(text, name);
    let _ = azegress::gate::pack::parse(text, name);
}

#[test]
fn mutated_inputs_exit_2_naming_file_line_and_column() {
    // the property of the issue: a broken file is an input error that names the file and a position
    let mut rng = Lcg(0xc01);
    let text = std::fs::read_to_string("tests/data/templates/eslz/bastion.json").unwrap();
    for _ in 0..200 {
        let m = mutate(&text, &mut rng);
        if let Err(e) = load_nsgs_text(&m, "m.json", None) {
            let s = e.to_string();
            assert!(s.starts_with("m.json"), "{s}");
            assert_eq!(s.lines().count(), 1, "{s}");
        }
    }
}

#[test]
fn mutated_real_inputs_never_panic() {
    let mut rng = Lcg(0x5eed);
    for (name, text) in corpus() {
        // small inputs mutate fully; large ones are cut to keep the test quick
        let text: String = text.chars().take(6000).collect();
        for _ in 0..150 {
            feed(&name, &mutate(&text, &mut rng));
        }
        for cut in (0..text.len()).step_by(text.len() / 40 + 1) {
            if let Some(t) = text.get(..cut) {
                feed(&name, t);
            }
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Lcg(42);
    for _ in 0..500 {
        let n = rng.below(200);
        let s: String = (0..n)
            .map(|_| SPICE[rng.below(SPICE.len())])
            .collect::<Vec<_>>()
            .join(if rng.below(2) == 0 { "" } else { " " });
        feed("random.json", &s);
    }
}

#[test]
fn hostile_values_are_errors_not_panics() {
    for body in [
        r#"{"name":"n","securityRules":[{"name":"r","priority":1e400,"direction":"Outbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"*","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"*"}]}"#,
        r#"{"name":"n","securityRules":[{"name":"r","priority":-5,"direction":"Outbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"*","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"443-80"}]}"#,
        r#"{"name":"n","securityRules":[{"name":"\u202e\u0000","priority":100,"direction":"Outbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"*","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"*"}]}"#,
        r#"{"name":"n","securityRules":[{"priority":100}]}"#,
        r#"{"name":"n","securityRules":"nope"}"#,
        r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#,
    ] {
        let r = load_nsgs_text(body, "hostile.json", None);
        if let Err(e) = &r {
            assert!(e.to_string().starts_with("hostile.json"), "{e}");
        }
    }
    // deep template expression nesting
    let deep = format!(
        "{{\"$schema\":\"deploymentTemplate\",\"resources\":[{{\"type\":\"Microsoft.Network/networkSecurityGroups\",\"name\":\"[{}'x'{}]\",\"properties\":{{\"securityRules\":[]}}}}]}}",
        "concat(".repeat(500),
        ")".repeat(500)
    );
    let _ = load_nsgs_text(&deep, "deep.json", None);
}

/// `fix --write` on generated NSGs: whatever the rules, the written file, checked again from disk by the
/// user's own next command, gives the verdict the fix reported, and the original is never changed.
#[test]
fn fix_write_on_generated_nsgs_rechecks_as_it_said() {
    use azegress::app::CheckOptions;
    use azegress::app::fix::{FixOptions, run_fix};
    use azegress::fix::FixOption;
    use azegress::report::emit::Emit;
    use azegress::requirements::Disks;
    let mut rng = Lcg(0xf1c5);
    let dir = tempfile::tempdir().unwrap();
    let dests = [
        "*",
        "Internet",
        "Storage",
        "Storage.KoreaCentral",
        "Storage.WestEurope",
        "20.33.154.0/24",
        "VirtualNetwork",
    ];
    let ports = ["*", "443", "8443", "80-443", "443-8443", "22"];
    let mut written = 0;
    for case in 0..40 {
        let mut rules = Vec::new();
        let mut prios: Vec<u32> = Vec::new();
        for k in 0..1 + rng.below(5) {
            let mut prio = 100 + 10 * rng.below(380) as u32;
            while prios.contains(&prio) {
                prio += 1;
            }
            prios.push(prio);
            rules.push(format!(
                r#"{{"name": "r{k}", "properties": {{"priority": {prio}, "direction": "Outbound", "access": "{}", "protocol": "{}", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "{}", "destinationPortRange": "{}"}}}}"#,
                if rng.below(3) == 0 { "Allow" } else { "Deny" },
                ["*", "Tcp", "Udp"][rng.below(3)],
                dests[rng.below(dests.len())],
                ports[rng.below(ports.len())],
            ));
        }
        let text = format!(
            "{{\n  \"name\": \"nsg{case}\",\n  \"properties\": {{\n    \"securityRules\": [\n      {}\n    ]\n  }}\n}}\n",
            rules.join(",\n      ")
        );
        let f = dir.path().join(format!("nsg{case}.json"));
        std::fs::write(&f, &text).unwrap();
        let check = CheckOptions {
            nic_nsg: Some(f.to_string_lossy().into_owned()),
            region: Some("koreacentral".into()),
            disks: Some(Disks::Managed),
            vm_ip: Some("10.0.0.4".into()),
            vnet: vec!["10.0.0.0/16".into()],
            ..Default::default()
        };
        let o = FixOptions {
            check: check.clone(),
            option: FixOption::Nsg,
            emit: vec![Emit::File],
            write: true,
            force: true,
            allow_bypass: false,
        };
        let r = match run_fix(&o) {
            Ok(r) => r,
            Err(e) => panic!("case {case}: {e}\n{text}"),
        };
        assert_eq!(
            std::fs::read_to_string(&f).unwrap(),
            text,
            "the original is kept"
        );
        for file in &r.files {
            written += 1;
            let said = file.recheck.expect("written files are checked again");
            let mut again = check.clone();
            again.nic_nsg = Some(file.fixed.clone());
            let v = azegress::app::run_check(&again).unwrap().verdict;
            assert_eq!(
                v, said,
                "case {case}: the file on disk checks {v:?}, fix said {said:?}\n{text}"
            );
        }
        if r.files.is_empty() {
            // nothing to write: the path was open already, or the NSG alone cannot open it
            assert!(
                r.fix.changes.is_empty() || r.fix.still_blocked.is_some(),
                "case {case}"
            );
        }
    }
    assert!(
        written >= 10,
        "only {written} of 40 generated NSGs needed a written fix"
    );
}
