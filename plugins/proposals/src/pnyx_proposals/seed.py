"""Demo content for ``pnyx demo``: proposals across communes and themes, some answered.

Budget projects and meetings link to these proposals from their own seeds
(resource links), when those plugins are enabled: this plugin never reads
their tables.
"""

from __future__ import annotations

import datetime as dt
import decimal
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import states
from pnyx_proposals.drafts.seed import seed_drafts
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import CustomState, Proposal, Report, Support
from pnyx_proposals.texts.seed import seed_text
from pnyx_proposals.together_seed import seed_together

DEPARTMENT = ("37", {"fr": "Indre-et-Loire", "en": "Indre-et-Loire"})
COMMUNES = (
    ("37261", "Tours"),
    ("37018", "Amboise"),
    ("37063", "Chinon"),
    ("37122", "Joué-lès-Tours"),
    ("37132", "Loches"),
)
#: A district under Tours, so the territory filter shows sub-territories.
DISTRICT = ("37261-nord", "Tours Nord", "37261")
THEMES = (
    ("environment", "Environnement", "Environment"),
    ("mobility", "Mobilité", "Mobility"),
    ("culture", "Culture", "Culture"),
    ("solidarity", "Solidarité", "Solidarity"),
)
IDEAS = (
    ("Des arceaux vélo devant la médiathèque", "mobility"),
    ("Un jardin partagé dans le parc", "environment"),
    ("Des bancs à l'ombre sur la place du marché", "solidarity"),
    ("Une boîte à livres au square", "culture"),
    ("Une piste cyclable jusqu'au lycée", "mobility"),
    ("Planter des arbres dans la cour de l'école", "environment"),
    ("Un concert gratuit chaque été", "culture"),
    ("Une épicerie solidaire le samedi", "solidarity"),
    ("Des fontaines à eau dans les parcs", "environment"),
    ("Un abri pour les vélos à la gare", "mobility"),
    ("Un atelier de réparation de vélos", "mobility"),
    ("Des nichoirs pour les martinets", "environment"),
    ("Une fresque sur le mur du gymnase", "culture"),
    ("Un local pour les associations de quartier", "solidarity"),
    ("Éclairer le chemin le long de la Loire", "mobility"),
    ("Des composteurs collectifs en pied d'immeuble", "environment"),
    ("Une navette vers les hameaux", "mobility"),
    ("Une ludothèque itinérante", "culture"),
    ("Des toilettes publiques accessibles", "solidarity"),
    ("Une prairie fleurie au rond-point", "environment"),
    ("Des cours de français pour adultes", "solidarity"),
    ("Une zone de rencontre devant l'école", "mobility"),
    ("Un festival des cultures du monde", "culture"),
    ("Récupérer l'eau de pluie des bâtiments publics", "environment"),
)
#: Why, then how: combined with each idea's title and commune, so no two demo proposals
#: read the same (issue 10 item 13).
REASONS = (
    "Beaucoup d'habitants le demandent depuis longtemps",
    "Les familles du quartier n'ont rien de tel à moins de vingt minutes",
    "Le conseil de quartier l'a retenu parmi ses priorités de l'année",
    "Les associations locales sont prêtes à s'en occuper",
    "Les enfants des écoles voisines en profiteraient chaque jour",
    "Ce serait utile aux personnes âgées comme aux plus jeunes",
)
PLANS = (
    "un premier essai pendant six mois, puis un bilan avec les habitants",
    "une réunion publique pour choisir l'emplacement, puis les travaux au printemps",
    "un chantier participatif avec les volontaires du quartier",
    "une installation provisoire cet été, rendue définitive si elle plaît",
)


