"""Wording that cannot hurt: blood thinners in the aftercare sheet, in both languages."""

from __future__ import annotations

import pytest

from mesodesk.documents.texts import load_texts
from mesodesk.domain.vocabulary import Language


@pytest.mark.parametrize(
    ("language", "keep", "own"),
    [
        (Language.ENGLISH, "Never stop a medicine your doctor prescribed", "on your own"),
        (
            Language.RUSSIAN,
            "Не прекращайте приём лекарств, назначенных врачом",
            "по своей инициативе",
        ),
    ],
)
def test_the_aftercare_never_tells_a_patient_to_stop_a_prescribed_medicine(
    language: Language, keep: str, own: str
) -> None:
    advice = {item["id"]: item["text"] for item in load_texts("aftercare", language)["advice"]}
    text = advice["no_blood_thinners"]
    assert text.startswith(keep)
    assert own in text
