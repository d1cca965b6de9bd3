data "azurerm_client_config" "current" {}
variable "rg" {}
variable "vnet" {
  default = "vnet"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "westeurope"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "s" {
  name                 = "subnet-private"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_interface" "nic" {
  name                = "nic"
  location            = "westeurope"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "ip"
    subnet_id                     = "/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/${var.rg}/providers/Microsoft.Network/virtualNetworks/${var.vnet}/subnets/subnet-private"
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_network_interface_security_group_association" "a" {
  network_interface_id      = azurerm_network_interface.nic.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  location              = "westeurope"
  resource_group_name   = "rg"
  size                  = "Standard_B1s"
  admin_username        = "u"
  network_interface_ids = [azurerm_network_interface.nic.id]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "fw" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.1.1.0/26"]
}

resource "azurerm_firewall" "fw" {
  name                = "hub-fw"
  location            = "westeurope"
  resource_group_name = "rg"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  ip_configuration {
    name                 = "cfg"
    subnet_id            = azurerm_subnet.fw.id
    public_ip_address_id = "x"
  }
}

resource "azurerm_route_table" "rt" {
  name                = "spoke-rt"
  location            = "westeurope"
  resource_group_name = "rg"
  route {
    name                   = "default"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.1.1.4"
  }
}

resource "azurerm_subnet_route_table_association" "rta" {
  subnet_id      = "/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/${var.rg}/providers/Microsoft.Network/virtualNetworks/${var.vnet}/subnets/subnet-private"
  route_table_id = azurerm_route_table.rt.id
}
