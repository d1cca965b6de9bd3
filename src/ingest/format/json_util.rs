//! Small helpers over `serde_json::Value`: case-insensitive keys, the marker of a value not known offline
//! (written by templates and Terraform plans, read by every reader), and [`Src`], a parsed file that turns
//! the locations its reader recorded into [`Origin`]s and one-line errors.

use crate::error::{Error, InputError};
use crate::ingest::json::{self, LineIndex, Loc};
use crate::model::Origin;
use serde_json::{Map, Value};

/// Marks a location pointer as naming one of a Terraform module's files: `\u{1}INDEX\u{1}pointer`.
pub const FILE_MARK: char = '\u{1}';

/// Key of the marker object that stands for a value that cannot be known offline.
pub const UNKNOWN_KEY: &str = "$unknown";

/// The marker for a value not known offline, quoting `expr`.
pub fn unknown(expr: &str) -> Value {
    let mut m = Map::new();
    m.insert(UNKNOWN_KEY.to_string(), Value::String(expr.to_string()));
    Value::Object(m)
}

/// Is `v` the marker of a value not known offline?
pub fn is_unknown(v: &Value) -> bool {
    v.as_object().is_some_and(|o| o.contains_key(UNKNOWN_KEY))
}

/// One JSON input: its name, its text and the index that turns byte offsets into lines and columns.
#[derive(Clone)]
pub struct Src<'a> {
    /// The file as the user named it.
    pub file: &'a str,
    /// Its text.
    pub text: &'a str,
    lines: std::borrow::Cow<'a, LineIndex>,
    /// The other files a location may name (a Terraform module's `.tf` files): names, texts, indexes.
    siblings: Option<(&'a [String], &'a [String], &'a [LineIndex])>,
}

impl<'a> Src<'a> {
    /// Indexes `text` (one linear pass).
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Src {
            file,
            text,
            lines: std::borrow::Cow::Owned(LineIndex::new(text)),
            siblings: None,
        }
    }

    /// A source whose line index was built before (by a reader that holds many files).
    pub fn with_index(file: &'a str, text: &'a str, lines: &'a LineIndex) -> Self {
        Src {
            file,
            text,
            lines: std::borrow::Cow::Borrowed(lines),
            siblings: None,
        }
    }

    /// The same source, able to place locations that name another of `files` (a Terraform module read
    /// from several `.tf` files records the file in each location).
    pub fn with_siblings(
        mut self,
        files: &'a [String],
        texts: &'a [String],
        lines: &'a [LineIndex],
    ) -> Self {
        self.siblings = Some((files, texts, lines));
        self
    }

    /// Parses the whole text (ARM's lenient JSON); a syntax error names its line and column.
    pub fn parse(&self) -> Result<Value, Error> {
        json::parse(self.text).map_err(|e| self.syntax(e))
    }

    /// Parses the text, leaving out the parts of a Terraform plan no reader uses
    /// ([`json::parse_plan`]) when the text is one.
    pub fn parse_resources(&self) -> Result<Value, Error> {
        let head = &self.text[..self.text.len().min(4096)];
        if head.contains("\"format_version\"") && head.contains("\"terraform_version\"") {
            json::parse_plan(self.text).map_err(|e| self.syntax(e))
        } else {
            self.parse()
        }
    }

    /// A syntax error from the reader as a located input error.
    pub fn syntax(&self, e: json::SyntaxError) -> Error {
        let (l, c) = self.lines.line_col(self.text, e.offset);
        let hint = if self.text.len() > 4 && e.offset + 1 >= self.text.trim_end().len() {
            " (the file ends early: was it cut off?)"
        } else {
            ""
        };
        Error::Input(InputError::at(
            self.file,
            l,
            c,
            format!("invalid JSON: {}{hint}", e.message),
        ))
    }

    /// Where a location stands, as an [`Origin`].
    pub fn origin_at(&self, loc: &Loc) -> Origin {
        if let Some(rest) = loc.pointer.strip_prefix(FILE_MARK)
            && let Some((idx, pointer)) = rest.split_once(FILE_MARK)
            && let Ok(idx) = idx.parse::<usize>()
            && let Some((files, texts, lines)) = self.siblings
            && idx < files.len().min(texts.len()).min(lines.len())
        {
            let (line, col) = lines[idx].line_col(&texts[idx], loc.start);
            return Origin {
                file: crate::model::file_name(&files[idx]),
                line,
                col,
                pointer: pointer.to_string(),
            };
        }
        let (line, col) = self.lines.line_col(self.text, loc.start);
        Origin {
            file: crate::model::file_name(self.file),
            line,
            col,
            pointer: loc.pointer.clone(),
        }
    }

    /// Where an object read by [`Src::parse`] stands; the file alone when it was built, not read.
    pub fn origin(&self, o: &Map<String, Value>) -> Origin {
        match json::loc_of(o) {
            Some(l) => self.origin_at(&l),
            None => Origin::at(self.file, 0),
        }
    }

    /// An input error at an object.
    pub fn err(&self, o: &Map<String, Value>, message: impl Into<String>) -> Error {
        Error::at(&self.origin(o), message)
    }

    /// An input error about the document as a whole (line 1).
    pub fn err_doc(&self, message: impl Into<String>) -> Error {
        Error::Input(InputError::at(self.file, 1, 1, message))
    }
}

