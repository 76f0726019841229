//! Facts keyed by roles and a source: moves, role↔skill and role↔certification links.

use entity::vocab::{MoveKind, Relevance, SourceKind};
use entity::{career_move, certification, role_certification, role_skill, skill, source};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use seed::dataset::{FactFile, MoveRecord, RoleCertificationRecord, RoleSkillRecord, SourceRecord};
use seed::{Audit, Dataset, Write};

use super::{Record, id_by_key, parse, record, role_id, write};
use crate::error::{ApiError, ApiResult};

/// Key of the source that facts entered through the API cite.
pub const ADMIN_SOURCE: &str = "admin-api";

/// A fact keyed by roles and a source: a move, a role↔skill or role↔certification link.
pub trait Fact: Record {
    /// The fact as text for messages and the audit log.
    fn describe(&self, source: &str) -> String;
    /// The row with this record's natural key (slugs resolved, naming the input field of
    /// an unknown one).
    fn find(
        &self,
        db: &DatabaseTransaction,
        source_id: i32,
    ) -> impl Future<Output = ApiResult<Option<Self::Model>>> + Send;
    /// This record (its key) with the values of `row`.
    fn with_values_of(&self, row: &Self::Model) -> Self;
    /// A row's id.
    fn id(row: &Self::Model) -> i32;
    /// Adds the record to a fact file.
    fn add_to(self, facts: &mut FactFile);
}

/// A fact and the source it cites (`admin-api` when `None`).
#[derive(Clone, Debug)]
pub struct Cited<F> {
    pub fact: F,
    pub source: Option<String>,
}

impl<F: Fact> Cited<F> {
    fn source(&self) -> &str {
        self.source.as_deref().unwrap_or(ADMIN_SOURCE)
    }

    fn describe(&self) -> String {
        self.fact.describe(self.source())
    }

    /// The row with this fact's key, if any. An unknown `source` is BAD_USER_INPUT; before
    /// the first API write the `admin-api` source does not exist, so nothing cites it yet.
    async fn find(&self, db: &DatabaseTransaction) -> ApiResult<Option<F::Model>> {
        let key = self.source();
        let source_id = source::Entity::find()
            .select_only()
            .column(source::Column::Id)
            .filter(source::Column::Key.eq(key))
            .into_tuple::<i32>()
            .one(db)
            .await?;
        // The fact's own slugs are checked (and named) first, as the source is; no row has
        // id 0, so a missing source finds nothing.
        let row = self.fact.find(db, source_id.unwrap_or(0)).await?;
        if source_id.is_none() && self.source.is_some() {
            return Err(ApiError::bad_input(
                "input.source",
                format!("no source `{key}`"),
            ));
        }
        Ok(row)
    }

    /// The fact as a dataset to write.
    fn dataset(self) -> Dataset {
        let mut facts = FactFile {
            source: self.source().to_owned(),
            ..FactFile::default()
        };
        let sources = match self.source {
            Some(_) => Vec::new(),
            None => vec![admin_source()],
        };
        self.fact.add_to(&mut facts);
        Dataset {
            sources,
            facts: vec![facts],
            ..Dataset::default()
        }
    }
}

/// The source facts entered through the API cite (written with the first such fact).
fn admin_source() -> SourceRecord {
    SourceRecord {
        key: ADMIN_SOURCE.into(),
        title: "Entered by an administrator through the API".into(),
        kind: SourceKind::Manual,
        publisher: None,
        url: None,
        attribution: None,
        as_of: None,
    }
}

/// Adds a fact; CONFLICT when the same fact (same key and source) exists.
pub async fn create_fact<F: Fact>(
    db: &DatabaseConnection,
    who: &str,
    cited: Cited<F>,
) -> ApiResult<F::Model> {
    let cited = Cited {
        fact: parse(cited.fact)?,
        source: cited.source,
    };
    let change = Write::begin(db).await?;
    if cited.find(change.conn()).await?.is_some() {
        return Err(ApiError::Conflict(format!(
            "{} {} already exists",
            F::WHAT,
            cited.describe()
        )));
    }
    commit_fact(change, who, "create", cited).await
}

/// Changes a fact: `patch` edits its current values, which are checked again.
pub async fn update_fact<F: Fact>(
    db: &DatabaseConnection,
    who: &str,
    cited: Cited<F>,
    patch: impl FnOnce(&mut F),
) -> ApiResult<F::Model> {
    let change = Write::begin(db).await?;
    let row = cited.find(change.conn()).await?;
    let row = row.ok_or_else(|| ApiError::not_found(F::WHAT, cited.describe()))?;
    let mut fact = cited.fact.with_values_of(&row);
    patch(&mut fact);
    let cited = Cited {
        fact: parse(fact)?,
        source: cited.source,
    };
    commit_fact(change, who, "update", cited).await
}

async fn commit_fact<F: Fact>(
    change: Write,
    who: &str,
    verb: &str,
    cited: Cited<F>,
) -> ApiResult<F::Model> {
    let text = cited.describe();
    let key = cited.clone();
    write(&change, cited.dataset()).await?;
    let row = key
        .find(change.conn())
        .await?
        .ok_or_else(|| ApiError::not_found(F::WHAT, text.clone()))?;
    let action = format!("{verb}{}", F::NOUN);
    change.commit(Audit::new(who, action, text)).await?;
    Ok(row)
}

