//! Servers the probe tests start on loopback: a storage stand-in speaking TLS with a test CA (two ports
//! standing in for 443 and 8443) and plain HTTP (standing in for 80), a server that accepts TCP and then
//! says nothing, a TLS server whose certificate comes from another CA (interception), and a DNS server
//! whose zone answers `*.blob.core.windows.net` with a chosen address. All in-process, on one tokio
//! runtime that stops when [`Servers`] is dropped.

#![allow(dead_code)]

use hickory_resolver::proto::op::{Message, MessageType, ResponseCode};
use hickory_resolver::proto::rr::rdata::A;
use hickory_resolver::proto::rr::{RData, Record, RecordType};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, UdpSocket};

/// The answer a real storage front end gives to an unauthenticated `GET /`.
const STORAGE_ANSWER: &[u8] = b"HTTP/1.1 400 Value for one of the query parameters specified in the request URI is invalid.\r\n\
Content-Length: 0\r\nServer: Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0\r\nx-ms-request-id: 00000000-test\r\nConnection: close\r\n\r\n";

/// A CA and a server certificate it signed.
pub struct TestCa {
    /// The CA certificate, PEM.
    pub ca_pem: String,
    /// A server configuration presenting the leaf.
    pub server: Arc<rustls::ServerConfig>,
}

/// A CA named `cn` and a leaf for `names`.
pub fn test_ca(cn: &str, names: &[&str]) -> TestCa {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, cn);
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::CrlSign,
    ];
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca_params, ca_key);
    let leaf_key = rcgen::KeyPair::generate().unwrap();
    let leaf_params =
        rcgen::CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .unwrap();
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).unwrap();
    let key = rustls_pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into());
    let server = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![leaf.der().clone(), ca_cert.der().clone()], key)
    .unwrap();
    TestCa {
        ca_pem: ca_cert.pem(),
        server: Arc::new(server),
    }
}

/// Everything a probe test needs; dropping it stops the servers.
pub struct Servers {
    rt: tokio::runtime::Runtime,
    /// TLS storage stand-ins (for 443 and 8443).
    pub tls: [u16; 2],
    /// Plain HTTP storage stand-in (for 80).
    pub http: u16,
    /// Accepts TCP, then never answers.
    pub silent: u16,
    /// TLS with a certificate from an untrusted CA (an intercepting device).
    pub intercepting: u16,
    /// The DNS server.
    pub dns: SocketAddr,
    /// The test CA's certificate, PEM, in a file.
    pub ca_file: tempfile::NamedTempFile,
    /// The intercepting CA's certificate, PEM, in a file.
    pub intercepting_ca_file: tempfile::NamedTempFile,
}

impl Drop for Servers {
    fn drop(&mut self) {
        // the runtime's tasks end with it
        let _ = &self.rt;
    }
}

async fn serve_plain(l: TcpListener) {
    loop {
        let Ok((mut s, _)) = l.accept().await else {
            continue;
        };
        tokio::spawn(async move {
            let _ = read_head(&mut s).await;
            let _ = s.write_all(STORAGE_ANSWER).await;
            let _ = s.shutdown().await;
        });
    }
}

async fn serve_tls(l: TcpListener, cfg: Arc<rustls::ServerConfig>) {
    let acceptor = tokio_rustls::TlsAcceptor::from(cfg);
    loop {
        let Ok((s, _)) = l.accept().await else {
            continue;
        };
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            if let Ok(mut t) = acceptor.accept(s).await {
                let _ = read_head(&mut t).await;
                let _ = t.write_all(STORAGE_ANSWER).await;
                let _ = t.shutdown().await;
            }
        });
    }
}

async fn serve_silent(l: TcpListener) {
    let mut held = Vec::new();
    loop {
        if let Ok((s, _)) = l.accept().await {
            held.push(s);
        }
    }
}

async fn read_head<S: tokio::io::AsyncRead + Unpin>(s: &mut S) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}

/// A zone: `*.blob.core.windows.net` → `answer` (A only); `nosuch*` names and everything else NXDOMAIN.
async fn serve_dns(sock: UdpSocket, answer: Ipv4Addr) {
    let mut buf = [0u8; 1500];
    loop {
        let Ok((n, peer)) = sock.recv_from(&mut buf).await else {
            continue;
        };
        let Ok(q) = Message::from_vec(&buf[..n]) else {
            continue;
        };
        let mut r = Message::new(q.metadata.id, MessageType::Response, q.metadata.op_code);
        r.metadata.authoritative = true;
        r.metadata.recursion_desired = q.metadata.recursion_desired;
        r.metadata.recursion_available = true;
        for query in &q.queries {
            r.add_query(query.clone());
            let name = query.name().to_ascii().to_ascii_lowercase();
            let ours = name.ends_with(".blob.core.windows.net.") && !name.starts_with("nosuch");
            if !ours {
                r.metadata.response_code = ResponseCode::NXDomain;
            } else if query.query_type() == RecordType::A {
                r.add_answer(Record::from_rdata(
                    query.name().clone(),
                    60,
                    RData::A(A(answer)),
                ));
            }
        }
        if let Ok(bytes) = r.to_vec() {
            let _ = sock.send_to(&bytes, peer).await;
        }
    }
}

/// A loopback port nothing listens on (free when asked).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn pem_file(pem: &str) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), pem).unwrap();
    f
}

/// Starts every server on 127.0.0.1; DNS answers `answer` for storage names.
pub fn start(answer: Ipv4Addr) -> Servers {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let ca = test_ca(
        "azegress test CA",
        &["*.blob.core.windows.net", "localhost"],
    );
    let mitm = test_ca(
        "Contoso TLS Inspection CA",
        &["*.blob.core.windows.net", "localhost"],
    );
    let (tls, http, silent, intercepting, dns) = rt.block_on(async {
        let bind = || async { TcpListener::bind("127.0.0.1:0").await.unwrap() };
        let (t1, t2, h, s, m) = (
            bind().await,
            bind().await,
            bind().await,
            bind().await,
            bind().await,
        );
        let port = |l: &TcpListener| l.local_addr().unwrap().port();
        let ports = ([port(&t1), port(&t2)], port(&h), port(&s), port(&m));
        let udp = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let dns = udp.local_addr().unwrap();
        tokio::spawn(serve_tls(t1, ca.server.clone()));
        tokio::spawn(serve_tls(t2, ca.server.clone()));
        tokio::spawn(serve_plain(h));
        tokio::spawn(serve_silent(s));
        tokio::spawn(serve_tls(m, mitm.server.clone()));
        tokio::spawn(serve_dns(udp, answer));
        (ports.0, ports.1, ports.2, ports.3, dns)
    });
    Servers {
        rt,
        tls,
        http,
        silent,
        intercepting,
        dns,
        ca_file: pem_file(&ca.ca_pem),
        intercepting_ca_file: pem_file(&mitm.ca_pem),
    }
}

pub mod squid;
