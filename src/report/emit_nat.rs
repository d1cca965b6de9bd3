//! A NAT gateway for a private subnet (reference §10.1), in every language: a Standard static public IP,
//! the gateway with it, and the gateway's association with the subnet.
//!
//! A subnet is written back whole in ARM and Bicep (a PUT replaces what it does not state), so those carry
//! the subnet's writable properties as the inputs hold them, with `natGateway` added; when the inputs do
//! not hold them, the association is left to the az, PowerShell or Terraform output, and the template
//! says so. az, PowerShell and Terraform associate without rewriting the subnet.

use super::emit::{
    NETWORK_API, RG_PLACEHOLDER, arm, arm_value, bicep, bicep_symbol, bicep_value, hcl, note, ps,
    sh, tf_label,
};
use crate::model::fix::NewNatGateway;
use serde_json::{Map, Value, json};

/// Idle timeout of the new gateway, in minutes: Azure's default.
const IDLE_TIMEOUT: u32 = 4;

fn names(n: &NewNatGateway) -> (String, &str, &str) {
    let rg = n
        .resource_group
        .clone()
        .unwrap_or_else(|| RG_PLACEHOLDER.to_string());
    let (vnet, snet) = n.subnet.split_once('/').unwrap_or(("<vnet>", &n.subnet));
    (rg, vnet, snet)
}

