-- How a 表 資料 prints: the layout the person chose (sheet, header rows, columns ticked / ordered / renamed, group
-- columns, orientation, title and note lines) as JSON (shiryo-core's TableLayout). Its source file stays in
-- material_file (role 'table'). No foreign key on purpose, as for kpi_table.material_id: the 次第 editor's undo
-- deletes and re-inserts a meeting's 資料 with the same ids, and a cascade would drop the layout on every undo.
CREATE TABLE table_layout (
    material_id INTEGER PRIMARY KEY,
    layout      TEXT NOT NULL CHECK (json_valid(layout)),
    updated_at  TEXT NOT NULL
);

-- Which working columns a KPI 資料 prints besides the original's (備考: the import's and the reviewer's notes;
-- 区分). Absent row: none. Printed only when the person ticked them.
CREATE TABLE kpi_print_columns (
    material_id INTEGER PRIMARY KEY,
    note        INTEGER NOT NULL DEFAULT 0 CHECK (note IN (0, 1)),
    part        INTEGER NOT NULL DEFAULT 0 CHECK (part IN (0, 1))
);
