//! Guest proxy settings (reference §5.4): `/etc/waagent.conf` (`HttpProxy.Host`, `HttpProxy.Port`),
//! `/etc/environment` (`http_proxy`, `https_proxy`, `no_proxy`), `netsh winhttp show proxy` output, a `.reg`
//! export of Internet Settings (`ProxyEnable`, `ProxyServer` plain or `http=…;https=…`, `ProxyOverride`),
//! a proxy URL, and the proxy's own `squid.conf`.

use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::model::*;

fn origin(file: &str, line: usize) -> Origin {
    Origin::at(file, line)
}

/// Reads a file that may be UTF-16 (regedit exports "Unicode" by default) or UTF-8.
pub fn read_text_any(path: &str) -> Result<String, Error> {
    crate::ingest::read(path)
}

/// A proxy URL as it may be shown: credentials (`user:pass@`) replaced by `***@`, whether the URL is
/// valid or not. Every message that quotes a proxy setting quotes it through this.
pub fn redact_proxy_url(s: &str) -> String {
    let (scheme, rest) = match s.find("://") {
        Some(i) => s.split_at(i + 3),
        None => ("", s),
    };
    // the authority ends at the first `/`, `?` or `#`; credentials end at its last `@`
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}***{}", &rest[at..]),
        None => s.to_string(),
    }
}

/// Parses `host:port`, `http://host:port/`, `http://user:pass@host:port`; `what` names the input. Errors
/// quote the URL without its credentials.
pub fn parse_proxy_url(s: &str) -> Result<(String, u16), String> {
    let shown = redact_proxy_url(s.trim());
    let s = shown.as_str();
    let t = s.trim().trim_matches('"').trim_matches('\'');
    let no_scheme = t.split_once("://").map_or(t, |(_, r)| r);
    let hostport = no_scheme.split('/').next().unwrap_or("");
    let hostport = hostport.rsplit_once('@').map_or(hostport, |(_, h)| h);
    let (host, port) = if let Some(rest) = hostport.strip_prefix('[') {
        let (h, p) = rest
            .split_once(']')
            .ok_or_else(|| format!("`{s}`: unclosed `[`"))?;
        (h.to_string(), p.strip_prefix(':').unwrap_or(""))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), p),
            None => (hostport.to_string(), ""),
        }
    };
    if host.is_empty() {
        return Err(format!(
            "`{s}` names no proxy host (expected http://HOST:PORT)"
        ));
    }
    let port = port.parse::<u16>().map_err(|_| {
        format!("`{s}` has no valid port (expected http://HOST:PORT, e.g. http://10.0.0.5:3128)")
    })?;
    Ok((host, port))
}

/// A setting parsed from `url` (`host:port` or a URL), found at `file:line` under `key`; `what` names it.
fn setting_at(
    url: &str,
    (file, line): (&str, usize),
    key: &str,
    what: &str,
    bypass: Vec<String>,
) -> Result<ProxySetting, Error> {
    let (host, port) =
        parse_proxy_url(url).map_err(|m| Error::input(file, line, format!("{key}: {m}")))?;
    Ok(ProxySetting {
        host,
        port,
        bypass,
        setting: format!("{file}:{line} {what}"),
        origin: origin(file, line),
    })
}

/// `--proxy URL` / scenario `proxy.url`.
pub fn explicit_proxy(url: &str, what: &str) -> Result<FoundProxy, Error> {
    let (host, port) = parse_proxy_url(url).map_err(|m| Error::Usage(format!("{what}: {m}")))?;
    Ok(FoundProxy {
        kind: ProxyKind::Explicit,
        setting: Some(ProxySetting {
            host,
            port,
            bypass: Vec::new(),
            setting: what.to_string(),
            origin: origin(what, 0),
        }),
        notes: Vec::new(),
        origin: origin(what, 0),
    })
}

