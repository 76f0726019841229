//! Admin edits, made through the seed library's one write path.
//!
//! Every edit is a dataset record checked by the same rules a dataset load applies
//! ([`seed::Rules`]), written by the same writer ([`seed::write_records`]) inside one
//! [`seed::Write`], and committed with the caller's audit entry (version bump, audit row,
//! commit). Catalog records (roles, skills, certifications) share one implementation
//! ([`Catalog`]); so do facts keyed by role and source (moves, skill and certification
//! links: [`Fact`]).

use entity::vocab::{MoveKind, Relevance, SourceKind};
use entity::{
    audit_log, career_move, certification, role, role_certification, role_skill, skill, source,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, PrimaryKeyTrait, QueryFilter, QuerySelect,
};
use seed::dataset::{
    CertificationRecord, FactFile, MoveRecord, RoleCertificationRecord, RoleRecord,
    RoleSkillRecord, SkillRecord, SourceRecord,
};
use seed::{Audit, Broken, Dataset, Rules, Write};

use crate::error::{ApiError, ApiResult};

/// Key of the source that facts entered through the API cite.
pub const ADMIN_SOURCE: &str = "admin-api";

impl From<seed::SeedError> for ApiError {
    /// A broken dataset rule is BAD_USER_INPUT naming the record and field; a database
    /// error keeps its own mapping (CONFLICT, UNAVAILABLE, INTERNAL).
    fn from(e: seed::SeedError) -> Self {
        match e {
            seed::SeedError::Invalid {
                file,
                record,
                field,
                message,
            } => {
                // `roles[3] (ceo)` → path `roles[3]`; the whole record name stays in the message.
                let path = record.split(' ').next().unwrap_or_default();
                let place = match file.strip_prefix("dataset#") {
                    Some(facts) => format!("dataset.{facts}.{path}.{field}"),
                    None => format!("dataset.{path}.{field}"),
                };
                ApiError::bad_input(place, format!("{record}: {message}"))
            }
            seed::SeedError::Parse { message, .. } => {
                // A value outside the vocabulary names its field
                // (`sources[0].kind: unknown variant …` → `dataset.sources[0].kind`).
                let field = match message.split_once(": ") {
                    Some((path, error)) if error.starts_with("unknown variant") => {
                        format!("dataset.{path}")
                    }
                    _ => "dataset".to_owned(),
                };
                ApiError::bad_input(field, message)
            }
            seed::SeedError::Database(e) => ApiError::from(e),
            other => ApiError::Internal(anyhow::anyhow!("{other}")),
        }
    }
}

/// A broken rule of an input record, named as the GraphQL field (`input.sharePct`).
fn input_error(broken: Broken) -> ApiError {
    let mut field = String::from("input.");
    let mut upper = false;
    for c in broken.field.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                field.extend(c.to_uppercase());
                upper = false;
            }
            c => field.push(c),
        }
    }
    ApiError::bad_input(field, broken.message)
}

fn check(record: &impl Rules) -> ApiResult<()> {
    record.rules().map_err(input_error)
}

/// The id of the row whose `key` column is `value`; BAD_USER_INPUT naming `field` when none.
async fn id_by_key<E: EntityTrait>(
    db: &impl ConnectionTrait,
    key: E::Column,
    id: E::Column,
    (what, field): (&str, &str),
    value: &str,
) -> ApiResult<i32> {
    E::find()
        .select_only()
        .column(id)
        .filter(key.eq(value))
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or_else(|| ApiError::bad_input(field, format!("no {what} `{value}`")))
}

async fn role_id(db: &impl ConnectionTrait, field: &str, slug: &str) -> ApiResult<i32> {
    id_by_key::<role::Entity>(
        db,
        role::Column::Slug,
        role::Column::Id,
        ("role", field),
        slug,
    )
    .await
}

/// A record of the dataset's catalog: created, changed and deleted by slug.
pub trait Catalog: Rules + Clone + Send + Sync + 'static {
    /// The table.
    type Entity: seed::tables::Keyed<Model = Self::Model, PrimaryKey = Self::Key>;
    /// A row of the table.
    type Model: Send + Sync;
    /// The table's primary key (an `i32` id).
    type Key: PrimaryKeyTrait<ValueType = i32>;
    /// What it is, in messages (`role`).
    const WHAT: &'static str;
    /// Its name in audit actions (`Role`: `createRole`).
    const NOUN: &'static str;
    /// The slug column.
    fn slug_column() -> <Self::Entity as EntityTrait>::Column;
    /// The slug.
    fn slug(&self) -> &str;
    /// A row's id.
    fn id(row: &Self::Model) -> i32;
    /// The record a row holds.
    fn of(row: &Self::Model) -> Self;
    /// A dataset holding just this record.
    fn dataset(self) -> Dataset;
    /// The error for a slug that names no record.
    fn missing(slug: &str) -> ApiError {
        ApiError::not_found(Self::WHAT, slug)
    }
    /// How many moves or links reference row `id` (deleting them needs `cascade`).
    fn references(db: &DatabaseTransaction, id: i32)
    -> impl Future<Output = ApiResult<u64>> + Send;
}

