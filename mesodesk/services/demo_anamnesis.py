"""Demo anamneses, so the demo shows allergies, alerts and the list's safety marks.

Filled before any demo visit, as a card is filled at the first consultation, so every demo
visit is screened against it. Each fact is one a patient of that sex and age can have: no
pregnant men, no pregnant sixty-year-olds, no gestational diabetes in a man's history.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    MedicationEntry,
)
from mesodesk.domain.patient import PatientCard, age_on
from mesodesk.domain.progress import Progress, unwatched
from mesodesk.domain.vocabulary import IngredientGroup, ReactionSeverity, Sex
from mesodesk.services.registry import Services

SHARE = 0.25
"""About one patient in four has something on record, as in a real practice's cards."""

PAGE = 200
"""Only the first patients of the list get an anamnesis: enough to show, fast for any size."""

CHILDBEARING_AGES = range(20, 46)

Facts = Callable[[date, random.Random], Anamnesis]


def _same(facts: Anamnesis) -> Facts:
    return lambda _today, _rng: facts


def _pregnant(today: date, rng: random.Random) -> Anamnesis:
    return Anamnesis(pregnant=True, pregnancy_due_on=today + timedelta(days=rng.randint(40, 220)))


def _breastfeeding(today: date, rng: random.Random) -> Anamnesis:
    return Anamnesis(breastfeeding=True, childbirth_on=today - timedelta(days=rng.randint(60, 300)))


_ANYONE: tuple[Facts, ...] = (
    _same(
        Anamnesis(
            allergies=(
                AllergyEntry("Лидокаин", reaction="крапивница", severity=ReactionSeverity.MODERATE),
            )
        )
    ),
    _same(
        Anamnesis(
            allergies=(
                AllergyEntry("novocaine", reaction="swelling", severity=ReactionSeverity.SEVERE),
            )
        )
    ),
    _same(Anamnesis(allergies=(AllergyEntry(group=IngredientGroup.ANTIBIOTIC, reaction="rash"),))),
    _same(Anamnesis(medications=(MedicationEntry("Аспирин Кардио 100", antiplatelet=True),))),
    _same(Anamnesis(medications=(MedicationEntry("Варфарин", anticoagulant=True),))),
    _same(Anamnesis(conditions=(ConditionEntry("hypertension", noted_on=date(2020, 5, 12)),))),
    _same(Anamnesis(fear_of_injections=True, high_skin_sensitivity=True)),
    _same(Anamnesis(keloid_tendency=True)),
)
_WOMEN: tuple[Facts, ...] = (
    _same(Anamnesis(conditions=(ConditionEntry("diabetes", active=False, note="gestational"),))),
)
_CHILDBEARING: tuple[Facts, ...] = (_pregnant, _breastfeeding)


def fill_demo_anamnesis(
    services: Services,
    rng: random.Random,
    patient_ids: Sequence[int],
    today: date | None = None,
    progress: Progress | None = None,
) -> int:
    """Anamneses for some of the first `PAGE` given patients; returns how many. Stopped
    through `progress`, it raises `Cancelled` before the next patient's: those saved stay."""
    today = today or date.today()
    progress = unwatched(progress)
    filled = 0
    for patient_id in patient_ids[:PAGE]:
        progress.check()
        if rng.random() >= SHARE:
            continue
        current = services.anamnesis.get(patient_id)
        if current.version:
            continue
        card = services.patients.get(patient_id)
        facts = rng.choice(_possible(card, today))(today, rng)
        services.anamnesis.save(replace(current, anamnesis=facts))
        filled += 1
    return filled


def _possible(card: PatientCard, today: date) -> list[Facts]:
    """The facts a patient of this sex and age can have."""
    if card.sex is not Sex.FEMALE:
        return list(_ANYONE)
    age = age_on(card.birth_date, today)
    childbearing = age is not None and age in CHILDBEARING_AGES
    return [*_ANYONE, *_WOMEN, *(_CHILDBEARING if childbearing else ())]
