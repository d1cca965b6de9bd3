//! Virtual WAN: the routes a virtual hub programs into the virtual networks connected to it.
//!
//! Reads the hub resources among the inputs (ARM and export shapes; Terraform's are turned into these by
//! `tf_topology`): virtual hubs, their virtual network connections (`enableInternetSecurity`, the associated
//! route table), hub route tables and routing intent, and the private IP of secured-hub firewalls
//! (`hubIPAddresses.privateIPAddress`). [`Hubs::learned`] gives a connected virtual network the routes its
//! hub sends it, as gateway routes its subnets' own routes may still override:
//! - routing intent, when the hub has one, replaces the route tables: an Internet policy sends 0.0.0.0/0 to
//!   its next hop, a private-traffic policy the RFC 1918 ranges;
//! - otherwise the connection's associated route table (the hub's `defaultRouteTable` when none is named)
//!   gives its CIDR routes, except those equal to or inside the virtual network's own address space;
//! - 0.0.0.0/0 reaches the virtual network only when the connection has internet security enabled.
//!
//! What the inputs do not say (a hub, a route table or a flag not among them or not known offline) becomes
//! a route whose next hop is unknown wherever it could change where traffic goes.

use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::json_util::id_segment as id_part;
use crate::ingest::json_util::{Src, get_ci, get_present, is_unknown};
use crate::model::{NextHop, Origin, Route, RoutePrefix, RouteSource};
use ipnet::IpNet;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::net::IpAddr;

/// Whether a connection has internet security enabled.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Flag {
    On,
    /// `false`, or absent (Azure's and Terraform's default).
    Off,
    /// Not known offline: the expression.
    Unknown(String),
}

/// A connection of a virtual network to a hub.
#[derive(Clone, Debug)]
struct Conn {
    name: String,
    hub: String,
    internet_security: Flag,
    /// The associated route table: its name, or why it is not known.
    associated: Result<Option<String>, String>,
    /// `vnetRoutes.staticRoutes`: prefixes → next-hop IP (an appliance in the spoke).
    static_routes: Vec<(Vec<String>, Option<IpAddr>)>,
    origin: Origin,
}

/// A hub route table's route.
#[derive(Clone, Debug)]
struct HubRoute {
    name: String,
    destination_type: String,
    destinations: Vec<String>,
    /// The next hop's resource id, or `None` when it is not known offline.
    next_hop: Option<String>,
}

#[derive(Clone, Debug)]
struct Table {
    name: String,
    routes: Vec<HubRoute>,
    origin: Origin,
}

#[derive(Clone, Debug)]
struct Policy {
    name: String,
    destinations: Vec<String>,
    next_hop: Option<String>,
}

#[derive(Clone, Debug)]
struct Intent {
    name: String,
    policies: Vec<Policy>,
    origin: Origin,
}

/// The Virtual WAN resources among the inputs.
#[derive(Default, Debug)]
pub struct Hubs {
    /// Hubs by lower-case name.
    hubs: HashMap<String, String>,
    /// Connections by the lower-case name of the virtual network they connect.
    by_vnet: HashMap<String, Vec<Conn>>,
    /// Connections by (hub, connection), lower case.
    by_name: HashMap<(String, String), Conn>,
    /// Hub route tables by (hub, table), lower case.
    tables: HashMap<(String, String), Table>,
    /// Routing intent by hub, lower case.
    intents: HashMap<String, Intent>,
    /// Secured-hub firewalls' private IPs by lower-case name.
    firewall_ips: HashMap<String, IpAddr>,
}

/// The lower-case resource types read here.
pub const KINDS: [&str; 4] = [
    "microsoft.network/virtualhubs",
    "microsoft.network/virtualhubs/hubvirtualnetworkconnections",
    "microsoft.network/virtualhubs/hubroutetables",
    "microsoft.network/virtualhubs/routingintent",
];

