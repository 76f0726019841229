//! Heap used by the read model at O*NET size. Run: `cargo run --release -p bench --bin heap`
//!
//! Loads the curated dataset plus O*NET 29.3 + BLS into a fresh SQLite file, then builds the
//! read model under dhat's heap profiler and reports the bytes the model keeps alive and the
//! peak while building it (the resident size of the service is this plus the runtime's own
//! ~45 MB and the allocator's retained pages).

#[path = "common.rs"]
mod common;

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// Megabytes.
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// Prints what was live after a build (`before` → now) and the peak while building.
fn report(label: &str, before: &dhat::HeapStats, counts: String) {
    let after = dhat::HeapStats::get();
    println!(
        "{label}: {:.1} MB live after the build ({counts}); peak while building {:.1} MB above the start",
        mb(after.curr_bytes.saturating_sub(before.curr_bytes) as u64),
        mb(after.max_bytes.saturating_sub(before.curr_bytes) as u64),
    );
}

/// The same with the shipped BLS May 2025 by-area wages added: what they add to the model.
async fn area_wages_heap(db: &sea_orm::DatabaseConnection) {
    let before = dhat::HeapStats::get();
    let model = api::model::load(db, None).await.expect("build");
    let places = model.places.get().await.expect("area wages");
    let counts = format!(
        "{} areas, {} area wages",
        places.areas.len(),
        places.wages.len()
    );
    report("with BLS May 2025 by area", &before, counts);
}

/// Heap freed by dropping each part of the model in turn: where the kept bytes are.
fn parts(mut model: api::model::ReadModel) {
    fn freed(label: &str, f: impl FnOnce()) {
        let before = dhat::HeapStats::get().curr_bytes;
        f();
        let after = dhat::HeapStats::get().curr_bytes;
        println!(
            "  {label:<28} {:6.1} MB",
            mb(before.saturating_sub(after) as u64)
        );
    }
    macro_rules! facts {
        ($($field:ident),*) => {$(
            freed(concat!("facts.", stringify!($field)), || {
                for f in &mut model.facts {
                    drop(std::mem::take(&mut f.$field));
                }
            });
        )*};
    }
    facts!(
        profiles,
        demographics,
        skills,
        certifications,
        duties,
        education,
        attributes,
        regional_wages,
        aliases,
        technologies,
        statements,
        moves_out,
        moves_in,
        related,
        comparisons,
        compared_with,
        sources
    );
    freed("graph.text", || drop(std::mem::take(&mut model.graph.text)));
    freed("graph.similarity", || {
        drop(std::mem::take(&mut model.graph.similarity))
    });
    freed("graph.roles", || {
        drop(std::mem::take(&mut model.graph.roles))
    });
    freed("graph.edges+out+inc", || {
        drop(std::mem::take(&mut model.graph.edges));
        drop(std::mem::take(&mut model.graph.out));
        drop(std::mem::take(&mut model.graph.inc));
    });
    freed("moves", || drop(std::mem::take(&mut model.moves)));
    freed("skills+links", || {
        drop(std::mem::take(&mut model.skills));
        drop(std::mem::take(&mut model.skill_links));
    });
    freed("roles", || drop(std::mem::take(&mut model.roles)));
    freed("facts (rest)", || drop(std::mem::take(&mut model.facts)));
    freed("rest of the model", || drop(model));
}

#[tokio::main]
async fn main() {
    let path = std::env::temp_dir().join(format!("bench-heap-{}.db", std::process::id()));
    let db = common::with_onet(&format!("sqlite://{}?mode=rwc", path.display())).await;
    // Imported before profiling starts: dhat's peak is global, so an import's own peak would
    // otherwise show as the model's. The first build below does not read the area wages (they
    // fill their slot only when asked, see `model::place`).
    seed::onet::import_areas(&db, &seed::onet::AreaPaths::shipped(), false)
        .await
        .expect("import areas");
    let _profiler = dhat::Profiler::builder().testing().build();
    let before = dhat::HeapStats::get();
    let model = api::model::load(&db, None).await.expect("build");
    let counts = format!("{} roles, {} moves", model.roles.len(), model.moves.len());
    report("read model", &before, counts);
    parts(model);
    area_wages_heap(&db).await;
    db.close().await.ok();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
