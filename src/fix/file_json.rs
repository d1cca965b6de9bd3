//! The file emitter for JSON inputs other than NSGs: route tables (`az`, REST, ARM templates and compiled
//! Bicep), Azure Firewall classic rule collections, Firewall Policy rule collection groups (`az … list`,
//! REST `value` lists, Resource Graph exports, templates). The new element is spliced into the array it
//! belongs to at byte offsets found by a scan of the text, in the shape of its siblings (nested
//! `properties` or flat) and the file's indentation; every other byte stays as it was.

use crate::ingest::json::loc_of;
use crate::model::fix::{NewFirewallRule, NewNsgRule, NewRoute};
use serde_json::{Map, Value};

/// A JSON value written in the order Azure's own files use (serde_json's map would sort the keys).
#[derive(Clone, Debug)]
pub(crate) enum J {
    /// A string.
    S(String),
    /// A number.
    N(i64),
    /// An array.
    A(Vec<J>),
    /// An object, keys in order.
    O(Vec<(String, J)>),
    /// Text written as it is (a value copied from the file: an `apiVersion` or a `dependsOn` entry).
    Raw(String),
}

fn s(x: &str) -> J {
    J::S(x.to_string())
}

fn strs(v: &[String]) -> J {
    J::A(v.iter().map(|x| s(x)).collect())
}

