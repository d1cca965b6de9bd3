//! Route tables, effective routes, firewalls and proxy settings from real public files in `tests/data/samples`
//! (sources in its SOURCES.md), plus Debian's shipped squid.conf in `examples/squid-debian-defaults`.

use azegress::engine::Environment;
use azegress::engine::Source;
use azegress::engine::firewall::FirewallEval;
use azegress::engine::routes::Router;
use azegress::engine::squid::{self, ProxyRequest};
use azegress::ingest::firewall::parse_firewall;
use azegress::ingest::proxy::{load, load_squid};
use azegress::ingest::routes::{load_route_tables, parse_route_tables};
use azegress::ingest::topology::load_firewall;
use azegress::model::*;
use azegress::tags::ServiceTags;
use azegress::tags::fqdn::Host;
use ipnet::IpNet;
use serde_json::Value;
use std::path::PathBuf;

fn shared(p: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "data", "samples", p]
        .iter()
        .collect();
    path.to_string_lossy().into_owned()
}

fn json(p: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(shared(p)).unwrap()).unwrap()
}

/// The response body of a REST example (`responses.200.body`), pretty-printed.
fn rest_body(p: &str) -> String {
    serde_json::to_string_pretty(&json(p)["responses"]["200"]["body"]).unwrap()
}

fn env<'a>(tags: &'a ServiceTags, vnet: &[&str], routes: Vec<IpNet>) -> Environment<'a> {
    Environment {
        tags,
        vnet: vnet.iter().map(|s| s.parse().unwrap()).collect(),
        vm_ip: None,
        vm_asgs: None,
        route_prefixes: routes,
    }
}

fn storage_kc(tags: &ServiceTags) -> AddrSet {
    let e = tags.regional("Storage", "koreacentral").unwrap();
    tags.prefixes(e).unwrap().set.only_v4()
}

#[test]
fn rest_route_table_get() {
    // reference §4.2: routes[].properties.{addressPrefix, nextHopType}
    let t = parse_route_tables(
        &rest_body("routes/RouteTableGet.json"),
        "RouteTableGet.json",
        None,
    )
    .unwrap();
    assert_eq!(t.len(), 1);
    let r = &t[0].routes[0];
    assert_eq!(
        (
            t[0].name.as_str(),
            r.name.as_str(),
            r.prefix.to_string(),
            r.next_hop.clone()
        ),
        (
            "testrt",
            "route1",
            "10.0.3.0/24".to_string(),
            NextHop::VirtualNetworkGateway
        )
    );
    assert!(r.origin.line > 0, "routes carry their line");
}

