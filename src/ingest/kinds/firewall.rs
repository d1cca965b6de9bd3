//! Azure Firewall in every shape (reference §3.4): classic `azureFirewalls` with rule collections
//! (ARM/REST, `az network firewall show`), Firewall Policy rule collection groups (ARM/REST,
//! `az network firewall policy rule-collection-group list`), policies with `basePolicy`, IP groups,
//! and ARM templates holding any of these. Several files may be combined (firewall + its policy groups).

use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::json_util::{Src, UNKNOWN_KEY, get_ci, get_present, is_unknown};
use crate::ingest::nsg_json::{field_strings, parse_port_range};
use crate::ingest::template;
use crate::model::*;
use crate::tags::fqdn;
use serde_json::{Map, Value};
use std::net::IpAddr;

const FW_TYPE: &str = "Microsoft.Network/azureFirewalls";
const POLICY_TYPE: &str = "Microsoft.Network/firewallPolicies";
const RCG_TYPE: &str = "Microsoft.Network/firewallPolicies/ruleCollectionGroups";
/// The Firewall Policy preview API (2019-06-01) called groups `ruleGroups`, with `ruleConditions`.
const LEGACY_GROUP_TYPE: &str = "Microsoft.Network/firewallPolicies/ruleGroups";
const IPG_TYPE: &str = "Microsoft.Network/ipGroups";
const SHAPES: &str = "tried: azureFirewalls object (`properties.networkRuleCollections`, `ipConfigurations`), \
`az network firewall show` output, rule collection group (`properties.ruleCollections`), \
`az network firewall policy rule-collection-group list` output, firewall policy (`basePolicy`), ARM template with these resources, \
Terraform plan or state JSON (`azurerm_firewall`, `azurerm_firewall_policy_rule_collection_group`)";

/// What one or more files hold, before assembly.
#[derive(Default, Clone)]
struct Pieces {
    firewalls: Vec<FwPiece>,
    policies: Vec<PolicyPiece>,
    groups: Vec<GroupPiece>,
    ip_groups: Vec<(String, Vec<String>)>,
}

#[derive(Clone)]
struct FwPiece {
    name: String,
    private_ip: Option<IpAddr>,
    policy: Option<String>,
    threat_intel: Option<String>,
    collections: Vec<RuleCollection>,
    origin: Origin,
    warnings: Vec<Diagnostic>,
    /// The resource as read (JSON text).
    raw: String,
}

#[derive(Clone)]
struct PolicyPiece {
    name: String,
    base: Option<String>,
    threat_intel: Option<String>,
}

#[derive(Clone)]
struct GroupPiece {
    policy: Option<String>,
    collections: Vec<RuleCollection>,
    /// What is wrong with the group, said only when the group is used: a file holding several policies
    /// (a PSRule or `Get-AzResource` export) is still read for the firewall or policy picked.
    bad: Option<crate::error::InputError>,
}

impl GroupPiece {
    fn usable(&self) -> Result<&[RuleCollection], Error> {
        match &self.bad {
            Some(e) => Err(Error::Input(e.clone())),
            None => Ok(&self.collections),
        }
    }
}

/// Loads a firewall from one or more JSON or YAML files (`FILE[#name]`), e.g. `az network firewall show`
/// output plus `az network firewall policy rule-collection-group list` output. A Terraform module is read
/// by [`crate::ingest::topology::load_firewall`].
pub fn load_firewall_files(args: &[String]) -> Result<Firewall, Error> {
    let mut pieces = Pieces::default();
    let mut select = None;
    let mut first = String::new();
    for a in args {
        let (path, sel) = crate::ingest::split_selector(a);
        if first.is_empty() {
            first = path.to_string();
        }
        select = select.or(sel.map(str::to_string));
        let text = crate::ingest::read(path)?;
        crate::ingest::check_readable(&text, path, "a firewall")?;
        let t = text.trim_start();
        if !(t.starts_with('{') || t.starts_with('[')) {
            if args.len() > 1 {
                return Err(Error::input(
                    path,
                    1,
                    "a firewall YAML file stands alone; combine only JSON files",
                ));
            }
            return parse_firewall_yaml(&text, path);
        }
        parse_into(&text, path, &mut pieces)?;
    }
    assemble(pieces, select.as_deref(), &first)
}