fn o(items: Vec<(&str, J)>) -> J {
    J::O(items.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn quote(x: &str) -> String {
    serde_json::to_string(x).unwrap_or_else(|_| "\"\"".into())
}

impl J {
    fn inline(&self) -> String {
        match self {
            J::S(x) => quote(x),
            J::N(n) => n.to_string(),
            J::Raw(r) => r.clone(),
            J::A(a) => format!(
                "[{}]",
                a.iter().map(J::inline).collect::<Vec<_>>().join(", ")
            ),
            J::O(m) => format!(
                "{{{}}}",
                m.iter()
                    .map(|(k, v)| format!("{}: {}", quote(k), v.inline()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// Objects one key a line; arrays of scalars on one line. The first line is not indented; the others
    /// start with `indent` and one `unit` per level.
    fn pretty(&self, indent: &str, unit: &str) -> String {
        match self {
            J::O(m) if !m.is_empty() => {
                let inner = format!("{indent}{unit}");
                let body: Vec<String> = m
                    .iter()
                    .map(|(k, v)| format!("{inner}{}: {}", quote(k), v.pretty(&inner, unit)))
                    .collect();
                format!("{{\n{}\n{indent}}}", body.join(",\n"))
            }
            J::A(a) if a.iter().any(|x| matches!(x, J::O(_))) || self.inline().len() > 72 => {
                let inner = format!("{indent}{unit}");
                let body: Vec<String> = a
                    .iter()
                    .map(|v| format!("{inner}{}", v.pretty(&inner, unit)))
                    .collect();
                format!("[\n{}\n{indent}]", body.join(",\n"))
            }
            _ => self.inline(),
        }
    }
}

// ---- a scan of the text: where values start and end (strings, escapes and nesting respected) ----

/// Past white space and the comments ARM's reader takes (`//`, `/* */`).
fn ws(b: &[u8], mut i: usize) -> usize {
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match skip_comment(b, i) {
            Some(j) => i = j,
            None => return i,
        }
    }
}

/// The end of the comment starting at `i`, if one does.
fn skip_comment(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'/') {
        return None;
    }
    match b.get(i + 1) {
        Some(b'/') => Some(
            b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p + 1),
        ),
        Some(b'*') => Some(
            b[i + 2..]
                .windows(2)
                .position(|w| w == b"*/")
                .map_or(b.len(), |p| i + 2 + p + 2),
        ),
        _ => None,
    }
}

fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'/' if skip_comment(b, j).is_some() => {
                        j = skip_comment(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len()
                && !matches!(b[j], b',' | b'}' | b']')
                && !b[j].is_ascii_whitespace()
                && skip_comment(b, j).is_none()
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// The value span of member `key` (any case) of the object starting at `open` (its `{`).
fn member(text: &str, open: usize, key: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if b.get(open) != Some(&b'{') {
        return None;
    }
    let mut i = ws(b, open + 1);
    while i < b.len() && b[i] == b'"' {
        let kend = skip_string(b, i)?;
        let k = &text[i + 1..kend - 1];
        i = ws(b, kend);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let vstart = ws(b, i + 1);
        let vend = skip_value(b, vstart)?;
        if k.eq_ignore_ascii_case(key) {
            return Some((vstart, vend));
        }
        i = ws(b, vend);
        if b.get(i) == Some(&b',') {
            i = ws(b, i + 1);
        }
    }
    None
}

/// The element spans of the array starting at `open` (its `[`).
fn elements(text: &str, open: usize) -> Option<Vec<(usize, usize)>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = ws(b, open + 1);
    while i < b.len() && b[i] != b']' {
        let e = skip_value(b, i)?;
        out.push((i, e));
        i = ws(b, e);
        if b.get(i) == Some(&b',') {
            i = ws(b, i + 1);
        }
    }
    Some(out)
}

fn line_indent(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..at]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect()
}

/// The file's indentation unit: the leading whitespace of its first indented line (two spaces if none).
pub(crate) fn indent_unit(text: &str) -> String {
    text.lines()
        .find_map(|l| {
            let w: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            (!w.is_empty() && l.len() > w.len()).then_some(w)
        })
        .unwrap_or_else(|| "  ".into())
}

/// `text` with `item` appended to the array starting at `open`: after its last element, in that element's
/// indentation (on the same line when the array is written on one line), or into an empty array.
pub(crate) fn append(text: &str, open: usize, item: &J) -> Result<String, String> {
    let unit = indent_unit(text);
    let els = elements(text, open).ok_or("the list is not well-formed JSON")?;
    match els.last() {
        Some(&(start, end)) => {
            if !text[open..start].contains('\n') {
                return Ok(format!(
                    "{}, {}{}",
                    &text[..end],
                    item.inline(),
                    &text[end..]
                ));
            }
            let indent = line_indent(text, start);
            Ok(format!(
                "{},\n{indent}{}{}",
                &text[..end],
                item.pretty(&indent, &unit),
                &text[end..]
            ))
        }
        None => {
            let close = skip_value(text.as_bytes(), open).ok_or("the list is not closed")? - 1;
            let outer = line_indent(text, open);
            let inner = format!("{outer}{unit}");
            Ok(format!(
                "{}[\n{inner}{}\n{outer}]{}",
                &text[..open],
                item.pretty(&inner, &unit),
                &text[close + 1..]
            ))
        }
    }
}

// ---- the documents ----

fn props(o: &Map<String, Value>) -> (&Map<String, Value>, bool) {
    match o.get("properties").and_then(Value::as_object) {
        Some(p) => (p, true),
        None => (o, false),
    }
}

fn get_ci<'a>(o: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    o.iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(k))
        .map(|(_, v)| v)
}

fn name_is(o: &Map<String, Value>, name: &str) -> bool {
    o.get("name")
        .and_then(Value::as_str)
        .is_some_and(|n| n.eq_ignore_ascii_case(name) || n.rsplit('/').next() == Some(name))
}

fn type_is(o: &Map<String, Value>, ty: &str) -> bool {
    o.get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case(ty))
}

fn is_template(o: &Map<String, Value>) -> bool {
    o.get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("deploymentTemplate"))
        || (o.contains_key("resources") && o.contains_key("contentVersion"))
}

/// Every object of the document, depth first, in file order.
fn objects<'a>(v: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
    match v {
        Value::Object(m) => {
            out.push(m);
            for x in m.values() {
                objects(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| objects(x, out)),
        _ => {}
    }
}

/// The position of the array `key` of `obj` (in `properties` when `nested`), or why there is none.
pub(crate) fn array_of(
    text: &str,
    obj: &Map<String, Value>,
    nested: bool,
    key: &str,
    what: &str,
) -> Result<usize, String> {
    let loc = loc_of(obj).ok_or("the object's position is not known")?;
    let host = if nested {
        member(text, loc.start, "properties")
            .ok_or("no `properties` object")?
            .0
    } else {
        loc.start
    };
    let (at, _) = member(text, host, key).ok_or_else(|| format!("{what} has no `{key}` list"))?;
    match text.as_bytes().get(at) {
        Some(b'[') => Ok(at),
        Some(b'"') => Err(format!(
            "the `{key}` of {what} is the expression {}: add the new entry to the value that expression names (its parameter or variable), which the file does not hold",
            crate::report::emit::note(&text[at..skip_value(text.as_bytes(), at).unwrap_or(at + 1)])
        )),
        _ => Err(format!("the `{key}` of {what} is not a list")),
    }
}

/// The route table file with the new route added to the table's `routes`.
pub fn route_file_edit(text: &str, table: &str, r: &NewRoute) -> Result<String, String> {
    let doc = crate::ingest::json::parse(text).map_err(|e| e.message)?;
    let what = format!("route table `{table}`");
    let mut all = Vec::new();
    objects(&doc, &mut all);
    let template = doc.as_object().is_some_and(is_template);
    let candidates: Vec<&Map<String, Value>> = all
        .iter()
        .copied()
        .filter(|o| {
            type_is(o, "Microsoft.Network/routeTables")
                || (!template && get_ci(props(o).0, "routes").is_some())
        })
        .collect();
    // by name; in a template the name may be an expression: then the only route table there is
    let t = candidates
        .iter()
        .find(|o| name_is(o, table))
        .or_else(|| (template && candidates.len() == 1).then(|| &candidates[0]))
        .ok_or_else(|| format!("no {what} in the file"))?;
    if template && t.contains_key("copy") {
        return Err(format!(
            "{what} is created in a copy loop: a route added there would go into every copy; add it to the list the loop reads"
        ));
    }
    let (p, nested) = props(t);
    let routes_key = p
        .keys()
        .find(|k| k.eq_ignore_ascii_case("routes"))
        .cloned()
        .unwrap_or_else(|| "routes".into());
    let at = array_of(text, t, nested, &routes_key, &what).map_err(|e| {
        if template && p.get(&routes_key).is_none() {
            format!(
                "{what} sets no `routes` list in the template; a separate `routeTables/routes` resource is not added, because the next deployment of the table (without `routes`) would remove it"
            )
        } else {
            e
        }
    })?;
    let sibling = p
        .get(&routes_key)
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find_map(Value::as_object));
    let route_nested = sibling.map_or(nested, |x| x.contains_key("properties"));
    append(text, at, &route_item(r, route_nested))
}

/// `{"name", "properties": {…}}` when `nested`, else the body's keys beside `name`.
fn named(name: &str, nested: bool, body: Vec<(&str, J)>) -> J {
    if nested {
        o(vec![("name", s(name)), ("properties", o(body))])
    } else {
        let mut v = vec![("name", s(name))];
        v.extend(body);
        o(v)
    }
}

fn route_item(r: &NewRoute, nested: bool) -> J {
    let mut body = vec![
        ("addressPrefix", s(&r.prefix)),
        ("nextHopType", s(&r.next_hop)),
    ];
    if let Some(ip) = &r.next_hop_ip {
        body.push(("nextHopIpAddress", s(ip)));
    }
    named(&r.name, nested, body)
}

pub(crate) fn nsg_rule_item(n: &NewNsgRule, nested: bool) -> J {
    named(
        &n.name,
        nested,
        vec![
            ("description", s(&n.description)),
            ("priority", J::N(i64::from(n.priority))),
            ("direction", s("Outbound")),
            ("access", s("Allow")),
            ("protocol", s("Tcp")),
            ("sourceAddressPrefix", s(&n.source)),
            ("sourcePortRange", s("*")),
            // a service tag stands alone in `destinationAddressPrefix`: Azure refuses a tag in the list form
            match n.destinations.as_slice() {
                [one] => ("destinationAddressPrefix", s(one)),
                many => ("destinationAddressPrefixes", strs(many)),
            },
            (
                "destinationPortRanges",
                J::A(n.ports.iter().map(|p| s(&p.to_string())).collect()),
            ),
        ],
    )
}

/// A firewall change a file takes: the network rule, or the application rule with the FQDN tag.
#[derive(Clone, Copy)]
pub enum FwEdit<'a> {
    /// A network rule.
    Net(&'a NewFirewallRule),
    /// An application rule with an FQDN tag.
    App(&'a crate::model::fix::NewFirewallAppRule),
}

impl FwEdit<'_> {
    fn firewall(&self) -> &str {
        match self {
            FwEdit::Net(f) => &f.firewall,
            FwEdit::App(f) => &f.firewall,
        }
    }
    fn policy(&self) -> Option<&String> {
        match self {
            FwEdit::Net(f) => f.policy.as_ref(),
            FwEdit::App(f) => f.policy.as_ref(),
        }
    }
    fn group(&self) -> &str {
        match self {
            FwEdit::Net(f) => &f.group,
            FwEdit::App(f) => &f.group,
        }
    }
    fn group_priority(&self) -> u32 {
        match self {
            FwEdit::Net(f) => f.group_priority,
            FwEdit::App(f) => f.group_priority,
        }
    }
    fn collection(&self) -> &str {
        match self {
            FwEdit::Net(f) => &f.collection,
            FwEdit::App(f) => &f.collection,
        }
    }
    fn collection_priority(&self) -> u32 {
        match self {
            FwEdit::Net(f) => f.collection_priority,
            FwEdit::App(f) => f.collection_priority,
        }
    }
    /// `networkRuleCollections` or `applicationRuleCollections` of a classic firewall.
    fn classic_key(&self) -> &'static str {
        match self {
            FwEdit::Net(_) => "networkRuleCollections",
            FwEdit::App(_) => "applicationRuleCollections",
        }
    }
    fn rule(&self, policy: bool) -> J {
        match self {
            FwEdit::Net(f) => fw_rule(f, policy),
            FwEdit::App(f) => {
                let mut v = Vec::new();
                if policy {
                    v.push(("ruleType", s("ApplicationRule")));
                }
                v.push(("name", s(&f.name)));
                v.push(("sourceAddresses", strs(&f.sources)));
                // a classic rule's FQDN tag carries its own protocols; a policy rule (and a rule to target
                // FQDNs) states them
                if policy || !f.target_fqdns.is_empty() {
                    v.push((
                        "protocols",
                        J::A(
                            f.ports
                                .iter()
                                .map(|p| {
                                    o(vec![
                                        ("protocolType", s("Https")),
                                        ("port", J::N(i64::from(*p))),
                                    ])
                                })
                                .collect(),
                        ),
                    ));
                }
                if f.target_fqdns.is_empty() {
                    v.push(("fqdnTags", J::A(vec![s(&f.fqdn_tag)])));
                } else {
                    v.push(("targetFqdns", strs(&f.target_fqdns)));
                }
                o(v)
            }
        }
    }
}

