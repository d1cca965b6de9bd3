//! A span-keeping reader for JSON as Azure Resource Manager accepts it, in one linear pass.
//!
//! Beside strict JSON it reads what ARM's own reader takes in templates: `//` and `/* */` comments,
//! trailing commas, and raw line breaks or tabs inside strings. Every object it builds carries its own
//! location — byte span and JSON pointer — under the hidden key [`LOC_KEY`], so an NSG, a rule, a route or
//! a firewall rule knows its file, line and column without any later search of the text. A [`LineIndex`]
//! (built once per file) turns byte offsets into 1-based line and column in O(log n).
//!
//! Nesting is bounded ([`MAX_DEPTH`]) so hostile input cannot exhaust the stack.

use serde_json::{Map, Number, Value};

/// Key of the hidden entry that records where an object stands in its file: `"start,end,/json/pointer"`.
/// No real key starts with a NUL character, so it cannot collide with one.
pub const LOC_KEY: &str = "\u{0}loc";
/// Deepest nesting accepted (ARM itself refuses far less deep documents).
pub const MAX_DEPTH: usize = 256;

/// Where a value stands in its file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loc {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// RFC 6901 JSON pointer (`/properties/securityRules/3`).
    pub pointer: String,
}

/// The location recorded in an object by [`parse`], if any.
pub fn loc_of(o: &Map<String, Value>) -> Option<Loc> {
    let s = o.get(LOC_KEY)?.as_str()?;
    let mut it = s.splitn(3, ',');
    let start = it.next()?.parse().ok()?;
    let end = it.next()?.parse().ok()?;
    Some(Loc {
        start,
        end,
        pointer: it.next()?.to_string(),
    })
}

/// Copies the location of `from` into `to` (for objects rebuilt from another, e.g. a Terraform resource).
pub fn copy_loc(from: &Map<String, Value>, to: &mut Map<String, Value>) {
    if let Some(l) = from.get(LOC_KEY) {
        to.insert(LOC_KEY.to_string(), l.clone());
    }
}

/// Is this the hidden location key?
pub fn is_loc_key(k: &str) -> bool {
    k == LOC_KEY
}

