//! Typed errors. Every input error names the file and, where known, the line; all map to exit code 2.

use std::fmt;

/// A problem with an input file: `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line, 0 when not known.
    pub line: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl InputError {
    /// A new input error.
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // one line, always: newlines in messages from parsers are folded
        let msg = self.message.replace('\n', " ");
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, msg)
        } else {
            write!(f, "{}: {}", self.file, msg)
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
    /// Arguments that do not fit together.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Shorthand for an input error.
    pub fn input(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error::Input(InputError::new(file, line, message))
    }
}
