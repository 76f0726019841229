//! Reads the whole database back as a dataset, in a deterministic order (catalog by slug,
//! facts grouped by source, then by role and position), so exporting, importing the result
//! into an empty database and exporting again gives an identical document.

use std::collections::{BTreeMap, HashMap};

use entity::vocab::{AttributeKind, Dimension};
use entity::{
    career_move, certification, role, role_alias, role_attribute, role_certification,
    role_comparison, role_demographic, role_duty, role_education, role_profile, role_regional_wage,
    role_skill, role_statement, role_technology, skill, source,
};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::dataset::{
    AttributeItem, AttributeList, CertificationRecord, ComparisonRecord, DemographicRecord,
    DutyItem, EducationItem, MoveRecord, ProfileRecord, RegionalWageItem, RoleCertificationRecord,
    RoleList, RoleRecord, RoleSkillRecord, SkillRecord, SourceRecord, StatementItem,
    TechnologyItem,
};
use crate::{Dataset, FactFile, SeedError};

/// Reads the whole database as a dataset.
pub async fn export(db: &impl ConnectionTrait) -> Result<Dataset, SeedError> {
    let (mut dataset, mut x) = Export::catalog(db).await?;
    x.profiles(db).await?;
    x.demographics(db).await?;
    x.role_skills(db).await?;
    x.role_certifications(db).await?;
    x.ordered_lists(db).await?;
    x.moves(db).await?;
    x.comparisons(db).await?;
    x.titles(db).await?;
    x.statements(db).await?;
    dataset.facts = x.files.into_values().collect();
    Ok(dataset)
}

/// Items of a role's list grouped by (source, role, list kind), with each item's position.
type Lists<T, K = ()> = BTreeMap<(String, String, K), (i32, Vec<(i32, T)>)>;

fn push<T, K: Ord>(lists: &mut Lists<T, K>, key: (String, String, K), source: i32, pos: i32, t: T) {
    lists
        .entry(key)
        .or_insert_with(|| (source, Vec::new()))
        .1
        .push((pos, t));
}

fn in_position_order<T>(mut v: Vec<(i32, T)>) -> Vec<T> {
    v.sort_by_key(|(pos, _)| *pos);
    v.into_iter().map(|(_, t)| t).collect()
}

/// Row ids resolved to natural keys, and the fact files being filled (by source key).
struct Export {
    sources: HashMap<i32, String>,
    roles: HashMap<i32, String>,
    skills: HashMap<i32, String>,
    certifications: HashMap<i32, String>,
    files: BTreeMap<String, FactFile>,
}

fn key_of(map: &HashMap<i32, String>, id: i32) -> String {
    map.get(&id).cloned().unwrap_or_default()
}

impl Export {
    /// Reads the catalog: the dataset without facts, and the id → key maps.
    async fn catalog(db: &impl ConnectionTrait) -> Result<(Dataset, Self), SeedError> {
        let sources = source::Entity::find()
            .order_by_asc(source::Column::Key)
            .all(db)
            .await?;
        let roles = role::Entity::find()
            .order_by_asc(role::Column::Slug)
            .all(db)
            .await?;
        let skills = skill::Entity::find()
            .order_by_asc(skill::Column::Slug)
            .all(db)
            .await?;
        let certs = certification::Entity::find()
            .order_by_asc(certification::Column::Slug)
            .all(db)
            .await?;
        let x = Self {
            sources: sources.iter().map(|s| (s.id, s.key.clone())).collect(),
            roles: roles.iter().map(|r| (r.id, r.slug.clone())).collect(),
            skills: skills.iter().map(|s| (s.id, s.slug.clone())).collect(),
            certifications: certs.iter().map(|c| (c.id, c.slug.clone())).collect(),
            files: BTreeMap::new(),
        };
        let dataset = Dataset {
            sources: sources.iter().map(SourceRecord::from).collect(),
            roles: roles.iter().map(RoleRecord::from).collect(),
            skills: skills.iter().map(SkillRecord::from).collect(),
            certifications: certs.iter().map(CertificationRecord::from).collect(),
            facts: Vec::new(),
        };
        Ok((dataset, x))
    }

    fn src(&self, id: i32) -> String {
        key_of(&self.sources, id)
    }

    fn role(&self, id: i32) -> String {
        key_of(&self.roles, id)
    }

