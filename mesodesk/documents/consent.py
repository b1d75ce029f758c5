"""The informed-consent form signed before a procedure.

It prints the contraindication questions exactly as they were asked, with the patient's own
answers, so the signed paper shows what the patient was asked and what they said.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from mesodesk.documents.layout import (
    ACCENT,
    CONTENT_WIDTH,
    STYLES,
    Wording,
    columns,
    data_table,
    facts,
    heading,
    labelled,
    letterhead,
    marked_list,
    para,
    patient_form,
    section,
    signature_lines,
    title,
)
from mesodesk.documents.model import ConsentInput
from mesodesk.documents.texts import Texts

BULLET = "\u2022"
GAP = 7 * mm


def build_consent(inp: ConsentInput, override_dir: Path | None = None) -> bytes:
    """The consent form in the patient's language, usually one or two A4 pages."""
    return patient_form("consent", inp, _story, override_dir)


def _story(inp: ConsentInput, texts: Texts, wording: Wording) -> list[Flowable]:
    head = texts["headings"]
    labels = texts["labels"]
    birth = wording.date(inp.birth_date) if inp.birth_date else "—"
    intro = ParagraphStyle("intro", parent=STYLES.body, spaceBefore=3 * mm)
    story: list[Flowable] = [
        letterhead(inp.clinic),
        title(texts["title"]),
        facts(
            [
                (wording.label("patient"), inp.patient_name),
                (wording.label("birth_date"), birth),
                (labels["procedure_date"], wording.date(inp.procedure_on)),
            ],
            [80 * mm, 50 * mm, CONTENT_WIDTH - 130 * mm],
        ),
        para(texts["intro"], intro),
        section(
            head["procedure"],
            [
                labelled(wording.label("areas"), ", ".join(wording.area(a) for a in inp.areas)),
                labelled(
                    wording.label("techniques"),
                    ", ".join(wording.technique(t) for t in inp.techniques),
                ),
                labelled(labels["products"], ", ".join(inp.products) or "—"),
                labelled(wording.label("practitioner"), inp.practitioner_name),
            ],
        ),
        *_questions(inp, texts),
        section(head["risks"], [_two_column_list([r["text"] for r in texts["risks"]])]),
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
                )
            ],
        ),
    ]
    return story


def _questions(inp: ConsentInput, texts: Texts) -> list[Flowable]:
    """Each question with its answer; the table may run over a page, repeating its header."""
    labels = texts["labels"]
    if not inp.questions:
        return [
            section(texts["headings"]["questions"], [para(labels["no_questions"], STYLES.body)])
        ]
    answer_width = 58 * mm
    table = data_table(
        [para(labels["question"], STYLES.head_cell), para(labels["answer"], STYLES.head_cell)],
        [
            [para(qa.question, STYLES.cell), para(qa.answer, STYLES.cell_bold)]
            for qa in inp.questions
        ],
        [CONTENT_WIDTH - answer_width, answer_width],
    )
    return [*heading(texts["headings"]["questions"]), table]


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
