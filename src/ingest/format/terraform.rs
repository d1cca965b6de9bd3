//! Terraform plans and state as JSON (`terraform show -json plan.out`, `terraform show -json`): the azurerm
//! resources for NSGs (`azurerm_network_security_group` with inline `security_rule`, standalone
//! `azurerm_network_security_rule`), route tables (`azurerm_route_table`, `azurerm_route`) and Azure Firewall
//! (`azurerm_firewall`, classic `azurerm_firewall_*_rule_collection`, `azurerm_firewall_policy`,
//! `azurerm_firewall_policy_rule_collection_group`, `azurerm_ip_group`) are rewritten into their ARM shape
//! and read by the same code as ARM JSON. Values Terraform only knows after apply (`after_unknown`) become
//! *unknown* markers, never guesses; references it cannot resolve (a firewall's policy id) are linked within
//! the same module when that is unambiguous.

use crate::error::Error;
use crate::ingest::json::copy_loc;
use crate::ingest::json_util::{Src, UNKNOWN_KEY, kind_of};
use serde_json::{Map, Value, json};

/// One resource of a plan, with values Terraform knows only after apply marked unknown.
pub struct PlanResource {
    /// `module.azfw.azurerm_firewall.example`.
    pub address: String,
    /// `module.azfw` (empty for the root module).
    pub module: String,
    /// `azurerm_firewall`.
    pub ty: String,
    /// Planned values.
    pub values: Map<String, Value>,
}

/// Is this `terraform show -json` output (a plan or a state), or a raw state file (`terraform.tfstate`)?
pub fn is_plan(o: &Map<String, Value>) -> bool {
    is_state(o)
        || (o.contains_key("format_version")
            && (o.contains_key("planned_values") || o.contains_key("values")))
}

/// Is this a raw Terraform state file (`terraform.tfstate`, format version 4: `resources[].instances[]`)?
pub fn is_state(o: &Map<String, Value>) -> bool {
    o.get("version").and_then(Value::as_u64) == Some(4)
        && o.get("resources").is_some_and(Value::is_array)
        && (o.contains_key("lineage") || o.contains_key("terraform_version"))
}

/// Does this look like a plan or a state, well formed or not (its shape is then checked by
/// [`check_shape`], never read as empty)?
pub fn looks_like(o: &Map<String, Value>) -> bool {
    o.contains_key("format_version")
        && (o.contains_key("planned_values")
            || o.contains_key("values")
            || o.contains_key("resource_changes"))
        || o.get("version").and_then(Value::as_u64) == Some(4)
            && (o.contains_key("lineage") || o.contains_key("terraform_version"))
}

/// Nested blocks the readers take as lists of objects; `security_rule` and `route` may not be `null`
/// either (an NSG or route table whose rules are a string, a number or null was read as having none).
const BLOCK_LISTS: &[(&str, bool)] = &[
    ("security_rule", false),
    ("route", false),
    ("subnet", true),
    ("ip_configuration", true),
    ("network_rule_collection", true),
    ("application_rule_collection", true),
    ("nat_rule_collection", true),
    ("rule", true),
];

