//! The project's own NSG YAML (documented in the README):
//!
//! ```yaml
//! name: nsg-app
//! rules:
//!   - name: Allow-Storage-Backup
//!     priority: 200
//!     direction: Outbound
//!     access: Allow
//!     protocol: Tcp
//!     source: VirtualNetwork            # string or list; default `*`
//!     source_ports: "*"                 # default `*`
//!     destination: Storage.KoreaCentral # string or list
//!     destination_ports: [443, 8443]    # `*`, 80, "80-443" or a list
//! ```

use crate::error::Error;
use crate::ingest::nsg_json::{RawRule, RuleBuilder, finish_nsg};
use crate::ingest::yaml_pos::YamlPos;
use crate::model::Nsg;
use serde::Deserialize;

/// A string or a list of strings/numbers in YAML.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(untagged)]
pub enum OneOrMany {
    /// Absent.
    #[default]
    None,
    /// A scalar.
    One(Scalar),
    /// A list.
    Many(Vec<Scalar>),
}

/// A YAML scalar accepted where strings are expected.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum Scalar {
    /// A number (ports, priorities).
    Num(u64),
    /// Text.
    Str(String),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Num(n) => n.to_string(),
            Scalar::Str(s) => s.clone(),
        }
    }
}

impl OneOrMany {
    /// The values as strings.
    pub fn strings(&self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s.text()],
            OneOrMany::Many(v) => v.iter().map(Scalar::text).collect(),
        }
    }
}

/// An NSG in the project's YAML.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct NsgYaml {
    /// NSG name.
    pub name: String,
    /// Rules (user rules; the six defaults are implied).
    #[serde(default)]
    pub rules: Vec<RuleYaml>,
}

/// A rule in the project's YAML.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleYaml {
    name: String,
    priority: Scalar,
    direction: String,
    access: String,
    protocol: String,
    #[serde(default)]
    source: OneOrMany,
    #[serde(default)]
    source_ports: OneOrMany,
    #[serde(default)]
    source_asgs: Vec<String>,
    #[serde(default)]
    destination: OneOrMany,
    destination_ports: OneOrMany,
    #[serde(default)]
    destination_asgs: Vec<String>,
    #[serde(default)]
    description: Option<String>,
}

/// Deepest flow nesting (`[` / `{`) accepted in YAML; real files stay far below it.
pub const MAX_YAML_FLOW_DEPTH: usize = 128;

/// Deserialises YAML after a linear check of its flow nesting: the YAML reader's time grows with the
/// square of that depth, so a small crafted file could otherwise take minutes.
pub fn from_yaml<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &str,
    what: &str,
) -> Result<T, Error> {
    check_flow_depth(text, file)?;
    serde_yaml::from_str(text).map_err(|e| yaml_error(file, &e, what))
}

/// Fails at the first `[`/`{` nested deeper than [`MAX_YAML_FLOW_DEPTH`], outside quotes and comments.
pub(crate) fn check_flow_depth(text: &str, file: &str) -> Result<(), Error> {
    // depth and quotes carry over line breaks (flow collections and quoted scalars may span lines)
    let (mut depth, mut quote) = (0usize, None::<char>);
    for (ln, line) in text.lines().enumerate() {
        let mut prev = ' ';
        let mut chars = line.char_indices().peekable();
        while let Some((col, c)) = chars.next() {
            match (quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some(q), c) if c == q => {
                    if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
                (Some(_), _) => {}
                (None, '"' | '\'') if !prev.is_alphanumeric() => quote = Some(c),
                (None, '#') if prev == ' ' || col == 0 => break,
                (None, '[' | '{') if matches!(prev, ' ' | ':' | '-' | ',' | '[' | '{' | '?') => {
                    depth += 1;
                    if depth > MAX_YAML_FLOW_DEPTH {
                        return Err(Error::Input(crate::error::InputError::at(
                            file,
                            ln + 1,
                            line[..col].chars().count() + 1,
                            format!("YAML nested deeper than {MAX_YAML_FLOW_DEPTH} levels"),
                        )));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            if !c.is_whitespace() || prev != ' ' {
                prev = c;
            }
        }
    }
    Ok(())
}

/// A YAML deserialisation error as `file:line: message`.
pub fn yaml_error(file: &str, e: &serde_yaml::Error, what: &str) -> Error {
    let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let msg = e.to_string();
    // yaml_serde appends " at line X column Y"; the place is already in front
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    Error::Input(crate::error::InputError::at(
        file,
        line,
        col,
        format!("{what}: {msg}"),
    ))
}

/// Parses an NSG in the project's YAML.
pub fn parse_nsg_yaml(text: &str, file: &str) -> Result<Nsg, Error> {
    let doc: NsgYaml = from_yaml(
        text,
        file,
        "not an NSG (expected JSON in an Azure shape, or azegress YAML with `name` and `rules`)",
    )?;
    nsg_from_yaml(&doc, &YamlPos::of(text), "", file)
}

/// Converts a parsed YAML NSG (from its own file or inline in a scenario at pointer `base`) to the model.
pub fn nsg_from_yaml(doc: &NsgYaml, pos: &YamlPos, base: &str, file: &str) -> Result<Nsg, Error> {
    let mut rules = Vec::with_capacity(doc.rules.len());
    for (i, r) in doc.rules.iter().enumerate() {
        let origin = pos.origin(file, &format!("{base}/rules/{i}"));
        let or_any = |v: &OneOrMany| {
            if matches!(v, OneOrMany::None) {
                vec!["*".to_string()]
            } else {
                v.strings()
            }
        };
        let raw = RawRule {
            description: r.description.clone(),
            name: r.name.clone(),
            is_default: false,
            priority: vec![r.priority.text()],
            direction: vec![r.direction.clone()],
            access: vec![r.access.clone()],
            protocol: vec![r.protocol.clone()],
            src: if r.source_asgs.is_empty() {
                or_any(&r.source)
            } else {
                r.source.strings()
            },
            dst: r.destination.strings(),
            sp: or_any(&r.source_ports),
            dp: r.destination_ports.strings(),
            src_asg: r.source_asgs.clone(),
            dst_asg: r.destination_asgs.clone(),
            exp_src: None,
            exp_dst: None,
            unknowns: Vec::new(),
        };
        rules.push(
            RuleBuilder {
                origin,
                rule: &r.name,
                nsg: &doc.name,
            }
            .build(raw)?,
        );
    }
    let mut origin = pos.origin(file, base);
    origin.line = origin.line.max(1);
    Ok(finish_nsg(doc.name.clone(), rules, origin, None))
}