/// The network rule: policy rules (`ruleType`, `ipProtocols`) or classic ones (`protocols`).
fn fw_rule(f: &NewFirewallRule, policy: bool) -> J {
    let mut v = Vec::new();
    if policy {
        v.push(("ruleType", s("NetworkRule")));
    }
    v.push(("name", s(&f.name)));
    v.push((
        if policy { "ipProtocols" } else { "protocols" },
        J::A(vec![s("TCP")]),
    ));
    v.push(("sourceAddresses", strs(&f.sources)));
    v.push(("destinationAddresses", strs(&f.destinations)));
    v.push((
        "destinationPorts",
        J::A(f.ports.iter().map(|p| s(&p.to_string())).collect()),
    ));
    o(v)
}

fn classic_collection(f: &FwEdit, nested: bool) -> J {
    named(
        f.collection(),
        nested,
        vec![
            ("priority", J::N(i64::from(f.collection_priority()))),
            ("action", o(vec![("type", s("Allow"))])),
            ("rules", J::A(vec![f.rule(false)])),
        ],
    )
}

fn policy_collection(f: &FwEdit) -> J {
    o(vec![
        (
            "ruleCollectionType",
            s("FirewallPolicyFilterRuleCollection"),
        ),
        ("name", s(f.collection())),
        ("priority", J::N(i64::from(f.collection_priority()))),
        ("action", o(vec![("type", s("Allow"))])),
        ("rules", J::A(vec![f.rule(true)])),
    ])
}

