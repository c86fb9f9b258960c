"""Every view of the core and of every plugin reads a return address through ``safe_next``.

A request's ``next``/``back`` field followed as it is sends people to another
site (the open redirects of issue 11, item 11). This walks the source of the
core and of every plugin and fails on a read of such a field that is not the
direct argument of ``safe_next(...)``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RETURN_FIELDS = {"next", "back", "back_to", "return_to", "redirect", "redirect_to", "came_from"}
SOURCES = [ROOT / "core" / "src", *sorted((ROOT / "plugins").glob("*/src")), ROOT / "examples"]


def is_return_field_read(node: ast.AST) -> bool:
    """``request.form.get("next")``, ``request.args["back"]``, ``request.values.get(...)``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr != "get" or not node.args:
            return False
        container, key = node.func.value, node.args[0]
    elif isinstance(node, ast.Subscript):
        container, key = node.value, node.slice
    else:
        return False
    return (
        isinstance(container, ast.Attribute)
        and container.attr in ("form", "args", "values")
        and isinstance(key, ast.Constant)
        and key.value in RETURN_FIELDS
    )


def unsafe_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "safe_next":
            allowed.update(id(arg) for arg in node.args[:1])
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "safe_next":
            allowed.update(id(arg) for arg in node.args[:1])
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for node in ast.walk(tree)
        if is_return_field_read(node) and id(node) not in allowed
    ]


def test_return_addresses_are_read_through_safe_next() -> None:
    files = [
        path for folder in SOURCES for path in folder.rglob("*.py") if "tests" not in path.parts
    ]
    assert len(files) > 50
    found = [problem for path in files for problem in unsafe_reads(path)]
    assert not found, (
        "a return address read from the request without safe_next (open redirect): use "
        "api.safe_next(request.form.get('next'), default) at\n" + "\n".join(found)
    )


def test_the_walk_sees_the_unsafe_shape(tmp_path: Path) -> None:
    unsafe = tmp_path / "views.py"
    unsafe.write_text(
        "def back():\n"
        "    target = request.form.get('next', '')\n"
        "    return redirect(target if target.startswith('/') else '/')\n"
        "def ok():\n"
        "    return redirect(api.safe_next(request.form.get('next'), '/'))\n"
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert unsafe_reads(unsafe) == ["views.py:2"]
    finally:
        ROOT = saved
