//! Which VMs the inputs show running a workload: the AzureBackupWindowsWorkload / AzureBackupLinuxWorkload
//! extension, the Site Recovery (Mobility service) extension, a protected SQL or SAP HANA item, a replication
//! protected item (with its target region).

use super::WorkloadKind;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// What the inputs show: VM name (lower case) → workloads, and Site Recovery's target regions.
#[derive(Clone, Debug, Default)]
pub struct Running {
    /// VM name (lower case) → workloads found running on it.
    pub vms: BTreeMap<String, BTreeSet<WorkloadKind>>,
    /// VM name (lower case) → Site Recovery target region.
    pub target_regions: BTreeMap<String, String>,
}

impl Running {
    /// Does the VM run the workload?
    pub fn runs(&self, vm: &str, k: WorkloadKind) -> bool {
        self.vms
            .get(&vm.to_ascii_lowercase())
            .is_some_and(|s| s.contains(&k))
    }

    /// Site Recovery's target region for the VM, when the inputs hold it.
    pub fn target_region(&self, vm: &str) -> Option<&str> {
        self.target_regions
            .get(&vm.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// Scans a JSON document (any shape: lists, Resource Graph exports, templates, nested `resources`).
    pub fn scan(&mut self, v: &Value) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| self.scan(x)),
            Value::Object(o) => {
                let ty = o.get("type").and_then(Value::as_str).unwrap_or("");
                self.resource(ty, o);
                o.values().for_each(|x| self.scan(x));
            }
            _ => {}
        }
    }

    fn add(&mut self, vm: Option<String>, k: WorkloadKind) {
        if let Some(vm) = vm.filter(|v| !v.is_empty()) {
            self.vms
                .entry(vm.to_ascii_lowercase())
                .or_default()
                .insert(k);
        }
    }

    /// Reads one resource of its type (`ty`, any case): a VM extension, a protected item, a replication
    /// protected item; anything else is skipped.
    pub fn resource(&mut self, ty: &str, o: &serde_json::Map<String, Value>) {
        let props = o.get("properties").and_then(Value::as_object);
        let p = |k: &str| {
            props
                .and_then(|p| p.get(k))
                .and_then(Value::as_str)
                .unwrap_or("")
        };
        let id = o.get("id").and_then(Value::as_str).unwrap_or("");
        let t = ty.to_ascii_lowercase();
        if t == "microsoft.compute/virtualmachines/extensions" {
            let vm = vm_of_id(id).or_else(|| {
                o.get("name")
                    .and_then(Value::as_str)
                    .and_then(|n| n.split_once('/'))
                    .map(|(v, _)| v.to_string())
            });
            let (publisher, ext) = (
                p("publisher").to_ascii_lowercase(),
                p("type").to_ascii_lowercase(),
            );
            let k = match (publisher.as_str(), ext.as_str()) {
                (_, "azurebackupwindowsworkload") => Some(WorkloadKind::Sql),
                (_, "azurebackuplinuxworkload") => Some(WorkloadKind::Hana),
                ("microsoft.azure.recoveryservices.siterecovery", _) => Some(WorkloadKind::Asr),
                ("microsoft.azure.recoveryservices", "vmsnapshot" | "vmsnapshotlinux") => {
                    Some(WorkloadKind::Vm)
                }
                _ => None,
            };
            if let Some(k) = k {
                self.add(vm, k);
            }
        } else if t.ends_with("/protecteditems") && t.starts_with("microsoft.recoveryservices/") {
            let k = match p("protectedItemType").to_ascii_lowercase().as_str() {
                "azurevmworkloadsqldatabase" => Some(WorkloadKind::Sql),
                "azurevmworkloadsaphanadatabase" | "azurevmworkloadsaphanadbinstance" => {
                    Some(WorkloadKind::Hana)
                }
                "microsoft.compute/virtualmachines" => Some(WorkloadKind::Vm),
                "mabfilefolderprotecteditem" => Some(WorkloadKind::Mars),
                "dpmprotecteditem" => Some(WorkloadKind::Mabs),
                _ => None,
            };
            let vm = vm_of_id(p("sourceResourceId")).or_else(|| container_vm(id));
            if let Some(k) = k {
                self.add(vm, k);
            }
        } else if t.ends_with("/replicationprotecteditems") {
            let psd = props
                .and_then(|p| p.get("providerSpecificDetails"))
                .and_then(Value::as_object);
            let s = |k: &str| psd.and_then(|p| p.get(k)).and_then(Value::as_str);
            let vm = s("fabricObjectId").and_then(vm_of_id);
            if let Some(target) = s("recoveryFabricLocation").or(s("recoveryAzureLocation"))
                && let Some(v) = &vm
            {
                self.target_regions.insert(
                    v.to_ascii_lowercase(),
                    target.replace(' ', "").to_ascii_lowercase(),
                );
            }
            self.add(vm, WorkloadKind::Asr);
        }
    }
}

/// Does a resource of this type (lower case) show a workload running ([`Running::resource`] reads it)?
pub fn shows_workload(ty: &str) -> bool {
    ty == "microsoft.compute/virtualmachines/extensions"
        || (ty.starts_with("microsoft.recoveryservices/")
            && (ty.ends_with("/protecteditems") || ty.ends_with("/replicationprotecteditems")))
}

/// The predicate over lower-case types a graph walks for [`Running::resource`].
pub const KINDS: fn(&str) -> bool = shows_workload;

/// `/subscriptions/…/virtualMachines/NAME[/…]` → NAME.
fn vm_of_id(id: &str) -> Option<String> {
    let mut it = id.split('/');
    while let Some(seg) = it.next() {
        if seg.eq_ignore_ascii_case("virtualMachines") {
            return it.next().map(str::to_string);
        }
    }
    None
}

/// `…/protectionContainers/VMAppContainer;compute;rg;NAME/…` → NAME.
fn container_vm(id: &str) -> Option<String> {
    let mut it = id.split('/');
    while let Some(seg) = it.next() {
        if seg.eq_ignore_ascii_case("protectionContainers") {
            return it
                .next()
                .and_then(|c| c.rsplit(';').next())
                .map(str::to_string);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_protected_items() {
        let v: Value = serde_json::json!([
            {"type": "Microsoft.Compute/virtualMachines/extensions",
             "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/sql01/extensions/AzureBackupWindowsWorkload",
             "properties": {"publisher": "Microsoft.Azure.RecoveryServices.WorkloadBackup", "type": "AzureBackupWindowsWorkload"}},
            {"type": "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems",
             "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupFabrics/Azure/protectionContainers/VMAppContainer;compute;rg;hana01/protectedItems/SAPHanaDatabase;h01;systemdb",
             "properties": {"protectedItemType": "AzureVmWorkloadSAPHanaDatabase"}},
            {"type": "Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems",
             "properties": {"providerSpecificDetails": {"instanceType": "A2A",
               "fabricObjectId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/app01",
               "recoveryFabricLocation": "Korea South"}}}
        ]);
        let mut r = Running::default();
        r.scan(&v);
        assert!(r.runs("SQL01", WorkloadKind::Sql));
        assert!(r.runs("hana01", WorkloadKind::Hana));
        assert!(r.runs("app01", WorkloadKind::Asr));
        assert_eq!(r.target_region("app01"), Some("koreasouth"));
        assert!(!r.runs("sql01", WorkloadKind::Hana));
    }
}
