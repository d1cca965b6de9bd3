//! From resources to one VM's path: the VM's NIC, the NIC's NSG and private IP, its subnet's NSG, route
//! table and service endpoints, its VNet's address space and its region — all taken from the associations
//! the resources themselves state (`networkSecurityGroup.id`, `ipConfigurations[].subnet.id`,
//! `routeTable.id`). Reads `az … list` output, REST lists (`value`), Azure Resource Graph exports (`data`),
//! plain arrays and ARM templates, from one file or several.

use super::json_util::{Src, get_ci, get_present};
use super::nsg_json::Ctx;
use crate::error::Error;
use crate::model::*;
use serde_json::{Map, Value};

/// One VM's path as its resources state it.
#[derive(Debug, Clone)]
pub struct VmPath {
    /// The VM.
    pub vm: String,
    /// The NIC's region.
    pub region: String,
    /// The NIC's private IP.
    pub ip: Option<String>,
    /// The VNet's address space.
    pub vnet: Vec<String>,
    /// The NIC's NSG.
    pub nic_nsg: Option<Nsg>,
    /// The subnet's NSG.
    pub subnet_nsg: Option<Nsg>,
    /// The subnet's route table.
    pub route_table: Option<RouteTable>,
    /// The subnet's service endpoints.
    pub endpoints: Vec<ServiceEndpoint>,
}

struct Res {
    file: usize,
    obj: Map<String, Value>,
}

fn ty(o: &Map<String, Value>) -> String {
    get_ci(o, "type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn name(o: &Map<String, Value>) -> &str {
    get_ci(o, "name").and_then(Value::as_str).unwrap_or("")
}

fn props(o: &Map<String, Value>) -> &Map<String, Value> {
    get_present(o, "properties")
        .and_then(Value::as_object)
        .unwrap_or(o)
}

fn id_at<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    get_present(o, key)
        .and_then(Value::as_object)
        .and_then(|x| get_ci(x, "id"))
        .and_then(Value::as_str)
}

/// `…/kind/NAME…`: the name after `kind` in a resource id.
fn id_part<'a>(id: &'a str, kind: &str) -> Option<&'a str> {
    let mut it = id.split('/');
    it.by_ref().find(|p| p.eq_ignore_ascii_case(kind))?;
    it.next()
}

fn collect(v: &Value, file: usize, out: &mut Vec<Res>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect(x, file, out)),
        Value::Object(o) if super::template::is_template(o) => {
            for r in super::template::resources(o) {
                let mut b = r.body;
                b.insert("name".into(), Value::String(r.name));
                b.insert("type".into(), Value::String(r.ty));
                out.push(Res { file, obj: b });
            }
        }
        Value::Object(o) if get_ci(o, "type").is_some() => out.push(Res {
            file,
            obj: o.clone(),
        }),
        Value::Object(o) => {
            // az/REST lists (`value`), Resource Graph exports (`data`)
            for k in ["value", "data"] {
                if let Some(x) = get_present(o, k) {
                    collect(x, file, out);
                }
            }
        }
        _ => {}
    }
}

