//! `azegress gate` over a whole tenant, checked against the full bundled Public tag file with the built-in
//! backup pack and every lint:
//! - Resource Graph's own row shape (every column of `Resources`, the REST properties, subnets listing their
//!   NICs' ip configurations, NSGs listing their default rules and NICs): 10,000 VMs in 200 subnets with
//!   200-rule NSGs, one line and pretty-printed; and 100,000 VMs on one line (about 540 MB);
//! - lean exports holding only the fields `gate` reads, so that the model, not the text, is most of the
//!   memory: 1,000 / 10,000 / 100,000 VMs (each with its NIC; 100 VNets of 10 subnets; 50 NSGs of 200 rules
//!   shared by NICs and subnets; route tables on a tenth of the subnets), one line and pretty-printed;
//! - 100,000 VMs where every VM has an NSG of its own (about 390 MB).
//!
//! Written to `target/bench-data/` so the same files can be timed as whole processes, side by side with
//! Python's `json.load` (`benches/side_by_side.sh`). `AZEGRESS_BENCH_LARGE=0` skips the two largest.

use azegress::app::gate::{GateOptions, run_gate};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::path::PathBuf;

const NSGS: usize = 50;
const RULES: usize = 200;
const VNETS: usize = 100;
const SUBNETS: usize = 10;

/// Rule `r` of generated NSG `i`: a mix of service tags and prefixes, ports and directions, a Deny in eleven.
struct GenRule {
    source: &'static str,
    destination: String,
    port: String,
    access: &'static str,
    priority: usize,
    direction: &'static str,
}

fn gen_rule(i: usize, r: usize) -> GenRule {
    let tags = [
        "Storage.WestEurope",
        "AzureCloud",
        "Internet",
        "AzureMonitor",
        "Sql.WestEurope",
        "EventHub",
    ];
    GenRule {
        source: if r.is_multiple_of(2) {
            "VirtualNetwork"
        } else {
            "*"
        },
        destination: if r.is_multiple_of(4) {
            tags[(r + i) % tags.len()].to_string()
        } else {
            format!("{}.{}.{}.0/24", 20 + r % 50, (r * 7 + i) % 250, r % 200)
        },
        port: if r.is_multiple_of(9) {
            "8443".to_string()
        } else {
            format!("{}", 1000 + r)
        },
        access: if (r + i).is_multiple_of(11) {
            "Deny"
        } else {
            "Allow"
        },
        priority: 200 + r * 10,
        direction: if r.is_multiple_of(3) {
            "Inbound"
        } else {
            "Outbound"
        },
    }
}