/// Checks the shape every plan and state reader relies on: a value of the wrong type (`resources: "x"`,
/// `instances` a string, `security_rule` a string, a number, an object or null) is an input error at its
/// place, never read as empty.
pub fn check_shape(src: &Src<'_>, o: &Map<String, Value>) -> Result<(), Error> {
    let name = |r: &Map<String, Value>| {
        r.get("address")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| {
                format!(
                    "{}.{}",
                    r.get("type").and_then(Value::as_str).unwrap_or("?"),
                    r.get("name").and_then(Value::as_str).unwrap_or("?")
                )
            })
    };
    if o.get("version").and_then(Value::as_u64) == Some(4) && !o.contains_key("format_version") {
        for r in list_of_objects(src, o, "resources", "the state", false)? {
            let what = format!("`{}`", name(r));
            for i in list_of_objects(src, r, "instances", &what, false)? {
                shape_values(src, i, "attributes", &what)?;
            }
        }
        return Ok(());
    }
    for key in ["planned_values", "values"] {
        let root = match o.get(key) {
            None => continue,
            Some(Value::Object(pv)) => match pv.get("root_module") {
                None | Some(Value::Null) => continue,
                Some(Value::Object(m)) => m,
                Some(other) => {
                    return Err(shape_error(
                        src,
                        pv,
                        "root_module",
                        "the plan",
                        "an object",
                        other,
                    ));
                }
            },
            Some(other) => return Err(shape_error(src, o, key, "the plan", "an object", other)),
        };
        let mut stack = vec![root];
        while let Some(m) = stack.pop() {
            for r in list_of_objects(src, m, "resources", "a module of the plan", false)? {
                shape_values(src, r, "values", &format!("`{}`", name(r)))?;
            }
            stack.extend(list_of_objects(
                src,
                m,
                "child_modules",
                "a module of the plan",
                true,
            )?);
        }
    }
    for c in list_of_objects(src, o, "resource_changes", "the plan", true)? {
        let what = format!("`{}`", name(c));
        match c.get("change") {
            None | Some(Value::Null) => {}
            // only `after_unknown` is read of a change (unknown values may stand as null in `after`)
            Some(Value::Object(_)) => {}
            Some(other) => return Err(shape_error(src, c, "change", &what, "an object", other)),
        }
    }
    Ok(())
}

fn shape_error(
    src: &Src<'_>,
    parent: &Map<String, Value>,
    key: &str,
    what: &str,
    want: &str,
    found: &Value,
) -> Error {
    Error::at(
        &src.member_origin(parent, key),
        format!(
            "`{key}` of {what} must be {want}, found {}; a value of the wrong type is never read as empty (write the plan with `terraform show -json`)",
            kind_of(found)
        ),
    )
}

/// The objects of a list-valued field (absent: none; `null` only where `null_ok`).
fn list_of_objects<'o>(
    src: &Src<'_>,
    parent: &'o Map<String, Value>,
    key: &str,
    what: &str,
    null_ok: bool,
) -> Result<Vec<&'o Map<String, Value>>, Error> {
    let wrong = |other: &Value| shape_error(src, parent, key, what, "a list of objects", other);
    match parent.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Null) if null_ok => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| match x {
                Value::Object(m) => Ok(m),
                other => Err(wrong(other)),
            })
            .collect(),
        Some(other) => Err(wrong(other)),
    }
}

/// A resource's values: an object whose nested blocks are lists of objects ([`BLOCK_LISTS`]).
fn shape_values(src: &Src<'_>, r: &Map<String, Value>, key: &str, what: &str) -> Result<(), Error> {
    let v = match r.get(key) {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Object(v)) => v,
        Some(other) => return Err(shape_error(src, r, key, what, "an object", other)),
    };
    for (k, null_ok) in BLOCK_LISTS {
        list_of_objects(src, v, k, what, *null_ok)?;
    }
    Ok(())
}

/// A state instance's address: `module.m[0].azurerm_x.name["key"]`.
fn state_address(module: &str, ty: &str, name: &str, key: Option<&Value>) -> String {
    let mut a = if module.is_empty() {
        format!("{ty}.{name}")
    } else {
        format!("{module}.{ty}.{name}")
    };
    match key {
        Some(Value::Number(n)) => a.push_str(&format!("[{n}]")),
        Some(Value::String(k)) => a.push_str(&format!("[{}]", Value::String(k.clone()))),
        _ => {}
    }
    a
}

