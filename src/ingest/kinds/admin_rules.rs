//! Effective Azure Virtual Network Manager security admin rules of one VNet (reference §10.2):
//! `az network manager list-effective-security-admin-rule` and REST
//! `ListNetworkManagerEffectiveSecurityAdminRules` (`{"value": [...]}`, entries of `kind` `Custom` or
//! `Default`, fields under `properties`), and PowerShell's `Get-AzNetworkManagerEffectiveSecurityAdminRule`
//! (`ConvertTo-Json`: PascalCase keys, fields flattened, one object or a list).
//!
//! Field names follow the REST example `NetworkManagerEffectiveSecurityAdminRulesList.json` in
//! Azure/azure-rest-api-specs (copied to `tests/data/admin-rules/`). A value of the wrong type is an error
//! at its line and column, never read as empty.

use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::json_util::{Src, get_present, kind_of};
use crate::ingest::nsg_json::parse_port_range;
use crate::model::addr::parse_prefix;
use crate::model::*;
use serde_json::{Map, Value};

const SHAPES: &str = "expected the output of `az network manager list-effective-security-admin-rule` \
(`{\"value\": [{\"kind\", \"properties\": {\"priority\", \"access\", \"direction\", ...}}]}`) or of \
`Get-AzNetworkManagerEffectiveSecurityAdminRule | ConvertTo-Json -Depth 10`";

/// Loads one `--admin-rules FILE`.
pub fn load_admin_rules(path: &str) -> Result<AdminRules, Error> {
    let text = crate::ingest::read(path)?;
    parse_admin_rules(&text, path)
}

/// Parses effective security admin rules from text.
pub fn parse_admin_rules(text: &str, file: &str) -> Result<AdminRules, Error> {
    crate::ingest::check_readable(text, file, "security admin rules")?;
    if text.trim().is_empty() {
        return Err(Error::input(file, 1, format!("empty file: {SHAPES}")));
    }
    let src = Src::new(file, text);
    let doc = src.parse()?;
    let entries: Vec<&Map<String, Value>> = match &doc {
        Value::Array(a) => a
            .iter()
            .map(|v| match v {
                Value::Object(o) => Ok(o),
                other => Err(src.err_doc(format!(
                    "the list holds {}, not security admin rules; {SHAPES}",
                    kind_of(other)
                ))),
            })
            .collect::<Result<_, _>>()?,
        Value::Object(o) if get_present(o, "value").is_some() => {
            src.objects(o, "value", "the effective security admin rules")?
        }
        Value::Object(o) if is_rule(&src, o) => vec![o],
        _ => return Err(src.err_doc(format!("not security admin rules: {SHAPES}"))),
    };
    let mut rules = Vec::new();
    for e in entries {
        rules.push(rule(&src, e)?);
    }
    let mut out = AdminRules::new(rules);
    if out.is_empty() {
        out.warnings.push(
            Diagnostic::new(
                &diag::ADMIN_RULES_EMPTY,
                format!("{file}: no security admin rule applies to this VNet (the list is empty): the NSGs alone decide"),
            )
            .at(&Origin::at(file, 1)),
        );
    }
    let mut same = Vec::new();
    let rs = out.rules();
    for (i, a) in rs.iter().enumerate() {
        if let Some(b) = rs[i + 1..].iter().find(|b| {
            b.priority == a.priority && b.direction == a.direction && b.access != a.access
        }) {
            same.push(
                Diagnostic::new(
                    &diag::ADMIN_SAME_PRIORITY,
                    format!(
                        "{} and {} share priority {} ({:?}) with different access ({} and {}): which one Azure applies first is not defined; {} is taken first",
                        a.display(), b.display(), a.priority, a.direction, a.access, b.access, a.display()
                    ),
                )
                .at(&b.origin),
            );
        }
    }
    out.warnings.extend(same);
    Ok(out)
}

fn is_rule(src: &Src<'_>, o: &Map<String, Value>) -> bool {
    src.props(o, "a security admin rule")
        .is_ok_and(|p| get_present(p, "access").is_some() && get_present(p, "priority").is_some())
}

/// A string field: absent or null is `None`, a string is itself, anything else is an error.
fn opt_str<'o>(
    src: &Src<'_>,
    o: &'o Map<String, Value>,
    key: &str,
    what: &str,
) -> Result<Option<&'o str>, Error> {
    match get_present(o, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(src.wrong_type(o, key, what, "a string", v)),
    }
}

fn req_str<'o>(
    src: &Src<'_>,
    o: &'o Map<String, Value>,
    key: &str,
    what: &str,
) -> Result<&'o str, Error> {
    opt_str(src, o, key, what)?
        .ok_or_else(|| src.err(o, format!("{what} has no `{key}`; {SHAPES}")))
}

