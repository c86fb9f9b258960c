"""The contract's live checks: demo data seeds, and every GET route answers without a 500."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import attrs
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from pnyx.models import Component, Space
from pnyx.testing import factories
from pnyx.testing.declarations import ContractError, PluginDeclarations, fail_with

#: Rows read from each of the plugin's tables to fill URL arguments.
ROWS_PER_TABLE = 50


def row_counts(session: Session, decl: PluginDeclarations) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in decl.tables()
    }


def seed_plugin(session: Session, decl: PluginDeclarations) -> list[Component]:
    """One published component of each of the plugin's types in a new published process,
    seeded by its type's ``seed`` function when it has one; committed."""
    space = factories.create_space(session, slug=f"{decl.plugin.replace('_', '-')}-contract")
    components = []
    for component_type in decl.component_types:
        component = factories.create_component(session, component_type.name, space=space)
        if component_type.seed is not None:
            try:
                component_type.seed(session, component)
                session.commit()
            except Exception as error:
                session.rollback()
                raise ContractError(
                    f"Plugin '{decl.plugin}': the seed function of component type "
                    f"'{component_type.name}' failed: {type(error).__name__}: {error}"
                ) from error
        components.append(component)
    seed_space_types(session, decl)
    return components


def seed_space_types(session: Session, decl: PluginDeclarations) -> None:
    """Each of the plugin's space types seeds its demo spaces (or gets one bare space)."""
    for space_type in decl.space_types:
        try:
            if space_type.seed is not None:
                space_type.seed(session)
            if not session.scalar(select(Space.id).where(Space.type == space_type.name)):
                slug = f"{decl.plugin.replace('_', '-')}-{space_type.name.replace('_', '-')}"
                factories.create_space(session, type=space_type.name, slug=f"{slug}-contract")
            session.commit()
        except Exception as error:
            session.rollback()
            raise ContractError(
                f"Plugin '{decl.plugin}': the seed function of space type "
                f"'{space_type.name}' failed: {type(error).__name__}: {error}"
            ) from error


@attrs.frozen
class SpaceAnchor:
    """Stands for a component when filling URLs of a space type's admin pages: a space, no
    component."""

    space: Space
    id: None = None


def check_seed(session: Session, decl: PluginDeclarations) -> list[Component]:
    """Seeding adds at least one row to one of the plugin's tables; returns the components."""
    __tracebackhide__ = True
    before = row_counts(session, decl)
    components = seed_plugin(session, decl)
    after = row_counts(session, decl)
    added = sum(after[name] - before[name] for name in after)
    if after and added <= 0:
        fail_with(
            decl.plugin,
            "demo data seeds",
            [f"the seed functions ran but added no row to its tables ({', '.join(sorted(after))})"],
        )
    return components


@attrs.define
class RouteReport:
    """What the route walk did: checked URLs, skipped rules and why, failures."""

    plugin: str
    checked: list[str] = attrs.field(factory=list)
    skipped: list[str] = attrs.field(factory=list)
    failures: list[str] = attrs.field(factory=list)
    requests: int = 0

    def summary(self) -> str:
        text = (
            f"{self.plugin}: {len(self.checked)} GET route(s) checked ({self.requests} requests), "
            f"{len(self.skipped)} skipped, {len(self.failures)} failing"
        )
        return "\n    ".join([text, *(f"skipped {reason}" for reason in self.skipped)])


def check_routes(
    app: Flask, session: Session, decl: PluginDeclarations, components: list[Component]
) -> RouteReport:
    """GET every route of the plugin, anonymously and as an organization admin: no 500.

    URL arguments are filled from the seeded components (``space_slug``,
    ``component_id``) and the rows of the plugin's tables (``message_id`` takes
    an id of a ``<plugin>_messages`` row...); rules that cannot be built are
    skipped and reported.
    """
    __tracebackhide__ = True
    report = RouteReport(decl.plugin)
    admin = factories.create_user(session, name="Contract Admin", roles=["admin"])
    clients = {"anonymous": app.test_client(), "admin": app.test_client()}
    clients["admin"].sign_in(admin)  # type: ignore[attr-defined]
    rows = _rows(session, decl)
    owners = _blueprint_owners(decl, components, session)
    for endpoint in decl.endpoints(app):
        for rule in app.url_map.iter_rules(endpoint):
            if "GET" not in (rule.methods or ()):
                continue
            component = owners.get(endpoint.split(".")[0], components[0] if components else None)
            values = url_values(rule, component, rows, decl.plugin)
            if isinstance(values, str):
                report.skipped.append(f"{rule.endpoint} ({rule.rule}): {values}")
                continue
            url = app.url_map.bind("localhost").build(rule.endpoint, values, method="GET")
            _get(clients, url, report)
    if not report.checked and decl.has_public_blueprint:
        report.failures.append(
            "no GET route could be checked although the plugin has a public blueprint "
            f"({'; '.join(report.skipped) or 'no GET rule found'})"
        )
    if report.failures:
        listed = "\n".join(f"  - {failure}" for failure in report.failures)
        raise ContractError(
            f"Plugin '{decl.plugin}' breaks the contract (every route answers without a server "
            f"error):\n{listed}\n{report.summary()}"
        )
    return report


