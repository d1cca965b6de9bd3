//! Route selection over address sets (reference §4.3): longest prefix first; on identical prefixes user
//! routes beat BGP beat system routes, and for service-tag routes an explicit CIDR beats a regional tag
//! beats a global tag beats `AzureCloud.<region>` beats `AzureCloud`. System routes for the VNet, peerings
//! and service endpoints win even against more specific BGP routes. 168.63.129.16 is not routed (§4.4).

use super::resolve::Environment;
use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::model::*;
use crate::tags::special::WIRESERVER;
use ipnet::IpNet;
use std::net::IpAddr;

/// One route, compiled, with everything a report needs.
#[derive(Clone, Debug)]
pub struct RouteInfo {
    /// Name (`DefaultRoute`, `Default:0.0.0.0/0`, `ServiceEndpoint:Microsoft.Storage`).
    pub name: String,
    /// Prefix or tag as written.
    pub prefix: String,
    /// Next hop.
    pub next_hop: NextHop,
    /// Next hop IP.
    pub next_hop_ip: Option<IpAddr>,
    /// The resource named as next hop (a Virtual WAN route naming the hub's firewall by id).
    pub next_hop_resource: Option<String>,
    /// Source.
    pub source: RouteSource,
    /// Where written (None for synthesized system routes).
    pub origin: Option<Origin>,
}

impl RouteInfo {
    /// `VirtualAppliance 10.0.1.4`, `Internet`, …
    pub fn hop_text(&self) -> String {
        match (self.next_hop_ip, &self.next_hop_resource) {
            (Some(ip), _) => format!("{} {ip}", self.next_hop),
            (None, Some(r)) => format!("{} `{r}`", self.next_hop),
            (None, None) => self.next_hop.to_string(),
        }
    }
}

struct Entry {
    set: AddrSet,
    len: u8,
    class: u8,
    route: usize,
}

/// A compiled route table: every route's prefixes, in selection order.
pub struct Router {
    /// Routes (index targets of the parts).
    pub routes: Vec<RouteInfo>,
    entries: Vec<Entry>,
    /// A private endpoint whose /32 yields to covering user routes (network policies enable route tables).
    pe_yields: Option<(AddrSet, usize)>,
    /// Problems found while compiling.
    pub warnings: Vec<Diagnostic>,
    /// Routes whose address prefix is not known offline: they may cover any address.
    pub unknown: Vec<RouteInfo>,
}

/// What a part of the destination meets in the route table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// 168.63.129.16: not subject to routes.
    Platform,
    /// No route covers it (an effective table without 0.0.0.0/0): Azure drops it.
    NoRoute,
    /// The route at this index of [`Router::routes`].
    Route(usize),
    /// A route whose prefix is not known offline ([`Router::unknown`]) may take it somewhere else.
    Unknown(usize),
}

impl Hit {
    /// The route's index, when a route decides.
    pub fn index(self) -> Option<usize> {
        match self {
            Hit::Route(i) => Some(i),
            _ => None,
        }
    }
}

/// A part of the destination and what it meets.
pub type RoutedPart = (AddrSet, Hit);

/// Tie-break class of a service-tag route prefix.
fn tag_class(tag: &str) -> u8 {
    let lower = tag.to_ascii_lowercase();
    match (lower.starts_with("azurecloud"), lower.contains('.')) {
        (false, true) => 1,
        (false, false) => 2,
        (true, true) => 3,
        (true, false) => 4,
    }
}

/// Region-specific storage tags a `Microsoft.Storage` endpoint covers.
fn endpoint_tags(ep: &ServiceEndpoint, region: &str) -> Vec<String> {
    let s = ep.service.to_ascii_lowercase();
    if s == "microsoft.storage.global" || ep.locations.iter().any(|l| l.trim() == "*") {
        return vec!["Storage".into()];
    }
    if s != "microsoft.storage" {
        return Vec::new();
    }
    let mut locs: Vec<String> = ep.locations.clone();
    if locs.is_empty() {
        locs.push(region.to_string());
    }
    locs.iter()
        .map(|l| format!("Storage.{}", l.replace([' ', '-'], "")))
        .collect()
}

