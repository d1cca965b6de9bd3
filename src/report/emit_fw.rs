//! Azure Firewall changes in every language. A fix's firewall changes (the `AzureBackup` FQDN-tag
//! application rule the backup documentation prescribes, and the network rule for 8443 — reference §10.3)
//! are written together: one rule collection group holding both collections for a Firewall Policy, the
//! collections added to the firewall resource itself for a classic firewall.

use super::emit::{
    NETWORK_API, RG_PLACEHOLDER, arm, arm_value, bicep, bicep_value, hcl, note, ps, ps_list, sh,
    tf_label,
};
use crate::model::fix::{Change, NewFirewallAppRule, NewFirewallRule};
use serde_json::{Map, Value, json};

/// One firewall change.
#[derive(Clone, Copy)]
pub enum Item<'a> {
    /// A network rule.
    Net(&'a NewFirewallRule),
    /// An FQDN-tag application rule.
    App(&'a NewFirewallAppRule),
}

/// The firewall changes of one firewall, in the order the fix found them.
pub struct FwChanges<'a> {
    firewall: &'a str,
    policy: Option<&'a str>,
    group: &'a str,
    group_priority: u32,
    resource: Option<&'a str>,
    items: Vec<Item<'a>>,
}

impl<'a> Item<'a> {
    fn of(c: &'a Change) -> Option<Self> {
        match c {
            Change::FirewallRule(r) => Some(Item::Net(r)),
            Change::FirewallAppRule(r) => Some(Item::App(r)),
            _ => None,
        }
    }
    fn firewall(&self) -> &'a str {
        match self {
            Item::Net(r) => &r.firewall,
            Item::App(r) => &r.firewall,
        }
    }
}

/// The firewall changes of `firewall` among `changes`, gathered (`None` when there are none).
pub fn gather<'a>(changes: &'a [Change], firewall: &str) -> Option<FwChanges<'a>> {
    let items: Vec<Item<'a>> = changes
        .iter()
        .filter_map(Item::of)
        .filter(|i| i.firewall() == firewall)
        .collect();
    let first = *items.first()?;
    let (firewall, policy, group, group_priority, resource) = match first {
        Item::Net(r) => (
            r.firewall.as_str(),
            r.policy.as_deref(),
            r.group.as_str(),
            r.group_priority,
            r.resource.as_deref(),
        ),
        Item::App(r) => (
            r.firewall.as_str(),
            r.policy.as_deref(),
            r.group.as_str(),
            r.group_priority,
            r.resource.as_deref(),
        ),
    };
    Some(FwChanges {
        firewall,
        policy,
        group,
        group_priority,
        resource,
        items,
    })
}

/// The firewall a change is to, when it is a firewall change.
pub fn firewall_of(c: &Change) -> Option<&str> {
    Item::of(c).map(|i| i.firewall())
}

fn ports(p: &[u16]) -> Vec<String> {
    p.iter().map(ToString::to_string).collect()
}

fn words(v: &[String]) -> String {
    v.iter().map(|s| sh(s)).collect::<Vec<_>>().join(" ")
}

