"""The plain records services hand to the UI, the documents and the export.

Frozen dataclasses, so a window never holds a live database row and two panes never disagree
about what was loaded. `version` is the row version read with the record: saves send it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from mesodesk.domain.vocabulary import (
    Area,
    Indication,
    IngredientGroup,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
    VisitStatus,
)

# --- catalog --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IngredientRecord:
    id: int | None
    name: str
    name_ru: str = ""
    group: IngredientGroup = IngredientGroup.OTHER
    homeopathic: bool = False
    builtin: bool = False
    version: int = 0


@dataclass(frozen=True, slots=True)
class ProductIngredientRecord:
    ingredient_id: int
    name: str
    name_ru: str
    group: IngredientGroup
    concentration: str | None = None


@dataclass(frozen=True, slots=True)
class ProductRecord:
    """A product of the catalog; `name_ru` is its name on Russian documents and screens ("" if
    none)."""

    id: int | None
    name: str
    name_ru: str = ""
    manufacturer: str = ""
    form: str = ""
    pack: str = ""
    unit: str = "ml"
    ingredients: tuple[ProductIngredientRecord, ...] = ()
    builtin: bool = False
    version: int = 0


@dataclass(frozen=True, slots=True)
class LotRecord:
    """A lot in stock; `product_name_ru` is its product's Russian name ("" if none), for the
    screens in Russian. `product_name` is the catalog's name, the one to match by."""

    id: int | None
    product_id: int
    product_name: str
    lot_number: str
    expires_on: date
    on_hand: Decimal
    unit: str = "ml"
    version: int = 0
    product_name_ru: str = ""


@dataclass(frozen=True, slots=True)
class CocktailLineRecord:
    product_id: int
    product_name: str
    volume_ml: Decimal
    product_name_ru: str = ""


@dataclass(frozen=True, slots=True)
class CocktailRecord:
    id: int | None
    name: str
    name_ru: str = ""
    areas: tuple[Area, ...] = ()
    indications: tuple[Indication, ...] = ()
    lines: tuple[CocktailLineRecord, ...] = ()
    notes: str = ""
    builtin: bool = False
    version: int = 0


# --- courses and visits ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CourseRecord:
    id: int | None
    patient_id: int
    indication: Indication
    area: Area
    sessions: int
    interval_min_days: int
    interval_max_days: int
    start_on: date
    notes: str = ""
    version: int = 0


@dataclass(frozen=True, slots=True)
class ProductLineRecord:
    """A lot used in a visit. `id` is None for a line not saved yet.

    `product_name` and `cocktail_name` are the names recorded (a signed visit's copies);
    `product_name_ru` and `cocktail_name_ru` are the catalog's Russian names of the same
    product and cocktail ("" if none, or if the catalog has renamed it since), for the screens.
    """

    lot_id: int
    volume_ml: Decimal
    product_name: str = ""
    lot_number: str = ""
    expires_on: date | None = None
    cocktail_id: int | None = None
    cocktail_name: str = ""
    id: int | None = None
    product_name_ru: str = ""
    cocktail_name_ru: str = ""


@dataclass(frozen=True, slots=True)
class ReactionRecord:
    reaction: Reaction
    severity: ReactionSeverity = ReactionSeverity.MILD
    note: str = ""


@dataclass(frozen=True, slots=True)
class AddendumRecord:
    written_at: datetime
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class OverrideRecord:
    """A written reason for going ahead despite a finding, kept for its (code, subject).

    `finding_reason` (and `finding_reason_ru`, empty for overrides older than the Russian
    wording) is the finding's wording when the override was written, for the record; which
    finding it answers is decided by the code and subject only.
    """

    finding_code: str
    finding_reason: str
    reason: str
    decided_by: str
    decided_at: datetime
    finding_subject: str = ""
    finding_reason_ru: str = ""


@dataclass(frozen=True, slots=True)
class VisitRecord:
    """One visit with everything recorded in it. `signed` visits are read-only.

    `areas` and `techniques` are what the practitioner added by hand; `charted_areas` and
    `charted_techniques` come from the injection marks (the service fills them when it reads a
    visit and ignores them on save). What was done is both: `treated_areas`, `used_techniques`.
    """

    id: int | None
    patient_id: int
    starts_at: datetime
    status: VisitStatus = VisitStatus.PLANNED
    practitioner: str = ""
    course_id: int | None = None
    areas: tuple[Area, ...] = ()
    techniques: tuple[Technique, ...] = ()
    method: Method | None = None
    anaesthesia: str = ""
    disinfection: str = ""
    notes: str = ""
    price_minor: int | None = None
    currency: str = "RUB"
    product_lines: tuple[ProductLineRecord, ...] = ()
    reactions: tuple[ReactionRecord, ...] = ()
    addenda: tuple[AddendumRecord, ...] = ()
    overrides: tuple[OverrideRecord, ...] = ()
    checklist: dict[str, object] | None = field(default=None, hash=False, compare=True)
    signed_at: datetime | None = None
    signed_by: str | None = None
    version: int = 0
    charted_areas: tuple[Area, ...] = ()
    charted_techniques: tuple[Technique, ...] = ()

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def treated_areas(self) -> tuple[Area, ...]:
        """Charted and added areas, in the vocabulary's order."""
        chosen = set(self.charted_areas) | set(self.areas)
        return tuple(area for area in Area if area in chosen)

    @property
    def used_techniques(self) -> tuple[Technique, ...]:
        """Charted and added techniques, in the vocabulary's order."""
        chosen = set(self.charted_techniques) | set(self.techniques)
        return tuple(technique for technique in Technique if technique in chosen)
