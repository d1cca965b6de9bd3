//! Exact decision of regex patterns over a language of hosts: does a set of patterns match every subject
//! `prefix · account · rest`, none, or some only, where the account is any name of `min..=max` characters
//! over an alphabet? squid's regex ACLs (reference §5.4) with the storage account not given are decided this
//! way, over every account name Azure allows, not over samples.
//!
//! The union of the patterns becomes one DFA (unanchored: a pattern matches anywhere in the subject, as
//! squid's `regexec` searches), explored in product with the finite automaton of the subject language; the
//! language is finite, so a memoised depth-first walk over (DFA state, position) pairs decides both "some
//! subject matches" and "some subject does not", and yields an account name for each.

use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::nfa::thompson;
use regex_automata::util::primitives::StateID;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind};
use std::cell::RefCell;
use std::collections::HashMap;

/// The characters of a storage account name: lowercase letters and digits ("Storage account names must be
/// between 3 and 24 characters in length and may contain numbers and lowercase letters only",
/// <https://learn.microsoft.com/azure/storage/common/storage-account-overview#storage-account-name>).
pub const ACCOUNT_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
/// Shortest storage account name (same source as [`ACCOUNT_ALPHABET`]).
pub const ACCOUNT_MIN: usize = 3;
/// Longest storage account name (same source as [`ACCOUNT_ALPHABET`]).
pub const ACCOUNT_MAX: usize = 24;

/// Bytes the NFA of the patterns may take.
const NFA_LIMIT: usize = 1 << 20;
/// Bytes the DFA of the patterns (and its determinization) may take.
const DFA_LIMIT: usize = 4 << 20;
/// (DFA state, position) pairs the exploration may visit.
const VISIT_LIMIT: usize = 1 << 20;

/// One pattern, in the `regex` crate's syntax, with its own case sensitivity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pattern {
    /// The pattern text.
    pub text: String,
    /// Matched without regard to (ASCII) case.
    pub icase: bool,
}

/// The subjects: `prefix`, then an account name of `min..=max` bytes from `alphabet`, then `rest`.
#[derive(Clone, Debug)]
pub struct Language<'a> {
    /// Text before the account name (`http://` for a URL).
    pub prefix: &'a str,
    /// The bytes an account name is made of.
    pub alphabet: &'a [u8],
    /// Shortest account name.
    pub min: usize,
    /// Longest account name.
    pub max: usize,
    /// Text after the account name (`.blob.core.windows.net:443`).
    pub rest: &'a str,
}

impl<'a> Language<'a> {
    /// Azure storage account names ([`ACCOUNT_ALPHABET`], [`ACCOUNT_MIN`]..=[`ACCOUNT_MAX`]) between
    /// `prefix` and `rest`.
    pub fn accounts(prefix: &'a str, rest: &'a str) -> Self {
        Language {
            prefix,
            alphabet: ACCOUNT_ALPHABET,
            min: ACCOUNT_MIN,
            max: ACCOUNT_MAX,
            rest,
        }
    }

    /// The subject for one account name.
    pub fn subject(&self, account: &str) -> String {
        format!("{}{account}{}", self.prefix, self.rest)
    }
}

/// How much of the language the patterns match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Every subject (an empty language counts as matched by nothing: [`Coverage::None`]).
    All,
    /// No subject.
    None,
    /// Some subjects only: an account name whose subject matches, and one whose subject does not.
    Some {
        /// An account name whose subject a pattern matches.
        matching: String,
        /// An account name whose subject no pattern matches.
        not_matching: String,
    },
}

/// Why the patterns could not be decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LangError {
    /// The pattern at this index cannot be parsed.
    Syntax(usize),
    /// The automaton of the patterns is over the size limits.
    TooComplex,
}

/// The inputs of one decision, as a cache key.
type Key = (Vec<Pattern>, String, Vec<u8>, usize, usize, String);

/// Decisions already made here: squid evaluates the same ACL for each line, port and part of a request.
const CACHE_LIMIT: usize = 256;

thread_local! {
    static CACHE: RefCell<HashMap<Key, Result<Coverage, LangError>>> = RefCell::new(HashMap::new());
}

