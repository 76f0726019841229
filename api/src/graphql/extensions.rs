//! Schema extensions that apply to every request.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextRequest,
};
use async_graphql::{Response, Value};

/// Response header (internal: the HTTP layer removes it) marking a request that failed before
/// execution, i.e. did not parse or validate, so the HTTP layer can answer 400.
pub const REQUEST_ERROR_HEADER: &str = "x-graphql-request-error";

/// Gives every error an `extensions.code`: errors raised by async-graphql itself (parse,
/// validation, variable coercion) carry none, so clients could not tell them apart. A value
/// that does not fit its argument's type is BAD_USER_INPUT with `extensions.field`.
pub struct ErrorCodes;

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodesExtension::default())
    }
}

#[derive(Default)]
struct ErrorCodesExtension {
    /// Set once the request reaches execution (it parsed and validated).
    executed: AtomicBool,
}

#[async_graphql::async_trait::async_trait]
impl Extension for ErrorCodesExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        let request_error = !self.executed.load(Ordering::Relaxed) && !response.errors.is_empty();
        if request_error {
            response
                .http_headers
                .insert(REQUEST_ERROR_HEADER, http::HeaderValue::from_static("1"));
        }
        let code = if request_error || response.data == Value::Null {
            "GRAPHQL_VALIDATION_FAILED"
        } else {
            "INTERNAL"
        };
        for error in &mut response.errors {
            // `Invalid value for argument "input.kind", …`: the client sent a bad value.
            let field = error
                .message
                .strip_prefix("Invalid value for argument \"")
                .and_then(|rest| rest.split('"').next())
                .map(str::to_owned);
            let extensions = error.extensions.get_or_insert_with(Default::default);
            if extensions.get("code").is_some() {
                continue;
            }
            match field {
                Some(field) => {
                    extensions.set("code", "BAD_USER_INPUT");
                    extensions.set("field", field);
                }
                None => extensions.set("code", code),
            }
        }
        response
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        self.executed.store(true, Ordering::Relaxed);
        next.run(ctx, operation_name).await
    }
}
