//! Route sets as diagram text: Mermaid flowcharts and Graphviz DOT.

use super::search::FoundRoute;
use super::snapshot::GraphSnapshot;

/// Distinct roles and moves of a route set, in first-seen order.
fn parts(routes: &[FoundRoute]) -> (Vec<usize>, Vec<usize>) {
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    for route in routes {
        for &n in &route.nodes {
            if !nodes.contains(&n) {
                nodes.push(n);
            }
        }
        for &e in &route.edges {
            if !edges.contains(&e) {
                edges.push(e);
            }
        }
    }
    (nodes, edges)
}

/// A Mermaid `flowchart LR` of every role and move in `routes`.
pub fn mermaid(g: &GraphSnapshot, routes: &[FoundRoute]) -> String {
    let (nodes, edges) = parts(routes);
    let mut out = String::from("flowchart LR\n");
    for n in nodes {
        let title = g.roles[n].title.replace('"', "#quot;");
        out.push_str(&format!("  n{n}[\"{title}\"]\n"));
    }
    for e in edges {
        let edge = &g.edges[e];
        out.push_str(&format!(
            "  n{} -->|{}| n{}\n",
            edge.from(),
            edge.kind,
            edge.to()
        ));
    }
    out
}

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A Graphviz `digraph` of every role and move in `routes`.
pub fn dot(g: &GraphSnapshot, routes: &[FoundRoute]) -> String {
    let (nodes, edges) = parts(routes);
    let mut out = String::from("digraph routes {\n  rankdir=LR;\n  node [shape=box];\n");
    for n in nodes {
        out.push_str(&format!(
            "  n{n} [label=\"{}\"];\n",
            dot_escape(&g.roles[n].title)
        ));
    }
    for e in edges {
        let edge = &g.edges[e];
        out.push_str(&format!(
            "  n{} -> n{} [label=\"{}\"];\n",
            edge.from(),
            edge.to(),
            edge.kind
        ));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::career::snapshot::tests::graph;

    #[test]
    fn shared_roles_and_moves_appear_once() {
        let g = graph(
            3,
            &[(0, 1, None, None), (1, 2, None, None), (0, 2, None, None)],
        );
        let routes = vec![
            FoundRoute {
                nodes: vec![0, 1, 2],
                edges: vec![0, 1],
                cost: 2,
            },
            FoundRoute {
                nodes: vec![0, 2],
                edges: vec![2],
                cost: 1,
            },
        ];
        let m = mermaid(&g, &routes);
        assert_eq!(m.matches("-->").count(), 3);
        assert_eq!(m.matches("[\"Role 00\"]").count(), 1);
        assert!(m.starts_with("flowchart LR\n"));
        let d = dot(&g, &routes);
        assert_eq!(d.matches("->").count(), 3);
        assert!(d.contains("n0 -> n1 [label=\"promotion\"]"));
        assert!(d.trim_end().ends_with('}'));
    }

    #[test]
    fn labels_are_escaped() {
        assert_eq!(dot_escape(r#"A "B" \C"#), r#"A \"B\" \\C"#);
    }
}
