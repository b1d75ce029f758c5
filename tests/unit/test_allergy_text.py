"""Free text put on or into the patient (anaesthesia, disinfection) against allergies."""

from __future__ import annotations

import pytest

from mesodesk.domain.allergy import (
    is_life_threatening,
    match_allergy_in_text,
    substances_in,
    word_matches,
)
from mesodesk.domain.anamnesis import AllergyEntry
from mesodesk.domain.vocabulary import IngredientGroup, ReactionSeverity


def hits(allergy: AllergyEntry | str, text: str) -> list[str]:
    if isinstance(allergy, str):
        allergy = AllergyEntry(allergy)
    return [match.substance for match in match_allergy_in_text(allergy, text)]


@pytest.mark.parametrize(
    "text",
    [
        "крем с лидокаином 5%, 30 мин",
        "лидокаин",
        "Лидокаин 2%",
        "ЛИДОКАИНА гидрохлорид",
        "аппликация лидокаина",
        "лидокаиновый крем",
        "мазь лидокаиновая",
        "под лидокаиновой анестезией",
        "с лидокаиновым гелем",
        "спрей Лидокаин-спрей 10%",
        "lidocaine cream 5%, 30 minutes",
        "Lidocaine",
        "LIDOCAINE HCl",
        "Lidocainum",
        "xylocaine spray",
        "Эмла, 40 минут",
        "EMLA cream",
        "Версатис пластырь",
    ],
)
@pytest.mark.parametrize("allergy", ["лидокаин", "Lidocaine", "ЛИДОКАИН", "Лидокаин (отёк Квинке)"])
def test_lidocaine_is_found_in_any_word_form_and_either_language(allergy: str, text: str) -> None:
    assert hits(allergy, text) == ["lidocaine"]


@pytest.mark.parametrize("allergy", ["новокаин", "прокаин", "Novocaine", "procaine", "Новокаина"])
@pytest.mark.parametrize(
    "text", ["новокаин 0,5%", "раствор новокаина", "прокаином", "Procaine", "novocain"]
)
def test_novocaine_and_procaine_are_one_substance_in_both_scripts(allergy: str, text: str) -> None:
    assert hits(allergy, text) == ["novocaine"]


@pytest.mark.parametrize(
    ("allergy", "text", "substance"),
    [
        ("хлоргексидин", "Хлоргексидин 0,05%", "chlorhexidine"),
        ("chlorhexidine", "обработка хлоргексидином", "chlorhexidine"),
        ("хлоргексидин", "Chlorhexidine 0.05%, then alcohol 70%", "chlorhexidine"),
        ("спирт", "Chlorhexidine 0.05%, then alcohol 70%", "ethanol"),
        ("этиловый спирт", "протереть спиртом", "ethanol"),
        ("alcohol", "спиртовой раствор", "ethanol"),
        ("йод", "обработка йодом", "iodine"),
        ("бетадин", "Povidone-iodine 10%", "povidone_iodine"),
        ("мирамистин", "Miramistin", "miramistin"),
    ],
)
def test_disinfectants_are_found_by_name_synonym_and_form(
    allergy: str, text: str, substance: str
) -> None:
    assert substance in hits(allergy, text)


@pytest.mark.parametrize(
    "allergy",
    [AllergyEntry(group=IngredientGroup.ANAESTHETIC), AllergyEntry("анестетики"), "anaesthetics"],
)
@pytest.mark.parametrize(
    ("text", "substance"),
    [("крем с лидокаином", "lidocaine"), ("Новокаин", "novocaine"), ("артикаин", "articaine")],
)
def test_a_group_allergy_finds_every_anaesthetic_named(
    allergy: AllergyEntry | str, text: str, substance: str
) -> None:
    assert hits(allergy, text) == [substance]


def test_an_allergy_the_table_does_not_know_is_still_found_by_its_words() -> None:
    assert hits("Анестоп", "крем Анестоп, 20 минут") == ["анестоп"]
    assert hits("Анестоп", "крем с лидокаином") == []


@pytest.mark.parametrize(
    ("allergy", "text"),
    [
        ("лидокаин", "крем без лидокаина"),
        ("лидокаин", "Lidocaine-free cream"),
        ("лидокаин", "free of lidocaine"),
        ("лидокаин", "не содержит лидокаин"),
        ("лидокаин", "лидо"),
        ("лидокаин", "новокаин 0,5%"),
        ("новокаин", "прокаинамид"),
        ("аспирин", "аспирантура"),
        ("спирт", "бесспиртовой антисептик"),
        ("кислота", "гиалуроновая кислота"),
        ("лидокаин", ""),
    ],
)
def test_absence_other_substances_and_parts_of_words_are_not_a_match(
    allergy: str, text: str
) -> None:
    assert hits(allergy, text) == []


def test_a_denied_mention_does_not_hide_another_mention() -> None:
    assert hits("лидокаин", "крем без лидокаина; при боли лидокаин 2%") == ["lidocaine"]


def test_the_substances_a_text_names_are_listed() -> None:
    named = [entry.key for entry in substances_in("Эмла, затем хлоргексидин")]
    assert named == ["lidocaine", "prilocaine", "chlorhexidine"]
    assert substances_in("местная анестезия") == []
    assert substances_in("") == []


@pytest.mark.parametrize(
    ("name", "text", "same"),
    [
        ("лидокаин", "лидокаином", True),
        ("лидокаин", "лидокаиновый", True),
        ("лидокаин", "лидокаиновыми", True),
        ("йод", "йодный", True),
        ("хлоргексидин", "хлоргексидиновый", True),
        ("кремний", "кремниевый", True),
        ("кремний", "крем", False),
        ("lidocaine", "lidocainum", True),
        ("lidocaine", "lidocaines", True),
        ("procaine", "procainamide", False),
        ("c", "ca", False),
    ],
)
def test_a_word_matches_its_forms_but_not_longer_words(name: str, text: str, same: bool) -> None:
    assert word_matches(name, text) is same


@pytest.mark.parametrize(
    ("allergy", "severe"),
    [
        (AllergyEntry("лидокаин", reaction="отёк Квинке"), True),
        (AllergyEntry("лидокаин", reaction="Quincke's oedema"), True),
        (AllergyEntry("лидокаин", reaction="анафилактический шок"), True),
        (AllergyEntry("lidocaine", reaction="anaphylaxis"), True),
        (AllergyEntry("lidocaine", reaction="angioedema"), True),
        (AllergyEntry("lidocaine", severity=ReactionSeverity.SEVERE), True),
        (AllergyEntry("lidocaine", reaction="urticaria", severity=ReactionSeverity.MILD), False),
        (AllergyEntry("lidocaine"), False),
    ],
)
def test_anaphylaxis_quincke_and_severe_reactions_are_life_threatening(
    allergy: AllergyEntry, severe: bool
) -> None:
    assert is_life_threatening(allergy) is severe