/// `/etc/waagent.conf`: `HttpProxy.Host` and `HttpProxy.Port` (`None` or absent = no proxy).
pub fn parse_waagent(text: &str, file: &str) -> Result<FoundProxy, Error> {
    let mut host = None;
    let mut port = None;
    let mut extensions_off = None;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.starts_with('#') || l.is_empty() {
            continue;
        }
        let Some((k, v)) = l.split_once('=') else {
            continue;
        };
        let v = v.split('#').next().unwrap_or("").trim().to_string();
        match k.trim() {
            "HttpProxy.Host" => host = Some((v, i + 1)),
            "HttpProxy.Port" => port = Some((v, i + 1)),
            "Extensions.Enabled" if v.eq_ignore_ascii_case("n") => extensions_off = Some(i + 1),
            _ => {}
        }
    }
    let mut found = FoundProxy {
        kind: ProxyKind::Waagent,
        setting: None,
        notes: Vec::new(),
        origin: origin(file, 1),
    };
    if let Some(l) = extensions_off {
        found.notes.push(
            Diagnostic::new(
                &diag::EXTENSIONS_DISABLED,
                format!(
                    "{file}:{l}: Extensions.Enabled=n: the VM agent runs no extension at all, the backup extension included ({})",
                    crate::learn::LINUX_AGENT
                ),
            )
            .at(&origin(file, l)),
        );
    }
    let set = |v: &str| !v.is_empty() && !v.eq_ignore_ascii_case("none");
    match (host, port) {
        (Some((h, hl)), Some((p, pl))) if set(&h) && set(&p) => {
            let port = p.parse::<u16>().map_err(|_| {
                Error::input(
                    file,
                    pl,
                    format!("HttpProxy.Port `{p}` is not a port number (1-65535)"),
                )
            })?;
            found.setting = Some(ProxySetting {
                host: h,
                port,
                bypass: Vec::new(),
                setting: format!("{file}:{hl} HttpProxy.Host/Port"),
                origin: origin(file, hl),
            });
        }
        (Some((h, hl)), _) if set(&h) => {
            return Err(Error::input(
                file,
                hl,
                format!(
                    "HttpProxy.Host is `{h}` but HttpProxy.Port is not set: the agent needs both"
                ),
            ));
        }
        _ => found.notes.push(Diagnostic::new(
            &diag::NO_PROXY_HOST,
            format!("{file}: HttpProxy.Host is not set: the Linux extension connects directly"),
        )),
    }
    Ok(found)
}

/// `/etc/environment` (or a shell profile): `http_proxy`, `https_proxy`, `no_proxy`, any case, `export` allowed.
pub fn parse_environment(text: &str, file: &str) -> Result<FoundProxy, Error> {
    let mut http = None;
    let mut https = None;
    let mut no_proxy = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        let l = l.strip_prefix("export ").unwrap_or(l).trim();
        if l.starts_with('#') {
            continue;
        }
        let Some((k, v)) = l.split_once('=') else {
            continue;
        };
        let v = v.trim().trim_matches('"').trim_matches('\'').to_string();
        match k.trim().to_ascii_lowercase().as_str() {
            "http_proxy" => http = Some((v, i + 1, k.trim().to_string())),
            "https_proxy" => https = Some((v, i + 1, k.trim().to_string())),
            "no_proxy" => {
                no_proxy = v
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            _ => {}
        }
    }
    let mut found = FoundProxy {
        kind: ProxyKind::Environment,
        setting: None,
        notes: Vec::new(),
        origin: origin(file, 1),
    };
    if let Some((v, line, key)) = https.or(http).filter(|(v, _, _)| !v.is_empty()) {
        found.setting = Some(setting_at(&v, (file, line), &key, &key, no_proxy)?);
    }
    Ok(found)
}

/// `netsh winhttp show proxy` output (English): `Proxy Server(s) :` and `Bypass List :`, or "Direct access".
pub fn parse_winhttp(text: &str, file: &str) -> Result<FoundProxy, Error> {
    let mut found = FoundProxy {
        kind: ProxyKind::WinHttp,
        setting: None,
        notes: Vec::new(),
        origin: origin(file, 1),
    };
    let mut server = None;
    let mut bypass = Vec::new();
    let mut recognised = false;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.to_ascii_lowercase().starts_with("direct access") {
            recognised = true;
        }
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let k = k.trim().to_ascii_lowercase();
        let v = v.trim();
        if k.starts_with("proxy server") {
            recognised = true;
            server = Some((v.to_string(), i + 1));
        } else if k.starts_with("bypass list") {
            recognised = true;
            if !v.eq_ignore_ascii_case("(none)") {
                bypass = v
                    .split(';')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
        } else if k.contains("winhttp proxy settings") {
            recognised = true;
        }
    }
    if !recognised {
        return Err(Error::input(
            file,
            1,
            "not `netsh winhttp show proxy` output: expected `Proxy Server(s) :` or `Direct access (no proxy server).`",
        ));
    }
    if let Some((v, line)) = server {
        let (chosen, note) = pick_scheme_server(&v);
        if let Some(n) = note {
            found
                .notes
                .push(Diagnostic::new(&diag::PROXY_SETTING_NOTE, n).at(&origin(file, line)));
        }
        found.setting = Some(setting_at(
            &chosen,
            (file, line),
            "Proxy Server(s)",
            "WinHTTP proxy",
            bypass,
        )?);
    }
    Ok(found)
}

