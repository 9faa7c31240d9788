"""Entity IRIs are ASCII and stable across corpora: the same official, post and area, the same IRI."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import build, query

# Two different pages (written for this test in the papers' style) that share one official, his post
# and his district, and nothing else.
PAGE_A = """# 金水区召开经济运行分析会

8月12日，金水区召开上半年经济运行分析会。金水区委书记王建国出席会议并讲话。

会议强调，要抓好重点项目建设，推动经济持续向好。

（记者 李明）
"""
PAGE_B = """# 金水区推进老旧小区改造

9月3日，金水区委书记王建国到丰产路街道调研老旧小区改造工作。

他指出，要倾听群众意见，把好事办好办实。区领导赵晓东陪同调研。

（通讯员 陈红）
"""
SHARED = ("王建国", "金水区委书记", "金水区")
LABELS = """SELECT DISTINCT ?label ?node WHERE {
  VALUES ?label { "王建国"@zh "金水区委书记"@zh "金水区"@zh }
  ?node rdfs:label ?label
} ORDER BY ?label ?node"""


def _iris(tmp_path: Path, name: str, page: str, file_name: str | None = None) -> dict[str, str]:
    source = tmp_path / name
    source.mkdir()
    (source / (file_name or f"{name}.txt")).write_text(page, encoding="utf-8")
    build([source], tmp_path / f"{name}-out")
    rows = query(tmp_path / f"{name}-out", LABELS).rows
    return {label: node for label, node in rows}


def test_iris_shared_entities_get_the_same_iris_in_different_corpora(tmp_path: Path) -> None:
    first = _iris(tmp_path, "a", PAGE_A)
    second = _iris(tmp_path, "b", PAGE_B)
    assert set(first) == set(second) == set(SHARED)
    assert first == second
    base = "https://w3id.org/zhengwu/resource/"
    assert all(iri.isascii() and iri.startswith(base) for iri in first.values())


ARTICLES = "SELECT DISTINCT ?a WHERE { ?a a kg:Article }"


def test_iris_different_articles_in_same_named_files_get_different_iris(tmp_path: Path) -> None:
    _iris(tmp_path, "a", PAGE_A, file_name="page.txt")
    _iris(tmp_path, "b", PAGE_B, file_name="page.txt")
    assert query(tmp_path / "a-out", ARTICLES).rows != query(tmp_path / "b-out", ARTICLES).rows


def test_iris_the_same_article_gets_the_same_iri_in_another_corpus(tmp_path: Path) -> None:
    _iris(tmp_path, "a", PAGE_A, file_name="page.txt")
    _iris(tmp_path, "b", PAGE_A, file_name="page.txt")
    assert query(tmp_path / "a-out", ARTICLES).rows == query(tmp_path / "b-out", ARTICLES).rows


def test_iris_pages_of_the_same_name_in_one_corpus(tmp_path: Path) -> None:
    """One directory per paper, a file per day: a common layout, built together."""
    for paper, page in (("zzrb", PAGE_A), ("hnrb", PAGE_B)):
        (tmp_path / "corpus" / paper).mkdir(parents=True)
        (tmp_path / "corpus" / paper / "2024-08-12.txt").write_text(page, encoding="utf-8")
    report = build([tmp_path / "corpus"], tmp_path / "out")
    assert report.articles == 2 and len(query(tmp_path / "out", ARTICLES).rows) == 2


def test_iris_a_page_copied_under_the_same_name_is_a_duplicate(tmp_path: Path) -> None:
    from kg.errors import InputError

    for paper in ("zzrb", "copy"):
        (tmp_path / "corpus" / paper).mkdir(parents=True)
        (tmp_path / "corpus" / paper / "2024-08-12.txt").write_text(PAGE_A, encoding="utf-8")
    with pytest.raises(InputError, match="duplicate article id"):
        build([tmp_path / "corpus"], tmp_path / "out")


def test_iris_records_without_id_on_the_same_line_of_same_named_files(tmp_path: Path) -> None:
    import json

    for paper, text in (("zzrb", "金水区召开经济运行分析会。"), ("hnrb", "二七区召开防汛工作会议。")):
        (tmp_path / "corpus" / paper).mkdir(parents=True)
        (tmp_path / "corpus" / paper / "news.jsonl").write_text(
            json.dumps({"text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert build([tmp_path / "corpus"], tmp_path / "out").articles == 2