/// `az` commands (the azure-firewall extension).
pub fn azcli(f: &FwChanges) -> String {
    let rg = sh(RG_PLACEHOLDER);
    let mut out = String::new();
    match f.policy {
        Some(p) => {
            let p = sh(p);
            let g = sh(f.group);
            out.push_str(&format!(
                "az network firewall policy rule-collection-group create --resource-group {rg} --policy-name {p} --name {g} --priority {}\n",
                f.group_priority
            ));
            for i in &f.items {
                let head = format!(
                    "az network firewall policy rule-collection-group collection add-filter-collection --resource-group {rg} \\\n  --policy-name {p} --rule-collection-group-name {g}"
                );
                out.push_str(&match i {
                    Item::Net(r) => format!(
                        "{head} --name {} --collection-priority {} --action Allow \\\n  --rule-type NetworkRule --rule-name {} --ip-protocols TCP --source-addresses {} \\\n  --destination-addresses {} --destination-ports {}\n",
                        sh(&r.collection),
                        r.collection_priority,
                        sh(&r.name),
                        words(&r.sources),
                        words(&r.destinations),
                        words(&ports(&r.ports))
                    ),
                    Item::App(r) => format!(
                        "{head} --name {} --collection-priority {} --action Allow \\\n  --rule-type ApplicationRule --rule-name {} --protocols {} --source-addresses {} \\\n  --fqdn-tags {}\n",
                        sh(&r.collection),
                        r.collection_priority,
                        sh(&r.name),
                        r.ports.iter().map(|p| sh(&format!("Https={p}"))).collect::<Vec<_>>().join(" "),
                        words(&r.sources),
                        sh(&r.fqdn_tag)
                    ),
                });
            }
        }
        None => {
            for i in &f.items {
                out.push_str(&match i {
                    Item::Net(r) => format!(
                        "az network firewall network-rule create --resource-group {rg} --firewall-name {} --collection-name {} \\\n  --priority {} --action Allow --name {} --protocols TCP --source-addresses {} \\\n  --destination-addresses {} --destination-ports {}\n",
                        sh(f.firewall),
                        sh(&r.collection),
                        r.collection_priority,
                        sh(&r.name),
                        words(&r.sources),
                        words(&r.destinations),
                        words(&ports(&r.ports))
                    ),
                    Item::App(r) => format!(
                        "az network firewall application-rule create --resource-group {rg} --firewall-name {} --collection-name {} \\\n  --priority {} --action Allow --name {} --protocols {} --source-addresses {} \\\n  --fqdn-tags {}\n",
                        sh(f.firewall),
                        sh(&r.collection),
                        r.collection_priority,
                        sh(&r.name),
                        r.ports.iter().map(|p| sh(&format!("Https={p}"))).collect::<Vec<_>>().join(" "),
                        words(&r.sources),
                        sh(&r.fqdn_tag)
                    ),
                });
            }
        }
    }
    out
}

/// Azure PowerShell: the rules built, then added in one `Set-AzFirewall` (classic) or one new rule
/// collection group (policy). The cmdlets differ only in their noun (`New-AzFirewallPolicyNetworkRule`,
/// `New-AzFirewallNetworkRule`, …); an FQDN tag carries its own protocols, so no `-Protocol` goes with it.
pub fn powershell(f: &FwChanges) -> String {
    let rg = ps(RG_PLACEHOLDER);
    let policy = f.policy.is_some();
    let noun = if policy { "FirewallPolicy" } else { "Firewall" };
    let mut out = match f.policy {
        Some(p) => format!(
            "$policy = Get-AzFirewallPolicy -ResourceGroupName {rg} -Name {}\n",
            ps(p)
        ),
        None => format!(
            "$fw = Get-AzFirewall -ResourceGroupName {rg} -Name {}\n",
            ps(f.firewall)
        ),
    };
    let mut collections = Vec::new();
    for (k, i) in f.items.iter().enumerate() {
        let n = k + 1;
        let (rule, kind, collection, priority) = match i {
            Item::Net(r) => (
                format!(
                    "New-Az{noun}NetworkRule -Name {} -Protocol TCP -SourceAddress {} -DestinationAddress {} -DestinationPort {}",
                    ps(&r.name),
                    ps_list(&r.sources),
                    ps_list(&r.destinations),
                    ps_list(&ports(&r.ports))
                ),
                "Network",
                &r.collection,
                r.collection_priority,
            ),
            Item::App(r) => (
                format!(
                    "New-Az{noun}ApplicationRule -Name {} -SourceAddress {} -FqdnTag {}",
                    ps(&r.name),
                    ps_list(&r.sources),
                    ps(&r.fqdn_tag)
                ),
                "Application",
                &r.collection,
                r.collection_priority,
            ),
        };
        // a policy's collections are filter collections of any rule type; a classic firewall's are typed
        let cmdlet = if policy {
            "New-AzFirewallPolicyFilterRuleCollection".to_string()
        } else {
            format!("New-AzFirewall{kind}RuleCollection")
        };
        out.push_str(&format!(
            "$rule{n} = {rule}\n$collection{n} = {cmdlet} -Name {} -Priority {priority} -ActionType Allow -Rule $rule{n}\n",
            ps(collection)
        ));
        if policy {
            collections.push(format!("$collection{n}"));
        } else {
            out.push_str(&format!("$fw.{kind}RuleCollections.Add($collection{n})\n"));
        }
    }
    out.push_str(&match f.policy {
        Some(_) => format!(
            "New-AzFirewallPolicyRuleCollectionGroup -Name {} -Priority {} -RuleCollection {} -FirewallPolicyObject $policy\n",
            ps(f.group),
            f.group_priority,
            collections.join(", ")
        ),
        None => "Set-AzFirewall -AzureFirewall $fw\n".to_string(),
    });
    out
}

