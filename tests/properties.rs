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
        prop_assert_eq!(sb.is_superset(&sa), na.is_subset(&nb));
        prop_assert_eq!(sa.intersects(&sb), !na.is_disjoint(&nb));
        prop_assert_eq!(sb.intersects(&sa), !na.is_disjoint(&nb));
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
            description: None,
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
        description: None,
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
        resource_group: None,
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

/// The same rule shapes read inbound: the varying block is the rule's source, the three kinds its
/// destination (any, the VM's /24, another /24); every rule inbound, then an explicit DenyAllInBound.
fn build_inbound(name: &str, rules: &[RuleSpec]) -> Nsg {
    let mut n = build_nsg(name, rules);
    for r in &mut n.rules {
        if r.is_default {
            r.direction = Direction::Inbound;
            r.name = "DenyAllInBound".into();
            continue;
        }
        std::mem::swap(&mut r.source, &mut r.destination);
        r.direction = Direction::Inbound;
    }
    n
}

/// Per address: subnet NSG first, then the NIC's, for traffic into the VM (reference §1.2).
fn naive_inbound(subnet_first: &[&Nsg], src: Ipv4Addr, vm: Ipv4Addr, port: u16) -> bool {
    subnet_first.iter().all(|n| {
        let mut rules: Vec<&SecurityRule> = n.rules.iter().collect();
        rules.sort_by_key(|r| r.priority);
        let in_spec = |s: &AddrSpec, ip: Ipv4Addr| {
            s.items.iter().any(|i| match i {
                AddrItem::Any => true,
                AddrItem::Prefix(p) => p.contains(&IpAddr::V4(ip)),
                _ => false,
            })
        };
        rules
            .into_iter()
            .find(|r| {
                r.protocol.matches(Protocol::Tcp)
                    && r.destination_ports.contains(port)
                    && in_spec(&r.source, src)
                    && in_spec(&r.destination, vm)
            })
            .is_some_and(|r| r.access == Access::Allow)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// `gate`'s must_not_reach: the set of senders that reach the VM, against per-address evaluation.
    #[test]
    fn inbound_from_a_set_of_sources_matches_naive_evaluator(
        nic_rules in prop::collection::vec(rule_strategy(), 0..8),
        sub_rules in prop::collection::vec(rule_strategy(), 0..8),
        port in 438u16..456,
    ) {
        let tags = ServiceTags::parse(r#"{"changeNumber":1,"cloud":"Test","values":[]}"#, "t.json").unwrap();
        let vm = Ipv4Addr::new(10, 0, 0, 4);
        let env = Environment { tags: &tags, vnet: vec!["10.0.0.0/16".parse().unwrap()], vm_ip: Some(IpAddr::V4(vm)), vm_asgs: Some(vec![]), route_prefixes: vec![] };
        let nic = build_inbound("nic", &nic_rules);
        let sub = build_inbound("sub", &sub_rules);
        let stages = vec![
            StageInput { nsg: &nic, attached: Attachment::Nic },
            StageInput { nsg: &sub, attached: Attachment::Subnet },
        ];
        let eng = Engine::new(&env, &stages).unwrap();
        let sources = AddrSet::from_net("10.9.0.0/24".parse().unwrap());
        let q = Query { protocol: Protocol::Tcp, direction: Direction::Inbound, source: Source::Ip(IpAddr::V4(vm)), source_ports: PortSet::range(50000, 50000), port, platform_exempt: false };
        let out = eng.run_inbound_from(&q, &sources);
        prop_assert!(out.unknown.is_empty());
        for last in 0..=255u8 {
            let s = Ipv4Addr::new(10, 9, 0, last);
            let want = naive_inbound(&[&sub, &nic], s, vm, port);
            prop_assert_eq!(out.allowed.contains(IpAddr::V4(s)), want, "sender {}", s);
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
                next_hop_resource: None,
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
            let owner: Vec<String> = parts.iter().filter(|(s, _)| s.intersects(&a)).map(|(_, r)| router.routes[r.index().unwrap()].name.clone()).collect();
            prop_assert_eq!(owner.len(), 1, "parts must partition the input");
            prop_assert_eq!(&owner[0], &naive_route(&table, ip), "address {}", Ipv4Addr::from(ip));
        }
    }
}

// ---- the whole path (NSG → routes → firewall) against a per-address walk (reference §8) ----

use azegress::engine::firewall::FirewallEval;
use azegress::engine::path::{Leg, PathSpec};
use azegress::engine::routes::Router;
use azegress::tags::fqdn::Host;

/// (dst last octet base, prefix len 24..=32, port lo 440..450, span, allow)
type Piece = (u8, u8, u16, u16, bool);

fn piece() -> impl Strategy<Value = Piece> {
    // few ports and wide prefixes, so that rules overlap and order matters
    (any::<u8>(), 24u8..=28, 440u16..444, 0u16..3, any::<bool>())
}

fn net20(base: u8, len: u8) -> IpNet {
    IpNet::new(IpAddr::V4(Ipv4Addr::new(20, 9, 0, base)), len)
        .unwrap()
        .trunc()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn path_matches_per_address_walk(
        nsg_rules in prop::collection::vec(piece(), 0..5),
        routes in prop::collection::vec((any::<u8>(), 24u8..=32, 0u8..3), 0..5),
        default_to_fw in any::<bool>(),
        fw_rules in prop::collection::vec((piece(), 100u32..400), 0..6),
        port in 440u16..445,
    ) {
        let tags = ServiceTags::bundled();
        let vm: Ipv4Addr = "10.0.0.4".parse().unwrap();
        let fw_ip: IpAddr = "10.0.1.4".parse().unwrap();
        // NIC NSG over 20.9.0.0/24
        let mut rules: Vec<SecurityRule> = nsg_rules.iter().enumerate().map(|(i, &(b, l, lo, span, allow))| SecurityRule {
            description: None,
            name: format!("n{i}"), is_default: false, priority: 100 + i as u32, direction: Direction::Outbound,
            access: if allow { Access::Allow } else { Access::Deny }, protocol: Protocol::Tcp,
            source: AddrSpec::any(), source_ports: PortSet::full(),
            destination: AddrSpec { items: vec![AddrItem::Prefix(net20(b, l))] },
            destination_ports: PortSet::range(lo, lo + span), unknowns: vec![], origin: Origin::default(),
        }).collect();
        rules.push(SecurityRule {
            description: None,
            name: "AllowAll".into(), is_default: false, priority: 4000, direction: Direction::Outbound, access: Access::Allow,
            protocol: Protocol::Any, source: AddrSpec::any(), source_ports: PortSet::full(), destination: AddrSpec::any(),
            destination_ports: PortSet::full(), unknowns: vec![], origin: Origin::default(),
        });
        let nsg = Nsg { name: "nic".into(), rules, origin: Origin::default(), attached_hint: None, warnings: vec![], resource_group: None };
        // routes
        let hops = ["None", "Internet", "VirtualAppliance"];
        let mut rts: Vec<Route> = routes.iter().enumerate().map(|(i, &(b, l, h))| Route {
            name: format!("u{i}"), prefix: RoutePrefix::Net(net20(b, l)), next_hop: NextHop::parse(hops[h as usize]),
            next_hop_ip: (h == 2).then_some(fw_ip), next_hop_resource: None, source: RouteSource::User, origin: Origin::default(),
        }).collect();
        if default_to_fw {
            rts.push(Route { name: "default".into(), prefix: RoutePrefix::Net("0.0.0.0/0".parse().unwrap()),
                next_hop: NextHop::VirtualAppliance, next_hop_ip: Some(fw_ip), next_hop_resource: None, source: RouteSource::User, origin: Origin::default() });
        }
        let table = RouteTable { name: "rt".into(), routes: rts.clone(), effective: false, disable_bgp_propagation: true, origin: Origin::default(), warnings: vec![] };
        // firewall: one network rule per collection
        let fw = Firewall {
            name: "fw".into(), graph: 0, private_ip: Some(fw_ip),
            collections: fw_rules.iter().enumerate().map(|(i, &((b, l, lo, span, allow), prio))| RuleCollection {
                name: format!("c{i}"), group: None, group_priority: 0, priority: prio * 10 + i as u32, from_base_policy: false,
                kind: CollectionKind::Network, action: if allow { FwAction::Allow } else { FwAction::Deny },
                rules: vec![FwRule { name: "r".into(), sources: vec!["*".into()], source_ip_groups: vec![],
                    kind: FwRuleKind::Network(NetworkRule { protocols: vec![FwProtocol::Tcp], destinations: vec![net20(b, l).to_string()],
                        ports: PortSet::range(lo, lo + span), ..Default::default() }),
                    unknowns: vec![], origin: Origin::default() }],
                origin: Origin::default(),
            }).collect(),
            ..Default::default()
        };
        let env = Environment { tags: &tags, vnet: vec!["10.0.0.0/16".parse().unwrap()], vm_ip: Some(IpAddr::V4(vm)), vm_asgs: Some(vec![]),
            route_prefixes: Router::user_prefixes(Some(&table)) };
        let stages = [StageInput { nsg: &nsg, attached: Attachment::Nic }];
        let eng = Engine::new(&env, &stages).unwrap();
        let router = Router::new(Some(&table), &[], &env, "koreacentral").unwrap();
        let fwe = FirewallEval::new(&fw, &env).unwrap();
        let spec = PathSpec {
            vm: Leg { nsgs: &eng, router: &router, route_table: "rt".into(), source: Source::Ip(IpAddr::V4(vm)), no_outbound: None },
            firewall: Some(&fwe), firewall_ip: Some(fw_ip), firewall_name: "fw".into(), proxy: None,
            host: Host::AnyAccount("blob.core.windows.net".into()), dest_name: "test".into(),
            vnet: AddrSet::from_net("10.0.0.0/16".parse().unwrap()),
        };
        let dest = AddrSet::from_net("20.9.0.0/24".parse().unwrap());
        let w = spec.walk(port, &dest, &["20.9.0.0/24".parse().unwrap()]);
        prop_assert!(w.unknown.is_empty());
        for last in 0..=255u8 {
            let ip = Ipv4Addr::new(20, 9, 0, last);
            // NSG: first match by priority
            let nsg_ok = nsg.rules.iter().find(|r| r.destination_ports.contains(port) && match r.destination.items.first() {
                Some(AddrItem::Prefix(p)) => p.contains(&IpAddr::V4(ip)), _ => true }).is_some_and(|r| r.access == Access::Allow);
            let naive = if !nsg_ok { false } else {
                // routes: longest user prefix, first written on ties; else 0.0.0.0/0 Internet
                let best = rts.iter().enumerate().filter(|(_, r)| matches!(r.prefix, RoutePrefix::Net(n) if n.contains(&IpAddr::V4(ip))))
                    .max_by(|(i, a), (j, b)| {
                        let len = |r: &Route| match r.prefix { RoutePrefix::Net(n) => n.prefix_len(), _ => 0 };
                        len(a).cmp(&len(b)).then(j.cmp(i))
                    }).map(|(_, r)| r);
                match best.map(|r| &r.next_hop) {
                    None | Some(NextHop::Internet) => true,
                    Some(NextHop::None) => false,
                    _ => {
                        let mut cols: Vec<&RuleCollection> = fw.collections.iter().collect();
                        cols.sort_by_key(|c| c.priority);
                        cols.iter().find_map(|c| match &c.rules[0].kind {
                            FwRuleKind::Network(n) if n.ports.contains(port)
                                && n.destinations[0].parse::<IpNet>().unwrap().contains(&IpAddr::V4(ip)) => Some(c.action == FwAction::Allow),
                            _ => None,
                        }).unwrap_or(false)
                    }
                }
            };
            let a = AddrSet::from_ip(IpAddr::V4(ip));
            prop_assert_eq!(w.allowed.is_superset(&a), naive, "address {}", ip);
            prop_assert_eq!(w.denied.is_superset(&a), !naive, "address {}", ip);
        }
    }
}

// ---- security admin rules before one NSG (azure-semantics.md §10.2, §1.2) ----

/// priority, outbound, access (0 Allow, 1 Deny, 2 AlwaysAllow), far side (0..4 a prefix of
/// 10.9.0.0/24, 4 service tag `Tag.A`, 5 `*`), far base, far len, port lo, port span, near side
/// (0 any, 1 the VM's /24, 2 another /24, 3 service tag `Tag.Vm`)
type AdminSpec = (u32, bool, u8, u8, u8, u8, u16, u16, u8);

fn admin_strategy() -> impl Strategy<Value = AdminSpec> {
    (
        1u32..50,
        prop::bool::weighted(0.8),
        0u8..3,
        0u8..6,
        any::<u8>(),
        24u8..=32,
        440u16..450,
        0u16..5,
        0u8..4,
    )
}

/// Two service tags: `Tag.A` inside 10.9.0.0/24 (two blocks), `Tag.Vm` the VM's /24.
const ADMIN_TAGS: &str = r#"{"changeNumber":1,"cloud":"Test","values":[
 {"name":"Tag.A","id":"Tag.A","properties":{"changeNumber":1,"region":"","platform":"Azure","systemService":"","addressPrefixes":["10.9.0.0/26","10.9.0.160/27"]}},
 {"name":"Tag.Vm","id":"Tag.Vm","properties":{"changeNumber":1,"region":"","platform":"Azure","systemService":"","addressPrefixes":["10.0.0.0/24"]}}]}"#;

fn admin_addr(kind: u8, base: u8, len: u8) -> AddrSpec {
    let item = match kind {
        0..=3 => AddrItem::Prefix(
            IpNet::new(IpAddr::V4(Ipv4Addr::new(10, 9, 0, base)), len)
                .unwrap()
                .trunc(),
        ),
        4 => AddrItem::Tag("Tag.A".into()),
        _ => AddrItem::Any,
    };
    AddrSpec { items: vec![item] }
}

fn near_addr(kind: u8) -> AddrSpec {
    match kind {
        0 => AddrSpec::any(),
        1 => AddrSpec {
            items: vec![AddrItem::Prefix("10.0.0.0/24".parse().unwrap())],
        },
        2 => AddrSpec {
            items: vec![AddrItem::Prefix("10.0.1.0/24".parse().unwrap())],
        },
        _ => AddrSpec {
            items: vec![AddrItem::Tag("Tag.Vm".into())],
        },
    }
}

/// Admin rules whose far side (the set side) is the destination outbound, the source inbound.
fn build_admin(specs: &[AdminSpec]) -> AdminRules {
    let rules = specs
        .iter()
        .enumerate()
        .map(|(i, &(prio, out, acc, far, base, len, lo, span, near))| {
            let (far, near) = (admin_addr(far, base, len), near_addr(near));
            let (sources, destinations) = if out { (near, far) } else { (far, near) };
            AdminRule {
                name: format!("a{i}"),
                priority: prio * 10 + i as u32, // unique priorities
                access: match acc {
                    0 => AdminAccess::Allow,
                    1 => AdminAccess::Deny,
                    _ => AdminAccess::AlwaysAllow,
                },
                direction: if out {
                    Direction::Outbound
                } else {
                    Direction::Inbound
                },
                protocol: Protocol::Tcp,
                sources,
                source_ports: PortSet::full(),
                destinations,
                destination_ports: PortSet::range(lo, lo + span),
                network_manager: Some("avnm".into()),
                configuration: Some("org".into()),
                rule_collection: None,
                resource_group: None,
                subscription: None,
                default_flag: None,
                origin: Origin::default(),
                unknowns: Vec::new(),
            }
        })
        .collect();
    AdminRules::new(rules)
}

/// Per address: the first admin rule by priority that matches decides Deny (false) or AlwaysAllow
/// (true); Allow or no match: the NSG decides (`nsg`).
fn naive_admin(
    admin: &AdminRules,
    dir: Direction,
    (src, dst): (Ipv4Addr, Ipv4Addr),
    port: u16,
    nsg: impl Fn() -> bool,
) -> bool {
    let in_spec = |s: &AddrSpec, ip: Ipv4Addr| {
        s.items.iter().any(|i| match i {
            AddrItem::Any => true,
            AddrItem::Prefix(p) => p.contains(&IpAddr::V4(ip)),
            AddrItem::Tag(t) if t == "Tag.A" => {
                let o = ip.octets();
                o[..3] == [10, 9, 0] && (o[3] < 64 || (160..192).contains(&o[3]))
            }
            AddrItem::Tag(t) if t == "Tag.Vm" => ip.octets()[..3] == [10, 0, 0],
            _ => false,
        })
    };
    let mut rules: Vec<&AdminRule> = admin.rules().iter().collect();
    rules.sort_by_key(|r| r.priority);
    for r in rules {
        if r.direction == dir
            && r.destination_ports.contains(port)
            && in_spec(&r.sources, src)
            && in_spec(&r.destinations, dst)
        {
            match r.access {
                AdminAccess::Deny => return false,
                AdminAccess::AlwaysAllow => return true,
                AdminAccess::Allow => break,
            }
        }
    }
    nsg()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// The admin stage and one NSG, outbound over a destination set and inbound over a source set,
    /// against per-address evaluation.
    #[test]
    fn admin_rules_then_nsg_match_naive_evaluator(
        admin_specs in prop::collection::vec(admin_strategy(), 0..7),
        nsg_rules in prop::collection::vec(rule_strategy(), 0..6),
        port in 438u16..456,
    ) {
        let tags = ServiceTags::parse(ADMIN_TAGS, "t.json").unwrap();
        let vm = Ipv4Addr::new(10, 0, 0, 4);
        let env = Environment { tags: &tags, vnet: vec!["10.0.0.0/16".parse().unwrap()], vm_ip: Some(IpAddr::V4(vm)), vm_asgs: Some(vec![]), route_prefixes: vec![] };
        let admin = build_admin(&admin_specs);
        let out_nsg = build_nsg("nic", &nsg_rules);
        let in_nsg = build_inbound("nic", &nsg_rules);
        let set = AddrSet::from_net("10.9.0.0/24".parse().unwrap());
        // outbound: the set is the destination
        let stages = vec![StageInput { nsg: &out_nsg, attached: Attachment::Nic }];
        let eng = Engine::new(&env, &stages).unwrap().with_admin(&admin).unwrap();
        let q = Query { protocol: Protocol::Tcp, direction: Direction::Outbound, source: Source::Ip(IpAddr::V4(vm)), source_ports: PortSet::range(50000, 50000), port, platform_exempt: false };
        let out = eng.run(&q, &set);
        prop_assert!(out.unknown.is_empty());
        for last in 0..=255u8 {
            let d = Ipv4Addr::new(10, 9, 0, last);
            let want = naive_admin(&admin, Direction::Outbound, (vm, d), port, || naive_allows(&[&out_nsg], vm, d, port));
            prop_assert_eq!(out.allowed.contains(IpAddr::V4(d)), want, "outbound to {}", d);
            prop_assert_eq!(out.denied.contains(IpAddr::V4(d)), !want, "outbound to {}", d);
        }
        // inbound: the set is the senders
        let stages = vec![StageInput { nsg: &in_nsg, attached: Attachment::Nic }];
        let eng = Engine::new(&env, &stages).unwrap().with_admin(&admin).unwrap();
        let q = Query { direction: Direction::Inbound, ..q };
        let out = eng.run_inbound_from(&q, &set);
        prop_assert!(out.unknown.is_empty());
        for last in 0..=255u8 {
            let s = Ipv4Addr::new(10, 9, 0, last);
            let want = naive_admin(&admin, Direction::Inbound, (s, vm), port, || naive_inbound(&[&in_nsg], s, vm, port));
            prop_assert_eq!(out.allowed.contains(IpAddr::V4(s)), want, "inbound from {}", s);
        }
    }
}

/// Three-valued firewall evaluation decides every branch before it says unknown (issue 20 §2): for random
/// policies whose rules may name an IP group that is not among the inputs, the verdict equals the meet of
/// the verdicts over every way the groups can resolve (each holds the VM or not), enumerated.
/// Reference: azure-semantics.md §3 (Azure Firewall: rule collections by priority, first match, default deny).
mod firewall_meet {
    use azegress::engine::Environment;
    use azegress::engine::Source;
    use azegress::engine::firewall::FirewallEval;
    use azegress::ingest::firewall::parse_firewall;
    use azegress::model::*;
    use azegress::tags::ServiceTags;
    use proptest::prelude::*;

    /// One rule: Allow?, its source (0: the VM's address, 1: elsewhere, 2: an unknown IP group), port 8443 or any.
    fn policy(rules: &[(bool, u8, bool)], resolve: &[bool]) -> String {
        let mut k = 0;
        let cols: Vec<String> = rules
            .iter()
            .enumerate()
            .map(|(i, (allow, src, any_port))| {
                let source = match src {
                    0 => r#""sourceAddresses": ["10.1.0.4"]"#.to_string(),
                    1 => r#""sourceAddresses": ["192.0.2.0/24"]"#.to_string(),
                    _ => {
                        let s = match resolve.get(k) {
                            None => format!(r#""sourceIpGroups": ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/ipGroups/g{i}"]"#),
                            Some(true) => r#""sourceAddresses": ["10.1.0.4"]"#.to_string(),
                            Some(false) => r#""sourceAddresses": ["192.0.2.0/24"]"#.to_string(),
                        };
                        k += 1;
                        s
                    }
                };
                format!(
                    r#"{{"ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "c{i}", "priority": {}, "action": {{"type": "{}"}},
                       "rules": [{{"ruleType": "NetworkRule", "name": "r{i}", "ipProtocols": ["TCP"], {source},
                       "destinationAddresses": ["*"], "destinationPorts": ["{}"]}}]}}"#,
                    100 + i,
                    if *allow { "Allow" } else { "Deny" },
                    if *any_port { "*" } else { "8443" }
                )
            })
            .collect();
        format!(
            r#"[{{"name": "fw", "type": "Microsoft.Network/azureFirewalls", "properties": {{"firewallPolicy": {{"id": "/x/firewallPolicies/p"}},
               "ipConfigurations": [{{"name": "c", "properties": {{"privateIPAddress": "10.0.1.4"}}}}]}}}},
               {{"name": "p/g", "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "properties": {{"priority": 100, "ruleCollections": [{}]}}}}]"#,
            cols.join(",")
        )
    }

    fn verdict(text: &str, tags: &ServiceTags) -> DecisionAccess {
        let fw = parse_firewall(text, "fw.json", None).unwrap();
        let env = Environment {
            tags,
            vnet: vec!["10.1.0.0/16".parse().unwrap()],
            vm_ip: Some("10.1.0.4".parse().unwrap()),
            vm_asgs: None,
            route_prefixes: Vec::new(),
        };
        let ev = FirewallEval::new(&fw, &env).unwrap();
        let dest = AddrSet::from_ip("20.33.154.10".parse().unwrap());
        let parts = ev.eval(&Source::Ip("10.1.0.4".parse().unwrap()), 8443, None, &dest);
        let first = parts[0].access;
        if parts.iter().all(|p| p.access == first) {
            first
        } else {
            DecisionAccess::Unknown
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn the_verdict_is_the_meet_over_every_resolution(
            rules in proptest::collection::vec((any::<bool>(), 0u8..3, any::<bool>()), 1..7)
        ) {
            let tags = ServiceTags::bundled();
            let unknowns = rules.iter().filter(|r| r.1 == 2).count();
            let mut seen = Vec::new();
            for mask in 0..(1u32 << unknowns) {
                let resolve: Vec<bool> = (0..unknowns).map(|b| mask & (1 << b) != 0).collect();
                seen.push(verdict(&policy(&rules, &resolve), &tags));
            }
            let meet = if seen.iter().all(|v| *v == seen[0]) { seen[0] } else { DecisionAccess::Unknown };
            prop_assert_eq!(verdict(&policy(&rules, &[]), &tags), meet, "resolutions: {:?}", seen);
        }
    }
}

