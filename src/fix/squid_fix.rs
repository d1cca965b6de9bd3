//! The squid parts of option `proxy` that need no guess: the exemption's source when the VM's address is
//! not given (a `src` ACL squid.conf already defines, said to open the blob hosts to every client it
//! covers), and `ssl_bump splice` for the blob hosts before a `bump` (the VM does not trust the proxy's CA).

use crate::diag::{self, Diagnostic};
use crate::engine::check::PathInputs;
use crate::model::fix::{Change, NewSquidLines};
use crate::model::{Origin, SquidConf};
use crate::tags::fqdn::Host;

/// The source part of the exemption: the ACL name to allow and the `acl` lines to add before it, with the
/// note to show; or why there is none (the VM's address is needed).
pub(super) fn source(
    cur: &PathInputs,
    conf: &SquidConf,
    file: &str,
    before_line: usize,
    port: u16,
) -> Result<(String, Vec<String>, Option<Diagnostic>), String> {
    let own = |src: String| {
        (
            "azegress_backup_src".to_string(),
            vec![format!("acl azegress_backup_src src {src}")],
            None,
        )
    };
    if let Some(ip) = cur.vm_ip {
        return Ok(own(ip.to_string()));
    }
    if !cur.vnet.is_empty() {
        let v: Vec<String> = cur.vnet.iter().map(ToString::to_string).collect();
        return Ok(own(v.join(" ")));
    }
    // a `src` ACL of addresses that an `http_access allow` line uses for its clients: the one that holds
    // the proxy VM's own address (the VM shares its network), else one named `localnet`
    let mut names: Vec<&str> = Vec::new();
    for a in &conf.acls {
        if a.kind == "src" && !names.contains(&a.name.as_str()) {
            names.push(&a.name);
        }
    }
    let addrs = |name: &str| -> Option<Vec<ipnet::IpNet>> {
        let vals: Vec<&String> = conf
            .acls
            .iter()
            .filter(|a| a.name == name)
            .flat_map(|a| a.values.iter())
            .collect();
        let nets: Option<Vec<ipnet::IpNet>> =
            vals.iter().map(|v| crate::tags::parse_prefix(v)).collect();
        nets.filter(|n| !n.is_empty())
    };
    let used = |name: &str| {
        conf.access
            .iter()
            .any(|a| a.allow && a.acls.iter().any(|(neg, n)| !neg && n == name))
    };
    let candidates: Vec<(&str, Vec<ipnet::IpNet>)> = names
        .iter()
        .filter(|n| used(n) && !matches!(**n, "localhost" | "all"))
        .filter_map(|n| addrs(n).map(|a| (*n, a)))
        .collect();
    let pick = cur
        .parts
        .proxy_ip
        .and_then(|ip| {
            candidates
                .iter()
                .find(|(_, nets)| nets.iter().any(|n| n.contains(&ip)))
        })
        .or_else(|| candidates.iter().find(|(n, _)| *n == "localnet"));
    let Some((name, nets)) = pick else {
        return Err(
            "the squid exemption needs the VM's source address: pass --vm-ip (the VM's IP) or --vnet (its VNet's address space)"
                .to_string(),
        );
    };
    let def = conf
        .acls
        .iter()
        .find(|a| a.name == *name)
        .map(|a| (a.file.clone(), a.line));
    let list: Vec<String> = nets.iter().map(ToString::to_string).collect();
    let (at_file, at_line) = def.clone().unwrap_or_default();
    let note = Diagnostic::new(
        &diag::SQUID_SHARED_ACL,
        format!(
            "{at_file}:{at_line}: the VM's address is not given, so the exemption uses squid.conf's own `acl {name} src` ({}) as its source: it opens the blob hosts on port {port} to every client it covers, not only the VM; pass --vm-ip or --vnet to narrow it",
            list.join(" ")
        ),
    )
    .at(&Origin::at(&at_file, at_line));
    // squid reads its configuration in order: an ACL defined below the new line is copied, not named
    let defined_above = def.is_some_and(|(f, l)| f != file || l < before_line);
    if defined_above {
        Ok((name.to_string(), Vec::new(), Some(note)))
    } else {
        Ok((
            "azegress_backup_src".into(),
            vec![
                format!("# the addresses of acl {name}, which is defined below this line"),
                format!("acl azegress_backup_src src {}", list.join(" ")),
            ],
            Some(note),
        ))
    }
}

/// `ssl_bump splice` for the blob hosts before the first `ssl_bump` line, when the line that decides for
/// them bumps: the VM does not trust the proxy's CA, so a bumped TLS connection fails. `None` when squid
/// does not bump them (or they are spliced already).
pub(super) fn splice(cur: &PathInputs) -> Option<(Change, Diagnostic)> {
    let conf = cur.parts.squid.as_ref()?;
    let suffix = crate::tags::fqdn::blob_suffix(&cur.tags.cloud);
    let host = Host::AnyAccount(suffix.to_string());
    let bump = crate::engine::squid::ssl_bump_for(conf, &host).filter(|d| d.action == "bump")?;
    let first = conf.ssl_bump.first()?;
    let text = std::iter::once(format!("ssl_bump {}", first.action))
        .chain(
            first
                .acls
                .iter()
                .map(|(neg, n)| format!("{}{n}", if *neg { "!" } else { "" })),
        )
        .collect::<Vec<_>>()
        .join(" ");
    let note = Diagnostic::new(
        &diag::SQUID_SPLICE,
        format!(
            "{}:{}: squid bumps TLS to the blob hosts (`ssl_bump bump`): it would present its own certificate, which the VM does not trust, so the backup extension's TLS would fail; fix adds `ssl_bump splice` for .{suffix} before line {} so squid tunnels those hosts untouched",
            bump.file, bump.line, first.line
        ),
    )
    .at(&Origin::at(&bump.file, bump.line));
    Some((
        Change::SquidLines(NewSquidLines {
            file: first.file.clone(),
            before_line: first.line,
            denying: text,
            lines: vec![
                "# azegress fix: TLS to Azure Storage passes untouched (the VM does not trust the proxy's CA)".into(),
                format!("acl azegress_backup_sni ssl::server_name .{suffix}"),
                "ssl_bump splice azegress_backup_sni".into(),
            ],
        }),
        note,
    ))
}
