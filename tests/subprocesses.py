"""What a test hands to an `egide` process it starts, so that the process reads the test's own
database (committed rows only: such a test is transactional)."""

from django.db import connection


def database_url() -> str:
    """The test database as a DATABASE_URL, on SQLite or PostgreSQL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
