//! The `azegress` binary: parse arguments, call the library, map the outcome to an exit code.
//! Exit codes are API: 0 reachable, 1 blocked or partial, 2 usage or input error, 3 inconclusive.

use azegress::app::{self, CheckOptions, FlowOptions};
use azegress::fix::FixOption;
use azegress::model::{DecisionAccess, Direction, Os, Protocol};
use azegress::report::emit::Emit;
use azegress::report::{self, Format};
use azegress::requirements::Disks;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "azegress",
    version,
    about = "Can this Azure VM's backup extension reach regional Azure Storage? Offline, exact, with the deciding rule.",
    after_help = "Exit codes: 0 every required flow allowed, 1 something blocked or partly blocked, 2 usage or input error, 3 inconclusive."
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
    /// Largest input file read, in bytes or with a K, M or G suffix (default 1G).
    #[arg(long, global = true, value_parser = parse_size, default_value = "1G")]
    max_input_size: u64,
}

/// One port of `--ports`; a range gets a message that says what is meant.
fn parse_port(s: &str) -> Result<u16, String> {
    let t = s.trim();
    if t.contains('-') || t == "*" {
        return Err(format!(
            "`{t}`: --ports takes single ports, comma-separated: 80,443,8443 (the backup extension needs each exact port)"
        ));
    }
    t.parse::<u16>()
        .map_err(|_| format!("`{t}` is not a port (0-65535); e.g. --ports 80,443,8443"))
}

/// `1G`, `500M`, `64K` or plain bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mul) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mul))
        .ok_or_else(|| format!("`{s}` is not a size (e.g. 1G, 500M, 4096)"))
}

#[derive(Subcommand)]
enum Cmd {
    /// Check the backup extension's flows to Storage.<Region> along the whole path: NSGs, routes, firewall, proxy.
    Check(Box<CheckArgs>),
    /// Generate the change that repairs a blocked path for the egress option you pick, proven by a re-check.
    Fix(Box<FixArgs>),
    /// Explain a backup error (ExtensionSnapshotFailedNoNetwork): every cause provable offline, with evidence,
    /// location and the fix option; what to check on the VM; codes easily confused with it.
    Diagnose(Box<DiagnoseArgs>),
    /// Offline IP flow verify for one 5-tuple (like Network Watcher's).
    Flow(FlowArgs),
    /// On the VM itself: can the backup extension's connections really get through? DNS, TCP or the proxy's
    /// CONNECT, TLS and HTTP per port, timed, with the failing step and its likely cause.
    Probe(Box<ProbeArgs>),
    /// CI gate: requirement packs for every VM found in the resources (the backup path by default), lints
    /// for every NSG; table, JSON, SARIF, JUnit or Markdown.
    Gate(Box<GateArgs>),
    /// What a change newly blocks or allows, per VM, requirement and port (not a text diff).
    Diff(Box<DiffArgs>),
    /// What a diagnostic code means (`azegress explain AZE0311`), or every code (`--list`).
    Explain {
        /// The code or its name (`AZE0311`, `no-route-table`).
        code: Option<String>,
        /// List every code.
        #[arg(long)]
        list: bool,
    },
    /// Inspect the service tags in use.
    Tags {
        #[command(subcommand)]
        cmd: TagsCmd,
    },
}

