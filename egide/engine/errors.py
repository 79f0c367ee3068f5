"""The one error the engine raises on bad input."""


class InputError(Exception):
    """Bad input: the message names the file and the line (or JSON path) at fault."""
