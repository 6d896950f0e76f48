//! KPI tables: an import (source file kept byte for byte, every indicator with its values as printed) in one
//! transaction, all rows or none; the column mapping confirmed for a header set, remembered per workspace.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension, Transaction};
use shiryo_core::kpi::{parse_value, FiscalYear, Indicator, Polarity, Project};

use crate::error::{Error, Result};
use crate::Workspace;

/// A KPI table to import.
#[derive(Debug, Clone, PartialEq)]
pub struct NewKpiTable<'a> {
    pub meeting_id: Option<i64>,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub content: &'a [u8],
    /// The header set the mapping is for, and the mapping (JSON) to remember for it.
    pub header_signature: &'a str,
    pub mapping_json: &'a str,
    pub indicators: &'a [Indicator],
    /// The KPI 資料 the table belongs to, if any.
    pub material_id: Option<i64>,
}

/// A KPI table in the workspace's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiTableRow {
    pub id: i64,
    pub meeting_id: Option<i64>,
    pub file_name: String,
    pub imported_at: String,
    pub indicator_count: u32,
    pub material_id: Option<i64>,
}

fn timestamp(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%dT%H:%M:%S").to_string()
}

impl Workspace {
    /// Imports a KPI table in ONE transaction: the file, every indicator and value, and the mapping — or nothing.
    pub fn import_kpi_table(&mut self, table: &NewKpiTable<'_>, now: NaiveDateTime) -> Result<i64> {
        let tx = self.conn.transaction()?;
        if let Some(id) = table.meeting_id {
            let exists: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM meeting WHERE id = ?1)", [id], |r| r.get(0))?;
            if !exists {
                return Err(Error::MeetingNotFound { id });
            }
        }
        if let Some(id) = table.material_id {
            let kind: Option<String> =
                tx.query_row("SELECT kind FROM material WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            match kind.as_deref() {
                Some("kpi_table") => {}
                Some(other) => return Err(Error::Invalid(format!("資料 {id} is of kind {other}, not kpi_table"))),
                None => return Err(Error::Invalid(format!("no 資料 {id}"))),
            }
        }
        let id = insert_table_tx(&tx, table, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// The KPI tables imported into a 資料, in import order.
    pub fn kpi_tables_of_material(&self, material_id: i64) -> Result<Vec<KpiTableRow>> {
        Ok(self.kpi_tables(None)?.into_iter().filter(|t| t.material_id == Some(material_id)).collect())
    }

    /// Sets (`Some`) or clears (`None`: the printed status stands) the user's 達成状況 of one row of the latest year.
    pub fn set_kpi_row_status(&mut self, table_id: i64, source_row: usize, status: Option<&str>) -> Result<()> {
        let tx = self.conn.transaction()?;
        let row = i64::try_from(source_row).unwrap_or(i64::MAX);
        let n = tx.execute(
            "UPDATE kpi_indicator SET status_override = ?1 WHERE table_id = ?2 AND source_row = ?3",
            params![status, table_id, row],
        )?;
        if n == 0 {
            return Err(Error::Invalid(format!("KPI table {table_id} has no row {source_row}")));
        }
        tx.commit()?;
        Ok(())
    }

    /// The statuses the user set by hand, by source row.
    pub fn kpi_status_overrides(&self, table_id: i64) -> Result<std::collections::BTreeMap<usize, String>> {
        let mut stmt = self.conn.prepare(
            "SELECT source_row, status_override FROM kpi_indicator
             WHERE table_id = ?1 AND status_override IS NOT NULL",
        )?;
        let rows = stmt.query_map([table_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = std::collections::BTreeMap::new();
        for row in rows {
            let (n, s) = row?;
            out.insert(usize::try_from(n).unwrap_or(0), s);
        }
        Ok(out)
    }

    /// The mapping remembered for a header set, as JSON.
    pub fn kpi_mapping(&self, header_signature: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT mapping_json FROM kpi_column_mapping WHERE header_signature = ?1",
                [header_signature],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Remembers the mapping the user confirmed for a header set.
    pub fn save_kpi_mapping(&mut self, header_signature: &str, mapping_json: &str, now: NaiveDateTime) -> Result<()> {
        let tx = self.conn.transaction()?;
        save_mapping_tx(&tx, header_signature, mapping_json, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves the user's edits of one row (by its row number in the source file): the polarity override
    /// (`Some(None)` clears it, back to inferred) and the note. One transaction; an unknown row changes nothing.
    pub fn edit_kpi_row(
        &mut self,
        table_id: i64,
        source_row: usize,
        polarity: Option<Option<Polarity>>,
        note: Option<&str>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let row = i64::try_from(source_row).unwrap_or(i64::MAX);
        let id: Option<i64> = tx
            .query_row("SELECT id FROM kpi_indicator WHERE table_id = ?1 AND source_row = ?2", [table_id, row], |r| {
                r.get(0)
            })
            .optional()?;
        let id = id.ok_or_else(|| Error::Invalid(format!("KPI table {table_id} has no row {source_row}")))?;
        if let Some(p) = polarity {
            tx.execute("UPDATE kpi_indicator SET polarity = ?1 WHERE id = ?2", params![p.map(Polarity::code), id])?;
        }
        if let Some(note) = note {
            tx.execute("UPDATE kpi_indicator SET note = ?1 WHERE id = ?2", params![note, id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The KPI tables of a meeting (or, with `None`, every table), in import order.
    pub fn kpi_tables(&self, meeting_id: Option<i64>) -> Result<Vec<KpiTableRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.meeting_id, t.file_name, t.imported_at,
                    (SELECT count(*) FROM kpi_indicator i WHERE i.table_id = t.id), t.material_id
             FROM kpi_table t WHERE ?1 IS NULL OR t.meeting_id = ?1 ORDER BY t.id",
        )?;
        let rows = stmt.query_map([meeting_id], |r| {
            Ok(KpiTableRow {
                id: r.get(0)?,
                meeting_id: r.get(1)?,
                file_name: r.get(2)?,
                imported_at: r.get(3)?,
                indicator_count: r.get(4)?,
                material_id: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The indicators of a table, in order, with every value parsed again from its raw text.
    pub fn load_kpi_indicators(&self, table_id: i64) -> Result<Vec<Indicator>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, source_row, name, part, field_code, field, project_no, project_name, relisted, source,
                    reference, baseline, baseline_year, polarity, note, baseline_year_raw
             FROM kpi_indicator WHERE table_id = ?1 ORDER BY position",
        )?;
        let heads = stmt.query_map([table_id], |r| {
            let mut ind = Indicator::new(&r.get::<_, String>(2)?);
            ind.row = usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
            ind.part = r.get(3)?;
            ind.field_code = r.get(4)?;
            ind.field = r.get(5)?;
            let (no, name): (Option<String>, Option<String>) = (r.get(6)?, r.get(7)?);
            ind.project = name.map(|name| Project { no, name });
            ind.relisted = r.get::<_, i64>(8)? == 1;
            ind.source = r.get(9)?;
            ind.reference = r.get(10)?;
            ind.baseline = parse_value(&r.get::<_, String>(11)?);
            ind.baseline_year = r.get::<_, Option<i32>>(12)?.map(FiscalYear);
            let polarity: Option<String> = r.get(13)?;
            ind.note = r.get(14)?;
            ind.baseline_year_raw = r.get(15)?;
            Ok((r.get::<_, i64>(0)?, polarity, ind))
        })?;
        let mut out = Vec::new();
        let mut values = self.conn.prepare(
            "SELECT fiscal_year, kind, raw FROM kpi_value WHERE indicator_id = ?1 ORDER BY fiscal_year, kind",
        )?;
        for head in heads {
            let (id, polarity, mut ind) = head?;
            ind.polarity_override = match polarity {
                Some(code) => {
                    Some(Polarity::from_code(&code).ok_or_else(|| Error::Invalid(format!("KPI polarity {code:?}")))?)
                }
                None => None,
            };
            let rows = values
                .query_map([id], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
            for row in rows {
                let (year, kind, raw) = row?;
                let year = FiscalYear(year);
                match kind.as_str() {
                    "target" => {
                        ind.targets.insert(year, parse_value(&raw));
                    }
                    "actual" => {
                        ind.actuals.insert(year, parse_value(&raw));
                    }
                    "status" => {
                        ind.printed_status.insert(year, raw);
                    }
                    other => return Err(Error::Invalid(format!("KPI value kind {other:?}"))),
                }
            }
            out.push(ind);
        }
        Ok(out)
    }
}

fn save_mapping_tx(tx: &Transaction<'_>, header_signature: &str, mapping_json: &str, now: NaiveDateTime) -> Result<()> {
    tx.execute(
        "INSERT INTO kpi_column_mapping (header_signature, mapping_json, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (header_signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
        params![header_signature, mapping_json, timestamp(now)],
    )?;
    Ok(())
}

fn insert_table_tx(tx: &Transaction<'_>, table: &NewKpiTable<'_>, now: NaiveDateTime) -> Result<i64> {
    tx.execute(
        "INSERT INTO kpi_table (meeting_id, file_name, media_type, content, imported_at, material_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![table.meeting_id, table.file_name, table.media_type, table.content, timestamp(now), table.material_id],
    )?;
    let table_id = tx.last_insert_rowid();
    let mut ind_stmt = tx.prepare(
        "INSERT INTO kpi_indicator (table_id, position, source_row, name, part, field_code, field, project_no,
                                    project_name, relisted, source, reference, baseline, baseline_year, polarity, note,
                                    baseline_year_raw)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    let mut value_stmt =
        tx.prepare("INSERT INTO kpi_value (indicator_id, fiscal_year, kind, raw) VALUES (?1, ?2, ?3, ?4)")?;
    for (position, ind) in table.indicators.iter().enumerate() {
        ind_stmt.execute(params![
            table_id,
            i64::try_from(position).unwrap_or(i64::MAX),
            i64::try_from(ind.row).unwrap_or(i64::MAX),
            ind.name,
            ind.part,
            ind.field_code,
            ind.field,
            ind.project.as_ref().and_then(|p| p.no.clone()),
            ind.project.as_ref().map(|p| p.name.clone()),
            i64::from(ind.relisted),
            ind.source,
            ind.reference,
            ind.baseline.raw,
            ind.baseline_year.map(|y| y.0),
            ind.polarity_override.map(Polarity::code),
            ind.note,
            ind.baseline_year_raw,
        ])?;
        let ind_id = tx.last_insert_rowid();
        for (kind, values) in [("target", &ind.targets), ("actual", &ind.actuals)] {
            for (year, v) in values {
                value_stmt.execute(params![ind_id, year.0, kind, v.raw])?;
            }
        }
        for (year, status) in &ind.printed_status {
            value_stmt.execute(params![ind_id, year.0, "status", status])?;
        }
    }
    save_mapping_tx(tx, table.header_signature, table.mapping_json, now)?;
    Ok(table_id)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use shiryo_core::kpi::parse_value;

    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2023, 5, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn indicators() -> Vec<Indicator> {
        let mut a = Indicator::new("建設業の総実労働時間／月");
        a.row = 2;
        a.part = "地域".into();
        a.field_code = "Ⅲ-4".into();
        a.project = Some(Project {
            no: Some("45".into()), name: "4(3)ア デジタル技術を活用した工事の推進".into()
        });
        a.baseline = parse_value("169");
        a.baseline_year = Some(FiscalYear(2021));
        a.baseline_year_raw = "R3".into();
        a.targets.insert(FiscalYear(2022), parse_value("165.6時間"));
        a.targets.insert(FiscalYear(2023), parse_value("163.9"));
        a.actuals.insert(FiscalYear(2022), parse_value("167.3時間"));
        a.printed_status.insert(FiscalYear(2022), "達成".into());
        let mut b = Indicator::new("職員の職場満足度");
        b.row = 3;
        b.relisted = true;
        b.polarity_override = Some(Polarity::HigherIsBetter);
        b.targets.insert(FiscalYear(2022), parse_value("4以上"));
        b.actuals.insert(FiscalYear(2022), parse_value("BOOM"));
        vec![a, b]
    }

    fn table<'a>(inds: &'a [Indicator]) -> NewKpiTable<'a> {
        NewKpiTable {
            meeting_id: None,
            file_name: "kpi.csv",
            media_type: "text/csv",
            content: b"indicator,r4_target\n",
            header_signature: "indicator\u{1f}r4_target",
            mapping_json: "{\"name\":\"indicator\"}",
            indicators: inds,
            material_id: None,
        }
    }

    #[test]
    fn a_table_belongs_to_a_kpi_material_only_and_keeps_a_status_set_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.shiryo")).unwrap();
        let inds = indicators();
        let err = ws.import_kpi_table(&NewKpiTable { material_id: Some(999), ..table(&inds) }, now()).unwrap_err();
        assert!(err.to_string().contains("999"), "{err}");
        assert!(ws.kpi_tables(None).unwrap().is_empty(), "nothing imported");
        let id = ws.import_kpi_table(&table(&inds), now()).unwrap();
        let row = inds[0].row;
        ws.set_kpi_row_status(id, row, Some("一部達成")).unwrap();
        assert_eq!(ws.kpi_status_overrides(id).unwrap().get(&row).map(String::as_str), Some("一部達成"));
        ws.set_kpi_row_status(id, row, None).unwrap();
        assert!(ws.kpi_status_overrides(id).unwrap().is_empty());
        let err = ws.set_kpi_row_status(id, 9999, Some("達成")).unwrap_err();
        assert!(matches!(&err, Error::Invalid(m) if m.contains("no row 9999")), "an unknown row is refused: {err}");
    }

    #[test]
    fn an_imported_table_loads_back_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.shiryo")).unwrap();
        let inds = indicators();
        let id = ws.import_kpi_table(&table(&inds), now()).unwrap();
        assert_eq!(ws.load_kpi_indicators(id).unwrap(), inds);
        let listed = ws.kpi_tables(None).unwrap();
        assert_eq!((listed.len(), listed[0].indicator_count), (1, 2));
        assert_eq!(ws.kpi_mapping("indicator\u{1f}r4_target").unwrap().as_deref(), Some("{\"name\":\"indicator\"}"));
    }

    #[test]
    fn a_failing_row_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.shiryo")).unwrap();
        // the second indicator's actual fails: the first indicator, the file and the mapping must go too
        ws.conn
            .execute_batch(
                "CREATE TRIGGER boom BEFORE INSERT ON kpi_value WHEN NEW.raw = 'BOOM'
                 BEGIN SELECT RAISE(ABORT, 'boom'); END;",
            )
            .unwrap();
        let inds = indicators();
        let err = ws.import_kpi_table(&table(&inds), now()).unwrap_err();
        assert!(matches!(&err, Error::Sqlite(e) if e.to_string().contains("boom")), "{err}");
        let count = |sql: &str| ws.conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(count("SELECT count(*) FROM kpi_table"), 0);
        assert_eq!(count("SELECT count(*) FROM kpi_indicator"), 0);
        assert_eq!(count("SELECT count(*) FROM kpi_value"), 0);
        assert_eq!(count("SELECT count(*) FROM kpi_column_mapping"), 0);
    }

    #[test]
    fn edits_of_polarity_and_note_are_saved_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.shiryo")).unwrap();
        let inds = indicators();
        let id = ws.import_kpi_table(&table(&inds), now()).unwrap();
        ws.edit_kpi_row(id, 2, Some(Some(Polarity::Keep)), Some("維持で評価")).unwrap();
        let loaded = ws.load_kpi_indicators(id).unwrap();
        assert_eq!((loaded[0].polarity_override, loaded[0].note.as_str()), (Some(Polarity::Keep), "維持で評価"));
        ws.edit_kpi_row(id, 2, Some(None), None).unwrap();
        let loaded = ws.load_kpi_indicators(id).unwrap();
        assert_eq!((loaded[0].polarity_override, loaded[0].note.as_str()), (None, "維持で評価"));
        assert!(matches!(ws.edit_kpi_row(id, 99, None, Some("x")), Err(Error::Invalid(_))));
    }

    #[test]
    fn an_unknown_meeting_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.shiryo")).unwrap();
        let inds = indicators();
        let t = NewKpiTable { meeting_id: Some(99), ..table(&inds) };
        assert!(matches!(ws.import_kpi_table(&t, now()), Err(Error::MeetingNotFound { id: 99 })));
    }
}