async fn find_by_slug<C: Catalog>(db: &impl ConnectionTrait, slug: &str) -> ApiResult<C::Model> {
    C::Entity::find()
        .filter(C::slug_column().eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| C::missing(slug))
}

/// Creates a catalog record; CONFLICT when the slug exists.
pub async fn create<C: Catalog>(
    db: &DatabaseConnection,
    who: &str,
    record: C,
) -> ApiResult<C::Model> {
    check(&record)?;
    let change = Write::begin(db).await?;
    let slug = record.slug().to_owned();
    if find_by_slug::<C>(change.conn(), &slug).await.is_ok() {
        return Err(ApiError::Conflict(format!(
            "{} `{slug}` already exists",
            C::WHAT
        )));
    }
    seed::write_records(change.conn(), &record.dataset()).await?;
    let row = find_by_slug::<C>(change.conn(), &slug).await?;
    change
        .commit(Audit::new(who, format!("create{}", C::NOUN), slug))
        .await?;
    Ok(row)
}

/// Changes a catalog record: `patch` edits the current values, which are checked again.
pub async fn update<C: Catalog>(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    patch: impl FnOnce(&mut C),
) -> ApiResult<C::Model> {
    let change = Write::begin(db).await?;
    let mut record = C::of(&find_by_slug::<C>(change.conn(), slug).await?);
    patch(&mut record);
    check(&record)?;
    seed::write_records(change.conn(), &record.dataset()).await?;
    let row = find_by_slug::<C>(change.conn(), slug).await?;
    change
        .commit(Audit::new(who, format!("update{}", C::NOUN), slug))
        .await?;
    Ok(row)
}

/// Deletes a catalog record. CONFLICT while moves or links reference it, unless `cascade`
/// (facts reference it with ON DELETE CASCADE).
pub async fn delete<C: Catalog>(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    cascade: bool,
) -> ApiResult<()> {
    let change = Write::begin(db).await?;
    let id = C::id(&find_by_slug::<C>(change.conn(), slug).await?);
    let references = C::references(change.conn(), id).await?;
    if references > 0 && !cascade {
        return Err(ApiError::Conflict(format!(
            "{} `{slug}` is referenced by {references} moves or links; pass cascade: true to delete them too",
            C::WHAT
        )));
    }
    C::Entity::delete_by_id(id).exec(change.conn()).await?;
    let action = format!(
        "delete{}{}",
        C::NOUN,
        if cascade { "(cascade)" } else { "" }
    );
    change.commit(Audit::new(who, action, slug)).await?;
    Ok(())
}

impl Catalog for RoleRecord {
    type Entity = role::Entity;
    type Model = role::Model;
    type Key = role::PrimaryKey;
    const WHAT: &'static str = "role";
    const NOUN: &'static str = "Role";
    fn slug_column() -> role::Column {
        role::Column::Slug
    }
    fn slug(&self) -> &str {
        &self.slug
    }
    fn id(row: &role::Model) -> i32 {
        row.id
    }
    fn of(row: &role::Model) -> Self {
        row.into()
    }
    fn dataset(self) -> Dataset {
        Dataset {
            roles: vec![self],
            ..Dataset::default()
        }
    }
    async fn references(db: &DatabaseTransaction, id: i32) -> ApiResult<u64> {
        let moves = career_move::Entity::find()
            .filter(
                Condition::any()
                    .add(career_move::Column::FromRoleId.eq(id))
                    .add(career_move::Column::ToRoleId.eq(id)),
            )
            .count(db)
            .await?;
        let skills = role_skill::Entity::find()
            .filter(role_skill::Column::RoleId.eq(id))
            .count(db)
            .await?;
        let certifications = role_certification::Entity::find()
            .filter(role_certification::Column::RoleId.eq(id))
            .count(db)
            .await?;
        Ok(moves + skills + certifications)
    }
}

