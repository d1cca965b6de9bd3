//! A Terraform plan's VMs and their network associations, in ARM shape for `ingest::topology`: VMs
//! (`azurerm_linux_virtual_machine`, `azurerm_windows_virtual_machine`, `azurerm_virtual_machine`), NICs,
//! subnets, VNets, NSGs and route tables, joined by the association resources
//! (`azurerm_network_interface_security_group_association`, `azurerm_subnet_network_security_group_association`,
//! `azurerm_subnet_route_table_association`) and the references the configuration states. A plan does not
//! know resource ids before apply, so the joins follow `configuration` references (through module
//! variables to the module call that sets them), never guessed from names.

use super::terraform::{self, PlanResource};
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
    let from_config = plan.remove(super::tf_config::CONFIG_MARK).is_some();
    let res = terraform::resources_owned(plan);
    let by_id: HashMap<String, &PlanResource> = if from_config {
        res.iter()
            .filter_map(|r| Some((s(&r.values, "id")?.to_ascii_lowercase(), r)))
            .collect()
    } else {
        HashMap::new()
    };
    let by_value = |v: Option<&Value>| -> Option<&PlanResource> {
        by_id.get(&v?.as_str()?.to_ascii_lowercase()).copied()
    };
    let mut conf = Conf {
        resources: HashMap::new(),
        vars: HashMap::new(),
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
    // associations: target address → associated address
    let mut nic_nsg = HashMap::new();
    let mut subnet_nsg = HashMap::new();
    let mut subnet_rt = HashMap::new();
    let mut subnet_nat = HashMap::new();
    for r in &res {
        let a = conf_address(&r.address);
        let pair = |k1: &str, k2: &str| -> Option<(String, String)> {
            let (m1, e1) = conf.expr(&a, k1)?;
            let (m2, e2) = conf.expr(&a, k2)?;
            Some((conf.target(m1, e1, 0)?, conf.target(m2, e2, 0)?))
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
        if let Some((map, (from, to))) = hit
            && let (Some(f), Some(t)) = (pick(&from, &r.address), name_at(&to, &r.address))
        {
            map.insert(f.address.clone(), t);
        } else if from_config {
            let (map, k1, k2) = match r.ty.as_str() {
                "azurerm_network_interface_security_group_association" => (
                    &mut nic_nsg,
                    "network_interface_id",
                    "network_security_group_id",
                ),
                "azurerm_subnet_network_security_group_association" => {
                    (&mut subnet_nsg, "subnet_id", "network_security_group_id")
                }
                "azurerm_subnet_route_table_association" => {
                    (&mut subnet_rt, "subnet_id", "route_table_id")
                }
                "azurerm_subnet_nat_gateway_association" => {
                    (&mut subnet_nat, "subnet_id", "nat_gateway_id")
                }
                _ => continue,
            };
            if let (Some(f), Some(t)) = (by_value(r.values.get(k1)), by_value(r.values.get(k2)))
                && let Some(n) = s(&t.values, "name")
            {
                map.insert(f.address.clone(), n);
            }
        }
    }
    let mut out: Vec<Value> = Vec::new();
    for mut n in terraform::arm_nsgs(&res) {
        n.insert(
            "type".into(),
            json!("Microsoft.Network/networkSecurityGroups"),
        );
        out.push(Value::Object(n));
    }
    for mut t in terraform::arm_route_tables(&res) {
        t.insert("type".into(), json!("Microsoft.Network/routeTables"));
        out.push(Value::Object(t));
    }
    for r in &res {
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
                if from_config && nics.is_empty() {
                    nics = v
                        .get("network_interface_ids")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|x| by_value(Some(x)))
                        .filter_map(|n| s(&n.values, "name"))
                        .map(|n| id("Microsoft.Network/networkInterfaces", &n))
                        .collect();
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
                    vm[super::tf_config::ADDRESS_KEY] = json!(r.address);
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
                let by_config = from_config
                    .then(|| by_value(cfg.and_then(|c| c.get("subnet_id"))))
                    .flatten();
                let subnet_id = subnet
                    .as_ref()
                    .and_then(|sa| pick(sa, &r.address))
                    .or(by_config)
                    .and_then(|sr| {
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
                    });
                let mut props = json!({
                    "ipConfigurations": [{ "name": "ipconfig", "properties": {
                        "primary": true,
                        "privateIPAddress": ip,
                        "subnet": subnet_id,
                    }}],
                });
                if let Some(n) = nic_nsg.get(&r.address) {
                    props["networkSecurityGroup"] =
                        id("Microsoft.Network/networkSecurityGroups", n);
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
                if let Some(n) = subnet_nsg.get(&r.address) {
                    props["networkSecurityGroup"] =
                        id("Microsoft.Network/networkSecurityGroups", n);
                }
                if let Some(n) = subnet_rt.get(&r.address) {
                    props["routeTable"] = id("Microsoft.Network/routeTables", n);
                }
                if let Some(n) = subnet_nat.get(&r.address) {
                    props["natGateway"] = id("Microsoft.Network/natGateways", n);
                }
                // azurerm's `default_outbound_access_enabled` (false: a private subnet, azure-semantics.md §10.1)
                if let Some(b) = v
                    .get("default_outbound_access_enabled")
                    .and_then(Value::as_bool)
                {
                    props["defaultOutboundAccess"] = json!(b);
                }
                out.push(json!({
                    "type": "Microsoft.Network/virtualNetworks/subnets", "name": format!("{vnet}/{name}"),
                    "properties": props,
                }));
            }
            _ => {}
        }
    }
    out
}
