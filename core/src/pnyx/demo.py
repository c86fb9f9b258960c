"""Demo data: an organization, demo accounts, a process with phases, and one
component of every enabled type, seeded by its plugin. Each part is seeded
once; running it again adds only what is missing (a newly enabled plugin)."""

from __future__ import annotations

import datetime as dt

import attrs
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.events import dispatch_committed, publish_event
from pnyx.home.composition import default_names
from pnyx.models import (
    Component,
    HomePageBlock,
    Organization,
    OrganizationRole,
    SeedRecord,
    Space,
    SpaceGroup,
    Step,
    TaxonomyTerm,
    User,
    UserOrganizationRole,
    utcnow,
)
from pnyx.passwords import hash_password
from pnyx.settings import validate_settings
from pnyx.written_language import give_seeded_texts_a_language

DEMO_SPACE = "budget-participatif"
PRACTICE_SPACE = "espace-d-essai"
#: Published after demo data was seeded; payload ``{"plugins": [names seeded now]}``.
DEMO_SEEDED = "pnyx.demo_seeded"


#: The demo's terms of use (staff edit them in the organization settings).
DEMO_TERMS = {
    "fr": "La plateforme de participation de la Ville de Démo est ouverte à toute personne qui "
    "habite, travaille ou étudie sur son territoire.\n\nVos contributions sont publiques et "
    "signées du nom que vous choisissez. Restez courtois : les contenus injurieux ou hors sujet "
    "sont masqués par la modération.\n\nVos données personnelles servent uniquement à la "
    "participation ; vous pouvez les télécharger ou supprimer votre compte à tout moment depuis "
    "« Mon compte ».",
    "en": "Demo City's participation platform is open to anyone who lives, works or studies "
    "in its territory.\n\nWhat you contribute is public and signed with the name you choose. "
    "Stay courteous: insulting or off-topic content is hidden by moderators.\n\nYour personal "
    "data serve participation only; you can download it or delete your account at any time "
    'from "My account".',
}


@attrs.frozen
class DemoAccount:
    """An account with a published password, for demos and distributions."""

    #: The sign-in address (use a reserved domain such as ``.test``).
    email: str
    #: The published password, printed by ``pnyx demo``.
    password: str
    #: The name shown on the person's contributions.
    name: str
    #: An organization role (``admin``, ``moderator``, ``user_manager``), or ``None``.
    role: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("admin@demo.pnyx.test", "admin-demo-2026", "Camille Admin", OrganizationRole.ADMIN),
    DemoAccount("resident@demo.pnyx.test", "resident-demo-2026", "Dominique Habitant"),
)


def seed_demo(session: Session, today: dt.date | None = None) -> list[str]:
    """Seed what is missing; return the names seeded now (``pnyx`` and plugin names)."""
    done = set(session.scalars(select(SeedRecord.name)))
    seeded = []
    if "pnyx" not in done:
        seed_core(session, today or dt.date.today())
        seeded.append("pnyx")
    space = session.scalar(select(Space).where(Space.slug == DEMO_SPACE))
    plugins = current_app.extensions["pnyx.plugins"]
    for plugin_name, component_type in _component_types_by_plugin(plugins):
        if plugin_name in done or component_type.seed is None or space is None:
            continue
        where = space if component_type.demo_public else practice_space(session)
        component = add_component(session, where, component_type)
        component_type.seed(session, component)
        seeded.append(plugin_name)
    for plugin_name, space_type in _space_types_by_plugin(plugins):
        if plugin_name in done or space_type.seed is None:
            continue
        space_type.seed(session)
        if plugin_name not in seeded:
            seeded.append(plugin_name)
    for name in seeded:
        session.add(SeedRecord(name=name))
    if seeded:
        # Every plugin has its demo rows now: plugins that link their data to other
        # plugins' (minutes to proposals, projects to proposals) do it on this event.
        publish_event(session, DEMO_SEEDED, {"plugins": seeded})
    session.commit()
    # Deliver the event now: `pnyx demo` serves from inside this application context, whose
    # end (where events are otherwise delivered) comes only when the server stops.
    dispatch_committed(session)
    language = session.scalar(select(Organization.default_locale).limit(1))
    if seeded and language:  # after the event: plugins seed comments on it
        give_seeded_texts_a_language(session, language)
        session.commit()
    return seeded


def practice_space(session: Session) -> Space:
    """The unpublished space where tutorial examples go: staff try them, residents do not
    see them (issue 10 item 13)."""
    found = session.scalar(select(Space).where(Space.slug == PRACTICE_SPACE))
    if found is None:
        found = Space(
            type="process",
            slug=PRACTICE_SPACE,
            title={"fr": "Espace d’essai (non publié)", "en": "Practice space (unpublished)"},
            description={
                "fr": "Les exemples du tutoriel, pour l’équipe seulement.",
                "en": "The tutorial's examples, for staff only.",
            },
            published=False,
            position=1,
        )
        session.add(found)
        session.flush()
    return found


def _component_types_by_plugin(plugins):  # type: ignore[no-untyped-def]
    registry = plugins.registry
    for name, component_type in registry.component_types.items():
        yield registry.owners[f"component type:{name}"], component_type


def _space_types_by_plugin(plugins):  # type: ignore[no-untyped-def]
    registry = plugins.registry
    for name, space_type in registry.space_types.items():
        yield registry.owners[f"space type:{name}"], space_type


