//! Virtual Network Manager resources among the inputs (reference §10.2): security admin rules, the rule
//! collections that hold them (`appliesToGroups`), the network groups those name and the groups' static
//! members decide which VNets a rule applies to.
//!
//! Read from az/REST/Resource Graph exports (ids name the network manager, configuration and collection)
//! and from ARM templates (child names `avnm/org/backup/deny-8443`). What cannot be known offline is said:
//! a network group with no static member among the inputs gets its members from Azure Policy (dynamic
//! membership), so its rules *may* apply to any VNet — unknown, unless the VNet's effective rules are given
//! (`--admin-rules`); where a VNet is a static member, the rules apply, with two assumptions listed (the
//! configuration is deployed to the VNet's region, and the group has no dynamic members besides).

use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::json_util::{Src, get_ci, get_present};
use crate::model::{AdminRule, AdminRules};
use serde_json::{Map, Value};

/// Resource types (lower case).
pub const RULE: &str =
    "microsoft.network/networkmanagers/securityadminconfigurations/rulecollections/rules";
/// Rule collections.
pub const COLLECTION: &str =
    "microsoft.network/networkmanagers/securityadminconfigurations/rulecollections";
/// Static members of a network group.
pub const STATIC_MEMBER: &str = "microsoft.network/networkmanagers/networkgroups/staticmembers";
/// Network groups.
pub const GROUP: &str = "microsoft.network/networkmanagers/networkgroups";

use crate::ingest::admin_rules::id_segment as seg;

/// The name path of a child resource: from its id when it has one, else from its template name
/// (`avnm/org/backup/deny-8443`), `depth` segments.
fn path(o: &Map<String, Value>, kinds: &[&str]) -> Option<Vec<String>> {
    if let Some(id) = get_ci(o, "id").and_then(Value::as_str) {
        let v: Option<Vec<String>> = kinds.iter().map(|k| seg(id, k)).collect();
        if v.is_some() {
            return v;
        }
    }
    let name = get_ci(o, "name").and_then(Value::as_str)?;
    let v: Vec<String> = name.split('/').map(str::to_string).collect();
    (v.len() == kinds.len()).then_some(v)
}

fn key(parts: &[String]) -> String {
    parts.join("/").to_ascii_lowercase()
}

/// One admin rule resource, with the network groups its collection applies to.
struct Managed {
    rule: AdminRule,
    /// `avnm/group` keys.
    groups: Vec<String>,
    /// Why the collection's groups are not known (its collection is not among the inputs).
    no_collection: bool,
}

/// The admin rules among the resources, read once; asked per VNet.
#[derive(Default)]
pub struct Managers {
    rules: Vec<Managed>,
    /// `avnm/group` → VNet names (lower case) among its static members.
    members: std::collections::HashMap<String, Vec<String>>,
}