    /// The fact file of source `source_id`.
    fn file(&mut self, source_id: i32) -> &mut FactFile {
        let key = self.src(source_id);
        self.files.entry(key.clone()).or_insert_with(|| FactFile {
            file: format!("export#{key}"),
            source: key,
            ..FactFile::default()
        })
    }

    async fn profiles(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        let mut profiles = role_profile::Entity::find().all(db).await?;
        profiles.sort_by_key(|p| (self.src(p.source_id), self.role(p.role_id)));
        for p in profiles {
            let record = ProfileRecord::from_row(self.role(p.role_id), &p);
            self.file(p.source_id).profiles.push(record);
        }
        Ok(())
    }

    async fn demographics(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        type Shares = BTreeMap<(String, String, Dimension), (i32, BTreeMap<String, f64>)>;
        let mut shares = Shares::new();
        for d in role_demographic::Entity::find().all(db).await? {
            shares
                .entry((self.src(d.source_id), self.role(d.role_id), d.dimension))
                .or_insert_with(|| (d.source_id, BTreeMap::new()))
                .1
                .insert(d.group_name, d.share_pct);
        }
        for ((_, role, dimension), (source_id, shares)) in shares {
            let record = DemographicRecord {
                role,
                dimension,
                shares,
            };
            self.file(source_id).demographics.push(record);
        }
        Ok(())
    }

    async fn role_skills(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        let skill = |x: &Self, id| key_of(&x.skills, id);
        let mut links = role_skill::Entity::find().all(db).await?;
        links.sort_by_key(|s| {
            (
                self.src(s.source_id),
                self.role(s.role_id),
                skill(self, s.skill_id),
            )
        });
        for s in links {
            let record = RoleSkillRecord {
                role: self.role(s.role_id),
                skill: skill(self, s.skill_id),
                share_pct: s.share_pct,
                rank: s.rank,
                importance: s.importance,
                level: s.level,
                note: s.note,
                importance_n: s.importance_n,
                importance_se: s.importance_se,
                importance_ci_low: s.importance_ci_low,
                importance_ci_high: s.importance_ci_high,
                level_n: s.level_n,
                level_se: s.level_se,
                level_ci_low: s.level_ci_low,
                level_ci_high: s.level_ci_high,
            };
            self.file(s.source_id).role_skills.push(record);
        }
        Ok(())
    }

    async fn role_certifications(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        let cert = |x: &Self, id| key_of(&x.certifications, id);
        let mut links = role_certification::Entity::find().all(db).await?;
        links.sort_by_key(|c| {
            let relevance = c.relevance.to_string();
            let key = (self.role(c.role_id), cert(self, c.certification_id));
            (self.src(c.source_id), key, relevance)
        });
        for c in links {
            let record = RoleCertificationRecord {
                role: self.role(c.role_id),
                certification: cert(self, c.certification_id),
                relevance: c.relevance,
                note: c.note,
            };
            self.file(c.source_id).role_certifications.push(record);
        }
        Ok(())
    }

    /// Duties, education, attributes and regional wages: lists in position order.
    async fn ordered_lists(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        let mut duties: Lists<DutyItem> = BTreeMap::new();
        for d in role_duty::Entity::find().all(db).await? {
            let key = (self.src(d.source_id), self.role(d.role_id), ());
            let item = DutyItem {
                title: d.title,
                description: d.description,
            };
            push(&mut duties, key, d.source_id, d.position, item);
        }
        for ((_, role, ()), (source_id, list)) in duties {
            let items = in_position_order(list);
            self.file(source_id).duties.push(RoleList { role, items });
        }

        let mut education: Lists<EducationItem> = BTreeMap::new();
        for e in role_education::Entity::find().all(db).await? {
            let key = (self.src(e.source_id), self.role(e.role_id), ());
            let item = EducationItem {
                level: e.level,
                requirement: e.requirement,
                fields: e.fields,
                note: e.note,
            };
            push(&mut education, key, e.source_id, e.position, item);
        }
        for ((_, role, ()), (source_id, list)) in education {
            let items = in_position_order(list);
            self.file(source_id)
                .education
                .push(RoleList { role, items });
        }

        let mut attributes: Lists<AttributeItem, AttributeKind> = BTreeMap::new();
        for a in role_attribute::Entity::find().all(db).await? {
            let key = (self.src(a.source_id), self.role(a.role_id), a.kind);
            let item = AttributeItem {
                name: a.name,
                detail: a.detail,
            };
            push(&mut attributes, key, a.source_id, a.position, item);
        }
        for ((_, role, kind), (source_id, list)) in attributes {
            let items = in_position_order(list);
            let record = AttributeList { role, kind, items };
            self.file(source_id).attributes.push(record);
        }

        let mut wages: Lists<RegionalWageItem> = BTreeMap::new();
        for w in role_regional_wage::Entity::find().all(db).await? {
            let key = (self.src(w.source_id), self.role(w.role_id), ());
            let item = RegionalWageItem {
                region: w.region,
                salary_median: w.salary_median,
            };
            push(&mut wages, key, w.source_id, w.rank, item);
        }
        for ((_, role, ()), (source_id, list)) in wages {
            let items = in_position_order(list);
            self.file(source_id)
                .regional_wages
                .push(RoleList { role, items });
        }
        Ok(())
    }

