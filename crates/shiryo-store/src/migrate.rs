//! Schema migrations: SQL files in `migrations/`, all pending ones applied in ONE transaction.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// The migrations, in order; the schema version is their count.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_init.sql")),
    M::up(include_str!("../migrations/0002_kpi.sql")),
    M::up(include_str!("../migrations/0003_shinkyu.sql")),
    M::up(include_str!("../migrations/0004_kpi_material.sql")),
    // Rebuilds `material` (wider CHECK on kind): foreign keys are off around the transaction, checked before commit.
    M::up(include_str!("../migrations/0005_material_kinds.sql")).foreign_key_check(),
    // Rebuilds `kpi_table` to give `material_id` its foreign key back (ON DELETE CASCADE).
    M::up(include_str!("../migrations/0006_kpi_table_material_fk.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0007_table_layout.sql")),
    M::up(include_str!("../migrations/0008_distributions.sql")),
];

/// `PRAGMA application_id` of a Shiryo workspace: the bytes 'SHRY' (set by the first migration).
pub(crate) const APPLICATION_ID: i64 = 0x5348_5259;

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database to [`SCHEMA_VERSION`].
pub(crate) fn to_latest(conn: &mut Connection) -> Result<()> {
    run(conn, MIGRATIONS)
}

/// Applies every pending migration of `ms` in one transaction: either all of them or none.
///
/// Foreign keys are switched off for the transaction (the pragma has no effect inside one, so it is set around
/// it) and on again afterwards, whatever happened: a migration may then rebuild a table that others refer to
/// (create, copy, drop, rename) without the drop cascading into them. A migration that does so is marked
/// `.foreign_key_check()`, so a dangling reference fails it before the commit.
fn run(conn: &mut Connection, ms: &[M<'static>]) -> Result<()> {
    let target = u32::try_from(ms.len()).unwrap_or(u32::MAX);
    let migration = |source| Error::Migration { version: target, source };
    let pragma =
        |e: rusqlite::Error| migration(rusqlite_migration::Error::RusqliteError { query: String::new(), err: e });
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).map_err(pragma)?;
    conn.pragma_update(None, "foreign_keys", false).map_err(pragma)?;
    let result = Migrations::from_slice(ms).to_latest(conn).map_err(migration);
    let restored = conn.pragma_update(None, "foreign_keys", enforced).map_err(pragma);
    result.and(restored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_version(conn: &Connection) -> u32 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
    }

    fn table_exists(conn: &Connection, name: &str) -> bool {
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = ?1", [name], |r| r.get::<_, i64>(0)).unwrap()
            == 1
    }

    #[test]
    fn migrating_a_new_database_reaches_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        to_latest(&mut conn).unwrap();
        assert_eq!(user_version(&conn), SCHEMA_VERSION);
        assert!(table_exists(&conn, "meeting"));
        let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
        assert_eq!(app_id, APPLICATION_ID);
    }

    #[test]
    fn a_failing_migration_leaves_nothing_behind() {
        static BROKEN: &[M<'static>] = &[
            M::up("CREATE TABLE first_step (a INTEGER);"),
            M::up("CREATE TABLE second_step (a INTEGER); INSERT INTO no_such_table VALUES (1);"),
        ];
        let mut conn = Connection::open_in_memory().unwrap();
        let err = run(&mut conn, BROKEN).unwrap_err();
        assert!(matches!(err, Error::Migration { version: 2, .. }), "{err:?}");
        assert_eq!(user_version(&conn), 0);
        assert!(!table_exists(&conn, "first_step"), "the first migration must be rolled back too");
        assert!(!table_exists(&conn, "second_step"));
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// A version-4 workspace with one meeting, an item, two 資料 and what hangs on them.
    fn version_4_workspace() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        run(&mut conn, &MIGRATIONS[..4]).unwrap();
        assert_eq!(user_version(&conn), 4);
        conn.execute_batch(
            "INSERT INTO meeting (id, title_lines, created_at, updated_at) VALUES (1, '会議', 'x', 'x');
             INSERT INTO agenda_item (id, meeting_id, parent_id, position, title) VALUES (1, 1, NULL, 0, '議題');
             INSERT INTO material (id, agenda_item_id, position, title, kind) VALUES (7, 1, 0, '本文', 'text');
             INSERT INTO material (id, agenda_item_id, position, title, kind) VALUES (8, 1, 1, '対照表', 'shinkyu');
             INSERT INTO material_text (material_id, body) VALUES (7, '第１　目的');
             INSERT INTO material_file (material_id, role, file_name, media_type, content)
                 VALUES (8, 'old', 'old.txt', 'text/plain', x'e697a7');
             INSERT INTO shinkyu_setting (material_id, preset) VALUES (8, 'kaisei');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn widening_the_material_kinds_keeps_every_material_and_what_refers_to_it() {
        let mut conn = version_4_workspace();
        run(&mut conn, MIGRATIONS).unwrap();
        assert_eq!(user_version(&conn), SCHEMA_VERSION);
        assert_eq!(count(&conn, "SELECT count(*) FROM material"), 2);
        assert_eq!(count(&conn, "SELECT count(*) FROM material_text WHERE material_id = 7"), 1);
        assert_eq!(count(&conn, "SELECT count(*) FROM material_file WHERE material_id = 8"), 1);
        assert_eq!(count(&conn, "SELECT count(*) FROM shinkyu_setting WHERE material_id = 8"), 1);
        conn.execute("INSERT INTO material (agenda_item_id, position, title, kind) VALUES (1, 2, 'x', 'office')", [])
            .unwrap();
        conn.execute("INSERT INTO material (agenda_item_id, position, title, kind) VALUES (1, 3, 'y', 'table')", [])
            .unwrap();
        let refused = conn
            .execute("INSERT INTO material (agenda_item_id, position, title, kind) VALUES (1, 4, 'z', 'video')", []);
        assert!(
            matches!(refused, Err(rusqlite::Error::SqliteFailure(ref e, _)) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_CHECK),
            "{refused:?}"
        );
    }

    #[test]
    fn foreign_keys_are_enforced_again_after_migrating() {
        let mut conn = version_4_workspace();
        run(&mut conn, MIGRATIONS).unwrap();
        let on: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert!(on);
        // The rebuilt table is the one the others refer to: deleting a 資料 still cascades to its body.
        conn.execute("DELETE FROM material WHERE id = 7", []).unwrap();
        assert_eq!(count(&conn, "SELECT count(*) FROM material_text"), 0);
        let dangling = conn.execute("INSERT INTO material_text (material_id, body) VALUES (999, 'x')", []);
        assert!(
            matches!(dangling, Err(rusqlite::Error::SqliteFailure(ref e, _)) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
            "{dangling:?}"
        );
    }

    #[test]
    fn a_migration_leaving_a_dangling_reference_is_refused_and_keys_stay_on() {
        static DANGLING: &[M<'static>] = &[
            M::up(
                "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent (id));",
            ),
            M::up("INSERT INTO child (p) VALUES (42);").foreign_key_check(),
        ];
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        let err = run(&mut conn, DANGLING).unwrap_err();
        assert!(matches!(err, Error::Migration { version: 2, .. }), "{err:?}");
        assert_eq!(user_version(&conn), 0);
        let on: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert!(on, "foreign keys must be switched on again after a failed migration");
    }
}
