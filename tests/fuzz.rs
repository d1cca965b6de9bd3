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

/// Terraform modules generated from a small grammar (issue 29 "Tests"): variables, locals over the
/// functions and operators the evaluator supports, NSGs with inline and `dynamic` rules, standalone rules,
/// VNets, subnets, NICs, VMs, local modules (one calling itself), `terraform.tfvars`, each written in the
/// native syntax or as `.tf.json`.
mod tfgen {
    use super::Lcg;
    use serde_json::{Map, Value, json};

    /// An attribute's value: an expression (native text; `"${…}"` in JSON), a literal, or raw text that
    /// JSON writes as a plain string (a variable's `type`).
    pub enum V {
        E(String),
        L(Value),
        Raw(String),
    }

    pub struct Blk {
        pub kind: String,
        pub labels: Vec<String>,
        pub attrs: Vec<(String, V)>,
        pub blocks: Vec<Blk>,
    }

    impl Blk {
        fn new(kind: &str, labels: &[&str]) -> Blk {
            Blk {
                kind: kind.into(),
                labels: labels.iter().map(|s| s.to_string()).collect(),
                attrs: Vec::new(),
                blocks: Vec::new(),
            }
        }
        fn e(mut self, k: &str, e: impl Into<String>) -> Blk {
            self.attrs.push((k.into(), V::E(e.into())));
            self
        }
        fn l(mut self, k: &str, v: Value) -> Blk {
            self.attrs.push((k.into(), V::L(v)));
            self
        }
        fn b(mut self, b: Blk) -> Blk {
            self.blocks.push(b);
            self
        }
    }