/// The path of the VM named `vm` in the resources of `files`.
pub fn vm_path(files: &[String], vm: &str) -> Result<VmPath, Error> {
    let texts: Vec<String> = files
        .iter()
        .map(|f| super::read(f))
        .collect::<Result<_, _>>()?;
    let srcs: Vec<Src<'_>> = files
        .iter()
        .zip(&texts)
        .map(|(f, t)| Src::new(f, t))
        .collect();
    let mut all = Vec::new();
    for (i, s) in srcs.iter().enumerate() {
        collect(&s.parse()?, i, &mut all);
    }
    let first = files.first().map(String::as_str).unwrap_or("");
    let find = |kind: &str, n: &str| {
        all.iter()
            .find(|r| ty(&r.obj) == kind && name(&r.obj).eq_ignore_ascii_case(n))
    };
    let src_of = |r: &Res| Src::new(&files[r.file], &texts[r.file]);
    let vms: Vec<&str> = all
        .iter()
        .filter(|r| ty(&r.obj) == "microsoft.compute/virtualmachines")
        .map(|r| name(&r.obj))
        .collect();
    let vm_res = find("microsoft.compute/virtualmachines", vm).ok_or_else(|| {
        Error::input(
            first,
            0,
            format!(
                "no VM named `{vm}` in the resources given (VMs: {})",
                if vms.is_empty() {
                    "none".to_string()
                } else {
                    super::name_list(vms.iter().copied())
                }
            ),
        )
    })?;
    let nics = get_present(props(&vm_res.obj), "networkProfile")
        .and_then(Value::as_object)
        .and_then(|n| get_present(n, "networkInterfaces"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let primary = nics
        .iter()
        .filter_map(Value::as_object)
        .find(|n| get_present(props(n), "primary").and_then(Value::as_bool) == Some(true))
        .or_else(|| nics.iter().filter_map(Value::as_object).next())
        .and_then(|n| get_ci(n, "id").and_then(Value::as_str))
        .and_then(|id| id.rsplit('/').next())
        .ok_or_else(|| {
            src_of(vm_res).err(&vm_res.obj, format!("VM `{vm}` names no network interface"))
        })?
        .to_string();
    let nic = find("microsoft.network/networkinterfaces", &primary).ok_or_else(|| {
        src_of(vm_res).err(
            &vm_res.obj,
            format!(
                "VM `{vm}`'s NIC `{primary}` is not in the resources given (add the NIC export)"
            ),
        )
    })?;
    let np = props(&nic.obj);
    let region = get_ci(&nic.obj, "location")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let cfgs = get_present(np, "ipConfigurations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let cfg = cfgs
        .iter()
        .filter_map(Value::as_object)
        .find(|c| get_present(props(c), "primary").and_then(Value::as_bool) == Some(true))
        .or_else(|| cfgs.iter().filter_map(Value::as_object).next())
        .map(props);
    let ip = cfg
        .and_then(|c| get_present(c, "privateIPAddress"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let subnet_id = cfg.and_then(|c| id_at(c, "subnet")).map(str::to_string);
    let nsg_of = |id: Option<&str>| -> Result<Option<Nsg>, Error> {
        let Some(n) = id.and_then(|i| i.rsplit('/').next()) else {
            return Ok(None);
        };
        match find("microsoft.network/networksecuritygroups", n) {
            Some(r) => Ctx(src_of(r)).nsg_object(&r.obj, None).map(Some),
            None => Err(Error::input(
                first,
                0,
                format!(
                    "NSG `{n}` of VM `{vm}`'s path is not in the resources given (add the NSG export)"
                ),
            )),
        }
    };
    let nic_nsg = nsg_of(id_at(np, "networkSecurityGroup"))?;
    // the subnet: a `subnets` entry of its VNet, or a subnet resource of its own
    let (mut vnet, mut subnet) = (Vec::new(), None::<(Map<String, Value>, usize)>);
    if let Some(sid) = &subnet_id {
        let (vn, sn) = (id_part(sid, "virtualNetworks"), id_part(sid, "subnets"));
        if let (Some(vn), Some(sn)) = (vn, sn) {
            if let Some(v) = find("microsoft.network/virtualnetworks", vn) {
                let vp = props(&v.obj);
                vnet = get_present(vp, "addressSpace")
                    .and_then(Value::as_object)
                    .and_then(|a| get_present(a, "addressPrefixes"))
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default();
                subnet = get_present(vp, "subnets")
                    .and_then(Value::as_array)
                    .and_then(|a| {
                        a.iter()
                            .filter_map(Value::as_object)
                            .find(|s| name(s).eq_ignore_ascii_case(sn))
                    })
                    .map(|s| (s.clone(), v.file));
            }
            if subnet.is_none() {
                subnet = find(
                    "microsoft.network/virtualnetworks/subnets",
                    &format!("{vn}/{sn}"),
                )
                .or_else(|| find("microsoft.network/virtualnetworks/subnets", sn))
                .map(|r| (r.obj.clone(), r.file));
            }
        }
    }
    let (mut subnet_nsg, mut route_table, mut endpoints) = (None, None, Vec::new());
    if let Some((s, file)) = &subnet {
        let sp = props(s);
        subnet_nsg = nsg_of(id_at(sp, "networkSecurityGroup"))?;
        if let Some(rt) = id_at(sp, "routeTable").and_then(|i| i.rsplit('/').next()) {
            let r = find("microsoft.network/routetables", rt).ok_or_else(|| {
                Error::input(
                    first,
                    0,
                    format!(
                        "route table `{rt}` of VM `{vm}`'s subnet is not in the resources given"
                    ),
                )
            })?;
            route_table = Some(super::routes::table_of(src_of(r), &r.obj)?);
        }
        let src = Src::new(&files[*file], &texts[*file]);
        for e in get_present(sp, "serviceEndpoints")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            let ep = props(e);
            if let Some(service) = get_ci(ep, "service").and_then(Value::as_str) {
                endpoints.push(ServiceEndpoint {
                    service: service.to_string(),
                    locations: super::json_util::strings(get_ci(ep, "locations")),
                    origin: src.origin(e),
                });
            }
        }
    }
    Ok(VmPath {
        vm: name(&vm_res.obj).to_string(),
        region,
        ip,
        vnet,
        nic_nsg,
        subnet_nsg,
        route_table,
        endpoints,
    })
}