#[derive(Subcommand)]
enum TagsCmd {
    /// Cloud, changeNumber and source of the loaded tags.
    Info {
        /// Service-tag file (default: the bundled file).
        #[arg(long)]
        service_tags: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
    /// Every tag whose prefixes hold an address (an engineer's first question about a log line).
    Lookup {
        /// The address, e.g. 20.33.154.10.
        ip: String,
        /// Service-tag file.
        #[arg(long)]
        service_tags: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
    /// Prefixes added and removed per tag between two tag files, and which regions' Storage tags changed.
    Diff {
        /// The older file.
        old: String,
        /// The newer file.
        new: String,
        /// Only this tag (any case).
        #[arg(long)]
        tag: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
    /// Download the current weekly service-tag file into the cache (check then uses it), keeping the previous one.
    Update {
        /// Which cloud's file.
        #[arg(long, value_enum, default_value = "public")]
        cloud: CloudArg,
        /// The file (or a page linking it, or a mirror) instead of Microsoft's download page.
        #[arg(long)]
        url: Option<String>,
        /// Cache directory (default: $AZEGRESS_CACHE_DIR, else ~/.cache/azegress/service-tags).
        #[arg(long)]
        dir: Option<String>,
        /// Install even if its changeNumber is older than the file it replaces, or it looks wrong compared with it.
        #[arg(long)]
        force: bool,
        /// The longest the whole download may take, e.g. 5m.
        #[arg(long, default_value = "120s")]
        timeout: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
    /// The prefixes of one tag (special tags are computed for --vnet).
    Show {
        /// Tag name, any case (`Storage.KoreaCentral`, `Internet`).
        tag: String,
        /// Service-tag file.
        #[arg(long)]
        service_tags: Option<String>,
        /// VNet address space, for VirtualNetwork / Internet.
        #[arg(long)]
        vnet: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Table,
    Json,
    /// A Mermaid flowchart of the path (check only).
    Mermaid,
    /// Markdown for a pull-request comment: verdict, table and the diagram (check only).
    Markdown,
}

/// Text or JSON, for the `tags` commands.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextFormat {
    /// Lines for people.
    Table,
    /// JSON with `schema_version`.
    Json,
}

#[derive(Args)]
struct FixArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// Which egress option to fix with: auto picks the one with the fewest changes that opens the least.
    #[arg(long, value_enum, default_value = "auto")]
    option: OptionArg,
    /// Languages to write the change in (repeatable or comma-separated; default azcli).
    #[arg(long, value_enum, value_delimiter = ',')]
    emit: Vec<EmitArg>,
    /// Write `<stem>.fixed.<ext>` beside each changed input file (never over it, never through a symlink,
    /// atomically) and check them again from disk.
    #[arg(long)]
    write: bool,
    /// With --write: replace a `.fixed` file that exists already (else it is kept and fix stops, exit 2).
    #[arg(long, requires = "write")]
    force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum CloudArg {
    Public,
    Usgov,
    China,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GateFormat {
    Table,
    Json,
    /// SARIF 2.1.0 for code scanning (each finding at its rule's file and line).
    Sarif,
    /// JUnit XML: one test case per requirement and VM.
    Junit,
    /// Markdown for a pull-request comment.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
}

#[derive(Args)]
struct GateArgs {
    /// Resources: az list output, Resource Graph pages, ARM templates, or directories of them (recursive).
    inputs: Vec<String>,
    /// Requirement pack: a built-in name (azure-vm-backup, the default) or a YAML file; repeatable.
    #[arg(long)]
    pack: Vec<String>,
    /// Run the examples a pack file carries and compare with what they expect.
    #[arg(long)]
    test_pack: Option<String>,
    /// Region for VMs whose NIC names none.
    #[arg(long)]
    region: Option<String>,
    /// Disks of the VMs (which backup ports).
    #[arg(long, value_enum)]
    disks: Option<DisksArg>,
    /// Backup ports instead of the disks' defaults (comma-separated).
    #[arg(long, value_delimiter = ',')]
    ports: Option<Vec<u16>>,
    /// Service-tag file.
    #[arg(long)]
    service_tags: Option<String>,
    /// Exit 1 on findings of this severity or worse.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOnArg,
    /// Accept the findings whose fingerprints this file lists (fail on new ones only).
    #[arg(long)]
    baseline: Option<String>,
    /// Write the fingerprints of today's open findings to FILE (a new baseline).
    #[arg(long)]
    write_baseline: Option<String>,
    /// Skip the NSG lints.
    #[arg(long)]
    no_lints: bool,
    /// ARM parameter files for the templates among the inputs (repeatable).
    #[arg(long)]
    parameters: Vec<String>,
    /// VNet address space for VMs whose VNet is not among the inputs (repeatable or comma-separated).
    #[arg(long, value_delimiter = ',')]
    vnet: Vec<String>,
    /// A proxy's squid.conf to lint (repeatable): does it let the backup extension through on 443 and 8443?
    #[arg(long)]
    squid_conf: Vec<String>,
    /// Accept findings of a code (or lint name; repeatable or comma-separated), like an inline suppression.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    allow: Vec<String>,
    /// Make findings of a code (or lint name) errors, so they fail the gate.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    deny: Vec<String>,
    /// Inputs that hold no VM, subnet or NSG pass (exit 0); without it, nothing to gate is inconclusive (exit 3).
    #[arg(long)]
    allow_empty: bool,
    /// Every assumption listed (a VM's subnet not among the inputs, its disk kind not stated) makes the gate
    /// inconclusive (exit 3) unless something fails.
    #[arg(long)]
    strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: GateFormat,
    /// Also write SARIF to FILE (one run, several outputs).
    #[arg(long)]
    sarif: Option<String>,
    /// Also write JUnit XML to FILE.
    #[arg(long)]
    junit: Option<String>,
    /// Also write Markdown to FILE (e.g. $GITHUB_STEP_SUMMARY).
    #[arg(long)]
    markdown: Option<String>,
}

#[derive(Args)]
struct DiffArgs {
    /// Resources before the change (files or directories).
    #[arg(long, num_args = 1.., required = true)]
    before: Vec<String>,
    /// Resources after it.
    #[arg(long, num_args = 1.., required = true)]
    after: Vec<String>,
    /// Requirement pack (default azure-vm-backup); repeatable.
    #[arg(long)]
    pack: Vec<String>,
    /// Region for VMs whose NIC names none.
    #[arg(long)]
    region: Option<String>,
    /// Service-tag file for both sides.
    #[arg(long)]
    service_tags: Option<String>,
    /// Service-tag file for the before side (e.g. last week's).
    #[arg(long)]
    tags_before: Option<String>,
    /// Service-tag file for the after side.
    #[arg(long)]
    tags_after: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: TextFormat,
}

#[derive(Args)]
struct ProbeArgs {
    /// The storage account the backup uses (the vault's staging account), e.g. contosobackup01.
    #[arg(long)]
    account: Option<String>,
    /// A storage host instead, e.g. contosobackup01.blob.core.windows.net.
    #[arg(long)]
    host: Option<String>,
    /// Many hosts or account names, one per line (`#` comments), probed concurrently.
    #[arg(long)]
    hosts: Option<String>,
    /// The VM's region: resolved addresses are checked against Storage.<Region>.
    #[arg(long)]
    region: Option<String>,
    /// TCP ports: 80 is plain HTTP, others TLS; `http:PORT` / `https:PORT` say it explicitly.
    #[arg(long, value_delimiter = ',', default_value = "80,443,8443")]
    ports: Vec<String>,
    /// auto (the setting the backup extension itself reads), none, or http://[user:pass@]HOST:PORT.
    #[arg(long, default_value = "auto")]
    proxy: String,
    /// DNS server IP[:PORT] (default: the system's resolver configuration).
    #[arg(long)]
    dns: Option<String>,
    /// Extra trusted CA certificates (PEM), e.g. a TLS-inspecting firewall's CA.
    #[arg(long)]
    ca_file: Option<String>,
    /// Per step, e.g. 5s or 500ms.
    #[arg(long, default_value = "5s")]
    timeout: String,
    /// Guest OS whose proxy rules apply (default: this machine's).
    #[arg(long, value_enum)]
    os: Option<OsArg>,
    /// waagent.conf for --proxy auto on Linux.
    #[arg(long, default_value = "/etc/waagent.conf")]
    waagent_conf: String,
    /// `netsh winhttp show proxy` output for --proxy auto on Windows (default: run netsh).
    #[arg(long)]
    winhttp: Option<String>,
    /// SYSTEM Internet Settings .reg export for --proxy auto on Windows (default: read the registry).
    #[arg(long)]
    proxy_reg: Option<String>,
    /// VM agent endpoints, always probed direct (comma-separated).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "168.63.129.16:80,168.63.129.16:32526"
    )]
    agent: Vec<String>,
    /// Do not probe the VM agent's endpoints.
    #[arg(long)]
    no_agent: bool,
    /// Open connections at most.
    #[arg(long, default_value = "64")]
    concurrency: usize,
    /// Service-tag file for the address check.
    #[arg(long)]
    service_tags: Option<String>,
    /// Also write the observations as JSON to FILE (for `diagnose --probe FILE`).
    #[arg(long)]
    out: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: TextFormat,
}

/// `5s`, `500ms`, `2m` or plain seconds.
fn duration_arg(s: &str, what: &str) -> Result<std::time::Duration, azegress::Error> {
    let t = s.trim();
    let (num, unit) = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((t, "s"), |i| (&t[..i], &t[i..]));
    let n: f64 = num.parse().map_err(|_| {
        app::usage(&format!(
            "{what} `{s}`: expected a duration such as 5s or 500ms"
        ))
    })?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        _ => {
            return Err(app::usage(&format!(
                "{what} `{s}`: expected a duration such as 5s or 500ms"
            )));
        }
    };
    if !(0.001..=3600.0).contains(&secs) {
        return Err(app::usage(&format!("{what} `{s}`: between 1ms and 1h")));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

#[derive(Args)]
struct DiagnoseArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// The error code Azure Backup reported.
    #[arg(long, default_value = "ExtensionSnapshotFailedNoNetwork")]
    error: String,
    /// What `azegress probe --out FILE` saw on the VM, joined with the offline analysis port by port.
    #[arg(long)]
    probe: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OptionArg {
    Auto,
    Nsg,
    IpRanges,
    Firewall,
    Route,
    Proxy,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EmitArg {
    /// The input file itself, changed (`nsg.json` → `nsg.fixed.json`), shown as a diff.
    File,
    Azcli,
    Powershell,
    Arm,
    Bicep,
    Terraform,
}

#[derive(Clone, Copy, ValueEnum)]
enum OsArg {
    Linux,
    Windows,
}

#[derive(Clone, Copy, ValueEnum)]
enum DisksArg {
    Managed,
    Unmanaged,
}

#[derive(Clone, Copy, ValueEnum)]
enum DirArg {
    Outbound,
    Inbound,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProtoArg {
    Tcp,
    Udp,
}

#[derive(Args)]
struct NsgArgs {
    /// NSG on the NIC: ARM/REST JSON, `az` output, ARM template (FILE#name), effective rules, or azegress YAML.
    #[arg(long)]
    nic_nsg: Option<String>,
    /// NSG on the subnet (same formats).
    #[arg(long)]
    subnet_nsg: Option<String>,
    /// `az network nic list-effective-nsg` output holding the NIC and/or subnet NSG.
    #[arg(long)]
    effective_nsg: Option<String>,
    /// VNet address space (repeatable or comma-separated); makes `VirtualNetwork` and `Internet` exact.
    #[arg(long)]
    vnet: Vec<String>,
    /// Service-tag file (ServiceTags_<Cloud>_<date>.json or Discovery API output); default: bundled snapshot.
    #[arg(long)]
    service_tags: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
}

#[derive(Args)]
struct CheckArgs {
    /// Scenario YAML naming region, VM, VNet and NSGs (flags override it).
    scenario: Option<String>,
    #[command(flatten)]
    nsg: NsgArgs,
    /// Azure region of the VM and vault, e.g. koreacentral.
    #[arg(long)]
    region: Option<String>,
    /// Disk kind: managed needs 8443, unmanaged 443 (or 80 with --unencrypted-storage).
    #[arg(long, value_enum)]
    disks: Option<DisksArg>,
    /// Unmanaged disks in an unencrypted storage account (port 80).
    #[arg(long)]
    unencrypted_storage: bool,
    /// Explicit ports instead of the disk-based requirement, e.g. 80,443,8443.
    #[arg(long, value_delimiter = ',', value_parser = parse_port)]
    ports: Option<Vec<u16>>,
    /// The VM's private IP.
    #[arg(long)]
    vm_ip: Option<String>,
    /// Also check the IPv6 prefixes of the Storage tag.
    #[arg(long)]
    ipv6: bool,
    /// ARM parameters file (deploymentParameters.json) for the templates read, as
    /// `az deployment group create --parameters` takes it; repeatable, later files win.
    #[arg(long = "parameters", value_name = "FILE")]
    parameters: Vec<String>,
    /// Treat every assumption (system routes assumed, VNet assumed private, …) as a gap: an allowed
    /// verdict resting on one becomes inconclusive (exit 3). For CI gates.
    #[arg(long)]
    strict: bool,
    /// Accept a diagnostic (code or name, e.g. AZE0311 or no-route-table; repeatable or comma-separated): it is
    /// not shown, and an accepted assumption does not make --strict inconclusive.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    allow: Vec<String>,
    /// Refuse a diagnostic (code or name; repeatable or comma-separated): it becomes an error, and a
    /// reachable verdict with it is inconclusive (exit 3).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    deny: Vec<String>,
    /// Resources to find the VM's path in (repeatable): `az … list` output, an Azure Resource Graph export,
    /// an ARM template; the VM's NIC, NSGs, subnet, route table, VNet and region are taken from them.
    #[arg(long, value_name = "FILE")]
    resources: Vec<String>,
    /// The VM to check, found in --resources.
    #[arg(long)]
    vm: Option<String>,
    #[command(flatten)]
    path: PathArgs,
}

#[derive(Args)]
#[command(next_help_heading = "Path beyond the NSGs")]
struct PathArgs {
    /// Route table of the VM's subnet: ARM/REST, `az network route-table show`, template (FILE#name),
    /// effective routes (`az network nic show-effective-route-table`), or azegress YAML.
    #[arg(long)]
    route_table: Option<String>,
    /// Azure Firewall: classic or policy, ARM/REST, `az` output, template (FILE#name), or azegress YAML;
    /// repeat to add rule collection groups (`az network firewall policy rule-collection-group list`).
    #[arg(long)]
    firewall: Vec<String>,
    /// The firewall's private IP (when its file does not hold it).
    #[arg(long)]
    firewall_ip: Option<String>,
    /// Service endpoints of the VM's subnet: subnet JSON (FILE[#subnet]) or a list such as Microsoft.Storage.
    #[arg(long)]
    service_endpoints: Option<String>,
    /// The VM's OS: decides which proxy setting the backup extension uses.
    #[arg(long, value_enum)]
    os: Option<OsArg>,
    /// Proxy URL the extension uses (overrides the guest settings), e.g. http://10.0.0.5:3128.
    #[arg(long)]
    proxy: Option<String>,
    /// The proxy VM's IP, when the proxy setting names a host.
    #[arg(long)]
    proxy_ip: Option<String>,
    /// Linux /etc/waagent.conf (HttpProxy.Host / HttpProxy.Port).
    #[arg(long)]
    waagent_conf: Option<String>,
    /// Linux /etc/environment (http_proxy, https_proxy, no_proxy).
    #[arg(long)]
    proxy_env: Option<String>,
    /// Windows `netsh winhttp show proxy` output.
    #[arg(long)]
    winhttp: Option<String>,
    /// .reg export of the SYSTEM account's Internet Settings (ProxyEnable, ProxyServer, ProxyOverride).
    #[arg(long)]
    proxy_reg: Option<String>,
    /// The proxy's squid.conf.
    #[arg(long)]
    squid_conf: Option<String>,
    /// NSG on the proxy VM's NIC.
    #[arg(long)]
    proxy_nic_nsg: Option<String>,
    /// NSG on the proxy VM's subnet.
    #[arg(long)]
    proxy_subnet_nsg: Option<String>,
    /// Route table of the proxy VM's subnet.
    #[arg(long)]
    proxy_route_table: Option<String>,
    /// Storage account name (the blob host application rules and proxies see).
    #[arg(long)]
    storage_account: Option<String>,
    /// The storage account's private endpoint IP: the blob host resolves to it.
    #[arg(long)]
    private_endpoint: Option<String>,
    /// privateEndpointNetworkPolicies of the endpoint's subnet: Disabled, Enabled, NetworkSecurityGroupEnabled, RouteTableEnabled.
    #[arg(long)]
    private_endpoint_policies: Option<String>,
}

#[derive(Args)]
struct FlowArgs {
    #[command(flatten)]
    nsg: NsgArgs,
    /// Direction of the flow as seen from the VM.
    #[arg(long, value_enum)]
    direction: DirArg,
    /// Protocol.
    #[arg(long, value_enum)]
    protocol: ProtoArg,
    /// The VM's end, IP:PORT.
    #[arg(long)]
    local: String,
    /// The other end, IP:PORT.
    #[arg(long)]
    remote: String,
    /// Application security groups the VM's NIC belongs to (repeatable).
    #[arg(long = "vm-asg")]
    vm_asgs: Vec<String>,
}

fn fmt(f: FormatArg) -> Format {
    match f {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Mermaid => Format::Mermaid,
        FormatArg::Markdown => Format::Markdown,
    }
}

/// Writes to stdout, control characters from the input shown escaped; a closed pipe (`| head`) ends the
/// program quietly.
fn emit(text: &str, colour: bool) -> Result<(), ExitCode> {
    let text = report::safe::terminal(text, colour);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("azegress: cannot write output: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// The check inputs of the command line (shared by `check` and `fix`).
fn check_options(a: CheckArgs) -> CheckOptions {
    CheckOptions {
        scenario: a.scenario,
        nic_nsg: a.nsg.nic_nsg,
        subnet_nsg: a.nsg.subnet_nsg,
        effective_nsg: a.nsg.effective_nsg,
        region: a.region,
        disks: a.disks.map(|d| match d {
            DisksArg::Managed => Disks::Managed,
            DisksArg::Unmanaged => Disks::Unmanaged,
        }),
        unencrypted_storage: a.unencrypted_storage,
        parameters: a.parameters,
        strict: a.strict,
        policy: azegress::diag::Policy {
            allow: a.allow,
            deny: a.deny,
        },
        resources: a.resources,
        vm: a.vm,
        ports: a.ports,
        vm_ip: a.vm_ip,
        vnet: a.nsg.vnet,
        service_tags: a.nsg.service_tags,
        ipv6: a.ipv6,
        route_table: a.path.route_table,
        firewall: a.path.firewall,
        firewall_ip: a.path.firewall_ip,
        service_endpoints: a.path.service_endpoints,
        proxy: a.path.proxy,
        proxy_ip: a.path.proxy_ip,
        waagent_conf: a.path.waagent_conf,
        proxy_env: a.path.proxy_env,
        winhttp: a.path.winhttp,
        proxy_reg: a.path.proxy_reg,
        squid_conf: a.path.squid_conf,
        proxy_nic_nsg: a.path.proxy_nic_nsg,
        proxy_subnet_nsg: a.path.proxy_subnet_nsg,
        proxy_route_table: a.path.proxy_route_table,
        os: a.path.os.map(|o| match o {
            OsArg::Linux => Os::Linux,
            OsArg::Windows => Os::Windows,
        }),
        storage_account: a.path.storage_account,
        private_endpoint: a.path.private_endpoint,
        private_endpoint_policies: a.path.private_endpoint_policies,
    }
}

fn run_gate(a: GateArgs) -> Result<(String, u8), azegress::Error> {
    use azegress::gate::pack::Severity;
    if let Some(p) = &a.test_pack {
        let results = app::gate::test_pack(p, a.service_tags.as_deref(), a.region.as_deref())?;
        let mut s = String::new();
        for r in &results {
            s.push_str(&format!(
                "{} {}\n",
                if r.ok { "ok  " } else { "FAIL" },
                r.name
            ));
            for (id, want, got) in &r.checks {
                s.push_str(&format!("     {id}: expected {want}, got {got}\n"));
            }
        }
        let ok = results.iter().all(|r| r.ok);
        s.push_str(&format!(
            "{} of {} example(s) as expected\n",
            results.iter().filter(|r| r.ok).count(),
            results.len()
        ));
        return Ok((s, if ok { 0 } else { 1 }));
    }
    let o = app::gate::GateOptions {
        inputs: a.inputs,
        packs: a.pack,
        region: a.region,
        disks: a.disks.map(|d| match d {
            DisksArg::Managed => Disks::Managed,
            DisksArg::Unmanaged => Disks::Unmanaged,
        }),
        ports: a.ports,
        service_tags: a.service_tags,
        baseline: a.baseline,
        write_baseline: a.write_baseline,
        no_lints: a.no_lints,
        parameters: a.parameters,
        vnet: a.vnet,
        squid_conf: a.squid_conf,
        policy: azegress::diag::Policy {
            allow: a.allow,
            deny: a.deny,
        },
        allow_empty: a.allow_empty,
        strict: a.strict,
    };
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_message("distinct paths evaluated");
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let r = app::gate::run_gate(&o, &|| bar.inc(1))?;
    bar.finish_and_clear();
    let fail_on = match a.fail_on {
        FailOnArg::Error => Severity::Error,
        FailOnArg::Warning => Severity::Warning,
    };
    for (path, text) in [
        (
            &a.sarif,
            report::gate::sarif as fn(&azegress::gate::GateReport) -> String,
        ),
        (&a.junit, report::gate::junit),
        (&a.markdown, report::gate::markdown),
    ]
    .into_iter()
    .filter_map(|(p, f)| p.as_ref().map(|p| (p, f(&r))))
    {
        let text = report::safe::terminal(&text, false).into_owned();
        app::write::write_file(path, text.as_bytes(), app::write::Existing::Replace)?;
    }
    let text = match a.format {
        GateFormat::Table => report::gate::table(&r),
        GateFormat::Json => report::json::to_json(&r),
        GateFormat::Sarif => report::gate::sarif(&r),
        GateFormat::Junit => report::gate::junit(&r),
        GateFormat::Markdown => report::gate::markdown(&r),
    };
    Ok((text, app::gate::exit_code(&r, fail_on)))
}

fn run_probe(a: ProbeArgs, style: &report::Style) -> Result<(String, u8), azegress::Error> {
    let o = app::probe::ProbeOptions {
        region: a.region,
        account: a.account,
        host: a.host,
        hosts_file: a.hosts,
        ports: Some(a.ports),
        proxy: a.proxy,
        dns: a.dns,
        ca_file: a.ca_file,
        timeout: duration_arg(&a.timeout, "--timeout")?,
        service_tags: a.service_tags,
        os: a.os.map(|o| match o {
            OsArg::Linux => Os::Linux,
            OsArg::Windows => Os::Windows,
        }),
        waagent_conf: Some(a.waagent_conf),
        winhttp: a.winhttp,
        proxy_reg: a.proxy_reg,
        agent: Some(a.agent),
        no_agent: a.no_agent,
        concurrency: a.concurrency,
        progress: std::io::stderr().is_terminal(),
    };
    let r = app::probe::run_probe(&o)?;
    let json = report::json::to_json(&r);
    if let Some(out) = &a.out {
        app::write::write_file(out, json.as_bytes(), app::write::Existing::Replace)?;
    }
    let text = match a.format {
        TextFormat::Table => report::probe_text(&r, style),
        TextFormat::Json => json,
    };
    let code = match r.verdict {
        app::probe::ProbeVerdict::Reachable => 0,
        app::probe::ProbeVerdict::Blocked => 1,
    };
    Ok((text, code))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    azegress::ingest::set_max_input_bytes(cli.max_input_size);
    let tty = std::io::stdout().is_terminal();
    let color = tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // COLUMNS first (set by shells, and by tests), then the terminal's own size, else 100
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w >= 20)
        .or_else(|| {
            tty.then(|| {
                crossterm::terminal::size()
                    .ok()
                    .map(|(w, _)| usize::from(w))
            })
            .flatten()
        })
        .unwrap_or(100);
    let style = report::Style { color, width };
    let result = match cli.cmd {
        Cmd::Check(a) => {
            let format = a.nsg.format;
            let o = check_options(*a);
            app::run_check(&o).map(|r| {
                (
                    report::render_check(&r, fmt(format), &style),
                    r.verdict.exit_code(),
                )
            })
        }
        Cmd::Fix(a) => {
            let a = *a;
            let format = a.check.nsg.format;
            if matches!(format, FormatArg::Mermaid | FormatArg::Markdown) {
                Err(app::usage("fix prints table or json"))
            } else {
                let mut emits: Vec<Emit> = a
                    .emit
                    .iter()
                    .map(|e| match e {
                        EmitArg::File => Emit::File,
                        EmitArg::Azcli => Emit::Azcli,
                        EmitArg::Powershell => Emit::Powershell,
                        EmitArg::Arm => Emit::Arm,
                        EmitArg::Bicep => Emit::Bicep,
                        EmitArg::Terraform => Emit::Terraform,
                    })
                    .collect();
                if emits.is_empty() {
                    emits.push(if a.write { Emit::File } else { Emit::Azcli });
                }
                let o = app::fix::FixOptions {
                    check: check_options(a.check),
                    option: match a.option {
                        OptionArg::Auto => FixOption::Auto,
                        OptionArg::Nsg => FixOption::Nsg,
                        OptionArg::IpRanges => FixOption::IpRanges,
                        OptionArg::Firewall => FixOption::Firewall,
                        OptionArg::Route => FixOption::Route,
                        OptionArg::Proxy => FixOption::Proxy,
                    },
                    emit: emits,
                    write: a.write,
                    force: a.force,
                };
                app::fix::run_fix(&o).map(|r| {
                    let text = match format {
                        FormatArg::Json => report::json::to_json(&r),
                        _ => report::fix_text(&r, &style),
                    };
                    (text, r.exit_code())
                })
            }
        }
        Cmd::Diagnose(a) => {
            let a = *a;
            let format = a.check.nsg.format;
            if format == FormatArg::Mermaid {
                Err(app::usage("diagnose prints table, json or markdown"))
            } else {
                let o = check_options(a.check);
                a.probe
                    .as_deref()
                    .map(app::probe::read_report)
                    .transpose()
                    .and_then(|p| app::diagnose::run_diagnose_with(&o, Some(&a.error), p.as_ref()))
                    .map(|r| {
                        let text = match format {
                            FormatArg::Json => report::json::to_json(&r),
                            FormatArg::Markdown => report::diagnose_text(&r, &style, true),
                            _ => report::diagnose_text(&r, &style, false),
                        };
                        (text, r.exit_code())
                    })
            }
        }
        Cmd::Flow(a) if matches!(a.nsg.format, FormatArg::Mermaid | FormatArg::Markdown) => {
            Err(app::usage(
                "--format mermaid and markdown are for a check's path; flow takes table or json",
            ))
        }
        Cmd::Flow(a) => {
            let o = FlowOptions {
                direction: match a.direction {
                    DirArg::Outbound => Direction::Outbound,
                    DirArg::Inbound => Direction::Inbound,
                },
                protocol: match a.protocol {
                    ProtoArg::Tcp => Protocol::Tcp,
                    ProtoArg::Udp => Protocol::Udp,
                },
                local: a.local,
                remote: a.remote,
                nic_nsg: a.nsg.nic_nsg,
                subnet_nsg: a.nsg.subnet_nsg,
                effective_nsg: a.nsg.effective_nsg,
                vnet: a.nsg.vnet,
                service_tags: a.nsg.service_tags,
                vm_asgs: (!a.vm_asgs.is_empty()).then_some(a.vm_asgs),
            };
            app::run_flow(&o).map(|r| {
                let code = match r.access {
                    DecisionAccess::Allow => 0,
                    DecisionAccess::Deny => 1,
                    DecisionAccess::Unknown => 3,
                };
                (report::render_flow(&r, fmt(a.nsg.format), &style), code)
            })
        }
        Cmd::Probe(a) => run_probe(*a, &style),
        Cmd::Gate(a) => run_gate(*a),
        Cmd::Diff(a) => {
            let a = *a;
            let o = app::diff::DiffOptions {
                before: a.before,
                after: a.after,
                gate: app::gate::GateOptions {
                    packs: a.pack,
                    region: a.region,
                    service_tags: a.service_tags,
                    ..Default::default()
                },
                tags_before: a.tags_before,
                tags_after: a.tags_after,
            };
            app::diff::run_diff(&o).map(|r| {
                let text = match a.format {
                    TextFormat::Table => app::diff::text(&r),
                    TextFormat::Json => report::json::to_json(&r),
                };
                (text, r.exit_code())
            })
        }
        Cmd::Tags {
            cmd:
                TagsCmd::Update {
                    cloud,
                    url,
                    dir,
                    force,
                    timeout,
                    format,
                },
        } => duration_arg(&timeout, "--timeout").and_then(|timeout| {
            let o = app::tags_update::UpdateOptions {
                cloud: match cloud {
                    CloudArg::Public => app::tags_update::Cloud::Public,
                    CloudArg::Usgov => app::tags_update::Cloud::UsGov,
                    CloudArg::China => app::tags_update::Cloud::China,
                },
                url,
                dir,
                force,
                timeout,
                progress: std::io::stderr().is_terminal(),
            };
            app::tags_update::run_update(&o).map(|r| {
                let text = match format {
                    TextFormat::Table => report::tags_update(&r),
                    TextFormat::Json => report::json::to_json(&r),
                };
                (text, 0)
            })
        }),
        Cmd::Tags {
            cmd: TagsCmd::Info {
                service_tags,
                format,
            },
        } => app::tags_info(service_tags.as_deref()).map(|r| {
            let text = match format {
                TextFormat::Table => report::tags_info(&r),
                TextFormat::Json => report::json::to_json(&r),
            };
            (text, 0)
        }),
        Cmd::Tags {
            cmd:
                TagsCmd::Lookup {
                    ip,
                    service_tags,
                    format,
                },
        } => app::tags_lookup(service_tags.as_deref(), &ip).map(|r| {
            let text = match format {
                TextFormat::Table => report::tags_lookup(&r),
                TextFormat::Json => report::json::to_json(&r),
            };
            (text, 0)
        }),
        Cmd::Explain { code, list } => match (code, list) {
            (_, true) => Ok((azegress::diag::markdown_table(), 0)),
            (Some(c), false) => azegress::diag::explain(&c).map(|t| (t, 0)).ok_or_else(|| {
                app::usage(&format!(
                    "`{c}` is not a diagnostic code (see `azegress explain --list`)"
                ))
            }),
            (None, false) => Err(app::usage(
                "explain takes a code (`azegress explain AZE0311`) or --list",
            )),
        },
        Cmd::Tags {
            cmd:
                TagsCmd::Diff {
                    old,
                    new,
                    tag,
                    format,
                },
        } => app::tags_diff(&old, &new, tag.as_deref()).map(|r| {
            let text = match format {
                TextFormat::Table => report::tags_diff(&r),
                TextFormat::Json => report::json::to_json(&r),
            };
            (text, 0)
        }),
        Cmd::Tags {
            cmd:
                TagsCmd::Show {
                    tag,
                    service_tags,
                    vnet,
                    format,
                },
        } => app::tags_show(service_tags.as_deref(), &tag, &vnet).map(|r| {
            let text = match format {
                TextFormat::Table => report::tags_show(&r),
                TextFormat::Json => report::json::to_json(&r),
            };
            (text, 0)
        }),
    };
    match result {
        Ok((text, code)) => match emit(&text, style.color) {
            Ok(()) => ExitCode::from(code),
            Err(c) => c,
        },
        Err(e) => {
            eprintln!(
                "azegress: error: {}",
                report::safe::one_line(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}
