//! The MCP tools: each one is a GraphQL document kept beside this file (`tools/*.graphql`),
//! executed against the same schema as `/graphql`, so a tool's answer is the GraphQL answer to
//! the same question. This table adds what an assistant needs to pick and call a tool: a name,
//! a description, and which arguments name roles or areas (resolved from titles and names
//! before the query runs, with suggestions when they match nothing).

/// How an argument that names a role reads, wherever one is asked.
const ROLE: &str = "The role: its slug (`it-manager`) or its exact title or alternate title \
    (`IT Manager`, case-insensitive). For looser text use `find_role` first; an unknown role \
    answers an error listing the closest roles.";

/// How an argument that names an area reads.
const AREA: &str = "A US area: a USPS state code (`TX`), a BLS area code (`0600000`) or an \
    exact state or metro area name (`Austin-Round Rock-San Marcos, TX`), case-insensitive. An \
    unknown area answers an error listing the closest areas.";

/// One tool.
#[derive(Debug)]
pub struct ToolSpec {
    /// The tool's name (what `tools/call` names).
    pub name: &'static str,
    /// A human-readable title.
    pub title: &'static str,
    /// What the tool answers and when to use it.
    pub description: &'static str,
    /// The GraphQL query it runs.
    pub document: &'static str,
    /// Arguments that name a role (a path: `profile.currentRole`; list arguments too).
    pub roles: &'static [&'static str],
    /// Arguments that name an area.
    pub areas: &'static [&'static str],
    /// Descriptions of arguments where the schema's own would mislead (every other argument
    /// is described by the schema's text for the GraphQL argument it is passed to).
    pub described: &'static [(&'static str, &'static str)],
}

impl ToolSpec {
    /// The description of argument `name`, when this table gives one.
    pub fn describe(&self, name: &str) -> Option<&'static str> {
        if self.roles.contains(&name) {
            return Some(ROLE);
        }
        if self.areas.contains(&name) {
            return Some(AREA);
        }
        self.described
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
    }
}

/// Every tool, in the order `tools/list` gives them.
pub const TOOLS: &[ToolSpec] = &[
    ToolSpec {
        name: "find_role",
        title: "Find a role",
        description: "Find roles (occupations and job titles) by title or alternate title, best \
            match first; tolerates typos and partial words. Use it to turn what a person calls \
            their job into the role slug the other tools take.",
        document: include_str!("tools/find_role.graphql"),
        roles: &[],
        areas: &[],
        described: &[
            (
                "query",
                "What the person calls the role, e.g. `head of IT` or `nurse`.",
            ),
            ("first", "How many roles, 1–50."),
        ],
    },
    ToolSpec {
        name: "role_profile",
        title: "Role profile",
        description: "A role's profile: what it pays (every figure from one named source; \
            `basis` ROLE is the role's own source, OCCUPATION_BENCHMARK is BLS figures for its \
            whole occupation) with the BLS occupation benchmark beside it, outlook, experience, \
            education, the skills it needs (O*NET importance and level, or a source's share), \
            the certifications it values and the moves people make out of it.",
        document: include_str!("tools/role_profile.graphql"),
        roles: &["role"],
        areas: &[],
        described: &[(
            "skills",
            "How many skills, heaviest first, 1–100 (default 15).",
        )],
    },
    ToolSpec {
        name: "career_routes",
        title: "Career routes between two roles",
        description: "The best multi-step career routes from one role to another, best first, \
            each with its score and the parts that make it, and per step: the move's kind and \
            source, typical years, likelihood, salary change (like for like, or NOT_COMPARABLE \
            with no figures) and the skills and certifications to gain. The options are those \
            of GraphQL `careerRoutes`.",
        document: include_str!("tools/career_routes.graphql"),
        roles: &["from", "to", "via", "avoid"],
        areas: &["area"],
        described: &[
            (
                "via",
                "Roles every route must pass through (slugs or exact titles, at most 8).",
            ),
            (
                "avoid",
                "Roles no route may pass through (slugs or exact titles).",
            ),
        ],
    },
    ToolSpec {
        name: "next_steps",
        title: "Next steps from a role",
        description: "Where a role leads: the moves people make out of it (kind, likelihood, \
            typical years, salary change and the source stating each), and every role reachable \
            within `depth` moves, nearest first.",
        document: include_str!("tools/next_steps.graphql"),
        roles: &["role"],
        areas: &[],
        described: &[],
    },
    ToolSpec {
        name: "compare_roles",
        title: "Compare two roles",
        description: "Two roles side by side: pay (like for like), outlook, experience, the \
            skills and certifications they share and those only one needs; with `area`, both \
            roles' BLS pay in that state or metro area.",
        document: include_str!("tools/compare_roles.graphql"),
        roles: &["a", "b"],
        areas: &["area"],
        described: &[],
    },
    ToolSpec {
        name: "match_roles",
        title: "Roles that fit a person",
        description: "Roles that fit a person's skills, best first, with the score explained: \
            how much of the role's needs the person covers, how much of what sets the person \
            apart the role uses, the job-zone cost, the person's strengths for it, what is \
            missing, the pay change from the current role and a one-line summary. Skills are \
            names or slugs (`Project Management`, `programming`), each with an optional level \
            on O*NET's 0–7 scale.",
        document: include_str!("tools/match_roles.graphql"),
        roles: &["profile.currentRole"],
        areas: &["profile.area"],
        described: &[],
    },
    ToolSpec {
        name: "learn_next",
        title: "What to learn next",
        description: "Skills to learn next, best first: with a `goal` role, by how far each \
            moves the person toward it (and toward the roles on the best routes to it); else by \
            how many roles each makes fit. Each with the roles it unlocks, the pay upside and \
            certifications that teach it. Never a skill already held at the level needed.",
        document: include_str!("tools/learn_next.graphql"),
        roles: &["profile.currentRole", "goal"],
        areas: &["profile.area"],
        described: &[],
    },
    ToolSpec {
        name: "role_pay_in_area",
        title: "Pay for a role in a state or metro area",
        description: "What a role's occupation earns in one US state or metro area (BLS OEWS \
            May 2025: employment, annual and hourly percentiles, location quotient), beside the \
            national figures and the role's own pay with its source.",
        document: include_str!("tools/role_pay_in_area.graphql"),
        roles: &["role"],
        areas: &["area"],
        described: &[],
    },
];
