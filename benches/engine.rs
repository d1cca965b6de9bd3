//! Criterion benchmarks against the real public service-tag file (tests/data/service-tags), and
//! ingest of generated `az network nsg list` exports of 1,000 / 4,000 / 16,000 NSGs × 50 rules, written
//! to `target/bench-data/` so the same files can be timed against Python's `json.load`.

use azegress::app::{CheckOptions, run_check};
use azegress::engine::{Engine, Environment, Query, Source, StageInput};
use azegress::ingest::load_nsgs_text;
use azegress::model::*;
use azegress::tags::ServiceTags;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::net::IpAddr;

const PUBLIC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/service-tags/ServiceTags_Public_20240506.json"
);

fn big_nsg() -> String {
    let tags = [
        "Storage.WestEurope",
        "AzureCloud",
        "Internet",
        "VirtualNetwork",
        "AzureBackup",
        "Storage",
    ];
    let mut rules = Vec::new();
    for i in 0..1000u32 {
        let dst = if i % 3 == 0 {
            tags[(i as usize / 3) % tags.len()].to_string()
        } else {
            format!("20.{}.{}.0/24", i % 200, i % 250)
        };
        rules.push(format!(
            r#"{{"name":"r{i}","properties":{{"priority":{},"direction":"{}","access":"{}","protocol":"Tcp","sourceAddressPrefix":"*","sourcePortRange":"*","destinationAddressPrefix":"{dst}","destinationPortRange":"{}"}}}}"#,
            100 + i,
            if i % 2 == 0 { "Outbound" } else { "Inbound" },
            if i % 5 == 0 { "Deny" } else { "Allow" },
            1000 + i
        ));
    }
    format!(
        r#"{{"name":"big","properties":{{"securityRules":[{}]}}}}"#,
        rules.join(",")
    )
}

/// An `az network nsg list` export, pretty-printed with two-space indentation as `az` prints it.
fn nsg_list_export(nsgs: usize, rules: usize) -> String {
    let tags = [
        "Storage.KoreaCentral",
        "AzureCloud",
        "Internet",
        "VirtualNetwork",
        "AzureMonitor",
    ];
    let mut s = String::with_capacity(nsgs * rules * 330);
    s.push_str("[\n");
    for n in 0..nsgs {
        let rg = format!("rg-app-{}", n % 97);
        s.push_str(&format!(
            "  {{\n    \"etag\": \"W/\\\"{n:08x}-0000-0000-0000-000000000000\\\"\",\n    \"id\": \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/{rg}/providers/Microsoft.Network/networkSecurityGroups/nsg-{n}\",\n    \"location\": \"koreacentral\",\n    \"name\": \"nsg-{n}\",\n    \"provisioningState\": \"Succeeded\",\n    \"resourceGroup\": \"{rg}\",\n    \"securityRules\": [\n"
        ));
        for r in 0..rules {
            let dst = if r % 4 == 0 {
                tags[(n + r) % tags.len()].to_string()
            } else {
                format!("10.{}.{}.0/24", r % 200, n % 250)
            };
            s.push_str(&format!(
                "      {{\n        \"access\": \"{}\",\n        \"destinationAddressPrefix\": \"{dst}\",\n        \"destinationPortRange\": \"{}\",\n        \"direction\": \"{}\",\n        \"name\": \"rule-{r}\",\n        \"priority\": {},\n        \"protocol\": \"Tcp\",\n        \"sourceAddressPrefix\": \"*\",\n        \"sourcePortRange\": \"*\"\n      }}{}\n",
                if r % 5 == 4 { "Deny" } else { "Allow" },
                1000 + r,
                if r % 2 == 0 { "Outbound" } else { "Inbound" },
                100 + r,
                if r + 1 < rules { "," } else { "" }
            ));
        }
        s.push_str(&format!(
            "    ],\n    \"type\": \"Microsoft.Network/networkSecurityGroups\"\n  }}{}\n",
            if n + 1 < nsgs { "," } else { "" }
        ));
    }
    s.push_str("]\n");
    s
}

/// Writes (once) and returns the path of the export with `nsgs` NSGs under `target/bench-data/`.
fn export_file(nsgs: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench-data");
    std::fs::create_dir_all(dir).unwrap();
    let path = format!("{dir}/nsg-list-{nsgs}.json");
    if !std::path::Path::new(&path).exists() {
        std::fs::write(&path, nsg_list_export(nsgs, 50)).unwrap();
    }
    path
}

