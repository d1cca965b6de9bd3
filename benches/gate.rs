//! `azegress gate` over a whole tenant: generated Resource Graph exports of 1,000 / 10,000 / 100,000 VMs
//! (each with its NIC; 100 VNets of 10 subnets; 50 NSGs of 200 rules shared by NICs and subnets; route
//! tables on a tenth of the subnets), checked against the full bundled Public tag file with the built-in
//! backup pack and every lint; the same exports written on one line and pretty-printed; and an export of
//! 100,000 VMs where every VM has an NSG of its own (about 370 MB). Written to `target/bench-data/` so the
//! same files can be timed as whole processes, side by side with Python's `json.load`
//! (`benches/side_by_side.sh`).

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

/// The export of `n` VMs written on one line (`oneline`) or pretty-printed with two-space indentation
/// (`pretty`), as REST responses and `az` write them.
pub fn export_as(n: usize, layout: &str) -> PathBuf {
    let src = export(n);
    let path = src.with_file_name(format!("gate-{n}-{layout}.json"));
    if !path.exists() {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&src).unwrap()).unwrap();
        let text = if layout == "pretty" {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            serde_json::to_string(&v).unwrap()
        };
        std::fs::write(&path, text).unwrap();
    }
    path
}

/// An export of `n` VMs on one line where every VM has an NSG of its own on its NIC (`OWN_RULES` rules:
/// backup, monitoring and admin rules, some naming the VM's own address), in 100 VNets of 10 subnets.
pub fn export_own_nsgs(n: usize) -> PathBuf {
    const OWN_RULES: usize = 10;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("gate-{n}-own-nsg.json"));
    if path.exists() {
        return path;
    }
    let mut out = String::with_capacity(n * 3900);
    out.push_str(r#"{"count":0,"data":["#);
    for v in 0..VNETS {
        let mut subnets = String::new();
        for s in 0..SUBNETS {
            let _ = write!(
                subnets,
                r#"{}{{"name":"snet-{s}","properties":{{"addressPrefix":"10.{v}.{s}.0/24"}}}}"#,
                if s == 0 { "" } else { "," },
            );
        }
        let _ = write!(
            out,
            r#"{}{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-{v}","name":"vnet-{v}","type":"microsoft.network/virtualnetworks","location":"westeurope","properties":{{"addressSpace":{{"addressPrefixes":["10.{v}.0.0/16"]}},"subnets":[{subnets}]}}}}"#,
            if v == 0 { "" } else { "," },
        );
    }
    for k in 0..n {
        let (v, s, host) = (
            k % VNETS,
            (k / VNETS) % SUBNETS,
            4 + (k / (VNETS * SUBNETS)) % 250,
        );
        let ip = format!("10.{v}.{s}.{host}");
        let mut rules = String::new();
        for r in 0..OWN_RULES {
            let (dir_, access, src, dst, port) = match r {
                0 => (
                    "Outbound",
                    "Allow",
                    "VirtualNetwork",
                    "Storage.WestEurope".to_string(),
                    "443",
                ),
                1 if k % 3 == 0 => (
                    "Outbound",
                    "Allow",
                    "VirtualNetwork",
                    "Storage".to_string(),
                    "8443",
                ),
                1 => ("Outbound", "Deny", "*", "Internet".to_string(), "8443"),
                2 => ("Outbound", "Allow", "*", "AzureMonitor".to_string(), "443"),
                3 => ("Inbound", "Allow", "10.200.0.0/24", ip.clone(), "22"),
                4 => (
                    "Inbound",
                    "Allow",
                    "AzureLoadBalancer",
                    "*".to_string(),
                    "*",
                ),
                5 => (
                    "Outbound",
                    "Allow",
                    "*",
                    format!("20.{}.{}.0/24", k % 200, r),
                    "1433",
                ),
                6 => ("Outbound", "Deny", "*", "Internet".to_string(), "25"),
                7 => ("Inbound", "Deny", "Internet", "*".to_string(), "3389"),
                8 => (
                    "Outbound",
                    "Allow",
                    "*",
                    "AzureActiveDirectory".to_string(),
                    "443",
                ),
                _ => ("Outbound", "Allow", "*", "AzureCloud".to_string(), "80"),
            };
            let _ = write!(
                rules,
                r#"{}{{"name":"rule-{r}","properties":{{"provisioningState":"Succeeded","priority":{},"direction":"{dir_}","access":"{access}","protocol":"Tcp","sourceAddressPrefix":"{src}","sourcePortRange":"*","destinationAddressPrefix":"{dst}","destinationPortRange":"{port}"}}}}"#,
                if r == 0 { "" } else { "," },
                100 + r * 10,
            );
        }
        let _ = write!(
            out,
            r#",{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-vm-{k}","name":"nsg-vm-{k}","type":"microsoft.network/networksecuritygroups","location":"westeurope","properties":{{"securityRules":[{rules}]}}}}"#
        );
        let _ = write!(
            out,
            r#",{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-{k}","name":"vm-{k}","type":"microsoft.compute/virtualmachines","location":"westeurope","properties":{{"storageProfile":{{"osDisk":{{"osType":"Linux","managedDisk":{{"storageAccountType":"Premium_LRS"}}}}}},"networkProfile":{{"networkInterfaces":[{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic-{k}"}}]}}}}}}"#
        );
        let _ = write!(
            out,
            r#",{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic-{k}","name":"nic-{k}","type":"microsoft.network/networkinterfaces","location":"westeurope","properties":{{"networkSecurityGroup":{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-vm-{k}"}},"virtualMachine":{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-{k}"}},"ipConfigurations":[{{"name":"ipconfig1","properties":{{"primary":true,"privateIPAddress":"{ip}","subnet":{{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-{v}/subnets/snet-{s}"}}}}}}]}}}}"#
        );
    }
    out.push_str("]}");
    std::fs::write(&path, out).unwrap();
    path
}

fn run(
    c: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    id: &str,
    p: PathBuf,
    vms: usize,
) {
    let o = GateOptions {
        inputs: vec![p.display().to_string()],
        ..Default::default()
    };
    c.bench_with_input(BenchmarkId::from_parameter(id), &o, |b, o| {
        b.iter(|| {
            let r = run_gate(o, &|| {}).unwrap();
            assert_eq!(r.vms, vms);
        })
    });
}

fn gate(c: &mut Criterion) {
    let mut g = c.benchmark_group("gate");
    g.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        run(&mut g, &n.to_string(), export(n), n);
    }
    // one line (REST, `terraform show -json`, most generators) against pretty-printed (`az`)
    for n in [10_000usize, 100_000] {
        for layout in ["oneline", "pretty"] {
            run(&mut g, &format!("{n}-{layout}"), export_as(n, layout), n);
        }
    }
    // every VM behind an NSG of its own: 100,000 distinct paths (set AZEGRESS_BENCH_OWN_NSG=0 to skip)
    if std::env::var("AZEGRESS_BENCH_OWN_NSG").as_deref() != Ok("0") {
        g.measurement_time(std::time::Duration::from_secs(60));
        run(&mut g, "100000-own-nsg", export_own_nsgs(100_000), 100_000);
    }
    g.finish();
}

criterion_group!(benches, gate);
criterion_main!(benches);
