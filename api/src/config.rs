//! Service configuration from flags and `APP_`-free environment variables (see `.env.example`).

use clap::{Parser, ValueEnum};

/// Log output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable, for development.
    Pretty,
    /// One JSON object per line, for production log shipping.
    Json,
}

/// Career knowledge service.
#[derive(Clone, Debug, Parser)]
#[command(version, about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0 picks a free port).
    #[arg(long, env = "PORT", default_value_t = 8000)]
    pub port: u16,
    /// Database URL: `sqlite://career.db?mode=rwc` (default, embedded) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://career.db?mode=rwc"
    )]
    pub database_url: String,
    /// Maximum pooled database connections.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 10)]
    pub database_max_connections: u32,
    /// Load the built-in curated dataset when the database has no roles.
    #[arg(long, env = "SEED_ON_START", default_value_t = true, action = clap::ArgAction::Set)]
    pub seed_on_start: bool,
    /// Also import the shipped O*NET 29.3 and BLS OEWS 2024 data on start when not yet imported.
    #[arg(long, env = "IMPORT_ONET_ON_START", default_value_t = false, action = clap::ArgAction::Set)]
    pub import_onet_on_start: bool,
    /// Admin tokens as `id:scope:sha256hex` entries, comma-separated (scope `admin` or `read`);
    /// mint one with `cargo run -p seed -- mint-token --id NAME`.
    #[arg(long, env = "ADMIN_TOKENS", default_value = "", hide_env_values = true)]
    pub admin_tokens: String,
    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
    /// Largest accepted request body in bytes (larger: 413).
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Largest multipart upload (dataset import) accepted from an admin token, in bytes.
    #[arg(long, env = "MAX_UPLOAD_BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_upload_bytes: usize,
    /// Most operations in one batched request (a JSON array); 0 turns batching off.
    #[arg(long, env = "MAX_BATCH", default_value_t = 10)]
    pub max_batch: usize,
    /// Per-request time limit in milliseconds (then 503 with code TIMEOUT).
    #[arg(long, env = "REQUEST_TIMEOUT_MS", default_value_t = 10_000)]
    pub request_timeout_ms: u64,
    /// Time limit of a mutation in milliseconds (admin writes and dataset imports; rolled back
    /// when exceeded).
    #[arg(long, env = "MUTATION_TIMEOUT_MS", default_value_t = 300_000)]
    pub mutation_timeout_ms: u64,
    /// Deepest accepted query nesting.
    #[arg(long, env = "QUERY_MAX_DEPTH", default_value_t = 15)]
    pub query_max_depth: usize,
    /// Highest accepted query complexity (each field 1; lists scaled by `first`; aliases count).
    #[arg(long, env = "QUERY_MAX_COMPLEXITY", default_value_t = 20_000)]
    pub query_max_complexity: usize,
    /// Deepest accepted recursion while parsing (fragments, nested lists and objects).
    #[arg(long, env = "QUERY_MAX_RECURSION", default_value_t = 32)]
    pub query_max_recursion: usize,
    /// Most directives on one field or fragment.
    #[arg(long, env = "QUERY_MAX_DIRECTIVES", default_value_t = 10)]
    pub query_max_directives: usize,
    /// Answer introspection queries (turn off for private deployments).
    #[arg(long, env = "INTROSPECTION", default_value_t = true, action = clap::ArgAction::Set)]
    pub introspection: bool,
    /// Suggest field names in validation errors ("did you mean …").
    #[arg(long, env = "FIELD_SUGGESTIONS", default_value_t = true, action = clap::ArgAction::Set)]
    pub field_suggestions: bool,
    /// Requests per minute per client IP on /graphql (0: no limit).
    #[arg(long, env = "RATE_LIMIT_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_minute: u32,
    /// Also rate-limit loopback clients (127.0.0.1, ::1), which are exempt by default.
    #[arg(long, env = "RATE_LIMIT_LOOPBACK", default_value_t = false, action = clap::ArgAction::Set)]
    pub rate_limit_loopback: bool,
    /// On SIGTERM/SIGINT, how long in-flight requests may take before the process exits.
    #[arg(long, env = "SHUTDOWN_TIMEOUT_SECS", default_value_t = 30)]
    pub shutdown_timeout_secs: u64,
    /// Size of the in-memory response cache in MB (0 turns it off). Entries are per data
    /// version, so a cached answer is never stale.
    #[arg(long, env = "RESPONSE_CACHE_MB", default_value_t = 64)]
    pub response_cache_mb: usize,
    /// How long to keep retrying (with backoff) when the database is unreachable at start.
    #[arg(long, env = "DATABASE_CONNECT_TIMEOUT_SECS", default_value_t = 60)]
    pub database_connect_timeout_secs: u64,
}

impl Config {
    /// Configuration for tests and embedding: defaults, a free port, the given database.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 0,
            database_url: database_url.into(),
            database_max_connections: 5,
            seed_on_start: true,
            import_onet_on_start: false,
            admin_tokens: String::new(),
            log_format: LogFormat::Pretty,
            max_body_bytes: 1024 * 1024,
            max_upload_bytes: 64 * 1024 * 1024,
            max_batch: 10,
            request_timeout_ms: 10_000,
            mutation_timeout_ms: 300_000,
            query_max_depth: 15,
            query_max_complexity: 20_000,
            query_max_recursion: 32,
            query_max_directives: 10,
            introspection: true,
            field_suggestions: true,
            rate_limit_per_minute: 600,
            rate_limit_loopback: false,
            shutdown_timeout_secs: 30,
            response_cache_mb: 64,
            database_connect_timeout_secs: 5,
        }
    }
}
