"""The extractors, in one explicit, ordered registry.

Each extractor is a plain function ``(doc, settings) -> Iterable[Mention]`` that reads one analysed
article and returns new records; none depends on another's output, so they can run in any order and
be tested alone. ``requires`` names what the analysis must provide, ``produces`` the ontology terms
the records end up as (checked against the ontology by ``tests/test_extract_registry.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.extract import areas, bylines, campaigns, events, officials, projects
from kg.model import AnalysedArticle, Mention
from kg.settings import Settings

ANALYSIS_PROVIDES = frozenset({"sentences", "tokens", "dates"})


@dataclass(frozen=True)
class Extractor:
    name: str
    requires: frozenset[str]
    produces: frozenset[str]  # local names of kg: terms
    run: Callable[[AnalysedArticle, Settings], Iterable[Mention]]

    def __call__(self, doc: AnalysedArticle, settings: Settings) -> list[Mention]:
        return list(self.run(doc, settings))


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("bylines", frozenset(), frozenset({"Person", "author"}), bylines.extract),
    Extractor("areas", frozenset({"sentences", "tokens"}),
              frozenset({"AdministrativeArea", "Province", "City", "District", "Subdistrict", "Community",
                         "partOf", "adcode", "mentions"}), areas.extract),
    Extractor("officials", frozenset({"sentences", "tokens"}),
              frozenset({"Person", "Official", "Post", "Organization", "holds", "role", "area",
                         "organization", "source", "evidence"}), officials.extract),
    Extractor("projects", frozenset({"sentences"}),
              frozenset({"Project", "locatedIn", "investment", "source", "evidence"}), projects.extract),
    Extractor("campaigns", frozenset({"sentences"}),
              frozenset({"Campaign", "area", "source", "evidence"}), campaigns.extract),
    Extractor("events", frozenset({"sentences", "dates"}),
              frozenset({"Event", "Meeting", "Inspection", "Ceremony", "Activity", "date", "locatedIn",
                         "participant", "chair", "speaker", "trigger", "campaign", "source", "evidence"}),
              events.extract),
)


def check_pipeline(extractors: Iterable[Extractor] = EXTRACTORS) -> list[str]:
    """Problems with the registry: an extractor requiring what analysis does not provide."""
    return [f"extractor {e.name!r} requires {sorted(e.requires - ANALYSIS_PROVIDES)} that analysis lacks"
            for e in extractors if not e.requires <= ANALYSIS_PROVIDES]


def extract_all(doc: AnalysedArticle, settings: Settings,
                extractors: Iterable[Extractor] = EXTRACTORS) -> list[Mention]:
    mentions: list[Mention] = []
    for extractor in extractors:
        mentions.extend(extractor(doc, settings))
    return mentions
