"""One English string, one translation: the packages' catalogues are chained into one
(``pnyx.i18n.chained_translations``, the last enabled plugin first), so when two packages
translate a msgid differently only one translation shows, on every plugin's pages. A
survey's results table read « Répondre » (mutual aid's verb) for "Answer" on Angers, a
debate's filters « Toutes » (meetings') for "All" next to masculine nouns.

A plugin's templates now read its own catalogue first (``pnyx.template_i18n``), which the last
test checks; strings translated in Python code still go through the chain alone. So a package
that needs another word (a gender, a verb rather than a noun) still better uses a more precise
English string ("All themes", "Your reply"). :data:`KNOWN` lists the strings that still
disagree, to resolve one by one; the test fails on a new one.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

ROOT = Path(__file__).resolve().parents[1]
COMPLETE_LOCALES = ("fr", "co")

#: Strings translated differently by two packages when this test was written (many only
#: differ in their number of plural forms or a synonym; some in gender or sense).
KNOWN = frozenset({
    '%(num)d comment',
    '%(num)d minute',
    '%(num)d report',
    'A message has at most %(num)d character; yours has %(length)d.',
    'Accept',
    'All',
    'At most %(num)d character.',
    'Breadcrumb',
    'Cancel',
    'Choose among the options.',
    'Closed',
    'Delete',
    'Deleted participant',
    'Details',
    'Details (optional)',
    'Details have at most 1000 characters.',
    'Done',
    'Enter a date as year-month-day, such as 2026-09-30.',
    'Expired',
    'Export (CSV)',
    'Export (JSON)',
    'From',
    'Hello %(name)s,',
    'Hidden',
    'History',
    'Image',
    'Maximum age',
    'Minimum age',
    'None',
    'Not published',
    'Number',
    'Older messages',
    'Open',
    'Participants',
    'Position',
    'Published',
    'Register',
    'Registered',
    'Remove the current image',
    'Settings',
    'Show',
    'Show it again',
    'Some answers need to be corrected',
    'Status',
    'Thank you: the moderators will look at your report.',
    'The file is too large: at most 5 MB.',
    'The maximum age must not be below the minimum age.',
    'The page is deleted.',
    'This cannot be undone.',
    'To',
    'Verify your eligibility',
    'What you can do now:',
    'Why do you report it?',
    'Write at most %(num)d character.',
    'Yes, delete the page',
    'You can do this now.',
})  # fmt: skip


def packages() -> list[Path]:
    """The core, every plugin and example (as ``tests/test_catalogues.py`` lists them)."""
    found = [ROOT / "core/src/pnyx", *sorted(ROOT.glob("plugins/*/src/pnyx_*"))]
    found += sorted(ROOT.glob("examples/*/src/pnyx_*"))
    return [package for package in found if package.is_dir() and package.suffix != ".egg-info"]


def translations(locale: str) -> dict[str, dict[str, str]]:
    """msgid -> {package name: its translation} for every translated entry."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for package in packages():
        path = package / "translations" / locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as file:
            for message in read_po(file):
                if message.id and message.string and not message.fuzzy:
                    msgid = message.id if isinstance(message.id, str) else message.id[0]
                    found[msgid][package.name] = str(message.string)
    return found


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
def test_packages_translate_a_string_the_same_way(locale: str) -> None:
    disagreeing = {
        msgid: by_package
        for msgid, by_package in translations(locale).items()
        if len(set(by_package.values())) > 1 and msgid not in KNOWN
    }
    assert disagreeing == {}, (
        "only one of these translations shows on every page: use a more precise English "
        "string in one package, or the same translation"
    )


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["proposals", "comments", "mutual_aid", "surveys"]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("proposals/report.html", "Pourquoi la signalez-vous\u202f? | Réponse | Masquée"),
        ("comments/report.html", "Pourquoi le signalez-vous\u202f? | Réponse | Masqué"),
        ("mutual_aid/post.html", "Pourquoi le signalez-vous\u202f? | Réponse | Masqué"),
    ],
)
def test_a_plugins_templates_read_its_own_catalogue_first(app, template, expected) -> None:
    """Comments' « le » (a comment) showed on the proposals' report form (a proposal: « la »)."""
    source = "{{ _('Why do you report it?') }} | {{ _('Answer') }} | {{ _('Hidden') }}"
    with app.test_request_context("/"), force_locale("fr"):
        page = app.jinja_env.from_string(source)
        page.name = template  # where the core looks for the plugin that owns it
        assert page.render() == expected
