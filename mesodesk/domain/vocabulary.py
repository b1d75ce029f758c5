"""The practitioner's words as enums: one spelling for techniques, areas, reactions and the rest.

Values are stable storage codes (never shown); `label()` gives the English words the UI
translates. Every other module (rules, tables, forms, documents) names these, never raw strings.
"""

from __future__ import annotations

from enum import StrEnum


class _Vocabulary(StrEnum):
    """An enum whose value is the stored code and whose label is the shown English text."""

    def label(self) -> str:
        key = (type(self).__name__, self.value)
        return _LABELS.get(key, self.value.replace("_", " ").capitalize())


class Sex(_Vocabulary):
    FEMALE = "female"
    MALE = "male"
    UNSPECIFIED = "unspecified"


class SkinType(_Vocabulary):
    NORMAL = "normal"
    DRY = "dry"
    OILY = "oily"
    COMBINATION = "combination"
    SENSITIVE = "sensitive"


class Language(_Vocabulary):
    """The language a patient reads their documents in."""

    RUSSIAN = "ru"
    ENGLISH = "en"


class Technique(_Vocabulary):
    """Injection techniques (seed 001, 004); nappage has three depths of its own."""

    PINPOINT = "pinpoint"
    NAPPAGE_SUPERFICIAL = "nappage_superficial"
    NAPPAGE_MIDDLE = "nappage_middle"
    NAPPAGE_DEEP = "nappage_deep"
    PAPULAR = "papular"
    LINEAR = "linear"
    INFILTRATION = "infiltration"

    @property
    def is_nappage(self) -> bool:
        return self.value.startswith("nappage")


class Method(_Vocabulary):
    MANUAL = "manual"
    INJECTOR_GUN = "injector_gun"
    NON_INJECTION = "non_injection"
    MESOSCOOTER = "mesoscooter"


class VisitStatus(_Vocabulary):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class Area(_Vocabulary):
    """Treatment areas (seed 001). `VASCULAR` is the spine scheme of seed 000."""

    FACE = "face"
    EYES = "eyes"
    NOSE_NASOLABIAL = "nose_nasolabial"
    LIPS = "lips"
    CHIN = "chin"
    NECK = "neck"
    DECOLLETE = "decollete"
    SCALP = "scalp"
    HANDS = "hands"
    STOMACH = "stomach"
    BACK = "back"
    HIPS_BUTTOCKS = "hips_buttocks"
    LEGS = "legs"
    BODY = "body"
    VASCULAR = "vascular"

    @property
    def region(self) -> str:
        """'face', 'body' or 'vascular': the scope that depth limits and contraindications use."""
        if self is Area.VASCULAR:
            return "vascular"
        if self in _FACE_AREAS:
            return "face"
        return "body"


class Reaction(_Vocabulary):
    """What may follow an injection (seeds 000, 001, 002, 004)."""

    REDNESS = "redness"
    SWELLING = "swelling"
    BRUISING = "bruising"
    PAPULES = "papules"
    ITCHING = "itching"
    PAIN_BURNING = "pain_burning"
    NODULES = "nodules"
    ALLERGIC = "allergic"
    DISCOLORATION = "discoloration"


class ReactionSeverity(_Vocabulary):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class Indication(_Vocabulary):
    """Problems a course treats (seeds 000-004)."""

    WRINKLES = "wrinkles"
    AGING_PREVENTION = "aging_prevention"
    DEHYDRATION = "dehydration"
    FACE_OVAL = "face_oval"
    PIGMENTATION = "pigmentation"
    ACNE = "acne"
    ACNE_SEVERE = "acne_severe"
    POST_ACNE = "post_acne"
    SEBORRHOEA = "seborrhoea"
    ROSACEA = "rosacea"
    SCARS = "scars"
    STRETCH_MARKS = "stretch_marks"
    CELLULITE = "cellulite"
    FAT_DEPOSITS = "fat_deposits"
    ALOPECIA = "alopecia"
    EYE_BAGS = "eye_bags"
    VASCULAR = "vascular"


class IngredientGroup(_Vocabulary):
    VITAMIN = "vitamin"
    VASCULAR = "vascular"
    LIFTING = "lifting"
    ANTI_INFLAMMATORY = "anti_inflammatory"
    LIPOLYTIC = "lipolytic"
    HYALURONIC_ACID = "hyaluronic_acid"
    ANTIBIOTIC = "antibiotic"
    ANAESTHETIC = "anaesthetic"
    PLANT_EXTRACT = "plant_extract"
    MINERAL = "mineral"
    ANIMAL_ORIGIN = "animal_origin"
    ACID = "acid"
    OTHER = "other"


_FACE_AREAS = {
    Area.FACE,
    Area.EYES,
    Area.NOSE_NASOLABIAL,
    Area.LIPS,
    Area.CHIN,
    Area.NECK,
    Area.DECOLLETE,
}

_LABELS: dict[tuple[str, str], str] = {
    (type(member).__name__, member.value): text
    for member, text in [
        (Sex.UNSPECIFIED, "Not stated"),
        (Language.RUSSIAN, "Russian"),
        (Language.ENGLISH, "English"),
        (Technique.PINPOINT, "Pinpoint (point by point)"),
        (Technique.NAPPAGE_SUPERFICIAL, "Nappage, superficial"),
        (Technique.NAPPAGE_MIDDLE, "Nappage, middle"),
        (Technique.NAPPAGE_DEEP, "Nappage, deep"),
        (Method.INJECTOR_GUN, "Injector gun"),
        (Method.NON_INJECTION, "Non-injection"),
        (Method.MESOSCOOTER, "Mesoscooter (home)"),
        (VisitStatus.NO_SHOW, "No-show"),
        (Area.EYES, "Eyes (periorbital)"),
        (Area.NOSE_NASOLABIAL, "Nose and nasolabial folds"),
        (Area.DECOLLETE, "Décolleté"),
        (Area.SCALP, "Hair and scalp"),
        (Area.HIPS_BUTTOCKS, "Hips and buttocks"),
        (Area.VASCULAR, "Vascular (spine scheme)"),
        (Reaction.BRUISING, "Bruising / haematoma"),
        (Reaction.PAIN_BURNING, "Pain / burning"),
        (Reaction.NODULES, "Nodules / seals"),
        (Reaction.ALLERGIC, "Allergic reaction"),
        (Indication.AGING_PREVENTION, "Prevention of aging"),
        (Indication.FACE_OVAL, "Face oval"),
        (Indication.ACNE_SEVERE, "Acne, severe"),
        (Indication.POST_ACNE, "Post-acne"),
        (Indication.EYE_BAGS, "Bags under the eyes"),
        (Indication.VASCULAR, "Vascular / osteochondrosis"),
        (IngredientGroup.ANTI_INFLAMMATORY, "Anti-inflammatory"),
        (IngredientGroup.HYALURONIC_ACID, "Hyaluronic acid"),
        (IngredientGroup.ANIMAL_ORIGIN, "Animal origin"),
    ]
}