#[test]
fn cassette_route_table_list_with_appliance_hops() {
    let doc = json("routes/RouteTableTest.test_find_route_table_by_name.json");
    let data =
        serde_json::to_string_pretty(&doc["interactions"][0]["response"]["body"]["data"]).unwrap();
    let t = parse_route_tables(&data, "cassette.json", None).unwrap();
    assert_eq!(t.len(), 2);
    assert!(t[0].routes.is_empty());
    let k8s = parse_route_tables(
        &data,
        "cassette.json",
        Some("k8s-master-C02B7042-routetable"),
    )
    .unwrap();
    assert!(
        k8s[0]
            .routes
            .iter()
            .all(|r| r.next_hop == NextHop::VirtualAppliance && r.next_hop_ip.is_some())
    );
    let err = parse_route_tables(&data, "cassette.json", Some("nope"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no route table named `nope`") && err.contains("cctestroutetable"),
        "{err}"
    );
}

#[test]
fn template_route_table_forced_tunnel() {
    // vNets.json: routeTables DefaultRoute 0.0.0.0/0 -> VirtualAppliance 10.0.25.4; the name is a parameter
    let t = load_route_tables(&shared("routes/vNets.json")).unwrap();
    assert_eq!(t.len(), 1);
    let r = &t[0].routes[0];
    assert_eq!(r.prefix.to_string(), "0.0.0.0/0");
    assert_eq!(r.next_hop_ip, Some("10.0.25.4".parse().unwrap()));
    assert!(
        t[0].name.contains("parameters('resourceNames')"),
        "{}",
        t[0].name
    );
}

#[test]
fn effective_routes_rest_and_cassette_send_storage_to_internet() {
    // reference §4.2: addressPrefix and nextHopIpAddress are arrays; §4.1 system routes
    let tags = ServiceTags::bundled();
    let e = env(&tags, &["172.20.2.0/24"], vec![]);
    let rest = parse_route_tables(
        &rest_body("effective/NetworkInterfaceEffectiveRouteTableList.json"),
        "eff.json",
        None,
    )
    .unwrap();
    assert!(rest[0].effective);
    let doc = json("effective/NetworkInterfaceTest.test_find_by_default_routes.json");
    let data = serde_json::to_string(&doc["interactions"][2]["response"]["body"]["data"]).unwrap();
    let cas = parse_route_tables(&data, "cassette.json", None).unwrap();
    for t in [&rest[0], &cas[0]] {
        let r = Router::new(Some(t), &[], &e, "koreacentral").unwrap();
        let parts = r.route(&storage_kc(&tags));
        assert_eq!(parts.len(), 1);
        let route = &r.routes[parts[0].1.index().unwrap()];
        assert_eq!(route.next_hop, NextHop::Internet, "{}", route.name);
        // private space goes nowhere (None) unless in the VNet
        let p = r.route(&AddrSet::from_ip("10.9.9.9".parse().unwrap()));
        assert_eq!(r.routes[p[0].1.index().unwrap()].next_hop, NextHop::None);
    }
}

#[test]
fn virtual_network_grows_by_user_routes_as_azure_expands_it() {
    // trap 5; real expansions of VirtualNetwork in az network nic list-effective-nsg output
    let tags = ServiceTags::bundled();
    let azure = |f: &str| -> AddrSet {
        let d = json(&format!("effective/{f}"));
        let rules = d["value"][0]["effectiveSecurityRules"].as_array().unwrap();
        let r = rules
            .iter()
            .find(|r| r["name"].as_str().unwrap().ends_with("AllowVnetOutBound"))
            .unwrap();
        let nets: Vec<IpNet> = r["expandedDestinationAddressPrefix"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().parse().unwrap())
            .collect();
        AddrSet::from_nets(&nets)
    };
    // scenario 3: a 0.0.0.0/0 user route makes VirtualNetwork everything
    let e3 = env(
        &tags,
        &["10.0.0.0/16", "10.1.0.0/16"],
        vec!["0.0.0.0/0".parse().unwrap()],
    );
    assert_eq!(
        e3.virtual_network().only_v4(),
        azure("NSG-scenario3-spoke-vnet-vm.json").only_v4()
    );
    // scenario 4: a 5.5.5.5/32 user route joins VNet + peer (10.0.0.0/15) and 168.63.129.16
    let e4 = env(&tags, &["10.0.0.0/15"], vec!["5.5.5.5/32".parse().unwrap()]);
    assert_eq!(
        e4.virtual_network(),
        azure("NSG-scenario4-spoke-vnet-vm.json")
    );
    // scenario 1: no user route
    let e1 = env(&tags, &["10.1.0.0/16"], vec![]);
    assert_eq!(
        e1.virtual_network(),
        azure("NSG-scenario1-hub-vnet-vm.json")
    );
}

#[test]
fn rest_classic_firewall_get() {
    // reference §3.4: classic azureFirewalls with application, NAT and network collections
    let fw = parse_firewall(
        &rest_body("firewall/AzureFirewallGet.json"),
        "AzureFirewallGet.json",
        None,
    )
    .unwrap();
    assert_eq!(fw.name, "azurefirewall");
    assert_eq!(fw.private_ip, Some("10.0.0.0".parse().unwrap()));
    let kinds: Vec<CollectionKind> = fw.collections.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            CollectionKind::Nat,
            CollectionKind::Network,
            CollectionKind::Application
        ]
    );
    // network rule L4-traffic denies 443-444 and 8443 from 192.168.1.1-192.168.1.12 (a range)
    let tags = ServiceTags::bundled();
    let e = env(&tags, &["192.168.0.0/16"], vec![]);
    let ev = FirewallEval::new(&fw, &e).unwrap();
    let host = Host::AnyAccount("blob.core.windows.net".into());
    let dest = storage_kc(&tags);
    let from = |ip: &str| Source::Ip(ip.parse().unwrap());
    let p = ev.eval(&from("192.168.1.5"), 8443, Some(&host), &dest);
    assert_eq!(
        (p[0].rule.as_str(), p[0].access),
        ("netrulecoll/L4-traffic", DecisionAccess::Deny)
    );
    assert!(p[0].origin.as_ref().unwrap().line > 0);
    let p = ev.eval(&from("192.168.1.13"), 8443, Some(&host), &dest);
    assert_eq!(p.last().unwrap().rule, "default deny");
}

