//! Squid's `http_access` evaluation (reference §5.4): lines in order, all ACLs of a line must match (AND),
//! `!` negates, the first matching line decides; when none matches, the answer is the opposite of the last
//! line (none at all: deny). ACL types modelled: `src`, `dst` (over the destination set), `dstdomain`,
//! `port`, `method`, `localport`, the regex ACLs `dstdom_regex`, `url_regex`, `urlpath_regex` (POSIX extended
//! expressions, `-i`/`+i`), SNI (`ssl::server_name`, `ssl::server_name_regex`), `proxy_auth`, and the
//! predefined `all`, `localhost`, `to_localhost`, `manager`, `CONNECT`. Anything else (`srcdom_regex`, time,
//! external helpers) is *unknown*, never guessed. A regex ACL with the storage account not given is decided
//! exactly over every account name Azure allows (`squid_lang`): all, none, or some (naming one of each).

use super::resolve::{Source, Tri};
use super::squid_lang::{Coverage, LangError, Language, Pattern, coverage};
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
    /// The VM's OS: whether the extension can answer a proxy's authentication challenge.
    pub os: Os,
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
    /// The proxy asks for credentials (407) the extension does not have: the line denies.
    AuthDenies(String),
}

/// What a regex ACL is matched against.
enum Subjects {
    /// One string (the account is given, or the subject does not hold the host).
    Fixed(String),
    /// `prefix<account>.<suffix>rest` for every storage account name (the account is not given).
    AnyAccount {
        /// Before the host.
        prefix: String,
        /// After the account name: `.<suffix>` and what follows the host.
        rest: String,
    },
}

impl Subjects {
    /// The subject(s) for `host` with `before` and `after` it.
    fn around(host: &Host, before: &str, after: &str) -> Self {
        match host {
            Host::Name(h) => Subjects::Fixed(format!("{before}{h}{after}")),
            Host::AnyAccount(suffix) => Subjects::AnyAccount {
                prefix: before.to_string(),
                rest: format!(".{suffix}{after}"),
            },
        }
    }
}

/// A squid (GNU POSIX extended) pattern in the `regex` crate's syntax; `None` when it cannot be translated.
fn ere(pattern: &str) -> Option<String> {
    // GNU's word-boundary anchors \< \> become \b; the rest of ERE is a subset the crate reads as is
    let p = pattern.replace(r"\<", r"\b").replace(r"\>", r"\b");
    (!p.contains(r"\`") && !p.contains(r"\'")).then_some(p)
}

/// A squid pattern compiled (for a known host); `None` when it cannot be read.
fn translate(pattern: &str, icase: bool) -> Option<regex::Regex> {
    regex::RegexBuilder::new(&ere(pattern)?)
        .case_insensitive(icase)
        .size_limit(1 << 20)
        .build()
        .ok()
}