/// Every Azure Firewall among resources read together (a Resource Graph export, a template), each with
/// the policies, rule collection groups and IP groups beside it; `objects` pairs each with its source.
pub fn firewalls_in(objects: &[(Src<'_>, &Map<String, Value>)]) -> Result<Vec<Firewall>, Error> {
    let mut pieces = Pieces::default();
    for (src, o) in objects {
        Ctx(src.clone()).object(o, &mut pieces)?;
    }
    // each firewall on its own, with every policy, group and IP group: two firewalls of one name (in two
    // resource groups, or two examples of one repository) are two firewalls, not a choice to make
    let firewalls = std::mem::take(&mut pieces.firewalls);
    firewalls
        .into_iter()
        .map(|f| {
            let file = f.origin.file.clone();
            let mut p = pieces.clone();
            p.firewalls = vec![f];
            assemble(p, None, &file)
        })
        .collect()
}

/// Parses a firewall from one text (tests and inline use).
pub fn parse_firewall(text: &str, file: &str, select: Option<&str>) -> Result<Firewall, Error> {
    let mut pieces = Pieces::default();
    parse_into(text, file, &mut pieces)?;
    assemble(pieces, select, file)
}

fn last_segment(id: &str) -> String {
    id.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(id)
        .to_string()
}

fn id_of(v: Option<&Value>) -> Option<String> {
    let v = v?;
    let id = v.as_object().and_then(|o| get_ci(o, "id")).unwrap_or(v);
    match id {
        Value::String(s) => Some(s.clone()),
        u if is_unknown(u) => Some(u[UNKNOWN_KEY].as_str().unwrap_or("?").to_string()),
        _ => None,
    }
}

fn props(o: &Map<String, Value>) -> &Map<String, Value> {
    get_present(o, "properties")
        .and_then(Value::as_object)
        .unwrap_or(o)
}

fn name_str(o: &Map<String, Value>, default: &str) -> String {
    match get_ci(o, "name") {
        Some(Value::String(s)) => s.clone(),
        Some(u) if is_unknown(u) => u[UNKNOWN_KEY].as_str().unwrap_or(default).to_string(),
        _ => default.to_string(),
    }
}

fn type_is(o: &Map<String, Value>, ty: &str) -> bool {
    get_ci(o, "type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case(ty))
}

fn is_firewall(o: &Map<String, Value>) -> bool {
    let p = props(o);
    type_is(o, FW_TYPE)
        || [
            "networkRuleCollections",
            "applicationRuleCollections",
            "natRuleCollections",
        ]
        .iter()
        .any(|k| get_ci(p, k).is_some())
        || (get_ci(p, "ipConfigurations").is_some() && get_ci(p, "firewallPolicy").is_some())
}

fn is_group(o: &Map<String, Value>) -> bool {
    type_is(o, RCG_TYPE)
        || get_ci(props(o), "ruleCollections").is_some()
        || get_ci(props(o), "RuleCollection").is_some()
}

/// A group's collections: `ruleCollections` (ARM/REST, az), or `RuleCollection` (PowerShell's
/// `Get-AzFirewallPolicyRuleCollectionGroup`).
fn collections_key(p: &Map<String, Value>) -> &'static str {
    if get_ci(p, "ruleCollections").is_none() && get_ci(p, "RuleCollection").is_some() {
        "RuleCollection"
    } else {
        "ruleCollections"
    }
}

fn is_policy(o: &Map<String, Value>) -> bool {
    type_is(o, POLICY_TYPE)
}

fn is_ip_group(o: &Map<String, Value>) -> bool {
    type_is(o, IPG_TYPE) || get_ci(props(o), "ipAddresses").is_some()
}

struct Ctx<'a>(Src<'a>);

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Src<'a>;
    fn deref(&self) -> &Src<'a> {
        &self.0
    }
}

fn parse_into(text: &str, file: &str, out: &mut Pieces) -> Result<(), Error> {
    let ctx = Ctx(Src::new(file, text));
    let doc: Value = ctx.parse()?;
    crate::ingest::check_not_a_wrapper(&ctx, &doc, "a firewall")?;
    let count =
        |o: &Pieces| o.firewalls.len() + o.groups.len() + o.policies.len() + o.ip_groups.len();
    let before = count(out);
    let mut suffix = String::new();
    match &doc {
        Value::Object(o) if crate::ingest::terraform::looks_like(o) => {
            crate::ingest::terraform::check_shape(&ctx, o)?;
            for m in crate::ingest::terraform::arm_firewall_objects(
                &crate::ingest::terraform::resources(o),
            ) {
                ctx.object(&m, out)?;
            }
        }
        Value::Object(o) if template::is_template(o) => {
            let w = template::walk(o);
            for r in &w.resources {
                let mut b = r.body.clone();
                b.insert("name".into(), Value::String(r.name.clone()));
                b.insert("type".into(), Value::String(r.ty.clone()));
                ctx.object(&b, out)?;
            }
            suffix = template::notes_suffix(&w);
        }
        Value::Object(o) => match get_present(o, "value") {
            Some(Value::Array(a)) => {
                for x in a.iter().filter_map(Value::as_object) {
                    ctx.object(x, out)?;
                }
            }
            _ => ctx.object(o, out)?,
        },
        Value::Array(a) => {
            for x in a.iter().filter_map(Value::as_object) {
                ctx.object(x, out)?;
            }
        }
        _ => {}
    }
    if count(out) == before {
        return Err(Error::input(
            file,
            1,
            format!(
                "not an Azure Firewall or Firewall Policy in any known shape ({SHAPES}){suffix}"
            ),
        ));
    }
    Ok(())
}

