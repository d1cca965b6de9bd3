# variable values of plan.json (its "variables" section), written as HCL
app_environment = "production"
app_name = "mage-data-prep"
container_cpu = "2"
container_memory = "2"
docker_image = "mageai/mageai:latest"
key_vault_name = "magedataprepkeyvault"
storage_account_name = "magedataprepstorage"