/// `http=a:1;https=b:2` → the HTTPS entry (the extension's traffic is HTTPS), with a note.
fn pick_scheme_server(v: &str) -> (String, Option<String>) {
    if !v.contains('=') {
        return (v.trim().to_string(), None);
    }
    let mut map = Vec::new();
    for part in v.split(';') {
        if let Some((k, s)) = part.split_once('=') {
            map.push((k.trim().to_ascii_lowercase(), s.trim().to_string()));
        }
    }
    let get = |k: &str| map.iter().find(|(x, _)| x == k).map(|(_, s)| s.clone());
    match (get("https"), get("http")) {
        (Some(s), h) => (
            s.clone(),
            h.filter(|h| *h != s).map(|h| {
                format!("per-protocol proxy: HTTPS uses {s}, plain HTTP (port 80) would use {h}")
            }),
        ),
        (None, Some(h)) => (
            h.clone(),
            Some(format!(
                "per-protocol proxy without an https= entry: HTTPS traffic is sent directly, only HTTP uses {h}"
            )),
        ),
        (None, None) => (
            String::new(),
            Some(format!(
                "`{}` names no http= or https= proxy",
                redact_proxy_url(v)
            )),
        ),
    }
}

/// A `.reg` export of `...\CurrentVersion\Internet Settings` (WinINet): `ProxyEnable`, `ProxyServer`, `ProxyOverride`.
pub fn parse_reg(text: &str, file: &str) -> Result<FoundProxy, Error> {
    if !text.trim_start().starts_with("Windows Registry Editor")
        && !text.trim_start().starts_with("REGEDIT4")
    {
        return Err(Error::input(
            file,
            1,
            "not a .reg export: expected `Windows Registry Editor Version 5.00`",
        ));
    }
    let mut found = FoundProxy {
        kind: ProxyKind::Registry,
        setting: None,
        notes: Vec::new(),
        origin: origin(file, 1),
    };
    let mut key = String::new();
    let mut key_line = 0;
    let mut enable = None;
    let mut server = None;
    let mut override_ = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if let Some(k) = l.strip_prefix('[').and_then(|k| k.strip_suffix(']')) {
            if k.to_ascii_lowercase().ends_with("\\internet settings") {
                key = k.to_string();
                key_line = i + 1;
            } else if !key.is_empty() {
                break;
            }
            continue;
        }
        if key.is_empty() {
            continue;
        }
        let Some((name, value)) = l.split_once('=') else {
            continue;
        };
        let name = name.trim().trim_matches('"');
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "proxyenable" => {
                let v = value.to_ascii_lowercase();
                let n = v
                    .strip_prefix("dword:")
                    .and_then(|h| u32::from_str_radix(h, 16).ok());
                enable = Some((n.unwrap_or(0) != 0, i + 1));
            }
            "proxyserver" => server = Some((value.trim_matches('"').to_string(), i + 1)),
            "proxyoverride" => {
                override_ = value
                    .trim_matches('"')
                    .split(';')
                    .flat_map(|s| s.split(','))
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            _ => {}
        }
    }
    if key.is_empty() {
        return Err(Error::input(
            file,
            1,
            "no `...\\CurrentVersion\\Internet Settings` key in this .reg export",
        ));
    }
    let upper = key.to_ascii_uppercase();
    if upper.starts_with("HKEY_CURRENT_USER") {
        found.notes.push(
            Diagnostic::new(
                &diag::HKCU_EXPORT,
                format!(
                    "{file}:{key_line}: exported from HKEY_CURRENT_USER; the Windows extension runs as LocalSystem and uses \
                     HKEY_USERS\\S-1-5-18: this is right only if it was exported as SYSTEM (PsExec -s)"
                ),
            )
            .at(&origin(file, key_line)),
        );
    } else if upper.starts_with("HKEY_USERS\\") && !upper.starts_with("HKEY_USERS\\S-1-5-18") {
        found.notes.push(
            Diagnostic::new(
                &diag::OTHER_USER_HIVE,
                format!(
                    "{file}:{key_line}: this is another user's hive, not SYSTEM's (HKEY_USERS\\S-1-5-18); the extension does not use it"
                ),
            )
            .at(&origin(file, key_line)),
        );
        return Ok(found);
    }
    match (enable, server) {
        (Some((true, _)), Some((s, line))) => {
            let (chosen, note) = pick_scheme_server(&s);
            found.notes.extend(
                note.map(|n| Diagnostic::new(&diag::PROXY_SETTING_NOTE, n).at(&origin(file, line))),
            );
            if chosen.is_empty() {
                return Ok(found);
            }
            found.setting = Some(setting_at(
                &chosen,
                (file, line),
                "ProxyServer",
                &format!("ProxyServer ({key})"),
                override_,
            )?);
        }
        (Some((false, line)), _) => found.notes.push(
            Diagnostic::new(
                &diag::PROXY_NOT_ENABLED,
                format!("{file}:{line}: ProxyEnable is 0: no proxy"),
            )
            .at(&origin(file, line)),
        ),
        (None, Some((_, line))) => found.notes.push(
            Diagnostic::new(
                &diag::PROXY_NOT_ENABLED,
                format!(
                    "{file}:{line}: ProxyServer is set but ProxyEnable is absent (0): no proxy"
                ),
            )
            .at(&origin(file, line)),
        ),
        _ => {}
    }
    Ok(found)
}