impl Ctx<'_> {
    fn object(&self, o: &Map<String, Value>, out: &mut Pieces) -> Result<(), Error> {
        if type_is(o, LEGACY_GROUP_TYPE) {
            return self.object(&legacy_rule_group(o), out);
        }
        if is_group(o) {
            let full = name_str(o, "group");
            // template children are named `policy/group`; REST ids name the policy
            let (policy, name) = match full.split_once('/') {
                Some((p, g)) => (Some(p.to_string()), g.to_string()),
                None => (
                    id_of(get_ci(o, "id")).and_then(|id| {
                        let parts: Vec<&str> = id.split('/').collect();
                        parts
                            .iter()
                            .position(|p| p.eq_ignore_ascii_case("firewallPolicies"))
                            .and_then(|i| parts.get(i + 1))
                            .map(|s| s.to_string())
                    }),
                    full.clone(),
                ),
            };
            let what = format!("rule collection group `{name}`");
            let p = self.props(o, &what)?;
            let prio = self.priority(o, get_ci(p, "priority"), &name, "rule collection group")?;
            let mut cols = Vec::new();
            let mut bad = None;
            for rc in self.objects(p, collections_key(p), &what)? {
                match self.policy_collection(rc, &name, prio) {
                    Ok(c) => cols.push(c),
                    Err(Error::Input(e)) => {
                        bad = Some(e);
                        break;
                    }
                    Err(e) => return Err(e),
                }
            }
            out.groups.push(GroupPiece {
                policy,
                collections: cols,
                bad,
            });
        } else if is_firewall(o) {
            out.firewalls.push(self.firewall(o)?);
        } else if is_policy(o) {
            let p = self.props(o, "the firewall policy")?;
            let policy = name_str(o, "policy");
            out.policies.push(PolicyPiece {
                name: policy.clone(),
                base: id_of(get_ci(p, "basePolicy")).map(|s| last_segment(&s)),
                threat_intel: get_ci(p, "threatIntelMode")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            });
            // `Get-AzResource -ExpandProperties` / PSRule exports nest the policy's rule collection groups
            // as `Resources`: each belongs to this policy
            for child in self.objects(o, "Resources", "the firewall policy")? {
                if !is_group(child) {
                    continue;
                }
                let mut c = child.clone();
                let n = name_str(child, "group");
                if !n.contains('/') {
                    c.insert("name".into(), Value::String(format!("{policy}/{n}")));
                    c.retain(|k, _| k == "name" || !k.eq_ignore_ascii_case("name"));
                }
                self.object(&c, out)?;
            }
        } else if is_ip_group(o) {
            let mut unk = Vec::new();
            let what = format!("IP group `{}`", name_str(o, "ipgroup"));
            let p = self.props(o, &what)?;
            let addrs = field_strings(get_ci(p, "ipAddresses"), &mut unk).map_err(|found| {
                self.wrong_type(p, "ipAddresses", &what, "a list of strings", found)
            })?;
            out.ip_groups
                .push((name_str(o, "ipgroup").to_ascii_lowercase(), addrs));
        }
        Ok(())
    }

    fn priority(
        &self,
        at: &Map<String, Value>,
        v: Option<&Value>,
        name: &str,
        what: &str,
    ) -> Result<u32, Error> {
        match v {
            Some(Value::Number(n)) => n.as_u64().and_then(|x| u32::try_from(x).ok()),
            Some(Value::String(s)) => s.trim().parse().ok(),
            Some(u) if is_unknown(u) => Some(u32::MAX),
            None => Some(u32::MAX),
            _ => None,
        }
        .ok_or_else(|| {
            self.err(
                at,
                format!("{what} `{name}`: priority is not a number (expected 100-65000)"),
            )
        })
    }

    fn firewall(&self, o: &Map<String, Value>) -> Result<FwPiece, Error> {
        let name = name_str(o, "firewall");
        let what = format!("Azure Firewall `{name}`");
        let p = self.props(o, &what)?;
        let mut warnings = Vec::new();
        let mut private_ip = None;
        {
            for c in self.objects(p, "ipConfigurations", &what)? {
                let cp = self.props(c, &what)?;
                if let Some(Value::String(why)) = cp.get(crate::ingest::terraform::IP_ASSUMED) {
                    warnings.push(
                        Diagnostic::new(&diag::FIREWALL_IP_ASSUMED, why.clone())
                            .at(&self.origin(c)),
                    );
                }
                match get_present(cp, "privateIPAddress") {
                    Some(Value::String(s)) => {
                        private_ip = private_ip.or_else(|| s.trim().parse().ok());
                    }
                    Some(u) if is_unknown(u) => warnings.push(
                        Diagnostic::new(
                            &diag::FIREWALL_IP_UNKNOWN,
                            format!(
                                "private IP not known offline ({}); pass --firewall-ip",
                                u[UNKNOWN_KEY]
                            ),
                        )
                        .at(&self.origin(c)),
                    ),
                    _ => {}
                }
            }
            // a secured virtual hub's firewall (`AZFW_Hub`) has no ipConfigurations: its private IP is
            // `hubIPAddresses.privateIPAddress` (azure-semantics.md §11.5)
            if let Some(h) = self.0.object(p, "hubIPAddresses", &what)?
                && let Some(Value::String(s)) = get_present(h, "privateIPAddress")
            {
                private_ip = private_ip.or_else(|| s.trim().parse().ok());
            }
        }
        let mut collections = Vec::new();
        for (key, kind) in [
            ("natRuleCollections", CollectionKind::Nat),
            ("networkRuleCollections", CollectionKind::Network),
            ("applicationRuleCollections", CollectionKind::Application),
        ] {
            for c in self.objects(p, key, &what)? {
                collections.push(self.classic_collection(c, kind)?);
            }
        }
        Ok(FwPiece {
            raw: {
                let mut v = Value::Object(o.clone());
                crate::ingest::json::strip_locs(&mut v);
                v.to_string()
            },
            origin: self.origin(o),
            policy: id_of(get_ci(p, "firewallPolicy")).map(|s| last_segment(&s)),
            threat_intel: get_ci(p, "threatIntelMode")
                .and_then(Value::as_str)
                .map(str::to_string),
            name,
            private_ip,
            collections,
            warnings,
        })
    }

    fn action(
        &self,
        at: &Map<String, Value>,
        c: &Map<String, Value>,
        name: &str,
    ) -> Result<FwAction, Error> {
        let a = get_ci(c, "action")
            .map(|a| a.as_object().and_then(|o| get_ci(o, "type")).unwrap_or(a))
            .and_then(Value::as_str)
            .unwrap_or("");
        match a.to_ascii_lowercase().as_str() {
            "allow" => Ok(FwAction::Allow),
            "deny" => Ok(FwAction::Deny),
            "dnat" | "snat" => Ok(FwAction::Dnat),
            _ => Err(self.err(
                at,
                format!("rule collection `{name}`: action `{a}` is not Allow, Deny or Dnat"),
            )),
        }
    }

    fn classic_collection(
        &self,
        c: &Map<String, Value>,
        kind: CollectionKind,
    ) -> Result<RuleCollection, Error> {
        let name = name_str(c, "collection");
        let what = format!("rule collection `{name}`");
        let p = self.props(c, &what)?;
        let priority = self.priority(c, get_ci(p, "priority"), &name, "rule collection")?;
        let action = self.action(c, p, &name)?;
        let mut rules = Vec::new();
        for r in self.objects(p, "rules", &what)? {
            rules.push(self.rule(r, kind)?);
        }
        Ok(RuleCollection {
            origin: self.origin(c),
            name,
            group: None,
            group_priority: 0,
            priority,
            from_base_policy: false,
            kind,
            action,
            rules,
        })
    }

    fn policy_collection(
        &self,
        c: &Map<String, Value>,
        group: &str,
        group_priority: u32,
    ) -> Result<RuleCollection, Error> {
        let name = name_str(c, "collection");
        if get_ci(c, "ruleType").is_some() && get_ci(c, "rules").is_none() {
            return Err(self.err(
                c,
                format!(
                    "rule collection group `{group}`: `{name}` is a rule (it has a `ruleType`), not a rule collection: rules belong in a collection's `rules`, with the collection's `ruleCollectionType`, `priority` and `action`; export the group again (`az network firewall policy rule-collection-group show`)"
                ),
            ));
        }
        let ty = get_ci(c, "ruleCollectionType")
            .and_then(Value::as_str)
            .unwrap_or("");
        let priority = self.priority(c, get_ci(c, "priority"), &name, "rule collection")?;
        let action = self.action(c, c, &name)?;
        let mut kind = if ty.to_ascii_lowercase().contains("nat") {
            CollectionKind::Nat
        } else {
            CollectionKind::Network
        };
        let mut rules = Vec::new();
        {
            for r in self.objects(c, "rules", &format!("rule collection `{name}`"))? {
                let rt = get_ci(r, "ruleType").and_then(Value::as_str).unwrap_or("");
                let rk = match rt.to_ascii_lowercase().as_str() {
                    "applicationrule" => CollectionKind::Application,
                    "natrule" => CollectionKind::Nat,
                    "networkrule" => CollectionKind::Network,
                    _ => {
                        let n = name_str(r, "rule");
                        return Err(self.err(
                            r,
                            format!(
                                "rule `{n}`: ruleType `{rt}` is not NetworkRule, ApplicationRule or NatRule"
                            ),
                        ));
                    }
                };
                if rk != CollectionKind::Nat {
                    kind = rk;
                }
                rules.push(self.rule(r, rk)?);
            }
        }
        Ok(RuleCollection {
            origin: self.origin(c),
            name,
            group: Some(group.to_string()),
            group_priority,
            priority,
            from_base_policy: false,
            kind,
            action,
            rules,
        })
    }

    fn rule(&self, r: &Map<String, Value>, kind: CollectionKind) -> Result<FwRule, Error> {
        let name = name_str(r, "rule");
        let origin = self.origin(r);
        let err = |m: String| Error::at(&origin, format!("firewall rule `{name}`: {m}"));
        let what = format!("firewall rule `{name}`");
        let p = self.props(r, &what)?;
        let mut unknowns = Vec::new();
        let mut s = |k: &str| {
            field_strings(get_ci(p, k), &mut unknowns)
                .map_err(|found| self.wrong_type(p, k, &what, "a list of strings", found))
        };
        let sources = s("sourceAddresses")?;
        let source_ip_groups: Vec<String> = s("sourceIpGroups")?
            .iter()
            .map(|x| last_segment(x))
            .collect();
        let kind = match kind {
            CollectionKind::Nat => FwRuleKind::Nat,
            CollectionKind::Network => {
                let protos = {
                    let mut v = s("ipProtocols")?;
                    v.extend(s("protocols")?);
                    v
                };
                let protocols = fw_protocols(&protos).map_err(&err)?;
                let ports = port_set(&s("destinationPorts")?).map_err(&err)?;
                FwRuleKind::Network(NetworkRule {
                    protocols,
                    ports,
                    destinations: s("destinationAddresses")?,
                    destination_ip_groups: s("destinationIpGroups")?
                        .iter()
                        .map(|x| last_segment(x))
                        .collect(),
                    destination_fqdns: s("destinationFqdns")?,
                })
            }
            CollectionKind::Application => {
                let ps = self.array(p, "protocols", &what)?;
                let protocols = app_protocols(ps).map_err(&err)?;
                let fqdn_tags = s("fqdnTags")?;
                if let Err((_, m)) = known_fqdn_tags(&fqdn_tags) {
                    return Err(err(m));
                }
                FwRuleKind::Application(ApplicationRule {
                    protocols,
                    target_fqdns: s("targetFqdns")?,
                    fqdn_tags,
                    target_urls: s("targetUrls")?,
                    web_categories: s("webCategories")?,
                    terminate_tls: p
                        .get("terminateTLS")
                        .or_else(|| r.get("terminateTLS"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                })
            }
        };
        Ok(FwRule {
            name,
            sources,
            source_ip_groups,
            kind,
            unknowns,
            origin,
        })
    }
}

/// Network-rule protocols (`TCP`, `UDP`, `ICMP`, `Any`); `Err` says which value is wrong.
fn fw_protocols(list: &[String]) -> Result<Vec<FwProtocol>, String> {
    list.iter()
        .map(|x| match x.to_ascii_lowercase().as_str() {
            "tcp" => Ok(FwProtocol::Tcp),
            "udp" => Ok(FwProtocol::Udp),
            "icmp" => Ok(FwProtocol::Icmp),
            "any" | "*" => Ok(FwProtocol::Any),
            _ => Err(format!("protocol `{x}` is not TCP, UDP, ICMP or Any")),
        })
        .collect()
}

/// Destination ports (`443`, `443-444`, `*`), inclusive ranges (trap 8).
fn port_set(list: &[String]) -> Result<PortSet, String> {
    let ranges = list
        .iter()
        .map(|x| {
            parse_port_range(x).ok_or_else(|| {
                format!("destination port `{x}` is not a port, a range such as 443-444, or *")
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PortSet::from_ranges(ranges))
}

/// Application-rule protocols in either form.
fn app_protocols(list: &[Value]) -> Result<Vec<(AppProtocol, u16)>, String> {
    list.iter()
        .map(|x| {
            app_protocol(x)
                .ok_or_else(|| format!("protocol `{x}` is not Http:port, Https:port or Mssql:port"))
        })
        .collect()
}

/// Every FQDN tag must be known (`service-tags/fqdn-tags.yaml`); `Err` names the first unknown one.
fn known_fqdn_tags(tags: &[String]) -> Result<(), (String, String)> {
    for t in tags {
        if fqdn::lookup(t).is_none() {
            let hint = fqdn::suggest(t)
                .map(|x| format!("; did you mean `{x}`?"))
                .unwrap_or_default();
            return Err((
                t.clone(),
                format!(
                    "`{t}` is not a known Azure Firewall FQDN tag (service-tags/fqdn-tags.yaml){hint}"
                ),
            ));
        }
    }
    Ok(())
}

/// `{"protocolType": "Https", "port": 443}` or `"Https:443"` (PowerShell, Terraform).
fn app_protocol(v: &Value) -> Option<(AppProtocol, u16)> {
    let (ty, port) = match v {
        Value::Object(o) => (
            get_ci(o, "protocolType")?.as_str()?.to_string(),
            match get_ci(o, "port") {
                Some(Value::Number(n)) => n.as_u64().and_then(|x| u16::try_from(x).ok()),
                Some(Value::String(s)) => s.parse().ok(),
                _ => None,
            },
        ),
        Value::String(s) => match s.split_once(':') {
            Some((t, p)) => (t.to_string(), Some(p.trim().parse().ok()?)),
            None => (s.clone(), None),
        },
        _ => return None,
    };
    let proto = match ty.to_ascii_lowercase().as_str() {
        "http" => AppProtocol::Http,
        "https" => AppProtocol::Https,
        "mssql" => AppProtocol::Mssql,
        _ => return None,
    };
    let default = match proto {
        AppProtocol::Http => 80,
        AppProtocol::Https => 443,
        AppProtocol::Mssql => 1433,
    };
    Some((proto, port.unwrap_or(default)))
}

fn assemble(p: Pieces, select: Option<&str>, file: &str) -> Result<Firewall, Error> {
    let Pieces {
        mut firewalls,
        policies,
        groups,
        ip_groups,
    } = p;
    // the policies some firewall of the inputs names: a firewall without a policy reference never takes
    // one of these (a classic firewall beside a policy firewall keeps its own rules)
    let used: Vec<String> = firewalls.iter().filter_map(|f| f.policy.clone()).collect();
    // `FILE#name` names a firewall or a policy of the file; a name that is neither is an input error
    // listing what is there (never a firewall named after the typo)
    if let Some(want) = select {
        let is =
            |n: &str| n.eq_ignore_ascii_case(want) || last_segment(n).eq_ignore_ascii_case(want);
        let fw_match = firewalls.iter().any(|f| is(&f.name));
        let policy_match = policies.iter().any(|p| is(&p.name))
            || groups.iter().any(|g| g.policy.as_deref().is_some_and(is));
        if fw_match {
            firewalls.retain(|f| is(&f.name));
        } else if policy_match {
            // a policy picked: the firewalls that use it (none: the policy is evaluated on its own)
            firewalls.retain(|f| f.policy.as_deref().is_some_and(is));
        } else {
            let mut names: Vec<&str> = firewalls.iter().map(|f| f.name.as_str()).collect();
            names.extend(policies.iter().map(|p| p.name.as_str()));
            names.extend(groups.iter().filter_map(|g| g.policy.as_deref()));
            names.sort_by_key(|n| n.to_ascii_lowercase());
            names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
            return Err(Error::input(
                file,
                0,
                format!(
                    "no Azure Firewall or firewall policy named `{want}` in this file (it holds: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        crate::ingest::name_list(names.into_iter())
                    }
                ),
            ));
        }
    }
    if firewalls.len() > 1 && !policies.is_empty() {
        // a whole export (PSRule, `Get-AzResource`): offer the firewalls and the policies by name
        let fws = crate::ingest::name_list(firewalls.iter().map(|f| f.name.as_str()));
        let pols = crate::ingest::name_list(policies.iter().map(|p| p.name.as_str()));
        return Err(Error::input(
            file,
            0,
            format!(
                "holds {} firewalls ({fws}) and {} firewall policies ({pols}); pick one with `{file}#<name>`",
                firewalls.len(),
                policies.len()
            ),
        ));
    }
    let fw = if firewalls.is_empty() {
        None
    } else {
        Some(crate::ingest::one_of(
            firewalls,
            |f| &f.name,
            file,
            "firewall",
        )?)
    };
    let policy_names: Vec<String> = policies.iter().map(|p| p.name.clone()).collect();
    let group_policies: Vec<String> = groups.iter().filter_map(|g| g.policy.clone()).collect();
    // which policy: the firewall's, else the one selected, else the only one
    let mut known: Vec<String> = policy_names
        .iter()
        .chain(group_policies.iter())
        .cloned()
        .collect();
    known.sort_by_key(|s| s.to_ascii_lowercase());
    known.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    // the policy in use: the only one, or the only one that is nobody's base policy
    let leaves: Vec<&String> = known
        .iter()
        .filter(|k| {
            !policies
                .iter()
                .any(|p| p.base.as_deref().is_some_and(|b| b.eq_ignore_ascii_case(k)))
        })
        .collect();
    let only = match (known.len(), leaves.as_slice()) {
        (1, _) => Some(known[0].clone()),
        (_, [one]) => Some((*one).clone()),
        _ => None,
    };
    let mut warnings = Vec::new();
    let policy = match fw.as_ref().and_then(|f| f.policy.clone()) {
        Some(p) if known.iter().any(|k| k.eq_ignore_ascii_case(&p)) || known.is_empty() => Some(p),
        Some(p) => {
            if let Some(o) = &only {
                warnings.push(Diagnostic::new(
                    &diag::FIREWALL_POLICY_UNRESOLVED,
                    format!(
                        "the firewall's policy reference `{p}` cannot be resolved offline; using the only policy in the input, `{o}`"
                    ),
                ));
            }
            only.clone().or(Some(p))
        }
        // a firewall without a policy reference (classic rules on the firewall): `#name` named the firewall,
        // not a policy
        // (with classic rule collections of its own, or beside the firewall whose policy it is, it has
        // none: Azure never applies another firewall's policy to it)
        None if fw.is_some() => only.clone().filter(|o| {
            fw.as_ref().is_some_and(|f| f.collections.is_empty())
                && !used.iter().any(|u| u.eq_ignore_ascii_case(o))
        }),
        None => select.map(str::to_string).or(only.clone()),
    };
    let same = |a: &Option<String>, b: &str| {
        a.as_deref()
            .is_none_or(|a| a.eq_ignore_ascii_case(b) || last_segment(a).eq_ignore_ascii_case(b))
    };
    let mut collections = Vec::new();
    let mut threat = None;
    if let Some(pol) = &policy {
        // base policy chain first (processed before the child's collections)
        let mut chain = vec![pol.clone()];
        while let Some(b) = policies
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(chain.last().map_or("", |s| s)))
            .and_then(|p| p.base.clone())
        {
            if chain.iter().any(|c| c.eq_ignore_ascii_case(&b)) || chain.len() > 8 {
                break;
            }
            chain.push(b);
        }
        threat = policies
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(pol))
            .and_then(|p| p.threat_intel.clone());
        for (depth, name) in chain.iter().enumerate() {
            let base = depth > 0;
            let mut any = false;
            for g in groups
                .iter()
                .filter(|g| same(&g.policy, name) || (g.policy.is_none() && depth == 0))
            {
                any = true;
                collections.extend(g.usable()?.iter().cloned().map(|mut c| {
                    c.from_base_policy = base;
                    c
                }));
            }
            if !any && base {
                warnings.push(Diagnostic::new(
                    &diag::BASE_POLICY_MISSING,
                    format!(
                        "base policy `{name}`: its rule collection groups were not given; its rules are not evaluated"
                    ),
                ));
            }
        }
        if groups.is_empty() {
            warnings.push(Diagnostic::new(
                &diag::POLICY_WITHOUT_GROUPS,
                format!(
                    "firewall policy `{pol}`: no rule collection groups given (pass the output of \
                     `az network firewall policy rule-collection-group list` too); only the default deny is evaluated"
                ),
            ));
        }
    } else {
        // no policy in use: only groups that name no policy belong here (a classic firewall does not take
        // the groups of other policies in the same export)
        for g in groups.iter().filter(|g| g.policy.is_none()) {
            collections.extend(g.usable()?.iter().cloned());
        }
    }
    let resource = fw.as_ref().map(|f| f.raw.clone());
    let (name, private_ip, origin, fw_threat, fw_warnings, classic) = match fw {
        Some(f) => (
            f.name,
            f.private_ip,
            f.origin,
            f.threat_intel,
            f.warnings,
            f.collections,
        ),
        None => (
            policy.clone().unwrap_or_else(|| "firewall".into()),
            None,
            Origin::at(file, 1),
            None,
            Vec::new(),
            Vec::new(),
        ),
    };
    warnings.extend(fw_warnings);
    let mut all = classic;
    all.extend(collections);
    Ok(Firewall {
        graph: 0,
        name,
        private_ip,
        collections: all,
        policy,
        threat_intel_mode: threat.or(fw_threat),
        ip_groups: ip_groups.into_iter().collect(),
        origin,
        warnings,
        resource,
    })
}

/// The project's YAML for a firewall (standalone file or inline in a scenario).
#[derive(serde::Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct FirewallYaml {
    /// Firewall name.
    pub name: String,
    /// Private IP (the next hop user routes name).
    #[serde(default)]
    pub private_ip: Option<String>,
    /// `Alert`, `Deny` or `Off`.
    #[serde(default)]
    pub threat_intel_mode: Option<String>,
    /// Network rule collections.
    #[serde(default)]
    pub network_rules: Vec<CollectionYaml>,
    /// Application rule collections.
    #[serde(default)]
    pub application_rules: Vec<CollectionYaml>,
}

