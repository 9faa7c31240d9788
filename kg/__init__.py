"""zhengwu-kg: a knowledge graph of Chinese local-government news."""

__version__ = "0.1.0"

__all__ = ["__version__", "build", "query"]


def build(*args, **kwargs):  # type: ignore[no-untyped-def]
    from kg.api import build as _build

    return _build(*args, **kwargs)


def query(*args, **kwargs):  # type: ignore[no-untyped-def]
    from kg.api import query as _query

    return _query(*args, **kwargs)
