//! The whole egress path of one flow, hop by hop (reference §8): the VM's NSGs (NIC, subnet), its routes,
//! the firewall when a route sends traffic to it, and with a proxy: VM → proxy IP:port (same hops) →
//! the proxy's policy → the proxy VM's NSGs and routes (and firewall) → storage. Every hop works on the
//! part of the destination set that reaches it.

use super::firewall::FirewallEval;
use super::routes::{Hit, Router};
use super::squid::{self, ProxyRequest};
use super::{Engine, Query, Source, ephemeral_ports};
use crate::model::*;
use crate::tags::fqdn::Host;
use ipnet::IpNet;
use std::net::IpAddr;

/// One leg's sender, its NSGs and its routes.
pub struct Leg<'a> {
    /// NSGs of the sender (NIC, subnet).
    pub nsgs: &'a Engine<'a>,
    /// The sender's subnet routes.
    pub router: &'a Router,
    /// Route table name for reports.
    pub route_table: String,
    /// Sender.
    pub source: Source,
    /// Where the sender's subnet is private without an explicit outbound method: what a route to the
    /// Internet (or a service endpoint) decides instead of delivering, and why.
    pub no_outbound: Option<(DecisionAccess, String)>,
}

/// The proxy on the path.
pub struct ProxyPath<'a> {
    /// Host as configured.
    pub host: String,
    /// Its IP (the host itself, or given separately); `None` when only a name is known.
    pub ip: Option<IpAddr>,
    /// Proxy port.
    pub port: u16,
    /// The proxy's squid.conf, if given.
    pub squid: Option<&'a SquidConf>,
    /// The proxy VM's own NSGs and routes.
    pub leg: Leg<'a>,
    /// The VM's OS (Linux tunnels to :443 whatever the port, §5.4).
    pub os: Os,
    /// Whether the client answers the proxy's credential challenge.
    pub auth: ProxyAuth,
}

/// Whether the client on a proxy path can send proxy credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxyAuth {
    /// The VM backup extension: by its OS (Linux none, Windows perhaps through the SYSTEM account).
    ByOs,
    /// A workload that cannot authenticate to a proxy (named): a credential challenge refuses it.
    Cannot(String),
    /// A workload that accepts proxy credentials (named): whether they are configured is not known offline.
    Can(String),
}

/// Everything on the way from the VM to storage.
pub struct PathSpec<'a> {
    /// The VM.
    pub vm: Leg<'a>,
    /// The firewall, when its rules are given.
    pub firewall: Option<&'a FirewallEval<'a>>,
    /// The firewall's private IP (from its configuration or `--firewall-ip`).
    pub firewall_ip: Option<IpAddr>,
    /// Name of the firewall for reports.
    pub firewall_name: String,
    /// Proxy, when the extension uses one for this host.
    pub proxy: Option<ProxyPath<'a>>,
    /// The storage host.
    pub host: Host,
    /// Destination name (`Storage.KoreaCentral`).
    pub dest_name: String,
    /// VNet space (squid `src` ACLs when the VM's IP is not given).
    pub vnet: AddrSet,
}

/// The walk of one flow.
#[derive(Default)]
pub struct Walk {
    /// Hops in path order.
    pub hops: Vec<Hop>,
    /// NSG stages of the VM's first leg.
    pub stages: Vec<Stage>,
    /// Reached storage.
    pub allowed: AddrSet,
    /// Denied somewhere.
    pub denied: AddrSet,
    /// Unknown somewhere.
    pub unknown: AddrSet,
    /// The first denying hop.
    pub blocked_by: Option<BlockedBy>,
}

impl Walk {
    /// Records `set` as denied; the first denial on the path becomes `blocked_by`.
    fn deny(&mut self, set: &AddrSet, b: impl FnOnce() -> BlockedBy) {
        self.denied = self.denied.union(set);
        if self.blocked_by.is_none() {
            self.blocked_by = Some(b());
        }
    }
}