    fn lit_hcl(v: &Value) -> String {
        match v {
            Value::String(s) => serde_json::to_string(s)
                .unwrap()
                .replace("${", "$${")
                .replace("%{", "%%{"),
            Value::Array(a) => {
                format!("[{}]", a.iter().map(lit_hcl).collect::<Vec<_>>().join(", "))
            }
            Value::Object(o) => format!(
                "{{ {} }}",
                o.iter()
                    .map(|(k, v)| format!("{} = {}", serde_json::to_string(k).unwrap(), lit_hcl(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            other => other.to_string(),
        }
    }

    pub fn hcl(b: &Blk, ind: usize, out: &mut String) {
        let pad = "  ".repeat(ind);
        out.push_str(&pad);
        out.push_str(&b.kind);
        for l in &b.labels {
            out.push_str(&format!(" {}", serde_json::to_string(l).unwrap()));
        }
        out.push_str(" {\n");
        for (k, v) in &b.attrs {
            let t = match v {
                V::E(e) | V::Raw(e) => e.clone(),
                V::L(l) => lit_hcl(l),
            };
            out.push_str(&format!("{pad}  {k} = {t}\n"));
        }
        for c in &b.blocks {
            hcl(c, ind + 1, out);
        }
        out.push_str(&pad);
        out.push_str("}\n");
    }

    fn body_json(b: &Blk) -> Value {
        let mut m = Map::new();
        for (k, v) in &b.attrs {
            let j = match v {
                V::E(e) => Value::String(format!("${{{e}}}")),
                V::L(l) => l.clone(),
                V::Raw(r) => Value::String(r.clone()),
            };
            m.insert(k.clone(), j);
        }
        for c in &b.blocks {
            insert(&mut m, c);
        }
        Value::Object(m)
    }

    /// Places block `c` in the JSON object `m`: its labels as nested keys, repeated blocks as lists.
    fn insert(m: &mut Map<String, Value>, c: &Blk) {
        let body = body_json(c);
        let mut keys = vec![c.kind.clone()];
        keys.extend(c.labels.iter().cloned());
        let mut cur = m;
        for k in &keys[..keys.len() - 1] {
            let next = cur.entry(k.clone()).or_insert_with(|| json!({}));
            if !next.is_object() {
                return;
            }
            cur = next.as_object_mut().unwrap();
        }
        let last = keys.last().unwrap().clone();
        match cur.get_mut(&last) {
            None if c.labels.is_empty() && c.kind != "locals" => {
                cur.insert(last, Value::Array(vec![body]));
            }
            None => {
                cur.insert(last, body);
            }
            Some(Value::Array(a)) => a.push(body),
            Some(prev) => {
                let p = prev.take();
                *prev = Value::Array(vec![p, body]);
            }
        }
    }

    pub fn json_file(blocks: &[Blk]) -> String {
        let mut m = Map::new();
        for b in blocks {
            insert(&mut m, b);
        }
        serde_json::to_string_pretty(&Value::Object(m)).unwrap()
    }

    pub fn hcl_file(blocks: &[Blk]) -> String {
        let mut out = String::new();
        for b in blocks {
            hcl(b, 0, &mut out);
            out.push('\n');
        }
        out
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Ty {
        N,
        S,
        B,
        L,
        M,
        R,
    }

    pub struct Gen {
        pub rng: Lcg,
        /// References in scope, by type.
        refs: Vec<(Ty, String)>,
    }

    const STRS: &[&str] = &[
        "Allow",
        "Deny",
        "Outbound",
        "Inbound",
        "*",
        "Tcp",
        "Udp",
        "Storage",
        "Internet",
        "Storage.WestEurope",
        "VirtualNetwork",
        "10.0.0.0/8",
        "20.33.0.0/16",
        "443",
        "8443",
        "80-443",
        "443-8443",
        "",
        "rule-a",
        "westeurope",
        "é",
        "a,b",
    ];
    const NUMS: &[&str] = &[
        "0", "1", "2", "3", "100", "101", "110", "200", "443", "8443", "4096", "4097", "65001",
        "-1", "1.5", "1e3",
    ];

    impl Gen {
        pub fn new(seed: u64) -> Gen {
            Gen {
                rng: Lcg(seed),
                refs: Vec::new(),
            }
        }
        fn r(&mut self, n: usize) -> usize {
            self.rng.below(n)
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[self.r(xs.len())]
        }
        fn reference(&mut self, t: Ty) -> Option<String> {
            let c: Vec<&String> = self
                .refs
                .iter()
                .filter(|(u, _)| *u == t)
                .map(|(_, s)| s)
                .collect();
            (!c.is_empty()).then(|| c[self.rng.below(c.len())].clone())
        }
        fn any(&mut self, t: Ty, d: u32) -> String {
            // now and then a value of another type where one is expected
            let t = if self.r(30) == 0 {
                [Ty::N, Ty::S, Ty::B, Ty::L, Ty::M, Ty::R][self.r(6)]
            } else {
                t
            };
            match t {
                Ty::N => self.num(d),
                Ty::S => self.s(d),
                Ty::B => self.b(d),
                Ty::L => self.list(d),
                Ty::M => self.map(d),
                Ty::R => self.rules(d),
            }
        }
        pub fn num(&mut self, d: u32) -> String {
            if d == 0 || self.r(3) == 0 {
                if self.r(3) == 0
                    && let Some(r) = self.reference(Ty::N)
                {
                    return r;
                }
                return self.pick(NUMS).to_string();
            }
            let d = d - 1;
            match self.r(16) {
                0 => format!("{} + {}", self.num(d), self.num(d)),
                1 => format!("({}) - ({})", self.num(d), self.num(d)),
                2 => format!("{} * {}", self.num(d), self.num(d)),
                3 => format!("{} % {}", self.num(d), self.num(d)),
                4 => format!("{} / {}", self.num(d), self.num(d)),
                5 => format!("-{}", self.num(d)),
                6 => format!("length({})", self.list(d)),
                7 => format!("max({}, {})", self.num(d), self.num(d)),
                8 => format!("min({}, {})", self.num(d), self.num(d)),
                9 => format!("abs({})", self.num(d)),
                10 => format!("floor({} / {})", self.num(d), self.num(d)),
                11 => format!("ceil({})", self.num(d)),
                12 => format!("tonumber({})", self.s(d)),
                13 => format!("{} ? {} : {}", self.b(d), self.num(d), self.num(d)),
                14 => format!("sum([{}, {}])", self.num(d), self.num(d)),
                _ => format!("index({}, {})", self.list(d), self.s(d)),
            }
        }
        pub fn s(&mut self, d: u32) -> String {
            if d == 0 || self.r(3) == 0 {
                if self.r(3) == 0
                    && let Some(r) = self.reference(Ty::S)
                {
                    return r;
                }
                return serde_json::to_string(self.pick(STRS)).unwrap();
            }
            let d = d - 1;
            match self.r(22) {
                0 => format!("\"${{{}}}\"", self.num(d)),
                1 => format!("\"p-${{{}}}-${{{}}}\"", self.s(d), self.num(d)),
                2 => format!(
                    "\"%{{ if {} }}Allow%{{ else }}Deny%{{ endif }}\"",
                    self.b(d)
                ),
                3 => format!("\"%{{ for x in {} }}${{x}},%{{ endfor }}\"", self.list(d)),
                4 => format!("lower({})", self.s(d)),
                5 => format!("upper({})", self.s(d)),
                6 => format!("title({})", self.s(d)),
                7 => format!("format(\"%s-%d\", {}, {})", self.s(d), self.num(d)),
                8 => format!("join(\",\", {})", self.list(d)),
                9 => format!("replace({}, \"a\", \"b\")", self.s(d)),
                10 => format!("substr({}, 0, {})", self.s(d), self.num(d)),
                11 => format!("cidrsubnet(\"10.0.0.0/16\", 8, {})", self.num(d)),
                12 => format!("cidrhost(\"10.0.1.0/24\", {})", self.num(d)),
                13 => format!("{} ? {} : {}", self.b(d), self.s(d), self.s(d)),
                14 => format!("lookup({}, \"a\", {})", self.map(d), self.s(d)),
                15 => format!("element({}, {})", self.list(d), self.num(d)),
                16 => format!("coalesce({}, {})", self.s(d), self.s(d)),
                17 => format!("tostring({})", self.num(d)),
                18 => format!("jsonencode({})", self.list(d)),
                19 => format!("trimprefix({}, \"St\")", self.s(d)),
                20 => format!("sensitive({})", self.s(d)),
                _ => format!("trimspace(nonsensitive({}))", self.s(d)),
            }
        }
        pub fn b(&mut self, d: u32) -> String {
            if d == 0 || self.r(3) == 0 {
                if self.r(3) == 0
                    && let Some(r) = self.reference(Ty::B)
                {
                    return r;
                }
                return self.pick(&["true", "false"]).to_string();
            }
            let d = d - 1;
            match self.r(13) {
                0 => format!("{} < {}", self.num(d), self.num(d)),
                1 => format!("{} >= {}", self.num(d), self.num(d)),
                2 => format!("{} == {}", self.s(d), self.s(d)),
                3 => format!("{} != {}", self.s(d), self.s(d)),
                4 => format!("!{}", self.b(d)),
                5 => format!("{} && {}", self.b(d), self.b(d)),
                6 => format!("{} || {}", self.b(d), self.b(d)),
                7 => format!("contains({}, {})", self.list(d), self.s(d)),
                8 => format!("startswith({}, {})", self.s(d), self.s(d)),
                9 => format!("strcontains({}, {})", self.s(d), self.s(d)),
                10 => format!("alltrue([{}, {}])", self.b(d), self.b(d)),
                11 => format!("anytrue([{}])", self.b(d)),
                _ => format!("length({}) > {}", self.list(d), self.num(d)),
            }
        }
        pub fn list(&mut self, d: u32) -> String {
            if d == 0 || self.r(3) == 0 {
                if self.r(2) == 0
                    && let Some(r) = self.reference(Ty::L)
                {
                    return r;
                }
                let n = self.r(3);
                let xs: Vec<String> = (0..n)
                    .map(|_| serde_json::to_string(self.pick(STRS)).unwrap())
                    .collect();
                return format!("[{}]", xs.join(", "));
            }
            let d = d - 1;
            match self.r(20) {
                0 => format!("[{}, {}]", self.s(d), self.s(d)),
                1 => format!("concat({}, {})", self.list(d), self.list(d)),
                2 => format!("distinct({})", self.list(d)),
                3 => format!("compact({})", self.list(d)),
                4 => format!("flatten([{}, [{}]])", self.list(d), self.s(d)),
                5 => format!(
                    "[for x in {} : upper(x) if x != {}]",
                    self.list(d),
                    self.s(d)
                ),
                6 => {
                    let (a, b) = (self.list(d), self.list(d));
                    format!(
                        "flatten([for x in {a} : [for y in {b} : \"${{x}}-${{y}}\" if y != x]])"
                    )
                }
                7 => format!("slice({}, 0, {})", self.list(d), self.num(d)),
                8 => format!("reverse({})", self.list(d)),
                9 => format!("sort({})", self.list(d)),
                10 => format!("split(\",\", {})", self.s(d)),
                11 => format!("keys({})", self.map(d)),
                12 => format!("values({})", self.map(d)),
                13 => format!("tolist(toset({}))", self.list(d)),
                14 => format!("setunion({}, {})", self.list(d), self.list(d)),
                15 => format!("formatlist(\"%s-x\", {})", self.list(d)),
                16 => "cidrsubnets(\"10.0.0.0/16\", 4, 4)".to_string(),
                17 => format!("[for i in range({}) : tostring(i)]", self.num(d)),
                18 => format!("{} ? {} : {}", self.b(d), self.list(d), self.list(d)),
                _ => format!("coalescelist({}, {})", self.list(d), self.list(d)),
            }
        }
        pub fn map(&mut self, d: u32) -> String {
            if d == 0 || self.r(3) == 0 {
                if self.r(2) == 0
                    && let Some(r) = self.reference(Ty::M)
                {
                    return r;
                }
                return format!("{{ a = {}, b = {} }}", self.s(0), self.s(0));
            }
            let d = d - 1;
            match self.r(7) {
                0 => format!("{{ a = {}, b = {} }}", self.s(d), self.s(d)),
                1 => format!("merge({}, {})", self.map(d), self.map(d)),
                2 => format!("zipmap({}, {})", self.list(d), self.list(d)),
                3 => format!("{{ for k, v in {} : k => upper(v) }}", self.map(d)),
                4 => format!("{{ for x in {} : x => x }}", self.list(d)),
                5 => format!("tomap({{ k = {} }})", self.s(d)),
                _ => format!(
                    "{{ for k, v in {} : k => v if v != {} }}",
                    self.map(d),
                    self.s(d)
                ),
            }
        }
        /// A rule as an object.
        fn rule_obj(&mut self, d: u32) -> String {
            format!(
                "{{ name = {}, priority = {}, access = {}, destination = {}, port = {} }}",
                self.s(d),
                self.prio(d),
                self.access(d),
                self.dest(d),
                self.port(d)
            )
        }
        /// A collection of rules (`for_each` of a `dynamic` block or of standalone rules).
        pub fn rules(&mut self, d: u32) -> String {
            if d == 0 || self.r(3) == 0 {
                if let Some(r) = self.reference(Ty::R) {
                    return r;
                }
                return "[]".to_string();
            }
            let d = d - 1;
            match self.r(7) {
                0 | 1 => {
                    let n = 1 + self.r(3);
                    let xs: Vec<String> = (0..n).map(|_| self.rule_obj(d)).collect();
                    format!("[{}]", xs.join(", "))
                }
                2 => format!("{{ a = {}, b = {} }}", self.rule_obj(d), self.rule_obj(d)),
                3 => format!(
                    "[for i, p in [{}, {}] : {{ name = \"r${{i}}\", priority = p, access = {}, destination = {}, port = {} }}]",
                    self.prio(d),
                    self.prio(d),
                    self.access(d),
                    self.dest(d),
                    self.port(d)
                ),
                4 => format!(
                    "{{ for k, v in {} : k => {{ name = k, priority = 300, access = v, destination = \"*\", port = \"*\" }} }}",
                    self.map(d)
                ),
                5 => format!("concat({}, {})", self.rules(d), self.rules(d)),
                _ => format!("{} ? {} : []", self.b(d), self.rules(d)),
            }
        }
        fn prio(&mut self, d: u32) -> String {
            if self.r(6) == 0 {
                self.num(d)
            } else {
                (100 + 10 * self.r(40)).to_string()
            }
        }
        fn access(&mut self, d: u32) -> String {
            if self.r(6) == 0 {
                self.s(d)
            } else {
                self.pick(&["\"Allow\"", "\"Deny\""]).to_string()
            }
        }
        fn dest(&mut self, d: u32) -> String {
            if self.r(6) == 0 {
                self.s(d)
            } else {
                self.pick(&[
                    "\"*\"",
                    "\"Storage\"",
                    "\"Internet\"",
                    "\"20.33.0.0/16\"",
                    "\"10.0.0.0/8\"",
                ])
                .to_string()
            }
        }
        fn port(&mut self, d: u32) -> String {
            if self.r(6) == 0 {
                self.s(d)
            } else {
                self.pick(&["\"*\"", "\"443\"", "\"8443\"", "\"80-443\""])
                    .to_string()
            }
        }

        fn variables(&mut self, names: &[(&str, Ty)]) -> Vec<Blk> {
            let mut out = Vec::new();
            for &(name, t) in names {
                let mut v = Blk::new("variable", &[name]);
                if self.r(2) == 0 {
                    let ty = match t {
                        Ty::N => "number",
                        Ty::S => "string",
                        Ty::B => "bool",
                        Ty::L => "list(string)",
                        Ty::M => "map(string)",
                        Ty::R => [
                            "any",
                            "list(any)",
                            "list(object({ name = string, priority = number, access = string, destination = string, port = string }))",
                        ][self.r(3)],
                    };
                    v.attrs.push(("type".into(), V::Raw(ty.into())));
                }
                if self.r(3) != 0 {
                    v = v.l("default", self.literal(t));
                }
                if self.r(6) == 0 {
                    v = v.l("sensitive", json!(true));
                }
                out.push(v);
                self.refs.push((t, format!("var.{name}")));
            }
            out
        }

        /// A literal value of a type (a variable's default, a `.tfvars` value).
        fn literal(&mut self, t: Ty) -> Value {
            let t = if self.r(20) == 0 {
                [Ty::N, Ty::S, Ty::B, Ty::L, Ty::M, Ty::R][self.r(6)]
            } else {
                t
            };
            match t {
                Ty::N => [
                    json!(100),
                    json!(200),
                    json!(4096),
                    json!(0),
                    json!(-3),
                    json!(1.5),
                ][self.r(6)]
                .clone(),
                Ty::S => json!(self.pick(STRS)),
                Ty::B => json!(self.r(2) == 0),
                Ty::L => json!(["a", "Storage", "10.0.0.0/8"][..self.r(4)].to_vec()),
                Ty::M => json!({"a": "Allow", "b": self.pick(STRS)}),
                Ty::R => {
                    let n = self.r(3);
                    Value::Array(
                        (0..n)
                            .map(|i| {
                                json!({
                                    "name": format!("v{i}"),
                                    "priority": 100 + 7 * self.r(500),
                                    "access": self.pick(&["Allow", "Deny", "allow"]),
                                    "destination": self.pick(&["*", "Storage", "Internet", "20.33.0.0/16"]),
                                    "port": self.pick(&["*", "443", "8443"]),
                                })
                            })
                            .collect(),
                    )
                }
            }
        }

        fn locals(&mut self) -> Blk {
            let mut b = Blk::new("locals", &[]);
            let mut later = Vec::new();
            for lvl in 0..2 {
                for (i, t) in [Ty::N, Ty::S, Ty::B, Ty::L, Ty::M, Ty::R]
                    .into_iter()
                    .enumerate()
                {
                    if self.r(3) == 0 {
                        continue;
                    }
                    let name = format!("x{lvl}{i}");
                    let e = self.any(t, 3);
                    b = b.e(&name, e);
                    later.push((t, format!("local.{name}")));
                }
                // level 1 may read level 0
                self.refs.append(&mut later);
            }
            if self.r(25) == 0 {
                // a cycle
                b = b.e("c1", "local.c2").e("c2", "local.c1");
            }
            b
        }

        fn rule_attrs(&mut self, mut b: Blk, it: Option<&str>) -> Blk {
            let d = 2;
            let val = |f: &str| it.map(|i| format!("{i}.value.{f}"));
            let pick = |g: &mut Gen, f: &str, alt: String| match val(f) {
                Some(v) if g.r(4) != 0 => v,
                _ => alt,
            };
            let name = if let Some(i) = it {
                format!("\"${{{i}.key}}-r\"")
            } else if self.r(4) == 0 {
                self.s(1)
            } else {
                format!("\"r{}\"", self.r(1000))
            };
            let prio = self.prio(d);
            let prio = pick(self, "priority", prio);
            let access = self.access(d);
            let access = pick(self, "access", access);
            let dest = self.dest(d);
            let dest = pick(self, "destination", dest);
            let port = self.port(d);
            let port = pick(self, "port", port);
            b = b.e("name", name).e("priority", prio);
            if self.r(30) != 0 {
                let dir = if self.r(12) == 0 {
                    self.s(1)
                } else {
                    "\"Outbound\"".into()
                };
                b = b.e("direction", dir);
            }
            b = b.e("access", access).e(
                "protocol",
                self.pick(&["\"Tcp\"", "\"*\"", "\"Udp\"", "\"tcp\""]),
            );
            b = b.e("source_port_range", "\"*\"");
            if self.r(5) == 0 {
                b = b.e("destination_port_ranges", format!("[{port}, \"22\"]"));
            } else {
                b = b.e("destination_port_range", port);
            }
            b = b.e("source_address_prefix", "\"*\"");
            if self.r(6) == 0 {
                b = b.e("destination_address_prefixes", format!("[{dest}]"));
            } else {
                b = b.e("destination_address_prefix", dest);
            }
            b
        }

        /// `count` or `for_each` (or neither) on a resource; the suffix that addresses instance 0.
        fn meta(&mut self, b: Blk) -> (Blk, String) {
            match self.r(6) {
                0 => {
                    // small: thousands of instances are a test of their own (tests/tf_hostile.rs)
                    let c = if self.r(2) == 0 {
                        self.pick(&["0", "1", "2"]).to_string()
                    } else {
                        format!("min(3, {})", self.num(2))
                    };
                    (b.e("count", c), "[0]".into())
                }
                1 => {
                    let f = if self.r(2) == 0 {
                        "toset([\"a\", \"b\"])".to_string()
                    } else {
                        format!("toset({})", self.list(2))
                    };
                    (b.e("for_each", f), "[\"a\"]".into())
                }
                _ => (b, String::new()),
            }
        }

        fn nsg(&mut self, name: &str, rules_ref: Option<String>) -> (Blk, String) {
            let mut b = Blk::new("resource", &["azurerm_network_security_group", name])
                .e("name", format!("\"{name}\""))
                .e("location", "\"westeurope\"")
                .e("resource_group_name", "\"rg\"");
            for _ in 0..self.r(4) {
                let r = self.rule_attrs(Blk::new("security_rule", &[]), None);
                b = b.b(r);
            }
            for _ in 0..self.r(3) {
                let it = if self.r(3) == 0 { "r" } else { "security_rule" };
                let fe = match &rules_ref {
                    Some(r) if self.r(2) == 0 => r.clone(),
                    _ => self.rules(3),
                };
                let content = self.rule_attrs(Blk::new("content", &[]), Some(it));
                let mut d = Blk::new("dynamic", &["security_rule"]).e("for_each", fe);
                if it != "security_rule" {
                    d.attrs.push(("iterator".into(), V::Raw(it.into())));
                }
                b = b.b(d.b(content));
            }
            self.meta(b)
        }

        /// A root module and its child (`child/`), which may call itself.
        pub fn module(&mut self) -> Vec<(String, Vec<Blk>)> {
            self.refs.clear();
            let mut root = self.variables(&[
                ("n", Ty::N),
                ("s", Ty::S),
                ("flag", Ty::B),
                ("l", Ty::L),
                ("m", Ty::M),
                ("rules", Ty::R),
            ]);
            root.push(self.locals());
            root.push(
                Blk::new("resource", &["azurerm_resource_group", "rg"])
                    .e("name", "\"rg\"")
                    .e("location", "\"westeurope\""),
            );
            let space = if self.r(4) == 0 {
                self.list(2)
            } else {
                "[\"10.0.0.0/16\"]".into()
            };
            let (vnet, vi) = self.meta(
                Blk::new("resource", &["azurerm_virtual_network", "vnet"])
                    .e("name", "\"vnet\"")
                    .e("location", "\"westeurope\"")
                    .e("resource_group_name", "\"rg\"")
                    .e("address_space", space),
            );
            root.push(vnet);
            let mut subnet = Blk::new("resource", &["azurerm_subnet", "s"])
                .e("name", "\"s\"")
                .e("resource_group_name", "\"rg\"")
                .e(
                    "virtual_network_name",
                    format!("azurerm_virtual_network.vnet{vi}.name"),
                )
                .e(
                    "address_prefixes",
                    if self.r(4) == 0 {
                        format!("[{}]", self.s(2))
                    } else {
                        "[cidrsubnet(\"10.0.0.0/16\", 8, 1)]".into()
                    },
                );
            if self.r(2) == 0 {
                let b = self.b(2);
                subnet = subnet.e("default_outbound_access_enabled", b);
            }
            let (subnet, si) = self.meta(subnet);
            root.push(subnet);
            let (nsg, ni) = self.nsg("nsg", Some("var.rules".into()));
            root.push(nsg);
            if self.r(2) == 0 {
                let (sr, _) = {
                    let b = Blk::new("resource", &["azurerm_network_security_rule", "extra"])
                        .e("resource_group_name", "\"rg\"")
                        .e(
                            "network_security_group_name",
                            format!("azurerm_network_security_group.nsg{ni}.name"),
                        );
                    let b = self.rule_attrs(b, None);
                    self.meta(b)
                };
                root.push(sr);
            }
            if self.r(2) == 0 {
                root.push(
                    Blk::new(
                        "resource",
                        &["azurerm_subnet_network_security_group_association", "sa"],
                    )
                    .e("subnet_id", format!("azurerm_subnet.s{si}.id"))
                    .e(
                        "network_security_group_id",
                        format!("azurerm_network_security_group.nsg{ni}.id"),
                    ),
                );
            }
            let (nic, nici) = self.meta(
                Blk::new("resource", &["azurerm_network_interface", "nic"])
                    .e("name", "\"nic\"")
                    .e("location", "\"westeurope\"")
                    .e("resource_group_name", "\"rg\"")
                    .b(Blk::new("ip_configuration", &[])
                        .e("name", "\"ip\"")
                        .e("subnet_id", format!("azurerm_subnet.s{si}.id"))
                        .e("private_ip_address_allocation", "\"Dynamic\"")),
            );
            root.push(nic);
            if self.r(3) != 0 {
                root.push(
                    Blk::new(
                        "resource",
                        &["azurerm_network_interface_security_group_association", "na"],
                    )
                    .e(
                        "network_interface_id",
                        format!("azurerm_network_interface.nic{nici}.id"),
                    )
                    .e(
                        "network_security_group_id",
                        format!("azurerm_network_security_group.nsg{ni}.id"),
                    ),
                );
            }
            let location = if self.r(5) == 0 {
                self.s(1)
            } else {
                "\"westeurope\"".into()
            };
            let (vm, _) = self.meta(
                Blk::new("resource", &["azurerm_linux_virtual_machine", "vm"])
                    .e("name", "\"vm\"")
                    .e("location", location)
                    .e("resource_group_name", "\"rg\"")
                    .e("size", "\"Standard_B1s\"")
                    .e("admin_username", "\"u\"")
                    .e(
                        "network_interface_ids",
                        format!("[azurerm_network_interface.nic{nici}.id]"),
                    )
                    .b(Blk::new("os_disk", &[])
                        .e("caching", "\"ReadWrite\"")
                        .e("storage_account_type", "\"Standard_LRS\"")),
            );
            root.push(vm);
            let mut files = Vec::new();
            if self.r(2) == 0 {
                // a local module, called with count or for_each or once
                let mut call = Blk::new("module", &["c"]).l("source", json!("./child"));
                call = match self.r(3) {
                    0 => call.e("count", self.pick(&["0", "1", "2", "min(2, var.n)"])),
                    1 => call.e("for_each", "toset([\"x\", \"y\"])"),
                    _ => call,
                };
                let rules = self.rules(2);
                call = call
                    .e("rules", rules)
                    .e("depth", self.pick(&["0", "1", "3", "var.n"]));
                root.push(call);
                self.refs.clear();
                let mut child = self.variables(&[("rules", Ty::R)]);
                child.push(Blk::new("variable", &["depth"]).l("default", json!(0)));
                let (nsg, _) = self.nsg("child", Some("var.rules".into()));
                child.push(nsg);
                if self.r(2) == 0 {
                    // the module calls itself
                    let count = match self.r(4) {
                        0 => "1",
                        _ => "var.depth > 0 ? 1 : 0",
                    };
                    let src = self.pick(&["./", "../child", "."]);
                    child.push(
                        Blk::new("module", &["again"])
                            .l("source", json!(src))
                            .e("count", count)
                            .e("depth", "var.depth - 1")
                            .e("rules", "var.rules"),
                    );
                }
                files.push(("child/main".to_string(), child));
            }
            files.insert(0, ("main".to_string(), root));
            files
        }

        /// A `terraform.tfvars` giving some of the root variables values.
        pub fn tfvars(&mut self) -> String {
            let mut out = String::new();
            for (name, t) in [("n", Ty::N), ("s", Ty::S), ("l", Ty::L), ("rules", Ty::R)] {
                if self.r(2) == 0 {
                    out.push_str(&format!("{name} = {}\n", lit_hcl(&self.literal(t))));
                }
            }
            out
        }
    }
}

/// Writes a generated module under `dir`: native `.tf` or `.tf.json`, and now and then a `terraform.tfvars`.
fn write_module(g: &mut tfgen::Gen, dir: &std::path::Path) -> String {
    let json = g.rng.below(3) == 0;
    let mut shown = String::new();
    for (stem, blocks) in g.module() {
        let (name, text) = if json {
            (format!("{stem}.tf.json"), tfgen::json_file(&blocks))
        } else {
            (format!("{stem}.tf"), tfgen::hcl_file(&blocks))
        };
        let f = dir.join(&name);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(&f, &text).unwrap();
        shown.push_str(&format!("--- {name}\n{text}"));
    }
    if g.rng.below(3) == 0 {
        let t = g.tfvars();
        std::fs::write(dir.join("terraform.tfvars"), &t).unwrap();
        shown.push_str(&format!("--- terraform.tfvars\n{t}"));
    }
    shown
}

/// Panics seen anywhere in this process, caught ones included (the evaluator catches a panic inside
/// `hcl::eval`, but the panic still prints to stderr): counted by a hook set once.
fn panics_seen() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            N.fetch_add(1, Ordering::SeqCst);
            previous(info)
        }));
    });
    N.load(Ordering::SeqCst)
}