def body_of(number: int, title: str, commune: str) -> str:
    """A short Markdown text of its own for the demo proposal ``number``."""
    reason = REASONS[number % len(REASONS)]
    plan = PLANS[(number // len(REASONS) + number) % len(PLANS)]
    return (
        f"## Pourquoi\n\n{reason} : à {commune}, « {title.lower()} » changerait le "
        f"quotidien.\n\n## Ce que je propose\n\n- {plan} ;\n- un point d'étape publié "
        "sur la plateforme ;\n- puis, si c'est concluant, la **généralisation**.\n"
    )


def seed(session: Session, component: api.Component) -> None:
    """Fill ``component`` with demo proposals (the caller commits)."""
    rng = random.Random(component.id)  # the same demo every time
    communes, themes = demo_terms(session)
    people = demo_people(session, 12)
    component.settings = {
        **(component.settings or {}),
        "global": {**(component.settings or {}).get("global", {}), "support_threshold": 5},
    }
    in_study = CustomState(
        component_id=component.id,
        code="in_study",
        colour="#1d4e89",
        label={"fr": "À l'étude technique", "en": "Under technical study"},
    )
    session.add(in_study)
    now = api.utcnow()
    proposals = []
    for number, (title, theme_code) in enumerate(IDEAS):
        commune = communes[number % len(communes)]
        body = body_of(number, title, api.translated(commune.name))
        proposal = Proposal(
            component_id=component.id,
            author_id=people[number % len(people)].id,
            title=title,
            body=body,
            language="fr",  # the demo's texts are written in French
            summary=plain_text(body),
            territory_id=commune.id,
            themes=[themes[theme_code]],
            created_at=now - dt.timedelta(days=60 - number),
            published_at=now - dt.timedelta(days=59 - number),
        )
        session.add(proposal)
        proposals.append(proposal)
    session.flush()
    _supports(session, component, proposals, people, rng)
    _answers(proposals, now)
    _withdrawn_and_reported(session, proposals, people, now)
    seed_together(session, component, proposals, people, now)
    session.add(
        Proposal(
            component_id=component.id,
            author_id=people[0].id,
            title="Brouillon : un skatepark",
            body="Un brouillon que seule son autrice voit.",
            language="fr",
            summary="Un brouillon",
        )
    )
    session.flush()
    # Writing together (issue 20): a collaborative draft and a participatory text.
    seed_drafts(session, component, people)
    seed_text(session, component, None)


def _supports(
    session: Session,
    component: api.Component,
    proposals: list[Proposal],
    people: list[api.User],
    rng: random.Random,
) -> None:
    for proposal in proposals:
        supporters = rng.sample(people, rng.randint(0, len(people)))
        for person in supporters:
            session.add(
                Support(proposal_id=proposal.id, component_id=component.id, user_id=person.id)
            )
        proposal.supports_count = len(supporters)
        if len(supporters) >= 5:
            proposal.threshold_reached_at = api.utcnow()


def _answers(proposals: list[Proposal], now: dt.datetime) -> None:
    plans = {
        0: (states.ACCEPTED, "Accepté : les arceaux seront posés au printemps.", "Accepted.", 4200),
        1: (states.ACCEPTED, "Accepté pour le vote du budget.", "Accepted for the vote.", 18000),
        2: (states.REJECTED, "Déjà prévu dans les travaux de la place.", "Already planned.", None),
        3: (states.EVALUATING, "Les services étudient la demande.", "Under review.", None),
        4: ("in_study", "Une étude de faisabilité est en cours.", "A study is under way.", None),
    }
    for index, (state, fr, en, cost) in plans.items():
        proposal = proposals[index]
        proposal.answer_state = proposal.state = state
        proposal.answer_text = {"fr": fr, "en": en}
        proposal.answered_at = proposal.answer_published_at = now - dt.timedelta(days=2)
        if cost is not None:
            proposal.cost = decimal.Decimal(cost)
            proposal.execution_period = "2027"


def _withdrawn_and_reported(
    session: Session, proposals: list[Proposal], people: list[api.User], now: dt.datetime
) -> None:
    proposals[5].withdrawn_at = now - dt.timedelta(days=1)
    reported = proposals[6]
    session.add(Report(proposal_id=reported.id, user_id=people[1].id, reason="off_topic"))
    reported.reports_count = 1


def demo_terms(session: Session) -> tuple[list[api.TaxonomyTerm], dict[str, api.TaxonomyTerm]]:
    """The demo communes (and a district) and themes, created when missing."""
    department = _term(session, "territory", DEPARTMENT[0], DEPARTMENT[1], None)
    communes = [
        _term(session, "territory", code, {"fr": name, "en": name}, department.id)
        for code, name in COMMUNES
    ]
    code, name, parent_code = DISTRICT
    parent = next(c for c in communes if c.code == parent_code)
    communes.append(_term(session, "territory", code, {"fr": name, "en": name}, parent.id))
    themes = {
        code: _term(session, "theme", code, {"fr": fr, "en": en}, None, position)
        for position, (code, fr, en) in enumerate(THEMES)
    }
    return communes, themes


def _term(
    session: Session,
    kind: str,
    code: str,
    name: dict[str, str],
    parent_id: int | None,
    position: int = 0,
) -> api.TaxonomyTerm:
    query = select(api.TaxonomyTerm).where(
        api.TaxonomyTerm.kind == kind, api.TaxonomyTerm.code == code
    )
    term = session.scalar(query)
    if term is None:
        term = api.TaxonomyTerm(
            kind=kind, code=code, name=name, parent_id=parent_id, position=position
        )
        session.add(term)
        session.flush()
    return term


def demo_people(session: Session, count: int) -> list[api.User]:
    """Demo residents who write and support proposals (no password: nobody signs in)."""
    people = []
    for number in range(1, count + 1):
        email = f"proposals-{number}@demo.pnyx.test"
        person = session.scalar(select(api.User).where(api.User.email == email))
        if person is None:
            person = api.User(email=email, name=f"Habitant·e {number}", password_hash=None)
            session.add(person)
        people.append(person)
    session.flush()
    return people
