"""Tools for developers and operators, apart from production code: load tests, the fix
simulator and its scenarios. Commands import them lazily."""