/// Decides how much of `lang` the patterns match (any pattern matching anywhere in a subject counts).
pub fn coverage(patterns: &[Pattern], lang: &Language<'_>) -> Result<Coverage, LangError> {
    if lang.min > lang.max || lang.alphabet.is_empty() || patterns.is_empty() {
        return Ok(Coverage::None);
    }
    let key: Key = (
        patterns.to_vec(),
        lang.prefix.to_string(),
        lang.alphabet.to_vec(),
        lang.min,
        lang.max,
        lang.rest.to_string(),
    );
    if let Some(r) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return r;
    }
    let r = decide(patterns, lang);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(key, r.clone());
    });
    r
}

/// [`coverage`], uncached.
fn decide(patterns: &[Pattern], lang: &Language<'_>) -> Result<Coverage, LangError> {
    let dfa = build(patterns)?;
    let start = dfa
        .start_state(&start::Config::new().anchored(Anchored::No))
        .map_err(|_| LangError::TooComplex)?;
    let mut walk = Walk {
        dfa: &dfa,
        lang,
        account: lang.prefix.len(),
        rest: lang.prefix.len() + lang.max + 1,
        memo: HashMap::new(),
    };
    let (hit, miss) = walk.visit(start, 0)?;
    Ok(match (hit.is_some(), miss.is_some()) {
        (true, false) => Coverage::All,
        (false, _) => Coverage::None,
        (true, true) => Coverage::Some {
            matching: walk.witness(start, true),
            not_matching: walk.witness(start, false),
        },
    })
}

/// One DFA for the union of the patterns: unanchored, every match reported. Each pattern is read over bytes
/// with ASCII classes first (the subjects are ASCII), with Unicode classes when only that reads it (`\pL`).
fn build(patterns: &[Pattern]) -> Result<dense::DFA<Vec<u32>>, LangError> {
    let mut hirs = Vec::with_capacity(patterns.len());
    for (i, p) in patterns.iter().enumerate() {
        let ascii = syntax::Config::new()
            .unicode(false)
            .utf8(false)
            .case_insensitive(p.icase);
        let hir = match syntax::parse_with(&p.text, &ascii) {
            Ok(h) => h,
            Err(_) => syntax::parse_with(&p.text, &ascii.unicode(true))
                .map_err(|_| LangError::Syntax(i))?,
        };
        hirs.push(hir);
    }
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .utf8(false)
                .which_captures(thompson::WhichCaptures::None)
                .nfa_size_limit(Some(NFA_LIMIT)),
        )
        .build_many_from_hir(&hirs)
        .map_err(|_| LangError::TooComplex)?;
    dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(MatchKind::All)
                .start_kind(StartKind::Unanchored)
                // Unicode `\b` on ASCII input; a non-ASCII byte would be a quit state (never fed here)
                .unicode_word_boundary(true)
                .accelerate(false)
                .minimize(false)
                .dfa_size_limit(Some(DFA_LIMIT))
                .determinize_size_limit(Some(DFA_LIMIT)),
        )
        .build_from_nfa(&nfa)
        .map_err(|_| LangError::TooComplex)
}

/// The step a witness takes from a (state, position) pair.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// Decided here: every completion (the shortest is taken).
    Stop,
    /// This byte next.
    Byte(u8),
    /// The account name ends here.
    ToRest,
}

/// Towards a matching or a missing subject: the fewest account bytes still to choose, and the first step.
type Best = Option<(usize, Step)>;

/// For one (state, position) pair: the shortest way to a matching subject and to a missing one.
#[derive(Clone, Copy, Debug)]
struct Entry {
    hit: Best,
    miss: Best,
}

/// Keeps the shorter way (the first one seen on a tie: the account ending, then the alphabet's order).
fn keep(best: &mut Best, found: Option<usize>, cost: usize, step: Step) {
    if let Some(len) = found
        && best.is_none_or(|(b, _)| len + cost < b)
    {
        *best = Some((len + cost, step));
    }
}

