//! BLS's footnote texts, and the pay note that names the figures BLS did not publish.

/// BLS's footnote texts by code, as `footnotes.csv` gives them (the importer checks the file
/// uses no other code).
pub const FOOTNOTE_TEXTS: [(u8, &str); 6] = [
    (
        1,
        "Estimates for detailed occupations do not sum to the totals because the totals include occupations not shown separately. Estimates do not include self-employed workers.",
    ),
    (
        2,
        "Annual wages have been calculated by multiplying the hourly wages by 2,080 hours; for occupations where hourly wages are not published, annual wages were taken directly from the reported survey data.",
    ),
    (
        3,
        "The relative standard error (RSE) is a measure of the reliability of a survey statistic. The smaller the relative standard error, the more precise the estimate.",
    ),
    (
        4,
        "Wages for some occupations that do not generally work year-round, full time, are reported either as hourly wages or annual salaries depending on how they are typically paid.",
    ),
    (
        5,
        "This wage is equal to or greater than $115.00 per hour or $239,200 per year.",
    ),
    (8, "Estimate not released."),
];

/// The text of a BLS footnote code.
pub fn footnote_text(code: u8) -> Option<&'static str> {
    FOOTNOTE_TEXTS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, text)| *text)
}

/// "BLS did not publish …" for a row's footnotes (`A_MEDIAN=5;H_MEDIAN=5`), grouped by code;
/// `None` when there are none.
pub(super) fn unpublished_note(footnotes: &str) -> Option<String> {
    let mut by_code: Vec<(u8, Vec<&str>)> = Vec::new();
    for (field, code) in footnotes.split(';').filter_map(|p| p.split_once('=')) {
        let Ok(code) = code.parse::<u8>() else {
            continue;
        };
        match by_code.iter_mut().find(|(c, _)| *c == code) {
            Some((_, fields)) => fields.push(field),
            None => by_code.push((code, vec![field])),
        }
    }
    let parts: Vec<String> = by_code
        .into_iter()
        .map(|(code, fields)| {
            let why = footnote_text(code).unwrap_or("see the BLS OEWS footnotes");
            format!("{} (footnote {code}: {why})", fields.join(", "))
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "BLS OEWS May 2025 footnotes for the national figures: {}",
            parts.join("; ")
        )
    })
}
