"""Extension points: ordered sets of functions that other apps fill from their `hooks.py`.

A lower app declares a `Registry` where it needs to ask later domains something (what blocks
closing a case, which cases have a protection measure, what a role has to do next, what the court
has to do). Each app that answers puts its functions in its own `hooks.py`, whose `register()` its
`AppConfig.ready()` calls. docs/architecture.md ("Extension points") lists every registry.
"""

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Entry = TypeVar("Entry", bound=Callable)

# Every registry made, by name: the map docs/architecture.md keeps in words.
REGISTRIES: dict[str, "Registry"] = {}


class Registry(Generic[Entry]):
    """Entries in registration order, optionally filed under keys (a worklist under its roles)."""

    def __init__(self, name: str):
        self.name = name
        self._entries: list[tuple[Hashable, Entry]] = []
        REGISTRIES[name] = self

    def register(self, entry: Entry, *keys: Hashable) -> Entry:
        """Adds `entry` (under each of `keys`, if any); registering twice changes nothing."""
        for key in keys or (None,):
            if (key, entry) not in self._entries:
                self._entries.append((key, entry))
        return entry

    def unregister(self, entry: Entry, *keys: Hashable) -> None:
        for key in keys or (None,):
            if (key, entry) in self._entries:
                self._entries.remove((key, entry))

    def entries(self, key: Hashable = None) -> list[Entry]:
        return [entry for filed_under, entry in self._entries if filed_under == key]

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._entries)} entries>"