/// A non-NSG hop's blocking rule.
fn blocked(
    hop: &'static str,
    rule: &str,
    priority: Option<u32>,
    name: String,
    origin: Option<&Origin>,
    leg: &'static str,
) -> BlockedBy {
    let origin = origin.filter(|o| !o.file.is_empty());
    BlockedBy {
        hop,
        nsg: None,
        attached_to: None,
        rule: rule.to_string(),
        priority,
        name: Some(name),
        origin: origin.map(ToString::to_string),
        pointer: origin.and_then(Origin::json_pointer),
        line: origin.map(|o| o.line).filter(|l| *l > 0),
        leg,
        cause: None,
    }
}

fn hop_verdict(ds: &[Decision]) -> FlowVerdict {
    let has = |a| ds.iter().any(|d| d.access == a);
    match (
        has(DecisionAccess::Allow),
        has(DecisionAccess::Deny),
        has(DecisionAccess::Unknown),
    ) {
        (_, false, false) => FlowVerdict::Allowed,
        (false, true, false) => FlowVerdict::Denied,
        (_, false, true) => FlowVerdict::Unknown,
        _ => FlowVerdict::Partial,
    }
}

fn count(set: &AddrSet, nets: &[IpNet]) -> (usize, u64) {
    (
        nets.iter()
            .filter(|n| set.intersects(&AddrSet::from_net(**n)))
            .count(),
        u64::try_from(set.count_v4()).unwrap_or(u64::MAX),
    )
}

fn decision(
    rule: String,
    priority: u32,
    access: DecisionAccess,
    (set, nets): (&AddrSet, &[IpNet]),
    reason: Option<String>,
    origin: Option<&Origin>,
    next_hop: Option<String>,
) -> Decision {
    let (prefixes, ipv4_addresses) = count(set, nets);
    Decision {
        rule,
        priority,
        access,
        prefixes,
        ipv4_addresses,
        reason,
        origin: origin.filter(|o| o.line > 0).map(ToString::to_string),
        pointer: origin.and_then(Origin::json_pointer),
        next_hop,
    }
}

struct LegRun<'x> {
    leg_name: &'static str,
    port: u16,
    host: Option<&'x Host>,
    target: String,
    to_proxy: bool,
}

