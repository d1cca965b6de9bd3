//! The vault's private endpoints and private DNS (`check --workload W` with `--private-link` or `--resources`):
//! the REST API shapes read (tests/data/private-link, copies of the azure-rest-api-specs examples), and a
//! SQL Server VM whose NSG denies the public path to Azure Backup, with its vault endpoint in every state
//! azure-semantics.md §11.6–§11.9 tells apart.

use assert_cmd::Command;
use azegress::app::CheckOptions;
use azegress::app::workload::{WorkloadOptions, run_workload_check};
use azegress::ingest::private_link::PrivateLinkGraph;
use azegress::ingest::topology::Resources;
use azegress::model::Overall;
use azegress::workload::{WorkloadKind, WorkloadReport};
use std::net::IpAddr;

const DIR: &str = "examples/workloads/sql-vault-private-endpoint";

fn root(p: &str) -> String {
    format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("azegress-pl-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The response body of a REST example, written alone to a file.
fn body_of(example: &str, dir: &std::path::Path) -> String {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root(example)).unwrap()).unwrap();
    let body = &v["responses"]["200"]["body"];
    assert!(body.is_object(), "{example}");
    let p = dir.join(example.rsplit('/').next().unwrap());
    std::fs::write(&p, serde_json::to_string_pretty(body).unwrap()).unwrap();
    p.display().to_string()
}

#[test]
fn rest_example_shapes_are_read() {
    // azure-semantics.md §11.6: privateLinkServiceConnections, customDnsConfigs, ipConfigurations; A record
    // sets and virtual network links named by their id (the REST name is the child's alone)
    let d = tmp("rest");
    let files = vec![
        body_of("tests/data/private-link/PrivateEndpointGet.json", &d),
        body_of("tests/data/private-link/RecordSetAPut.json", &d),
        body_of("tests/data/private-link/VirtualNetworkLinkPut.json", &d),
    ];
    let g = PrivateLinkGraph::read(&Resources::load(&files).unwrap()).unwrap();
    assert_eq!(g.endpoints.len(), 1);
    let e = &g.endpoints[0];
    assert_eq!(e.name, "testPe");
    assert_eq!(e.vnet.as_deref(), Some("myvnet"));
    assert_eq!(e.subnet.as_deref(), Some("mysubnet"));
    assert_eq!(e.connections.len(), 1);
    assert_eq!(e.connections[0].status, "Approved");
    assert_eq!(e.connections[0].groups, ["groupIdFromResource"]);
    assert!(!e.connections[0].manual);
    let ip = |s: &str| s.parse::<IpAddr>().unwrap();
    // the ipConfigurations name their group; customDnsConfigs add the others
    assert_eq!(
        e.addresses_for("file")[..2],
        [ip("192.168.0.6"), ip("192.168.0.7")]
    );
    assert!(
        e.addresses
            .iter()
            .any(|a| a.ip == ip("192.168.0.4") && a.fqdn.as_deref() == Some("abc.cosmos.com"))
    );
    let z = &g.zones["privatezone1.com"];
    assert_eq!(z.records.len(), 1);
    assert_eq!(z.records[0].name, "recorda");
    assert_eq!(z.records[0].ips, [ip("1.2.3.4")]);
    assert_eq!(z.links.len(), 1);
    assert_eq!(z.links[0].vnet, "virtualnetworkname");
    // resolutionPolicy exists from API 2024-06-01; absent means Default
    assert_eq!(z.links[0].resolution_policy, "Default");
}

fn sql(private_link: &[&str]) -> WorkloadReport {
    let o = CheckOptions {
        resources: vec![root(&format!("{DIR}/resources.json"))],
        vm: Some("vm-sql-01".into()),
        ..Default::default()
    };
    let w = WorkloadOptions {
        private_link: private_link
            .iter()
            .map(|f| root(&format!("{DIR}/{f}")))
            .collect(),
        ..Default::default()
    };
    run_workload_check(WorkloadKind::Sql, &o, &w).unwrap()
}

fn backup(r: &WorkloadReport) -> &azegress::workload::DestinationResult {
    r.destinations.iter().find(|d| d.id == "backup").unwrap()
}

fn says(r: &WorkloadReport, what: &str) -> bool {
    r.diagnostics
        .iter()
        .any(|d| d.code == "AZE0904" && d.message.contains(what))
}

