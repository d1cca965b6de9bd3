//! The file emitter for Terraform source: the user's `.tf` file with the new rule added (`fix --emit
//! file` on a configuration read without a plan). An NSG whose rules are inline `security_rule` blocks
//! gets one more block, at the end of its body; any other gets a new `azurerm_network_security_rule`
//! resource right after its block (azurerm refuses inline and standalone rules on one NSG). The text is
//! spliced at the spans `hcl-edit` reports, so everything else — formatting, comments — stays byte for
//! byte.

use crate::model::fix::NewNsgRule;
use hcl::edit::Span;
use hcl::edit::structure::{Block, Structure};

/// A string as an HCL literal: quoted and escaped as Terraform reads it (`${` and `%{` kept literal,
/// control characters as `\uXXXX`), by the shared helper the Terraform emitter uses.
fn lit(s: &str) -> String {
    crate::report::emit::hcl(s)
}

/// `label` if Terraform accepts it as a name (it is written into the file as an identifier, in
/// `azurerm_network_security_group.<label>.name`), else the one-line reason nothing is written.
fn name_ok<'a>(label: &'a str, what: &str) -> Result<&'a str, String> {
    if crate::ingest::tf_config::is_name(label) {
        Ok(label)
    } else {
        Err(format!(
            "{what} `{}` is not a name Terraform accepts ({}), so it is not written into the file",
            crate::report::safe::one_line(&label.escape_debug().to_string()),
            crate::ingest::tf_config::NAME_RULE
        ))
    }
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", ")
    )
}

/// `key = value` lines, the `=` aligned as `terraform fmt` aligns them.
fn attrs(pairs: &[(&str, String)], indent: &str) -> String {
    let w = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(k, v)| format!("{indent}{k:<w$} = {v}\n"))
        .collect()
}

fn rule_attrs(n: &NewNsgRule) -> Vec<(&'static str, String)> {
    vec![
        ("name", lit(&n.name)),
        ("description", lit(&n.description)),
        ("priority", n.priority.to_string()),
        ("direction", lit("Outbound")),
        ("access", lit("Allow")),
        ("protocol", lit("Tcp")),
        ("source_port_range", lit("*")),
        ("destination_port_ranges", {
            let p: Vec<String> = n.ports.iter().map(ToString::to_string).collect();
            list(&p)
        }),
        ("source_address_prefix", lit(&n.source)),
        // a service tag stands alone in `destination_address_prefix`: tags may not be used in the list form
        match n.destinations.as_slice() {
            [one] => ("destination_address_prefix", lit(one)),
            many => ("destination_address_prefixes", list(many)),
        },
    ]
}

/// The literal value of attribute `key` of a block, if it is one.
fn literal(b: &Block, key: &str) -> Option<String> {
    match hcl::Expression::from(b.body.get_attribute(key)?.value.clone()) {
        hcl::Expression::String(s) => Some(s),
        _ => None,
    }
}

/// Is `nsg` (as the reader named it) the NSG this block declares? Its literal `name`, its name shown as
/// an expression (`${var.name}`), or its address.
fn names(b: &Block, nsg: &str) -> bool {
    let label = b.labels.get(1).map(|l| l.as_str()).unwrap_or("");
    if let Some(n) = literal(b, "name") {
        return n.eq_ignore_ascii_case(nsg);
    }
    nsg.ends_with(&format!("azurerm_network_security_group.{label}"))
        || b.body.get_attribute("name").is_some_and(|a| {
            let e = hcl::Expression::from(a.value.clone());
            hcl::format::to_string(&e).is_ok_and(|t| nsg.contains(&format!("${{{}}}", t.trim())))
        })
}

/// The `.tf` file's text with the rule `n` added to the NSG it names.
pub fn nsg_tf_edit(text: &str, n: &NewNsgRule) -> Result<String, String> {
    let body = hcl::edit::parser::parse_body(text).map_err(|e| e.message().to_string())?;
    let nsgs: Vec<&Block> = body
        .iter()
        .filter_map(|s| match s {
            Structure::Block(b) => Some(b),
            _ => None,
        })
        .filter(|b| {
            b.ident.as_str() == "resource"
                && b.labels.first().map(|l| l.as_str()) == Some("azurerm_network_security_group")
        })
        .collect();
    let matching: Vec<&&Block> = nsgs.iter().filter(|b| names(b, &n.nsg)).collect();
    let b = match (matching.as_slice(), nsgs.as_slice()) {
        ([b], _) => **b,
        ([], [only]) => *only,
        _ => {
            return Err(format!(
                "no one `azurerm_network_security_group` block in the file declares NSG `{}`: use --emit azcli, powershell, arm, bicep or terraform",
                n.nsg
            ));
        }
    };
    let label = name_ok(
        b.labels.get(1).map_or("", |l| l.as_str()),
        "the NSG block's name",
    )?;
    if b.body.get_attribute("count").is_some() || b.body.get_attribute("for_each").is_some() {
        return Err(format!(
            "NSG block `azurerm_network_security_group.{label}` makes several NSGs (`count`/`for_each`): add the rule to the rules it is given, or use --emit terraform"
        ));
    }
    let span = b.span().ok_or("the NSG block has no position")?;
    let inline = b.body.iter().any(|s| match s {
        Structure::Block(x) => {
            x.ident.as_str() == "security_rule"
                || (x.ident.as_str() == "dynamic"
                    && x.labels.first().map(|l| l.as_str()) == Some("security_rule"))
        }
        _ => false,
    });
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent_of = |at: usize| -> String {
        text[line_start(at)..at]
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect()
    };
    let block_indent = indent_of(span.start);
    if inline {
        // after the last rule block, at its indentation
        let last = b
            .body
            .iter()
            .filter_map(|s| match s {
                Structure::Block(x)
                    if x.ident.as_str() == "security_rule" || x.ident.as_str() == "dynamic" =>
                {
                    x.span()
                }
                _ => None,
            })
            .last()
            .ok_or("no rule block")?;
        let ind = indent_of(last.start);
        let inner = format!("{ind}  ");
        let new = format!(
            "\n\n{ind}# added by azegress fix\n{ind}security_rule {{\n{}{ind}}}",
            attrs(&rule_attrs(n), &inner)
        );
        let end = last.end.min(text.len());
        return parses(format!("{}{new}{}", &text[..end], &text[end..]));
    }
    let mut pairs = rule_attrs(n);
    pairs.insert(
        1,
        (
            "resource_group_name",
            format!("azurerm_network_security_group.{label}.resource_group_name"),
        ),
    );
    pairs.insert(
        2,
        (
            "network_security_group_name",
            format!("azurerm_network_security_group.{label}.name"),
        ),
    );
    let res_label: String = n
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let res_label = if res_label.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        res_label
    } else {
        format!("r_{res_label}")
    };
    let res_label = name_ok(&res_label, "the new rule's resource name")?;
    let new = format!(
        "\n\n{block_indent}# added by azegress fix\n{block_indent}resource \"azurerm_network_security_rule\" {} {{\n{}{block_indent}}}",
        lit(res_label),
        attrs(&pairs, &format!("{block_indent}  "))
    );
    let end = span.end.min(text.len());
    parses(format!("{}{new}{}", &text[..end], &text[end..]))
}

