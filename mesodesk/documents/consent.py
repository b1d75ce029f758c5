"""The informed-consent form signed before a procedure.

Its health questionnaire is the contraindication catalog itself (the items in scope for the
planned work) and the medicine flags, with the answers already on record ticked and the rest
left as boxes to fill in by hand, so the signed paper shows every question and every answer.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from mesodesk.documents.layout import (
    ACCENT,
    BULLET,
    CONTENT_WIDTH,
    INK,
    MUTED,
    STYLES,
    Wording,
    columns,
    data_table,
    esc,
    facts,
    heading,
    hex_of,
    labelled,
    letterhead,
    marked_list,
    para,
    patient_form,
    section,
    signature_lines,
    style,
    title,
)
from mesodesk.documents.model import Answer, ConsentInput, HealthQuestion, QuestionGroup
from mesodesk.documents.text import Text
from mesodesk.documents.texts import TextOverrides, Texts, applies

GAP = 7 * mm
BOX_WIDTH = 13 * mm
TICKED = "\u2612"
EMPTY = "\u2610"


def build_consent(inp: ConsentInput, override_dir: TextOverrides = None) -> bytes:
    """The consent form in the patient's language, usually two A4 pages."""
    return patient_form("consent", inp, _story, override_dir)


def _story(inp: ConsentInput, texts: Texts, wording: Wording) -> list[Flowable]:
    head = texts["headings"]
    labels = texts["labels"]
    birth = wording.date(inp.birth_date) if inp.birth_date else "—"
    intro = style("intro", STYLES.body, spaceBefore=2.5 * mm)
    risks = [r["text"] for r in texts["risks"] if applies(r, inp.areas, inp.techniques)]
    return [
        letterhead(inp.clinic),
        title(texts["title"]),
        facts(
            [
                (wording.label("patient"), inp.patient_name),
                (wording.label("birth_date"), birth),
                (labels["procedure_date"], wording.date(inp.procedure_on)),
            ],
            [82 * mm, 48 * mm, CONTENT_WIDTH - 130 * mm],
        ),
        para(texts["intro"], intro),
        section(
            head["procedure"],
            [
                labelled(
                    wording.label("areas"), ", ".join(wording.area(a) for a in inp.areas) or "—"
                ),
                labelled(
                    wording.label("techniques"),
                    ", ".join(wording.technique(t) for t in inp.techniques) or "—",
                ),
                labelled(labels["products"], ", ".join(inp.products) or "—"),
                labelled(wording.label("practitioner"), inp.practitioner_name),
            ],
        ),
        *_questionnaire(inp, texts, wording),
        section(head["risks"], [_two_column_list(risks)]),
        section(
            head["statements"],
            [marked_list([s["text"] for s in texts["statements"]], BULLET, ACCENT, CONTENT_WIDTH)],
        ),
        section(
            head["signatures"],
            [
                signature_lines(
                    [
                        (labels["patient_signature"], inp.patient_name),
                        (labels["practitioner_signature"], inp.practitioner_name),
                    ],
                    wording,
                    dated=inp.procedure_on,
                )
            ],
        ),
    ]


def _questionnaire(inp: ConsentInput, texts: Texts, wording: Wording) -> list[Flowable]:
    """One table per group: the question, then a "yes" and a "no" box, ticked when on record.

    A question never asked has both boxes empty, for the patient to tick by hand.
    """
    labels = texts["labels"]
    recorded = any(q.answer is not Answer.NOT_ASKED for q in inp.questions)
    note = labels["filled_note"] if recorded else labels["blank_note"]
    flow: list[Flowable] = [
        *heading(texts["headings"]["questions"]),
        para(note, STYLES.small),
        Spacer(1, 1.5 * mm),
    ]
    box_style = style("box", STYLES.cell, fontSize=11, leading=12, alignment=TA_CENTER)
    head_box = style("head_box", STYLES.head_cell, alignment=TA_CENTER)
    question_width = CONTENT_WIDTH - 2 * BOX_WIDTH
    for group in QuestionGroup:
        questions = [q for q in inp.questions if q.group is group]
        if not questions:
            continue
        table = data_table(
            [
                para(texts["groups"][group.value], STYLES.head_cell),
                para(labels["yes"], head_box),
                para(labels["no"], head_box),
            ],
            [
                [
                    _question_cell(question, wording),
                    para(TICKED if question.answer is Answer.YES else EMPTY, box_style),
                    para(TICKED if question.answer is Answer.NO else EMPTY, box_style),
                ]
                for question in questions
            ],
            [question_width, BOX_WIDTH, BOX_WIDTH],
            extra=[("VALIGN", (1, 1), (-1, -1), "MIDDLE")],
        )
        flow += [table, Spacer(1, 2.5 * mm)]
    if any(q.absolute for q in inp.questions):
        flow.append(KeepTogether([para(labels["absolute_note"], STYLES.small)]))
    return flow


def _question_cell(question: HealthQuestion, wording: Wording) -> Flowable:
    star = "*" if question.absolute else ""
    name = esc(question.text)
    text = f"<b>{name}</b>{star}" if question.answer is Answer.YES else f"{name}{star}"
    details = [question.detail] if question.detail else []
    if question.on is not None:
        details.append(wording.date(question.on))
    if details:
        text += f' <font color="{hex_of(MUTED)}">— {esc(", ".join(details))}</font>'
    return Text(text, style("question", STYLES.cell, textColor=INK))


def _two_column_list(items: list[str]) -> Flowable:
    """A long list split in two balanced columns to save paper."""
    half = (len(items) + 1) // 2
    width = (CONTENT_WIDTH - GAP) / 2
    return columns(
        [
            marked_list(items[:half], BULLET, ACCENT, width, STYLES.cell),
            marked_list(items[half:], BULLET, ACCENT, width, STYLES.cell),
        ],
        [width + GAP / 2, width + GAP / 2],
        gap=GAP,
    )
