//! Service endpoints of the VM's subnet (reference §4.5): from `az network vnet subnet show` / ARM subnet
//! JSON (`serviceEndpoints: [{service, locations}]`), a VNet with subnets (`FILE#subnet`), or a plain list
//! (`Microsoft.Storage,Microsoft.Sql`).

use crate::error::Error;
use crate::ingest::json_util::{Src, get_ci, get_present, strings};
use crate::model::{Origin, ServiceEndpoint};
use serde_json::{Map, Value};

/// `--service-endpoints`: an existing file (subnet or VNet JSON, `FILE#subnet`) or a comma-separated list.
pub fn load_service_endpoints(arg: &str) -> Result<Vec<ServiceEndpoint>, Error> {
    let (path, select) = crate::ingest::split_selector(arg);
    if std::path::Path::new(path).is_file() {
        let text = crate::ingest::read(path)?;
        return parse_service_endpoints(&text, path, select);
    }
    if arg.contains('/') || arg.ends_with(".json") {
        return Err(Error::Io {
            path: path.to_string(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    Ok(from_list(arg.split(','), "--service-endpoints"))
}

/// Service endpoints named in a list (`Microsoft.Storage`), covering the VM's region.
pub fn from_list<'a>(items: impl IntoIterator<Item = &'a str>, file: &str) -> Vec<ServiceEndpoint> {
    items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| ServiceEndpoint {
            service: s.to_string(),
            locations: Vec::new(),
            origin: Origin::at(file, 0),
        })
        .collect()
}

/// Parses a subnet (or a VNet with subnets, `select` naming the subnet).
pub fn parse_service_endpoints(
    text: &str,
    file: &str,
    select: Option<&str>,
) -> Result<Vec<ServiceEndpoint>, Error> {
    let src = Src::new(file, text);
    let doc: Value = src.parse()?;
    let Some(o) = doc.as_object() else {
        return Err(Error::input(
            file,
            1,
            "expected a subnet object (`serviceEndpoints`) or a VNet with `subnets`",
        ));
    };
    let p = src.props(o, "the VNet or subnet")?;
    let subnet = if get_present(p, "subnets").is_some() {
        let objs: Vec<&Map<String, Value>> = src.objects(p, "subnets", "the VNet")?;
        let pick = match select {
            Some(n) => objs.into_iter().find(|s| {
                get_ci(s, "name")
                    .and_then(Value::as_str)
                    .is_some_and(|x| x.eq_ignore_ascii_case(n))
            }),
            None if objs.len() == 1 => objs.into_iter().next(),
            None => {
                return Err(Error::input(
                    file,
                    0,
                    format!(
                        "a VNet with {} subnets; pick one with `{file}#<subnet>`",
                        objs.len()
                    ),
                ));
            }
        };
        let Some(s) = pick else {
            return Err(Error::input(
                file,
                0,
                format!("no subnet named `{}`", select.unwrap_or("")),
            ));
        };
        src.props(s, "the subnet")?
    } else {
        p
    };
    let mut out = Vec::new();
    if get_present(subnet, "serviceEndpoints").is_some() {
        for e in src.objects(subnet, "serviceEndpoints", "the subnet")? {
            let origin = src.origin(e);
            let e = src.props(e, "a service endpoint")?;
            let Some(service) = get_ci(e, "service").and_then(Value::as_str) else {
                continue;
            };
            out.push(ServiceEndpoint {
                service: service.to_string(),
                locations: strings(get_ci(e, "locations")),
                origin,
            });
        }
    } else if get_ci(subnet, "addressPrefix").is_none()
        && get_ci(subnet, "addressPrefixes").is_none()
    {
        return Err(Error::input(
            file,
            1,
            "not a subnet: expected `serviceEndpoints` or `addressPrefix` (az network vnet subnet show output)",
        ));
    }
    Ok(out)
}