#[test]
fn rest_rule_collection_groups() {
    let g = parse_firewall(
        &rest_body("firewall/FirewallPolicyRuleCollectionGroupGet.json"),
        "rcg.json",
        None,
    )
    .unwrap();
    let c = &g.collections[0];
    assert_eq!(
        (
            c.group.as_deref(),
            c.group_priority,
            c.priority,
            c.action,
            c.kind
        ),
        (
            Some("ruleCollectionGroup1"),
            110,
            200,
            FwAction::Deny,
            CollectionKind::Network
        )
    );
    let w = parse_firewall(
        &rest_body("firewall/FirewallPolicyRuleCollectionGroupWithWebCategoriesGet.json"),
        "rcg-web.json",
        None,
    )
    .unwrap();
    let FwRuleKind::Application(a) = &w.collections[0].rules[0].kind else {
        panic!("application rule expected")
    };
    assert!(!a.web_categories.is_empty());
    assert_eq!(a.protocols, [(AppProtocol::Https, 443)]);
    // web categories cannot be judged offline, but the rule denies and only the default deny follows: the flow
    // is denied whatever Microsoft's categorisation says (issue 20 §2: decide every branch before unknown)
    let tags = ServiceTags::bundled();
    let e = env(&tags, &["10.0.0.0/8"], vec![]);
    let mut fw = w.clone();
    fw.collections[0].rules[0].sources = vec!["*".into()];
    let ev = FirewallEval::new(&fw, &e).unwrap();
    let p = ev.eval(
        &Source::Vm,
        443,
        Some(&Host::AnyAccount("blob.core.windows.net".into())),
        &storage_kc(&tags),
    );
    assert_eq!(p[0].access, DecisionAccess::Deny, "{p:?}");
    assert!(
        p[0].reason
            .as_deref()
            .unwrap()
            .contains("denied either way"),
        "{p:?}"
    );
    // the same rule as an Allow: allowed or denied by the default deny, as the category decides: unknown
    let mut allow = fw.clone();
    allow.collections[0].action = FwAction::Allow;
    let ev = FirewallEval::new(&allow, &e).unwrap();
    let p = ev.eval(
        &Source::Vm,
        443,
        Some(&Host::AnyAccount("blob.core.windows.net".into())),
        &storage_kc(&tags),
    );
    assert_eq!(p[0].access, DecisionAccess::Unknown, "{p:?}");
}

#[test]
fn template_firewall_with_policy_and_groups() {
    // firewall.json: azureFirewalls using firewallPolicies with nested ruleCollectionGroups (WindowsUpdate FQDN tag)
    let fw = load_firewall(&[shared("firewall/firewall.json")]).unwrap();
    assert!(fw.policy.is_some());
    assert_eq!(
        fw.private_ip, None,
        "dynamic in the template: needs --firewall-ip"
    );
    let groups: Vec<&str> = fw
        .collections
        .iter()
        .filter_map(|c| c.group.as_deref())
        .collect();
    assert!(groups.contains(&"DefaultNetworkRuleCollectionGroup"));
    assert!(groups.contains(&"DefaultApplicationRuleCollectionGroup"));
    let tagged = fw.collections.iter().flat_map(|c| &c.rules).any(|r| {
        matches!(&r.kind, FwRuleKind::Application(a) if a.fqdn_tags.iter().any(|t| t == "WindowsUpdate"))
    });
    assert!(tagged);
    assert!(
        fw.collections
            .iter()
            .flat_map(|c| &c.rules)
            .all(|r| r.origin.line > 0)
    );
}

