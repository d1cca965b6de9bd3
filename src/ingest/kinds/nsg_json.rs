//! NSGs in JSON, in every shape Azure tools produce (reference §1.6, trap 27):
//! (a) ARM/REST object, (b) `az network nsg show` (flattened) and PowerShell (PascalCase),
//! (c) an ARM deployment template, (d) `az network nic list-effective-nsg`, plus lists of NSGs
//! (`az network nsg list`, REST list) and bare rule lists (`az network nsg rule list`).

use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::json_util::{Src, UNKNOWN_KEY, get_ci, get_present};
use crate::ingest::template;
use crate::ingest::terraform;
use crate::model::addr::parse_prefix;
use crate::model::{
    Access, AddrItem, AddrSpec, Attachment, Direction, ExpandedTag, Nsg, Origin, PortSet, Protocol,
    SecurityRule,
};
use serde_json::{Map, Value};

const SHAPES: &str = "tried: ARM/REST object (`properties.securityRules`), `az network nsg show` output (`securityRules`), \
Terraform plan or state JSON (`azurerm_network_security_group`), \
ARM template (`resources` with `Microsoft.Network/networkSecurityGroups`), effective rules (`effectiveSecurityRules`), \
NSG list (`value`), rule list (`[{priority, direction, …}]`)";

/// Parses every NSG in a JSON document; `select` picks one by name where there are several.
pub fn parse_nsgs(text: &str, file: &str, select: Option<&str>) -> Result<Vec<Nsg>, Error> {
    let ctx = Ctx(Src::new(file, text));
    if let Some(mut found) = list_elements(&ctx, select)? {
        crate::ingest::select_named(&mut found, |n| &n.name, select, file, "NSG")?;
        return Ok(found);
    }
    let doc: Value = ctx.parse()?;
    crate::ingest::check_not_a_wrapper(&ctx, &doc, "an NSG")?;
    let mut found: Vec<Nsg> = match &doc {
        Value::Object(o) if template::is_template(o) => nsgs_of_template(o, &ctx, select)?,
        Value::Object(o) if terraform::looks_like(o) => {
            terraform::check_shape(&ctx, o)?;
            terraform::arm_nsgs(&terraform::resources(o))
                .iter()
                .map(|n| ctx.nsg_object(n, None))
                .collect::<Result<Vec<_>, _>>()?
        }
        Value::Object(o) if get_present(o, "effectiveSecurityRules").is_some() => {
            vec![ctx.effective_entry(o)?]
        }
        Value::Object(o) => {
            let list = get_present(o, "value")
                .or_else(|| get_present(o, "networkSecurityGroups"))
                .or_else(|| get_present(o, "data"));
            match list {
                Some(Value::Array(a)) => ctx.list(a)?,
                _ if is_nsg_object(o) => vec![ctx.nsg_object(o, None)?],
                _ => return Err(ctx.err_doc(format!("not an NSG in any known shape ({SHAPES})"))),
            }
        }
        Value::Array(a) => ctx.list(a)?,
        _ => return Err(ctx.err_doc(format!("not an NSG in any known shape ({SHAPES})"))),
    };
    crate::ingest::select_named(&mut found, |n| &n.name, select, file, "NSG")?;
    if found.is_empty() {
        return Err(ctx.err_doc(format!("no NSG found ({SHAPES})")));
    }
    Ok(found)
}

/// A list of NSGs (`az network nsg list`, a REST list) is read one element at a time: each element is
/// built, turned into the model and dropped, so memory stays near the file's size; with `FILE#name` only
/// the elements with that name are built at all. `None` when the document is not such a list (a rule
/// list, a template, …), which the caller then reads whole.
fn list_elements(ctx: &Ctx<'_>, select: Option<&str>) -> Result<Option<Vec<Nsg>>, Error> {
    let t = ctx.text.trim_start();
    let elems = if t.starts_with('[') {
        crate::ingest::json::elements(ctx.text, "")
    } else if t.starts_with('{') {
        // REST and `az` lists (`value`), Azure Resource Graph exports (`data`)
        match crate::ingest::json::elements(ctx.text, "value").map_err(|e| ctx.syntax(e))? {
            Some(v) => Ok(Some(v)),
            None => crate::ingest::json::elements(ctx.text, "data"),
        }
    } else {
        return Ok(None);
    }
    .map_err(|e| ctx.syntax(e))?;
    let Some(elems) = elems else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for e in &elems {
        if let Some(want) = select
            && !e
                .name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(want))
        {
            continue;
        }
        let v = crate::ingest::json::parse_at(ctx.text, e.start, &e.pointer)
            .map_err(|x| ctx.syntax(x))?;
        let Value::Object(o) = &v else { continue };
        if get_present(o, "effectiveSecurityRules").is_some() {
            out.push(ctx.effective_entry(o)?);
        } else if is_nsg_object(o) {
            out.push(ctx.nsg_object(o, None)?);
        } else if select.is_none() {
            return Ok(None); // not a list of NSGs: read it whole
        }
    }
    Ok((!out.is_empty()).then_some(out))
}

