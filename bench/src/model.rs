//! Read-model build benchmark. Run: `cargo run --release -p bench --bin model`
//! (set `BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL too).
//!
//! Loads the curated dataset plus the shipped O*NET 29.3 + BLS data into a fresh SQLite file
//! (and a fresh PostgreSQL database), then builds the whole read model (every table read in one
//! transaction, indexed, route graph and search index) five times and reports the median, and
//! the process's resident memory with one model held.

use std::time::Instant;

/// The allocator the api binary uses, so build times and memory match the service's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use sea_orm::DatabaseConnection;

/// The process's resident set (VmRSS) in MB, from /proc.
fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

#[path = "common.rs"]
mod common;
use common::with_onet as fill;

/// Builds the model five times; prints the median and the sizes.
async fn time_builds(backend: &str, db: &DatabaseConnection) {
    let before = rss_mb();
    let mut samples = Vec::new();
    let mut kept = None;
    for _ in 0..5 {
        let start = Instant::now();
        let model = api::model::load(db).await.expect("build");
        samples.push(start.elapsed());
        kept = Some(model);
    }
    samples.sort();
    let model = kept.expect("one model");
    let facts: usize = model
        .facts
        .iter()
        .map(|f| {
            f.profiles.len()
                + f.skills.len()
                + f.certifications.len()
                + f.duties.len()
                + f.education.len()
                + f.attributes.len()
                + f.regional_wages.len()
                + f.aliases.len()
                + f.technologies.len()
                + f.demographics.len()
        })
        .sum();
    println!(
        "{backend:<11} build: median {:>8.1?} (min {:>8.1?}, max {:>8.1?}); {} roles, {} skills, {} moves, {} fact rows; RSS {:.0} MB with one model (was {:.0} MB before)",
        samples[2],
        samples[0],
        samples[4],
        model.roles.len(),
        model.skills.len(),
        model.moves.len(),
        facts,
        rss_mb(),
        before,
    );
}

#[tokio::main]
async fn main() {
    // Each build logs how long reading the tables took (`read_ms`) and the whole build.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("api::model=info"))
        .init();
    let dir = std::env::temp_dir();
    let path = dir.join(format!("bench-model-{}.db", std::process::id()));
    let db = fill(&format!("sqlite://{}?mode=rwc", path.display())).await;
    time_builds("SQLite", &db).await;
    db.close().await.ok();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    if let Some(server) = common::PostgresServer::from_env().await {
        let name = format!("bench_model_{}", std::process::id());
        let db = fill(&format!("{}?sslmode=disable", server.create(&name).await)).await;
        time_builds("PostgreSQL", &db).await;
        db.close().await.ok();
        server.drop_database(&name).await;
    } else {
        println!("(set BENCH_POSTGRES_URL to time PostgreSQL)");
    }
}
