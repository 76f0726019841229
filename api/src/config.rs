//! Service configuration from flags and `APP_`-free environment variables (see `.env.example`),
//! grouped per subsystem. Each default is written once, in its `#[arg]` attribute;
//! [`Config::default`] reads them back from clap with every environment variable ignored.

use std::time::Duration;

use clap::{ArgAction, Args, FromArgMatches, Parser, ValueEnum};

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
    #[command(flatten)]
    pub server: ServerConfig,
    #[command(flatten)]
    pub database: DatabaseConfig,
    #[command(flatten)]
    pub data: DataLoading,
    #[command(flatten)]
    pub auth: AuthConfig,
    #[command(flatten)]
    pub http: HttpLimits,
    #[command(flatten)]
    pub query: QueryLimits,
    #[command(flatten)]
    pub rate_limit: RateLimitConfig,
    #[command(flatten)]
    pub cache: CacheConfig,
    #[command(flatten)]
    pub mcp: McpConfig,
    #[command(flatten)]
    pub log: LogConfig,
}

/// The HTTP listener and its shutdown.
#[derive(Clone, Debug, Args)]
pub struct ServerConfig {
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0 picks a free port).
    #[arg(long, env = "PORT", default_value_t = 8000)]
    pub port: u16,
    /// On SIGTERM/SIGINT, how long in-flight requests may take before the process exits.
    #[arg(long, env = "SHUTDOWN_TIMEOUT_SECS", default_value_t = 30)]
    pub shutdown_timeout_secs: u64,
}

/// The database and its connection pool.
#[derive(Clone, Debug, Args)]
pub struct DatabaseConfig {
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
    /// How long to keep retrying (with backoff) when the database is unreachable at start.
    #[arg(long, env = "DATABASE_CONNECT_TIMEOUT_SECS", default_value_t = 60)]
    pub database_connect_timeout_secs: u64,
}

impl DatabaseConfig {
    /// An in-memory SQLite database, which each pooled connection would see empty on its own.
    pub fn is_in_memory(&self) -> bool {
        self.database_url.contains(":memory:") || self.database_url.contains("mode=memory")
    }
}

/// What is loaded into the database on start.
#[derive(Clone, Debug, Args)]
pub struct DataLoading {
    /// Load the built-in curated dataset when the database has no roles.
    #[arg(long, env = "SEED_ON_START", default_value_t = true, action = ArgAction::Set)]
    pub seed_on_start: bool,
    /// Also import the shipped O*NET 29.3, BLS OEWS 2024 (national) and BLS OEWS May 2025 (by
    /// area) data on start when not yet imported (the first start of a new database; later
    /// starts reuse it). `false`: the curated dataset only.
    #[arg(long, env = "IMPORT_ONET_ON_START", default_value_t = true, action = ArgAction::Set)]
    pub import_onet_on_start: bool,
}

/// Who may call the admin API.
#[derive(Clone, Debug, Args)]
pub struct AuthConfig {
    /// Admin tokens as `id:scope:sha256hex` entries, comma-separated (scope `admin` or `read`);
    /// mint one with `cargo run -p seed -- mint-token --id NAME`.
    #[arg(long, env = "ADMIN_TOKENS", default_value = "", hide_env_values = true)]
    pub admin_tokens: String,
}

/// Limits on what one HTTP request may carry and take.
#[derive(Clone, Debug, Args)]
pub struct HttpLimits {
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
}

impl HttpLimits {
    /// Longest a query may run before it is answered with a TIMEOUT error.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.request_timeout_ms)
    }

    /// The same for mutations, which are admin-only and may import whole datasets: a timed-out
    /// mutation is rolled back, so this is set long enough not to cut legitimate imports.
    pub fn mutation_timeout(&self) -> Duration {
        Duration::from_millis(self.mutation_timeout_ms)
    }
}

/// Limits the GraphQL schema applies when it validates a document.
#[derive(Clone, Debug, Args)]
pub struct QueryLimits {
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
    #[arg(long, env = "INTROSPECTION", default_value_t = true, action = ArgAction::Set)]
    pub introspection: bool,
    /// Suggest field names in validation errors ("did you mean …").
    #[arg(long, env = "FIELD_SUGGESTIONS", default_value_t = true, action = ArgAction::Set)]
    pub field_suggestions: bool,
}

/// Per-client-IP rate limiting of `/graphql` and `/mcp`.
#[derive(Clone, Debug, Args)]
pub struct RateLimitConfig {
    /// Requests per minute per client IP on /graphql and /mcp (0: no limit).
    #[arg(long, env = "RATE_LIMIT_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_minute: u32,
    /// Also rate-limit loopback clients (127.0.0.1, ::1), which are exempt by default.
    #[arg(long, env = "RATE_LIMIT_LOOPBACK", default_value_t = false, action = ArgAction::Set)]
    pub rate_limit_loopback: bool,
}

/// The in-memory response cache.
#[derive(Clone, Debug, Args)]
pub struct CacheConfig {
    /// Size of the in-memory response cache in MB (0 turns it off). Entries are per data
    /// version, so a cached answer is never stale.
    #[arg(long, env = "RESPONSE_CACHE_MB", default_value_t = 64)]
    pub response_cache_mb: usize,
}