/// Evaluates a regex ACL over the string the request shows it, or exactly over every storage account name
/// when the account is not given: all match, none does, or some only (naming one of each).
fn regex_acl(name: &str, afile: &str, line: usize, values: &[String], subjects: &Subjects) -> Tri {
    let unreadable = |p: &str| {
        Tri::Maybe(format!(
            "acl `{name}` ({afile}:{line}): the pattern `{p}` cannot be read as a POSIX extended regular expression here"
        ))
    };
    let mut icase = false;
    // as written, compiled, and in the crate's syntax with its case flag
    let mut pats: Vec<(&str, regex::Regex, Pattern)> = Vec::new();
    for v in values {
        match v.as_str() {
            "-i" => icase = true,
            "+i" => icase = false,
            p => match ere(p).zip(translate(p, icase)) {
                Some((text, r)) => pats.push((p, r, Pattern { text, icase })),
                None => return unreadable(p),
            },
        }
    }
    let (prefix, rest) = match subjects {
        Subjects::Fixed(s) => {
            return if pats.iter().any(|(_, r, _)| r.is_match(s)) {
                Tri::Yes
            } else {
                Tri::No
            };
        }
        Subjects::AnyAccount { prefix, rest } => (prefix, rest),
    };
    let patterns: Vec<Pattern> = pats.iter().map(|(_, _, p)| p.clone()).collect();
    match coverage(&patterns, &Language::accounts(prefix, rest)) {
        Ok(Coverage::All) => Tri::Yes,
        Ok(Coverage::None) => Tri::No,
        Ok(Coverage::Some {
            matching,
            not_matching,
        }) => Tri::Maybe(format!(
            "acl `{name}` ({afile}:{line}) matches some storage account names only (`{matching}` does, `{not_matching}` does not); the account is not given (scenario `storage.account`)"
        )),
        Err(LangError::Syntax(i)) => unreadable(pats.get(i).map_or("", |(p, _, _)| *p)),
        Err(LangError::TooComplex) => {
            let quoted: Vec<String> = pats.iter().map(|(p, _, _)| format!("`{p}`")).collect();
            Tri::Maybe(format!(
                "acl `{name}` ({afile}:{line}): {} {} {} too complex to decide exactly for every storage account; the account is not given (scenario `storage.account`)",
                if quoted.len() == 1 {
                    "the pattern"
                } else {
                    "the patterns"
                },
                quoted.join(" "),
                if quoted.len() == 1 { "is" } else { "are" },
            ))
        }
    }
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
            // squid's predefined `localhost` is src 127.0.0.1/32 ::1: never a VM in its VNet
            "localhost" => match &req.client {
                Source::Ip(ip)
                    if *ip == std::net::IpAddr::from([127, 0, 0, 1])
                        || *ip == std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST) =>
                {
                    Tri::Yes
                }
                _ => Tri::No,
            },
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
        // the SNI the extension sends is the host it connects to
        "dstdomain" | "ssl::server_name" => {
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
        "dstdom_regex" | "ssl::server_name_regex" => {
            // the host (CONNECT target, or the SNI the extension sends: the same name)
            let subjects = Subjects::around(req.host, "", "");
            AclResult::Flag(regex_acl(name, afile, line, &values, &subjects))
        }
        "url_regex" | "urlpath_regex" => {
            // what squid matches: `host:port` for CONNECT; `http://host/path` for a plain request
            let subjects = match (req.method, kind) {
                ("CONNECT", "url_regex") => {
                    Subjects::around(req.host, "", &format!(":{}", req.port))
                }
                ("CONNECT", _) => Subjects::Fixed(String::new()),
                (_, "url_regex") if req.port == 80 => Subjects::around(req.host, "http://", "/"),
                (_, "url_regex") => {
                    Subjects::around(req.host, "http://", &format!(":{}/", req.port))
                }
                _ => Subjects::Fixed("/".to_string()),
            };
            AclResult::Flag(regex_acl(name, afile, line, &values, &subjects))
        }
        "proxy_auth" | "proxy_auth_regex" => match req.os {
            Os::Linux => AclResult::AuthDenies(format!(
                "acl `{name}` ({afile}:{line}) asks for proxy credentials (407): the Linux extension sends none \
                 (waagent.conf's HttpProxy.* holds only host and port), so the request is refused"
            )),
            Os::Windows => AclResult::Flag(Tri::Maybe(format!(
                "acl `{name}` ({afile}:{line}) asks for proxy credentials: whether the SYSTEM account can answer (integrated authentication) is not known offline"
            ))),
        },
        "srcdom_regex" | "srcdomain" => {
            unknown("a source-domain match (it needs reverse DNS of the VM)")
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

/// Whether an allowed request goes to a `cache_peer` parent: `always_direct allow` first, then
/// `never_direct allow` (the first matching line of each decides). A CONNECT without `never_direct` goes direct.
fn via_parent(conf: &SquidConf, req: &ProxyRequest<'_>) -> Option<String> {
    let (peer, pline) = conf.peers.first()?;
    let matches = |d: &crate::model::proxy::SquidDirective| {
        d.acls.iter().all(|(neg, name)| {
            matches!(
                (eval_acl(conf, name, req), neg),
                (AclResult::Flag(Tri::Yes), false)
                    | (AclResult::Flag(Tri::No), true)
                    | (AclResult::Set(_), _)
            )
        })
    };
    if let Some(d) = conf.always_direct.iter().find(|d| matches(d))
        && d.action == "allow"
    {
        return None;
    }
    let d = conf.never_direct.iter().find(|d| matches(d))?;
    (d.action == "allow").then(|| {
        format!(
            "never_direct ({}:{}) sends it to the parent proxy `{peer}` (cache_peer, line {pline}): whether that proxy lets it through is not known offline",
            d.file, d.line
        )
    })
}

/// The `http_port` lines that serve explicitly configured clients (not `intercept`, `transparent`,
/// `tproxy`): the port a VM's proxy setting must name.
pub fn forward_ports(conf: &SquidConf) -> Vec<(u16, usize)> {
    conf.http_ports
        .iter()
        .copied()
        .filter(|(p, l)| !conf.intercept_ports.contains(&(*p, *l)))
        .collect()
}

/// Why a client configured with proxy port `port` is not served when that is squid's intercept port, naming
/// the forward port it must use instead; `None` when `port` is not an intercept port.
pub fn intercept_reason(conf: &SquidConf, port: u16) -> Option<(usize, String)> {
    let &(_, line) = conf.intercept_ports.iter().find(|(p, _)| *p == port)?;
    let forward = match forward_ports(conf).first() {
        Some((f, fl)) => format!(
            "the VM's proxy setting must name the forward port {f} (`http_port` at {}:{fl})",
            conf.file
        ),
        None => format!(
            "{} has no forward port: add one (`http_port 3128`) and set the VM's proxy to it",
            conf.file
        ),
    };
    Some((
        line,
        format!(
            "port {port} is squid's intercept (transparent) port ({}:{line}): an intercept port does not serve explicitly configured clients; {forward}",
            conf.file
        ),
    ))
}

/// The `ssl_bump` line that decides what squid does with TLS to `host`: the first `splice`, `bump` or
/// `terminate` line whose ACLs match it or may match it (`peek` and `stare` only look and go on).
/// ACL types other than `all`, `ssl::server_name` and `dstdomain` count as "may match".
pub fn ssl_bump_for<'c>(
    conf: &'c SquidConf,
    host: &Host,
) -> Option<&'c crate::model::proxy::SquidDirective> {
    conf.ssl_bump
        .iter()
        .filter(|d| matches!(d.action.as_str(), "splice" | "bump" | "terminate"))
        .find(|d| {
            d.acls.iter().all(|(neg, name)| {
                let m = if name == "all" {
                    Some(true)
                } else {
                    let acls: Vec<&SquidAcl> =
                        conf.acls.iter().filter(|a| &a.name == name).collect();
                    if acls.is_empty()
                        || !acls
                            .iter()
                            .all(|a| matches!(a.kind.as_str(), "ssl::server_name" | "dstdomain"))
                    {
                        None
                    } else {
                        let r: Vec<FqdnMatch> = acls
                            .iter()
                            .flat_map(|a| a.values.iter().map(|v| dstdomain_matches(v, host)))
                            .collect();
                        if r.contains(&FqdnMatch::Yes) {
                            Some(true)
                        } else if r.contains(&FqdnMatch::Maybe) {
                            None
                        } else {
                            Some(false)
                        }
                    }
                };
                // "may match" stays in: a bump that may apply is reported, a splice that may not is not relied on
                match m {
                    Some(b) => b != *neg,
                    None => d.action != "splice",
                }
            })
        })
}

