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
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

pub use crate::model::VmPath;

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

/// Moves every resource out of a parsed file (no copies: a tenant export is large).
fn collect(v: Value, file: usize, out: &mut Vec<Res>) {
    match v {
        Value::Array(a) => a.into_iter().for_each(|x| collect(x, file, out)),
        Value::Object(o) if super::template::is_template(&o) => {
            for r in super::template::resources(&o) {
                let mut b = r.body;
                b.insert("name".into(), Value::String(r.name));
                b.insert("type".into(), Value::String(r.ty));
                out.push(Res { file, obj: b });
            }
        }
        Value::Object(o) if super::terraform::is_plan(&o) => {
            for r in super::tf_topology::arm_resources(o) {
                if let Value::Object(obj) = r {
                    out.push(Res { file, obj });
                }
            }
        }
        Value::Object(o) if get_ci(&o, "type").is_some() => out.push(Res { file, obj: o }),
        Value::Object(mut o) => {
            // az/REST lists (`value`), Resource Graph exports (`data`)
            for k in ["value", "data"] {
                let key = o.keys().find(|x| x.eq_ignore_ascii_case(k)).cloned();
                if let Some(x) = key.and_then(|key| o.remove(&key)) {
                    collect(x, file, out);
                }
            }
        }
        _ => {}
    }
}

/// Every resource of one or several files, read once and indexed by type and name; NSGs and route tables
/// are built once, however many VMs share them.
pub struct Resources {
    files: Vec<String>,
    texts: Vec<String>,
    lines: Vec<super::json::LineIndex>,
    all: Vec<Res>,
    index: HashMap<(String, String), usize>,
    nsgs: Vec<OnceLock<Arc<Nsg>>>,
    tables: Vec<OnceLock<Arc<RouteTable>>>,
}

impl Resources {
    /// Reads and indexes the resources of `files`.
    pub fn load(files: &[String]) -> Result<Resources, Error> {
        let texts: Vec<String> = files
            .iter()
            .map(|f| super::read(f))
            .collect::<Result<_, _>>()?;
        let lines: Vec<super::json::LineIndex> = texts
            .iter()
            .map(|t| super::json::LineIndex::new(t))
            .collect();
        let mut all = Vec::new();
        for (i, (f, t)) in files.iter().zip(&texts).enumerate() {
            collect(
                Src::with_index(f, t, &lines[i]).parse_resources()?,
                i,
                &mut all,
            );
        }
        let mut index = HashMap::with_capacity(all.len());
        for (i, r) in all.iter().enumerate() {
            index
                .entry((ty(&r.obj), name(&r.obj).to_ascii_lowercase()))
                .or_insert(i);
        }
        let n = all.len();
        Ok(Resources {
            files: files.to_vec(),
            lines,
            texts,
            all,
            index,
            nsgs: (0..n).map(|_| OnceLock::new()).collect(),
            tables: (0..n).map(|_| OnceLock::new()).collect(),
        })
    }

    fn find(&self, kind: &str, n: &str) -> Option<usize> {
        self.index
            .get(&(kind.to_string(), n.to_ascii_lowercase()))
            .copied()
    }

