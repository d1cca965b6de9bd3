//! `azegress check`, and the check inputs `fix` and `diagnose` take too.

use super::NsgArgs;
use azegress::app::{self, CheckOptions};
use azegress::model::Os;
use azegress::report::{self, Style};
use azegress::requirements::Disks;
use clap::Args;

/// The inputs of one VM's path (flattened into `fix` and `diagnose`).
#[derive(Args)]
pub struct CheckArgs {
    /// Scenario YAML naming region, VM, VNet and NSGs (flags override it).
    pub scenario: Option<String>,
    #[command(flatten)]
    pub nsg: NsgArgs,
    /// Azure region of the VM and vault, e.g. koreacentral.
    #[arg(long)]
    pub region: Option<String>,
    /// Disk kind: managed needs 8443, unmanaged 443 (or 80 with --unencrypted-storage).
    #[arg(long, value_enum)]
    pub disks: Option<Disks>,
    /// Unmanaged disks in an unencrypted storage account (port 80).
    #[arg(long)]
    pub unencrypted_storage: bool,
    /// Explicit ports instead of the disk-based requirement, e.g. 80,443,8443.
    #[arg(long, value_delimiter = ',', value_parser = parse_port)]
    pub ports: Option<Vec<u16>>,
    /// The VM's private IP.
    #[arg(long)]
    pub vm_ip: Option<String>,
    /// Also check the IPv6 prefixes of the Storage tag.
    #[arg(long)]
    pub ipv6: bool,
    /// ARM parameters file (deploymentParameters.json) for the templates read, as
    /// `az deployment group create --parameters` takes it; repeatable, later files win.
    #[arg(long = "parameters", value_name = "FILE")]
    pub parameters: Vec<String>,
    /// Treat every assumption (system routes assumed, VNet assumed private, …) as a gap: an allowed
    /// verdict resting on one becomes inconclusive (exit 3). For CI gates.
    #[arg(long)]
    pub strict: bool,
    /// Accept a diagnostic (code or name, e.g. AZE0311 or no-route-table; repeatable or comma-separated): it is
    /// not shown, and an accepted assumption does not make --strict inconclusive.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub allow: Vec<String>,
    /// Refuse a diagnostic (code or name; repeatable or comma-separated): it becomes an error, and a
    /// reachable verdict with it is inconclusive (exit 3).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub deny: Vec<String>,
    /// Resources to find the VM's path in (repeatable): `az … list` output, an Azure Resource Graph export,
    /// an ARM template, a Terraform plan or configuration directory; the VM's NIC, NSGs, subnet, route table, VNet and region are taken from them.
    #[arg(long, value_name = "FILE")]
    pub resources: Vec<String>,
    /// The VM to check, found in --resources.
    #[arg(long)]
    pub vm: Option<String>,
    #[command(flatten)]
    pub tf: super::TfVarArgs,
    #[command(flatten)]
    pub path: PathArgs,
    #[command(flatten)]
    pub workload: WorkloadArgs,
}

/// Which backup or recovery workload, and what it reads in the guest.
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "Workload")]
pub struct WorkloadArgs {
    /// The workload whose egress to check: vm (VM backup extension), sql (SQL Server in Azure VMs), hana (SAP
    /// HANA in Azure VMs), mars (MARS agent), mabs (MABS/DPM), asr (Site Recovery, Azure-to-Azure).
    #[arg(long, value_enum)]
    pub workload: Option<azegress::workload::WorkloadKind>,
    /// Site Recovery's target region (EventHub.<target region>); required with --workload asr.
    #[arg(long)]
    pub target_region: Option<String>,
    /// Conditions that apply, adding their destinations: snapshot (HANA snapshot backups), encrypted
    /// (Site Recovery of ADE-encrypted VMs), auto-upgrade (Mobility agent auto-upgrade).
    #[arg(long, value_delimiter = ',')]
    pub when: Vec<String>,
    /// SAP HANA's /opt/msawb/bin/ExtensionSettingsOverrides.json (UseProxyForAAD, ProxyServerAddress).
    #[arg(long, value_name = "FILE")]
    pub hana_settings: Option<String>,
    /// Site Recovery's ProxyInfo.conf ([proxy] Address, Port).
    #[arg(long, value_name = "FILE")]
    pub proxy_info: Option<String>,
    /// The vault's private endpoints with their private DNS zones and virtual network links (REST, `az …
    /// list` JSON or a Resource Graph export; repeatable).
    #[arg(long, value_name = "FILE")]
    pub private_link: Vec<String>,
}

impl WorkloadArgs {
    /// As the library takes them.
    pub fn options(&self) -> azegress::app::workload::WorkloadOptions {
        azegress::app::workload::WorkloadOptions {
            target_region: self.target_region.clone(),
            when: self.when.clone(),
            hana_settings: self.hana_settings.clone(),
            proxy_info: self.proxy_info.clone(),
            private_link: self.private_link.clone(),
        }
    }