/// The managed resources of a raw state file, one per instance, its `attributes` as the values (a state
/// knows every value: nothing is unknown).
fn state_resources(o: Map<String, Value>) -> Vec<PlanResource> {
    let mut out = Vec::new();
    let Some(Value::Array(rs)) = o
        .into_iter()
        .find(|(k, _)| k == "resources")
        .map(|(_, v)| v)
    else {
        return out;
    };
    for r in rs {
        let Value::Object(mut r) = r else { continue };
        if r.get("mode").and_then(Value::as_str) == Some("data") {
            continue;
        }
        let text = |r: &Map<String, Value>, k: &str| {
            r.get(k).and_then(Value::as_str).unwrap_or("").to_string()
        };
        let (module, ty, name) = (text(&r, "module"), text(&r, "type"), text(&r, "name"));
        let Some(Value::Array(instances)) = r.remove("instances") else {
            continue;
        };
        for i in instances {
            let Value::Object(mut i) = i else { continue };
            let address = state_address(&module, &ty, &name, i.get("index_key"));
            let mut values = match i.remove("attributes") {
                Some(Value::Object(v)) => v,
                _ => Map::new(),
            };
            if let Some(Value::Array(paths)) = i.get("sensitive_attributes") {
                let whole = Value::Object(std::mem::take(&mut values));
                for p in paths {
                    mark_path(&whole, p);
                }
                if let Value::Object(v) = whole {
                    values = v;
                }
            }
            if !values.contains_key(crate::ingest::json::LOC_KEY)
                && let Some(l) = i.get(crate::ingest::json::LOC_KEY)
            {
                values.insert(crate::ingest::json::LOC_KEY.to_string(), l.clone());
            }
            out.push(PlanResource {
                address,
                module: module.clone(),
                ty: ty.clone(),
                values,
            });
        }
    }
    out.sort_by(|a, b| a.address.cmp(&b.address));
    out
}

/// Every string of `v` (at any depth) marked as a value Terraform keeps sensitive.
pub fn mark_all(v: &Value) {
    match v {
        Value::String(s) => crate::sensitive::mark_sensitive(s),
        Value::Number(n) => crate::sensitive::mark_sensitive(&n.to_string()),
        Value::Array(a) => a.iter().for_each(mark_all),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| !k.starts_with('\u{0}'))
            .for_each(|(_, x)| mark_all(x)),
        _ => {}
    }
}

/// The values a plan's `sensitive_values` (or a change's `after_sensitive`) marks `true`, marked.
fn mark_sensitive(values: &Value, sensitive: &Value) {
    match (values, sensitive) {
        (v, Value::Bool(true)) => mark_all(v),
        (Value::Object(v), Value::Object(s)) => {
            for (k, x) in s {
                if let Some(y) = v.get(k) {
                    mark_sensitive(y, x);
                }
            }
        }
        (Value::Array(v), Value::Array(s)) => {
            for (y, x) in v.iter().zip(s) {
                mark_sensitive(y, x);
            }
        }
        _ => {}
    }
}

/// The value a state's `sensitive_attributes` path names (`[{"type":"get_attr","value":"name"},
/// {"type":"index","value":{"value":0,"type":"number"}}]`), marked.
fn mark_path(values: &Value, path: &Value) {
    let steps: &[Value] = match path {
        Value::Array(a) => a,
        _ => return,
    };
    let mut at = values;
    let mut followed = 0;
    for step in steps {
        let v = step.get("value");
        let next = match (step.get("type").and_then(Value::as_str), v) {
            (Some("get_attr"), Some(Value::String(k))) => at.get(k),
            (Some("index"), Some(ix)) => match ix.get("value").unwrap_or(ix) {
                Value::Number(n) => n.as_u64().and_then(|i| at.get(i as usize)),
                Value::String(k) => at.get(k),
                _ => None,
            },
            _ => None,
        };
        match next {
            Some(n) => {
                at = n;
                followed += 1;
            }
            // a path not followed to its end: what it leads through is kept from view
            None => break,
        }
    }
    if followed > 0 {
        mark_all(at);
    }
}

fn unknown(what: &str) -> Value {
    json!({ UNKNOWN_KEY: format!("known after apply: {what}") })
}

