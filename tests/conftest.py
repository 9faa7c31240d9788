from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from kg.analyse import Segmenter, analyse
from kg.model import AnalysedArticle, Article
from kg.settings import DEFAULT_SETTINGS, Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPORTS = ROOT / "exports"
_RESOURCE_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Resource snapshots go to a directory of this run (builds in subprocesses inherit it), not to the
    user's cache: the tests write nothing outside temporary directories."""
    if "KG_RESOURCE_CACHE" not in os.environ:
        _RESOURCE_CACHE.append(tempfile.mkdtemp(prefix="kg-test-resources-"))
        os.environ["KG_RESOURCE_CACHE"] = _RESOURCE_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for directory in _RESOURCE_CACHE:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return DEFAULT_SETTINGS


@pytest.fixture(scope="session")
def make_doc(segmenter: Segmenter):
    """Analyse a sentence or a short text written for a test, as one article."""

    def make(text: str, title: str | None = None, article_id: str = "t-01") -> AnalysedArticle:
        article = Article(id=article_id, title=title, text=text, reporters=(), published=None, url=None,
                          path="test.txt", line=None)
        return analyse(article, segmenter)

    return make


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once, in every format, into a temporary directory."""
    from kg.api import build

    out = tmp_path_factory.mktemp("seed-build")
    build([SEEDS], out, formats=("all",))
    return out
