"""The documents' wording as data: shipped texts are complete, clinic overrides merge safely."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mesodesk.documents.texts import KINDS, applies, load_texts, text_override_problems
from mesodesk.domain.vocabulary import (
    Area,
    Language,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
)


def _write(folder: Path, name: str, content: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def _ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def _english_advice() -> dict[str, dict]:
    return {item["id"]: item for item in load_texts("aftercare", Language.ENGLISH, None)["advice"]}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_text_ships_in_russian_and_english_with_the_same_items(kind: str) -> None:
    russian = load_texts(kind, Language.RUSSIAN, None)
    english = load_texts(kind, Language.ENGLISH, None)

    assert russian.keys() == english.keys()
    for key, value in russian.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert _ids(value) == _ids(english[key]), key


@pytest.mark.parametrize("language", list(Language))
def test_every_vocabulary_code_has_a_patient_facing_label(language: Language) -> None:
    common = load_texts("common", language, None)

    for section, enum in [
        ("areas", Area),
        ("techniques", Technique),
        ("methods", Method),
        ("reactions", Reaction),
        ("severities", ReactionSeverity),
    ]:
        assert set(common[section]) == {member.value for member in enum}, section
    assert len(common["months"]) == 12
    assert len(common["weekdays"]) == 7


def test_face_only_advice_is_not_chosen_for_a_spine_visit() -> None:
    advice = _english_advice()
    makeup = advice["no_makeup_2_days"]

    assert applies(makeup, [Area.FACE], [Technique.NAPPAGE_MIDDLE])
    assert applies(makeup, [Area.CHIN, Area.BACK], [Technique.PINPOINT])
    assert not applies(makeup, [Area.VASCULAR], [Technique.PINPOINT])
    assert applies(advice["no_sauna"], [Area.VASCULAR], [Technique.PINPOINT])


def _chosen(areas: list[Area], kind: str = "advice") -> set[str]:
    texts = load_texts("aftercare", Language.ENGLISH, None)
    return {item["id"] for item in texts[kind] if applies(item, areas, [Technique.PINPOINT])}


def test_advice_is_scoped_by_area_not_only_by_region() -> None:
    decollete = _chosen([Area.DECOLLETE])
    scalp = _chosen([Area.SCALP])
    hands = _chosen([Area.HANDS])

    assert "no_touching_face" not in decollete and "no_makeup_2_days" not in decollete
    assert "no_rubbing_area" in decollete and "sunscreen" in decollete
    assert "sun_hat" in scalp and "sunscreen" not in scalp
    assert "sunscreen" in hands and "no_touching_face" not in hands
    assert "no_touching_face" in _chosen([Area.LIPS]) and "no_rubbing_area" not in _chosen(
        [Area.FACE]
    )
    assert "headache" in _chosen([Area.VASCULAR], "reactions")
    assert "headache" not in _chosen([Area.NECK], "reactions")


def test_a_visit_without_areas_gets_only_the_advice_for_every_area() -> None:
    chosen = _chosen([])

    assert {"no_sauna", "no_alcohol", "chlorhexidine"} <= chosen
    assert not chosen & {"no_touching_face", "sunscreen", "sun_hat", "no_rubbing_area"}


def test_alcohol_advice_covers_the_day_before_the_next_session() -> None:
    for language, words in (
        (Language.RUSSIAN, "накануне следующей"),
        (Language.ENGLISH, "day before"),
    ):
        texts = load_texts("aftercare", language, None)
        alcohol = {item["id"]: item for item in texts["advice"]}["no_alcohol"]
        assert words in alcohol["text"]


def test_technique_specific_advice_needs_that_technique() -> None:
    advice = _english_advice()
    papules = advice["no_scratching_papules"]

    assert applies(papules, [Area.FACE], [Technique.PAPULAR, Technique.LINEAR])
    assert not applies(papules, [Area.FACE], [Technique.NAPPAGE_SUPERFICIAL])


def test_override_rewrites_one_advice_item_and_keeps_the_rest(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "aftercare.ru.json",
        {"advice": [{"id": "no_alcohol", "text": "Не пейте алкоголь неделю."}]},
    )
    shipped = load_texts("aftercare", Language.RUSSIAN, None)

    texts = load_texts("aftercare", Language.RUSSIAN, tmp_path)

    advice = {item["id"]: item for item in texts["advice"]}
    assert advice["no_alcohol"]["text"] == "Не пейте алкоголь неделю."
    shipped_alcohol = {item["id"]: item for item in shipped["advice"]}["no_alcohol"]
    assert advice["no_alcohol"]["areas"] == shipped_alcohol["areas"]
    assert _ids(texts["advice"]) == _ids(shipped["advice"])
    assert texts["title"] == shipped["title"]


def test_override_can_hide_an_item_and_add_a_new_one(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "aftercare.en.json",
        {
            "advice": [
                {"id": "sunscreen", "hidden": True},
                {"id": "drink_water", "kind": "do", "text": "Drink plenty of water."},
            ]
        },
    )

    advice = load_texts("aftercare", Language.ENGLISH, tmp_path)["advice"]

    assert "sunscreen" not in _ids(advice)
    assert advice[-1] == {"id": "drink_water", "kind": "do", "text": "Drink plenty of water."}


def test_override_can_add_a_mesoscooter_section_of_its_own(tmp_path: Path) -> None:
    section = {
        "id": "clinic_tips",
        "heading": "Our tips",
        "items": [{"id": "one_roller", "text": "Use your roller only on yourself."}],
    }
    _write(tmp_path, "aftercare.en.json", {"mesoscooter": {"sections": [section]}})

    sections = load_texts("aftercare", Language.ENGLISH, tmp_path)["mesoscooter"]["sections"]

    assert sections[-1] == section
    assert len(sections) == 4


def test_override_for_another_language_is_ignored(tmp_path: Path) -> None:
    _write(tmp_path, "aftercare.en.json", {"title": "Our own title"})

    assert load_texts("aftercare", Language.RUSSIAN, tmp_path)["title"] != "Our own title"


def test_override_can_reword_labels_and_month_names(tmp_path: Path) -> None:
    months = [f"m{n}" for n in range(1, 13)]
    _write(tmp_path, "common.en.json", {"labels": {"lot": "Batch"}, "months": months})

    common = load_texts("common", Language.ENGLISH, tmp_path)

    assert common["labels"]["lot"] == "Batch"
    assert common["labels"]["volume"] == "Volume"
    assert common["months"] == months


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("{ not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"titel": "typo"}', "unknown key 'titel'"),
        ('{"title": 5}', "non-empty text"),
        ('{"advice": {"id": "x"}}', "must be a list"),
        ('{"advice": [{"text": "no id"}]}', '"id"'),
        ('{"advice": [{"id": "new_item", "text": "no kind"}]}', "lacks kind"),
        ('{"advice": [{"id": "no_sauna", "regions": ["legs"]}]}', "unknown legs"),
        ('{"advice": [{"id": "no_sauna", "areas": ["elbows"]}]}', "unknown elbows"),
        ('{"advice": [{"id": "no_sauna", "techniques": ["needling"]}]}', "unknown needling"),
        ('{"advice": [{"id": "no_sauna", "kind": "maybe"}]}', "kind must be one of"),
        ('{"advice": [{"id": "no_sauna", "colour": "red"}]}', "unknown key 'colour'"),
        ('{"phrases": {"call_phone": "Call {telephone}"}}', "{telephone}"),
        ('{"phrases": {"call_phone": "Call {phone"}}', "unbalanced braces"),
    ],
)
def test_broken_override_names_the_file_and_the_problem(
    tmp_path: Path, content: str, complaint: str
) -> None:
    (tmp_path / "aftercare.en.json").write_text(content, encoding="utf-8")

    (problem,) = text_override_problems(tmp_path)

    assert "aftercare.en.json" in problem and complaint in problem
    assert load_texts("aftercare", Language.ENGLISH, tmp_path) == load_texts(
        "aftercare", Language.ENGLISH, None
    )


def test_override_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "consent.ru.json").write_bytes('{"title": "Согласие"}'.encode("cp1251"))

    (problem,) = text_override_problems(tmp_path)

    assert re.search(r"consent\.ru\.json.*UTF-8", problem)


def test_unknown_kind_of_text_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        load_texts("invoice", Language.ENGLISH, None)
