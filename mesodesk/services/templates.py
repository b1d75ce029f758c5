"""Charting templates: a selection of marks kept under a name, for any visit to start from.

Templates live in the database, so every workstation of a clinic charts from the same ones.
Applying a template to a visit is a marks action (`MarkService.apply_template`). The whole set
moves between databases as one file, `templates.json` (one of the clinic rules files).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mesodesk.domain import limits
from mesodesk.domain.chart import (
    ChartTemplateRecord,
    TemplateMark,
    template_mark,
    validate_template_name,
)
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.models.marks import ChartTemplate
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ValidationFailed
from mesodesk.services.marks import mark_errors, stored_mark_of, stored_template_mark, template_of

MAX_TEMPLATE_MARKS = limits.TEMPLATE_MARKS
TEMPLATES_FILE = "templates.json"
MAX_TEMPLATES = 1_000
"""Templates in one file: a clinic keeps a few dozen."""


class ChartTemplateService(Service):
    def list_templates(self) -> list[ChartTemplateRecord]:
        """Every template, by name."""
        with self._read() as session:
            return templates_in(session)

    def save_template(self, name: str, marks: Sequence[MarkRecord]) -> ChartTemplateRecord:
        """Keep the marks (where and how they were charted) as a new template."""
        errors = validate_template_name(name)
        cleaned = " ".join(name.split()) if isinstance(name, str) else ""
        if not marks:
            errors["marks"] = "Select the marks to keep in the template first."
        elif len(marks) > MAX_TEMPLATE_MARKS:
            errors["marks"] = f"A template can hold at most {MAX_TEMPLATE_MARKS} marks."
        elif any(mark.photo is not None for mark in marks):
            errors["marks"] = (
                "Marks on a photo belong to that photo and cannot be kept in a template; "
                "select marks on a diagram."
            )
        else:
            for mark in marks:
                problems = mark_errors(mark)
                if problems:
                    errors["marks"] = (
                        f"A mark of the selection cannot be kept: {next(iter(problems.values()))}"
                    )
                    break
        if errors:
            raise ValidationFailed(errors)
        with self._write() as session:
            # a clinic keeps a few dozen templates: compare in Python, which folds Cyrillic too
            names = session.scalars(select(ChartTemplate.name))
            if any(other.casefold() == cleaned.casefold() for other in names):
                raise ValidationFailed({"name": f"A template called “{cleaned}” exists already."})
            row = ChartTemplate(
                name=cleaned,
                marks=[stored_template_mark(template_mark(mark)) for mark in marks],
            )
            session.add(row)
            session.flush()
            return template_of(row)

    def delete_template(self, template_id: int) -> None:
        with self._write() as session:
            row = session.get(ChartTemplate, template_id)
            if row is None:
                raise NotFound("This template was already deleted.")
            session.delete(row)


def templates_file(session: Session) -> str | None:
    """Every template as `templates.json`, by name; None when the clinic keeps none."""
    rows = sorted(session.scalars(select(ChartTemplate)), key=lambda r: r.name.casefold())
    if not rows:
        return None
    content = {"templates": [{"name": row.name, "marks": row.marks} for row in rows]}
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def parse_templates_file(content: str) -> list[tuple[str, list[TemplateMark]]]:
    """The templates of a `templates.json` text; ValueError, one line naming what is wrong."""
    try:
        raw: Any = json.loads(content)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{TEMPLATES_FILE}: is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg})"
        ) from error
    if (
        not isinstance(raw, dict)
        or set(raw) != {"templates"}
        or not isinstance(raw["templates"], list)
    ):
        raise ValueError(f'{TEMPLATES_FILE}: expected an object with a list "templates"')
    if len(raw["templates"]) > MAX_TEMPLATES:
        raise ValueError(f"{TEMPLATES_FILE}: at most {MAX_TEMPLATES} templates")
    parsed: list[tuple[str, list[TemplateMark]]] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw["templates"], start=1):
        where = f"{TEMPLATES_FILE}: template {index}"
        if not isinstance(entry, dict) or set(entry) != {"name", "marks"}:
            raise ValueError(f'{where}: expected an object with "name" and "marks"')
        name, marks = entry["name"], entry["marks"]
        problem = validate_template_name(name).get("name")
        if problem:
            raise ValueError(f"{where}: {problem}")
        cleaned = " ".join(name.split())
        if cleaned.casefold() in seen:
            raise ValueError(f"{where}: a template called “{cleaned}” comes twice")
        seen.add(cleaned.casefold())
        if not isinstance(marks, list) or not marks or len(marks) > MAX_TEMPLATE_MARKS:
            raise ValueError(f"{where} ({cleaned}): needs 1 to {MAX_TEMPLATE_MARKS} marks")
        read = []
        for number, item in enumerate(marks, start=1):
            try:
                if not isinstance(item, dict):
                    raise TypeError
                mark = stored_mark_of(item)
            except (KeyError, ValueError, TypeError, InvalidOperation) as error:
                raise ValueError(f"{where} ({cleaned}), mark {number}: cannot be read") from error
            errors = mark_errors(mark)
            if errors:
                raise ValueError(
                    f"{where} ({cleaned}), mark {number}: {next(iter(errors.values()))}"
                )
            read.append(mark)
        parsed.append((cleaned, read))
    return parsed


def replace_templates_in(session: Session, templates: list[tuple[str, list[TemplateMark]]]) -> None:
    """In the caller's write: the templates become exactly these, a template kept by name
    (its marks replaced), one not named dropped."""
    wanted = {name.casefold(): (name, marks) for name, marks in templates}
    for row in session.scalars(select(ChartTemplate)):
        found = wanted.pop(row.name.casefold(), None)
        if found is None:
            session.delete(row)
        else:
            row.name = found[0]
            row.marks = [stored_template_mark(mark) for mark in found[1]]
    for name, marks in wanted.values():
        session.add(ChartTemplate(name=name, marks=[stored_template_mark(m) for m in marks]))
    session.flush()


_TEMPLATES = select(ChartTemplate)
"""Read at every opening of a visit, so built once (its cache key made once)."""


def templates_in(session: Session) -> list[ChartTemplateRecord]:
    """Every template, by name, in the caller's transaction."""
    rows = session.scalars(_TEMPLATES)
    return sorted((template_of(row) for row in rows), key=lambda t: t.name.casefold())