/// Line starts of a text: offset → 1-based (line, column), the column counted in characters. Both are
/// found by binary search — the line among the line starts, the characters among the positions of UTF-8
/// continuation bytes — so locating a value costs O(log n) however long its line is (a one-line
/// `terraform show -json` plan has every value on line 1).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Offsets of UTF-8 continuation bytes (`10xxxxxx`): a character's bytes after its first.
    cont: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text` (one pass).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let mut cont = Vec::new();
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            } else if b & 0xC0 == 0x80 {
                cont.push(i);
            }
        }
        LineIndex { starts, cont }
    }

    /// 1-based line and column of byte `offset` in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let extra =
            self.cont.partition_point(|&c| c < offset) - self.cont.partition_point(|&c| c < start);
        (line, offset - start - extra + 1)
    }
}

/// A syntax error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset where reading stopped.
    pub offset: usize,
    /// What was wrong.
    pub message: String,
}

/// Parses a whole document (ARM's lenient JSON); objects carry their [`Loc`].
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser::new(text, 0, String::new());
    let v = p.value(0)?;
    p.ws()?;
    if p.i < p.b.len() {
        return Err(p.err("unexpected text after the end of the document"));
    }
    Ok(v)
}

/// Parses `terraform show -json` output without building what no reader uses: the copies of every value
/// in `resource_changes[].change` (only `after_unknown` is read), `prior_state` and `resource_drift`.
pub fn parse_plan(text: &str) -> Result<Value, SyntaxError> {
    fn skip(path: &str, key: &str) -> bool {
        if path.is_empty() {
            return matches!(
                key,
                "prior_state" | "resource_drift" | "relevant_attributes"
            );
        }
        path.starts_with("/resource_changes/")
            && path.ends_with("/change")
            && matches!(
                key,
                "before" | "after" | "before_sensitive" | "after_sensitive" | "replace_paths"
            )
    }
    let mut p = Parser::new(text, 0, String::new());
    p.skip_if = Some(skip);
    let v = p.value(0)?;
    p.ws()?;
    if p.i < p.b.len() {
        return Err(p.err("unexpected text after the end of the document"));
    }
    Ok(v)
}

/// Parses the single value that starts at byte `start` (as found by [`elements`]), giving its objects
/// pointers under `pointer`.
pub fn parse_at(text: &str, start: usize, pointer: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser::new(text, start, pointer.to_string());
    p.value(1)
}

/// One element of a top-level list found by [`elements`]: where it is and its `name` when it has one.
#[derive(Debug, Clone)]
pub struct Element {
    /// Byte offset of the element.
    pub start: usize,
    /// JSON pointer of the element (`/value/12`).
    pub pointer: String,
    /// The element's own `name` field (exact key, any case), when it is a plain string.
    pub name: Option<String>,
}

/// The elements of the document's list — a top-level array, or the array under `list_key` of a top-level
/// object — found without building them: a linear scan that only reads each element's `name`.
/// `None` when the document is not of that shape.
pub fn elements(text: &str, list_key: &str) -> Result<Option<Vec<Element>>, SyntaxError> {
    let mut p = Parser::new(text, 0, String::new());
    p.ws()?;
    let prefix;
    match p.peek() {
        Some(b'[') => prefix = String::new(),
        Some(b'{') => {
            // find `list_key` among the top-level keys, skipping the other values
            p.i += 1;
            let mut found = false;
            loop {
                p.ws()?;
                match p.peek() {
                    Some(b'}') => break,
                    Some(b'"') => {}
                    _ => return Err(p.err("expected a key in double quotes")),
                }
                let k = p.string()?;
                p.ws()?;
                p.want(b':')?;
                p.ws()?;
                if k.eq_ignore_ascii_case(list_key) && p.peek() == Some(b'[') {
                    found = true;
                    break;
                }
                p.skip(1)?;
                p.ws()?;
                if !p.comma_or(b'}')? {
                    break;
                }
            }
            if !found {
                return Ok(None);
            }
            prefix = format!("/{}", escape_pointer(list_key));
        }
        _ => return Ok(None),
    }
    p.i += 1; // `[`
    let mut out = Vec::new();
    loop {
        p.ws()?;
        if p.peek() == Some(b']') {
            break;
        }
        let start = p.i;
        let name = if p.peek() == Some(b'{') {
            p.object_name()?
        } else {
            p.skip(1)?;
            None
        };
        out.push(Element {
            start,
            pointer: format!("{prefix}/{}", out.len()),
            name,
        });
        p.ws()?;
        if !p.comma_or(b']')? {
            break;
        }
    }
    Ok(Some(out))
}

/// One row of a resource list found by [`resource_list`]: where it is, and the `type` and `name` that index it.
#[derive(Debug, Clone)]
pub struct Row {
    /// Byte offset of the row.
    pub start: usize,
    /// JSON pointer of the row (`/data/12`).
    pub pointer: String,
    /// The row's `type`, when it is an object with exactly one key spelled `type` (any case) and a string value.
    pub ty: Option<String>,
    /// The row's `name`, likewise.
    pub name: Option<String>,
    /// The row's `location`, likewise.
    pub location: Option<String>,
    /// A plain resource: an object, with its `type` and `name` (if any) unambiguous and none of the keys of a
    /// template, a plan or a state. Only such a row may be left unbuilt and read again when it is needed.
    pub plain: bool,
}

/// Keys of a resource list's wrapper object besides its lists (`az graph query`, REST list responses).
const WRAPPER_KEYS: [&str; 11] = [
    "count",
    "nextlink",
    "@odata.nextlink",
    "@odata.context",
    "skip_token",
    "skiptoken",
    "$skiptoken",
    "total_records",
    "totalrecords",
    "resulttruncated",
    // Resource Graph's summaries of the query (REST `facets`): not resources
    "facets",
];

/// The rows of a resource list — a top-level array, or the `value` then the `data` array of a wrapper object
/// that holds nothing else but paging counts (REST lists, Resource Graph exports) — found and checked for
/// syntax in one linear scan that builds nothing but each row's `type` and `name`. `None` when the document is
/// not of that shape or is not valid (the whole-document reader then reads it, and names any syntax error).
pub fn resource_list(text: &str) -> Option<Vec<Row>> {
    let mut p = Parser::new(text, 0, String::new());
    p.ws().ok()?;
    let out = match p.peek()? {
        b'[' => p.rows("").ok()?,
        b'{' => {
            p.i += 1;
            let (mut value, mut data) = (None, None);
            loop {
                p.ws().ok()?;
                match p.peek()? {
                    b'}' => {
                        p.i += 1;
                        break;
                    }
                    b'"' => {}
                    _ => return None,
                }
                let k = p.string().ok()?;
                p.ws().ok()?;
                p.want(b':').ok()?;
                p.ws().ok()?;
                let slot = if k.eq_ignore_ascii_case("value") {
                    &mut value
                } else if k.eq_ignore_ascii_case("data") {
                    &mut data
                } else if WRAPPER_KEYS.iter().any(|w| w.eq_ignore_ascii_case(&k)) {
                    p.skip(1).ok()?;
                    p.ws().ok()?;
                    if !p.comma_or(b'}').ok()? {
                        break;
                    }
                    continue;
                } else {
                    return None;
                };
                if slot.is_some() || p.peek() != Some(b'[') {
                    return None;
                }
                *slot = Some(p.rows(&format!("/{}", escape_pointer(&k))).ok()?);
                p.ws().ok()?;
                if !p.comma_or(b'}').ok()? {
                    break;
                }
            }
            value.into_iter().chain(data).flatten().collect()
        }
        _ => return None,
    };
    p.ws().ok()?;
    (p.i >= p.b.len()).then_some(out)
}

/// Byte offset of the value of `key` (exact, then any case) among the top-level members of the object that
/// starts at `obj_start`; found by a linear scan that builds nothing. For error messages about a value that
/// carries no location of its own (a string or list where an object or list was expected).
pub fn member_offset(text: &str, obj_start: usize, key: &str) -> Option<usize> {
    let mut p = Parser::new(text, obj_start, String::new());
    if p.peek() != Some(b'{') {
        return None;
    }
    p.i += 1;
    let mut any_case = None;
    loop {
        p.ws().ok()?;
        if p.peek() != Some(b'"') {
            return any_case;
        }
        let k = p.string().ok()?;
        p.ws().ok()?;
        p.want(b':').ok()?;
        p.ws().ok()?;
        if k == key {
            return Some(p.i);
        }
        if any_case.is_none() && k.eq_ignore_ascii_case(key) {
            any_case = Some(p.i);
        }
        p.skip(1).ok()?;
        p.ws().ok()?;
        if !p.comma_or(b'}').ok()? {
            return any_case;
        }
    }
}

fn escape_pointer(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    path: String,
    /// Values not to build (their text is still checked): `(path of the object, key)` → skip.
    skip_if: Option<fn(&str, &str) -> bool>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, start: usize, path: String) -> Self {
        Parser {
            text,
            b: text.as_bytes(),
            i: start,
            path,
            skip_if: None,
        }
    }

    /// The JSON string that starts at `at`, as written (for messages; cut when long).
    fn text_at(&self, at: usize) -> String {
        let rest = &self.b[at.min(self.b.len())..];
        let mut end = 1;
        while end < rest.len() && rest[end] != b'"' {
            end += if rest[end] == b'\\' { 2 } else { 1 };
        }
        let s = String::from_utf8_lossy(&rest[..(end + 1).min(rest.len()).min(82)]).into_owned();
        if end + 1 > 82 { format!("{s}…") } else { s }
    }

    fn err(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset: self.i.min(self.b.len()),
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn want(&mut self, c: u8) -> Result<(), SyntaxError> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(match self.peek() {
                None => format!("unexpected end of file, expected `{}`", c as char),
                Some(x) => format!("expected `{}`, found `{}`", c as char, show(x)),
            }))
        }
    }

    /// Skips white space and comments.
    fn ws(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\n' | b'\r' | b'\t') => self.i += 1,
                Some(b'/') => match self.b.get(self.i + 1) {
                    Some(b'/') => {
                        while self.peek().is_some_and(|c| c != b'\n') {
                            self.i += 1;
                        }
                    }
                    Some(b'*') => {
                        let from = self.i;
                        self.i += 2;
                        loop {
                            match self.peek() {
                                None => {
                                    self.i = from;
                                    return Err(self.err("comment `/*` is never closed with `*/`"));
                                }
                                Some(b'*') if self.b.get(self.i + 1) == Some(&b'/') => {
                                    self.i += 2;
                                    break;
                                }
                                _ => self.i += 1,
                            }
                        }
                    }
                    _ => return Ok(()),
                },
                _ => return Ok(()),
            }
        }
    }

    /// After a member: `,` (true: another may follow; a trailing comma before `close` is accepted) or `close`.
    fn comma_or(&mut self, close: u8) -> Result<bool, SyntaxError> {
        match self.peek() {
            Some(b',') => {
                self.i += 1;
                self.ws()?;
                if self.peek() == Some(close) {
                    self.i += 1;
                    return Ok(false);
                }
                Ok(true)
            }
            Some(c) if c == close => {
                self.i += 1;
                Ok(false)
            }
            None => Err(self.err(format!(
                "unexpected end of file, expected `,` or `{}`",
                close as char
            ))),
            Some(c) => Err(self.err(format!(
                "expected `,` or `{}`, found `{}`",
                close as char,
                show(c)
            ))),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.ws()?;
        if depth > MAX_DEPTH {
            return Err(self.err(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        match self.peek() {
            None => Err(self.err("unexpected end of file, expected a value")),
            Some(b'{') => self.object(depth),
            Some(b'[') => {
                self.i += 1;
                let mut a = Vec::new();
                loop {
                    self.ws()?;
                    if self.peek() == Some(b']') {
                        self.i += 1;
                        break;
                    }
                    let len = self.path.len();
                    self.path.push('/');
                    self.path.push_str(&a.len().to_string());
                    a.push(self.value(depth + 1)?);
                    self.path.truncate(len);
                    self.ws()?;
                    if !self.comma_or(b']')? {
                        break;
                    }
                }
                Ok(Value::Array(a))
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(c) => Err(self.err(format!("expected a value, found `{}`", show(c)))),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let start = self.i;
        self.i += 1;
        let mut m = Map::new();
        loop {
            self.ws()?;
            match self.peek() {
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                Some(b'"') => {}
                None => return Err(self.err("unexpected end of file, expected a key or `}`")),
                Some(c) => {
                    return Err(self.err(format!(
                        "expected a key in double quotes, found `{}`",
                        show(c)
                    )));
                }
            }
            let key_at = self.i;
            let k = self.string()?;
            self.ws()?;
            self.want(b':')?;
            if self.skip_if.is_some_and(|f| f(&self.path, &k)) {
                self.skip(depth + 1)?;
            } else {
                let len = self.path.len();
                self.path.push('/');
                self.path.push_str(&escape_pointer(&k));
                let v = self.value(depth + 1)?;
                self.path.truncate(len);
                // "the last one wins" is one reader's choice: ARM and Terraform refuse a duplicate
                if m.insert(k, v).is_some() {
                    return Err(SyntaxError {
                        offset: key_at,
                        message: format!(
                            "the key {} is written twice in this object: Azure Resource Manager and Terraform refuse it (readers disagree on which value wins); keep one",
                            &self.text_at(key_at)
                        ),
                    });
                }
            }
            self.ws()?;
            if !self.comma_or(b'}')? {
                break;
            }
        }
        m.insert(
            LOC_KEY.to_string(),
            Value::String(format!("{start},{},{}", self.i, self.path)),
        );
        Ok(Value::Object(m))
    }

    fn word(&mut self, w: &str, v: Value) -> Result<Value, SyntaxError> {
        if self.b[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(self
                .err("expected a value (`true`, `false`, `null`, a number, a string, `[` or `{`)"))
        }
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let mut float = false;
        while let Some(c) = self.peek() {
            match c {
                b'0'..=b'9' => {}
                b'.' | b'e' | b'E' | b'+' => float = true,
                b'-' => float = true,
                _ => break,
            }
            self.i += 1;
        }
        let s = &self.text[start..self.i];
        let n = if float {
            s.parse::<f64>().ok().and_then(Number::from_f64)
        } else if let Ok(u) = s.parse::<u64>() {
            Some(Number::from(u))
        } else if let Ok(i) = s.parse::<i64>() {
            Some(Number::from(i))
        } else {
            s.parse::<f64>().ok().and_then(Number::from_f64)
        };
        match n {
            Some(n) => Ok(Value::Number(n)),
            None => {
                self.i = start;
                Err(self.err(format!("`{s}` is not a number")))
            }
        }
    }

    /// A string at `"`; raw line breaks and tabs inside are kept (ARM accepts them).
    fn string(&mut self) -> Result<String, SyntaxError> {
        let open = self.i;
        // one scan finds the end; only a string with escapes is read again to decode them
        if !self.skip_string()? {
            return Ok(self.text[open + 1..self.i - 1].to_string());
        }
        self.i = open + 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => {
                    self.i = open;
                    return Err(self.err("string is never closed with `\"`"));
                }
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc = self.b.get(self.i + 1).copied();
                    self.i += 2;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.i -= 2;
                            return Err(self.err("invalid escape in string"));
                        }
                    }
                }
                Some(_) => {
                    // copy a run of plain characters (UTF-8 boundaries are kept: `"` and `\` are ASCII)
                    let from = self.i;
                    while self.peek().is_some_and(|c| c != b'"' && c != b'\\') {
                        self.i += 1;
                    }
                    out.push_str(&self.text[from..self.i]);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let h = self
            .text
            .get(self.i..self.i + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err("`\\u` must be followed by four hex digits"))?;
        self.i += 4;
        Ok(h)
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) && self.b[self.i..].starts_with(b"\\u") {
            self.i += 2;
            let lo = self.hex4()?;
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{fffd}'));
            }
            return Ok('\u{fffd}');
        }
        Ok(char::from_u32(hi).unwrap_or('\u{fffd}'))
    }

    /// Skips one value without building it (bounded depth, linear).
    fn skip(&mut self, depth: usize) -> Result<(), SyntaxError> {
        self.ws()?;
        if depth > MAX_DEPTH {
            return Err(self.err(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                loop {
                    self.ws()?;
                    match self.peek() {
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(());
                        }
                        Some(b'"') => {
                            self.skip_string()?;
                        }
                        _ => return Err(self.err("expected a key in double quotes")),
                    }
                    self.ws()?;
                    self.want(b':')?;
                    self.skip(depth + 1)?;
                    self.ws()?;
                    if !self.comma_or(b'}')? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                loop {
                    self.ws()?;
                    if self.peek() == Some(b']') {
                        self.i += 1;
                        return Ok(());
                    }
                    self.skip(depth + 1)?;
                    self.ws()?;
                    if !self.comma_or(b']')? {
                        return Ok(());
                    }
                }
            }
            Some(b'"') => self.skip_string().map(|_| ()),
            _ => self.value(depth).map(|_| ()),
        }
    }

    /// Moves past the string at `"`; true when it holds escapes.
    fn skip_string(&mut self) -> Result<bool, SyntaxError> {
        let open = self.i;
        self.i += 1;
        let mut escaped = false;
        loop {
            match self.peek() {
                None => {
                    self.i = open;
                    return Err(self.err("string is never closed with `\"`"));
                }
                Some(b'"') => {
                    self.i += 1;
                    return Ok(escaped);
                }
                Some(b'\\') => {
                    escaped = true;
                    // the escape is checked as the reader would decode it, so a skipped value read again
                    // later cannot fail
                    match self.b.get(self.i + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 2,
                        Some(b'u')
                            if self
                                .b
                                .get(self.i + 2..self.i + 6)
                                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
                        {
                            self.i += 6
                        }
                        _ => return Err(self.err("invalid escape in string")),
                    }
                }
                _ => self.i += 1,
            }
        }
    }

    /// The rows of the list at `[` (its pointer `prefix`), moving past its `]`.
    fn rows(&mut self, prefix: &str) -> Result<Vec<Row>, SyntaxError> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            self.ws()?;
            if self.peek() == Some(b']') {
                self.i += 1;
                break;
            }
            let start = self.i;
            let mut row = Row {
                start,
                pointer: format!("{prefix}/{}", out.len()),
                ty: None,
                name: None,
                location: None,
                plain: false,
            };
            if self.peek() == Some(b'{') {
                self.row_keys(&mut row)?;
            } else {
                self.skip(1)?;
            }
            out.push(row);
            self.ws()?;
            if !self.comma_or(b']')? {
                break;
            }
        }
        Ok(out)
    }

    /// Skips a row object, noting its `type`, `name` and `location` (when each is one key, any case, with a
    /// string value) and whether it is a plain resource (see [`Row::plain`]).
    fn row_keys(&mut self, row: &mut Row) -> Result<(), SyntaxError> {
        let mut seen = [0usize; 3];
        let mut plain = true;
        self.members(|p, k| {
            if matches!(
                k.as_str(),
                "$schema"
                    | "contentVersion"
                    | "resources"
                    | "format_version"
                    | "version"
                    | "lineage"
            ) {
                plain = false;
            }
            let Some(j) = ["type", "name", "location"]
                .iter()
                .position(|w| k.eq_ignore_ascii_case(w))
            else {
                return p.skip(2);
            };
            seen[j] += 1;
            let v = if p.peek() == Some(b'"') {
                Some(p.string()?)
            } else {
                p.skip(2)?;
                None
            };
            *[&mut row.ty, &mut row.name, &mut row.location][j] = v;
            Ok(())
        })?;
        row.plain = plain && seen.iter().all(|&n| n <= 1) && seen[0] == 1;
        Ok(())
    }

    /// Skips an object, returning its own `name` when that is a string.
    fn object_name(&mut self) -> Result<Option<String>, SyntaxError> {
        let mut name = None;
        self.members(|p, k| {
            if name.is_none() && k.eq_ignore_ascii_case("name") && p.peek() == Some(b'"') {
                name = Some(p.string()?);
                Ok(())
            } else {
                p.skip(2)
            }
        })?;
        Ok(name)
    }

    /// Moves through the object at `{` past its `}`: for each member, `value` is called with the parser at
    /// the member's value and its key, and must move past the value.
    fn members(
        &mut self,
        mut value: impl FnMut(&mut Self, String) -> Result<(), SyntaxError>,
    ) -> Result<(), SyntaxError> {
        self.i += 1;
        loop {
            self.ws()?;
            match self.peek() {
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'"') => {}
                _ => return Err(self.err("expected a key in double quotes")),
            }
            let k = self.string()?;
            self.ws()?;
            self.want(b':')?;
            self.ws()?;
            value(self, k)?;
            self.ws()?;
            if !self.comma_or(b'}')? {
                return Ok(());
            }
        }
    }
}

