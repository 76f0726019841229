//! Each role's facts: rows moved out of the tables into their role, linked to its moves and
//! comparisons, sorted into the order the API returns them, and grouped into the items it
//! lists once.

use super::*;
use crate::model::Groups;
use crate::model::rows::{Interner, RoleAlias, RoleTechnology};

/// Every role's facts, each list in the order the API returns it (see [`RoleFacts`]).
pub(super) fn role_facts(t: &mut Tables, ix: &Indexes) -> Vec<RoleFacts> {
    let mut facts = group_by_role(t, ix);
    link_moves(&t.moves, ix, &mut facts);
    link_comparisons(&t.comparisons, ix, &mut facts);
    let as_of: HashMap<i32, &str> = t
        .sources
        .iter()
        .filter_map(|s| Some((s.id, s.as_of.as_deref()?)))
        .collect();
    for f in &mut facts {
        shrink(f);
        sort_facts(f, &as_of);
        f.compared_with = compared_with(&f.comparisons);
        f.sources = role_sources(f, &t.moves, &ix.source_by_id);
    }
    facts
}

/// Drops the spare capacity the grouping's pushes left in a role's lists (up to half of
/// each; the model keeps them for its whole life).
fn shrink(f: &mut RoleFacts) {
    f.profiles.shrink_to_fit();
    f.demographics.shrink_to_fit();
    f.skills.shrink_to_fit();
    f.certifications.shrink_to_fit();
    f.duties.shrink_to_fit();
    f.education.shrink_to_fit();
    f.attributes.shrink_to_fit();
    f.regional_wages.shrink_to_fit();
    f.aliases.shrink_to_fit();
    f.technologies.shrink_to_fit();
    f.statements.shrink_to_fit();
    f.moves_out.shrink_to_fit();
    f.moves_in.shrink_to_fit();
}

/// Moves each fact table's rows out of `t` into their role's [`RoleFacts`], in table (id)
/// order; rows of unknown roles are dropped. [`sort_facts`] orders them afterwards.
fn group_by_role(t: &mut Tables, ix: &Indexes) -> Vec<RoleFacts> {
    let mut facts: Vec<RoleFacts> = (0..ix.roles.len()).map(|_| RoleFacts::default()).collect();
    macro_rules! group {
        ($($table:ident => $list:ident),* $(,)?) => {$(
            for row in std::mem::take(&mut t.$table) {
                if let Some(i) = ix.role(row.role_id) {
                    facts[i as usize].$list.push(row.into());
                }
            }
        )*};
    }
    group!(
        profiles => profiles,
        demographics => demographics,
        role_skills => skills,
        role_certifications => certifications,
        duties => duties,
        education => education,
        attributes => attributes,
        regional_wages => regional_wages,
        statements => statements,
    );
    // Technology names and commodities repeat across roles; alias titles are shared with
    // the search index.
    let mut strings = Interner::default();
    for row in std::mem::take(&mut t.technologies) {
        if let Some(i) = ix.role(row.role_id) {
            let row = RoleTechnology::new(row, &mut strings);
            facts[i as usize].technologies.push(row);
        }
    }
    for row in std::mem::take(&mut t.aliases) {
        if let Some(i) = ix.role(row.role_id) {
            facts[i as usize]
                .aliases
                .push(RoleAlias::new(row, &mut strings));
        }
    }
    facts
}

/// Fills each role's `moves_out`, `moves_in` and `related`. The related roles are collected
/// while both move lists are still in id order (the order of `moves`); only then are the
/// lists sorted most likely first (see [`order_moves`]).
fn link_moves(moves: &[career_move::Model], ix: &Indexes, facts: &mut [RoleFacts]) {
    for (k, m) in moves.iter().enumerate() {
        if let Some(from) = ix.role(m.from_role_id) {
            facts[from as usize].moves_out.push(k as u32);
        }
        if let Some(to) = ix.role(m.to_role_id) {
            facts[to as usize].moves_in.push(k as u32);
        }
    }
    for f in facts {
        f.related = related_roles(f, moves, ix);
        order_moves(&mut f.moves_out, moves, ix, |m| m.to_role_id);
        order_moves(&mut f.moves_in, moves, ix, |m| m.from_role_id);
    }
}

