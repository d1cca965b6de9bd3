//! `azegress completions SHELL` and `azegress man`: generated from the same clap definitions the
//! command line parses with, so they never fall behind a flag.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

/// `completions`: the shell.
#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// `man`: one page, or every page into a directory.
#[derive(Args)]
pub struct ManArgs {
    /// Write one page per command (azegress.1, azegress-check.1, …) into DIR instead of printing the main
    /// page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<String>,
}

/// The completion script for the shell.
pub fn completions(a: CompletionsArgs) -> Result<(String, u8), azegress::Error> {
    let mut cmd = super::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "azegress", &mut buf);
    Ok((String::from_utf8_lossy(&buf).into_owned(), 0))
}

/// The manual page of `azegress` (roff), or with `--dir` every command's page written there (atomically,
/// never through a symlink) and their names listed.
pub fn man(a: ManArgs) -> Result<(String, u8), azegress::Error> {
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    // names the subcommands' pages `azegress-check` and so on
    cmd.build();
    let render = |c: clap::Command| -> (String, Vec<u8>) {
        let man = clap_mangen::Man::new(c);
        let mut buf = Vec::new();
        // writing into a vector cannot fail
        let _ = man.render(&mut buf);
        (man.get_filename(), buf)
    };
    let Some(dir) = a.dir else {
        let (_, page) = render(cmd);
        return Ok((String::from_utf8_lossy(&page).into_owned(), 0));
    };
    if !std::path::Path::new(&dir).is_dir() {
        return Err(azegress::app::usage(&format!(
            "man --dir {dir}: not a directory; create it first (e.g. mkdir -p {dir})"
        )));
    }
    let mut pages = Vec::new();
    let mut stack = vec![cmd];
    while let Some(c) = stack.pop() {
        stack.extend(c.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        pages.push(render(c));
    }
    pages.sort();
    let mut listed = String::new();
    for (name, page) in pages {
        let path = std::path::Path::new(&dir).join(&name).display().to_string();
        let mode = azegress::app::write::mode_of(&path).or(Some(0o644));
        azegress::app::write::stage_file(&path, &page, mode)?
            .persist(azegress::app::write::Existing::Replace)?;
        listed.push_str(&path);
        listed.push('\n');
    }
    Ok((listed, 0))
}
