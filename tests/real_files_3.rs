//! Real files, third pass (issue 20): real public inputs in `tests/data` (sources in tests/data/SOURCES.md)
//! that used to fall off the path or be misread: ASG rules with template-expression ids, files saved as
//! UTF-16, Terraform state, PowerShell firewall-policy exports, Blueprint artifacts, `az resource list`.

use assert_cmd::Command;
use azegress::ingest::load_nsgs;
use azegress::model::{AddrItem, Direction};
use serde_json::Value;

const DTL: &str = "tests/data/templates/devtestlab/jumpbox-two-linux-vms.json";

fn azegress() -> Command {
    Command::cargo_bin("azegress").unwrap()
}

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

// §4: an application security group whose id is a template expression is still an ASG (NICs inside the
// VNet), not `*`
#[test]
fn devtestlab_asg_rules_keep_their_asgs() {
    let nsgs = load_nsgs(DTL).unwrap();
    assert_eq!(nsgs.len(), 1);
    let rule = |name: &str| {
        nsgs[0]
            .rules
            .iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no rule {name}"))
    };
    let r = rule("AllowWindowsToLinuxVms");
    assert_eq!(r.direction, Direction::Inbound);
    assert!(
        matches!(&r.source.items[..], [AddrItem::Asg(a)] if a.contains("JMPAppSecGroup")),
        "{:?}",
        r.source
    );
    assert!(
        matches!(&r.destination.items[..], [AddrItem::Asg(a)] if a.contains("LINAppSecGroup")),
        "{:?}",
        r.destination
    );
    // the deny rule's source is a real `*`: it stays one
    assert_eq!(rule("DenyLinuxVMsAccess").source.items, vec![AddrItem::Any]);
}

#[test]
fn devtestlab_asg_rules_are_not_linted_as_open_to_the_internet() {
    let out = azegress()
        .args(["gate", "--format", "json", DTL])
        .output()
        .unwrap();
    let v = json_of(&out);
    let findings = v["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    let open: Vec<&Value> = findings
        .iter()
        .filter(|f| f["id"] == "lint/allow-all-ports-internet")
        .collect();
    assert!(open.is_empty(), "{open:?}");
}
