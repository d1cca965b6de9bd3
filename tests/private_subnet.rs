//! Private subnets (issue 18 §1): a subnet with `defaultOutboundAccess: false`, or one a template creates at
//! API 2025-07-01 or later without the property, reaches no public endpoint — Azure Storage's included —
//! without an explicit outbound method: a NAT gateway, a public IP on the NIC, a load balancer with outbound
//! rules. Reference: azure-semantics.md §10.1 (the `default-outbound-access` article of Microsoft Learn).
//! Built on the Resource Graph example with its subnet NSG's deny removed, so that only outbound access
//! decides.

use assert_cmd::Command;
use serde_json::{Value, json};

const RG: &str = "examples/resource-graph/resources.json";

fn azegress(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The example with the subnet NSG's deny removed, then `edit` applied.
fn resources(edit: impl FnOnce(&mut Vec<Value>)) -> (tempfile::TempDir, String) {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(RG).unwrap()).unwrap();
    let rows = v["data"].as_array_mut().unwrap();
    for r in rows.iter_mut() {
        if r["name"] == "nsg-snet-app" {
            r["properties"]["securityRules"]
                .as_array_mut()
                .unwrap()
                .retain(|x| x["name"] != "Deny-Internet-Out");
        }
    }
    edit(rows);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("resources.json");
    std::fs::write(&f, v.to_string()).unwrap();
    let f = f.to_string_lossy().into_owned();
    (dir, f)
}

fn subnet(rows: &mut [Value]) -> &mut Value {
    &mut rows
        .iter_mut()
        .find(|r| r["type"] == "microsoft.network/virtualnetworks")
        .unwrap()["properties"]["subnets"][0]
}

fn check(f: &str, extra: &[&str]) -> (i32, String) {
    let mut a = vec!["check", "--resources", f, "--vm", "vm-app-01"];
    a.extend(extra);
    azegress(&a)
}

fn private(rows: &mut [Value]) {
    subnet(rows)["properties"]["defaultOutboundAccess"] = json!(false);
}

