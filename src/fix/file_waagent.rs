//! The file emitter for `/etc/waagent.conf`: the `HttpProxy.Host` and `HttpProxy.Port` lines the Linux
//! backup extension reads, set in place (the last of each, as the agent reads the last) or added after the
//! file's commented example (else at its end). Every other line stays as it was.

/// `text` with `HttpProxy.Host=host` and `HttpProxy.Port=port`; `None` when both are set so already.
pub fn waagent_edit(text: &str, host: &str, port: u16) -> Option<String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let key_of = |l: &str| -> Option<String> {
        let t = l.trim();
        (!t.starts_with('#'))
            .then(|| t.split_once('=').map(|(k, _)| k.trim().to_string()))
            .flatten()
    };
    let mut changed = false;
    for (key, value) in [
        ("HttpProxy.Host", host.to_string()),
        ("HttpProxy.Port", port.to_string()),
    ] {
        let last = lines
            .iter()
            .rposition(|l| key_of(l).as_deref() == Some(key));
        match last {
            Some(i) => {
                let l = &lines[i];
                let (k, rest) = l.split_once('=').unwrap_or((l.as_str(), ""));
                let current = rest.split('#').next().unwrap_or("").trim();
                if current != value {
                    let nl = if l.ends_with('\n') { "\n" } else { "" };
                    lines[i] = format!("{k}={value}{nl}");
                    changed = true;
                }
            }
            None => {
                // after a commented `# HttpProxy.Host=…` example, or the other key, or at the end
                let at = lines
                    .iter()
                    .rposition(|l| {
                        let t = l.trim().trim_start_matches('#').trim();
                        t.starts_with(&format!("{key}=")) || t.starts_with("HttpProxy.")
                    })
                    .map_or(lines.len(), |i| i + 1);
                if at == lines.len()
                    && let Some(l) = lines.last_mut()
                    && !l.ends_with('\n')
                {
                    l.push('\n');
                }
                lines.insert(at, format!("{key}={value}\n"));
                changed = true;
            }
        }
    }
    changed.then(|| lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_the_lines_the_agent_reads() {
        let t = "# Proxy\n# HttpProxy.Host=None\n# HttpProxy.Port=None\nHttpProxy.Host=None\nLogs.Verbose=n\n";
        let out = waagent_edit(t, "10.0.0.5", 3128).unwrap();
        assert_eq!(
            out,
            "# Proxy\n# HttpProxy.Host=None\n# HttpProxy.Port=None\nHttpProxy.Host=10.0.0.5\nHttpProxy.Port=3128\nLogs.Verbose=n\n"
        );
        assert_eq!(waagent_edit(&out, "10.0.0.5", 3128), None);
        let p = crate::ingest::proxy::parse_waagent(&out, "waagent.conf").unwrap();
        let s = p.setting.unwrap();
        assert_eq!((s.host.as_str(), s.port), ("10.0.0.5", 3128));
    }
}