fn ingest_benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("az nsg list export, 50 rules per NSG");
    g.sample_size(10);
    for nsgs in [1_000usize, 4_000, 16_000] {
        let path = export_file(nsgs);
        let pick = format!("{path}#nsg-{}", nsgs / 2);
        let opts = CheckOptions {
            nic_nsg: Some(pick.clone()),
            region: Some("koreacentral".into()),
            ..Default::default()
        };
        g.bench_function(format!("whole check, FILE#name, {nsgs} NSGs"), |b| {
            b.iter(|| run_check(black_box(&opts)).unwrap())
        });
        g.bench_function(format!("read every NSG into the model, {nsgs} NSGs"), |b| {
            b.iter(|| azegress::ingest::load_nsgs(black_box(&path)).unwrap())
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    let text = std::fs::read_to_string(PUBLIC)
        .expect("tests/data/service-tags/ServiceTags_Public_20240506.json");
    c.bench_function("load full public service-tag file", |b| {
        b.iter(|| ServiceTags::parse(black_box(&text), "public").unwrap())
    });

    let opts = CheckOptions {
        scenario: Some(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/deny-all-outbound-fixed/scenario.yaml"
            )
            .into(),
        ),
        service_tags: Some(PUBLIC.into()),
        ..Default::default()
    };
    c.bench_function(
        "whole check against the full public file (read + load + 3 ports)",
        |b| b.iter(|| run_check(black_box(&opts)).unwrap()),
    );

    // issue 3: a hub-spoke path (NIC + subnet NSG, route table, Azure Firewall policy with 35 rules)
    // against the same VM's NSG-only check; both read every file and the full public tag file.
    let example = |f: &str| CheckOptions {
        scenario: Some(format!(
            "{}/examples/hub-spoke/{f}",
            env!("CARGO_MANIFEST_DIR")
        )),
        service_tags: Some(PUBLIC.into()),
        ..Default::default()
    };
    let (nsg_only, hub_spoke) = (example("nsg-only.yaml"), example("scenario.yaml"));
    c.bench_function("check, NSG only (hub-spoke VM, 3 ports)", |b| {
        b.iter(|| run_check(black_box(&nsg_only)).unwrap())
    });
    c.bench_function(
        "check, hub-spoke path: NSGs + routes + firewall (3 ports)",
        |b| b.iter(|| run_check(black_box(&hub_spoke)).unwrap()),
    );

    let tags = ServiceTags::parse(&text, "public").unwrap();
    let nsg = load_nsgs_text(&big_nsg(), "big.json", None)
        .unwrap()
        .remove(0);
    let env = Environment {
        tags: &tags,
        vnet: vec!["10.0.0.0/16".parse().unwrap()],
        vm_ip: Some("10.0.0.4".parse().unwrap()),
        vm_asgs: None,
        route_prefixes: Vec::new(),
    };
    let stages = [StageInput {
        nsg: &nsg,
        attached: Attachment::Nic,
    }];
    c.bench_function("flow on a 1,000-rule NSG (resolve + verify)", |b| {
        b.iter(|| {
            let eng = Engine::new(&env, &stages).unwrap();
            eng.verify(
                Direction::Outbound,
                Protocol::Tcp,
                ("10.0.0.4".parse::<IpAddr>().unwrap(), 50000),
                ("20.199.199.9".parse().unwrap(), 1999),
            )
        })
    });
    let eng = Engine::new(&env, &stages).unwrap();
    let q = Query {
        protocol: Protocol::Tcp,
        direction: Direction::Outbound,
        source: Source::Vm,
        source_ports: azegress::engine::ephemeral_ports(),
        port: 1998,
        platform_exempt: false,
    };
    let dest = tags
        .prefixes(tags.get("Storage").unwrap())
        .unwrap()
        .set
        .clone();
    c.bench_function(
        "set evaluation: all of Storage through a 1,000-rule NSG",
        |b| b.iter(|| eng.run(black_box(&q), black_box(&dest))),
    );
}

criterion_group!(name = g; config = Criterion::default().sample_size(20); targets = benches);
criterion_group!(ingest, ingest_benches);
criterion_main!(g, ingest);