fn is_nsg_object(o: &Map<String, Value>) -> bool {
    let direct = ["securityRules", "defaultSecurityRules"]
        .iter()
        .any(|k| get_ci(o, k).is_some());
    let nested = get_present(o, "properties")
        .and_then(Value::as_object)
        .is_some_and(|p| {
            ["securityRules", "defaultSecurityRules"]
                .iter()
                .any(|k| get_ci(p, k).is_some())
        });
    let typed = get_present(o, "type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Network/networkSecurityGroups"));
    direct || nested || typed
}

fn is_rule_object(o: &Map<String, Value>) -> bool {
    let p = get_present(o, "properties")
        .and_then(Value::as_object)
        .unwrap_or(o);
    get_ci(p, "priority").is_some() && get_ci(p, "direction").is_some()
}

/// ARM type of an NSG.
pub(crate) const NSG_TYPE: &str = "Microsoft.Network/networkSecurityGroups";
/// ARM type of an NSG's child rule resource.
const RULE_TYPE: &str = "Microsoft.Network/networkSecurityGroups/securityRules";

/// The NSGs of a template (at any depth), with child `securityRules` resources attached to their parent.
/// `select` picks one by name; several with that name in different deployments are an error that lists them.
fn nsgs_of_template(
    t: &Map<String, Value>,
    ctx: &Ctx<'_>,
    select: Option<&str>,
) -> Result<Vec<Nsg>, Error> {
    let w = template::walk(t);
    let all = &w.resources;
    let every: Vec<&template::TemplateResource> = all
        .iter()
        .filter(|r| r.ty.eq_ignore_ascii_case(NSG_TYPE))
        .collect();
    // NSGs that share a name (an unevaluated `[parameters('name')]` in several deployments, a copy loop
    // whose names are not known) are named by their deployment path, then by their place in it
    let qualified = qualified_names(&every);
    let nsgs: Vec<(&template::TemplateResource, String)> = every
        .iter()
        .zip(&qualified)
        .filter(|(r, q)| {
            select.is_none_or(|s| r.name.eq_ignore_ascii_case(s) || q.eq_ignore_ascii_case(s))
        })
        .map(|(r, q)| (*r, q.clone()))
        .collect();
    if let Some(s) = select {
        if nsgs.is_empty() {
            let names = crate::ingest::name_list(qualified.iter().map(String::as_str));
            return Err(ctx.err_doc(format!(
                "no NSG named `{s}` in this template (it holds: {names}){}",
                template::notes_suffix(&w)
            )));
        }
        if nsgs.len() > 1 {
            let names = crate::ingest::name_list(nsgs.iter().map(|(_, q)| q.as_str()));
            return Err(ctx.err_doc(format!(
                "{} NSGs are named `{s}`: pick one by the name given here, `{}#<name>` with one of: {names}",
                nsgs.len(),
                ctx.file
            )));
        }
    }
    let mut out = Vec::new();
    for (n, shown) in nsgs {
        let mut extra = Vec::new();
        for r in all
            .iter()
            .filter(|r| r.ty.eq_ignore_ascii_case(RULE_TYPE) && r.deployment == n.deployment)
        {
            if let Some((parent, rule)) = r.name.rsplit_once('/')
                && parent.eq_ignore_ascii_case(&n.name)
            {
                let mut o = r.body.clone();
                o.insert("name".into(), Value::String(rule.to_string()));
                extra.extend(ctx.rule(&o, false, &n.name)?);
            }
        }
        let mut o = n.body.clone();
        o.insert("name".into(), Value::String(shown));
        let mut nsg = ctx.nsg_object(&o, Some(extra))?;
        nsg.warnings.extend(w.notes.iter().cloned());
        out.push(nsg);
    }
    if out.is_empty() {
        return Err(ctx.err_doc(format!(
            "ARM template without a `{NSG_TYPE}` resource{}",
            template::notes_suffix(&w)
        )));
    }
    Ok(out)
}

