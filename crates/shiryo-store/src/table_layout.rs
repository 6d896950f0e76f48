//! The print layout of a 表 資料 (migration 0006): one JSON document per 資料, written whole in one statement.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::Workspace;

impl Workspace {
    /// The saved layout of a 資料 (JSON), if one was saved.
    pub fn table_layout(&self, material_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT layout FROM table_layout WHERE material_id = ?1", [material_id], |r| r.get(0))
            .optional()?)
    }

    /// Saves (or replaces) the layout of a 資料.
    pub fn set_table_layout(&mut self, material_id: i64, layout_json: &str, now: NaiveDateTime) -> Result<()> {
        self.conn.execute(
            "INSERT INTO table_layout (material_id, layout, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (material_id) DO UPDATE SET layout = excluded.layout, updated_at = excluded.updated_at",
            params![material_id, layout_json, now.format("%Y-%m-%dT%H:%M:%S").to_string()],
        )?;
        Ok(())
    }

    /// The working columns a KPI 資料 prints besides the original's: (備考, 区分); none unless chosen.
    pub fn kpi_print_columns(&self, material_id: i64) -> Result<(bool, bool)> {
        Ok(self
            .conn
            .query_row("SELECT note, part FROM kpi_print_columns WHERE material_id = ?1", [material_id], |r| {
                Ok((r.get::<_, i64>(0)? == 1, r.get::<_, i64>(1)? == 1))
            })
            .optional()?
            .unwrap_or((false, false)))
    }

    /// Chooses the working columns a KPI 資料 prints.
    pub fn set_kpi_print_columns(&mut self, material_id: i64, note: bool, part: bool) -> Result<()> {
        self.conn.execute(
            "INSERT INTO kpi_print_columns (material_id, note, part) VALUES (?1, ?2, ?3)
             ON CONFLICT (material_id) DO UPDATE SET note = excluded.note, part = excluded.part",
            params![material_id, i64::from(note), i64::from(part)],
        )?;
        Ok(())
    }

    /// Replaces the stored file of `role` of a 資料 (a new version of its sheet) in one transaction.
    pub fn replace_material_file(&mut self, material_id: i64, file: &crate::MaterialFile) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM material_file WHERE material_id = ?1 AND role = ?2", params![material_id, file.role])?;
        tx.execute(
            "INSERT INTO material_file (material_id, role, file_name, media_type, content) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![material_id, file.role, file.file_name, file.media_type, file.content],
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn a_layout_is_saved_replaced_and_read_back_and_invalid_json_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.shiryo")).unwrap();
        let now = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        ws.insert_meeting(&crate::tests::sample(), now).unwrap();
        let id: i64 = ws.conn.query_row("SELECT max(id) FROM material", [], |r| r.get(0)).unwrap();
        assert_eq!(ws.table_layout(id).unwrap(), None);
        ws.set_table_layout(id, r#"{"header_rows":1}"#, now).unwrap();
        ws.set_table_layout(id, r#"{"header_rows":2}"#, now).unwrap();
        assert_eq!(ws.table_layout(id).unwrap().as_deref(), Some(r#"{"header_rows":2}"#));
        let err = ws.set_table_layout(id, "not json", now).unwrap_err();
        let code = match &err {
            crate::Error::Sqlite(e) => e.sqlite_error_code(),
            other => panic!("{other:?}"),
        };
        assert_eq!(code, Some(rusqlite::ErrorCode::ConstraintViolation), "the CHECK (json_valid) refuses it: {err}");
        assert_eq!(ws.table_layout(id).unwrap().as_deref(), Some(r#"{"header_rows":2}"#));
        ws.conn.execute("DELETE FROM material WHERE id = ?1", [id]).unwrap();
        assert_eq!(ws.table_layout(id).unwrap(), None, "a layout goes with its 資料");
    }
}