fn nsg(i: usize) -> String {
    let mut rules = String::new();
    for r in 0..RULES {
        let g = gen_rule(i, r);
        let _ = write!(
            rules,
            r#"{}{{"name":"r{r}","properties":{{"priority":{},"direction":"{}","access":"{}","protocol":"Tcp","sourceAddressPrefix":"{}","sourcePortRange":"*","destinationAddressPrefix":"{}","destinationPortRange":"{}"}}}}"#,
            if r == 0 { "" } else { "," },
            g.priority,
            g.direction,
            g.access,
            g.source,
            g.destination,
            g.port,
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

/// A deterministic id-like hex string (`n` hex digits) for generated GUIDs, etags and disk names.
fn hex(seed: usize, n: usize) -> String {
    let mut x = (seed as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut out = String::with_capacity(n);
    while out.len() < n {
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        let _ = write!(out, "{x:016x}");
    }
    out.truncate(n);
    out
}

fn guid(seed: usize) -> String {
    let h = hex(seed, 32);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// The columns Resource Graph's `Resources` table gives every row, around `properties`.
fn rg_row(id: &str, name: &str, ty: &str, extra: &str, properties: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{name}","type":"{ty}","tenantId":"{tenant}","kind":"","location":"westeurope","resourceGroup":"rg-workload","subscriptionId":"{SUB}","managedBy":"","sku":null,"plan":null,"properties":{properties},"tags":{{"env":"prod","costCenter":"cc-1042","owner":"platform-team"}},"identity":null,"zones":null,"extendedLocation":null{extra}}}"#,
        tenant = guid(0),
    )
}

const SUB: &str = "5f3c1c8e-2a47-4d0b-9a57-3f1d2b6c8e90";
const RG_VNETS: usize = 20;
const RG_SUBNETS: usize = 10;
const RG_NSGS: usize = 20;

fn rid(provider: &str, kind: &str, name: &str) -> String {
    format!("/subscriptions/{SUB}/resourceGroups/rg-workload/providers/{provider}/{kind}/{name}")
}

/// A security rule as Resource Graph returns it: every field of the REST resource.
fn rg_rule(nsg: &str, name: &str, props: &str, seed: usize) -> String {
    format!(
        r#"{{"name":"{name}","id":"{}/{kind}/{name}","etag":"W/\"{}\"","type":"Microsoft.Network/networkSecurityGroups/{kind}","properties":{{"provisioningState":"Succeeded",{props},"sourcePortRanges":[],"destinationPortRanges":[],"sourceAddressPrefixes":[],"destinationAddressPrefixes":[]}}}}"#,
        rid("Microsoft.Network", "networkSecurityGroups", nsg),
        guid(seed),
        kind = if name.starts_with("Allow") || name.starts_with("Deny") {
            "defaultSecurityRules"
        } else {
            "securityRules"
        },
    )
}

/// A Resource Graph export of `n` VMs shaped as the service returns them (every column of the
/// `Resources` table; VM, NIC, VNet, NSG and route-table properties as the REST API gives them, with
/// each subnet's `ipConfigurations`, each NSG's `defaultSecurityRules`, `subnets` and `networkInterfaces`),
/// in 200 subnets (20 VNets of 10) with 200-rule NSGs: the workload issue 19 names. Written once, on one
/// line (`gate-rg-{n}-oneline.json`) and pretty-printed (`gate-rg-{n}-pretty.json`).
pub fn export_rg(n: usize, layout: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("gate-rg-{n}-{layout}.json"));
    if path.exists() {
        return path;
    }
    let subnets = RG_VNETS * RG_SUBNETS;
    let nic_id = |k: usize| {
        rid(
            "Microsoft.Network",
            "networkInterfaces",
            &format!("nic-vm-{k:06}"),
        )
    };
    let place = |k: usize| (k % subnets / RG_SUBNETS, k % RG_SUBNETS, k / subnets);
    let mut rows: Vec<String> = Vec::new();
    // NSGs: the first half on subnets, the second on NICs
    for i in 0..RG_NSGS {
        let name = format!("nsg-{i:02}");
        let mut rules = Vec::new();
        for r in 0..RULES {
            let g = gen_rule(i, r);
            let props = format!(
                r#""protocol":"Tcp","sourcePortRange":"*","destinationPortRange":"{}","sourceAddressPrefix":"{}","destinationAddressPrefix":"{}","access":"{}","priority":{},"direction":"{}""#,
                g.port, g.source, g.destination, g.access, g.priority, g.direction,
            );
            rules.push(rg_rule(
                &name,
                &format!("rule-{r:03}"),
                &props,
                i * 1000 + r,
            ));
        }
        let defaults = [
            ("AllowVnetInBound", "VirtualNetwork", "VirtualNetwork", "Allow", 65000, "Inbound"),
            ("AllowAzureLoadBalancerInBound", "AzureLoadBalancer", "*", "Allow", 65001, "Inbound"),
            ("DenyAllInBound", "*", "*", "Deny", 65500, "Inbound"),
            ("AllowVnetOutBound", "VirtualNetwork", "VirtualNetwork", "Allow", 65000, "Outbound"),
            ("AllowInternetOutBound", "*", "Internet", "Allow", 65001, "Outbound"),
            ("DenyAllOutBound", "*", "*", "Deny", 65500, "Outbound"),
        ]
        .iter()
        .enumerate()
        .map(|(d, (dn, src, dst, acc, prio, dir_))| {
            let props = format!(
                r#""description":"Default rule","protocol":"*","sourcePortRange":"*","destinationPortRange":"*","sourceAddressPrefix":"{src}","destinationAddressPrefix":"{dst}","access":"{acc}","priority":{prio},"direction":"{dir_}""#
            );
            rg_rule(&name, dn, &props, 900_000 + i * 10 + d)
        })
        .collect::<Vec<_>>();
        let attached: Vec<String> = if i < RG_NSGS / 2 {
            (0..subnets)
                .filter(|sn| sn % (RG_NSGS / 2) == i)
                .map(|sn| {
                    format!(
                        r#"{{"id":"{}/subnets/snet-{:02}"}}"#,
                        rid(
                            "Microsoft.Network",
                            "virtualNetworks",
                            &format!("vnet-{:02}", sn / RG_SUBNETS)
                        ),
                        sn % RG_SUBNETS
                    )
                })
                .collect()
        } else {
            (0..n)
                .filter(|k| k % (RG_NSGS / 2) + RG_NSGS / 2 == i)
                .map(|k| format!(r#"{{"id":"{}"}}"#, nic_id(k)))
                .collect()
        };
        let (subs, nics) = if i < RG_NSGS / 2 {
            (attached.join(","), String::new())
        } else {
            (String::new(), attached.join(","))
        };
        let props = format!(
            r#"{{"provisioningState":"Succeeded","resourceGuid":"{}","securityRules":[{}],"defaultSecurityRules":[{}],"subnets":[{subs}],"networkInterfaces":[{nics}]}}"#,
            guid(800_000 + i),
            rules.join(","),
            defaults.join(",")
        );
        rows.push(rg_row(
            &rid("Microsoft.Network", "networkSecurityGroups", &name),
            &name,
            "microsoft.network/networksecuritygroups",
            "",
            &props,
        ));
    }
    // VNets, their subnets listing the NICs' ip configurations, and a route table on one subnet in ten
    for v in 0..RG_VNETS {
        let vname = format!("vnet-{v:02}");
        let vid = rid("Microsoft.Network", "virtualNetworks", &vname);
        let mut subs = Vec::new();
        for s in 0..RG_SUBNETS {
            let sn = v * RG_SUBNETS + s;
            let ipcs: Vec<String> = (0..n)
                .filter(|&k| place(k).0 == v && place(k).1 == s)
                .map(|k| format!(r#"{{"id":"{}/ipConfigurations/ipconfig1"}}"#, nic_id(k)))
                .collect();
            let rt = if s == 0 {
                format!(
                    r#","routeTable":{{"id":"{}"}}"#,
                    rid("Microsoft.Network", "routeTables", &format!("rt-{v:02}"))
                )
            } else {
                String::new()
            };
            subs.push(format!(
                r#"{{"name":"snet-{s:02}","id":"{vid}/subnets/snet-{s:02}","etag":"W/\"{}\"","type":"Microsoft.Network/virtualNetworks/subnets","properties":{{"provisioningState":"Succeeded","addressPrefix":"10.{v}.{s}.0/24","networkSecurityGroup":{{"id":"{}"}}{rt},"ipConfigurations":[{}],"delegations":[],"privateEndpointNetworkPolicies":"Disabled","privateLinkServiceNetworkPolicies":"Enabled"}}}}"#,
                guid(700_000 + sn),
                rid("Microsoft.Network", "networkSecurityGroups", &format!("nsg-{:02}", sn % (RG_NSGS / 2))),
                ipcs.join(",")
            ));
        }
        let props = format!(
            r#"{{"provisioningState":"Succeeded","resourceGuid":"{}","addressSpace":{{"addressPrefixes":["10.{v}.0.0/16"]}},"subnets":[{}],"virtualNetworkPeerings":[],"enableDdosProtection":false}}"#,
            guid(600_000 + v),
            subs.join(",")
        );
        rows.push(rg_row(
            &vid,
            &vname,
            "microsoft.network/virtualnetworks",
            "",
            &props,
        ));
        let rname = format!("rt-{v:02}");
        let props = format!(
            r#"{{"provisioningState":"Succeeded","resourceGuid":"{}","disableBgpRoutePropagation":false,"routes":[{{"name":"default","id":"{}/routes/default","etag":"W/\"{}\"","type":"Microsoft.Network/routeTables/routes","properties":{{"provisioningState":"Succeeded","addressPrefix":"0.0.0.0/0","nextHopType":"Internet","hasBgpOverride":false}}}}],"subnets":[{{"id":"{vid}/subnets/snet-00"}}]}}"#,
            guid(500_000 + v),
            rid("Microsoft.Network", "routeTables", &rname),
            guid(400_000 + v)
        );
        rows.push(rg_row(
            &rid("Microsoft.Network", "routeTables", &rname),
            &rname,
            "microsoft.network/routetables",
            "",
            &props,
        ));
    }
    for k in 0..n {
        let (v, s, host) = place(k);
        let vm = format!("vm-{k:06}");
        let vid = rid("Microsoft.Compute", "virtualMachines", &vm);
        let disk = format!("{vm}_OsDisk_1_{}", hex(k, 32));
        let props = format!(
            r#"{{"vmId":"{}","hardwareProfile":{{"vmSize":"Standard_D2s_v5"}},"storageProfile":{{"imageReference":{{"publisher":"Canonical","offer":"0001-com-ubuntu-server-jammy","sku":"22_04-lts-gen2","version":"latest","exactVersion":"22.04.202410020"}},"osDisk":{{"osType":"Linux","name":"{disk}","createOption":"FromImage","caching":"ReadWrite","managedDisk":{{"storageAccountType":"Premium_LRS","id":"{}"}},"deleteOption":"Delete","diskSizeGB":30}},"dataDisks":[],"diskControllerType":"SCSI"}},"osProfile":{{"computerName":"{vm}","adminUsername":"azureuser","linuxConfiguration":{{"disablePasswordAuthentication":true,"ssh":{{"publicKeys":[{{"path":"/home/azureuser/.ssh/authorized_keys","keyData":"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{}= generated-by-azure"}}]}},"provisionVMAgent":true,"patchSettings":{{"patchMode":"ImageDefault","assessmentMode":"ImageDefault"}}}},"secrets":[],"allowExtensionOperations":true,"requireGuestProvisionSignal":true}},"securityProfile":{{"uefiSettings":{{"secureBootEnabled":true,"vTpmEnabled":true}},"securityType":"TrustedLaunch"}},"networkProfile":{{"networkInterfaces":[{{"id":"{}","properties":{{"deleteOption":"Delete"}}}}]}},"diagnosticsProfile":{{"bootDiagnostics":{{"enabled":true}}}},"provisioningState":"Succeeded","timeCreated":"2025-03-14T09:21:44.1234567+00:00","extended":{{"instanceView":{{"computerName":"{vm}","osName":"ubuntu","osVersion":"22.04","hyperVGeneration":"V2","powerState":{{"code":"PowerState/running","level":"Info","displayStatus":"VM running"}}}}}}}}"#,
            guid(k),
            rid("Microsoft.Compute", "disks", &disk),
            hex(k + 1_000_000, 340),
            nic_id(k)
        );
        rows.push(rg_row(
            &vid,
            &vm,
            "microsoft.compute/virtualmachines",
            "",
            &props,
        ));
        let nic = nic_id(k);
        let props = format!(
            r#"{{"provisioningState":"Succeeded","resourceGuid":"{}","ipConfigurations":[{{"name":"ipconfig1","id":"{nic}/ipConfigurations/ipconfig1","etag":"W/\"{}\"","type":"Microsoft.Network/networkInterfaces/ipConfigurations","properties":{{"provisioningState":"Succeeded","privateIPAddress":"10.{v}.{s}.{}","privateIPAllocationMethod":"Dynamic","subnet":{{"id":"{}/subnets/snet-{s:02}"}},"primary":true,"privateIPAddressVersion":"IPv4"}}}}],"dnsSettings":{{"dnsServers":[],"appliedDnsServers":[],"internalDomainNameSuffix":"{}.ax.internal.cloudapp.net"}},"macAddress":"60-45-BD-{:02X}-{:02X}-{:02X}","vnetEncryptionSupported":false,"enableIPForwarding":false,"disableTcpStateTracking":false,"networkSecurityGroup":{{"id":"{}"}},"primary":true,"virtualMachine":{{"id":"{vid}"}},"hostedWorkloads":[],"tapConfigurations":[],"nicType":"Standard","allowPort25Out":false,"auxiliaryMode":"None","auxiliarySku":"None"}}"#,
            guid(k + 2_000_000),
            guid(k + 3_000_000),
            4 + host % 250,
            rid(
                "Microsoft.Network",
                "virtualNetworks",
                &format!("vnet-{v:02}")
            ),
            hex(7, 26),
            (k >> 16) & 0xff,
            (k >> 8) & 0xff,
            k & 0xff,
            rid(
                "Microsoft.Network",
                "networkSecurityGroups",
                &format!("nsg-{:02}", k % (RG_NSGS / 2) + RG_NSGS / 2)
            ),
        );
        rows.push(rg_row(
            &nic,
            &format!("nic-vm-{k:06}"),
            "microsoft.network/networkinterfaces",
            "",
            &props,
        ));
    }
    let text = format!(
        r#"{{"totalRecords":{},"count":{},"resultTruncated":"false","facets":[],"data":[{}]}}"#,
        rows.len(),
        rows.len(),
        rows.join(",")
    );
    let text = if layout == "pretty" {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        serde_json::to_string_pretty(&v).unwrap()
    } else {
        text
    };
    std::fs::write(&path, text).unwrap();
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
    // Resource Graph's own row shape, in 200 subnets (the workload of issue 19), one line and pretty
    for layout in ["oneline", "pretty"] {
        run(
            &mut g,
            &format!("rg-10000-{layout}"),
            export_rg(10_000, layout),
            10_000,
        );
    }
    // one line (REST, `terraform show -json`, most generators) against pretty-printed (`az`)
    for n in [10_000usize, 100_000] {
        for layout in ["oneline", "pretty"] {
            run(&mut g, &format!("{n}-{layout}"), export_as(n, layout), n);
        }
    }
    // the two largest files (set AZEGRESS_BENCH_LARGE=0 to skip them): every VM behind an NSG of its own
    // (100,000 distinct paths), and Resource Graph's row shape for 100,000 VMs (about 540 MB)
    if std::env::var("AZEGRESS_BENCH_LARGE").as_deref() != Ok("0") {
        g.measurement_time(std::time::Duration::from_secs(60));
        run(&mut g, "100000-own-nsg", export_own_nsgs(100_000), 100_000);
        run(
            &mut g,
            "rg-100000-oneline",
            export_rg(100_000, "oneline"),
            100_000,
        );
    }
    g.finish();
}

criterion_group!(benches, gate);
criterion_main!(benches);
