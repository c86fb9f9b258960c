"""The route fuzzer: every page of a plugin, fed hostile values, never answers a 5xx.

For each GET route of the plugin (URL arguments filled as in
:mod:`pnyx.testing.routes`), as an anonymous visitor and as an organization
admin, the fuzzer:

1. opens the route with each :data:`HOSTILE_VALUES` entry in every query
   parameter the page's own links and GET forms use, plus :data:`COMMON_PARAMS`;
2. opens it with an out-of-range id in each ``<int:...>`` argument;
3. sends each form of the page that posts to the plugin's own routes, every
   field set to each hostile value in turn (CSRF token kept).

Any answer of 500 or more fails, with the URL, the value and the exception
logged. A 400 with a message, a 404 or a 403 are all fine answers, but an HTML
page sent as anything but ``text/html`` fails too (a ``werkzeug`` ``Response``
built from a page is ``text/plain``: the browser shows the page's source).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import attrs
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from pnyx.inputs import MAX_ID
from pnyx.models import Component
from pnyx.testing import factories
from pnyx.testing.declarations import ContractError, PluginDeclarations
from pnyx.testing.routes import _blueprint_owners, _explain, _rows, captured_errors, url_values

#: What the security probe sent: out-of-range integers, Unicode digits, non-finite numbers,
#: NUL and control characters, an open-redirect trick, SQL and HTML, astral characters.
HOSTILE_VALUES = (
    "2147483648",
    "99999999999999999999",
    "-1",
    "²",
    "٣",
    "NaN",
    "Infinity",
    "1e999",
    "a\x00b",
    "x\ny",
    "/\t/evil.example",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\U0001d54f" * 300,
    "",
)
#: Query parameters tried on every page, whether or not the page links with them.
COMMON_PARAMS = (
    "page", "territory", "theme", "q", "sort", "state", "kind", "when", "from", "to", "max_cost",
    "selected", "month", "code", "next", "seed", "id", "status", "parent", "component", "user",
)  # fmt: skip
CSRF_FIELD = "csrf_token"


@attrs.define
class FuzzReport:
    plugin: str
    requests: int = 0
    routes: int = 0
    forms: int = 0
    failures: list[str] = attrs.field(factory=list)

    def summary(self) -> str:
        return (
            f"{self.plugin}: fuzzed {self.routes} GET route(s) and {self.forms} form(s) with "
            f"{self.requests} requests, {len(self.failures)} server error(s)"
        )


@attrs.define
class _Form:
    action: str
    method: str
    fields: dict[str, str] = attrs.field(factory=dict)


class _PageParser(HTMLParser):
    """The page's forms (action, method, named fields) and the query keys of its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[_Form] = []
        self.link_params: set[str] = set()
        self._form: _Form | None = None

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs_ = {key: value or "" for key, value in attributes}
        if tag == "a" and "?" in attrs_.get("href", ""):
            self.link_params.update(key for key, _v in parse_qsl(urlsplit(attrs_["href"]).query))
        elif tag == "form":
            self._form = _Form(attrs_.get("action", ""), attrs_.get("method", "get").lower())
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None:
            name = attrs_.get("name")
            if name and attrs_.get("type") not in ("file", "submit", "image"):
                self._form.fields.setdefault(name, attrs_.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def parse_page(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    return parser


def fuzz_routes(
    app: Flask, session: Session, decl: PluginDeclarations, components: list[Component]
) -> FuzzReport:
    """Fuzz every GET route of the plugin and the forms its pages show; raise
    :class:`ContractError` listing every 5xx."""
    __tracebackhide__ = True
    report = FuzzReport(decl.plugin)
    admin = factories.create_user(session, name="Fuzz Admin", roles=["admin"])
    clients = {"anonymous": app.test_client(), "admin": app.test_client()}
    clients["admin"].sign_in(admin)  # type: ignore[attr-defined]
    own = set(decl.endpoints(app))
    adapter = app.url_map.bind("localhost")
    forms: list[tuple[str, _Form]] = []
    for url, rule in _get_urls(app, session, decl, components):
        report.routes += 1
        for who, client in clients.items():
            page = _send(client, "GET", url, report, who)
            parsed = parse_page(page)
            _fuzz_query(client, url, parsed.link_params, report, who)
            forms += [(who, form) for form in parsed.forms if _posts_to(adapter, form, url, own)]
        _fuzz_int_arguments(clients["admin"], adapter, rule, url, report)
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    for who, form in forms:
        key = (who, form.action, tuple(sorted(form.fields)))
        if key not in seen:
            seen.add(key)
            report.forms += 1
            _fuzz_form(clients[who], form, report, who)
    if report.failures:
        listed = "\n".join(f"  - {failure}" for failure in report.failures[:40])
        raise ContractError(
            f"Plugin '{decl.plugin}' breaks the contract (hostile input never gives a server "
            f"error):\n{listed}\n{report.summary()}\nRead numbers with api.int_arg / "
            "api.read_int / api.as_int / api.parse_decimal (docs/security.md)."
        )
    return report


def _get_urls(
    app: Flask, session: Session, decl: PluginDeclarations, components: list[Component]
) -> Iterator[tuple[str, Rule]]:
    rows = _rows(session, decl)
    owners = _blueprint_owners(decl, components, session)
    for endpoint in decl.endpoints(app):
        for rule in app.url_map.iter_rules(endpoint):
            if "GET" not in (rule.methods or ()):
                continue
            component = owners.get(endpoint.split(".")[0], components[0] if components else None)
            values = url_values(rule, component, rows, decl.plugin)
            if not isinstance(values, str):
                yield app.url_map.bind("localhost").build(endpoint, values, method="GET"), rule


def _send(client: Any, method: str, url: str, report: FuzzReport, who: str, **kwargs: Any) -> str:
    with captured_errors() as errors:
        try:
            if method == "GET":
                response = client.get(url, **kwargs)
            else:
                response = client.post_form(url, **kwargs)
            # A download (a spreadsheet, a ZIP) is a valid answer too: read it leniently.
            status, text = response.status_code, response.get_data().decode("utf-8", "replace")
            mimetype = response.mimetype
        except Exception as error:  # the app let an exception through
            status, text, mimetype = 500, "", ""
            errors.append(error)
    report.requests += 1
    data = kwargs.get("data") or kwargs.get("query_string") or ""
    if status >= 500:
        report.failures.append(f"{method} {url} {data!r} as {who}: {status}{_explain(errors)}")
    elif _html_mislabelled(text, mimetype):
        report.failures.append(f"{method} {url} {data!r} as {who}: HTML sent as {mimetype}")
    return text


def _html_mislabelled(text: str, mimetype: str) -> bool:
    return text.lstrip()[:15].lower() == "<!doctype html>" and mimetype != "text/html"


def _fuzz_query(client: Any, url: str, link_params: set[str], report: FuzzReport, who: str) -> None:
    base, _sep, query = url.partition("?")
    kept = dict(parse_qsl(query))
    for value in HOSTILE_VALUES:
        params = {**kept, **dict.fromkeys((*COMMON_PARAMS, *sorted(link_params)), value)}
        _send(client, "GET", f"{base}?{urlencode(params)}", report, who)
    for name in sorted(link_params - set(COMMON_PARAMS)):
        for value in ("2147483648", "²", "NaN"):
            _send(client, "GET", f"{base}?{urlencode({**kept, name: value})}", report, who)


def _fuzz_int_arguments(
    client: Any, adapter: Any, rule: Rule, url: str, report: FuzzReport
) -> None:
    """An id beyond ``INTEGER`` in each ``<int:...>`` argument: 404, not a database error."""
    try:
        _endpoint, values = adapter.match(urlsplit(url).path, method="GET")
    except Exception:
        return
    for name, converter in rule._converters.items():
        if type(converter).__name__.endswith("IntegerConverter"):
            tried = {**values, name: MAX_ID}
            path = adapter.build(rule.endpoint, tried, method="GET").replace(
                str(MAX_ID), str(MAX_ID + 1)
            )
            _send(client, "GET", path, report, "admin")


def _posts_to(adapter: Any, form: _Form, page_url: str, own: set[str]) -> bool:
    """Whether the form posts to one of the plugin's own endpoints."""
    if form.method != "post":
        return False
    action = urlsplit(form.action or page_url).path
    try:
        endpoint, _values = adapter.match(action, method="POST")
    except Exception:
        return False
    return endpoint in own


def _fuzz_form(client: Any, form: _Form, report: FuzzReport, who: str) -> None:
    action = form.action or "/"
    names = [name for name in form.fields if name != CSRF_FIELD]
    for value in HOSTILE_VALUES:
        data: Mapping[str, str] = {**form.fields, **dict.fromkeys(names, value)}
        data = {key: val for key, val in data.items() if key != CSRF_FIELD}
        _send(client, "POST", action, report, who, data=data)
