//! Planning benchmark. Run: `cargo run --release -p bench --bin planning`
//!
//! Loads the curated dataset plus the shipped O*NET 29.3 + BLS data into a fresh SQLite file,
//! builds the read model, then times the similarity build (all role pairs), `matchRoles` and
//! `learnNext` with a goal (the use cases the resolvers call, on the full graph), and prints
//! the distribution of role-to-role similarity the thresholds are set from.

use std::time::{Duration, Instant};

use api::career::similarity::{self, Similarity};
use api::service::planning::{self, MatchConditions, ProfileRequest, SkillClaim};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common.rs"]
mod common;

fn summary(name: &str, samples: &mut [Duration]) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{name:<52} n={:<5} p50={:>10.3?} p95={:>10.3?} max={:>10.3?}",
        samples.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

fn claims(list: &[(&str, Option<f64>)]) -> Vec<SkillClaim> {
    list.iter()
        .map(|&(skill, level)| SkillClaim {
            skill: skill.to_owned(),
            level,
        })
        .collect()
}

/// A web developer's skills, as a person would state them.
pub fn web_developer() -> ProfileRequest {
    ProfileRequest {
        skills: claims(&[
            ("programming", Some(4.5)),
            ("computers-and-electronics", Some(5.0)),
            ("technology-design", Some(4.0)),
            ("complex-problem-solving", Some(4.0)),
            ("critical-thinking", Some(4.0)),
            ("reading-comprehension", Some(4.0)),
            ("design", Some(3.5)),
            ("active-learning", Some(3.5)),
            ("judgment-and-decision-making", Some(3.5)),
            ("systems-analysis", Some(3.5)),
            ("operations-analysis", Some(3.0)),
            ("communications-and-media", Some(3.0)),
        ]),
        ..ProfileRequest::default()
    }
}

/// A registered nurse's skills.
pub fn nurse() -> ProfileRequest {
    ProfileRequest {
        skills: claims(&[
            ("medicine-and-dentistry", Some(5.0)),
            ("biology", Some(4.0)),
            ("psychology", Some(4.0)),
            ("therapy-and-counseling", Some(4.0)),
            ("service-orientation", Some(4.5)),
            ("social-perceptiveness", Some(4.5)),
            ("active-listening", Some(4.5)),
            ("monitoring", Some(4.5)),
            ("coordination", Some(4.0)),
            ("customer-and-personal-service", Some(4.5)),
            ("critical-thinking", Some(4.0)),
            ("speaking", Some(4.0)),
        ]),
        ..ProfileRequest::default()
    }
}

