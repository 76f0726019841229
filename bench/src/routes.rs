//! Route-search benchmark. Run: `cargo run --release -p bench --bin routes [-- ROLES MOVES]`
//!
//! 1. The curated dataset, loaded through the real path (SQLite, seed, snapshot): engine
//!    search time and whole GraphQL request time (in-process `schema.execute`).
//! 2. A synthetic career graph (default 100,000 roles and 1,000,000 moves, seed 42):
//!    snapshot build time, memory, and 5-best-route search time over 50 role pairs.
//! 3. The same unconstrained queries with `pathfinding`'s Yen, as a baseline measured in the
//!    same run (ratios, not absolute times, are what compare across machines), and a check
//!    that both find routes of the same costs.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use api::career::GraphSnapshot;
use api::career::search::{Objective, RouteQuery, find_routes};
use api::career::snapshot::{GraphParts, MovePart, RoleNode};
use api::model::ModelStore;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database};

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn report(name: &str, samples: &mut [Duration]) -> Duration {
    let p50 = percentile(samples, 0.5);
    println!(
        "{name:<58} n={:<5} p50={:>10.3?} p95={:>10.3?} max={:>10.3?}",
        samples.len(),
        p50,
        percentile(samples, 0.95),
        percentile(samples, 1.0)
    );
    p50
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn query(from: usize, to: usize, objective: Objective) -> RouteQuery {
    RouteQuery {
        from,
        to,
        k: 5,
        objective,
        max_steps: 10,
        via: vec![],
        avoid: vec![],
        include_related: false,
        similar: None,
    }
}

/// Yen's k shortest loopless paths over the same costs (unconstrained), for comparison.
fn yen_costs(g: &GraphSnapshot, from: usize, to: usize, objective: Objective) -> Vec<u64> {
    let paths = pathfinding::directed::yen::yen(
        &from,
        |&n: &usize| {
            g.out[n]
                .iter()
                .filter_map(|pair| {
                    g.best_edge(pair, objective, false)
                        .map(|(_, c)| (pair.to(), c))
                })
                .collect::<Vec<_>>()
        },
        |&n| n == to,
        5,
    );
    paths.into_iter().map(|(_, cost)| cost).collect()
}

async fn curated() {
    println!("== curated dataset (25 roles, 28 moves), real load path");
    let mut options = ConnectOptions::new("sqlite::memory:");
    options.max_connections(1).sqlx_logging(false);
    let db = Database::connect(options).await.expect("sqlite");
    Migrator::up(&db, None).await.expect("migrate");
    let dataset = seed::Dataset::curated().expect("dataset");
    seed::load(&db, &dataset, seed::LoadOptions::default())
        .await
        .expect("load");
    let store = Arc::new(ModelStore::new());
    let model = store.rebuild(&db).await.expect("read model");
    let g = &model.graph;
    let pairs = [
        (
            "information-technology-manager",
            "chief-information-officer",
        ),
        ("systems-administrator", "chief-information-officer"),
        ("business-analyst", "vp-of-it"),
    ];
    for (from, to) in pairs {
        let (a, b) = (
            g.index_of(from).expect("role"),
            g.index_of(to).expect("role"),
        );
        let mut samples: Vec<Duration> = (0..3000)
            .map(|_| {
                let start = Instant::now();
                let found = find_routes(g, &query(a, b, Objective::Balanced));
                std::hint::black_box(found);
                start.elapsed()
            })
            .collect();
        report(&format!("engine: 5 best {from} -> {to}"), &mut samples);
    }
    drop(store);
    let schema = common::schema_over(&db).await;
    let request = r#"{ careerRoutes(from: "information-technology-manager", to: "chief-information-officer") {
        routes { roles { slug } totals { steps years likelihood } score { cost }
                 steps { move { kind source { key } } skillGap { skills { skill { name } } } } } } }"#;
    let mut samples = Vec::new();
    for _ in 0..500 {
        let start = Instant::now();
        let response = schema.execute(request).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        samples.push(start.elapsed());
    }
    report(
        "GraphQL request (in-process, SQLite) IT Manager -> CIO",
        &mut samples,
    );
}

/// The database-style id of the synthetic graph's row `index` (ids count from 1).
fn row_id(index: usize) -> i32 {
    index as i32 + 1
}