/// Decide every branch (issue 20 §2) for the NSG stages: rules whose match is not known offline
/// (`unknowns`, as an unevaluated template value leaves them) are resolved every way — each present as
/// written or absent — and for every destination address the engine's verdict must be the meet of the
/// verdicts over all resolutions: allowed or denied when every resolution agrees, unknown only when they
/// differ. Reference §1.2 (first match by priority, NIC then subnet).
mod nsg_meet {
    use super::*;

    /// Per address: Some(true) allowed, Some(false) denied, None unknown.
    fn verdicts(nic: &Nsg, sub: Option<&Nsg>, port: u16) -> Vec<Option<bool>> {
        let tags = ServiceTags::parse(r#"{"changeNumber":1,"cloud":"Test","values":[]}"#, "t.json")
            .unwrap();
        let vm = Ipv4Addr::new(10, 0, 0, 4);
        let env = Environment {
            tags: &tags,
            vnet: vec!["10.0.0.0/16".parse().unwrap()],
            vm_ip: Some(IpAddr::V4(vm)),
            vm_asgs: Some(vec![]),
            route_prefixes: vec![],
        };
        let mut stages = vec![StageInput {
            nsg: nic,
            attached: Attachment::Nic,
        }];
        if let Some(s) = sub {
            stages.push(StageInput {
                nsg: s,
                attached: Attachment::Subnet,
            });
        }
        let eng = Engine::new(&env, &stages).unwrap();
        let dest = AddrSet::from_net("10.9.0.0/24".parse().unwrap());
        let q = Query {
            protocol: Protocol::Tcp,
            direction: Direction::Outbound,
            source: Source::Ip(IpAddr::V4(vm)),
            source_ports: PortSet::range(50000, 50000),
            port,
            platform_exempt: false,
        };
        let out = eng.run(&q, &dest);
        (0..=255u8)
            .map(|last| {
                let d = IpAddr::V4(Ipv4Addr::new(10, 9, 0, last));
                match (
                    out.allowed.contains(d),
                    out.denied.contains(d),
                    out.unknown.contains(d),
                ) {
                    (true, false, false) => Some(true),
                    (false, true, false) => Some(false),
                    (false, false, true) => None,
                    other => panic!("address {d} in more than one or no outcome: {other:?}"),
                }
            })
            .collect()
    }

    /// The NSG with rule `k` (of those marked uncertain) unknown, or resolved: present or absent.
    fn nsg(
        name: &str,
        rules: &[RuleSpec],
        uncertain: &[bool],
        resolve: Option<&[bool]>,
        first: usize,
    ) -> Nsg {
        let mut n = build_nsg(name, rules);
        let mut keep = Vec::new();
        let mut u = first;
        for (i, r) in n.rules.drain(..).enumerate() {
            let mut r = r;
            if i < uncertain.len() && uncertain[i] {
                match resolve {
                    None => r.unknowns = vec![format!("[parameters('p{u}')]")],
                    Some(bits) if !bits[u] => {
                        u += 1;
                        continue;
                    }
                    Some(_) => {}
                }
                u += 1;
            }
            keep.push(r);
        }
        n.rules = keep;
        n
    }

    fn meet(all: &[Vec<Option<bool>>]) -> Vec<Option<bool>> {
        (0..all[0].len())
            .map(|a| {
                let first = all[0][a];
                if all.iter().all(|v| v[a] == first) {
                    first
                } else {
                    None
                }
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(160))]
        #[test]
        fn the_nsg_verdict_is_the_meet_over_every_resolution(
            nic_rules in prop::collection::vec(rule_strategy(), 0..6),
            nic_unc in prop::collection::vec(prop::bool::weighted(0.35), 6),
            sub_rules in prop::collection::vec(rule_strategy(), 0..6),
            sub_unc in prop::collection::vec(prop::bool::weighted(0.35), 6),
            has_subnet in any::<bool>(),
            port in 438u16..452,
        ) {
            let nic_unc: Vec<bool> = nic_unc[..nic_rules.len()].to_vec();
            let sub_unc: Vec<bool> = if has_subnet { sub_unc[..sub_rules.len()].to_vec() } else { vec![] };
            let k_nic = nic_unc.iter().filter(|b| **b).count();
            let k = k_nic + sub_unc.iter().filter(|b| **b).count();
            let nic_u = nsg("nic", &nic_rules, &nic_unc, None, 0);
            let sub_u = nsg("sub", &sub_rules, &sub_unc, None, k_nic);
            let got = verdicts(&nic_u, has_subnet.then_some(&sub_u), port);
            let mut all = Vec::new();
            for mask in 0..(1u32 << k) {
                let bits: Vec<bool> = (0..k).map(|b| mask & (1 << b) != 0).collect();
                let nic_r = nsg("nic", &nic_rules, &nic_unc, Some(&bits), 0);
                let sub_r = nsg("sub", &sub_rules, &sub_unc, Some(&bits), k_nic);
                let v = verdicts(&nic_r, has_subnet.then_some(&sub_r), port);
                prop_assert!(v.iter().all(Option::is_some), "a resolution with nothing unknown is decided");
                all.push(v);
            }
            let want = meet(&all);
            for a in 0..256 {
                prop_assert_eq!(got[a], want[a], "address 10.9.0.{}", a);
            }
        }
    }
}

/// Decide every branch (issue 20 §2) for squid: `dstdomain` ACLs read from files that are not given are
/// resolved both ways (the file lists the storage host, or another domain), and the verdict for the Linux
/// extension (which cannot answer `proxy_auth`, 407) must be the meet over every resolution.
mod squid_meet {
    use super::*;
    use azegress::engine::squid::{self, ProxyRequest};
    use azegress::ingest::proxy::parse_squid;
    use azegress::tags::fqdn::Host;