/// Each NSG's name as shown and accepted after `FILE#`: its own name when no other NSG of the template
/// has it, else `deployment/name` (`the top level` has no prefix), then `name[k]` by order when that is
/// still shared (a copy loop whose names are not known offline).
fn qualified_names(nsgs: &[&template::TemplateResource]) -> Vec<String> {
    let count = |f: &dyn Fn(&template::TemplateResource) -> String, x: &str| {
        nsgs.iter().filter(|r| f(r).eq_ignore_ascii_case(x)).count()
    };
    let plain = |r: &template::TemplateResource| r.name.clone();
    let pathed = |r: &template::TemplateResource| {
        if r.deployment.is_empty() {
            r.name.clone()
        } else {
            format!("{}/{}", r.deployment, r.name)
        }
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    nsgs.iter()
        .map(|r| {
            if count(&plain, &r.name) == 1 {
                return r.name.clone();
            }
            let p = pathed(r);
            if count(&pathed, &p) == 1 {
                return p;
            }
            let k = seen.entry(p.to_ascii_lowercase()).or_insert(0);
            *k += 1;
            format!("{p}[{}]", *k - 1)
        })
        .collect()
}

/// Parsing context: the parsed file.
pub(crate) struct Ctx<'a>(pub Src<'a>);

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Src<'a>;
    fn deref(&self) -> &Src<'a> {
        &self.0
    }
}

impl Ctx<'_> {
    fn list(&self, a: &[Value]) -> Result<Vec<Nsg>, Error> {
        let objs: Vec<&Map<String, Value>> = a.iter().filter_map(Value::as_object).collect();
        if !objs.is_empty() && objs.iter().all(|o| is_rule_object(o)) {
            // `az network nsg rule list`: one unnamed NSG
            let name = "rules".to_string();
            let mut rules = Vec::new();
            for o in &objs {
                rules.extend(self.rule(o, false, &name)?);
            }
            return Ok(vec![finish_nsg(
                name,
                rules,
                Origin::at(self.file, 1),
                None,
            )]);
        }
        let mut out = Vec::new();
        for o in objs {
            if get_present(o, "effectiveSecurityRules").is_some() {
                out.push(self.effective_entry(o)?);
            } else if is_nsg_object(o) {
                out.push(self.nsg_object(o, None)?);
            }
        }
        if out.is_empty() {
            return Err(self.err_doc(format!("a list, but not of NSGs ({SHAPES})")));
        }
        Ok(out)
    }

    /// An ARM/REST, flattened CLI or PowerShell NSG object. `extra` are rules from separate template resources.
    pub(crate) fn nsg_object(
        &self,
        o: &Map<String, Value>,
        extra: Option<Vec<SecurityRule>>,
    ) -> Result<Nsg, Error> {
        let name = get_present(o, "name")
            .and_then(Value::as_str)
            .unwrap_or("nsg")
            .to_string();
        let what = format!("NSG `{name}`");
        // `properties` as a whole not known offline (a template parameter): its rules are not known
        let whole_unknown;
        let props = match get_present(o, "properties")
            .filter(|v| crate::ingest::json_util::is_unknown(v))
        {
            Some(u) => {
                whole_unknown = Map::from_iter([("securityRules".to_string(), u.clone())]);
                &whole_unknown
            }
            None => self.props(o, &what)?,
        };
        let mut rules = Vec::new();
        let mut unknown_rules = None;
        for (key, is_default) in [("securityRules", false), ("defaultSecurityRules", true)] {
            // a rule list not known offline (a template value): this NSG is unknown where it could decide,
            // never an error for the whole file
            if let Some(u) =
                get_present(props, key).filter(|v| crate::ingest::json_util::is_unknown(v))
            {
                let expr = u[UNKNOWN_KEY].as_str().unwrap_or("?").to_string();
                rules.extend(unknown_rule_list(&expr, &self.origin(o)));
                unknown_rules = Some(expr);
                continue;
            }
            for ro in self.objects(props, key, &what)? {
                rules.extend(self.rule(ro, is_default, &name)?);
            }
        }
        rules.extend(extra.unwrap_or_default());
        let mut nsg = finish_nsg(name.clone(), rules, self.origin(o), None);
        if let Some(expr) = unknown_rules {
            nsg.warnings.push(
                crate::diag::Diagnostic::new(
                    &crate::diag::NSG_RULES_UNKNOWN,
                    format!(
                        "its security rules are not known offline ({expr}): wherever they could decide, the result is unknown; pass --parameters FILE with the values you deploy"
                    ),
                )
                .at(&self.origin(o)),
            );
        }
        nsg.resource_group = resource_group_of(o);
        Ok(nsg)
    }

    /// One entry of `az network nic list-effective-nsg` output.
    fn effective_entry(&self, o: &Map<String, Value>) -> Result<Nsg, Error> {
        let id = get_present(o, "networkSecurityGroup")
            .and_then(Value::as_object)
            .and_then(|n| get_present(n, "id"))
            .and_then(Value::as_str);
        let name = id
            .and_then(|i| i.rsplit('/').next())
            .unwrap_or("effective")
            .to_string();
        let assoc = get_present(o, "association").and_then(Value::as_object);
        let attached_hint = assoc.and_then(|a| {
            if get_present(a, "networkInterface").is_some() {
                Some(Attachment::Nic)
            } else if get_present(a, "subnet").is_some() {
                Some(Attachment::Subnet)
            } else {
                None
            }
        });
        let mut rules = Vec::new();
        for ro in self.objects(o, "effectiveSecurityRules", "the effective rules")? {
            rules.extend(self.rule(ro, false, &name)?);
        }
        Ok(finish_nsg(name, rules, self.origin(o), attached_hint))
    }

    /// One rule, nested (`properties`) or flat, any key case: one stand-in per way it may resolve where its
    /// access or direction is not known offline ([`RuleBuilder::build_all`]).
    pub(crate) fn rule(
        &self,
        o: &Map<String, Value>,
        is_default: bool,
        nsg: &str,
    ) -> Result<Vec<SecurityRule>, Error> {
        // a name not known offline takes no part in a verdict: the rule is read, named so
        let raw_name = match get_present(o, "name") {
            Some(v) if crate::ingest::json_util::is_unknown(v) => {
                "${name not known offline}".to_string()
            }
            v => v.and_then(Value::as_str).unwrap_or("").to_string(),
        };
        let origin = self.origin(o);
        let p = self.props(
            o,
            &format!(
                "rule `{}`",
                if raw_name.is_empty() {
                    "(unnamed)"
                } else {
                    &raw_name
                }
            ),
        )?;
        let mut unknowns = Vec::new();
        let (name, is_default) = if let Some(n) = raw_name.strip_prefix("defaultSecurityRules/") {
            (n.to_string(), true)
        } else if let Some(n) = raw_name.strip_prefix("securityRules/") {
            (n.to_string(), false)
        } else {
            (raw_name.clone(), is_default)
        };
        let rb = RuleBuilder {
            origin,
            rule: if name.is_empty() { "(unnamed)" } else { &name },
            nsg,
        };
        let what = format!("rule `{}`", rb.rule);
        let mut field = |key: &str| -> Result<Vec<String>, Error> {
            field_strings(get_ci(p, key), &mut unknowns).map_err(|found| {
                self.wrong_type(p, key, &what, "a string or a list of strings", found)
            })
        };
        let priority = field("priority")?;
        let direction = field("direction")?;
        let access = field("access")?;
        let protocol = field("protocol")?;
        let mut src = field("sourceAddressPrefix")?;
        src.extend(field("sourceAddressPrefixes")?);
        let mut dst = field("destinationAddressPrefix")?;
        dst.extend(field("destinationAddressPrefixes")?);
        let mut sp = field("sourcePortRange")?;
        sp.extend(field("sourcePortRanges")?);
        let mut dp = field("destinationPortRange")?;
        dp.extend(field("destinationPortRanges")?);
        let exp_src = match get_present(p, "expandedSourceAddressPrefix") {
            Some(_) => Some(field("expandedSourceAddressPrefix")?),
            None => None,
        };
        let exp_dst = match get_present(p, "expandedDestinationAddressPrefix") {
            Some(_) => Some(field("expandedDestinationAddressPrefix")?),
            None => None,
        };
        let src_asg = asg_names(self.array(p, "sourceApplicationSecurityGroups", &what)?);
        let dst_asg = asg_names(self.array(p, "destinationApplicationSecurityGroups", &what)?);
        let description = get_ci(p, "description")
            .and_then(Value::as_str)
            .map(str::to_string);
        let raw = RawRule {
            description,
            name: name.clone(),
            is_default,
            priority,
            direction,
            access,
            protocol,
            src,
            dst,
            sp,
            dp,
            src_asg,
            dst_asg,
            exp_src,
            exp_dst,
            unknowns,
        };
        rb.build_all(raw)
    }
}

