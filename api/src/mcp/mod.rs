//! Career questions for AI assistants: an MCP server (Model Context Protocol, official Rust SDK
//! `rmcp`) on the same read model as `/graphql`. Each tool runs a GraphQL document against the
//! same schema (`tools`), so there is one implementation of every question; this module turns
//! a tool call into that query (names resolved, limits applied) and its answer into a tool
//! result (sources named, attribution added). `http` mounts it at `/mcp`.

pub mod args;
pub mod json_schema;
pub mod tools;

use std::sync::Arc;
use std::time::Instant;

use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, Variables};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, ErrorData,
    Implementation, JsonObject, ListToolsResult, PaginatedRequestParams, ServerCapabilities,
    ServerConfig, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{RoleServer, ServerHandler};
use serde_json::{Map, Value as Json, json};

use crate::auth::Caller;
use crate::graphql::AppSchema;
use crate::model::ReadModel;
use crate::state::AppState;
use args::ArgumentError;
use json_schema::TypeIndex;
use tools::{TOOLS, ToolSpec};

/// What the server tells an assistant when it connects.
const INSTRUCTIONS: &str = "Career knowledge for US roles: what a role pays (nationally and by \
    state or metro area) and needs, which roles fit a person's skills, the best routes from one \
    role to another and what to learn on the way. Name roles by slug or exact title (find_role \
    turns looser text into a slug). Every figure names its source; pay says whether it is the \
    role's own or its occupation's BLS benchmark, and salary changes are like for like or \
    NOT_COMPARABLE. Results that use O*NET or BLS data carry the attribution to show with them.";

/// One tool, ready: its table entry, its parsed document and its MCP description.
struct Prepared {
    spec: &'static ToolSpec,
    variables: Vec<String>,
    tool: Tool,
}

/// The MCP server: the tools over the GraphQL schema and the app state. Cheap to clone.
#[derive(Clone)]
pub struct CareerTools(Arc<Inner>);

struct Inner {
    schema: AppSchema,
    state: AppState,
    tools: Vec<Prepared>,
}