/// Removes a fact.
pub async fn delete_fact<F: Fact>(
    db: &DatabaseConnection,
    who: &str,
    cited: Cited<F>,
) -> ApiResult<()> {
    let change = Write::begin(db).await?;
    let row = cited.find(change.conn()).await?;
    let row = row.ok_or_else(|| ApiError::not_found(F::WHAT, cited.describe()))?;
    F::Entity::delete_by_id(F::id(&row))
        .exec(change.conn())
        .await?;
    let action = format!("delete{}", F::NOUN);
    change
        .commit(Audit::new(who, action, cited.describe()))
        .await?;
    Ok(())
}

record!(MoveRecord, career_move, "career move", "CareerMove");

impl Fact for MoveRecord {
    fn describe(&self, source: &str) -> String {
        format!("{} {} {} ({source})", self.from, self.kind, self.to)
    }
    async fn find(
        &self,
        db: &DatabaseTransaction,
        source_id: i32,
    ) -> ApiResult<Option<career_move::Model>> {
        let from = role_id(db, "input.from", &self.from).await?;
        let to = role_id(db, "input.to", &self.to).await?;
        Ok(career_move::Entity::find()
            .filter(career_move::Column::FromRoleId.eq(from))
            .filter(career_move::Column::ToRoleId.eq(to))
            .filter(career_move::Column::Kind.eq(self.kind))
            .filter(career_move::Column::SourceId.eq(source_id))
            .one(db)
            .await?)
    }
    fn with_values_of(&self, row: &career_move::Model) -> Self {
        Self {
            typical_years: row.typical_years,
            likelihood: row.likelihood,
            description: row.description.clone(),
            derived: row.derived,
            ..self.clone()
        }
    }
    fn id(row: &career_move::Model) -> i32 {
        row.id
    }
    fn add_to(self, facts: &mut FactFile) {
        facts.moves.push(self);
    }
}

record!(RoleSkillRecord, role_skill, "role skill link", "RoleSkill");

impl Fact for RoleSkillRecord {
    fn describe(&self, source: &str) -> String {
        format!("{} needs {} ({source})", self.role, self.skill)
    }
    async fn find(
        &self,
        db: &DatabaseTransaction,
        source_id: i32,
    ) -> ApiResult<Option<role_skill::Model>> {
        let role = role_id(db, "input.role", &self.role).await?;
        let what = ("skill", "input.skill");
        let skill = id_by_key::<skill::Entity>(
            db,
            skill::Column::Slug,
            skill::Column::Id,
            what,
            &self.skill,
        )
        .await?;
        Ok(role_skill::Entity::find()
            .filter(role_skill::Column::RoleId.eq(role))
            .filter(role_skill::Column::SkillId.eq(skill))
            .filter(role_skill::Column::SourceId.eq(source_id))
            .one(db)
            .await?)
    }
    fn with_values_of(&self, row: &role_skill::Model) -> Self {
        Self {
            share_pct: row.share_pct,
            rank: row.rank,
            importance: row.importance,
            level: row.level,
            note: row.note.clone(),
            ..self.clone()
        }
    }
    fn id(row: &role_skill::Model) -> i32 {
        row.id
    }
    fn add_to(self, facts: &mut FactFile) {
        facts.role_skills.push(self);
    }
}

record!(
    RoleCertificationRecord,
    role_certification,
    "role certification link",
    "RoleCertification"
);

impl Fact for RoleCertificationRecord {
    fn describe(&self, source: &str) -> String {
        format!(
            "{} {} for {} ({source})",
            self.certification, self.relevance, self.role
        )
    }
    async fn find(
        &self,
        db: &DatabaseTransaction,
        source_id: i32,
    ) -> ApiResult<Option<role_certification::Model>> {
        let role = role_id(db, "input.role", &self.role).await?;
        let what = ("certification", "input.certification");
        let cert = id_by_key::<certification::Entity>(
            db,
            certification::Column::Slug,
            certification::Column::Id,
            what,
            &self.certification,
        )
        .await?;
        Ok(role_certification::Entity::find()
            .filter(role_certification::Column::RoleId.eq(role))
            .filter(role_certification::Column::CertificationId.eq(cert))
            .filter(role_certification::Column::SourceId.eq(source_id))
            .filter(role_certification::Column::Relevance.eq(self.relevance))
            .one(db)
            .await?)
    }
    fn with_values_of(&self, row: &role_certification::Model) -> Self {
        Self {
            note: row.note.clone(),
            ..self.clone()
        }
    }
    fn id(row: &role_certification::Model) -> i32 {
        row.id
    }
    fn add_to(self, facts: &mut FactFile) {
        facts.role_certifications.push(self);
    }
}

/// A move's key fields as a record with no values yet.
pub fn move_key(from: String, to: String, kind: MoveKind) -> MoveRecord {
    MoveRecord {
        from,
        to,
        kind,
        typical_years: None,
        likelihood: None,
        description: None,
        derived: false,
    }
}

/// A role↔certification link's key as a record with no note.
pub fn certification_link(
    role: String,
    certification: String,
    relevance: Relevance,
) -> RoleCertificationRecord {
    RoleCertificationRecord {
        role,
        certification,
        relevance,
        note: None,
    }
}

/// A role↔skill link's key as a record with no weights yet.
pub fn skill_link(role: String, skill: String) -> RoleSkillRecord {
    RoleSkillRecord {
        role,
        skill,
        share_pct: None,
        rank: None,
        importance: None,
        level: None,
        note: None,
        importance_n: None,
        importance_se: None,
        importance_ci_low: None,
        importance_ci_high: None,
        level_n: None,
        level_se: None,
        level_ci_low: None,
        level_ci_high: None,
    }
}
