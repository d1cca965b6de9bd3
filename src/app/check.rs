//! `azegress check`: gather every part of the path (scenario, then flags), walk each required flow.

use super::{CheckOptions, gather, load_tags, parse_vnet};
use crate::diag;
use crate::engine::check::{Gathered, Parts, PathInputs, evaluate};
use crate::error::Error;
use crate::ingest::{self, scenario};
use crate::model::*;
use crate::requirements::Disks;
use std::net::IpAddr;

const PE_POLICIES: [&str; 4] = [
    "Disabled",
    "Enabled",
    "NetworkSecurityGroupEnabled",
    "RouteTableEnabled",
];

fn private_endpoint(
    ip: &str,
    policies: Option<&str>,
    what: &str,
) -> Result<PrivateEndpoint, Error> {
    let p = policies.unwrap_or("Disabled");
    let Some(norm) = PE_POLICIES
        .iter()
        .find(|x| x.eq_ignore_ascii_case(p.trim()))
    else {
        return Err(Error::Usage(format!(
            "{what}: network policies `{p}` is not one of {}",
            PE_POLICIES.join(", ")
        )));
    };
    Ok(PrivateEndpoint {
        ip: ip_arg(ip, what)?,
        network_policies: norm.to_string(),
    })
}

fn ip_arg(s: &str, what: &str) -> Result<IpAddr, Error> {
    s.trim()
        .parse()
        .map_err(|_| Error::Usage(format!("{what}: `{s}` is not an IP address")))
}

fn one_route_table(arg: &str) -> Result<RouteTable, Error> {
    let (path, _) = ingest::split_selector(arg);
    let ts = ingest::routes::load_route_tables(arg)?;
    ingest::one_of(ts, |t| &t.name, path, "route table")
}

fn one_nsg(arg: &str) -> Result<Nsg, Error> {
    let (path, _) = ingest::split_selector(arg);
    scenario::pick_one(ingest::load_nsgs(arg)?, path)
}

fn merge_parts(o: &CheckOptions, sc: &mut Option<scenario::Scenario>) -> Result<Parts, Error> {
    let mut p = match sc.as_mut() {
        Some(s) => Parts {
            route_table: s.route_table.take(),
            endpoints: std::mem::take(&mut s.service_endpoints),
            firewall: s.firewall.take(),
            firewall_ip: None,
            proxy_found: std::mem::take(&mut s.proxy_found),
            proxy_ip: s
                .doc
                .proxy
                .as_ref()
                .and_then(|p| p.vm.ip.as_deref())
                .map(|ip| ip_arg(ip, "proxy.vm.ip"))
                .transpose()?,
            squid: s.squid.take(),
            proxy_nic: s.proxy_nic_nsg.take(),
            proxy_subnet: s.proxy_subnet_nsg.take(),
            proxy_routes: s.proxy_route_table.take(),
            outbound: s.outbound.take(),
            os: s
                .doc
                .vm
                .os
                .as_deref()
                .map(|x| {
                    Os::parse(x).ok_or_else(|| {
                        Error::Usage(format!("vm.os `{x}` is not `linux` or `windows`"))
                    })
                })
                .transpose()?,
            storage_host: s.doc.storage.host.clone(),
            storage_account: s.doc.storage.account.clone(),
            private_endpoint: s
                .doc
                .storage
                .private_endpoint
                .as_ref()
                .map(|p| {
                    private_endpoint(
                        &p.ip,
                        p.network_policies.as_deref(),
                        "storage.private_endpoint",
                    )
                })
                .transpose()?,
            admin: s.admin.take().unwrap_or_default(),
        },
        None => Parts::default(),
    };
    // the VNet's effective admin rules, when given, are what Azure applies: they take the place of those
    // read from the network manager's resources
    if !o.admin_rules.is_empty() {
        p.admin = AdminRules::default();
    }
    for f in &o.admin_rules {
        p.admin.extend(ingest::admin_rules::load_admin_rules(f)?);
    }
    if let Some(a) = &o.route_table {
        p.route_table = Some(one_route_table(a)?);
    }
    if let Some(a) = &o.service_endpoints {
        p.endpoints = ingest::subnet::load_service_endpoints(a)?;
    }
    if !o.firewall.is_empty() {
        p.firewall = Some(ingest::topology::load_firewall(&o.firewall)?);
    }
    p.firewall_ip = match &o.firewall_ip {
        Some(s) => Some(ip_arg(s, "--firewall-ip")?),
        None => p.firewall.as_ref().and_then(|f| f.private_ip),
    };
    if let (Some(ip), Some(fw)) = (p.firewall_ip, p.firewall.as_mut()) {
        fw.private_ip = Some(ip);
        fw.warnings
            .retain(|w| w.code != diag::FIREWALL_IP_UNKNOWN.code);
    }
    let mut flag_found = Vec::new();
    if let Some(u) = &o.proxy {
        flag_found.push(ingest::proxy::explicit_proxy(u, "--proxy")?);
    }
    for (arg, kind) in [
        (&o.waagent_conf, ProxyKind::Waagent),
        (&o.proxy_env, ProxyKind::Environment),
        (&o.winhttp, ProxyKind::WinHttp),
        (&o.proxy_reg, ProxyKind::Registry),
    ] {
        if let Some(a) = arg {
            flag_found.push(ingest::proxy::load(kind, a)?);
        }
    }
    for f in flag_found {
        p.proxy_found.retain(|x| x.kind != f.kind);
        p.proxy_found.push(f);
    }
    if let Some(a) = &o.proxy_ip {
        p.proxy_ip = Some(ip_arg(a, "--proxy-ip")?);
    }
    if let Some(a) = &o.squid_conf {
        p.squid = Some(ingest::proxy::load_squid(a)?);
    }
    if let Some(a) = &o.proxy_nic_nsg {
        p.proxy_nic = Some(one_nsg(a)?);
    }
    if let Some(a) = &o.proxy_subnet_nsg {
        p.proxy_subnet = Some(one_nsg(a)?);
    }
    if let Some(a) = &o.proxy_route_table {
        p.proxy_routes = Some(one_route_table(a)?);
    }
    if o.os.is_some() {
        p.os = o.os;
    }
    if let Some(ip) = &o.private_endpoint {
        p.private_endpoint = Some(private_endpoint(
            ip,
            o.private_endpoint_policies.as_deref(),
            "--private-endpoint",
        )?);
    }
    if o.storage_account.is_some() {
        p.storage_account = o.storage_account.clone();
        p.storage_host = None;
    }
    Ok(p)
}

