//! `azegress flow`: offline IP flow verify for one 5-tuple.

use super::NsgArgs;
use azegress::app::{self, FlowOptions};
use azegress::model::{DecisionAccess, Direction, Protocol};
use azegress::report::{self, Format, Style};
use clap::Args;

/// `flow`: the NSGs and one 5-tuple.
#[derive(Args)]
pub struct FlowArgs {
    #[command(flatten)]
    pub nsg: NsgArgs,
    /// Direction of the flow as seen from the VM.
    #[arg(long, value_enum)]
    pub direction: Direction,
    /// Protocol.
    #[arg(long, value_enum)]
    pub protocol: Protocol,
    /// The VM's end, IP:PORT.
    #[arg(long)]
    pub local: String,
    /// The other end, IP:PORT.
    #[arg(long)]
    pub remote: String,
    /// Application security groups the VM's NIC belongs to (repeatable).
    #[arg(long = "vm-asg")]
    pub vm_asgs: Vec<String>,
}

/// Runs `flow`: the decision as a table or JSON; 0 allowed, 1 denied, 3 unknown.
pub fn run(a: FlowArgs, style: &Style) -> Result<(String, u8), azegress::Error> {
    let format = a.nsg.format;
    if matches!(format, Format::Mermaid | Format::Markdown) {
        return Err(app::usage(
            "--format mermaid and markdown are for a check's path; flow takes table or json",
        ));
    }
    let o = FlowOptions {
        direction: a.direction,
        protocol: a.protocol,
        local: a.local,
        remote: a.remote,
        nic_nsg: a.nsg.nic_nsg,
        subnet_nsg: a.nsg.subnet_nsg,
        effective_nsg: a.nsg.effective_nsg,
        vnet: a.nsg.vnet,
        service_tags: a.nsg.service_tags,
        vm_asgs: (!a.vm_asgs.is_empty()).then_some(a.vm_asgs),
        admin_rules: a.nsg.admin_rules,
    };
    let r = app::run_flow(&o)?;
    let code = match r.access {
        DecisionAccess::Allow => 0,
        DecisionAccess::Deny => 1,
        DecisionAccess::Unknown => 3,
    };
    Ok((report::render_flow(&r, format, style), code))
}