/// Parses squid.conf: `http_port`, `acl`, `http_access`; `include` lines are recorded, not followed.
pub fn parse_squid(text: &str, file: &str) -> Result<SquidConf, Error> {
    let mut c = SquidConf {
        file: file.to_string(),
        ..Default::default()
    };
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.split('#').next().unwrap_or("").trim();
        if l.is_empty() {
            continue;
        }
        let words: Vec<&str> = l.split_whitespace().collect();
        match words[0] {
            "http_port" | "https_port" => {
                let Some(spec) = words.get(1) else {
                    return Err(Error::input(
                        file,
                        line,
                        "http_port without a port (expected `http_port 3128`)",
                    ));
                };
                let p = spec.rsplit(':').next().unwrap_or(spec);
                let port = p.parse::<u16>().map_err(|_| {
                    Error::input(
                        file,
                        line,
                        format!("http_port `{spec}`: expected [address:]port"),
                    )
                })?;
                c.http_ports.push((port, line));
                if words[2..]
                    .iter()
                    .any(|w| matches!(*w, "intercept" | "transparent" | "tproxy"))
                {
                    c.intercept_ports.push((port, line));
                }
            }
            "cache_peer" if words.len() > 1 => c.peers.push((words[1].to_string(), line)),
            "never_direct" | "always_direct" | "ssl_bump" if words.len() > 1 => {
                let d = crate::model::proxy::SquidDirective {
                    action: words[1].to_ascii_lowercase(),
                    acls: words[2..]
                        .iter()
                        .map(|w| match w.strip_prefix('!') {
                            Some(n) => (true, n.to_string()),
                            None => (false, w.to_string()),
                        })
                        .collect(),
                    file: file.to_string(),
                    line,
                };
                match words[0] {
                    "never_direct" => c.never_direct.push(d),
                    "always_direct" => c.always_direct.push(d),
                    _ => c.ssl_bump.push(d),
                }
            }
            "acl" => {
                if words.len() < 3 {
                    return Err(Error::input(
                        file,
                        line,
                        "acl line needs a name and a type (`acl NAME TYPE VALUES…`)",
                    ));
                }
                // option flags (-n, -m=…) are dropped; a regex ACL's case toggles -i/+i are kept in place
                let regex = words[2].ends_with("regex");
                let values: Vec<String> = words[3..]
                    .iter()
                    .filter(|w| !w.starts_with('-') || (regex && w.eq_ignore_ascii_case("-i")))
                    .map(|w| w.to_string())
                    .collect();
                c.acls.push(SquidAcl {
                    name: words[1].to_string(),
                    kind: words[2].to_string(),
                    values,
                    file: file.to_string(),
                    line,
                });
            }
            "http_access" => {
                let allow = match words.get(1).map(|w| w.to_ascii_lowercase()) {
                    Some(w) if w == "allow" => true,
                    Some(w) if w == "deny" => false,
                    _ => {
                        return Err(Error::input(
                            file,
                            line,
                            "http_access must be followed by allow or deny",
                        ));
                    }
                };
                let acls = words[2..]
                    .iter()
                    .map(|w| match w.strip_prefix('!') {
                        Some(n) => (true, n.to_string()),
                        None => (false, w.to_string()),
                    })
                    .collect();
                c.access.push(SquidAccess {
                    allow,
                    acls,
                    file: file.to_string(),
                    line,
                    text: l.to_string(),
                });
            }
            "include" => c.includes.push((words[1..].join(" "), line)),
            _ => {}
        }
    }
    Ok(c)
}

