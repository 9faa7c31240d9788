"""The only place entity keys (the local names of entity IRIs) are minted.

Keys are ASCII and depend only on the entity's canonical description, never on the corpus or the run:
the same official, area or project gets the same IRI in every build. Readable pinyin comes first, a
digest of the Chinese name after it, so that two names spelled alike in pinyin stay apart.
"""

from __future__ import annotations

from functools import lru_cache

from kg.naming import ascii_slug, digest


@lru_cache(maxsize=200_000)  # a corpus names the same people and places over and over
def pinyin_slug(name: str, *, max_length: int = 32) -> str:
    from pypinyin import lazy_pinyin  # half a second to import: only when a key is minted

    spelled = "".join(lazy_pinyin(name, errors="default"))
    slug = ascii_slug(spelled, max_length=max_length)
    return slug.split("-")[0] if "-" in slug and len(slug.split("-")[-1]) == 8 else slug


def _named(kind: str, name: str, identity: str) -> str:
    stem = pinyin_slug(name)
    tag = digest(identity, 6)
    return f"{kind}/{stem}-{tag}" if stem else f"{kind}/{tag}"


def article_key(article_id: str) -> str:
    return f"article/{article_id}"


def area_key(path: tuple[str, ...], adcode: str | None = None) -> str:
    """An area by its GB/T 2260 code, or by its full path of names from the province down."""
    if adcode:
        return f"area/{adcode}"
    return _named("area", path[-1], "/".join(path))


def person_key(name: str) -> str:
    return _named("person", name, name)


def organization_key(name: str) -> str:
    return _named("org", name, name)


def post_key(person: str, role: str, title: str) -> str:
    return f"post/{digest(person + '|' + role + '|' + title, 12)}"


def project_key(name: str) -> str:
    return _named("project", name, name)


def campaign_key(name: str) -> str:
    return _named("campaign", name, name)


def event_key(article_id: str, kind: str, identity: str) -> str:
    return f"event/{article_id}-{digest(kind + '|' + identity, 8)}"
