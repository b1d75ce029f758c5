"""Screening what practitioners type: anaesthesia and disinfection, unknown values, wording."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from mesodesk.domain import finding_texts
from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    DayChecklist,
    MedicationEntry,
)
from mesodesk.domain.findings import Severity
from mesodesk.domain.screening import (
    COULD_NOT_CHECK,
    IngredientRef,
    PlannedProcedure,
    ProductComposition,
    ScreeningFinding,
    screen,
)
from mesodesk.domain.vocabulary import Area, IngredientGroup, ReactionSeverity

VISIT = date(2025, 6, 16)
ADULT = date(1990, 3, 8)
QUINCKE = AllergyEntry("Лидокаин", reaction="отёк Квинке")
VITAMINS = ProductComposition("Vitamin C 5%", (IngredientRef("Ascorbic acid"),))


def run(
    allergies: tuple[AllergyEntry, ...] = (QUINCKE,),
    **plan: object,
) -> list[ScreeningFinding]:
    procedure = PlannedProcedure(VISIT, (Area.FACE,), **plan)  # type: ignore[arg-type]
    return screen(ADULT, Anamnesis(allergies=allergies), DayChecklist(), procedure)


def keys(findings: list[ScreeningFinding]) -> list[str]:
    return [f.key for f in findings]


def test_lidocaine_cream_as_anaesthesia_blocks_a_lidocaine_allergic_patient() -> None:
    (finding,) = run(anaesthesia="крем с лидокаином 5%, 30 мин")
    assert finding.key == "allergy:lidocaine"
    assert finding.severity is Severity.BLOCK
    assert finding.reason == (
        'Allergy to Лидокаин (отёк Квинке): the anaesthesia "крем с лидокаином 5%, 30 мин" '
        "names lidocaine. Do not use it: the reaction to it was severe. Use a composition "
        "without it."
    )
    assert finding.text("ru") == (
        "Аллергия на Лидокаин (отёк Квинке): анестезия «крем с лидокаином 5%, 30 мин» "
        "содержит лидокаин. Не применять: реакция на него была тяжёлой. Используйте состав "
        "без этого вещества."
    )


@pytest.mark.parametrize(
    "allergy",
    [
        QUINCKE,
        AllergyEntry("lidocaine", reaction="anaphylaxis"),
        AllergyEntry("лидокаин", severity=ReactionSeverity.SEVERE),
    ],
)
def test_a_life_threatening_allergy_says_do_not_use_and_never_suggests_a_test(
    allergy: AllergyEntry,
) -> None:
    (finding,) = run((allergy,), anaesthesia="Lidocaine cream 5%")
    for language in ("en", "ru"):
        text = finding.text(language).lower()
        assert "test" not in text and "проб" not in text and "тест" not in text
    assert "Do not use it" in finding.reason


def test_a_mild_allergy_keeps_the_catalogs_advice() -> None:
    (finding,) = run((AllergyEntry("лидокаин", reaction="зуд"),), anaesthesia="лидокаин 2%")
    assert "intradermal allergy test can be done where needed" in finding.reason
    assert "(Mesotherapy side effects: acne, bruises, swelling, pregnancy)" in finding.reason


def test_disinfection_is_screened_like_anaesthesia() -> None:
    (finding,) = run((AllergyEntry("хлоргексидин"),), disinfection="Chlorhexidine 0.05%")
    assert finding.key == "allergy:chlorhexidine"
    assert 'the disinfection "Chlorhexidine 0.05%" names chlorhexidine' in finding.reason
    assert "дезинфекция «Chlorhexidine 0.05%» содержит хлоргексидин" in finding.text("ru")


def test_one_substance_everywhere_is_one_finding_listing_every_place() -> None:
    cocktail = ProductComposition(
        "Acne 2", (IngredientRef("Lidocaine", IngredientGroup.ANAESTHETIC),)
    )
    (finding,) = run(products=(cocktail,), anaesthesia="Эмла")
    assert finding.key == "allergy:lidocaine"
    assert '"Acne 2" contains Lidocaine (anaesthetic); the anaesthesia "Эмла" names lidocaine' in (
        finding.reason
    )


def test_a_text_that_names_nothing_known_cannot_be_checked_against_allergies() -> None:
    (finding,) = run(anaesthesia="крем Анестоп, 20 минут")
    assert finding.key == f"{COULD_NOT_CHECK}:anaesthesia"
    assert finding.severity is Severity.WARNING
    assert finding.reason == (
        'Anaesthesia "крем Анестоп, 20 минут" names no substance MesoDesk knows, so it could '
        "not be checked against the allergies (Лидокаин): check what it contains."
    )
    assert "не сверено с аллергиями (Лидокаин)" in finding.text("ru")


def test_a_lidocaine_free_cream_for_a_lidocaine_allergy_asks_what_it_contains() -> None:
    (finding,) = run(anaesthesia="Lidocaine-free cream")
    assert finding.key == f"{COULD_NOT_CHECK}:anaesthesia"


def test_texts_naming_safe_substances_or_a_patient_without_allergies_give_nothing() -> None:
    assert run(anaesthesia="Новокаин 0,5%", disinfection="Хлоргексидин 0,05%") == []
    assert run((), anaesthesia="крем Анестоп", products=(ProductComposition("Mystery"),)) == []


def test_a_product_without_a_composition_cannot_be_checked_against_allergies() -> None:
    findings = run(products=(ProductComposition("Mystery serum 2 ml"), VITAMINS))
    assert keys(findings) == [f"{COULD_NOT_CHECK}:composition:mystery_serum_2_ml"]
    assert 'The composition of "Mystery serum 2 ml" is not recorded' in findings[0].reason


def test_a_product_without_a_composition_is_still_matched_by_its_name() -> None:
    (finding,) = run(products=(ProductComposition("Лидокаин 2% 2 мл"),))
    assert finding.key == "allergy:lidocaine"


def test_unknown_areas_and_techniques_cannot_be_checked() -> None:
    findings = run((), unknown_areas=("elbow",), unknown_techniques=("laser",))
    assert keys(findings) == [f"{COULD_NOT_CHECK}:area:elbow", f"{COULD_NOT_CHECK}:technique:laser"]
    assert all(f.severity is Severity.WARNING for f in findings)
    assert '"elbow"' in findings[0].reason and "could not be checked" in findings[0].reason


def test_every_finding_has_a_stable_key_and_renders_in_both_languages() -> None:
    facts = Anamnesis(
        conditions=(ConditionEntry("diabetes", noted_on=date(2020, 1, 2)), ConditionEntry("lupus")),
        allergies=(QUINCKE, AllergyEntry(group=IngredientGroup.ANTIBIOTIC)),
        medications=(MedicationEntry("Варфарин"), MedicationEntry("Роаккутан")),
        pregnant=True,
        pregnancy_due_on=date(2025, 5, 1),
        childbirth_on=date(2025, 6, 1),
        keloid_tendency=True,
    )
    procedure = PlannedProcedure(
        VISIT,
        (Area.VASCULAR, Area.FACE),
        products=(
            ProductComposition(
                "Acne 2", (IngredientRef("Gentamicin", IngredientGroup.ANTIBIOTIC),)
            ),
            ProductComposition("Mystery"),
        ),
        anaesthesia="крем с лидокаином",
        disinfection="непонятный раствор",
        unknown_areas=("elbow",),
    )
    checklist = DayChecklist(fever=True, recent_peeling_on=date(2025, 6, 10))
    findings = screen(None, facts, checklist, procedure)
    assert len(findings) >= 14
    assert len({f.key for f in findings}) == len(findings)
    for finding in findings:
        assert re.fullmatch(r"[a-z_.]+(:[^\s:]+(:[^\s]+)?)?", finding.key), finding.key
        assert finding.message is not None
        assert finding.reason == finding.message.render("en")
        russian = finding.text("ru")
        assert "{" not in finding.reason and "{" not in russian
        assert russian != finding.reason, finding.key
        assert not re.search(r"\((\d{3}(, )?)+\)|seed \d", finding.reason), finding.reason


def test_every_template_has_a_russian_counterpart_with_the_same_parameters() -> None:
    templates = {
        value
        for name, value in vars(finding_texts).items()
        if name.isupper() and isinstance(value, str)
    }
    assert templates == set(finding_texts.RUSSIAN)
    for english, russian in finding_texts.RUSSIAN.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(russian) if f}, english
        words = re.sub(r"\{[^}]*\}", "", english)
        if re.search(r"[A-Za-z]{2}", words):
            assert re.search(r"[а-я]", russian), english
