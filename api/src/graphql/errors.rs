//! Error codes for errors async-graphql raises itself (parse, validation, variable and
//! argument coercion), which carry no `extensions.code`, so clients could tell them apart.
//!
//! Applied by the HTTP layer to each response after execution rather than as a schema
//! extension: any extension makes async-graphql route every field resolution through the
//! extension chain (a registry lookup per field), which cost ~15 % of a role page's CPU.

use async_graphql::{Response, Value};

/// Gives every error of `response` an `extensions.code` and tells whether the request failed
/// before execution (did not parse or validate: no data and no error carries a path), which
/// the HTTP layer answers with 400 for `application/graphql-response+json` clients. A value that
/// does not fit its argument's type is BAD_USER_INPUT with `extensions.field`.
pub fn classify(response: &mut Response) -> bool {
    let request_error = response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
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
    request_error
}

#[cfg(test)]
mod tests {
    use async_graphql::{EmptySubscription, Schema};

    use super::classify;
    use crate::graphql::{MutationRoot, QueryRoot};

    fn schema() -> Schema<QueryRoot, MutationRoot, EmptySubscription> {
        Schema::build(
            QueryRoot::default(),
            MutationRoot::default(),
            EmptySubscription,
        )
        .finish()
    }

    #[tokio::test]
    async fn parse_and_validation_errors_are_request_errors_with_a_code() {
        for doc in ["{ role(", "{ nothing }", "query($x: Int!) { dataVersion }"] {
            let mut response = schema().execute(doc).await;
            assert!(classify(&mut response), "{doc}");
            let code = response.errors[0]
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"));
            assert_eq!(
                code,
                Some(&async_graphql::Value::from("GRAPHQL_VALIDATION_FAILED"))
            );
        }
    }

    #[tokio::test]
    async fn bad_argument_values_name_the_field() {
        let mut response = schema()
            .execute(r#"{ careerRoutes(from: "a", to: "b", optimize: SIDEWAYS) { complete } }"#)
            .await;
        classify(&mut response);
        let ext = response.errors[0].extensions.as_ref().unwrap();
        assert!(ext.get("code").is_some(), "{:?}", response.errors);
    }
}
