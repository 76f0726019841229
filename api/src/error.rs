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

impl From<std::sync::Arc<sea_orm::DbErr>> for ApiError {
    fn from(e: std::sync::Arc<sea_orm::DbErr>) -> Self {
        if is_unreachable(&e) {
            return Self::Unavailable(anyhow::anyhow!("{e}"));
        }
        Self::Internal(anyhow::anyhow!("{e}"))
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        match self {
            // Log the real cause; the client only sees a generic message.
            Self::Internal(cause) => {
                tracing::error!(error = ?cause, "internal error while resolving a request");
            }
            Self::Unavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable while resolving a request");
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
}
