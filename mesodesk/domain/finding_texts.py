"""Every sentence template of the safety findings, in English and Russian, in one place.

A rule builds `Message(TEMPLATE, params)`; `Message.render("ru")` looks the English template up
in `RUSSIAN`. Parameters that are words (an area, a group, a catalog item) are `Localized`, so
each language gets its own word; typed text (a medication, an allergy as written) is shown as
typed. A test checks that every template has a Russian counterpart with the same parameters.
"""

from __future__ import annotations

from mesodesk.domain.findings import Localized
from mesodesk.domain.vocabulary import (
    Indication,
    IngredientGroup,
    Reaction,
    ReactionSeverity,
    Technique,
)

# --- the contraindication catalog ---------------------------------------------------------

CATALOG_ABSOLUTE = (
    "{item}{context}: an absolute contraindication to {work}; do not inject. {advice}"
)
CATALOG_RELATIVE = (
    "{item}{context}: a relative contraindication to {work}; weigh it and take extra care. {advice}"
)
CATALOG_TEMPORARY = "{item}{context}: postpone the procedure until it has passed. {advice}"
CATALOG_TEMPORARY_UNTIL = "{item}{context}: postpone the procedure until {date}. {advice}"
CATALOG_INDICATION = (
    "{item} is an indication for {indication_work}; it is a contraindication only to {work}."
)
CONTEXT = " ({details})"
NOTED_ON = "noted on {date}"
AGE_ON_VISIT = "{age} years old on the visit date"
DUE_ON = "expected delivery on {date}"
DUE_PAST = "expected delivery on {date}, a date already past: update the card"
CHILDBIRTH_ON = "childbirth on {date}, {days} days before the visit"
DONE_ON = "on {date}, {days} days before the visit"

# --- the card and the day ------------------------------------------------------------------

BIRTH_DATE_MISSING = (
    "The date of birth is not on the card: confirm the patient is {age} or older before injecting."
)
CHECKLIST_NOT_ASKED = (
    "The day-of-visit questions (menstruation, fever, herpes, inflammation...) have not been "
    "asked yet."
)

# --- allergies -----------------------------------------------------------------------------

ALLERGY = "Allergy to {allergy}{reaction}: {places}. {advice}"
ALLERGY_IN_PRODUCT = '"{product}" contains {ingredient}'
ALLERGY_IN_TEXT = '{field} "{text}" names {substance}'
INGREDIENT_WITH_GROUPS = "{ingredient} ({groups})"
ALLERGY_SEVERE_ADVICE = (
    "Do not use it: the reaction to it was severe. Use a composition without it."
)

# --- what could not be checked ---------------------------------------------------------------

CANNOT_CHECK_CONDITION = (
    'The card lists the condition "{code}", which the contraindication catalog does not '
    "know, so it could not be checked: check the card and the catalog."
)
CANNOT_CHECK_CHECKLIST = (
    'The checklist item "{code}" is not in the contraindication catalog, so it could not be '
    "checked: check the catalog."
)
CANNOT_CHECK_AREA = (
    'The visit names an area MesoDesk does not know ("{value}"), so its contraindications '
    "and depth limits could not be checked: choose the area again."
)
CANNOT_CHECK_TECHNIQUE = (
    'The visit names a technique MesoDesk does not know ("{value}"), so it could not be '
    "checked: choose the technique again."
)
CANNOT_CHECK_COURSE_INDICATION = (
    'The course\'s indication "{value}" is not known to MesoDesk, so its sessions and '
    "intervals could not be checked: edit the course."
)
CANNOT_CHECK_COURSE_AREA = (
    'The course\'s area "{value}" is not known to MesoDesk, so its sessions and intervals '
    "could not be checked: edit the course."
)
CANNOT_CHECK_COURSE_PLAN = "The course could not be checked: {problem} Edit the course."
CANNOT_CHECK_COMPOSITION = (
    'The composition of "{product}" is not recorded, so it could not be checked against the '
    "allergies ({allergies}): check its package insert and add its ingredients to the catalog."
)
CANNOT_CHECK_TEXT = (
    '{field} "{text}" names no substance MesoDesk knows, so it could not be checked against '
    "the allergies ({allergies}): check what it contains."
)

# --- depth ------------------------------------------------------------------------------------