#[test]
fn approved_endpoint_with_its_zone_linked_and_the_record_is_private_traffic() {
    // §11.8 table row 3: PE IP → §11.7: the PE address matches VirtualNetwork (AllowVnetOutBound), not the
    // Internet deny that blocks the AzureBackup tag
    let r = sql(&["pe-zone-linked.json"]);
    assert_eq!(backup(&r).verdict, Overall::Reachable);
    assert!(backup(&r).reached_at.contains("private endpoint 10.1.2.5"));
    assert!(
        backup(&r)
            .reached_at
            .contains("privatelink.krc.backup.windowsazure.com"),
        "§11.9: AzureBackup zone with the koreacentral geo code krc"
    );
    let f = &backup(&r).flows[0];
    assert!(f.why.contains("AllowVnetOutBound"), "{}", f.why);
    assert_eq!(r.verdict, Overall::Reachable);
    // Entra ID stays public, said so (workloads-egress.md §2: Entra has no PE for this)
    let entra = r.destinations.iter().find(|d| d.id == "entra").unwrap();
    assert_eq!(entra.reached_at, "public");
    assert!(says(&r, "Microsoft Entra ID: no private endpoint"));
}

#[test]
fn no_zone_linked_is_the_public_name_and_path() {
    // §11.8 row 2: zone not linked → public IP → the NSG's Internet deny
    let r = sql(&["pe-zone-not-linked.json"]);
    assert_eq!(backup(&r).verdict, Overall::Blocked);
    assert_eq!(backup(&r).reached_at, "public");
    assert!(says(&r, "is not linked to VNet `vnet-app`"));
    assert_eq!(r.verdict, Overall::Blocked);
}

#[test]
fn a_linked_zone_without_the_record_does_not_resolve() {
    // §11.8 row 4 and trap 7: NXDOMAIN, blocked, said so
    let r = sql(&["pe-record-missing.json"]);
    let b = backup(&r);
    assert_eq!(b.verdict, Overall::Blocked);
    assert!(
        b.reached_at.starts_with("does not resolve"),
        "{}",
        b.reached_at
    );
    assert!(b.flows[0].why.contains("NXDOMAIN"), "{}", b.flows[0].why);
    assert_eq!(b.flows[0].blocked_by.as_ref().unwrap().hop, "dns");
    // unless the link falls back to the public name (NxDomainRedirect): then the public path decides
    let r = sql(&["pe-record-missing-redirect.json"]);
    assert_eq!(backup(&r).reached_at, "public");
    assert!(says(&r, "NxDomainRedirect"));
    assert_eq!(backup(&r).verdict, Overall::Blocked);
    assert!(backup(&r).flows[0].why.contains("Deny-Internet-Outbound"));
}

#[test]
fn custom_dns_servers_are_inconclusive_naming_the_zone() {
    // §11.8 step 4: custom DNS not modelled → unknown, never reachable
    let r = sql(&["pe-custom-dns.json"]);
    let b = backup(&r);
    assert_eq!(b.verdict, Overall::Unknown);
    assert!(
        b.reached_at
            .contains("privatelink.krc.backup.windowsazure.com")
    );
    assert!(b.flows[0].why.contains("10.1.0.10"), "{}", b.flows[0].why);
    assert_eq!(r.verdict, Overall::Unknown);
}

#[test]
fn a_pending_endpoint_carries_no_traffic() {
    // §11.6 and trap 11: Pending/Rejected keep an IP but carry no traffic
    let r = sql(&["pe-pending.json"]);
    assert_eq!(backup(&r).reached_at, "public");
    assert_eq!(backup(&r).verdict, Overall::Blocked);
    assert!(says(&r, "is Pending, not Approved"));
}

#[test]
fn resources_holding_the_endpoint_are_read_without_the_flag() {
    // an export of the subscription holds the endpoint and zones beside the VM
    let d = tmp("merged");
    let mut all: Vec<serde_json::Value> = Vec::new();
    for f in ["resources.json", "pe-zone-linked.json"] {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root(&format!("{DIR}/{f}"))).unwrap())
                .unwrap();
        all.extend(v["value"].as_array().unwrap().iter().cloned());
    }
    let p = d.join("export.json");
    std::fs::write(&p, serde_json::json!({ "value": all }).to_string()).unwrap();
    let o = CheckOptions {
        resources: vec![p.display().to_string()],
        vm: Some("vm-sql-01".into()),
        ..Default::default()
    };
    let r = run_workload_check(WorkloadKind::Sql, &o, &WorkloadOptions::default()).unwrap();
    assert_eq!(backup(&r).verdict, Overall::Reachable);
    assert!(backup(&r).reached_at.contains("10.1.2.5"));
}