/// Role indices linked to this role by a related-role move, without duplicates: the targets
/// of its outgoing links first, then the origins of its incoming ones, each in move id order.
fn related_roles(f: &RoleFacts, moves: &[career_move::Model], ix: &Indexes) -> Vec<u32> {
    let outgoing = f.moves_out.iter().map(|&k| (k, true));
    let incoming = f.moves_in.iter().map(|&k| (k, false));
    let mut list: Vec<u32> = Vec::new();
    for (k, out) in outgoing.chain(incoming) {
        let m = &moves[k as usize];
        let other = if out { m.to_role_id } else { m.from_role_id };
        if let Some(other) = ix.role(other)
            && m.kind == MoveKind::Related
            && !list.contains(&other)
        {
            list.push(other);
        }
    }
    list
}

/// Sorts move indices most likely first (unknown likelihood last), then by the slug of the
/// role at the `other` end, kind and source; the sort is stable, so full ties keep id order.
fn order_moves(
    list: &mut [u32],
    moves: &[career_move::Model],
    ix: &Indexes,
    other: fn(&career_move::Model) -> i32,
) {
    list.sort_by(|&a, &b| {
        let (a, b) = (&moves[a as usize], &moves[b as usize]);
        let (la, lb) = (a.likelihood.unwrap_or(-1.0), b.likelihood.unwrap_or(-1.0));
        lb.total_cmp(&la)
            .then_with(|| ix.slug_of(other(a)).cmp(&ix.slug_of(other(b))))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.source_id.cmp(&b.source_id))
    });
}

/// Each role's documented comparisons as (other role index, source id): every comparison
/// naming the role as side `a` first, then those naming it as side `b`, each in id order.
fn link_comparisons(comparisons: &[role_comparison::Model], ix: &Indexes, facts: &mut [RoleFacts]) {
    for side_a in [true, false] {
        for c in comparisons {
            let (own, other) = if side_a {
                (c.role_a_id, c.role_b_id)
            } else {
                (c.role_b_id, c.role_a_id)
            };
            if let (Some(own), Some(other)) = (ix.role(own), ix.role(other)) {
                facts[own as usize].comparisons.push((other, c.source_id));
            }
        }
    }
}

/// Sorts a role's fact lists into the order the API returns them (each documented on
/// [`RoleFacts`]; ids break the remaining ties) and sets its headline salary.
fn sort_facts(f: &mut RoleFacts, as_of: &HashMap<i32, &str>) {
    f.profiles.sort_by(|a, b| {
        profile_precedence(a, as_of)
            .cmp(&profile_precedence(b, as_of))
            .then(a.id.cmp(&b.id))
    });
    let dataset = |p: &role_profile::Model| as_of.contains_key(&p.source_id);
    f.benchmark_profile = pay_profile(&f.profiles, dataset);
    f.pay_profile = pay_profile(&f.profiles, |p| !dataset(p)).or(f.benchmark_profile);
    f.headline_salary = f.salary_at(f.pay_profile);
    f.demographics.sort_by(|a, b| {
        a.source_id
            .cmp(&b.source_id)
            .then(b.share_pct.total_cmp(&a.share_pct))
            .then(a.id.cmp(&b.id))
    });
    f.skills.sort_by(|a, b| {
        skill_order(a, b)
            .then(a.source_id.cmp(&b.source_id))
            .then(a.id.cmp(&b.id))
    });
    f.certifications.sort_by_key(|r| (r.source_id, r.id));
    f.duties.sort_by_key(|r| (r.source_id, r.position, r.id));
    f.education.sort_by_key(|r| (r.source_id, r.position, r.id));
    f.attributes.sort_by(|a, b| {
        (a.source_id, &a.kind, a.position, a.id).cmp(&(b.source_id, &b.kind, b.position, b.id))
    });
    f.regional_wages
        .sort_by_key(|r| (r.source_id, r.rank, r.id));
    f.aliases
        .sort_by(|a, b| (a.source_id, &a.title, a.id).cmp(&(b.source_id, &b.title, b.id)));
    f.technologies.sort_by(|a, b| {
        b.hot
            .cmp(&a.hot)
            .then(b.in_demand.cmp(&a.in_demand))
            .then(a.name.cmp(&b.name))
            .then(a.source_id.cmp(&b.source_id))
            .then(a.id.cmp(&b.id))
    });
    f.statements
        .sort_by_key(|r| (r.source_id, r.position, r.id));
    group_facts(f);
}