/// Where `after_unknown` says `true` and the planned value is absent, put an unknown marker.
fn merge_unknown(values: &mut Value, unk: &Value, path: &str) {
    match (values, unk) {
        (Value::Object(v), Value::Object(u)) => {
            for (k, uk) in u {
                let p = format!("{path}.{k}");
                match v.get_mut(k) {
                    Some(x) if !x.is_null() => merge_unknown(x, uk, &p),
                    _ if uk == &Value::Bool(true) => {
                        v.insert(k.clone(), unknown(&p));
                    }
                    _ => {}
                }
            }
        }
        (Value::Array(v), Value::Array(u)) => {
            for (i, (x, uk)) in v.iter_mut().zip(u).enumerate() {
                merge_unknown(x, uk, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

/// Every resource in `planned_values` (or a state's `values`), child modules included.
pub fn resources(o: &Map<String, Value>) -> Vec<PlanResource> {
    if is_state(o) {
        let mut part = Map::new();
        if let Some(v) = o.get("resources") {
            part.insert("resources".to_string(), v.clone());
        }
        return state_resources(part);
    }
    let mut part = Map::new();
    for k in ["planned_values", "values", "resource_changes"] {
        if let Some(v) = o.get(k) {
            part.insert(k.to_string(), v.clone());
        }
    }
    resources_owned(part)
}

/// [`resources`] of a plan the caller gives up: values are moved out, not copied, and of
/// `resource_changes` only `after_unknown` is kept (a plan holds every value twice).
pub fn resources_owned(mut o: Map<String, Value>) -> Vec<PlanResource> {
    if is_state(&o) {
        return state_resources(o);
    }
    let mut unknowns: std::collections::HashMap<String, Value> = std::collections::HashMap::new();
    if let Some(Value::Array(changes)) = o.remove("resource_changes") {
        for c in changes {
            let Value::Object(mut c) = c else { continue };
            let addr = c.get("address").and_then(Value::as_str).map(str::to_string);
            let unk = c
                .get_mut("change")
                .and_then(Value::as_object_mut)
                .and_then(|ch| ch.remove("after_unknown"));
            if let (Some(a), Some(u)) = (addr, unk) {
                unknowns.entry(a).or_insert(u);
            }
        }
    }
    let root = o
        .remove("planned_values")
        .or_else(|| o.remove("values"))
        .and_then(|mut v| v.as_object_mut().and_then(|m| m.remove("root_module")));
    let mut out = Vec::new();
    let mut stack: Vec<Value> = root.into_iter().collect();
    while let Some(mut m) = stack.pop() {
        let module_addr = m.get("address").and_then(Value::as_str).map(str::to_string);
        if let Some(Value::Array(rs)) = m.as_object_mut().and_then(|x| x.remove("resources")) {
            for r in rs {
                let Value::Object(mut r) = r else { continue };
                if r.get("mode").and_then(Value::as_str) == Some("data") {
                    continue;
                }
                let text = |r: &Map<String, Value>, k: &str| {
                    r.get(k).and_then(Value::as_str).unwrap_or("").to_string()
                };
                let address = text(&r, "address");
                let ty = text(&r, "type");
                let mut values = r.remove("values").unwrap_or_else(|| json!({}));
                if let Some(sv) = r.get("sensitive_values") {
                    mark_sensitive(&values, sv);
                }
                if let Some(unk) = unknowns.get(&address) {
                    merge_unknown(&mut values, unk, &address);
                }
                let module = r
                    .get("module_address")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| module_addr.clone())
                    .unwrap_or_default();
                out.push(PlanResource {
                    address,
                    module,
                    ty,
                    values: match values {
                        Value::Object(v) => v,
                        _ => Map::new(),
                    },
                });
            }
        }
        if let Some(Value::Array(children)) =
            m.as_object_mut().and_then(|x| x.remove("child_modules"))
        {
            stack.extend(children);
        }
    }
    out.sort_by(|a, b| a.address.cmp(&b.address));
    out
}

/// `v` (an object rebuilt in ARM shape) keeps the location of the Terraform object it came from.
fn at(from: &Map<String, Value>, mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        copy_loc(from, m);
    }
    v
}

fn get<'a>(v: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    v.get(k).filter(|x| !x.is_null())
}

/// The resource's `name`, or its address when Terraform does not know the name yet.
fn name_of(r: &PlanResource) -> String {
    match get(&r.values, "name") {
        Some(Value::String(s)) => s.clone(),
        _ => r.address.clone(),
    }
}

/// Copies `from` (Terraform) to `to` (ARM) for each pair, when present.
fn rename(v: &Map<String, Value>, pairs: &[(&str, &str)]) -> Map<String, Value> {
    let mut m = Map::new();
    for (from, to) in pairs {
        if let Some(x) = get(v, from) {
            m.insert((*to).to_string(), x.clone());
        }
    }
    m
}

fn ids(v: Option<&Value>) -> Value {
    match v {
        Some(Value::Array(a)) => Value::Array(a.iter().map(|x| json!({ "id": x })).collect()),
        _ => Value::Array(Vec::new()),
    }
}

fn nsg_rule(v: &Map<String, Value>) -> Value {
    let mut p = rename(
        v,
        &[
            ("priority", "priority"),
            ("direction", "direction"),
            ("access", "access"),
            ("protocol", "protocol"),
            ("source_port_range", "sourcePortRange"),
            ("source_port_ranges", "sourcePortRanges"),
            ("destination_port_range", "destinationPortRange"),
            ("destination_port_ranges", "destinationPortRanges"),
            ("source_address_prefix", "sourceAddressPrefix"),
            ("source_address_prefixes", "sourceAddressPrefixes"),
            ("destination_address_prefix", "destinationAddressPrefix"),
            ("destination_address_prefixes", "destinationAddressPrefixes"),
            ("description", "description"),
        ],
    );
    p.insert(
        "sourceApplicationSecurityGroups".into(),
        ids(get(v, "source_application_security_group_ids")),
    );
    p.insert(
        "destinationApplicationSecurityGroups".into(),
        ids(get(v, "destination_application_security_group_ids")),
    );
    at(
        v,
        json!({ "name": get(v, "name").cloned().unwrap_or(Value::Null), "properties": p }),
    )
}

/// NSGs in ARM shape: inline `security_rule` plus standalone rules naming the NSG.
pub fn arm_nsgs(res: &[PlanResource]) -> Vec<Map<String, Value>> {
    let mut out = Vec::new();
    for n in res
        .iter()
        .filter(|r| r.ty == "azurerm_network_security_group")
    {
        let name = name_of(n);
        let mut rules: Vec<Value> = get(&n.values, "security_rule")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_object)
                    .map(nsg_rule)
                    .collect()
            })
            .unwrap_or_default();
        for r in res
            .iter()
            .filter(|r| r.ty == "azurerm_network_security_rule")
        {
            if get(&r.values, "network_security_group_name").and_then(Value::as_str) == Some(&name)
            {
                rules.push(nsg_rule(&r.values));
            }
        }
        let mut m = Map::new();
        copy_loc(&n.values, &mut m);
        m.insert("name".into(), Value::String(name));
        if let Some(l) = get(&n.values, "location").filter(|l| l.is_string()) {
            m.insert("location".into(), l.clone());
        }
        m.insert("properties".into(), json!({ "securityRules": rules }));
        out.push(m);
    }
    out
}

