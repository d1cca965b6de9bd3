//! From resources to one VM's path: the VM's NIC, the NIC's NSG and private IP, its subnet's NSG, route
//! table and service endpoints, its VNet's address space and its region — all taken from the associations
//! the resources themselves state (`networkSecurityGroup.id`, `ipConfigurations[].subnet.id`,
//! `routeTable.id`). Reads `az … list` output, REST lists (`value`), Azure Resource Graph exports (`data`),
//! plain arrays and ARM templates, from one file or several.

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::ingest::json_util::id_segment as id_part;
use crate::ingest::json_util::{Src, UNKNOWN_KEY, get_ci, get_present};
use crate::ingest::nsg_json::Ctx;
use crate::model::*;
use crate::requirements::Disks;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

pub use crate::model::VmPath;

/// One resource: what indexes it, and its body — built, or left in its file's text to be read when needed (a
/// plain row of a resource list whose kind is read once per use: VMs, NICs, NSGs, route tables, and kinds no
/// path reads), so a tenant's export is not held in memory as parsed values.
struct Res {
    file: usize,
    /// Its `type`, lower case (empty when it has none); interned, as are the type as written and the location.
    ty: Arc<str>,
    /// Its `type` as written, when it is a string.
    ty_raw: Option<Arc<str>>,
    /// Its `name` (empty when it has none).
    name: String,
    /// Its `location`, when it is a string.
    location: Option<Arc<str>>,
    body: Body,
}

enum Body {
    Built(Box<Map<String, Value>>),
    /// Not built: the row at byte `start` of its file (checked for syntax when the file was read).
    Unbuilt {
        start: usize,
        pointer: Box<str>,
    },
}

/// One copy of each resource type and location among many resources.
#[derive(Default)]
struct Interner(std::collections::HashSet<Arc<str>>);

impl Interner {
    fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(a.clone());
        a
    }
}

impl Res {
    fn new(file: usize, obj: Map<String, Value>, strs: &mut Interner) -> Res {
        let raw = get_ci(&obj, "type").and_then(Value::as_str);
        Res {
            file,
            ty: strs.get(&raw.unwrap_or("").to_ascii_lowercase()),
            ty_raw: raw.map(|t| strs.get(t)),
            name: name(&obj).to_string(),
            location: get_ci(&obj, "location")
                .and_then(Value::as_str)
                .map(|l| strs.get(l)),
            body: Body::Built(Box::new(obj)),
        }
    }

    /// A row of a resource list left in its file's text (`ty`: its type, lower case).
    fn unbuilt(file: usize, ty: &str, row: crate::ingest::json::Row, strs: &mut Interner) -> Res {
        Res {
            file,
            ty: strs.get(ty),
            ty_raw: row.ty.as_deref().map(|t| strs.get(t)),
            name: row.name.unwrap_or_default(),
            location: row.location.as_deref().map(|l| strs.get(l)),
            body: Body::Unbuilt {
                start: row.start,
                pointer: row.pointer.into(),
            },
        }
    }

    /// Its `type`, lower case.
    fn ty(&self) -> &str {
        &self.ty
    }

    /// Its body, when it was built as the file was read (always, for the [`BUILT_KINDS`]).
    fn built(&self) -> Option<&Map<String, Value>> {
        match &self.body {
            Body::Built(o) => Some(&**o),
            Body::Unbuilt { .. } => None,
        }
    }
}

/// Kinds of resource read many times over (a VNet per VM, a firewall per path) or as a whole set (network
/// managers, firewall policies): always built when read.
const BUILT_KINDS: [&str; 8] = [
    "microsoft.network/virtualnetworks",
    "microsoft.network/virtualnetworks/subnets",
    "microsoft.network/natgateways",
    "microsoft.network/loadbalancers",
    "microsoft.network/azurefirewalls",
    "microsoft.network/firewallpolicies",
    "microsoft.network/firewallpolicies/rulecollectiongroups",
    "microsoft.network/ipgroups",
];

/// May a row of this (lower-case) type stay unbuilt until it is needed?
fn may_defer(ty: &str) -> bool {
    !ty.is_empty()
        && !BUILT_KINDS.contains(&ty)
        && !ty.starts_with("microsoft.network/networkmanagers/")
        && !ty.starts_with("microsoft.network/virtualhubs")
        && !ty.starts_with("microsoft.blueprint/")
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

/// The resource type of an object that names none but is plainly an NSG (`securityRules`) or a route
/// table (`routes`), flattened or under `properties`.
fn untyped_kind(o: &Map<String, Value>) -> Option<&'static str> {
    let p = get_present(o, "properties")
        .and_then(Value::as_object)
        .unwrap_or(o);
    get_ci(o, "name")?;
    if get_ci(p, "securityRules").is_some() || get_ci(p, "defaultSecurityRules").is_some() {
        Some("Microsoft.Network/networkSecurityGroups")
    } else if get_ci(p, "routes").is_some() && get_ci(p, "addressPrefix").is_none() {
        Some("Microsoft.Network/routeTables")
    } else {
        None
    }
}