/// Groups a role's sorted skills, certifications and education rows into the items the API
/// lists each once (`Role.skillItems`, `Role.certificationItems`, `Education.degrees`).
fn group_facts(f: &mut RoleFacts) {
    f.skill_items = groups(&f.skills, |_| true, |r| r.skill_id, |_| 0);
    f.certification_items = groups(
        &f.certifications,
        |_| true,
        |r| r.certification_id,
        |r| r.relevance.strength_rank(),
    );
    let degree = |r: &role_education::Model| requirement_rank(&r.requirement);
    f.degrees = groups(&f.education, |_| true, |r| r.level.as_str(), degree);
    let mut sources: Vec<i32> = f.education.iter().map(|r| r.source_id).collect();
    sources.dedup();
    f.degrees_by_source = sources
        .into_iter()
        .map(|s| {
            let of_source = |r: &role_education::Model| r.source_id == s;
            (
                s,
                groups(&f.education, of_source, |r| r.level.as_str(), degree),
            )
        })
        .collect();
}

/// Positions of the `rows` that `keep` accepts, grouped by `key` (groups in the order their
/// keys first appear, positions in order), then stably sorted by the least `rank` of a group's
/// rows.
fn groups<'a, T, K: PartialEq, R: Ord + Copy>(
    rows: &'a [T],
    keep: impl Fn(&T) -> bool,
    key: impl Fn(&'a T) -> K,
    rank: impl Fn(&T) -> R,
) -> Groups {
    let mut groups: Vec<(K, R, Vec<u32>)> = Vec::new();
    for (pos, row) in rows.iter().enumerate().filter(|(_, r)| keep(r)) {
        let (k, r) = (key(row), rank(row));
        match groups.iter_mut().find(|(g, _, _)| *g == k) {
            Some((_, least, list)) => {
                *least = (*least).min(r);
                list.push(pos as u32);
            }
            None => groups.push((k, r, vec![pos as u32])),
        }
    }
    groups.sort_by_key(|(_, r, _)| *r);
    groups.iter().map(|(_, _, list)| list.as_slice()).collect()
}

/// Where a profile sorts among a role's profiles: sources without an as-of month (the
/// documents, editorial) first, by id, then dataset releases newest first (by as-of month, then
/// id), so merged views take a figure from the newest release that states it.
fn profile_precedence<'a>(
    p: &role_profile::Model,
    as_of: &HashMap<i32, &'a str>,
) -> (bool, std::cmp::Reverse<&'a str>, i32) {
    let month = as_of.get(&p.source_id).copied();
    (
        month.is_some(),
        std::cmp::Reverse(month.unwrap_or("")),
        p.source_id,
    )
}

/// The other roles of `comparisons`, without duplicates, first seen first.
fn compared_with(comparisons: &[(u32, i32)]) -> Vec<u32> {
    let mut compared: Vec<u32> = Vec::new();
    for &(other, _) in comparisons {
        if !compared.contains(&other) {
            compared.push(other);
        }
    }
    compared
}

/// Source indices of every source stating a fact or a move of the role, by source id (a
/// `BTreeSet` of ids, so the list's order does not depend on the order of the facts).
fn role_sources(f: &RoleFacts, moves: &[career_move::Model], source_by_id: &IdIndex) -> Vec<u32> {
    let mut ids: BTreeSet<i32> = BTreeSet::new();
    ids.extend(f.profiles.iter().map(|r| r.source_id));
    ids.extend(f.demographics.iter().map(|r| r.source_id));
    ids.extend(f.skills.iter().map(|r| r.source_id));
    ids.extend(f.certifications.iter().map(|r| r.source_id));
    ids.extend(f.duties.iter().map(|r| r.source_id));
    ids.extend(f.education.iter().map(|r| r.source_id));
    ids.extend(f.attributes.iter().map(|r| r.source_id));
    ids.extend(f.regional_wages.iter().map(|r| r.source_id));
    ids.extend(f.statements.iter().map(|r| r.source_id));
    ids.extend(f.aliases.iter().map(|r| r.source_id));
    ids.extend(f.technologies.iter().map(|r| r.source_id));
    ids.extend(f.comparisons.iter().map(|&(_, source)| source));
    let move_sources = f.moves_out.iter().chain(&f.moves_in);
    ids.extend(move_sources.map(|&k| moves[k as usize].source_id));
    ids.into_iter()
        .filter_map(|id| source_by_id.get(&id).copied())
        .collect()
}
