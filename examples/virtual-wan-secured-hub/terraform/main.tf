# A spoke VNet connected to a secured Virtual WAN hub: the connection is associated with a custom hub route
# table that sends 0.0.0.0/0 and the spoke prefix to the hub's Azure Firewall (AZFW_Hub), whose policy allows
# only *.microsoft.com on 80/443. Written for azegress's tests after the shapes of the azurerm provider's
# documentation (azure-semantics.md §11.1); issue 30's headline case.

variable "internet_security" {
  type    = bool
  default = true
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-vwan"
  location = "westeurope"
}

resource "azurerm_virtual_wan" "wan" {
  name                = "wan"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
}

resource "azurerm_virtual_hub" "hub" {
  name                = "hub-weu"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  virtual_wan_id      = azurerm_virtual_wan.wan.id
  address_prefix      = "10.100.0.0/23"
}

resource "azurerm_firewall_policy" "hub" {
  name                = "fwpol-hub"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
}

resource "azurerm_firewall_policy_rule_collection_group" "apps" {
  name               = "apps"
  firewall_policy_id = azurerm_firewall_policy.hub.id
  priority           = 300

  application_rule_collection {
    name     = "allow-microsoft"
    priority = 100
    action   = "Allow"
    rule {
      name              = "msft"
      source_addresses  = ["*"]
      destination_fqdns = ["*.microsoft.com"]
      protocols {
        type = "Http"
        port = 80
      }
      protocols {
        type = "Https"
        port = 443
      }
    }
  }
}

resource "azurerm_firewall" "hub" {
  name                = "azfw-hub"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  sku_name            = "AZFW_Hub"
  sku_tier            = "Standard"
  firewall_policy_id  = azurerm_firewall_policy.hub.id

  virtual_hub {
    virtual_hub_id  = azurerm_virtual_hub.hub.id
    public_ip_count = 1
  }
}

resource "azurerm_virtual_hub_route_table" "spokes" {
  name           = "rt-spokes"
  virtual_hub_id = azurerm_virtual_hub.hub.id
  labels         = ["spokes"]

  route {
    name              = "internet-to-firewall"
    destinations_type = "CIDR"
    destinations      = ["0.0.0.0/0"]
    next_hop_type     = "ResourceId"
    next_hop          = azurerm_firewall.hub.id
  }

  route {
    name              = "spoke-to-firewall"
    destinations_type = "CIDR"
    destinations      = ["10.20.0.0/16"]
    next_hop_type     = "ResourceId"
    next_hop          = azurerm_firewall.hub.id
  }
}

resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-spoke"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "workload" {
  name                 = "snet-workload"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.20.1.0/24"]
}

resource "azurerm_virtual_hub_connection" "spoke" {
  name                      = "conn-spoke"
  virtual_hub_id            = azurerm_virtual_hub.hub.id
  remote_virtual_network_id = azurerm_virtual_network.spoke.id
  internet_security_enabled = var.internet_security

  routing {
    associated_route_table_id = azurerm_virtual_hub_route_table.spokes.id
  }
}

resource "azurerm_network_interface" "vm" {
  name                = "nic-workload-vm"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location

  ip_configuration {
    name                          = "ipconfig"
    subnet_id                     = azurerm_subnet.workload.id
    private_ip_address_allocation = "Static"
    private_ip_address            = "10.20.1.4"
  }
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "workload-vm"
  resource_group_name   = azurerm_resource_group.rg.name
  location              = azurerm_resource_group.rg.location
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.vm.id]

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForTests azureuser"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts"
    version   = "latest"
  }
}