def add_component(session: Session, space: Space, component_type) -> Component:  # type: ignore[no-untyped-def]
    component = Component(
        space=space,
        type=component_type.name,
        name=label_in_every_locale(component_type.label),
        weight=len(space.components),
        published=True,
        settings=validate_settings(component_type, {}),
    )
    session.add(component)
    session.flush()
    return component


def label_in_every_locale(label: object) -> dict[str, str]:
    """A (lazy) interface label rendered once per available locale, as content."""
    locales = current_app.config["LOCALES"]
    names = {}
    for locale in locales:
        with force_locale(locale):
            names[locale] = str(label)
    return names


def seed_core(session: Session, today: dt.date) -> None:
    session.add(
        Organization(
            name={"fr": "Ville de Démo", "en": "Demo City", "co": "Cità di Demo"},
            default_locale="fr",
            available_locales=["fr", "en", "co"],
            terms=DEMO_TERMS,
        )
    )
    for account in DEMO_ACCOUNTS:
        user = User(
            email=account.email,
            name=account.name,
            password_hash=hash_password(account.password),
            confirmed_at=utcnow(),
        )
        if account.role:
            user.organization_roles.append(UserOrganizationRole(role=account.role))
        session.add(user)
    _seed_taxonomy(session)
    process = _demo_process(today)
    session.add(process)
    _seed_group_and_home(session, process, today)
    session.flush()


def _seed_group_and_home(session: Session, process: Space, today: dt.date) -> None:
    """The budget's editions as a group (last year's is past), and a home page whose
    welcome banner leads to the vote (docs/spaces.md)."""
    group = SpaceGroup(
        slug="budget-participatif",
        title=dict(process.title),
        description={
            "fr": "Chaque année, les habitants proposent et votent des projets. "
            "Retrouvez ici **toutes les éditions**, leurs résultats et leur suivi.",
            "en": "Every year, residents propose and vote for projects. "
            "Here are **every edition**, its results and follow-up.",
        },
    )
    process.group = group
    year = today.year - 1
    last_year = Space(
        type="process",
        slug=f"budget-participatif-{year}",
        title={"fr": f"Budget participatif {year}", "en": f"Participatory budget {year}"},
        description={
            "fr": "L’édition précédente : les projets lauréats sont en cours de réalisation.",
            "en": "The previous edition: the winning projects are being built.",
        },
        published=True,
        position=2,
        group=group,
    )
    last_year.steps.append(
        Step(
            position=0,
            title={"fr": "Vote", "en": "Vote"},
            start_date=today - dt.timedelta(days=400),
            end_date=today - dt.timedelta(days=370),
        )
    )
    session.add_all([group, last_year])
    hero = {
        "title": {"fr": "Votez pour vos projets", "en": "Vote for your projects"},
        "text": {
            "fr": "Le vote du budget participatif est ouvert pendant un mois.",
            "en": "The participatory budget's vote is open for a month.",
        },
        "button_label": {"fr": "Je vote", "en": "I vote"},
        "button_link": f"/spaces/{DEMO_SPACE}",
    }
    names = ["hero", *default_names(), "statistics"]
    session.add_all(
        HomePageBlock(block=name, position=i, settings=hero if name == "hero" else {})
        for i, name in enumerate(names)
    )


def _seed_taxonomy(session: Session) -> None:
    department = TaxonomyTerm(kind="territory", code="37", name={"fr": "Indre-et-Loire"})
    session.add(department)
    session.flush()
    for code, name in (("37261", "Tours"), ("37018", "Amboise"), ("37063", "Chinon")):
        session.add(
            TaxonomyTerm(kind="territory", code=code, name={"fr": name}, parent_id=department.id)
        )
    themes = (
        ("environment", "Environnement", "Environment", "Ambiente"),
        ("mobility", "Mobilité", "Mobility", "Mubilità"),
    )
    for position, (code, fr, en, co) in enumerate(themes):
        name = {"fr": fr, "en": en, "co": co}
        session.add(TaxonomyTerm(kind="theme", code=code, name=name, position=position))


def _demo_process(today: dt.date) -> Space:
    day = dt.timedelta(days=1)
    # The demo speaks the organization's three languages, Corsican included (Smart Isula).
    phases = (
        ("Propositions", "Proposals", "Pruposte", today - 60 * day, today - 31 * day),
        (
            "Analyse technique",
            "Technical review",
            "Analisi tecnica",
            today - 30 * day,
            today - 1 * day,
        ),
        ("Vote", "Vote", "Votu", today, today + 30 * day),
        (
            "Suivi des projets lauréats",
            "Follow-up of winning projects",
            "Seguitu di i prughjetti scelti",
            today + 31 * day,
            None,
        ),
    )
    space = Space(
        type="process",
        slug=DEMO_SPACE,
        title={
            "fr": "Budget participatif",
            "en": "Participatory budget",
            "co": "Bilanciu participativu",
        },
        description={
            "fr": "Proposez, votez et suivez les projets des habitants.",
            "en": "Propose, vote and follow the residents' projects.",
            "co": "Prupunite, vutate è seguitate i prughjetti di l’abitanti.",
        },
        published=True,
    )
    for position, (fr, en, co, start, end) in enumerate(phases):
        title = {"fr": fr, "en": en, "co": co}
        step = Step(position=position, title=title, start_date=start, end_date=end)
        step.active = start == today
        step.activated_at = utcnow() if step.active else None
        space.steps.append(step)
    return space
