//! JSON Schemas of the MCP tools, derived from the GraphQL schema: a tool's input schema from
//! its document's variables (and the input types they use), its output schema from the fields
//! the document selects. Field descriptions are the schema's own `///` docs, so a tool's schema
//! cannot drift from the answers GraphQL gives.

use std::collections::HashMap;

use async_graphql::Name;
use async_graphql::parser::types::{
    BaseType, ExecutableDocument, FieldDefinition, InputValueDefinition, OperationDefinition,
    Selection, SelectionSet, ServiceDocument, Type, TypeDefinition, TypeKind, TypeSystemDefinition,
};
use serde_json::{Map, Value as Json, json};

/// The type definitions of a GraphQL schema, by name.
pub struct TypeIndex {
    types: HashMap<String, TypeDefinition>,
}

impl TypeIndex {
    /// Indexes the types of a parsed SDL document.
    pub fn new(sdl: ServiceDocument) -> Self {
        let types = sdl
            .definitions
            .into_iter()
            .filter_map(|d| match d {
                TypeSystemDefinition::Type(t) => Some((t.node.name.node.to_string(), t.node)),
                _ => None,
            })
            .collect();
        Self { types }
    }

    fn get(&self, name: &str) -> Result<&TypeDefinition, String> {
        self.types
            .get(name)
            .ok_or_else(|| format!("type `{name}` is not in the schema"))
    }

    fn field<'a>(&'a self, on: &str, name: &str) -> Result<&'a FieldDefinition, String> {
        match &self.get(on)?.kind {
            TypeKind::Object(o) => o.fields.iter(),
            TypeKind::Interface(i) => i.fields.iter(),
            _ => return Err(format!("`{on}` has no fields")),
        }
        .map(|f| &f.node)
        .find(|f| f.name.node == name)
        .ok_or_else(|| format!("`{on}` has no field `{name}`"))
    }
}

fn described(mut schema: Map<String, Json>, description: Option<&str>) -> Json {
    if let Some(d) = description.map(str::trim).filter(|d| !d.is_empty()) {
        schema.insert("description".into(), Json::String(d.to_owned()));
    }
    Json::Object(schema)
}

fn object(value: Json) -> Map<String, Json> {
    match value {
        Json::Object(map) => map,
        _ => Map::new(),
    }
}

/// `schema` or null, for a nullable GraphQL type.
fn or_null(schema: Json, nullable: bool) -> Json {
    if nullable {
        json!({ "anyOf": [schema, { "type": "null" }] })
    } else {
        schema
    }
}

/// The JSON Schema of a scalar or enum type named `name`.
fn leaf(types: &TypeIndex, name: &str) -> Result<Json, String> {
    Ok(match name {
        "Int" => json!({ "type": "integer" }),
        "Float" => json!({ "type": "number" }),
        "String" | "ID" => json!({ "type": "string" }),
        "Boolean" => json!({ "type": "boolean" }),
        _ => {
            let t = types.get(name)?;
            let description = t.description.as_ref().map(|d| d.node.as_str());
            match &t.kind {
                TypeKind::Enum(e) => {
                    let values: Vec<&str> = e
                        .values
                        .iter()
                        .map(|v| v.node.value.node.as_str())
                        .collect();
                    described(
                        object(json!({ "type": "string", "enum": values })),
                        description,
                    )
                }
                // Custom scalars (JSON): any value.
                TypeKind::Scalar => described(Map::new(), description),
                _ => return Err(format!("`{name}` is not a leaf type")),
            }
        }
    })
}

/// The output schema of a query document: an object with one property per selected root field.
pub fn output_schema(
    types: &TypeIndex,
    doc: &ExecutableDocument,
) -> Result<Map<String, Json>, String> {
    let op = operation(doc)?;
    selection_schema(types, doc, "Query", &op.selection_set.node)
}

fn operation(doc: &ExecutableDocument) -> Result<&OperationDefinition, String> {
    let mut ops = doc.operations.iter();
    match (ops.next(), ops.next()) {
        (Some((_, op)), None) => Ok(&op.node),
        _ => Err("a tool document holds exactly one operation".into()),
    }
}

