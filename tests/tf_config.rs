//! Terraform configurations read without a plan (`src/ingest/tf_config/`): real public configurations
//! under `tests/data/tf-config/` (sources in `tests/data/SOURCES.md`), gated as directories; a
//! differential test against the plans made from the same `.tf` files; what cannot be known offline is
//! named, never passed.

use assert_cmd::Command;
use serde_json::Value;

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100"); // the width these tests were written for (a pipe is 80 since issue 32)
    c
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

fn json(args: &[&str], code: i32) -> Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&run(&a, code)).unwrap()
}

const D: &str = "tests/data/tf-config";

/// A finding without where it stands (the plan and the `.tf` files place it differently).
fn findings(r: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let m = f["message"].as_str().unwrap_or("");
            let m = m.rsplit_once(" (").map_or(m, |(a, _)| a);
            (
                f["code"].as_str().unwrap_or("").to_string(),
                f["severity"].to_string(),
                m.to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn outcomes(r: &Value) -> Vec<String> {
    let mut out: Vec<String> = r["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            format!(
                "{} {} {} {}",
                o["vm"], o["requirement"], o["status"], o["ports"]
            )
        })
        .collect();
    out.sort();
    out
}

// Differential: the same configurations as `.tf` and as the `terraform show -json` plan made from them
// give the same outcomes and findings.
#[test]
fn tf_directory_and_its_plan_gate_alike() {
    for name in ["mage-ai", "aks-demo"] {
        for ports in ["8443", "80,443", "22"] {
            let plan = format!("{D}/differential/{name}/plan.json");
            let dir = format!("{D}/differential/{name}/tf");
            let vars = format!("{D}/differential/{name}/plan.tfvars");
            let p = json(&["gate", &plan, "--region", "eastus", "--ports", ports], 0);
            let t = json(
                &[
                    "gate",
                    &dir,
                    "--var-file",
                    &vars,
                    "--region",
                    "eastus",
                    "--ports",
                    ports,
                ],
                0,
            );
            assert!(!outcomes(&p).is_empty(), "{name}: nothing gated");
            assert_eq!(outcomes(&p), outcomes(&t), "{name} ports {ports}");
            assert_eq!(findings(&p), findings(&t), "{name} ports {ports}");
            // the same configuration in Terraform's JSON syntax (`*.tf.json`)
            let j = json(
                &[
                    "gate",
                    &format!("{D}/differential/{name}/tf-json"),
                    "--var-file",
                    &vars,
                    "--region",
                    "eastus",
                    "--ports",
                    ports,
                ],
                0,
            );
            assert_eq!(outcomes(&p), outcomes(&j), "{name} json ports {ports}");
            assert_eq!(findings(&p), findings(&j), "{name} json ports {ports}");
        }
    }
}

#[test]
fn findings_point_at_the_tf_file_line_and_column() {
    let out = run(
        &[
            "gate",
            &format!("{D}/differential/mage-ai/tf"),
            "--var-file",
            &format!("{D}/differential/mage-ai/plan.tfvars"),
            "--region",
            "eastus",
        ],
        0,
    );
    assert!(
        out.contains("rule `to-internet`") && out.contains("mage-ai/tf/networking.tf:145:3"),
        "{out}"
    );
    let sarif = run(
        &[
            "gate",
            &format!("{D}/differential/mage-ai/tf"),
            "--var-file",
            &format!("{D}/differential/mage-ai/plan.tfvars"),
            "--region",
            "eastus",
            "--format",
            "sarif",
        ],
        0,
    );
    let s: Value = serde_json::from_str(&sarif).unwrap();
    let loc = &s["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert!(
        loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("networking.tf"),
        "{loc}"
    );
    assert_eq!(loc["region"]["startLine"], 145);
    assert_eq!(loc["region"]["startColumn"], 3);
}