/// The segment after `kind` in a resource id (`…/virtualHubs/hub1/…` → `hub1`), matched case-insensitively;
/// `None` when the id has no such segment or it is empty.
pub fn id_segment<'a>(id: &'a str, kind: &str) -> Option<&'a str> {
    let mut it = id.split('/');
    it.by_ref().find(|p| p.eq_ignore_ascii_case(kind))?;
    it.next().filter(|s| !s.is_empty())
}

/// Field of an object, matching the key case-insensitively (ARM camelCase, PowerShell PascalCase).
pub fn get_ci<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// A field that is neither absent nor null.
pub fn get_present<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    get_ci(obj, key).filter(|v| !v.is_null())
}

/// The strings of a field that may be a string, an array of strings, or null.
pub fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Some(Value::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// The JSON kind of a value in words, for messages ("a string", "a list").
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(o) if o.contains_key(UNKNOWN_KEY) => "a value not known offline",
        Value::Object(_) => "an object",
    }
}

impl Src<'_> {
    /// Where the value of `key` inside `o` stands (the object itself when the value cannot be found).
    pub fn member_origin(&self, o: &Map<String, Value>, key: &str) -> Origin {
        match json::loc_of(o) {
            // a Terraform location: the block's own (the text is HCL, not JSON)
            Some(l) if l.pointer.starts_with(FILE_MARK) => {
                let mut at = self.origin_at(&l);
                at.pointer = format!("{}.{key}", at.pointer);
                at
            }
            Some(l) => {
                let start = json::member_offset(self.text, l.start, key).unwrap_or(l.start);
                let pointer = format!(
                    "{}/{}",
                    l.pointer,
                    key.replace('~', "~0").replace('/', "~1")
                );
                self.origin_at(&Loc {
                    start,
                    end: start,
                    pointer,
                })
            }
            None => Origin::at(self.file, 0),
        }
    }

    /// An input error at the value of `key` inside `o`: it has the wrong type. A value not known offline
    /// (a template parameter without a value) is no wrong type: what it decides is unknown
    /// ([`Error::Unknown`], an inconclusive result), never an error for the whole file.
    pub fn wrong_type(
        &self,
        o: &Map<String, Value>,
        key: &str,
        what: &str,
        want: &str,
        found: &Value,
    ) -> Error {
        if is_unknown(found) {
            let why = found
                .get(UNKNOWN_KEY)
                .and_then(Value::as_str)
                .unwrap_or("not known offline");
            return Error::Unknown(format!(
                "{}: `{key}` of {what} is not known offline ({why}), so what it decides is not known: pass the template's parameters (--parameters FILE) or the variable values",
                self.member_origin(o, key)
            ));
        }
        Error::at(
            &self.member_origin(o, key),
            format!(
                "`{key}` of {what} must be {want}, found {}; fix the export (a value of the wrong type is never read as empty)",
                kind_of(found)
            ),
        )
    }

    /// The `properties` object of an ARM/REST object, or the object itself when it has none (the flattened
    /// `az` and PowerShell shapes). `properties` of any other type is an error, never "no properties".
    pub fn props<'o>(
        &self,
        o: &'o Map<String, Value>,
        what: &str,
    ) -> Result<&'o Map<String, Value>, Error> {
        match get_present(o, "properties") {
            None => Ok(o),
            Some(Value::Object(p)) if !p.contains_key(UNKNOWN_KEY) => Ok(p),
            Some(v) => Err(self.wrong_type(o, "properties", what, "an object", v)),
        }
    }

    /// A list-valued field: absent or `null` is empty (Azure treats both as none), a list is its elements,
    /// anything else is an error at the value.
    pub fn array<'o>(
        &self,
        o: &'o Map<String, Value>,
        key: &str,
        what: &str,
    ) -> Result<&'o [Value], Error> {
        match get_present(o, key) {
            None => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(v) => Err(self.wrong_type(o, key, what, "a list", v)),
        }
    }

    /// The objects of a list-valued field ([`Src::array`]); an element that is not an object is an error.
    pub fn objects<'o>(
        &self,
        o: &'o Map<String, Value>,
        key: &str,
        what: &str,
    ) -> Result<Vec<&'o Map<String, Value>>, Error> {
        self.array(o, key, what)?
            .iter()
            .map(|v| match v {
                Value::Object(x) if !x.contains_key(UNKNOWN_KEY) => Ok(x),
                other if is_unknown(other) => Err(self.wrong_type(o, key, what, "objects", other)),
                other => Err(Error::at(
                    &self.member_origin(o, key),
                    format!(
                        "`{key}` of {what} must hold objects, found {}",
                        kind_of(other)
                    ),
                )),
            })
            .collect()
    }

    /// An object-valued field: absent or `null` is none, an object is itself, anything else is an error.
    pub fn object<'o>(
        &self,
        o: &'o Map<String, Value>,
        key: &str,
        what: &str,
    ) -> Result<Option<&'o Map<String, Value>>, Error> {
        match get_present(o, key) {
            None => Ok(None),
            Some(Value::Object(x)) => Ok(Some(x)),
            Some(v) => Err(self.wrong_type(o, key, what, "an object", v)),
        }
    }
}
