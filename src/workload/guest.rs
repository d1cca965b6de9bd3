//! What each workload reads inside the guest: its proxy (SAP HANA's ExtensionSettingsOverrides.json, Site
//! Recovery's ProxyInfo.conf, the SYSTEM account's proxy on Windows) and which OS it runs on.

use super::{WorkloadInputs, WorkloadKind};
use crate::diag::{self, Diagnostic};
use crate::engine::check::PathInputs;
use crate::error::Error;
use crate::ingest::proxy::parse_proxy_url;
use crate::model::*;

/// The workload's own proxy, as read.
#[derive(Clone, Debug)]
pub struct WorkloadProxy {
    /// The setting, as a proxy the check uses.
    pub found: FoundProxy,
    /// The setting carries credentials (`user:pass@`, `Username=`): the proxy authenticates.
    pub credentials: bool,
    /// Where it was read (`--proxy`, `ProxyInfo.conf:3`).
    pub source: String,
}

/// SAP HANA's `/opt/msawb/bin/ExtensionSettingsOverrides.json`, read.
#[derive(Clone, Debug, Default)]
pub struct HanaSettings {
    /// `UseProxyForAAD`.
    pub use_proxy_for_aad: bool,
    /// `UseProxyForAzureBackup` (not supported: Backup goes direct).
    pub use_proxy_for_backup: bool,
    /// `UseProxyForAzureStorage` (not supported: Storage goes direct).
    pub use_proxy_for_storage: bool,
    /// `ProxyServerAddress`.
    pub address: Option<String>,
    /// The file.
    pub file: String,
}

fn has_credentials(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let auth = rest.split(['/', '?', '#']).next().unwrap_or("");
    auth.contains('@')
}

fn explicit(host: String, port: u16, setting: String, origin: Origin) -> FoundProxy {
    FoundProxy {
        kind: ProxyKind::Explicit,
        setting: Some(ProxySetting {
            host,
            port,
            bypass: Vec::new(),
            setting,
            origin: origin.clone(),
        }),
        notes: Vec::new(),
        origin,
    }
}

/// `--proxy URL` as the workload's proxy.
pub fn from_url(url: &str, what: &str) -> Result<WorkloadProxy, Error> {
    let (host, port) = parse_proxy_url(url).map_err(|m| Error::Usage(format!("{what}: {m}")))?;
    Ok(WorkloadProxy {
        found: explicit(host, port, what.into(), Origin::at(what, 0)),
        credentials: has_credentials(url),
        source: what.into(),
    })
}

/// Parses ExtensionSettingsOverrides.json (keys any case; booleans as JSON booleans or strings).
pub fn parse_hana_settings(text: &str, file: &str) -> Result<HanaSettings, Error> {
    let v: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| {
            Error::input(
                file,
                e.line(),
                format!("not JSON ({e}); expected ExtensionSettingsOverrides.json with UseProxyForAAD and ProxyServerAddress"),
            )
        })?;
    let obj = v.as_object().ok_or_else(|| {
        Error::input(
            file,
            1,
            "expected a JSON object with UseProxyForAAD and ProxyServerAddress",
        )
    })?;
    let get = |k: &str| {
        obj.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| v)
    };
    let flag = |k: &str| -> Result<bool, Error> {
        match get(k) {
            None | Some(serde_json::Value::Null) => Ok(false),
            Some(serde_json::Value::Bool(b)) => Ok(*b),
            Some(serde_json::Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
            Some(serde_json::Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
            Some(_) => Err(Error::input(
                file,
                line_of(text, k),
                format!("{k} must be true or false"),
            )),
        }
    };
    let address = match get("ProxyServerAddress") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => Some(s.trim().to_string()),
        Some(_) => {
            return Err(Error::input(
                file,
                line_of(text, "ProxyServerAddress"),
                "ProxyServerAddress must be a string such as \"http://10.0.0.5:3128\"",
            ));
        }
    };
    Ok(HanaSettings {
        use_proxy_for_aad: flag("UseProxyForAAD")?,
        use_proxy_for_backup: flag("UseProxyForAzureBackup")?,
        use_proxy_for_storage: flag("UseProxyForAzureStorage")?,
        address,
        file: file.to_string(),
    })
}

fn line_of(text: &str, key: &str) -> usize {
    let k = key.to_ascii_lowercase();
    text.lines()
        .position(|l| l.to_ascii_lowercase().contains(&k))
        .map_or(0, |i| i + 1)
}

