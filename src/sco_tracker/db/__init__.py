"""The database: the one owner of SQL (engine, tables, migrations, sync, check runs, job runs)."""
