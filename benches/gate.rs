//! `azegress gate` over a whole tenant: generated Resource Graph exports of 1,000 / 10,000 / 100,000 VMs
//! (each with its NIC; 100 VNets of 10 subnets; 50 NSGs of 200 rules shared by NICs and subnets; route
//! tables on a tenth of the subnets), checked against the full bundled Public tag file with the built-in
//! backup pack and every lint. Written to `target/bench-data/gate-N.json` so the same files can be timed as
//! whole processes and against Python's `json.load`.

use azegress::app::gate::{GateOptions, run_gate};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::path::PathBuf;

const NSGS: usize = 50;
const RULES: usize = 200;
const VNETS: usize = 100;
const SUBNETS: usize = 10;

fn nsg(i: usize) -> String {
    let tags = [
        "Storage.WestEurope",
        "AzureCloud",
        "Internet",
        "AzureMonitor",
        "Sql.WestEurope",
        "EventHub",
    ];
    let mut rules = String::new();
    for r in 0..RULES {
        let dst = if r % 4 == 0 {
            tags[(r + i) % tags.len()].to_string()
        } else {
            format!("{}.{}.{}.0/24", 20 + r % 50, (r * 7 + i) % 250, r % 200)
        };
        let port = if r % 9 == 0 {
            "8443".to_string()
        } else {
            format!("{}", 1000 + r)
        };
        let _ = write!(
            rules,
            r#"{}{{"name":"r{r}","properties":{{"priority":{},"direction":"{}","access":"{}","protocol":"Tcp","sourceAddressPrefix":"{}","sourcePortRange":"*","destinationAddressPrefix":"{dst}","destinationPortRange":"{port}"}}}}"#,
            if r == 0 { "" } else { "," },
            200 + r * 10,
            if r % 3 == 0 { "Inbound" } else { "Outbound" },
            if (r + i).is_multiple_of(11) {
                "Deny"
            } else {
                "Allow"
            },
            if r % 2 == 0 { "VirtualNetwork" } else { "*" },
        );
    }
    format!(
        r#"{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-{i}","name":"nsg-{i}","type":"microsoft.network/networksecuritygroups","location":"westeurope","properties":{{"securityRules":[{rules}]}}}}"#
    )
}

/// Writes (once) an export of `n` VMs and returns its path.
pub fn export(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("gate-{n}.json"));
    if path.exists() {
        return path;
    }
    let mut rows: Vec<String> = (0..NSGS).map(nsg).collect();
    for v in 0..VNETS {
        let mut subnets = String::new();
        for s in 0..SUBNETS {
            let rt = if s == 0 {
                format!(
                    r#","routeTable":{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt-{v}"}}"#
                )
            } else {
                String::new()
            };
            let _ = write!(
                subnets,
                r#"{}{{"name":"snet-{s}","properties":{{"addressPrefix":"10.{v}.{s}.0/24","networkSecurityGroup":{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-{}"}}{rt}}}}}"#,
                if s == 0 { "" } else { "," },
                (v + s) % NSGS
            );
        }
        rows.push(format!(
            r#"{{"name":"vnet-{v}","type":"microsoft.network/virtualnetworks","location":"westeurope","properties":{{"addressSpace":{{"addressPrefixes":["10.{v}.0.0/16"]}},"subnets":[{subnets}]}}}}"#
        ));
        rows.push(format!(
            r#"{{"name":"rt-{v}","type":"microsoft.network/routetables","location":"westeurope","properties":{{"routes":[{{"name":"default","properties":{{"addressPrefix":"0.0.0.0/0","nextHopType":"Internet"}}}}]}}}}"#
        ));
    }
    for k in 0..n {
        let (v, s) = (k % VNETS, (k / VNETS) % SUBNETS);
        rows.push(format!(
            r#"{{"name":"vm-{k}","type":"microsoft.compute/virtualmachines","location":"westeurope","properties":{{"networkProfile":{{"networkInterfaces":[{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic-{k}"}}]}}}}}}"#
        ));
        rows.push(format!(
            r#"{{"name":"nic-{k}","type":"microsoft.network/networkinterfaces","location":"westeurope","properties":{{"networkSecurityGroup":{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-{}"}},"ipConfigurations":[{{"name":"ipconfig1","properties":{{"primary":true,"privateIPAddress":"10.{v}.{s}.{}","subnet":{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-{v}/subnets/snet-{s}"}}}}}}]}}}}"#,
            k % NSGS,
            4 + (k / (VNETS * SUBNETS)) % 250
        ));
    }
    let text = format!(
        r#"{{"count":{},"data":[{}]}}"#,
        rows.len(),
        rows.join(",\n")
    );
    std::fs::write(&path, text).unwrap();
    path
}

fn gate(c: &mut Criterion) {
    let mut g = c.benchmark_group("gate");
    g.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let p = export(n);
        let o = GateOptions {
            inputs: vec![p.display().to_string()],
            ..Default::default()
        };
        g.bench_with_input(BenchmarkId::from_parameter(n), &o, |b, o| {
            b.iter(|| {
                let r = run_gate(o, &|| {}).unwrap();
                assert_eq!(r.vms, n);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, gate);
criterion_main!(benches);
