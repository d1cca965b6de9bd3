//! squid from Debian's packages, started by a test on a free loopback port and stopped when dropped.
//! `.ci/run` installs it; without it a test fails with the command that installs it.

use std::net::TcpStream;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The squid binary, or a panic naming the install command.
pub fn binary() -> String {
    for p in ["/usr/sbin/squid", "/usr/bin/squid"] {
        if std::path::Path::new(p).exists() {
            return p.to_string();
        }
    }
    panic!(
        "squid is not installed: run `apt-get update && apt-get install -y squid` (.ci/run does this)"
    );
}

/// A running squid.
pub struct Squid {
    child: Child,
    /// Its loopback port.
    pub port: u16,
    /// Its directory (config, pid, logs).
    pub dir: tempfile::TempDir,
}

impl Drop for Squid {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines that put squid in a test directory on `port`: no cache, no access log, no DNS wait.
pub fn environment(port: u16, dir: &std::path::Path) -> String {
    let d = dir.display();
    format!(
        "http_port 127.0.0.1:{port}\npid_filename {d}/squid.pid\ncache_log {d}/cache.log\naccess_log none\n\
         coredump_dir {d}\nshutdown_lifetime 0 seconds\ndns_timeout 2 seconds\n"
    )
}

/// Starts squid with the configuration `make(port, dir)` returns; returns it and that configuration.
pub fn start_with(make: impl FnOnce(u16, &std::path::Path) -> String) -> (Squid, String) {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let port = super::free_port();
    let conf = make(port, dir.path());
    let path = dir.path().join("squid.conf");
    std::fs::write(&path, &conf).unwrap();
    // a service name of its own: squids running side by side must not share shared-memory segments
    let child = Command::new(binary())
        .args(["-N", "-n", &format!("azegresstest{port}"), "-f"])
        .arg(&path)
        .spawn()
        .unwrap();
    let s = Squid { child, port, dir };
    let t = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "squid did not start; cache.log:\n{}",
            std::fs::read_to_string(s.dir.path().join("cache.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (s, conf)
}