/// [`collect`], keeping what templates say was not followed or not deployed.
fn collect_noting(
    v: Value,
    file: usize,
    out: &mut Vec<Res>,
    notes: &mut Vec<crate::diag::Diagnostic>,
    strs: &mut Interner,
) {
    match v {
        Value::Array(a) => a
            .into_iter()
            .for_each(|x| collect_noting(x, file, out, notes, strs)),
        Value::Object(o) if crate::ingest::template::is_template(&o) => {
            let w = crate::ingest::template::walk(&o);
            notes.extend(w.notes.iter().chain(&w.not_deployed).cloned());
            for r in w.resources {
                let mut b = r.body;
                b.insert("name".into(), Value::String(r.name));
                b.insert("type".into(), Value::String(r.ty));
                out.push(Res::new(file, b, strs));
            }
        }
        Value::Object(o) if crate::ingest::terraform::looks_like(&o) => {
            for r in crate::ingest::tf_topology::arm_resources(o) {
                if let Value::Object(obj) = r {
                    out.push(Res::new(file, obj, strs));
                }
            }
        }
        Value::Object(o) if get_ci(&o, "type").is_some() => out.push(Res::new(file, o, strs)),
        // `az network nsg show` / `az network route-table show` output written without its `type`
        Value::Object(mut o) if untyped_kind(&o).is_some() => {
            let t = untyped_kind(&o).unwrap_or_default();
            o.insert("type".into(), Value::String(t.into()));
            out.push(Res::new(file, o, strs));
        }
        Value::Object(mut o) => {
            // az/REST lists (`value`), Resource Graph exports (`data`)
            for k in ["value", "data"] {
                let key = o.keys().find(|x| x.eq_ignore_ascii_case(k)).cloned();
                if let Some(x) = key.and_then(|key| o.remove(&key)) {
                    collect_noting(x, file, out, notes, strs);
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
    lines: Vec<crate::ingest::json::LineIndex>,
    all: Vec<Res>,
    /// (lower-case type, name) → the first resource of that type and name.
    index: super::name_index::NameIndex,
    /// (lower-case type, lower-case Terraform address) → a Terraform configuration's resource by its address.
    by_address: HashMap<(Arc<str>, String), usize>,
    /// The NSGs and route tables built, by resource (a tenant's export has few of them per resource).
    nsgs: std::sync::Mutex<HashMap<usize, Arc<Nsg>>>,
    tables: std::sync::Mutex<HashMap<usize, Arc<RouteTable>>>,
    /// Virtual Network Manager resources (admin rules, their collections and network groups).
    managers: crate::ingest::avnm::Managers,
    /// The admin rules per VNet name (lower case), built once.
    admin_by_vnet: std::sync::Mutex<HashMap<String, Arc<AdminRules>>>,
    /// `vnet/subnet` (lower case) → the NAT gateway whose own `subnets` list names it (a subnet export may
    /// leave out its `natGateway`; the gateway's export lists the subnets it serves).
    nat_by_subnet: HashMap<String, String>,
    template_notes: Vec<crate::diag::Diagnostic>,
    /// Files that are part of a Terraform module (a `variables.tf` holds no resource and is no fault).
    tf_part: Vec<bool>,
    /// What the Terraform configurations leave unknown that can change a verdict: each is a subject that
    /// cannot be decided.
    unresolved: Vec<Diagnostic>,
    tf_notes: Vec<Diagnostic>,
    /// NSG name (lower case) → its rules written as child resources (`…/securityRules`).
    child_rules: HashMap<String, Vec<usize>>,
    /// Virtual WAN hubs, their connections, route tables and routing intent.
    hubs: crate::ingest::vwan::Hubs,
    /// A subnet's route table with the routes its VNet's hub sends, per (table, VNet), built once.
    hub_tables: std::sync::Mutex<HashMap<(usize, String), Arc<RouteTable>>>,
}

/// What was built for resource `i`, if it was.
fn cached<T>(cache: &std::sync::Mutex<HashMap<usize, Arc<T>>>, i: usize) -> Option<Arc<T>> {
    cache.lock().ok()?.get(&i).cloned()
}

/// Keeps what was built for resource `i` (the first one built, when two threads built it at once).
fn cache<T>(cache: &std::sync::Mutex<HashMap<usize, Arc<T>>>, i: usize, v: Arc<T>) -> Arc<T> {
    match cache.lock() {
        Ok(mut c) => c.entry(i).or_insert(v).clone(),
        Err(_) => v,
    }
}

/// The module file a Terraform location names ([`crate::ingest::json_util::FILE_MARK`]).
fn tf_file_of(o: &Map<String, Value>) -> Option<usize> {
    let l = crate::ingest::json::loc_of(o)?;
    let rest = l
        .pointer
        .strip_prefix(crate::ingest::json_util::FILE_MARK)?;
    rest.split_once(crate::ingest::json_util::FILE_MARK)?
        .0
        .parse()
        .ok()
}

impl Resources {
    /// Reads and indexes the resources of `files`. A directory holding `*.tf` files (or a `.tf` file) is
    /// read as one Terraform module ([`crate::ingest::tf_config`]), with the variable values in force.
    pub fn load(inputs: &[String]) -> Result<Resources, Error> {
        let mut files: Vec<String> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut lines: Vec<crate::ingest::json::LineIndex> = Vec::new();
        let mut tf_part: Vec<bool> = Vec::new();
        let mut unresolved = Vec::new();
        let mut tf_notes = Vec::new();
        let mut all = Vec::new();
        let mut strs = Interner::default();
        let mut template_notes = Vec::new();
        for f in inputs {
            if let Some(dir) = crate::ingest::tf_config::module_dir(f) {
                let base = files.len();
                let c = crate::ingest::tf_config::load(&dir, base)?;
                if c.files.is_empty() {
                    files.push(dir.display().to_string());
                    texts.push(String::new());
                    lines.push(crate::ingest::json::LineIndex::default());
                    tf_part.push(false);
                }
                for (p, t) in c.files {
                    lines.push(crate::ingest::json::LineIndex::new(&t));
                    files.push(p);
                    texts.push(t);
                    tf_part.push(true);
                }
                for r in crate::ingest::tf_topology::arm_resources(c.plan)
                    .into_iter()
                    .chain(c.arm)
                {
                    if let Value::Object(obj) = r {
                        let file = tf_file_of(&obj).unwrap_or(base);
                        all.push(Res::new(file, obj, &mut strs));
                    }
                }
                unresolved.extend(c.unresolved);
                tf_notes.extend(c.notes);
                continue;
            }
            let t = crate::ingest::read(f)?;
            let li = crate::ingest::json::LineIndex::new(&t);
            let src = Src::with_index(f, &t, &li);
            let file = files.len();
            let mut notes = Vec::new();
            match crate::ingest::json::resource_list(&t) {
                // a resource list: its rows are indexed, and only those read many times are built now
                Some(rows) => {
                    all.reserve(rows.len());
                    for row in rows {
                        let ty = row.ty.as_deref().map(str::to_ascii_lowercase);
                        match ty {
                            Some(ty) if row.plain && may_defer(&ty) => {
                                all.push(Res::unbuilt(file, &ty, row, &mut strs))
                            }
                            _ => {
                                let v = crate::ingest::json::parse_at(&t, row.start, &row.pointer)
                                    .map_err(|e| src.syntax(e))?;
                                collect_noting(v, file, &mut all, &mut notes, &mut strs);
                            }
                        }
                    }
                }
                None => {
                    let v = src.parse_resources()?;
                    if let Value::Object(o) = &v
                        && crate::ingest::terraform::looks_like(o)
                    {
                        crate::ingest::terraform::check_shape(&src, o)?;
                    }
                    collect_noting(v, file, &mut all, &mut notes, &mut strs)
                }
            }
            template_notes.extend(notes.into_iter().map(|n| n.within(f)));
            files.push(f.clone());
            texts.push(t);
            lines.push(li);
            tf_part.push(false);
        }
        all.shrink_to_fit();
        let mut index = super::name_index::NameIndex::with_capacity(all.len());
        for (i, r) in all.iter().enumerate() {
            index.insert_first(&r.ty, &r.name, i, |j| (&all[j].ty, &all[j].name));
        }
        // a Terraform configuration's VM by its address too
        let mut by_address = HashMap::new();
        for (i, r) in all.iter().enumerate() {
            if let Some(a) = r
                .built()
                .and_then(|o| o.get(crate::ingest::tf_config::ADDRESS_KEY))
                .and_then(Value::as_str)
            {
                by_address
                    .entry((r.ty.clone(), a.to_ascii_lowercase()))
                    .or_insert(i);
            }
        }
        let managers = crate::ingest::avnm::Managers::read(
            all.iter()
                .filter(|r| r.ty().starts_with("microsoft.network/networkmanagers/"))
                .filter_map(|r| {
                    Some((
                        Src::with_index(&files[r.file], &texts[r.file], &lines[r.file]),
                        r.built()?,
                        r.ty().to_string(),
                    ))
                }),
        )?;
        let mut nat_by_subnet = HashMap::new();
        for (r, o) in all
            .iter()
            .filter(|r| r.ty() == "microsoft.network/natgateways")
            .filter_map(|r| Some((r, r.built()?)))
        {
            let p = get_present(o, "properties")
                .and_then(Value::as_object)
                .unwrap_or(o);
            for s in get_present(p, "subnets")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(id) = s
                    .as_object()
                    .and_then(|o| get_ci(o, "id"))
                    .and_then(Value::as_str)
                    && let (Some(vn), Some(sn)) =
                        (id_part(id, "virtualNetworks"), id_part(id, "subnets"))
                {
                    nat_by_subnet.insert(
                        format!("{vn}/{sn}").to_ascii_lowercase(),
                        r.name.as_str().to_string(),
                    );
                }
            }
        }
        let hubs = crate::ingest::vwan::Hubs::read(
            all.iter()
                .filter(|r| {
                    crate::ingest::vwan::KINDS.contains(&r.ty())
                        || r.ty() == "microsoft.network/azurefirewalls"
                })
                .filter_map(|r| {
                    Some((
                        Src::with_index(&files[r.file], &texts[r.file], &lines[r.file]),
                        r.built()?,
                        &*r.ty,
                    ))
                }),
        )?;
        let mut child_rules: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in all.iter().enumerate() {
            if r.ty() == "microsoft.network/networksecuritygroups/securityrules"
                && let Some((parent, _)) = r.name.split_once('/')
            {
                child_rules
                    .entry(parent.to_ascii_lowercase())
                    .or_default()
                    .push(i);
            }
        }
        Ok(Resources {
            hubs,
            hub_tables: Default::default(),
            child_rules,
            nat_by_subnet,
            files,
            lines,
            texts,
            all,
            index,
            by_address,
            nsgs: Default::default(),
            tables: Default::default(),
            managers,
            admin_by_vnet: Default::default(),
            template_notes,
            tf_part,
            unresolved,
            tf_notes,
        })
    }

    /// The security admin rules the network manager resources among the inputs apply to a subnet's VNet
    /// (`vnet/subnet`), built once per VNet; `None` when the inputs hold no admin rule.
    fn admin_of(&self, subnet: Option<&str>) -> Option<Arc<AdminRules>> {
        if self.managers.is_empty() {
            return None;
        }
        let vnet = subnet?.split('/').next()?.to_ascii_lowercase();
        let mut cache = self.admin_by_vnet.lock().ok()?;
        Some(
            cache
                .entry(vnet.clone())
                .or_insert_with(|| Arc::new(self.managers.for_vnet(&vnet)))
                .clone(),
        )
    }

    /// What the templates among the inputs did not deploy (a `condition` false with the parameters given)
    /// or did not follow (a linked template, depth, budget), each naming its file.
    pub fn template_notes(&self) -> &[crate::diag::Diagnostic] {
        &self.template_notes
    }

    /// Every file read (the inputs named, the files of Terraform modules).
    pub fn read_files(&self) -> &[String] {
        &self.files
    }

    /// What was not read of the Terraform configurations among the inputs, named (a registry module not
    /// fetched, a data source).
    pub fn tf_notes(&self) -> &[Diagnostic] {
        &self.tf_notes
    }

    /// What the Terraform configurations among the inputs leave unknown that can change a verdict.
    pub fn unresolved(&self) -> &[Diagnostic] {
        &self.unresolved
    }

    /// Every resource of these (lower-case) types, in input order: its type (lower case), its name, the file
    /// it was read from, and its body. For readers of kinds no VM path reads (private endpoints, private DNS
    /// zones and their records and links).
    pub fn of_types<'a>(
        &'a self,
        types: &'a [&'a str],
    ) -> impl Iterator<
        Item = (
            &'a str,
            &'a str,
            &'a str,
            std::borrow::Cow<'a, Map<String, Value>>,
        ),
    > + 'a {
        self.all
            .iter()
            .enumerate()
            .filter(move |(_, r)| types.contains(&r.ty()))
            .map(move |(i, r)| {
                (
                    r.ty(),
                    r.name.as_str(),
                    self.files[r.file].as_str(),
                    self.obj(i),
                )
            })
    }

    /// The body of resource `i`: built, or read again from its file's text (checked when the file was read).
    fn obj(&self, i: usize) -> std::borrow::Cow<'_, Map<String, Value>> {
        let r = &self.all[i];
        match &r.body {
            Body::Built(o) => std::borrow::Cow::Borrowed(&**o),
            Body::Unbuilt { start, pointer } => {
                match crate::ingest::json::parse_at(&self.texts[r.file], *start, pointer) {
                    Ok(Value::Object(o)) => std::borrow::Cow::Owned(o),
                    // cannot happen: the row was an object, and its syntax was checked as the file was read
                    _ => std::borrow::Cow::Owned(Map::new()),
                }
            }
        }
    }

    fn find(&self, kind: &str, n: &str) -> Option<usize> {
        let all = &self.all;
        self.index
            .get(kind, n, |j| (&all[j].ty, &all[j].name))
            .or_else(|| {
                if self.by_address.is_empty() {
                    return None;
                }
                self.by_address
                    .get(&(Arc::from(kind), n.to_ascii_lowercase()))
                    .copied()
            })
    }

    fn src(&self, i: usize) -> Src<'_> {
        self.file_src(self.all[i].file)
    }

    fn file_src(&self, f: usize) -> Src<'_> {
        Src::with_index(&self.files[f], &self.texts[f], &self.lines[f]).with_siblings(
            &self.files,
            &self.texts,
            &self.lines,
        )
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
        if !self.all.iter().any(|r| r.ty() == kinds[0]) {
            return Ok(Vec::new());
        }
        let objects: Vec<(Src<'_>, &Map<String, Value>)> = (0..self.all.len())
            .filter(|&i| kinds.contains(&self.all[i].ty()))
            .filter_map(|i| Some((self.src(i), self.all[i].built()?)))
            .collect();
        crate::ingest::firewall::firewalls_in(&objects)
    }

    /// The VMs' names, in input order.
    pub fn vms(&self) -> Vec<&str> {
        self.all
            .iter()
            .filter(|r| r.ty() == "microsoft.compute/virtualmachines")
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Everything the resources hold to gate, each as a path: every VM (from its resource, or from a NIC
    /// whose `virtualMachine.id` names a VM that is not among them), then every subnet with an NSG or a
    /// route table that no VM is in, then every NSG that no VM or subnet uses. A path that cannot be built
    /// is the reason why.
    pub fn subjects(&self) -> Subjects {
        // the NICs the VMs' paths go through: attached to a VM among the inputs, so not read again below
        let mut through = std::collections::HashSet::new();
        let mut out: Vec<Result<VmPath, String>> = self
            .vms()
            .into_iter()
            .map(|vm| match self.path_and_nic(vm) {
                Ok((p, nic)) => {
                    through.insert(nic);
                    Ok(p)
                }
                Err(e) => Err(path_error(e)),
            })
            .collect();
        // NICs of VMs that are not among the inputs (`az network nic list` without `az vm list`)
        let mut unattached = Vec::new();
        let mut vm_nics = None;
        for (i, r) in self.all.iter().enumerate() {
            if r.ty() != "microsoft.network/networkinterfaces" || through.contains(&i) {
                continue;
            }
            let o = self.obj(i);
            let Some(vm) = get_present(&o, "properties")
                .and_then(Value::as_object)
                .map_or(Some(&*o), Some)
                .and_then(|p| id_at(p, "virtualMachine"))
                .and_then(|id| id.trim_end_matches('/').rsplit('/').next())
                .filter(|v| !v.is_empty())
            else {
                // a NIC that names no VM: named, when no VM resource names it either
                let n = r.name.as_str();
                if !vm_nics
                    .get_or_insert_with(|| self.vm_nics())
                    .contains(&n.to_ascii_lowercase())
                {
                    unattached.push(n.to_string());
                }
                continue;
            };
            if self.find("microsoft.compute/virtualmachines", vm).is_some() {
                continue;
            }
            out.push(
                self.nic_path(i, r.name.as_str(), vm)
                    .map_err(|e| e.to_string()),
            );
        }
        let mut used_subnets: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut used_nsgs: std::collections::HashSet<usize> = std::collections::HashSet::new();
        let mark = |p: &VmPath,
                    subnets: &mut std::collections::HashSet<String>,
                    nsgs: &mut std::collections::HashSet<usize>| {
            if let Some(sn) = &p.subnet {
                subnets.insert(sn.to_ascii_lowercase());
            }
            for n in [&p.nic_nsg, &p.subnet_nsg].into_iter().flatten() {
                nsgs.insert(Arc::as_ptr(n) as usize);
            }
        };
        for p in out.iter().flatten() {
            mark(p, &mut used_subnets, &mut used_nsgs);
        }
        // subnets with an NSG or a route table and no VM: a VM in that subnet
        let mut subnet_ids: Vec<(String, String, String)> = Vec::new(); // (vnet, subnet, region)
        let mut bare: Vec<String> = Vec::new();
        let mut bare_subnets = Vec::new();
        // VNets and subnets are always built as their file is read
        for (r, o) in self.all.iter().filter_map(|r| Some((r, r.built()?))) {
            let region = r.location.as_deref().unwrap_or("");
            match r.ty() {
                "microsoft.network/virtualnetworks" => {
                    let p = get_present(o, "properties")
                        .and_then(Value::as_object)
                        .unwrap_or(o);
                    for sn in get_present(p, "subnets")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_object)
                    {
                        let sp = get_present(sn, "properties")
                            .and_then(Value::as_object)
                            .unwrap_or(sn);
                        if id_at(sp, "networkSecurityGroup").is_some()
                            || id_at(sp, "routeTable").is_some()
                        {
                            subnet_ids.push((
                                r.name.as_str().to_string(),
                                name(sn).to_string(),
                                region.to_string(),
                            ));
                        } else if get_present(sp, "networkSecurityGroup").is_none() {
                            bare.push(format!("{}/{}", r.name, name(sn)));
                        }
                    }
                }
                "microsoft.network/virtualnetworks/subnets" => {
                    let p = get_present(o, "properties")
                        .and_then(Value::as_object)
                        .unwrap_or(o);
                    if id_at(p, "networkSecurityGroup").is_none()
                        && id_at(p, "routeTable").is_none()
                        && get_present(p, "networkSecurityGroup").is_none()
                        && r.name.contains('/')
                    {
                        bare.push(r.name.clone());
                    }
                    if id_at(p, "networkSecurityGroup").is_some()
                        || id_at(p, "routeTable").is_some()
                    {
                        let full = r.name.as_str();
                        let (vn, sn) = full.split_once('/').unwrap_or(("", full));
                        let vn = if vn.is_empty() {
                            get_ci(o, "id")
                                .and_then(Value::as_str)
                                .and_then(|id| id_part(id, "virtualNetworks"))
                                .unwrap_or("")
                        } else {
                            vn
                        };
                        subnet_ids.push((vn.to_string(), sn.to_string(), region.to_string()));
                    }
                }
                _ => {}
            }
        }
        // subnets with neither NSG nor route table and no VM: not subjects, but linted (no NSG), unless a
        // Terraform association left unknown may give them one
        bare.retain(|b| {
            let leaf = b.rsplit('/').next().unwrap_or(b);
            !RESERVED_SUBNETS
                .iter()
                .any(|r| r.eq_ignore_ascii_case(leaf))
                && !used_subnets.contains(&b.to_ascii_lowercase())
        });
        bare.sort_by_key(|b| b.to_ascii_lowercase());
        bare.dedup_by_key(|b| b.to_ascii_lowercase());
        if self.unresolved.is_empty() {
            bare_subnets = bare;
        }
        subnet_ids.sort_by_key(|(v, s, _)| format!("{v}/{s}").to_ascii_lowercase());
        subnet_ids.dedup_by_key(|(v, s, _)| format!("{v}/{s}").to_ascii_lowercase());
        let mut reserved = Vec::new();
        for (vn, sn, mut region) in subnet_ids {
            // no VM runs in the subnets Azure reserves for its own services
            if RESERVED_SUBNETS.iter().any(|r| r.eq_ignore_ascii_case(&sn)) {
                reserved.push(format!("{vn}/{sn}"));
                continue;
            }
            if region.is_empty() {
                // a subnet resource has no location of its own (Terraform's azurerm_subnet): its VNet's
                region = self
                    .find("microsoft.network/virtualnetworks", &vn)
                    .and_then(|i| self.all[i].location.as_deref())
                    .unwrap_or("")
                    .to_string();
            }
            let key = format!("{vn}/{sn}");
            if used_subnets.contains(&key.to_ascii_lowercase()) {
                continue;
            }
            let sid = format!("/virtualNetworks/{vn}/subnets/{sn}");
            let whose = format!("subnet `{key}`'s");
            let p = self.subnet_parts(&sid, &whose).map(|sub| VmPath {
                graph: 0,
                outbound: (!sub.missing).then(|| {
                    Box::new(Outbound {
                        subnet: key.clone(),
                        private: sub.private.clone(),
                        private_unknown: sub.private_unknown.clone(),
                        explicit: sub.nat.as_ref().map(|n| format!("NAT gateway `{n}`")),
                        unknown: None,
                        subnet_id: sub.id.clone(),
                        properties: sub.props.clone(),
                    })
                }),
                vm: key.clone(),
                tags: Vec::new(),
                region: region.clone(),
                ip: None,
                vnet: sub.vnet,
                nic_nsg: None,
                subnet_nsg: sub.nsg,
                route_table: sub.route_table,
                subnet: sub.name,
                endpoints: sub.endpoints,
                kind: SubjectKind::Subnet,
                admin: self.admin_of(Some(&key)),
                disks: None,
                subnet_missing: None,
            });
            if let Ok(p) = &p {
                mark(p, &mut used_subnets, &mut used_nsgs);
            }
            out.push(p.map_err(path_error));
        }
        // NSGs no VM or subnet uses: a VM behind that NSG alone
        for (i, r) in self.all.iter().enumerate() {
            if r.ty() != "microsoft.network/networksecuritygroups" {
                continue;
            }
            let nsg = match self.nsg_at(i) {
                Ok(n) => n,
                Err(e) => {
                    out.push(Err(e.to_string()));
                    continue;
                }
            };
            if used_nsgs.contains(&(Arc::as_ptr(&nsg) as usize)) {
                continue;
            }
            out.push(Ok(VmPath {
                graph: 0,
                outbound: None,
                vm: nsg.name.clone(),
                tags: Vec::new(),
                region: r.location.as_deref().unwrap_or("").to_string(),
                ip: None,
                vnet: Vec::new(),
                nic_nsg: Some(nsg),
                subnet_nsg: None,
                route_table: None,
                subnet: None,
                endpoints: Vec::new(),
                kind: SubjectKind::Nsg,
                admin: None,
                disks: None,
                subnet_missing: None,
            }));
        }
        Subjects {
            paths: out,
            reserved_subnets: reserved,
            unattached_nics: unattached,
            bare_subnets,
        }
    }

    /// The files among the inputs that hold no resource at all (named by gate: they took no part).
    pub fn empty_files(&self) -> Vec<&str> {
        let mut has = vec![false; self.files.len()];
        for r in &self.all {
            has[r.file] = true;
        }
        (0..self.files.len())
            .filter(|&f| !has[f] && !self.tf_part[f])
            .map(|f| self.files[f].as_str())
            .collect()
    }

    /// The NIC names every VM resource lists (lowercase).
    fn vm_nics(&self) -> std::collections::HashSet<String> {
        let mut out = std::collections::HashSet::new();
        for (i, r) in self.all.iter().enumerate() {
            if r.ty() != "microsoft.compute/virtualmachines" {
                continue;
            }
            let o = self.obj(i);
            let p = get_present(&o, "properties")
                .and_then(Value::as_object)
                .unwrap_or(&o);
            for n in get_present(p, "networkProfile")
                .and_then(Value::as_object)
                .and_then(|np| get_present(np, "networkInterfaces"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(id) = n
                    .as_object()
                    .and_then(|o| get_ci(o, "id"))
                    .and_then(Value::as_str)
                {
                    out.insert(id.rsplit('/').next().unwrap_or("").to_ascii_lowercase());
                }
            }
        }
        out
    }

    /// What the resources are, in words: `12 resources: Microsoft.Storage/storageAccounts ×3, …` (the
    /// resource types, most common first; `no resources` when there are none).
    pub fn summary(&self) -> String {
        let mut by: HashMap<String, usize> = HashMap::new();
        for r in &self.all {
            *by.entry(r.ty_raw.as_deref().unwrap_or("(no type)").to_string())
                .or_default() += 1;
        }
        if by.is_empty() {
            return "no resources".into();
        }
        let mut v: Vec<(String, usize)> = by.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let shown: Vec<String> = v.iter().take(6).map(|(t, n)| format!("{t} ×{n}")).collect();
        format!(
            "{} resource(s): {}{}",
            self.all.len(),
            shown.join(", "),
            if v.len() > 6 { ", …" } else { "" }
        )
    }

    /// What among the resources takes part in no verdict of `paths` (the subjects gated from them; `firewalls`
    /// the names of the firewalls their routes lead to): route tables on no path, firewalls no path leads to,
    /// hub connections of virtual networks without a subject, and kinds not modelled, counted by kind.
    pub fn not_taking_part<'p>(
        &self,
        paths: impl IntoIterator<Item = &'p VmPath>,
        firewalls: &std::collections::HashSet<String>,
    ) -> Vec<String> {
        let mut tables = std::collections::HashSet::new();
        let mut vnets = std::collections::HashSet::new();
        for p in paths {
            if let Some(t) = &p.route_table {
                tables.insert(t.name.to_ascii_lowercase());
            }
            if let Some(v) = p.subnet.as_deref().and_then(|s| s.split('/').next()) {
                vnets.insert(v.to_ascii_lowercase());
            }
        }
        let mut out = Vec::new();
        let mut other: std::collections::BTreeMap<String, usize> = Default::default();
        for r in &self.all {
            match r.ty() {
                "microsoft.network/routetables"
                    if !tables.contains(&r.name.to_ascii_lowercase()) =>
                {
                    out.push(format!(
                        "route table `{}` (associated with no subnet of a gated subject)",
                        r.name
                    ))
                }
                "microsoft.network/azurefirewalls"
                    if !firewalls.contains(&r.name.to_ascii_lowercase()) =>
                {
                    out.push(format!(
                        "Azure Firewall `{}` (no route of a gated subject leads to it)",
                        r.name
                    ))
                }
                t if MODELLED
                    .iter()
                    .any(|m| t == *m || t.starts_with(&format!("{m}/"))) => {}
                "" => {}
                _ => {
                    *other
                        .entry(r.ty_raw.as_deref().unwrap_or("").to_string())
                        .or_default() += 1
                }
            }
        }
        for (c, vnet) in self.hubs.connections() {
            if !vnets.contains(&vnet) {
                out.push(format!(
                    "virtual hub connection `{c}` (its virtual network holds no gated subject)"
                ));
            }
        }
        if !other.is_empty() {
            let kinds: Vec<String> = other.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
            out.push(format!("not modelled: {}", kinds.join(", ")));
        }
        out
    }

    /// Calls `f` with the type as written and the body of every resource whose lower-case type `want`
    /// accepts (bodies left in their file's text are read for the call).
    pub fn each_of_kinds(
        &self,
        want: fn(&str) -> bool,
        mut f: impl FnMut(&str, &Map<String, Value>),
    ) {
        for (i, r) in self.all.iter().enumerate() {
            if want(r.ty()) {
                let o = self.obj(i);
                f(r.ty_raw.as_deref().unwrap_or(r.ty()), &o);
            }
        }
    }

    /// How many NSG resources there are (none is built).
    pub fn nsg_count(&self) -> usize {
        self.all
            .iter()
            .filter(|r| r.ty() == "microsoft.network/networksecuritygroups")
            .count()
    }

    /// Every NSG resource, built (for lints), with its index.
    pub fn all_nsgs(&self) -> Vec<Result<Arc<Nsg>, Error>> {
        let mut out: Vec<Result<Arc<Nsg>, Error>> = (0..self.all.len())
            .filter(|&i| self.all[i].ty() == "microsoft.network/networksecuritygroups")
            .map(|i| self.nsg_at(i))
            .collect();
        // rules whose NSG is elsewhere (`web-nsg/denyOut` without `web-nsg` among the inputs): linted as
        // the rules they are, under their NSG's name, never dropped
        let held: std::collections::HashSet<String> = self
            .all
            .iter()
            .filter(|r| r.ty() == "microsoft.network/networksecuritygroups")
            .map(|r| r.name.to_ascii_lowercase())
            .collect();
        let mut orphans: Vec<&str> = self
            .child_rules
            .keys()
            .map(String::as_str)
            .filter(|p| !held.contains(*p))
            .collect();
        orphans.sort_unstable();
        for parent in orphans {
            let first = self.child_rules[parent][0];
            let shown = self.all[first]
                .name
                .split_once('/')
                .map_or(parent, |(p, _)| p)
                .to_string();
            let mut o = Map::new();
            o.insert(
                "name".into(),
                Value::String(format!("{shown} (its NSG is not among the inputs)")),
            );
            if let Some(l) = self.obj(first).get(crate::ingest::json::LOC_KEY) {
                o.insert(crate::ingest::json::LOC_KEY.into(), l.clone());
            }
            o.insert(
                "properties".into(),
                serde_json::json!({ "securityRules": [] }),
            );
            out.push(
                self.child_rules_of(parent)
                    .and_then(|extra| Ctx(self.src(first)).nsg_object(&o, Some(extra)))
                    .map(Arc::new),
            );
        }
        out
    }

    /// The rules written as child resources of the NSG named `parent` (lower case): `…/securityRules`
    /// resources named `parent/rule`, at the top level of a template or nested in the NSG.
    fn child_rules_of(&self, parent: &str) -> Result<Vec<SecurityRule>, Error> {
        let mut extra = Vec::new();
        for &j in self.child_rules.get(parent).into_iter().flatten() {
            let mut o = self.obj(j).into_owned();
            let rule = self.all[j]
                .name
                .split_once('/')
                .map_or(self.all[j].name.as_str(), |(_, r)| r)
                .to_string();
            o.insert("name".into(), Value::String(rule));
            extra.extend(Ctx(self.src(j)).rule(&o, false, parent)?);
        }
        Ok(extra)
    }

    fn nsg_at(&self, i: usize) -> Result<Arc<Nsg>, Error> {
        if let Some(n) = cached(&self.nsgs, i) {
            return Ok(n);
        }
        let extra = if self.child_rules.is_empty() {
            None
        } else {
            Some(self.child_rules_of(&self.all[i].name.to_ascii_lowercase())?)
        };
        let n = Arc::new(Ctx(self.src(i)).nsg_object(&self.obj(i), extra)?);
        Ok(cache(&self.nsgs, i, n))
    }

    fn table_at(&self, i: usize) -> Result<Arc<RouteTable>, Error> {
        if let Some(t) = cached(&self.tables, i) {
            return Ok(t);
        }
        let t = Arc::new(crate::ingest::routes::table_of(self.src(i), &self.obj(i))?);
        Ok(cache(&self.tables, i, t))
    }

    /// The path of the VM named `vm`.
    pub fn path(&self, vm: &str) -> Result<VmPath, Error> {
        self.path_and_nic(vm).map(|(p, _)| p)
    }

    /// The path of the VM named `vm`, and the resource index of the NIC it goes through.
    fn path_and_nic(&self, vm: &str) -> Result<(VmPath, usize), Error> {
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
                            crate::ingest::name_list(vms.iter().copied())
                        }
                    ),
                )
            })?;
        let vm_res = &self.all[vm_i];
        let vm_obj = self.obj(vm_i);
        let vsrc = self.src(vm_i);
        let what = format!("VM `{vm}`");
        if get_present(&vm_obj, "properties").is_none()
            && get_present(&vm_obj, "networkProfile").is_none()
        {
            // `az resource list` (and Get-AzResource without -ExpandProperties) leave every resource's
            // properties out: nothing to join on
            return Err(vsrc.err(
                &vm_obj,
                format!(
                    "VM `{vm}` has no properties in this export (`az resource list` and `Get-AzResource` without `-ExpandProperties` leave them out), so its network interfaces are not known: export the VMs with `az vm list`, the NICs with `az network nic list` (or a Resource Graph query: `az graph query -q \"Resources | where type =~ 'microsoft.compute/virtualmachines' or type startswith 'microsoft.network/'\"`) and pass those"
                ),
            ));
        }
        let vp = vsrc.props(&vm_obj, &what)?;
        let nics = match vsrc.object(vp, "networkProfile", &what)? {
            // a template's copy loop over a parameter without a value: which NICs is not known offline
            Some(np)
                if get_present(np, "networkInterfaces")
                    .is_some_and(crate::ingest::json_util::is_unknown) =>
            {
                let why = get_present(np, "networkInterfaces")
                    .and_then(|v| v.get(UNKNOWN_KEY))
                    .and_then(Value::as_str)
                    .unwrap_or("not known offline")
                    .to_string();
                return Err(Error::Unknown(format!(
                    "{}: VM `{vm}`: its network interfaces are not known offline ({why}), so its path cannot be checked: pass the template's parameters (--parameters FILE), or gate the deployed resources",
                    vsrc.origin(np)
                )));
            }
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
            // a join that fails: what the VM's path is cannot be known from these inputs
            .ok_or_else(|| {
                Error::Unknown(format!(
                    "{}: VM `{vm}` names no network interface among the inputs, so its path is not known: add its NIC export",
                    vsrc.origin(&vm_obj)
                ))
            })?
            .to_string();
        let nic_i = self
            .find("microsoft.network/networkinterfaces", &primary)
            .ok_or_else(|| {
                Error::Unknown(format!(
                    "{}: VM `{vm}`'s NIC `{primary}` is not in the resources given, so its path is not known (add the NIC export)",
                    vsrc.origin(&vm_obj)
                ))
            })?;
        let mut path = self.nic_path(nic_i, &primary, vm_res.name.as_str())?;
        path.tags = get_ci(&vm_obj, "tags")
            .and_then(Value::as_object)
            .map(|t| {
                t.iter()
                    .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
                    .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        path.disks = disks_of(vp);
        Ok((path, nic_i))
    }

    /// The path through the NIC at `nic_i` (named `nic`) of the VM named `vm`.
    fn nic_path(&self, nic_i: usize, nic: &str, vm: &str) -> Result<VmPath, Error> {
        let res = &self.all[nic_i];
        let obj = self.obj(nic_i);
        let nsrc = self.src(nic_i);
        let what = format!("NIC `{nic}`");
        let np = nsrc.props(&obj, &what)?;
        let region = res.location.as_deref().unwrap_or("").to_string();
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
        let public_ip = cfg.and_then(|c| id_at(c, "publicIPAddress")).map(|id| {
            id.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or(id)
                .to_string()
        });
        let pools: Vec<String> = cfg
            .and_then(|c| get_present(c, "loadBalancerBackendAddressPools"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| {
                p.as_object()
                    .and_then(|o| get_ci(o, "id"))
                    .and_then(Value::as_str)
            })
            .filter_map(|id| id_part(id, "loadBalancers").map(str::to_string))
            .collect();
        let whose = format!("VM `{vm}`'s");
        let nic_nsg = self.nsg_named(id_at(np, "networkSecurityGroup"), &whose)?;
        let sub = match &subnet_id {
            Some(sid) => self.subnet_parts(sid, &whose)?,
            None => SubnetParts::default(),
        };
        let outbound = (!sub.missing && sub.name.is_some()).then(|| {
            let (explicit, unknown) = self.explicit_outbound(&sub, public_ip.as_deref(), &pools);
            Box::new(Outbound {
                subnet: sub.name.clone().unwrap_or_default(),
                private: sub.private.clone(),
                private_unknown: sub.private_unknown.clone(),
                explicit,
                unknown,
                subnet_id: sub.id.clone().or_else(|| {
                    subnet_id
                        .clone()
                        .filter(|i| i.to_ascii_lowercase().starts_with("/subscriptions/"))
                }),
                properties: sub.props.clone(),
            })
        });
        let sub_name = sub.name.clone();
        let route_table = match sub.name.as_deref().and_then(|n| n.split('/').next()) {
            Some(vnet) if !self.hubs.is_empty() && !sub.missing => {
                self.with_hub_routes(sub.route_table, vnet, &sub.vnet, sub_name.as_deref())
            }
            _ => sub.route_table,
        };
        Ok(VmPath {
            graph: 0,
            outbound,
            vm: vm.to_string(),
            tags: Vec::new(),
            region,
            ip,
            vnet: sub.vnet,
            nic_nsg,
            subnet_nsg: sub.nsg,
            route_table,
            subnet_missing: sub.name.clone().filter(|_| sub.missing),
            subnet: sub.name,
            endpoints: sub.endpoints,
            kind: SubjectKind::Vm,
            admin: self.admin_of(sub_name.as_deref()),
            disks: None,
        })
    }

    /// A subnet's route table with the routes the Virtual WAN hub its VNet is connected to sends it (azure-semantics
    /// §11.2–§11.4): added as gateway routes, so the subnet's own user routes still win at equal prefix and its
    /// VNet's system routes still win for its own space; a table that does not propagate gateway routes gets none,
    /// said so. A subnet without a table gets one holding only the hub's routes. Built once per (table, VNet).
    fn with_hub_routes(
        &self,
        table: Option<Arc<RouteTable>>,
        vnet: &str,
        space: &[String],
        subnet: Option<&str>,
    ) -> Option<Arc<RouteTable>> {
        let Some(learned) = self.hubs.learned(vnet, space) else {
            return table;
        };
        let k = (
            table.as_ref().map_or(0, |t| Arc::as_ptr(t) as usize),
            vnet.to_ascii_lowercase(),
        );
        if let Some(t) = self.hub_tables.lock().ok().and_then(|c| c.get(&k).cloned()) {
            return Some(t);
        }
        let mut t = match &table {
            Some(t) => (**t).clone(),
            None => RouteTable {
                name: format!("{} (routes learned from virtual hub {})", vnet, learned.hub),
                routes: Vec::new(),
                effective: false,
                disable_bgp_propagation: false,
                origin: learned
                    .routes
                    .first()
                    .map(|r| r.origin.clone())
                    .unwrap_or_default(),
                warnings: Vec::new(),
            },
        };
        if t.disable_bgp_propagation {
            let what: Vec<String> = learned
                .routes
                .iter()
                .map(|r| {
                    format!(
                        "{} → {}",
                        r.prefix,
                        r.next_hop_resource.as_deref().map_or_else(
                            || r.next_hop.to_string(),
                            |f| format!("Azure Firewall `{f}`")
                        )
                    )
                })
                .collect();
            t.warnings.push(Diagnostic::new(
                &crate::diag::VWAN_PROPAGATION_OFF,
                format!(
                    "route table `{}` does not propagate gateway routes: the routes of virtual hub `{}` ({}) do not apply to subnet `{}`",
                    t.name,
                    learned.hub,
                    if what.is_empty() { "none".to_string() } else { what.join(", ") },
                    subnet.unwrap_or(vnet)
                ),
            ).at(&t.origin));
        } else {
            t.routes.extend(learned.routes);
            t.warnings.extend(learned.notes);
        }
        let t = Arc::new(t);
        match self.hub_tables.lock() {
            Ok(mut c) => Some(c.entry(k).or_insert(t).clone()),
            Err(_) => Some(t),
        }
    }

    /// The explicit outbound method of a NIC in a subnet: the subnet's NAT gateway, a public IP on the NIC, or
    /// a load balancer with outbound rules whose backend pool holds it (a load balancer not among the inputs:
    /// unknown, second).
    fn explicit_outbound(
        &self,
        sub: &SubnetParts,
        public_ip: Option<&str>,
        pools: &[String],
    ) -> (Option<String>, Option<String>) {
        if let Some(n) = &sub.nat {
            return (Some(format!("NAT gateway `{n}`")), None);
        }
        if let Some(p) = public_ip {
            return (Some(format!("public IP `{p}` on the NIC")), None);
        }
        let mut unknown = None;
        for lb in pools {
            match self.find("microsoft.network/loadbalancers", lb) {
                // load balancers are always built as their file is read
                Some(i) if let Some(o) = self.all[i].built() => {
                    let p = get_present(o, "properties")
                        .and_then(Value::as_object)
                        .unwrap_or(o);
                    let rules = get_present(p, "outboundRules")
                        .and_then(Value::as_array)
                        .is_some_and(|a| !a.is_empty());
                    let basic = get_present(o, "sku")
                        .and_then(Value::as_object)
                        .and_then(|s| get_ci(s, "name"))
                        .and_then(Value::as_str)
                        .is_some_and(|s| s.eq_ignore_ascii_case("Basic"));
                    if rules || basic {
                        return (Some(format!("load balancer `{lb}` outbound rule")), None);
                    }
                }
                Some(_) => {}
                None => {
                    unknown = Some(format!(
                        "load balancer `{lb}` (its backend pool holds the NIC; not among the inputs) has an outbound rule"
                    ))
                }
            }
        }
        (None, unknown)
    }

    /// The NSG an id names, built once; an NSG that is not among the resources is an input error.
    fn nsg_named(&self, id: Option<&str>, whose: &str) -> Result<Option<Arc<Nsg>>, Error> {
        let Some(n) = id.and_then(|i| i.rsplit('/').next()) else {
            return Ok(None);
        };
        match self.find("microsoft.network/networksecuritygroups", n) {
            Some(i) => self.nsg_at(i).map(Some),
            // it may hold a rule that decides: the path is not known without it
            None => Err(Error::Unknown(format!(
                "{}: NSG `{n}` of {whose} path is not in the resources given, so what it allows is not known (add the NSG export)",
                self.first()
            ))),
        }
    }

    /// What a subnet id leads to: the VNet's address space, the subnet's NSG, route table and service
    /// endpoints (a `subnets` entry of its VNet, or a subnet resource of its own). `whose` names the path
    /// in errors.
    fn subnet_parts(&self, sid: &str, whose: &str) -> Result<SubnetParts, Error> {
        let first = self.first();
        let mut out = SubnetParts::default();
        let (vn, sn) = (id_part(sid, "virtualNetworks"), id_part(sid, "subnets"));
        let (Some(vn), Some(sn)) = (vn, sn) else {
            // a subnet named by something that is not a subnet id (a DevTest Labs token such as
            // `$(LabSubnetId)`, a value not known offline): not among the inputs, and said so
            if !sid.trim().is_empty() {
                out.name = Some(sid.to_string());
                out.missing = true;
            }
            return Ok(out);
        };
        out.name = Some(format!("{vn}/{sn}"));
        let mut subnet = None::<(&Map<String, Value>, usize)>;
        let mut subnets_unknown = None::<String>;
        let mut api = None::<String>;
        if let Some(vi) = self.find("microsoft.network/virtualnetworks", vn)
            && let Some(vobj) = self.all[vi].built()
        {
            let v = &self.all[vi];
            api = get_ci(vobj, "apiVersion")
                .and_then(Value::as_str)
                .map(str::to_string);
            let vsrc = self.src(vi);
            let what = format!("VNet `{vn}`");
            let vp = vsrc.props(vobj, &what)?;
            if let Some(a) = vsrc.object(vp, "addressSpace", &what)? {
                let mut unk = Vec::new();
                out.vnet = crate::ingest::nsg_json::field_strings(
                    get_present(a, "addressPrefixes"),
                    &mut unk,
                )
                .map_err(|found| {
                    vsrc.wrong_type(a, "addressPrefixes", &what, "a list of strings", found)
                })?;
                // each VM's path holds a copy: exactly the room it takes
                out.vnet.shrink_to_fit();
            }
            // a subnet list not known offline (a template parameter): the subnet, unless it is a resource
            // of its own below, is not known
            if let Some(u) =
                get_present(vp, "subnets").filter(|x| crate::ingest::json_util::is_unknown(x))
            {
                subnets_unknown = Some(
                    u.get(UNKNOWN_KEY)
                        .and_then(Value::as_str)
                        .unwrap_or("not known offline")
                        .to_string(),
                );
            } else {
                subnet = vsrc
                    .objects(vp, "subnets", &what)?
                    .into_iter()
                    .find(|s| name(s).eq_ignore_ascii_case(sn))
                    .map(|s| (s, v.file));
            }
        }
        if subnet.is_none() {
            subnet = self
                .find(
                    "microsoft.network/virtualnetworks/subnets",
                    &format!("{vn}/{sn}"),
                )
                .or_else(|| self.find("microsoft.network/virtualnetworks/subnets", sn))
                .and_then(|i| Some((self.all[i].built()?, self.all[i].file)));
            if let Some((s, _)) = subnet {
                api = get_ci(s, "apiVersion")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or(api);
            }
        }
        if subnet.is_none()
            && let Some(why) = subnets_unknown
        {
            return Err(Error::Unknown(format!(
                "{first}: subnet `{vn}/{sn}` of {whose} path: the subnets of VNet `{vn}` are not known offline ({why}), so its NSG and route table are not known: pass the template's parameters (--parameters FILE)"
            )));
        }
        if subnet.is_none() {
            out.missing = true;
        }
        if let Some((s, file)) = subnet {
            let src = self.file_src(file);
            let what = format!("subnet `{vn}/{sn}`");
            let sp = src.props(s, &what)?;
            out.id = get_ci(s, "id")
                .and_then(Value::as_str)
                .filter(|i| i.to_ascii_lowercase().starts_with("/subscriptions/"))
                .map(str::to_string);
            // private subnets (azure-semantics.md §10.1): `defaultOutboundAccess: false`, or a template at API
            // 2025-07-01 or later that does not set it; an export of an existing subnet without it is not private
            match get_present(sp, "defaultOutboundAccess") {
                Some(Value::Bool(false)) => {
                    out.private = Some("defaultOutboundAccess false".into())
                }
                Some(Value::Bool(true)) => {}
                Some(other) if crate::ingest::json_util::is_unknown(other) => {
                    out.private_unknown = Some(
                        other
                            .get(UNKNOWN_KEY)
                            .and_then(Value::as_str)
                            .unwrap_or("not known offline")
                            .to_string(),
                    );
                }
                Some(other) => {
                    return Err(src.wrong_type(
                        sp,
                        "defaultOutboundAccess",
                        &what,
                        "true or false",
                        other,
                    ));
                }
                None => {
                    if api
                        .as_deref()
                        .is_some_and(|a| a.get(..10).unwrap_or(a) >= "2025-07-01")
                    {
                        out.private = Some(format!(
                            "created with API {} without `defaultOutboundAccess`: private by default",
                            api.as_deref().unwrap_or("")
                        ));
                    }
                }
            }
            out.nat = id_at(sp, "natGateway")
                .map(|id| {
                    id.trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .unwrap_or(id)
                        .to_string()
                })
                .or_else(|| {
                    self.nat_by_subnet
                        .get(&format!("{vn}/{sn}").to_ascii_lowercase())
                        .cloned()
                });
            // what a NAT gateway fix writes back (ARM, Bicep): only a private subnet without one needs it
            if out.private.is_some() && out.nat.is_none() {
                let keep: Map<String, Value> = sp
                    .iter()
                    .filter(|(k, _)| SUBNET_WRITABLE.iter().any(|w| w.eq_ignore_ascii_case(k)))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let mut keep = Value::Object(keep);
                crate::ingest::json::strip_locs(&mut keep);
                out.props = Some(keep.to_string());
            }
            out.nsg = self.nsg_named(id_at(sp, "networkSecurityGroup"), whose)?;
            if let Some(rt) = id_at(sp, "routeTable").and_then(|i| i.rsplit('/').next()) {
                let i = self
                    .find("microsoft.network/routetables", rt)
                    .ok_or_else(|| {
                        Error::Unknown(format!(
                            "{first}: route table `{rt}` of {whose} subnet is not in the resources given, so where it sends the traffic is not known (add the route table export)"
                        ))
                    })?;
                out.route_table = Some(self.table_at(i)?);
            }
            for e in src.objects(sp, "serviceEndpoints", &what)? {
                let ep = src.props(e, &what)?;
                if let Some(service) = get_ci(ep, "service").and_then(Value::as_str) {
                    out.endpoints.push(ServiceEndpoint {
                        service: service.to_string(),
                        locations: crate::ingest::json_util::strings(get_ci(ep, "locations")),
                        origin: src.origin(e),
                    });
                }
            }
        }
        Ok(out)
    }
}

/// Resource kinds (lower case; their children included) that take part in paths whenever a path reaches them,
/// or are gated on their own: never listed as not taking part.
const MODELLED: [&str; 16] = [
    "microsoft.compute/virtualmachines",
    "microsoft.network/networkinterfaces",
    "microsoft.network/networksecuritygroups",
    "microsoft.network/virtualnetworks",
    "microsoft.network/natgateways",
    "microsoft.network/loadbalancers",
    "microsoft.network/publicipaddresses",
    "microsoft.network/applicationsecuritygroups",
    "microsoft.network/firewallpolicies",
    "microsoft.network/ipgroups",
    "microsoft.network/networkmanagers",
    "microsoft.network/virtualwans",
    "microsoft.network/virtualhubs",
    "microsoft.network/routetables",
    "microsoft.network/azurefirewalls",
    "microsoft.resources/deployments",
];

/// Subnets that Azure reserves for its own services: no VM can be deployed in them, so they are not gated
/// as a VM in that subnet (their NSG, if any, is gated on its own).
pub const RESERVED_SUBNETS: [&str; 5] = [
    "GatewaySubnet",
    "AzureFirewallSubnet",
    "AzureFirewallManagementSubnet",
    "AzureBastionSubnet",
    "RouteServerSubnet",
];

/// Loads a firewall from one or more files (`FILE[#name]`), e.g. `az network firewall show` output plus
/// `az network firewall policy rule-collection-group list` output, or from a Terraform module (a directory
/// of `.tf` files, or one of them), whose firewalls are read as `--resources` reads them.
pub fn load_firewall(args: &[String]) -> Result<Firewall, Error> {
    // a Terraform module (a directory of `.tf` files, or one of them): its firewalls, as `--resources`
    // reads them
    if let [a] = args {
        let (path, sel) = crate::ingest::split_selector(a);
        if crate::ingest::tf_config::module_dir(path).is_some() {
            let res = Resources::load(&[path.to_string()])?;
            let mut fws = res.firewalls()?;
            if let Some(want) = sel {
                fws.retain(|f| f.name.eq_ignore_ascii_case(want));
            }
            return match fws.len() {
                1 => Ok(fws.remove(0)),
                0 => Err(Error::input(
                    path,
                    0,
                    match sel {
                        Some(w) => format!("no Azure Firewall named `{w}` in this configuration"),
                        None => "no Azure Firewall in this configuration".to_string(),
                    },
                )),
                _ => Err(Error::input(
                    path,
                    0,
                    format!(
                        "holds {} firewalls ({}): pick one with `{path}#<name>`",
                        fws.len(),
                        crate::ingest::name_list(fws.iter().map(|f| f.name.as_str()))
                    ),
                )),
            };
        }
    }
    crate::ingest::firewall::load_firewall_files(args)
}

/// Marks a subject whose path cannot be known offline in [`Subjects::paths`] (inconclusive, not an error).
pub const PATH_UNKNOWN: &str = "\u{1}unknown:";

/// Why a subject's path could not be built, as [`Subjects::paths`] holds it: a path that cannot be known
/// offline is marked [`PATH_UNKNOWN`].
fn path_error(e: Error) -> String {
    match e {
        Error::Unknown(_) => format!("{PATH_UNKNOWN}{e}"),
        e => e.to_string(),
    }
}

/// What [`Resources::subjects`] finds.
#[derive(Default)]
pub struct Subjects {
    /// Every subject's path, or why it could not be built.
    pub paths: Vec<Result<VmPath, String>>,
    /// Reserved subnets (`vnet/AzureBastionSubnet`) with an NSG or route table: not gated as a VM.
    pub reserved_subnets: Vec<String>,
    /// NICs attached to no VM (neither their `virtualMachine` nor a VM resource names them): not gated.
    pub unattached_nics: Vec<String>,
    /// Subnets (`vnet/snet`) with neither an NSG nor a route table and no VM among the inputs: not gated,
    /// but they have no NSG (a lint).
    pub bare_subnets: Vec<String>,
}

/// What a subnet id leads to.
#[derive(Default)]
struct SubnetParts {
    name: Option<String>,
    vnet: Vec<String>,
    nsg: Option<Arc<Nsg>>,
    route_table: Option<Arc<RouteTable>>,
    endpoints: Vec<ServiceEndpoint>,
    /// Neither its VNet's `subnets` nor a subnet resource is among the inputs.
    missing: bool,
    /// Why the subnet is private, when it is.
    private: Option<String>,
    /// Why it is not known whether the subnet is private, when it is not.
    private_unknown: Option<String>,
    /// Its NAT gateway, when it has one.
    nat: Option<String>,
    /// Its resource id, when the subnet object states it.
    id: Option<String>,
    /// Its writable properties (see [`Outbound::properties`]).
    props: Option<String>,
}

/// The properties of a subnet a PUT of it must carry so as not to drop them (read-only ones left out:
/// `ipConfigurations`, `provisioningState`, `purpose`, …).
const SUBNET_WRITABLE: [&str; 13] = [
    "addressPrefix",
    "addressPrefixes",
    "networkSecurityGroup",
    "routeTable",
    "natGateway",
    "serviceEndpoints",
    "serviceEndpointPolicies",
    "delegations",
    "privateEndpointNetworkPolicies",
    "privateLinkServiceNetworkPolicies",
    "defaultOutboundAccess",
    "sharingScope",
    "ipamPoolPrefixAllocations",
];

/// The VM's disk kind from its `storageProfile.osDisk`: a managed disk, or a VHD in a storage account
/// (unmanaged); `None` when the export does not say (reference §3, the backup ports per disk kind).
fn disks_of(vm_props: &Map<String, Value>) -> Option<Disks> {
    let os = get_present(vm_props, "storageProfile")
        .and_then(Value::as_object)
        .and_then(|s| get_present(s, "osDisk"))
        .and_then(Value::as_object)?;
    if get_present(os, "managedDisk").is_some() {
        Some(Disks::Managed)
    } else if get_present(os, "vhd").is_some() {
        Some(Disks::Unmanaged)
    } else {
        None
    }
}

/// The path of the VM named `vm` in the resources of `files`.
pub fn vm_path(files: &[String], vm: &str) -> Result<VmPath, Error> {
    Resources::load(files)?.path(vm)
}