/// How one `http_access` line meets a request: its ACLs in order (squid stops at the first that fails).
enum LineEval {
    /// The line does not match.
    NoMatch,
    /// It matches these addresses; `auth`: a `proxy_auth` ACL is reached, squid answers 407.
    Match { set: AddrSet, auth: Option<String> },
    /// It may match these addresses (an ACL not known offline), with why; `auth` as above. `unless`: the
    /// one uncertain ACL and the value it has when the line does not match (none when several are uncertain).
    Maybe {
        set: AddrSet,
        reason: String,
        auth: Option<String>,
        unless: Option<(String, bool)>,
    },
}

fn eval_line(
    conf: &SquidConf,
    a: &crate::model::proxy::SquidAccess,
    req: &ProxyRequest<'_>,
    remaining: &AddrSet,
    assumed: &[(String, bool)],
) -> LineEval {
    let mut set = remaining.clone();
    let mut maybe: Option<String> = None;
    let mut uncertain: Vec<(String, bool)> = Vec::new();
    let mut auth = None;
    for (neg, name) in &a.acls {
        // an ACL already taken one way on this branch (an earlier line that did not match) is that way
        let result = match assumed.iter().find(|(n, _)| n == name) {
            Some((_, v)) => AclResult::Flag(if *v { Tri::Yes } else { Tri::No }),
            None => eval_acl(conf, name, req),
        };
        if matches!(result, AclResult::Flag(Tri::Maybe(_))) {
            uncertain.push((name.clone(), *neg));
        }
        match (result, neg) {
            (AclResult::AuthDenies(why), _) => {
                auth = Some(why);
                break;
            }
            (AclResult::Flag(Tri::Yes), false) | (AclResult::Flag(Tri::No), true) => {}
            (AclResult::Flag(Tri::No), false) | (AclResult::Flag(Tri::Yes), true) => {
                return LineEval::NoMatch;
            }
            (AclResult::Flag(Tri::Maybe(m)), _) => maybe = maybe.or(Some(m)),
            (AclResult::Set(s), false) => set = set.intersect(&s),
            (AclResult::Set(s), true) => set = set.difference(&s),
        }
    }
    if set.is_empty() && auth.is_none() {
        return LineEval::NoMatch;
    }
    let unless = match uncertain.as_slice() {
        [(name, neg)] => Some((name.clone(), *neg)),
        _ => None,
    };
    match maybe {
        Some(reason) => LineEval::Maybe {
            set,
            reason,
            auth,
            unless,
        },
        None => LineEval::Match { set, auth },
    }
}