fn group_body(f: &FwEdit) -> Vec<(&'static str, J)> {
    vec![
        ("priority", J::N(i64::from(f.group_priority()))),
        ("ruleCollections", J::A(vec![policy_collection(f)])),
    ]
}

/// Whether `text` is an ARM deployment parameters file.
pub fn is_parameters_file(text: &str) -> bool {
    crate::ingest::json::parse(text)
        .ok()
        .as_ref()
        .and_then(Value::as_object)
        .and_then(|o| o.get("$schema"))
        .and_then(Value::as_str)
        .is_some_and(|x| x.contains("deploymentParameters"))
}

/// A parameters file with the new entry added to the list parameter that feeds the template's list
/// (`securityRules`, `routes`, `ruleCollectionGroups`, `networkRuleCollections`), in the shape of its
/// entries; refused when the file's `name` parameter names another resource.
pub fn parameters_file_edit(text: &str, c: &crate::model::fix::Change) -> Result<String, String> {
    use crate::model::fix::Change;
    let (key, resource): (&str, &str) = match c {
        Change::NsgRule(n) => ("securityRules", &n.nsg),
        Change::Route(r) => ("routes", &r.table),
        Change::FirewallRule(f) => match &f.policy {
            Some(p) => ("ruleCollectionGroups", p),
            None => ("networkRuleCollections", &f.firewall),
        },
        _ => return Err("not a list a parameters file holds".into()),
    };
    let doc = crate::ingest::json::parse(text).map_err(|e| e.message)?;
    let root = doc.as_object().ok_or("not a parameters file")?;
    let params = get_ci(root, "parameters")
        .and_then(Value::as_object)
        .ok_or("not a parameters file")?;
    if let Some(name) = get_ci(params, "name")
        .and_then(Value::as_object)
        .and_then(|p| get_ci(p, "value"))
        .and_then(Value::as_str)
        && !name.eq_ignore_ascii_case(resource)
    {
        return Err(format!("the parameters are for `{name}`, not `{resource}`"));
    }
    let param = get_ci(params, key)
        .and_then(Value::as_object)
        .ok_or_else(|| format!("no `{key}` parameter"))?;
    let list = get_ci(param, "value")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("the `{key}` parameter has no list value"))?;
    let nested = list
        .iter()
        .find_map(Value::as_object)
        .is_some_and(|x| x.contains_key("properties"));
    let start = loc_of(param)
        .ok_or("the parameter's position is not known")?
        .start;
    let (at, _) = member(text, start, "value").ok_or("no `value`")?;
    let item = match c {
        Change::NsgRule(n) => nsg_rule_item(n, nested),
        Change::Route(r) => route_item(r, nested),
        Change::FirewallRule(f) if f.policy.is_some() => {
            named(&f.group, nested, group_body(&FwEdit::Net(f)))
        }
        Change::FirewallRule(f) => classic_collection(&FwEdit::Net(f), nested),
        _ => return Err("not a list a parameters file holds".into()),
    };
    append(text, at, &item)
}

