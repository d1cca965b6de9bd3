use super::*;
use serde_json::json;

fn scope_of(t: &Value) -> Scope<'_> {
    Scope::with(
        t.as_object().unwrap(),
        Map::new(),
        Rc::new(Cell::new(BUDGET)),
        Rc::new(Cell::new(false)),
    )
}

#[test]
fn evaluates_common_functions_and_marks_the_rest_unknown() {
    let t = json!({"parameters": {"region": {"type": "string", "defaultValue": "WestEurope"}, "nodef": {"type": "string"}},
                   "variables": {"prefix": "Storage", "ports": ["443", "8443"]}});
    let s = scope_of(&t);
    let ev = |x: &str| s.eval_string(x);
    assert_eq!(
        ev("[concat(variables('prefix'), '.', parameters('region'))]"),
        json!("Storage.WestEurope")
    );
    assert_eq!(
        ev("[format('{0}.{1}', 'Storage', toLower('EastUS'))]"),
        json!("Storage.eastus")
    );
    assert_eq!(ev("[format('{0}-{1:D3}', 'r', 7)]"), json!("r-007"));
    assert_eq!(ev("[toUpper('a''b')]"), json!("A'B"));
    assert_eq!(ev("[variables('ports')[1]]"), json!("8443"));
    assert_eq!(ev("[[literal]"), json!("[literal]"));
    assert!(is_unknown(&ev("[parameters('nodef')]")));
    assert!(
        ev("[parameters('nodef')]")[UNKNOWN_KEY]
            .as_str()
            .unwrap()
            .contains("--parameters")
    );
    let u = ev("[resourceGroup().location]");
    assert_eq!(u[UNKNOWN_KEY], json!("[resourceGroup().location]"));
}

#[test]
fn the_functions_real_templates_use() {
    let t =
        json!({"variables": {"rules": [{"name": "a", "port": 443}, {"name": "b", "port": 8443}]}});
    let s = scope_of(&t);
    let ev = |x: &str| s.eval_string(x);
    assert_eq!(ev("[coalesce(null(), 'x')]"), json!("x"));
    assert_eq!(ev("[if(equals(1, 1), 'yes', 'no')]"), json!("yes"));
    assert_eq!(ev("[if(not(true), 'yes', 'no')]"), json!("no"));
    assert_eq!(ev("[and(true, or(false, true))]"), json!(true));
    assert_eq!(
        ev("[split('a,b;c', createArray(',', ';'))]"),
        json!(["a", "b", "c"])
    );
    assert_eq!(ev("[replace('a-b', '-', '.')]"), json!("a.b"));
    assert_eq!(ev("[length(variables('rules'))]"), json!(2));
    assert_eq!(ev("[empty(createArray())]"), json!(true));
    assert_eq!(ev("[contains(createArray('x', 'y'), 'y')]"), json!(true));
    assert_eq!(
        ev("[union(createArray(1, 2), createArray(2, 3))]"),
        json!([1, 2, 3])
    );
    assert_eq!(ev("[range(5, 3)]"), json!([5, 6, 7]));
    assert_eq!(ev("[first(variables('rules')).name]"), json!("a"));
    assert_eq!(ev("[last(variables('rules')).port]"), json!(8443));
    assert_eq!(ev("[add(2, sub(10, 3))]"), json!(9));
    assert_eq!(ev("[greater(4, 3)]"), json!(true));
    assert_eq!(ev("[int('42')]"), json!(42));
    assert_eq!(ev("[string(42)]"), json!("42"));
    assert_eq!(ev("[json('{\"a\": [1]}').a[0]]"), json!(1));
    assert_eq!(ev("[padLeft('7', 3, '0')]"), json!("007"));
    assert_eq!(ev("[substring('Storage.WestEurope', 8, 4)]"), json!("West"));
    assert_eq!(ev("[take(createArray(1, 2, 3), 2)]"), json!([1, 2]));
    assert_eq!(ev("[skip('abcd', 2)]"), json!("cd"));
    assert_eq!(
        ev("[flatten(createArray(createArray(1), createArray(2, 3)))]"),
        json!([1, 2, 3])
    );
    assert_eq!(ev("[createObject('a', 1).a]"), json!(1));
    assert_eq!(ev("[tryGet(createObject('a', 1), 'b')]"), json!(null));
    assert_eq!(
        ev("[items(createObject('b', 2, 'a', 1))[0].key]"),
        json!("a")
    );
    assert_eq!(
        ev("[map(variables('rules'), lambda('r', lambdaVariables('r').port))]"),
        json!([443, 8443])
    );
    assert_eq!(
        ev(
            "[filter(variables('rules'), lambda('r', greater(lambdaVariables('r').port, 500)))[0].name]"
        ),
        json!("b")
    );
    assert_eq!(ev("[cidrHost('10.0.1.0/26', 3)]"), json!("10.0.1.4"));
    assert_eq!(
        ev("[resourceId('Microsoft.Network/ipGroups', 'ipg-a')]"),
        json!(
            "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/ipGroups/ipg-a"
        )
    );
    for dynamic in [
        "[uniqueString('x')]",
        "[utcNow()]",
        "[reference('fw').ipConfigurations[0]]",
        "[guid('a')]",
        "[subscription().id]",
    ] {
        assert!(is_unknown(&ev(dynamic)), "{dynamic}");
    }
}