/// The row whose id is `id`: the inverse of [`row_id`].
fn row_index(id: i32) -> usize {
    id as usize - 1
}

/// One graph part per row, made by `part` from the row's id and the row.
fn with_row_ids<T, P>(rows: &[T], part: impl Fn(i32, &T) -> P) -> Vec<P> {
    rows.iter()
        .enumerate()
        .map(|(index, row)| part(row_id(index), row))
        .collect()
}

fn synthetic(roles: usize, moves: usize) {
    println!("== synthetic graph: {roles} roles, {moves} moves, seed 42");
    let before = rss_mib();
    let start = Instant::now();
    let generated = seed::synthetic::generate(roles, moves, 42);
    let generate_time = start.elapsed();
    let start = Instant::now();
    let parts = GraphParts {
        version: 1,
        roles: with_row_ids(&generated.roles, |id, r| RoleNode {
            id,
            slug: r.slug.clone(),
            title: r.title.clone(),
            salary: Some(r.salary),
            job_zone: None,
            pay: Default::default(),
            skills: Default::default(),
            certifications: Vec::new(),
        }),
        moves: with_row_ids(&generated.moves, |id, m| MovePart {
            id,
            from_role_id: row_id(m.from),
            to_role_id: row_id(m.to),
            kind: m.kind,
            years: Some(m.years),
            likelihood: Some(m.likelihood),
            source_id: 1,
        }),
        search_entries: Vec::new(),
        zones: Default::default(),
    };
    let g = GraphSnapshot::build(parts);
    let build_time = start.elapsed();
    println!(
        "generate {generate_time:.2?}, snapshot build {build_time:.2?}, RSS +{:.0} MiB",
        rss_mib() - before
    );
    // Pairs from the bottom three levels to the top three, spread deterministically.
    let low: Vec<usize> = (0..g.roles.len())
        .filter(|&i| generated.roles[row_index(g.roles[i].id)].seniority <= 3)
        .collect();
    let high: Vec<usize> = (0..g.roles.len())
        .filter(|&i| generated.roles[row_index(g.roles[i].id)].seniority >= 6)
        .collect();
    let pairs: Vec<(usize, usize)> = (0..50)
        .map(|i| {
            (
                low[(i * 7919) % low.len()],
                high[(i * 104_729) % high.len()],
            )
        })
        .collect();
    let mut ours_p50 = Duration::ZERO;
    for objective in [
        Objective::Balanced,
        Objective::FewestSteps,
        Objective::MostLikely,
    ] {
        let mut incomplete = 0;
        let mut empty = 0;
        let mut samples: Vec<Duration> = pairs
            .iter()
            .map(|&(a, b)| {
                let start = Instant::now();
                let found = find_routes(&g, &query(a, b, objective));
                let took = start.elapsed();
                incomplete += usize::from(!found.complete);
                empty += usize::from(found.routes.is_empty());
                took
            })
            .collect();
        let p50 = report(
            &format!("engine: 5 best routes, {objective:?}"),
            &mut samples,
        );
        println!("    ({incomplete} incomplete, {empty} with no route)");
        if objective == Objective::Balanced {
            ours_p50 = p50;
        }
    }
    let mut ours = Vec::new();
    let mut yen = Vec::new();
    for &(a, b) in pairs.iter().take(5) {
        let start = Instant::now();
        let found = find_routes(&g, &query(a, b, Objective::Balanced));
        ours.push(start.elapsed());
        let start = Instant::now();
        let costs = yen_costs(&g, a, b, Objective::Balanced);
        yen.push(start.elapsed());
        let mine: Vec<u64> = found.routes.iter().map(|r| r.cost).collect();
        assert_eq!(
            mine, costs,
            "A* enumeration and Yen disagree for {a} -> {b}"
        );
    }
    let ours5 = report("engine (same 5 pairs as Yen)", &mut ours);
    let yen5 = report("pathfinding::yen baseline (5 pairs)", &mut yen);
    println!(
        "ratio yen/engine p50 on the same pairs: {:.1}x (engine 50-pair p50 {:.3?})",
        yen5.as_secs_f64() / ours5.as_secs_f64().max(1e-9),
        ours_p50
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (roles, moves) = (
        args.first().copied().unwrap_or(100_000),
        args.get(1).copied().unwrap_or(1_000_000),
    );
    curated().await;
    synthetic(roles, moves);
}