DEPTH_NOT_POSITIVE = "Injection depth must be more than 0 mm, got {depth} mm."
DEPTH_BEYOND_NEEDLE = (
    "{depth} mm is deeper than the needle is long ({needle}: {length} mm): correct the depth "
    "or the needle."
)
DEPTH_AREA_LIMIT = "{depth} mm is deeper than the {limit} mm limit for {area} ({source})."
DEPTH_TECHNIQUE_RANGE = "{depth} mm is outside the {technique} range of {range} ({source})."
DEPTH_RANGE_UP_TO = "up to {max} mm"
DEPTH_RANGE_BAND = "{min}-{max} mm"
MARKS_AFFECTED = "{finding} Marks affected: {count}."

# --- the chart against the product lines, and last visit ------------------------------------

CHART_VOLUME_TOTAL = (
    "The chart adds up to {charted} ml, the product lines to {recorded} ml: {difference} ml "
    "{direction} charted than recorded. Correct the marks or take the volumes from the chart."
)
CHART_VOLUME_PRODUCT = "{product}: {charted} ml charted, {recorded} ml recorded."
CHART_UNRECORDED = "{charted} ml of {product} is charted but no product line records it."
CHART_WITHOUT_VOLUME = (
    "No mark has a volume per injection, so the chart cannot be checked against the product lines."
)
LAST_VISIT_REACTIONS = "After the last visit ({date}): {reactions}."
REACTION_SEEN = "{reaction} ({severity})"
REACTION_SEEN_NOTE = "{reaction} ({severity}): {note}"
MORE = Localized("more", "больше")
LESS = Localized("less", "меньше")
A_PRODUCT = Localized("a product", "препарат")
INJECTED_LOT = "{product} (lot {lot})"

# --- the course rules ------------------------------------------------------------------------

COURSE_TWO_IN_SEVEN = (
    "More than {most} sessions fall within {week} days: {dates}. Sessions are done at most "
    "{most} times a week."
)
ANOTHER_VISIT = "{date} (another visit)"
COURSE_INTERVAL = (
    "Sessions on {before} and {after} are {gap} days apart; this course's interval is {allowed}."
)
COURSE_INTERVAL_ONE_DAY = (
    "Sessions on {before} and {after} are 1 day apart; this course's interval is {allowed}."
)
DAYS = "{days} days"
DAYS_RANGE = "{low}-{high} days"
MONTHS = "{months} months"
MONTHS_RANGE = "{low}-{high} months"
MAINTENANCE_DUE = (
    "A maintenance procedure is due {when}: one every {every}{period} after the course that "
    "ended on {ended}."
)
DUE_FROM = "from {date}"
DUE_BETWEEN = "between {first} and {last}"
FOR_MONTHS = " for {months} months"
REPEAT_OVERDUE = (
    "The course ended on {ended}; results last up to {months} months, so a repeat course is "
    "overdue since {faded}."
)
REPEAT_DUE = "The course can be repeated from {opens}, {after} after its last session on {ended}."
COURSE_TOO_MANY_SESSIONS = (
    "{sessions} sessions are planned; the usual course for {indication} is {usual}. {note}"
)
SESSIONS_UP_TO = "up to {most}"

# --- lots ------------------------------------------------------------------------------------

LOT_EXPIRED = "Lot {lot} of {product} expired on {expired}; it cannot be used on {day}."
LOT_EXPIRES_TODAY = "Lot {lot} of {product} expires today ({expires}); use it up first."
LOT_EXPIRES_TOMORROW = "Lot {lot} of {product} expires in 1 day ({expires}); use it up first."
LOT_EXPIRES_IN = "Lot {lot} of {product} expires in {days} days ({expires}); use it up first."
LOT_AMOUNT_NOT_POSITIVE = "Enter an amount above zero; {amount} cannot be recorded for lot {lot}."
LOT_WHOLE_UNITS = "Lot {lot} is counted in whole units; {amount} cannot be recorded."
LOT_INSUFFICIENT = "Lot {lot} has {left} left; {amount} cannot be recorded."

# --- the patient header -----------------------------------------------------------------------

ALERT_ALLERGY = "Allergy: {allergy}"
ALERT_MEDICATION = "{flags}: {medication}"
ALERT_ITEM = "{item}"