/// Runs a check with an already-loaded scenario (flags in `o` override it).
pub fn check_with_scenario(
    o: &CheckOptions,
    sc: Option<scenario::Scenario>,
) -> Result<CheckReport, Error> {
    let stated = sc.is_some() || !o.resources.is_empty();
    let inp = gather_inputs(o, sc)?;
    let r = evaluate(&inp)?;
    Ok(unless_nothing_checked(stated, &inp, r))
}

/// `r`, inconclusive when flags alone named nothing that could block (no NSG, route, firewall, proxy,
/// admin rule, subnet facts): a REACHABLE verdict would rest on nothing. A scenario or resources state what
/// there is (`stated`), so their "no NSG" is a fact.
pub fn unless_nothing_checked(stated: bool, inp: &PathInputs, mut r: CheckReport) -> CheckReport {
    let p = &inp.parts;
    if !stated
        && r.verdict == crate::model::Overall::Reachable
        && inp.nsgs.nic.is_none()
        && inp.nsgs.subnet.is_none()
        && p.route_table.is_none()
        && p.endpoints.is_empty()
        && p.firewall.is_none()
        && p.firewall_ip.is_none()
        && p.proxy_found.is_empty()
        && p.squid.is_none()
        && p.private_endpoint.is_none()
        && p.outbound.is_none()
        && p.admin.is_empty()
    {
        r.verdict = crate::model::Overall::Unknown;
        r.diagnostics.insert(
            0,
            crate::diag::Diagnostic::new(
                &crate::diag::NOTHING_CHECKED,
                "nothing that could block the path was given (no NSG, route table, service endpoint, firewall, proxy, admin rule or resources): pass the VM's NSGs (--nic-nsg, --subnet-nsg or --effective-nsg), its route table, or --resources with --vm".to_string(),
            ),
        );
    }
    r
}

/// A scenario value standing for one VM's path found in resources.
fn vm_scenario(vp: ingest::topology::VmPath) -> scenario::Scenario {
    let doc = scenario::ScenarioDoc {
        region: vp.region,
        vm: scenario::VmDoc {
            ip: vp.ip,
            // the disk kind the VM resource states (`--disks` still overrides it)
            disks: vp.disks.map(|d| d.name().to_string()),
            ..Default::default()
        },
        vnet: scenario::VnetDoc {
            address_space: vp.vnet,
        },
        description: Some(format!("VM `{}`", vp.vm)),
        ..Default::default()
    };
    scenario::Scenario {
        doc,
        dir: std::path::PathBuf::from("."),
        nic_nsg: vp.nic_nsg.map(std::sync::Arc::unwrap_or_clone),
        subnet_nsg: vp.subnet_nsg.map(std::sync::Arc::unwrap_or_clone),
        route_table: vp.route_table.map(std::sync::Arc::unwrap_or_clone),
        service_endpoints: vp.endpoints,
        firewall: None,
        proxy_found: Vec::new(),
        squid: None,
        proxy_nic_nsg: None,
        proxy_subnet_nsg: None,
        proxy_route_table: None,
        outbound: vp.outbound.map(|o| *o),
        admin: vp.admin.map(std::sync::Arc::unwrap_or_clone),
    }
}

