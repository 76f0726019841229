//! `seed` CLI: validate and load a dataset into any database URL.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use migration::{Migrator, MigratorTrait};
use sea_orm::Database;
use seed::{Dataset, LoadOptions};

/// Load a career dataset (default: the built-in curated dataset) into a database.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// Database URL (sqlite://file.db?mode=rwc or postgres://user@host/db).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://career.db?mode=rwc"
    )]
    database_url: String,
    /// Dataset directory (catalog.json + facts/*.json); the built-in dataset when omitted.
    dataset: Option<PathBuf>,
    /// Validate only: report the first problem, write nothing.
    #[arg(long)]
    check: bool,
    /// Do not apply pending migrations before loading.
    #[arg(long)]
    no_migrate: bool,
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let dataset = match &cli.dataset {
        Some(dir) => Dataset::from_dir(dir)?,
        None => Dataset::curated()?,
    };
    if cli.check {
        seed::validate(&dataset)?;
        println!(
            "dataset is valid: {} roles, {} fact files",
            dataset.roles.len(),
            dataset.facts.len()
        );
        return Ok(());
    }
    let db = Database::connect(&cli.database_url).await?;
    if !cli.no_migrate {
        Migrator::up(&db, None).await?;
    }
    let report = seed::load(&db, &dataset, LoadOptions { progress: true }).await?;
    print!("{report}");
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