/// The MCP endpoint (`/mcp`).
#[derive(Clone, Debug, Args)]
pub struct McpConfig {
    /// Host names (or `host:port`) `/mcp` answers to, comma-separated; other `Host` headers are
    /// refused (403), which keeps a web page from reaching a local service by DNS rebinding.
    /// List the public host name when the service is deployed; `*` accepts any host.
    #[arg(
        long,
        env = "MCP_ALLOWED_HOSTS",
        default_value = "localhost,127.0.0.1,::1"
    )]
    pub mcp_allowed_hosts: String,
}

impl McpConfig {
    /// The allowed hosts; empty when any host is accepted.
    pub fn allowed_hosts(&self) -> Vec<String> {
        let hosts: Vec<String> = self
            .mcp_allowed_hosts
            .split(',')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(str::to_owned)
            .collect();
        if hosts.iter().any(|h| h == "*") {
            Vec::new()
        } else {
            hosts
        }
    }
}

/// Log output.
#[derive(Clone, Debug, Args)]
pub struct LogConfig {
    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
}

/// `T` as parsed from no flags with every environment variable ignored: the defaults written in
/// its `#[arg]` attributes. Exits like [`Parser::parse`] would if one of them did not parse.
fn defaults<T: Args + FromArgMatches>() -> T {
    let command = T::augment_args(clap::Command::new("defaults").no_binary_name(true))
        .mut_args(|arg| arg.env(clap::builder::Resettable::Reset));
    command
        .try_get_matches_from(std::iter::empty::<String>())
        .and_then(|matches| T::from_arg_matches(&matches))
        .unwrap_or_else(|e| e.exit())
}

/// `Default` for configuration groups: the defaults of their `#[arg]` attributes.
macro_rules! defaults_from_flags {
    ($($group:ty),+) => {$(
        impl Default for $group {
            fn default() -> Self {
                defaults()
            }
        }
    )+};
}

defaults_from_flags!(
    Config,
    ServerConfig,
    DatabaseConfig,
    DataLoading,
    AuthConfig,
    HttpLimits,
    QueryLimits,
    RateLimitConfig,
    CacheConfig,
    McpConfig,
    LogConfig
);

impl Config {
    /// Configuration for tests and embedding: the defaults, except a free port and a smaller
    /// pool that gives up sooner on the given database.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        let mut config = Self::default();
        config.server.port = 0;
        // Tests load what they need: the curated dataset, and O*NET only where they ask.
        config.data.import_onet_on_start = false;
        config.database = DatabaseConfig {
            database_url: database_url.into(),
            database_max_connections: 5,
            database_connect_timeout_secs: 5,
        };
        config
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::{Config, LogFormat};

    #[test]
    fn defaults_are_the_ones_written_on_the_flags() {
        let config = Config::default();
        assert_eq!(
            (config.server.host.as_str(), config.server.port),
            ("127.0.0.1", 8000)
        );
        assert_eq!(config.database.database_url, "sqlite://career.db?mode=rwc");
        assert_eq!(config.database.database_max_connections, 10);
        assert_eq!(config.database.database_connect_timeout_secs, 60);
        assert!(config.data.seed_on_start && config.data.import_onet_on_start);
        assert_eq!(config.http.max_body_bytes, 1024 * 1024);
        assert_eq!(config.query.query_max_depth, 15);
        assert!(config.query.introspection && config.query.field_suggestions);
        assert_eq!(config.rate_limit.rate_limit_per_minute, 600);
        assert_eq!(config.cache.response_cache_mb, 64);
        assert_eq!(config.log.log_format, LogFormat::Pretty);
    }

    #[test]
    fn for_database_differs_from_the_defaults_only_in_port_pool_and_import() {
        let config = Config::for_database("sqlite::memory:");
        assert!(config.data.seed_on_start && !config.data.import_onet_on_start);
        assert_eq!(config.server.port, 0);
        assert_eq!(config.database.database_url, "sqlite::memory:");
        assert_eq!(config.database.database_max_connections, 5);
        assert_eq!(config.database.database_connect_timeout_secs, 5);
        assert_eq!(config.http.max_batch, Config::default().http.max_batch);
    }

    #[test]
    fn flag_and_environment_names_are_unchanged_by_the_grouping() {
        let command = Config::command();
        let names: Vec<(String, String)> = command
            .get_arguments()
            .filter_map(|arg| {
                let env = arg.get_env()?.to_str()?.to_owned();
                Some((arg.get_long()?.to_owned(), env))
            })
            .collect();
        let expected = [
            "host",
            "port",
            "shutdown-timeout-secs",
            "database-url",
            "database-max-connections",
            "database-connect-timeout-secs",
            "seed-on-start",
            "import-onet-on-start",
            "admin-tokens",
            "max-body-bytes",
            "max-upload-bytes",
            "max-batch",
            "request-timeout-ms",
            "mutation-timeout-ms",
            "query-max-depth",
            "query-max-complexity",
            "query-max-recursion",
            "query-max-directives",
            "introspection",
            "field-suggestions",
            "rate-limit-per-minute",
            "rate-limit-loopback",
            "response-cache-mb",
            "mcp-allowed-hosts",
            "log-format",
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|long| (long.to_string(), long.replace('-', "_").to_uppercase()))
            .collect();
        assert_eq!(names, expected);
    }
}