/// The resource group an object names: its `resourceGroup` field (az output) or its resource id.
fn resource_group_of(o: &Map<String, Value>) -> Option<String> {
    if let Some(Value::String(rg)) = get_present(o, "resourceGroup") {
        return Some(rg.clone());
    }
    let id = get_present(o, "id").and_then(Value::as_str)?;
    let mut parts = id.split('/');
    parts
        .by_ref()
        .find(|p| p.eq_ignore_ascii_case("resourceGroups"))?;
    parts.next().filter(|s| !s.is_empty()).map(str::to_string)
}

/// Strings of a field; `{"$unknown": expr}` markers (from template evaluation) go to `unknowns`.
/// A value of another type (a boolean, an object, a list inside the list) is returned as the error.
pub(crate) fn field_strings<'v>(
    v: Option<&'v Value>,
    unknowns: &mut Vec<String>,
) -> Result<Vec<String>, &'v Value> {
    let mut out = Vec::new();
    let mut push = |x: &'v Value, out: &mut Vec<String>| -> Result<(), &'v Value> {
        match x {
            Value::String(s) => {
                if !s.trim().is_empty() {
                    out.push(s.clone());
                }
            }
            Value::Number(n) => out.push(n.to_string()),
            Value::Null => {}
            Value::Object(o) if o.contains_key(UNKNOWN_KEY) => {
                if let Some(Value::String(e)) = o.get(UNKNOWN_KEY) {
                    unknowns.push(e.clone());
                }
            }
            other => return Err(other),
        }
        Ok(())
    };
    match v {
        Some(Value::Array(a)) => {
            for x in a {
                push(x, &mut out)?;
            }
        }
        Some(x) => push(x, &mut out)?,
        None => {}
    }
    Ok(out)
}

