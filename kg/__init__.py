"""zhengwu-kg: a knowledge graph of Chinese local-government news.

The public API is ``build`` and ``query`` (see ``kg.api``); everything else is internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "build", "query"]

if TYPE_CHECKING:
    from kg.api import BuildReport
    from kg.query import Table


def build(*args: Any, **kwargs: Any) -> BuildReport:
    """Build a graph; see ``kg.api.build``. Imported lazily so that ``import kg`` stays light."""
    from kg.api import build as _build

    return _build(*args, **kwargs)


def query(*args: Any, **kwargs: Any) -> Table:
    """Run SPARQL over a build; see ``kg.api.query``."""
    from kg.api import query as _query

    return _query(*args, **kwargs)
