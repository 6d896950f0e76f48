-- 配付版: a packet as it was handed out (事前送付, 当日配付) or a 差し替え set sent after it. Recorded by the export
-- that wrote the PDF, in one transaction with all its parts; recording never changes the meeting. Deleted with
-- the meeting only.
CREATE TABLE distribution (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind           TEXT NOT NULL CHECK (kind IN ('packet', 'replacements')),
    -- The date it went out under (YYYY-MM-DD), as the person named it; NULL: the day it was recorded.
    distributed_on TEXT,
    recorded_at    TEXT NOT NULL,
    pdf_sha256     TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
    pages          INTEGER NOT NULL CHECK (pages >= 0),
    -- The export's choices (duplex, continuous page numbers …) as JSON, so a later comparison lays out alike.
    layout         TEXT NOT NULL CHECK (json_valid(layout)),
    UNIQUE (meeting_id, name)
);

-- Each part of a distributed PDF: the 次第 (material_id NULL) and each 資料 as it was then. No foreign key on
-- material_id: a 資料 deleted later is still part of what was handed out. `snapshot` holds what a comparison
-- needs (the text, the rows of a table, the body of each page) as JSON.
CREATE TABLE distribution_part (
    distribution_id INTEGER NOT NULL REFERENCES distribution (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    material_id     INTEGER,
    label           TEXT NOT NULL,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    content_hash    TEXT NOT NULL CHECK (length(content_hash) = 64),
    first_page      INTEGER NOT NULL,
    last_page       INTEGER NOT NULL,
    snapshot        TEXT NOT NULL CHECK (json_valid(snapshot)),
    PRIMARY KEY (distribution_id, position)
);
