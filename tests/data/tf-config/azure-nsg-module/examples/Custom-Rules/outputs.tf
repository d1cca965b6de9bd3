output "network_security_group_id" {
  value = module.nsg.network_security_group_id
}

output "network_security_group_name" {
  value = module.nsg.network_security_group_name
}
