//! Scoped snapshots of rows: the store's half of the app's undo history (`shiryo-app/src/history.rs`).
//!
//! A [`Patch`] says, for a chosen set of rows (table and rowid), what they hold, or that they do not exist.
//! [`Workspace::snapshot`] takes one of the rows a command is about to touch ([`Rows`]), [`Workspace::complete`]
//! adds the rows the command created, and [`Workspace::apply_patch`] makes those rows so again in one transaction
//! and answers with the patch that undoes that. Rows that applying a patch deletes come back with everything their
//! deletion cascades to (a deleted 資料 with its text, files, 新旧 edits and KPI tables), found through the
//! schema's own foreign keys, so a table added by a later migration is followed without code here knowing it.
//!
//! Rows outside the patch are never written: an update is an `UPDATE` of that row (never a delete and insert,
//! which would cascade), and a patch of the agenda does not hold a single row of a 資料's content. Large values
//! (files, long texts: more than [`STASH_OVER`] bytes) are never held in memory: they are copied into a temporary
//! table of this connection (`temp.shiryo_stash`, gone when the workspace closes) and named by id there.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::meetings::timestamp;
use crate::Workspace;

/// Values longer than this (bytes of a BLOB, characters of a TEXT) are stashed rather than kept in memory.
pub const STASH_OVER: i64 = 64 * 1024;

/// Rows a command touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// A meeting's own row (its header).
    Meeting(i64),
    /// Every agenda item of a meeting (titles, parents, positions).
    Agenda(i64),
    /// Every 資料 row of a meeting (title, kind, item and position; not their content).
    MaterialsOf(i64),
    /// One 資料 row.
    Material(i64),
    /// The body of a text 資料.
    MaterialText(i64),
    /// A 資料's stored files of one role (`old`, `new`, `pdf` …).
    MaterialFiles { material: i64, role: String },
    /// A 新旧対照表's headings preset, column order and caption.
    ShinkyuSetting(i64),
    /// A 新旧対照表's hand edits.
    ShinkyuEdits(i64),
    /// The KPI tables imported into a 資料 (their indicators come with them when one is deleted).
    KpiTablesOf(i64),
    /// A 表 資料's layout (sheet, columns, orientation, title and note lines).
    TableLayout(i64),
    /// One row of a KPI table by its row number in the source file (note, polarity, status set by hand).
    KpiIndicator { table: i64, source_row: i64 },
    /// A meeting with everything deleted with it.
    WholeMeeting(i64),
    /// An agenda item with its sub-items, their 資料 and all their content.
    WholeItem(i64),
    /// A 資料 with all its content.
    WholeMaterial(i64),
}

impl Rows {
    /// The table, the condition and its parameters, and whether everything deleted with these rows belongs in.
    fn query(&self) -> (&'static str, &'static str, Vec<Value>, bool) {
        use Value::{Integer as I, Text as T};
        match self {
            Rows::Meeting(id) => ("meeting", "rowid = ?1", vec![I(*id)], false),
            Rows::Agenda(m) => ("agenda_item", "meeting_id = ?1", vec![I(*m)], false),
            Rows::MaterialsOf(m) => {
                ("material", "agenda_item_id IN (SELECT id FROM agenda_item WHERE meeting_id = ?1)", vec![I(*m)], false)
            }
            Rows::Material(id) => ("material", "rowid = ?1", vec![I(*id)], false),
            Rows::MaterialText(id) => ("material_text", "material_id = ?1", vec![I(*id)], false),
            Rows::MaterialFiles { material, role } => {
                ("material_file", "material_id = ?1 AND role = ?2", vec![I(*material), T(role.clone())], false)
            }
            Rows::ShinkyuSetting(id) => ("shinkyu_setting", "material_id = ?1", vec![I(*id)], false),
            Rows::ShinkyuEdits(id) => ("shinkyu_edit", "material_id = ?1", vec![I(*id)], false),
            Rows::TableLayout(id) => ("table_layout", "material_id = ?1", vec![I(*id)], false),
            Rows::KpiTablesOf(id) => ("kpi_table", "material_id = ?1", vec![I(*id)], false),
            Rows::KpiIndicator { table, source_row } => {
                ("kpi_indicator", "table_id = ?1 AND source_row = ?2", vec![I(*table), I(*source_row)], false)
            }
            Rows::WholeMeeting(id) => ("meeting", "rowid = ?1", vec![I(*id)], true),
            Rows::WholeItem(id) => ("agenda_item", "rowid = ?1", vec![I(*id)], true),
            Rows::WholeMaterial(id) => ("material", "rowid = ?1", vec![I(*id)], true),
        }
    }
}