/// Standalone `azurerm_network_security_rule`s whose NSG is not among the resources, as ARM child
/// resources (`Microsoft.Network/networkSecurityGroups/securityRules`, `nsg/rule`): linted under their
/// NSG's name, never dropped.
pub fn arm_orphan_rules(res: &[PlanResource]) -> Vec<Map<String, Value>> {
    let nsgs: std::collections::HashSet<String> = res
        .iter()
        .filter(|r| r.ty == "azurerm_network_security_group")
        .map(name_of)
        .collect();
    let mut out = Vec::new();
    for r in res
        .iter()
        .filter(|r| r.ty == "azurerm_network_security_rule")
    {
        let Some(parent) = get(&r.values, "network_security_group_name").and_then(Value::as_str)
        else {
            continue;
        };
        if nsgs.contains(parent) {
            continue;
        }
        let Value::Object(mut m) = nsg_rule(&r.values) else {
            continue;
        };
        m.insert(
            "name".into(),
            Value::String(format!("{parent}/{}", name_of(r))),
        );
        m.insert(
            "type".into(),
            json!("Microsoft.Network/networkSecurityGroups/securityRules"),
        );
        out.push(m);
    }
    out
}

fn route(v: &Map<String, Value>) -> Value {
    at(
        v,
        json!({
            "name": get(v, "name").cloned().unwrap_or(Value::Null),
            "properties": rename(v, &[
                ("address_prefix", "addressPrefix"),
                ("next_hop_type", "nextHopType"),
                ("next_hop_in_ip_address", "nextHopIpAddress"),
            ]),
        }),
    )
}

