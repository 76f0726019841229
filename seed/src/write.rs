//! The one write path: every change to the data (seed load, O*NET/BLS import, dataset
//! import, each admin edit) is made through a [`Write`], which ends in the one commit step:
//! bump the data version → append the audit row → commit. The commit is what tells the
//! api replicas: on PostgreSQL a trigger on the version row sends `NOTIFY` when the
//! transaction commits; on SQLite replicas see `PRAGMA data_version` change.

use entity::{audit_log, data_version};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbBackend, EntityTrait, IdenStatic, Iterable, QueryFilter, QuerySelect,
    Set, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::SeedError;
use crate::tables::Keyed;

/// Bind parameters per INSERT statement: under SQLite's (32,766) and PostgreSQL's (65,535) limits.
const MAX_PARAMS: usize = 30_000;

/// Who made a change and what it was, as the audit log records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audit {
    /// Token id for API writes; `seed` or `startup` for loads the service or CLI makes.
    pub actor: String,
    /// The operation, e.g. `createRole` or `importDataset(MERGE)`.
    pub action: String,
    /// What it changed (a slug, a move, counts).
    pub target: String,
}

impl Audit {
    /// An audit entry.
    pub fn new(
        actor: impl Into<String>,
        action: impl Into<String>,
        target: impl Into<String>,
    ) -> Self {
        Self {
            actor: actor.into(),
            action: action.into(),
            target: target.into(),
        }
    }
}

/// An open write: one transaction, committed only through [`Write::commit`].
pub struct Write {
    txn: DatabaseTransaction,
    /// Whether this write changes the area tables (see [`Write::changes_areas`]).
    areas: bool,
}

impl Write {
    /// Opens a write.
    /// Opens a write. Writes are serialised: SQLite takes its write lock at `BEGIN`
    /// (IMMEDIATE), PostgreSQL locks the data-version row every write bumps anyway, so a
    /// check made inside the write (does this slug exist?) still holds at commit.
    pub async fn begin(db: &DatabaseConnection) -> Result<Self, SeedError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        let txn = db.begin_with_options(options).await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            data_version::Entity::find_by_id(1)
                .lock_exclusive()
                .one(&txn)
                .await?;
        }
        Ok(Self { txn, areas: false })
    }

    /// The transaction, for reads and writes inside this change.
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Marks this write as changing the area tables (`area`, `area_wage`): the commit then
    /// also moves `data_version.area_version`, which tells readers that their copy of the
    /// area wages is out of date. Every other write leaves it, so readers keep that copy.
    pub fn changes_areas(&mut self) {
        self.areas = true;
    }

    /// The commit step: bumps the data version, records `audit`, commits. Returns the new
    /// data version. Dropping a `Write` without this rolls everything back.
    pub async fn commit(self, audit: Audit) -> Result<i64, SeedError> {
        self.finish(Some(audit)).await
    }

    /// The commit step without an audit row: only for the service bootstrapping an empty
    /// database on first start (the initial state, not anyone's change).
    pub async fn commit_unaudited(self) -> Result<i64, SeedError> {
        self.finish(None).await
    }

    /// [`Write::commit`] when `actor` is given, else [`Write::commit_unaudited`].
    pub async fn commit_by(
        self,
        actor: Option<&str>,
        action: &str,
        target: String,
    ) -> Result<i64, SeedError> {
        self.finish(actor.map(|actor| Audit::new(actor, action, target)))
            .await
    }

    async fn finish(self, audit: Option<Audit>) -> Result<i64, SeedError> {
        let txn = self.txn;
        let next = Expr::col(data_version::Column::Version).add(1);
        let mut bump = data_version::Entity::update_many();
        if self.areas {
            bump = bump.col_expr(data_version::Column::AreaVersion, next.clone());
        }
        bump.col_expr(data_version::Column::Version, next)
            .filter(data_version::Column::Id.eq(1))
            .exec(&txn)
            .await?;
        let version = current_version(&txn).await?;
        let Some(audit) = audit else {
            txn.commit().await?;
            tracing::info!(data_version = version, "data written (bootstrap)");
            return Ok(version);
        };
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        audit_log::ActiveModel {
            id: NotSet,
            at_unix_ms: Set(at),
            token_id: Set(audit.actor.clone()),
            action: Set(audit.action.clone()),
            target: Set(audit.target.clone()),
            data_version: Set(version),
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        tracing::info!(
            actor = audit.actor,
            action = audit.action,
            target = audit.target,
            data_version = version,
            "data written"
        );
        Ok(version)
    }

    /// Ends a dry run: nothing written is kept, the version does not move.
    pub async fn discard(self) -> Result<i64, SeedError> {
        let version = current_version(&self.txn).await?;
        self.txn.rollback().await?;
        Ok(version)
    }
}

/// The data version the connection sees.
pub async fn current_version(db: &impl ConnectionTrait) -> Result<i64, SeedError> {
    Ok(data_version::Entity::find_by_id(1)
        .one(db)
        .await?
        .map_or(0, |v| v.version))
}

/// Upserts `rows` on the table's natural key, in chunks. On a conflict only the columns the
/// rows set are updated: a loader that does not know a column (`NotSet`) must not overwrite
/// what another loader wrote there. Reloading rewrites identical values and keeps ids.
pub(crate) async fn upsert<E, A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    bar: &indicatif::ProgressBar,
) -> Result<u64, SeedError>
where
    E: Keyed,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let key = E::natural_key();
    let key_names: Vec<&str> = key.iter().map(|c| c.as_str()).collect();
    let Some(first) = rows.first() else {
        return Ok(0);
    };
    let update: Vec<E::Column> = E::Column::iter()
        .filter(|c| {
            c.as_str() != "id" && !key_names.contains(&c.as_str()) && first.get(*c).is_set()
        })
        .collect();
    let set_columns = E::Column::iter()
        .filter(|c| first.get(*c).is_set())
        .count()
        .max(1);
    let chunk_rows = (MAX_PARAMS / set_columns).max(1);
    let mut written = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(chunk_rows).collect();
        let n = chunk.len() as u64;
        let mut on_conflict = OnConflict::columns(key.iter().copied());
        if update.is_empty() {
            on_conflict.do_nothing();
        } else {
            on_conflict.update_columns(update.iter().copied());
        }
        E::insert_many(chunk)
            .on_conflict(on_conflict)
            .exec_without_returning(db)
            .await?;
        written += n;
        bar.inc(n);
    }
    Ok(written)
}