#[test]
fn an_endpoint_in_a_vnet_not_peered_is_not_known_and_a_peered_one_is_private() {
    // §11.8 step 3 and §11.6: the endpoint must be reachable: the VM's VNet or a peered one
    let d = tmp("hub");
    let src = std::fs::read_to_string(root(&format!("{DIR}/pe-zone-linked.json"))).unwrap();
    let moved = src.replace(
        "virtualNetworks/vnet-app/subnets/snet-pe",
        "virtualNetworks/vnet-hub/subnets/snet-pe",
    );
    let p = d.join("pe-hub.json");
    std::fs::write(&p, &moved).unwrap();
    let o = CheckOptions {
        resources: vec![root(&format!("{DIR}/resources.json"))],
        vm: Some("vm-sql-01".into()),
        ..Default::default()
    };
    let w = WorkloadOptions {
        private_link: vec![p.display().to_string()],
        ..Default::default()
    };
    let r = run_workload_check(WorkloadKind::Sql, &o, &w).unwrap();
    assert_eq!(backup(&r).verdict, Overall::Unknown);
    assert!(backup(&r).flows[0].why.contains("vnet-hub"));
    // peered: a VNet export with its peering to vnet-hub
    let peering = serde_json::json!({"value": [{
        "name": "vnet-app/to-hub",
        "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        "properties": {
            "remoteVirtualNetwork": {"id": "/subscriptions/0/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub"},
            "peeringState": "Connected"
        }
    }]});
    let q = d.join("peering.json");
    std::fs::write(&q, peering.to_string()).unwrap();
    let w = WorkloadOptions {
        private_link: vec![p.display().to_string(), q.display().to_string()],
        ..Default::default()
    };
    let r = run_workload_check(WorkloadKind::Sql, &o, &w).unwrap();
    assert_eq!(backup(&r).verdict, Overall::Reachable);
    assert!(says(&r, "peered VNet `vnet-hub`"));
}

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    c
}

#[test]
fn cli_exit_codes_per_state() {
    for (file, code) in [
        ("pe-zone-linked.json", 0),
        ("pe-zone-not-linked.json", 1),
        ("pe-record-missing.json", 1),
        ("pe-custom-dns.json", 3),
        ("pe-pending.json", 1),
    ] {
        let out = azegress()
            .args([
                "check",
                "--resources",
                &format!("{DIR}/resources.json"),
                "--vm",
                "vm-sql-01",
                "--workload",
                "sql",
                "--private-link",
                &format!("{DIR}/{file}"),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{file}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["destinations"][0]["id"], "backup");
    }
    // VM backup does not use the vault's endpoints (§11.7): said so, verdict unchanged
    let out = azegress()
        .args([
            "check",
            "--resources",
            &format!("{DIR}/resources.json"),
            "--vm",
            "vm-sql-01",
            "--workload",
            "vm",
            "--private-link",
            &format!("{DIR}/pe-zone-linked.json"),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("is not used by VM backup"), "{text}");
    let plain = azegress()
        .args([
            "check",
            "--resources",
            &format!("{DIR}/resources.json"),
            "--vm",
            "vm-sql-01",
            "--workload",
            "vm",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), plain.status.code());
    // a bad address in an endpoint: one line, exit 2
    let d = tmp("bad");
    let src = std::fs::read_to_string(root(&format!("{DIR}/pe-zone-linked.json"))).unwrap();
    let p = d.join("bad.json");
    std::fs::write(&p, src.replacen("\"10.1.2.5\"", "\"10.1.2.500\"", 1)).unwrap();
    let out = azegress()
        .args([
            "check",
            "--resources",
            &format!("{DIR}/resources.json"),
            "--vm",
            "vm-sql-01",
            "--workload",
            "sql",
            "--private-link",
            &p.display().to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("10.1.2.500") && err.lines().count() == 1,
        "{err}"
    );
}