/// Positions: `0..account` the prefix, `account + k` after `k` account bytes (`k` up to `max`),
/// `rest + j` after `j` bytes of the rest (`j` up to its length: the end).
struct Walk<'d, 'l> {
    dfa: &'d dense::DFA<Vec<u32>>,
    lang: &'l Language<'l>,
    account: usize,
    rest: usize,
    memo: HashMap<(StateID, usize), Entry>,
}

impl Walk<'_, '_> {
    /// Account bytes a subject decided at position `n` still needs (its name padded to the shortest length).
    fn padding(&self, n: usize) -> usize {
        if n < self.rest {
            self.lang.min.saturating_sub(n.saturating_sub(self.account))
        } else {
            0
        }
    }

    /// The fewest account bytes still to choose from state `s` at position `n` to reach a matching / a
    /// missing subject (`None`: there is none).
    fn visit(&mut self, s: StateID, n: usize) -> Result<(Option<usize>, Option<usize>), LangError> {
        let lens = |e: &Entry| (e.hit.map(|(l, _)| l), e.miss.map(|(l, _)| l));
        if let Some(e) = self.memo.get(&(s, n)) {
            return Ok(lens(e));
        }
        if self.memo.len() >= VISIT_LIMIT || self.dfa.is_quit_state(s) {
            return Err(LangError::TooComplex);
        }
        let d = self.dfa;
        let mut e = Entry {
            hit: None,
            miss: None,
        };
        if d.is_match_state(s) {
            e.hit = Some((self.padding(n), Step::Stop));
        } else if d.is_dead_state(s) {
            e.miss = Some((self.padding(n), Step::Stop));
        } else if n < self.account || n >= self.rest {
            let fixed = if n < self.account {
                self.lang.prefix.as_bytes().get(n)
            } else {
                self.lang.rest.as_bytes().get(n - self.rest)
            };
            match fixed {
                Some(&b) => {
                    let (h, m) = self.visit(d.next_state(s, b), n + 1)?;
                    keep(&mut e.hit, h, 0, Step::Byte(b));
                    keep(&mut e.miss, m, 0, Step::Byte(b));
                }
                None => {
                    let eoi = d.next_eoi_state(s);
                    if d.is_quit_state(eoi) {
                        return Err(LangError::TooComplex);
                    }
                    if d.is_match_state(eoi) {
                        e.hit = Some((0, Step::Stop));
                    } else {
                        e.miss = Some((0, Step::Stop));
                    }
                }
            }
        } else {
            let k = n - self.account;
            if k >= self.lang.min {
                let (h, m) = self.visit(s, self.rest)?;
                keep(&mut e.hit, h, 0, Step::ToRest);
                keep(&mut e.miss, m, 0, Step::ToRest);
            }
            if k < self.lang.max {
                for &c in self.lang.alphabet {
                    let (h, m) = self.visit(d.next_state(s, c), n + 1)?;
                    keep(&mut e.hit, h, 1, Step::Byte(c));
                    keep(&mut e.miss, m, 1, Step::Byte(c));
                }
            }
        }
        self.memo.insert((s, n), e);
        Ok(lens(&e))
    }

    /// The account name along the recorded steps towards a matching (`hit`) or missing subject.
    fn witness(&self, mut s: StateID, hit: bool) -> String {
        let mut n = 0;
        let mut name = Vec::new();
        let fill = self.lang.alphabet.first().copied().unwrap_or(b'a');
        loop {
            let step = self
                .memo
                .get(&(s, n))
                .and_then(|e| if hit { e.hit } else { e.miss });
            match step {
                Some((_, Step::Byte(b))) => {
                    if (self.account..self.rest).contains(&n) {
                        name.push(b);
                    }
                    s = self.dfa.next_state(s, b);
                    n += 1;
                }
                Some((_, Step::ToRest)) => n = self.rest,
                // decided here (or nothing recorded): pad the name to its shortest length
                Some((_, Step::Stop)) | None => {
                    name.extend(std::iter::repeat_n(fill, self.padding(n)));
                    break;
                }
            }
        }
        String::from_utf8_lossy(&name).into_owned()
    }
}