/// Gathers a check's inputs (reads every file once); nothing is evaluated yet.
pub fn gather_inputs(
    o: &CheckOptions,
    mut sc: Option<scenario::Scenario>,
) -> Result<PathInputs, Error> {
    o.policy.validate().map_err(Error::Usage)?;
    let mut vm_notes = Vec::new();
    if let Some(vm) = &o.vm {
        if sc.is_some() {
            return Err(Error::Usage(
                "--vm picks a VM out of --resources; pass it instead of a scenario, not with one"
                    .into(),
            ));
        }
        if o.resources.is_empty() {
            return Err(Error::Usage(
                "--vm needs the resources it is in: --resources FILE (az … list output, a Resource Graph export, an ARM template)".into(),
            ));
        }
        let res = ingest::tf_config::with_vars(o.tf_vars.clone(), || {
            ingest::topology::Resources::load(&o.resources)
        })?;
        let vp = res.path(vm)?;
        // a firewall among the resources that the VM's routes lead to is on its path (`--firewall` still
        // names one instead)
        let firewall = if o.firewall.is_empty() && vp.routes_to_appliance() {
            vp.firewall_among(res.firewalls()?.iter()).cloned()
        } else {
            None
        };
        // what a Terraform configuration leaves unknown (it may concern this VM's path)
        vm_notes.extend(res.unresolved().iter().cloned());
        vm_notes.extend(res.tf_notes().iter().cloned());
        if let Some(sn) = &vp.subnet_missing {
            vm_notes.push(crate::diag::Diagnostic::new(
                &crate::diag::SUBNET_NOT_IN_INPUTS,
                format!(
                    "subnet `{sn}` of VM `{vm}` is not in the resources given: its NSG and route table are not checked \
                     (add the VNet or subnet export)"
                ),
            ));
        }
        let mut s = vm_scenario(vp);
        s.firewall = firewall;
        sc = Some(s);
    }
    let (sc_nic, sc_subnet) = match sc.as_mut() {
        Some(s) => (s.nic_nsg.take(), s.subnet_nsg.take()),
        None => (None, None),
    };
    let parts = merge_parts(o, &mut sc)?;
    let doc = sc.as_ref().map(|s| &s.doc);
    let region = o
        .region
        .clone()
        .or_else(|| doc.map(|d| d.region.clone()))
        .ok_or_else(|| {
            Error::Usage(
                "no region: pass --region (e.g. --region koreacentral) or a scenario file".into(),
            )
        })?;
    let tags_path = o.service_tags.clone().or_else(|| {
        sc.as_ref().and_then(|s| {
            s.doc
                .service_tags
                .as_ref()
                .map(|p| scenario::relative(&s.dir, p))
        })
    });
    let tags = load_tags(tags_path.as_deref())?;
    let disks = match (o.disks, doc.and_then(|d| d.vm.disks.as_deref())) {
        (Some(d), _) => d,
        (None, Some(s)) => Disks::parse(s).ok_or_else(|| {
            Error::input(
                o.scenario.as_deref().unwrap_or(""),
                0,
                format!("vm.disks `{s}` is not `managed` or `unmanaged`"),
            )
        })?,
        (None, None) => Disks::Managed,
    };
    let unencrypted = o.unencrypted_storage || doc.is_some_and(|d| d.vm.unencrypted_storage);
    let ports = o
        .ports
        .clone()
        .or_else(|| doc.and_then(|d| d.ports.clone()));
    let ipv6 = o.ipv6 || doc.is_some_and(|d| d.ipv6);
    let vm_ip = o
        .vm_ip
        .clone()
        .or_else(|| doc.and_then(|d| d.vm.ip.clone()))
        .map(|s| ip_arg(&s, "--vm-ip"))
        .transpose()?;
    let mut vnet_text = o.vnet.clone();
    if vnet_text.is_empty()
        && let Some(d) = doc
    {
        vnet_text = d.vnet.address_space.clone();
    }
    let vnet = parse_vnet(&vnet_text, "--vnet")?;

    let mut nsgs: Gathered = gather(
        &o.nic_nsg,
        &o.subnet_nsg,
        &o.effective_nsg,
        sc_nic,
        sc_subnet,
    )?;
    nsgs.warnings.extend(super::stale_tags(&tags));
    nsgs.warnings.extend(vm_notes);
    Ok(PathInputs {
        vm_asgs: doc.and_then(|d| d.vm.asgs.clone()),
        parts,
        region,
        tags: std::sync::Arc::new(tags),
        disks,
        unencrypted,
        ports,
        ipv6,
        vm_ip,
        vnet,
        nsgs,
        strict: o.strict,
        policy: o.policy.clone(),
    })
}