impl HanaSettings {
    /// The proxy it sets for Microsoft Entra ID traffic, and the warnings about what it cannot do.
    pub fn proxy(&self) -> Result<(Option<WorkloadProxy>, Vec<Diagnostic>), Error> {
        let mut notes = Vec::new();
        for (on, key, what) in [
            (
                self.use_proxy_for_backup,
                "UseProxyForAzureBackup",
                "Azure Backup",
            ),
            (
                self.use_proxy_for_storage,
                "UseProxyForAzureStorage",
                "Azure Storage",
            ),
        ] {
            if on {
                notes.push(Diagnostic::new(
                    &diag::WORKLOAD_PROXY_UNSUPPORTED,
                    format!(
                        "{}: {key} is true, but SAP HANA supports a proxy only for Microsoft Entra ID traffic: {what} still goes direct (allow it on the path, or use the vault's private endpoints)",
                        self.file
                    ),
                ));
            }
        }
        let proxy = match (&self.address, self.use_proxy_for_aad) {
            (Some(a), true) => {
                let (host, port) = parse_proxy_url(a)
                    .map_err(|m| Error::input(&self.file, 0, format!("ProxyServerAddress: {m}")))?;
                let setting = format!("{} ProxyServerAddress (UseProxyForAAD)", self.file);
                Some(WorkloadProxy {
                    found: explicit(host, port, setting.clone(), Origin::at(&self.file, 0)),
                    credentials: has_credentials(a),
                    source: setting,
                })
            }
            (None, true) => {
                return Err(Error::input(
                    &self.file,
                    0,
                    "UseProxyForAAD is true but ProxyServerAddress is not set: give \"ProxyServerAddress\": \"http://HOST:PORT\"",
                ));
            }
            (_, false) => None,
        };
        Ok((proxy, notes))
    }
}

/// Site Recovery's ProxyInfo.conf: `[proxy]` with `Address=http://1.2.3.4` and `Port=567` (and, for an
/// authenticating proxy, `Username`/`Password`, which the Mobility service does not support).
pub fn parse_proxy_info(text: &str, file: &str) -> Result<Option<WorkloadProxy>, Error> {
    let mut in_proxy = false;
    let (mut addr, mut port, mut user) = (None, None, false);
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with(';') {
            continue;
        }
        if l.starts_with('[') {
            in_proxy = l
                .trim_matches(['[', ']'])
                .trim()
                .eq_ignore_ascii_case("proxy");
            continue;
        }
        let Some((k, v)) = l.split_once('=') else {
            return Err(Error::input(
                file,
                i + 1,
                format!(
                    "`{}` is not KEY=VALUE; ProxyInfo.conf holds [proxy] with Address= and Port=",
                    crate::report::safe::one_line(l)
                ),
            ));
        };
        if !in_proxy {
            continue;
        }
        let v = v.trim().trim_matches('"').to_string();
        match k.trim().to_ascii_lowercase().as_str() {
            "address" => addr = Some((v, i + 1)),
            "port" => port = Some((v, i + 1)),
            "username" | "password" if !v.is_empty() => user = true,
            _ => {}
        }
    }
    let Some((a, line)) = addr.filter(|(a, _)| !a.is_empty()) else {
        return Ok(None);
    };
    let hostpart = a
        .split_once("://")
        .map_or(a.as_str(), |(_, r)| r)
        .trim_end_matches('/');
    let url = match &port {
        Some((p, _)) if !hostpart.contains(':') => format!("{}:{p}", a.trim_end_matches('/')),
        _ => a.clone(),
    };
    let (host, p) = parse_proxy_url(&url).map_err(|m| {
        Error::input(
            file,
            port.as_ref().map_or(line, |(_, l)| *l),
            format!("Address/Port: {m}"),
        )
    })?;
    let setting = format!("{file}:{line} [proxy] Address");
    Ok(Some(WorkloadProxy {
        found: explicit(host, p, setting.clone(), Origin::at(file, line)),
        credentials: user || has_credentials(&a),
        source: setting,
    }))
}

/// The OS a workload runs on (SQL Server backup and MARS are Windows; SAP HANA is Linux).
pub fn os_of(kind: WorkloadKind, inp: &PathInputs) -> Os {
    match kind {
        WorkloadKind::Sql | WorkloadKind::Mars | WorkloadKind::Mabs => Os::Windows,
        WorkloadKind::Hana => Os::Linux,
        WorkloadKind::Vm | WorkloadKind::Asr => inp
            .parts
            .os
            .or_else(|| crate::engine::proxy::os_from_inputs(&inp.parts.proxy_found))
            .unwrap_or(Os::Linux),
    }
}