/// The segment after `kind/` in a resource id (case-insensitive).
pub(in crate::ingest) fn id_segment(id: &str, kind: &str) -> Option<String> {
    crate::ingest::json_util::id_segment(id, kind).map(str::to_string)
}

/// One rule entry (an effective rule, or a rule resource).
pub(in crate::ingest) fn rule(src: &Src<'_>, e: &Map<String, Value>) -> Result<AdminRule, Error> {
    let what = "a security admin rule";
    let id = opt_str(src, e, "id", what)?.unwrap_or_default();
    let kind = opt_str(src, e, "kind", what)?.unwrap_or("Custom");
    if !kind.eq_ignore_ascii_case("Custom") && !kind.eq_ignore_ascii_case("Default") {
        return Err(Error::at(
            &src.member_origin(e, "kind"),
            format!("`kind` of {what} must be Custom or Default, found `{kind}`"),
        ));
    }
    let p = src.props(e, what)?;
    let name = opt_str(src, e, "name", what)?
        .map(str::to_string)
        .or_else(|| {
            id.rsplit('/')
                .next()
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "(unnamed)".to_string());
    let what_named = format!("security admin rule `{name}`");
    let flag = opt_str(src, p, "flag", &what_named)?.map(str::to_string);
    let missing = |key: &str| {
        let hint = match &flag {
            Some(f) => format!(
                " (a Default rule, flag `{f}`: export the effective rules, which spell its fields out)"
            ),
            None => String::new(),
        };
        src.err(p, format!("{what_named} has no `{key}`{hint}"))
    };
    let priority = match get_present(p, "priority") {
        None => return Err(missing("priority")),
        Some(Value::Number(n)) => {
            n.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    Error::at(
                        &src.member_origin(p, "priority"),
                        format!("`priority` of {what_named} must be a whole number, found {n}"),
                    )
                })?
        }
        Some(v) => return Err(src.wrong_type(p, "priority", &what_named, "a number", v)),
    };
    let access_s = opt_str(src, p, "access", &what_named)?.ok_or_else(|| missing("access"))?;
    let access = AdminAccess::parse(access_s).ok_or_else(|| {
        Error::at(
            &src.member_origin(p, "access"),
            format!(
                "`access` of {what_named} must be Allow, Deny or AlwaysAllow, found `{access_s}`"
            ),
        )
    })?;
    let dir_s = opt_str(src, p, "direction", &what_named)?.ok_or_else(|| missing("direction"))?;
    let direction = match dir_s.to_ascii_lowercase().as_str() {
        "inbound" => Direction::Inbound,
        "outbound" => Direction::Outbound,
        _ => {
            return Err(Error::at(
                &src.member_origin(p, "direction"),
                format!("`direction` of {what_named} must be Inbound or Outbound, found `{dir_s}`"),
            ));
        }
    };
    let proto_s = req_str(src, p, "protocol", &what_named).map_err(|_| missing("protocol"))?;
    let protocol = Protocol::parse(proto_s).ok_or_else(|| {
        Error::at(
            &src.member_origin(p, "protocol"),
            format!("`protocol` of {what_named} must be Tcp, Udp, Icmp, Esp, Ah or Any, found `{proto_s}`"),
        )
    })?;
    let sources = addresses(src, p, "sources", &what_named)?;
    let destinations = addresses(src, p, "destinations", &what_named)?;
    let source_ports = ports(src, p, "sourcePortRanges", &what_named)?;
    let destination_ports = ports(src, p, "destinationPortRanges", &what_named)?;
    let _ = req_str(src, p, "description", &what_named).ok();
    for k in ["configurationDescription", "ruleCollectionDescription"] {
        opt_str(src, e, k, what)?;
    }
    src.objects(e, "ruleGroups", what)?;
    src.objects(e, "ruleCollectionAppliesToGroups", what)?;
    Ok(AdminRule {
        name,
        priority,
        access,
        direction,
        protocol,
        sources,
        source_ports,
        destinations,
        destination_ports,
        network_manager: id_segment(id, "networkManagers"),
        configuration: id_segment(id, "securityAdminConfigurations"),
        rule_collection: id_segment(id, "ruleCollections"),
        resource_group: id_segment(id, "resourceGroups"),
        subscription: id_segment(id, "subscriptions"),
        default_flag: flag,
        origin: src.origin(e),
        unknowns: Vec::new(),
    })
}