    /// allow, kind: 0 `all`, 1 file ACL F0, 2 file ACL F1, 3 `proxy_auth`, 4 F0 then `proxy_auth`, 5 `localnet`
    type Line = (bool, u8);

    fn conf(lines: &[Line], resolve: Option<[bool; 2]>) -> String {
        let mut c = String::from(
            "http_port 3128\nacl localnet src 10.0.0.0/8\nacl auth proxy_auth REQUIRED\n",
        );
        for f in 0..2 {
            match resolve {
                None => c.push_str(&format!("acl f{f} dstdomain \"/etc/squid/f{f}.txt\"\n")),
                Some(r) if r[f] => {
                    c.push_str(&format!("acl f{f} dstdomain .blob.core.windows.net\n"))
                }
                Some(_) => c.push_str(&format!("acl f{f} dstdomain .example.org\n")),
            }
        }
        for (allow, kind) in lines {
            let acls = match kind {
                0 => "all",
                1 => "f0",
                2 => "f1",
                3 => "auth",
                4 => "f0 auth",
                _ => "localnet",
            };
            c.push_str(&format!(
                "http_access {} {acls}\n",
                if *allow { "allow" } else { "deny" }
            ));
        }
        c
    }

    fn verdict(text: &str) -> DecisionAccess {
        let c = parse_squid(text, "squid.conf").unwrap();
        let host = Host::Name("acct.blob.core.windows.net".into());
        let req = ProxyRequest {
            client: Source::Ip("10.0.0.4".parse().unwrap()),
            vnet: AddrSet::from_net("10.0.0.0/16".parse().unwrap()),
            method: "CONNECT",
            host: &host,
            port: 443,
            listen_port: 3128,
            os: Os::Linux,
        };
        let parts = squid::eval(&c, &req, &AddrSet::from_ip("20.33.154.10".parse().unwrap()));
        let first = parts[0].access;
        if parts.iter().all(|p| p.access == first) {
            first
        } else {
            DecisionAccess::Unknown
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn the_squid_verdict_is_the_meet_over_every_resolution(
            lines in prop::collection::vec((any::<bool>(), 0u8..6), 0..6)
        ) {
            let mut seen = Vec::new();
            for r in [[false, false], [false, true], [true, false], [true, true]] {
                let v = verdict(&conf(&lines, Some(r)));
                prop_assert!(v != DecisionAccess::Unknown, "a resolution with every file given is decided");
                seen.push(v);
            }
            let meet = if seen.iter().all(|v| *v == seen[0]) { seen[0] } else { DecisionAccess::Unknown };
            let text = conf(&lines, None);
            prop_assert_eq!(verdict(&text), meet, "{}\nresolutions: {:?}", text, seen);
        }
    }
}

/// Admin rules that may or may not apply (read from network manager resources whose group membership is
/// not known offline, issue 18 §2) are decided on every branch before unknown (issue 20 §2): for random
/// admin rules, some of them uncertain, before one NSG, each address the engine decides is decided as on
/// every resolution (each uncertain rule applies or not, enumerated), one the resolutions disagree on is
/// unknown, and — where no AlwaysAllow rule takes part — one they agree on is decided.
/// Reference: azure-semantics.md §10.2 (admin rules before the NSGs), §1.2 (first match by priority).
mod admin_meet {
    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]
        #[test]
        fn the_admin_verdict_is_the_meet_over_every_resolution(
            admin_specs in prop::collection::vec(admin_strategy(), 1..6),
            uncertain in prop::collection::vec(prop::bool::weighted(0.4), 6),
            nsg_rules in prop::collection::vec(rule_strategy(), 0..5),
            port in 438u16..452,
        ) {
            let tags = ServiceTags::parse(ADMIN_TAGS, "t.json").unwrap();
            let vm = Ipv4Addr::new(10, 0, 0, 4);
            let env = Environment { tags: &tags, vnet: vec!["10.0.0.0/16".parse().unwrap()], vm_ip: Some(IpAddr::V4(vm)), vm_asgs: Some(vec![]), route_prefixes: vec![] };
            let base: Vec<AdminRule> = build_admin(&admin_specs).rules().to_vec();
            // at most three uncertain rules: 2^3 resolutions
            let mut maybe: Vec<usize> = (0..base.len()).filter(|i| uncertain[*i]).collect();
            maybe.truncate(3);
            let mut rules = base.clone();
            for &i in &maybe {
                rules[i].unknowns.push(format!("whether rule a{i} applies is not known offline"));
            }
            let admin = AdminRules::new(rules);
            let nsg = build_nsg("nic", &nsg_rules);
            let stages = vec![StageInput { nsg: &nsg, attached: Attachment::Nic }];
            let eng = Engine::new(&env, &stages).unwrap().with_admin(&admin).unwrap();
            let q = Query { protocol: Protocol::Tcp, direction: Direction::Outbound, source: Source::Ip(IpAddr::V4(vm)), source_ports: PortSet::range(50000, 50000), port, platform_exempt: false };
            let set = AddrSet::from_net("10.9.0.0/24".parse().unwrap());
            let out = eng.run(&q, &set);
            // every resolution: the uncertain rules in `mask` apply, the others do not
            let resolutions: Vec<AdminRules> = (0..1u32 << maybe.len())
                .map(|mask| {
                    let kept = base
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| match maybe.iter().position(|m| m == i) {
                            Some(k) => mask & (1 << k) != 0,
                            None => true,
                        })
                        .map(|(_, r)| r.clone())
                        .collect();
                    AdminRules::new(kept)
                })
                .collect();
            let exact = !base.iter().any(|r| {
                r.access == AdminAccess::AlwaysAllow
                    && r.direction == Direction::Outbound
                    && r.destination_ports.contains(port)
            });
            for last in 0..=255u8 {
                let d = Ipv4Addr::new(10, 9, 0, last);
                let verdicts: BTreeSet<bool> = resolutions
                    .iter()
                    .map(|a| naive_admin(a, Direction::Outbound, (vm, d), port, || naive_allows(&[&nsg], vm, d, port)))
                    .collect();
                let ip = IpAddr::V4(d);
                // a decided address is decided as every resolution decides it, and one the resolutions
                // disagree on is unknown; without an AlwaysAllow rule for the flow (every admin outcome a
                // Deny or a hand-on to the NSG) it is exact: decided wherever every resolution agrees
                match verdicts.iter().copied().collect::<Vec<_>>().as_slice() {
                    [true] if exact => prop_assert!(out.allowed.contains(ip), "{} allowed on every resolution", d),
                    [false] if exact => prop_assert!(out.denied.contains(ip), "{} denied on every resolution", d),
                    [true] => prop_assert!(!out.denied.contains(ip), "{} allowed on every resolution", d),
                    [false] => prop_assert!(!out.allowed.contains(ip), "{} denied on every resolution", d),
                    _ => prop_assert!(out.unknown.contains(ip), "{} differs between resolutions", d),
                }
            }
        }
    }
}