/// One stored value: in memory, or stashed in `temp.shiryo_stash` under this id.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Value(Value),
    Stashed(i64),
}

/// What a set of rows held: per (table, rowid) the row's values in the table's column order, or `None` where the
/// row did not exist. Applied by [`Workspace::apply_patch`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Patch {
    columns: BTreeMap<String, Vec<String>>,
    rows: BTreeMap<(String, i64), Option<Vec<Cell>>>,
}

impl Patch {
    /// Nothing recorded (a command that changed nothing).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Rows recorded, present or absent.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Bytes held in memory (values, not the stashed ones): what the history's limits count.
    pub fn memory_bytes(&self) -> usize {
        let value = |c: &Cell| match c {
            Cell::Value(Value::Text(s)) => s.len(),
            Cell::Value(Value::Blob(b)) => b.len(),
            _ => 8,
        };
        self.rows
            .iter()
            .map(|((t, _), r)| t.len() + 8 + r.as_ref().map_or(0, |cells| cells.iter().map(value).sum()))
            .sum()
    }

    /// Whether the patch records this row of this table (present or absent).
    pub fn touches(&self, table: &str, rowid: i64) -> bool {
        self.rows.contains_key(&(table.to_string(), rowid))
    }

    fn stash_ids(&self) -> Vec<i64> {
        self.rows
            .values()
            .flatten()
            .flatten()
            .filter_map(|c| match c {
                Cell::Stashed(id) => Some(*id),
                Cell::Value(_) => None,
            })
            .collect()
    }
}

/// A table's columns other than its rowid alias, and whether it has such an alias.
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let info: Vec<(String, String, i64)> =
        stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    let pks: Vec<&(String, String, i64)> = info.iter().filter(|c| c.2 > 0).collect();
    let alias = match pks.as_slice() {
        [only] if only.1.eq_ignore_ascii_case("INTEGER") => Some(only.0.clone()),
        _ => None,
    };
    Ok(info.into_iter().map(|c| c.0).filter(|c| Some(c) != alias.as_ref()).collect())
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn ensure_stash(conn: &Connection) -> Result<()> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS shiryo_stash (id INTEGER PRIMARY KEY, value)")?;
    Ok(())
}

/// The foreign keys whose deletion action reaches a child: (child table, child column, parent column or None
/// for the primary key, cascade (true) or set null/default (false)), by parent table.
type ForeignKeys = BTreeMap<String, Vec<(String, String, Option<String>, bool)>>;

fn foreign_keys(conn: &Connection) -> Result<ForeignKeys> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.name, f.\"table\", f.\"from\", f.\"to\", f.on_delete FROM sqlite_schema m
         JOIN pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
    )?;
    let mut out = ForeignKeys::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (child, parent, from, to, on_delete) = row?;
        let action = on_delete.to_ascii_uppercase();
        let reaches = match action.as_str() {
            "CASCADE" => Some(true),
            "SET NULL" | "SET DEFAULT" => Some(false),
            _ => None,
        };
        if let Some(cascade) = reaches {
            out.entry(parent.to_ascii_lowercase()).or_default().push((child, from, to, cascade));
        }
    }
    Ok(out)
}