/// A readable name for an ASG whose id is a template expression not known offline: the name argument of
/// `resourceId(…, 'Microsoft.Network/applicationSecurityGroups', NAME)` when the expression has that shape,
/// else the expression itself.
fn unknown_asg_name(expr: &str) -> String {
    let e = expr
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    let lower = e.to_ascii_lowercase();
    if let Some(at) = lower.find("applicationsecuritygroups'") {
        let rest = e[at + "applicationsecuritygroups'".len()..].trim_start();
        if let Some(arg) = rest.strip_prefix(',') {
            let arg = arg.trim().strip_suffix(')').unwrap_or(arg.trim()).trim();
            if !arg.is_empty() {
                return format!("[{}]", arg.trim_matches('\''));
            }
        }
    }
    format!("[{e}]")
}

fn asg_names(a: &[Value]) -> Vec<String> {
    a.iter()
        .filter_map(|x| {
            let id = x.as_object().and_then(|o| get_ci(o, "id")).or(Some(x));
            match id {
                Some(Value::String(s)) => s
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .map(str::to_string),
                // an ASG whose id is not known offline is still an ASG (NICs of the VNet), never `*`
                Some(Value::Object(o)) if o.contains_key(UNKNOWN_KEY) => {
                    let expr = o.get(UNKNOWN_KEY).and_then(Value::as_str).unwrap_or("?");
                    Some(unknown_asg_name(expr))
                }
                _ => None,
            }
        })
        .collect()
}

/// Stand-ins for a rule list that is not known offline: an Allow and a Deny for every flow, in front of the
/// default rules, each marked unknown, so every flow they could decide is unknown and a later NSG that
/// denies still decides (azure-semantics.md §1.2: user rules 100-4096 come before the defaults).
fn unknown_rule_list(expr: &str, origin: &Origin) -> Vec<SecurityRule> {
    let mut out = Vec::new();
    for (i, direction) in [Direction::Outbound, Direction::Inbound]
        .into_iter()
        .enumerate()
    {
        for (k, access) in [Access::Allow, Access::Deny].into_iter().enumerate() {
            out.push(SecurityRule {
                description: None,
                name: format!(
                    "(rules not known offline: {})",
                    if access == Access::Allow {
                        "Allow"
                    } else {
                        "Deny"
                    }
                ),
                is_default: false,
                priority: 100 + (i * 2 + k) as u32,
                direction,
                access,
                protocol: Protocol::Any,
                source: AddrSpec::any(),
                source_ports: PortSet::full(),
                destination: AddrSpec::any(),
                destination_ports: PortSet::full(),
                unknowns: vec![expr.to_string()],
                origin: origin.clone(),
            });
        }
    }
    out
}

/// A rule as strings, before typing. Shared by the JSON and YAML readers.
pub(crate) struct RawRule {
    pub name: String,
    pub description: Option<String>,
    pub is_default: bool,
    pub priority: Vec<String>,
    pub direction: Vec<String>,
    pub access: Vec<String>,
    pub protocol: Vec<String>,
    pub src: Vec<String>,
    pub dst: Vec<String>,
    pub sp: Vec<String>,
    pub dp: Vec<String>,
    pub src_asg: Vec<String>,
    pub dst_asg: Vec<String>,
    pub exp_src: Option<Vec<String>>,
    pub exp_dst: Option<Vec<String>>,
    pub unknowns: Vec<String>,
}

/// Types a [`RawRule`], naming file, line, rule and NSG in every error.
pub(crate) struct RuleBuilder<'a> {
    pub origin: Origin,
    pub rule: &'a str,
    pub nsg: &'a str,
}

