"""Errors the library raises; only ``kg.cli`` turns them into messages and exit codes."""

from __future__ import annotations


class KGError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1


class InputError(KGError):
    """A bad input file or record: names the file and, where known, the line."""

    exit_code = 2

    def __init__(self, path: str, line: int | None, reason: str, *, article: str | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        self.article = article  # the id the article would have had, when it got that far
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt from its fields, not from the message: a worker process sends it to the parent
        return type(self), (self.path, self.line, self.reason), {"article": self.article}


class TooLargeError(InputError):
    """An article or record over the size limit: always skipped and reported, never fatal."""


class WriteError(KGError):
    """The exports cannot be written where asked (not a directory, no permission, disk full)."""

    exit_code = 2

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        super().__init__(f"cannot write the exports to {path}: {reason}")


class ResourceError(KGError):
    """A packaged resource (lexicon, gazetteer) is missing or malformed."""

    exit_code = 3

    def __init__(self, name: str, line: int | None, reason: str) -> None:
        where = f"{name}:{line}" if line is not None else name
        super().__init__(f"resource {where}: {reason}")


class OntologyError(KGError):
    """The pipeline would produce a term the ontology does not define."""

    exit_code = 3


class WorkerError(KGError):
    """A worker process died (killed, out of memory) before it returned its results."""


class QueryError(KGError):
    """A SPARQL query or the graph it runs over cannot be used."""

    exit_code = 2


class SettingsError(KGError):
    """A setting has a value outside what it allows."""

    exit_code = 2

    def __init__(self, name: str, value: object, allowed: str) -> None:
        super().__init__(f"setting {name}={value!r} is not allowed; expected {allowed}")
