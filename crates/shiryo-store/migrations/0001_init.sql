-- The first Shiryo schema: meetings, their agenda tree and the 資料 attached to agenda items.
-- application_id marks the file as a Shiryo workspace ('SHRY'), so another program's SQLite file is refused.
PRAGMA application_id = 1397248601;

CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY,
    -- the meeting's name, one line per organising body, joined with LF
    title_lines TEXT NOT NULL,
    -- ISO date, NULL until decided (a duplicated meeting starts without one)
    date        TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    time_note   TEXT NOT NULL DEFAULT '',
    -- building, room … joined with LF
    place_lines TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE agenda_item (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    parent_id  INTEGER REFERENCES agenda_item (id) ON DELETE CASCADE,
    -- order among siblings; the printed number (１, (1), ア) is derived from it, never stored
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL
) STRICT;
CREATE INDEX agenda_item_by_meeting ON agenda_item (meeting_id, parent_id, position);

CREATE TABLE material (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    -- order within the agenda item; the label 資料２－４ is derived from it, never stored
    position       INTEGER NOT NULL,
    title          TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('text', 'kpi_table', 'shinkyu', 'imported_pdf'))
) STRICT;
CREATE INDEX material_by_item ON material (agenda_item_id, position);

-- The body of a text 資料.
CREATE TABLE material_text (
    material_id INTEGER PRIMARY KEY REFERENCES material (id) ON DELETE CASCADE,
    body        TEXT NOT NULL
) STRICT;

-- Files a 資料 is built from, kept byte for byte: a KPI CSV, the old and new texts of a 新旧対照表, a PDF.
CREATE TABLE material_file (
    id          INTEGER PRIMARY KEY,
    material_id INTEGER NOT NULL REFERENCES material (id) ON DELETE CASCADE,
    -- what the file is to the 資料: source, old, new, pairs, pdf
    role        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    content     BLOB NOT NULL,
    UNIQUE (material_id, role, file_name)
) STRICT;
CREATE INDEX material_file_by_material ON material_file (material_id);
