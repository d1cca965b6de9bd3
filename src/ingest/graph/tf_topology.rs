//! A Terraform plan's VMs and their network associations, in ARM shape for `ingest::topology`: VMs
//! (`azurerm_linux_virtual_machine`, `azurerm_windows_virtual_machine`, `azurerm_virtual_machine`), NICs,
//! subnets, VNets, NSGs and route tables, joined by the association resources
//! (`azurerm_network_interface_security_group_association`, `azurerm_subnet_network_security_group_association`,
//! `azurerm_subnet_route_table_association`) and the references the configuration states. A plan does not
//! know resource ids before apply, so the joins follow `configuration` references (through module
//! variables to the module call that sets them), never guessed from names.

use crate::ingest::json_util::id_segment;
use crate::ingest::terraform::{self, PlanResource};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// One resource of the configuration: its expressions, in the module it lives in.
struct ConfRes<'a> {
    module: String,
    expressions: &'a Map<String, Value>,
}

/// The configuration: resources by address (no instance keys), and each module's variable references.
struct Conf<'a> {
    resources: HashMap<String, ConfRes<'a>>,
    /// module prefix (`module.web.`) → variable → references in the calling module
    vars: HashMap<String, (String, &'a Map<String, Value>)>,
    /// module prefix (`module.vnet.`) → output name → the output's definition (`expression`)
    outputs: HashMap<String, &'a Map<String, Value>>,
}

fn walk<'a>(m: &'a Value, prefix: &str, c: &mut Conf<'a>) {
    for r in m
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(addr), Some(ex)) = (
            r.get("address").and_then(Value::as_str),
            r.get("expressions").and_then(Value::as_object),
        ) else {
            continue;
        };
        c.resources.insert(
            format!("{prefix}{addr}"),
            ConfRes {
                module: prefix.to_string(),
                expressions: ex,
            },
        );
    }
    for (name, call) in m
        .get("module_calls")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let child = format!("{prefix}module.{name}.");
        if let Some(ex) = call.get("expressions").and_then(Value::as_object) {
            c.vars.insert(child.clone(), (prefix.to_string(), ex));
        }
        if let Some(inner) = call.get("module") {
            if let Some(o) = inner.get("outputs").and_then(Value::as_object) {
                c.outputs.insert(child.clone(), o);
            }
            walk(inner, &child, c);
        }
    }
}

