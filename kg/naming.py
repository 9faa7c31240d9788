"""ASCII names for things that come with Chinese or arbitrary names (file stems, record ids).

Shared by ``read`` (document ids) and ``resolve.ids`` (entity IRIs), so both name things the same way.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_UNSAFE = re.compile(r"[^a-z0-9]+")


def digest(text: str, length: int = 8) -> str:
    """A short, stable hex digest of ``text`` (the same in every run and on every machine)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def ascii_slug(text: str, *, max_length: int = 48) -> str:
    """Lower-case ASCII letters, digits and hyphens; a digest stands in for what cannot be spelled.

    Two texts that differ only in non-ASCII characters still get different slugs, because the digest
    of the whole text is appended whenever characters were dropped.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _UNSAFE.sub("-", folded).strip("-")[:max_length].strip("-")
    if slug and slug == _UNSAFE.sub("-", text.lower()).strip("-"):
        return slug
    return f"{slug}-{digest(text)}" if slug else digest(text)
