//! `azegress probe --hosts FILE` at scale, against the loopback servers the tests use (tests/support): a
//! TLS storage stand-in with a test CA on two ports and a local DNS zone for `*.blob.core.windows.net`.
//! Every host is resolved, connected, TLS-verified and answered over HTTP on both ports, 64 connections at
//! most at a time (the default).

#[path = "../tests/support/mod.rs"]
mod support;

use azegress::app::probe::{ProbeOptions, ProbeVerdict, run_probe};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::time::Duration;

fn probe_hosts(c: &mut Criterion) {
    let s = support::start("127.0.0.1".parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("probe --hosts");
    g.sample_size(10);
    for n in [100usize, 1000, 4000] {
        let list = dir.path().join(format!("hosts-{n}.txt"));
        let text: String = (0..n).map(|i| format!("backupacct{i:05}\n")).collect();
        std::fs::write(&list, text).unwrap();
        let o = ProbeOptions {
            hosts_file: Some(list.display().to_string()),
            ports: Some(vec![s.tls[0].to_string(), s.tls[1].to_string()]),
            proxy: "none".into(),
            dns: Some(s.dns.to_string()),
            ca_file: Some(s.ca_file.path().display().to_string()),
            timeout: Duration::from_secs(10),
            no_agent: true,
            concurrency: 64,
            ..Default::default()
        };
        g.bench_with_input(BenchmarkId::from_parameter(n), &o, |b, o| {
            b.iter(|| {
                let r = run_probe(o).unwrap();
                assert_eq!(r.verdict, ProbeVerdict::Reachable);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, probe_hosts);
criterion_main!(benches);