/// The id a reference field holds: `{ "id": "…" }` or a bare string. `Err` with the expression when it is
/// not known offline.
fn ref_id(v: Option<&Value>) -> Result<Option<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Object(o)) if is_unknown(&Value::Object(o.clone())) => Err(unknown_text(v)),
        Some(Value::Object(o)) => match get_present(o, "id") {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(unknown_text(Some(other))),
        },
        Some(other) => Err(unknown_text(Some(other))),
    }
}

fn unknown_text(v: Option<&Value>) -> String {
    v.and_then(Value::as_object)
        .and_then(|o| o.get(crate::ingest::json_util::UNKNOWN_KEY))
        .and_then(Value::as_str)
        .unwrap_or("a value not known offline")
        .to_string()
}

/// (parent hub, own name) of a hub child resource: from its id, else from its `hub/child` name.
fn parent_and_name(o: &Map<String, Value>, child_kind: &str) -> Option<(String, String)> {
    let name = get_ci(o, "name").and_then(Value::as_str).unwrap_or("");
    if let Some(id) = get_ci(o, "id").and_then(Value::as_str)
        && let (Some(h), Some(c)) = (id_part(id, "virtualHubs"), id_part(id, child_kind))
    {
        return Some((h.to_string(), c.to_string()));
    }
    let (h, c) = name.split_once('/')?;
    Some((h.to_string(), c.to_string()))
}

fn key(a: &str, b: &str) -> (String, String) {
    (a.to_ascii_lowercase(), b.to_ascii_lowercase())
}

