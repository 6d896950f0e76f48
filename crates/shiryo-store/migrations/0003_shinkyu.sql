-- 新旧対照表 資料 (material kind 'shinkyu'): the old and new texts stay in material_file (roles 'old' / 'new');
-- here the table's settings and the user's hand edits of its rows.

-- Headings, column order and caption of one 新旧対照表.
CREATE TABLE shinkyu_setting (
    material_id  INTEGER PRIMARY KEY REFERENCES material (id) ON DELETE CASCADE,
    preset       TEXT NOT NULL DEFAULT 'shin-kyu' CHECK (preset IN ('shin-kyu', 'kaisei', 'an-genko')),
    column_order TEXT NOT NULL DEFAULT 'new-left' CHECK (column_order IN ('new-left', 'old-left')),
    -- the sentence above the table; NULL for the default （下線部分は改正部分）, '' for none
    caption      TEXT
) STRICT;

-- Hand edits of the generated rows, applied in `position` order each time the table is built. A row is found by
-- its key (provision paths and hashes of the old and new provision text), so an edit survives regeneration while
-- the texts it touches are unchanged, and is dropped when its row no longer exists.
CREATE TABLE shinkyu_edit (
    id          INTEGER PRIMARY KEY,
    material_id INTEGER NOT NULL REFERENCES material (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    -- repair: re-pair two rows; split: one row into two; cell: a cell's text and marks; omit: shown as （略）
    kind        TEXT NOT NULL CHECK (kind IN ('repair', 'split', 'cell', 'omit')),
    row_key     TEXT NOT NULL,
    -- what the edit does, as JSON (the second row of a re-pair, split offsets, cell text and marks)
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
    UNIQUE (material_id, position)
) STRICT;
CREATE INDEX shinkyu_edit_by_material ON shinkyu_edit (material_id, position);
