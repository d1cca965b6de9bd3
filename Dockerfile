# syntax=docker/dockerfile:1
# A small image holding the azegress binary (docs/ci.md):
#
#   docker build -t azegress .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" azegress gate infra --sarif azegress.sarif
#
# Build stage: the Rust toolchain the manifest asks for (rust-version in Cargo.toml), the locked
# dependencies. Final stage: distroless/cc (glibc and the C runtime the binary links, no shell, no package
# manager), running as the image's non-root user.
ARG RUST_VERSION=1.88
FROM rust:${RUST_VERSION}-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src/ src/
COPY rules/ rules/
COPY service-tags/ service-tags/
COPY benches/ benches/
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin azegress \
    && install -m 0755 target/release/azegress /usr/local/bin/azegress

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /usr/local/bin/azegress /usr/local/bin/azegress
WORKDIR /work
USER nonroot
ENTRYPOINT ["/usr/local/bin/azegress"]
CMD ["--help"]