/// Routes whose address prefix is not known offline (a template expression) are decided on every branch
/// before unknown (issue 20 §2): such a route may cover any address, with any length — so for each address
/// the possible outcomes are the known longest-prefix route's and each unknown route's. Where they all go
/// the same way (same next hop and IP, or all drop the traffic) the address is decided as the known route
/// decides it; where they differ it is unknown. Reference: azure-semantics.md §4.3 (longest prefix match).
mod route_meet {
    use super::*;
    use azegress::engine::routes::{Hit, Router};

    fn table(routes: &[Route]) -> RouteTable {
        RouteTable {
            name: "rt".into(),
            routes: routes.to_vec(),
            effective: false,
            disable_bgp_propagation: false,
            origin: Origin::default(),
            warnings: vec![],
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn the_route_verdict_is_the_meet_over_every_resolution(
            known in prop::collection::vec(route_strategy(), 0..8),
            unknown in prop::collection::vec((0u8..4, prop::bool::ANY), 1..3),
            probes in prop::collection::vec((prop::bool::ANY, 0u32..(1 << 18)), 1..30),
        ) {
            let tags = ServiceTags::bundled();
            let env = Environment { tags: &tags, vnet: vec!["10.0.0.0/16".parse().unwrap()], vm_ip: None, vm_asgs: None, route_prefixes: vec![] };
            let hops = ["Internet", "None", "VirtualAppliance", "VnetLocal"];
            let route = |name: String, prefix: RoutePrefix, h: u8, other_ip: bool| Route {
                name,
                prefix,
                next_hop: NextHop::parse(hops[h as usize]),
                next_hop_ip: (h == 2).then(|| if other_ip { "10.0.1.5" } else { "10.0.1.4" }.parse().unwrap()),
                next_hop_resource: None,
                source: RouteSource::User,
                origin: Origin::default(),
            };
            let known: Vec<Route> = known
                .iter()
                .enumerate()
                .map(|(i, &(a, l, h))| route(format!("r{i}"), RoutePrefix::Net(IpNet::V4(ipnet::Ipv4Net::new(Ipv4Addr::from(a), l).unwrap())), h, false))
                .collect();
            let unknown: Vec<Route> = unknown
                .iter()
                .enumerate()
                .map(|(i, &(h, other))| route(format!("u{i}"), RoutePrefix::Unknown(format!("[parameters('p{i}')]")), h, other))
                .collect();
            let base = Router::new(Some(&table(&known)), &[], &env, "koreacentral").unwrap();
            let all: Vec<Route> = known.iter().chain(unknown.iter()).cloned().collect();
            let router = Router::new(Some(&table(&all)), &[], &env, "koreacentral").unwrap();
            let ips: Vec<u32> = probes.iter().map(|&(hi, b)| if hi { 0x1400_0000 | (b << 6) | 7 } else { 0x0A00_0000 | (b << 6) | 7 }).collect();
            let set = ips.iter().fold(AddrSet::empty(), |s, &ip| s.union(&AddrSet::from_ip(IpAddr::V4(Ipv4Addr::from(ip)))));
            let (base_parts, parts) = (base.route(&set), router.route(&set));
            // what a hit does with the traffic: (next hop, IP); every way of dropping it is the same
            let way = |hop: &NextHop, ip: Option<IpAddr>| match hop {
                NextHop::None => (format!("{:?}", NextHop::None), None),
                h => (format!("{h:?}"), ip),
            };
            for &ip in &ips {
                let a = AddrSet::from_ip(IpAddr::V4(Ipv4Addr::from(ip)));
                let hit_of = |ps: &[(AddrSet, Hit)]| ps.iter().find(|(s, _)| s.intersects(&a)).map(|(_, h)| *h).unwrap();
                let known_way = match hit_of(&base_parts) {
                    Hit::Route(i) => way(&base.routes[i].next_hop, base.routes[i].next_hop_ip),
                    Hit::NoRoute => way(&NextHop::None, None),
                    other => return Err(TestCaseError::fail(format!("unexpected {other:?}"))),
                };
                let ways: BTreeSet<(String, Option<IpAddr>)> = std::iter::once(known_way.clone())
                    .chain(unknown.iter().map(|u| way(&u.next_hop, u.next_hop_ip)))
                    .collect();
                match hit_of(&parts) {
                    Hit::Unknown(_) => prop_assert!(ways.len() > 1, "{} is unknown though every resolution goes {:?}", Ipv4Addr::from(ip), known_way),
                    Hit::Route(i) => {
                        prop_assert_eq!(ways.len(), 1, "{} decided though resolutions differ: {:?}", Ipv4Addr::from(ip), ways);
                        prop_assert_eq!(way(&router.routes[i].next_hop, router.routes[i].next_hop_ip), known_way);
                    }
                    Hit::NoRoute => prop_assert_eq!(ways.len(), 1),
                    Hit::Platform => {}
                }
            }
        }
    }
}

/// Decide every branch (issue 20 §2) for a Terraform module read without a plan: an NSG with known inline
/// rules and a `dynamic "security_rule"` block over a variable without a value (its rules unknown:
/// priority, access, destination and port). Resolved by giving the variable concrete rule lists
/// (`--var rules=[…]`: none; an Allow-all or a Deny-all at the first free priority or at another free one;
/// an Allow and a Deny at two free priorities, either first — free: held by no known rule, as Azure refuses
/// two rules of one priority and direction, azure-semantics.md §1.1).
///
/// Every resolution is decided (pass or fail). The verdict with the variable unknown is
/// - sound: pass only if every resolution passes, fail only if every resolution fails (else unknown);
/// - exact where nothing can come before the deciding rule: when a known rule matching all of TCP 8443 to
///   Storage.WestEurope (destination `*`, `Storage` or `Internet`; port `*` or `8443`) holds priority `d`
///   and every priority 100..=d is held by a known rule, the unknown rules (placed at the first free
///   priority at best) come after it: the verdict is that rule's, as on every resolution.
///
/// (Where an unknown rule could come first the tool may be inconclusive even when the resolutions tried
/// agree: the resolutions are a sample of what the variable can hold, not all of it.)
mod tf_meet {
    use super::*;
    use azegress::app::gate::{GateOptions, run_gate};
    use azegress::gate::Status;
    use azegress::ingest::tf_config::VarInputs;