/// A group named `group`, plainly or as the last segment of a template name (`[concat(…, '/group')]`).
fn group_named(o: &Map<String, Value>, group: &str) -> bool {
    get_ci(o, "name").and_then(Value::as_str).is_some_and(|n| {
        let n = n.trim_end_matches(")]").trim_end_matches('\'');
        n.eq_ignore_ascii_case(group)
            || n.rsplit('/')
                .next()
                .is_some_and(|l| l.eq_ignore_ascii_case(group))
    })
}

fn rule_collection_group(o: &Map<String, Value>) -> bool {
    type_is(o, "Microsoft.Network/firewallPolicies/ruleCollectionGroups")
        || get_ci(props(o).0, "ruleCollections").is_some()
}

/// The firewall file with the new network rule: for a classic firewall a new network rule collection in
/// the firewall's `networkRuleCollections`; for a Firewall Policy a new rule collection group beside the
/// groups the file lists.
pub fn firewall_file_edit(text: &str, f: &FwEdit) -> Result<String, String> {
    let doc = crate::ingest::json::parse(text).map_err(|e| e.message)?;
    let mut all = Vec::new();
    objects(&doc, &mut all);
    let Some(policy) = f.policy() else {
        // classic: the firewall resource itself
        let fw = all
            .iter()
            .copied()
            .filter(|o| {
                type_is(o, "Microsoft.Network/azureFirewalls")
                    || get_ci(props(o).0, "networkRuleCollections").is_some()
            })
            .find(|o| name_is(o, f.firewall()) || !o.contains_key("name"))
            .ok_or_else(|| format!("no Azure Firewall `{}` in the file", f.firewall()))?;
        let (p, nested) = props(fw);
        let key = p
            .keys()
            .find(|k| k.eq_ignore_ascii_case(f.classic_key()))
            .cloned()
            .unwrap_or_else(|| f.classic_key().into());
        let what = format!("Azure Firewall `{}`", f.firewall());
        let at = array_of(text, fw, nested, &key, &what)?;
        let sibling_nested = p
            .get(&key)
            .and_then(Value::as_array)
            .and_then(|a| a.iter().find_map(Value::as_object))
            .map_or(nested, |x| x.contains_key("properties"));
        return append(text, at, &classic_collection(f, sibling_nested));
    };
    // a policy: the group this fix opened already (its other rule went in first): a collection more in it
    if let Some(g) = all
        .iter()
        .copied()
        .find(|o| rule_collection_group(o) && group_named(o, f.group()))
    {
        let (_, nested) = props(g);
        let what = format!("rule collection group `{}`", f.group());
        let at = array_of(text, g, nested, "ruleCollections", &what)?;
        return append(text, at, &policy_collection(f));
    }
    // else the list holding its rule collection groups
    let group_body = group_body(f);
    let (list, sibling) = find_group_list(&doc).ok_or_else(|| {
        format!(
            "the file holds no list of rule collection groups of policy `{policy}` to add one to (a single group, or groups a copy loop makes): a new group is a resource of its own"
        )
    })?;
    let at = list_pos(text, &doc, list).ok_or("the list's position is not known")?;
    let item = if sibling.contains_key("apiVersion") && sibling.contains_key("type") {
        template_group(text, sibling, f.group(), group_body)?
    } else {
        named(f.group(), sibling.contains_key("properties"), group_body)
    };
    append(text, at, &item)
}