/// Route tables in ARM shape: inline `route` plus standalone `azurerm_route` naming the table.
pub fn arm_route_tables(res: &[PlanResource]) -> Vec<Map<String, Value>> {
    let mut out = Vec::new();
    for t in res.iter().filter(|r| r.ty == "azurerm_route_table") {
        let name = name_of(t);
        let mut routes: Vec<Value> = get(&t.values, "route")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_object).map(route).collect())
            .unwrap_or_default();
        for r in res.iter().filter(|r| r.ty == "azurerm_route") {
            if get(&r.values, "route_table_name").and_then(Value::as_str) == Some(&name) {
                routes.push(route(&r.values));
            }
        }
        // azurerm 3.x: disable_bgp_route_propagation; 4.x: bgp_route_propagation_enabled
        let disable = match (
            get(&t.values, "disable_bgp_route_propagation").and_then(Value::as_bool),
            get(&t.values, "bgp_route_propagation_enabled").and_then(Value::as_bool),
        ) {
            (Some(d), _) => d,
            (None, Some(e)) => !e,
            _ => false,
        };
        let mut m = Map::new();
        copy_loc(&t.values, &mut m);
        m.insert("name".into(), Value::String(name));
        m.insert(
            "properties".into(),
            json!({ "routes": routes, "disableBgpRoutePropagation": disable }),
        );
        out.push(m);
    }
    out
}

/// The one resource of `ty` in `module`, if there is exactly one.
fn only_in_module<'a>(res: &'a [PlanResource], ty: &str, module: &str) -> Option<&'a PlanResource> {
    let mut it = res.iter().filter(|r| r.ty == ty && r.module == module);
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// A policy id: the known one, else the only policy in the same module, else the unknown marker.
fn policy_ref(res: &[PlanResource], r: &PlanResource, field: &str) -> Option<Value> {
    match get(&r.values, field) {
        Some(Value::String(s)) => Some(Value::String(s.clone())),
        other => match only_in_module(res, "azurerm_firewall_policy", &r.module) {
            Some(p) => Some(Value::String(format!(
                "/terraform/{}/firewallPolicies/{}",
                p.module,
                name_of(p)
            ))),
            None => other.cloned(),
        },
    }
}

fn fw_rule(v: &Map<String, Value>, kind: &str) -> Value {
    let mut m = rename(
        v,
        &[
            ("name", "name"),
            ("source_addresses", "sourceAddresses"),
            ("source_ip_groups", "sourceIpGroups"),
            ("destination_addresses", "destinationAddresses"),
            ("destination_ip_groups", "destinationIpGroups"),
            ("destination_ports", "destinationPorts"),
        ],
    );
    match kind {
        "ApplicationRule" => {
            for (from, to) in [
                ("destination_fqdns", "targetFqdns"),
                ("target_fqdns", "targetFqdns"),
                ("destination_fqdn_tags", "fqdnTags"),
                ("fqdn_tags", "fqdnTags"),
                ("destination_urls", "targetUrls"),
                ("web_categories", "webCategories"),
            ] {
                if let Some(x) = get(v, from) {
                    m.insert(to.into(), x.clone());
                }
            }
            let protos = get(v, "protocols")
                .or_else(|| get(v, "protocol"))
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|p| json!({ "protocolType": p.get("type"), "port": p.get("port") }))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            m.insert("protocols".into(), Value::Array(protos));
        }
        _ => {
            if let Some(x) = get(v, "destination_fqdns") {
                m.insert("destinationFqdns".into(), x.clone());
            }
            if let Some(x) = get(v, "protocols") {
                m.insert("ipProtocols".into(), x.clone());
            }
        }
    }
    m.insert("ruleType".into(), Value::String(kind.to_string()));
    at(v, Value::Object(m))
}

