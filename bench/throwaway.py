"""The throw-away database a benchmark builds its pages in.

A SQLite file under /tmp, or a PostgreSQL database on $DATABASE_HOST_URL (default: the local
server with the password the CI script gives it). It is created afresh unless ``keep`` is set and
a database of that name exists.
"""

import os
from pathlib import Path

DEFAULT_HOST_URL = "postgres://postgres:postgres@127.0.0.1:5432"


def database_url(name, database, keep=False):
    """The DATABASE_URL of the throw-away database ``name`` on ``database`` ("sqlite"/"postgres")."""
    if database == "sqlite":
        path = Path("/tmp") / f"{name}.sqlite3"
        if not keep:
            path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg2

    host = os.environ.get("DATABASE_HOST_URL", DEFAULT_HOST_URL)
    connection = psycopg2.connect(f"{host}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        if not keep:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f"CREATE DATABASE {name}")
    connection.close()
    return f"{host}/{name}"