/// `azurerm_x.name[0]` / `module.m["a"].azurerm_x.name` → the configuration address (instance keys
/// removed).
fn conf_address(a: &str) -> String {
    let mut out = String::with_capacity(a.len());
    let mut depth = 0;
    for ch in a.chars() {
        match ch {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// A Virtual Network Manager resource of a plan, state or configuration in its ARM shape (azure-semantics.md
/// §10.2): an admin rule, its rule collection (`appliesToGroups`), a network group's static member. Named by
/// its id where the values state one (a configuration's made-up id, a state's real one), else by the names
/// of its parents as the configuration's references give them (`avnm/org/backup/deny-8443`).
fn network_manager_resource<'r>(
    r: &'r PlanResource,
    resolve: &dyn Fn(&PlanResource, &str) -> Option<&'r PlanResource>,
) -> Option<Value> {
    let v = &r.values;
    let name = s(v, "name")?;
    // the parent chain's names, nearest first, by the reference fields
    let chain = |start: &'r PlanResource, keys: &[&str]| -> Option<Vec<String>> {
        let mut names = Vec::new();
        let mut cur = start;
        for k in keys {
            cur = resolve(cur, k)?;
            names.push(s(&cur.values, "name")?);
        }
        names.reverse();
        Some(names)
    };
    let named = |mut parents: Vec<String>| {
        parents.push(name.clone());
        parents.join("/")
    };
    let key = |k: &str| -> Value {
        match s(v, "id").filter(|i| i.starts_with('/')) {
            Some(i) => json!({ "id": i, "name": name }),
            None => json!({ "name": k }),
        }
    };
    let list = |k: &str| -> Vec<Value> {
        v.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (ty, mut out) = match r.ty.as_str() {
        "azurerm_network_manager_admin_rule" => {
            let parents = chain(
                r,
                &[
                    "admin_rule_collection_id",
                    "security_admin_configuration_id",
                    "network_manager_id",
                ],
            )
            .unwrap_or_default();
            let items = |k: &str| -> Vec<Value> {
                list(k)
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|a| {
                        json!({
                            "addressPrefix": a.get("address_prefix"),
                            "addressPrefixType": a.get("address_prefix_type"),
                        })
                    })
                    .collect()
            };
            let mut o = key(&named(parents));
            o["kind"] = json!("Custom");
            o["properties"] = json!({
                "access": v.get("action"),
                "direction": v.get("direction"),
                "priority": v.get("priority"),
                "protocol": v.get("protocol"),
                "sources": items("source"),
                "destinations": items("destination"),
                "sourcePortRanges": v.get("source_port_ranges").cloned().unwrap_or(json!([])),
                "destinationPortRanges": v.get("destination_port_ranges").cloned().unwrap_or(json!([])),
            });
            (crate::ingest::avnm::RULE, o)
        }
        "azurerm_network_manager_admin_rule_collection" => {
            let parents = chain(
                r,
                &["security_admin_configuration_id", "network_manager_id"],
            )
            .unwrap_or_default();
            let mut o = key(&named(parents));
            // the groups' ids: a configuration's made-up ids or a state's real ones (a plan knows them only
            // after apply, so its collection names no group and its rules' reach stays unknown)
            let groups: Vec<Value> = list("network_group_ids")
                .iter()
                .filter_map(Value::as_str)
                .map(|g| json!({ "networkGroupId": g }))
                .collect();
            o["properties"] = json!({ "appliesToGroups": groups });
            (crate::ingest::avnm::COLLECTION, o)
        }
        _ => {
            let parents = chain(r, &["network_group_id", "network_manager_id"]).unwrap_or_default();
            let mut o = key(&named(parents));
            let target = s(v, "target_virtual_network_id")
                .filter(|i| i.starts_with('/'))
                .or_else(|| {
                    resolve(r, "target_virtual_network_id")
                        .and_then(|vn| s(&vn.values, "name"))
                        .and_then(|n| {
                            id("Microsoft.Network/virtualNetworks", &n)["id"]
                                .as_str()
                                .map(str::to_string)
                        })
                });
            o["properties"] = json!({ "resourceId": target });
            (crate::ingest::avnm::STATIC_MEMBER, o)
        }
    };
    out["type"] = json!(ty);
    Some(out)
}

impl Conf<'_> {
    /// The resource address an expression refers to (`azurerm_subnet.app.id` in `module.m.` →
    /// `module.m.azurerm_subnet.app`), following `var.X` to the module call that sets it.
    fn target(&self, module: &str, expr: &Value, depth: usize) -> Option<String> {
        if depth > 16 {
            return None;
        }
        let refs = expr.get("references").and_then(Value::as_array)?;
        for r in refs.iter().filter_map(Value::as_str) {
            if let Some(var) = r.strip_prefix("var.") {
                let var = var.split(['.', '[']).next().unwrap_or(var);
                let (parent, ex) = self.vars.get(module)?;
                if let Some(e) = ex.get(var)
                    && let Some(t) = self.target(parent, e, depth + 1)
                {
                    return Some(t);
                }
                continue;
            }
            // a child module's output (`module.vnet.subnet_id`, `module.vm[0].nic_id`): the output's own
            // expression, in the child module
            if let Some((call, out)) = module_output(r) {
                let child = format!("{module}module.{call}.");
                if let Some(e) = self
                    .outputs
                    .get(&child)
                    .and_then(|o| o.get(out))
                    .and_then(|d| d.get("expression"))
                    && let Some(t) = self.target(&child, e, depth + 1)
                {
                    return Some(t);
                }
                continue;
            }
            let parts: Vec<&str> = r.split('.').collect();
            if parts.len() >= 2 && parts[0].starts_with("azurerm_") {
                let name = parts[1].split('[').next().unwrap_or(parts[1]);
                return Some(format!("{module}{}.{name}", parts[0]));
            }
        }
        None
    }

    fn expr<'b>(&'b self, addr: &str, key: &str) -> Option<(&'b str, &'b Value)> {
        let c = self.resources.get(addr)?;
        c.expressions.get(key).map(|e| (c.module.as_str(), e))
    }
}

/// `module.vnet.subnet_id` / `module.vm[0].nic_id` / `module.m["a"].x` → (`vnet`, `subnet_id`); a bare
/// `module.vnet` (no output) → `None`.
fn module_output(r: &str) -> Option<(&str, &str)> {
    let rest = r.strip_prefix("module.")?;
    let end = rest.find(['.', '['])?;
    let call = &rest[..end];
    let mut after = &rest[end..];
    if after.starts_with('[') {
        after = &after[after.find(']')? + 1..];
    }
    let out = after.strip_prefix('.')?;
    let out = out.split(['.', '[']).next().filter(|o| !o.is_empty())?;
    Some((call, out))
}

