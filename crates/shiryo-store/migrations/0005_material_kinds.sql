-- Two more kinds of 資料: 'office' (a Word, Excel or PowerPoint file kept byte for byte and printed through its
-- PDF conversion) and 'table' (a 表 資料 printed from a CSV or spreadsheet with a chosen layout).
--
-- SQLite cannot change a CHECK constraint in place, so `material` is rebuilt (SQLite's documented 12-step
-- procedure): the runner turns foreign keys off around the migration transaction, so dropping the old table
-- cascades nothing, and checks every foreign key before the commit (`M::foreign_key_check`). The tables that
-- refer to `material` name it by its name, so they refer to the new table after the rename.

CREATE TABLE material_rebuilt (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    -- order within the agenda item; the label 資料２－４ is derived from it, never stored
    position       INTEGER NOT NULL,
    title          TEXT NOT NULL,
    kind           TEXT NOT NULL
                   CHECK (kind IN ('text', 'kpi_table', 'shinkyu', 'imported_pdf', 'office', 'table'))
) STRICT;

INSERT INTO material_rebuilt (id, agenda_item_id, position, title, kind)
    SELECT id, agenda_item_id, position, title, kind FROM material;

DROP TABLE material;
ALTER TABLE material_rebuilt RENAME TO material;
CREATE INDEX material_by_item ON material (agenda_item_id, position);
