# Build the API in a Rust image, run it in a slim Debian image.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p api -p migration -p seed

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/api /src/target/release/migration /src/target/release/seed /usr/local/bin/
# The shipped O*NET/BLS files (IMPORT_ONET_ON_START, `seed import`) are read from the build path.
COPY --from=build /src/seed/data /src/seed/data
ENV HOST=0.0.0.0 PORT=8000 LOG_FORMAT=json
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=2s --retries=5 CMD curl -fsS http://127.0.0.1:8000/ready || exit 1
CMD ["api"]
