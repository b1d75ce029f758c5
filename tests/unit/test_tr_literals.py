"""Every translated text in the interface is a literal that `pyside6-lupdate` can extract, in the
context Qt looks it up in at run time.

lupdate reads `self.tr("...")`, `QCoreApplication.translate("Context", "...")` and
`QT_TRANSLATE_NOOP("Context", "...")`; a text passed through a variable or a helper of our own
never reaches the .ts file and stays English. PySide6 looks `self.tr` up under the class of the
object, not the class that wrote the call, so a base class that others extend must name its
context explicitly.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "mesodesk" / "ui"

VARIABLE_TRANSLATE_ALLOWED = {("text.py", "vocab"), ("text.py", "core_message")}
"""Calls that translate a variable on purpose: the lists in vocabulary_texts.py and
core_messages.py are their lupdate source (checked in test_translations)."""


def _is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _function_of(tree: ast.Module, target: ast.AST) -> str:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            child is target for child in ast.walk(node)
        ):
            return node.name
    return ""


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(UI).as_posix()
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in {"tr", "_tr"}:
            found.append(f"{where}:{node.lineno}: a tr helper hides its texts from lupdate")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        line = f"{where}:{node.lineno}"
        if isinstance(func, ast.Name) and func.id in {"tr", "_tr"}:
            found.append(f"{line}: call self.tr or QCoreApplication.translate instead")
        elif isinstance(func, ast.Attribute) and func.attr == "tr":
            if not (isinstance(func.value, ast.Name) and func.value.id == "self"):
                found.append(f"{line}: tr on another object is looked up in its class")
            elif not node.args or not _is_literal(node.args[0]):
                found.append(f"{line}: tr of a variable")
        elif (isinstance(func, ast.Attribute) and func.attr == "translate") or (
            isinstance(func, ast.Name) and func.id == "QT_TRANSLATE_NOOP"
        ):
            if isinstance(func, ast.Attribute) and not (
                isinstance(func.value, ast.Name) and func.value.id == "QCoreApplication"
            ):
                continue
            if (where, _function_of(tree, node)) in VARIABLE_TRANSLATE_ALLOWED:
                continue
            if len(node.args) < 2 or not all(_is_literal(arg) for arg in node.args[:2]):
                found.append(f"{line}: translate needs a literal context and text")
    return found


def _classes() -> dict[str, tuple[str, set[str], bool]]:
    """Class name -> (file, base names, whether its methods call self.tr)."""
    classes: dict[str, tuple[str, set[str], bool]] = {}
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
            uses_tr = any(
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "tr"
                for call in ast.walk(node)
            )
            classes[node.name] = (path.relative_to(UI).as_posix(), bases, uses_tr)
    return classes


def test_every_translated_text_is_a_literal_lupdate_extracts() -> None:
    problems = [problem for path in sorted(UI.rglob("*.py")) for problem in _problems(path)]

    assert problems == []


def test_no_class_that_calls_self_tr_is_extended_in_the_interface() -> None:
    classes = _classes()
    extended = {
        f"{classes[base][0]}: {base} (extended by {name})"
        for name, (_file, bases, _uses) in classes.items()
        for base in bases
        if base in classes and classes[base][2]
    }

    assert sorted(extended) == []