/// A rule collection in YAML.
#[derive(serde::Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CollectionYaml {
    /// Collection name.
    pub collection: String,
    /// 100–65000.
    pub priority: u32,
    /// `Allow` or `Deny`.
    pub action: String,
    /// Rule collection group (Firewall Policy).
    #[serde(default)]
    pub group: Option<String>,
    /// Group priority.
    #[serde(default)]
    pub group_priority: u32,
    /// Rules.
    #[serde(default)]
    pub rules: Vec<FwRuleYaml>,
}

/// A firewall rule in YAML.
#[derive(serde::Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct FwRuleYaml {
    /// Rule name.
    pub name: String,
    /// Sources (IPs, CIDRs, ranges, `*`); default `*`.
    #[serde(default)]
    pub sources: crate::ingest::nsg_yaml::OneOrMany,
    /// Network: `TCP`, `UDP`, `ICMP`, `Any`; application: `Https:443`, `Http:80`.
    #[serde(default)]
    pub protocols: crate::ingest::nsg_yaml::OneOrMany,
    /// Network: destination addresses or service tags.
    #[serde(default)]
    pub destinations: crate::ingest::nsg_yaml::OneOrMany,
    /// Network: destination ports.
    #[serde(default)]
    pub ports: crate::ingest::nsg_yaml::OneOrMany,
    /// Network: destination FQDNs.
    #[serde(default)]
    pub destination_fqdns: crate::ingest::nsg_yaml::OneOrMany,
    /// Application: target FQDNs.
    #[serde(default)]
    pub target_fqdns: crate::ingest::nsg_yaml::OneOrMany,
    /// Application: FQDN tags.
    #[serde(default)]
    pub fqdn_tags: crate::ingest::nsg_yaml::OneOrMany,
}

