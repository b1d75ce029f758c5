"""What the patient header shows in red: allergies, flagged medications, absolute contraindications.

Computed from the anamnesis alone (stored or being edited), so the header can follow the form
as it is typed and says the same as the screening about a medication.
"""

from __future__ import annotations

from collections.abc import Mapping

from mesodesk.domain import finding_texts as texts
from mesodesk.domain.anamnesis import Anamnesis
from mesodesk.domain.contraindications import CatalogItem, ContraindicationKind
from mesodesk.domain.findings import Joined, Message, Param
from mesodesk.domain.medicines import MedicationFlag, MedicineDictionary, effective_flags

_CARD_FLAGS = {"pregnant": "pregnancy", "breastfeeding": "lactation", "keloid_tendency": None}
"""Card fields that name a catalog item (the item code, None when it is the field's name)."""


def card_alerts(
    facts: Anamnesis, catalog: Mapping[str, CatalogItem], medicines: MedicineDictionary
) -> list[Message]:
    """Allergies, then medications with their flags ("Anticoagulant: Варфарин"), then the
    absolute contraindications on the card, each as a sentence in either language."""
    alerts: list[Message] = []
    for allergy in facts.allergies:
        label: Param = allergy.substance.strip()
        if not label and allergy.group is not None:
            label = texts.group_name(allergy.group)
        if label:
            alerts.append(Message(texts.ALERT_ALLERGY, {"allergy": label}))
    for medication in facts.medications:
        flags = effective_flags(medication, medicines)
        if flags and medication.name.strip():
            names = tuple(flag.label for flag in MedicationFlag if flag in flags)
            alerts.append(
                Message(
                    texts.ALERT_MEDICATION,
                    {"flags": Joined(names), "medication": medication.name.strip()},
                )
            )
    for flag, code in _CARD_FLAGS.items():
        item = catalog.get(code or flag)
        if getattr(facts, flag) and item and item.kind is ContraindicationKind.ABSOLUTE:
            alerts.append(Message(texts.ALERT_ITEM, {"item": item.name}))
    for condition in facts.conditions:
        item = catalog.get(condition.code)
        if condition.active and item and item.kind is ContraindicationKind.ABSOLUTE:
            alerts.append(Message(texts.ALERT_ITEM, {"item": item.name}))
    return alerts


def absolute_card_flags(catalog: Mapping[str, CatalogItem]) -> list[str]:
    """The card fields whose item the catalog makes absolute (for marking the patient list)."""
    return [
        flag
        for flag, code in _CARD_FLAGS.items()
        if (item := catalog.get(code or flag)) and item.kind is ContraindicationKind.ABSOLUTE
    ]