/// Length of the common prefix of two addresses.
fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn s(v: &Map<String, Value>, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

fn id(kind: &str, name: &str) -> Value {
    json!({ "id": format!("/subscriptions/plan/resourceGroups/plan/providers/{kind}/{name}") })
}

/// The plan's VMs, NICs, subnets, VNets, NSGs and route tables as ARM resources with their associations.
pub fn arm_resources(mut plan: Map<String, Value>) -> Vec<Value> {
    let configuration = plan.remove("configuration");
    // a configuration read without a plan (`tf_config`) states synthetic ids: joins follow them exactly
    let from_config = plan.remove(crate::ingest::tf_config::CONFIG_MARK).is_some();
    let res = terraform::resources_owned(plan);
    let mut conf = Conf {
        resources: HashMap::new(),
        vars: HashMap::new(),
        outputs: HashMap::new(),
    };
    if let Some(root) = configuration.as_ref().and_then(|c| c.get("root_module")) {
        walk(root, "", &mut conf);
    }
    // planned instances by configuration address; a reference from one instance goes to the instance
    // of the same module instance (`module.vm[1].…` to `module.vm[1].…`)
    let mut by_conf: HashMap<String, Vec<&PlanResource>> = HashMap::new();
    for r in &res {
        by_conf.entry(conf_address(&r.address)).or_default().push(r);
    }
    let pick = |conf_addr: &str, from: &str| -> Option<&PlanResource> {
        let c = by_conf.get(conf_addr)?;
        c.iter()
            .max_by_key(|t| common_prefix(&t.address, from))
            .copied()
    };
    let name_at = |conf_addr: &str, from: &str| -> Option<String> {
        pick(conf_addr, from).and_then(|r| s(&r.values, "name"))
    };
    // a state (and a plan's values that are known) gives real ids: joins by id where the configuration
    // says nothing
    let mut by_id: HashMap<String, &PlanResource> = HashMap::new();
    for r in &res {
        if let Some(i) = s(&r.values, "id").filter(|i| !i.is_empty()) {
            by_id.insert(i.to_ascii_lowercase(), r);
        }
    }
    let by_value = |r: &PlanResource, key: &str| -> Option<&PlanResource> {
        let i = s(&r.values, key)?;
        by_id.get(&i.to_ascii_lowercase()).copied()
    };
    // the resource a reference field points at: the configuration's reference, else the value's id
    let resolve = |r: &PlanResource, key: &str| -> Option<&PlanResource> {
        let a = conf_address(&r.address);
        conf.expr(&a, key)
            .and_then(|(m, e)| conf.target(m, e, 0))
            .and_then(|t| pick(&t, &r.address))
            .or_else(|| by_value(r, key))
    };
    // associations: target address → associated address
    let mut nic_nsg = HashMap::new();
    let mut subnet_nsg = HashMap::new();
    let mut subnet_rt = HashMap::new();
    let mut subnet_nat = HashMap::new();
    for r in &res {
        let pair = |k1: &str, k2: &str| -> Option<(String, String)> {
            let from = resolve(r, k1)?;
            let to = resolve(r, k2)?;
            Some((from.address.clone(), s(&to.values, "name")?))
        };
        let hit = match r.ty.as_str() {
            "azurerm_network_interface_security_group_association" => {
                pair("network_interface_id", "network_security_group_id").map(|p| (&mut nic_nsg, p))
            }
            "azurerm_subnet_network_security_group_association" => {
                pair("subnet_id", "network_security_group_id").map(|p| (&mut subnet_nsg, p))
            }
            "azurerm_subnet_route_table_association" => {
                pair("subnet_id", "route_table_id").map(|p| (&mut subnet_rt, p))
            }
            "azurerm_subnet_nat_gateway_association" => {
                pair("subnet_id", "nat_gateway_id").map(|p| (&mut subnet_nat, p))
            }
            _ => None,
        };
        if let Some((map, (from, to))) = hit {
            map.insert(from, to);
        }
    }
    // a VNet's inline `subnet` blocks (id → `vnet/subnets/name`) and their NSGs
    let mut inline_subnets: HashMap<String, String> = HashMap::new();
    let mut inline_out: Vec<Value> = Vec::new();
    for r in res.iter().filter(|r| r.ty == "azurerm_virtual_network") {
        let Some(vnet) = s(&r.values, "name") else {
            continue;
        };
        for sn in r
            .values
            .get("subnet")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            let Some(name) = s(sn, "name") else { continue };
            if let Some(i) = s(sn, "id") {
                inline_subnets.insert(i.to_ascii_lowercase(), format!("{vnet}/subnets/{name}"));
            }
            let mut props = json!({});
            let nsg = s(sn, "security_group").filter(|x| !x.is_empty());
            if let Some(n) = nsg {
                props["networkSecurityGroup"] = match by_id
                    .get(&n.to_ascii_lowercase())
                    .and_then(|x| s(&x.values, "name"))
                {
                    Some(name) => id("Microsoft.Network/networkSecurityGroups", &name),
                    None => json!({ "id": n }),
                };
            }
            inline_out.push(json!({
                "type": "Microsoft.Network/virtualNetworks/subnets", "name": format!("{vnet}/{name}"),
                "properties": props,
            }));
        }
    }
    let mut out: Vec<Value> = inline_out;
    for mut n in terraform::arm_nsgs(&res) {
        n.insert(
            "type".into(),
            json!("Microsoft.Network/networkSecurityGroups"),
        );
        out.push(Value::Object(n));
    }
    out.extend(
        terraform::arm_orphan_rules(&res)
            .into_iter()
            .map(Value::Object),
    );
    // Azure Firewall, its policies, rule collection groups and IP groups: a route's next hop finds them
    out.extend(
        terraform::arm_firewall_objects(&res)
            .into_iter()
            .map(Value::Object),
    );
    for mut t in terraform::arm_route_tables(&res) {
        t.insert("type".into(), json!("Microsoft.Network/routeTables"));
        out.push(Value::Object(t));
    }
    // what a resource becomes keeps its place in the configuration (errors name it)
    let place = |out: &mut Vec<Value>, from: usize, r: &PlanResource| {
        for x in &mut out[from..] {
            if let Value::Object(o) = x
                && !o.contains_key(crate::ingest::json::LOC_KEY)
            {
                crate::ingest::json::copy_loc(&r.values, o);
            }
        }
    };
    let mut last: Option<(usize, &PlanResource)> = None;
    for r in &res {
        if let Some((from, pr)) = last.take() {
            place(&mut out, from, pr);
        }
        last = Some((out.len(), r));
        let a = conf_address(&r.address);
        let v = &r.values;
        let Some(name) = s(v, "name") else { continue };
        let location = v.get("location").cloned().unwrap_or(Value::Null);
        match r.ty.as_str() {
            "azurerm_linux_virtual_machine"
            | "azurerm_windows_virtual_machine"
            | "azurerm_virtual_machine" => {
                let mut nics: Vec<Value> = conf
                    .expr(&a, "network_interface_ids")
                    .and_then(|(m, e)| conf.target(m, e, 0))
                    .and_then(|t| name_at(&t, &r.address))
                    .map(|n| vec![id("Microsoft.Network/networkInterfaces", &n)])
                    .unwrap_or_default();
                if nics.is_empty() {
                    // a state: the NICs' real ids, in order (the first is the primary); one that is not in
                    // the state stays named by its id
                    for i in v
                        .get("network_interface_ids")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        nics.push(
                            match by_id
                                .get(&i.to_ascii_lowercase())
                                .and_then(|n| s(&n.values, "name"))
                            {
                                Some(n) => id("Microsoft.Network/networkInterfaces", &n),
                                None => json!({ "id": i }),
                            },
                        );
                    }
                }
                // the OS disk: linux/windows VMs always have a managed one; the classic resource says which
                let os_disk = if r.ty == "azurerm_virtual_machine" {
                    v.get("storage_os_disk")
                        .and_then(Value::as_array)
                        .and_then(|a| a.first())
                        .and_then(Value::as_object)
                        .and_then(|d| {
                            if s(d, "vhd_uri").is_some_and(|u| !u.is_empty()) {
                                Some(json!({ "vhd": { "uri": s(d, "vhd_uri") } }))
                            } else if s(d, "managed_disk_type").is_some()
                                || s(d, "managed_disk_id").is_some()
                            {
                                Some(json!({ "managedDisk": {} }))
                            } else {
                                None
                            }
                        })
                } else {
                    Some(json!({ "managedDisk": {} }))
                };
                let mut props = json!({ "networkProfile": { "networkInterfaces": nics } });
                if let Some(d) = os_disk {
                    props["storageProfile"] = json!({ "osDisk": d });
                }
                let mut vm = json!({
                    "type": "Microsoft.Compute/virtualMachines", "name": name, "location": location,
                    "properties": props,
                });
                // a configuration's VM is also found by its address (its name may be an expression)
                if from_config {
                    vm[crate::ingest::tf_config::ADDRESS_KEY] = json!(r.address);
                }
                out.push(vm);
            }
            "azurerm_network_interface" => {
                let cfg = v
                    .get("ip_configuration")
                    .and_then(Value::as_array)
                    .and_then(|a| a.first())
                    .and_then(Value::as_object);
                let ip = cfg
                    .and_then(|c| s(c, "private_ip_address"))
                    .filter(|x| !x.is_empty());
                // the subnet: the configuration's reference (ids are not known before apply)
                let subnet = conf.resources.get(&a).and_then(|c| {
                    let cfg = c.expressions.get("ip_configuration")?.as_array()?.first()?;
                    conf.target(&c.module, cfg.get("subnet_id")?, 0)
                });
                let subnet_id = subnet
                    .as_ref()
                    .and_then(|sa| {
                        let sr = pick(sa, &r.address)?;
                        // an `azapi_resource` subnet: its id names VNet and subnet
                        if sr.ty == "azapi_resource" {
                            return s(&sr.values, "id").map(|i| json!({ "id": i }));
                        }
                        Some(id(
                            "Microsoft.Network/virtualNetworks",
                            &format!(
                                "{}/subnets/{}",
                                s(&sr.values, "virtual_network_name")?,
                                s(&sr.values, "name")?
                            ),
                        ))
                    })
                    .or_else(|| {
                        // a state: the subnet's real id (named by the subnet resource, an inline subnet of
                        // a VNet, or the id itself when the subnet is not in the state)
                        let sid = cfg.and_then(|c| s(c, "subnet_id"))?;
                        Some(match inline_subnets.get(&sid.to_ascii_lowercase()) {
                            Some(n) => id("Microsoft.Network/virtualNetworks", n),
                            None => match by_id.get(&sid.to_ascii_lowercase()) {
                                Some(sr) if sr.ty == "azapi_resource" => json!({ "id": sid }),
                                Some(sr) => id(
                                    "Microsoft.Network/virtualNetworks",
                                    &format!(
                                        "{}/subnets/{}",
                                        s(&sr.values, "virtual_network_name").unwrap_or_default(),
                                        s(&sr.values, "name").unwrap_or_default()
                                    ),
                                ),
                                None => json!({ "id": sid }),
                            },
                        })
                    });
                let mut props = json!({
                    "ipConfigurations": [{ "name": "ipconfig", "properties": {
                        "primary": true,
                        "privateIPAddress": ip,
                        "subnet": subnet_id,
                    }}],
                });
                // the association resource, else azurerm 1.x's `network_security_group_id` on the NIC
                if let Some(n) = nic_nsg.get(&r.address).cloned().or_else(|| {
                    resolve(r, "network_security_group_id").and_then(|x| s(&x.values, "name"))
                }) {
                    props["networkSecurityGroup"] =
                        id("Microsoft.Network/networkSecurityGroups", &n);
                }
                // a public IP on the NIC (an explicit outbound method): its id is known after apply only, so
                // the value or the configuration's reference says it is there
                let pip_value = cfg
                    .and_then(|c| c.get("public_ip_address_id"))
                    .is_some_and(|x| x.as_str().is_some_and(|x| !x.is_empty()));
                let pip_ref = conf.resources.get(&a).is_some_and(|c| {
                    c.expressions
                        .get("ip_configuration")
                        .and_then(Value::as_array)
                        .and_then(|a| a.first())
                        .and_then(|cfg| cfg.get("public_ip_address_id"))
                        .is_some_and(|e| {
                            e.get("references")
                                .and_then(Value::as_array)
                                .is_some_and(|r| !r.is_empty())
                                || e.get("constant_value").is_some_and(|c| !c.is_null())
                        })
                });
                if pip_value || pip_ref {
                    props["ipConfigurations"][0]["properties"]["publicIPAddress"] = id(
                        "Microsoft.Network/publicIPAddresses",
                        &format!("{name}-pip"),
                    );
                }
                out.push(json!({
                    "type": "Microsoft.Network/networkInterfaces", "name": name, "location": location,
                    "properties": props,
                }));
            }
            "azurerm_virtual_network" => {
                out.push(json!({
                    "type": "Microsoft.Network/virtualNetworks", "name": name, "location": location,
                    "properties": { "addressSpace": { "addressPrefixes": v.get("address_space").cloned().unwrap_or(json!([])) } },
                }));
            }
            "azurerm_subnet" => {
                let vnet = s(v, "virtual_network_name").unwrap_or_default();
                let mut props = json!({
                    "serviceEndpoints": v.get("service_endpoints").and_then(Value::as_array)
                        .map(|a| a.iter().map(|x| json!({ "properties": { "service": x } })).collect::<Vec<_>>())
                        .unwrap_or_default(),
                });
                // the association resources, else azurerm 1.x's fields on the subnet itself
                let named = |key: &str| by_value(r, key).and_then(|x| s(&x.values, "name"));
                if let Some(n) = subnet_nsg
                    .get(&r.address)
                    .cloned()
                    .or_else(|| named("network_security_group_id"))
                {
                    props["networkSecurityGroup"] =
                        id("Microsoft.Network/networkSecurityGroups", &n);
                }
                if let Some(n) = subnet_rt
                    .get(&r.address)
                    .cloned()
                    .or_else(|| named("route_table_id"))
                {
                    props["routeTable"] = id("Microsoft.Network/routeTables", &n);
                }
                if let Some(n) = subnet_nat.get(&r.address) {
                    props["natGateway"] = id("Microsoft.Network/natGateways", n);
                }
                // azurerm's `default_outbound_access_enabled` (false: a private subnet, azure-semantics.md §10.1)
                // Terraform converts the strings "true", "1", "false" and "0" to a bool; a value not known offline
                // stays unknown, and any other value is passed on to be refused at its place
                match v.get("default_outbound_access_enabled") {
                    None | Some(Value::Null) => {}
                    Some(Value::String(t))
                        if matches!(t.as_str(), "true" | "1" | "false" | "0") =>
                    {
                        props["defaultOutboundAccess"] = json!(t == "true" || t == "1");
                    }
                    Some(other) => props["defaultOutboundAccess"] = other.clone(),
                }
                out.push(json!({
                    "type": "Microsoft.Network/virtualNetworks/subnets", "name": format!("{vnet}/{name}"),
                    "properties": props,
                }));
            }
            "azurerm_network_manager_admin_rule"
            | "azurerm_network_manager_admin_rule_collection"
            | "azurerm_network_manager_static_member" => {
                if let Some(x) = network_manager_resource(r, &resolve) {
                    out.push(x);
                }
            }
            _ => {}
        }
    }
    if let Some((from, pr)) = last {
        place(&mut out, from, pr);
    }
    // Virtual WAN: hubs, their connections, route tables (with routes written as their own resources) and
    // routing intent, in ARM shape (azure-semantics.md §11.1)
    let nested = |r: &PlanResource, path: &[&str]| -> Option<&PlanResource> {
        let a = conf_address(&r.address);
        let c = conf.resources.get(&a)?;
        let mut e: &Value = c.expressions.get(*path.first()?)?;
        for k in &path[1..] {
            e = match k.parse::<usize>() {
                Ok(i) => e.as_array()?.get(i)?,
                Err(_) => e.get(*k)?,
            };
        }
        conf.target(&c.module, e, 0)
            .and_then(|t| pick(&t, &r.address))
    };
    let mut vwan = vwan_resources(&res, &resolve, &nested, &by_id);
    for (x, r) in &mut vwan {
        if let Value::Object(o) = x {
            crate::ingest::json::copy_loc(&r.values, o);
        }
    }
    out.extend(vwan.into_iter().map(|(x, _)| x));
    out
}

