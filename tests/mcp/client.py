"""Drives the service's /mcp endpoint with the official MCP Python SDK (`mcp`, pinned in
requirements.txt), as an assistant would: connect, list the tools, call every tool, and check
each answer against the GraphQL answer to the same question, asked independently over /graphql.
Also checks that an unknown role or area is a tool error naming the argument with suggestions.

Usage: python client.py http://127.0.0.1:PORT   (the server must have the shipped O*NET and
BLS data: IMPORT_ONET_ON_START=true, the default). Runs once per connection mode: `legacy`
(the initialize handshake, protocol 2025-11-25) and `auto` (discovery, the current protocol).
Exits non-zero on the first failed check.
"""

import asyncio
import json
import sys
import urllib.request

from mcp import Client
from mcp.shared.exceptions import MCPError

TOOLS = {
    "find_role",
    "role_profile",
    "career_routes",
    "next_steps",
    "compare_roles",
    "match_roles",
    "learn_next",
    "role_pay_in_area",
}


def graphql(base, query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(
        base + "/graphql", data=body, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        answer = json.load(response)
    assert "errors" not in answer, answer
    return answer["data"]


def check(condition, what):
    if not condition:
        raise AssertionError(what)


async def call(client, name, arguments):
    result = await client.call_tool(name, arguments)
    check(not result.is_error, f"{name} {arguments}: {result.content}")
    data = result.structured_content
    check(isinstance(data, dict), f"{name}: structured content")
    # The text block carries the same JSON (for clients that read text only).
    check(json.loads(result.content[0].text) == data, f"{name}: text block differs")
    return data


async def refused(client, name, arguments):
    result = await client.call_tool(name, arguments)
    check(result.is_error, f"{name} {arguments} should be refused: {result.structured_content}")
    return result.content[0].text, result.structured_content["error"]


def slugs(roles):
    return [r["slug"] for r in roles]


def attribution_keys(data):
    return {a["source"] for a in data["attribution"]}


async def run(base, mode):
    async with Client(base + "/mcp", mode=mode) as client:
        listed = (await client.list_tools()).tools
        names = {t.name for t in listed}
        check(names == TOOLS, f"tools: {sorted(names)}")
        for tool in listed:
            check(tool.description and len(tool.description) > 60, f"{tool.name}: description")
            check(tool.input_schema["type"] == "object", f"{tool.name}: input schema")
            check(tool.output_schema and "attribution" in tool.output_schema["properties"],
                  f"{tool.name}: output schema")
            check(tool.annotations and tool.annotations.read_only_hint, f"{tool.name}: read-only")
        attributions = {
            s["key"]: s["attribution"]
            for s in graphql(base, "{ attributions { key attribution } }")["attributions"]
        }

        # find_role: the text a person uses, to the role slug; the same hits as GraphQL search.
        found = await call(client, "find_role", {"query": "IT Manager"})
        direct = graphql(
            base, '{ search(query: "IT Manager", first: 5, kind: ROLE) { score role { slug } } }'
        )["search"]
        check([h["role"]["slug"] for h in found["search"]] == [h["role"]["slug"] for h in direct],
              "find_role: hits")
        check(found["search"][0]["role"]["slug"] == "information-technology-manager",
              "find_role: IT Manager first")

        # career_routes, asked as a person would: titles, not slugs.
        routes = await call(client, "career_routes", {"from": "IT Manager", "to": "CIO"})
        direct = graphql(
            base,
            """{ careerRoutes(from: "information-technology-manager",
                              to: "chief-information-officer") {
                   routes { rank roles { slug } score { cost }
                            totals { steps years likelihood }
                            steps { move { source { key } } } } } }""",
        )["careerRoutes"]["routes"]
        ours = routes["careerRoutes"]["routes"]
        check(len(ours) == len(direct) and len(ours) >= 2, f"career_routes: {len(ours)} routes")
        for a, b in zip(ours, direct):
            check(slugs(a["roles"]) == slugs(b["roles"]), f"career_routes: rank {b['rank']} roles")
            check(a["score"]["cost"] == b["score"]["cost"], "career_routes: score")
            check({k: a["totals"][k] for k in ("steps", "years", "likelihood")} == b["totals"],
                  "career_routes: totals")
            check([s["move"]["source"]["key"] for s in a["steps"]]
                  == [s["move"]["source"]["key"] for s in b["steps"]], "career_routes: sources")
        check(slugs(ours[0]["roles"]) == ["information-technology-manager", "senior-it-manager",
                                          "chief-information-officer"], "career_routes: best")
        check("bls-oews-2025" in attribution_keys(routes), "career_routes: BLS attribution")

        # Options pass through: a route that must avoid Senior IT Manager.
        avoiding = await call(client, "career_routes", {
            "from": "information-technology-manager", "to": "chief-information-officer",
            "avoid": ["Senior IT Manager"], "first": 3, "optimize": "FEWEST_YEARS"})
        for route in avoiding["careerRoutes"]["routes"]:
            check("senior-it-manager" not in slugs(route["roles"]), "career_routes: avoid")

        # role_profile: pay from one named source, the benchmark beside it.
        profile = (await call(client, "role_profile", {"role": "Senior IT Manager"}))["role"]
        direct = graphql(base, """{ role(slug: "senior-it-manager") {
            pay { basis headlineSalary sources { key } }
            payBenchmark { headlineSalary } skills(first: 15) { skill { slug } } } }""")["role"]
        check(profile["pay"]["basis"] == direct["pay"]["basis"]
              and profile["pay"]["headlineSalary"] == direct["pay"]["headlineSalary"],
              "role_profile: pay")
        check([s["key"] for s in profile["pay"]["sources"]]
              == [s["key"] for s in direct["pay"]["sources"]], "role_profile: pay sources")
        check([s["skill"]["slug"] for s in profile["skills"]]
              == [s["skill"]["slug"] for s in direct["skills"]], "role_profile: skills")
        check(profile["sources"], "role_profile: sources")

        # next_steps.
        steps = await call(client, "next_steps", {"role": "senior-it-manager", "depth": 2})
        direct = graphql(base, """{ nextSteps(role: "senior-it-manager", depth: 2) {
            distance role { slug } } }""")["nextSteps"]
        check([(s["role"]["slug"], s["distance"]) for s in steps["nextSteps"]]
              == [(s["role"]["slug"], s["distance"]) for s in direct], "next_steps")
        check(all(m["source"]["key"] for m in steps["role"]["nextMoves"]), "next_steps: sources")

        # compare_roles, in an area.
        compared = (await call(client, "compare_roles", {
            "a": "Information Technology Manager", "b": "Senior Manager Infrastructure",
            "area": "TX"}))["compareRoles"]
        direct = graphql(base, """{ compareRoles(a: "information-technology-manager",
            b: "senior-manager-infrastructure", area: "TX") {
              salaryChange { basis amount percent } headlineSalary { a b difference }
              areaPay { area { code } annualMedian { a b } } } }""")["compareRoles"]
        check({k: compared["salaryChange"][k] for k in ("basis", "amount", "percent")}
              == direct["salaryChange"], "compare_roles: salary change")
        check({k: compared["headlineSalary"][k] for k in ("a", "b", "difference")}
              == direct["headlineSalary"], "compare_roles: headline")
        check(compared["areaPay"]["area"]["code"] == direct["areaPay"]["area"]["code"],
              "compare_roles: area")
        check({k: compared["areaPay"]["annualMedian"][k] for k in ("a", "b")}
              == direct["areaPay"]["annualMedian"], "compare_roles: area pay")

        # match_roles and learn_next: a person's skills with levels.
        person = {"currentRole": "IT Manager", "skills": [
            {"skill": "Project Management", "level": 5}, {"skill": "programming", "level": 4},
            {"skill": "Systems Analysis", "level": 5}, {"skill": "Management of Personnel Resources", "level": 4}]}
        graph_person = dict(person, currentRole="information-technology-manager")
        matched = (await call(client, "match_roles", {"profile": person, "first": 8}))["matchRoles"]
        direct = graphql(base, """query($p: ProfileInput!) { matchRoles(profile: $p, first: 8) {
            rank score role { slug } } }""", {"p": graph_person})["matchRoles"]
        check([(m["role"]["slug"], m["score"]) for m in matched]
              == [(m["role"]["slug"], m["score"]) for m in direct], "match_roles")
        check(all(m["summary"] for m in matched), "match_roles: summaries")
        # O*NET's ratings decide the fit: its attribution comes with the answer, word for word.
        answer = await call(client, "match_roles", {"profile": person, "first": 8})
        check(any(a["source"] == "onet-29.3" and a["text"] == attributions["onet-29.3"]
                  for a in answer["attribution"]), "match_roles: O*NET attribution")
        learn = (await call(client, "learn_next", {"profile": person, "goal": "CIO", "first": 5}))["learnNext"]
        direct = graphql(base, """query($p: ProfileInput!) {
            learnNext(profile: $p, goal: "chief-information-officer", first: 5) {
              skill { slug } goalProgress } }""", {"p": graph_person})["learnNext"]
        check([(s["skill"]["slug"], s["goalProgress"]) for s in learn]
              == [(s["skill"]["slug"], s["goalProgress"]) for s in direct], "learn_next")

        # role_pay_in_area: BLS pay in a state, with the attribution BLS requires.
        pay = await call(client, "role_pay_in_area", {"role": "senior-it-manager", "area": "California"})
        direct = graphql(base, """{ role(slug: "senior-it-manager") {
            wages(area: "California") { area { code } annual { median } source { key } } } }""")["role"]["wages"]
        ours = pay["role"]["wages"]
        check(ours["area"]["code"] == direct["area"]["code"]
              and ours["annual"]["median"] == direct["annual"]["median"], "role_pay_in_area")
        key = direct["source"]["key"]
        check(any(a["source"] == key and a["text"] == attributions[key] for a in pay["attribution"]),
              "role_pay_in_area: attribution")

        # Errors an assistant can act on.
        text, error = await refused(client, "career_routes", {"from": "IT Manger", "to": "CIO"})
        check(error["argument"] == "from" and "`from`" in text, f"unknown role names the argument: {text}")
        check("information-technology-manager" in [s["value"] for s in error["suggestions"]],
              f"unknown role suggests the closest: {error}")
        text, error = await refused(client, "role_pay_in_area", {"role": "senior-it-manager", "area": "Texass"})
        check(error["argument"] == "area" and "Texas" in [s["name"] for s in error["suggestions"]],
              f"unknown area: {text}")
        text, error = await refused(client, "next_steps", {"role": "senior-it-manager", "depth": 99})
        check(error["code"] == "BAD_USER_INPUT" and "depth" in text, f"bad depth: {text}")
        text, error = await refused(client, "find_role", {"query": "nurse", "limit": 3})
        check(error["argument"] == "limit", f"unknown argument: {text}")
        try:
            await client.call_tool("no_such_tool", {})
            check(False, "an unknown tool is a protocol error")
        except MCPError:
            pass
        return client.protocol_version


async def main(base):
    for mode in ("legacy", "auto"):
        version = await run(base, mode)
        print(f"mcp client ({mode}, protocol {version}): 8 tools listed and called, answers equal "
              "to GraphQL, errors name their argument")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1].rstrip("/")))