impl RuleBuilder<'_> {
    fn err(&self, msg: String) -> Error {
        Error::at(
            &self.origin,
            format!("rule `{}` of NSG `{}`: {msg}", self.rule, self.nsg),
        )
    }

    fn one<'s>(
        &self,
        v: &'s [String],
        what: &str,
        has_unknown: bool,
    ) -> Result<Option<&'s str>, Error> {
        match v.first() {
            Some(s) => Ok(Some(s.as_str())),
            None if has_unknown => Ok(None),
            None => Err(self.err(format!("missing `{what}`"))),
        }
    }

    /// [`Self::build`], and where the rule's access or direction is not known offline, one stand-in per
    /// value it may take (an Allow and a Deny; outbound and inbound): each matches as *maybe*, so wherever
    /// the rule could decide the result is unknown, and a known rule before it still decides
    /// (azure-semantics.md §1.2). A priority not known offline is placed by [`finish_nsg`].
    pub(crate) fn build_all(&self, r: RawRule) -> Result<Vec<SecurityRule>, Error> {
        let unk = !r.unknowns.is_empty();
        let access_unknown = unk && r.access.is_empty();
        let direction_unknown = unk && r.direction.is_empty();
        let one = self.build(r)?;
        let mut out = vec![one];
        if direction_unknown {
            let mut other = out[0].clone();
            other.direction = Direction::Inbound;
            out.push(other);
        }
        if access_unknown {
            let denies: Vec<SecurityRule> = out
                .iter()
                .map(|r| {
                    let mut d = r.clone();
                    d.access = Access::Deny;
                    d
                })
                .collect();
            out.extend(denies);
        }
        Ok(out)
    }

    pub(crate) fn build(&self, mut r: RawRule) -> Result<SecurityRule, Error> {
        // one reason, named once, however many fields it leaves unknown
        let mut seen = std::collections::HashSet::new();
        r.unknowns.retain(|u| seen.insert(u.clone()));
        if r.name.is_empty() {
            return Err(self.err("missing `name`".into()));
        }
        let unk = !r.unknowns.is_empty();
        let priority = match self.one(&r.priority, "priority", unk)? {
            None => 0, // unknown: evaluated first, and any match is reported as unknown
            Some(s) => s.trim().parse::<u32>().map_err(|_| {
                self.err(format!(
                    "priority `{s}` is not a whole number (expected 100-4096)"
                ))
            })?,
        };
        let direction = match self
            .one(&r.direction, "direction", unk)?
            .map(|s| s.trim().to_ascii_lowercase())
        {
            None => Direction::Outbound,
            Some(s) if s == "outbound" => Direction::Outbound,
            Some(s) if s == "inbound" => Direction::Inbound,
            Some(s) => {
                return Err(self.err(format!("direction `{s}` is not `Inbound` or `Outbound`")));
            }
        };
        let access = match self
            .one(&r.access, "access", unk)?
            .map(|s| s.trim().to_ascii_lowercase())
        {
            None => Access::Allow,
            Some(s) if s == "allow" => Access::Allow,
            Some(s) if s == "deny" => Access::Deny,
            Some(s) => return Err(self.err(format!("access `{s}` is not `Allow` or `Deny`"))),
        };
        let protocol = match self.one(&r.protocol, "protocol", unk)? {
            None => Protocol::Any,
            Some(s) => Protocol::parse(s).ok_or_else(|| {
                self.err(format!(
                    "protocol `{s}` is not one of Tcp, Udp, Icmp, Esp, Ah, *"
                ))
            })?,
        };
        let source = self.addrs(&r.src, &r.src_asg, r.exp_src.as_deref(), "source", unk)?;
        let destination =
            self.addrs(&r.dst, &r.dst_asg, r.exp_dst.as_deref(), "destination", unk)?;
        let source_ports = self.ports(&r.sp, "source", unk)?;
        let destination_ports = self.ports(&r.dp, "destination", unk)?;
        Ok(SecurityRule {
            description: r.description.map(String::into_boxed_str),
            name: r.name,
            is_default: r.is_default,
            priority,
            direction,
            access,
            protocol,
            source,
            source_ports,
            destination,
            destination_ports,
            unknowns: r.unknowns,
            origin: self.origin.clone(),
        })
    }

    fn addrs(
        &self,
        v: &[String],
        asgs: &[String],
        expanded: Option<&[String]>,
        side: &str,
        unk: bool,
    ) -> Result<AddrSpec, Error> {
        let mut items = Vec::new();
        let mut seen_any = false;
        for s in v {
            for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                if let Some(problem) = crate::model::addr::prefix_problem(part) {
                    return Err(self.err(format!("{side} address: {problem}")));
                }
                let item = parse_addr_item(part);
                if let (Some(exp), AddrItem::Tag(t)) = (expanded, &item) {
                    // effective rules: Azure already expanded the tag for this VNet; trust its expansion
                    let mut prefixes = Vec::new();
                    for e in exp {
                        prefixes.push(parse_prefix(e).ok_or_else(|| {
                            self.err(format!("expanded {side} prefix `{e}` is not a CIDR"))
                        })?);
                    }
                    items.push(AddrItem::Expanded(Box::new(ExpandedTag {
                        tag: t.clone(),
                        prefixes,
                    })));
                    continue;
                }
                if item == AddrItem::Any {
                    if seen_any {
                        continue;
                    }
                    seen_any = true;
                }
                items.push(item);
            }
        }
        items.extend(asgs.iter().cloned().map(AddrItem::Asg));
        if items.is_empty() {
            if unk {
                return Ok(AddrSpec::any());
            }
            return Err(self.err(format!("no {side} address (expected `{side}AddressPrefix(es)` or `{side}ApplicationSecurityGroups`)")));
        }
        // most sides name one address: hold exactly what they name (millions of sides in a tenant)
        items.shrink_to_fit();
        Ok(AddrSpec { items })
    }

    fn ports(&self, v: &[String], side: &str, unk: bool) -> Result<PortSet, Error> {
        if v.is_empty() {
            if unk {
                return Ok(PortSet::full());
            }
            return Err(self.err(format!("no {side} port (expected `{side}PortRange(s)`)")));
        }
        let mut ranges = Vec::new();
        for s in v {
            for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                ranges.push(parse_port_range(part).ok_or_else(|| {
                    self.err(format!(
                        "{side} port `{part}` is not `*`, a port 0-65535 or a range `lo-hi`"
                    ))
                })?);
            }
        }
        Ok(PortSet::from_ranges(ranges))
    }
}

