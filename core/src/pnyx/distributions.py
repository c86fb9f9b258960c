"""City distributions: a city's case as an installable package (docs/distributions.md).

A distribution is a package (``pnyx-dist-<name>``) that depends on the plugins a city uses and
declares, in the entry-point group ``pnyx.distributions``, one :class:`Distribution`: the plugins
to enable, the organization's settings, demo accounts, a theme folder and a ``seed`` function
that creates the city's spaces, phases, components, verifications and content.

``PNYX_DISTRIBUTION=<name>`` makes an instance run as that city: its plugins are enabled when
``PNYX_PLUGINS`` is not set, and its theme applies when ``PNYX_THEME_PATH`` is not set.
``pnyx seed --distribution NAME`` and ``pnyx demo --distribution NAME`` seed it once, on a
database without an organization.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata as metadata
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.demo import DemoAccount
from pnyx.errors import StartupError
from pnyx.events import dispatch_committed, publish_event
from pnyx.home.composition import default_names
from pnyx.models import (
    HomePageBlock,
    Organization,
    SeedRecord,
    User,
    UserOrganizationRole,
    utcnow,
)
from pnyx.passwords import hash_password
from pnyx.written_language import give_seeded_texts_a_language

ENTRY_POINT_GROUP = "pnyx.distributions"
#: Published after a distribution was seeded; payload ``{"distribution": name}``.
DISTRIBUTION_SEEDED = "pnyx.distribution_seeded"

__all__ = [
    "DISTRIBUTION_SEEDED",
    "DemoAccount",
    "Distribution",
    "DistributionError",
    "DistributionOrganization",
    "apply_distribution_config",
    "check_plugins",
    "get_distribution",
    "installed_distributions",
    "seed_distribution",
]


class DistributionError(Exception):
    """A distribution that cannot be used or seeded here; the message says why and what to do."""


def _translated(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


@attrs.frozen
class DistributionOrganization:
    """The organization a distribution's instance runs as (admins change it later)."""

    #: Translated name, ``{"fr": "Ville de Nivelles", "en": "City of Nivelles"}``.
    name: dict[str, str] = attrs.field(converter=_translated)
    #: Languages residents may choose (content is stored under these codes), the default first.
    locales: tuple[str, ...] = attrs.field(converter=tuple)
    #: The language shown to people whose browser asks for none of ``locales``.
    default_locale: str
    #: IANA time zone in which dates, phases and ages are counted.
    time_zone: str = "Europe/Paris"
    #: The colour the admin area offers (``#rrggbb``); a theme's ``theme.css`` may override it.
    primary_color: str = "#1d4e89"
    #: Translated terms of use shown at ``/terms``.
    terms: dict[str, str] = attrs.field(factory=dict, converter=_translated)

    def __attrs_post_init__(self) -> None:
        if self.default_locale not in self.locales:
            raise ValueError(
                f"default_locale {self.default_locale!r} is not among locales {self.locales}"
            )


@attrs.frozen
class Distribution:
    """A city's case: plugins, organization, accounts, theme and seed (docs/distributions.md)."""

    #: The entry point's name (``touraine``): ``pnyx seed --distribution touraine``.
    name: str
    #: What the integrator reads in ``pnyx demo`` and in lists (not shown to residents).
    title: str
    #: Plugins the distribution needs enabled (their packages are its dependencies).
    plugins: tuple[str, ...] = attrs.field(converter=tuple)
    #: The organization's settings.
    organization: DistributionOrganization
    #: ``seed(session, today)``: taxonomies, spaces, phases (dates relative to ``today``),
    #: components with their per-phase settings, verifications and content. The core has
    #: created the organization, the accounts and the home page; the caller commits.
    seed: Callable[[Session, dt.date], None]
    #: Demo accounts (published passwords), created before ``seed`` runs; the first one
    #: without a role is the resident the test harness signs in as.
    accounts: tuple[DemoAccount, ...] = attrs.field(default=(), converter=tuple)
    #: A theme folder (``templates/`` and/or ``static/``, docs/theming.md), or ``None``.
    theme: Path | None = None
    #: The home page's welcome banner (the ``hero`` block's settings), or ``None`` for none.
    hero: dict[str, Any] | None = None
    #: The home page's blocks, in order; ``None``: the banner, the enabled plugins' default
    #: blocks and the participation figures, as in the demo.
    home_blocks: tuple[str, ...] | None = None

    @property
    def seed_record(self) -> str:
        """The ``seed_records`` row that says this distribution was seeded."""
        return f"distribution:{self.name}"

    @property
    def resident(self) -> DemoAccount | None:
        """The first demo account without an organization role."""
        return next((account for account in self.accounts if account.role is None), None)


def installed_distributions() -> dict[str, metadata.EntryPoint]:
    """Every installed distribution's entry point, by name; one name twice is an error."""
    found: dict[str, metadata.EntryPoint] = {}
    for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
        other = found.get(entry_point.name)
        if other is not None and other.value != entry_point.value:
            raise DistributionError(
                f"Distribution {entry_point.name!r} is installed twice ({other.value} and "
                f"{entry_point.value}): uninstall one of the packages."
            )
        found[entry_point.name] = entry_point
    return found


