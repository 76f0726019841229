//! The one error type of the API. Each variant maps to a client-facing `extensions.code`;
//! internal causes are logged with an id and replaced by a generic message.

use async_graphql::ErrorExtensions;

/// Everything a resolver or service can fail with.
///
/// Deliberately not `Display`: async-graphql converts any `Display` error into a plain
/// message, which would drop `extensions.code`. The only conversion is `From` below.
#[derive(Debug)]
pub enum ApiError {
    /// The named entity does not exist.
    NotFound { entity: &'static str, key: String },
    /// An argument or input field is invalid; `field` names it.
    BadUserInput { field: String, message: String },
    /// The write conflicts with existing data.
    Conflict(String),
    /// No valid token was presented.
    Unauthenticated,
    /// The token may not do this.
    Forbidden,
    /// The database cannot be reached right now (connection refused, lost or pool timed
    /// out); the cause is logged, the client is told to retry.
    Unavailable(anyhow::Error),
    /// Anything else: database, driver or bug. Never shown to clients.
    Internal(anyhow::Error),
}

/// True when `e` says the database could not be reached rather than that a statement failed.
fn is_unreachable(e: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Query(RuntimeErr::SqlxError(inner)) | DbErr::Exec(RuntimeErr::SqlxError(inner)) => {
            matches!(
                inner.as_ref(),
                Sqlx::Io(_)
                    | Sqlx::PoolTimedOut
                    | Sqlx::PoolClosed
                    | Sqlx::Tls(_)
                    | Sqlx::WorkerCrashed
            )
        }
        _ => false,
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        Self::Internal(e)
    }
}

impl ApiError {
    /// Shorthand for [`ApiError::BadUserInput`].
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for [`ApiError::NotFound`].
    pub fn not_found(entity: &'static str, key: impl Into<String>) -> Self {
        Self::NotFound {
            entity,
            key: key.into(),
        }
    }

    /// The client-facing message (internal causes are never included).
    pub fn message(&self) -> String {
        match self {
            Self::NotFound { entity, key } => format!("{entity} `{key}` was not found"),
            Self::BadUserInput { field, message } => format!("invalid `{field}`: {message}"),
            Self::Conflict(message) => message.clone(),
            Self::Unauthenticated => {
                "a valid admin token is required (Authorization: Bearer <token>)".to_owned()
            }
            Self::Forbidden => {
                "this needs an `admin` token; this token's scope (`read`) allows reading only"
                    .to_owned()
            }
            Self::Unavailable(_) => "the database is unavailable; retry shortly".to_owned(),
            Self::Internal(_) => "internal error".to_owned(),
        }
    }

    /// The machine-readable code clients switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "NOT_FOUND",
            Self::BadUserInput { .. } => "BAD_USER_INPUT",
            Self::Conflict(_) => "CONFLICT",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::Unavailable(_) => "UNAVAILABLE",
            Self::Internal(_) => "INTERNAL",
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        // One place turns unique-constraint violations into a client error.
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = e.sql_err() {
            return Self::Conflict("an entry with the same natural key already exists".to_owned());
        }
        if is_unreachable(&e) {
            return Self::Unavailable(anyhow::Error::new(e));
        }
        Self::Internal(anyhow::Error::new(e))
    }
}

/// A shared database error, keeping its source chain for the log.
#[derive(Debug)]
struct SharedDbErr(std::sync::Arc<sea_orm::DbErr>);

impl std::fmt::Display for SharedDbErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for SharedDbErr {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl From<std::sync::Arc<sea_orm::DbErr>> for ApiError {
    fn from(e: std::sync::Arc<sea_orm::DbErr>) -> Self {
        let unreachable = is_unreachable(&e);
        let cause = anyhow::Error::new(SharedDbErr(e));
        if unreachable {
            Self::Unavailable(cause)
        } else {
            Self::Internal(cause)
        }
    }
}

impl From<seed::SeedError> for ApiError {
    /// A dataset that breaks a rule or does not parse is BAD_USER_INPUT naming the bad value
    /// (`dataset.facts[2].moves[0].to`); a database error keeps its own mapping (CONFLICT,
    /// UNAVAILABLE, INTERNAL); a file that cannot be read is INTERNAL.
    fn from(e: seed::SeedError) -> Self {
        use seed::SeedError as E;
        match e {
            E::Rule {
                facts,
                ref record,
                ref field,
                ..
            } => {
                let mut place = String::from("dataset");
                if let Some(i) = facts {
                    place.push_str(&format!(".facts[{i}]"));
                }
                for part in [record, field] {
                    if !part.is_empty() {
                        place.push('.');
                        place.push_str(part);
                    }
                }
                let message = e.to_string();
                // The document's own name is not news to the client: `file: roles[3] …`.
                let message = message
                    .split_once(": ")
                    .map_or(message.clone(), |(_, rest)| rest.to_owned());
                Self::bad_input(place, message)
            }
            E::Json {
                path,
                line,
                column,
                message,
                ..
            } => {
                let field = if path == "." {
                    "dataset".to_owned()
                } else {
                    format!("dataset.{path}")
                };
                let at = if line > 0 {
                    format!(" (line {line}, column {column})")
                } else {
                    String::new()
                };
                Self::bad_input(field, format!("{path}: {message}{at}"))
            }
            E::Invalid { .. } | E::Parse { .. } => Self::bad_input("dataset", e.to_string()),
            E::Database(db) => Self::from(db),
            E::Io { .. } => Self::Internal(anyhow::Error::new(e)),
        }
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        match self {
            // Log the real cause; the client only sees a generic message.
            Self::Internal(cause) => {
                tracing::error!(
                    error = %chain(cause),
                    "internal error while resolving a request"
                );
            }
            Self::Unavailable(cause) => {
                tracing::warn!(
                    error = %chain(cause),
                    "database unavailable while resolving a request"
                );
            }
            _ => {}
        }
        let mut error = async_graphql::Error::new(self.message());
        error = error.extend_with(|_, ext| {
            ext.set("code", self.code());
            if let Self::BadUserInput { field, .. } = self {
                ext.set("field", field.as_str());
            }
        });
        error
    }
}

/// The error and every cause under it, outermost first (`a: b: c`), for the log only.
pub fn chain(e: &anyhow::Error) -> String {
    format!("{e:#}")
}

impl From<ApiError> for async_graphql::Error {
    fn from(e: ApiError) -> Self {
        e.extend()
    }
}

impl From<ApiError> for anyhow::Error {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Internal(cause) | ApiError::Unavailable(cause) => cause,
            other => anyhow::anyhow!(other.message()),
        }
    }
}