/// The fields of `set` on type `on`, fragments spread in.
fn fields<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    out: &mut Vec<&'a async_graphql::parser::types::Field>,
) -> Result<(), String> {
    for item in &set.items {
        match &item.node {
            Selection::Field(f) => out.push(&f.node),
            Selection::FragmentSpread(s) => {
                let name = &s.node.fragment_name.node;
                let fragment = doc
                    .fragments
                    .get(name)
                    .ok_or_else(|| format!("fragment `{name}` is not defined"))?;
                fields(doc, &fragment.node.selection_set.node, out)?;
            }
            Selection::InlineFragment(i) => fields(doc, &i.node.selection_set.node, out)?,
        }
    }
    Ok(())
}

fn selection_schema(
    types: &TypeIndex,
    doc: &ExecutableDocument,
    on: &str,
    set: &SelectionSet,
) -> Result<Map<String, Json>, String> {
    let mut selected = Vec::new();
    fields(doc, set, &mut selected)?;
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in selected {
        let key = field.response_key().node.to_string();
        if field.name.node == "__typename" {
            properties.insert(key.clone(), json!({ "type": "string" }));
            required.push(Json::String(key));
            continue;
        }
        let def = types.field(on, &field.name.node)?;
        let schema = typed(types, doc, &def.ty.node, &field.selection_set.node)?;
        let description = def.description.as_ref().map(|d| d.node.as_str());
        properties.insert(key.clone(), with_description(schema, description));
        if !def.ty.node.nullable {
            required.push(Json::String(key));
        }
    }
    Ok(object(json!({
        "type": "object",
        "properties": properties,
        "required": required,
    })))
}

fn with_description(schema: Json, description: Option<&str>) -> Json {
    match schema {
        Json::Object(map) if !map.contains_key("description") => described(map, description),
        other => other,
    }
}

fn typed(
    types: &TypeIndex,
    doc: &ExecutableDocument,
    ty: &Type,
    set: &SelectionSet,
) -> Result<Json, String> {
    let inner = match &ty.base {
        BaseType::List(item) => json!({ "type": "array", "items": typed(types, doc, item, set)? }),
        BaseType::Named(name) if set.items.is_empty() => leaf(types, name)?,
        BaseType::Named(name) => Json::Object(selection_schema(types, doc, name, set)?),
    };
    Ok(or_null(inner, ty.nullable))
}

/// The input schema of a query document: one property per variable, typed from the schema,
/// described by `describe(variable)` (else by the schema's description of the root-field
/// argument the variable is passed to); required when non-null without a default.
pub fn input_schema(
    types: &TypeIndex,
    doc: &ExecutableDocument,
    describe: impl Fn(&str) -> Option<&'static str>,
) -> Result<Map<String, Json>, String> {
    let op = operation(doc)?;
    let mut properties = Map::new();
    let mut required = Vec::new();
    for var in &op.variable_definitions {
        let var = &var.node;
        let name = var.name.node.as_str();
        let ty = &var.var_type.node;
        let mut schema = object(input_type(types, ty, 0)?);
        if let Some(default) = &var.default_value {
            let default = default
                .node
                .clone()
                .into_json()
                .map_err(|e| format!("default of `${name}`: {e}"))?;
            schema.insert("default".into(), default);
        } else if !ty.nullable {
            required.push(Json::String(name.to_owned()));
        }
        let description = describe(name)
            .map(str::to_owned)
            .or_else(|| argument_doc(types, doc, op, name));
        properties.insert(name.to_owned(), described(schema, description.as_deref()));
    }
    Ok(object(json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })))
}

/// The schema's description of the root-field argument that `$variable` is passed to.
fn argument_doc(
    types: &TypeIndex,
    doc: &ExecutableDocument,
    op: &OperationDefinition,
    variable: &str,
) -> Option<String> {
    let mut roots = Vec::new();
    fields(doc, &op.selection_set.node, &mut roots).ok()?;
    roots.iter().find_map(|field| {
        let (arg, _) = field
            .arguments
            .iter()
            .find(|(_, v)| v.node.to_string() == format!("${variable}"))?;
        let def = types.field("Query", &field.name.node).ok()?;
        def.arguments
            .iter()
            .find(|a| a.node.name.node == arg.node)
            .and_then(|a| a.node.description.as_ref().map(|d| d.node.clone()))
    })
}