/// The proxy the workload uses, as the one proxy the check sees (empty: direct).
pub fn proxy_for(
    kind: WorkloadKind,
    inp: &PathInputs,
    wi: &WorkloadInputs,
    notes: &mut Vec<Diagnostic>,
) -> Vec<FoundProxy> {
    if let Some(p) = &wi.proxy {
        return vec![p.found.clone()];
    }
    let found = &inp.parts.proxy_found;
    let of = |k: ProxyKind| {
        found
            .iter()
            .find(|f| f.kind == k && f.setting.is_some())
            .cloned()
    };
    let os = os_of(kind, inp);
    let system = match (kind, os) {
        (WorkloadKind::Hana, _) => None,
        (_, Os::Windows) => of(ProxyKind::Explicit)
            .or_else(|| of(ProxyKind::Registry))
            .or_else(|| of(ProxyKind::WinHttp)),
        (WorkloadKind::Asr, Os::Linux) => {
            of(ProxyKind::Explicit).or_else(|| of(ProxyKind::Environment))
        }
        (_, Os::Linux) => of(ProxyKind::Explicit),
    };
    match system {
        Some(mut f) => {
            f.kind = ProxyKind::Explicit;
            vec![f]
        }
        None => {
            let what = match kind {
                WorkloadKind::Mars | WorkloadKind::Mabs => Some(
                    "the MARS agent's proxy setting is not given (its Proxy Configuration; Get-OBMachineSetting on the server; pass --proxy URL): direct assumed",
                ),
                WorkloadKind::Hana if found.iter().any(|f| f.setting.is_some()) => Some(
                    "SAP HANA's plugin takes its proxy from /opt/msawb/bin/ExtensionSettingsOverrides.json only, which is not given (--hana-settings FILE): the guest proxy settings given are not used, direct assumed",
                ),
                _ => None,
            };
            if let Some(w) = what {
                notes.push(Diagnostic::new(&diag::WORKLOAD_PROXY_NOT_GIVEN, w));
            }
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hana_settings_proxy_only_for_entra() {
        // workloads-egress.md §3 (S8): UseProxyForAAD true, UseProxyForAzureBackup/Storage false
        let s = parse_hana_settings(
            r#"{"UseProxyForAAD": true, "UseProxyForAzureBackup": true, "UseProxyForAzureStorage": false, "ProxyServerAddress": "http://10.0.0.5:3128"}"#,
            "ExtensionSettingsOverrides.json",
        )
        .unwrap();
        let (p, notes) = s.proxy().unwrap();
        let p = p.unwrap();
        assert_eq!(p.found.setting.unwrap().port, 3128);
        assert!(!p.credentials);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.contains("Azure Backup still goes direct"));
        assert!(parse_hana_settings("[1]", "x.json").is_err());
        assert!(parse_hana_settings(r#"{"UseProxyForAAD": 3}"#, "x.json").is_err());
    }

    #[test]
    fn proxy_info_conf_and_credentials() {
        // workloads-egress.md §6 (S20): [proxy] Address=http://1.2.3.4 Port=567
        let p = parse_proxy_info(
            "[proxy]\nAddress=http://1.2.3.4\nPort=567\n",
            "ProxyInfo.conf",
        )
        .unwrap()
        .unwrap();
        let s = p.found.setting.unwrap();
        assert_eq!((s.host.as_str(), s.port), ("1.2.3.4", 567));
        assert!(!p.credentials);
        let p = parse_proxy_info(
            "[proxy]\nAddress=http://1.2.3.4\nPort=567\nUsername=u\nPassword=p\n",
            "ProxyInfo.conf",
        )
        .unwrap()
        .unwrap();
        assert!(p.credentials);
        assert!(
            parse_proxy_info("[other]\nx=1\n", "p.conf")
                .unwrap()
                .is_none()
        );
        assert!(parse_proxy_info("[proxy]\ngarbage\n", "p.conf").is_err());
        assert!(
            from_url("http://u:p@10.0.0.5:3128", "--proxy")
                .unwrap()
                .credentials
        );
        assert!(
            !from_url("http://10.0.0.5:3128", "--proxy")
                .unwrap()
                .credentials
        );
    }
}