/// Result of a GraphQL resolver: errors already carry their `extensions.code`.
pub type GqlResult<T> = async_graphql::Result<T>;

/// Result of a resolver or service call.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
#[allow(clippy::panic)] // a test fails by panicking
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_their_cause() {
        let err = ApiError::from(sea_orm::DbErr::Custom("SELECT secret FROM t".into())).extend();
        assert_eq!(err.message, "internal error");
        let ext = format!("{:?}", err.extensions);
        assert!(ext.contains("INTERNAL") && !ext.contains("secret"), "{ext}");
    }

    #[test]
    fn bad_input_names_the_field() {
        let err = ApiError::bad_input("first", "must be between 1 and 100").extend();
        assert!(err.message.contains("`first`"));
        assert!(format!("{:?}", err.extensions).contains("BAD_USER_INPUT"));
    }

    #[test]
    fn the_log_gets_the_whole_cause_chain_and_the_client_a_generic_message() {
        let inner = std::io::Error::other("disk quota exceeded on /var/lib/pg");
        let cause = anyhow::Error::new(inner)
            .context("writing the audit row")
            .context("committing createRole");
        let logged = chain(&cause);
        assert!(
            logged.contains("committing createRole")
                && logged.contains("writing the audit row")
                && logged.contains("disk quota exceeded"),
            "{logged}"
        );
        let err = ApiError::Internal(cause).extend();
        assert_eq!(err.message, "internal error");
        assert!(!format!("{:?}", err.extensions).contains("quota"));
        // A shared database error keeps its text for the log, not for the client.
        let shared = std::sync::Arc::new(sea_orm::DbErr::Custom("relation t is gone".into()));
        let ApiError::Internal(cause) = ApiError::from(shared) else {
            panic!("expected INTERNAL");
        };
        assert!(chain(&cause).contains("relation t is gone"));
    }

    fn rule(facts: Option<usize>, record: &str, field: &str) -> seed::SeedError {
        seed::SeedError::Rule {
            file: "dataset#facts[1]".into(),
            facts,
            record: record.into(),
            key: Some("ceo".into()),
            field: field.into(),
            message: "1.5 is outside 0–1".into(),
        }
    }

    #[test]
    fn seed_errors_map_to_codes_and_name_the_bad_value() {
        let cases = [
            (
                rule(Some(1), "moves[0]", "likelihood"),
                "BAD_USER_INPUT",
                Some("dataset.facts[1].moves[0].likelihood"),
            ),
            (
                rule(None, "roles[3]", "slug"),
                "BAD_USER_INPUT",
                Some("dataset.roles[3].slug"),
            ),
            (
                rule(Some(2), "", "source"),
                "BAD_USER_INPUT",
                Some("dataset.facts[2].source"),
            ),
            (
                seed::SeedError::Json {
                    file: "dataset".into(),
                    path: "sources[0].kind".into(),
                    line: 3,
                    column: 9,
                    message: "unknown variant `rumour`".into(),
                },
                "BAD_USER_INPUT",
                Some("dataset.sources[0].kind"),
            ),
            (
                seed::SeedError::Json {
                    file: "dataset".into(),
                    path: ".".into(),
                    line: 0,
                    column: 0,
                    message: "unknown field `rolez`".into(),
                },
                "BAD_USER_INPUT",
                Some("dataset"),
            ),
            (
                seed::SeedError::Io {
                    path: "x".into(),
                    source: std::io::Error::other("gone"),
                },
                "INTERNAL",
                None,
            ),
            (
                seed::SeedError::Database(sea_orm::DbErr::Custom("boom".into())),
                "INTERNAL",
                None,
            ),
        ];
        for (seed_error, code, field) in cases {
            let text = seed_error.to_string();
            let api = ApiError::from(seed_error);
            assert_eq!(api.code(), code, "{text}");
            match (&api, field) {
                (ApiError::BadUserInput { field: f, message }, Some(field)) => {
                    assert_eq!(f, field);
                    assert!(!message.starts_with("dataset#"), "{message}");
                }
                (_, None) => {}
                (other, Some(_)) => panic!("{text}: expected BAD_USER_INPUT, got {other:?}"),
            }
        }
        let ApiError::BadUserInput { message, .. } =
            ApiError::from(rule(Some(1), "moves[0]", "likelihood"))
        else {
            panic!("expected BAD_USER_INPUT");
        };
        assert_eq!(
            message,
            "moves[0] (ceo): field `likelihood`: 1.5 is outside 0–1"
        );
    }
}