impl Catalog for SkillRecord {
    type Entity = skill::Entity;
    type Model = skill::Model;
    type Key = skill::PrimaryKey;
    const WHAT: &'static str = "skill";
    const NOUN: &'static str = "Skill";
    fn slug_column() -> skill::Column {
        skill::Column::Slug
    }
    fn slug(&self) -> &str {
        &self.slug
    }
    fn id(row: &skill::Model) -> i32 {
        row.id
    }
    fn missing(slug: &str) -> ApiError {
        ApiError::bad_input("slug", format!("no skill `{slug}`"))
    }
    fn of(row: &skill::Model) -> Self {
        row.into()
    }
    fn dataset(self) -> Dataset {
        Dataset {
            skills: vec![self],
            ..Dataset::default()
        }
    }
    async fn references(db: &DatabaseTransaction, id: i32) -> ApiResult<u64> {
        let filter = role_skill::Column::SkillId.eq(id);
        Ok(role_skill::Entity::find().filter(filter).count(db).await?)
    }
}

impl Catalog for CertificationRecord {
    type Entity = certification::Entity;
    type Model = certification::Model;
    type Key = certification::PrimaryKey;
    const WHAT: &'static str = "certification";
    const NOUN: &'static str = "Certification";
    fn slug_column() -> certification::Column {
        certification::Column::Slug
    }
    fn slug(&self) -> &str {
        &self.slug
    }
    fn id(row: &certification::Model) -> i32 {
        row.id
    }
    fn missing(slug: &str) -> ApiError {
        ApiError::bad_input("slug", format!("no certification `{slug}`"))
    }
    fn of(row: &certification::Model) -> Self {
        row.into()
    }
    fn dataset(self) -> Dataset {
        Dataset {
            certifications: vec![self],
            ..Dataset::default()
        }
    }
    async fn references(db: &DatabaseTransaction, id: i32) -> ApiResult<u64> {
        let filter = role_certification::Column::CertificationId.eq(id);
        Ok(role_certification::Entity::find()
            .filter(filter)
            .count(db)
            .await?)
    }
}

/// A fact keyed by roles and a source: a move, a role↔skill or role↔certification link.
pub trait Fact: Rules + Clone + Send + Sync + 'static {
    /// The table.
    type Entity: seed::tables::Keyed<Model = Self::Model, PrimaryKey = Self::Key>;
    /// A row of the table.
    type Model: Send + Sync;
    /// The table's primary key (an `i32` id).
    type Key: PrimaryKeyTrait<ValueType = i32>;
    /// What it is, in messages (`role skill link`).
    const WHAT: &'static str;
    /// Its name in audit actions (`RoleSkill`: `createRoleSkill`).
    const NOUN: &'static str;
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
    check(&cited.fact)?;
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
    check(&fact)?;
    let cited = Cited {
        fact,
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
    seed::write_records(change.conn(), &cited.dataset()).await?;
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

impl Fact for MoveRecord {
    type Entity = career_move::Entity;
    type Model = career_move::Model;
    type Key = career_move::PrimaryKey;
    const WHAT: &'static str = "career move";
    const NOUN: &'static str = "CareerMove";
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

impl Fact for RoleSkillRecord {
    type Entity = role_skill::Entity;
    type Model = role_skill::Model;
    type Key = role_skill::PrimaryKey;
    const WHAT: &'static str = "role skill link";
    const NOUN: &'static str = "RoleSkill";
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

impl Fact for RoleCertificationRecord {
    type Entity = role_certification::Entity;
    type Model = role_certification::Model;
    type Key = role_certification::PrimaryKey;
    const WHAT: &'static str = "role certification link";
    const NOUN: &'static str = "RoleCertification";
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

/// Imports a whole dataset through the one writer (validated first; a dry run keeps
/// nothing) and records it in the audit log.
pub async fn import_dataset(
    db: &DatabaseConnection,
    who: &str,
    dataset: &Dataset,
    mode: seed::ImportMode,
    dry_run: bool,
) -> ApiResult<seed::ImportReport> {
    let options = seed::ImportOptions {
        mode,
        dry_run,
        actor: who,
    };
    Ok(seed::import(db, dataset, options).await?)
}

/// The latest audit entries, newest first.
/// The latest `first` (1–100) audit entries, newest first.
pub async fn audit_log(db: &DatabaseConnection, first: i32) -> ApiResult<Vec<audit_log::Model>> {
    use sea_orm::QueryOrder;
    let limit = super::check::count("first", first, super::check::Bounds::new(1.0, 100.0))? as u64;
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
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
