//! Read-model build benchmark. Run: `cargo run --release -p bench --bin model`
//! (set `BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL too).
//!
//! Loads the curated dataset plus the shipped O*NET 29.3 + BLS data into a fresh SQLite file
//! (and a fresh PostgreSQL database), then builds the read model (every table but the area
//! tables read in one transaction, indexed, route graph and search index) five times and
//! reports the median, the area wages' own load (read apart, see `api::model::place`), and the
//! process's resident memory with one model held.

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

/// Builds the model five times, and loads its area wages five times; prints the medians and the
/// sizes.
async fn time_builds(backend: &str, db: &DatabaseConnection) {
    let before = rss_mb();
    let mut samples = Vec::new();
    let mut place_samples = Vec::new();
    let mut kept = None;
    for _ in 0..5 {
        let start = Instant::now();
        let model = api::model::load(db, None).await.expect("build");
        samples.push(start.elapsed());
        let start = Instant::now();
        model.places.get().await.expect("area wages");
        place_samples.push(start.elapsed());
        kept = Some(model);
    }
    samples.sort();
    place_samples.sort();
    let model = kept.expect("one model");
    let places = model.places.get().await.expect("area wages");
    println!(
        "{backend:<11} area wages load: median {:>8.1?} (min {:>8.1?}, max {:>8.1?}); {} areas, {} area wages",
        place_samples[2],
        place_samples[0],
        place_samples[4],
        places.areas.len(),
        places.wages.len(),
    );
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

/// p50 of `n` runs of `request` through the whole schema, in process.
async fn p50(schema: &api::graphql::AppSchema, request: &str, n: usize) -> std::time::Duration {
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let response = schema.execute(request).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        samples.push(start.elapsed());
    }
    samples.sort();
    samples[n / 2]
}

/// Adds the shipped BLS May 2025 by-area wages, times the import, rebuilds the model and times
/// `Role.wages` and `Role.wagesByArea` GraphQL requests (in process, over the full data).
async fn time_area_wages(db: &DatabaseConnection) {
    let start = Instant::now();
    let report = seed::onet::import_areas(db, &seed::onet::AreaPaths::shipped(), false)
        .await
        .expect("import areas");
    println!(
        "BLS May 2025 by area: imported {} areas, {} area wages in {:.1?}",
        report.areas,
        report.area_wages,
        start.elapsed()
    );
    time_builds("SQLite+area", db).await;
    let schema = common::schema_over(db).await;
    for (name, request) in [
        (
            "wages(area: \"CA\")",
            r#"{ role(slug: "software-developers") { wages(area: "CA") { employment hourly { median } annual { mean p10 p25 median p75 p90 } footnotes { field code } source { key } } } }"#,
        ),
        (
            "wages(area: exact metro name)",
            r#"{ role(slug: "information-technology-manager") { wages(area: "San Jose-Sunnyvale-Santa Clara, CA") { annual { median } } } }"#,
        ),
        (
            "wagesByArea(type: STATE) first 10",
            r#"{ role(slug: "software-developers") { wagesByArea { area { name stateCode } annual { median } employment } } }"#,
        ),
        (
            "wagesByArea(type: METRO, EMPLOYMENT_DESC, first: 100)",
            r#"{ role(slug: "software-developers") { wagesByArea(type: METRO, orderBy: EMPLOYMENT_DESC, first: 100) { area { name } annual { median } employment locationQuotient } } }"#,
        ),
    ] {
        println!(
            "GraphQL in-process {name:<54} p50 {:>9.1?}",
            p50(&schema, request, 2000).await
        );
    }
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
    time_area_wages(&db).await;
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