#[test]
fn real_reg_export_is_a_user_hive() {
    // samples/proxy/proxy.reg: HKCU, ProxyEnable=1, host:port, comma+space separated ProxyOverride with <local>
    let f = load(ProxyKind::Registry, &shared("proxy/proxy.reg")).unwrap();
    let s = f.setting.unwrap();
    assert_eq!(
        (s.host.as_str(), s.port),
        ("www-proxy.cs.kadaster.nl", 8082)
    );
    assert!(
        s.bypass.contains(&"<local>".to_string())
            && s.bypass.contains(&"kadaster.local".to_string())
    );
    assert!(
        f.notes
            .iter()
            .any(|n| n.message.contains("HKEY_CURRENT_USER"))
    );
}

#[test]
fn debian_squid_conf_refuses_the_vnet_and_connect_to_8443() {
    let path = format!(
        "{}/examples/squid-debian-defaults/squid.conf",
        env!("CARGO_MANIFEST_DIR")
    );
    let c = load_squid(&path).unwrap();
    assert_eq!(c.http_ports.iter().map(|p| p.0).collect::<Vec<_>>(), [3128]);
    // `include /etc/squid/conf.d/*.conf` is followed to conf.d/debian.conf beside it (only logfile_rotate there)
    assert!(c.includes.is_empty());
    assert_eq!(c.included.len(), 1);
    assert!(c.included[0].ends_with("conf.d/debian.conf"));
    // parsed alone, the include is recorded as not followed
    let alone = azegress::ingest::proxy::parse_squid(
        &std::fs::read_to_string(&path).unwrap(),
        "squid.conf",
    )
    .unwrap();
    assert_eq!(
        alone.includes,
        [("/etc/squid/conf.d/*.conf".to_string(), 1546)]
    );
    let host = Host::AnyAccount("blob.core.windows.net".into());
    let dest = AddrSet::from_ip("20.33.154.10".parse().unwrap());
    let req = |client: &str, port: u16| ProxyRequest {
        client: Source::Ip(client.parse().unwrap()),
        vnet: AddrSet::from_net("10.0.0.0/16".parse().unwrap()),
        method: "CONNECT",
        host: &host,
        port,
        listen_port: 3128,
        os: Os::Linux,
    };
    let p = squid::eval(&c, &req("10.0.0.4", 443), &dest);
    assert_eq!(
        (p[0].rule.as_str(), p[0].access),
        ("http_access deny all", DecisionAccess::Deny)
    );
    let p = squid::eval(&c, &req("10.0.0.4", 8443), &dest);
    assert_eq!(p[0].rule, "http_access deny CONNECT !SSL_ports");
}

fn yaml_table(text: &str) -> RouteTable {
    parse_route_tables(text, "rt.yaml", None).unwrap().remove(0)
}