/// Parses a firewall YAML file.
pub fn parse_firewall_yaml(text: &str, file: &str) -> Result<Firewall, Error> {
    let y: FirewallYaml = crate::ingest::nsg_yaml::from_yaml(text, file, "not a firewall")?;
    firewall_from_yaml(&y, &crate::ingest::yaml_pos::YamlPos::of(text), "", file)
}

/// Builds a firewall from YAML (its own file, or inline in a scenario at pointer `base`).
pub fn firewall_from_yaml(
    y: &FirewallYaml,
    pos: &crate::ingest::yaml_pos::YamlPos,
    base: &str,
    file: &str,
) -> Result<Firewall, Error> {
    let at = |p: String| pos.origin(file, &format!("{base}{p}"));
    let private_ip = y
        .private_ip
        .as_deref()
        .map(|s| {
            s.trim().parse::<IpAddr>().map_err(|_| {
                Error::at(
                    &at("/private_ip".into()),
                    format!(
                        "firewall `{}`: private_ip `{s}` is not an IP address",
                        y.name
                    ),
                )
            })
        })
        .transpose()?;
    let mut collections = Vec::new();
    for (list, kind, key) in [
        (&y.network_rules, CollectionKind::Network, "network_rules"),
        (
            &y.application_rules,
            CollectionKind::Application,
            "application_rules",
        ),
    ] {
        for (ci, c) in list.iter().enumerate() {
            let corigin = at(format!("/{key}/{ci}"));
            let action = match c.action.to_ascii_lowercase().as_str() {
                "allow" => FwAction::Allow,
                "deny" => FwAction::Deny,
                _ => {
                    return Err(Error::at(
                        &corigin,
                        format!(
                            "collection `{}`: action `{}` is not Allow or Deny",
                            c.collection, c.action
                        ),
                    ));
                }
            };
            let mut rules = Vec::new();
            for (ri, r) in c.rules.iter().enumerate() {
                let origin = at(format!("/{key}/{ci}/rules/{ri}"));
                let err =
                    |m: String| Error::at(&origin, format!("firewall rule `{}`: {m}", r.name));
                let mut sources = r.sources.strings();
                if sources.is_empty() {
                    sources.push("*".into());
                }
                let rk = match kind {
                    CollectionKind::Application => {
                        let ps: Vec<Value> = r
                            .protocols
                            .strings()
                            .into_iter()
                            .map(Value::String)
                            .collect();
                        let protocols = app_protocols(&ps).map_err(&err)?;
                        let fqdn_tags = r.fqdn_tags.strings();
                        known_fqdn_tags(&fqdn_tags).map_err(|(_, m)| err(m))?;
                        FwRuleKind::Application(ApplicationRule {
                            protocols,
                            target_fqdns: r.target_fqdns.strings(),
                            fqdn_tags,
                            ..Default::default()
                        })
                    }
                    _ => {
                        let protocols = fw_protocols(&r.protocols.strings()).map_err(&err)?;
                        let ports = port_set(&r.ports.strings()).map_err(&err)?;
                        FwRuleKind::Network(NetworkRule {
                            protocols,
                            destinations: r.destinations.strings(),
                            destination_fqdns: r.destination_fqdns.strings(),
                            ports,
                            ..Default::default()
                        })
                    }
                };
                rules.push(FwRule {
                    name: r.name.clone(),
                    sources,
                    source_ip_groups: Vec::new(),
                    kind: rk,
                    unknowns: Vec::new(),
                    origin: origin.clone(),
                });
            }
            collections.push(RuleCollection {
                name: c.collection.clone(),
                group: c.group.clone(),
                group_priority: c.group_priority,
                priority: c.priority,
                from_base_policy: false,
                kind,
                action,
                rules,
                origin: corigin,
            });
        }
    }
    Ok(Firewall {
        graph: 0,
        name: y.name.clone(),
        private_ip,
        collections,
        policy: None,
        threat_intel_mode: y.threat_intel_mode.clone(),
        ip_groups: Default::default(),
        origin: {
            let mut o = at(String::new());
            o.line = o.line.max(1);
            o
        },
        warnings: Vec::new(),
        resource: None,
    })
}