// Azure Verified Module (NSG) example: a local module (`source = "../../"`) called with a map of rules,
// `azurerm_network_security_rule` with `for_each`, `optional()` object attributes; the names come from
// the registry module `naming`, which is not fetched: named, and the rules still gated.
#[test]
fn avm_nsg_example_with_unfetched_registry_modules() {
    let dir = format!("{D}/avm-nsg/examples/example_with_NSG_rule");
    let out = run(
        &["gate", &dir, "--region", "koreacentral", "--ports", "80"],
        1,
    );
    assert!(
        out.contains(
            "module `naming` (registry) not fetched: run `terraform init`, or gate the plan"
        ),
        "{out}"
    );
    assert!(out.contains("TCP 80 to Storage.KoreaCentral denied by securityRules/${module.naming.network_security_rule.name_unique}1 (priority 100)"), "{out}");
    assert!(out.contains("avm-nsg/main.rules.tf:1:1"), "{out}");
    // 8443: rule01 denies 80-88 only
    run(&["gate", &dir, "--region", "koreacentral"], 0);
    // the region comes from the unfetched `regions` module: not known, so inconclusive
    let out = run(&["gate", &dir], 3);
    assert!(out.contains("the region is not known offline"), "{out}");
}

// A module's variables without values (the AVM module's root gated on its own).
#[test]
fn variable_without_value_is_named() {
    let out = run(&["gate", &format!("{D}/avm-nsg")], 3);
    assert!(
        out.contains("variable `location` has no value: pass --var-file or --var location=VALUE"),
        "{out}"
    );
    // given on the command line, the module's NSG is gated (a `.tf` file names its module alone; the
    // directory would gate its example too, a root module of its own)
    run(
        &[
            "gate",
            &format!("{D}/avm-nsg/main.tf"),
            "--var",
            "location=koreacentral",
            "--var",
            "name=nsg-app",
            "--var",
            "resource_group_name=rg-app",
        ],
        0,
    );
}