#[test]
fn variables_are_evaluated_once_and_the_budget_bounds_growth() {
    // ten variables that each use the next ten times: 10^10 evaluations without memoizing (24 s, 210 MB)
    let mut vars = Map::new();
    for i in 0..10 {
        let uses: Vec<String> = (0..10)
            .map(|_| format!("variables('v{}')", i + 1))
            .collect();
        vars.insert(
            format!("v{i}"),
            json!(format!("[concat({})]", uses.join(", "))),
        );
    }
    vars.insert("v10".into(), json!("x"));
    let t = json!({ "variables": vars });
    let s = scope_of(&t);
    // the value itself would be 10^10 characters: the budget makes it unknown instead of an abort
    let v = s.variable("v0");
    assert!(is_unknown(&v), "{v}");
    assert!(s.exhausted());
    assert_eq!(s.variable("v8"), json!("x".repeat(100)));
    // self reference
    let t = json!({ "variables": {"a": "[variables('b')]", "b": "[variables('a')]"} });
    assert!(is_unknown(&scope_of(&t).variable("a")));
}

#[test]
fn copy_loops_on_properties_resources_and_variables() {
    let t = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"ports": {"type": "array", "defaultValue": [443, 8443]}, "count": {"type": "int"}},
        "variables": {"copy": [{"name": "names", "count": 2, "input": "[format('n{0}', copyIndex('names'))]"}]},
        "resources": [
            {"type": "Microsoft.Network/networkSecurityGroups", "name": "[concat('nsg-', copyIndex())]", "apiVersion": "2023-04-01",
             "copy": {"name": "nsgLoop", "count": 2},
             "properties": {"copy": [{"name": "securityRules", "count": "[length(parameters('ports'))]", "input": {
                "name": "[concat('allow-', parameters('ports')[copyIndex('securityRules')])]",
                "properties": {"priority": "[add(100, copyIndex('securityRules'))]"}}}]}},
            {"type": "Microsoft.Network/networkSecurityGroups", "name": "unknown-count",
             "properties": {"copy": [{"name": "securityRules", "count": "[parameters('count')]", "input": {"name": "x"}}]}}
        ]
    });
    let w = walk(t.as_object().unwrap());
    let names: Vec<&str> = w.resources.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["nsg-0", "nsg-1", "unknown-count"]);
    let rules = &w.resources[1].body["properties"]["securityRules"];
    assert_eq!(rules[1]["name"], "allow-8443");
    assert_eq!(rules[1]["properties"]["priority"], 101);
    let unk = &w.resources[2].body["properties"]["securityRules"];
    assert!(
        is_unknown(unk)
            && unk[UNKNOWN_KEY]
                .as_str()
                .unwrap()
                .contains("parameters('count')"),
        "{unk}"
    );
    assert_eq!(scope_of(&t).variable("names"), json!(["n0", "n1"]));
}

