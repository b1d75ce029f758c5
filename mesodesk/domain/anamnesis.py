"""The patient facts the safety screening reads, as plain data the card form and tables fill.

Kept free of storage and widgets so the same facts can come from the database, a form being
edited, or a test, and the screening gives the same answer for all three.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from mesodesk.domain.vocabulary import IngredientGroup, ReactionSeverity, Sex


@dataclass(frozen=True, slots=True)
class ConditionEntry:
    """A condition picked from the contraindication catalog (`code`), as noted on the card.

    A resolved condition (`active=False`) stays on the card for the history but no longer
    stops a procedure.
    """

    code: str
    active: bool = True
    noted_on: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AllergyEntry:
    """An allergy or intolerance as the patient reported it.

    `substance` is an ingredient name in any language, or free text; `group` is set when the
    patient reacts to a whole group (all anaesthetics, say). An entry with neither matches
    nothing, so the form should require one.
    """

    substance: str = ""
    group: IngredientGroup | None = None
    reaction: str = ""
    severity: ReactionSeverity | None = None

    @property
    def label(self) -> str:
        """How the allergy is named in a finding: the substance, else the group."""
        if self.substance.strip():
            return self.substance.strip()
        return self.group.label().lower() if self.group else ""


@dataclass(frozen=True, slots=True)
class MedicationEntry:
    """A current medication with the flags the practitioner ticks.

    The medicine dictionary (`domain.medicines`) ticks the flags a known name implies, and the
    rules read the name too, so an anticoagulant typed without its flag still counts; the
    flags cover what no name list can (a new brand, a combination). `cleared` holds the flags
    (`MedicationFlag` values) the practitioner unticked although the name implies them.
    """

    name: str
    anticoagulant: bool = False
    antiplatelet: bool = False
    retinoid: bool = False
    hormonal: bool = False
    immunosuppressant: bool = False
    cleared: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Anamnesis:
    """What the card says about the patient's health, independent of any one visit."""

    conditions: tuple[ConditionEntry, ...] = ()
    allergies: tuple[AllergyEntry, ...] = ()
    medications: tuple[MedicationEntry, ...] = ()
    pregnant: bool = False
    pregnancy_due_on: date | None = None
    childbirth_on: date | None = None
    breastfeeding: bool = False
    keloid_tendency: bool = False
    fear_of_injections: bool = False
    high_skin_sensitivity: bool = False


@dataclass(frozen=True, slots=True)
class DayChecklist:
    """The questions asked on the day of the visit; each ticked item postpones the procedure.

    Field names are the catalog codes of the temporary items, so a table can store one column
    per code. `other_codes` holds checklist items an admin added to the catalog later.
    The two dates are kept rather than ticks because "recent" depends on the visit date.
    """

    menstruation: bool = False
    fever: bool = False
    active_herpes: bool = False
    chronic_exacerbation: bool = False
    inflammation_in_area: bool = False
    fungal_infection_in_area: bool = False
    skin_damage_in_area: bool = False
    acne_flare: bool = False
    respiratory_disease: bool = False
    recent_peeling_on: date | None = None
    recent_surgery_on: date | None = None
    other_codes: frozenset[str] = frozenset()

    def ticked_codes(self) -> list[str]:
        """Catalog codes of the ticked yes/no questions, in form order."""
        ticked = [f.name for f in fields(self) if getattr(self, f.name) is True]
        return ticked + sorted(self.other_codes)


FEMALE_ONLY_FACTS = {
    "pregnant": "pregnancy",
    "breastfeeding": "breastfeeding",
    "childbirth_on": "a childbirth",
}
"""Anamnesis fields that cannot be true of a male patient, with how a message names them."""


def female_only_facts(facts: Anamnesis) -> list[str]:
    """The recorded facts (field names) that only a female patient can have, in form order."""
    return [name for name in FEMALE_ONLY_FACTS if getattr(facts, name)]


def facts_refused_for(sex: Sex, facts: Anamnesis) -> dict[str, str]:
    """Field -> message for each fact the patient's sex rules out; empty when all may stand."""
    if sex is not Sex.MALE:
        return {}
    return {
        name: f"The card says the patient is male, so {FEMALE_ONLY_FACTS[name]} cannot be "
        "recorded; correct the sex on the card first if it is wrong."
        for name in female_only_facts(facts)
    }


def facts_naming(names: list[str]) -> str:
    """'pregnancy', 'pregnancy and breastfeeding', 'pregnancy, breastfeeding and a childbirth'."""
    words = [FEMALE_ONLY_FACTS[name] for name in names]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
