"""The exception tree. Every error says what was wrong, where, and what to do.

    PowderkegError
    ├── ConfigError          a setting or settings file is invalid
    ├── InputError           one input (file, line, article) cannot be read
    │   ├── EmptyInputError      nothing to read
    │   ├── BinaryInputError     not text
    │   ├── EncodingError        text in an encoding we cannot decode
    │   ├── FormatError          malformed JSON / feed / WARC / HTML
    │   └── TooLargeError        over the size limit
    ├── ModelError           the spaCy model or a trained artefact cannot be loaded
    ├── KnowledgeError       a packaged or user data file (actors, lexicons) is invalid
    └── StoreError           the DuckDB store cannot be opened, migrated or written
"""

from __future__ import annotations


class PowderkegError(Exception):
    """Base of every error powderkeg raises on purpose."""


class ConfigError(PowderkegError):
    pass


class InputError(PowderkegError):
    """One input cannot be read. ``source`` names it (path, path:line, '-')."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class FormatError(InputError):
    pass


class TooLargeError(InputError):
    pass


class ModelError(PowderkegError):
    pass


class KnowledgeError(PowderkegError):
    pass


class StoreError(PowderkegError):
    pass
