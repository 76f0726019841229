// The README's example queries, one click away in /graphiql (keep in step with README.md).
export const examples = [
  {
    name: "role-pay",
    label: "Pay and skills of a role",
    query: `# What does a Senior Manager, Infrastructure earn and need, and according to whom?
query RolePay {
  role(slug: "senior-manager-infrastructure") {
    title
    pay { averageSalary hourlyRate salaryRange { low high } highestPayingState sources { key } }
    outlook { growthRatePct jobs }
    education { degree degreeSharePct major }
    skills(first: 3) { skill { name } rank sharePct }
    comparedWith { title pay { averageSalary } }
  }
}
`,
  },
  {
    name: "role-moves",
    label: "How people get there",
    query: `# How do people become a Senior IT Manager, and where do they go next?
query RoleMoves {
  role(slug: "senior-it-manager") {
    previousMoves { from { title } kind }
    nextMoves { to { title } kind likelihood derived description source { key } }
    certifications(relevance: READINESS) { certification { acronym name } note }
    duties { description source { key } }
  }
}
`,
  },
  {
    name: "browse",
    label: "Browse and sort roles",
    query: `# Browse, search, filter and sort (Relay connections; first is 1–100)
query Browse {
  roles(first: 10, search: "manager", filter: { seniorityMin: 4 },
        orderBy: { field: SALARY, direction: DESC }) {
    totalCount
    edges { cursor node { slug title pay { headlineSalary } } }
    pageInfo { hasNextPage endCursor }
  }
  skill(slug: "project-management") { roles { role { title } sharePct } }
  sources { key title }
}
`,
  },
  {
    name: "search",
    label: "Search",
    query: `# Search titles, alternate titles, skills and certifications (typo-tolerant)
query Search {
  search(query: "sofware develop", first: 5) { kind score matchedText role { slug title } skill { name } }
}
`,
  },
  {
    name: "plan",
    label: "Plan a move",
    query: `# The best routes from IT Manager to CIO, what each step takes and what to learn on the way
query PlanMove {
  careerRoutes(from: "information-technology-manager", to: "chief-information-officer",
               first: 5, optimize: BALANCED, maxSteps: 6, via: [], avoid: []) {
    complete
    routes {
      rank
      roles { title }
      totals { steps years likelihood salaryChange { amount percent } }
      score { cost components { name value weight contribution } }
      steps { move { kind description source { key } }
              skillGap { skills { skill { name } reason } certifications { certification { acronym } } } }
    }
    mermaid
  }
  nextSteps(role: "senior-it-manager", depth: 1) { role { title } distance }
  feederRoles(role: "senior-it-manager", depth: 2) { role { title } distance }
  skillGap(from: "information-technology-technical-lead", to: "information-technology-systems-manager") {
    skills { skill { name } reason target { sharePct } current { sharePct } }
  }
  compareRoles(a: "senior-manager-infrastructure", b: "information-technology-manager") {
    averageSalary { a b difference percent }
    jobs { a b difference }
    sharedSkills { skill { name } } skillsOnlyInA { skill { name } } skillsOnlyInB { skill { name } }
    documentedBy { key }
  }
}
`,
  },
];