/// Loads one proxy-setting file of the given kind.
pub fn load(kind: ProxyKind, path: &str) -> Result<FoundProxy, Error> {
    let text = read_text_any(path)?;
    match kind {
        ProxyKind::Waagent => parse_waagent(&text, path),
        ProxyKind::Environment => parse_environment(&text, path),
        ProxyKind::WinHttp => parse_winhttp(&text, path),
        ProxyKind::Registry => parse_reg(&text, path),
        ProxyKind::Explicit => explicit_proxy(text.trim(), path),
    }
}

/// Loads squid.conf and follows its `include` lines where the files are given: a path under `/etc/squid/`
/// is looked up relative to the squid.conf's own directory (so a copied `/etc/squid` tree works), a relative
/// path from there too; `*` may stand in the file name. Includes not found are reported, not guessed.
pub fn load_squid(path: &str) -> Result<SquidConf, Error> {
    let mut c = parse_squid(&crate::ingest::read(path)?, path)?;
    let dir = std::path::Path::new(path)
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let mut missing = Vec::new();
    for (inc, line) in std::mem::take(&mut c.includes) {
        let files = include_files(&dir, &inc);
        if files.is_empty() {
            missing.push((inc, line));
            continue;
        }
        // included lines take the include's place in the http_access order
        let at = c.access.iter().take_while(|a| a.line < line).count();
        let mut inserted = Vec::new();
        for f in files {
            let sub = parse_squid(&crate::ingest::read(&f)?, &f)?;
            c.acls.extend(sub.acls);
            c.http_ports.extend(sub.http_ports);
            c.intercept_ports.extend(sub.intercept_ports);
            c.peers.extend(sub.peers);
            c.never_direct.extend(sub.never_direct);
            c.always_direct.extend(sub.always_direct);
            c.ssl_bump.extend(sub.ssl_bump);
            inserted.extend(sub.access);
            missing.extend(sub.includes);
            c.included.push(f);
        }
        c.access.splice(at..at, inserted);
    }
    c.includes = missing;
    // ACL values read from a file (`acl x dstdom_regex "/etc/squid/azure.regex"`): the file beside squid.conf
    for acl in &mut c.acls {
        let mut values = Vec::new();
        for v in &acl.values {
            let Some(p) = v.strip_prefix('"').and_then(|x| x.strip_suffix('"')) else {
                values.push(v.clone());
                continue;
            };
            match include_files(&dir, p).first() {
                Some(f) => values.extend(
                    crate::ingest::read(f)?
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(str::to_string),
                ),
                None => values.push(v.clone()), // not given: the ACL stays unknown, and says so
            }
        }
        acl.values = values;
    }
    Ok(c)
}

