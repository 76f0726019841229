//! Matching quality against O*NET's own answers. Run:
//! `cargo run --release -p bench --bin matching`
//!
//! Loads the curated dataset plus the shipped O*NET 29.3 + BLS data into a fresh SQLite file
//! and builds the read model, exactly as the service does. Then, for every O*NET occupation
//! with Skills + Knowledge ratings, it builds a person's profile from the occupation's own
//! ratings (read again from the same shipped files, `seed/data/onet-29.3`) in several shapes,
//! asks `matchRoles` (the use case its resolver calls), and scores the answer against the
//! truth: the occupation itself, and O*NET's expert `Related Occupations` (tier
//! Primary-Short). Baselines are computed in the same run from the same files: cosines of
//! importance × level vectors. `similarRoles` and the similar moves `careerRoutes
//! (includeSimilar: true)` takes are scored against the related occupations the same way.
//!
//! Metrics: hit@1 and hit@5 (the occupation ranks first / in the top 5; a tie counts against),
//! MRR (over the top 50, `matchRoles`' largest page), recall@10 of the related occupations,
//! and the mean |job-zone gap| between the occupation and the top 5.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use api::career::similarity::SimilarGates;
use api::service::planning::{self, MatchConditions, ProfileRequest, SkillClaim};
use entity::vocab::MoveKind;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common.rs"]
mod common;

const PAGE: i32 = 50;

