"""Made-up people for demo databases: Russian and English names, phones, e-mails.

Reproducible: the same seed gives the same patients, so screenshots and benchmarks repeat.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from mesodesk.domain.patient import PatientCard
from mesodesk.domain.search_terms import romanised
from mesodesk.domain.vocabulary import Language, Sex, SkinType

RU_SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
]
RU_FEMALE = [
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Екатерина",
    "Юлия",
    "Дарья",
    "Алёна",
    "Ксения",
    "Виктория",
    "Марина",
    "Полина",
]
RU_MALE = ["Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Михаил", "Игорь", "Павел"]
RU_PATRONYMIC_ROOTS = [
    "Александров",
    "Сергеев",
    "Викторов",
    "Петров",
    "Иванов",
    "Николаев",
    "Андреев",
    "Михайлов",
    "Владимиров",
    "Олегов",
]
EN_SURNAMES = [
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Robinson",
    "Thompson",
    "White",
    "Hughes",
    "Green",
]
EN_FEMALE = ["Olivia", "Emma", "Sophie", "Grace", "Emily", "Chloe", "Lucy", "Hannah", "Amelia"]
EN_MALE = ["James", "Oliver", "Thomas", "Daniel", "Henry", "William"]
STREETS = ["ул. Ленина", "ул. Гагарина", "пр. Мира", "ул. Садовая", "ул. Пушкина", "наб. Фонтанки"]
NOTES_RU = [
    "Предпочитает утренние часы.",
    "Чувствительная кожа, просит крем-анестетик.",
    "Удобнее приходить после 18:00.",
    "По рекомендации знакомых.",
    "",
    "",
]
NOTES_EN = [
    "Prefers morning appointments.",
    "Sensitive skin, asks for an anaesthetic cream.",
    "Prefers appointments after 6 pm.",
    "Recommended by friends.",
    "",
    "",
]
"""A card's note in the patient's own language (as many of each, so a seed draws the same)."""
REFERENCE_DAY = date(2026, 1, 1)


def demo_cards(count: int, seed: int, russian_only: bool = False) -> list[PatientCard]:
    rnd = random.Random(seed)
    return [person(rnd, russian_only) for _ in range(count)]


def person(rnd: random.Random, russian_only: bool = False) -> PatientCard:
    """One made-up patient, drawn from `rnd`: four in five Russian, or all of them for a demo
    shown in Russian (the same draws either way, so a seed keeps the rest of its data)."""
    russian = rnd.random() < 0.8 or russian_only
    female = rnd.random() < 0.85
    if russian:
        surname = rnd.choice(RU_SURNAMES) + ("а" if female else "")
        first = rnd.choice(RU_FEMALE if female else RU_MALE)
        root = rnd.choice(RU_PATRONYMIC_ROOTS)
        middle = root + ("на" if female else "ич")
        address = (
            f"г. Москва, {rnd.choice(STREETS)}, д. {rnd.randint(1, 120)}, кв. {rnd.randint(1, 300)}"
        )
        language = Language.RUSSIAN
        latin = _latin(surname)
    else:
        surname = rnd.choice(EN_SURNAMES)
        first = rnd.choice(EN_FEMALE if female else EN_MALE)
        middle = ""
        address = f"{rnd.randint(1, 99)} {rnd.choice(['High', 'Church', 'Mill', 'Station'])} Street"
        language = Language.ENGLISH
        latin = surname.lower()
    birth = REFERENCE_DAY - timedelta(days=rnd.randint(19 * 365, 68 * 365))
    code, first3, pair1, pair2 = (
        rnd.randint(10, 99),
        rnd.randint(100, 999),
        rnd.randint(10, 99),
        rnd.randint(10, 99),
    )
    phone = f"+7 9{code} {first3}-{pair1}-{pair2}"
    return PatientCard(
        last_name=surname,
        first_name=first,
        middle_name=middle,
        birth_date=birth,
        sex=Sex.FEMALE if female else Sex.MALE,
        phone=phone,
        email=f"{latin}{rnd.randint(1, 999)}@example.com" if rnd.random() < 0.6 else "",
        address=address,
        skin_type=rnd.choice(list(SkinType)),
        language=language,
        notes=rnd.choice(NOTES_RU if language is Language.RUSSIAN else NOTES_EN),
    )


def _latin(text: str) -> str:
    return "".join(char for char in romanised(text) if char.isalnum())
