-- How a 表 資料 prints: the layout the person chose (sheet, header rows, columns ticked / ordered / renamed, group
-- columns, orientation, title and note lines) as JSON (shiryo-core's TableLayout). Its source file stays in
-- material_file (role 'table'). Deleted with its 資料 (the app's history brings both back together).
CREATE TABLE table_layout (
    material_id INTEGER PRIMARY KEY REFERENCES material (id) ON DELETE CASCADE,
    layout      TEXT NOT NULL CHECK (json_valid(layout)),
    updated_at  TEXT NOT NULL
);

-- Which working columns a KPI 資料 prints besides the original's (備考: the import's and the reviewer's notes;
-- 区分). Absent row: none. Printed only when the person ticked them.
CREATE TABLE kpi_print_columns (
    material_id INTEGER PRIMARY KEY REFERENCES material (id) ON DELETE CASCADE,
    note        INTEGER NOT NULL DEFAULT 0 CHECK (note IN (0, 1)),
    part        INTEGER NOT NULL DEFAULT 0 CHECK (part IN (0, 1))
);
