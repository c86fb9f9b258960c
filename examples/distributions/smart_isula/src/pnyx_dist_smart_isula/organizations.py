"""Organization profiles (core user groups): associations, businesses and public bodies that
propose as themselves (docs/groups.md), verified by staff, with the people who act for them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_smart_isula.build import person, text
from pnyx_dist_smart_isula.organization import RESIDENT

#: Key, name, kind, French and Corsican descriptions, website, how staff verified it,
#: the e-mail of the person who runs it (demo accounts without a password, or Maria).
ORGANIZATIONS = (
    (
        "lingua",
        "Associu Lingua Viva",
        "association",
        "Association pour la place du **corse dans le numérique** : outils, contenus, formations.",
        "Associu per a piazza di u **corsu in u numericu** : attrezzi, cuntenuti, furmazioni.",
        "https://linguaviva.example.org",
        "Statuts déposés en préfecture (démo)",
        RESIDENT,
    ),
    (
        "muntagna",
        "Associu Sulidarità Muntagna",
        "association",
        "Entraide entre les villages de l’intérieur : transport, visites, accès aux droits.",
        "Aiutu trà i paesi di l’internu : trasportu, visite, accessu à i diritti.",
        "https://muntagna.example.org",
        "Statuts et récépissé de déclaration (démo)",
        "muntagna@smartisula.pnyx.test",
    ),
    (
        "numerica",
        "Isula Numerica SCOP",
        "business",
        "Coopérative de développeurs et de formateurs installée à Corte et à Bastia.",
        "Cuuperativa di sviluppatori è di furmatori stallata in Corti è in Bastia.",
        "https://isulanumerica.example.org",
        "Numéro SIRET vérifié (démo)",
        "numerica@smartisula.pnyx.test",
    ),
    (
        "corti",
        "Cumuna di Corti",
        "public_body",
        "La commune de Corte, au cœur de l’île : services publics, université, villages.",
        "A cumuna di Corti, in core di l’isula : servizii publichi, università, paesi.",
        "https://corti.example.org",
        "Délibération du conseil municipal (démo)",
        "mairie-corti@smartisula.pnyx.test",
    ),
)
#: The people who act for the organizations (no password: nobody signs in with them).
PEOPLE = {
    "muntagna@smartisula.pnyx.test": "Santa Marcantonii",
    "numerica@smartisula.pnyx.test": "Lisandru Pieri",
    "mairie-corti@smartisula.pnyx.test": "Francesca Luciani",
}


def seed_organizations(session: Session) -> dict[str, api.groups.UserGroup]:
    found = {}
    for key, name, kind, fr, co, website, note, email in ORGANIZATIONS:
        admin = session.scalar(select(api.User).where(api.User.email == email))
        if admin is None:
            admin = person(session, email, PEOPLE[email])
        group = api.groups.UserGroup(
            name=name,
            kind=kind,
            description=text(fr, co),
            website=website,
            verified_at=api.utcnow(),
            verification_note=note,
        )
        group.memberships.append(api.groups.Membership(user_id=admin.id, role="admin"))
        session.add(group)
        found[key] = group
    session.flush()
    return found