/// Issue 29: generated Terraform modules gate to a verdict (exit 0, 1 or 3) or an input error of one
/// line (exit 2), never a panic, and every run ends. The library runs each; the binary every tenth, so its
/// exit code and stderr are checked as a user sees them.
#[test]
fn generated_terraform_modules_never_panic() {
    use azegress::app::gate::{GateOptions, exit_code, run_gate};
    use azegress::gate::pack::Severity;
    let started = std::time::Instant::now();
    let mut g = tfgen::Gen::new(0x7f_c0de);
    let root = tempfile::tempdir().unwrap();
    let mut codes = [0usize; 4];
    let mut slowest = (std::time::Duration::ZERO, 0);
    for case in 0..300 {
        let dir = root.path().join(format!("m{case}"));
        std::fs::create_dir_all(&dir).unwrap();
        let shown = write_module(&mut g, &dir);
        let d = dir.to_string_lossy().into_owned();
        let o = GateOptions {
            inputs: vec![d.clone()],
            region: Some("westeurope".into()),
            ..Default::default()
        };
        let t0 = std::time::Instant::now();
        let before = panics_seen();
        let r = std::panic::catch_unwind(|| run_gate(&o, &|| {}));
        assert_eq!(
            panics_seen(),
            before,
            "case {case}: a panic (caught)\n{shown}"
        );
        let code = match r {
            Err(_) => panic!("case {case}: gate panicked on\n{shown}"),
            Ok(Ok(r)) => exit_code(&r, Severity::Error),
            Ok(Err(e)) => {
                let m = e.to_string();
                assert!(!m.trim().is_empty(), "case {case}: an empty error\n{shown}");
                if std::env::var_os("FUZZ_SHOW").is_some() {
                    eprintln!("ERR {}", m.replace(&d, "D"));
                }
                2
            }
        };
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(10),
            "case {case}: {:?}\n{shown}",
            t0.elapsed()
        );
        slowest = slowest.max((t0.elapsed(), case));
        codes[usize::from(code)] += 1;
        if case % 10 == 0 {
            let out = assert_cmd::Command::cargo_bin("azegress")
                .unwrap()
                .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
                .env("NO_COLOR", "1")
                .args(["gate", &d, "--region", "westeurope"])
                .timeout(std::time::Duration::from_secs(30))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let c = out.status.code();
            assert!(
                matches!(c, Some(0..=3)),
                "case {case}: exit {c:?}\n{stderr}\n{shown}"
            );
            assert_eq!(
                c,
                Some(i32::from(code)),
                "case {case}: the binary and the library differ\n{stderr}\n{shown}"
            );
            if c == Some(2) {
                assert!(
                    stderr.trim_end().lines().count() <= 1,
                    "case {case}: {stderr}\n{shown}"
                );
            }
        }
    }
    eprintln!(
        "exit codes 0..3: {codes:?} in {:?}, slowest case {slowest:?}",
        started.elapsed()
    );
    // the grammar reaches every outcome, not only input errors
    assert!(codes[2] < 200, "{codes:?}");
}

