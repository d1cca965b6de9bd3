//! Tests on the real Microsoft service-tag files and the real input samples in `tests/data`
//! (see its SOURCES.md): everything they read is inside the repository.

use azegress::ingest::{load_nsgs, load_nsgs_text};
use azegress::model::{AddrSet, Attachment, Direction};
use azegress::tags::ServiceTags;
use serde_json::Value;
use std::path::PathBuf;

fn shared(p: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "data", p]
        .iter()
        .collect();
    path.to_string_lossy().into_owned()
}

fn read(p: &str) -> String {
    std::fs::read_to_string(shared(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn public() -> ServiceTags {
    ServiceTags::parse(
        &read("service-tags/ServiceTags_Public_20240506.json"),
        "ServiceTags_Public_20240506.json",
    )
    .unwrap()
}

#[test]
fn public_file_loads_with_its_change_number() {
    // reference §2.5: changeNumber 305, cloud Public, 2601 entries
    let t = public();
    assert_eq!(
        (t.cloud.as_str(), t.change_number, t.entries().len()),
        ("Public", 305, 2601)
    );
    let kc = t.regional("Storage", "koreacentral").unwrap();
    assert_eq!(kc.name, "Storage.KoreaCentral");
    let p = t.prefixes(kc).unwrap();
    assert_eq!(p.nets.len(), 17); // 16 IPv4 + 1 IPv6
    assert_eq!(
        p.nets
            .iter()
            .filter(|n| matches!(n, ipnet::IpNet::V6(_)))
            .count(),
        1
    );
}

#[test]
fn regions_resolve_by_name_suffix_not_region_field() {
    // reference §2.3, trap 9: francecentral's region field is `centralfrance`
    let t = public();
    let fc = t.regional("Storage", "francecentral").unwrap();
    assert_eq!(fc.region_field(), "centralfrance");
    assert_eq!(
        t.regional("Storage", "Korea Central").unwrap().name,
        "Storage.KoreaCentral"
    );
    // AzureCloud regional tags are lower case: lookup must be case-insensitive
    assert_eq!(
        t.get("AzureCloud.WestEurope").unwrap().name,
        "AzureCloud.westeurope"
    );
}

#[test]
fn every_regional_storage_prefix_is_inside_global_storage() {
    // reference §2.3, trap 11: compare by containment, not string equality
    let t = public();
    let global = t.prefixes(t.get("Storage").unwrap()).unwrap().set.clone();
    let mut regions = 0;
    for r in t.regions_of("Storage") {
        let e = t.get(&format!("Storage.{r}")).unwrap();
        assert!(
            global.is_superset(&t.prefixes(e).unwrap().set),
            "Storage.{r}"
        );
        regions += 1;
    }
    assert!(regions > 50);
}

#[test]
fn azurebackup_does_not_overlap_storage() {
    // reference §2.3, trap 12
    let t = public();
    let b = &t
        .prefixes(t.get("AzureBackup.WestEurope").unwrap())
        .unwrap()
        .set;
    let s = &t
        .prefixes(t.get("Storage.WestEurope").unwrap())
        .unwrap()
        .set;
    assert!(!b.intersects(s));
}

#[test]
fn bundled_file_is_the_whole_public_file() {
    // every tag of the bundled file, compared with an independent serde_json read of the same file
    let text = std::fs::read_to_string(
        [
            env!("CARGO_MANIFEST_DIR"),
            "service-tags",
            "ServiceTags_Public_20251106.json",
        ]
        .iter()
        .collect::<PathBuf>(),
    )
    .unwrap();
    let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
    assert_eq!(doc["changeNumber"], 375);
    let b = ServiceTags::bundled();
    let values = doc["values"].as_array().unwrap();
    assert_eq!(values.len(), 3039);
    assert_eq!(b.entries().len(), values.len());
    for v in values {
        let name = v["name"].as_str().unwrap();
        let want: Vec<String> = v["properties"]["addressPrefixes"]
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
            .collect();
        let got: Vec<String> = b
            .prefixes(b.get(name).unwrap())
            .unwrap()
            .nets
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(got, want, "{name}");
    }
    // the bundled file knows tags a standard Bastion NSG names
    assert!(b.get("GatewayManager").is_some());
}

#[test]
fn storage_is_inside_internet() {
    // reference §1.4, trap 4: Internet includes Azure's public IPs, Storage among them
    let t = public();
    let internet =
        azegress::tags::SpecialTag::internet(&AddrSet::from_net("10.0.0.0/16".parse().unwrap()));
    let s = &t.prefixes(t.get("Storage").unwrap()).unwrap().set;
    assert!(internet.is_superset(s));
}

#[test]
fn gov_china_germany_and_discovery_api_files_load() {
    let gov = ServiceTags::parse(
        &read("service-tags/ServiceTags_AzureGovernment_20260719.json"),
        "gov",
    )
    .unwrap();
    assert_eq!(
        (gov.cloud.as_str(), gov.change_number),
        ("AzureGovernment", 401)
    );
    assert!(gov.regional("Storage", "usgovvirginia").is_some());
    assert!(gov.regional("Storage", "koreacentral").is_none());
    let cn = ServiceTags::parse(
        &read("samples/servicetags-api/ServiceTags_China_20260720.json"),
        "cn",
    )
    .unwrap();
    assert_eq!((cn.cloud.as_str(), cn.change_number), ("China", 405));
    let de = ServiceTags::parse(
        &read("samples/servicetags-api/ServiceTags_AzureGermany_20220228.json"),
        "de",
    )
    .unwrap();
    assert_eq!(de.change_number, 192);
    // the Discovery API example: changeNumber is a string
    let doc: Value =
        serde_json::from_str(&read("samples/servicetags-api/ServiceTagsList.json")).unwrap();
    let body = doc["responses"]["200"]["body"].to_string();
    let api = ServiceTags::parse(&body, "api").unwrap();
    assert_eq!(api.change_number, 63);
    assert!(api.get("servicebus.eastus2").is_some());
}

#[test]
fn rest_example_nsg_body_parses_with_defaults() {
    let doc: Value =
        serde_json::from_str(&read("samples/nsg/NetworkSecurityGroupCreateWithRule.json")).unwrap();
    let body = serde_json::to_string_pretty(&doc["responses"]["200"]["body"]).unwrap();
    let nsgs = load_nsgs_text(&body, "body.json", None).unwrap();
    assert_eq!(nsgs[0].name, "testnsg");
    assert_eq!(nsgs[0].rules.iter().filter(|r| !r.is_default).count(), 1);
    assert_eq!(nsgs[0].rules.iter().filter(|r| r.is_default).count(), 6);
    // the request body (no defaults) gets the six defaults implied
    let req = serde_json::to_string(&doc["parameters"]["parameters"]).unwrap();
    let n = &load_nsgs_text(&req, "req.json", None).unwrap()[0];
    assert_eq!(
        n.rules
            .iter()
            .filter(|r| r.is_default && r.direction == Direction::Outbound)
            .count(),
        3
    );
}

#[test]
fn recorded_arm_list_parses_and_selects_by_name() {
    let doc: Value = serde_json::from_str(&read(
        "samples/nsg/NetworkSecurityGroupTest.test_egress_policy_protocols.json",
    ))
    .unwrap();
    let data = serde_json::to_string(&doc["interactions"][0]["response"]["body"]["data"]).unwrap();
    let all = load_nsgs_text(&data, "list.json", None).unwrap();
    assert!(!all.is_empty());
    let first = all[0].name.clone();
    let one = load_nsgs_text(&data, "list.json", Some(&first)).unwrap();
    assert_eq!(one.len(), 1);
    assert!(one[0].rules.iter().any(|r| r.name == "test1"));
}

#[test]
fn effective_rules_output_keeps_association_and_expansion() {
    for f in [
        "NSG-scenario1-hub-vnet-vm.json",
        "NSG-scenario3-spoke-vnet-vm.json",
        "NSG-scenario4-spoke-vnet-vm.json",
    ] {
        let p = shared(&format!("samples/effective/{f}"));
        let nsgs = load_nsgs(&p).unwrap();
        assert_eq!(nsgs.len(), 1, "{f}");
        assert_eq!(nsgs[0].attached_hint, Some(Attachment::Subnet), "{f}");
        let names: Vec<String> = nsgs[0].rules.iter().map(|r| r.qualified_name()).collect();
        assert!(
            names.contains(&"defaultSecurityRules/AllowInternetOutBound".to_string()),
            "{f}"
        );
    }
}

#[test]
fn arm_template_from_a_public_repo_evaluates_names() {
    // Azure/Azure-Network-Security vNets.json: NSG names come from parameters('resourceNames').nsg1,
    // a parameter without a default: the name is unknown offline and is kept as the quoted expression
    let p = shared("samples/routes/vNets.json");
    let nsgs = load_nsgs(&p).unwrap();
    let names: Vec<&str> = nsgs.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "[parameters('resourceNames').nsg1]",
            "[parameters('resourceNames').nsg2]"
        ]
    );
    assert!(nsgs.iter().all(|n| n.rules.iter().any(|r| !r.is_default)));
}

#[test]
fn non_nsg_inputs_are_rejected_with_the_shapes_tried() {
    // (Terraform plans are NSG input since issue 3: tests/real_path_files.rs)
    for f in [
        "samples/firewall/AzureFirewallGet.json",
        "samples/routes/RouteTableGet.json",
    ] {
        let e = load_nsgs(&shared(f)).unwrap_err().to_string();
        // REST API examples wrap the resource: the message says where it is
        assert!(e.contains("`responses.200.body`"), "{f}: {e}");
    }
}

#[test]
fn inputs_not_read_say_what_to_do() {
    let cases = [
        (
            "nsg.bicep",
            "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {}",
            "az bicep build --file nsg.bicep",
        ),
        (
            "main.tf",
            "resource \"azurerm_network_security_group\" \"x\" {}",
            "terraform show -json plan.out",
        ),
        (
            "x.json",
            "resource \"azurerm_route_table\" \"x\" {}",
            "terraform show -json",
        ),
        (
            "ps.json",
            "{\"Name\": \"nsg\", \"SecurityRules\": \"System.Collections.Generic.List`1[Microsoft.Azure.Commands.Network.Models.PSSecurityRule]\"}",
            "ConvertTo-Json -Depth 10",
        ),
        (
            "p.json",
            "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\", \"parameters\": {}}",
            "pass the template as an NSG and this file with --parameters",
        ),
    ];
    for (file, text, want) in cases {
        let e = load_nsgs_text(text, file, None).unwrap_err().to_string();
        assert!(e.contains(want), "{file}: {e}");
        assert!(e.starts_with(file), "{e}");
    }
}
