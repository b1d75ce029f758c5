"""The README's table of keys is what the window does: every row is an action with that key,
that name, working where the table says."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListView, QPlainTextEdit

from mesodesk.ui.main_window import MainWindow
from mesodesk.ui.visit_tab import VisitTab

README = Path(__file__).resolve().parents[2] / "README.md"
ROW = re.compile(r"^\| (?P<keys>`[^|]+`) \| (?P<action>[^|]+) \| (?P<where>[^|]+) \|$")


def _rows() -> list[tuple[list[str], str, str]]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Keyboard shortcuts") :]
    table = table[: table.index("\n## ")]
    rows = []
    for line in table.splitlines():
        found = ROW.match(line.strip())
        if found is None or found["keys"] == "keys":
            continue
        keys = re.findall(r"`([^`]+)`", found["keys"])
        if ".." in found["keys"]:  # `Ctrl+1` .. `Ctrl+4`: every key in between
            first, last = keys
            prefix = first[:-1]
            keys = [f"{prefix}{n}" for n in range(int(first[-1]), int(last[-1]) + 1)]
        rows.append((keys, found["action"].strip(), found["where"].strip()))
    return rows


ROWS = _rows()


def test_the_readme_has_a_table_of_keys():
    assert len(ROWS) > 40


def _plain(text: str) -> str:
    return text.replace("&", "").strip()


def _owner_kind(action: QAction) -> set[str]:
    kinds = set()
    for owner in action.associatedObjects():
        if isinstance(owner, MainWindow):
            kinds.add("Anywhere")
        elif isinstance(owner, VisitTab):
            kinds.add("Visit tab")
        elif isinstance(owner, QListView):
            kinds.add("Visits list")
        elif isinstance(owner, QPlainTextEdit):
            kinds.add("Addendum text")
    return kinds


def test_every_row_of_the_table_is_an_action_with_that_key_working_there(window: MainWindow):
    actions = window.findChildren(QAction)
    wrong = []
    for keys, name, where in ROWS:
        for key in keys:
            wanted = QKeySequence({"Enter": "Return"}.get(key, key))
            found = [
                a
                for a in actions
                if where in _owner_kind(a)
                and any(
                    s.matches(wanted) == QKeySequence.SequenceMatch.ExactMatch
                    for s in a.shortcuts()
                )
            ]
            if not found:
                wrong.append(f"{key}: no action of {where}")
                continue
            action = found[0]
            if "," not in name and name not in _plain(action.text()):
                wrong.append(f"{key}: {_plain(action.text())!r}, not {name!r}")
            context = action.shortcutContext()
            if where == "Visit tab" and context != Qt.ShortcutContext.WidgetWithChildrenShortcut:
                wrong.append(f"{key}: not for the whole Visit tab")
            if where == "Anywhere" and context != Qt.ShortcutContext.WindowShortcut:
                wrong.append(f"{key}: not for the whole window")
    assert wrong == []


def test_no_two_actions_answer_the_same_key_in_the_same_place(window: MainWindow):
    seen: dict[tuple[str, str], str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            for place in _owner_kind(action):
                taken = seen.setdefault((key.toString(), place), action.text())
                assert taken == action.text(), f"{key.toString()} twice in {place}"