/// A new rule collection group resource in a template, named and ordered after `sibling`: the same policy
/// (its name expression with the group's name replaced), the same API version, deployed after it (a
/// policy takes one group change at a time).
fn template_group(
    text: &str,
    sibling: &Map<String, Value>,
    group: &str,
    body: Vec<(&str, J)>,
) -> Result<J, String> {
    let raw = |k: &str| -> Option<String> {
        let loc = loc_of(sibling)?;
        let (a, b) = member(text, loc.start, k)?;
        Some(text[a..b].to_string())
    };
    let name = sibling
        .get("name")
        .and_then(Value::as_str)
        .ok_or("the sibling group has no name")?;
    let api = raw("apiVersion").map_or_else(|| s("2023-09-01"), J::Raw);
    if type_is(sibling, "ruleCollectionGroups") {
        // a child resource nested in the policy: the same short type, ordered after its sibling
        let policy_dep = sibling
            .get("dependsOn")
            .and_then(Value::as_array)
            .and_then(|a| {
                a.iter().filter_map(Value::as_str).find_map(|d| {
                    d.strip_prefix("[resourceId('Microsoft.Network/firewallPolicies', ")
                        .and_then(|x| x.strip_suffix(")]"))
                        .map(|x| (d.to_string(), x.to_string()))
                })
            })
            .ok_or("the nested group does not name its policy in `dependsOn`")?;
        let depends = vec![
            J::S(policy_dep.0),
            J::S(format!(
                "[resourceId('Microsoft.Network/firewallPolicies/ruleCollectionGroups', {}, '{}')]",
                policy_dep.1,
                name.replace('\'', "''")
            )),
        ];
        let mut v = vec![
            ("name", s(group)),
            ("type", s("ruleCollectionGroups")),
            ("apiVersion", api),
        ];
        if let Some(l) = raw("location") {
            v.push(("location", J::Raw(l)));
        }
        v.push(("dependsOn", J::A(depends)));
        v.push(("properties", o(body)));
        return Ok(o(v));
    }
    let new_name = if let Some(expr) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        format!("[format('{{0}}/{group}', split({expr}, '/')[0])]")
    } else {
        let (policy, _) = name
            .split_once('/')
            .ok_or("the sibling group's name is not `policy/group`")?;
        format!("{policy}/{group}")
    };
    let sibling_ref = if let Some(expr) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        format!(
            "[resourceId('Microsoft.Network/firewallPolicies/ruleCollectionGroups', split({expr}, '/')[0], split({expr}, '/')[1])]"
        )
    } else {
        let (p, g) = name.split_once('/').unwrap_or((name, ""));
        format!(
            "[resourceId('Microsoft.Network/firewallPolicies/ruleCollectionGroups', '{p}', '{g}')]"
        )
    };
    let mut depends: Vec<J> = sibling
        .get("dependsOn")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(s).collect())
        .unwrap_or_default();
    depends.push(J::S(sibling_ref));
    let mut v = vec![
        (
            "type",
            s("Microsoft.Network/firewallPolicies/ruleCollectionGroups"),
        ),
        ("apiVersion", api),
        ("name", J::S(new_name)),
        ("dependsOn", J::A(depends)),
    ];
    v.push(("properties", o(body)));
    Ok(o(v))
}