impl PathSpec<'_> {
    fn hop(
        &self,
        w: &mut Walk,
        hop: &'static str,
        name: String,
        att: Option<Attachment>,
        r: &LegRun<'_>,
        ds: Vec<Decision>,
    ) {
        if ds.is_empty() {
            return;
        }
        w.hops.push(Hop {
            hop,
            name,
            attached_to: att,
            leg: r.leg_name,
            target: r.target.clone(),
            verdict: hop_verdict(&ds),
            addresses: ds.iter().map(|d| d.ipv4_addresses).sum(),
            decisions: ds,
        });
    }

    /// Runs one leg over `dest`; returns what it delivers beyond its last hop.
    fn run_leg(
        &self,
        leg: &Leg<'_>,
        r: &LegRun<'_>,
        dest: &AddrSet,
        nets: &[IpNet],
        w: &mut Walk,
    ) -> AddrSet {
        let q = Query {
            protocol: Protocol::Tcp,
            direction: Direction::Outbound,
            source: leg.source.clone(),
            source_ports: ephemeral_ports(),
            port: r.port,
            platform_exempt: false,
        };
        let out = leg.nsgs.run(&q, dest);
        // the VNet's security admin rules come before the NSGs (reference §10.2)
        let admin = leg.nsgs.admin_decisions(&out, nets);
        self.hop(w, "admin", leg.nsgs.admin_hop_name(&out), None, r, admin);
        let stages = leg.nsgs.report_stages(&out, nets);
        for st in &stages {
            self.hop(
                w,
                "nsg",
                st.nsg.clone(),
                Some(st.attached_to),
                r,
                st.decisions.clone(),
            );
        }
        if w.stages.is_empty() {
            w.stages = stages;
        }
        if w.blocked_by.is_none()
            && let Some(mut b) = leg.nsgs.blocked_by(&out)
        {
            b.leg = r.leg_name;
            w.blocked_by = Some(b);
        }
        w.denied = w.denied.union(&out.denied);
        w.unknown = w.unknown.union(&out.unknown);

        // routes
        let mut delivered = AddrSet::empty();
        let mut to_fw = AddrSet::empty();
        let mut ds = Vec::new();
        for (set, ri) in leg.router.route(&out.allowed) {
            let route = ri.index().and_then(|i| leg.router.routes.get(i));
            // a private subnet's Internet route: the cause the report and fix go by
            let mut private_cause = None;
            let (access, reason, name, hop_text, origin) = match (ri, route) {
                (Hit::Platform, _) => (
                    DecisionAccess::Allow,
                    Some(format!(
                        "168.63.129.16 (WireServer) is reached directly, whatever the routes say ({})",
                        crate::learn::WIRESERVER
                    )),
                    "platform".to_string(),
                    None,
                    None,
                ),
                (Hit::Unknown(k), _) => {
                    let u = &leg.router.unknown[k];
                    (
                        DecisionAccess::Unknown,
                        Some(format!(
                            "route `{}` has an address prefix not known offline ({}); it may cover these addresses and send them to {}",
                            u.name,
                            u.prefix,
                            u.hop_text()
                        )),
                        u.name.clone(),
                        Some(u.hop_text()),
                        u.origin.as_ref(),
                    )
                }
                (_, None) => (
                    DecisionAccess::Deny,
                    Some("no route matches these addresses: Azure drops them".to_string()),
                    "no route".to_string(),
                    Some("None".to_string()),
                    None,
                ),
                (_, Some(rt)) => {
                    let (access, reason) = match (&rt.next_hop, &leg.no_outbound) {
                        (NextHop::Internet, Some((a, why))) => {
                            private_cause = Some(CAUSE_PRIVATE_SUBNET);
                            (*a, Some(why.clone()))
                        }
                        (NextHop::ServiceEndpoint, Some((_, why))) => (
                            DecisionAccess::Unknown,
                            Some(format!(
                                "{why}; whether a Microsoft.Storage service endpoint reaches storage from a private subnet \
                                 without an explicit outbound method is not documented ({})",
                                crate::learn::DEFAULT_OUTBOUND
                            )),
                        ),
                        _ => self.next_hop(rt, r.to_proxy),
                    };
                    (
                        access,
                        reason,
                        rt.name.clone(),
                        Some(rt.hop_text()),
                        rt.origin.as_ref(),
                    )
                }
            };
            let to_firewall = route.is_some_and(|rt| self.goes_to_firewall(rt));
            match access {
                DecisionAccess::Allow if to_firewall => to_fw = to_fw.union(&set),
                DecisionAccess::Allow => delivered = delivered.union(&set),
                DecisionAccess::Deny => w.deny(&set, || {
                    let o = origin.filter(|o| o.line > 0);
                    let mut b =
                        blocked("route", &name, None, leg.route_table.clone(), o, r.leg_name);
                    b.cause = private_cause;
                    b
                }),
                DecisionAccess::Unknown => w.unknown = w.unknown.union(&set),
            }
            ds.push(decision(
                name,
                0,
                access,
                (&set, nets),
                reason,
                origin,
                hop_text,
            ));
        }
        self.hop(w, "route", leg.route_table.clone(), None, r, ds);

        // firewall
        if !to_fw.is_empty()
            && let Some(fw) = self.firewall
        {
            let mut ds = Vec::new();
            for p in fw.eval(&leg.source, r.port, r.host, &to_fw) {
                match p.access {
                    DecisionAccess::Allow => delivered = delivered.union(&p.set),
                    DecisionAccess::Deny => w.deny(&p.set, || {
                        let o = p.origin.as_ref().filter(|o| o.line > 0);
                        let prio = (p.priority > 0).then_some(p.priority);
                        blocked(
                            "firewall",
                            &p.rule,
                            prio,
                            self.firewall_name.clone(),
                            o,
                            r.leg_name,
                        )
                    }),
                    DecisionAccess::Unknown => w.unknown = w.unknown.union(&p.set),
                }
                ds.push(decision(
                    p.rule,
                    p.priority,
                    p.access,
                    (&p.set, nets),
                    p.reason,
                    p.origin.as_ref(),
                    None,
                ));
            }
            self.hop(w, "firewall", self.firewall_name.clone(), None, r, ds);
        }
        delivered
    }

    /// A route to an appliance at the firewall's IP — or at an IP not known offline (a template or plan
    /// reference) when a firewall is given, which the route decision then states as an assumption.
    fn goes_to_firewall(&self, rt: &super::routes::RouteInfo) -> bool {
        rt.next_hop == NextHop::VirtualAppliance
            && self.firewall.is_some()
            && match &rt.next_hop_resource {
                // a Virtual WAN route names the hub's firewall by id
                Some(r) => r.eq_ignore_ascii_case(&self.firewall_name),
                None => rt.next_hop_ip.is_none() || rt.next_hop_ip == self.firewall_ip,
            }
    }

    fn next_hop(
        &self,
        rt: &super::routes::RouteInfo,
        to_proxy: bool,
    ) -> (DecisionAccess, Option<String>) {
        match &rt.next_hop {
            NextHop::Internet => (DecisionAccess::Allow, None),
            NextHop::ServiceEndpoint => (
                DecisionAccess::Allow,
                Some(format!(
                    "service endpoint: reaches storage over the Azure backbone; storage sees the VM's private IP as the source, so storage firewall rules must allow the subnet ({})",
                    crate::learn::SERVICE_ENDPOINTS
                )),
            ),
            NextHop::PrivateEndpoint => (
                DecisionAccess::Allow,
                Some(format!(
                    "to the storage account's private endpoint, inside the virtual network ({})",
                    crate::learn::PRIVATE_ENDPOINTS
                )),
            ),
            NextHop::VnetLocal | NextHop::VnetPeering if to_proxy => (DecisionAccess::Allow, None),
            NextHop::VnetLocal | NextHop::VnetPeering => (
                DecisionAccess::Unknown,
                Some(format!(
                    "`{}` sends storage's public addresses into the virtual network, where storage is not",
                    rt.name
                )),
            ),
            NextHop::VirtualAppliance if rt.next_hop_resource.is_some() => {
                let r = rt.next_hop_resource.as_deref().unwrap_or_default();
                if self.goes_to_firewall(rt) {
                    (
                        DecisionAccess::Allow,
                        Some(format!(
                            "to the virtual hub's Azure Firewall `{r}`, which the hub's routing names"
                        )),
                    )
                } else {
                    (
                        DecisionAccess::Unknown,
                        Some(format!(
                            "to the virtual hub's firewall `{r}`, whose rules are not among the inputs: pass its policy with the other resources, or --firewall FILE ({})",
                            crate::learn::VWAN_ROUTING
                        )),
                    )
                }
            }
            NextHop::VirtualAppliance => match rt.next_hop_ip {
                Some(_) if self.goes_to_firewall(rt) => {
                    (DecisionAccess::Allow, Some("to the Azure Firewall".into()))
                }
                None if self.goes_to_firewall(rt) => (
                    DecisionAccess::Allow,
                    Some(format!(
                        "next hop IP not known offline (a template or plan reference): assumed to be the firewall `{}` given",
                        self.firewall_name
                    )),
                ),
                Some(ip) if Some(ip) == self.firewall_ip => (
                    DecisionAccess::Unknown,
                    Some(format!(
                        "to the firewall at {ip}, whose rules were not given (--firewall)"
                    )),
                ),
                Some(ip) => (
                    DecisionAccess::Unknown,
                    Some(format!(
                        "to a network virtual appliance at {ip} that is not described: if it is an Azure Firewall pass --firewall FILE (and --firewall-ip {ip})"
                    )),
                ),
                None => (
                    DecisionAccess::Unknown,
                    Some(format!(
                        "`{}` names a virtual appliance whose IP is not known offline",
                        rt.name
                    )),
                ),
            },
            NextHop::VirtualNetworkGateway => (
                DecisionAccess::Unknown,
                Some(format!(
                    "forced tunnelling to on-premises through the VPN gateway: whether on-premises lets it out to Azure Storage is not known offline ({})",
                    crate::learn::ROUTES
                )),
            ),
            NextHop::None => (
                DecisionAccess::Deny,
                Some(format!(
                    "`{}` has next hop None: Azure drops the traffic",
                    rt.name
                )),
            ),
            NextHop::Other(o) => (
                DecisionAccess::Unknown,
                Some(format!("next hop `{o}` is not modelled")),
            ),
            NextHop::Unknown(e) => (
                DecisionAccess::Unknown,
                Some(format!(
                    "`{}` has a next hop type not known offline: {e}",
                    rt.name
                )),
            ),
        }
    }

    /// Walks one flow (TCP to `port`) over `dest` (the destination's addresses; `nets` its prefixes).
    pub fn walk(&self, port: u16, dest: &AddrSet, nets: &[IpNet]) -> Walk {
        let mut w = Walk::default();
        let target = format!("{}:{port}/tcp", self.dest_name);
        let delivered = match &self.proxy {
            None => self.run_leg(
                &self.vm,
                &LegRun {
                    leg_name: "vm",
                    port,
                    host: Some(&self.host),
                    target,
                    to_proxy: false,
                },
                dest,
                nets,
                &mut w,
            ),
            Some(p) => self.walk_proxy(p, port, dest, nets, &mut w),
        };
        let (prefixes, ipv4) = count(&delivered, nets);
        if !delivered.is_empty() {
            w.hops.push(Hop {
                hop: "destination",
                name: self.host.display(),
                attached_to: None,
                leg: if self.proxy.is_some() {
                    "proxy-to-storage"
                } else {
                    "vm"
                },
                target: format!("{}:{}/tcp", self.dest_name, self.storage_port(port)),
                verdict: FlowVerdict::Allowed,
                addresses: ipv4,
                decisions: vec![Decision {
                    rule: "reached".into(),
                    priority: 0,
                    access: DecisionAccess::Allow,
                    prefixes,
                    ipv4_addresses: ipv4,
                    reason: None,
                    origin: None,
                    pointer: None,
                    next_hop: None,
                }],
            });
        }
        w.allowed = delivered;
        w
    }

    /// The port storage sees: the Linux extension tunnels to 443 through a proxy (reference §5.4).
    fn storage_port(&self, port: u16) -> u16 {
        match &self.proxy {
            Some(p) if p.os == Os::Linux => 443,
            _ => port,
        }
    }

    fn walk_proxy(
        &self,
        p: &ProxyPath<'_>,
        port: u16,
        dest: &AddrSet,
        nets: &[IpNet],
        w: &mut Walk,
    ) -> AddrSet {
        let Some(ip) = p.ip else {
            w.unknown = dest.clone();
            let r = LegRun {
                leg_name: "vm-to-proxy",
                port: p.port,
                host: None,
                target: format!("{}:{}/tcp", p.host, p.port),
                to_proxy: true,
            };
            let ds = vec![decision(
                p.host.clone(),
                0,
                DecisionAccess::Unknown,
                (dest, nets),
                Some(format!(
                    "proxy `{}` is a host name: its address is not known offline (give the proxy VM's IP: scenario `proxy.vm.ip` or --proxy-ip)",
                    p.host
                )),
                None,
                None,
            )];
            self.hop(w, "proxy", p.host.clone(), None, &r, ds);
            return AddrSet::empty();
        };
        // leg 1: VM → proxy IP:port
        let mut w1 = Walk::default();
        let r1 = LegRun {
            leg_name: "vm-to-proxy",
            port: p.port,
            host: None,
            target: format!("{ip}:{}/tcp", p.port),
            to_proxy: true,
        };
        let reached = self.run_leg(&self.vm, &r1, &AddrSet::from_ip(ip), &[], &mut w1);
        w.hops.append(&mut w1.hops);
        w.stages = w1.stages;
        if reached.is_empty() {
            if w1.denied.is_empty() {
                w.unknown = dest.clone();
            } else {
                w.denied = dest.clone();
                w.blocked_by = w1.blocked_by;
            }
            return AddrSet::empty();
        }
        // the proxy's policy
        let (method, port2) = match p.os {
            Os::Linux => ("CONNECT", 443),
            Os::Windows if port == 80 => ("GET", 80),
            Os::Windows => ("CONNECT", port),
        };
        let r2 = LegRun {
            leg_name: "proxy-to-storage",
            port: port2,
            host: Some(&self.host),
            target: format!("{method} {}:{port2}", self.host.display()),
            to_proxy: false,
        };
        let mut through = AddrSet::empty();
        let mut ds = Vec::new();
        let linux_note = (p.os == Os::Linux && port != 443).then(|| {
            format!("the Linux extension tunnels (CONNECT) to {}:443 through the proxy whatever the storage port (the extension's HTTP client, VMBackup HttpUtil.py)", self.host.display())
        });
        match p.squid {
            None => {
                w.unknown = w.unknown.union(dest);
                ds.push(decision("proxy policy".into(), 0, DecisionAccess::Unknown, (dest, nets), Some(format!(
                        "the proxy's policy was not given (--squid-conf): whether it lets the VM {method} {}:{port2} is not known offline",
                        self.host.display()
                    )), None, None));
            }
            Some(conf) => {
                let req = ProxyRequest {
                    client: self.vm.source.clone(),
                    vnet: self.vnet.clone(),
                    method,
                    host: &self.host,
                    port: port2,
                    listen_port: p.port,
                    os: match p.auth {
                        ProxyAuth::ByOs => p.os,
                        ProxyAuth::Cannot(_) => Os::Linux,
                        ProxyAuth::Can(_) => Os::Windows,
                    },
                };
                for mut part in squid::eval(conf, &req, dest) {
                    reword_auth(&mut part, &p.auth);
                    let origin = Origin::at(&part.file, part.line);
                    match part.access {
                        DecisionAccess::Allow => through = through.union(&part.set),
                        DecisionAccess::Deny => w.deny(&part.set, || {
                            let o = Origin::at(&part.file, part.line);
                            let name = format!("{}:{}", p.host, p.port);
                            blocked(
                                "proxy",
                                &part.rule,
                                None,
                                name,
                                Some(&o),
                                "proxy-to-storage",
                            )
                        }),
                        DecisionAccess::Unknown => w.unknown = w.unknown.union(&part.set),
                    }
                    let reason = match (&part.reason, &linux_note) {
                        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                        (a, b) => a.clone().or(b.clone()),
                    };
                    ds.push(decision(
                        part.rule,
                        0,
                        part.access,
                        (&part.set, nets),
                        reason,
                        Some(&origin),
                        None,
                    ));
                }
            }
        }
        self.hop(w, "proxy", format!("{}:{}", p.host, p.port), None, &r2, ds);
        if through.is_empty() {
            return through;
        }
        // leg 2: the proxy VM → storage
        self.run_leg(&p.leg, &r2, &through, nets, w)
    }
}

/// A proxy's credential challenge in the words of the workload on the path (squid words it for the VM
/// backup extension).
fn reword_auth(part: &mut squid::SquidPart, auth: &ProxyAuth) {
    let Some(r) = &part.reason else { return };
    let Some(i) = r.find(" asks for proxy credentials") else {
        return;
    };
    let acl = &r[..i];
    part.reason = match auth {
        ProxyAuth::ByOs => return,
        ProxyAuth::Cannot(who) => Some(format!(
            "{acl} asks for proxy credentials (407): {who} cannot authenticate to a proxy (an authenticated proxy isn't supported), so the request is refused"
        )),
        ProxyAuth::Can(who) => Some(format!(
            "{acl} asks for proxy credentials: {who} accepts proxy credentials, but whether its proxy settings hold them is not known offline"
        )),
    };
}