    /// Workload flags given without --workload: a usage error naming them.
    pub fn stray(&self) -> Result<(), azegress::Error> {
        let given: Vec<&str> = [
            (self.target_region.is_some(), "--target-region"),
            (!self.when.is_empty(), "--when"),
            (self.hana_settings.is_some(), "--hana-settings"),
            (self.proxy_info.is_some(), "--proxy-info"),
            (!self.private_link.is_empty(), "--private-link"),
        ]
        .into_iter()
        .filter_map(|(g, n)| g.then_some(n))
        .collect();
        if self.workload.is_none() && !given.is_empty() {
            return Err(azegress::Error::Usage(format!(
                "{} need --workload (vm, sql, hana, mars, mabs or asr)",
                given.join(", ")
            )));
        }
        Ok(())
    }
}

/// The path beyond the NSGs: routes, firewall, service and private endpoints, proxy.
#[derive(Args)]
#[command(next_help_heading = "Path beyond the NSGs")]
pub struct PathArgs {
    /// Route table of the VM's subnet: ARM/REST, `az network route-table show`, template (FILE#name),
    /// effective routes (`az network nic show-effective-route-table`), or azegress YAML.
    #[arg(long)]
    pub route_table: Option<String>,
    /// Azure Firewall: classic or policy, ARM/REST, `az` output, template (FILE#name), or azegress YAML;
    /// repeat to add rule collection groups (`az network firewall policy rule-collection-group list`).
    #[arg(long)]
    pub firewall: Vec<String>,
    /// The firewall's private IP (when its file does not hold it).
    #[arg(long)]
    pub firewall_ip: Option<String>,
    /// Service endpoints of the VM's subnet: subnet JSON (FILE[#subnet]) or a list such as Microsoft.Storage.
    #[arg(long)]
    pub service_endpoints: Option<String>,
    /// The VM's OS: decides which proxy setting the backup extension uses.
    #[arg(long, value_enum)]
    pub os: Option<Os>,
    /// Proxy URL the extension uses (overrides the guest settings), e.g. http://10.0.0.5:3128.
    #[arg(long)]
    pub proxy: Option<String>,
    /// The proxy VM's IP, when the proxy setting names a host.
    #[arg(long)]
    pub proxy_ip: Option<String>,
    /// Linux /etc/waagent.conf (HttpProxy.Host / HttpProxy.Port).
    #[arg(long)]
    pub waagent_conf: Option<String>,
    /// Linux /etc/environment (http_proxy, https_proxy, no_proxy).
    #[arg(long)]
    pub proxy_env: Option<String>,
    /// Windows `netsh winhttp show proxy` output.
    #[arg(long)]
    pub winhttp: Option<String>,
    /// .reg export of the SYSTEM account's Internet Settings (ProxyEnable, ProxyServer, ProxyOverride).
    #[arg(long)]
    pub proxy_reg: Option<String>,
    /// The proxy's squid.conf.
    #[arg(long)]
    pub squid_conf: Option<String>,
    /// NSG on the proxy VM's NIC.
    #[arg(long)]
    pub proxy_nic_nsg: Option<String>,
    /// NSG on the proxy VM's subnet.
    #[arg(long)]
    pub proxy_subnet_nsg: Option<String>,
    /// Route table of the proxy VM's subnet.
    #[arg(long)]
    pub proxy_route_table: Option<String>,
    /// Storage account name (the blob host application rules and proxies see).
    #[arg(long)]
    pub storage_account: Option<String>,
    /// The storage account's private endpoint IP: the blob host resolves to it.
    #[arg(long)]
    pub private_endpoint: Option<String>,
    /// privateEndpointNetworkPolicies of the endpoint's subnet: Disabled, Enabled, NetworkSecurityGroupEnabled, RouteTableEnabled.
    #[arg(long)]
    pub private_endpoint_policies: Option<String>,
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

/// Runs `check`: the report in the format asked, and the verdict's exit code.
pub fn run(a: CheckArgs, style: &Style) -> Result<(String, u8), azegress::Error> {
    let format = a.nsg.format;
    a.workload.stray()?;
    if let Some(kind) = a.workload.workload {
        let w = a.workload.options();
        let r = app::workload::run_workload_check(kind, &options(a), &w)?;
        return Ok((
            azegress::workload::render::render(&r, format, style),
            r.verdict.exit_code(),
        ));
    }
    let r = app::run_check(&options(a))?;
    Ok((
        report::render_check(&r, format, style),
        r.verdict.exit_code(),
    ))
}

/// The check inputs of the command line (shared by `check`, `fix` and `diagnose`).
pub fn options(a: CheckArgs) -> CheckOptions {
    let _ = &a.workload;
    CheckOptions {
        scenario: a.scenario,
        nic_nsg: a.nsg.nic_nsg,
        subnet_nsg: a.nsg.subnet_nsg,
        effective_nsg: a.nsg.effective_nsg,
        region: a.region,
        disks: a.disks,
        unencrypted_storage: a.unencrypted_storage,
        parameters: a.parameters,
        strict: a.strict,
        policy: azegress::diag::Policy {
            allow: a.allow,
            deny: a.deny,
        },
        resources: a.resources,
        vm: a.vm,
        tf_vars: a.tf.inputs(),
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
        os: a.path.os,
        storage_account: a.path.storage_account,
        private_endpoint: a.path.private_endpoint,
        private_endpoint_policies: a.path.private_endpoint_policies,
        admin_rules: a.nsg.admin_rules,
    }
}
