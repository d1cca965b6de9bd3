//! squid regex ACLs: a `dstdom_regex` that matches exactly a set of literal hosts decides like the
//! equivalent `dstdomain` list (property test), patterns read from a file beside squid.conf, and the exact
//! decision over every storage account name when the account is not given (against brute force).
//! Reference: azure-semantics.md §5.4 (squid http_access: first matching line decides; ACL lines AND).

use azegress::engine::Source;
use azegress::engine::squid::{self, ProxyRequest};
use azegress::engine::squid_lang::{Coverage, Language, Pattern, coverage};
use azegress::ingest::proxy::{load_squid, parse_squid};
use azegress::model::*;
use azegress::tags::fqdn::Host;
use proptest::prelude::*;

fn decide(conf: &str, account: &str) -> DecisionAccess {
    eval_host(
        conf,
        &Host::Name(format!("{account}.blob.core.windows.net")),
        "CONNECT",
        443,
    )
    .0
}

/// The first part's decision and reason for a request to `host`.
fn eval_host(conf: &str, host: &Host, method: &'static str, port: u16) -> (DecisionAccess, String) {
    let c = parse_squid(conf, "squid.conf").unwrap();
    let req = ProxyRequest {
        client: Source::Ip("10.0.0.4".parse().unwrap()),
        vnet: AddrSet::from_net("10.0.0.0/16".parse().unwrap()),
        method,
        host,
        port,
        listen_port: 3128,
        os: Os::Linux,
    };
    let dest = AddrSet::from_ip("20.33.154.10".parse().unwrap());
    let p = &squid::eval(&c, &req, &dest)[0];
    (p.access, p.reason.clone().unwrap_or_default())
}

/// The decision with the storage account not given (CONNECT to `<account>.blob.core.windows.net:443`).
fn decide_any(conf: &str) -> (DecisionAccess, String) {
    eval_host(
        conf,
        &Host::AnyAccount("blob.core.windows.net".into()),
        "CONNECT",
        443,
    )
}

fn allow_only(acl: &str) -> String {
    format!("acl b {acl}\nhttp_access allow b\nhttp_access deny all\nhttp_port 3128\n")
}

/// The backticked values in a reason, in order.
fn quoted(reason: &str) -> Vec<&str> {
    reason.split('`').skip(1).step_by(2).collect()
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

/// Issue 16 §6: a pattern that no fixed sample account matches (`backupacct7` does) is unknown without the
/// account, naming an account that matches and one that does not; with the account given it decides.
/// Reference: azure-semantics.md §5.4.
#[test]
fn regex_over_unknown_account_is_exact_not_sampled() {
    let conf = allow_only(r"dstdom_regex ^backupacct[0-9]+\.blob\.core\.windows\.net$");
    let (access, reason) = decide_any(&conf);
    assert_eq!(access, DecisionAccess::Unknown, "{reason}");
    assert!(
        reason.contains("matches some storage account names only"),
        "{reason}"
    );
    assert!(reason.contains("scenario `storage.account`"), "{reason}");
    let q = quoted(&reason);
    // acl name, then the matching account, the missing one, the scenario key
    assert_eq!(q[0], "b");
    let re = regex::Regex::new(r"^backupacct[0-9]+$").unwrap();
    let valid = regex::Regex::new(r"^[a-z0-9]{3,24}$").unwrap();
    assert!(re.is_match(q[1]) && valid.is_match(q[1]), "{reason}");
    assert!(!re.is_match(q[2]) && valid.is_match(q[2]), "{reason}");
    // and the witnesses decide that way when given
    assert_eq!(decide(&conf, q[1]), DecisionAccess::Allow);
    assert_eq!(decide(&conf, q[2]), DecisionAccess::Deny);
    assert_eq!(decide(&conf, "backupacct7"), DecisionAccess::Allow);
    assert_eq!(decide(&conf, "other"), DecisionAccess::Deny);
}

/// Patterns that match every account name allow without the account; patterns that match none deny.
/// Reference: azure-semantics.md §5.4.
#[test]
fn regex_over_unknown_account_all_or_none() {
    for acl in [
        r"dstdom_regex \.blob\.core\.windows\.net$",
        r"dstdom_regex -i \.BLOB\.CORE\.windows\.net$",
        r"dstdom_regex ^[a-z0-9]{3,24}\.blob\.",
        // every name is all digits or has a first letter: together the two patterns cover all
        r"dstdom_regex ^[0-9]+\. ^[0-9]*[a-z]",
        r"ssl::server_name_regex \<blob\>",
    ] {
        let (access, reason) = decide_any(&allow_only(acl));
        assert_eq!(access, DecisionAccess::Allow, "{acl}: {reason}");
    }
    for acl in [
        r"dstdom_regex ^[A-Z]+\.blob",
        r"dstdom_regex ^x{25}\.blob",
        r"dstdom_regex ^[a-z]{1,2}\.blob",
        r"dstdom_regex -i \.BLOB +i \.queue\.",
        r"dstdom_regex _",
    ] {
        let (access, reason) = decide_any(&allow_only(acl));
        let expected = if acl.contains("-i") {
            DecisionAccess::Allow
        } else {
            DecisionAccess::Deny
        };
        assert_eq!(access, expected, "{acl}: {reason}");
    }
    // `-i` applies to the patterns after it only: the uppercase pattern before it matches nothing, the
    // one after it only some names
    let (access, reason) = decide_any(&allow_only(r"dstdom_regex ^Q.*\.blob -i ^Z"));
    assert_eq!(access, DecisionAccess::Unknown, "{reason}");
    let q = quoted(&reason);
    assert!(q[1].starts_with('z') && !q[2].starts_with('z'), "{reason}");
}

/// url_regex sees `host:port` for CONNECT and `http://host/` for GET on 80; the exact decision runs over that
/// subject. Reference: azure-semantics.md §5.4.
#[test]
fn url_regex_over_unknown_account() {
    let any = Host::AnyAccount("blob.core.windows.net".into());
    let conf = allow_only(r"url_regex ^[a-z]+[0-9]\.blob\.core\.windows\.net:443$");
    let (access, reason) = eval_host(&conf, &any, "CONNECT", 443);
    assert_eq!(access, DecisionAccess::Unknown, "{reason}");
    let q = quoted(&reason);
    assert_eq!(decide(&conf, q[1]), DecisionAccess::Allow, "{reason}");
    assert_eq!(decide(&conf, q[2]), DecisionAccess::Deny, "{reason}");
    // the port is part of the subject
    assert_eq!(
        eval_host(&conf, &any, "CONNECT", 8443).0,
        DecisionAccess::Deny
    );
    let conf = allow_only(r"url_regex ^http://[a-z0-9]+\.blob\.core\.windows\.net/$");
    assert_eq!(eval_host(&conf, &any, "GET", 80).0, DecisionAccess::Allow);
    assert_eq!(eval_host(&conf, &any, "GET", 8080).0, DecisionAccess::Deny);
    // urlpath_regex does not see the host at all
    let conf = allow_only(r"urlpath_regex ^/$");
    assert_eq!(eval_host(&conf, &any, "GET", 80).0, DecisionAccess::Allow);
}

/// A pattern whose automaton is over the size limit is unknown, quoting it, never guessed.
#[test]
fn too_complex_pattern_is_unknown_quoting_it() {
    // a position 20 from the end of the name holding `a`: the DFA needs 2^20 states
    let p = r"a[a-z0-9]{20}\.blob";
    let (access, reason) = decide_any(&allow_only(&format!("dstdom_regex {p}")));
    assert_eq!(access, DecisionAccess::Unknown, "{reason}");
    assert!(reason.contains("too complex"), "{reason}");
    assert!(quoted(&reason).contains(&p), "{reason}");
}

/// One piece of the small pattern grammar of the property test.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a", "b", "0", "A", "[ab]", "[^a]", "a+", "b*", "a?", ".", "^", "^", "$", "$", r"\.blob",
        "(a|b0)", r"\b", "x", "[0-9]", "(ab)*", "b{2}", r"\.z", ":1", "h:",
    ])
}