/// The rowids of `table` matching a condition.
fn select(conn: &Connection, table: &str, condition: &str, values: &[Value]) -> Result<Vec<i64>> {
    let sql = format!("SELECT rowid FROM {} WHERE {condition}", quote(table));
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt.query_map(params_from_iter(values), |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

/// `key` and every row its deletion would delete or change, each once.
fn closure(conn: &Connection, fks: &ForeignKeys, key: (String, i64), out: &mut BTreeSet<(String, i64)>) -> Result<()> {
    // Visited apart from `out`: a row already selected on its own still has its dependants to add.
    let mut seen = BTreeSet::new();
    let mut todo = vec![key];
    while let Some((table, rowid)) = todo.pop() {
        if !seen.insert((table.clone(), rowid)) {
            continue;
        }
        out.insert((table.clone(), rowid));
        for (child, from, to, cascade) in fks.get(&table.to_ascii_lowercase()).map(Vec::as_slice).unwrap_or(&[]) {
            let value: Value = match to {
                None => Value::Integer(rowid),
                Some(column) => {
                    let sql = format!("SELECT {} FROM {} WHERE rowid = ?1", quote(column), quote(&table));
                    match conn.query_row(&sql, [rowid], |r| r.get::<_, Value>(0)).optional()? {
                        Some(v) => v,
                        None => continue,
                    }
                }
            };
            for id in select(conn, child, &format!("{} = ?1", quote(from)), &[value])? {
                if *cascade {
                    todo.push((child.clone(), id));
                } else {
                    out.insert((child.clone(), id));
                }
            }
        }
    }
    Ok(())
}

/// The rows `rows` select now, with their closures where asked.
fn keys(conn: &Connection, rows: &[Rows]) -> Result<BTreeSet<(String, i64)>> {
    let mut out = BTreeSet::new();
    let mut fks = None;
    for r in rows {
        let (table, condition, values, whole) = r.query();
        for id in select(conn, table, condition, &values)? {
            if whole {
                if fks.is_none() {
                    fks = Some(foreign_keys(conn)?);
                }
                if let Some(fks) = &fks {
                    closure(conn, fks, (table.to_string(), id), &mut out)?;
                }
            } else {
                out.insert((table.to_string(), id));
            }
        }
    }
    Ok(out)
}

/// Reads the rows `keys` into `patch` (absent ones as `None`), stashing large values.
fn read(conn: &Connection, keys: &BTreeSet<(String, i64)>, patch: &mut Patch) -> Result<()> {
    ensure_stash(conn)?;
    for (table, rowid) in keys {
        if !patch.columns.contains_key(table) {
            patch.columns.insert(table.clone(), columns(conn, table)?);
        }
        let cols = patch.columns.get(table).cloned().unwrap_or_default();
        let big = |c: &str| format!("(typeof({c}) IN ('text', 'blob') AND length({c}) > {STASH_OVER})", c = quote(c));
        let list: Vec<String> =
            cols.iter().map(|c| format!("CASE WHEN {} THEN NULL ELSE {} END, {}", big(c), quote(c), big(c))).collect();
        let sql = if list.is_empty() {
            format!("SELECT 1 FROM {} WHERE rowid = ?1", quote(table))
        } else {
            format!("SELECT {} FROM {} WHERE rowid = ?1", list.join(", "), quote(table))
        };
        let found: Option<Vec<(Value, bool)>> = conn
            .prepare_cached(&sql)?
            .query_row([rowid], |r| {
                (0..cols.len()).map(|i| Ok((r.get::<_, Value>(2 * i)?, r.get::<_, bool>(2 * i + 1)?))).collect()
            })
            .optional()?;
        let row = match found {
            None => None,
            Some(values) => {
                let mut cells = Vec::with_capacity(values.len());
                for (col, (value, stash)) in cols.iter().zip(values) {
                    if stash {
                        let sql = format!(
                            "INSERT INTO temp.shiryo_stash (value) SELECT {} FROM {} WHERE rowid = ?1",
                            quote(col),
                            quote(table)
                        );
                        conn.prepare_cached(&sql)?.execute([rowid])?;
                        cells.push(Cell::Stashed(conn.last_insert_rowid()));
                    } else {
                        cells.push(Cell::Value(value));
                    }
                }
                Some(cells)
            }
        };
        patch.rows.insert((table.clone(), *rowid), row);
    }
    Ok(())
}

fn drop_stashed(conn: &Connection, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    ensure_stash(conn)?;
    let mut stmt = conn.prepare_cached("DELETE FROM temp.shiryo_stash WHERE id = ?1")?;
    for id in ids {
        stmt.execute([id])?;
    }
    Ok(())
}

/// Writes one row as recorded: an update of the existing row, else an insert with its rowid.
fn write_row(conn: &Connection, table: &str, rowid: i64, cols: &[String], cells: &[Cell]) -> Result<()> {
    let value_sql = |i: usize, c: &Cell| match c {
        Cell::Value(_) => format!("?{}", i + 2),
        Cell::Stashed(_) => format!("(SELECT value FROM temp.shiryo_stash WHERE id = ?{})", i + 2),
    };
    let mut values: Vec<Value> = vec![Value::Integer(rowid)];
    values.extend(cells.iter().map(|c| match c {
        Cell::Value(v) => v.clone(),
        Cell::Stashed(id) => Value::Integer(*id),
    }));
    let updated = if cols.is_empty() {
        usize::from(select(conn, table, "rowid = ?1", &[Value::Integer(rowid)])?.len() == 1)
    } else {
        let set: Vec<String> = cols
            .iter()
            .zip(cells)
            .enumerate()
            .map(|(i, (col, c))| format!("{} = {}", quote(col), value_sql(i, c)))
            .collect();
        let sql = format!("UPDATE {} SET {} WHERE rowid = ?1", quote(table), set.join(", "));
        conn.prepare_cached(&sql)?.execute(params_from_iter(&values))?
    };
    if updated == 0 {
        let names: Vec<String> = std::iter::once("rowid".to_string()).chain(cols.iter().map(|c| quote(c))).collect();
        let vals: Vec<String> =
            std::iter::once("?1".to_string()).chain(cells.iter().enumerate().map(|(i, c)| value_sql(i, c))).collect();
        let sql = format!("INSERT INTO {} ({}) VALUES ({})", quote(table), names.join(", "), vals.join(", "));
        conn.prepare_cached(&sql)?.execute(params_from_iter(&values))?;
    }
    Ok(())
}

impl Workspace {
    /// What the rows `rows` select hold now (for a command about to change them).
    pub fn snapshot(&mut self, rows: &[Rows]) -> Result<Patch> {
        let tx = self.conn.transaction()?;
        let mut patch = Patch::default();
        let keys = keys(&tx, rows)?;
        read(&tx, &keys, &mut patch)?;
        tx.commit()?;
        Ok(patch)
    }

    /// Adds to `patch`, as absent, the rows `rows` select now that it does not record (the rows a command just
    /// created), so that applying it deletes them.
    pub fn complete(&self, patch: &mut Patch, rows: &[Rows]) -> Result<()> {
        for (table, rowid) in keys(&self.conn, rows)? {
            if !patch.columns.contains_key(&table) {
                patch.columns.insert(table.clone(), columns(&self.conn, &table)?);
            }
            patch.rows.entry((table, rowid)).or_insert(None);
        }
        Ok(())
    }

    /// Makes the rows of `patch` what it records, in one transaction, and answers with the patch that undoes
    /// this (the rows as they were, with everything a deletion took with it). `touch` is the meeting whose
    /// `updated_at` becomes `now` (when it still exists). Nothing changes when the patch no longer fits the
    /// workspace (a row it puts back would point to one that is gone): [`Error::StaleUndo`].
    pub fn apply_patch(&mut self, patch: &Patch, touch: Option<(i64, NaiveDateTime)>) -> Result<Patch> {
        let tx = self.conn.transaction()?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        // The inverse: these rows as they are now, and all that goes with the rows about to be deleted.
        let mut wanted: BTreeSet<(String, i64)> = patch.rows.keys().cloned().collect();
        let deleting: Vec<(String, i64)> =
            patch.rows.iter().filter(|(_, r)| r.is_none()).map(|(k, _)| k.clone()).collect();
        if !deleting.is_empty() {
            let fks = foreign_keys(&tx)?;
            for key in deleting {
                if !select(&tx, &key.0, "rowid = ?1", &[Value::Integer(key.1)])?.is_empty() {
                    closure(&tx, &fks, key, &mut wanted)?;
                }
            }
        }
        let mut inverse = Patch { columns: patch.columns.clone(), rows: BTreeMap::new() };
        read(&tx, &wanted, &mut inverse)?;
        // Deletions first (a row put back may take a place another row held), then the rows put back.
        for ((table, rowid), row) in &patch.rows {
            if row.is_none() {
                tx.prepare_cached(&format!("DELETE FROM {} WHERE rowid = ?1", quote(table)))?.execute([rowid])?;
            }
        }
        for ((table, rowid), row) in &patch.rows {
            if let Some(cells) = row {
                let cols = patch.columns.get(table).map(Vec::as_slice).unwrap_or(&[]);
                write_row(&tx, table, *rowid, cols, cells)?;
            }
        }
        let tables: BTreeSet<&String> = patch.rows.keys().map(|(t, _)| t).collect();
        for table in tables {
            let bad: Option<(String, i64)> = tx
                .query_row(
                    &format!("SELECT parent, rowid FROM pragma_foreign_key_check({})", quote_literal(table)),
                    [],
                    |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0))),
                )
                .optional()?;
            if let Some((parent, rowid)) = bad {
                return Err(Error::StaleUndo { table: table.clone(), rowid, missing: parent });
            }
        }
        if let Some((meeting, now)) = touch {
            tx.execute("UPDATE meeting SET updated_at = ?2 WHERE id = ?1", params![meeting, timestamp(now)])?;
        }
        drop_stashed(&tx, &patch.stash_ids())?;
        tx.commit()?;
        Ok(inverse)
    }

    /// Lets go of what a patch stashed (its history step was forgotten).
    pub fn forget_patch(&mut self, patch: &Patch) -> Result<()> {
        drop_stashed(&self.conn, &patch.stash_ids())
    }
}

fn quote_literal(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