/// A `ruleGroups` resource of the 2019-06-01 preview API in today's rule-collection-group shape: each
/// `FirewallPolicyFilterRule` becomes a collection (split by condition kind, as network rules are processed
/// before application rules), each `FirewallPolicyNatRule` a DNAT collection. The location stays that of the
/// legacy objects.
fn legacy_rule_group(o: &Map<String, Value>) -> Map<String, Value> {
    let p = props(o);
    let mut cols = Vec::new();
    let empty = Vec::new();
    let rules = get_ci(p, "rules")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    for r in rules.iter().filter_map(Value::as_object) {
        let rtype = get_ci(r, "ruleType").and_then(Value::as_str).unwrap_or("");
        let nat = rtype.to_ascii_lowercase().contains("nat");
        let conds: Vec<&Map<String, Value>> =
            match (get_ci(r, "ruleConditions"), get_ci(r, "ruleCondition")) {
                (Some(Value::Array(cs)), _) => cs.iter().filter_map(Value::as_object).collect(),
                (_, Some(Value::Object(c))) => vec![c],
                _ => Vec::new(),
            };
        for kind in ["NetworkRuleCondition", "ApplicationRuleCondition"] {
            let mine: Vec<Value> = conds
                .iter()
                .filter(|c| {
                    get_ci(c, "ruleConditionType")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case(kind))
                })
                .map(|c| {
                    let mut m = (*c).clone();
                    m.remove("ruleConditionType");
                    let rule_type = match (nat, kind) {
                        (true, _) => "NatRule",
                        (false, "NetworkRuleCondition") => "NetworkRule",
                        _ => "ApplicationRule",
                    };
                    m.insert("ruleType".into(), Value::String(rule_type.into()));
                    Value::Object(m)
                })
                .collect();
            if mine.is_empty() {
                continue;
            }
            let mut c = Map::new();
            crate::ingest::json::copy_loc(r, &mut c);
            for k in ["name", "priority", "action"] {
                if let Some(v) = get_ci(r, k) {
                    c.insert(k.into(), v.clone());
                }
            }
            c.insert(
                "ruleCollectionType".into(),
                Value::String(if nat {
                    "FirewallPolicyNatRuleCollection".into()
                } else {
                    "FirewallPolicyFilterRuleCollection".into()
                }),
            );
            c.insert("rules".into(), Value::Array(mine));
            cols.push(Value::Object(c));
        }
    }
    let mut group = o.clone();
    group.insert("type".into(), Value::String(RCG_TYPE.into()));
    let mut gp = p.clone();
    gp.remove("rules");
    gp.insert("ruleCollections".into(), Value::Array(cols));
    group.insert("properties".into(), Value::Object(gp));
    group
}