#[test]
fn tf_var_environment_variables_are_values() {
    let out = azegress()
        .args(["gate", &format!("{D}/avm-nsg/main.tf")])
        .env("TF_VAR_location", "koreacentral")
        .env("TF_VAR_name", "nsg-app")
        .env("TF_VAR_resource_group_name", "rg-app")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

// The classic Azure NSG module: a data source (`azurerm_resource_group`), `count` and `for_each` over
// `for` expressions with `if`, `lookup`, `element`, `join`, conditionals.
#[test]
fn azure_nsg_module_custom_rules() {
    let dir = format!("{D}/azure-nsg-module/examples/Custom-Rules");
    let out = run(&["gate", &dir, "--region", "eastus"], 1);
    // the inbound SSH rule of the example, read through the module, at its line in the module
    assert!(
        out.contains("rule `myssh`: allows 22 (SSH) from *")
            && out.contains("azure-nsg-module/main.tf:80:1"),
        "{out}"
    );
    assert!(out.contains("1 of 1 requirement check(s) passed"), "{out}");
}

// Terraform's quickstart for VM backup: a VM, its NIC, NSG association, VNet and subnet.
#[test]
fn check_resources_dir_vm() {
    let dir = format!("{D}/quickstart/101-backup-vm");
    let out = run(&["gate", &dir], 1);
    assert!(
        out.contains("1 VM(s)") && out.contains("1 of 1 requirement check(s) passed"),
        "{out}"
    );
    let r: Value = serde_json::from_str(&run(&["gate", &dir, "--format", "json"], 1)).unwrap();
    let vm = r["outcomes"][0]["vm"].as_str().unwrap().to_string();
    assert_eq!(vm, "${random_string.name.id}-vm");
    // by its name (as gate shows it) or by its Terraform address
    for v in [vm.as_str(), "azurerm_windows_virtual_machine.main"] {
        let out = run(
            &["check", "--resources", &dir, "--vm", v, "--format", "json"],
            0,
        );
        let c: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(c["verdict"], "reachable", "{out}");
    }
}

// Three VMs from `count`, one subnet NSG association, a NAT gateway.
#[test]
fn count_instances_are_gated() {
    let out = run(
        &[
            "gate",
            &format!("{D}/quickstart/101-azure-load-balancer-internal"),
        ],
        1,
    );
    assert!(out.contains("3 VM(s)"), "{out}");
    assert!(out.contains("3 of 3 requirement check(s) passed"), "{out}");
}

// The firewall's private IP is only known after apply: the route to it cannot be matched offline.
#[test]
fn value_known_after_apply_is_unknown() {
    let r = json(
        &["gate", &format!("{D}/quickstart/201-azfw-with-ipgroups")],
        1,
    );
    let unknown: Vec<&Value> = r["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "unknown")
        .collect();
    assert_eq!(unknown.len(), 1, "{r}");
    assert!(
        unknown[0]["message"]
            .as_str()
            .unwrap()
            .contains("virtual appliance whose IP is not known offline"),
        "{r}"
    );
}

#[test]
fn diff_between_two_directories() {
    let out = run(
        &[
            "diff",
            "--before",
            &format!("{D}/quickstart/101-vm-with-infrastructure"),
            "--after",
            &format!("{D}/quickstart/101-vm-with-infrastructure"),
        ],
        0,
    );
    assert!(!out.contains("newly"), "{out}");
}

#[test]
fn bad_syntax_is_one_located_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"azurerm_network_security_group\" \"n\" {\n  name = \n}\n",
    )
    .unwrap();
    let out = azegress()
        .args(["gate", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("main.tf:2:10: invalid Terraform syntax"),
        "{err}"
    );
}

// `fix --emit file` on a configuration: the Terraform quickstart's NSG, with an outbound deny-all rule
// added in a copy (the quickstart itself passes), gets an inline `security_rule` block in
// `main.fixed.tf`; the file is written, read back and checked again.
#[test]
fn fix_writes_the_tf_file_and_rechecks_it() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tf-config/quickstart/101-vm-with-infrastructure");
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let main = dir.path().join("main.tf");
    let text = std::fs::read_to_string(&main).unwrap();
    let at = text.find("security_rule {").unwrap();
    let deny = "security_rule {\n    name                       = \"DenyAllOutbound\"\n    priority                   = 4000\n    direction                  = \"Outbound\"\n    access                     = \"Deny\"\n    protocol                   = \"*\"\n    source_port_range          = \"*\"\n    destination_port_range     = \"*\"\n    source_address_prefix      = \"*\"\n    destination_address_prefix = \"*\"\n  }\n\n  ";
    std::fs::write(&main, format!("{}{deny}{}", &text[..at], &text[at..])).unwrap();
    let d = dir.path().to_str().unwrap();
    run(&["check", "--resources", d, "--vm", "myVM"], 1);
    let out = run(
        &[
            "fix",
            "--resources",
            d,
            "--vm",
            "myVM",
            "--option",
            "nsg",
            "--emit",
            "file",
            "--write",
        ],
        0,
    );
    assert!(
        out.contains("main.fixed.tf (written; checked again from disk: REACHABLE)"),
        "{out}"
    );
    assert!(out.contains("+  security_rule {"), "{out}");
    let fixed = std::fs::read_to_string(dir.path().join("main.fixed.tf")).unwrap();
    // everything before the new block is the original, comments included
    let original = std::fs::read_to_string(&main).unwrap();
    let cut = fixed.find("\n\n  # added by azegress fix").unwrap();
    assert!(original.starts_with(&fixed[..cut]), "{fixed}");
    assert!(
        fixed.contains("destination_port_ranges    = [\"8443\"]"),
        "{fixed}"
    );
    // the fixed file is not read beside the original (named), and in its place the VM passes
    let out = run(&["gate", d], 1);
    assert!(out.contains("main.fixed.tf` is not read"), "{out}");
    std::fs::rename(dir.path().join("main.fixed.tf"), &main).unwrap();
    run(&["check", "--resources", d, "--vm", "myVM"], 0);
}

