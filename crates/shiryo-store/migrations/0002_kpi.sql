-- KPI tables: each import keeps its source file byte for byte and its indicators with every value as printed.
-- Values are stored raw (kpi_value.raw) and parsed again by shiryo-core on load, so a better parser never needs
-- a data migration.

CREATE TABLE kpi_table (
    id          INTEGER PRIMARY KEY,
    -- the meeting the table was imported for; NULL for a workspace-wide table
    meeting_id  INTEGER REFERENCES meeting (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    content     BLOB NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX kpi_table_by_meeting ON kpi_table (meeting_id);

CREATE TABLE kpi_indicator (
    id            INTEGER PRIMARY KEY,
    table_id      INTEGER NOT NULL REFERENCES kpi_table (id) ON DELETE CASCADE,
    -- order in the table
    position      INTEGER NOT NULL,
    -- the row number in the source file (header = 1)
    source_row    INTEGER NOT NULL,
    name          TEXT NOT NULL,
    part          TEXT NOT NULL DEFAULT '',
    field_code    TEXT NOT NULL DEFAULT '',
    field         TEXT NOT NULL DEFAULT '',
    project_no    TEXT,
    project_name  TEXT,
    relisted      INTEGER NOT NULL DEFAULT 0 CHECK (relisted IN (0, 1)),
    source        TEXT NOT NULL DEFAULT '',
    reference     TEXT NOT NULL DEFAULT '',
    baseline      TEXT NOT NULL DEFAULT '',
    -- fiscal year by the calendar year it starts in (2022 = 令和４年度)
    baseline_year INTEGER,
    -- as written: R3, R1･R2平均
    baseline_year_raw TEXT NOT NULL DEFAULT '',
    -- the user's override; NULL = inferred from the values
    polarity      TEXT CHECK (polarity IS NULL OR polarity IN ('higher', 'lower', 'keep')),
    note          TEXT NOT NULL DEFAULT '',
    UNIQUE (table_id, position)
) STRICT;

CREATE TABLE kpi_value (
    indicator_id INTEGER NOT NULL REFERENCES kpi_indicator (id) ON DELETE CASCADE,
    fiscal_year  INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('target', 'actual', 'status')),
    -- exactly as printed
    raw          TEXT NOT NULL,
    PRIMARY KEY (indicator_id, fiscal_year, kind)
) STRICT;

-- The column mapping the user confirmed for a header set, remembered per workspace.
CREATE TABLE kpi_column_mapping (
    header_signature TEXT PRIMARY KEY,
    mapping_json     TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
