-- Brings back the foreign key on kpi_table.material_id that 0004 left out for the old whole-meeting undo (which
-- deleted a meeting's 資料 and inserted them again, so a cascade would have deleted the tables on every undo).
-- The app's history now writes only the rows a step touched, and a deleted 資料 comes back with its KPI tables.
-- SQLite cannot add a foreign key to a column: the table is rebuilt (the runner turns foreign keys off for this
-- and runs foreign_key_check before it commits). A table whose 資料 was deleted before this migration keeps its
-- rows and becomes a table of its meeting (material_id NULL), as it already showed.

CREATE TABLE kpi_table_new (
    id          INTEGER PRIMARY KEY,
    -- the meeting the table was imported for; NULL for a workspace-wide table
    meeting_id  INTEGER REFERENCES meeting (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    content     BLOB NOT NULL,
    imported_at TEXT NOT NULL,
    -- the KPI 資料 the table was imported into; NULL: a table of the meeting or the workspace only
    material_id INTEGER REFERENCES material (id) ON DELETE CASCADE
) STRICT;

INSERT INTO kpi_table_new (id, meeting_id, file_name, media_type, content, imported_at, material_id)
SELECT id, meeting_id, file_name, media_type, content, imported_at,
       CASE WHEN material_id IN (SELECT id FROM material) THEN material_id END
FROM kpi_table;

DROP TABLE kpi_table;
ALTER TABLE kpi_table_new RENAME TO kpi_table;
CREATE INDEX kpi_table_by_meeting ON kpi_table (meeting_id);
CREATE INDEX kpi_table_by_material ON kpi_table (material_id);
