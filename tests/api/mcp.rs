//! The MCP endpoint (`/mcp`) over raw JSON-RPC on both databases: the tool list and its
//! schemas, answers equal to the GraphQL answers of the same documents, tool errors that name
//! the argument with suggestions, and the HTTP limits, rate limit, metrics and Host check of
//! the service. (`tests/mcp/run.sh` drives the same endpoint with the official MCP Python SDK.)

use integration_tests::{Backend, TestApp, on_both_backends, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    tools_are_listed_with_schemas_and_answer_as_graphql_does,
    unknown_names_and_bad_arguments_are_tool_errors_an_assistant_can_act_on,
    odd_values_in_every_argument_of_every_tool_get_an_answer,
);

on_both_backends!(limits_rate_limit_metrics_and_host_checks_apply_to_mcp);

/// Posts one JSON-RPC message to `/mcp` (protocol 2025-11-25 unless `initialize`); the status
/// and the JSON answer (null when the body is not JSON).
async fn rpc(app: &TestApp, message: &Value) -> (u16, Value) {
    let response = app
        .client
        .post(format!("{}/mcp", app.address))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-11-25")
        .json(message)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn call(app: &TestApp, tool: &str, arguments: Value) -> Value {
    let (status, body) = rpc(
        app,
        &json!({ "jsonrpc": "2.0", "id": 7, "method": "tools/call",
                 "params": { "name": tool, "arguments": arguments } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["result"].clone()
}

/// The tool's document, as the table holds it.
fn document(tool: &str) -> &'static str {
    api::mcp::tools::TOOLS
        .iter()
        .find(|t| t.name == tool)
        .map(|t| t.document)
        .unwrap()
}

async fn tools_are_listed_with_schemas_and_answer_as_graphql_does(app: TestApp) {
    let (status, init) = rpc(
        &app,
        &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {},
            "clientInfo": { "name": "test", "version": "1" } } }),
    )
    .await;
    assert_eq!(status, 200, "{init}");
    assert_eq!(init["result"]["protocolVersion"], "2025-11-25");
    assert_eq!(init["result"]["serverInfo"]["name"], "career-knowledge");
    assert!(init["result"]["capabilities"]["tools"].is_object());
    assert!(
        init["result"]["instructions"]
            .as_str()
            .unwrap()
            .contains("source")
    );

    let (_, list) = rpc(
        &app,
        &json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/list" }),
    )
    .await;
    let tools = list["result"]["tools"].as_array().unwrap();
    let names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "find_role",
            "role_profile",
            "career_routes",
            "next_steps",
            "compare_roles",
            "match_roles",
            "learn_next",
            "role_pay_in_area"
        ]
    );
    for tool in tools {
        assert_eq!(tool["annotations"]["readOnlyHint"], true, "{tool}");
        assert_eq!(tool["inputSchema"]["type"], "object");
        assert!(tool["outputSchema"]["properties"]["attribution"].is_object());
    }
    // Schemas come from the SDL: a variable's type, default and the argument's documentation.
    let routes = tools.iter().find(|t| t["name"] == "career_routes").unwrap();
    let input = &routes["inputSchema"];
    assert_eq!(input["required"], json!(["from", "to"]));
    assert_eq!(input["properties"]["first"]["default"], 5);
    assert_eq!(
        input["properties"]["optimize"]["enum"],
        json!([
            "FEWEST_STEPS",
            "FEWEST_YEARS",
            "HIGHEST_SALARY_GAIN",
            "MOST_LIKELY",
            "BALANCED"
        ])
    );
    assert!(
        input["properties"]["maxSteps"]["description"]
            .as_str()
            .unwrap()
            .contains("1–10")
    );
    let output = &routes["outputSchema"]["properties"]["careerRoutes"];
    assert_eq!(output["required"], json!(["complete", "routes"]));
    assert!(
        output["properties"]["routes"]["items"]["properties"]["score"]["description"]
            .as_str()
            .is_some()
    );

    // Every tool answers what GraphQL answers for its document (slugs given, so no name is
    // resolved), plus the attribution of the sources it cites.
    let profile = json!({ "currentRole": "information-technology-manager" });
    let cases = [
        ("find_role", json!({ "query": "senior it" })),
        ("role_profile", json!({ "role": "senior-it-manager" })),
        (
            "career_routes",
            json!({ "from": "information-technology-manager", "to": "chief-information-officer",
                    "first": 3 }),
        ),
        (
            "next_steps",
            json!({ "role": "senior-it-manager", "depth": 2 }),
        ),
        (
            "compare_roles",
            json!({ "a": "information-technology-manager", "b": "senior-manager-infrastructure" }),
        ),
        ("match_roles", json!({ "profile": profile, "first": 5 })),
        (
            "learn_next",
            json!({ "profile": profile, "goal": "chief-information-officer", "first": 5 }),
        ),
    ];
    let before = app.data("{ dataVersion }", json!({})).await;
    for (tool, arguments) in cases {
        let result = call(&app, tool, arguments.clone()).await;
        assert_eq!(result["isError"], false, "{tool}: {result}");
        let mut ours = result["structuredContent"].clone();
        let attribution = ours.as_object_mut().unwrap().remove("attribution").unwrap();
        assert!(attribution.is_array());
        let direct = app.data(document(tool), arguments).await;
        assert_eq!(ours, direct, "{tool}");
        // The text block carries the same JSON.
        let text: Value =
            serde_json::from_str(result["content"][0]["text"].as_str().unwrap()).unwrap();
        assert_eq!(text, result["structuredContent"]);
    }
    // Titles resolve to the same answer as slugs.
    let by_title = call(
        &app,
        "career_routes",
        json!({ "from": "Information Technology Manager", "to": "CIO", "first": 3 }),
    )
    .await;
    let by_slug = call(
        &app,
        "career_routes",
        json!({ "from": "information-technology-manager", "to": "chief-information-officer",
                "first": 3 }),
    )
    .await;
    assert_eq!(by_title["structuredContent"], by_slug["structuredContent"]);
    let best = &by_slug["structuredContent"]["careerRoutes"]["routes"][0]["roles"];
    let slugs: Vec<&str> = best
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        [
            "information-technology-manager",
            "senior-it-manager",
            "chief-information-officer"
        ]
    );
    // No tool changes data.
    assert_eq!(app.data("{ dataVersion }", json!({})).await, before);
}