fn collections(v: &Map<String, Value>, key: &str, kind: &str, ctype: &str) -> Vec<Value> {
    get(v, key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_object)
                .map(|c| {
                    let rules: Vec<Value> = get(c, "rule")
                        .and_then(Value::as_array)
                        .map(|rs| {
                            rs.iter()
                                .filter_map(Value::as_object)
                                .map(|r| fw_rule(r, kind))
                                .collect()
                        })
                        .unwrap_or_default();
                    at(
                        c,
                        json!({
                            "ruleCollectionType": ctype,
                            "name": get(c, "name"),
                            "priority": get(c, "priority"),
                            "action": { "type": get(c, "action") },
                            "rules": rules,
                        }),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Hidden key of a firewall IP configuration whose private IP was not written but taken as the first
/// address Azure hands out in its subnet (why, for the assumption listed).
pub const IP_ASSUMED: &str = "\u{0}ip_assumed";

/// The first address Azure hands out in the `AzureFirewallSubnet` a firewall's IP configuration names
/// (the fourth: Azure reserves the first four of every subnet), and the subnet's prefix. The subnet is the
/// one its `subnet_id` names by VNet, else the only `AzureFirewallSubnet` of the firewall's module.
fn first_firewall_address(
    res: &[PlanResource],
    fw: &PlanResource,
    cfg: &Value,
) -> Option<(String, String)> {
    let subnets: Vec<&PlanResource> = res
        .iter()
        .filter(|s| {
            s.ty == "azurerm_subnet"
                && get(&s.values, "name").and_then(Value::as_str) == Some("AzureFirewallSubnet")
        })
        .collect();
    let id = cfg.get("subnet_id").and_then(Value::as_str);
    let vnet = id.and_then(|i| {
        let mut parts = i.split('/');
        parts.find(|p| p.eq_ignore_ascii_case("virtualNetworks"))?;
        parts.next()
    });
    let by_vnet: Vec<&&PlanResource> = subnets
        .iter()
        .filter(|s| {
            vnet.is_some_and(|v| {
                get(&s.values, "virtual_network_name").and_then(Value::as_str) == Some(v)
            })
        })
        .collect();
    let subnet = match by_vnet.as_slice() {
        [one] => **one,
        _ => {
            let same: Vec<&&PlanResource> =
                subnets.iter().filter(|s| s.module == fw.module).collect();
            match same.as_slice() {
                [one] if id.is_none_or(|i| i.ends_with("/subnets/AzureFirewallSubnet")) => **one,
                _ => return None,
            }
        }
    };
    let prefix = get(&subnet.values, "address_prefixes")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .or_else(|| get(&subnet.values, "address_prefix"))
        .and_then(Value::as_str)?;
    let net: ipnet::Ipv4Net = prefix.trim().parse().ok()?;
    let first = u32::from(net.network()).checked_add(4)?;
    let ip = std::net::Ipv4Addr::from(first);
    net.contains(&ip)
        .then(|| (ip.to_string(), net.trunc().to_string()))
}

/// Firewalls, policies, rule collection groups and IP groups in ARM shape.
pub fn arm_firewall_objects(res: &[PlanResource]) -> Vec<Map<String, Value>> {
    let mut out = Vec::new();
    for r in res {
        let v = &r.values;
        let obj = match r.ty.as_str() {
            "azurerm_firewall" => {
                let cfgs: Vec<Value> = get(v, "ip_configuration")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|c| {
                                let mut props = json!({ "privateIPAddress": c.get("private_ip_address") });
                                // left to Azure: the first address it hands out in the firewall's subnet
                                let given = c.get("private_ip_address").and_then(Value::as_str);
                                if given.is_none()
                                    && let Some((ip, net)) = first_firewall_address(res, r, c)
                                {
                                    props["privateIPAddress"] = json!(ip);
                                    props[IP_ASSUMED] = json!(format!(
                                        "private IP {ip} assumed (the first address Azure hands out in AzureFirewallSubnet {net})"
                                    ));
                                }
                                json!({ "name": c.get("name"), "properties": props })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let mut p = json!({ "ipConfigurations": cfgs, "threatIntelMode": get(v, "threat_intel_mode") });
                // a secured virtual hub's firewall (`AZFW_Hub`): its hub, and its private IP when known
                if let Some(h) = get(v, "virtual_hub")
                    .and_then(Value::as_array)
                    .and_then(|a| a.first())
                    .and_then(Value::as_object)
                {
                    p["sku"] = json!({ "name": get(v, "sku_name"), "tier": get(v, "sku_tier") });
                    if let Some(Value::String(id)) = get(h, "virtual_hub_id") {
                        p["virtualHub"] = json!({ "id": id });
                    }
                    if let Some(Value::String(ip)) = get(h, "private_ip_address") {
                        p["hubIPAddresses"] = json!({ "privateIPAddress": ip });
                    }
                }
                if let Some(pid) = policy_ref(res, r, "firewall_policy_id") {
                    p["firewallPolicy"] = json!({ "id": pid });
                }
                // classic rule collections defined as separate resources naming this firewall
                let name = name_of(r);
                for (ty, key, kind) in [
                    (
                        "azurerm_firewall_network_rule_collection",
                        "networkRuleCollections",
                        "NetworkRule",
                    ),
                    (
                        "azurerm_firewall_application_rule_collection",
                        "applicationRuleCollections",
                        "ApplicationRule",
                    ),
                ] {
                    let cols: Vec<Value> = res
                        .iter()
                        .filter(|c| {
                            c.ty == ty
                                && get(&c.values, "azure_firewall_name").and_then(Value::as_str)
                                    == Some(&name)
                        })
                        .map(|c| {
                            let rules: Vec<Value> = get(&c.values, "rule")
                                .and_then(Value::as_array)
                                .map(|rs| {
                                    rs.iter()
                                        .filter_map(Value::as_object)
                                        .map(|x| fw_rule(x, kind))
                                        .collect()
                                })
                                .unwrap_or_default();
                            at(
                                &c.values,
                                json!({ "name": name_of(c), "properties": {
                                "priority": get(&c.values, "priority"),
                                "action": { "type": get(&c.values, "action") },
                                "rules": rules } }),
                            )
                        })
                        .collect();
                    p[key] = Value::Array(cols);
                }
                json!({ "name": name, "type": "Microsoft.Network/azureFirewalls", "properties": p })
            }
            "azurerm_firewall_policy" => json!({
                "name": name_of(r),
                "type": "Microsoft.Network/firewallPolicies",
                "properties": {
                    "basePolicy": get(v, "base_policy_id").map(|b| json!({ "id": b })),
                    "threatIntelMode": get(v, "threat_intelligence_mode"),
                }
            }),
            "azurerm_firewall_policy_rule_collection_group" => {
                let mut cols = collections(
                    v,
                    "network_rule_collection",
                    "NetworkRule",
                    "FirewallPolicyFilterRuleCollection",
                );
                cols.extend(collections(
                    v,
                    "application_rule_collection",
                    "ApplicationRule",
                    "FirewallPolicyFilterRuleCollection",
                ));
                cols.extend(collections(
                    v,
                    "nat_rule_collection",
                    "NatRule",
                    "FirewallPolicyNatRuleCollection",
                ));
                let name = name_of(r);
                let id = policy_ref(res, r, "firewall_policy_id").and_then(|p| {
                    p.as_str()
                        .map(|s| format!("{s}/ruleCollectionGroups/{name}"))
                });
                json!({
                    "name": name,
                    "id": id,
                    "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                    "properties": { "priority": get(v, "priority"), "ruleCollections": cols }
                })
            }
            "azurerm_ip_group" => json!({
                "name": name_of(r),
                "type": "Microsoft.Network/ipGroups",
                "properties": { "ipAddresses": get(v, "cidrs") }
            }),
            _ => continue,
        };
        if let Value::Object(mut m) = obj {
            copy_loc(v, &mut m);
            out.push(m);
        }
    }
    out
}
