//! Ranked, typo-tolerant search over role titles, alternate titles, skills and
//! certifications, in memory, for autocomplete.
//!
//! Labels are split into lower-case words. Every query word must match a word of the label:
//! exactly (1.0), as a prefix when it is the last word typed (0.85), or within an edit distance
//! of 1 (words of 4–7 letters) or 2 (8 and more) (0.7, 0.6). A label's score is the mean of its
//! word scores times the kind's boost (titles 1.0, alternate titles 0.9, skills and
//! certifications 0.8), plus 0.1 when the label starts with the query; each entity keeps its
//! best label. A query with a known abbreviation (`IT`, `CIO`, `VP`, …) is also scored spelled
//! out, at 0.95 of a literal match, so `IT Manager` finds Information Technology Manager.

use std::collections::HashMap;

/// What a search entry points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Role,
    Skill,
    Certification,
}

/// One searchable label.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    /// Database id of the role, skill or certification.
    pub id: i32,
    /// Shared with the model's row where the label is an alternate title.
    pub label: std::sync::Arc<str>,
    pub boost: f64,
}

/// A ranked match.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub kind: EntryKind,
    pub id: i32,
    /// The label that matched best.
    pub label: String,
    pub score: f64,
}

/// The index: entries, their normalized labels, and an inverted index of words.
#[derive(Debug, Default)]
pub struct TextIndex {
    entries: Vec<Entry>,
    /// Normalized labels (their words joined by spaces), parallel to `entries`, in one
    /// buffer: a string per entry would cost a pointer, two lengths and an allocation each.
    normalized: Labels,
    /// Distinct words, sorted (for prefix ranges), in one buffer like `normalized`.
    vocabulary: Labels,
    /// Entry indices per word of `vocabulary`: word `w`'s are
    /// `postings[posting_start[w]..posting_start[w + 1]]`.
    posting_start: Vec<u32>,
    postings: Vec<u32>,
    /// Word indices by word length in characters (for fuzzy candidates).
    by_length: Vec<Vec<u32>>,
    /// Entry indices sorted by normalized label (for exact lookups).
    by_label: Vec<u32>,
}

/// Strings held end to end in one buffer, by position.
#[derive(Debug, Default)]
struct Labels {
    text: String,
    /// End of each string in `text`.
    ends: Vec<u32>,
}

impl Labels {
    fn new(labels: impl Iterator<Item = String>) -> Self {
        let mut all = Self::default();
        for label in labels {
            all.text.push_str(&label);
            all.ends.push(all.text.len() as u32);
        }
        all.text.shrink_to_fit();
        all.ends.shrink_to_fit();
        all
    }

    /// String `i`.
    fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// Number of strings.
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The strings from `start` on, with their positions.
    fn iter_from(&self, start: usize) -> impl Iterator<Item = (u32, &str)> + '_ {
        (start as u32..self.len() as u32).map(|i| (i, self.get(i)))
    }

    /// The first position whose string is not less than `word` (the strings are sorted).
    fn lower_bound(&self, word: &str) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.get(mid as u32) < word {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }
}

