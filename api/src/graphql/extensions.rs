//! Schema extensions that apply to every request.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextRequest};
use async_graphql::{Response, Value};

/// Gives every error an `extensions.code`: errors raised by async-graphql itself (parse,
/// validation, variable coercion) carry none, so clients could not tell them apart. A value
/// that does not fit its argument's type is BAD_USER_INPUT with `extensions.field`.
pub struct ErrorCodes;

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodesExtension)
    }
}

struct ErrorCodesExtension;

#[async_graphql::async_trait::async_trait]
impl Extension for ErrorCodesExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        // No data at all: the request failed before execution (parse or validation).
        let code = if response.data == Value::Null {
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
}
