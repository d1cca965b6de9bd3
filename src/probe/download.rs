//! Downloads for `azegress tags update`: Microsoft's download page for a cloud names the weekly file (its
//! address changes every week), or `--url` names a file or a mirror directly. reqwest with rustls; a
//! progress bar on a terminal; a size bound; a download cut off part-way is an error and nothing is kept.

use crate::error::Error;
use std::time::Duration;

/// The download page of each cloud's weekly file (Microsoft Download Center ids 56519, 57063, 57062).
pub fn download_page(id: u32) -> String {
    format!("https://www.microsoft.com/en-us/download/details.aspx?id={id}")
}

/// A finished download.
#[derive(Debug)]
pub struct Downloaded {
    /// The address the file came from (after the page, if one was read).
    pub url: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// The first link to a `ServiceTags_<Cloud>_<YYYYMMDD>.json` file in a page (plain or with JSON-escaped
/// slashes), or `None`.
pub fn find_file_link(page: &str) -> Option<String> {
    let page = page.replace("\\/", "/");
    let re = regex::Regex::new(r#"https?://[^\s"'<>]+?/ServiceTags_[A-Za-z]+_[0-9]{8}\.json"#)
        .expect("valid pattern");
    re.find(&page).map(|m| m.as_str().to_string())
}

/// Downloads `url`; when it answers with a page rather than a JSON file, follows the first
/// service-tag file link in it. At most `max_bytes` are read. `timeout` bounds the whole download, page
/// and file together, however slowly the server sends (it also bounds connecting and each wait for data).
pub fn service_tag_file(
    url: &str,
    max_bytes: u64,
    timeout: Duration,
    progress: bool,
) -> Result<Downloaded, Error> {
    super::install_crypto();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Network(format!("cannot start the network runtime: {e}")))?;
    // the address being read when the deadline passes, for the message
    let current = std::cell::RefCell::new(url.to_string());
    let whole = async {
        let client = reqwest::Client::builder()
            .connect_timeout(timeout)
            .read_timeout(timeout)
            .user_agent(concat!("azegress/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Network(format!("cannot build the HTTP client: {e}")))?;
        let first = get(&client, url, max_bytes, false).await?;
        if looks_like_json(&first) {
            return Ok(Downloaded {
                url: url.to_string(),
                bytes: first,
            });
        }
        let page = String::from_utf8_lossy(&first);
        let link = find_file_link(&page).ok_or_else(|| {
            Error::Network(format!(
                "{url} is neither a service-tag file nor a page that links one \
                 (no ServiceTags_<Cloud>_<date>.json link in it); name the file with --url"
            ))
        })?;
        current.replace(link.clone());
        let bytes = get(&client, &link, max_bytes, progress).await?;
        Ok(Downloaded { url: link, bytes })
    };
    rt.block_on(async {
        match tokio::time::timeout(timeout, whole).await {
            Ok(done) => done,
            Err(_) => Err(Error::Network(format!(
                "the download of {} took longer than the timeout of {}; nothing was changed \
                 (on a slow connection or proxy, raise --timeout)",
                current.borrow(),
                duration_text(timeout)
            ))),
        }
    })
}

/// `30s`, `1.5s` or `500ms`.
fn duration_text(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

fn looks_like_json(b: &[u8]) -> bool {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    b.iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| c == b'{')
}

async fn get(
    client: &reqwest::Client,
    url: &str,
    max_bytes: u64,
    progress: bool,
) -> Result<Vec<u8>, Error> {
    let net = |what: &str, e: &dyn std::fmt::Display| {
        Error::Network(format!(
            "{what} {url}: {e}; nothing was changed (check the address, or the proxy in HTTPS_PROXY)"
        ))
    };
    let mut resp = client
        .get(url)
        .send()
        .await
        .map_err(|e| net("cannot download", &full_error(&e)))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(net("the server refused", &status));
    }
    let total = resp.content_length();
    if total.is_some_and(|t| t > max_bytes) {
        return Err(net(
            "refusing",
            &format!("it is larger than --max-input-size ({max_bytes} bytes)"),
        ));
    }
    let bar = if progress {
        let bar = indicatif::ProgressBar::with_draw_target(
            total,
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} {bar:30} {bytes}/{total_bytes} {bytes_per_sec}",
        ) {
            bar.set_style(style);
        }
        bar.set_message("downloading");
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut out = Vec::with_capacity(total.unwrap_or(0).min(max_bytes) as usize);
    loop {
        match resp.chunk().await {
            Ok(Some(c)) => {
                out.extend_from_slice(&c);
                bar.set_position(out.len() as u64);
                if out.len() as u64 > max_bytes {
                    bar.abandon();
                    return Err(net(
                        "refusing",
                        &format!("it is larger than --max-input-size ({max_bytes} bytes)"),
                    ));
                }
            }
            Ok(None) => break,
            Err(e) => {
                bar.abandon();
                let got = out.len();
                let of = total.map(|t| format!(" of {t}")).unwrap_or_default();
                return Err(net(
                    "the download was cut off",
                    &format!("after {got}{of} bytes ({})", full_error(&e)),
                ));
            }
        }
    }
    bar.finish_and_clear();
    if let Some(t) = total
        && out.len() as u64 != t
    {
        return Err(net(
            "the download was cut off",
            &format!("after {} of {t} bytes", out.len()),
        ));
    }
    Ok(out)
}

/// An error with its causes, on one line.
fn full_error(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weekly_link_is_found_in_the_download_page() {
        // the shape of Microsoft's details page: the file address inside a script's JSON
        let page = r#"<script>window.__DLCDetails__={"dlcDetailsView":{"downloadFile":[{"name":"ServiceTags_Public_20251117.json","url":"https:\/\/download.microsoft.com\/download\/7\/1\/d\/71d86715-5596-4529-9b13-da13a5de5b63\/ServiceTags_Public_20251117.json"}]}}</script>"#;
        assert_eq!(
            find_file_link(page).unwrap(),
            "https://download.microsoft.com/download/7/1/d/71d86715-5596-4529-9b13-da13a5de5b63/ServiceTags_Public_20251117.json"
        );
        assert_eq!(find_file_link("<html>no file here</html>"), None);
        assert!(looks_like_json(b"\xEF\xBB\xBF {\"changeNumber\": 1}"));
        assert!(!looks_like_json(b"<!DOCTYPE html>"));
    }

    #[test]
    fn durations_are_written_as_the_flag_takes_them() {
        assert_eq!(duration_text(Duration::from_millis(500)), "500ms");
        assert_eq!(duration_text(Duration::from_secs(30)), "30s");
        assert_eq!(duration_text(Duration::from_millis(1500)), "1.5s");
    }
}
