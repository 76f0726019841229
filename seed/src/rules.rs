//! The rules each record keeps on its own, and [`Valid`], the form that passed them
//! ("parse, don't validate"): a record's values are normalised (names trimmed) as they are
//! checked, and only this crate can wrap a value as valid.

use crate::dataset::{
    CertificationRecord, MoveRecord, RoleCertificationRecord, RoleRecord, RoleSkillRecord,
    SkillRecord, SourceRecord,
};
use crate::value::{
    IMPORTANCE, JOB_ZONE, LEVEL, Likelihood, Month, NON_NEGATIVE, Name, PERCENT, RANK, SENIORITY,
    Slug, YEARS,
};

/// A rule one record breaks: the field (dataset spelling, e.g. `share_pct`) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub field: String,
    pub message: String,
}

/// A value that passed its rules, with its values normalised. Only this crate makes one, so
/// a function taking `Valid<Dataset>` cannot be handed records nobody parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Valid<T>(pub(crate) T);

impl<T> Valid<T> {
    /// The parsed value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Valid<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The rules a record must keep on its own (references and duplicates are checked
/// against the whole dataset). The admin API applies the same rules to its inputs.
pub trait Rules {
    /// Parses the record's values in place (names trimmed; slugs, months and numbers
    /// checked); the first broken rule, if any.
    fn normalise(&mut self) -> Result<(), Broken>;
}

/// Parses one record on its own rules: the normalised record, or the first broken rule.
pub fn parse_record<T: Rules>(mut record: T) -> Result<Valid<T>, Broken> {
    record.normalise()?;
    Ok(Valid(record))
}

fn rule<T>(field: &str, parsed: Result<T, String>) -> Result<T, Broken> {
    parsed.map_err(|message| Broken {
        field: field.to_owned(),
        message,
    })
}

/// Replaces `value` with the name it parses to (trimmed, 1–200 characters).
pub(crate) fn name(field: &str, value: &mut String) -> Result<(), Broken> {
    *value = rule(field, Name::parse(value))?.into();
    Ok(())
}

/// [`name`] for an optional value.
fn opt_name(field: &str, value: &mut Option<String>) -> Result<(), Broken> {
    match value {
        Some(v) => name(field, v),
        None => Ok(()),
    }
}

impl Rules for RoleRecord {
    fn normalise(&mut self) -> Result<(), Broken> {
        rule("slug", Slug::parse(&self.slug))?;
        name("title", &mut self.title)?;
        name("track", &mut self.track)?;
        rule(
            "seniority",
            SENIORITY.check_opt(self.seniority.map(f64::from)),
        )?;
        rule("job_zone", JOB_ZONE.check_opt(self.job_zone.map(f64::from)))?;
        Ok(())
    }
}

impl Rules for SourceRecord {
    fn normalise(&mut self) -> Result<(), Broken> {
        name("key", &mut self.key)?;
        name("title", &mut self.title)?;
        rule("as_of", self.as_of.as_deref().map(Month::parse).transpose())?;
        Ok(())
    }
}

impl Rules for SkillRecord {
    fn normalise(&mut self) -> Result<(), Broken> {
        rule("slug", Slug::parse(&self.slug))?;
        name("name", &mut self.name)?;
        name("category", &mut self.category)
    }
}

impl Rules for CertificationRecord {
    fn normalise(&mut self) -> Result<(), Broken> {
        rule("slug", Slug::parse(&self.slug))?;
        name("name", &mut self.name)?;
        opt_name("acronym", &mut self.acronym)?;
        opt_name("issuer", &mut self.issuer)
    }
}

impl Rules for MoveRecord {
    fn normalise(&mut self) -> Result<(), Broken> {
        if self.from == self.to {
            return rule(
                "to",
                Err(format!("a move cannot lead from `{}` to itself", self.from)),
            );
        }
        if self.kind == entity::vocab::MoveKind::Similar {
            return rule(
                "kind",
                Err("`similar` moves are computed from skills, never stored".to_owned()),
            );
        }
        rule("typical_years", YEARS.check_opt(self.typical_years))?;
        rule("likelihood", Likelihood::parse_opt(self.likelihood))?;
        Ok(())
    }
}

impl Rules for RoleSkillRecord {
    fn normalise(&mut self) -> Result<(), Broken> {
        rule("share_pct", PERCENT.check_opt(self.share_pct))?;
        rule("rank", RANK.check_opt(self.rank.map(f64::from)))?;
        rule("importance", IMPORTANCE.check_opt(self.importance))?;
        rule("level", LEVEL.check_opt(self.level))?;
        for (field, n) in [
            ("importance_n", self.importance_n),
            ("level_n", self.level_n),
        ] {
            rule(field, NON_NEGATIVE.check_opt(n.map(f64::from)))?;
        }
        for (field, v) in [
            ("importance_se", self.importance_se),
            ("level_se", self.level_se),
        ] {
            rule(field, NON_NEGATIVE.check_opt(v))?;
        }
        Ok(())
    }
}

impl Rules for RoleCertificationRecord {
    /// A link has no values of its own to check (its relevance is typed).
    fn normalise(&mut self) -> Result<(), Broken> {
        Ok(())
    }
}