/// The array holding rule collection groups (the document, `value`, Resource Graph `data`, a template's
/// `resources`), with one of them as the model for the new one.
fn find_group_list(v: &Value) -> Option<(&Vec<Value>, &Map<String, Value>)> {
    match v {
        Value::Array(a) => {
            if let Some(g) = a
                .iter()
                .filter_map(Value::as_object)
                .rfind(|o| rule_collection_group(o))
            {
                return Some((a, g));
            }
            a.iter().find_map(find_group_list)
        }
        Value::Object(m) => m.values().find_map(find_group_list),
        _ => None,
    }
}

/// Where the array `list` (a node of `doc`) starts in `text`: the `[` before its first element, or the
/// member holding it.
fn list_pos(text: &str, doc: &Value, list: &Vec<Value>) -> Option<usize> {
    fn walk(text: &str, v: &Value, list: &Vec<Value>, at: Option<usize>) -> Option<usize> {
        match v {
            Value::Array(a) if std::ptr::eq(a, list) => at,
            Value::Array(a) => a.iter().find_map(|x| {
                let pos = x.as_object().and_then(loc_of).map(|l| l.start);
                walk(text, x, list, pos)
            }),
            Value::Object(m) => {
                let start = loc_of(m)?.start;
                m.iter().find_map(|(k, x)| {
                    let pos = member(text, start, k).map(|(a, _)| a);
                    walk(text, x, list, pos)
                })
            }
            _ => None,
        }
    }
    if let Value::Array(a) = doc
        && std::ptr::eq(a, list)
    {
        return Some(ws(text.as_bytes(), 0));
    }
    walk(text, doc, list, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_keeps_every_other_byte() {
        let t = "{\n    \"a\": [\n        {\"x\": 1}\n    ],\n    \"b\": []\n}\n";
        let open = member(t, 0, "a").unwrap().0;
        let out = append(t, open, &o(vec![("y", J::N(2))])).unwrap();
        assert_eq!(
            out,
            "{\n    \"a\": [\n        {\"x\": 1},\n        {\n            \"y\": 2\n        }\n    ],\n    \"b\": []\n}\n"
        );
        let open = member(&out, 0, "b").unwrap().0;
        let out2 = append(&out, open, &o(vec![("z", s("q\""))])).unwrap();
        assert!(
            out2.ends_with(
                "\"b\": [\n        {\n            \"z\": \"q\\\"\"\n        }\n    ]\n}\n"
            )
        );
        assert!(serde_json::from_str::<Value>(&out2).is_ok());
    }

    #[test]
    fn a_list_from_a_parameter_is_named_not_guessed() {
        // the AVM route table (tests/data/SOURCES.md): `"routes": "[parameters('routes')]"`
        let t = include_str!("../../tests/data/templates/avm/route-table.main.json");
        let r = NewRoute {
            table: "rt".into(),
            name: "Backup-Storage-Direct".into(),
            prefix: "Storage.KoreaCentral".into(),
            next_hop: "Internet".into(),
            next_hop_ip: None,
        };
        let e = route_file_edit(t, "rt", &r).unwrap_err();
        assert!(
            e.contains("is the expression \"[parameters('routes')]\""),
            "{e}"
        );
    }

    #[test]
    fn a_top_level_group_resource_gets_a_sibling_the_reader_resolves() {
        let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"policyName": {"type": "string"}},
  "resources": [
    {"type": "Microsoft.Network/firewallPolicies", "apiVersion": "2023-09-01", "name": "[parameters('policyName')]", "location": "eastus", "properties": {}},
    {
      "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
      "apiVersion": "2023-09-01",
      "name": "[format('{0}/{1}', parameters('policyName'), 'net')]",
      "dependsOn": ["[resourceId('Microsoft.Network/firewallPolicies', parameters('policyName'))]"],
      "properties": {"priority": 200, "ruleCollections": []}
    }
  ]
}
"#;
        let f = NewFirewallRule {
            firewall: "fw".into(),
            policy: Some("pol".into()),
            group: "azegress-backup".into(),
            group_priority: 190,
            collection: "allow-backup-storage".into(),
            collection_priority: 100,
            name: "backup-storage-8443".into(),
            sources: vec!["10.1.0.4".into()],
            destinations: vec!["Storage.KoreaCentral".into()],
            ports: vec![8443],
            resource: None,
        };
        let out = firewall_file_edit(t, &FwEdit::Net(&f)).unwrap();
        assert!(out.starts_with(&t[..t.rfind('}').unwrap() - 10]));
        let v: Value = serde_json::from_str(&out).unwrap();
        let new = &v["resources"][2];
        assert_eq!(
            new["name"],
            "[format('{0}/azegress-backup', split(format('{0}/{1}', parameters('policyName'), 'net'), '/')[0])]"
        );
        assert_eq!(new["apiVersion"], "2023-09-01");
        // the template reader resolves the new group's name and reads its rule
        let mut params = Map::new();
        params.insert("policyName".into(), Value::String("pol".into()));
        let fw = crate::ingest::template::with_parameters(params, || {
            crate::ingest::firewall::parse_firewall(&out, "policy.json", None)
        })
        .unwrap();
        let c = fw
            .collections
            .iter()
            .find(|c| c.group.as_deref() == Some("azegress-backup"))
            .unwrap();
        assert_eq!((c.group_priority, c.priority), (190, 100));
    }

    #[test]
    fn a_classic_firewall_in_az_shape_gets_a_flat_collection() {
        // `az network firewall show`: the collections beside the firewall's own keys, flat
        let t = "{\n  \"name\": \"fw\",\n  \"networkRuleCollections\": [\n    {\"name\": \"dns\", \"priority\": 200, \"action\": {\"type\": \"Allow\"}, \"rules\": []}\n  ],\n  \"type\": \"Microsoft.Network/azureFirewalls\"\n}\n";
        let f = NewFirewallRule {
            firewall: "fw".into(),
            policy: None,
            group: "azegress-backup".into(),
            group_priority: 0,
            collection: "allow-backup-storage".into(),
            collection_priority: 190,
            name: "backup-storage-8443".into(),
            sources: vec!["10.1.0.4".into()],
            destinations: vec!["Storage.KoreaCentral".into()],
            ports: vec![8443],
            resource: None,
        };
        let out = firewall_file_edit(t, &FwEdit::Net(&f)).unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        let c = &v["networkRuleCollections"][1];
        assert_eq!(c["priority"], 190);
        assert_eq!(c["rules"][0]["protocols"][0], "TCP");
        assert!(c.get("properties").is_none());
        let fw = crate::ingest::firewall::parse_firewall(&out, "fw.json", None).unwrap();
        assert_eq!(fw.collections.len(), 2);
    }

    #[test]
    fn comments_and_trailing_commas_as_arm_takes_them() {
        let t =
            "{\n  // the routes ] }\n  \"routes\": [\n    {\"name\": \"a\" /* ] */},\n  ],\n}\n";
        let (a, _) = member(t, 0, "routes").unwrap();
        assert_eq!(elements(t, a).unwrap().len(), 1);
        let out = append(t, a, &o(vec![("name", s("b"))])).unwrap();
        let v = crate::ingest::json::parse(&out).unwrap();
        assert_eq!(v["routes"][1]["name"], "b");
        assert!(out.starts_with("{\n  // the routes ] }\n"));
    }

    #[test]
    fn strings_with_brackets_do_not_confuse_the_scan() {
        let t = r#"{"k": "a]}\"[", "l": [1, "]", {"m": "}"}]}"#;
        let (a, b) = member(t, 0, "l").unwrap();
        assert_eq!(&t[a..b], r#"[1, "]", {"m": "}"}]"#);
        assert_eq!(elements(t, a).unwrap().len(), 3);
    }
}
