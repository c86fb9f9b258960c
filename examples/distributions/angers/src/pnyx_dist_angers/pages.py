"""The budget's rules and questions (pages plugin) and the site's footer pages."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_angers.build import component, text
from pnyx_pages.models import Page, PageSection

RULES = text(
    "## Qui peut participer ?\n\nToute personne qui habite Angers, **dès 11 ans**.\n\n"
    "## Quelles idées ?\n\nDes projets d’investissement d’intérêt général, sur l’espace "
    "public ou un équipement de la ville, **jusqu’à 500 000 €** chacun.\n\n"
    "## Comment se passe le vote ?\n\nChaque personne choisit ses projets dans la limite de "
    "l’enveloppe. Les projets qui recueillent le plus de voix sont retenus jusqu’à épuisement "
    "du million d’euros.",
    "## Who may take part?\n\nAnyone living in Angers, **from age 11**.\n\n"
    "## Which ideas?\n\nInvestment projects of general interest, in public space or a city "
    "facility, **up to €500,000** each.\n\n"
    "## How does the vote work?\n\nEach person chooses projects within the budget. The "
    "projects with the most votes are funded until the million euros is spent.",
)
FAQ = (
    (
        text("Puis-je modifier mon vote ?", "May I change my vote?"),
        text(
            "Oui, jusqu’à la clôture du vote : seul le dernier compte.",
            "Yes, until the vote closes: only the last one counts.",
        ),
    ),
    (
        text("Où en est mon projet ?", "How is my project doing?"),
        text(
            "Chaque projet lauréat a sa page de suivi : avancement, étapes et photos.",
            "Each winning project has its follow-up page: progress, steps and photos.",
        ),
    ),
)
SITE_PAGES = (
    (
        "accessibility",
        text("Accessibilité : partiellement conforme", "Accessibility: partially compliant"),
        text(
            "La plateforme vise le RGAA 4.1 et les WCAG 2.1 AA. Signalez-nous tout obstacle : "
            "participation@angers.example.",
            "The platform aims at RGAA 4.1 and WCAG 2.1 AA. Tell us about any barrier: "
            "participation@angers.example.",
        ),
    ),
    (
        "privacy",
        text("Données personnelles", "Privacy"),
        text(
            "Vos données servent uniquement à la participation ; le vote est secret.",
            "Your data serve participation only; the vote is secret.",
        ),
    ),
)


def seed_pages(session: Session, space: api.Space) -> None:
    about = component(session, space, "pages", text("Règlement et questions", "Rules and FAQ"))
    rules = Page(
        component_id=about.id,
        slug="reglement",
        position=0,
        title=text("Règlement du budget participatif", "The participatory budget’s rules"),
        body=RULES,
    )
    faq = Page(
        component_id=about.id,
        slug="questions",
        kind="faq",
        position=1,
        title=text("Questions fréquentes", "Frequently asked questions"),
    )
    faq.sections = [PageSection(title=q, body=a, position=i) for i, (q, a) in enumerate(FAQ)]
    session.add_all([rules, faq])
    for position, (slug, title, body) in enumerate(SITE_PAGES):
        session.add(
            Page(
                component_id=None,
                slug=slug,
                title=title,
                body=body,
                position=position,
                in_footer=True,
            )
        )
    session.flush()