/// Builds each tool from its document: parsed, and its JSON Schemas derived from `sdl`.
fn prepare(sdl: &str) -> Result<Vec<Prepared>, String> {
    let types = TypeIndex::new(
        async_graphql::parser::parse_schema(sdl).map_err(|e| format!("schema: {e}"))?,
    );
    TOOLS
        .iter()
        .map(|spec| {
            let doc: ExecutableDocument = async_graphql::parser::parse_query(spec.document)
                .map_err(|e| format!("{}: {e}", spec.name))?;
            let input = json_schema::input_schema(&types, &doc, |v| spec.describe(v))
                .map_err(|e| format!("{}: {e}", spec.name))?;
            let mut output = json_schema::output_schema(&types, &doc)
                .map_err(|e| format!("{}: {e}", spec.name))?;
            add_attribution_schema(&mut output);
            let variables = input
                .get("properties")
                .and_then(Json::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            let tool = Tool::new(spec.name, spec.description, Arc::new(input))
                .with_title(spec.title)
                .with_raw_output_schema(Arc::new(output))
                .with_annotations(
                    ToolAnnotations::with_title(spec.title)
                        .read_only(true)
                        .destructive(false)
                        .idempotent(true)
                        .open_world(false),
                );
            Ok(Prepared {
                spec,
                variables,
                tool,
            })
        })
        .collect()
}

fn add_attribution_schema(output: &mut JsonObject) {
    if let Some(Json::Object(properties)) = output.get_mut("properties") {
        properties.insert(
            "attribution".into(),
            json!({
                "type": "array",
                "description": "Attribution that must be shown with this answer: one entry per \
                    licensed source (O*NET, BLS) whose data it uses.",
                "items": {
                    "type": "object",
                    "properties": {
                        "source": { "type": "string", "description": "The source's key." },
                        "title": { "type": "string", "description": "What the source is." },
                        "text": { "type": "string", "description": "The attribution text." }
                    },
                    "required": ["source", "title", "text"]
                }
            }),
        );
    }
}

impl CareerTools {
    /// The tools over `schema` (whose SDL describes them) and `state`.
    pub fn new(schema: AppSchema, state: AppState) -> anyhow::Result<Self> {
        let tools = prepare(&schema.sdl()).map_err(|e| anyhow::anyhow!("MCP tools: {e}"))?;
        Ok(Self(Arc::new(Inner {
            schema,
            state,
            tools,
        })))
    }

    /// Every tool, as `tools/list` gives them.
    pub fn tools(&self) -> Vec<Tool> {
        self.0.tools.iter().map(|p| p.tool.clone()).collect()
    }

    /// Answers one tool call: `Ok` with a result (which may be a tool error the assistant can
    /// act on), `Err` for a tool that does not exist.
    pub async fn call(
        &self,
        name: &str,
        arguments: Option<JsonObject>,
    ) -> Result<CallToolResult, ErrorData> {
        let Some(tool) = self.0.tools.iter().find(|t| t.spec.name == name) else {
            return Err(ErrorData::invalid_params(
                format!("unknown tool `{name}`; tools/list lists them"),
                None,
            ));
        };
        let started = Instant::now();
        let (result, outcome) = self.run(tool, arguments.unwrap_or_default()).await;
        self.0
            .state
            .metrics
            .record_tool_call(name, outcome, started.elapsed());
        Ok(result)
    }

    async fn run(&self, tool: &Prepared, mut args: JsonObject) -> (CallToolResult, &'static str) {
        if let Some(unknown) = args.keys().find(|k| !tool.variables.contains(k)) {
            let message = format!(
                "argument `{unknown}` is not one this tool takes ({})",
                tool.variables.join(", ")
            );
            return (
                refusal("BAD_USER_INPUT", Some(unknown), message, &[]),
                "bad_input",
            );
        }
        let model = self.0.state.store.current();
        if let Err(e) = resolve_names(&model, tool.spec, &mut args).await {
            return (
                refusal("NOT_FOUND", Some(&e.argument), e.message, &e.suggestions),
                "not_found",
            );
        }
        let request = Request::new(tool.spec.document)
            .variables(Variables::from_json(Json::Object(args)))
            .data(Caller::Anonymous)
            .data(model.clone());
        let timeout = self.0.state.config.http.timeout();
        let Ok(response) = tokio::time::timeout(timeout, self.0.schema.execute(request)).await
        else {
            let message = format!(
                "the question took longer than {} s; narrow it (fewer items, fewer routes)",
                timeout.as_secs_f64()
            );
            return (refusal("TIMEOUT", None, message, &[]), "timeout");
        };
        if let Some(error) = response.errors.first() {
            let code = error
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .and_then(|c| c.clone().into_json().ok())
                .and_then(|c| c.as_str().map(str::to_owned))
                .unwrap_or_else(|| "BAD_USER_INPUT".to_owned());
            let outcome = match code.as_str() {
                "NOT_FOUND" => "not_found",
                "INTERNAL" | "UNAVAILABLE" => "internal",
                _ => "bad_input",
            };
            return (refusal(&code, None, error.message.clone(), &[]), outcome);
        }
        match response.data.into_json() {
            Ok(Json::Object(mut data)) => {
                attribute(&model, &mut data);
                (CallToolResult::structured(Json::Object(data)), "ok")
            }
            Ok(_) | Err(_) => {
                tracing::error!(tool = tool.spec.name, "a tool answer is not a JSON object");
                (
                    refusal("INTERNAL", None, "internal error".into(), &[]),
                    "internal",
                )
            }
        }
    }
}

/// Resolves the role and area names of `args` (see [`args`]).
async fn resolve_names(
    model: &ReadModel,
    spec: &ToolSpec,
    args: &mut JsonObject,
) -> Result<(), ArgumentError> {
    for path in spec.roles {
        args::resolve_at(args, path, &|arg, text| args::role(model, arg, text))?;
    }
    if spec.areas.is_empty() {
        return Ok(());
    }
    // Area wages are read apart from the model; without them GraphQL answers the error.
    let Ok(places) = model.places.get().await else {
        return Ok(());
    };
    for path in spec.areas {
        args::resolve_at(args, path, &|arg, text| args::area(&places, arg, text))?;
    }
    Ok(())
}

/// A tool error: the message as text (what an assistant reads) and as structured content with
/// the code, the argument and the suggestions.
fn refusal(
    code: &str,
    argument: Option<&str>,
    message: String,
    suggestions: &[args::Suggestion],
) -> CallToolResult {
    let mut result = CallToolResult::error(vec![ContentBlock::text(format!("{code}: {message}"))]);
    result.structured_content = Some(json!({
        "error": {
            "code": code,
            "argument": argument,
            "message": message,
            "suggestions": suggestions,
        }
    }));
    result
}

/// Adds `attribution` to an answer: the attribution text of every source it cites (any object
/// with a `key`, which only `Source` has) whose licence requires one.
fn attribute(model: &ReadModel, data: &mut Map<String, Json>) {
    let mut keys: Vec<String> = Vec::new();
    data.values().for_each(|v| collect_keys(v, &mut keys));
    let attribution: Vec<Json> = model
        .sources
        .iter()
        .filter(|s| keys.contains(&s.key))
        .filter_map(|s| {
            let text = s.attribution.as_deref()?;
            Some(json!({ "source": s.key, "title": s.title, "text": text }))
        })
        .collect();
    data.insert("attribution".into(), Json::Array(attribution));
}

fn collect_keys(value: &Json, keys: &mut Vec<String>) {
    match value {
        Json::Object(map) => {
            if let Some(Json::String(key)) = map.get("key")
                && !keys.contains(key)
            {
                keys.push(key.clone());
            }
            map.values().for_each(|v| collect_keys(v, keys));
        }
        Json::Array(items) => items.iter().for_each(|v| collect_keys(v, keys)),
        _ => {}
    }
}

impl ServerHandler for CareerTools {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(
                Implementation::new("career-knowledge", env!("CARGO_PKG_VERSION"))
                    .with_title("Career knowledge service"),
            )
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tools()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.0
            .tools
            .iter()
            .find(|t| t.spec.name == name)
            .map(|t| t.tool.clone())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        self.call(&request.name, request.arguments)
            .await
            .map(CallToolResponse::from)
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::types::OperationType;
    use serde_json::Value as Json;

    use super::{TOOLS, prepare};

    #[test]
    fn every_tool_is_a_described_query_over_the_published_schema() {
        let tools = prepare(&crate::graphql::sdl()).expect("every document fits the schema");
        assert_eq!(tools.len(), TOOLS.len());
        for tool in &tools {
            let doc = async_graphql::parser::parse_query(tool.spec.document).expect("parses");
            // Read-only: queries only, never a mutation.
            assert!(
                doc.operations
                    .iter()
                    .all(|(_, op)| op.node.ty == OperationType::Query),
                "{}",
                tool.spec.name
            );
            let input = &tool.tool.input_schema;
            let properties = input["properties"].as_object().expect("properties");
            assert_eq!(properties.len(), tool.variables.len());
            for (name, schema) in properties {
                let description = schema["description"].as_str().unwrap_or_default();
                assert!(description.len() > 10, "{}.{name}", tool.spec.name);
            }
            // Role and area arguments the table names exist in the document.
            for path in tool.spec.roles.iter().chain(tool.spec.areas) {
                let head = path.split('.').next().unwrap_or_default();
                assert!(properties.contains_key(head), "{}: {path}", tool.spec.name);
            }
            let output = tool.tool.output_schema.as_ref().expect("output schema");
            assert!(matches!(
                output["properties"]["attribution"],
                Json::Object(_)
            ));
            assert!(tool.tool.description.as_ref().is_some_and(|d| d.len() > 80));
        }
    }
}