/// A pattern: one or two alternatives of one to four pieces.
fn pattern() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::collection::vec(piece(), 1..5).prop_map(|v| v.concat()),
        1..3,
    )
    .prop_map(|alts| alts.join("|"))
}

/// Every name over `alphabet` of `min..=max` bytes.
fn all_names(alphabet: &[u8], min: usize, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut level = vec![String::new()];
    for len in 0..=max {
        if len >= min {
            out.extend(level.iter().cloned());
        }
        level = level
            .iter()
            .flat_map(|n| alphabet.iter().map(move |&c| format!("{n}{}", c as char)))
            .collect();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// The exact decision over a small account language agrees with enumerating every name and matching
    /// each subject with the `regex` crate; the witnesses are shortest names of the language that match / do
    /// not. Reference: azure-semantics.md §5.4.
    #[test]
    fn coverage_agrees_with_brute_force(
        pats in proptest::collection::vec((pattern(), any::<bool>()), 1..3),
        min in 1usize..3,
        extra in 0usize..3,
        shape in 0usize..3,
    ) {
        let max = min + extra;
        let (prefix, rest) = [("", ".blob"), ("h://", ".z:1"), ("", "")][shape];
        let alphabet = b"ab0";
        let lang = Language { prefix, alphabet, min, max, rest };
        let patterns: Vec<Pattern> =
            pats.iter().map(|(p, i)| Pattern { text: p.clone(), icase: *i }).collect();
        let res: Vec<regex::Regex> = pats
            .iter()
            .map(|(p, i)| regex::RegexBuilder::new(p).case_insensitive(*i).build().unwrap())
            .collect();
        let hit = |name: &str| res.iter().any(|r| r.is_match(&lang.subject(name)));
        let names = all_names(alphabet, min, max);
        let hits = names.iter().filter(|n| hit(n)).count();
        let in_lang = |n: &str| {
            (min..=max).contains(&n.len()) && n.bytes().all(|c| alphabet.contains(&c))
        };
        match coverage(&patterns, &lang).unwrap() {
            Coverage::All => prop_assert_eq!(hits, names.len(), "{:?}", pats),
            Coverage::None => prop_assert_eq!(hits, 0, "{:?}", pats),
            Coverage::Some { matching, not_matching } => {
                prop_assert!(hits > 0 && hits < names.len(), "{:?}", pats);
                prop_assert!(in_lang(&matching) && hit(&matching), "{:?} {}", pats, matching);
                prop_assert!(in_lang(&not_matching) && !hit(&not_matching), "{:?} {}", pats, not_matching);
                // each witness is a shortest name of its kind
                let shortest = |want: bool| names.iter().filter(|n| hit(n) == want).map(|n| n.len()).min();
                prop_assert_eq!(Some(matching.len()), shortest(true), "{:?}", pats);
                prop_assert_eq!(Some(not_matching.len()), shortest(false), "{:?}", pats);
            }
        }
    }
}