/// `*`, `80`, `80-443` (inclusive, trap 8).
pub fn parse_port_range(s: &str) -> Option<(u16, u16)> {
    let s = s.trim();
    if s == "*" || s.eq_ignore_ascii_case("any") {
        return Some((0, u16::MAX));
    }
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (a.trim().parse::<u16>().ok()?, b.trim().parse::<u16>().ok()?);
            (a <= b).then_some((a, b))
        }
        None => s.parse::<u16>().ok().map(|p| (p, p)),
    }
}

/// One address token: `*`/`Any`/`0.0.0.0/0`/`::/0` → any; a CIDR or IP → prefix; anything else is a tag.
pub fn parse_addr_item(s: &str) -> AddrItem {
    let t = s.trim();
    if t == "*" || t.eq_ignore_ascii_case("any") || t == "0.0.0.0/0" || t == "::/0" {
        return AddrItem::Any;
    }
    match parse_prefix(t) {
        Some(n) => AddrItem::Prefix(n),
        None => AddrItem::Tag(t.to_string()),
    }
}

/// The six default rules (reference §1.3), used when the input omits them (trap 3).
pub fn default_rules(origin: &Origin) -> Vec<SecurityRule> {
    let tag = |t: &str| AddrSpec {
        items: vec![AddrItem::Tag(t.to_string())],
    };
    let mk = |name: &str, dir, prio, src: AddrSpec, dst: AddrSpec, access| SecurityRule {
        description: None,
        name: name.to_string(),
        is_default: true,
        priority: prio,
        direction: dir,
        access,
        protocol: Protocol::Any,
        source: src,
        source_ports: PortSet::full(),
        destination: dst,
        destination_ports: PortSet::full(),
        unknowns: Vec::new(),
        origin: Origin::at(&origin.file, 0),
    };
    use Access::*;
    use Direction::*;
    vec![
        mk(
            "AllowVnetInBound",
            Inbound,
            65000,
            tag("VirtualNetwork"),
            tag("VirtualNetwork"),
            Allow,
        ),
        mk(
            "AllowAzureLoadBalancerInBound",
            Inbound,
            65001,
            tag("AzureLoadBalancer"),
            AddrSpec::any(),
            Allow,
        ),
        mk(
            "DenyAllInBound",
            Inbound,
            65500,
            AddrSpec::any(),
            AddrSpec::any(),
            Deny,
        ),
        mk(
            "AllowVnetOutBound",
            Outbound,
            65000,
            tag("VirtualNetwork"),
            tag("VirtualNetwork"),
            Allow,
        ),
        mk(
            "AllowInternetOutBound",
            Outbound,
            65001,
            AddrSpec::any(),
            tag("Internet"),
            Allow,
        ),
        mk(
            "DenyAllOutBound",
            Outbound,
            65500,
            AddrSpec::any(),
            AddrSpec::any(),
            Deny,
        ),
    ]
}

fn valid_rule_name(n: &str) -> bool {
    // ≤80 chars, starts with a word character, ends with a word character or `_`, contains word characters, `.`, `-`, `_` (§1.1)
    let word = |c: char| c.is_alphanumeric() || c == '_';
    n.chars().count() <= 80
        && n.chars().next().is_some_and(word)
        && n.chars().last().is_some_and(word)
        && n.chars().all(|c| word(c) || c == '.' || c == '-')
}