impl Managers {
    /// Reads the network manager resources among `items` (each with the file it came from).
    pub fn read<'a>(
        items: impl Iterator<Item = (Src<'a>, &'a Map<String, Value>, String)>,
    ) -> Result<Self, Error> {
        let mut out = Managers::default();
        let mut collections: std::collections::HashMap<String, Vec<String>> = Default::default();
        let mut rules = Vec::new();
        for (src, o, ty) in items {
            match ty.as_str() {
                RULE => {
                    let Some(p) = path(
                        o,
                        &[
                            "networkManagers",
                            "securityAdminConfigurations",
                            "ruleCollections",
                            "rules",
                        ],
                    ) else {
                        continue;
                    };
                    let mut r = crate::ingest::admin_rules::rule(&src, o)?;
                    r.name = p[3].clone();
                    r.network_manager = Some(p[0].clone());
                    r.configuration = Some(p[1].clone());
                    r.rule_collection = Some(p[2].clone());
                    rules.push((key(&p[..3]), r));
                }
                COLLECTION => {
                    let Some(p) = path(
                        o,
                        &[
                            "networkManagers",
                            "securityAdminConfigurations",
                            "ruleCollections",
                        ],
                    ) else {
                        continue;
                    };
                    let what = format!("rule collection `{}`", p[2]);
                    let props = src.props(o, &what)?;
                    let mut groups = Vec::new();
                    for g in src.objects(props, "appliesToGroups", &what)? {
                        if let Some(id) = get_ci(g, "networkGroupId").and_then(Value::as_str)
                            && let (Some(nm), Some(ng)) =
                                (seg(id, "networkManagers"), seg(id, "networkGroups"))
                        {
                            groups.push(format!("{nm}/{ng}").to_ascii_lowercase());
                        }
                    }
                    collections.insert(key(&p), groups);
                }
                STATIC_MEMBER => {
                    let Some(p) = path(o, &["networkManagers", "networkGroups", "staticMembers"])
                    else {
                        continue;
                    };
                    let what = format!("static member `{}`", p[2]);
                    let props = src.props(o, &what)?;
                    if let Some(vnet) = get_present(props, "resourceId")
                        .and_then(Value::as_str)
                        .and_then(|id| seg(id, "virtualNetworks"))
                    {
                        out.members
                            .entry(key(&p[..2]))
                            .or_default()
                            .push(vnet.to_ascii_lowercase());
                    }
                }
                _ => {}
            }
        }
        for (c, rule) in rules {
            let groups = collections.get(&c).cloned();
            out.rules.push(Managed {
                rule,
                no_collection: groups.is_none(),
                groups: groups.unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// Whether any admin rule is among the resources.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The admin rules that apply to VNet `vnet` (name), as far as the resources say: a rule of a collection
    /// whose group has the VNet as a static member applies (the assumptions listed); one whose groups have
    /// no static member may apply (dynamic membership): unknown, naming the group.
    pub fn for_vnet(&self, vnet: &str) -> AdminRules {
        let vnet = vnet.to_ascii_lowercase();
        let mut rules = Vec::new();
        let mut notes = Vec::new();
        let mut assumed: Vec<String> = Vec::new();
        for m in &self.rules {
            let shown = m.rule.display();
            let statically = m
                .groups
                .iter()
                .any(|g| self.members.get(g).is_some_and(|v| v.contains(&vnet)));
            let dynamic: Vec<&String> = m
                .groups
                .iter()
                .filter(|g| self.members.get(*g).is_none_or(|v| v.is_empty()))
                .collect();
            let mut r = m.rule.clone();
            if statically {
                let cfg = format!(
                    "configuration `{}` of network manager `{}`",
                    r.configuration.as_deref().unwrap_or("?"),
                    r.network_manager.as_deref().unwrap_or("?")
                );
                if !assumed.contains(&cfg) {
                    assumed.push(cfg);
                }
            } else if m.no_collection || !dynamic.is_empty() {
                let why = if m.no_collection {
                    format!(
                        "whether {shown} applies to VNet `{vnet}` is not known offline: its rule collection is not among the inputs"
                    )
                } else {
                    format!(
                        "whether {shown} applies to VNet `{vnet}` is not known offline: network group {} has no static member among the inputs (its members come from Azure Policy); pass the VNet's effective admin rules (`az network manager list-effective-security-admin-rule`) with --admin-rules",
                        dynamic
                            .iter()
                            .map(|g| format!("`{g}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                r.unknowns.push(why);
            } else {
                continue;
            }
            rules.push(r);
        }
        if !assumed.is_empty() {
            notes.push(Diagnostic::new(
                &diag::ADMIN_FROM_RESOURCES_ASSUMED,
                format!(
                    "the security admin rules of {} apply to VNet `{vnet}` as a static member of their network groups; assumed: the configuration is deployed to the VNet's region (`az network manager list-deploy-status`) and no other rule reaches the VNet through dynamic membership; the VNet's effective rules (--admin-rules) say both",
                    assumed.join(", ")
                ),
            ));
        }
        let mut out = AdminRules::new(rules);
        out.warnings = notes;
        out
    }
}
