"""The participatory budget: three editions grouped, each with its four phases.

An edition is a process (ideas → technical analysis → vote → results and follow-up) with two
components: the residents' ideas (proposals, answered by the technical analysis, the accepted
ones with their cost) and the vote (budgets), whose projects come from the accepted ideas
(resource links ``budgets.from_proposal``). Earlier editions have their outcome computed and
published, and their winners followed up: status, progress and a dated timeline.
"""

from __future__ import annotations

import datetime as dt
import decimal
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets import counting
from pnyx_budgets.models import PROJECT_RESOURCE, SELECTED, Budget, Project, TimelineEntry
from pnyx_budgets.seed import cast_ballots
from pnyx_dist_angers.budget_data import AMOUNT, AUTHORS, PHASES, Edition
from pnyx_dist_angers.budget_editions import EDITIONS
from pnyx_dist_angers.build import at, component, person, process, text
from pnyx_dist_angers.taxonomy import Terms
from pnyx_proposals import states
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal, Support

CENTS = 100
GROUP_SLUG = "budget-participatif"
CURRENT_SLUG = "budget-participatif"


def seed_budget(session: Session, today: dt.date, terms: Terms) -> list[api.Space]:
    """The group and its three editions, oldest first; returns the editions' spaces."""
    group = api.SpaceGroup(
        slug=GROUP_SLUG,
        title=text("Budget participatif", "Participatory budget"),
        description=text(
            "Chaque édition, **1 million d’euros** pour les projets imaginés par les Angevins : "
            "dépôt des idées, analyse technique par les services, vote, puis suivi des travaux. "
            "Retrouvez ici toutes les éditions, leurs résultats et l’avancement des projets.",
            "Each edition, **one million euros** for projects imagined by the people of Angers: "
            "ideas, technical analysis by the city’s services, vote, then follow-up of the "
            "works. Here are every edition, its results and the projects’ progress.",
        ),
    )
    session.add(group)
    session.flush()
    people = [person(session, email, name) for name, email in AUTHORS]
    return [
        _edition(session, today, terms, group, people, edition, position)
        for position, edition in enumerate(EDITIONS)
    ]


def _edition(
    session: Session,
    today: dt.date,
    terms: Terms,
    group: api.SpaceGroup,
    people: list[api.User],
    edition: Edition,
    position: int,
) -> api.Space:
    year = today.year - edition.years_ago
    day = dt.timedelta(days=1)
    starts = [today + offset * day for offset in edition.starts]
    ends = [*(start - day for start in starts[1:]), _maybe(today, edition.ends)]
    phases = [(text(fr, en), s, e) for (fr, en), s, e in zip(PHASES, starts, ends, strict=True)]
    current = edition.years_ago == 0
    space = process(
        session,
        CURRENT_SLUG if current else f"budget-participatif-{year}",
        text(f"Budget participatif {year}", f"Participatory budget {year}"),
        _description(edition, year),
        phases,
        2 if current else 3,
        group_id=group.id,
        position=position,
        highlighted=current,
        territory_id=terms.city.id,
    )
    ideas = _ideas_component(session, space, current)
    proposals = _proposals(session, ideas, edition, terms, people, starts, year)
    vote = _vote_component(session, space, current, year)
    budget = _budget(session, vote, year)
    projects = _projects(session, budget, edition, terms)
    cast_ballots(
        session, budget, edition.ballots, random.Random(year), terms.districts, youth_only=False
    )
    if not current:
        counting.compute(session, budget)
        counting.publish(session, budget)
        _forget_selection_events(session)
        _follow_up(session, budget, edition, today)
    for project, proposal in zip(projects, proposals, strict=False):
        api.links.link(
            session,
            counting.FROM_PROPOSAL,
            (PROJECT_RESOURCE, project.id),
            (counting.PROPOSAL_TYPE, proposal.id),
        )
    return space


def _forget_selection_events(session: Session) -> None:
    """Drop the "project selected" events publishing the outcome queued: delivered after the
    seed commits, they would e-mail the authors of the linked ideas about results that are
    years old. (Events wait in the session until it commits, docs/hooks.md ``on_event``.)"""
    api.discard_events(session, "budgets.project_selected")


def _maybe(today: dt.date, offset: int | None) -> dt.date | None:
    return None if offset is None else today + dt.timedelta(days=offset)


def _description(edition: Edition, year: int) -> dict[str, str]:
    if edition.years_ago == 0:
        return text(
            f"L’édition {year} : les services ont étudié vos idées, **{len(edition.projects)} "
            "projets** sont soumis au vote. Choisissez ceux que vous voulez voir réalisés.",
            f"The {year} edition: the city’s services studied your ideas, "
            f"**{len(edition.projects)} projects** are put to the vote. Choose the ones you "
            "want built.",
        )
    return text(
        f"L’édition {year} : résultats du vote et avancement des projets lauréats.",
        f"The {year} edition: the vote’s results and the winning projects’ progress.",
    )


def _ideas_component(session: Session, space: api.Space, current: bool) -> api.Component:
    return component(
        session,
        space,
        "proposals",
        text("Idées des habitants", "Residents’ ideas"),
        global_settings={"answers_with_costs": True, "territory_required": True},
        # Ideas are written and supported in the first phase only, then answered.
        default_step={"creation_enabled": False, "supports_enabled": False},
        per_phase={0: {"creation_enabled": True, "supports_enabled": True}},
    )


def _vote_component(session: Session, space: api.Space, current: bool, year: int) -> api.Component:
    finished = {"votes_finished": True, "show_votes": True, "results_published": True}
    return component(
        session,
        space,
        "budgets",
        text(f"Vote {year}", f"Vote {year}"),
        global_settings={"voting_rule": "all", "ballot_changes_allowed": True},
        default_step={} if current else finished,
        per_phase={2: {"votes_enabled": True}, 3: finished} if current else None,
    )


