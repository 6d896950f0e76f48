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
    M::up(include_str!("../migrations/0006_table_layout.sql")),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database to [`SCHEMA_VERSION`].
pub(crate) fn to_latest(conn: &mut Connection) -> Result<()> {
    run(conn, MIGRATIONS)
}

/// Applies every pending migration of `ms` in one transaction: either all of them or none.
fn run(conn: &mut Connection, ms: &'static [M<'static>]) -> Result<()> {
    let target = u32::try_from(ms.len()).unwrap_or(u32::MAX);
    Migrations::from_slice(ms).to_latest(conn).map_err(|source| Error::Migration { version: target, source })
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
        assert_eq!(app_id, crate::open::APPLICATION_ID);
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
}