impl Router {
    /// Compiles the subnet's routes: the table's (effective routes are used as given), else system routes
    /// for the VNet, plus service-endpoint routes for `Microsoft.Storage` (`region` = the VM's region).
    pub fn new(
        table: Option<&RouteTable>,
        endpoints: &[ServiceEndpoint],
        env: &Environment<'_>,
        region: &str,
    ) -> Result<Router, Error> {
        let mut r = Router {
            routes: Vec::new(),
            entries: Vec::new(),
            pe_yields: None,
            warnings: Vec::new(),
            unknown: Vec::new(),
        };
        let effective = table.is_some_and(|t| t.effective);
        if !effective {
            r.system_routes(env);
            for ep in endpoints {
                for tag in endpoint_tags(ep, region) {
                    let Some(entry) = env
                        .tags
                        .regional("Storage", tag.trim_start_matches("Storage."))
                        .filter(|_| tag.contains('.'))
                        .or_else(|| env.tags.get(&tag))
                    else {
                        r.warnings.push(
                            Diagnostic::new(
                                &diag::ENDPOINT_TAG_MISSING,
                                format!(
                                    "service endpoint {} for `{tag}`: no such tag in {}; its route is not modelled",
                                    ep.service, env.tags.source
                                ),
                            )
                            .at(&ep.origin),
                        );
                        continue;
                    };
                    let nets = env.tags.prefixes(entry)?.nets.clone();
                    let idx = r.push_route(RouteInfo {
                        name: format!("ServiceEndpoint:{} ({})", ep.service, entry.name),
                        prefix: entry.name.clone(),
                        next_hop: NextHop::ServiceEndpoint,
                        next_hop_ip: None,
                        next_hop_resource: None,
                        source: RouteSource::Default,
                        origin: (ep.origin.line > 0).then(|| ep.origin.clone()),
                    });
                    for n in nets {
                        r.entry(n, 6, idx);
                    }
                }
            }
        }
        if let Some(t) = table {
            for route in &t.routes {
                let info = RouteInfo {
                    name: route.name.clone(),
                    prefix: route.prefix.to_string(),
                    next_hop: route.next_hop.clone(),
                    next_hop_ip: route.next_hop_ip,
                    next_hop_resource: route.next_hop_resource.clone(),
                    source: route.source,
                    origin: Some(route.origin.clone()),
                };
                if let RoutePrefix::Unknown(_) = &route.prefix {
                    r.unknown.push(info);
                    continue;
                }
                let idx = r.push_route(info);
                let base = match route.source {
                    RouteSource::User => 0,
                    RouteSource::Gateway => 5,
                    RouteSource::Default => match route.next_hop {
                        NextHop::VnetLocal
                        | NextHop::VnetPeering
                        | NextHop::ServiceEndpoint
                        | NextHop::PrivateEndpoint => 6,
                        _ => 7,
                    },
                };
                match &route.prefix {
                    RoutePrefix::Net(n) => r.entry(*n, base, idx),
                    RoutePrefix::Unknown(_) => {}
                    RoutePrefix::Tag(tag) => {
                        let Some(e) = env.tags.get(tag) else {
                            return Err(Error::at(
                                &route.origin,
                                format!(
                                    "route `{}`: unknown service tag `{tag}` as address prefix: not in {} (cloud {}, changeNumber {})",
                                    route.name,
                                    env.tags.source,
                                    env.tags.cloud,
                                    env.tags.change_number
                                ),
                            ));
                        };
                        if let Err(w) = e.supports("UDR") {
                            r.warnings.push(
                                Diagnostic::new(
                                    &diag::TAG_NOT_SUPPORTED,
                                    format!("route `{}`: {w}", route.name),
                                )
                                .at(&route.origin),
                            );
                        }
                        let class = base.max(tag_class(&e.name));
                        for n in env.tags.prefixes(e)?.nets.clone() {
                            r.entry(n, class, idx);
                        }
                    }
                }
            }
        }
        // system VNet/peering/service-endpoint routes win even against more specific BGP routes
        let protected = r
            .entries
            .iter()
            .filter(|e| e.class == 6)
            .fold(AddrSet::empty(), |acc, e| acc.union(&e.set));
        for e in r.entries.iter_mut().filter(|e| e.class == 5) {
            e.set = e.set.difference(&protected);
        }
        r.entries
            .sort_by(|a, b| b.len.cmp(&a.len).then(a.class.cmp(&b.class)));
        Ok(r)
    }

    /// Adds a private endpoint's /32 route (reference §4.6): it wins by longest prefix, unless the endpoint's
    /// network policies enable route tables, when any user route covering it applies instead.
    pub fn add_private_endpoint(&mut self, pe: &PrivateEndpoint) {
        let net = IpNet::from(pe.ip);
        let i = self.push_route(RouteInfo {
            name: format!("PrivateEndpoint:{net}"),
            prefix: net.to_string(),
            next_hop: NextHop::PrivateEndpoint,
            next_hop_ip: None,
            next_hop_resource: None,
            source: RouteSource::Default,
            origin: None,
        });
        if pe.route_tables_apply() {
            self.pe_yields = Some((AddrSet::from_ip(pe.ip), i));
        } else {
            self.entry(net, 6, i);
            self.entries
                .sort_by(|a, b| b.len.cmp(&a.len).then(a.class.cmp(&b.class)));
        }
    }

    fn push_route(&mut self, info: RouteInfo) -> usize {
        self.routes.push(info);
        self.routes.len() - 1
    }