/// The subnet's properties as read, with the NAT gateway added; `None` when the inputs do not hold them
/// (or hold a value not known offline), since a subnet PUT without them would drop its NSG and routes.
fn subnet_properties(n: &NewNatGateway, nat_id: Value) -> Option<Map<String, Value>> {
    let text = n.subnet_properties.as_deref()?;
    if text.contains(crate::ingest::json_util::UNKNOWN_KEY) {
        return None;
    }
    let Ok(Value::Object(mut p)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    if !p.keys().any(|k| {
        k.eq_ignore_ascii_case("addressPrefix") || k.eq_ignore_ascii_case("addressPrefixes")
    }) {
        return None;
    }
    p.retain(|k, _| !k.eq_ignore_ascii_case("natGateway"));
    p.insert("natGateway".into(), json!({ "id": nat_id }));
    Some(p)
}

/// `az` commands.
pub fn azcli(n: &NewNatGateway) -> String {
    let (rg, vnet, snet) = names(n);
    format!(
        "# subnet `{}` is private: a NAT gateway is its explicit outbound method\n\
         az network public-ip create --resource-group {rg} --name {pip} --location {loc} --sku Standard --allocation-method Static --version IPv4\n\
         az network nat gateway create --resource-group {rg} --name {ng} --location {loc} --public-ip-addresses {pip} --idle-timeout {IDLE_TIMEOUT}\n\
         az network vnet subnet update --resource-group {rg} --vnet-name {vnet} --name {snet} --nat-gateway {ng}\n",
        note(&n.subnet),
        rg = sh(&rg),
        pip = sh(&n.public_ip),
        loc = sh(&n.location),
        ng = sh(&n.name),
        vnet = sh(vnet),
        snet = sh(snet),
    )
}

/// Azure PowerShell: the subnet object of the VNet gets the gateway and the VNet is set, so the subnet's
/// other properties stay (Set-AzVirtualNetworkSubnetConfig would blank what it is not given).
pub fn powershell(n: &NewNatGateway) -> String {
    let (rg, vnet, snet) = names(n);
    format!(
        "# subnet `{}` is private: a NAT gateway is its explicit outbound method\n\
         $pip = New-AzPublicIpAddress -ResourceGroupName {rg} -Name {pip} -Location {loc} -Sku Standard -AllocationMethod Static -IpAddressVersion IPv4\n\
         $nat = New-AzNatGateway -ResourceGroupName {rg} -Name {ng} -Location {loc} -Sku Standard -PublicIpAddress $pip -IdleTimeoutInMinutes {IDLE_TIMEOUT}\n\
         $vnet = Get-AzVirtualNetwork -ResourceGroupName {rg} -Name {vnet}\n\
         $subnet = Get-AzVirtualNetworkSubnetConfig -VirtualNetwork $vnet -Name {snet}\n\
         $subnet.NatGateway = $nat\n\
         Set-AzVirtualNetwork -VirtualNetwork $vnet\n",
        note(&n.subnet),
        rg = ps(&rg),
        pip = ps(&n.public_ip),
        loc = ps(&n.location),
        ng = ps(&n.name),
        vnet = ps(vnet),
        snet = ps(snet),
    )
}

/// ARM template resources (the public IP, the gateway, and the subnet written back with it).
pub fn arm_resources(n: &NewNatGateway) -> (Vec<Value>, Option<String>) {
    let (_, vnet, snet) = names(n);
    let pip_id = format!(
        "[resourceId('Microsoft.Network/publicIPAddresses', '{}')]",
        n.public_ip.replace('\'', "''")
    );
    let nat_id = format!(
        "[resourceId('Microsoft.Network/natGateways', '{}')]",
        n.name.replace('\'', "''")
    );
    let mut out = vec![
        json!({
            "type": "Microsoft.Network/publicIPAddresses",
            "apiVersion": NETWORK_API,
            "name": arm(&n.public_ip),
            "location": arm(&n.location),
            "sku": {"name": "Standard", "tier": "Regional"},
            "properties": {"publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4"}
        }),
        json!({
            "type": "Microsoft.Network/natGateways",
            "apiVersion": NETWORK_API,
            "name": arm(&n.name),
            "location": arm(&n.location),
            "sku": {"name": "Standard"},
            "dependsOn": [pip_id],
            "properties": {
                "idleTimeoutInMinutes": IDLE_TIMEOUT,
                "publicIpAddresses": [{"id": pip_id}]
            }
        }),
    ];
    let Some(props) = subnet_properties(n, Value::String(nat_id.clone())) else {
        return (
            out,
            Some(format!(
                "the properties of subnet `{}` are not among the inputs, and a subnet written back without them loses its NSG \
                 and routes: associate the NAT gateway with --emit azcli, powershell or terraform",
                note(&n.subnet)
            )),
        );
    };
    let mut props = arm_value(&Value::Object(props));
    // the NAT gateway's id is an expression, not a literal to escape
    props["natGateway"]["id"] = Value::String(nat_id.clone());
    out.push(json!({
        "type": "Microsoft.Network/virtualNetworks/subnets",
        "apiVersion": NETWORK_API,
        "name": arm(&format!("{vnet}/{snet}")),
        "comments": "the subnet written back whole, as the inputs hold it, with natGateway added: a subnet PUT replaces what it does not state",
        "dependsOn": [nat_id],
        "properties": props
    }));
    (out, None)
}

/// Bicep resources.
pub fn bicep_resources(n: &NewNatGateway) -> String {
    let (_, vnet, snet) = names(n);
    let sym = bicep_symbol(&n.name);
    let mut out = format!(
        "// subnet `{sub}` is private: a NAT gateway is its explicit outbound method\n\
         resource {sym}Ip 'Microsoft.Network/publicIPAddresses@{NETWORK_API}' = {{\n  name: {pip}\n  location: {loc}\n  sku: {{\n    name: 'Standard'\n    tier: 'Regional'\n  }}\n  properties: {{\n    publicIPAllocationMethod: 'Static'\n    publicIPAddressVersion: 'IPv4'\n  }}\n}}\n\n\
         resource {sym} 'Microsoft.Network/natGateways@{NETWORK_API}' = {{\n  name: {ng}\n  location: {loc}\n  sku: {{\n    name: 'Standard'\n  }}\n  properties: {{\n    idleTimeoutInMinutes: {IDLE_TIMEOUT}\n    publicIpAddresses: [\n      {{\n        id: {sym}Ip.id\n      }}\n    ]\n  }}\n}}\n",
        sub = note(&n.subnet),
        pip = bicep(&n.public_ip),
        loc = bicep(&n.location),
        ng = bicep(&n.name),
    );
    // the placeholder is replaced by the symbolic reference after the literal is written
    const NAT_REF: &str = "azegress-nat-gateway-id";
    match subnet_properties(n, Value::String(NAT_REF.into())) {
        Some(props) => {
            let body = bicep_value(&Value::Object(props), 1)
                .replace(&bicep(NAT_REF), &format!("{sym}.id"));
            out.push_str(&format!(
                "\nresource {sym}Vnet 'Microsoft.Network/virtualNetworks@{NETWORK_API}' existing = {{\n  name: {vnet}\n}}\n\n\
                 // the subnet written back whole, as the inputs hold it, with natGateway added: a subnet PUT replaces what it\n\
                 // does not state\n\
                 resource {sym}Subnet 'Microsoft.Network/virtualNetworks/subnets@{NETWORK_API}' = {{\n  parent: {sym}Vnet\n  name: {snet}\n  properties: {body}\n}}\n",
                vnet = bicep(vnet),
                snet = bicep(snet),
            ));
        }
        None => out.push_str(&format!(
            "\n// the properties of subnet `{}` are not among the inputs, and a subnet written back without them loses its NSG\n\
             // and routes: associate the NAT gateway with --emit azcli, powershell or terraform\n",
            note(&n.subnet)
        )),
    }
    out
}

/// Terraform (azurerm) resources: the association resources leave the subnet's own resource alone.
pub fn terraform(n: &NewNatGateway) -> String {
    let (rg, vnet, snet) = names(n);
    let label = tf_label(&n.name);
    let subnet_id = n.subnet_id.clone().unwrap_or_else(|| {
        format!(
            "/subscriptions/<subscription>/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{snet}"
        )
    });
    format!(
        "# subnet `{sub}` is private: a NAT gateway is its explicit outbound method\n\
         resource \"azurerm_public_ip\" \"{label}\" {{\n  name                = {pip}\n  resource_group_name = {rgq}\n  location            = {loc}\n  allocation_method   = \"Static\"\n  sku                 = \"Standard\"\n  ip_version          = \"IPv4\"\n}}\n\n\
         resource \"azurerm_nat_gateway\" \"{label}\" {{\n  name                    = {ng}\n  resource_group_name     = {rgq}\n  location                = {loc}\n  sku_name                = \"Standard\"\n  idle_timeout_in_minutes = {IDLE_TIMEOUT}\n}}\n\n\
         resource \"azurerm_nat_gateway_public_ip_association\" \"{label}\" {{\n  nat_gateway_id       = azurerm_nat_gateway.{label}.id\n  public_ip_address_id = azurerm_public_ip.{label}.id\n}}\n\n\
         # the subnet's id (or azurerm_subnet.<name>.id when the subnet is in this configuration)\n\
         resource \"azurerm_subnet_nat_gateway_association\" \"{label}\" {{\n  subnet_id      = {sid}\n  nat_gateway_id = azurerm_nat_gateway.{label}.id\n}}\n",
        sub = note(&n.subnet),
        pip = hcl(&n.public_ip),
        rgq = hcl(&rg),
        loc = hcl(&n.location),
        ng = hcl(&n.name),
        sid = hcl(&subnet_id),
    )
}
