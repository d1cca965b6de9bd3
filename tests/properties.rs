//! Property tests: the set-based engine against a naive per-address evaluator, and the interval-set
//! algebra against `BTreeSet`.

use azegress::engine::{Engine, Environment, Query, Source, StageInput};
use azegress::model::*;
use azegress::tags::ServiceTags;
use ipnet::IpNet;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr};

fn small_set() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::vec((0u32..300, 0u32..40), 0..6)
        .prop_map(|v| v.into_iter().map(|(a, l)| (a, a + l)).collect())
}

fn naive(v: &[(u32, u32)]) -> BTreeSet<u32> {
    v.iter().flat_map(|&(a, b)| a..=b).collect()
}

proptest! {
    #[test]
    fn interval_set_matches_naive(a in small_set(), b in small_set()) {
        let (sa, sb) = (IntervalSet::<u32>::from_ranges(a.clone()), IntervalSet::<u32>::from_ranges(b.clone()));
        let (na, nb) = (naive(&a), naive(&b));
        let to_set = |s: &IntervalSet<u32>| s.ranges().iter().flat_map(|&(x, y)| x..=y).collect::<BTreeSet<u32>>();
        prop_assert_eq!(to_set(&sa.union(&sb)), na.union(&nb).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(to_set(&sa.intersect(&sb)), na.intersection(&nb).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(to_set(&sa.difference(&sb)), na.difference(&nb).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(sa.count() as usize, na.len());
        prop_assert_eq!(sa.is_superset(&sb), nb.is_subset(&na));
        for x in 0..360u32 {
            prop_assert_eq!(sa.contains(x), na.contains(&x));
        }
        // canonical form: sorted, disjoint, non-adjacent
        for w in sa.ranges().windows(2) {
            prop_assert!(w[0].1 + 1 < w[1].0);
        }
    }

    #[test]
    fn cidrs_cover_exactly(a in small_set()) {
        let s = AddrSet { v4: IntervalSet::from_ranges(a.iter().map(|&(x, y)| (x + 0x0a00_0000, y + 0x0a00_0000)).collect()), v6: IntervalSet::empty() };
        let nets = s.to_cidrs();
        prop_assert_eq!(AddrSet::from_nets(&nets), s.clone());
        // fewest: no two CIDRs can merge into their common parent
        for w in nets.windows(2) {
            prop_assert!(w[0].supernet() != w[1].supernet() || w[0].prefix_len() != w[1].prefix_len());
        }
    }
}

/// priority, outbound, allow, dst base, dst len, port lo, port span, tcp-or-any, src kind
type RuleSpec = (u32, bool, bool, u8, u8, u16, u16, bool, u8);

/// A rule over 10.9.0.0/24 with small port ranges.
fn rule_strategy() -> impl Strategy<Value = RuleSpec> {
    // priority, outbound, allow, dst base, dst len, port lo, port span, tcp-or-any, src kind
    (
        100u32..200,
        prop::bool::weighted(0.85),
        any::<bool>(),
        any::<u8>(),
        24u8..=32,
        440u16..450,
        0u16..5,
        any::<bool>(),
        0u8..3,
    )
}

fn build_nsg(name: &str, rules: &[RuleSpec]) -> Nsg {
    let mut v = Vec::new();
    for (i, &(prio, out, allow, base, len, lo, span, tcp, src)) in rules.iter().enumerate() {
        let dst: IpNet = IpNet::new(IpAddr::V4(Ipv4Addr::new(10, 9, 0, base)), len)
            .unwrap()
            .trunc();
        let source = match src {
            0 => AddrSpec::any(),
            1 => AddrSpec {
                items: vec![AddrItem::Prefix("10.0.0.0/24".parse().unwrap())],
            },
            _ => AddrSpec {
                items: vec![AddrItem::Prefix("10.0.1.0/24".parse().unwrap())],
            },
        };
        v.push(SecurityRule {
            name: format!("r{i}"),
            is_default: false,
            priority: prio + i as u32 * 1000, // unique priorities
            direction: if out {
                Direction::Outbound
            } else {
                Direction::Inbound
            },
            access: if allow { Access::Allow } else { Access::Deny },
            protocol: if tcp { Protocol::Tcp } else { Protocol::Any },
            source,
            source_ports: PortSet::full(),
            destination: AddrSpec {
                items: vec![AddrItem::Prefix(dst)],
            },
            destination_ports: PortSet::range(lo, lo + span),
            unknowns: vec![],
            origin: Origin::default(),
        });
    }
    // explicit default deny so the naive evaluator and the engine see the same rule list
    v.push(SecurityRule {
        name: "DenyAllOutBound".into(),
        is_default: true,
        priority: 65500,
        direction: Direction::Outbound,
        access: Access::Deny,
        protocol: Protocol::Any,
        source: AddrSpec::any(),
        source_ports: PortSet::full(),
        destination: AddrSpec::any(),
        destination_ports: PortSet::full(),
        unknowns: vec![],
        origin: Origin::default(),
    });
    Nsg {
        name: name.into(),
        rules: v,
        origin: Origin::default(),
        attached_hint: None,
        warnings: vec![],
    }
}

/// The per-address reference: first match by priority, NIC then subnet (reference §1.2).
fn naive_allows(nsgs: &[&Nsg], vm: Ipv4Addr, dst: Ipv4Addr, port: u16) -> bool {
    nsgs.iter().all(|n| {
        let mut rules: Vec<&SecurityRule> = n
            .rules
            .iter()
            .filter(|r| r.direction == Direction::Outbound)
            .collect();
        rules.sort_by_key(|r| r.priority);
        for r in rules {
            let in_spec = |s: &AddrSpec, ip: Ipv4Addr| {
                s.items.iter().any(|i| match i {
                    AddrItem::Any => true,
                    AddrItem::Prefix(p) => p.contains(&IpAddr::V4(ip)),
                    _ => false,
                })
            };
            if r.protocol.matches(Protocol::Tcp)
                && r.destination_ports.contains(port)
                && in_spec(&r.source, vm)
                && in_spec(&r.destination, dst)
            {
                return r.access == Access::Allow;
            }
        }
        false
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn engine_matches_naive_evaluator(
        nic_rules in prop::collection::vec(rule_strategy(), 0..8),
        sub_rules in prop::collection::vec(rule_strategy(), 0..8),
        has_subnet in any::<bool>(),
        port in 438u16..456,
    ) {
        let tags = ServiceTags::parse(r#"{"changeNumber":1,"cloud":"Test","values":[]}"#, "t.json").unwrap();
        let vm = Ipv4Addr::new(10, 0, 0, 4);
        let env = Environment { tags: &tags, vnet: vec!["10.0.0.0/16".parse().unwrap()], vm_ip: Some(IpAddr::V4(vm)), vm_asgs: Some(vec![]), route_prefixes: vec![] };
        let nic = build_nsg("nic", &nic_rules);
        let sub = build_nsg("sub", &sub_rules);
        let mut stages = vec![StageInput { nsg: &nic, attached: Attachment::Nic }];
        if has_subnet {
            stages.push(StageInput { nsg: &sub, attached: Attachment::Subnet });
        }
        let eng = Engine::new(&env, &stages).unwrap();
        let dest = AddrSet::from_net("10.9.0.0/24".parse().unwrap());
        let q = Query { protocol: Protocol::Tcp, direction: Direction::Outbound, source: Source::Ip(IpAddr::V4(vm)), source_ports: PortSet::range(50000, 50000), port, platform_exempt: false };
        let out = eng.run(&q, &dest);
        prop_assert!(out.unknown.is_empty());
        let list: Vec<&Nsg> = if has_subnet { vec![&nic, &sub] } else { vec![&nic] };
        for last in 0..=255u8 {
            let d = Ipv4Addr::new(10, 9, 0, last);
            let want = naive_allows(&list, vm, d, port);
            prop_assert_eq!(out.allowed.contains(IpAddr::V4(d)), want, "address {}", d);
            prop_assert_eq!(out.denied.contains(IpAddr::V4(d)), !want, "address {}", d);
        }
    }
}

// ---- routes: the set-based router against per-address longest-prefix match (reference §4.3) ----

fn route_strategy() -> impl Strategy<Value = (u32, u8, u8)> {
    // a prefix inside 10.0.0.0/14 or 20.0.0.0/14, length 12..=30, next hop kind
    (prop::bool::ANY, 0u32..(1 << 18), 12u8..=30, 0u8..4).prop_map(|(hi, bits, len, hop)| {
        let base = if hi { 0x1400_0000u32 } else { 0x0A00_0000 };
        let addr = base | (bits << 6);
        let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        (addr & mask, len, hop)
    })
}

fn naive_route(table: &RouteTable, ip: u32) -> String {
    // system routes for VNet 10.0.0.0/16: VnetLocal; 0.0.0.0/0 Internet; 10/8 etc. None
    let mut cands: Vec<(u8, u8, String)> = Vec::new();
    for (i, r) in table.routes.iter().enumerate() {
        if let RoutePrefix::Net(IpNet::V4(n)) = r.prefix
            && n.contains(&Ipv4Addr::from(ip))
        {
            // user routes win ties; among identical user prefixes the first written
            cands.push((n.prefix_len(), 0, format!("{i}:{}", r.name)));
        }
    }
    let sys: [(&str, u8, &str); 4] = [
        ("10.0.0.0/16", 1, "Default:10.0.0.0/16"),
        ("0.0.0.0/0", 2, "Default:0.0.0.0/0"),
        ("10.0.0.0/8", 2, "Default:10.0.0.0/8"),
        ("100.64.0.0/10", 2, "Default:100.64.0.0/10"),
    ];
    for (p, class, name) in sys {
        let n: ipnet::Ipv4Net = p.parse().unwrap();
        if n.contains(&Ipv4Addr::from(ip)) {
            cands.push((n.prefix_len(), class, name.to_string()));
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    cands[0]
        .2
        .split_once(':')
        .map_or(cands[0].2.clone(), |(i, n)| {
            if i.chars().all(|c| c.is_ascii_digit()) {
                n.to_string()
            } else {
                cands[0].2.clone()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn router_matches_per_address_lpm(
        routes in prop::collection::vec(route_strategy(), 0..10),
        probes in prop::collection::vec((prop::bool::ANY, 0u32..(1 << 18)), 1..40),
    ) {
        let tags = ServiceTags::bundled();
        let env = Environment { tags: &tags, vnet: vec!["10.0.0.0/16".parse().unwrap()], vm_ip: None, vm_asgs: None, route_prefixes: vec![] };
        let hops = ["Internet", "None", "VirtualAppliance", "VnetLocal"];
        let table = RouteTable {
            name: "rt".into(),
            routes: routes.iter().enumerate().map(|(i, &(a, l, h))| Route {
                name: format!("r{i}"),
                prefix: RoutePrefix::Net(IpNet::V4(ipnet::Ipv4Net::new(Ipv4Addr::from(a), l).unwrap())),
                next_hop: NextHop::parse(hops[h as usize]),
                next_hop_ip: (h == 2).then(|| "10.0.1.4".parse().unwrap()),
                source: RouteSource::User,
                origin: Origin::default(),
            }).collect(),
            effective: false,
            disable_bgp_propagation: false,
            origin: Origin::default(),
            warnings: vec![],
        };
        let router = azegress::engine::routes::Router::new(Some(&table), &[], &env, "koreacentral").unwrap();
        let ips: Vec<u32> = probes.iter().map(|&(hi, b)| if hi { 0x1400_0000 | (b << 6) | 7 } else { 0x0A00_0000 | (b << 6) | 7 }).collect();
        let set = ips.iter().fold(AddrSet::empty(), |s, &ip| s.union(&AddrSet::from_ip(IpAddr::V4(Ipv4Addr::from(ip)))));
        let parts = router.route(&set);
        for &ip in &ips {
            let a = AddrSet::from_ip(IpAddr::V4(Ipv4Addr::from(ip)));
            let owner: Vec<String> = parts.iter().filter(|(s, _)| s.intersects(&a)).map(|(_, r)| router.routes[r.unwrap()].name.clone()).collect();
            prop_assert_eq!(owner.len(), 1, "parts must partition the input");
            prop_assert_eq!(&owner[0], &naive_route(&table, ip), "address {}", Ipv4Addr::from(ip));
        }
    }
}