/// Lower-case words of `text` (letters and digits).
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl TextIndex {
    /// Indexes `entries`.
    pub fn build(mut entries: Vec<Entry>) -> Self {
        // Built by pushes: drop the spare capacity the index would keep for its lifetime.
        entries.shrink_to_fit();
        let normalized = Labels::new(entries.iter().map(|e| words(&e.label).join(" ")));
        let mut by_label: Vec<u32> = (0..entries.len() as u32).collect();
        by_label.sort_by(|&a, &b| normalized.get(a).cmp(normalized.get(b)));
        let mut map: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, label) in (0..entries.len() as u32)
            .map(|i| normalized.get(i))
            .enumerate()
        {
            for word in label.split(' ').filter(|w| !w.is_empty()) {
                let list = map.entry(word.to_owned()).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        let mut pairs: Vec<(String, Vec<u32>)> = map.into_iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut posting_start = Vec::with_capacity(pairs.len() + 1);
        let mut postings = Vec::with_capacity(pairs.iter().map(|(_, list)| list.len()).sum());
        posting_start.push(0);
        for (_, list) in &pairs {
            postings.extend_from_slice(list);
            posting_start.push(postings.len() as u32);
        }
        let vocabulary = Labels::new(pairs.into_iter().map(|(word, _)| word));
        let mut by_length: Vec<Vec<u32>> = Vec::new();
        for (i, word) in vocabulary.iter_from(0) {
            let len = word.chars().count();
            if by_length.len() <= len {
                by_length.resize(len + 1, Vec::new());
            }
            by_length[len].push(i);
        }
        by_length.iter_mut().for_each(Vec::shrink_to_fit);
        Self {
            entries,
            normalized,
            vocabulary,
            posting_start,
            postings,
            by_length,
            by_label,
        }
    }

    /// The entries whose label is exactly `terms` (as [`words`] splits it), without scoring.
    pub fn exact<'a>(&'a self, terms: &[String]) -> impl Iterator<Item = &'a Entry> + 'a {
        let joined = terms.join(" ");
        let key = |i: &u32| self.normalized.get(*i);
        let start = self.by_label.partition_point(|i| key(i) < joined.as_str());
        self.by_label[start..]
            .iter()
            .take_while(move |i| key(i) == joined)
            .map(|&i| &self.entries[i as usize])
    }

    /// Number of indexed labels.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Vocabulary words matching one query word, with their scores.
    fn candidates(&self, word: &str, last: bool) -> Vec<(u32, f64)> {
        let mut found: Vec<(u32, f64)> = Vec::new();
        let start = self.vocabulary.lower_bound(word);
        if start < self.vocabulary.len() && self.vocabulary.get(start as u32) == word {
            found.push((start as u32, 1.0));
        }
        let len = word.chars().count();
        if last && len >= 2 {
            for (i, w) in self.vocabulary.iter_from(start) {
                if !w.starts_with(word) {
                    break;
                }
                if w != word {
                    found.push((i, 0.85));
                }
            }
        }
        if len >= 4 {
            let max = if len >= 8 { 2 } else { 1 };
            for l in len.saturating_sub(max)..=len + max {
                for &i in self.by_length.get(l).map_or(&[][..], Vec::as_slice) {
                    let d = strsim::levenshtein(word, self.vocabulary.get(i));
                    if d > 0 && d <= max && !found.iter().any(|(j, _)| *j == i) {
                        found.push((i, if d == 1 { 0.7 } else { 0.6 }));
                    }
                }
            }
        }
        found
    }

    /// The best `limit` entities matching `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms = words(query);
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut by_entity: HashMap<(EntryKind, i32), Hit> = HashMap::new();
        self.score_into(&terms, 1.0, &mut by_entity);
        let expanded = expand(&terms);
        if expanded != terms {
            self.score_into(&expanded, EXPANDED, &mut by_entity);
        }
        let mut hits: Vec<Hit> = by_entity.into_values().collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.label.len().cmp(&b.label.len()))
                .then(a.label.cmp(&b.label))
                .then(a.id.cmp(&b.id))
        });
        hits.truncate(limit);
        hits
    }

    /// Scores every entry matching all of `terms` (times `weight`) into `by_entity`, keeping
    /// each entity's best label.
    fn score_into(
        &self,
        terms: &[String],
        weight: f64,
        by_entity: &mut HashMap<(EntryKind, i32), Hit>,
    ) {
        // entry → summed best word scores, for entries that matched every word so far.
        let mut scores: Option<HashMap<u32, f64>> = None;
        for (t, term) in terms.iter().enumerate() {
            let mut best: HashMap<u32, f64> = HashMap::new();
            for (word, score) in self.candidates(term, t + 1 == terms.len()) {
                let w = word as usize;
                let (from, to) = (self.posting_start[w], self.posting_start[w + 1]);
                for &entry in &self.postings[from as usize..to as usize] {
                    let slot = best.entry(entry).or_insert(0.0);
                    *slot = slot.max(score);
                }
            }
            scores = Some(match scores {
                None => best,
                Some(previous) => previous
                    .into_iter()
                    .filter_map(|(entry, sum)| best.get(&entry).map(|s| (entry, sum + s)))
                    .collect(),
            });
        }
        let joined = terms.join(" ");
        for (entry, sum) in scores.unwrap_or_default() {
            let e = &self.entries[entry as usize];
            let starts = if self.normalized.get(entry).starts_with(&joined) {
                0.1
            } else {
                0.0
            };
            let score = sum / terms.len() as f64 * e.boost * weight + starts;
            let hit = Hit {
                kind: e.kind,
                id: e.id,
                label: e.label.to_string(),
                score,
            };
            match by_entity.get(&(e.kind, e.id)) {
                Some(old)
                    if (old.score, std::cmp::Reverse(old.label.len()))
                        >= (score, std::cmp::Reverse(e.label.len())) => {}
                _ => {
                    by_entity.insert((e.kind, e.id), hit);
                }
            }
        }
    }
}