/// `sources` / `destinations`: `[{addressPrefix, addressPrefixType: IPPrefix|ServiceTag}]`. Absent or
/// empty: any address (the portal's `*`) [inference: the REST schema marks them optional].
fn addresses(
    src: &Src<'_>,
    p: &Map<String, Value>,
    key: &str,
    what: &str,
) -> Result<AddrSpec, Error> {
    let mut items = Vec::new();
    for a in src.objects(p, key, what)? {
        let prefix = req_str(src, a, "addressPrefix", &format!("an address of {what}"))?.trim();
        let ty = opt_str(
            src,
            a,
            "addressPrefixType",
            &format!("an address of {what}"),
        )?
        .unwrap_or("IPPrefix");
        let item = if prefix == "*" || prefix.eq_ignore_ascii_case("any") {
            AddrItem::Any
        } else if ty.eq_ignore_ascii_case("IPPrefix") {
            match parse_prefix(prefix) {
                Some(n) if n.prefix_len() == 0 => AddrItem::Any,
                Some(n) => AddrItem::Prefix(n),
                None => {
                    return Err(Error::at(
                        &src.member_origin(a, "addressPrefix"),
                        format!(
                            "`{prefix}` in `{key}` of {what} is of type IPPrefix but not an IP address or CIDR prefix"
                        ),
                    ));
                }
            }
        } else if ty.eq_ignore_ascii_case("ServiceTag") {
            AddrItem::Tag(prefix.to_string())
        } else {
            return Err(Error::at(
                &src.member_origin(a, "addressPrefixType"),
                format!(
                    "`addressPrefixType` in `{key}` of {what} must be IPPrefix or ServiceTag, found `{ty}`"
                ),
            ));
        };
        items.push(item);
    }
    if items.is_empty() {
        items.push(AddrItem::Any);
    }
    Ok(AddrSpec { items })
}

/// `sourcePortRanges` / `destinationPortRanges`: `["80", "1024-65535"]`; absent or empty: every port.
fn ports(src: &Src<'_>, p: &Map<String, Value>, key: &str, what: &str) -> Result<PortSet, Error> {
    let list = src.array(p, key, what)?;
    if list.is_empty() {
        return Ok(PortSet::full());
    }
    let mut ranges = Vec::new();
    for v in list {
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => {
                return Err(Error::at(
                    &src.member_origin(p, key),
                    format!(
                        "`{key}` of {what} must hold port strings, found {}",
                        kind_of(other)
                    ),
                ));
            }
        };
        for part in s.split(',').map(str::trim).filter(|x| !x.is_empty()) {
            ranges.push(parse_port_range(part).ok_or_else(|| {
                Error::at(
                    &src.member_origin(p, key),
                    format!("port `{part}` in `{key}` of {what} is not a port 0-65535 or a range `lo-hi`"),
                )
            })?);
        }
    }
    Ok(PortSet::from_ranges(ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_flattened() {
        let t = r#"[{"Id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkManagers/avnm/securityAdminConfigurations/org/ruleCollections/c/rules/deny-8443",
          "Priority": 10, "Access": "Deny", "Direction": "Outbound", "Protocol": "Tcp",
          "Sources": [{"AddressPrefix": "*", "AddressPrefixType": "IPPrefix"}],
          "Destinations": [{"AddressPrefix": "Storage", "AddressPrefixType": "ServiceTag"}],
          "SourcePortRanges": [], "DestinationPortRanges": ["8443"]}]"#;
        let r = parse_admin_rules(t, "ps.json").unwrap();
        let a = &r.rules()[0];
        assert_eq!(a.name, "deny-8443");
        assert_eq!(a.network_manager.as_deref(), Some("avnm"));
        assert_eq!(a.configuration.as_deref(), Some("org"));
        assert_eq!(
            a.display(),
            "security admin rule `deny-8443` (network manager `avnm`, configuration `org`)"
        );
        assert!(a.destination_ports.contains(8443) && !a.destination_ports.contains(443));
        assert!(a.source_ports.is_full());
    }

    #[test]
    fn wrong_type_is_an_error_never_empty() {
        let t = "{\"value\": [{\"kind\": \"Custom\", \"properties\": {\"priority\": 1, \"access\": \"Deny\",\n \"direction\": \"Outbound\", \"protocol\": \"Tcp\", \"destinations\": \"Storage\"}}]}";
        let e = parse_admin_rules(t, "a.json").unwrap_err().to_string();
        assert!(
            e.contains("a.json:2:") && e.contains("must be a list"),
            "{e}"
        );
        let t = r#"{"value": {"kind": "Custom"}}"#;
        assert!(parse_admin_rules(t, "a.json").is_err());
        let t = r#"{"value": [{"properties": {"priority": "1", "access": "Deny"}}]}"#;
        assert!(
            parse_admin_rules(t, "a.json")
                .unwrap_err()
                .to_string()
                .contains("must be a number")
        );
    }
}
