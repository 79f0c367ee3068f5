"""Elapsed time between two columns, in whole units, in SQL that SQLite and PostgreSQL both run.

Django has no portable "seconds between two timestamps": SQLite stores them as text (julianday
reads it), PostgreSQL subtracts them into an interval.
"""

from django.db.models import Func, IntegerField


class ElapsedUnits(Func):
    """floor((end - start) / unit) for two datetime columns, `unit` in seconds."""

    output_field = IntegerField()

    def __init__(self, start, end, unit_seconds: int):
        super().__init__(start, end)
        self.unit_seconds = int(unit_seconds)

    def as_sql(self, compiler, connection, **extra_context):
        start, start_params = compiler.compile(self.source_expressions[0])
        end, end_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "sqlite":
            # Whole seconds first, so that 6 days exactly is not 143.99… hours.
            seconds = f"CAST(ROUND((julianday({end}) - julianday({start})) * 86400.0) AS INTEGER)"
            return f"({seconds} / {self.unit_seconds})", (*end_params, *start_params)
        sql = f"FLOOR(EXTRACT(EPOCH FROM ({end} - {start})) / {self.unit_seconds})::integer"
        return sql, (*end_params, *start_params)


class DaysBetween(Func):
    """Whole days from one date column to another."""

    output_field = IntegerField()

    def __init__(self, start, end):
        super().__init__(start, end)

    def as_sql(self, compiler, connection, **extra_context):
        start, start_params = compiler.compile(self.source_expressions[0])
        end, end_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "sqlite":
            sql = f"CAST(ROUND(julianday({end}) - julianday({start})) AS INTEGER)"
            return sql, (*end_params, *start_params)
        return f"(({end})::date - ({start})::date)", (*end_params, *start_params)