/// A value at `path` of a resource's values (`routing.0.associated_route_table_id`).
fn value_at<'v>(v: &'v Map<String, Value>, path: &[&str]) -> Option<&'v Value> {
    let mut e = v.get(*path.first()?)?;
    for k in &path[1..] {
        e = match k.parse::<usize>() {
            Ok(i) => e.as_array()?.get(i)?,
            Err(_) => e.get(*k)?,
        };
    }
    (!e.is_null()).then_some(e)
}

type Resolver<'a, 'r> = dyn Fn(&'r PlanResource, &str) -> Option<&'r PlanResource> + 'a;
type NestedResolver<'a, 'r> = dyn Fn(&'r PlanResource, &[&str]) -> Option<&'r PlanResource> + 'a;

/// The Virtual WAN resources of a plan, state or configuration in ARM shape, each with the resource it came
/// from (for its location).
fn vwan_resources<'r>(
    res: &'r [PlanResource],
    resolve: &Resolver<'_, 'r>,
    nested: &NestedResolver<'_, 'r>,
    by_id: &HashMap<String, &'r PlanResource>,
) -> Vec<(Value, &'r PlanResource)> {
    // what an id-valued field names: the configuration's reference, else the known id
    let named = |r: &'r PlanResource, path: &[&str]| -> Option<(&'r str, String)> {
        let target = if path.len() == 1 {
            resolve(r, path[0])
        } else {
            nested(r, path)
        }
        .or_else(|| {
            let i = value_at(&r.values, path)?.as_str()?;
            by_id.get(&i.to_ascii_lowercase()).copied()
        })?;
        Some((target.ty.as_str(), s(&target.values, "name")?))
    };
    // the hub a child names (`virtual_hub_id`): its name, from the reference or the id
    let hub_of = |r: &'r PlanResource| -> Option<String> {
        named(r, &["virtual_hub_id"]).map(|(_, n)| n).or_else(|| {
            let i = s(&r.values, "virtual_hub_id")?;
            id_segment(&i, "virtualHubs").map(str::to_string)
        })
    };
    // a next hop (a firewall, a connection): its ARM id by name, or the id as written, or unknown
    let next_hop = |r: &'r PlanResource, path: &[&str]| -> Value {
        match named(r, path) {
            Some(("azurerm_firewall", n)) => {
                json!(format!(
                    "/subscriptions/plan/resourceGroups/plan/providers/Microsoft.Network/azureFirewalls/{n}"
                ))
            }
            _ => match value_at(&r.values, path) {
                Some(Value::String(i)) => json!(i),
                _ => Value::Null,
            },
        }
    };
    // a route table a field names: (hub, table); the hub's `default_route_table_id` is its defaultRouteTable
    let table_of = |r: &'r PlanResource, path: &[&str]| -> Option<(String, String)> {
        match named(r, path) {
            Some(("azurerm_virtual_hub", h)) => return Some((h, "defaultRouteTable".into())),
            Some(("azurerm_virtual_hub_route_table", t)) => {
                let tr = if path.len() == 1 {
                    resolve(r, path[0])
                } else {
                    nested(r, path)
                };
                if let Some(h) = tr.and_then(&hub_of) {
                    return Some((h, t));
                }
            }
            _ => {}
        }
        let i = value_at(&r.values, path)?.as_str()?;
        Some((
            id_segment(i, "virtualHubs")?.to_string(),
            id_segment(i, "hubRouteTables")?.to_string(),
        ))
    };
    let arm_route = |r: &'r PlanResource, v: &Map<String, Value>, path: &[&str]| -> Value {
        let mut hop = path.to_vec();
        hop.push("next_hop");
        json!({
            "name": v.get("name"),
            "destinationType": v.get("destinations_type"),
            "destinations": v.get("destinations"),
            "nextHopType": v.get("next_hop_type").cloned().unwrap_or(json!("ResourceId")),
            "nextHop": next_hop(r, &hop),
        })
    };
    let mut out: Vec<(Value, &'r PlanResource)> = Vec::new();
    // routes written as their own resources, by (hub, table)
    let mut extra: HashMap<(String, String), Vec<Value>> = HashMap::new();
    for r in res
        .iter()
        .filter(|r| r.ty == "azurerm_virtual_hub_route_table_route")
    {
        if let Some((h, t)) = table_of(r, &["route_table_id"]) {
            extra
                .entry((h.to_ascii_lowercase(), t.to_ascii_lowercase()))
                .or_default()
                .push(arm_route(r, &r.values, &[]));
        }
    }
    let mut tables_seen = std::collections::HashSet::new();
    for r in res {
        let v = &r.values;
        let name = s(v, "name").unwrap_or_else(|| r.address.clone());
        let x = match r.ty.as_str() {
            "azurerm_virtual_hub" => json!({
                "type": "Microsoft.Network/virtualHubs", "name": name, "location": v.get("location"),
                "properties": { "addressPrefix": v.get("address_prefix") },
            }),
            "azurerm_virtual_hub_connection" => {
                let Some(hub) = hub_of(r) else { continue };
                let vnet = named(r, &["remote_virtual_network_id"])
                    .map(|(_, n)| n)
                    .or_else(|| {
                        let i = s(v, "remote_virtual_network_id")?;
                        id_segment(&i, "virtualNetworks").map(str::to_string)
                    });
                let mut p = json!({
                    "remoteVirtualNetwork": vnet.map(|n| id("Microsoft.Network/virtualNetworks", &n)),
                    // Terraform's default is false (azure-semantics.md §11.1)
                    "enableInternetSecurity": v.get("internet_security_enabled").cloned().unwrap_or(json!(false)),
                });
                if let Some(routing) = value_at(v, &["routing", "0"]).and_then(Value::as_object) {
                    let mut rc = json!({});
                    if let Some((h, t)) =
                        table_of(r, &["routing", "0", "associated_route_table_id"])
                    {
                        rc["associatedRouteTable"] = json!({ "id": format!(
                            "/subscriptions/plan/resourceGroups/plan/providers/Microsoft.Network/virtualHubs/{h}/hubRouteTables/{t}"
                        ) });
                    } else if let Some(a) = routing
                        .get("associated_route_table_id")
                        .filter(|a| !a.is_null())
                    {
                        // a value not known offline stays so
                        rc["associatedRouteTable"] = a.clone();
                    }
                    let statics: Vec<Value> = routing
                        .get("static_vnet_route")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_object)
                        .map(|sr| {
                            json!({
                                "name": sr.get("name"),
                                "addressPrefixes": sr.get("address_prefixes"),
                                "nextHopIpAddress": sr.get("next_hop_ip_address"),
                            })
                        })
                        .collect();
                    rc["vnetRoutes"] = json!({ "staticRoutes": statics });
                    p["routingConfiguration"] = rc;
                }
                json!({
                    "type": "Microsoft.Network/virtualHubs/hubVirtualNetworkConnections",
                    "name": format!("{hub}/{name}"), "properties": p,
                })
            }
            "azurerm_virtual_hub_route_table" => {
                let Some(hub) = hub_of(r) else { continue };
                let mut routes: Vec<Value> = v
                    .get("route")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .filter_map(|(i, x)| Some((i, x.as_object()?)))
                    .map(|(i, x)| arm_route(r, x, &["route", &i.to_string()]))
                    .collect();
                let k = (hub.to_ascii_lowercase(), name.to_ascii_lowercase());
                routes.extend(extra.remove(&k).unwrap_or_default());
                tables_seen.insert(k);
                json!({
                    "type": "Microsoft.Network/virtualHubs/hubRouteTables",
                    "name": format!("{hub}/{name}"),
                    "properties": { "labels": v.get("labels"), "routes": routes },
                })
            }
            "azurerm_virtual_hub_routing_intent" => {
                let Some(hub) = hub_of(r) else { continue };
                let policies: Vec<Value> = v
                    .get("routing_policy")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .filter_map(|(i, x)| Some((i, x.as_object()?)))
                    .map(|(i, x)| {
                        json!({
                            "name": x.get("name"),
                            "destinations": x.get("destinations"),
                            "nextHop": next_hop(r, &["routing_policy", &i.to_string(), "next_hop"]),
                        })
                    })
                    .collect();
                json!({
                    "type": "Microsoft.Network/virtualHubs/routingIntent",
                    "name": format!("{hub}/{name}"),
                    "properties": { "routingPolicies": policies },
                })
            }
            _ => continue,
        };
        out.push((x, r));
    }
    // routes of a table that is no resource of its own (a hub's defaultRouteTable)
    let mut rest: Vec<_> = extra.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    for ((h, t), routes) in rest {
        let Some(r) = res.iter().find(|r| {
            r.ty == "azurerm_virtual_hub_route_table_route"
                && table_of(r, &["route_table_id"])
                    .is_some_and(|(a, b)| a.eq_ignore_ascii_case(&h) && b.eq_ignore_ascii_case(&t))
        }) else {
            continue;
        };
        let (hub, table) = table_of(r, &["route_table_id"]).unwrap_or((h, t));
        out.push((
            json!({
                "type": "Microsoft.Network/virtualHubs/hubRouteTables",
                "name": format!("{hub}/{table}"),
                "properties": { "routes": routes },
            }),
            r,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_output_references_are_split() {
        assert_eq!(
            module_output("module.vnet.subnet_id"),
            Some(("vnet", "subnet_id"))
        );
        assert_eq!(module_output("module.vm[0].nic_id"), Some(("vm", "nic_id")));
        assert_eq!(module_output("module.m[\"a.b\"].x[1]"), Some(("m", "x")));
        assert_eq!(module_output("module.vnet"), None);
        assert_eq!(module_output("var.subnet_id"), None);
    }

    /// The shape `terraform show -json` writes for `subnet_id = module.vnet.subnet_id` (the root NIC) with
    /// the child module's `output "subnet_id" { value = azurerm_subnet.this.id }`, cut to what the join reads.
    #[test]
    fn a_nic_s_subnet_from_a_child_module_output_keeps_its_nsg() {
        let plan = json!({
            "format_version": "1.2",
            "planned_values": { "root_module": {
                "resources": [
                    { "address": "azurerm_network_interface.nic", "type": "azurerm_network_interface",
                      "values": { "name": "nic1", "ip_configuration": [{ "name": "ip" }] } }
                ],
                "child_modules": [{ "address": "module.vnet", "resources": [
                    { "address": "module.vnet.azurerm_subnet.this", "type": "azurerm_subnet",
                      "values": { "name": "app", "virtual_network_name": "vnet1" } },
                    { "address": "module.vnet.azurerm_network_security_group.this",
                      "type": "azurerm_network_security_group", "values": { "name": "nsg-app" } },
                    { "address": "module.vnet.azurerm_subnet_network_security_group_association.this",
                      "type": "azurerm_subnet_network_security_group_association", "values": {} }
                ]}]
            }},
            "configuration": { "root_module": {
                "resources": [{ "address": "azurerm_network_interface.nic", "expressions": {
                    "ip_configuration": [{ "subnet_id": {
                        "references": ["module.vnet.subnet_id", "module.vnet"] } }] } }],
                "module_calls": { "vnet": { "expressions": {}, "module": {
                    "outputs": { "subnet_id": { "expression": {
                        "references": ["azurerm_subnet.this.id", "azurerm_subnet.this"] } } },
                    "resources": [{
                        "address": "azurerm_subnet_network_security_group_association.this",
                        "expressions": {
                            "subnet_id": { "references": ["azurerm_subnet.this.id", "azurerm_subnet.this"] },
                            "network_security_group_id": { "references": [
                                "azurerm_network_security_group.this.id",
                                "azurerm_network_security_group.this"] } } }]
                }}}
            }}
        });
        let Value::Object(plan) = plan else {
            unreachable!()
        };
        let out = arm_resources(plan);
        let nic = out
            .iter()
            .find(|r| r["type"] == "Microsoft.Network/networkInterfaces")
            .unwrap();
        assert_eq!(
            nic["properties"]["ipConfigurations"][0]["properties"]["subnet"]["id"],
            "/subscriptions/plan/resourceGroups/plan/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/app"
        );
        let subnet = out
            .iter()
            .find(|r| r["type"] == "Microsoft.Network/virtualNetworks/subnets")
            .unwrap();
        assert!(
            subnet["properties"]["networkSecurityGroup"]["id"]
                .as_str()
                .unwrap()
                .ends_with("/nsg-app"),
            "{subnet}"
        );
    }

    /// A state's instances joined by their real ids: VM → NIC → subnet, and the association resources
    /// (shape of `terraform.tfstate` version 4, cut to what the join reads).
    #[test]
    fn a_state_joins_by_id() {
        let sub = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";
        let state = json!({
            "version": 4, "terraform_version": "1.5.7", "lineage": "x", "resources": [
                { "mode": "managed", "type": "azurerm_linux_virtual_machine", "name": "vm",
                  "instances": [{ "index_key": 0, "attributes": {
                    "name": "vm-0", "network_interface_ids": [format!("{sub}/networkInterfaces/nic-0")] } }] },
                { "mode": "managed", "type": "azurerm_network_interface", "name": "nic",
                  "instances": [{ "index_key": 0, "attributes": {
                    "id": format!("{sub}/networkInterfaces/nic-0"), "name": "nic-0",
                    "ip_configuration": [{ "name": "ip", "private_ip_address": "10.0.1.4",
                        "subnet_id": format!("{sub}/virtualNetworks/vnet/subnets/app") }] } }] },
                { "module": "module.net", "mode": "managed", "type": "azurerm_subnet", "name": "app",
                  "instances": [{ "attributes": { "id": format!("{sub}/virtualNetworks/vnet/subnets/app"),
                    "name": "app", "virtual_network_name": "vnet" } }] },
                { "mode": "managed", "type": "azurerm_network_security_group", "name": "nsg",
                  "instances": [{ "attributes": { "id": format!("{sub}/networkSecurityGroups/nsg-app"),
                    "name": "nsg-app", "security_rule": [] } }] },
                { "mode": "managed", "type": "azurerm_network_interface_security_group_association",
                  "name": "a", "instances": [{ "index_key": 0, "attributes": {
                    "network_interface_id": format!("{sub}/networkInterfaces/nic-0"),
                    "network_security_group_id": format!("{sub}/networkSecurityGroups/nsg-app") } }] },
                { "mode": "managed", "type": "azurerm_subnet_network_security_group_association",
                  "name": "b", "instances": [{ "attributes": {
                    "subnet_id": format!("{sub}/virtualNetworks/vnet/subnets/app"),
                    "network_security_group_id": format!("{sub}/networkSecurityGroups/nsg-app") } }] }
            ]
        });
        let Value::Object(state) = state else {
            unreachable!()
        };
        let res = terraform::resources(&state);
        assert!(
            res.iter()
                .any(|r| r.address == "azurerm_linux_virtual_machine.vm[0]")
        );
        assert!(
            res.iter()
                .any(|r| r.address == "module.net.azurerm_subnet.app")
        );
        let out = arm_resources(state);
        let of = |t: &str| out.iter().find(|r| r["type"] == t).unwrap();
        let vm = of("Microsoft.Compute/virtualMachines");
        assert!(
            vm["properties"]["networkProfile"]["networkInterfaces"][0]["id"]
                .as_str()
                .unwrap()
                .ends_with("/networkInterfaces/nic-0")
        );
        let nic = of("Microsoft.Network/networkInterfaces");
        assert!(
            nic["properties"]["networkSecurityGroup"]["id"]
                .as_str()
                .unwrap()
                .ends_with("/nsg-app")
        );
        assert!(
            nic["properties"]["ipConfigurations"][0]["properties"]["subnet"]["id"]
                .as_str()
                .unwrap()
                .ends_with("/virtualNetworks/vnet/subnets/app")
        );
        let subnet = of("Microsoft.Network/virtualNetworks/subnets");
        assert_eq!(subnet["name"], "vnet/app");
        assert!(
            subnet["properties"]["networkSecurityGroup"]["id"]
                .as_str()
                .unwrap()
                .ends_with("/nsg-app")
        );
    }
}
