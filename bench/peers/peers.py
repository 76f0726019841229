#!/usr/bin/env python3
"""Helpers of the peers benchmark (bench/peers/run.sh); standard library only.

prepare  writes the request bodies of the three workloads for our API and for PostGraphile,
         fetches every body once from every server, checks that the servers return the same
         values (compared as sorted sets where the order may differ) and stores each server's
         response bytes, which wrk's check script and the replay server use.
cpu      prints CPU ticks of a process (utime+stime), or of a PostgreSQL cluster (postmaster,
         its children, and the children it already reaped).
report   turns the measurements (TSV) into the markdown table.
"""

import argparse
import json
import os
import statistics
import sys
import urllib.request
from pathlib import Path

WEB_DEVELOPERS = "15-1254.00"

OURS_ROLE = (
    "query RolePage($slug: String!) { role(slug: $slug) { title summary"
    " skills { importance level skill { name } }"
    " nextMoves { kind to { title } } } }"
)
PGL_ROLE = (
    "query RolePage($slug: String!) { roleBySlug(slug: $slug) { title summary"
    " roleSkillsByRoleId { nodes { importance level skillBySkillId { name } } }"
    " careerMovesByFromRoleId { nodes { kind roleByToRoleId { title } } } } }"
)
OURS_LIST = (
    "query RoleList { roles(first: 50, orderBy: { field: TITLE, direction: ASC }) {"
    " nodes { title skills(first: 10) { importance skill { name } } } } }"
)
# Our API's "heaviest first": share desc, rank asc, importance desc, level desc (NULLs last,
# which the PostGraphile server's pgOrderByNullsLast gives), then source and id.
PGL_LIST = (
    "query RoleList { allRoles(first: 50, orderBy: [TITLE_ASC, PRIMARY_KEY_ASC]) {"
    " nodes { title roleSkillsByRoleId(first: 10, orderBy: [SHARE_PCT_DESC, RANK_ASC,"
    " IMPORTANCE_DESC, LEVEL_DESC, SOURCE_ID_ASC, PRIMARY_KEY_ASC]) {"
    " nodes { importance skillBySkillId { name } } } } } }"
)

WORKLOADS = ("role", "rotate", "list")


def body(query, variables=None):
    """One GraphQL request body as compact JSON on a single line."""
    doc = {"query": query}
    if variables is not None:
        doc["variables"] = variables
    return json.dumps(doc, separators=(",", ":"))