impl Hubs {
    /// Reads the hub resources among `objects` (lower-case type, body); anything of another type is
    /// skipped. A field of the wrong type is an input error at its place.
    pub fn read<'a>(
        objects: impl IntoIterator<Item = (Src<'a>, &'a Map<String, Value>, &'a str)>,
    ) -> Result<Hubs, Error> {
        let mut h = Hubs::default();
        for (src, o, ty) in objects {
            match ty {
                "microsoft.network/virtualhubs" => {
                    let name = get_ci(o, "name").and_then(Value::as_str).unwrap_or("");
                    h.hubs.insert(name.to_ascii_lowercase(), name.to_string());
                }
                "microsoft.network/virtualhubs/hubvirtualnetworkconnections" => {
                    let Some((hub, name)) = parent_and_name(o, "hubVirtualNetworkConnections")
                    else {
                        continue;
                    };
                    let what = format!("virtual hub connection `{hub}/{name}`");
                    let p = src.props(o, &what)?;
                    let internet_security = match get_present(p, "enableInternetSecurity") {
                        None | Some(Value::Bool(false)) => Flag::Off,
                        Some(Value::Bool(true)) => Flag::On,
                        Some(v) if is_unknown(v) => Flag::Unknown(unknown_text(Some(v))),
                        Some(v) => {
                            return Err(src.wrong_type(
                                p,
                                "enableInternetSecurity",
                                &what,
                                "true or false",
                                v,
                            ));
                        }
                    };
                    let routing = src.object(p, "routingConfiguration", &what)?;
                    let associated = match routing {
                        None => Ok(None),
                        Some(r) => match ref_id(get_present(r, "associatedRouteTable")) {
                            Ok(Some(id)) => Ok(Some(
                                id_part(&id, "hubRouteTables")
                                    .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(&id))
                                    .to_string(),
                            )),
                            Ok(None) => Ok(None),
                            Err(e) => Err(e),
                        },
                    };
                    let mut static_routes = Vec::new();
                    if let Some(r) = routing
                        && let Some(v) = src.object(r, "vnetRoutes", &what)?
                    {
                        for s in src.objects(v, "staticRoutes", &what)? {
                            let prefixes =
                                crate::ingest::json_util::strings(get_ci(s, "addressPrefixes"));
                            let ip = get_ci(s, "nextHopIpAddress")
                                .and_then(Value::as_str)
                                .and_then(|x| x.trim().parse().ok());
                            static_routes.push((prefixes, ip));
                        }
                    }
                    let remote = match ref_id(get_present(p, "remoteVirtualNetwork")) {
                        Ok(Some(id)) => id_part(&id, "virtualNetworks")
                            .map(str::to_string)
                            .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(&id).to_string()),
                        // a connection naming no network, or one not known offline, joins nothing
                        _ => String::new(),
                    };
                    let c = Conn {
                        name: name.clone(),
                        hub: hub.clone(),
                        internet_security,
                        associated,
                        static_routes,
                        origin: src.origin(o),
                    };
                    h.by_name.insert(key(&hub, &name), c.clone());
                    if !remote.is_empty() {
                        h.by_vnet
                            .entry(remote.to_ascii_lowercase())
                            .or_default()
                            .push(c);
                    }
                }
                "microsoft.network/virtualhubs/hubroutetables" => {
                    let Some((hub, name)) = parent_and_name(o, "hubRouteTables") else {
                        continue;
                    };
                    let what = format!("hub route table `{hub}/{name}`");
                    let p = src.props(o, &what)?;
                    let mut routes = Vec::new();
                    for r in src.objects(p, "routes", &what)? {
                        let rn = get_ci(r, "name").and_then(Value::as_str).unwrap_or("");
                        let next_hop = match get_present(r, "nextHop") {
                            Some(Value::String(s)) => Some(s.clone()),
                            _ => None,
                        };
                        routes.push(HubRoute {
                            name: rn.to_string(),
                            destination_type: get_ci(r, "destinationType")
                                .and_then(Value::as_str)
                                .unwrap_or("CIDR")
                                .to_string(),
                            destinations: crate::ingest::json_util::strings(get_ci(
                                r,
                                "destinations",
                            )),
                            next_hop,
                        });
                    }
                    h.tables.insert(
                        key(&hub, &name),
                        Table {
                            name,
                            routes,
                            origin: src.origin(o),
                        },
                    );
                }
                "microsoft.network/virtualhubs/routingintent" => {
                    let Some((hub, name)) = parent_and_name(o, "routingIntent") else {
                        continue;
                    };
                    let what = format!("routing intent `{hub}/{name}`");
                    let p = src.props(o, &what)?;
                    let mut policies = Vec::new();
                    for r in src.objects(p, "routingPolicies", &what)? {
                        policies.push(Policy {
                            name: get_ci(r, "name")
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string(),
                            destinations: crate::ingest::json_util::strings(get_ci(
                                r,
                                "destinations",
                            )),
                            next_hop: match get_present(r, "nextHop") {
                                Some(Value::String(s)) => Some(s.clone()),
                                _ => None,
                            },
                        });
                    }
                    h.intents.insert(
                        hub.to_ascii_lowercase(),
                        Intent {
                            name,
                            policies,
                            origin: src.origin(o),
                        },
                    );
                }
                "microsoft.network/azurefirewalls" => {
                    let name = get_ci(o, "name").and_then(Value::as_str).unwrap_or("");
                    let p = src.props(o, "firewall")?;
                    if let Some(Value::Object(hip)) = get_present(p, "hubIPAddresses")
                        && let Some(ip) = get_ci(hip, "privateIPAddress")
                            .and_then(Value::as_str)
                            .and_then(|x| x.trim().parse().ok())
                    {
                        h.firewall_ips.insert(name.to_ascii_lowercase(), ip);
                    }
                }
                _ => {}
            }
        }
        Ok(h)
    }

    /// Every connection: (`hub/connection`, the virtual network it connects, lower case; empty when not
    /// known).
    pub fn connections(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .by_name
            .values()
            .map(|c| {
                let vnet = self
                    .by_vnet
                    .iter()
                    .find(|(_, cs)| cs.iter().any(|x| x.hub == c.hub && x.name == c.name))
                    .map(|(v, _)| v.clone())
                    .unwrap_or_default();
                (format!("{}/{}", c.hub, c.name), vnet)
            })
            .collect();
        out.sort();
        out
    }

    /// Do the inputs connect any virtual network to a hub?
    pub fn is_empty(&self) -> bool {
        self.by_vnet.is_empty()
    }

    /// What the hub a virtual network is connected to sends it: `None` when it is connected to none.
    /// `space` is its address space (routes inside it are not programmed there).
    pub fn learned(&self, vnet: &str, space: &[String]) -> Option<Learned> {
        let conns = self.by_vnet.get(&vnet.to_ascii_lowercase())?;
        let conn = conns.first()?;
        let mut out = Learned {
            hub: conn.hub.clone(),
            ..Learned::default()
        };
        let space: Vec<IpNet> = space.iter().filter_map(|s| s.trim().parse().ok()).collect();
        let hub_l = conn.hub.to_ascii_lowercase();
        let flag_text = match &conn.internet_security {
            Flag::On => "internet security enabled".to_string(),
            Flag::Off => "internet security disabled".to_string(),
            Flag::Unknown(e) => format!("internet security not known offline: {e}"),
        };
        let head = format!(
            "VNet `{vnet}` is connected to virtual hub `{}` (connection `{}`, {flag_text})",
            conn.hub, conn.name
        );
        // the default route, as the hub would send it, and where from
        type Default = (
            NextHop,
            Option<IpAddr>,
            Option<String>,
            String,
            String,
            Origin,
        );
        let mut default: Option<Default> = None;
        if let Some(intent) = self.intents.get(&hub_l) {
            for p in &intent.policies {
                let (hop, ip, res) = self.hop(&conn.hub, p.next_hop.as_deref());
                let from = format!("routing intent `{}` policy `{}`", intent.name, p.name);
                let rname = format!("{}/{}/{} (routing intent)", conn.hub, intent.name, p.name);
                if p.destinations
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case("Internet"))
                {
                    default = Some((
                        hop.clone(),
                        ip,
                        res.clone(),
                        from.clone(),
                        rname.clone(),
                        intent.origin.clone(),
                    ));
                }
                if p.destinations
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case("PrivateTraffic"))
                {
                    for n in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] {
                        if let Ok(net) = n.parse::<IpNet>() {
                            out.push(net, &hop, ip, res.clone(), &rname, &intent.origin);
                        }
                    }
                }
            }
            out.notes.push(Diagnostic::new(
                &diag::VWAN_HUB_ROUTES,
                format!(
                    "{head}: the hub's routing intent `{}` decides its routes ({})",
                    intent.name,
                    crate::learn::VWAN_ROUTING_INTENT
                ),
            ));
        } else if !self.hubs.contains_key(&hub_l) && !self.tables.keys().any(|(h, _)| *h == hub_l) {
            // the hub is not among the inputs: only a connection that cannot learn 0.0.0.0/0 is decided
            if conn.internet_security != Flag::Off {
                let why = format!("virtual hub `{}` is not among the inputs", conn.hub);
                default = Some((
                    NextHop::Unknown(why.clone()),
                    None,
                    None,
                    why.clone(),
                    format!("{} (virtual hub not among the inputs)", conn.hub),
                    conn.origin.clone(),
                ));
                out.notes.push(
                    Diagnostic::new(
                        &diag::VWAN_ROUTING_UNKNOWN,
                        format!(
                            "{head}, which is not among the inputs: where it sends 0.0.0.0/0 is not known; add the hub, its route tables and routing intent"
                        ),
                    )
                    .at(&conn.origin),
                );
            } else {
                out.notes.push(Diagnostic::new(
                    &diag::VWAN_HUB_ROUTES,
                    format!(
                        "{head}: without internet security the hub sends it no default route ({})",
                        crate::learn::VWAN_ROUTING
                    ),
                ));
            }
        } else {
            match &conn.associated {
                Err(e) => {
                    if conn.internet_security != Flag::Off {
                        let why = format!(
                            "the route table connection `{}` is associated with is not known offline: {e}",
                            conn.name
                        );
                        default = Some((
                            NextHop::Unknown(why.clone()),
                            None,
                            None,
                            why.clone(),
                            format!(
                                "{}/{} (associated route table not known)",
                                conn.hub, conn.name
                            ),
                            conn.origin.clone(),
                        ));
                        out.notes.push(
                            Diagnostic::new(&diag::VWAN_ROUTING_UNKNOWN, format!("{head}: {why}"))
                                .at(&conn.origin),
                        );
                    }
                }
                Ok(assoc) => {
                    let table_name = assoc.clone().unwrap_or_else(|| "defaultRouteTable".into());
                    match self.tables.get(&key(&conn.hub, &table_name)) {
                        Some(t) => {
                            for r in &t.routes {
                                let from =
                                    format!("hub route table `{}` route `{}`", t.name, r.name);
                                let rname =
                                    format!("{}/{}/{} (hub route)", conn.hub, t.name, r.name);
                                if !r.destination_type.eq_ignore_ascii_case("CIDR") {
                                    out.notes.push(
                                        Diagnostic::new(
                                            &diag::VWAN_ROUTE_NOT_MODELLED,
                                            format!(
                                                "{from}: destination type `{}` is not a CIDR prefix; it takes no part",
                                                r.destination_type
                                            ),
                                        )
                                        .at(&t.origin),
                                    );
                                    continue;
                                }
                                let (hop, ip, res) = self.hop(&conn.hub, r.next_hop.as_deref());
                                for d in &r.destinations {
                                    let Ok(net) = d.trim().parse::<IpNet>() else {
                                        continue;
                                    };
                                    if net.prefix_len() == 0 {
                                        default = Some((
                                            hop.clone(),
                                            ip,
                                            res.clone(),
                                            from.clone(),
                                            rname.clone(),
                                            t.origin.clone(),
                                        ));
                                    } else if space.iter().any(|s| s.contains(&net)) {
                                        out.notes.push(
                                            Diagnostic::new(
                                                &diag::VWAN_ROUTE_NOT_MODELLED,
                                                format!(
                                                    "{from} ({net}): within VNet `{vnet}`'s own address space, so Virtual WAN does not program it there"
                                                ),
                                            )
                                            .at(&t.origin),
                                        );
                                    } else {
                                        out.push(net, &hop, ip, res.clone(), &rname, &t.origin);
                                    }
                                }
                            }
                            out.notes.push(Diagnostic::new(
                                &diag::VWAN_HUB_ROUTES,
                                format!(
                                    "{head}: its routes come from hub route table `{}` ({})",
                                    t.name,
                                    crate::learn::VWAN_ROUTING
                                ),
                            ));
                        }
                        None if conn.internet_security == Flag::Off => {
                            out.notes.push(Diagnostic::new(
                                &diag::VWAN_HUB_ROUTES,
                                format!(
                                    "{head}: without internet security the hub sends it no default route ({})",
                                    crate::learn::VWAN_ROUTING
                                ),
                            ));
                        }
                        None if table_name.eq_ignore_ascii_case("defaultRouteTable") => {
                            out.notes.push(
                                Diagnostic::new(
                                    &diag::VWAN_DEFAULT_TABLE_ASSUMED,
                                    format!(
                                        "{head}: the hub's defaultRouteTable is not among the inputs and is assumed to hold no static route"
                                    ),
                                )
                                .at(&conn.origin),
                            );
                        }
                        None => {
                            let why = format!(
                                "hub route table `{table_name}` of virtual hub `{}` is not among the inputs",
                                conn.hub
                            );
                            default = Some((
                                NextHop::Unknown(why.clone()),
                                None,
                                None,
                                why.clone(),
                                format!(
                                    "{}/{table_name} (hub route table not among the inputs)",
                                    conn.hub
                                ),
                                conn.origin.clone(),
                            ));
                            out.notes.push(
                                Diagnostic::new(
                                    &diag::VWAN_ROUTING_UNKNOWN,
                                    format!("{head}: {why}; where it sends 0.0.0.0/0 is not known"),
                                )
                                .at(&conn.origin),
                            );
                        }
                    }
                }
            }
        }
        if let Some((hop, ip, res, from, rname, origin)) = default {
            let to = hop_words(&hop, ip, res.as_deref());
            match &conn.internet_security {
                Flag::On => {
                    if let Ok(net) = "0.0.0.0/0".parse::<IpNet>() {
                        out.push(net, &hop, ip, res, &rname, &origin);
                    }
                }
                Flag::Off => out.notes.push(
                    Diagnostic::new(
                        &diag::VWAN_NO_DEFAULT_ROUTE,
                        format!(
                            "connection `{}` to virtual hub `{}` has internet security disabled: VNet `{vnet}` does not learn the hub's 0.0.0.0/0 → {to} ({from})",
                            conn.name, conn.hub
                        ),
                    )
                    .at(&conn.origin),
                ),
                Flag::Unknown(e) => {
                    // the default route may or may not be there: a route that may cover anything
                    out.routes.push(Route {
                        name: format!("{rname}, if internet security is on"),
                        prefix: RoutePrefix::Unknown(format!(
                            "0.0.0.0/0 → {to}, learned only if connection `{}` has internet security enabled: {e}",
                            conn.name
                        )),
                        next_hop: hop,
                        next_hop_ip: ip,
                        next_hop_resource: res,
                        source: RouteSource::Gateway,
                        origin,
                    });
                }
            }
        }
        Some(out)
    }

    /// Where a hub route's next hop (a resource id) leads: a hub firewall (by name, with its IP when the
    /// inputs state it), an appliance behind a spoke connection (the connection's static route IP), or
    /// somewhere not known.
    fn hop(&self, hub: &str, next: Option<&str>) -> (NextHop, Option<IpAddr>, Option<String>) {
        let Some(id) = next else {
            return (
                NextHop::Unknown("the hub route's next hop is not known offline".into()),
                None,
                None,
            );
        };
        if let Some(fw) = id_part(id, "azureFirewalls") {
            let ip = self.firewall_ips.get(&fw.to_ascii_lowercase()).copied();
            return (NextHop::VirtualAppliance, ip, Some(fw.to_string()));
        }
        if let Some(c) = id_part(id, "hubVirtualNetworkConnections") {
            let h = id_part(id, "virtualHubs").unwrap_or(hub);
            if let Some(ip) = self
                .by_name
                .get(&key(h, c))
                .and_then(|c| c.static_routes.iter().find_map(|(_, ip)| *ip))
            {
                return (NextHop::VirtualAppliance, Some(ip), None);
            }
            return (
                NextHop::Unknown(format!(
                    "an appliance behind hub connection `{c}` whose address is not among the inputs"
                )),
                None,
                None,
            );
        }
        (NextHop::Unknown(format!("next hop `{id}`")), None, None)
    }
}

fn hop_words(hop: &NextHop, ip: Option<IpAddr>, res: Option<&str>) -> String {
    match (res, ip) {
        (Some(r), _) => format!("Azure Firewall `{r}`"),
        (None, Some(ip)) => format!("{hop} {ip}"),
        (None, None) => hop.to_string(),
    }
}

/// What a virtual hub sends a connected virtual network.
#[derive(Default, Debug, Clone)]
pub struct Learned {
    /// The hub's name.
    pub hub: String,
    /// The routes, as gateway routes.
    pub routes: Vec<Route>,
    /// What was learned, assumed or could not be known.
    pub notes: Vec<Diagnostic>,
}

impl Learned {
    fn push(
        &mut self,
        net: IpNet,
        hop: &NextHop,
        ip: Option<IpAddr>,
        res: Option<String>,
        name: &str,
        origin: &Origin,
    ) {
        self.routes.push(Route {
            name: name.to_string(),
            prefix: RoutePrefix::Net(net),
            next_hop: hop.clone(),
            next_hop_ip: ip,
            next_hop_resource: res,
            source: RouteSource::Gateway,
            origin: origin.clone(),
        });
    }
}