RUSSIAN: dict[str, str] = {
    LOT_AMOUNT_NOT_POSITIVE: "Укажите количество больше нуля; {amount} из серии {lot} "
    "записать нельзя.",
    LOT_WHOLE_UNITS: "Серия {lot} учитывается целыми единицами; {amount} записать нельзя.",
    LOT_INSUFFICIENT: "В серии {lot} осталось {left}; {amount} записать нельзя.",
    COURSE_TOO_MANY_SESSIONS: (
        "Запланировано процедур: {sessions}; обычный курс при показании «{indication}» — "
        "{usual}. {note}"
    ),
    SESSIONS_UP_TO: "до {most}",
    LOT_EXPIRED: "Серия {lot} препарата {product}: срок годности истёк {expired}; "
    "использовать {day} нельзя.",
    LOT_EXPIRES_TODAY: "Серия {lot} препарата {product}: срок годности истекает сегодня "
    "({expires}); используйте её в первую очередь.",
    LOT_EXPIRES_TOMORROW: "Серия {lot} препарата {product}: срок годности истекает завтра "
    "({expires}); используйте её в первую очередь.",
    LOT_EXPIRES_IN: "Серия {lot} препарата {product}: срок годности истекает через {days} дн. "
    "({expires}); используйте её в первую очередь.",
    COURSE_TWO_IN_SEVEN: (
        "Больше {most} процедур за {week} дней: {dates}. Процедуры проводят не чаще {most} раз "
        "в неделю."
    ),
    ANOTHER_VISIT: "{date} (другой визит)",
    COURSE_INTERVAL: (
        "Между процедурами {before} и {after} дней: {gap}; интервал этого курса — {allowed}"
    ),
    COURSE_INTERVAL_ONE_DAY: (
        "Между процедурами {before} и {after} один день; интервал этого курса — {allowed}"
    ),
    DAYS: "{days} дн.",
    DAYS_RANGE: "{low}–{high} дн.",
    MONTHS: "{months} мес.",
    MONTHS_RANGE: "{low}–{high} мес.",
    MAINTENANCE_DUE: (
        "Поддерживающая процедура показана {when}: раз в {every}{period} после курса, "
        "завершённого {ended}."
    ),
    DUE_FROM: "с {date}",
    DUE_BETWEEN: "с {first} по {last}",
    FOR_MONTHS: " в течение {months} мес.",
    REPEAT_OVERDUE: (
        "Курс завершён {ended}; эффект держится до {months} мес., повторный курс нужен с {faded}."
    ),
    REPEAT_DUE: (
        "Курс можно повторить с {opens}, через {after} после последней процедуры {ended}."
    ),
    CATALOG_ABSOLUTE: (
        "{item}{context}: абсолютное противопоказание к {work}; инъекции не проводить. {advice}"
    ),
    CATALOG_RELATIVE: (
        "{item}{context}: относительное противопоказание к {work}; взвесьте риск и будьте "
        "особенно осторожны. {advice}"
    ),
    CATALOG_TEMPORARY: "{item}{context}: отложите процедуру, пока это не пройдёт. {advice}",
    CATALOG_TEMPORARY_UNTIL: "{item}{context}: отложите процедуру до {date}. {advice}",
    CATALOG_INDICATION: (
        "{item} — показание к {indication_work}; противопоказанием это является только для {work}."
    ),
    CONTEXT: " ({details})",
    NOTED_ON: "отмечено {date}",
    AGE_ON_VISIT: "возраст на дату визита: {age}",
    DUE_ON: "предполагаемые роды {date}",
    DUE_PAST: "предполагаемые роды {date} — дата уже прошла: обновите карту",
    CHILDBIRTH_ON: "роды {date}, дней до визита: {days}",
    DONE_ON: "{date}, дней до визита: {days}",
    BIRTH_DATE_MISSING: (
        "В карте нет даты рождения: перед инъекциями убедитесь, что пациенту уже исполнилось "
        "{age} лет."
    ),
    CHECKLIST_NOT_ASKED: (
        "Вопросы в день визита (менструация, температура, герпес, воспаление...) ещё не заданы."
    ),
    ALLERGY: "Аллергия на {allergy}{reaction}: {places}. {advice}",
    ALLERGY_IN_PRODUCT: "«{product}» содержит {ingredient}",
    ALLERGY_IN_TEXT: "{field} «{text}» содержит {substance}",
    INGREDIENT_WITH_GROUPS: "{ingredient} ({groups})",
    ALLERGY_SEVERE_ADVICE: (
        "Не применять: реакция на него была тяжёлой. Используйте состав без этого вещества."
    ),
    CANNOT_CHECK_CONDITION: (
        "В карте указано состояние «{code}», которого нет в каталоге противопоказаний, "
        "поэтому оно не проверено: проверьте карту и каталог."
    ),
    CANNOT_CHECK_CHECKLIST: (
        "Пункта опроса «{code}» нет в каталоге противопоказаний, поэтому он не проверен: "
        "проверьте каталог."
    ),
    CANNOT_CHECK_AREA: (
        "В визите указана зона, неизвестная MesoDesk («{value}»), поэтому её "
        "противопоказания и пределы глубины не проверены: выберите зону заново."
    ),
    CANNOT_CHECK_TECHNIQUE: (
        "В визите указана техника, неизвестная MesoDesk («{value}»), поэтому она не "
        "проверена: выберите технику заново."
    ),
    CANNOT_CHECK_COURSE_INDICATION: (
        "Показание курса «{value}» неизвестно MesoDesk, поэтому число процедур и интервалы "
        "не проверены: исправьте курс."
    ),
    CANNOT_CHECK_COURSE_AREA: (
        "Зона курса «{value}» неизвестна MesoDesk, поэтому число процедур и интервалы не "
        "проверены: исправьте курс."
    ),
    CANNOT_CHECK_COURSE_PLAN: "Курс не проверен: {problem} Исправьте курс.",
    CANNOT_CHECK_COMPOSITION: (
        "Состав «{product}» не записан, поэтому он не сверен с аллергиями ({allergies}): "
        "проверьте инструкцию и внесите состав в каталог."
    ),
    CANNOT_CHECK_TEXT: (
        "{field} «{text}»: не найдено ни одного вещества, известного MesoDesk, поэтому не "
        "сверено с аллергиями ({allergies}): проверьте состав."
    ),
    DEPTH_NOT_POSITIVE: "Глубина инъекции должна быть больше 0 мм, указано {depth} мм.",
    DEPTH_BEYOND_NEEDLE: (
        "{depth} мм — глубже длины иглы ({needle}: {length} мм): исправьте глубину или иглу."
    ),
    DEPTH_AREA_LIMIT: "{depth} мм — глубже предела {limit} мм для {area} ({source}).",
    DEPTH_TECHNIQUE_RANGE: "{depth} мм — вне диапазона {technique}: {range} ({source}).",
    DEPTH_RANGE_UP_TO: "до {max} мм",
    DEPTH_RANGE_BAND: "{min}–{max} мм",
    MARKS_AFFECTED: "{finding} Отметок: {count}.",
    CHART_VOLUME_TOTAL: (
        "По схеме {charted} мл, по строкам препаратов {recorded} мл: по схеме на {difference} мл "
        "{direction}, чем записано. Исправьте отметки или возьмите объёмы из схемы."
    ),
    CHART_VOLUME_PRODUCT: "{product}: по схеме {charted} мл, записано {recorded} мл.",
    CHART_UNRECORDED: (
        "По схеме {charted} мл ({product}), но ни одна строка препаратов этого не записывает."
    ),
    INJECTED_LOT: "{product} (серия {lot})",
    CHART_WITHOUT_VOLUME: (
        "Ни у одной отметки не указан объём на инъекцию, поэтому схему нельзя сверить со "
        "строками препаратов."
    ),
    LAST_VISIT_REACTIONS: "После прошлого визита ({date}): {reactions}.",
    REACTION_SEEN: "{reaction} ({severity})",
    REACTION_SEEN_NOTE: "{reaction} ({severity}): {note}",
    ALERT_ALLERGY: "Аллергия: {allergy}",
    ALERT_MEDICATION: "{flags}: {medication}",
    ALERT_ITEM: "{item}",
}
"""English template -> Russian template, with the same parameters."""

