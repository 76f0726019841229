//! Tool arguments that name a role or an area, resolved to what the GraphQL query takes: a role
//! by slug or by its exact title or alternate title, an area by code or exact name. Anything
//! else is refused with the argument named and the closest matches (from the same search as
//! GraphQL `search` and `areas`), so an assistant can correct itself.

use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::career::text_index::{EntryKind, expand, words};
use crate::model::ReadModel;
use crate::model::place::Places;
use crate::service::place::areas;

/// How many close matches a refusal lists.
const SUGGESTIONS: usize = 5;

/// A close match offered for an argument that matched nothing.
#[derive(Clone, Debug, Serialize)]
pub struct Suggestion {
    /// What to pass instead: a role slug or an area code.
    pub value: String,
    /// The role's title or the area's name.
    pub name: String,
}

/// An argument that names no role or area (or several roles).
#[derive(Clone, Debug, Serialize)]
pub struct ArgumentError {
    /// The argument, as a path (`to`, `via[1]`, `profile.currentRole`).
    pub argument: String,
    /// What is wrong, naming the argument and the suggestions.
    pub message: String,
    /// The closest matches, best first.
    pub suggestions: Vec<Suggestion>,
}

impl ArgumentError {
    fn new(argument: &str, problem: String, suggestions: Vec<Suggestion>) -> Self {
        let message = if suggestions.is_empty() {
            format!("argument `{argument}`: {problem}")
        } else {
            let listed: Vec<String> = suggestions
                .iter()
                .map(|s| format!("`{}` ({})", s.value, s.name))
                .collect();
            format!(
                "argument `{argument}`: {problem}; closest: {}",
                listed.join(", ")
            )
        };
        Self {
            argument: argument.to_owned(),
            message,
            suggestions,
        }
    }
}

/// What a resolver does with one text argument.
type Resolve<'a> = dyn Fn(&str, &str) -> Result<String, ArgumentError> + 'a;

/// Replaces each string (or string in a list) at `path` in `args` by what `resolve` makes of it.
/// Absent, null and non-string values are left for the GraphQL layer to judge.
pub fn resolve_at(
    args: &mut Map<String, Json>,
    path: &str,
    resolve: &Resolve<'_>,
) -> Result<(), ArgumentError> {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    let Some(value) = args.get_mut(head) else {
        return Ok(());
    };
    match (rest, value) {
        (Some(rest), Json::Object(inner)) => resolve_at(inner, rest, &|arg, text| {
            resolve(&format!("{head}.{arg}"), text)
        }),
        (None, Json::String(text)) => {
            *text = resolve(head, text)?;
            Ok(())
        }
        (None, Json::Array(items)) => {
            for (i, item) in items.iter_mut().enumerate() {
                if let Json::String(text) = item {
                    *text = resolve(&format!("{head}[{i}]"), text)?;
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The slug of the role `text` names: a slug, else the one role with that title (case and
/// punctuation aside, abbreviations spelled out), else the one role with that alternate title.
pub fn role(m: &ReadModel, argument: &str, text: &str) -> Result<String, ArgumentError> {
    let wanted = text.trim();
    for candidate in [wanted.to_owned(), wanted.to_lowercase()] {
        if m.role_index(&candidate).is_some() {
            return Ok(candidate);
        }
    }
    // The roles the text names exactly: by title or a form of it (abbreviations spelled
    // out), else by alternate title. Both without scoring the whole index.
    let asked = words(wanted);
    let spelled = expand(&asked);
    let named = |form: &[String]| *form == asked || *form == spelled;
    let mut exact: Vec<usize> = (0..m.roles.len())
        .filter(|&i| m.title_forms[i].iter().any(|f| named(f)))
        .collect();
    if exact.is_empty() {
        for terms in [&asked, &spelled] {
            for entry in m.graph.text.exact(terms) {
                if let Some(i) = (entry.kind == EntryKind::Role)
                    .then(|| m.role_index_of_id(entry.id))
                    .flatten()
                    && !exact.contains(&i)
                {
                    exact.push(i);
                }
            }
        }
    }
    // Nothing exact: the closest roles, best first, each once.
    let closest = || {
        let mut seen: Vec<usize> = Vec::new();
        for hit in m.graph.text.search(wanted, 50) {
            if let Some(i) = (hit.kind == EntryKind::Role)
                .then(|| m.role_index_of_id(hit.id))
                .flatten()
                && !seen.contains(&i)
            {
                seen.push(i);
            }
        }
        seen
    };
    let suggest = |roles: &mut dyn Iterator<Item = usize>| -> Vec<Suggestion> {
        roles
            .take(SUGGESTIONS)
            .map(|i| Suggestion {
                value: m.roles[i].slug.clone(),
                name: m.roles[i].title.clone(),
            })
            .collect()
    };
    match exact.as_slice() {
        [one] => Ok(m.roles[*one].slug.clone()),
        [] => Err(ArgumentError::new(
            argument,
            format!("no role is called `{wanted}`"),
            suggest(&mut closest().into_iter()),
        )),
        several => Err(ArgumentError::new(
            argument,
            format!(
                "`{wanted}` is a title of {} roles: pass a slug",
                several.len()
            ),
            suggest(&mut several.iter().copied()),
        )),
    }
}

/// `text` when it names an area (code, USPS code or exact name); else the closest areas: those
/// the text is in, else those one of its words is in (longest word first), else the names
/// nearest to it as spelled.
pub fn area(p: &Places, argument: &str, text: &str) -> Result<String, ArgumentError> {
    if p.find_area(text).is_some() {
        return Ok(text.to_owned());
    }
    let near = |needle: &str| areas(p, Some(needle), None, SUGGESTIONS as i32).unwrap_or_default();
    let mut found = near(text);
    if found.is_empty() {
        let mut words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        found = words
            .into_iter()
            .map(near)
            .find(|f| !f.is_empty())
            .unwrap_or_default();
    }
    if found.is_empty() {
        // A misspelling: the names nearest to the text (Jaro-Winkler, as typed).
        let needle = text.trim().to_lowercase();
        let mut near: Vec<(f64, usize)> = p
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (strsim::jaro_winkler(&needle, &a.title.to_lowercase()), i))
            .filter(|(score, _)| *score >= 0.85)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found = near.into_iter().take(SUGGESTIONS).map(|(_, i)| i).collect();
    }
    let suggestions = found
        .into_iter()
        .map(|i| Suggestion {
            value: p.areas[i].code.clone(),
            name: p.areas[i].title.clone(),
        })
        .collect();
    Err(ArgumentError::new(
        argument,
        format!("no area is called `{}`", text.trim()),
        suggestions,
    ))
}