    /// priority, allow, destination (0 `*`, 1 `Storage`, 2 `Internet`, 3 `10.0.0.0/8`), port (0 `*`, 1 `443`,
    /// 2 `8443`)
    type Known = (u32, bool, u8, u8);

    const DESTS: [&str; 4] = ["*", "Storage", "Internet", "10.0.0.0/8"];
    const PORTS: [&str; 3] = ["*", "443", "8443"];

    fn rule(name: &str, prio: u32, allow: bool, dest: &str, port: &str) -> String {
        format!(
            r#"
  security_rule {{
    name                       = "{name}"
    priority                   = {prio}
    direction                  = "Outbound"
    access                     = "{}"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "{port}"
    source_address_prefix      = "*"
    destination_address_prefix = "{dest}"
  }}"#,
            if allow { "Allow" } else { "Deny" }
        )
    }

    fn module(known: &[Known]) -> String {
        let rules: String = known
            .iter()
            .enumerate()
            .map(|(i, &(p, a, d, o))| {
                rule(&format!("k{i}"), p, a, DESTS[d as usize], PORTS[o as usize])
            })
            .collect();
        format!(
            r#"variable "rules" {{}}

resource "azurerm_virtual_network" "vnet" {{
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}}

resource "azurerm_subnet" "s" {{
  name                 = "s"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
}}

resource "azurerm_network_security_group" "nsg" {{
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"
{rules}
  dynamic "security_rule" {{
    for_each = var.rules
    content {{
      name                       = security_rule.value.name
      priority                   = security_rule.value.priority
      direction                  = "Outbound"
      access                     = security_rule.value.access
      protocol                   = "*"
      source_port_range          = "*"
      destination_port_range     = security_rule.value.port
      source_address_prefix      = "*"
      destination_address_prefix = security_rule.value.destination
    }}
  }}
}}

resource "azurerm_network_interface" "nic" {{
  name                = "nic"
  location            = "westeurope"
  resource_group_name = "rg"
  ip_configuration {{
    name                          = "ip"
    subnet_id                     = azurerm_subnet.s.id
    private_ip_address_allocation = "Dynamic"
  }}
}}

resource "azurerm_network_interface_security_group_association" "a" {{
  network_interface_id      = azurerm_network_interface.nic.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}}

resource "azurerm_linux_virtual_machine" "vm" {{
  name                  = "vm"
  location              = "westeurope"
  resource_group_name   = "rg"
  size                  = "Standard_B1s"
  admin_username        = "u"
  network_interface_ids = [azurerm_network_interface.nic.id]
  os_disk {{
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }}
}}
"#
        )
    }

