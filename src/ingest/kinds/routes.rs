//! Route tables in every shape Azure tools produce (reference §4.2): ARM/REST object (`properties.routes`),
//! `az network route-table show` (flattened), lists (`value`), ARM templates (`routeTables` and child `routes`),
//! effective routes (`az network nic show-effective-route-table`, REST `effectiveRouteTable`: prefixes and
//! next-hop IPs are arrays), and the project's YAML.

use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::json_util::{Src, UNKNOWN_KEY, get_ci, get_present, is_unknown, strings};
use crate::ingest::template;
use crate::ingest::yaml_pos::YamlPos;
use crate::model::addr::parse_prefix;
use crate::model::{NextHop, Origin, Route, RoutePrefix, RouteSource, RouteTable};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::net::IpAddr;

const SHAPES: &str = "tried: ARM/REST object (`properties.routes`), `az network route-table show` output (`routes`), \
Terraform plan or state JSON (`azurerm_route_table`), \
ARM template (`Microsoft.Network/routeTables`), effective routes (`value: [{source, state, addressPrefix: [..], nextHopType}]`), \
list (`value`), azegress YAML (`routes: [{name, prefix, next_hop, next_hop_ip}]`)";
const RT_TYPE: &str = "Microsoft.Network/routeTables";

/// Loads the route tables of `path[#name]`.
pub fn load_route_tables(arg: &str) -> Result<Vec<RouteTable>, Error> {
    let (path, select) = crate::ingest::split_selector(arg);
    let text = crate::ingest::read(path)?;
    parse_route_tables(&text, path, select)
}

/// Parses route tables from text; `select` picks one by name.
pub fn parse_route_tables(
    text: &str,
    file: &str,
    select: Option<&str>,
) -> Result<Vec<RouteTable>, Error> {
    crate::ingest::check_readable(text, file, "a route table")?;
    let t = text.trim_start();
    if t.is_empty() {
        return Err(Error::input(file, 1, "empty file: expected a route table"));
    }
    let mut found = if t.starts_with('{') || t.starts_with('[') {
        parse_json(text, file)?
    } else {
        vec![parse_yaml(text, file)?]
    };
    crate::ingest::select_named(&mut found, |r| &r.name, select, file, "route table")?;
    Ok(found)
}

fn parse_json(text: &str, file: &str) -> Result<Vec<RouteTable>, Error> {
    let ctx = Ctx(Src::new(file, text));
    let doc: Value = ctx.parse()?;
    crate::ingest::check_not_a_wrapper(&ctx, &doc, "a route table")?;
    let not = || ctx.err_doc(format!("not a route table in any known shape ({SHAPES})"));
    let out = match &doc {
        Value::Object(o) if template::is_template(o) => ctx.template(o)?,
        Value::Object(o) if crate::ingest::terraform::looks_like(o) => {
            crate::ingest::terraform::check_shape(&ctx, o)?;
            crate::ingest::terraform::arm_route_tables(&crate::ingest::terraform::resources(o))
                .iter()
                .map(|t| ctx.table(t))
                .collect::<Result<Vec<_>, _>>()?
        }
        Value::Object(o) => match get_present(o, "value") {
            Some(Value::Array(a)) => ctx.list(a)?,
            _ if is_table(o) => vec![ctx.table(o)?],
            _ => return Err(not()),
        },
        Value::Array(a) => ctx.list(a)?,
        _ => return Err(not()),
    };
    if out.is_empty() {
        return Err(not());
    }
    Ok(out)
}

fn props(o: &Map<String, Value>) -> &Map<String, Value> {
    get_present(o, "properties")
        .and_then(Value::as_object)
        .unwrap_or(o)
}

fn is_table(o: &Map<String, Value>) -> bool {
    get_ci(props(o), "routes").is_some()
        || get_present(o, "type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case(RT_TYPE))
}

fn is_effective_entry(o: &Map<String, Value>) -> bool {
    matches!(get_ci(o, "addressPrefix"), Some(Value::Array(_)))
        || (get_ci(o, "nextHopType").is_some() && get_ci(o, "state").is_some())
}

struct Ctx<'a>(Src<'a>);

/// A route table object (ARM/REST or `az` shape) read from `src`.
pub(crate) fn table_of(src: Src<'_>, o: &Map<String, Value>) -> Result<RouteTable, Error> {
    Ctx(src).table(o)
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Src<'a>;
    fn deref(&self) -> &Src<'a> {
        &self.0
    }
}

fn name_of(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(u) if is_unknown(u) => Some(u[UNKNOWN_KEY].as_str().unwrap_or("?").to_string()),
        _ => None,
    }
}