// A registry module that `terraform init` has fetched is read from `.terraform/modules/modules.json`:
// the AVM example with the `naming` module (Azure/terraform-azurerm-naming) fetched; its names end in
// `random_string` results, known only after apply, so they are shown as their expressions.
#[test]
fn fetched_registry_module_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
            }
        }
    };
    copy(&root.join(D).join("avm-nsg"), &dir.path().join("avm-nsg"));
    let ex = dir.path().join("avm-nsg/examples/example_with_NSG_rule");
    copy(
        &root.join(D).join("avm-nsg/examples/example_with_NSG_rule"),
        &ex,
    );
    std::fs::create_dir_all(ex.join(".terraform/modules")).unwrap();
    // where `terraform init` puts it: under the root module (a `Dir` outside it is not read)
    copy(
        &root.join(D).join("registry/naming"),
        &ex.join(".terraform/modules/naming"),
    );
    std::fs::write(
        ex.join(".terraform/modules/modules.json"),
        r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"naming","Source":"registry.terraform.io/Azure/naming/azurerm","Version":"0.3.0","Dir":".terraform/modules/naming"}]}"#,
    )
    .unwrap();
    let out = run(
        &[
            "gate",
            ex.to_str().unwrap(),
            "--region",
            "koreacentral",
            "--ports",
            "80",
        ],
        1,
    );
    assert!(!out.contains("module `naming`"), "{out}");
    assert!(
        out.contains("module `regions` (registry) not fetched"),
        "{out}"
    );
    assert!(
        out.contains(r#"NSG `${substr(join("-", compact([local.prefix, "nsg", local.suffix_unique])), 0, 80)}`"#),
        "{out}"
    );
}

// `azapi_resource` with an ARM type the tool reads: the AVM virtual network module (azapi) with a NIC in
// its subnet, and its `complete` example with an NSG on a subnet.
#[test]
fn azapi_resources_are_read_as_arm() {
    let out = run(
        &[
            "gate",
            &format!("{D}/avm-vnet/examples/with_network_interface"),
        ],
        3,
    );
    assert!(
        out.contains("Microsoft.Network/virtualNetworks/subnets ×1")
            && out.contains("Microsoft.Network/virtualNetworks ×1"),
        "{out}"
    );
    let out = run(
        &[
            "gate",
            &format!("{D}/avm-vnet/examples/complete"),
            "--region",
            "koreacentral",
        ],
        3,
    );
    assert!(
        out.contains("1 subnet(s) without VMs") && out.contains("1 NSG(s) linted"),
        "{out}"
    );
    // the module's azapi resources of a type named by the unfetched `interfaces` module: inconclusive
    assert!(
        out.contains("warning[AZE0131]: how many `module.vnet1.azapi_resource.role_assignments`"),
        "{out}"
    );
}

// Hostile: a module that calls itself twice doubles at every level; evaluation stops at its budget,
// names it, and the run is inconclusive — never a hang.
#[test]
fn self_calling_module_stops_at_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "module \"m\" {\n  source = \"./\"\n  count  = 2\n}\n\nresource \"azurerm_network_security_group\" \"n\" {\n  name                = \"n\"\n  location            = \"eastus\"\n  resource_group_name = \"rg\"\n}\n",
    )
    .unwrap();
    let out = run(&["gate", dir.path().to_str().unwrap()], 3);
    assert!(out.contains("module or 20000 resource instances"), "{out}");
}

// `terraform.tfvars` is loaded as Terraform loads it: the same as passing it with --var-file.
#[test]
fn terraform_tfvars_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(D)
        .join("differential/mage-ai");
    for e in std::fs::read_dir(src.join("tf")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(src.join("plan.tfvars"), dir.path().join("terraform.tfvars")).unwrap();
    let d = dir.path().to_str().unwrap();
    let a = json(&["gate", d, "--region", "eastus"], 0);
    let b = json(
        &[
            "gate",
            &format!("{D}/differential/mage-ai/tf"),
            "--var-file",
            &format!("{D}/differential/mage-ai/plan.tfvars"),
            "--region",
            "eastus",
        ],
        0,
    );
    assert_eq!(outcomes(&a), outcomes(&b));
    // --var wins over the file
    let c = json(
        &["gate", d, "--region", "eastus", "--var", "app_name=other"],
        0,
    );
    assert!(c.to_string().contains("other-production"), "{c}");
}

