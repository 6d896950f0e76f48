-- A KPI 資料 refers to the KPI tables imported into it (NULL: a table imported for the meeting or the workspace
-- only), and the user may set a row's 達成状況 by hand (NULL: the printed one stands).
--
-- No foreign key on material_id: the 次第 editor's undo deletes a meeting's 資料 rows and inserts them again with
-- the same ids, and a cascade would delete the imported tables (with the user's notes) on every undo. The store
-- checks the 資料 on import; a table whose 資料 was deleted is simply no longer shown under it.

ALTER TABLE kpi_table ADD COLUMN material_id INTEGER;
CREATE INDEX kpi_table_by_material ON kpi_table (material_id);

ALTER TABLE kpi_indicator ADD COLUMN status_override TEXT;
