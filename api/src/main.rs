//! Binary entry point: configuration, telemetry, then the application.
use std::io::Write as _;

use clap::Parser;

use api::config::{Config, LogFormat};
use api::startup::Application;

/// mimalloc instead of glibc malloc: allocation was a third of the CPU of a request under
/// load with glibc (see BENCHMARKS.md for the A/B measurement).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    api::telemetry::init(config.log.log_format);
    let host = config.server.host.clone();
    // In JSON mode standard output is for log lines (after the first line, which tools read).
    let pretty = config.log.log_format == LogFormat::Pretty;
    let app = Application::build(config).await?;
    let base = format!("http://{host}:{}", app.port());
    tracing::info!(
        graphql = %format!("{base}/graphql"),
        mcp = %format!("{base}/mcp"),
        "listening"
    );
    // One write, whose failure is ignored: a closed standard output (a supervisor that read
    // the first line and left) must not stop the server.
    let mut banner = format!("GraphiQL: {base}/graphiql\n");
    if pretty {
        banner.push_str(&format!(
            "Career explorer: {base}/explore\nMCP endpoint for AI assistants: {base}/mcp\n"
        ));
    }
    let _ = std::io::stdout().write_all(banner.as_bytes());
    app.run_until_stopped().await?;
    Ok(())
}