    fn entry(&mut self, net: IpNet, class: u8, route: usize) {
        self.entries.push(Entry {
            set: AddrSet::from_net(net),
            len: net.prefix_len(),
            class,
            route,
        });
    }

    fn system_routes(&mut self, env: &Environment<'_>) {
        let sys = |name: &str, prefix: &str, hop: NextHop| RouteInfo {
            name: format!("Default:{name}"),
            prefix: prefix.to_string(),
            next_hop: hop,
            next_hop_ip: None,
            next_hop_resource: None,
            source: RouteSource::Default,
            origin: None,
        };
        let vnet: Vec<IpNet> = if env.vnet.is_empty() {
            super::resolve::ASSUMED_PRIVATE
                .iter()
                .filter_map(|s| s.parse().ok())
                .collect()
        } else {
            env.vnet.clone()
        };
        for n in &vnet {
            let i = self.push_route(sys(&n.to_string(), &n.to_string(), NextHop::VnetLocal));
            self.entry(*n, 6, i);
        }
        for (p, hop) in [
            ("0.0.0.0/0", NextHop::Internet),
            ("::/0", NextHop::Internet),
            ("10.0.0.0/8", NextHop::None),
            ("172.16.0.0/12", NextHop::None),
            ("192.168.0.0/16", NextHop::None),
            ("100.64.0.0/10", NextHop::None),
        ] {
            let Ok(n) = p.parse::<IpNet>() else { continue };
            // a private range used by the VNet itself switches to the VNet route (§4.1)
            if hop == NextHop::None && vnet.iter().any(|v| v.contains(&n)) {
                continue;
            }
            let i = self.push_route(sys(p, p, hop));
            self.entry(n, 7, i);
        }
    }

    /// Splits `dest` by the route each address takes (longest prefix, then tie-break).
    pub fn route(&self, dest: &AddrSet) -> Vec<RoutedPart> {
        let mut remaining = dest.clone();
        let mut parts: Vec<RoutedPart> = Vec::new();
        if let Ok(w) = WIRESERVER.parse::<IpAddr>() {
            let wire = AddrSet::from_ip(w);
            let hit = remaining.intersect(&wire);
            if !hit.is_empty() {
                remaining = remaining.difference(&hit);
                parts.push((hit, Hit::Platform));
            }
        }
        if let Some((pe, idx)) = &self.pe_yields {
            let hit = remaining.intersect(pe);
            if !hit.is_empty() {
                remaining = remaining.difference(&hit);
                let user = self
                    .entries
                    .iter()
                    .find(|e| e.class <= 4 && e.set.intersects(&hit))
                    .map_or(*idx, |e| e.route);
                parts.push((hit, Hit::Route(user)));
            }
        }
        for e in &self.entries {
            if remaining.is_empty() {
                break;
            }
            let hit = remaining.intersect(&e.set);
            if hit.is_empty() {
                continue;
            }
            remaining = remaining.difference(&hit);
            match parts.iter_mut().find(|(_, r)| *r == Hit::Route(e.route)) {
                Some(p) => p.0 = p.0.union(&hit),
                None => parts.push((hit, Hit::Route(e.route))),
            }
        }
        if !remaining.is_empty() {
            parts.push((remaining, Hit::NoRoute));
        }
        if self.unknown.is_empty() {
            return parts;
        }
        // a route with an unknown prefix may cover any address; where it would send traffic elsewhere than
        // the route that decides now, the result is unknown — where it goes the same way, it changes nothing
        parts
            .into_iter()
            .map(|(set, hit)| {
                let same_way = |u: &RouteInfo| match hit {
                    Hit::Route(i) => self.routes.get(i).is_some_and(|r| {
                        r.next_hop == u.next_hop
                            && r.next_hop_ip == u.next_hop_ip
                            && r.next_hop_resource == u.next_hop_resource
                            // both drop the traffic: decided either way
                            || (r.next_hop == NextHop::None && u.next_hop == NextHop::None)
                    }),
                    // no route drops the traffic, as a route to None does
                    Hit::NoRoute => u.next_hop == NextHop::None,
                    _ => false,
                };
                match self.unknown.iter().position(|u| !same_way(u)) {
                    Some(k) if hit != Hit::Platform => (set, Hit::Unknown(k)),
                    _ => (set, hit),
                }
            })
            .collect()
    }

    /// User-route CIDR prefixes (they join the `VirtualNetwork` tag).
    pub fn user_prefixes(table: Option<&RouteTable>) -> Vec<IpNet> {
        table
            .map(|t| {
                t.routes
                    .iter()
                    .filter(|r| r.source == RouteSource::User)
                    .filter_map(|r| match r.prefix {
                        RoutePrefix::Net(n) => Some(n),
                        RoutePrefix::Tag(_) | RoutePrefix::Unknown(_) => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}
