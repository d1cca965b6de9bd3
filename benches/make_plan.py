#!/usr/bin/env python3
"""Writes a `terraform show -json` plan of N azurerm_network_security_group resources with M inline
security_rule blocks each (azurerm 3.x shape), for the gate-versus-Checkov comparison in the README:
`python3 benches/make_plan.py 500 50 target/bench-data/plan-500x50.json`."""
import json
import sys

n, m, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
tags = ["Storage.WestEurope", "AzureCloud", "Internet", "VirtualNetwork", "AzureMonitor"]


def rule(i, r):
    return {
        "name": f"rule-{r}",
        "description": "",
        "priority": 100 + r * 10,
        "direction": "Inbound" if r % 3 == 0 else "Outbound",
        "access": "Deny" if (r + i) % 11 == 0 else "Allow",
        "protocol": "Tcp",
        "source_port_range": "*",
        "source_port_ranges": [],
        "destination_port_range": "22" if r % 17 == 0 else f"{1000 + r}",
        "destination_port_ranges": [],
        "source_address_prefix": "*" if r % 5 == 0 else "VirtualNetwork",
        "source_address_prefixes": [],
        "destination_address_prefix": tags[(i + r) % len(tags)] if r % 4 == 0 else f"20.{r % 200}.{i % 250}.0/24",
        "destination_address_prefixes": [],
        "source_application_security_group_ids": [],
        "destination_application_security_group_ids": [],
    }


resources, changes, conf = [], [], []
for i in range(n):
    addr = f"azurerm_network_security_group.nsg{i}"
    values = {
        "name": f"nsg-{i}",
        "location": "westeurope",
        "resource_group_name": "rg-net",
        "security_rule": [rule(i, r) for r in range(m)],
        "tags": {"owner": "network"},
        "timeouts": None,
    }
    resources.append({"address": addr, "mode": "managed", "type": "azurerm_network_security_group",
                      "name": f"nsg{i}", "provider_name": "registry.terraform.io/hashicorp/azurerm",
                      "schema_version": 0, "values": values, "sensitive_values": {"security_rule": [{} for _ in range(m)], "tags": {}}})
    changes.append({"address": addr, "mode": "managed", "type": "azurerm_network_security_group", "name": f"nsg{i}",
                    "provider_name": "registry.terraform.io/hashicorp/azurerm",
                    "change": {"actions": ["create"], "before": None, "after": values,
                               "after_unknown": {"id": True, "security_rule": [{} for _ in range(m)], "tags": {}},
                               "before_sensitive": False, "after_sensitive": {"security_rule": [{} for _ in range(m)], "tags": {}}}})
    conf.append({"address": addr, "mode": "managed", "type": "azurerm_network_security_group", "name": f"nsg{i}",
                 "provider_config_key": "azurerm", "expressions": {"name": {"constant_value": f"nsg-{i}"}}, "schema_version": 0})
plan = {
    "format_version": "1.2", "terraform_version": "1.9.8",
    "planned_values": {"root_module": {"resources": resources}},
    "resource_changes": changes,
    "configuration": {"provider_config": {"azurerm": {"name": "azurerm", "full_name": "registry.terraform.io/hashicorp/azurerm"}},
                      "root_module": {"resources": conf}},
}
with open(out, "w") as f:
    json.dump(plan, f, indent=2)