/// What a line that matches does with `set`: 407 (deny) when it asks for credentials the extension does not
/// have, else its action (an allow sent on to a parent proxy is unknown past it).
fn line_action(
    conf: &SquidConf,
    a: &crate::model::proxy::SquidAccess,
    req: &ProxyRequest<'_>,
    set: AddrSet,
    auth: Option<String>,
) -> SquidPart {
    let (access, reason) = match auth {
        Some(why) => (DecisionAccess::Deny, Some(why)),
        None if a.allow => match via_parent(conf, req) {
            Some(peer) => (DecisionAccess::Unknown, Some(peer)),
            None => (DecisionAccess::Allow, None),
        },
        None => (DecisionAccess::Deny, None),
    };
    SquidPart {
        rule: a.text.clone(),
        file: a.file.clone(),
        line: a.line,
        access,
        set,
        reason,
    }
}

/// Deepest nesting of lines that may or may not match, each evaluated both ways.
const MAX_MAYBE_DEPTH: usize = 12;

/// The `http_access` lines from `from` on, over `remaining` (what no line decides is left in it). A line
/// that may or may not match is decided both ways: where it and the lines after it give the same
/// answer, that is the answer; elsewhere the part is unknown, naming the ACL that decides.
fn eval_from(
    conf: &SquidConf,
    req: &ProxyRequest<'_>,
    from: usize,
    remaining: &mut AddrSet,
    depth: usize,
    assumed: &[(String, bool)],
) -> Vec<SquidPart> {
    let mut parts = Vec::new();
    for (k, a) in conf.access.iter().enumerate().skip(from) {
        if remaining.is_empty() {
            break;
        }
        match eval_line(conf, a, req, remaining, assumed) {
            LineEval::NoMatch => {}
            LineEval::Match { set, auth } => {
                if auth.is_some() {
                    // squid answers 407 here and evaluates no further line
                    let all = std::mem::take(remaining);
                    parts.push(line_action(conf, a, req, all, auth));
                    break;
                }
                *remaining = remaining.difference(&set);
                parts.push(line_action(conf, a, req, set, None));
            }
            LineEval::Maybe {
                set,
                reason,
                auth,
                unless,
            } => {
                let m = if auth.is_some() {
                    remaining.clone()
                } else {
                    set
                };
                *remaining = remaining.difference(&m);
                let matched = line_action(conf, a, req, m.clone(), auth);
                if depth >= MAX_MAYBE_DEPTH || matched.access == DecisionAccess::Unknown {
                    parts.push(SquidPart {
                        access: DecisionAccess::Unknown,
                        reason: Some(reason),
                        ..matched
                    });
                    continue;
                }
                // the line does not match: the lines after it, and squid's implicit answer
                let mut rest = m;
                let mut next = assumed.to_vec();
                next.extend(unless);
                let mut other = eval_from(conf, req, k + 1, &mut rest, depth + 1, &next);
                if !rest.is_empty() {
                    other.push(implicit(conf, rest));
                }
                for p in other {
                    if p.access == matched.access {
                        parts.push(SquidPart {
                            set: p.set,
                            reason: Some(format!(
                                "either way: {reason}; if it matches, {} ({}:{}); if not, {} ({}:{})",
                                matched.rule, matched.file, matched.line, p.rule, p.file, p.line
                            )),
                            ..matched.clone()
                        });
                    } else {
                        parts.push(SquidPart {
                            set: p.set,
                            access: DecisionAccess::Unknown,
                            reason: Some(reason.clone()),
                            ..matched.clone()
                        });
                    }
                }
            }
        }
    }
    parts
}

/// Squid's answer when no `http_access` line matches: the opposite of the last line.
fn implicit(conf: &SquidConf, set: AddrSet) -> SquidPart {
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
    SquidPart {
        rule,
        file: conf.file.clone(),
        line: 0,
        access,
        set,
        reason: Some(reason),
    }
}

/// Evaluates `http_access` for `req` over the destination addresses `dest`.
pub fn eval(conf: &SquidConf, req: &ProxyRequest<'_>, dest: &AddrSet) -> Vec<SquidPart> {
    let mut parts = Vec::new();
    if let Some((line, why)) = intercept_reason(conf, req.listen_port) {
        parts.push(SquidPart {
            rule: format!("http_port {} intercept", req.listen_port),
            file: conf.file.clone(),
            line,
            access: DecisionAccess::Deny,
            set: dest.clone(),
            reason: Some(why),
        });
        return parts;
    }
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
    parts.extend(eval_from(conf, req, 0, &mut remaining, 0, &[]));
    if !remaining.is_empty() {
        parts.push(implicit(conf, remaining));
    }
    parts
}
