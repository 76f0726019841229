//! Unit tests of `search`.

use proptest::prelude::*;

use super::*;
use crate::career::snapshot::tests::graph;

fn query(from: usize, to: usize, k: usize, objective: Objective) -> RouteQuery {
    RouteQuery {
        from,
        to,
        k,
        objective,
        max_steps: MAX_STEPS,
        via: vec![],
        avoid: vec![],
        include_related: false,
        similar: None,
    }
}

/// Every loopless route from `q.from` to `q.to` meeting the constraints, with its cost.
fn brute_force(g: &GraphSnapshot, q: &RouteQuery) -> Vec<u64> {
    fn walk(
        g: &GraphSnapshot,
        q: &RouteQuery,
        path: &mut Vec<usize>,
        cost: u64,
        out: &mut Vec<u64>,
    ) {
        let at = *path.last().unwrap();
        if at == q.to {
            if q.via.iter().all(|v| path.contains(v)) {
                out.push(cost);
            }
            return;
        }
        if path.len() > q.max_steps {
            return;
        }
        for pair in &g.out[at] {
            if path.contains(&pair.to()) || q.avoid.contains(&pair.to()) {
                continue;
            }
            if let Some((_, c)) = g.best_edge(pair, q.objective, q.include_related) {
                path.push(pair.to());
                walk(g, q, path, cost + c, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    if q.avoid.contains(&q.from) {
        return out;
    }
    if q.from == q.to {
        return if q.via.iter().all(|&v| v == q.from) {
            vec![0]
        } else {
            vec![]
        };
    }
    walk(g, q, &mut vec![q.from], 0, &mut out);
    out.sort_unstable();
    out.truncate(q.k);
    out
}

#[test]
fn routes_come_cheapest_first_and_cycles_do_not_hang() {
    // 0 → 1 → 3, 0 → 2 → 3, 0 → 3, with a cycle 1 ↔ 2.
    let g = graph(
        4,
        &[
            (0, 1, Some(1.0), None),
            (1, 3, Some(1.0), None),
            (0, 2, Some(2.0), None),
            (2, 3, Some(2.0), None),
            (0, 3, Some(9.0), None),
            (1, 2, Some(0.5), None),
            (2, 1, Some(0.6), None),
        ],
    );
    let found = find_routes(&g, &query(0, 3, 10, Objective::FewestYears));
    let paths: Vec<_> = found.routes.iter().map(|r| r.nodes.clone()).collect();
    // Costs 2, 3.5, 3.6, 4, 9.
    assert_eq!(
        paths,
        vec![
            vec![0, 1, 3],
            vec![0, 1, 2, 3],
            vec![0, 2, 1, 3],
            vec![0, 2, 3],
            vec![0, 3]
        ]
    );
    assert!(found.complete);
    let shortest = find_routes(&g, &query(0, 3, 1, Objective::FewestSteps));
    assert_eq!(shortest.routes[0].nodes, vec![0, 3]);
}

#[test]
fn a_role_to_itself_is_one_empty_route_and_unreachable_is_none() {
    let g = graph(3, &[(0, 1, None, None)]);
    let same = find_routes(&g, &query(1, 1, 5, Objective::Balanced));
    assert_eq!(
        same.routes,
        vec![FoundRoute {
            nodes: vec![1],
            edges: vec![],
            cost: 0
        }]
    );
    assert!(
        find_routes(&g, &query(1, 0, 5, Objective::Balanced))
            .routes
            .is_empty()
    );
    assert!(
        find_routes(&g, &query(0, 2, 5, Objective::Balanced))
            .routes
            .is_empty()
    );
}

#[test]
fn likelihoods_multiply_and_years_default_when_unknown() {
    let g = graph(
        3,
        &[
            (0, 1, None, Some(0.5)),
            (1, 2, Some(2.0), Some(0.5)),
            (0, 2, None, Some(0.2)),
        ],
    );
    let likely = find_routes(&g, &query(0, 2, 2, Objective::MostLikely));
    assert_eq!(likely.routes[0].nodes, vec![0, 1, 2]); // 0.25 > 0.2
    let years = find_routes(&g, &query(0, 2, 2, Objective::FewestYears));
    assert_eq!(years.routes[0].nodes, vec![0, 2]); // 3 (default) < 3 + 2
    assert_eq!(years.routes[0].cost, (DEFAULT_YEARS * UNIT) as u64);
}

fn arb_case() -> impl Strategy<Value = (GraphSnapshot, RouteQuery)> {
    (2usize..8).prop_flat_map(|n| {
        let edge = (
            0..n,
            0..n,
            prop::option::of(0u8..6),
            prop::option::of(1u8..=10),
        );
        (
            prop::collection::vec(edge, 0..24),
            0..n,
            0..n,
            1usize..6,
            prop::sample::select(vec![
                Objective::FewestSteps,
                Objective::FewestYears,
                Objective::HighestSalaryGain,
                Objective::MostLikely,
                Objective::Balanced,
            ]),
            1usize..6,
            prop::collection::vec(0..n, 0..2),
            prop::collection::vec(0..n, 0..2),
        )
            .prop_map(
                move |(edges, from, to, k, objective, max_steps, via, avoid)| {
                    let moves: Vec<_> = edges
                        .into_iter()
                        .filter(|(a, b, _, _)| a != b)
                        .map(|(a, b, y, l)| {
                            (a, b, y.map(f64::from), l.map(|l| f64::from(l) / 10.0))
                        })
                        .collect();
                    let g = graph(n, &moves);
                    let q = RouteQuery {
                        from,
                        to,
                        k,
                        objective,
                        max_steps,
                        via,
                        avoid,
                        include_related: false,
                        similar: None,
                    };
                    (g, q)
                },
            )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn routes_are_the_k_best_valid_routes((g, q) in arb_case()) {
        let found = find_routes(&g, &q);
        prop_assert!(found.complete);
        let costs: Vec<u64> = found.routes.iter().map(|r| r.cost).collect();
        prop_assert_eq!(&costs, &brute_force(&g, &q));
        for route in &found.routes {
            let mut unique = route.nodes.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), route.nodes.len(), "loop in {:?}", route.nodes);
            prop_assert_eq!(route.nodes[0], q.from);
            prop_assert_eq!(*route.nodes.last().unwrap(), q.to);
            prop_assert!(route.edges.len() <= q.max_steps);
            prop_assert!(q.via.iter().all(|v| route.nodes.contains(v)));
            prop_assert!(q.avoid.iter().all(|a| !route.nodes.contains(a)));
            let cost: u64 = route.edges.iter().map(|&e| g.edge_cost(e, q.objective)).sum();
            prop_assert_eq!(cost, route.cost);
            for (i, &e) in route.edges.iter().enumerate() {
                prop_assert_eq!((g.edges[e].from(), g.edges[e].to()), (route.nodes[i], route.nodes[i + 1]));
            }
            // The score breakdown the API shows adds up to the cost the route was ranked by
            // (each move's cost is rounded to 1/UNIT).
            let totals = g.totals(route);
            let explained: f64 = totals.components.iter().zip(q.objective.weights()).map(|(c, w)| c * w).sum();
            let slack = (route.edges.len() as f64 + 1.0) / UNIT;
            prop_assert!((explained - route.cost as f64 / UNIT).abs() <= slack, "{explained} vs {}", route.cost);
            prop_assert_eq!(totals.steps, route.edges.len());
            prop_assert_eq!(totals.components[0], route.edges.len() as f64);
        }
        prop_assert!(costs.windows(2).all(|w| w[0] <= w[1]));
    }
}
