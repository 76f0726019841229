//! `seed` CLI: validate and load a dataset, or import O*NET and BLS data, into any database URL.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};
use sea_orm::Database;
use seed::onet::ImportPaths;
use seed::{Dataset, LoadOptions};

/// Load a career dataset (default: the built-in curated dataset) into a database.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// Database URL (sqlite://file.db?mode=rwc or postgres://user@host/db).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://career.db?mode=rwc",
        global = true
    )]
    database_url: String,
    /// Do not apply pending migrations first.
    #[arg(long, global = true)]
    no_migrate: bool,
    /// Dataset directory (catalog.json + facts/*.json); the built-in dataset when omitted.
    dataset: Option<PathBuf>,
    /// Validate only: report the first problem, write nothing.
    #[arg(long)]
    check: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Import O*NET 29.3 and BLS OEWS May 2024 (default: the copies shipped in seed/data).
    Import {
        /// Directory of the O*NET TSV files (plain or .gz).
        #[arg(long)]
        onet: Option<PathBuf>,
        /// BLS national CSV (plain or .gz).
        #[arg(long)]
        bls: Option<PathBuf>,
        /// Skip BLS wages.
        #[arg(long)]
        no_bls: bool,
    },
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.check && cli.command.is_none() {
        let dataset = match &cli.dataset {
            Some(dir) => Dataset::from_dir(dir)?,
            None => Dataset::curated()?,
        };
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
    let started = Instant::now();
    match cli.command {
        Some(Command::Import { onet, bls, no_bls }) => {
            let shipped = ImportPaths::shipped();
            let paths = ImportPaths {
                onet_dir: onet.unwrap_or(shipped.onet_dir),
                bls_file: if no_bls {
                    None
                } else {
                    bls.or(shipped.bls_file)
                },
            };
            let report = seed::onet::import(&db, &paths, true).await?;
            print!("{report}");
        }
        None => {
            let dataset = match &cli.dataset {
                Some(dir) => Dataset::from_dir(dir)?,
                None => Dataset::curated()?,
            };
            let report = seed::load(&db, &dataset, LoadOptions { progress: true }).await?;
            print!("{report}");
        }
    }
    println!("done in {:.1?}", started.elapsed());
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