ANAESTHESIA = Localized("Anaesthesia", "Анестезия")
DISINFECTION = Localized("Disinfection", "Дезинфекция")
THE_ANAESTHESIA = Localized("the anaesthesia", "анестезия")
THE_DISINFECTION = Localized("the disinfection", "дезинфекция")

_GROUPS_RU = {
    IngredientGroup.VITAMIN: "витамины",
    IngredientGroup.VASCULAR: "сосудистые препараты",
    IngredientGroup.LIFTING: "лифтинговые препараты",
    IngredientGroup.ANTI_INFLAMMATORY: "противовоспалительные",
    IngredientGroup.LIPOLYTIC: "липолитики",
    IngredientGroup.HYALURONIC_ACID: "гиалуроновая кислота",
    IngredientGroup.ANTIBIOTIC: "антибиотики",
    IngredientGroup.ANAESTHETIC: "анестетики",
    IngredientGroup.PLANT_EXTRACT: "растительные экстракты",
    IngredientGroup.MINERAL: "минералы",
    IngredientGroup.ANIMAL_ORIGIN: "препараты животного происхождения",
    IngredientGroup.ACID: "кислоты",
    IngredientGroup.OTHER: "прочее",
}
_SEVERITIES_RU = {
    ReactionSeverity.MILD: "лёгкая",
    ReactionSeverity.MODERATE: "умеренная",
    ReactionSeverity.SEVERE: "выраженная",
}
_TECHNIQUES_RU = {
    Technique.PINPOINT: "точечной техники",
    Technique.NAPPAGE_SUPERFICIAL: "поверхностного наппажа",
    Technique.NAPPAGE_MIDDLE: "среднего наппажа",
    Technique.NAPPAGE_DEEP: "глубокого наппажа",
    Technique.PAPULAR: "папульной техники",
    Technique.LINEAR: "линейной техники",
    Technique.INFILTRATION: "инфильтрационной техники",
}