#[tokio::main]
async fn main() {
    let path = std::env::temp_dir().join(format!("bench-planning-{}.db", std::process::id()));
    let db = common::with_onet(&format!("sqlite://{}?mode=rwc", path.display())).await;
    let mut builds = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        std::hint::black_box(api::model::load(&db, None).await.expect("model"));
        builds.push(start.elapsed());
    }
    summary(
        "whole read model build, SQLite (similarity included)",
        &mut builds,
    );
    let m = api::model::load(&db, None).await.expect("model");
    db.close().await.ok();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let g = &m.graph;
    let n = g.roles.len();
    println!("== {n} roles, {} moves (stored + computed)", g.edges.len());

    let mut samples = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let s = Similarity::build(&g.roles);
        samples.push(start.elapsed());
        std::hint::black_box(s);
    }
    summary("similarity build (all pairs, top 30 kept)", &mut samples);

    // Distribution of off-diagonal similarity over roles that need something.
    let matrix = similarity::matrix(&g.roles, &g.similarity.needs, &g.similarity.mean_level);
    let with_needs: Vec<usize> = (0..n)
        .filter(|&r| g.similarity.needs[r].total > 0.0)
        .collect();
    let mut values: Vec<f32> = Vec::with_capacity(with_needs.len() * with_needs.len());
    for &a in &with_needs {
        for &b in &with_needs {
            if a != b {
                values.push(matrix[a * n + b]);
            }
        }
    }
    values.sort_by(f32::total_cmp);
    let q = |p: f64| values[((values.len() - 1) as f64 * p) as usize];
    println!(
        "similarity of {} ordered pairs: p10 {:.3} p25 {:.3} p50 {:.3} p60 {:.3} p75 {:.3} p90 {:.3} p95 {:.3} p99 {:.3}",
        values.len(),
        q(0.10),
        q(0.25),
        q(0.50),
        q(0.60),
        q(0.75),
        q(0.90),
        q(0.95),
        q(0.99)
    );
    for t in [similarity::VIABLE, similarity::HIGHLY_VIABLE] {
        let above = values.iter().filter(|v| f64::from(**v) >= t).count();
        println!(
            "  ≥ {t:.2}: {:.1}% of pairs ({:.0} roles per role)",
            100.0 * above as f64 / values.len() as f64,
            above as f64 / with_needs.len() as f64
        );
    }

    for (name, profile) in [("web developer", web_developer()), ("nurse", nurse())] {
        let (_, fits) =
            planning::match_roles(&m, &profile, 8, &MatchConditions::default()).expect("match");
        println!("top matches for a {name}:");
        for f in &fits {
            println!("  {:.3} {}", f.score, g.roles[f.role].title);
        }
    }

    // Through the GraphQL schema (resolvers, breakdown, summary; no HTTP).
    let model = std::sync::Arc::new(m);
    let m = &*model;
    let schema = async_graphql::Schema::build(
        api::graphql::QueryRoot::default(),
        api::graphql::MutationRoot::default(),
        async_graphql::EmptySubscription,
    )
    .finish();
    let query = r#"query($p: ProfileInput!) { matchRoles(profile: $p, first: 10) {
        rank score role { slug title } summary gates { viable highlyViable jobZone pay }
        matchedSkills { skill { slug } have need coverage } missingSkills { skill { slug } levelNeeded }
        strengths { skill { slug } } jobZoneGap payChange { amount } } }"#;
    let vars = serde_json::json!({ "p": { "currentRole": "web-developers", "skills": [
        { "skill": "programming", "level": 4.5 }, { "skill": "computers-and-electronics", "level": 5 },
        { "skill": "technology-design", "level": 4 }, { "skill": "complex-problem-solving", "level": 4 },
        { "skill": "critical-thinking", "level": 4 }, { "skill": "reading-comprehension", "level": 4 },
        { "skill": "design", "level": 3.5 }, { "skill": "active-learning", "level": 3.5 },
        { "skill": "judgment-and-decision-making", "level": 3.5 }, { "skill": "systems-analysis", "level": 3.5 },
        { "skill": "operations-analysis", "level": 3 }, { "skill": "communications-and-media", "level": 3 } ] } });
    let request = || {
        async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(vars.clone()))
            .data(model.clone())
    };
    let first = schema.execute(request()).await;
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let json = first.data.into_json().expect("json");
    println!(
        "e.g. summary: {}",
        json["matchRoles"][1]["summary"].as_str().unwrap_or("")
    );
    let mut samples = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        let response = schema.execute(request()).await;
        samples.push(start.elapsed());
        std::hint::black_box(response);
    }
    summary(
        "matchRoles through the schema, full breakdown",
        &mut samples,
    );

    let conditions = MatchConditions::default();
    let profile = web_developer();
    let mut samples = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        let found = planning::match_roles(m, &profile, 10, &conditions).expect("match");
        samples.push(start.elapsed());
        std::hint::black_box(found);
    }
    summary("matchRoles, 12 skills, first 10 (full graph)", &mut samples);

    let mut with_current = web_developer();
    with_current.current_role = Some("web-developers".to_owned());
    let goal = Some("computer-and-information-systems-managers");
    let (_, lessons) = planning::learn_next(m, &with_current, goal, 5).expect("learn");
    println!("learnNext for a web developer toward IS manager:");
    for l in &lessons {
        let name = m
            .skill_index_of_id(l.skill_id)
            .map_or("?", |i| m.skills[i].name.as_str());
        println!(
            "  {name}: goal +{:.3}, unlocks {}, total +{:.3}",
            l.goal_progress,
            l.unlocks.len(),
            l.total_gain
        );
    }
    let mut samples = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        let found = planning::learn_next(m, &with_current, goal, 10).expect("learn");
        samples.push(start.elapsed());
        std::hint::black_box(found);
    }
    summary(
        "learnNext with a goal (routes + gains), first 10",
        &mut samples,
    );
    let mut samples = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        let found = planning::learn_next(m, &profile, None, 10).expect("learn");
        samples.push(start.elapsed());
        std::hint::black_box(found);
    }
    summary("learnNext without a goal, first 10", &mut samples);
}