/// What a match through an expanded abbreviation is worth against a literal one.
const EXPANDED: f64 = 0.95;

/// Abbreviations people write in job titles, and the words titles spell out.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ai", "artificial intelligence"),
    ("cfo", "chief financial officer"),
    ("cio", "chief information officer"),
    ("ciso", "chief information security officer"),
    ("coo", "chief operating officer"),
    ("cto", "chief technology officer"),
    ("dba", "database administrator"),
    ("hr", "human resources"),
    ("it", "information technology"),
    ("mgr", "manager"),
    ("ml", "machine learning"),
    ("qa", "quality assurance"),
    ("rn", "registered nurse"),
    ("sr", "senior"),
    ("vp", "vice president"),
];

/// `terms` with every known abbreviation spelled out (README "Search").
pub fn expand(terms: &[String]) -> Vec<String> {
    terms
        .iter()
        .flat_map(
            |t| match ABBREVIATIONS.binary_search_by(|(a, _)| (*a).cmp(t.as_str())) {
                Ok(i) => ABBREVIATIONS[i].1.split(' ').map(str::to_owned).collect(),
                Err(_) => vec![t.clone()],
            },
        )
        .collect()
}

/// The words a title may be asked by: the whole title, and for `Chief Information Officer
/// (CIO)` also the part before the parentheses and the part inside them.
pub fn title_forms(title: &str) -> Vec<Vec<String>> {
    let mut forms = vec![words(title)];
    if let Some((before, rest)) = title.split_once('(') {
        forms.push(words(before));
        forms.push(words(rest.split(')').next().unwrap_or_default()));
    }
    forms.retain(|f| !f.is_empty());
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> TextIndex {
        let e = |kind, id, label: &str, boost| Entry {
            kind,
            id,
            label: label.into(),
            boost,
        };
        TextIndex::build(vec![
            e(
                EntryKind::Role,
                1,
                "Computer and Information Systems Managers",
                1.0,
            ),
            e(EntryKind::Role, 1, "IT Director", 0.9),
            e(EntryKind::Role, 2, "Software Developers", 1.0),
            e(EntryKind::Role, 3, "Senior IT Manager", 1.0),
            e(EntryKind::Skill, 9, "Project Management", 0.8),
        ])
    }

    #[test]
    fn exact_prefix_and_typo_matches_rank_in_that_order() {
        let idx = index();
        let hits = idx.search("IT director", 5);
        assert_eq!(
            (hits[0].kind, hits[0].id, hits[0].label.as_str()),
            (EntryKind::Role, 1, "IT Director")
        );
        // Prefix of the last word, for autocomplete.
        assert_eq!(idx.search("softw", 5)[0].id, 2);
        // One typo.
        assert_eq!(idx.search("sofware developers", 5)[0].id, 2);
        // Two typos in a long word.
        assert_eq!(idx.search("managment project", 5)[0].id, 9);
        // Every word must match.
        assert!(idx.search("software manager zebra", 5).is_empty());
        assert!(idx.search("   ", 5).is_empty());
    }

    #[test]
    fn abbreviations_find_the_spelled_out_title_first() {
        let idx = TextIndex::build(vec![
            Entry {
                kind: EntryKind::Role,
                id: 1,
                label: "Information Technology Manager".into(),
                boost: 1.0,
            },
            Entry {
                kind: EntryKind::Role,
                id: 2,
                label: "IT Manager".into(),
                boost: 0.9,
            },
            Entry {
                kind: EntryKind::Role,
                id: 3,
                label: "Chief Information Officer".into(),
                boost: 1.0,
            },
        ]);
        let hits = idx.search("IT manager", 5);
        assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(idx.search("CIO", 5)[0].id, 3);
        assert!(
            ABBREVIATIONS.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted for binary search"
        );
    }

    #[test]
    fn an_entity_appears_once_with_its_best_label() {
        let hits = index().search("it", 10);
        let ones = hits
            .iter()
            .filter(|h| h.kind == EntryKind::Role && h.id == 1)
            .count();
        assert_eq!(ones, 1);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn a_title_is_asked_by_itself_and_by_its_parts_around_parentheses() {
        assert_eq!(
            title_forms("Chief Information Officer (CIO)"),
            vec![
                words("Chief Information Officer (CIO)"),
                words("Chief Information Officer"),
                words("CIO"),
            ]
        );
        assert_eq!(title_forms("Data Analyst"), vec![words("Data Analyst")]);
    }
}
