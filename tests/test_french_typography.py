"""French typography comes from the translations: a narrow no-break space before ``: ; ! ?``
in French and Corsican ("Résultats : Budget 2026"), which a colon written into a template or
a template (``{{ _("Results") }}: {{ title }}``) cannot give. Labels followed by a value use
``_("%(label)s: %(text)s", ...)``; the catalogues' spacing is checked by
``catalogue_problems`` (tests/test_catalogues.py) and put in by ``make messages``."""

from __future__ import annotations

import re
from pathlib import Path

from flask import render_template_string
from flask_babel import force_locale

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "core/src/pnyx", *ROOT.glob("plugins/*/src"), *ROOT.glob("examples/*/src")]
#: Punctuation typed right after a printed value, a template tag or a closing HTML tag, outside
#: any translation (``{% if title %}:{% endif %}``, ``</time>: ``); a line in English
#: (``lang="en"``) may.
IN_TEMPLATE = re.compile(r"(\}\}|%\}|</\w+>)[ \u00a0]?[:;!?](\s|<|\{|$)")


def hard_coded(pattern: re.Pattern[str], glob: str) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for source in SOURCES
        for path in source.rglob(glob)
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and 'lang="en"' not in line
    ]


def test_no_template_types_a_colon_after_a_value() -> None:
    assert hard_coded(IN_TEMPLATE, "*.html") + hard_coded(IN_TEMPLATE, "*.txt") == []


def test_the_walk_sees_hard_coded_colons() -> None:
    assert IN_TEMPLATE.search('<h1>{{ _("Results") }}: {{ budget.title|t }}</h1>')
    assert IN_TEMPLATE.search("{{ ngettext(a, b, n) }}:\n")
    assert IN_TEMPLATE.search("<span>{{ item.label }}{% if item.title %}:{% endif %}</span>")
    assert IN_TEMPLATE.search('<li><time datetime="x">{{ day }}</time>: <strong>')
    assert not IN_TEMPLATE.search('{{ _("%(label)s: %(text)s", label=a, text=b) }}')


def test_a_label_and_its_value_read_the_french_way(app) -> None:
    template = '{{ _("%(label)s: %(text)s", label=_("Settings"), text="Budget 2026") }}'
    with app.test_request_context("/"):
        for locale, written in (
            ("fr", "Paramètres\u202f: Budget 2026"),
            ("en", "Settings: Budget 2026"),
        ):
            with force_locale(locale):
                assert render_template_string(template) == written