/// `out` if it is still Terraform syntax (what is spliced in is escaped, so it is; never written if not).
fn parses(out: String) -> Result<String, String> {
    match hcl::edit::parser::parse_body(&out) {
        Ok(_) => Ok(out),
        Err(e) => Err(format!(
            "the edited file would not be valid Terraform syntax ({}), so it is not written",
            crate::report::safe::one_line(e.message())
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fix::NsgSlot;

    fn rule() -> NewNsgRule {
        NewNsgRule {
            nsg: "nsg-app".into(),
            slot: NsgSlot::Subnet,
            resource_group: None,
            file: "main.tf".into(),
            name: "AllowAzureBackupStorage".into(),
            priority: 99,
            source: "VirtualNetwork".into(),
            destinations: vec!["Storage.KoreaCentral".into()],
            ports: vec![8443],
            description: "Azure Backup".into(),
        }
    }

    #[test]
    fn inline_rules_get_a_block_and_the_rest_stays() {
        let text = "# keep me\nresource \"azurerm_network_security_group\" \"n\" {\n  name = \"nsg-app\" # name\n\n  security_rule {\n    name = \"deny\"\n  }\n}\n";
        let out = nsg_tf_edit(text, &rule()).unwrap();
        assert!(out.starts_with("# keep me\nresource \"azurerm_network_security_group\" \"n\" {\n  name = \"nsg-app\" # name\n\n  security_rule {\n    name = \"deny\"\n  }\n\n  # added by azegress fix"), "{out}");
        assert!(
            out.contains("    destination_port_ranges    = [\"8443\"]\n"),
            "{out}"
        );
        assert!(out.ends_with("  }\n}\n"), "{out}");
        hcl::edit::parser::parse_body(&out).unwrap();
    }

    #[test]
    fn standalone_rule_after_the_block() {
        let text = "resource \"azurerm_network_security_group\" \"n\" {\n  name = \"nsg-app\"\n}\n\nresource \"x\" \"y\" {}\n";
        let out = nsg_tf_edit(text, &rule()).unwrap();
        assert!(out.contains("}\n\n# added by azegress fix\nresource \"azurerm_network_security_rule\" \"AllowAzureBackupStorage\" {\n"), "{out}");
        assert!(
            out.contains("network_security_group_name = azurerm_network_security_group.n.name\n"),
            "{out}"
        );
        assert!(out.ends_with("\n\nresource \"x\" \"y\" {}\n"), "{out}");
        hcl::edit::parser::parse_body(&out).unwrap();
    }

    #[test]
    fn hostile_strings_are_escaped_as_terraform_reads_them() {
        let mut n = rule();
        // a backspace is `\b` in JSON, which HCL does not know; `${` would be an interpolation
        n.description = "a ${b} %{c} \"q\" \\ \u{8}\u{1b}\n\u{202e}end".into();
        let text = "resource \"azurerm_network_security_group\" \"n\" {\n  name = \"nsg-app\"\n}\n";
        let out = nsg_tf_edit(text, &n).unwrap();
        assert!(
            out.contains(
                r#"description                 = "a $${b} %%{c} \"q\" \\ \u0008\u001B\n\u202Eend""#
            ),
            "{out}"
        );
        let body = hcl::edit::parser::parse_body(&out).unwrap();
        let rule = body.get_blocks("resource").nth(1).unwrap();
        assert_eq!(
            literal(rule, "description").as_deref(),
            Some(n.description.as_str())
        );
    }

    #[test]
    fn a_block_name_terraform_refuses_is_never_written() {
        for label in ["n sg", "n\nsg", "1nsg", ""] {
            let text = format!(
                "resource \"azurerm_network_security_group\" {} {{\n  name = \"nsg-app\"\n}}\n",
                lit(label)
            );
            let e = nsg_tf_edit(&text, &rule()).unwrap_err();
            assert!(
                e.contains("is not a name Terraform accepts") && !e.contains('\n'),
                "{label:?}: {e}"
            );
        }
    }
}
