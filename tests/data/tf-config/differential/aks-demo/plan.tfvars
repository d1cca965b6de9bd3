# variable values of plan.json (its "variables" section), written as HCL

