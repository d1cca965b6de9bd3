//! `azegress tags info|lookup|diff|update|show`.

use super::{TextFormat, duration_arg};
use azegress::app::{self, tags_update::Cloud};
use azegress::report;
use clap::Subcommand;
use serde::Serialize;
use std::io::IsTerminal;

/// The `tags` subcommands.
#[derive(Subcommand)]
pub enum TagsCmd {
    /// Cloud, changeNumber and source of the loaded tags.
    Info {
        /// Service-tag file (default: the bundled file).
        #[arg(long)]
        service_tags: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
    /// Every tag whose prefixes hold an address (an engineer's first question about a log line).
    Lookup {
        /// The address, e.g. 20.33.154.10.
        ip: String,
        /// Service-tag file.
        #[arg(long)]
        service_tags: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
    /// Prefixes added and removed per tag between two tag files, and which regions' Storage tags changed.
    Diff {
        /// The older file.
        old: String,
        /// The newer file.
        new: String,
        /// Only this tag (any case).
        #[arg(long)]
        tag: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
    /// Download the current weekly service-tag file into the cache (check then uses it), keeping the previous one.
    Update {
        /// Which cloud's file.
        #[arg(long, value_enum, default_value = "public")]
        cloud: Cloud,
        /// The file (or a page linking it, or a mirror) instead of Microsoft's download page.
        #[arg(long)]
        url: Option<String>,
        /// Cache directory (default: $AZEGRESS_CACHE_DIR, else ~/.cache/azegress/service-tags).
        #[arg(long)]
        dir: Option<String>,
        /// Install even if its changeNumber is older than the file it replaces, or it looks wrong compared with it.
        #[arg(long)]
        force: bool,
        /// The longest the whole download may take, e.g. 5m.
        #[arg(long, default_value = "120s")]
        timeout: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
    /// The prefixes of one tag (special tags are computed for --vnet).
    Show {
        /// Tag name, any case (`Storage.KoreaCentral`, `Internet`).
        tag: String,
        /// Service-tag file.
        #[arg(long)]
        service_tags: Option<String>,
        /// VNet address space, for VirtualNetwork / Internet.
        #[arg(long)]
        vnet: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TextFormat,
    },
}

/// Runs a `tags` command: its report as lines or JSON, exit 0.
pub fn run(cmd: TagsCmd) -> Result<(String, u8), azegress::Error> {
    match cmd {
        TagsCmd::Info {
            service_tags,
            format,
        } => app::tags_info(service_tags.as_deref()).map(|r| text(&r, format, report::tags_info)),
        TagsCmd::Lookup {
            ip,
            service_tags,
            format,
        } => app::tags_lookup(service_tags.as_deref(), &ip)
            .map(|r| text(&r, format, report::tags_lookup)),
        TagsCmd::Diff {
            old,
            new,
            tag,
            format,
        } => {
            app::tags_diff(&old, &new, tag.as_deref()).map(|r| text(&r, format, report::tags_diff))
        }
        TagsCmd::Update {
            cloud,
            url,
            dir,
            force,
            timeout,
            format,
        } => {
            let o = app::tags_update::UpdateOptions {
                cloud,
                url,
                dir,
                force,
                timeout: duration_arg(&timeout, "--timeout")?,
                progress: std::io::stderr().is_terminal(),
            };
            app::tags_update::run_update(&o).map(|r| text(&r, format, report::tags_update))
        }
        TagsCmd::Show {
            tag,
            service_tags,
            vnet,
            format,
        } => app::tags_show(service_tags.as_deref(), &tag, &vnet)
            .map(|r| text(&r, format, report::tags_show)),
    }
}

/// The report as lines (`table`) or JSON, with exit code 0.
fn text<R: Serialize>(r: &R, format: TextFormat, table: fn(&R) -> String) -> (String, u8) {
    let text = match format {
        TextFormat::Table => table(r),
        TextFormat::Json => report::json::to_json(r),
    };
    (text, 0)
}