// Hub-and-spoke over seven files: the spokes' routes send 0.0.0.0/0 to the hub's NVA (a VM, not an
// Azure Firewall): what it forwards is not known offline, so the spoke VMs are inconclusive.
#[test]
fn hub_and_spoke_routes_to_an_nva() {
    let r = json(&["gate", &format!("{D}/quickstart/301-hub-spoke")], 1);
    let unknown: Vec<String> = r["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] == "unknown")
        .map(|o| o["vm"].as_str().unwrap().to_string())
        .collect();
    assert!(
        unknown.contains(&"spoke1-vm".to_string()) && unknown.contains(&"spoke2-vm".to_string()),
        "{r}"
    );
    assert_eq!(r["vms"], 5, "{r}");
}

/// Virtual Network Manager resources in a configuration (issue 21, with issue 18 §2): a network group whose
/// static member is the VM's VNet, a security admin configuration, a rule collection applying to the group
/// and an admin rule denying outbound 8443 — read as Azure evaluates them, before the NSGs (azure-semantics.md
/// §10.2). The resource arguments are the azurerm provider's (tests/data/terraform/azurerm-arguments.json).
#[test]
fn network_manager_admin_rules_in_a_configuration_apply_to_the_vnets_of_their_group() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tf-config/quickstart/101-vm-with-infrastructure");
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let d = dir.path().to_str().unwrap().to_string();
    let avnm = |member_vnet: &str| {
        format!(
            r#"
resource "azurerm_network_manager" "avnm" {{
  name                = "avnm"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  scope_accesses      = ["SecurityAdmin"]
  scope {{
    subscription_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000"]
  }}
}}

resource "azurerm_network_manager_network_group" "spokes" {{
  name               = "spokes"
  network_manager_id = azurerm_network_manager.avnm.id
}}

resource "azurerm_network_manager_static_member" "vm_vnet" {{
  name                      = "vm-vnet"
  network_group_id          = azurerm_network_manager_network_group.spokes.id
  target_virtual_network_id = {member_vnet}
}}

resource "azurerm_network_manager_security_admin_configuration" "org" {{
  name               = "org"
  network_manager_id = azurerm_network_manager.avnm.id
}}

resource "azurerm_network_manager_admin_rule_collection" "backup" {{
  name                            = "backup"
  security_admin_configuration_id = azurerm_network_manager_security_admin_configuration.org.id
  network_group_ids               = [azurerm_network_manager_network_group.spokes.id]
}}

resource "azurerm_network_manager_admin_rule" "deny_8443" {{
  name                     = "deny-8443"
  admin_rule_collection_id = azurerm_network_manager_admin_rule_collection.backup.id
  action                   = "Deny"
  direction                = "Outbound"
  priority                 = 10
  protocol                 = "Tcp"
  destination_port_ranges  = ["8443"]
  source {{
    address_prefix_type = "IPPrefix"
    address_prefix      = "*"
  }}
  destination {{
    address_prefix_type = "IPPrefix"
    address_prefix      = "*"
  }}
}}
"#
        )
    };
    let check = |code: i32| {
        json(
            &[
                "check",
                "--resources",
                &d,
                "--vm",
                "myVM",
                "--ports",
                "8443",
            ],
            code,
        )
    };
    assert_eq!(check(0)["verdict"], "reachable");
    // the VM's own VNet is the group's static member: the admin Deny blocks before the NSGs
    std::fs::write(
        dir.path().join("avnm.tf"),
        avnm("azurerm_virtual_network.my_terraform_network.id"),
    )
    .unwrap();
    let v = check(1);
    assert_eq!(v["flows"][0]["blocked_by"]["hop"], "admin", "{v}");
    assert!(
        v["flows"][0]["blocked_by"]["rule"]
            .as_str()
            .unwrap()
            .contains(
                "security admin rule `deny-8443` (network manager `avnm`, configuration `org`)"
            ),
        "{v}"
    );
    // another VNet is the member: this VM's path is untouched
    std::fs::write(
        dir.path().join("avnm.tf"),
        avnm("\"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/other\""),
    )
    .unwrap();
    assert_eq!(check(0)["verdict"], "reachable");
}