def post(url, data):
    """POSTs a body to a GraphQL endpoint; returns the raw response bytes (status 200 only)."""
    req = urllib.request.Request(
        url,
        data=data.encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        if resp.status != 200:
            raise SystemExit(f"{url}: HTTP {resp.status}")
        return resp.read()


def data_of(raw, what):
    """The `data` of a response, failing on `errors`."""
    doc = json.loads(raw)
    if doc.get("errors") or doc.get("data") is None:
        raise SystemExit(f"{what}: errors in the response: {raw[:500]!r}")
    return doc["data"]


def num(x):
    """A float rounded for comparison (PostgreSQL float8 and SQLite REAL print alike anyway)."""
    return None if x is None else round(float(x), 6)


def extract_role(kind, data):
    """(title, summary, sorted skills, sorted moves) of a role page."""
    if kind == "ours":
        r = data["role"]
        skills = [(s["skill"]["name"], num(s["importance"]), num(s["level"])) for s in r["skills"]]
        moves = [(m["kind"].upper(), m["to"]["title"]) for m in r["nextMoves"]]
    else:
        r = data["roleBySlug"]
        skills = [
            (s["skillBySkillId"]["name"], num(s["importance"]), num(s["level"]))
            for s in r["roleSkillsByRoleId"]["nodes"]
        ]
        moves = [
            (m["kind"].upper(), m["roleByToRoleId"]["title"])
            for m in r["careerMovesByFromRoleId"]["nodes"]
        ]
    key = lambda t: tuple("" if v is None else str(v) for v in t)  # noqa: E731
    return {
        "title": r["title"],
        "summary": r["summary"],
        "skills": sorted(skills, key=key),
        "moves": sorted(moves, key=key),
    }


def extract_list(kind, data):
    """Titles in order, each with its top-10 skills as a sorted set of (name, importance)."""
    if kind == "ours":
        nodes = data["roles"]["nodes"]
        rows = [(n["title"], [(s["skill"]["name"], num(s["importance"])) for s in n["skills"]]) for n in nodes]
    else:
        nodes = data["allRoles"]["nodes"]
        rows = [
            (
                n["title"],
                [(s["skillBySkillId"]["name"], num(s["importance"])) for s in n["roleSkillsByRoleId"]["nodes"]],
            )
            for n in nodes
        ]
    key = lambda t: tuple("" if v is None else str(v) for v in t)  # noqa: E731
    return {
        "titles": [t for t, _ in rows],
        "roles": sorted(((t, sorted(s, key=key)) for t, s in rows), key=lambda r: (r[0], str(r[1]))),
    }


def find_slug(url):
    """Slug of Web Developers (O*NET 15-1254.00), asked of our API."""
    q = '{ roles(search: "web developers", first: 50) { nodes { slug title onetCode } } }'
    nodes = data_of(post(url, body(q)), "role search")["roles"]["nodes"]
    for n in nodes:
        if n["onetCode"] == WEB_DEVELOPERS:
            return n["slug"]
    raise SystemExit(f"no role with O*NET code {WEB_DEVELOPERS} found by our API: {nodes}")


def prepare(args):
    """Writes bodies and captured responses; fails unless every server gives the same values."""
    out = Path(args.out)
    (out / "bodies").mkdir(parents=True, exist_ok=True)
    (out / "expected").mkdir(parents=True, exist_ok=True)
    servers = [s.split("=", 1) for s in args.ours] + [["postgraphile", args.pgl]]
    ref_url = servers[0][1]
    slug = find_slug(ref_url)
    rotation = [s for s in Path(args.slugs).read_text().split() if s]
    if len(rotation) < 2:
        raise SystemExit("need the rotation's slugs")
    bodies = {
        "ours": {
            "role": [body(OURS_ROLE, {"slug": slug})],
            "rotate": [body(OURS_ROLE, {"slug": s}) for s in rotation],
            "list": [body(OURS_LIST)],
        },
        "pgl": {
            "role": [body(PGL_ROLE, {"slug": slug})],
            "rotate": [body(PGL_ROLE, {"slug": s}) for s in rotation],
            "list": [body(PGL_LIST)],
        },
    }
    for kind, per in bodies.items():
        for w, lines in per.items():
            (out / "bodies" / f"{kind}-{w}.jsonl").write_text("\n".join(lines) + "\n")
    extracted = {}
    sizes = {}
    for name, url in servers:
        kind = "pgl" if name == "postgraphile" else "ours"
        for w in WORKLOADS:
            raws = [post(url, b) for b in bodies[kind][w]]
            for raw in raws:
                if b"\n" in raw:
                    raise SystemExit(f"{name} {w}: a response spans several lines")
            (out / "expected" / f"{name}-{w}.jsonl").write_bytes(b"\n".join(raws) + b"\n")
            datas = [data_of(raw, f"{name} {w}") for raw in raws]
            if w == "list":
                extracted[(name, w)] = [extract_list(kind, d) for d in datas]
            else:
                extracted[(name, w)] = [extract_role(kind, d) for d in datas]
            sizes[(name, w)] = statistics.mean(len(r) for r in raws)
    failed = False
    for w in WORKLOADS:
        ref = extracted[(servers[0][0], w)]
        for name, _ in servers[1:]:
            got = extracted[(name, w)]
            if got != ref:
                failed = True
                for i, (a, b) in enumerate(zip(ref, got)):
                    if a != b:
                        for field in a:
                            if a[field] != b[field]:
                                print(
                                    f"MISMATCH {w} #{i} {field}: {servers[0][0]}={str(a[field])[:400]}\n"
                                    f"    {name}={str(b[field])[:400]}",
                                    file=sys.stderr,
                                )
                        break
        role = ref[0]
        if w == "role":
            detail = f"'{role['title']}' ({slug}): {len(role['skills'])} skills, {len(role['moves'])} moves"
        elif w == "rotate":
            detail = f"{len(ref)} roles, {sum(len(r['skills']) for r in ref)} skill links in all"
        else:
            detail = f"{len(role['titles'])} roles, {sum(len(s) for _, s in role['roles'])} skills"
        same = "same values" if not failed else "DIFFERENT values"
        size = ", ".join(f"{n} {sizes[(n, w)] / 1024:.1f} KiB" for n, _ in servers)
        print(f"  {w}: {detail}; {same} from {len(servers)} servers; mean response {size}")
    if failed:
        raise SystemExit("the servers disagree (see MISMATCH above)")
    (out / "slug").write_text(slug + "\n")


def ticks_of(pid):
    """utime+stime (+ cutime+cstime when `reaped`) of one process, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def cpu(args):
    """Prints CPU ticks: of one process, or of a PostgreSQL cluster given its postmaster."""
    if args.pid:
        own, _ = ticks_of(args.pid)
        print(own)
        return
    pm = args.postmaster
    own, reaped = ticks_of(pm)
    total = own + reaped
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            if ppid == pm:
                total += ticks_of(d)[0]
        except (OSError, ValueError, IndexError):
            pass
    print(total)


def report(args):
    """Markdown table and ratios from the TSV of measurements."""
    rows = [line.rstrip("\n").split("\t") for line in open(args.tsv) if line.strip()]
    header, rows = rows[0], rows[1:]
    idx = {h: i for i, h in enumerate(header)}
    cells = {}
    for r in rows:
        cells.setdefault((r[idx["server"]], r[idx["workload"]]), []).append(r)
    servers = []
    for r in rows:
        if r[idx["server"]] not in servers:
            servers.append(r[idx["server"]])
    order = [s for s in args.order.split(",") if s in servers] + [s for s in servers if s not in args.order.split(",")]
    labels = dict(s.split("=", 1) for s in args.label) if args.label else {}
    rss = {}
    for line in open(args.rss):
        if line.strip():
            s, v = line.split()
            rss[s] = float(v)

    def vals(s, w, col):
        return [float(r[idx[col]]) for r in cells.get((s, w), [])]

    def rate(s, w):
        v = vals(s, w, "req_per_s")
        if not v:
            return "–"
        return f"{min(v):,.0f}" if len(v) == 1 else f"{min(v):,.0f}–{max(v):,.0f}"

    def per_req(s, w, col, scale, fmt):
        rs = cells.get((s, w), [])
        if not rs or any(r[idx[col]] == "" for r in rs):
            return "–"
        reqs = sum(vals(s, w, "requests"))
        return fmt.format(sum(vals(s, w, col)) * scale / reqs) if reqs else "–"

    wl = ["role", "rotate", "list"]
    out = []
    out.append(
        "| server / config | role page req/s | rotating role page req/s | 50-role list req/s"
        " | CPU ms/request (role / rotating / list) | SQL statements/request (role / rotating / list)"
        " | peak RSS MB |"
    )
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in order:
        cpu_cells = " / ".join(per_req(s, w, "cpu_ticks", 1000.0 / args.hz, "{:.2f}") for w in wl)
        sql_cells = " / ".join(per_req(s, w, "statements", 1.0, "{:.1f}") for w in wl)
        out.append(
            f"| {labels.get(s, s)} | {rate(s, 'role')} | {rate(s, 'rotate')} | {rate(s, 'list')}"
            f" | {cpu_cells} | {sql_cells} | {rss.get(s, 0):.0f} |"
        )

    def med(s, w):
        v = vals(s, w, "req_per_s")
        return statistics.median(v) if v else None

    def ratio(a, b, w, text):
        x, y = med(a, w), med(b, w)
        if x is None or y is None or y == 0:
            return f"- {text}: –"
        return f"- {text}: **{x / y:.3g}×** ({x:,.0f} / {y:,.0f} req/s, medians)"

    out.append("")
    for backend in ("pg", "sqlite"):
        tag = "PostgreSQL" if backend == "pg" else "SQLite"
        out.append(ratio(f"ours-{backend}-nocache", "postgraphile", "role", f"ours on {tag}, cache off ÷ PostGraphile, role page"))
    out.append(ratio("ours-pg", "postgraphile", "rotate", "ours on PostgreSQL, default ÷ PostGraphile, rotating role pages"))
    out.append(ratio("ours-pg", "postgraphile", "list", "ours on PostgreSQL, default ÷ PostGraphile, 50-role list"))
    out.append(ratio("ours-pg", "replay", "role", "ours on PostgreSQL, default ÷ replay ceiling, role page"))
    out.append(ratio("ours-sqlite", "replay", "role", "ours on SQLite, default ÷ replay ceiling, role page"))
    print("\n".join(out))


def main():
    """Command-line entry point."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("prepare")
    a.add_argument("--ours", action="append", required=True, help="NAME=URL of our servers; the first is the reference")
    a.add_argument("--pgl", required=True, help="PostGraphile's GraphQL URL")
    a.add_argument("--slugs", required=True, help="file with the rotation's role slugs")
    a.add_argument("--out", required=True)
    c = sub.add_parser("cpu")
    g = c.add_mutually_exclusive_group(required=True)
    g.add_argument("--pid", type=int)
    g.add_argument("--postmaster", type=int)
    r = sub.add_parser("report")
    r.add_argument("--tsv", required=True)
    r.add_argument("--rss", required=True)
    r.add_argument("--order", default="")
    r.add_argument("--label", action="append")
    r.add_argument("--hz", type=float, default=float(os.sysconf("SC_CLK_TCK")))
    args = p.parse_args()
    {"prepare": prepare, "cpu": cpu, "report": report}[args.cmd](args)


if __name__ == "__main__":
    main()
