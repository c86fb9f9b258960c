"""``pnyx import people FILE.csv``: a city's residents, with their verifications and roles.

Columns: ``external_id``, ``email``, ``name`` (required); ``locale``,
``birth_date`` (YYYY-MM-DD: a ``birth_date`` verification), ``territory``
(a territory's code: a ``residence`` verification), ``roles`` (organization
roles separated by ``|``: ``moderator|user_manager``). New accounts have no
password: the invitation (unless ``--no-invite``) links to the page where
one chooses it; following that link also confirms the address. An address
that already has an account is matched to it (nothing created, its password
and verifications kept), unless an earlier import tied that account to
another external id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from flask import current_app
from sqlalchemy import insert, select

from pnyx.accounts.forms import EMAIL_PATTERN, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH
from pnyx.importing.manifest import CheckedRow, ImportContext, Importer, RowError
from pnyx.models import (
    Authorization,
    ImportKey,
    OrganizationRole,
    User,
    UserOrganizationRole,
    utcnow,
)
from pnyx.models.authorization import GRANTED
from pnyx.verification.org_settings import expiry_for

NAME = "people"
ROLES = frozenset(role.value for role in OrganizationRole)


@attrs.frozen
class Person:
    email: str
    name: str
    locale: str | None
    birth_date: str | None
    territory_id: int | None
    roles: tuple[str, ...]


def parse_person(context: ImportContext, row: Mapping[str, str]) -> Person:
    email = row.get("email", "").lower()
    if not email or len(email) > MAX_EMAIL_LENGTH or not EMAIL_PATTERN.match(email):
        raise RowError(f"the e-mail address {email!r} is not valid")
    name = " ".join(row.get("name", "").split())
    if not name or len(name) > MAX_NAME_LENGTH:
        raise RowError(f"the name is empty or longer than {MAX_NAME_LENGTH} characters")
    locale = row.get("locale") or None
    if locale is not None and locale not in current_app.config["LOCALES"]:
        raise RowError(f"unknown language {locale!r}")
    roles = tuple(sorted({r.strip() for r in row.get("roles", "").split("|") if r.strip()}))
    if set(roles) - ROLES:
        raise RowError(f"unknown role(s) {', '.join(sorted(set(roles) - ROLES))}")
    return Person(
        email=email,
        name=name,
        locale=locale,
        birth_date=parse_birth_date(row.get("birth_date", "")),
        territory_id=context.term_id("territory", row.get("territory", "")),
        roles=roles,
    )


def parse_birth_date(text: str) -> str | None:
    if not text:
        return None
    try:
        born = dt.date.fromisoformat(text)
    except ValueError:
        raise RowError(f"the birth date {text!r} is not a date like 1990-05-31") from None
    if not dt.date(1900, 1, 1) <= born <= dt.date.today():
        raise RowError(f"the birth date {text} is not plausible")
    return born.isoformat()


def check_people(context: ImportContext, rows: list[CheckedRow]) -> list[tuple[int, str]]:
    """Addresses twice in the file, or tied to another external id by an earlier import."""
    seen: dict[str, int] = context.cache.setdefault("people:emails", {})
    errors = []
    for line, _eid, person in rows:
        if person.email in seen:
            errors.append((line, f"the e-mail address is already on line {seen[person.email]}"))
        else:
            seen[person.email] = line
    emails = [person.email for _line, _eid, person in rows]
    # Two indexed lookups rather than a join, which PostgreSQL may plan badly on tables that
    # just grew. Addresses are stored lowercased (accounts.forms.normalized_email).
    accounts = dict(
        context.session.execute(select(User.id, User.email).where(User.email.in_(emails))).all()
    )
    keys = select(ImportKey.resource_id, ImportKey.external_id).where(
        ImportKey.importer == NAME, ImportKey.resource_id.in_(list(accounts))
    )
    keyed = {accounts[uid]: eid for uid, eid in context.session.execute(keys).all()}
    for line, external_id, person in rows:
        other = keyed.get(person.email)
        if other is not None and other != external_id:
            errors.append((line, f"this e-mail address was imported with the external_id {other}"))
    return errors


def write_people(context: ImportContext, people: list[Person]) -> Sequence[int]:
    """Insert the new accounts (matching existing addresses), then their verifications and roles."""
    session = context.session
    emails = [person.email for person in people]
    existing = dict(
        session.execute(select(User.email, User.id).where(User.email.in_(emails))).all()
    )
    new = [person for person in people if person.email not in existing]
    created: dict[str, int] = {}
    if new:
        now = utcnow()
        rows = [
            {"email": p.email, "name": p.name, "locale": p.locale, "created_at": now} for p in new
        ]
        # One executemany, then one read of the new ids: RETURNING in the rows' order is not
        # batched on every database (SQLite falls back to one INSERT per row).
        session.execute(insert(User.__table__), rows)
        new_emails = [p.email for p in new]
        created = dict(
            session.execute(select(User.email, User.id).where(User.email.in_(new_emails))).all()
        )
        ids = list(created.values())
        # Only accounts created now are invited (a matched account already knows the site).
        context.cache.setdefault("people:created", []).extend(ids)
        add_verifications(context, [(created[p.email], p) for p in new])
        add_roles(context, [(created[p.email], p) for p in new])
    return [existing.get(p.email) or created[p.email] for p in people]


def add_verifications(context: ImportContext, people: list[tuple[int, Person]]) -> None:
    session, now = context.session, utcnow()
    expiries = context.cache.setdefault("people:expiries", {})
    rows: list[dict[str, Any]] = []
    for user_id, person in people:
        for handler, data in (
            ("birth_date", {"birth_date": person.birth_date} if person.birth_date else None),
            ("residence", {"territory_id": person.territory_id} if person.territory_id else None),
        ):
            if data is None:
                continue
            if handler not in expiries:
                expiries[handler] = expiry_for(handler, now, session)
            rows.append(
                {
                    "user_id": user_id,
                    "handler": handler,
                    "status": GRANTED,
                    "data": data,
                    "created_at": now,
                    "granted_at": now,
                    "expires_at": expiries[handler],
                }
            )
    if rows:
        session.execute(insert(Authorization.__table__), rows)


def add_roles(context: ImportContext, people: list[tuple[int, Person]]) -> None:
    rows = [{"user_id": uid, "role": role} for uid, person in people for role in person.roles]
    if rows:
        context.session.execute(insert(UserOrganizationRole.__table__), rows)


def invite(context: ImportContext, _resource_ids: list[int]) -> None:
    """Tell each account created now that it exists, with the link to choose a password."""
    created = context.cache.get("people:created", [])
    if context.options.get("invite") and created:
        from pnyx.importing.invitations import send_invitations

        send_invitations(context, created)


PEOPLE = Importer(
    name=NAME,
    label="People (accounts)",
    required_columns=("email", "name"),
    optional_columns=("locale", "birth_date", "territory", "roles"),
    parse=parse_person,
    write=write_people,
    check_batch=check_people,
    after_commit=invite,
)
