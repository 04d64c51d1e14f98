//! Puts the official regions and the indicator taxonomy into the warehouse.

use std::collections::HashSet;

use diesel::prelude::*;
use model::{Exact, IndicatorConcept};
use regions::{Gazetteer, KabupatenKind};

use crate::connection::DbConnection;
use crate::error::WarehouseError;
use crate::schema::{indicator_concept, kabupaten, kecamatan, provinsi};

/// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters and SQLite's 32,766.
const INSERT_CHUNK: usize = 500;

fn exact(text: &Option<String>) -> Option<Exact> {
    text.as_deref().and_then(|t| t.parse().ok())
}

/// Inserts the official regions the warehouse does not hold yet; returns how many were added.
/// Cheap when nothing is missing, so it runs at every start-up.
pub fn ensure_regions(
    conn: &mut DbConnection,
    gazetteer: &Gazetteer,
) -> Result<usize, WarehouseError> {
    let have: i64 = kecamatan::table.count().get_result(conn)?;
    if usize::try_from(have).is_ok_and(|n| n == gazetteer.kecamatan.len()) {
        return Ok(0);
    }
    conn.transaction(|conn| {
        let mut added = 0;
        let known: HashSet<String> = provinsi::table
            .select(provinsi::code)
            .load(conn)?
            .into_iter()
            .collect();
        for p in gazetteer
            .provinsi
            .iter()
            .filter(|p| !known.contains(p.code.as_str()))
        {
            added += diesel::insert_into(provinsi::table)
                .values((
                    provinsi::code.eq(p.code.as_str()),
                    provinsi::name.eq(&p.name),
                    provinsi::luas_km2.eq(exact(&p.luas_km2)),
                    provinsi::penduduk.eq(exact(&p.penduduk)),
                ))
                .execute(conn)?;
        }
        let known: HashSet<String> = kabupaten::table
            .select(kabupaten::code)
            .load(conn)?
            .into_iter()
            .collect();
        for k in gazetteer
            .kabupaten
            .iter()
            .filter(|k| !known.contains(k.code.as_str()))
        {
            let kind = match k.kind {
                KabupatenKind::Kabupaten => "kabupaten",
                KabupatenKind::Kota => "kota",
            };
            added += diesel::insert_into(kabupaten::table)
                .values((
                    kabupaten::code.eq(k.code.as_str()),
                    kabupaten::provinsi_code.eq(k.provinsi_code.as_str()),
                    kabupaten::name.eq(&k.name),
                    kabupaten::short_name.eq(&k.short_name),
                    kabupaten::kind.eq(kind),
                    kabupaten::luas_km2.eq(exact(&k.luas_km2)),
                    kabupaten::penduduk.eq(exact(&k.penduduk)),
                ))
                .execute(conn)?;
        }
        let known: HashSet<String> = kecamatan::table
            .select(kecamatan::code)
            .load(conn)?
            .into_iter()
            .collect();
        let missing: Vec<_> = gazetteer
            .kecamatan
            .iter()
            .filter(|k| !known.contains(k.code.as_str()))
            .map(|k| {
                (
                    kecamatan::code.eq(k.code.as_str()),
                    kecamatan::kabupaten_code.eq(k.kabupaten_code.as_str()),
                    kecamatan::name.eq(k.name.as_str()),
                )
            })
            .collect();
        for chunk in missing.chunks(INSERT_CHUNK) {
            added += crate::rows::insert_batch!(conn, kecamatan::table, chunk)?;
        }
        Ok(added)
    })
}

/// Makes the indicator_concept table hold exactly the given taxonomy (insert or update by key;
/// concepts that left the taxonomy stay, as facts may still name them).
pub fn sync_concepts(
    conn: &mut DbConnection,
    concepts: &[IndicatorConcept],
) -> Result<(), WarehouseError> {
    type Stored = (String, String, Option<String>, String, Option<String>);
    conn.transaction(|conn| {
        let mut changed = false;
        for c in concepts {
            let synonyms = crate::rows::json_list(&c.synonyms);
            let wanted: Stored = (
                c.name.clone(),
                synonyms,
                c.unit.clone(),
                c.direction.as_str().to_owned(),
                c.scale.clone(),
            );
            let stored: Option<Stored> = indicator_concept::table
                .find(&c.key)
                .select((
                    indicator_concept::name,
                    indicator_concept::synonyms,
                    indicator_concept::unit,
                    indicator_concept::direction,
                    indicator_concept::scale,
                ))
                .first(conn)
                .optional()?;
            if stored.as_ref() == Some(&wanted) {
                continue;
            }
            let values = (
                indicator_concept::name.eq(&wanted.0),
                indicator_concept::synonyms.eq(&wanted.1),
                indicator_concept::unit.eq(&wanted.2),
                indicator_concept::direction.eq(&wanted.3),
                indicator_concept::scale.eq(&wanted.4),
            );
            if stored.is_some() {
                diesel::update(indicator_concept::table.find(&c.key))
                    .set(values)
                    .execute(conn)?;
            } else {
                diesel::insert_into(indicator_concept::table)
                    .values((indicator_concept::key.eq(&c.key), values))
                    .execute(conn)?;
            }
            changed = true;
        }
        // Directions and names feed the rankings: a changed taxonomy makes the snapshot stale.
        // Unchanged (every start of a server) it must not, or each start would refresh.
        if changed {
            crate::version::mark_warehouse_changed(conn)?;
        }
        Ok(())
    })
}
