//! Criterion benchmarks against the real public service-tag file (../shared/service-tags).

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
criterion_main!(g);
