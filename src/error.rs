//! Typed errors. Every input error names the file and, where known, the line and column; all map to
//! exit code 2 and print as one line.

use std::fmt;

/// A problem with an input file: `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line, 0 when not known.
    pub line: usize,
    /// 1-based column, 0 when not known.
    pub col: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl InputError {
    /// A new input error about a line as a whole (a directive of squid.conf, a `key=value` setting): its
    /// column is the line's first, so every located error names line and column.
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_string(),
            line,
            col: usize::from(line > 0),
            message: message.into(),
        }
    }

    /// A new input error at a line and column (column 0: not known).
    pub fn at(file: &str, line: usize, col: usize, message: impl Into<String>) -> Self {
        InputError {
            col: if col == 0 { usize::from(line > 0) } else { col },
            ..InputError::new(file, line, message)
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // one line, always: newlines in messages from parsers are folded
        let msg = self.message.replace(['\n', '\r'], " ");
        let file = self.file.replace(['\n', '\r'], " ");
        match (self.line, self.col) {
            (0, _) => write!(f, "{file}: {msg}"),
            (l, 0) => write!(f, "{file}:{l}: {msg}"),
            (l, c) => write!(f, "{file}:{l}:{c}: {msg}"),
        }
    }
}

/// Everything that stops a run before a verdict (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be understood.
    #[error("{0}")]
    Input(InputError),
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A file could not be written (nothing was changed at its path).
    #[error("cannot write {path}: {source}")]
    Write {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Arguments that do not fit together.
    #[error("{0}")]
    Usage(String),
    /// A download failed or was refused (`tags update`); nothing was changed.
    #[error("{0}")]
    Network(String),
    /// What the question needs cannot be known offline (a template's list of a VM's network interfaces
    /// built from a parameter without a value): the answer is inconclusive (exit 3), not an input error.
    #[error("{0}")]
    Unknown(String),
}

impl Error {
    /// Shorthand for an input error.
    pub fn input(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error::Input(InputError::new(file, line, message))
    }

    /// An input error at the place an [`Origin`](crate::model::Origin) names.
    pub fn at(origin: &crate::model::Origin, message: impl Into<String>) -> Error {
        Error::Input(InputError::at(
            &origin.file,
            origin.line,
            origin.col,
            message,
        ))
    }
}