/// The policy's rule collections (ARM shape).
fn policy_collections(f: &FwChanges) -> Vec<Value> {
    f.items
        .iter()
        .map(|i| match i {
            Item::Net(r) => json!({
                "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                "name": arm(&r.collection),
                "priority": r.collection_priority,
                "action": {"type": "Allow"},
                "rules": [{
                    "ruleType": "NetworkRule",
                    "name": arm(&r.name),
                    "ipProtocols": ["TCP"],
                    "sourceAddresses": r.sources.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                    "destinationAddresses": r.destinations.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                    "destinationPorts": ports(&r.ports),
                }]
            }),
            Item::App(r) => json!({
                "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                "name": arm(&r.collection),
                "priority": r.collection_priority,
                "action": {"type": "Allow"},
                "rules": [{
                    "ruleType": "ApplicationRule",
                    "name": arm(&r.name),
                    "sourceAddresses": r.sources.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                    "protocols": r.ports.iter().map(|p| json!({"protocolType": "Https", "port": p})).collect::<Vec<_>>(),
                    "fqdnTags": [arm(&r.fqdn_tag)],
                }]
            }),
        })
        .collect()
}

/// The classic firewall's new collections, as its `networkRuleCollections` / `applicationRuleCollections`
/// entries (ARM shape).
fn classic_collections(f: &FwChanges) -> (Vec<Value>, Vec<Value>) {
    let (mut net, mut app) = (Vec::new(), Vec::new());
    for i in &f.items {
        match i {
            Item::Net(r) => net.push(json!({
                "name": arm(&r.collection),
                "properties": {
                    "priority": r.collection_priority,
                    "action": {"type": "Allow"},
                    "rules": [{
                        "name": arm(&r.name),
                        "protocols": ["TCP"],
                        "sourceAddresses": r.sources.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                        "destinationAddresses": r.destinations.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                        "destinationPorts": ports(&r.ports),
                    }]
                }
            })),
            Item::App(r) => app.push(json!({
                "name": arm(&r.collection),
                "properties": {
                    "priority": r.collection_priority,
                    "action": {"type": "Allow"},
                    "rules": [{
                        "name": arm(&r.name),
                        "sourceAddresses": r.sources.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                        "fqdnTags": [arm(&r.fqdn_tag)],
                    }]
                }
            })),
        }
    }
    (net, app)
}

/// Properties of an Azure Firewall (and of what it nests) that Azure sets and a PUT does not take; also a
/// sub-resource's `type` (`Microsoft.Network/azureFirewalls/azureFirewallIpConfigurations`), not an
/// action's.
const READ_ONLY: [&str; 5] = [
    "provisioningState",
    "etag",
    "privateIPAddress",
    "resourceGuid",
    "ipGroups",
];

fn without_read_only(v: &Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, v)| {
                    let read_only = READ_ONLY.iter().any(|r| r.eq_ignore_ascii_case(k));
                    let sub_resource_type = k.eq_ignore_ascii_case("type")
                        && v.as_str().is_some_and(|t| t.contains('/'));
                    !(read_only || sub_resource_type)
                })
                .map(|(k, v)| (k.clone(), without_read_only(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_read_only).collect()),
        v => v.clone(),
    }
}

/// The classic firewall resource as read, written back with the new collections appended: a firewall's
/// rules are a property of the firewall, so a template changes them by stating the whole firewall. `None`
/// when the inputs do not hold the resource (or hold a value not known offline).
fn classic_resource(f: &FwChanges) -> Option<Map<String, Value>> {
    let text = f.resource?;
    if text.contains(crate::ingest::json_util::UNKNOWN_KEY) {
        return None;
    }
    let Ok(Value::Object(raw)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let get = |k: &str| {
        raw.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone())
    };
    let location = get("location")?;
    let mut props = match get("properties") {
        Some(Value::Object(p)) => p,
        _ => return None,
    };
    let (net, app) = classic_collections(f);
    for (key, add) in [
        ("networkRuleCollections", net),
        ("applicationRuleCollections", app),
    ] {
        let existing = props
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(k, _)| k.clone());
        let mut list = existing
            .as_ref()
            .and_then(|k| props.remove(k))
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default();
        list = list.iter().map(arm_value).collect();
        list.extend(add);
        props.insert(key.to_string(), Value::Array(list));
    }
    let props = without_read_only(&Value::Object(props));
    let mut out = Map::new();
    out.insert("type".into(), json!("Microsoft.Network/azureFirewalls"));
    out.insert("apiVersion".into(), json!(NETWORK_API));
    out.insert("name".into(), arm(f.firewall));
    out.insert("location".into(), arm_value(&location));
    for k in ["zones", "tags"] {
        if let Some(v) = get(k) {
            out.insert(k.into(), arm_value(&v));
        }
    }
    out.insert(
        "comments".into(),
        json!("the firewall written back whole, as the inputs hold it, with the backup rule collections added: a classic firewall's rules are a property of the firewall resource"),
    );
    out.insert("properties".into(), props);
    Some(out)
}