impl Ctx<'_> {
    fn list(&self, a: &[Value]) -> Result<Vec<RouteTable>, Error> {
        let objs: Vec<&Map<String, Value>> = a.iter().filter_map(Value::as_object).collect();
        if !objs.is_empty() && objs.iter().all(|o| is_effective_entry(o)) {
            return Ok(vec![self.effective(&objs)?]);
        }
        let mut out = Vec::new();
        for o in objs {
            if is_table(o) {
                out.push(self.table(o)?);
            }
        }
        if out.is_empty() {
            return Err(self.err_doc(format!(
                "a list without route tables or effective routes ({SHAPES})"
            )));
        }
        Ok(out)
    }

    fn table(&self, o: &Map<String, Value>) -> Result<RouteTable, Error> {
        let name = name_of(get_ci(o, "name")).unwrap_or_else(|| "route-table".into());
        let what = format!("route table `{name}`");
        let p = self.props(o, &what)?;
        let mut t = RouteTable {
            origin: self.origin(o),
            name,
            routes: Vec::new(),
            effective: false,
            disable_bgp_propagation: get_ci(p, "disableBgpRoutePropagation")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            warnings: Vec::new(),
        };
        for r in self.objects(p, "routes", &what)? {
            self.route(r, &mut t)?;
        }
        Ok(t)
    }

    fn route(&self, r: &Map<String, Value>, t: &mut RouteTable) -> Result<(), Error> {
        let name = name_of(get_ci(r, "name")).unwrap_or_else(|| "route".into());
        let p = self.props(r, &format!("route `{name}`"))?;
        let origin = self.origin(r);
        let err = |msg: String| Error::at(&origin, format!("route `{name}`: {msg}"));
        let prefix_v = get_ci(p, "addressPrefix");
        let prefix_s = match prefix_v {
            Some(Value::String(s)) => s.clone(),
            // kept, never dropped: it may cover the destination (the router says where it matters)
            Some(u) if is_unknown(u) => {
                format!("\u{0}{}", u[UNKNOWN_KEY].as_str().unwrap_or("?"))
            }
            _ => {
                return Err(err(
                    "no `addressPrefix` (expected a CIDR such as 0.0.0.0/0 or a service tag)"
                        .into(),
                ));
            }
        };
        let hop_s = match get_ci(p, "nextHopType") {
            Some(Value::String(s)) => s.clone(),
            Some(u) if is_unknown(u) => format!(
                "\u{0}{}",
                u[UNKNOWN_KEY].as_str().unwrap_or("?")
            ),
            _ => return Err(err("no `nextHopType` (expected VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet or None)".into())),
        };
        let ip = match get_present(p, "nextHopIpAddress") {
            Some(Value::String(s)) if !s.is_empty() => Some(
                parse_ip(s)
                    .ok_or_else(|| err(format!("next hop IP `{s}` is not an IP address")))?,
            ),
            Some(u) if is_unknown(u) => {
                t.warnings.push(
                    Diagnostic::new(
                        &diag::ROUTE_NEXT_HOP_UNKNOWN,
                        format!(
                            "route `{name}`: next hop IP not known offline: {}",
                            u[UNKNOWN_KEY]
                        ),
                    )
                    .at(&origin),
                );
                None
            }
            _ => None,
        };
        let route = make_route(
            &name,
            &prefix_s,
            &hop_s,
            ip,
            RouteSource::User,
            origin.clone(),
        )
        .map_err(err)?;
        t.routes.push(route);
        Ok(())
    }

    fn effective(&self, entries: &[&Map<String, Value>]) -> Result<RouteTable, Error> {
        let mut t = RouteTable {
            name: "effective routes".into(),
            routes: Vec::new(),
            effective: true,
            disable_bgp_propagation: false,
            origin: entries
                .first()
                .map_or_else(|| Origin::at(self.file, 1), |e| self.origin(e)),
            warnings: Vec::new(),
        };
        for (k, e) in entries.iter().enumerate() {
            let source = match get_ci(e, "source")
                .and_then(Value::as_str)
                .unwrap_or("Default")
            {
                s if s.eq_ignore_ascii_case("User") => RouteSource::User,
                s if s.eq_ignore_ascii_case("VirtualNetworkGateway") => RouteSource::Gateway,
                _ => RouteSource::Default,
            };
            let prefixes = strings(get_ci(e, "addressPrefix"));
            let origin = self.origin(e);
            let state = get_ci(e, "state")
                .and_then(Value::as_str)
                .unwrap_or("Active");
            if !state.eq_ignore_ascii_case("Active") {
                t.warnings.push(
                    Diagnostic::new(
                        &diag::EFFECTIVE_ROUTE_INACTIVE,
                        format!(
                            "effective route {} ({}) is {state}: not used",
                            k + 1,
                            prefixes.join(", ")
                        ),
                    )
                    .at(&origin),
                );
                continue;
            }
            let hop_s = get_ci(e, "nextHopType")
                .and_then(Value::as_str)
                .unwrap_or("");
            let ip = strings(get_ci(e, "nextHopIpAddress"))
                .first()
                .and_then(|s| parse_ip(s));
            let name = name_of(get_ci(e, "name"));
            for p in &prefixes {
                let n = name.clone().unwrap_or_else(|| {
                    format!(
                        "{}:{p}",
                        match source {
                            RouteSource::User => "User",
                            RouteSource::Gateway => "VirtualNetworkGateway",
                            RouteSource::Default => "Default",
                        }
                    )
                });
                let r = make_route(&n, p, hop_s, ip, source, origin.clone())
                    .map_err(|m| Error::at(&origin, format!("effective route {}: {m}", k + 1)))?;
                t.routes.push(r);
            }
        }
        Ok(t)
    }

    fn template(&self, o: &Map<String, Value>) -> Result<Vec<RouteTable>, Error> {
        let w = template::walk(o);
        let res = &w.resources;
        let mut out = Vec::new();
        for r in res.iter().filter(|r| r.ty.eq_ignore_ascii_case(RT_TYPE)) {
            let mut b = r.body.clone();
            b.insert("name".into(), Value::String(r.name.clone()));
            out.push(self.table(&b)?);
        }
        let child = format!("{RT_TYPE}/routes");
        for r in res.iter().filter(|r| r.ty.eq_ignore_ascii_case(&child)) {
            let Some((parent, own)) = r.name.split_once('/') else {
                continue;
            };
            let mut b = r.body.clone();
            b.insert("name".into(), Value::String(own.to_string()));
            if let Some(t) = out.iter_mut().find(|t| t.name.eq_ignore_ascii_case(parent)) {
                self.route(&b, t)?;
            }
        }
        if out.is_empty() {
            return Err(self.err_doc(format!(
                "ARM template without a `{RT_TYPE}` resource{}",
                template::notes_suffix(&w)
            )));
        }
        Ok(out)
    }
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    s.trim().parse().ok()
}