#[test]
fn a_private_subnet_alone_has_no_path_to_storage() {
    let (_d, open) = resources(|_| {});
    let (code, out) = check(&open, &[]);
    assert_eq!(code, 0, "the baseline is reachable: {out}");
    // an export of an existing subnet without the property is not private, and says nothing about it
    assert!(!out.contains("AZE0318"), "{out}");
    let (_d, f) = resources(|rows| private(rows));
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 1, "{out}");
    // the route hop decides, named, in plain words and with the Learn page
    let (_, json) = check(&f, &["--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["flows"][0]["blocked_by"]["hop"], "route", "{json}");
    let why = v["flows"][0]["why"].as_str().unwrap();
    assert!(
        why.contains("subnet `vnet-spoke/snet-app` is a private subnet (defaultOutboundAccess false) and has no NAT gateway, public IP or load-balancer outbound rule: no path to Storage's public endpoints")
            && why.contains("learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access"),
        "{why}"
    );
    assert!(
        v["next_steps"][0]
            .as_str()
            .unwrap()
            .contains("attach a NAT gateway"),
        "{json}"
    );
    // gate says the same for the VM
    let (code, out) = azegress(&["gate", &f, "--no-lints"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("is a private subnet"), "{out}");
}

#[test]
fn an_explicit_outbound_method_opens_a_private_subnet() {
    // a NAT gateway on the subnet
    let (_d, f) = resources(|rows| {
        private(rows);
        subnet(rows)["properties"]["natGateway"] = json!({"id": "/subscriptions/s/resourceGroups/rg-net/providers/Microsoft.Network/natGateways/ng-spoke"});
    });
    assert_eq!(check(&f, &[]).0, 0);
    // a public IP on the NIC's IP configuration
    let (_d, f) = resources(|rows| {
        private(rows);
        for r in rows
            .iter_mut()
            .filter(|r| r["type"] == "microsoft.network/networkinterfaces")
        {
            r["properties"]["ipConfigurations"][0]["properties"]["publicIPAddress"] = json!({"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-vm"});
        }
    });
    assert_eq!(check(&f, &[]).0, 0);
    // a Standard load balancer with an outbound rule whose backend pool holds the NIC
    let pool = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb-out/backendAddressPools/be";
    let with_pool = |rows: &mut Vec<Value>| {
        private(rows);
        for r in rows
            .iter_mut()
            .filter(|r| r["type"] == "microsoft.network/networkinterfaces")
        {
            r["properties"]["ipConfigurations"][0]["properties"]["loadBalancerBackendAddressPools"] =
                json!([{"id": pool}]);
        }
    };
    let (_d, f) = resources(|rows| {
        with_pool(rows);
        rows.push(json!({"name": "lb-out", "type": "microsoft.network/loadbalancers", "location": "koreacentral",
            "sku": {"name": "Standard"}, "properties": {"outboundRules": [{"name": "out", "properties": {"protocol": "All"}}]}}));
    });
    assert_eq!(check(&f, &[]).0, 0);
    // the same load balancer without outbound rules gives none
    let (_d, f) = resources(|rows| {
        with_pool(rows);
        rows.push(json!({"name": "lb-out", "type": "microsoft.network/loadbalancers", "location": "koreacentral",
            "sku": {"name": "Standard"}, "properties": {"outboundRules": []}}));
    });
    assert_eq!(check(&f, &[]).0, 1);
    // a load balancer that is not among the inputs: unknown, naming it
    let (_d, f) = resources(with_pool);
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 3, "{out}");
    let (_, json) = check(&f, &["--format", "json"]);
    assert!(json.contains("unless load balancer `lb-out`"), "{json}");
}

#[test]
fn a_route_to_a_firewall_is_not_the_subnet_s_own_egress() {
    // 0.0.0.0/0 to an appliance: the traffic leaves through it, not through the subnet's outbound access
    let (_d, f) = resources(|rows| {
        private(rows);
        for r in rows
            .iter_mut()
            .filter(|r| r["type"] == "microsoft.network/routetables")
        {
            r["properties"]["routes"] = json!([{"name": "to-fw", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.1.4"}}]);
        }
    });
    let (_, out) = check(&f, &[]);
    assert!(!out.contains("is a private subnet"), "{out}");
}

#[test]
fn a_template_at_api_2025_07_01_without_the_property_deploys_a_private_subnet() {
    let (_d, f) = resources(|rows| {
        for r in rows
            .iter_mut()
            .filter(|r| r["type"] == "microsoft.network/virtualnetworks")
        {
            r["apiVersion"] = json!("2025-07-01");
        }
    });
    let (code, out) = check(&f, &["--format", "json"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "created with API 2025-07-01 without `defaultOutboundAccess`: private by default"
        ),
        "{out}"
    );
    // the same template at an earlier API: not private
    let (_d, f) = resources(|rows| {
        for r in rows
            .iter_mut()
            .filter(|r| r["type"] == "microsoft.network/virtualnetworks")
        {
            r["apiVersion"] = json!("2024-05-01");
        }
    });
    assert_eq!(check(&f, &[]).0, 0);
    // a value of the wrong type is an error at its place
    let (_d, f) = resources(|rows| {
        subnet(rows)["properties"]["defaultOutboundAccess"] = json!("no");
    });
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(
            "`defaultOutboundAccess` of subnet `vnet-spoke/snet-app` must be true or false"
        ),
        "{out}"
    );
}

#[test]
fn without_the_subnet_the_default_outbound_access_is_an_assumption() {
    // flags only: the assumption is listed, and --strict makes the verdict inconclusive
    let args = [
        "check",
        "--nic-nsg",
        "examples/deny-all-outbound-fixed/nic-nsg.json",
        "--region",
        "koreacentral",
        "--vm-ip",
        "10.0.0.4",
        "--vnet",
        "10.0.0.0/16",
    ];
    let (code, out) = azegress(&args);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note[AZE0318]: the subnet's outbound facts are not given"),
        "{out}"
    );
    let mut strict = args.to_vec();
    strict.extend(["--strict", "--allow", "AZE0311,AZE0312"]);
    let (code, out) = azegress(&strict);
    assert_eq!(code, 3, "{out}");
    strict.extend(["--allow", "AZE0318"]);
    assert_eq!(azegress(&strict).0, 0);
}

/// A real Terraform plan (tests/data/SOURCES.md) with `default_outbound_access_enabled = false` on its
/// subnets: the VMs whose NICs have a public IP (a configuration reference, known after apply) keep their
/// path; without the public IP they have none. A NAT gateway association opens the subnet again.
#[test]
fn terraform_private_subnets_read_the_provider_s_flag_and_the_nic_s_public_ip() {
    const PLAN: &str = "tests/data/samples/terraform-plan/ZodiacAE-terraform-azure-main_appgw-with-privateendpoint-plan.json";
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(PLAN).unwrap()).unwrap();
    for r in v["planned_values"]["root_module"]["resources"]
        .as_array_mut()
        .unwrap()
    {
        if r["type"] == "azurerm_subnet" {
            r["values"]["default_outbound_access_enabled"] = json!(false);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let with_pip = dir.path().join("plan.json");
    std::fs::write(&with_pip, v.to_string()).unwrap();
    let (code, out) = azegress(&[
        "gate",
        with_pip.to_str().unwrap(),
        "--no-lints",
        "--format",
        "json",
    ]);
    let g: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_ne!(code, 1, "{out}");
    let status = |g: &Value, vm: &str| -> String {
        g["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["vm"] == vm)
            .unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status(&g, "vmappgw0"), "pass");
    // the same NICs without their public IP: no path from the private subnet
    fn strip(v: &mut Value, key: &str) {
        match v {
            Value::Object(o) => {
                o.remove(key);
                o.values_mut().for_each(|x| strip(x, key));
            }
            Value::Array(a) => a.iter_mut().for_each(|x| strip(x, key)),
            _ => {}
        }
    }
    let mut nopip = v.clone();
    strip(&mut nopip, "public_ip_address_id");
    let f = dir.path().join("nopip.json");
    std::fs::write(&f, nopip.to_string()).unwrap();
    let (code, out) = azegress(&[
        "gate",
        f.to_str().unwrap(),
        "--no-lints",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}");
    let g: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(status(&g, "vmappgw0"), "fail");
    assert!(
        out.contains("is a private subnet (defaultOutboundAccess false)"),
        "{out}"
    );
}

/// `fix` on a private subnet (§10.1): the `nat-gateway` option, and `auto`, add the subnet's explicit
/// outbound method — a NAT gateway with a Standard static public IP — and the re-check proves it; the other
/// options say that they do not give the subnet a way out and name the one that does.
#[test]
fn fix_gives_a_private_subnet_a_nat_gateway_and_proves_it() {
    let (_d, f) = resources(|rows| private(rows));
    for option in ["nat-gateway", "auto"] {
        let (code, json) = azegress(&[
            "fix",
            "--resources",
            &f,
            "--vm",
            "vm-app-01",
            "--option",
            option,
            "--format",
            "json",
            "--emit",
            "azcli,powershell,arm,bicep,terraform",
        ]);
        assert_eq!(code, 0, "{json}");
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["before"]["verdict"], "blocked", "{json}");
        assert_eq!(v["after"]["verdict"], "reachable", "{json}");
        let nat = v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "nat-gateway")
            .unwrap_or_else(|| panic!("{json}"));
        assert_eq!(nat["subnet"], "vnet-spoke/snet-app");
        assert_eq!(nat["resource_group"], "rg-net");
        assert_eq!(nat["location"], "koreacentral");
        let text = |e: &str| {
            v["emitted"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["emit"] == e)
                .unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let az = text("azcli");
        assert!(
            az.contains(
                "az network nat gateway create --resource-group 'rg-net' --name 'ng-snet-app'"
            ),
            "{az}"
        );
        assert!(az.contains("az network vnet subnet update --resource-group 'rg-net' --vnet-name 'vnet-spoke' --name 'snet-app' --nat-gateway 'ng-snet-app'"), "{az}");
        assert!(text("powershell").contains("$subnet.NatGateway = $nat"));
        // ARM writes the subnet back whole: its NSG and route table stay
        let arm: Value = serde_json::from_str(&text("arm")).unwrap();
        let sub = arm["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["type"] == "Microsoft.Network/virtualNetworks/subnets")
            .unwrap();
        assert_eq!(sub["properties"]["addressPrefix"], "10.20.1.0/24");
        assert!(
            sub["properties"]["networkSecurityGroup"]["id"]
                .as_str()
                .unwrap()
                .ends_with("/nsg-snet-app")
        );
        assert!(
            sub["properties"]["routeTable"]["id"]
                .as_str()
                .unwrap()
                .ends_with("/rt-snet-app")
        );
        assert_eq!(
            sub["properties"]["natGateway"]["id"],
            "[resourceId('Microsoft.Network/natGateways', 'ng-snet-app')]"
        );
        let tf = text("terraform");
        assert!(
            tf.contains("resource \"azurerm_subnet_nat_gateway_association\""),
            "{tf}"
        );
        assert!(tf.contains("/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-app"), "{tf}");
    }
    // an option that cannot give the subnet a way out says so, and names the one that can
    let (code, out) = azegress(&[
        "fix",
        "--resources",
        &f,
        "--vm",
        "vm-app-01",
        "--option",
        "nsg",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["still_blocked"],
        "8443/tcp: subnet `vnet-spoke/snet-app` is private: option `nsg` does not give it an outbound method; option `nat-gateway` would"
    );
    // a subnet that is not private: auto does not offer a NAT gateway
    let (_d, open) = resources(|_| {});
    let (_, out) = azegress(&[
        "fix",
        "--resources",
        &open,
        "--vm",
        "vm-app-01",
        "--option",
        "auto",
    ]);
    assert!(!out.contains("nat-gateway"), "{out}");
}

/// `diagnose` names the private subnet as a cause of its own, with the date context and the option.
#[test]
fn diagnose_names_the_private_subnet_with_its_date_context() {
    let (_d, f) = resources(|rows| private(rows));
    let (code, out) = azegress(&[
        "diagnose",
        "--resources",
        &f,
        "--vm",
        "vm-app-01",
        "--error",
        "ExtensionSnapshotFailedNoNetwork",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let cause = &v["causes"][0];
    let what = cause["what"].as_str().unwrap();
    assert!(
        what.contains("private subnet, which has no explicit outbound method"),
        "{out}"
    );
    assert!(what.contains("API 2025-07-01 or later"), "{out}");
    assert_eq!(cause["fix_option"], "nat-gateway", "{out}");
    assert!(
        cause["learn"]
            .as_str()
            .unwrap()
            .contains("default-outbound-access"),
        "{out}"
    );
}

fn rest_body(f: &str) -> Value {
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("tests/data/outbound/{f}.json")).unwrap(),
    )
    .unwrap();
    v["responses"]["200"]["body"].clone()
}

/// The outbound facts in the shapes Azure's REST examples give them (tests/data/outbound, from
/// Azure/azure-rest-api-specs; §10.1): the subnet's `defaultOutboundAccess: false`, a NAT gateway whose own
/// `subnets` list names the subnet (a subnet export may omit `natGateway`), the NIC's `publicIPAddress`, and a
/// Standard load balancer with `outboundRules` whose backend pool holds the NIC.
#[test]
fn rest_example_shapes_of_the_outbound_methods() {
    let private_rest = |rows: &mut Vec<Value>| {
        let s = rest_body("SubnetCreateWithSharingScope");
        assert_eq!(s["properties"]["defaultOutboundAccess"], false);
        for k in ["defaultOutboundAccess", "sharingScope"] {
            subnet(rows)["properties"][k] = s["properties"][k].clone();
        }
    };
    let (_d, f) = resources(private_rest);
    assert_eq!(check(&f, &[]).0, 1);
    // the NAT gateway's own export names the subnet it serves
    let (_d, f) = resources(|rows| {
        private_rest(rows);
        let mut ng = rest_body("NatGatewayCreateOrUpdate");
        ng["properties"]["subnets"][0]["id"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-app".into();
        rows.push(ng);
    });
    let (code, out) = check(&f, &["--format", "json"]);
    assert_eq!(code, 0, "{out}");
    // the NIC's public IP, as the NIC example spells it
    let (_d, f) = resources(|rows| {
        private_rest(rows);
        let nic = rest_body("NetworkInterfaceGet");
        let pip = nic["properties"]["ipConfigurations"][0]["properties"]["publicIPAddress"].clone();
        for r in rows
            .iter_mut()
            .filter(|r| r["type"] == "microsoft.network/networkinterfaces")
        {
            r["properties"]["ipConfigurations"][0]["properties"]["publicIPAddress"] = pip.clone();
        }
    });
    assert_eq!(check(&f, &[]).0, 0);
    // the load balancer example with its outbound rule, its pool on the NIC
    let (_d, f) = resources(|rows| {
        private_rest(rows);
        let lb = rest_body("LoadBalancerCreateWithOutboundRules");
        let pool = lb["properties"]["backendAddressPools"][0]["id"].clone();
        for r in rows
            .iter_mut()
            .filter(|r| r["type"] == "microsoft.network/networkinterfaces")
        {
            r["properties"]["ipConfigurations"][0]["properties"]["loadBalancerBackendAddressPools"] =
                json!([{"id": pool}]);
        }
        rows.push(lb);
    });
    assert_eq!(check(&f, &[]).0, 0);
}

/// A private subnet with an Azure Firewall among the inputs: `--option firewall` makes the firewall its way
/// out — a user route `Storage.<Region>` → VirtualAppliance at the firewall's IP (a route to an appliance is
/// an explicit outbound method, §10.1) and then the firewall's rule — proven by the re-check; `auto` still
/// picks the NAT gateway (fewer resources) but warns that the firewall does not inspect it.
#[test]
fn a_private_subnet_can_send_storage_traffic_through_the_firewall() {
    let (_d, f) = resources(|rows| private(rows));
    let e = "examples/forced-tunnel-azurebackup-tag";
    let fw = format!("{e}/firewall.json");
    let groups = format!("{e}/rule-collection-groups.json");
    let (code, json) = azegress(&[
        "fix",
        "--resources",
        &f,
        "--vm",
        "vm-app-01",
        "--firewall",
        &fw,
        "--firewall",
        &groups,
        "--option",
        "firewall",
        "--format",
        "json",
        "--emit",
        "azcli",
    ]);
    assert_eq!(code, 0, "{json}");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["after"]["verdict"], "reachable");
    let route = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "route")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(route["next_hop"], "VirtualAppliance");
    assert_eq!(route["next_hop_ip"], "10.0.1.4");
    assert_eq!(route["prefix"], "Storage.KoreaCentral");
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "firewall-rule"),
        "{json}"
    );
    assert!(
        v["emitted"][0]["text"]
            .as_str()
            .unwrap()
            .contains("--next-hop-type 'VirtualAppliance' --next-hop-ip-address '10.0.1.4'"),
        "{json}"
    );
    let (code, json) = azegress(&[
        "fix",
        "--resources",
        &f,
        "--vm",
        "vm-app-01",
        "--firewall",
        &fw,
        "--firewall",
        &groups,
        "--option",
        "auto",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{json}");
    assert!(json.contains("AZE0504"), "{json}");
}