    /// The VM's backup outcome with `rules` given (`None`: the variable has no value).
    fn status(dir: &std::path::Path, rules: Option<&str>) -> Status {
        let o = GateOptions {
            inputs: vec![dir.to_string_lossy().into_owned()],
            region: Some("westeurope".into()),
            tf_vars: VarInputs {
                files: Vec::new(),
                vars: rules
                    .map(|r| vec![("rules".to_string(), r.to_string())])
                    .unwrap_or_default(),
            },
            ..Default::default()
        };
        let r = run_gate(&o, &|| {}).unwrap_or_else(|e| panic!("{rules:?}: {e}"));
        let vm: Vec<_> = r.outcomes.iter().filter(|o| o.vm == "vm").collect();
        assert_eq!(vm.len(), 1, "{rules:?}: {:?}", r.outcomes);
        vm[0].status
    }

    fn dyn_rule(name: &str, prio: u32, allow: bool) -> String {
        format!(
            r#"{{ name = "{name}", priority = {prio}, access = "{}", destination = "*", port = "*" }}"#,
            if allow { "Allow" } else { "Deny" }
        )
    }

    /// Does a known rule decide all of TCP 8443 to Storage.WestEurope, and where?
    fn covers(&(_, _, d, o): &Known) -> bool {
        d <= 2 && o != 1
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn the_tf_verdict_with_unknown_rules_is_the_meet_over_every_resolution(
            specs in prop::collection::vec((any::<bool>(), 0u8..4, 0u8..3), 1..5),
            packed in any::<bool>(),
            spread in prop::collection::vec(0u32..3997, 5),
            pick in 0usize..1000,
        ) {
            // packed: priorities 100, 101, … (nothing free before the last); else spread over 100-4096
            let mut prios: Vec<u32> = Vec::new();
            for (i, s) in spread.iter().take(specs.len()).enumerate() {
                let mut p = if packed { 100 + i as u32 } else { 100 + s };
                while prios.contains(&p) {
                    p += 1;
                }
                prios.push(p);
            }
            let known: Vec<Known> = specs.iter().zip(&prios).map(|(&(a, d, o), &p)| (p, a, d, o)).collect();
            let free: Vec<u32> = (100..=4096).filter(|p| !prios.contains(p)).collect();
            let first = free[0];
            let other = free[1 + pick % (free.len() - 1)];
            let resolutions = [
                "[]".to_string(),
                format!("[{}]", dyn_rule("u-allow", first, true)),
                format!("[{}]", dyn_rule("u-deny", first, false)),
                format!("[{}]", dyn_rule("u-allow", other, true)),
                format!("[{}]", dyn_rule("u-deny", other, false)),
                format!("[{}, {}]", dyn_rule("u-allow", first, true), dyn_rule("u-deny", other, false)),
                format!("[{}, {}]", dyn_rule("u-deny", first, false), dyn_rule("u-allow", other, true)),
            ];
            let dir = tempfile::tempdir().unwrap();
            let text = module(&known);
            std::fs::write(dir.path().join("main.tf"), &text).unwrap();
            let mut seen = Vec::new();
            for r in &resolutions {
                let s = status(dir.path(), Some(r));
                prop_assert!(s != Status::Unknown, "a resolution is decided: {} gave {:?}\n{}", r, s, text);
                seen.push(s);
            }
            let meet = if seen.iter().all(|s| *s == seen[0]) { seen[0] } else { Status::Unknown };
            let got = status(dir.path(), None);
            // sound: never a verdict some resolution contradicts
            prop_assert!(got == meet || got == Status::Unknown,
                "unknown variable gave {:?}, resolutions {:?}\n{}", got, seen, text);
            // exact: a known rule decides before any priority an unknown rule could take
            let mut by_prio = known.clone();
            by_prio.sort();
            if let Some(k) = by_prio.iter().find(|k| covers(k))
                && k.0 < first
            {
                let want = if k.1 { Status::Pass } else { Status::Fail };
                prop_assert_eq!(meet, want, "every resolution agrees with the known rule at {}: {:?}\n{}", k.0, seen, text);
                prop_assert_eq!(got, want, "the known rule at {} decides\n{}", k.0, text);
            }
        }
    }
}