/// A TSV file of the shipped O*NET copy: header and rows.
fn tsv(name: &str) -> (HashMap<String, usize>, Vec<Vec<String>>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../seed/data/onet-29.3")
        .join(format!("{name}.tsv.gz"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("open"))
        .read_to_string(&mut text)
        .expect("read");
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap_or("")
        .split('\t')
        .enumerate()
        .map(|(i, h)| (h.to_owned(), i))
        .collect();
    let rows = lines
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// One element of an occupation's profile: importance and level (0 when not relevant).
#[derive(Clone, Copy, Debug)]
struct Rating {
    element: usize,
    importance: f64,
    level: f64,
}

/// O*NET's own data, as the baselines see it.
struct Truth {
    codes: Vec<String>,
    /// Element (id, name, category).
    elements: Vec<(String, String, &'static str)>,
    ratings: Vec<Vec<Rating>>,
    job_zone: Vec<Option<i32>>,
    related: Vec<Vec<usize>>,
}

fn truth() -> Truth {
    let mut codes: Vec<String> = Vec::new();
    let mut code_ix: HashMap<String, usize> = HashMap::new();
    let mut elements: Vec<(String, String, &'static str)> = Vec::new();
    let mut element_ix: HashMap<String, usize> = HashMap::new();
    let mut cells: HashMap<(usize, usize), (Option<f64>, Option<f64>)> = HashMap::new();
    for (file, category) in [("Skills", "skill"), ("Knowledge", "knowledge")] {
        let (h, rows) = tsv(file);
        for r in rows {
            if r[h["Recommend Suppress"]] == "Y" || r[h["Not Relevant"]] == "Y" {
                continue;
            }
            let code = r[h["O*NET-SOC Code"]].clone();
            let c = *code_ix.entry(code.clone()).or_insert_with(|| {
                codes.push(code);
                codes.len() - 1
            });
            let id = r[h["Element ID"]].clone();
            let e = *element_ix.entry(id.clone()).or_insert_with(|| {
                elements.push((id, r[h["Element Name"]].clone(), category));
                elements.len() - 1
            });
            let v: f64 = r[h["Data Value"]].parse().expect("value");
            let cell = cells.entry((c, e)).or_default();
            match r[h["Scale ID"]].as_str() {
                "IM" => cell.0 = Some(v),
                _ => cell.1 = Some(v),
            }
        }
    }
    let mut ratings = vec![Vec::new(); codes.len()];
    for (&(c, e), &(im, lv)) in &cells {
        if let Some(importance) = im {
            ratings[c].push(Rating {
                element: e,
                importance,
                level: lv.unwrap_or(0.0),
            });
        }
    }
    for r in &mut ratings {
        r.sort_by_key(|x| x.element);
    }
    let (h, rows) = tsv("Job Zones");
    let zones: HashMap<&str, i32> = rows
        .iter()
        .map(|r| {
            (
                r[h["O*NET-SOC Code"]].as_str(),
                r[h["Job Zone"]].parse().expect("zone"),
            )
        })
        .collect();
    let job_zone = codes
        .iter()
        .map(|c| zones.get(c.as_str()).copied())
        .collect();
    let (h, rows) = tsv("Related Occupations");
    let mut related = vec![Vec::new(); codes.len()];
    for r in &rows {
        if r[h["Relatedness Tier"]] != "Primary-Short" {
            continue;
        }
        if let (Some(&a), Some(&b)) = (
            code_ix.get(&r[h["O*NET-SOC Code"]]),
            code_ix.get(&r[h["Related O*NET-SOC Code"]]),
        ) && a != b
        {
            related[a].push(b);
        }
    }
    Truth {
        codes,
        elements,
        ratings,
        job_zone,
        related,
    }
}

/// A person's profile in one shape: (element, level or none) claims and an optional current
/// occupation (excluded from the ranking).
struct Profile {
    claims: Vec<(usize, Option<f64>)>,
    current: Option<usize>,
}

type Shape = fn(&Truth, usize, &[f64]) -> Option<Profile>;

fn full(t: &Truth, o: usize, _: &[f64]) -> Option<Profile> {
    Some(Profile {
        claims: t.ratings[o]
            .iter()
            .map(|r| (r.element, Some(r.level)))
            .collect(),
        current: None,
    })
}

fn most_important(t: &Truth, o: usize, k: usize) -> Vec<Rating> {
    let mut r = t.ratings[o].clone();
    r.sort_by(|a, b| {
        b.importance
            .total_cmp(&a.importance)
            .then(a.element.cmp(&b.element))
    });
    r.truncate(k);
    r
}

fn top12(t: &Truth, o: usize, _: &[f64]) -> Option<Profile> {
    Some(Profile {
        claims: most_important(t, o, 12)
            .iter()
            .map(|r| (r.element, Some(r.level)))
            .collect(),
        current: None,
    })
}

fn skills25(t: &Truth, o: usize, _: &[f64]) -> Option<Profile> {
    let claims: Vec<_> = t.ratings[o]
        .iter()
        .filter(|r| r.importance >= 2.5 && t.elements[r.element].2 == "skill")
        .map(|r| (r.element, Some(r.level)))
        .collect();
    (!claims.is_empty()).then_some(Profile {
        claims,
        current: None,
    })
}

/// Six skills that set the occupation apart (importance above the element's mean), no levels.
fn handful(t: &Truth, o: usize, mean_importance: &[f64]) -> Option<Profile> {
    let mut r = t.ratings[o].clone();
    let distinct = |x: &Rating| x.importance - mean_importance[x.element];
    r.sort_by(|a, b| {
        distinct(b)
            .total_cmp(&distinct(a))
            .then(a.element.cmp(&b.element))
    });
    Some(Profile {
        claims: r.iter().take(6).map(|r| (r.element, None)).collect(),
        current: None,
    })
}

/// Currently in O*NET's first related occupation, plus the three elements the occupation
/// needs most beyond it (importance × level gap), at the occupation's levels.
fn role_plus_three(t: &Truth, o: usize, _: &[f64]) -> Option<Profile> {
    let &from = t.related[o].first()?;
    let level_of = |occ: usize, e: usize| {
        t.ratings[occ]
            .iter()
            .find(|r| r.element == e)
            .map_or(0.0, |r| r.level)
    };
    let mut gaps: Vec<(f64, Rating)> = t.ratings[o]
        .iter()
        .map(|r| (r.importance * (r.level - level_of(from, r.element)), *r))
        .filter(|(g, _)| *g > 0.0)
        .collect();
    gaps.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.element.cmp(&b.1.element)));
    (gaps.len() >= 3).then(|| Profile {
        claims: gaps[..3]
            .iter()
            .map(|(_, r)| (r.element, Some(r.level)))
            .collect(),
        current: Some(from),
    })
}

/// The `matchRoles` profile of `p`: its claims by skill slug, its current role by slug.
fn request_of(
    p: &Profile,
    m: &api::model::ReadModel,
    role: &[usize],
    skill: &[String],
) -> ProfileRequest {
    ProfileRequest {
        current_role: p.current.map(|c| m.roles[role[c]].slug.clone()),
        skills: p
            .claims
            .iter()
            .map(|&(x, level)| SkillClaim {
                skill: skill[x].clone(),
                level,
            })
            .collect(),
        ..ProfileRequest::default()
    }
}

/// Scores of one ranking against the truth.
#[derive(Default)]
struct Tally {
    n: usize,
    hit1: f64,
    hit5: f64,
    mrr: f64,
    recall_n: usize,
    recall: f64,
    gap_n: usize,
    gap: f64,
}

impl Tally {
    /// `ranked`: occupations best first (at most [`PAGE`]); `own_rank`: the truth's rank
    /// (1-based, ties counted against) when known.
    fn add(&mut self, t: &Truth, o: usize, ranked: &[usize], own_rank: Option<usize>) {
        self.n += 1;
        if let Some(rank) = own_rank {
            self.hit1 += f64::from(u8::from(rank == 1));
            self.hit5 += f64::from(u8::from(rank <= 5));
            if rank <= PAGE as usize {
                self.mrr += 1.0 / rank as f64;
            }
        }
        if !t.related[o].is_empty() {
            let top: HashSet<usize> = ranked
                .iter()
                .filter(|&&r| r != o)
                .take(10)
                .copied()
                .collect();
            let found = t.related[o].iter().filter(|r| top.contains(r)).count();
            self.recall += found as f64 / t.related[o].len() as f64;
            self.recall_n += 1;
        }
        if let Some(zone) = t.job_zone[o] {
            let gaps: Vec<f64> = ranked
                .iter()
                .take(5)
                .filter_map(|&r| t.job_zone[r])
                .map(|z| f64::from((z - zone).abs()))
                .collect();
            if !gaps.is_empty() {
                self.gap += gaps.iter().sum::<f64>() / gaps.len() as f64;
                self.gap_n += 1;
            }
        }
    }

    fn row(&self, name: &str, ranks_own: bool) -> String {
        let per = |x: f64, n: usize| x / n.max(1) as f64;
        let own = |x: f64| {
            if ranks_own {
                format!("{:.3}", per(x, self.n))
            } else {
                "–".to_owned()
            }
        };
        format!(
            "| {name} | {} | {} | {} | {:.3} | {:.2} |",
            own(self.hit1),
            own(self.hit5),
            own(self.mrr),
            per(self.recall, self.recall_n),
            per(self.gap, self.gap_n)
        )
    }
}

/// Rank (1-based, ties counted against) of `own` among `scores`, and the top [`PAGE`].
fn ranking(scores: &[f64], own: usize, exclude: Option<usize>) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..scores.len()).filter(|&r| Some(r) != exclude).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let rank = order.iter().filter(|&&r| scores[r] >= scores[own]).count();
    order.truncate(PAGE as usize);
    (order, rank)
}

fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f64 = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|x| x * x).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

#[tokio::main]
async fn main() {
    let path = std::env::temp_dir().join(format!("bench-matching-{}.db", std::process::id()));
    let db = common::with_onet(&format!("sqlite://{}?mode=rwc", path.display())).await;
    let m = api::model::load(&db, None).await.expect("model");
    db.close().await.ok();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let t = truth();
    let n = t.codes.len();
    let e = t.elements.len();
    // Dense vectors per occupation: importance, level, importance × level.
    let mut imp = vec![vec![0.0; e]; n];
    let mut lev = vec![vec![0.0; e]; n];
    for (o, ratings) in t.ratings.iter().enumerate() {
        for r in ratings {
            imp[o][r.element] = r.importance;
            lev[o][r.element] = r.level;
        }
    }
    let il: Vec<Vec<f64>> = (0..n)
        .map(|o| (0..e).map(|x| imp[o][x] * lev[o][x]).collect())
        .collect();
    let mean_importance: Vec<f64> = (0..e)
        .map(|x| imp.iter().map(|v| v[x]).sum::<f64>() / n as f64)
        .collect();
    // The service's role and skill for each occupation and element.
    let role_of_code: HashMap<&str, usize> = {
        let titles: HashMap<String, String> = {
            let (h, rows) = tsv("Occupation Data");
            rows.into_iter()
                .map(|r| (r[h["O*NET-SOC Code"]].clone(), r[h["Title"]].clone()))
                .collect()
        };
        m.roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let code = r.onet_code.as_deref()?;
                (titles.get(code) == Some(&r.title)).then_some((code, i))
            })
            .collect()
    };
    let role: Vec<usize> = t.codes.iter().map(|c| role_of_code[c.as_str()]).collect();
    let occupation_of_role: HashMap<usize, usize> =
        role.iter().enumerate().map(|(o, &r)| (r, o)).collect();
    let skill: Vec<String> = t
        .elements
        .iter()
        .map(|(_, name, category)| {
            m.skills
                .iter()
                .find(|s| s.name == *name && s.category == *category)
                .map(|s| s.slug.clone())
                .expect("element imported as a skill")
        })
        .collect();
    println!(
        "== {n} O*NET occupations with ratings, {e} elements; the service ranks all {} roles (curated ones too)",
        m.roles.len()
    );

    let shapes: [(&str, Shape); 5] = [
        ("all elements with levels", full),
        ("12 most important elements with levels", top12),
        ("skills with importance ≥ 2.5, with levels", skills25),
        ("6 most distinctive elements, no levels", handful),
        (
            "current role (O*NET's first related) + 3 elements",
            role_plus_three,
        ),
    ];
    let mut match_times: Vec<Duration> = Vec::new();
    println!(
        "\n| profile → answer | hit@1 | hit@5 | MRR | related recall@10 | top-5 job-zone gap |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, shape) in shapes {
        let mut ours = Tally::default();
        let mut claimed_cos = Tally::default();
        let mut all_cos = Tally::default();
        let mut imp_cos = Tally::default();
        for o in 0..n {
            let Some(p) = shape(&t, o, &mean_importance) else {
                continue;
            };
            let request = request_of(&p, &m, &role, &skill);
            let start = Instant::now();
            let (_, fits) = planning::match_roles(&m, &request, PAGE, &MatchConditions::default())
                .expect("match");
            match_times.push(start.elapsed());
            // Occupations as ranked; roles that are not O*NET occupations (curated) keep their
            // place (they count against the hits) but map to no occupation.
            let exclude = p.current.map(|c| role[c]);
            let fits: Vec<_> = fits.iter().filter(|f| Some(f.role) != exclude).collect();
            let own_rank = fits.iter().position(|f| f.role == role[o]).map(|i| {
                // Ties count against: every role scoring as high ranks before, but for
                // roles with the very same needs (a curated role carrying the
                // occupation's ratings), which no score can tell apart.
                let own = fits[i].score;
                let needs = &m.graph.similarity.needs;
                fits.iter()
                    .filter(|f| {
                        f.score >= own && (f.role == role[o] || needs[f.role] != needs[role[o]])
                    })
                    .count()
            });
            let ranked: Vec<usize> = fits
                .iter()
                .filter_map(|f| occupation_of_role.get(&f.role).copied())
                .collect();
            if std::env::var_os("MATCHING_DEBUG").is_some() && own_rank != Some(1) {
                println!(
                    "  {name}: {} ranks {own_rank:?}; first {} ({:.4} vs {:.4})",
                    m.roles[role[o]].slug,
                    m.roles[fits[0].role].slug,
                    fits[0].score,
                    fits.iter()
                        .find(|f| f.role == role[o])
                        .map_or(0.0, |f| f.score)
                );
            }
            ours.add(&t, o, &ranked, own_rank);
            // Baselines over the occupations, from the same files.
            let mut person = vec![0.0; e];
            let mut claimed = vec![false; e];
            for &(x, level) in &p.claims {
                person[x] = level.unwrap_or(1.0);
                claimed[x] = true;
            }
            if let Some(c) = p.current {
                for x in 0..e {
                    if !claimed[x] {
                        person[x] = lev[c][x];
                        claimed[x] = true;
                    }
                }
            }
            let keep: Vec<usize> = (0..e).filter(|&x| claimed[x]).collect();
            let pk: Vec<f64> = keep.iter().map(|&x| person[x]).collect();
            let s1: Vec<f64> = (0..n)
                .map(|r| cosine(&pk, &keep.iter().map(|&x| il[r][x]).collect::<Vec<_>>()))
                .collect();
            let s2: Vec<f64> = (0..n).map(|r| cosine(&person, &il[r])).collect();
            let s3: Vec<f64> = (0..n).map(|r| cosine(&person, &imp[r])).collect();
            for (scores, tally) in [
                (s1, &mut claimed_cos),
                (s2, &mut all_cos),
                (s3, &mut imp_cos),
            ] {
                let (ranked, rank) = ranking(&scores, o, p.current);
                tally.add(&t, o, &ranked, Some(rank));
            }
        }
        println!("{}", ours.row(&format!("**{name}** → matchRoles"), true));
        println!(
            "{}",
            claimed_cos.row("  baseline: cosine over the claimed elements, I×L", true)
        );
        println!(
            "{}",
            all_cos.row("  baseline: cosine over all elements, I×L", true)
        );
        println!(
            "{}",
            imp_cos.row("  baseline: cosine over all elements, importance", true)
        );
    }

    // The four cases of issue 19, as a person would read them.
    println!();
    let cases: [(&str, &str, Shape); 4] = [
        ("11-1011.00", "full profile", full),
        ("29-1141.00", "full profile", full),
        ("15-1211.00", "12 most important elements", top12),
        ("15-1254.00", "skills with importance ≥ 2.5", skills25),
    ];
    for (code, shape_name, shape) in cases {
        let Some(o) = t.codes.iter().position(|c| c == code) else {
            continue;
        };
        let Some(p) = shape(&t, o, &mean_importance) else {
            continue;
        };
        let request = request_of(&p, &m, &role, &skill);
        let (_, fits) =
            planning::match_roles(&m, &request, 5, &MatchConditions::default()).expect("match");
        let top: Vec<String> = fits
            .iter()
            .map(|f| {
                let r = &m.graph.roles[f.role];
                format!(
                    "{} {:.3} (zone {})",
                    r.title,
                    f.score,
                    r.job_zone.map_or(0, |z| z.number)
                )
            })
            .collect();
        println!(
            "{} ({code}, zone {}), {shape_name}: {}",
            m.roles[role[o]].title,
            t.job_zone[o].unwrap_or(0),
            top.join("; ")
        );
    }

    // Role to role: similarRoles, and the similar moves careerRoutes takes (default gates).
    let g = &m.graph;
    let mut similar = Tally::default();
    let mut moves = Tally::default();
    let mut base = Tally::default();
    let gates = SimilarGates::default();
    for o in 0..n {
        let r = role[o];
        let found = planning::similar_roles(&m, r, 10, None).expect("similar");
        let ranked: Vec<usize> = found
            .iter()
            .filter_map(|(b, _)| occupation_of_role.get(b).copied())
            .collect();
        similar.add(&t, o, &ranked, None);
        let mut taken: Vec<(usize, f64)> = g.out[r]
            .iter()
            .filter(|pair| {
                g.edges
                    .of_pair(pair)
                    .any(|x| g.edges[x].kind == MoveKind::Similar)
            })
            .map(|pair| (pair.to(), g.transition(r, pair.to())))
            .filter(|(_, tr)| tr.passes(&gates))
            .map(|(b, tr)| (b, tr.similarity))
            .collect();
        taken.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let taken_sorted: Vec<usize> = taken.into_iter().map(|(b, _)| b).collect();
        let ranked: Vec<usize> = taken_sorted
            .iter()
            .filter_map(|b| occupation_of_role.get(b).copied())
            .take(10)
            .collect();
        moves.add(&t, o, &ranked, None);
        let scores: Vec<f64> = (0..n).map(|b| cosine(&il[o], &il[b])).collect();
        let (ranked, _) = ranking(&scores, o, Some(o));
        base.add(&t, o, &ranked, None);
    }
    println!("\n| role → similar roles | | | | related recall@10 | top-5 job-zone gap |");
    println!("|---|---|---|---|---|---|");
    println!("{}", similar.row("similarRoles(first: 10)", false));
    println!(
        "{}",
        moves.row(
            "careerRoutes(includeSimilar: true): similar moves passing the default gates",
            false
        )
    );
    println!(
        "{}",
        base.row("  baseline: cosine of I×L vectors, top 10", false)
    );

    match_times.sort();
    let at = |p: f64| match_times[((match_times.len() - 1) as f64 * p) as usize];
    println!(
        "\nmatchRoles (first {PAGE}) over {} profiles: p50 {:.3?} p95 {:.3?}",
        match_times.len(),
        at(0.5),
        at(0.95)
    );
}