/// ARM template resources, and a note when a classic firewall cannot be written back.
pub fn arm_resources(f: &FwChanges) -> (Vec<Value>, Option<String>) {
    match f.policy {
        Some(p) => (
            vec![json!({
                "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                "apiVersion": NETWORK_API,
                "name": arm(&format!("{p}/{}", f.group)),
                "properties": {
                    "priority": f.group_priority,
                    "ruleCollections": policy_collections(f)
                }
            })],
            None,
        ),
        None => match classic_resource(f) {
            Some(r) => (vec![Value::Object(r)], None),
            None => (
                Vec::new(),
                Some(format!(
                    "a classic Azure Firewall's rules are a property of the firewall resource, and `{}` is not among the inputs \
                     whole: add the rule collections shown by --emit azcli or terraform to it",
                    note(f.firewall)
                )),
            ),
        },
    }
}

/// Bicep resources.
pub fn bicep_resources(f: &FwChanges) -> String {
    match f.policy {
        Some(p) => {
            let list = |v: &[String]| {
                v.iter()
                    .map(|s| bicep(s))
                    .collect::<Vec<_>>()
                    .join("\n              ")
            };
            // one filter collection per rule: the same head, the rule's own body
            let collections: Vec<String> = f
                .items
                .iter()
                .map(|i| {
                    let (collection, priority, body) = match i {
                        Item::Net(r) => (
                            &r.collection,
                            r.collection_priority,
                            format!(
                                "            ruleType: 'NetworkRule'\n            name: {}\n            ipProtocols: [ 'TCP' ]\n            sourceAddresses: [\n              {}\n            ]\n            destinationAddresses: [\n              {}\n            ]\n            destinationPorts: [\n              {}\n            ]\n",
                                bicep(&r.name),
                                list(&r.sources),
                                list(&r.destinations),
                                list(&ports(&r.ports))
                            ),
                        ),
                        Item::App(r) => (
                            &r.collection,
                            r.collection_priority,
                            format!(
                                "            ruleType: 'ApplicationRule'\n            name: {}\n            sourceAddresses: [\n              {}\n            ]\n            protocols: [\n{}            ]\n            fqdnTags: [\n              {}\n            ]\n",
                                bicep(&r.name),
                                list(&r.sources),
                                r.ports
                                    .iter()
                                    .map(|p| format!("              {{ protocolType: 'Https', port: {p} }}\n"))
                                    .collect::<String>(),
                                bicep(&r.fqdn_tag)
                            ),
                        ),
                    };
                    format!(
                        "      {{\n        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'\n        name: {}\n        priority: {priority}\n        action: {{ type: 'Allow' }}\n        rules: [\n          {{\n{body}          }}\n        ]\n      }}\n",
                        bicep(collection)
                    )
                })
                .collect();
            format!(
                "resource policy 'Microsoft.Network/firewallPolicies@{NETWORK_API}' existing = {{\n  name: {}\n}}\n\nresource backupGroup 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@{NETWORK_API}' = {{\n  parent: policy\n  name: {}\n  properties: {{\n    priority: {}\n    ruleCollections: [\n{}    ]\n  }}\n}}\n",
                bicep(p),
                bicep(f.group),
                f.group_priority,
                collections.concat()
            )
        }
        None => match classic_resource(f) {
            Some(mut r) => {
                let props = r.remove("properties").unwrap_or(Value::Null);
                let mut out = String::from(
                    "// the firewall written back whole, as the inputs hold it, with the backup rule collections added: a classic\n// firewall's rules are a property of the firewall resource\n",
                );
                out.push_str(&format!(
                    "resource firewall 'Microsoft.Network/azureFirewalls@{NETWORK_API}' = {{\n  name: {}\n  location: {}\n",
                    bicep(f.firewall),
                    bicep_value(r.get("location").unwrap_or(&Value::Null), 1)
                ));
                for k in ["zones", "tags"] {
                    if let Some(v) = r.get(k) {
                        out.push_str(&format!("  {k}: {}\n", bicep_value(v, 1)));
                    }
                }
                out.push_str(&format!("  properties: {}\n}}\n", bicep_value(&props, 1)));
                out
            }
            None => format!(
                "// a classic Azure Firewall's rules are a property of the firewall resource, and `{}` is not among the inputs\n// whole: add the rule collections shown by --emit azcli or terraform to it\n",
                note(f.firewall)
            ),
        },
    }
}