/// Builds one route from its written fields; `Err` holds what is wrong.
pub fn make_route(
    name: &str,
    prefix: &str,
    next_hop: &str,
    ip: Option<IpAddr>,
    source: RouteSource,
    origin: Origin,
) -> Result<Route, String> {
    let p = prefix.trim();
    // a leading NUL marks a value not known offline (from a template or plan), carrying its expression
    let prefix = match parse_prefix(p) {
        None if p.starts_with('\u{0}') => RoutePrefix::Unknown(p[1..].to_string()),
        Some(n) => RoutePrefix::Net(n),
        None if !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_') =>
        {
            RoutePrefix::Tag(p.to_string())
        }
        None => {
            return Err(format!(
                "address prefix `{p}` is neither a CIDR nor a service tag"
            ));
        }
    };
    let hop = match next_hop.strip_prefix('\u{0}') {
        Some(e) => NextHop::Unknown(e.to_string()),
        None => NextHop::parse(next_hop),
    };
    if let NextHop::Other(o) = &hop {
        return Err(format!(
            "next hop type `{o}` is not one of VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet, None"
        ));
    }
    Ok(Route {
        name: name.to_string(),
        prefix,
        next_hop: hop,
        next_hop_ip: ip,
        next_hop_resource: None,
        source,
        origin,
    })
}

/// The project's YAML for a route table (also inline in a scenario).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RouteTableYaml {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// `disableBgpRoutePropagation`.
    #[serde(default)]
    pub disable_bgp_route_propagation: bool,
    /// Routes.
    #[serde(default)]
    pub routes: Vec<RouteYaml>,
}

/// One route in YAML.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RouteYaml {
    /// Name.
    pub name: String,
    /// CIDR or service tag.
    pub prefix: String,
    /// Next hop type.
    pub next_hop: String,
    /// Next hop IP (VirtualAppliance).
    #[serde(default)]
    pub next_hop_ip: Option<String>,
}

fn parse_yaml(text: &str, file: &str) -> Result<RouteTable, Error> {
    let y: RouteTableYaml = crate::ingest::nsg_yaml::from_yaml(text, file, "not a route table")?;
    route_table_from_yaml(&y, &YamlPos::of(text), "", file)
}

/// Builds a route table from its YAML form (its own file, or inline in a scenario at pointer `base`).
pub fn route_table_from_yaml(
    y: &RouteTableYaml,
    pos: &YamlPos,
    base: &str,
    file: &str,
) -> Result<RouteTable, Error> {
    let name = y.name.clone().unwrap_or_else(|| "route-table".into());
    let mut t = RouteTable {
        origin: {
            let mut o = pos.origin(file, base);
            o.line = o.line.max(1);
            o
        },
        name,
        routes: Vec::new(),
        effective: false,
        disable_bgp_propagation: y.disable_bgp_route_propagation,
        warnings: Vec::new(),
    };
    for (i, r) in y.routes.iter().enumerate() {
        let origin = pos.origin(file, &format!("{base}/routes/{i}"));
        let err = |m: String| Error::at(&origin, format!("route `{}`: {m}", r.name));
        let ip = r
            .next_hop_ip
            .as_deref()
            .map(|s| {
                parse_ip(s).ok_or_else(|| err(format!("next_hop_ip `{s}` is not an IP address")))
            })
            .transpose()?;
        let route = make_route(
            &r.name,
            &r.prefix,
            &r.next_hop,
            ip,
            RouteSource::User,
            origin.clone(),
        )
        .map_err(err)?;
        t.routes.push(route);
    }
    Ok(t)
}
