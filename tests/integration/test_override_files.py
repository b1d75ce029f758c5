"""A clinic's override files of any shape leave the shipped ones in force, with the problem
named for a banner (the window) or one line (the command line); never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesodesk.documents.texts import load_texts, text_override_problems
from mesodesk.domain.contraindications import CATALOG_FILE, load_catalog
from mesodesk.domain.vocabulary import Language
from mesodesk.services.safety_catalog import load_clinic_catalog

DEEP = "[" * 100_000 + "]" * 100_000

BROKEN_OVERRIDES = [
    pytest.param(DEEP, id="nested-100000-deep"),
    pytest.param('{"title": ' * 50_000 + '"x"' + "}" * 50_000, id="objects-50000-deep"),
    pytest.param("{ not json", id="not-json"),
    pytest.param("[1, 2]", id="not-an-object"),
    pytest.param('{"advice": [{"id": "no_sauna", "regions": ["legs"]}]}', id="unknown-code"),
]


@pytest.mark.parametrize("content", [DEEP, '{"a": ' * 60_000 + "1" + "}" * 60_000, "\ud800"])
def test_an_unusable_contraindication_catalog_leaves_the_shipped_one_in_force(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / CATALOG_FILE
    path.write_text(content, encoding="utf-8", errors="surrogatepass")

    catalog = load_clinic_catalog(path)

    assert [item.code for item in catalog.items] == [item.code for item in load_catalog()]
    assert catalog.problem is not None and CATALOG_FILE in catalog.problem
    assert "shipped" in catalog.problem


@pytest.mark.parametrize("content", BROKEN_OVERRIDES)
def test_a_broken_texts_override_falls_back_to_the_shipped_texts(
    tmp_path: Path, content: str
) -> None:
    (tmp_path / "aftercare.en.json").write_text(content, encoding="utf-8")

    texts = load_texts("aftercare", Language.ENGLISH, tmp_path)
    problems = text_override_problems(tmp_path)

    assert texts == load_texts("aftercare", Language.ENGLISH, None)
    assert len(problems) == 1 and "aftercare.en.json" in problems[0]
    assert "shipped" in problems[0] and "\n" not in problems[0]


def test_good_overrides_report_no_problem(tmp_path: Path) -> None:
    (tmp_path / "aftercare.en.json").write_text('{"title": "Our own title"}', encoding="utf-8")

    assert load_texts("aftercare", Language.ENGLISH, tmp_path)["title"] == "Our own title"
    assert text_override_problems(tmp_path) == []
    assert text_override_problems(tmp_path / "missing") == []
