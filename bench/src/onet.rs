//! Import and search benchmark. Run: `cargo run --release -p bench --bin onet`
//! (set `BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres` to time PostgreSQL too).
//!
//! 1. Full O*NET 29.3 + BLS import of the shipped files into a fresh SQLite file and a fresh
//!    PostgreSQL database, three runs each (median reported).
//! 2. `search` on the imported data: autocomplete-style queries with typos and prefixes.
//! 3. 5-best-route queries over the imported graph (derived promotions and curated moves).

use std::sync::Arc;
use std::time::{Duration, Instant};

use api::career::search::{Objective, RouteQuery, find_routes};
use api::model::ModelStore;
use sea_orm::DatabaseConnection;
use seed::onet::ImportPaths;

fn summary(name: &str, samples: &mut [Duration]) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{name:<52} n={:<6} p50={:>10.3?} p95={:>10.3?} max={:>10.3?}",
        samples.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

#[path = "common.rs"]
mod common;
use common::curated as fresh;

async fn time_import(db: &DatabaseConnection) -> Duration {
    let start = Instant::now();
    seed::onet::import(db, &ImportPaths::shipped(), false)
        .await
        .expect("import");
    start.elapsed()
}

#[tokio::main]
async fn main() {
    println!("== full O*NET + BLS import (shipped gzip files)");
    let dir = std::env::temp_dir();
    let mut sqlite = Vec::new();
    for run in 0..3 {
        let path = dir.join(format!("bench-onet-{}-{run}.db", std::process::id()));
        let db = fresh(&format!("sqlite://{}?mode=rwc", path.display())).await;
        sqlite.push(time_import(&db).await);
        db.close().await.ok();
        let _ = std::fs::remove_file(&path);
    }
    summary("import into SQLite (file)", &mut sqlite);
    if let Some(server) = common::PostgresServer::from_env().await {
        let mut postgres = Vec::new();
        for run in 0..3 {
            let name = format!("bench_onet_{}_{run}", std::process::id());
            let db = fresh(&server.create(&name).await).await;
            postgres.push(time_import(&db).await);
            db.close().await.ok();
            server.drop_database(&name).await;
        }
        summary("import into PostgreSQL", &mut postgres);
    } else {
        println!("(set BENCH_POSTGRES_URL to time PostgreSQL)");
    }

    let path = dir.join(format!("bench-onet-{}-search.db", std::process::id()));
    let db = fresh(&format!("sqlite://{}?mode=rwc", path.display())).await;
    time_import(&db).await;
    let store = Arc::new(ModelStore::new());
    let start = Instant::now();
    let model = store.rebuild(&db).await.expect("read model");
    let g = &model.graph;
    println!(
        "snapshot with search index: {:.2?} ({} roles, {} moves, {} labels)",
        start.elapsed(),
        g.roles.len(),
        g.edges.len(),
        g.text.len()
    );

    println!("== search (autocomplete)");
    let queries = [
        "software",
        "sofware develper",
        "registered nurse",
        "nurs",
        "data scien",
        "project manager",
        "it director",
        "chief information officer",
        "cissp",
        "accountant",
        "acountant",
        "electrician",
        "truck driver",
        "web dev",
        "machine learning",
        "teacher",
        "police officer",
        "cyber security analyst",
        "network admin",
        "m",
    ];
    let mut all = Vec::new();
    for q in queries {
        for _ in 0..50 {
            let start = Instant::now();
            std::hint::black_box(g.text.search(q, 10));
            all.push(start.elapsed());
        }
    }
    summary("search, 20 queries x 50", &mut all);

    println!("== 5 best routes over the imported graph");
    // Pairs with a route: each start role and the farthest role reachable within 4 moves.
    let n = g.roles.len();
    let pairs: Vec<(usize, usize)> = (0..n)
        .step_by(3)
        .filter_map(|a| {
            g.within(a, 4, false)
                .last()
                .filter(|(_, d)| *d >= 2)
                .map(|&(b, _)| (a, b))
        })
        .take(200)
        .collect();
    let mut samples = Vec::new();
    let mut found = 0;
    for &(a, b) in &pairs {
        let q = RouteQuery {
            from: a,
            to: b,
            k: 5,
            objective: Objective::Balanced,
            max_steps: 10,
            via: vec![],
            avoid: vec![],
            include_related: false,
            similar: None,
        };
        let start = Instant::now();
        let result = find_routes(g, &q);
        samples.push(start.elapsed());
        found += usize::from(!result.routes.is_empty());
    }
    summary(
        &format!(
            "routes, {} pairs 2-4 moves apart ({found} found)",
            pairs.len()
        ),
        &mut samples,
    );
    db.close().await.ok();
    let _ = std::fs::remove_file(&path);
}
