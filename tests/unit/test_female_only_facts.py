"""Anamnesis facts that a patient's sex rules out: pregnancy, breastfeeding, childbirth."""

from __future__ import annotations

from datetime import date

import pytest

from mesodesk.domain.anamnesis import Anamnesis, facts_naming, facts_refused_for
from mesodesk.domain.vocabulary import Sex


def test_pregnancy_breastfeeding_and_childbirth_are_refused_for_a_male_patient_by_name():
    facts = Anamnesis(pregnant=True, breastfeeding=True, childbirth_on=date(2024, 2, 3))
    refused = facts_refused_for(Sex.MALE, facts)
    assert set(refused) == {"pregnant", "breastfeeding", "childbirth_on"}
    assert "so pregnancy cannot be recorded" in refused["pregnant"]
    assert "so breastfeeding cannot be recorded" in refused["breastfeeding"]
    assert "so a childbirth cannot be recorded" in refused["childbirth_on"]


@pytest.mark.parametrize("sex", [Sex.FEMALE, Sex.UNSPECIFIED])
def test_these_facts_stand_for_a_female_patient_or_one_whose_sex_is_not_noted(sex):
    facts = Anamnesis(pregnant=True, breastfeeding=True, childbirth_on=date(2024, 2, 3))
    assert facts_refused_for(sex, facts) == {}


def test_other_facts_are_never_refused_for_a_male_patient():
    assert facts_refused_for(Sex.MALE, Anamnesis(keloid_tendency=True)) == {}


def test_the_facts_are_named_as_a_sentence_lists_them():
    assert facts_naming(["pregnant"]) == "pregnancy"
    assert facts_naming(["pregnant", "breastfeeding"]) == "pregnancy and breastfeeding"
    assert (
        facts_naming(["pregnant", "breastfeeding", "childbirth_on"])
        == "pregnancy, breastfeeding and a childbirth"
    )
