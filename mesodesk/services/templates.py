"""Charting templates: a selection of marks kept under a name, for any visit to start from.

Templates live in the database, so every workstation of a clinic charts from the same ones.
Applying a template to a visit is a marks action (`MarkService.apply_template`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from mesodesk.domain import limits
from mesodesk.domain.chart import ChartTemplateRecord, template_mark, validate_template_name
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.models.marks import ChartTemplate
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ValidationFailed
from mesodesk.services.marks import mark_errors, stored_template_mark, template_of

MAX_TEMPLATE_MARKS = limits.TEMPLATE_MARKS


class ChartTemplateService(Service):
    def list_templates(self) -> list[ChartTemplateRecord]:
        """Every template, by name."""
        with self._read() as session:
            rows = session.scalars(select(ChartTemplate))
            return sorted((template_of(row) for row in rows), key=lambda t: t.name.casefold())

    def save_template(self, name: str, marks: Sequence[MarkRecord]) -> ChartTemplateRecord:
        """Keep the marks (where and how they were charted) as a new template."""
        errors = validate_template_name(name)
        cleaned = " ".join(name.split()) if isinstance(name, str) else ""
        if not marks:
            errors["marks"] = "Select the marks to keep in the template first."
        elif len(marks) > MAX_TEMPLATE_MARKS:
            errors["marks"] = f"A template can hold at most {MAX_TEMPLATE_MARKS} marks."
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