#[test]
fn nested_deployments_inner_and_outer_and_language_version_2() {
    let nsg = |name: &str| json!({"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01", "name": name, "properties": {"securityRules": []}});
    let t = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"prefix": {"type": "string", "defaultValue": "app"}},
        "resources": [
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner-mod",
             "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                "parameters": {"nsgName": {"value": "[format('{0}-nsg', parameters('prefix'))]"}},
                "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                    "contentVersion": "1.0.0.0", "languageVersion": "2.0",
                    "parameters": {"nsgName": {"type": "string"}},
                    "resources": {"nsg": {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01",
                                          "name": "[parameters('nsgName')]", "properties": {}}}}}},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "outer-mod",
             "properties": {"mode": "Incremental",
                "template": {"$schema": "x", "contentVersion": "1.0.0.0",
                    "resources": [nsg("[concat(parameters('prefix'), '-outer')]")]}}},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "linked",
             "properties": {"templateLink": {"uri": "https://example.invalid/t.json"}}}
        ]
    });
    let w = walk(t.as_object().unwrap());
    let nsgs: Vec<(&str, &str)> = w
        .resources
        .iter()
        .filter(|r| r.ty == crate::ingest::nsg_json::NSG_TYPE)
        .map(|r| (r.name.as_str(), r.deployment.as_str()))
        .collect();
    assert_eq!(nsgs, [("app-nsg", "inner-mod"), ("app-outer", "outer-mod")]);
    assert!(
        w.notes
            .iter()
            .any(|n| n.message.contains("`linked` links a template by URI")),
        "{:?}",
        w.notes
    );
}

#[test]
fn values_computed_at_deployment_are_symbolic_and_equal_to_themselves() {
    let t = json!({"variables": {"nic": "[concat('nic', uniqueString(resourceGroup().id))]"}});
    let s = scope_of(&t);
    let nic = s.eval_string("[variables('nic')]");
    assert_eq!(
        symbol_of(&nic),
        Some("nic<uniqueString(resourceGroup().id)>")
    );
    let id = s.eval_string("[resourceId('Microsoft.Network/networkInterfaces', variables('nic'))]");
    assert!(
        symbol_of(&id).is_some_and(
            |i| i.ends_with("/networkInterfaces/nic<uniqueString(resourceGroup().id)>")
        ),
        "{id}"
    );
    let f = s.eval_string("[format('vnet-{0}', resourceGroup().name)]");
    assert_eq!(symbol_of(&f), Some("vnet-<resourceGroup().name>"));
    // a symbolic value is unknown wherever it is not a name: `equals` of it is not decided
    assert!(is_unknown(
        &s.eval_string("[equals(variables('nic'), 'nic1')]")
    ));
}

#[test]
fn an_inline_deployment_s_outputs_are_followed() {
    let t = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            {"type": "Microsoft.Resources/deployments", "name": "nicDeployment",
             "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                "template": {
                    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                    "contentVersion": "1.0.0.0",
                    "variables": {"nicName": "[concat('nic-', uniqueString(resourceGroup().id))]"},
                    "resources": [{"type": "Microsoft.Network/networkInterfaces", "name": "[variables('nicName')]"}],
                    "outputs": {"nicId": {"type": "string",
                        "value": "[resourceId('Microsoft.Network/networkInterfaces', variables('nicName'))]"}}
                }}},
            {"type": "Microsoft.Compute/virtualMachines", "name": "vm1",
             "properties": {"networkProfile": {"networkInterfaces": [{"id":
                "[reference(resourceId('Microsoft.Resources/deployments', 'nicDeployment')).outputs.nicId.value]"}]}}}
        ]
    });
    let w = walk(t.as_object().unwrap());
    let vm = w.resources.iter().find(|r| r.name == "vm1").unwrap();
    let id = &vm.body["properties"]["networkProfile"]["networkInterfaces"][0]["id"];
    assert!(
        id.as_str().is_some_and(
            |i| i.ends_with("/networkInterfaces/nic-<uniqueString(resourceGroup().id)>")
        ),
        "{id}"
    );
    let nic = w
        .resources
        .iter()
        .find(|r| r.ty.ends_with("networkInterfaces"))
        .unwrap();
    assert_eq!(nic.name, "nic-<uniqueString(resourceGroup().id)>");
}