    fn src(&self, i: usize) -> Src<'_> {
        self.file_src(self.all[i].file)
    }

    fn file_src(&self, f: usize) -> Src<'_> {
        Src::with_index(&self.files[f], &self.texts[f], &self.lines[f])
    }

    fn first(&self) -> &str {
        self.files.first().map(String::as_str).unwrap_or("")
    }

    /// Every Azure Firewall among the resources, with its policy's rules (for the paths whose routes lead
    /// to it).
    pub fn firewalls(&self) -> Result<Vec<Firewall>, Error> {
        let kinds = [
            "microsoft.network/azurefirewalls",
            "microsoft.network/firewallpolicies",
            "microsoft.network/firewallpolicies/rulecollectiongroups",
            "microsoft.network/ipgroups",
        ];
        let objects: Vec<(Src<'_>, &Map<String, Value>)> = (0..self.all.len())
            .filter(|&i| kinds.contains(&ty(&self.all[i].obj).as_str()))
            .map(|i| (self.src(i), &self.all[i].obj))
            .collect();
        if !objects.iter().any(|(_, o)| ty(o) == kinds[0]) {
            return Ok(Vec::new());
        }
        super::firewall::firewalls_in(&objects)
    }

    /// The VMs' names, in input order.
    pub fn vms(&self) -> Vec<&str> {
        self.all
            .iter()
            .filter(|r| ty(&r.obj) == "microsoft.compute/virtualmachines")
            .map(|r| name(&r.obj))
            .collect()
    }

    /// How many NSG resources there are (none is built).
    pub fn nsg_count(&self) -> usize {
        self.all
            .iter()
            .filter(|r| ty(&r.obj) == "microsoft.network/networksecuritygroups")
            .count()
    }

    /// Every NSG resource, built (for lints), with its index.
    pub fn all_nsgs(&self) -> Vec<Result<Arc<Nsg>, Error>> {
        (0..self.all.len())
            .filter(|&i| ty(&self.all[i].obj) == "microsoft.network/networksecuritygroups")
            .map(|i| self.nsg_at(i))
            .collect()
    }

    fn nsg_at(&self, i: usize) -> Result<Arc<Nsg>, Error> {
        if let Some(n) = self.nsgs[i].get() {
            return Ok(n.clone());
        }
        let n = Arc::new(Ctx(self.src(i)).nsg_object(&self.all[i].obj, None)?);
        Ok(self.nsgs[i].get_or_init(|| n).clone())
    }

    fn table_at(&self, i: usize) -> Result<Arc<RouteTable>, Error> {
        if let Some(t) = self.tables[i].get() {
            return Ok(t.clone());
        }
        let t = Arc::new(super::routes::table_of(self.src(i), &self.all[i].obj)?);
        Ok(self.tables[i].get_or_init(|| t).clone())
    }

    /// The path of the VM named `vm`.
    pub fn path(&self, vm: &str) -> Result<VmPath, Error> {
        let first = self.first();
        let vm_i = self
            .find("microsoft.compute/virtualmachines", vm)
            .ok_or_else(|| {
                let vms = self.vms();
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
        let vm_res = &self.all[vm_i];
        let vsrc = self.src(vm_i);
        let what = format!("VM `{vm}`");
        let vp = vsrc.props(&vm_res.obj, &what)?;
        let nics = match vsrc.object(vp, "networkProfile", &what)? {
            Some(np) => vsrc.objects(np, "networkInterfaces", &what)?,
            None => Vec::new(),
        };
        let mut primary = None;
        for n in &nics {
            let p = vsrc.props(n, &what)?;
            if get_present(p, "primary").and_then(Value::as_bool) == Some(true) {
                primary = Some(*n);
                break;
            }
        }
        let primary = primary
            .or_else(|| nics.first().copied())
            .and_then(|n| get_ci(n, "id").and_then(Value::as_str))
            .and_then(|id| id.rsplit('/').next())
            .ok_or_else(|| {
                self.src(vm_i)
                    .err(&vm_res.obj, format!("VM `{vm}` names no network interface"))
            })?
            .to_string();
        let nic_i = self
            .find("microsoft.network/networkinterfaces", &primary)
            .ok_or_else(|| {
                self.src(vm_i).err(
                    &vm_res.obj,
                    format!(
                        "VM `{vm}`'s NIC `{primary}` is not in the resources given (add the NIC export)"
                    ),
                )
            })?;
        let nic = &self.all[nic_i];
        let nsrc = self.src(nic_i);
        let what = format!("NIC `{primary}`");
        let np = nsrc.props(&nic.obj, &what)?;
        let region = get_ci(&nic.obj, "location")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mut cfgs = Vec::new();
        for c in nsrc.objects(np, "ipConfigurations", &what)? {
            cfgs.push(nsrc.props(c, &what)?);
        }
        let cfg = cfgs
            .iter()
            .find(|c| get_present(c, "primary").and_then(Value::as_bool) == Some(true))
            .or_else(|| cfgs.first())
            .copied();
        let ip = cfg
            .and_then(|c| get_present(c, "privateIPAddress"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let subnet_id = cfg.and_then(|c| id_at(c, "subnet")).map(str::to_string);
        let nsg_of = |id: Option<&str>| -> Result<Option<Arc<Nsg>>, Error> {
            let Some(n) = id.and_then(|i| i.rsplit('/').next()) else {
                return Ok(None);
            };
            match self.find("microsoft.network/networksecuritygroups", n) {
                Some(i) => self.nsg_at(i).map(Some),
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
        let (mut vnet, mut subnet) = (Vec::new(), None::<(&Map<String, Value>, usize)>);
        let mut subnet_name = None;
        if let Some(sid) = &subnet_id {
            let (vn, sn) = (id_part(sid, "virtualNetworks"), id_part(sid, "subnets"));
            if let (Some(vn), Some(sn)) = (vn, sn) {
                subnet_name = Some(format!("{vn}/{sn}"));
                if let Some(vi) = self.find("microsoft.network/virtualnetworks", vn) {
                    let v = &self.all[vi];
                    let vsrc = self.src(vi);
                    let what = format!("VNet `{vn}`");
                    let vp = vsrc.props(&v.obj, &what)?;
                    if let Some(a) = vsrc.object(vp, "addressSpace", &what)? {
                        let mut unk = Vec::new();
                        vnet = super::nsg_json::field_strings(
                            get_present(a, "addressPrefixes"),
                            &mut unk,
                        )
                        .map_err(|found| {
                            vsrc.wrong_type(a, "addressPrefixes", &what, "a list of strings", found)
                        })?;
                    }
                    subnet = vsrc
                        .objects(vp, "subnets", &what)?
                        .into_iter()
                        .find(|s| name(s).eq_ignore_ascii_case(sn))
                        .map(|s| (s, v.file));
                }
                if subnet.is_none() {
                    subnet = self
                        .find(
                            "microsoft.network/virtualnetworks/subnets",
                            &format!("{vn}/{sn}"),
                        )
                        .or_else(|| self.find("microsoft.network/virtualnetworks/subnets", sn))
                        .map(|i| (&self.all[i].obj, self.all[i].file));
                }
            }
        }
        let (mut subnet_nsg, mut route_table, mut endpoints) = (None, None, Vec::new());
        if let Some((s, file)) = subnet {
            let src = self.file_src(file);
            let what = format!("subnet `{}`", subnet_name.as_deref().unwrap_or(""));
            let sp = src.props(s, &what)?;
            subnet_nsg = nsg_of(id_at(sp, "networkSecurityGroup"))?;
            if let Some(rt) = id_at(sp, "routeTable").and_then(|i| i.rsplit('/').next()) {
                let i = self.find("microsoft.network/routetables", rt).ok_or_else(|| {
                    Error::input(
                        first,
                        0,
                        format!(
                            "route table `{rt}` of VM `{vm}`'s subnet is not in the resources given"
                        ),
                    )
                })?;
                route_table = Some(self.table_at(i)?);
            }
            for e in src.objects(sp, "serviceEndpoints", &what)? {
                let ep = src.props(e, &what)?;
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
            tags: get_ci(&vm_res.obj, "tags")
                .and_then(Value::as_object)
                .map(|t| {
                    t.iter()
                        .filter(|(k, _)| !super::json::is_loc_key(k))
                        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                        .collect()
                })
                .unwrap_or_default(),
            region,
            ip,
            vnet,
            nic_nsg,
            subnet_nsg,
            route_table,
            subnet: subnet_name,
            endpoints,
        })
    }
}

/// The path of the VM named `vm` in the resources of `files`.
pub fn vm_path(files: &[String], vm: &str) -> Result<VmPath, Error> {
    Resources::load(files)?.path(vm)
}