async fn unknown_names_and_bad_arguments_are_tool_errors_an_assistant_can_act_on(app: TestApp) {
    // An unknown role: the argument, and the closest roles to pass instead.
    let result = call(
        &app,
        "career_routes",
        json!({ "from": "senior-it-manager", "to": "Chief Informaton Officer" }),
    )
    .await;
    assert_eq!(result["isError"], true, "{result}");
    let error = &result["structuredContent"]["error"];
    assert_eq!(error["code"], "NOT_FOUND");
    assert_eq!(error["argument"], "to");
    assert_eq!(
        error["suggestions"][0]["value"],
        "chief-information-officer"
    );
    let text = result["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("`to`") && text.contains("chief-information-officer"),
        "{text}"
    );
    // Inside lists and nested inputs too.
    let result = call(
        &app,
        "career_routes",
        json!({ "from": "senior-it-manager", "to": "chief-information-officer",
                "via": ["it-director", "Zookeeper"] }),
    )
    .await;
    assert_eq!(result["structuredContent"]["error"]["argument"], "via[1]");
    let result = call(
        &app,
        "match_roles",
        json!({ "profile": { "currentRole": "Senior IT Manger" } }),
    )
    .await;
    let error = &result["structuredContent"]["error"];
    assert_eq!(error["argument"], "profile.currentRole");
    assert_eq!(error["suggestions"][0]["value"], "senior-it-manager");
    // A bad value reaches the use case's check, which names the field.
    let result = call(
        &app,
        "next_steps",
        json!({ "role": "senior-it-manager", "depth": 99 }),
    )
    .await;
    assert_eq!(result["isError"], true);
    assert_eq!(
        result["structuredContent"]["error"]["code"],
        "BAD_USER_INPUT"
    );
    assert!(
        result["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("depth")
    );
    // A wrong type and an argument the tool does not take.
    for arguments in [
        json!({ "role": "senior-it-manager", "depth": "two" }),
        json!({ "role": "senior-it-manager", "deep": 2 }),
        json!({ "role": ["senior-it-manager"] }),
    ] {
        let result = call(&app, "next_steps", arguments.clone()).await;
        assert_eq!(result["isError"], true, "{arguments}: {result}");
        assert_eq!(
            result["structuredContent"]["error"]["code"],
            "BAD_USER_INPUT"
        );
    }
    // An unknown tool is a protocol error; so is a message that is not JSON-RPC.
    let (_, body) = rpc(
        &app,
        &json!({ "jsonrpc": "2.0", "id": 3, "method": "tools/call",
                 "params": { "name": "delete_role", "arguments": {} } }),
    )
    .await;
    assert_eq!(body["error"]["code"], -32602, "{body}");
    let (status, _) = rpc(&app, &json!({ "hello": "world" })).await;
    assert!((400..500).contains(&status), "{status}");
    // The server still answers.
    let result = call(&app, "find_role", json!({ "query": "cio" })).await;
    assert_eq!(
        result["structuredContent"]["search"][0]["role"]["slug"],
        "chief-information-officer"
    );
}

/// Every argument of every tool, in turn, given values of every JSON type and a few edge cases
/// (the other arguments valid): each call answers a result (or, for the empty role, a tool
/// error), never a protocol or transport failure, and the server keeps answering.
async fn odd_values_in_every_argument_of_every_tool_get_an_answer(app: TestApp) {
    let valid = |tool: &str| -> Value {
        let profile = json!({ "currentRole": "senior-it-manager",
                              "skills": [{ "skill": "project-management", "level": 4 }] });
        match tool {
            "find_role" => json!({ "query": "manager" }),
            "career_routes" => json!({ "from": "senior-it-manager", "to": "it-director" }),
            "compare_roles" => json!({ "a": "senior-it-manager", "b": "it-director" }),
            "match_roles" => json!({ "profile": profile }),
            "learn_next" => json!({ "profile": profile, "goal": "it-director" }),
            "role_pay_in_area" => json!({ "role": "senior-it-manager", "area": "CA" }),
            _ => json!({ "role": "senior-it-manager" }),
        }
    };
    let odd = [
        json!(null),
        json!(""),
        json!("  "),
        json!(-1),
        json!(0),
        json!(2_147_483_648_i64),
        json!(1e308),
        json!(-0.5),
        json!(true),
        json!([]),
        json!([null, 1, "x"]),
        json!({}),
        json!({ "skills": [{ "skill": "", "level": 99 }] }),
        json!("x".repeat(2_000)),
        json!("Ünïcødé ✓ \u{0} '; drop table role; --"),
    ];
    let (_, list) = rpc(
        &app,
        &json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/list" }),
    )
    .await;
    let mut calls = 0;
    for tool in list["result"]["tools"].as_array().unwrap() {
        let name = tool["name"].as_str().unwrap();
        let properties = tool["inputSchema"]["properties"].as_object().unwrap();
        for argument in properties.keys() {
            for value in &odd {
                let mut arguments = valid(name);
                arguments[argument.as_str()] = value.clone();
                let (status, body) = rpc(
                    &app,
                    &json!({ "jsonrpc": "2.0", "id": 9, "method": "tools/call",
                             "params": { "name": name, "arguments": arguments } }),
                )
                .await;
                assert_eq!(status, 200, "{name}.{argument} = {value}: {body}");
                let result = &body["result"];
                assert!(
                    result["isError"].is_boolean(),
                    "{name}.{argument} = {value}: {body}"
                );
                if result["isError"] == true {
                    let code = result["structuredContent"]["error"]["code"]
                        .as_str()
                        .unwrap();
                    assert!(
                        ["BAD_USER_INPUT", "NOT_FOUND"].contains(&code),
                        "{name}.{argument} = {value}: {body}"
                    );
                }
                calls += 1;
            }
        }
    }
    assert!(calls > 300, "{calls}");
    assert_eq!(app.get("/health").await.0, 200);
}

async fn limits_rate_limit_metrics_and_host_checks_apply_to_mcp(backend: Backend) {
    let Some(app) = TestApp::spawn_configured(backend, |c| {
        c.http.max_body_bytes = 4_000;
        c.rate_limit.rate_limit_per_minute = 4;
        c.rate_limit.rate_limit_loopback = true;
    })
    .await
    else {
        return;
    };
    let ok = call(&app, "next_steps", json!({ "role": "senior-it-manager" })).await;
    assert_eq!(ok["isError"], false);
    let missing = call(&app, "next_steps", json!({ "role": "nobody" })).await;
    assert_eq!(missing["isError"], true);
    // Tool calls are counted by tool and outcome.
    let (_, metrics) = app.get("/metrics").await;
    for line in [
        r#"career_mcp_tool_calls_total{tool="next_steps",outcome="ok"} 1"#,
        r#"career_mcp_tool_calls_total{tool="next_steps",outcome="not_found"} 1"#,
    ] {
        assert!(metrics.contains(line), "{line} not in\n{metrics}");
    }
    // The body limit of /graphql.
    let big = json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/call",
                      "params": { "name": "find_role", "arguments": { "query": "x".repeat(5_000) } } });
    assert_eq!(rpc(&app, &big).await.0, 413);
    // A Host outside MCP_ALLOWED_HOSTS (DNS rebinding) is refused.
    let response = app
        .client
        .post(format!("{}/mcp", app.address))
        .header("host", "attacker.example")
        .header("accept", "application/json, text/event-stream")
        .json(&json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/list" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    // Four requests a minute (two calls, the large body, the foreign host): the next waits.
    let response = app
        .client
        .post(format!("{}/mcp", app.address))
        .header("accept", "application/json, text/event-stream")
        .json(&json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/list" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.headers().contains_key("retry-after"));
}