/// Every JSON pointer in `v` (the document itself excluded).
fn pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

/// A value of another type than `old`'s.
fn other_type(old: &serde_json::Value, rng: &mut Lcg) -> serde_json::Value {
    use serde_json::json;
    let kind = |v: &serde_json::Value| match v {
        serde_json::Value::Null => 0,
        serde_json::Value::Bool(_) => 1,
        serde_json::Value::Number(_) => 2,
        serde_json::Value::String(_) => 3,
        serde_json::Value::Array(_) => 4,
        serde_json::Value::Object(_) => 5,
    };
    loop {
        let v = match rng.below(6) {
            0 => json!(null),
            1 => json!(rng.below(2) == 0),
            2 => [json!(0), json!(-1), json!(4096), json!(1e300), json!(0.5)][rng.below(5)].clone(),
            3 => json!(["", "x", "*", "10.0.0.0/33", "Allow", "[parameters('p')]"][rng.below(6)]),
            4 => [json!([]), json!([1, "a", null]), json!([{}])][rng.below(3)].clone(),
            _ => [json!({}), json!({"a": 1}), json!({"name": null})][rng.below(3)].clone(),
        };
        if kind(&v) != kind(old) {
            return v;
        }
    }
}

/// Issue 29: plans, states and exports with values of the wrong type at random places: `gate FILE` and
/// `check --nic-nsg FILE` give a verdict or an input error naming the file (`file:line:col: …` or
/// `file: …`, one line), never a panic. The library runs each; the binary every eighth.
#[test]
fn type_mutated_plans_states_and_exports_never_panic() {
    use azegress::app::gate::{GateOptions, run_gate};
    use azegress::app::{CheckOptions, run_check};
    let started = std::time::Instant::now();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for (dir, ext) in [
        ("tests/data/tf-config/differential", "plan.json"),
        ("tests/data/samples/terraform-plan", ".json"),
        ("tests/data/terraform-state", ".tfstate"),
        ("tests/data/az", ".json"),
        ("tests/data/samples/resource-graph", ".json"),
        ("tests/data/samples/nsg", "CreateWithRule.json"),
        ("examples/resource-graph", ".json"),
    ] {
        for e in walk(&root.join(dir)) {
            if e.to_string_lossy().ends_with(ext) {
                files.push(e);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    let mut rng = Lcg(0x7e5_7a7e);
    let tmp = tempfile::tempdir().unwrap();
    let mut runs = 0;
    for f in &files {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let mut ptrs = Vec::new();
        pointers(&doc, String::new(), &mut ptrs);
        let ext = if f.to_string_lossy().ends_with(".tfstate") {
            "tfstate"
        } else {
            "json"
        };
        for m in 0..16 {
            let mut d = doc.clone();
            let mut changed = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let p = &ptrs[rng.below(ptrs.len())];
                if let Some(slot) = d.pointer_mut(p) {
                    *slot = other_type(slot, &mut rng);
                    changed.push(p.clone());
                }
            }
            let name = tmp.path().join(format!("m{runs}.{ext}"));
            let path = name.to_string_lossy().into_owned();
            std::fs::write(&name, serde_json::to_string(&d).unwrap()).unwrap();
            let what = format!("{} with {changed:?} changed", f.display());
            let before = panics_seen();
            let gate = std::panic::catch_unwind(|| {
                run_gate(
                    &GateOptions {
                        inputs: vec![path.clone()],
                        region: Some("westeurope".into()),
                        ..Default::default()
                    },
                    &|| {},
                )
                .err()
            });
            let check = std::panic::catch_unwind(|| {
                run_check(&CheckOptions {
                    nic_nsg: Some(path.clone()),
                    region: Some("westeurope".into()),
                    ..Default::default()
                })
                .err()
            });
            assert_eq!(panics_seen(), before, "a panic (caught): {what}");
            for e in [gate, check] {
                match e {
                    Err(_) => panic!("a panic: {what}"),
                    Ok(Some(e)) => {
                        let s = e.to_string();
                        assert!(s.starts_with(&format!("{path}:")), "{what}: {s}");
                    }
                    Ok(None) => {}
                }
            }
            if m % 8 == 0 {
                for args in [
                    vec!["gate", &path, "--region", "westeurope"],
                    vec!["check", "--nic-nsg", &path, "--region", "westeurope"],
                ] {
                    let out = assert_cmd::Command::cargo_bin("azegress")
                        .unwrap()
                        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
                        .env("NO_COLOR", "1")
                        .args(&args)
                        .timeout(std::time::Duration::from_secs(30))
                        .output()
                        .unwrap();
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    let c = out.status.code();
                    assert!(
                        matches!(c, Some(0..=3)),
                        "{args:?} exit {c:?}: {what}\n{stderr}"
                    );
                    // gate reports an input error at its place among what it gated (AZE0631), or,
                    // when nothing could be read, as the one line every command gives
                    let stdout = String::from_utf8_lossy(&out.stdout);
                    if c == Some(2) && !stdout.contains(&format!("error[AZE0631]: {path}:")) {
                        assert_eq!(stderr.trim_end().lines().count(), 1, "{what}\n{stderr}");
                        assert!(
                            stderr.starts_with(&format!("azegress: error: {path}:")),
                            "{what}\n{stderr}"
                        );
                    }
                }
            }
            runs += 1;
        }
    }
    eprintln!("{runs} mutated files in {:?}", started.elapsed());
}

fn walk(d: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