def _blueprint_owners(
    decl: PluginDeclarations, components: list[Component], session: Session | None = None
) -> dict[str, Any]:
    by_type = {component.type: component for component in components}
    owners: dict[str, Any] = {}
    for space_type in decl.space_types:
        if space_type.admin_blueprint is None or session is None:
            continue
        query = select(Space).where(Space.type == space_type.name).order_by(Space.id).limit(1)
        space = session.scalar(query)
        if space is not None:
            owners[space_type.admin_blueprint.name] = SpaceAnchor(space)
    for component_type in decl.component_types:
        for blueprint in (component_type.public_blueprint, component_type.admin_blueprint):
            if blueprint is not None and component_type.name in by_type:
                owners[blueprint.name] = by_type[component_type.name]
    return owners


def _rows(session: Session, decl: PluginDeclarations) -> dict[str, list[Mapping[str, Any]]]:
    return {
        table.name: list(session.execute(select(table).limit(ROWS_PER_TABLE)).mappings())
        for table in decl.tables()
    }


def url_values(
    rule: Rule,
    component: Component | None,
    rows: Mapping[str, list[Mapping[str, Any]]],
    plugin: str,
) -> dict[str, Any] | str:
    """Values for ``rule``'s arguments, or why they cannot be found."""
    values: dict[str, Any] = {}
    for argument in sorted(rule.arguments):
        if argument in ("space_slug", "component_id"):
            if component is None:
                return f"no component to fill <{argument}>"
            values[argument] = component.space.slug if argument == "space_slug" else component.id
            continue
        value = guess_value(argument, component, rows, plugin)
        if value is None:
            return f"no seeded row gives a value for <{argument}>"
        values[argument] = value
    return values


def guess_value(
    argument: str,
    component: Component | None,
    rows: Mapping[str, list[Mapping[str, Any]]],
    plugin: str,
) -> Any:
    """A value for a URL argument from the seeded rows: ``message_id`` → the id of a row
    of ``<plugin>_message(s)``; another name → a column of that name."""
    stem = argument.removesuffix("_id")
    names = {f"{plugin}_{stem}", f"{plugin}_{stem}s", f"{plugin}_{stem}es"}
    by_id = [t for t in rows if t in names or t.endswith((f"_{stem}", f"_{stem}s"))]
    if argument == "id" and len(rows) == 1:
        by_id = list(rows)
    if argument.endswith("_id") or argument == "id":
        return _pick(by_id, "id", component, rows)
    with_column = [t for t in rows if any(argument in row for row in rows[t])]
    return _pick(with_column, argument, component, rows)


def _pick(
    tables: list[str],
    column: str,
    component: Component | None,
    rows: Mapping[str, list[Mapping[str, Any]]],
) -> Any:
    candidates = [row for table in tables for row in rows[table] if row.get(column) is not None]
    own_id = component.id if component is not None else None
    own = [row for row in candidates if own_id is not None and row.get("component_id") == own_id]
    chosen = (own or candidates or [None])[0]
    return chosen[column] if chosen is not None else None


def _get(clients: Mapping[str, Any], url: str, report: RouteReport) -> None:
    statuses = []
    for who, client in clients.items():
        with captured_errors() as errors:
            try:
                status = client.get(url).status_code
            except Exception as error:  # the app let an exception through
                status = 500
                errors.append(error)
        report.requests += 1
        statuses.append(f"{status} ({who})")
        if status >= 500:
            report.failures.append(f"GET {url} as {who} answered {status}{_explain(errors)}")
    report.checked.append(f"GET {url}: {', '.join(statuses)}")


class _ErrorCollector(logging.Handler):
    def __init__(self, errors: list[BaseException]) -> None:
        super().__init__(logging.ERROR)
        self.errors = errors

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.errors.append(record.exc_info[1])


@contextmanager
def captured_errors() -> Iterator[list[BaseException]]:
    """Exceptions logged while the block runs (the core logs what it turns into a 500)."""
    errors: list[BaseException] = []
    handler = _ErrorCollector(errors)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield errors
    finally:
        root.removeHandler(handler)


def _explain(errors: list[BaseException]) -> str:
    if not errors:
        return ""
    error = errors[-1]
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
    return f": {type(error).__name__}: {error}{where}"