#[test]
fn tag_routes_tie_break_regional_over_global_over_azurecloud() {
    // reference §4.3 rule 4, on the real (bundled) Public tags: Storage.KoreaCentral's prefixes also appear in Storage
    let tags = ServiceTags::bundled();
    let e = env(&tags, &["10.0.0.0/16"], vec![]);
    let dest = storage_kc(&tags);
    for text in [
        "name: rt\nroutes:\n  - {name: global, prefix: Storage, next_hop: None}\n  - {name: regional, prefix: Storage.KoreaCentral, next_hop: Internet}\n",
        "name: rt\nroutes:\n  - {name: regional, prefix: Storage.KoreaCentral, next_hop: Internet}\n  - {name: global, prefix: Storage, next_hop: None}\n",
    ] {
        let t = yaml_table(text);
        let r = Router::new(Some(&t), &[], &e, "koreacentral").unwrap();
        let parts = r.route(&dest);
        let names: Vec<&str> = parts
            .iter()
            .map(|(_, i)| r.routes[i.index().unwrap()].name.as_str())
            .collect();
        assert_eq!(names, ["regional"], "{text}");
    }
    // on prefixes listed identically in both, Storage (a global tag) beats AzureCloud.koreacentral
    let nets = |name: &str| tags.prefixes(tags.get(name).unwrap()).unwrap().nets.clone();
    let cloud = nets("AzureCloud.koreacentral");
    let shared: Vec<IpNet> = nets("Storage")
        .into_iter()
        .filter(|n| cloud.contains(n))
        .collect();
    assert!(
        !shared.is_empty(),
        "the real file lists some prefixes in both tags"
    );
    let t = yaml_table(
        "name: rt\nroutes:\n  - {name: cloud-region, prefix: AzureCloud.koreacentral, next_hop: None}\n  - {name: storage, prefix: Storage, next_hop: Internet}\n",
    );
    let r = Router::new(Some(&t), &[], &e, "koreacentral").unwrap();
    for n in &shared {
        let parts = r.route(&AddrSet::from_net(*n));
        let names: Vec<&str> = parts
            .iter()
            .map(|(_, i)| r.routes[i.index().unwrap()].name.as_str())
            .collect();
        assert_eq!(names, ["storage"], "{n}");
    }
}

#[test]
fn wireserver_is_not_routed_and_bgp_cannot_beat_the_vnet() {
    // reference §4.4: 168.63.129.16 is not subject to routes; §4.3 rule 3
    let tags = ServiceTags::bundled();
    let e = env(&tags, &["10.0.0.0/16"], vec![]);
    let t =
        yaml_table("name: rt\nroutes:\n  - {name: blackhole, prefix: 0.0.0.0/0, next_hop: None}\n");
    let r = Router::new(Some(&t), &[], &e, "koreacentral").unwrap();
    let parts = r.route(&AddrSet::from_ip("168.63.129.16".parse().unwrap()));
    assert_eq!(parts.len(), 1);
    assert_eq!(
        parts[0].1,
        azegress::engine::routes::Hit::Platform,
        "platform address: no route"
    );
    let eff = r#"{"value": [
      {"source": "Default", "state": "Active", "addressPrefix": ["10.0.0.0/16"], "nextHopType": "VnetLocal", "nextHopIpAddress": []},
      {"source": "VirtualNetworkGateway", "state": "Active", "addressPrefix": ["10.0.5.0/24"], "nextHopType": "VirtualNetworkGateway", "nextHopIpAddress": ["10.0.255.4"]}
    ]}"#;
    let t = parse_route_tables(eff, "eff.json", None).unwrap().remove(0);
    let r = Router::new(Some(&t), &[], &e, "koreacentral").unwrap();
    let parts = r.route(&AddrSet::from_ip("10.0.5.9".parse().unwrap()));
    assert_eq!(
        r.routes[parts[0].1.index().unwrap()].next_hop,
        NextHop::VnetLocal
    );
}

#[test]
fn squid_include_is_spliced_in_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("conf.d")).unwrap();
    std::fs::write(
        dir.path().join("squid.conf"),
        "acl SSL_ports port 443\nhttp_access deny CONNECT !SSL_ports\ninclude /etc/squid/conf.d/*.conf\nhttp_access deny all\nhttp_port 3128\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("conf.d/10-vnet.conf"),
        "acl localnet src 10.0.0.0/16\nhttp_access allow localnet\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("conf.d/README"),
        "not a .conf: not included\nhttp_access deny all\n",
    )
    .unwrap();
    let path = dir.path().join("squid.conf").to_string_lossy().into_owned();
    let c = load_squid(&path).unwrap();
    let order: Vec<&str> = c.access.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        order,
        [
            "http_access deny CONNECT !SSL_ports",
            "http_access allow localnet",
            "http_access deny all"
        ]
    );
    let host = Host::AnyAccount("blob.core.windows.net".into());
    let req = ProxyRequest {
        client: Source::Ip("10.0.0.4".parse().unwrap()),
        vnet: AddrSet::from_net("10.0.0.0/16".parse().unwrap()),
        method: "CONNECT",
        host: &host,
        port: 443,
        listen_port: 3128,
        os: Os::Linux,
    };
    let p = squid::eval(&c, &req, &AddrSet::from_ip("20.33.154.10".parse().unwrap()));
    assert_eq!(p[0].access, DecisionAccess::Allow);
    assert!(
        p[0].file.ends_with("conf.d/10-vnet.conf") && p[0].line == 2,
        "{p:?}"
    );
}

