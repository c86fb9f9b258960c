"""Issue 4's acceptance, as a new user would try it, through the pages only.

A member of the city's staff signs in, sets the organization up, creates a
participatory process with three phases and a message board from the admin
area, sets who may post in each phase, publishes it; a resident then sees it
in French and in English, may not post in the first phase and may in the
second, once staff make it current. Every step follows links and fills forms
by their labels, as a person with a browser without JavaScript would; nothing
is written to the database directly except the two accounts.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import attrs
import pytest
from werkzeug.datastructures import MultiDict

from pnyx.testing import DEFAULT_PASSWORD

pytestmark = pytest.mark.pnyx_plugins("hello")


@attrs.define
class Control:
    tag: str
    name: str
    type: str = "text"
    value: str = ""
    checked: bool = False
    id: str = ""
    legend: str = ""
    options: list[tuple[str, str, bool]] = attrs.field(factory=list)  # value, label, selected


@attrs.define
class PageForm:
    action: str
    method: str
    enctype: str
    controls: list[Control] = attrs.field(factory=list)
    buttons: list[str] = attrs.field(factory=list)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class PageReader(HTMLParser):
    """The links, forms and labels of a page: what a person perceives and uses."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.forms: list[PageForm] = []
        self.labels: dict[str, str] = {}
        self._form: PageForm | None = None
        self._text: list[str] | None = None
        self._capture: tuple[str, Any] | None = None
        self._legends: list[str] = []
        self._in_legend = False

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs_}
        if tag == "a" and "href" in attributes:
            self._start_capture(("a", attributes["href"]))
        elif tag == "form":
            self._form = PageForm(
                attributes.get("action", ""),
                attributes.get("method", "get").lower(),
                attributes.get("enctype", ""),
            )
            self.forms.append(self._form)
        elif tag == "fieldset":
            self._legends.append("")
        elif tag == "legend":
            self._in_legend = True
        elif tag == "label":
            self._start_capture(("label", attributes.get("for", "")))
        elif tag == "button" and self._form is not None:
            self._start_capture(("button", None))
        elif tag in ("input", "select", "textarea") and self._form is not None:
            self._add_control(tag, attributes)
        elif tag == "option" and self._form is not None:
            self._start_capture(("option", attributes))

    def _start_capture(self, what: tuple[str, Any]) -> None:
        self._capture, self._text = what, []

    def _add_control(self, tag: str, attributes: dict[str, str]) -> None:
        control = Control(
            tag=tag,
            name=attributes.get("name", ""),
            type=attributes.get("type", "text") if tag == "input" else tag,
            value=attributes.get("value", ""),
            checked="checked" in attributes,
            id=attributes.get("id", ""),
            legend=self._legends[-1] if self._legends else "",
        )
        assert self._form is not None
        self._form.controls.append(control)
        if tag == "textarea":
            self._start_capture(("textarea", control))

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        if self._in_legend and self._legends:
            self._legends[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "legend":
            self._in_legend = False
            self._legends[-1] = squash(self._legends[-1].replace("(required)", ""))
        elif tag == "fieldset" and self._legends:
            self._legends.pop()
        elif tag == "form":
            self._form = None
        elif self._capture is not None and tag == self._capture[0]:
            self._end_capture(tag)

    def _end_capture(self, tag: str) -> None:
        kind, payload = self._capture or ("", None)
        text = "".join(self._text or [])
        if kind == "a":
            self.links.append((squash(text), payload))
        elif kind == "label":
            self.labels[payload] = squash(text.replace("(required)", ""))
        elif kind == "button" and self._form is not None:
            self._form.buttons.append(squash(text))
        elif kind == "textarea":
            payload.value = text
        elif kind == "option" and self._form is not None:
            select = self._form.controls[-1]
            value = payload.get("value", squash(text))
            select.options.append((value, squash(text), "selected" in payload))
        self._capture, self._text = None, None


class Browser:
    """A person's browser without JavaScript: it follows links and submits forms."""

    def __init__(self, app: Any, language: str) -> None:
        self.client = app.test_client()
        self.language = language
        self.headers = {"Accept-Language": language}
        self.url = "/"
        self.html = ""

    def open(self, url: str) -> str:
        response = self.client.get(url, headers=self.headers, follow_redirects=True)
        return self._arrive(response)

    def _arrive(self, response: Any) -> str:
        assert response.status_code == 200, (response.status_code, response.request.path)
        self.url = response.request.path + (
            "?" + response.request.query_string.decode() if response.request.query_string else ""
        )
        self.html = response.get_data(as_text=True)
        return self.html

    def read(self) -> PageReader:
        reader = PageReader()
        reader.feed(self.html)
        return reader

    def follow(self, text: str) -> str:
        """Follow the link whose visible text (for screen readers too) is ``text``."""
        links = self.read().links
        targets = {href for label, href in links if label == text}
        targets = targets or {href for label, href in links if label.startswith(text)}
        assert len(targets) == 1, f"{len(targets)} links {text!r} on {self.url}: {links}"
        return self.open(urljoin(self.url, targets.pop()))

    def submit(self, button: str, answers: dict[str, Any] | None = None) -> str:
        """Fill the form that has ``button`` by its labels, then press the button.

        A label inside a group of fields is written ``"Title › English"``. Boxes
        take ``True``/``False``; radio buttons and lists take the choice's label.
        """
        form = self._form_with(button)
        reader = self.read()
        for label, answer in (answers or {}).items():
            self._answer(form, reader.labels, label, answer)
        data = self._data(form)
        action = urljoin(self.url, form.action or self.url)
        response = self.client.post(
            action, data=MultiDict(data), headers=self.headers, follow_redirects=True
        )
        return self._arrive(response)

    def _form_with(self, button: str) -> PageForm:
        forms = [f for f in self.read().forms if button in f.buttons]
        assert len(forms) == 1, f"{len(forms)} forms with the button {button!r} on {self.url}"
        return forms[0]

    def _answer(self, form: PageForm, labels: dict[str, str], label: str, answer: Any) -> None:
        legend, _, text = label.rpartition(" › ")
        matches = [
            c
            for c in form.controls
            if labels.get(c.id) == text and (not legend or c.legend == legend)
        ]
        if not matches and isinstance(answer, str):  # a radio group or a select by its legend
            matches = [c for c in form.controls if c.legend == label or labels.get(c.id) == label]
        assert matches, f"no field labelled {label!r} on {self.url}"
        control = matches[0]
        if control.type == "checkbox":
            control.checked = bool(answer)
        elif control.type == "radio":
            for each in form.controls:
                if each.name == control.name:
                    each.checked = labels.get(each.id) == answer
        elif control.tag == "select":
            control.value = next(v for v, text_, _s in control.options if text_ == answer)
            control.options = [(v, t, v == control.value) for v, t, _s in control.options]
        else:
            control.value = str(answer)

    def _data(self, form: PageForm) -> list[tuple[str, str]]:
        data = []
        for control in form.controls:
            if control.type in ("checkbox", "radio"):
                if control.checked:
                    data.append((control.name, control.value))
            elif control.tag == "select":
                chosen = [v for v, _t, selected in control.options if selected]
                data.append((control.name, chosen[0] if chosen else control.options[0][0]))
            elif control.type not in ("submit", "file") and control.name:
                data.append((control.name, control.value))
        return data


#: The sign-in link, e-mail and password labels, as each reader sees them.
SIGN_IN_LABELS = {
    "en": ("Sign in", "E-mail address", "Password"),
    "fr": ("Se connecter", "Adresse électronique", "Mot de passe"),
}


def sign_in(browser: Browser, email: str) -> None:
    sign_in_label, email_label, password_label = SIGN_IN_LABELS[browser.language]
    browser.open("/")
    browser.follow(sign_in_label)
    browser.submit(sign_in_label, {email_label: email, password_label: DEFAULT_PASSWORD})


def test_staff_run_a_process_and_residents_take_part(app, make_user) -> None:
    today = dt.date.today()
    staff = make_user(name="Agent", email="agent@example.org", roles=["admin"])
    make_user(name="Resident", email="resident@example.org")
    admin = Browser(app, "en")
    sign_in(admin, staff.email)

    # The organization, on first use.
    admin.follow("Administration")
    admin.follow("Organization")
    admin.submit(
        "Save the settings",
        {
            "Name of the organization › Français": "Ville de Bastia",
            "Name of the organization › English": "City of Bastia",
        },
    )
    assert "settings are saved" in admin.html

    # A participatory process.
    admin.follow("Spaces")
    admin.follow("Create a space")
    page = admin.submit(
        "Create the space",
        {
            "Kind of space": "Participatory process",
            "Web address": "budget-2026",
            "Title › Français": "Budget participatif 2026",
            "Title › English": "Participatory budget 2026",
            "Description › Français": "Proposez et votez pour des projets.",
            "Description › English": "Propose and vote for projects.",
        },
    )
    assert "The space is created" in page and "Not published" in page

    # Three phases with their dates; the first one has begun.
    admin.follow("Manage the phases")
    phases = [
        ("Propositions", "Proposals", today - dt.timedelta(days=5), today + dt.timedelta(days=9)),
        ("Vote", "Vote", today + dt.timedelta(days=10), today + dt.timedelta(days=30)),
        ("Résultats", "Results", today + dt.timedelta(days=31), today + dt.timedelta(days=60)),
    ]
    for french, english, start, end in phases:
        admin.follow("Add a phase")
        admin.submit(
            "Save the phase",
            {
                "Title › Français": french,
                "Title › English": english,
                "Start date": start.isoformat(),
                "End date": end.isoformat(),
            },
        )
    assert admin.html.count('<li id="step-') == 3
    assert re.search(r"Proposals <span class=\"badge\">Current phase", admin.html)

    # A message board, posting allowed only during the vote. (Staff read English.)
    admin.follow("Participatory budget 2026")
    admin.follow("Add a component")
    admin.submit(
        "Add the component",
        {
            "Kind of component": "Message board",
            "Name › Français": "Boîte à idées",
            "Name › English": "Idea box",
        },
    )
    admin.follow("Settings for each phase")
    for phase, posting in (("Proposals", False), ("Vote", True), ("Results", False)):
        admin.follow(f"Phase: {phase}")
        admin.submit("Save these settings", {"Posting enabled": posting})
        assert "are saved" in admin.html and "This phase has settings of its own." in admin.html
    assert "Post a message: <strong>not allowed</strong>" in admin.html

    # Published: the component, then the space.
    admin.follow("Back to the component")
    admin.submit("Save", {"Published": True})
    assert "saved and published" in admin.html
    admin.follow("Participatory budget 2026")
    admin.submit("Publish the space")
    assert "The space is published" in admin.html

    # A resident reads it in French...
    french = Browser(app, "fr")
    sign_in(french, "resident@example.org")
    french.open("/")
    french.follow("Budget participatif 2026")
    for title in ("Propositions", "Vote", "Résultats", "Proposez et votez pour des projets."):
        assert title in french.html
    french.follow("Boîte à idées")
    assert 'name="body"' not in french.html  # no posting during the first phase

    # ... and in English.
    english = Browser(app, "en")
    sign_in(english, "resident@example.org")
    english.follow("Participatory budget 2026")
    for title in ("Proposals", "Vote", "Results", "Propose and vote for projects."):
        assert title in english.html
    english.follow("Idea box")
    assert "This is not possible during the current phase." in english.html

    # Staff open the vote: the resident may now post.
    admin.open("/admin/spaces/budget-2026/steps")
    admin.submit("Make it the current phase Vote")
    assert "Vote is now the current phase." in admin.html
    english.open(english.url)
    english.submit("Post", {"Your message": "More benches in the park, please."})
    assert "More benches in the park, please." in english.html
    french.open(french.url)
    assert "Votre message" in french.html and "More benches in the park, please." in french.html