def group_name(group: IngredientGroup) -> Localized:
    """A group as a sentence names it ("anaesthetic" / "анестетики")."""
    return Localized(group.label().lower(), _GROUPS_RU[group])


def severity_name(severity: ReactionSeverity) -> Localized:
    return Localized(severity.label().lower(), _SEVERITIES_RU[severity])


_REACTIONS_RU = {
    Reaction.REDNESS: "покраснение",
    Reaction.SWELLING: "отёк",
    Reaction.BRUISING: "синяк / гематома",
    Reaction.PAPULES: "папулы",
    Reaction.ITCHING: "зуд",
    Reaction.PAIN_BURNING: "боль / жжение",
    Reaction.NODULES: "уплотнения",
    Reaction.ALLERGIC: "аллергическая реакция",
    Reaction.DISCOLORATION: "изменение цвета кожи",
}


def reaction_name(reaction: Reaction) -> Localized:
    return Localized(reaction.label().lower(), _REACTIONS_RU[reaction])


def technique_name(technique: Technique) -> Localized:
    """A technique as a range names it ("pinpoint (point by point)" / "точечной техники")."""
    return Localized(technique.label().lower(), _TECHNIQUES_RU[technique])


_INDICATIONS_RU = {
    Indication.WRINKLES: "морщины",
    Indication.AGING_PREVENTION: "профилактика старения",
    Indication.DEHYDRATION: "обезвоженность кожи",
    Indication.FACE_OVAL: "овал лица",
    Indication.PIGMENTATION: "пигментация",
    Indication.ACNE: "акне",
    Indication.ACNE_SEVERE: "акне, тяжёлая форма",
    Indication.POST_ACNE: "постакне",
    Indication.SEBORRHOEA: "себорея",
    Indication.ROSACEA: "розацеа",
    Indication.SCARS: "рубцы",
    Indication.STRETCH_MARKS: "растяжки",
    Indication.CELLULITE: "целлюлит",
    Indication.FAT_DEPOSITS: "жировые отложения",
    Indication.ALOPECIA: "алопеция",
    Indication.EYE_BAGS: "мешки под глазами",
    Indication.VASCULAR: "сосудистая терапия / остеохондроз",
}


def indication_name(indication: Indication) -> Localized:
    """An indication as a sentence names it ("acne" / "акне")."""
    return Localized(indication.label().lower(), _INDICATIONS_RU[indication])
