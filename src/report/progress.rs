//! Progress on standard error while a run reads large inputs and evaluates paths: what is being read or
//! parsed, files and bytes so far with their rate, distinct paths evaluated with theirs, and the time
//! elapsed. Shown only when the binary turns it on ([`Progress::start`]: standard error is a terminal, and
//! no flag asks for silence); never through a pipe, so logs and captured output never hold it. Readers
//! report through [`reading`] and [`read`], `gate` through [`path_done`]; with no progress started these
//! cost one lock. Nothing is drawn for a quick run: an input of [`LARGE_INPUT`] or more shows at once, the
//! evaluation after [`SHOW_AFTER`].

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Inputs smaller than this are read without showing anything (they take milliseconds).
pub const LARGE_INPUT: u64 = 8 << 20;

struct State {
    bar: indicatif::ProgressBar,
    start: Instant,
    files: u64,
    bytes: u64,
    paths: u64,
    paths_start: Option<Instant>,
    shown: bool,
}

static SINK: Mutex<Option<Arc<Mutex<State>>>> = Mutex::new(None);

fn with_state(f: impl FnOnce(&mut State)) {
    let s = SINK.lock().ok().and_then(|g| g.clone());
    if let Some(s) = s
        && let Ok(mut st) = s.lock()
    {
        f(&mut st);
    }
}

/// `1.5 MB`, `239 MB`.
fn size(b: u64) -> String {
    let mb = b as f64 / f64::from(1u32 << 20);
    if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

fn rate(n: f64, since: Instant) -> f64 {
    let s = since.elapsed().as_secs_f64();
    if s > 0.0 { n / s } else { 0.0 }
}

/// Paths are shown once the run has taken this long (a quick run shows nothing at all).
pub const SHOW_AFTER: Duration = Duration::from_millis(400);

impl State {
    /// Starts drawing (on standard error, ticking so it never looks frozen); nothing is drawn before.
    fn show(&mut self) {
        if !self.shown {
            self.shown = true;
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
}

/// The progress of one run, shown on standard error until dropped (then cleared, before the output).
pub struct Progress {
    state: Option<Arc<Mutex<State>>>,
}

impl Progress {
    /// Starts showing progress when `enabled` (the binary passes: standard error is a terminal and no
    /// `--quiet`); otherwise nothing is ever drawn.
    pub fn start(enabled: bool) -> Progress {
        if !enabled {
            return Progress { state: None };
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} {elapsed:>4} {wide_msg}")
        {
            bar.set_style(style);
        }
        let state = Arc::new(Mutex::new(State {
            bar,
            start: Instant::now(),
            files: 0,
            bytes: 0,
            paths: 0,
            paths_start: None,
            shown: false,
        }));
        if let Ok(mut g) = SINK.lock() {
            *g = Some(state.clone());
        }
        Progress { state: Some(state) }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Ok(mut g) = SINK.lock() {
            *g = None;
        }
        if let Some(s) = &self.state
            && let Ok(st) = s.lock()
        {
            st.bar.finish_and_clear();
        }
    }
}

/// A reader starts reading `file` of `len` bytes.
pub fn reading(file: &str, len: u64) {
    with_state(|st| {
        if len >= LARGE_INPUT {
            st.show();
        }
        if st.shown {
            st.bar.set_message(format!(
                "reading {} ({}); {} file(s), {} read so far",
                super::safe::one_line(file),
                size(len),
                st.files,
                size(st.bytes)
            ));
        }
    });
}

/// A reader has read `file`'s `len` bytes (parsing comes next).
pub fn read(file: &str, len: u64) {
    with_state(|st| {
        st.files += 1;
        st.bytes += len;
        if st.shown {
            st.bar.set_message(format!(
                "parsing {} ({}); {} file(s), {} read, {:.0} MB/s",
                super::safe::one_line(file),
                size(len),
                st.files,
                size(st.bytes),
                rate(st.bytes as f64 / f64::from(1u32 << 20), st.start)
            ));
        }
    });
}

/// `gate` has evaluated one more distinct path.
pub fn path_done() {
    with_state(|st| {
        st.paths += 1;
        let since = *st.paths_start.get_or_insert_with(Instant::now);
        if st.start.elapsed() >= SHOW_AFTER {
            st.show();
        }
        st.bar.set_message(format!(
            "{} distinct path(s) evaluated, {:.0}/s; {} file(s), {} read",
            st.paths,
            rate(st.paths as f64, since),
            st.files,
            size(st.bytes)
        ));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_start_nothing_is_kept_and_sizes_read_well() {
        // no progress started: the hooks do nothing
        reading("x.json", 1 << 30);
        read("x.json", 1 << 30);
        path_done();
        assert!(SINK.lock().unwrap().is_none());
        assert_eq!(size(239 << 20), "239 MB");
        assert_eq!(size(3 << 19), "1.5 MB");
        // a hidden run: started disabled, nothing registered
        let p = Progress::start(false);
        assert!(p.state.is_none() && SINK.lock().unwrap().is_none());
    }
}
