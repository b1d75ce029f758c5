"""Demo anamneses, so the demo shows allergies, alerts and the list's safety marks."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from mesodesk.domain.anamnesis import (
    AllergyEntry,
    Anamnesis,
    ConditionEntry,
    MedicationEntry,
    facts_refused_for,
)
from mesodesk.domain.vocabulary import IngredientGroup, ReactionSeverity
from mesodesk.services.registry import Services

SHARE = 0.25
"""About one patient in four has something on record, as in a real practice's cards."""

PAGE = 200

_FACTS = (
    Anamnesis(
        allergies=(
            AllergyEntry("Лидокаин", reaction="крапивница", severity=ReactionSeverity.MODERATE),
        )
    ),
    Anamnesis(
        allergies=(
            AllergyEntry("novocaine", reaction="swelling", severity=ReactionSeverity.SEVERE),
        )
    ),
    Anamnesis(allergies=(AllergyEntry(group=IngredientGroup.ANTIBIOTIC, reaction="rash"),)),
    Anamnesis(medications=(MedicationEntry("Аспирин Кардио 100", antiplatelet=True),)),
    Anamnesis(medications=(MedicationEntry("Варфарин", anticoagulant=True),)),
    Anamnesis(conditions=(ConditionEntry("hypertension", noted_on=date(2020, 5, 12)),)),
    Anamnesis(conditions=(ConditionEntry("diabetes", active=False, note="gestational"),)),
    Anamnesis(fear_of_injections=True, high_skin_sensitivity=True),
    Anamnesis(keloid_tendency=True),
    Anamnesis(pregnant=True),
)


def fill_demo_anamnesis(services: Services, rng: random.Random) -> int:
    """Anamneses for some patients of the first page of the list; returns how many."""
    filled = 0
    for row in services.patients.search(limit=PAGE):
        if rng.random() >= SHARE:
            continue
        current = services.anamnesis.get(row.id)
        if current.version:
            continue
        sex = services.patients.get(row.id).sex
        facts = rng.choice([f for f in _FACTS if not facts_refused_for(sex, f)])
        services.anamnesis.save(replace(current, anamnesis=facts))
        filled += 1
    return filled
