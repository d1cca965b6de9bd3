//! squid regex ACLs: a `dstdom_regex` that matches exactly a set of literal hosts decides like the
//! equivalent `dstdomain` list (property test), and patterns read from a file beside squid.conf.
//! Reference: azure-semantics.md §5.4 (squid http_access: first matching line decides; ACL lines AND).

use azegress::engine::Source;
use azegress::engine::squid::{self, ProxyRequest};
use azegress::ingest::proxy::{load_squid, parse_squid};
use azegress::model::*;
use azegress::tags::fqdn::Host;
use proptest::prelude::*;

fn decide(conf: &str, account: &str) -> DecisionAccess {
    let c = parse_squid(conf, "squid.conf").unwrap();
    let host = Host::Name(format!("{account}.blob.core.windows.net"));
    let req = ProxyRequest {
        client: Source::Ip("10.0.0.4".parse().unwrap()),
        vnet: AddrSet::from_net("10.0.0.0/16".parse().unwrap()),
        method: "CONNECT",
        host: &host,
        port: 443,
        listen_port: 3128,
        os: Os::Linux,
    };
    let dest = AddrSet::from_ip("20.33.154.10".parse().unwrap());
    squid::eval(&c, &req, &dest)[0].access
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn literal_regex_decides_like_dstdomain(
        names in proptest::collection::vec("[a-z][a-z0-9]{2,10}", 1..5),
        pick in 0usize..8,
    ) {
        let hosts: Vec<String> = names.iter().map(|n| format!("{n}.blob.core.windows.net")).collect();
        let account = if pick < names.len() { names[pick].clone() } else { "someoneelse".to_string() };
        let dstdomain = format!(
            "acl ok dstdomain {}\nhttp_access allow ok\nhttp_access deny all\nhttp_port 3128\n",
            hosts.join(" ")
        );
        let alts: Vec<String> = hosts.iter().map(|h| h.replace('.', "\\.")).collect();
        let regex = format!(
            "acl ok dstdom_regex ^({})$\nhttp_access allow ok\nhttp_access deny all\nhttp_port 3128\n",
            alts.join("|")
        );
        prop_assert_eq!(decide(&dstdomain, &account), decide(&regex, &account));
    }
}

#[test]
fn patterns_from_a_file_beside_squid_conf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("azure.regex"),
        "# Azure Storage for VM backup\n\n-i\n\\.BLOB\\.core\\.windows\\.net$\n",
    )
    .unwrap();
    let conf = dir.path().join("squid.conf");
    std::fs::write(
        &conf,
        "acl azure dstdom_regex \"/etc/squid/azure.regex\"\nhttp_access allow azure\nhttp_access deny all\nhttp_port 3128\n",
    )
    .unwrap();
    let c = load_squid(&conf.to_string_lossy()).unwrap();
    assert_eq!(c.acls[0].values, ["-i", "\\.BLOB\\.core\\.windows\\.net$"]);
    let host = Host::AnyAccount("blob.core.windows.net".into());
    let req = ProxyRequest {
        client: Source::Ip("10.0.0.4".parse().unwrap()),
        vnet: AddrSet::from_net("10.0.0.0/16".parse().unwrap()),
        method: "CONNECT",
        host: &host,
        port: 443,
        listen_port: 3128,
        os: Os::Linux,
    };
    let p = squid::eval(&c, &req, &AddrSet::from_ip("20.33.154.10".parse().unwrap()));
    assert_eq!(p[0].access, DecisionAccess::Allow);
    // a pattern that is not POSIX ERE is unknown, quoting it
    let c = parse_squid(
        "acl bad dstdom_regex (unclosed\nhttp_access allow bad\nhttp_access deny all\n",
        "squid.conf",
    )
    .unwrap();
    let p = squid::eval(&c, &req, &AddrSet::from_ip("20.33.154.10".parse().unwrap()));
    assert_eq!(p[0].access, DecisionAccess::Unknown);
    assert!(p[0].reason.as_deref().unwrap().contains("`(unclosed`"));
}

#[test]
fn case_toggles_apply_to_the_patterns_after_them() {
    // `-i` makes the next patterns case-insensitive, `+i` turns that off again
    let conf = |pats: &str| {
        format!(
            "acl a dstdom_regex {pats}\nhttp_access allow a\nhttp_access deny all\nhttp_port 3128\n"
        )
    };
    assert_eq!(
        decide(&conf("-i \\.BLOB\\.core"), "abc"),
        DecisionAccess::Allow
    );
    assert_eq!(
        decide(&conf("-i x +i \\.BLOB\\.core"), "abc"),
        DecisionAccess::Deny
    );
    assert_eq!(
        decide(&conf("+i \\.blob\\.core"), "abc"),
        DecisionAccess::Allow
    );
    // GNU word boundaries \< \> are read as \b; a POSIX class as written
    assert_eq!(
        decide(&conf("\\<[[:alnum:]]+\\.blob\\>"), "abc"),
        DecisionAccess::Allow
    );
}