fn tf_list(v: &[String]) -> String {
    v.iter().map(|s| hcl(s)).collect::<Vec<_>>().join(", ")
}

/// Terraform (azurerm) resources.
pub fn terraform(f: &FwChanges) -> String {
    match f.policy {
        Some(p) => {
            let mut blocks = String::new();
            for i in &f.items {
                // `network_rule_collection` / `application_rule_collection`: the same head, the rule's body
                let (kind, collection, priority, body) = match i {
                    Item::Net(r) => (
                        "network",
                        &r.collection,
                        r.collection_priority,
                        format!(
                            "      name                  = {}\n      protocols             = [\"TCP\"]\n      source_addresses      = [{}]\n      destination_addresses = [{}]\n      destination_ports     = [{}]\n",
                            hcl(&r.name),
                            tf_list(&r.sources),
                            tf_list(&r.destinations),
                            tf_list(&ports(&r.ports))
                        ),
                    ),
                    Item::App(r) => (
                        "application",
                        &r.collection,
                        r.collection_priority,
                        format!(
                            "      name                  = {}\n      source_addresses      = [{}]\n      destination_fqdn_tags = [{}]\n{}",
                            hcl(&r.name),
                            tf_list(&r.sources),
                            hcl(&r.fqdn_tag),
                            r.ports
                                .iter()
                                .map(|p| format!("      protocols {{\n        type = \"Https\"\n        port = {p}\n      }}\n"))
                                .collect::<String>()
                        ),
                    ),
                };
                blocks.push_str(&format!(
                    "\n  {kind}_rule_collection {{\n    name     = {}\n    priority = {priority}\n    action   = \"Allow\"\n    rule {{\n{body}    }}\n  }}\n",
                    hcl(collection)
                ));
            }
            format!(
                "# the policy's id: data \"azurerm_firewall_policy\" or your own resource\nresource \"azurerm_firewall_policy_rule_collection_group\" \"{}\" {{\n  name               = {}\n  firewall_policy_id = {}\n  priority           = {}\n{blocks}}}\n",
                tf_label(f.group),
                hcl(f.group),
                hcl(&format!(
                    "/subscriptions/<subscription>/resourceGroups/<resource-group>/providers/Microsoft.Network/firewallPolicies/{p}"
                )),
                f.group_priority
            )
        }
        None => {
            let mut out = String::new();
            for i in &f.items {
                out.push_str(&match i {
                    Item::Net(r) => format!(
                        "resource \"azurerm_firewall_network_rule_collection\" \"{}\" {{\n  name                = {}\n  azure_firewall_name = {}\n  resource_group_name = {}\n  priority            = {}\n  action              = \"Allow\"\n\n  rule {{\n    name                  = {}\n    protocols             = [\"TCP\"]\n    source_addresses      = [{}]\n    destination_addresses = [{}]\n    destination_ports     = [{}]\n  }}\n}}\n",
                        tf_label(&r.collection),
                        hcl(&r.collection),
                        hcl(f.firewall),
                        hcl(RG_PLACEHOLDER),
                        r.collection_priority,
                        hcl(&r.name),
                        tf_list(&r.sources),
                        tf_list(&r.destinations),
                        tf_list(&ports(&r.ports))
                    ),
                    Item::App(r) => format!(
                        "resource \"azurerm_firewall_application_rule_collection\" \"{}\" {{\n  name                = {}\n  azure_firewall_name = {}\n  resource_group_name = {}\n  priority            = {}\n  action              = \"Allow\"\n\n  rule {{\n    name             = {}\n    source_addresses = [{}]\n    fqdn_tags        = [{}]\n  }}\n}}\n",
                        tf_label(&r.collection),
                        hcl(&r.collection),
                        hcl(f.firewall),
                        hcl(RG_PLACEHOLDER),
                        r.collection_priority,
                        hcl(&r.name),
                        tf_list(&r.sources),
                        hcl(&r.fqdn_tag)
                    ),
                });
            }
            out
        }
    }
}