def _budget(session: Session, vote: api.Component, year: int) -> Budget:
    amount = AMOUNT * CENTS
    budget = Budget(
        component_id=vote.id,
        position=0,
        title=text(f"Projets {year}", f"Projects {year}"),
        description=text(
            "Choisissez les projets que vous voulez voir réalisés, dans la limite d’un million "
            "d’euros. Un vote par personne ; vous pouvez le modifier jusqu’à la clôture.",
            "Choose the projects you want built, up to one million euros. One vote per "
            "person; you may change it until the vote closes.",
        ),
        amount=amount,
        max_total=amount,
        min_projects=1,
        rule="greedy",
        seed=f"angers-{year}",
    )
    session.add(budget)
    session.flush()
    return budget


def _projects(session: Session, budget: Budget, edition: Edition, terms: Terms) -> list[Project]:
    projects = []
    for position, (code, fr, en, euros, district, theme, about_fr, about_en) in enumerate(
        edition.projects
    ):
        project = Project(
            budget_id=budget.id,
            code=f"angers-{code}",
            title=text(fr, en),
            description=text(about_fr, about_en),
            cost=euros * CENTS,
            territory_id=terms.districts[district].id,
            address=api.translated(terms.districts[district].name),
            position=position,
        )
        project.themes = [terms.themes[theme]]
        session.add(project)
        projects.append(project)
    session.flush()
    return projects


def _proposals(
    session: Session,
    ideas: api.Component,
    edition: Edition,
    terms: Terms,
    people: list[api.User],
    starts: list[dt.date],
    year: int,
) -> list[Proposal]:
    """One accepted idea per project (same order), then the ideas set aside."""
    accepted = []
    rng = random.Random(year)
    for number, (_c, fr, _en, euros, district, theme, about_fr, _a) in enumerate(edition.projects):
        body = _body(about_fr, api.translated(terms.districts[district].name))
        proposal = _proposal(session, ideas, people, number, fr, body, terms, district, theme)
        _dates(proposal, starts, number)
        _answer(
            proposal,
            states.ACCEPTED,
            text(
                "Recevable : le projet est soumis au vote, au coût estimé par les services.",
                "Feasible: the project is put to the vote, at the cost the services estimated.",
            ),
            starts,
        )
        proposal.cost, proposal.execution_period = decimal.Decimal(euros), str(year + 1)
        accepted.append(proposal)
    offset = len(accepted)
    for number, (fr, district, theme, why_fr, why_en) in enumerate(edition.rejected, offset):
        body = _body(fr, api.translated(terms.districts[district].name))
        proposal = _proposal(session, ideas, people, number, fr, body, terms, district, theme)
        # Written among the first ideas: the latest ideas shown on the home page are projects.
        _dates(proposal, starts, number - offset)
        _answer(proposal, states.REJECTED, text(why_fr, why_en), starts)
    session.flush()
    _supports(session, ideas, accepted, people, rng)
    return accepted


def _proposal(
    session: Session,
    ideas: api.Component,
    people: list[api.User],
    number: int,
    title: str,
    body: str,
    terms: Terms,
    district: str,
    theme: str,
) -> Proposal:
    proposal = Proposal(
        component_id=ideas.id,
        author_id=people[number % len(people)].id,
        title=title,
        body=body,
        summary=plain_text(body)[:300],
        territory_id=terms.districts[district].id,
        themes=[terms.themes[theme]],
    )
    session.add(proposal)
    return proposal


def _body(about: str, district: str) -> str:
    return (
        f"## Mon idée\n\n{about}\n\n## Pourquoi ici\n\nÀ {district}, les habitants en parlent "
        "depuis longtemps au conseil de quartier : ce serait utile aux familles comme aux "
        "personnes âgées.\n"
    )


def _dates(proposal: Proposal, starts: list[dt.date], number: int) -> None:
    created = at(starts[0]) + dt.timedelta(days=number * 3)
    proposal.created_at, proposal.published_at = created, created + dt.timedelta(hours=1)


def _answer(proposal: Proposal, state: str, answer: dict[str, str], starts: list[dt.date]) -> None:
    answered = at(starts[2]) - dt.timedelta(days=3)
    proposal.state = proposal.answer_state = state
    proposal.answer_text = answer
    proposal.answered_at = proposal.answer_published_at = answered


def _supports(
    session: Session,
    ideas: api.Component,
    proposals: list[Proposal],
    people: list[api.User],
    rng: random.Random,
) -> None:
    for proposal in proposals:
        supporters = rng.sample(people, rng.randint(1, len(people)))
        for supporter in supporters:
            session.add(
                Support(proposal_id=proposal.id, component_id=ideas.id, user_id=supporter.id)
            )
        proposal.supports_count = len(supporters)


def _follow_up(session: Session, budget: Budget, edition: Edition, today: dt.date) -> None:
    """The winners' status, progress and timeline, in the order of the projects."""
    winners = session.scalars(
        select(Project)
        .where(Project.budget_id == budget.id, Project.selection == SELECTED)
        .order_by(Project.position)
    )
    for number, project in enumerate(winners):
        status, progress, entries = edition.follow_up[number % len(edition.follow_up)]
        project.follow_status, project.progress = status, progress
        for days, fr, en in entries:
            session.add(
                TimelineEntry(
                    project_id=project.id,
                    day=today - dt.timedelta(days=days),
                    title=text(fr, en),
                )
            )
    session.flush()
