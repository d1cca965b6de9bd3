//! Squid's `http_access` evaluation (reference §5.4): lines in order, all ACLs of a line must match (AND),
//! `!` negates, the first matching line decides; when none matches, the answer is the opposite of the last
//! line (none at all: deny). ACL types modelled: `src`, `dst` (over the destination set), `dstdomain`,
//! `port`, `method`, `localport`, and the predefined `all`, `localhost`, `to_localhost`, `manager`, `CONNECT`.
//! Anything else (regexes, authentication, time, external helpers) is *unknown*, never guessed.

use super::resolve::{Source, Tri};
use crate::model::*;
use crate::tags::fqdn::{FqdnMatch, Host, dstdomain_matches};

/// The request as the proxy sees it.
#[derive(Clone, Debug)]
pub struct ProxyRequest<'h> {
    /// The client (the VM).
    pub client: Source,
    /// The VM's VNet space (to decide `src` ACLs when the VM's IP is not given).
    pub vnet: AddrSet,
    /// `CONNECT` for HTTPS, `GET` for plain HTTP.
    pub method: &'static str,
    /// Host asked for.
    pub host: &'h Host,
    /// Port asked for.
    pub port: u16,
    /// Port the client connected to on the proxy.
    pub listen_port: u16,
}

/// One part decided by a line (or the implicit default).
#[derive(Clone, Debug)]
pub struct SquidPart {
    /// `http_access …` as written, or a description of the implicit decision.
    pub rule: String,
    /// File of the line (squid.conf or an included file).
    pub file: String,
    /// Line (0 for implicit).
    pub line: usize,
    /// Decision.
    pub access: DecisionAccess,
    /// Addresses decided.
    pub set: AddrSet,
    /// Why unknown / what it means.
    pub reason: Option<String>,
}

enum AclResult {
    /// Boolean (three-valued).
    Flag(Tri),
    /// The addresses it matches (`dst`).
    Set(AddrSet),
}

fn addr_values(values: &[String]) -> Option<AddrSet> {
    let mut s = AddrSet::empty();
    for v in values {
        if v == "all" {
            return Some(AddrSet::any());
        }
        s = s.union(&super::addr_token(v)?);
    }
    Some(s)
}

fn ports_match(values: &[String], port: u16) -> Option<bool> {
    for v in values {
        let (a, b) = match v.split_once('-') {
            Some((a, b)) => (a.parse::<u16>().ok()?, b.parse::<u16>().ok()?),
            None => {
                let p = v.parse::<u16>().ok()?;
                (p, p)
            }
        };
        if (a..=b).contains(&port) {
            return Some(true);
        }
    }
    Some(false)
}

fn eval_acl(conf: &SquidConf, name: &str, req: &ProxyRequest<'_>) -> AclResult {
    let lines: Vec<&SquidAcl> = conf.acls.iter().filter(|a| a.name == name).collect();
    if lines.is_empty() {
        return AclResult::Flag(match name {
            "all" => Tri::Yes,
            // the VM is never the proxy host itself here
            "localhost" => Tri::No,
            "manager" => Tri::No,
            "CONNECT" => {
                if req.method == "CONNECT" {
                    Tri::Yes
                } else {
                    Tri::No
                }
            }
            "to_localhost" => {
                return AclResult::Set(
                    addr_values(&["127.0.0.0/8".into(), "0.0.0.0/32".into(), "::1/128".into()])
                        .unwrap_or_default(),
                );
            }
            "to_linklocal" => {
                return AclResult::Set(
                    addr_values(&["169.254.0.0/16".into(), "fe80::/10".into()]).unwrap_or_default(),
                );
            }
            _ => Tri::Maybe(format!(
                "acl `{name}` is used but not defined in {}",
                conf.file
            )),
        });
    }
    let kind = lines[0].kind.as_str();
    let values: Vec<String> = lines
        .iter()
        .flat_map(|a| a.values.iter().cloned())
        .collect();
    let line = lines[0].line;
    let afile = &lines[0].file;
    if values.iter().any(|v| v.starts_with('"')) {
        return AclResult::Flag(Tri::Maybe(format!(
            "acl `{name}` ({afile}:{line}) reads its values from a file that was not given"
        )));
    }
    let unknown = |what: &str| {
        AclResult::Flag(Tri::Maybe(format!(
            "acl `{name}` ({afile}:{line}) has {what} that cannot be evaluated offline"
        )))
    };
    match kind {
        "src" => match addr_values(&values) {
            Some(s) => AclResult::Flag(match &req.client {
                Source::Ip(ip) => {
                    if s.contains(*ip) {
                        Tri::Yes
                    } else {
                        Tri::No
                    }
                }
                Source::Vm => {
                    if s.is_superset(&req.vnet) {
                        Tri::Yes
                    } else if !s.intersects(&req.vnet) {
                        Tri::No
                    } else {
                        Tri::Maybe(format!(
                            "acl `{name}` ({afile}:{line}) allows some source addresses only and the VM's IP is not given"
                        ))
                    }
                }
            }),
            None => unknown("source values"),
        },
        "dst" => match addr_values(&values) {
            Some(s) => AclResult::Set(s),
            None => unknown("destination values"),
        },
        "dstdomain" => {
            let mut best = Tri::No;
            for v in &values {
                match dstdomain_matches(v, req.host) {
                    FqdnMatch::Yes => return AclResult::Flag(Tri::Yes),
                    FqdnMatch::Maybe => {
                        best = Tri::Maybe(format!(
                            "acl `{name}` ({afile}:{line}) names one storage account ({v}); the account is not given (scenario `storage.account`)"
                        ))
                    }
                    FqdnMatch::No => {}
                }
            }
            AclResult::Flag(best)
        }
        "port" | "localport" => {
            let p = if kind == "port" {
                req.port
            } else {
                req.listen_port
            };
            match ports_match(&values, p) {
                Some(true) => AclResult::Flag(Tri::Yes),
                Some(false) => AclResult::Flag(Tri::No),
                None => unknown("port values"),
            }
        }
        "method" => AclResult::Flag(
            if values.iter().any(|m| m.eq_ignore_ascii_case(req.method)) {
                Tri::Yes
            } else {
                Tri::No
            },
        ),
        other => unknown(&format!("type `{other}`")),
    }
}