/// A rule whose priority is not known offline (held as 0) can take any priority in 100-4096 that no known
/// rule of its direction holds (Azure refuses two rules of one priority and direction, azure-semantics.md
/// §1.1): it is placed at the first such priority, so the known rules before it still decide and everything
/// after it is unknown where it could match.
fn place_unknown_priorities(rules: &mut [SecurityRule]) {
    if !rules
        .iter()
        .any(|r| !r.unknowns.is_empty() && r.priority == 0)
    {
        return;
    }
    for dir in [Direction::Outbound, Direction::Inbound] {
        let taken: std::collections::HashSet<u32> = rules
            .iter()
            .filter(|r| r.direction == dir && !(r.unknowns.is_empty() && r.priority == 0))
            .filter(|r| r.unknowns.is_empty())
            .map(|r| r.priority)
            .collect();
        let first_free = (100..=4096).find(|p| !taken.contains(p)).unwrap_or(4096);
        for r in rules.iter_mut() {
            if r.direction == dir && !r.unknowns.is_empty() && r.priority == 0 {
                r.priority = first_free;
            }
        }
    }
}

/// Adds the implied default rules and the warnings Azure would raise.
pub(crate) fn finish_nsg(
    name: String,
    mut rules: Vec<SecurityRule>,
    origin: Origin,
    attached_hint: Option<Attachment>,
) -> Nsg {
    let mut warnings = Vec::new();
    place_unknown_priorities(&mut rules);
    let has_default = |dir| rules.iter().any(|r| r.is_default && r.direction == dir);
    let missing = [Direction::Inbound, Direction::Outbound].map(|d| !has_default(d));
    if missing.contains(&true) {
        let defaults = default_rules(&origin);
        // exactly as many as are held: a tenant's export has millions of rules
        rules.reserve_exact(defaults.len());
        rules.extend(defaults.into_iter().filter(|r| match r.direction {
            Direction::Inbound => missing[0],
            Direction::Outbound => missing[1],
        }));
    }
    rules.shrink_to_fit();
    let mut seen: std::collections::HashMap<(Direction, u32), &str> = Default::default();
    for r in &rules {
        let at = if r.origin.line > 0 {
            format!(" ({})", r.origin)
        } else {
            String::new()
        };
        if r.is_default {
            continue;
        }
        if !r.name.contains("${") && !valid_rule_name(&r.name) {
            warnings.push(Diagnostic::new(&diag::INVALID_RULE_NAME, format!("rule `{}`{at}: invalid name (Azure allows ≤80 word characters, `.`, `-`, `_`, starting with a word character)", r.name)).at(&r.origin));
        }
        if r.unknowns.is_empty() && !(100..=4096).contains(&r.priority) {
            warnings.push(
                Diagnostic::new(
                    &diag::PRIORITY_OUT_OF_RANGE,
                    format!(
                        "rule `{}`{at}: priority {} is outside 100-4096; Azure rejects it",
                        r.name, r.priority
                    ),
                )
                .at(&r.origin),
            );
        }
        if let Some(other) = seen.insert((r.direction, r.priority), &r.name)
            && r.unknowns.is_empty()
        {
            warnings.push(
                Diagnostic::new(
                    &diag::DUPLICATE_PRIORITY,
                    format!(
                        "rules `{other}` and `{}`{at}: same priority {} in direction {:?}; Azure rejects duplicate priorities",
                        r.name, r.priority, r.direction
                    ),
                )
                .at(&r.origin),
            );
        }
    }
    Nsg {
        name,
        rules,
        origin,
        attached_hint,
        warnings,
        resource_group: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"[
  {"name": "nsg-a", "securityRules": [
    {"name": "Deny-Out", "priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*",
     "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}]},
  {"name": "nsg-b", "securityRules": [
    {"name": "Deny-Out", "priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*",
     "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}]}
]"#;

    #[test]
    fn same_rule_name_in_two_nsgs_is_located_separately() {
        let n = parse_nsgs(LIST, "list.json", None).unwrap();
        let at = |i: usize| {
            n[i].rules
                .iter()
                .find(|r| r.name == "Deny-Out")
                .unwrap()
                .origin
                .clone()
        };
        assert_eq!((at(0).line, at(0).col), (3, 5));
        assert_eq!(at(0).pointer, "/0/securityRules/0");
        assert_eq!((at(1).line, at(1).col), (6, 5));
        assert_eq!(at(1).pointer, "/1/securityRules/0");
    }

    #[test]
    fn selecting_from_a_list_builds_only_the_named_nsg_with_its_own_location() {
        let n = parse_nsgs(LIST, "list.json", Some("NSG-B")).unwrap();
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].name, "nsg-b");
        assert_eq!(n[0].origin.line, 5);
        assert_eq!(n[0].rules[0].origin.pointer, "/1/securityRules/0");
        let e = parse_nsgs(LIST, "list.json", Some("nsg-c"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no NSG named `nsg-c`") && e.contains("nsg-a, nsg-b"),
            "{e}"
        );
    }
}
