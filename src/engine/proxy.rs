//! Which proxy setting the backup extension really uses (reference §5.4, trap 29): on Linux the VMBackup
//! extension reads only `HttpProxy.Host`/`HttpProxy.Port` in `/etc/waagent.conf` (not `http_proxy`); on
//! Windows it runs as LocalSystem and uses the SYSTEM account's WinINet proxy (not the logged-in user's);
//! the machine-wide WinHTTP proxy is the older classic guidance. `--proxy URL` overrides everything.

use crate::diag::{self, Diagnostic};
use crate::model::*;
use crate::tags::fqdn::{FqdnMatch, Host, fqdn_matches};

/// The conclusion: the setting used (if any) and notes on the ones ignored.
#[derive(Clone, Debug, Default)]
pub struct ProxyChoice {
    /// The setting the extension uses.
    pub setting: Option<ProxySetting>,
    /// Where it came from.
    pub kind: Option<ProxyKind>,
    /// What was ignored and why, and other remarks.
    pub notes: Vec<Diagnostic>,
}

/// Chooses the setting the extension uses on `os` from everything found.
pub fn choose(os: Os, found: &[FoundProxy]) -> ProxyChoice {
    let mut c = ProxyChoice::default();
    for f in found {
        c.notes.extend(f.notes.iter().cloned());
    }
    let of = |k: ProxyKind| found.iter().find(|f| f.kind == k);
    if let Some(e) = of(ProxyKind::Explicit) {
        c.setting = e.setting.clone();
        c.kind = Some(ProxyKind::Explicit);
        return c;
    }
    let ignored = |f: &FoundProxy, why: &str, c: &mut ProxyChoice| {
        if let Some(s) = &f.setting {
            c.notes.push(
                Diagnostic::new(
                    &diag::PROXY_SETTING_IGNORED,
                    format!("{} ({}:{}) is ignored: {why}", s.setting, s.host, s.port),
                )
                .at(&s.origin),
            );
        }
    };
    match os {
        Os::Linux => {
            c.setting = of(ProxyKind::Waagent).and_then(|f| f.setting.clone());
            c.kind = c.setting.as_ref().map(|_| ProxyKind::Waagent);
            if let Some(f) = of(ProxyKind::Environment) {
                ignored(
                    f,
                    &format!(
                        "the Linux backup extension reads only HttpProxy.Host/Port in /etc/waagent.conf, not http_proxy ({})",
                        crate::learn::LINUX_AGENT
                    ),
                    &mut c,
                );
            }
            for k in [ProxyKind::Registry, ProxyKind::WinHttp] {
                if let Some(f) = of(k) {
                    ignored(f, "a Windows setting, and the VM runs Linux", &mut c);
                }
            }
        }
        Os::Windows => {
            let reg = of(ProxyKind::Registry);
            let winhttp = of(ProxyKind::WinHttp);
            c.setting = reg.and_then(|f| f.setting.clone());
            c.kind = c.setting.as_ref().map(|_| ProxyKind::Registry);
            if c.setting.is_none() && reg.is_none() {
                c.setting = winhttp.and_then(|f| f.setting.clone());
                c.kind = c.setting.as_ref().map(|_| ProxyKind::WinHttp);
                if let Some(s) = &c.setting {
                    c.notes.push(Diagnostic::new(
                        &diag::WINHTTP_GUIDANCE,
                        format!(
                            "{}: the machine-wide WinHTTP proxy (older classic guidance); current guidance sets the SYSTEM account's proxy (HKEY_USERS\\S-1-5-18 Internet Settings), which was not given (--proxy-reg)",
                            s.setting
                        ),
                    ).at(&s.origin));
                }
            } else if let Some(f) = winhttp {
                ignored(
                    f,
                    "the extension uses the SYSTEM account's Internet Settings given with --proxy-reg",
                    &mut c,
                );
            }
            for k in [ProxyKind::Waagent, ProxyKind::Environment] {
                if let Some(f) = of(k) {
                    ignored(f, "a Linux setting, and the VM runs Windows", &mut c);
                }
            }
            if let Some(s) = &c.setting
                && !s
                    .bypass
                    .iter()
                    .any(|b| b.trim() == crate::tags::special::WIRESERVER)
            {
                c.notes.push(
                    Diagnostic::new(
                        &diag::BYPASS_LACKS_WIRESERVER,
                        format!(
                            "{}: the bypass list does not name 168.63.129.16; the agent's traffic to WireServer must not go through the proxy ({})",
                            s.setting,
                            crate::learn::WIRESERVER
                        ),
                    )
                    .at(&s.origin),
                );
            }
        }
    }
    c
}

/// The OS implied by the proxy inputs given, when the OS is not stated.
pub fn os_from_inputs(found: &[FoundProxy]) -> Option<Os> {
    let linux = found
        .iter()
        .any(|f| matches!(f.kind, ProxyKind::Waagent | ProxyKind::Environment));
    let windows = found
        .iter()
        .any(|f| matches!(f.kind, ProxyKind::Registry | ProxyKind::WinHttp));
    match (linux, windows) {
        (true, false) => Some(Os::Linux),
        (false, true) => Some(Os::Windows),
        _ => None,
    }
}

/// Does the bypass list send `host` directly? (`<local>` = names without a dot.)
pub fn bypassed(setting: &ProxySetting, host: &Host) -> bool {
    setting.bypass.iter().any(|b| {
        let b = b.trim();
        if b.eq_ignore_ascii_case("<local>") {
            return matches!(host, Host::Name(n) if !n.contains('.'));
        }
        let pat = if b.starts_with('.') {
            format!("*{b}")
        } else {
            b.to_string()
        };
        fqdn_matches(&pat, host) == FqdnMatch::Yes
    })
}