fn show(c: u8) -> String {
    if c.is_ascii_graphic() {
        (c as char).to_string()
    } else {
        format!("\\x{c:02x}")
    }
}

/// Removes every hidden location entry (for values handed to code that compares or prints whole objects).
pub fn strip_locs(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.remove(LOC_KEY);
            o.values_mut().for_each(strip_locs);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_locs),
        _ => {}
    }
}

/// The 1-based line of byte offset `pos` in `text`.
pub(crate) fn line_of_offset(text: &str, pos: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(pos)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_json_reads_like_serde_json() {
        let t =
            r#"{"a": [1, -2, 3.5, 1e3, "x\"y\u00e9\ud83d\ude00"], "b": {"c": null, "d": true}}"#;
        let mut v = parse(t).unwrap();
        strip_locs(&mut v);
        let want: Value = serde_json::from_str(t).unwrap();
        assert_eq!(v, want);
    }

    #[test]
    fn arm_lenient_json_comments_trailing_commas_raw_newlines() {
        let t = "{\n  // a comment\n  \"a\": [1, 2,],  /* block\n comment */\n  \"b\": \"[concat('x',\n 'y')]\",\n}";
        let v = parse(t).unwrap();
        assert_eq!(v["a"], serde_json::json!([1, 2]));
        assert_eq!(v["b"], "[concat('x',\n 'y')]");
    }

    #[test]
    fn a_plan_is_read_without_its_duplicate_values() {
        let t = r#"{"format_version":"1.2","terraform_version":"1.9.8","planned_values":{"root_module":{"resources":[{"address":"a","values":{"name":"n"}}]}},
            "prior_state":{"values":{"x":1}},
            "resource_changes":[{"address":"a","change":{"before":null,"after":{"name":"n"},"after_unknown":{"id":true},"after_sensitive":{}}}]}"#;
        let v = parse_plan(t).unwrap();
        assert_eq!(
            v["planned_values"]["root_module"]["resources"][0]["values"]["name"],
            "n"
        );
        let change = &v["resource_changes"][0]["change"];
        assert_eq!(change["after_unknown"]["id"], true);
        assert!(change.get("after").is_none() && change.get("before").is_none());
        assert!(v.get("prior_state").is_none());
        // skipped text is still checked
        assert!(
            parse_plan(&t.replace("\"after\":{\"name\":\"n\"}", "\"after\":{\"name\" \"n\"}"))
                .is_err()
        );
    }

    #[test]
    fn objects_know_their_span_pointer_line_and_column() {
        let t =
            "{\"value\": [\n  {\"name\": \"a\"},\n  {\"name\": \"b\", \"r\": [ {\"x\": 1} ]}\n]}";
        let v = parse(t).unwrap();
        let idx = LineIndex::new(t);
        let o = v["value"][1].as_object().unwrap();
        let l = loc_of(o).unwrap();
        assert_eq!(l.pointer, "/value/1");
        assert_eq!(idx.line_col(t, l.start), (3, 3));
        assert_eq!(
            &t[l.start..l.end],
            "{\"name\": \"b\", \"r\": [ {\"x\": 1} ]}"
        );
        let inner = loc_of(v["value"][1]["r"][0].as_object().unwrap()).unwrap();
        assert_eq!(inner.pointer, "/value/1/r/0");
        assert_eq!(idx.line_col(t, inner.start), (3, 24));
    }

    #[test]
    fn columns_count_characters_on_long_and_multibyte_lines() {
        let t = "{\"é\": \"ü€😀\", \"x\": [1, {\"y\": 2}]}\n  {\"z\": 3}";
        let idx = LineIndex::new(t);
        for (i, _) in t.char_indices() {
            let line = t[..i].matches('\n').count() + 1;
            let start = t[..i].rfind('\n').map_or(0, |p| p + 1);
            let col = t[start..i].chars().count() + 1;
            assert_eq!(idx.line_col(t, i), (line, col), "offset {i}");
        }
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_chunks() {
        // a whole export on one line: columns are counted from the nearest chunk, still in characters
        let t = format!("{}\n{}x", "é".repeat(1000), "ab€".repeat(700));
        let idx = LineIndex::new(&t);
        assert_eq!(idx.line_col(&t, 0), (1, 1));
        assert_eq!(idx.line_col(&t, 2000), (1, 1001));
        let x = t.len() - 1;
        assert_eq!(idx.line_col(&t, x), (2, 2101));
        assert_eq!(idx.line_col(&t, 2001 + 5 * 600), (2, 1801));
    }

    #[test]
    fn elements_are_found_without_building_them() {
        let t = r#"{"nextLink": null, "value": [{"id": {"x": "}"}, "name": "a"}, {"name": "b\"c"}, 3]}"#;
        let e = elements(t, "value").unwrap().unwrap();
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].name.as_deref(), Some("a"));
        assert_eq!(e[1].name.as_deref(), Some("b\"c"));
        assert_eq!(e[2].name, None);
        let v = parse_at(t, e[1].start, &e[1].pointer).unwrap();
        assert_eq!(loc_of(v.as_object().unwrap()).unwrap().pointer, "/value/1");
        assert!(elements(r#"{"a": 1}"#, "value").unwrap().is_none());
    }

    #[test]
    fn a_resource_list_is_indexed_without_building_its_rows() {
        let t = r#"{"count": 3, "data": [
            {"name": "vm1", "type": "Microsoft.Compute/virtualMachines", "location": "westeurope", "properties": {"x": "a\"b"}},
            {"NAME": "n", "name": "m", "type": "t"},
            {"$schema": "s", "type": "t", "name": "x"},
            [1]
        ], "skip_token": null}"#;
        let rows = resource_list(t).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(
            rows[0].ty.as_deref(),
            Some("Microsoft.Compute/virtualMachines")
        );
        assert_eq!(rows[0].name.as_deref(), Some("vm1"));
        assert_eq!(rows[0].location.as_deref(), Some("westeurope"));
        assert_eq!(rows[0].pointer, "/data/0");
        assert!(rows[0].plain);
        // a row read again later is the row the whole-document reader builds
        let again = parse_at(t, rows[0].start, &rows[0].pointer).unwrap();
        let mut whole = parse(t).unwrap();
        let (mut a, w) = (again.clone(), whole["data"][0].take());
        strip_locs(&mut a);
        let mut w = w;
        strip_locs(&mut w);
        assert_eq!(a, w);
        assert_eq!(
            loc_of(again.as_object().unwrap()).unwrap().pointer,
            "/data/0"
        );
        // two keys spelled `name`, a template's key, a row that is not an object: built as before
        assert!(!rows[1].plain && !rows[2].plain && !rows[3].plain);
        // `value` comes before `data`, whatever the order in the text
        let rows = resource_list(r#"{"data": [{"type": "a"}], "value": [{"type": "b"}]}"#).unwrap();
        assert_eq!(rows[0].pointer, "/value/0");
        assert_eq!(rows[1].pointer, "/data/0");
        assert_eq!(resource_list("[]").unwrap().len(), 0);
        // Resource Graph's REST response, as the API's own example gives it (tests/data/samples/resource-graph/):
        // its `facets` beside `data` do not keep it from being read as a resource list
        let example: Value = serde_json::from_str(include_str!(
            "../../../tests/data/samples/resource-graph/ResourcesBasicQuery.json"
        ))
        .unwrap();
        let body = example["responses"]["200"]["body"].to_string();
        let rows = resource_list(&body).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].name.as_deref(), Some("myVnet"));
        assert_eq!(rows[1].pointer, "/data/1");
        // not a resource list, or not valid: left to the whole-document reader
        for t in [
            r#"{"type": "x", "value": []}"#,
            r#"{"value": [], "value": []}"#,
            r#"{"value": {}}"#,
            r#"{"$schema": "x", "resources": []}"#,
            r#"[{"type": "t", "p": "\q"}]"#,
            r#"[{"type": "t"}] x"#,
            r#"[{"type": "t",]"#,
            "\"x\"",
        ] {
            assert!(resource_list(t).is_none(), "{t}");
        }
    }

    #[test]
    fn errors_name_the_offset_and_depth_is_bounded() {
        let e = parse("{\"a\": [1, 2}").unwrap_err();
        assert_eq!(e.offset, 11);
        assert!(e.message.contains("expected `,` or `]`"), "{e:?}");
        let deep = "[".repeat(100_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nested deeper"), "{e:?}");
        assert!(
            parse("{\"a\": \"open")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(parse("/* open").is_err());
        assert!(parse("{} x").is_err());
    }
}
