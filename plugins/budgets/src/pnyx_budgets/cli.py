"""``pnyx budgets import-pabulib FILE.pb --space SLUG``: replay a real election.

Added to the outcome engine's ``budgets`` command group by the
``register_commands`` hook (``pnyx budgets outcome`` and ``verify`` need no
app; this command needs the app's database, hence ``with_appcontext``).
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from pnyx import api
from pnyx_budgets.outcomes.pabulib import PabulibError, read_pb


def target_component(space: api.Space, component_id: int | None) -> api.Component:
    """The budgets component to import into: the one named, the space's first, or a new one."""
    session = api.db_session()
    query = select(api.Component).where(
        api.Component.space_id == space.id, api.Component.type == "budgets"
    )
    if component_id is not None:
        query = query.where(api.Component.id == component_id)
    component = session.scalar(query.order_by(api.Component.weight, api.Component.id))
    if component is None and component_id is not None:
        raise click.ClickException(f"no budgets component {component_id} in space {space.slug}")
    if component is None:
        component = api.Component(
            space_id=space.id,
            type="budgets",
            name={"en": "Participatory budget", "fr": "Budget participatif"},
            published=False,
            settings={"global": {}, "default_step": {}, "steps": {}},
        )
        session.add(component)
        session.flush()
    return component


@click.command("import-pabulib")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--space", "slug", required=True, help="Web address (slug) of the space.")
@click.option("--component", "component_id", type=int, help="Budgets component (default: first).")
@click.option("--locale", default=None, help="Language of the titles (default: the site's).")
@with_appcontext
def import_pabulib(path: str, slug: str, component_id: int | None, locale: str | None) -> None:
    """Create a budget from the pabulib file PATH, with its projects and anonymous ballots."""
    from pnyx_budgets.pabulib_import import import_election

    session = api.db_session()
    space = session.scalar(select(api.Space).where(api.Space.slug == slug))
    if space is None:
        raise click.ClickException(f"no space with the address {slug!r}")
    try:
        election = read_pb(path)
    except (PabulibError, UnicodeDecodeError, ValueError) as error:
        raise click.ClickException(f"{path}: {error}") from None
    if locale is None:
        organization = session.scalar(select(api.Organization).limit(1))
        locale = organization.default_locale if organization else "en"
    component = target_component(space, component_id)
    budget = import_election(session, component, election, locale)
    session.commit()
    click.echo(
        f"budget {budget.id} in component {component.id}: "
        f"{len(election.projects)} projects, {len(election.ballots)} ballots"
    )
