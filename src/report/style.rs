//! How output for a person looks: whether it is coloured and how wide it is laid out. Decided once, here,
//! from `--color`/`--no-color`, `NO_COLOR`, `COLUMNS` and the terminal; every reporter asks the [`Style`]
//! it is handed, and paints through [`paint`] with the colour sequences [`super::safe`] lets through.

use std::io::IsTerminal;

/// `--color`: when output is coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even through a pipe or with `NO_COLOR` set.
    Always,
    /// Never colour.
    Never,
}

/// The width used when the output is not a terminal, or the terminal reports no size (0×0 pseudo-terminals
/// such as `script`'s and some CI runners').
pub const DEFAULT_WIDTH: usize = 80;

/// The narrowest width honoured: a smaller `COLUMNS` or terminal size is taken as not given.
pub const MIN_WIDTH: usize = 20;

/// How to print: colour, and the columns to lay text and tables out in.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Columns available.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: DEFAULT_WIDTH,
        }
    }
}

/// Whether to colour: `always` colours, `never` does not; `auto` colours on a terminal unless `NO_COLOR`
/// is set to a non-empty value (<https://no-color.org>).
pub fn color_enabled(
    choice: ColorChoice,
    terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// The width to lay out in: `COLUMNS` when set to a usable number (shells set it, and tests), else the
/// terminal's own width when the output is a terminal that reports one, else [`DEFAULT_WIDTH`].
pub fn width_from(columns: Option<&str>, terminal: bool, size: Option<(u16, u16)>) -> usize {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w >= MIN_WIDTH)
        .or_else(|| {
            terminal
                .then_some(size)
                .flatten()
                .map(|(w, _)| usize::from(w))
                .filter(|w| *w >= MIN_WIDTH)
        })
        .unwrap_or(DEFAULT_WIDTH)
}

impl Style {
    /// The style for standard output under `choice`, from the environment and the terminal.
    pub fn detect(choice: ColorChoice) -> Style {
        let terminal = std::io::stdout().is_terminal();
        let size = if terminal {
            crossterm::terminal::size().ok()
        } else {
            None
        };
        Style {
            color: color_enabled(choice, terminal, std::env::var_os("NO_COLOR").as_deref()),
            width: width_from(std::env::var("COLUMNS").ok().as_deref(), terminal, size),
        }
    }
}

/// What a piece of text is painted as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// An error, a denied flow: red.
    Error,
    /// A warning, a partial or inconclusive flow: yellow.
    Warning,
    /// A note: blue.
    Note,
    /// Allowed, passed: green.
    Good,
}

/// The colour sequences [`paint`] writes (each is in [`super::safe`]'s list of the reporters' own).
pub const RED: &str = "\x1b[38;5;9m";
/// Green.
pub const GREEN: &str = "\x1b[38;5;10m";
/// Yellow.
pub const YELLOW: &str = "\x1b[38;5;11m";
/// Blue (notes).
pub const BLUE: &str = "\x1b[38;5;12m";
/// Back to the terminal's own colour.
pub const RESET: &str = "\x1b[39m";

/// `text` in the colour of `p` when `style.color`, else as it is.
pub fn paint(text: &str, p: Paint, style: &Style) -> String {
    if !style.color {
        return text.to_string();
    }
    let c = match p {
        Paint::Error => RED,
        Paint::Warning => YELLOW,
        Paint::Note => BLUE,
        Paint::Good => GREEN,
    };
    format!("{c}{text}{RESET}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn always_wins_over_no_color_and_auto_needs_a_terminal() {
        let set = Some(OsStr::new("1"));
        assert!(color_enabled(ColorChoice::Always, false, set));
        assert!(!color_enabled(ColorChoice::Never, true, None));
        assert!(color_enabled(ColorChoice::Auto, true, None));
        assert!(!color_enabled(ColorChoice::Auto, true, set));
        // NO_COLOR set but empty: colour (no-color.org)
        assert!(color_enabled(ColorChoice::Auto, true, Some(OsStr::new(""))));
        assert!(!color_enabled(ColorChoice::Auto, false, None));
    }

    #[test]
    fn width_columns_wins_zero_and_pipes_are_80() {
        assert_eq!(width_from(Some("120"), false, None), 120);
        assert_eq!(width_from(Some("120"), true, Some((200, 50))), 120);
        assert_eq!(width_from(None, true, Some((132, 50))), 132);
        // a pseudo-terminal that reports 0×0
        assert_eq!(width_from(None, true, Some((0, 0))), DEFAULT_WIDTH);
        // piped: the terminal's size is not the output's
        assert_eq!(width_from(None, false, Some((200, 50))), DEFAULT_WIDTH);
        assert_eq!(width_from(Some("x"), false, None), DEFAULT_WIDTH);
        assert_eq!(width_from(Some("0"), true, Some((0, 0))), DEFAULT_WIDTH);
    }

    #[test]
    fn paint_only_with_colour() {
        let on = Style {
            color: true,
            width: 80,
        };
        assert_eq!(paint("x", Paint::Error, &Style::default()), "x");
        assert_eq!(paint("x", Paint::Note, &on), format!("{BLUE}x{RESET}"));
    }
}