/// Evaluates `http_access` for `req` over the destination addresses `dest`.
pub fn eval(conf: &SquidConf, req: &ProxyRequest<'_>, dest: &AddrSet) -> Vec<SquidPart> {
    let mut parts = Vec::new();
    if !conf.http_ports.is_empty() && !conf.http_ports.iter().any(|(p, _)| *p == req.listen_port) {
        let (p, line) = conf.http_ports[0];
        parts.push(SquidPart {
            rule: format!("http_port {p}"),
            file: conf.file.clone(),
            line,
            access: DecisionAccess::Deny,
            set: dest.clone(),
            reason: Some(format!(
                "squid listens on port {} ({}:{line}), not on {}: the connection is refused",
                conf.http_ports
                    .iter()
                    .map(|(p, _)| p.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                conf.file,
                req.listen_port
            )),
        });
        return parts;
    }
    let mut remaining = dest.clone();
    for a in &conf.access {
        if remaining.is_empty() {
            break;
        }
        let mut set = remaining.clone();
        let mut maybe: Option<String> = None;
        let mut no = false;
        for (neg, name) in &a.acls {
            match (eval_acl(conf, name, req), neg) {
                (AclResult::Flag(Tri::Yes), false) | (AclResult::Flag(Tri::No), true) => {}
                (AclResult::Flag(Tri::No), false) | (AclResult::Flag(Tri::Yes), true) => {
                    no = true;
                    break;
                }
                (AclResult::Flag(Tri::Maybe(m)), _) => maybe = maybe.or(Some(m)),
                (AclResult::Set(s), false) => set = set.intersect(&s),
                (AclResult::Set(s), true) => set = set.difference(&s),
            }
        }
        if no || set.is_empty() {
            continue;
        }
        remaining = remaining.difference(&set);
        let access = match (&maybe, a.allow) {
            (Some(_), _) => DecisionAccess::Unknown,
            (None, true) => DecisionAccess::Allow,
            (None, false) => DecisionAccess::Deny,
        };
        parts.push(SquidPart {
            rule: a.text.clone(),
            file: a.file.clone(),
            line: a.line,
            access,
            set,
            reason: maybe,
        });
    }
    if !remaining.is_empty() {
        let (access, rule, reason) = match conf.access.last() {
            Some(last) => (
                if last.allow {
                    DecisionAccess::Deny
                } else {
                    DecisionAccess::Allow
                },
                format!(
                    "implicit {} (opposite of the last http_access line)",
                    if last.allow { "deny" } else { "allow" }
                ),
                format!(
                    "no http_access line matched; squid answers the opposite of the last line ({}:{})",
                    conf.file, last.line
                ),
            ),
            None => (
                DecisionAccess::Deny,
                "implicit deny".to_string(),
                format!(
                    "{} has no http_access lines: squid denies every request",
                    conf.file
                ),
            ),
        };
        parts.push(SquidPart {
            rule,
            file: conf.file.clone(),
            line: 0,
            access,
            set: remaining,
            reason: Some(reason),
        });
    }
    parts
}