def get_distribution(name: str) -> Distribution:
    """The installed distribution ``name``; :class:`DistributionError` says what is installed."""
    installed = installed_distributions()
    entry_point = installed.get(name)
    if entry_point is None:
        known = ", ".join(sorted(installed)) or "none"
        raise DistributionError(
            f"Unknown distribution {name!r} (installed: {known}): install the package "
            f"pnyx-dist-{name}, e.g. pip install -e examples/distributions/{name}."
        )
    try:
        found = entry_point.load()
    except Exception as error:
        raise DistributionError(
            f"Distribution {name!r} ({entry_point.value}) failed to load: "
            f"{type(error).__name__}: {error}"
        ) from error
    if not isinstance(found, Distribution) or found.name != name:
        raise DistributionError(
            f"The entry point {name} = {entry_point.value!r} must name a pnyx.api.Distribution "
            f"whose name is {name!r}."
        )
    return found


def apply_distribution_config(config: MutableMapping[str, Any]) -> None:
    """``PNYX_DISTRIBUTION``: its plugins and theme, unless the configuration names others."""
    name = config.get("DISTRIBUTION")
    if not name:
        return
    try:
        distribution = get_distribution(name)
    except DistributionError as error:
        raise StartupError(f"PNYX_DISTRIBUTION={name}: {error}") from error
    if not config.get("PLUGINS"):
        config["PLUGINS"] = ",".join(distribution.plugins)
    if not config.get("THEME_PATH") and distribution.theme is not None:
        config["THEME_PATH"] = str(distribution.theme)


def check_plugins(distribution: Distribution, enabled: list[str], installed: list[str]) -> None:
    """Refuse, naming them, the plugins the distribution needs that are not installed or enabled."""
    missing = [name for name in distribution.plugins if name not in installed]
    if missing:
        packages = " ".join(f"pnyx-{name}" for name in missing)
        raise DistributionError(
            f"Distribution {distribution.name!r} needs plugins that are not installed: "
            f"{', '.join(missing)} (pip install {packages})."
        )
    off = [name for name in distribution.plugins if name not in enabled]
    if off:
        wanted = ",".join(dict.fromkeys([*enabled, *distribution.plugins]))
        raise DistributionError(
            f"Distribution {distribution.name!r} needs plugins that are not enabled: "
            f"{', '.join(off)}. Set PNYX_PLUGINS={wanted} (or leave PNYX_PLUGINS unset and set "
            f"PNYX_DISTRIBUTION={distribution.name})."
        )


def seed_distribution(session: Session, distribution: Distribution, today: dt.date) -> bool:
    """Seed ``distribution`` once; ``False`` when it already was.

    Refused on a database that already holds an organization or other demo data: a
    distribution is a whole instance, not a layer over another one.
    """
    done = set(session.scalars(select(SeedRecord.name)))
    if distribution.seed_record in done:
        return False
    organization = session.scalar(select(Organization.id).limit(1))
    if done or organization is not None:
        what = ", ".join(sorted(done)) or "an organization"
        raise DistributionError(
            f"This database already holds other data ({what}): seed the distribution "
            f"{distribution.name!r} on a new database (set PNYX_DATABASE_URL, or another "
            "PNYX_INSTANCE_PATH, then run pnyx db upgrade)."
        )
    _organization(session, distribution)
    _accounts(session, distribution)
    _home(session, distribution)
    session.flush()
    distribution.seed(session, today)
    # The core's demo counts as seeded too: a later `pnyx demo` adds no second organization.
    session.add_all([SeedRecord(name="pnyx"), SeedRecord(name=distribution.seed_record)])
    publish_event(session, DISTRIBUTION_SEEDED, {"distribution": distribution.name})
    session.commit()
    dispatch_committed(session)
    # After the event, on which plugins may seed more (comments).
    give_seeded_texts_a_language(session, distribution.organization.default_locale)
    session.commit()
    return True


def _organization(session: Session, distribution: Distribution) -> None:
    settings = distribution.organization
    session.add(
        Organization(
            name=dict(settings.name),
            default_locale=settings.default_locale,
            available_locales=list(settings.locales),
            time_zone=settings.time_zone,
            primary_color=settings.primary_color,
            terms=dict(settings.terms),
        )
    )


def _accounts(session: Session, distribution: Distribution) -> None:
    for account in distribution.accounts:
        user = User(
            email=account.email,
            name=account.name,
            password_hash=hash_password(account.password),
            confirmed_at=utcnow(),
        )
        if account.role:
            user.organization_roles.append(UserOrganizationRole(role=account.role))
        session.add(user)


def _home(session: Session, distribution: Distribution) -> None:
    chosen = distribution.home_blocks
    if chosen is None:
        chosen = ("hero", *default_names(), "statistics")
    names = [n for n in dict.fromkeys(chosen) if n != "hero" or distribution.hero]
    session.add_all(
        HomePageBlock(block=name, position=i, settings=distribution.hero if name == "hero" else {})
        for i, name in enumerate(names)
    )
