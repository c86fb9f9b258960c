"""Demo content: the space type's ``seed``, called by ``pnyx demo`` after every component
type's.

Changer Lyon's shape: thematic citizens' assemblies, one of them holding a
working group (a sub-assembly) that hosts a meeting and proposals — the
components of whichever of those plugins are enabled, seeded by them.
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_assemblies.kinds import (
    MEMBER,
    OTHER_POSITION,
    POSITIONS,
    PRESIDENT,
    PUBLIC,
    SECRETARY,
    SPACE_TYPE,
    THEMATIC,
    TRANSPARENT,
    WORKING_GROUP,
)
from pnyx_assemblies.models import Assembly, Member

#: The components the demo working group hosts, when their plugins are enabled.
HOSTED = ("meetings", "proposals")
#: The comments plugin's action; unknown (and so ignored) when that plugin is not enabled.
COMMENT = "comments.create"


def text(fr: str, en: str, co: str | None = None) -> dict[str, str]:
    return {"fr": fr, "en": en, **({"co": co} if co else {})}


ASSEMBLIES = (
    {
        "slug": "assemblee-environnement",
        "title": text("Assemblée Environnement", "Environment assembly", "Assemblea Ambiente"),
        "theme": "environment",
        "purpose": text(
            "Proposer des actions pour une ville plus verte : **nature en ville**, "
            "îlots de fraîcheur, biodiversité.",
            "Propose actions for a greener city: **nature in the city**, cool islands, "
            "biodiversity.",
            "Prupone azzioni per una cità più verde : **natura in cità**, isule di frescu, "
            "biodiversità.",
        ),
    },
    {
        "slug": "assemblee-mobilites",
        "title": text("Assemblée Mobilités", "Mobility assembly", "Assemblea Mubilità"),
        "theme": "mobility",
        "purpose": text(
            "Partager l’espace public entre piétons, vélos, transports en commun et voitures.",
            "Share public space between walkers, cyclists, public transport and cars.",
            "Sparte u spaziu publicu trà pedoni, biciclette, trasporti publichi è vitture.",
        ),
    },
)

WORKING_GROUP_SPACE = {
    "slug": "groupe-berges-du-rhone",
    "title": text(
        "Groupe de travail Berges du Rhône",
        "Rhône riverbanks working group",
        "Gruppu di travagliu Sponde di u Rodanu",
    ),
    "purpose": text(
        "Imaginer l’aménagement des berges avec les riverains, atelier par atelier.",
        "Design the riverbanks with the residents, workshop after workshop.",
        "Cuncepisce e sponde cù l’abitanti, attellu dopu attellu.",
    ),
}

MEMBERS = (
    ("Claire Martin", PRESIDENT, {}),
    ("Youssef Benali", SECRETARY, {}),
    ("Anne Dupuis", MEMBER, {}),
    (
        "Marc Rey",
        OTHER_POSITION,
        text("Référent des associations", "Associations' liaison", "Referente di l’associ"),
    ),
)


def seed_demo(session: Session) -> None:
    """Add the demo assemblies (the caller commits); none when assemblies exist already."""
    if session.scalar(select(func.count()).select_from(Assembly)):
        return
    themes = {
        term.code: term.id
        for term in session.scalars(
            select(api.TaxonomyTerm).where(api.TaxonomyTerm.kind == "theme")
        )
    }
    first = None
    for position, spec in enumerate(ASSEMBLIES, start=10):
        space, assembly = add_assembly(session, spec, position, themes.get(spec["theme"]))
        first = first or space
        add_members(session, assembly, MEMBERS)
    group_space, group = add_assembly(session, WORKING_GROUP_SPACE, 20, themes.get("environment"))
    group.kind, group.visibility, group.parent_space_id = WORKING_GROUP, TRANSPARENT, first.id
    add_members(session, group, MEMBERS[:2])
    demo_resident = session.scalar(
        select(api.User).where(api.User.email == "resident@demo.pnyx.test")
    )
    if demo_resident is not None:
        session.add(
            Member(
                assembly_id=group.id,
                user_id=demo_resident.id,
                position=MEMBER,
                position_rank=POSITIONS.index(MEMBER),
            )
        )
        add_association(session, demo_resident)
    host_components(session, group_space)


def add_assembly(
    session: Session, spec: dict[str, Any], position: int, theme_id: int | None
) -> tuple[api.Space, Assembly]:
    space = api.Space(
        type=SPACE_TYPE,
        slug=spec["slug"],
        title=spec["title"],
        description=spec["purpose"],
        published=True,
        position=position,
    )
    session.add(space)
    session.flush()
    assembly = Assembly(
        space_id=space.id,
        kind=THEMATIC,
        visibility=PUBLIC,
        purpose=spec["purpose"],
        composition=text(
            "Des habitants tirés au sort, des associations et des élus.",
            "Residents drawn by lot, associations and elected members.",
            "Abitanti tirati à a sorte, associ è eletti.",
        ),
        organisation=text(
            "Une séance plénière par trimestre, des ateliers entre deux.",
            "A plenary session each quarter, workshops in between.",
            "Una sessione plenaria ogni trimestre, attelli à mezu.",
        ),
        how_to_join=text(
            "Écrivez au secrétariat ; le tirage au sort a lieu chaque année.",
            "Write to the secretariat; the draw takes place every year.",
            "Scrivite à u secretariatu ; a tirata à a sorte si face ogni annu.",
        ),
        duration=text("2026–2028", "2026–2028", "2026–2028"),
        closing_reason={},
        theme_id=theme_id,
    )
    session.add(assembly)
    session.flush()
    return space, assembly


def add_members(session: Session, assembly: Assembly, specs: tuple[Any, ...]) -> None:
    for name, position, label in specs:
        session.add(
            Member(
                assembly_id=assembly.id,
                name=name,
                position=position,
                position_rank=POSITIONS.index(position),
                position_label=label,
            )
        )


def add_association(session: Session, admin: api.User) -> None:
    """Smart Isula's and Changer Lyon's associations take part as themselves: the demo
    resident runs one and may write proposals on its behalf in the working group."""
    association = api.groups.UserGroup(
        name="Amis des berges du Rhône",
        kind="association",
        description=text(
            "Association de riverains pour des berges **vivantes et accessibles**.",
            "Residents' association for **lively, accessible** riverbanks.",
            "Associu d’abitanti per sponde **vive è accessibile**.",
        ),
        website="https://berges.example.org",
        verified_at=api.utcnow(),
        verification_note="Statuts déposés en préfecture (démo)",
    )
    association.memberships.append(api.groups.Membership(user_id=admin.id, role="admin"))
    session.add(association)


def host_components(session: Session, space: api.Space) -> None:
    """A component of each hosted type whose plugin is enabled, with that plugin's demo data."""
    for weight, name in enumerate(HOSTED):
        component_type = api.component_type(name)
        if component_type is None:
            continue
        component = api.Component(
            space_id=space.id,
            type=name,
            name=label_in_every_locale(component_type.label),
            weight=weight,
            published=True,
            settings=api.validate_settings(component_type, {}),
        )
        # Organizations may take part where the type allows it (the permissions page's option).
        component.permissions = {
            action.name: {"groups": True} for action in component_type.actions if action.groups
        }
        if any(kind.commentable for kind in component_type.resource_types):
            # Comments on its records too (the comments plugin's action, when it is enabled).
            component.permissions[COMMENT] = {"groups": True}
        session.add(component)
        session.flush()
        if component_type.seed is not None:
            component_type.seed(session, component)


def label_in_every_locale(label: Any) -> dict[str, str]:
    names = {}
    for locale in ("fr", "en", "co"):
        with force_locale(locale):
            names[locale] = str(label)
    return names