fn plan(f: &str) -> String {
    shared(&format!("terraform-plan/{f}"))
}

#[test]
fn terraform_plans_give_nsgs_inline_and_standalone() {
    use azegress::ingest::load_nsgs;
    // checkov fixture: two NSGs, one with a standalone inbound rule
    let n = load_nsgs(&plan("tfplan_extra_ref.json")).unwrap();
    let names: Vec<&str> = n.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["fail", "pass"]);
    assert!(n[1].rules.iter().any(|r| r.name == "pass"
        && r.direction == Direction::Inbound
        && r.destination_ports.contains(3389)));
    // mage-ai: inline security_rule blocks with empty singular fields beside the plural ones (trap 7)
    let n = load_nsgs(&format!(
        "{}#mage-data-prep-production-nsg-aci",
        plan("ZodiacAE-mage-ai-terraform-templates-master_azure-plan.json")
    ))
    .unwrap();
    let r = n[0]
        .rules
        .iter()
        .find(|r| r.name == "from-gateway-subnet")
        .unwrap();
    assert!(r.destination_ports.contains(6789) && !r.destination_ports.contains(8443));
    // aks demo: a standalone outbound rule to 10.0.3.0/24 on nsg-backend
    let n = load_nsgs(&format!(
        "{}#nsg-backend",
        plan("ZodiacAE-terraform-aks-demo-main-plan.json")
    ))
    .unwrap();
    let r = n[0]
        .rules
        .iter()
        .find(|r| r.name == "allow-aks-to-appgw")
        .unwrap();
    assert_eq!(r.direction, Direction::Outbound);
    // hub/spoke plan: the Bastion NSG's outbound rules (AzureCloud 443, Internet 80) from module resources
    let n = load_nsgs(&format!(
        "{}#nsg-bastion",
        plan("ZodiacAE-terraform-azure-main_appgw-with-privateendpoint-plan.json")
    ))
    .unwrap();
    assert!(
        n[0].rules
            .iter()
            .any(|r| r.name == "AllowAzureCloudOutbound" && r.destination_ports.contains(443))
    );
}

#[test]
fn terraform_plan_route_tables_and_firewall_policy_by_module() {
    let p = plan("ZodiacAE-terraform-azure-main_appgw-with-privateendpoint-plan.json");
    let t = load_route_tables(&p).unwrap();
    assert_eq!(t.len(), 4);
    let vm = load_route_tables(&format!("{p}#rt-fe-vm"))
        .unwrap()
        .remove(0);
    assert_eq!(vm.routes[0].next_hop, NextHop::VirtualAppliance);
    assert_eq!(vm.routes[0].next_hop_ip, None, "known only after apply");
    assert!(
        vm.warnings
            .iter()
            .any(|w| w.message.contains("known after apply")),
        "{:?}",
        vm.warnings
    );
    // two firewalls in two modules; the policy id is computed, so each is linked to the policy in its module
    let err = load_firewall(std::slice::from_ref(&p))
        .unwrap_err()
        .to_string();
    assert!(err.contains("holds 2 firewalls"), "{err}");
    let fw = load_firewall(&[format!("{p}#afw-example")]).unwrap();
    assert_eq!(fw.policy.as_deref(), Some("afwp-example"));
    let net: Vec<&FwRule> = fw
        .collections
        .iter()
        .filter(|c| c.kind == CollectionKind::Network)
        .flat_map(|c| &c.rules)
        .collect();
    assert_eq!(net.len(), 1, "only the azfw module's rule collection group");
    assert_eq!(net[0].sources, ["*"]);
    assert!(
        fw.warnings
            .iter()
            .any(|w| w.message.contains("private IP not known offline"))
    );
}