/// The JSON Schema of an input type (input objects expanded, at most a few levels deep). A
/// nullable input is optional rather than typed `null`: an assistant omits what it does not set.
fn input_type(types: &TypeIndex, ty: &Type, depth: usize) -> Result<Json, String> {
    if depth > 4 {
        return Err("input types nest too deep".into());
    }
    let inner = match &ty.base {
        BaseType::List(item) => {
            json!({ "type": "array", "items": input_type(types, item, depth + 1)? })
        }
        BaseType::Named(name) => match &types.get(name).map(|t| &t.kind) {
            Ok(TypeKind::InputObject(o)) => {
                let description = types
                    .get(name)?
                    .description
                    .as_ref()
                    .map(|d| d.node.as_str());
                described(input_object(types, &o.fields, depth)?, description)
            }
            _ => leaf(types, name)?,
        },
    };
    Ok(inner)
}

fn input_object(
    types: &TypeIndex,
    fields: &[async_graphql::Positioned<InputValueDefinition>],
    depth: usize,
) -> Result<Map<String, Json>, String> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields {
        let field = &field.node;
        let name: &Name = &field.name.node;
        let mut schema = object(input_type(types, &field.ty.node, depth + 1)?);
        if let Some(default) = &field.default_value {
            if let Ok(default) = default.node.clone().into_json() {
                schema.insert("default".into(), default);
            }
        } else if !field.ty.node.nullable {
            required.push(Json::String(name.to_string()));
        }
        let description = field.description.as_ref().map(|d| d.node.as_str());
        properties.insert(name.to_string(), described(schema, description));
    }
    Ok(object(json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{TypeIndex, input_schema, output_schema};

    const SDL: &str = r#"
        """A colour."""
        enum Colour { RED GREEN }
        """A filter."""
        input Filter { """Least size.""" min: Int = 1 colours: [Colour!]! }
        type Thing { """Its name.""" name: String! size: Float tags: [String!]! colour: Colour }
        type Query {
          """Things."""
          things("""How many, 1–5.""" first: Int = 2, filter: Filter): [Thing!]!
          thing(slug: String!): Thing
        }
    "#;

    fn types() -> TypeIndex {
        TypeIndex::new(async_graphql::parser::parse_schema(SDL).unwrap())
    }

    #[test]
    fn inputs_come_from_the_variables_and_the_argument_docs() {
        let doc = async_graphql::parser::parse_query(
            "query($first: Int = 3, $filter: Filter, $slug: String!) {
               things(first: $first, filter: $filter) { name } thing(slug: $slug) { name } }",
        )
        .unwrap();
        let schema =
            input_schema(&types(), &doc, |v| (v == "slug").then_some("The thing.")).unwrap();
        assert_eq!(schema["required"], json!(["slug"]));
        assert_eq!(schema["additionalProperties"], false);
        let p = &schema["properties"];
        assert_eq!(
            p["first"],
            json!({ "type": "integer", "default": 3, "description": "How many, 1–5." })
        );
        assert_eq!(p["slug"]["description"], "The thing.");
        let filter = &p["filter"];
        assert_eq!(filter["description"], "A filter.");
        assert_eq!(filter["required"], json!(["colours"]));
        assert_eq!(filter["properties"]["min"]["default"], 1);
        assert_eq!(
            filter["properties"]["colours"]["items"]["enum"],
            json!(["RED", "GREEN"])
        );
    }

    #[test]
    fn outputs_follow_the_selection_with_nullability_and_aliases() {
        let doc = async_graphql::parser::parse_query(
            "query { things { name big: size ...F } }
             fragment F on Thing { tags colour }",
        )
        .unwrap();
        let schema = output_schema(&types(), &doc).unwrap();
        assert_eq!(schema["required"], json!(["things"]));
        let thing = &schema["properties"]["things"]["items"];
        assert_eq!(thing["required"], json!(["name", "tags"]));
        assert_eq!(
            thing["properties"]["name"],
            json!({ "type": "string", "description": "Its name." })
        );
        assert_eq!(
            thing["properties"]["big"]["anyOf"][1],
            json!({ "type": "null" })
        );
        assert_eq!(
            thing["properties"]["colour"]["anyOf"][0]["enum"],
            json!(["RED", "GREEN"])
        );
        // A field the type does not have is an error, not a silent hole.
        let wrong = async_graphql::parser::parse_query("{ things { weight } }").unwrap();
        assert!(
            output_schema(&types(), &wrong)
                .unwrap_err()
                .contains("weight")
        );
    }
}