fn include_files(dir: &std::path::Path, inc: &str) -> Vec<String> {
    let rel = inc
        .strip_prefix("/etc/squid/")
        .or_else(|| (!inc.starts_with('/')).then_some(inc));
    let Some(rel) = rel else { return Vec::new() };
    let full = dir.join(rel);
    let (Some(parent), Some(pattern)) = (full.parent(), full.file_name().and_then(|n| n.to_str()))
    else {
        return Vec::new();
    };
    // squid expands includes with glob(3); globset matches in time linear in the name
    let Ok(matcher) = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|g| g.compile_matcher())
    else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| matcher.is_match(name))
        .map(|name| parent.join(name).to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            parse_proxy_url("http://10.0.0.5:3128/").unwrap(),
            ("10.0.0.5".into(), 3128)
        );
        assert_eq!(
            parse_proxy_url("http://u:p@proxy.corp:8080").unwrap(),
            ("proxy.corp".into(), 8080)
        );
        assert_eq!(parse_proxy_url("proxy:80").unwrap(), ("proxy".into(), 80));
        assert!(parse_proxy_url("http://proxy").is_err());
    }

    #[test]
    fn reg_both_forms() {
        let t = "Windows Registry Editor Version 5.00\n\n[HKEY_USERS\\S-1-5-18\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\n\"ProxyEnable\"=dword:00000001\n\"ProxyServer\"=\"http=10.0.0.5:3128;https=10.0.0.6:3129\"\n\"ProxyOverride\"=\"168.63.129.16;<local>\"\n";
        let f = parse_reg(t, "p.reg").unwrap();
        let s = f.setting.unwrap();
        assert_eq!((s.host.as_str(), s.port), ("10.0.0.6", 3129));
        assert_eq!(s.bypass, vec!["168.63.129.16", "<local>"]);
        assert!(f.notes.iter().any(|n| n.message.contains("10.0.0.5:3128")));
    }

    #[test]
    fn winhttp_direct_and_set() {
        let d = parse_winhttp(
            "\nCurrent WinHTTP proxy settings:\n\n    Direct access (no proxy server).\n",
            "w",
        )
        .unwrap();
        assert!(d.setting.is_none());
        let s = parse_winhttp("Current WinHTTP proxy settings:\n\n    Proxy Server(s) :  10.0.0.5:3128\n    Bypass List     :  (none)\n", "w").unwrap();
        assert_eq!(s.setting.unwrap().port, 3128);
        assert!(parse_winhttp("hello", "w").is_err());
    }
}

/// `reg query "HKU\S-1-5-18\…\Internet Settings"` output (what `azegress probe` reads on Windows), turned
/// into the `.reg` form [`parse_reg`] reads: `    ProxyEnable    REG_DWORD    0x1` becomes
/// `"ProxyEnable"=dword:00000001`, `REG_SZ` values become strings.
pub fn reg_query_to_reg(text: &str) -> String {
    // `reg query` prints the key it was asked for first; the values follow, indented
    let mut out = String::from(
        "Windows Registry Editor Version 5.00\n\n\
         [HKEY_USERS\\S-1-5-18\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\n",
    );
    for line in text.lines() {
        if line.starts_with("HKEY") {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(name), Some(kind)) = (parts.next(), parts.next()) else {
            continue;
        };
        let rest: Vec<&str> = parts.collect();
        let value = rest.join(" ");
        match kind {
            "REG_DWORD" => {
                let n = u32::from_str_radix(value.trim_start_matches("0x"), 16).unwrap_or(0);
                out.push_str(&format!("\"{name}\"=dword:{n:08x}\n"));
            }
            "REG_SZ" | "REG_EXPAND_SZ" => {
                let v = value.replace('\\', "\\\\").replace('"', "\\\"");
                out.push_str(&format!("\"{name}\"=\"{v}\"\n"));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod reg_query_tests {
    use super::*;

    #[test]
    fn reg_query_output_reads_like_an_export() {
        // the shape `reg query` prints (Windows Server 2022)
        let q = "\r\nHKEY_USERS\\S-1-5-18\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\r\n    \
                 ProxyEnable    REG_DWORD    0x1\r\n    ProxyServer    REG_SZ    10.0.1.4:3128\r\n    \
                 ProxyOverride    REG_SZ    168.63.129.16;169.254.169.254;<local>\r\n";
        let f = parse_reg(&reg_query_to_reg(q), "reg query").unwrap();
        let s = f.setting.unwrap();
        assert_eq!((s.host.as_str(), s.port), ("10.0.1.4", 3128));
        assert!(
            s.bypass.iter().any(|b| b == "168.63.129.16"),
            "{:?}",
            s.bypass
        );
        let off =
            "    ProxyEnable    REG_DWORD    0x0\n    ProxyServer    REG_SZ    10.0.1.4:3128\n";
        assert!(
            parse_reg(&reg_query_to_reg(off), "q")
                .unwrap()
                .setting
                .is_none()
        );
    }
}
