//! The GraphQL modules' import graph, read from their source: sibling modules (the files and
//! directories of one directory) must import one another one way only, and the use-case query
//! modules (those defining a `…Query` object) must not import each other at all.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use pathfinding::directed::topological_sort::topological_sort;

/// A module path below `crate::graphql`, e.g. `["graph", "role"]`; `[]` is `graphql` itself.
type ModPath = Vec<String>;

/// A source file: its module path and its text (tests and comments removed).
struct Source {
    module: ModPath,
    text: String,
}

/// The module path of a file at `relative` (to `src/graphql`): `graph/mod.rs` is `["graph"]`.
fn module_of(relative: &Path) -> ModPath {
    let mut parts: ModPath = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its trailing `#[cfg(test)]` module, whose
/// `super` means the file itself.
fn code(text: &str) -> String {
    let text = text
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn read_sources(dir: &Path, root: &Path, out: &mut Vec<Source>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "layering.rs")
        {
            let relative = path.strip_prefix(root).unwrap();
            out.push(Source {
                module: module_of(relative),
                text: code(&std::fs::read_to_string(&path).unwrap()),
            });
        }
    }
}

/// The identifier at the start of `s` and the rest.
fn ident(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    s.split_at(end)
}

/// Every path a `use` tree or expression starting at `s` (just after `prefix::`) names, as
/// segments after the prefix: `a::B` gives `[a, B]`, `{a::B, c}` gives `[a, B]` and `[c]`.
fn paths(s: &str) -> Vec<ModPath> {
    let s = s.trim_start();
    if let Some(group) = s.strip_prefix('{') {
        let mut depth = 0;
        let mut items = Vec::new();
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    items.push(&group[start..i]);
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(&group[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return items.into_iter().flat_map(paths).collect();
    }
    let (head, rest) = ident(s);
    if head.is_empty() {
        return vec![Vec::new()];
    }
    match rest.strip_prefix("::") {
        Some(rest) => paths(rest)
            .into_iter()
            .map(|mut p| {
                p.insert(0, head.to_owned());
                p
            })
            .collect(),
        None => vec![vec![head.to_owned()]],
    }
}

/// Every module path `source` refers to through `super::` or `crate::graphql::`.
fn references(source: &Source) -> Vec<ModPath> {
    let mut out = Vec::new();
    let text = &source.text;
    for (at, _) in text.match_indices("crate::graphql::") {
        for p in paths(&text[at + "crate::graphql::".len()..]) {
            out.push(p);
        }
    }
    let mut at = 0;
    while let Some(found) = text[at..].find("super::") {
        let start = at + found;
        // Only the first `super::` of a `super::super::…` chain.
        let preceded = text[..start].ends_with("super::")
            || text[..start]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let mut rest = &text[start..];
        let mut base = source.module.clone();
        while let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
        }
        if !preceded {
            for p in paths(rest) {
                out.push(base.iter().cloned().chain(p).collect());
            }
        }
        at = start + "super::".len();
    }
    out
}

/// Import edges between siblings, by parent module: `parent → {(from, to)}`.
fn sibling_edges(sources: &[Source]) -> BTreeMap<ModPath, BTreeSet<(String, String)>> {
    let modules: BTreeSet<ModPath> = sources.iter().map(|s| s.module.clone()).collect();
    let mut edges: BTreeMap<ModPath, BTreeSet<(String, String)>> = BTreeMap::new();
    for source in sources {
        for path in references(source) {
            // The module the path names: its longest prefix that is a module.
            let target = (0..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| p.is_empty() || modules.contains(p))
                .unwrap_or_default();
            let from = &source.module;
            let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == target.len() {
                continue; // an ancestor, the module itself or one of its children
            }
            edges
                .entry(from[..common].to_vec())
                .or_default()
                .insert((from[common].clone(), target[common].clone()));
        }
    }
    edges
}

/// The siblings in an order where each imports only those after it; the error names a
/// module on a circle.
fn import_order(edges: &BTreeSet<(String, String)>) -> Result<Vec<String>, String> {
    let nodes: Vec<String> = edges
        .iter()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    topological_sort(&nodes, |n: &String| {
        edges
            .iter()
            .filter(|(a, _)| a == n)
            .map(|(_, b)| b.clone())
            .collect::<Vec<_>>()
    })
}

fn sources(files: &[(&str, &str)]) -> Vec<Source> {
    files
        .iter()
        .map(|(path, text)| Source {
            module: module_of(Path::new(path)),
            text: code(text),
        })
        .collect()
}

#[test]
fn sibling_graphql_modules_import_one_way_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/graphql");
    let mut all = Vec::new();
    read_sources(&root, &root, &mut all);
    assert!(all.len() > 10, "read {} files under {root:?}", all.len());
    let edges = sibling_edges(&all);
    for (parent, edges) in &edges {
        let order = import_order(edges);
        assert!(
            order.is_ok(),
            "import circle through `{}` under graphql::{parent:?}: {edges:?}",
            order.unwrap_err()
        );
    }
    // The use-case modules (defining a `…Query` object) import nodes and values, never
    // each other.
    let use_cases: BTreeSet<String> = all
        .iter()
        .filter(|s| s.text.contains("Query;") && s.module.len() == 1)
        .map(|s| s.module[0].clone())
        .collect();
    assert!(use_cases.contains("career") && use_cases.contains("role"));
    let crossing: Vec<_> = edges
        .get(&Vec::new())
        .into_iter()
        .flatten()
        .filter(|(a, b)| use_cases.contains(a) && use_cases.contains(b))
        .collect();
    assert!(
        crossing.is_empty(),
        "use cases import each other: {crossing:?}"
    );
    // The node types sit below every use case.
    let root_edges = &edges[&Vec::new()];
    assert!(root_edges.contains(&("career".into(), "graph".into())));
    assert!(
        !root_edges
            .iter()
            .any(|(a, b)| a == "graph" && use_cases.contains(b))
    );
}

#[test]
fn a_circle_between_siblings_is_found() {
    let files = sources(&[
        (
            "role.rs",
            "use super::catalog::Skill;\nuse crate::graphql::kit::View;",
        ),
        ("catalog.rs", "use super::{kit::At, place::Area};"),
        ("place.rs", "fn f() { super::role::Role::at(); }"),
        ("kit.rs", "use crate::model::ReadModel;"),
    ]);
    let edges = sibling_edges(&files);
    let root = &edges[&Vec::new()];
    assert!(root.contains(&("catalog".into(), "place".into())));
    assert!(root.contains(&("role".into(), "kit".into())));
    assert!(import_order(root).is_err());
}

#[test]
fn imports_through_a_directory_s_own_module_are_not_circles() {
    let files = sources(&[
        (
            "graph/mod.rs",
            "mod role;\npub use role::Role;\nuse super::kit::View;",
        ),
        (
            "graph/role.rs",
            "use super::Skill;\nuse super::super::kit::At;",
        ),
        ("graph/catalog.rs", "use super::Role;"),
        ("kit.rs", ""),
        ("role.rs", "use super::graph::Role;"),
    ]);
    let edges = sibling_edges(&files);
    assert!(!edges.contains_key(&vec!["graph".to_owned()]));
    let root = &edges[&Vec::new()];
    assert!(root.contains(&("graph".into(), "kit".into())));
    assert!(root.contains(&("role".into(), "graph".into())));
    assert_eq!(
        import_order(root).unwrap(),
        vec!["role".to_owned(), "graph".into(), "kit".into()]
    );
}
