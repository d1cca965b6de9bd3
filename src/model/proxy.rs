//! Guest proxy settings and the proxy's own policy (squid.conf) (reference §5.4, trap 29).

use super::nsg::Origin;
use serde::Serialize;

/// Operating system of the VM: decides which proxy setting the backup extension reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
// clap: the `help` values keep `--help` as it was (these doc comments are for the library).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Os {
    /// Linux: the VMBackup extension reads `HttpProxy.Host`/`HttpProxy.Port` in `/etc/waagent.conf`.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Linux,
    /// Windows: the extension runs as LocalSystem and uses the SYSTEM account's proxy.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Windows,
}

impl Os {
    /// `linux` or `windows`, any case.
    pub fn parse(s: &str) -> Option<Os> {
        match s.trim().to_ascii_lowercase().as_str() {
            "linux" => Some(Os::Linux),
            "windows" => Some(Os::Windows),
            _ => None,
        }
    }
}

/// One proxy setting as found in one input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProxySetting {
    /// Host name or IP of the proxy.
    pub host: String,
    /// Proxy port.
    pub port: u16,
    /// Hosts that bypass the proxy (`ProxyOverride`, `no_proxy`, WinHTTP bypass list).
    pub bypass: Vec<String>,
    /// Which setting it is (`/etc/waagent.conf HttpProxy.Host`, `ProxyServer (SYSTEM)`, …).
    pub setting: String,
    /// Where it was read.
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a proxy setting came from, which decides whether the extension uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProxyKind {
    /// `HttpProxy.Host/Port` in `/etc/waagent.conf`.
    Waagent,
    /// `http_proxy`/`https_proxy` in `/etc/environment` (not read by the Linux extension).
    Environment,
    /// `netsh winhttp show proxy`.
    WinHttp,
    /// `.reg` export of Internet Settings (WinINet).
    Registry,
    /// `--proxy URL` or the scenario's `proxy.url`.
    Explicit,
}

/// A proxy setting found in an input, or the input's statement that there is none.
#[derive(Clone, Debug)]
pub struct FoundProxy {
    /// Kind of input.
    pub kind: ProxyKind,
    /// The setting; `None` when the input says "no proxy" (`HttpProxy.Host=None`, "Direct access").
    pub setting: Option<ProxySetting>,
    /// Notes about the input (user hive instead of SYSTEM, `ProxyEnable=0`, …).
    pub notes: Vec<crate::diag::Diagnostic>,
    /// The input file.
    pub origin: Origin,
}

/// One `acl` line of squid.conf (lines with the same name add values).
#[derive(Clone, Debug)]
pub struct SquidAcl {
    /// ACL name.
    pub name: String,
    /// Type (`src`, `dst`, `dstdomain`, `port`, `method`, …).
    pub kind: String,
    /// Values, flags removed.
    pub values: Vec<String>,
    /// File (squid.conf or an included file).
    pub file: String,
    /// Line.
    pub line: usize,
}

/// One `http_access` line.
#[derive(Clone, Debug)]
pub struct SquidAccess {
    /// `allow` or `deny`.
    pub allow: bool,
    /// ACL names, `!` for negation, all must match (AND).
    pub acls: Vec<(bool, String)>,
    /// File (squid.conf or an included file).
    pub file: String,
    /// Line.
    pub line: usize,
    /// The line as written.
    pub text: String,
}

/// A squid directive with an allow/deny (or action) and ACLs: `never_direct allow x`, `ssl_bump bump all`.
#[derive(Clone, Debug)]
pub struct SquidDirective {
    /// `allow`, `deny`, or the `ssl_bump` action (`bump`, `peek`, `splice`, …).
    pub action: String,
    /// ACL names, `true` when negated.
    pub acls: Vec<(bool, String)>,
    /// File.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

/// A parsed squid.conf.
#[derive(Clone, Debug, Default)]
pub struct SquidConf {
    /// The file.
    pub file: String,
    /// `http_port` ports with their lines.
    pub http_ports: Vec<(u16, usize)>,
    /// `acl` lines.
    pub acls: Vec<SquidAcl>,
    /// `http_access` lines in order.
    pub access: Vec<SquidAccess>,
    /// `include` lines not followed, with their line numbers.
    pub includes: Vec<(String, usize)>,
    /// Included files that were found and read.
    pub included: Vec<String>,
    /// `cache_peer` parents: host and line.
    pub peers: Vec<(String, usize)>,
    /// `never_direct` lines (with a parent, matching requests go to it).
    pub never_direct: Vec<SquidDirective>,
    /// `always_direct` lines.
    pub always_direct: Vec<SquidDirective>,
    /// `ssl_bump` lines.
    pub ssl_bump: Vec<SquidDirective>,
    /// Ports squid listens on transparently (`intercept`, `transparent`, `tproxy`).
    pub intercept_ports: Vec<(u16, usize)>,
}