    async fn moves(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        let mut moves = career_move::Entity::find().all(db).await?;
        moves.sort_by_key(|m| {
            let roles = (self.role(m.from_role_id), self.role(m.to_role_id));
            (self.src(m.source_id), roles, m.kind.to_string())
        });
        for m in moves {
            let record = MoveRecord {
                from: self.role(m.from_role_id),
                to: self.role(m.to_role_id),
                kind: m.kind,
                typical_years: m.typical_years,
                likelihood: m.likelihood,
                description: m.description,
                derived: m.derived,
            };
            self.file(m.source_id).moves.push(record);
        }
        Ok(())
    }

    async fn comparisons(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        let mut comparisons = role_comparison::Entity::find().all(db).await?;
        comparisons.sort_by_key(|c| {
            (
                self.src(c.source_id),
                self.role(c.role_a_id),
                self.role(c.role_b_id),
            )
        });
        for c in comparisons {
            let record = ComparisonRecord {
                a: self.role(c.role_a_id),
                b: self.role(c.role_b_id),
            };
            self.file(c.source_id).comparisons.push(record);
        }
        Ok(())
    }

    /// Alternate titles and technologies: unordered lists, written sorted by name.
    async fn titles(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        let mut aliases: Lists<String> = BTreeMap::new();
        for a in role_alias::Entity::find().all(db).await? {
            let key = (self.src(a.source_id), self.role(a.role_id), ());
            push(&mut aliases, key, a.source_id, 0, a.title);
        }
        for ((_, role, ()), (source_id, list)) in aliases {
            let mut items: Vec<String> = list.into_iter().map(|(_, t)| t).collect();
            items.sort();
            self.file(source_id).aliases.push(RoleList { role, items });
        }

        let mut technologies: Lists<TechnologyItem> = BTreeMap::new();
        for t in role_technology::Entity::find().all(db).await? {
            let key = (self.src(t.source_id), self.role(t.role_id), ());
            let item = TechnologyItem {
                name: t.name,
                commodity: t.commodity,
                hot: t.hot,
                in_demand: t.in_demand,
            };
            push(&mut technologies, key, t.source_id, 0, item);
        }
        for ((_, role, ()), (source_id, list)) in technologies {
            let mut items: Vec<TechnologyItem> = list.into_iter().map(|(_, t)| t).collect();
            items.sort_by(|a, b| a.name.cmp(&b.name));
            self.file(source_id)
                .technologies
                .push(RoleList { role, items });
        }
        Ok(())
    }
}

impl Export {
    /// Role statements: lists in position order.
    async fn statements(&mut self, db: &impl ConnectionTrait) -> Result<(), SeedError> {
        let mut statements: Lists<StatementItem> = BTreeMap::new();
        for r in role_statement::Entity::find().all(db).await? {
            let key = (self.src(r.source_id), self.role(r.role_id), ());
            let item = StatementItem {
                kind: r.kind,
                topic: r.topic,
                text: r.text,
                question: r.question,
            };
            push(&mut statements, key, r.source_id, r.position, item);
        }
        for ((_, role, ()), (source_id, list)) in statements {
            let items = in_position_order(list);
            self.file(source_id)
                .statements
                .push(RoleList { role, items });
        }
        Ok(())
    }
}
