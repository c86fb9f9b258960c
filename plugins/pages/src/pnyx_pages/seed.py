"""Demo content for ``pnyx demo``: a consultation's pages (about, resources with documents
and an image, a FAQ) and the organization's pages (privacy, accessibility, help)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from pnyx import api
from pnyx_pages.models import RESOURCE, Page, PageSection

ABOUT = {
    "fr": "La ville vous consulte sur l’aménagement des berges.\n\n"
    "## Le calendrier\n\n- lecture des ressources ;\n- ateliers ;\n- synthèse publique.",
    "en": "The city asks you about the riverbanks.\n\n"
    "## The calendar\n\n- reading the resources;\n- workshops;\n- a public summary.",
}
FAQ = [
    (
        {"fr": "Qui peut participer ?", "en": "Who may take part?"},
        {
            "fr": "Toute personne qui habite, travaille ou étudie dans la commune.",
            "en": "Anyone who lives, works or studies in the town.",
        },
    ),
    (
        {"fr": "Que deviennent les contributions ?", "en": "What happens to contributions?"},
        {
            "fr": "Elles sont lues, résumées et publiées avec la réponse de la ville.",
            "en": "They are read, summed up and published with the city's answer.",
        },
    ),
]
SITE_PAGES = [
    (
        "privacy",
        {"fr": "Données personnelles", "en": "Privacy"},
        {
            "fr": "Vos données servent à la participation, jamais à autre chose.",
            "en": "Your data serve participation, never anything else.",
        },
    ),
    (
        "accessibility",
        {
            "fr": "Accessibilité : partiellement conforme",
            "en": "Accessibility: partially compliant",
        },
        {
            "fr": "Ce site vise le RGAA 4.1 et les WCAG 2.1 AA. Signalez-nous tout obstacle.",
            "en": "This site aims at RGAA 4.1 and WCAG 2.1 AA. Tell us about any barrier.",
        },
    ),
    (
        "help",
        {"fr": "Aide", "en": "Help"},
        {"fr": "Comment participer, pas à pas.", "en": "How to take part, step by step."},
    ),
]
#: A one-page PDF (a title), small enough to write here.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed(session: Session, component: api.Component) -> None:
    """Add demo pages to ``component``, and the organization's pages if missing (the caller
    commits)."""
    about = Page(
        component_id=component.id,
        slug="about",
        position=0,
        published=True,
        title={"fr": "À propos de cette concertation", "en": "About this consultation"},
        body=ABOUT,
    )
    resources = Page(
        component_id=component.id,
        slug="resources",
        position=1,
        published=True,
        title={"fr": "Ressources à lire", "en": "Resources to read"},
        body={
            "fr": "Les documents qui nourrissent le débat.",
            "en": "The documents that feed the debate.",
        },
    )
    faq = Page(
        component_id=component.id,
        slug="faq",
        kind="faq",
        position=2,
        published=True,
        title={"fr": "Questions fréquentes", "en": "Frequently asked questions"},
    )
    faq.sections = [PageSection(title=q, body=a, position=i) for i, (q, a) in enumerate(FAQ)]
    session.add_all([about, resources, faq])
    session.flush()
    _attach_resources(component, resources)
    _seed_site_pages(session)


def _attach_resources(component: api.Component, page: Page) -> None:
    owner = (RESOURCE, page.id)
    files = [
        ("diagnostic.pdf", {"fr": "Diagnostic des berges", "en": "Riverbank survey"}, None),
        (
            "plan.png",
            {"fr": "Plan du site", "en": "Site plan"},
            {
                "fr": "Plan des berges : la rivière, deux ponts et le parc au nord.",
                "en": "Map of the riverbanks: the river, two bridges and the park to the north.",
            },
        ),
    ]
    for name, title, alt in files:
        data = _plan() if name.endswith(".png") else PDF
        api.attachments.attach(
            FileStorage(io.BytesIO(data), filename=name),
            owner,
            space=component.space,
            component=component,
            title=title,
            alt=alt,
        )


def _plan() -> bytes:
    image = Image.new("RGB", (960, 540), "#dfe9d8")
    drawing = ImageDraw.Draw(image)
    drawing.rectangle((0, 240, 960, 300), fill="#5b8fc7")  # the river
    for x in (280, 640):
        drawing.rectangle((x, 220, x + 40, 320), fill="#8a8a8a")  # the bridges
    drawing.ellipse((380, 40, 580, 180), fill="#6aa84f")  # the park
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def _seed_site_pages(session: Session) -> None:
    if session.scalar(select(Page.id).where(Page.component_id.is_(None)).limit(1)):
        return
    for position, (slug, title, body) in enumerate(SITE_PAGES):
        session.add(
            Page(
                component_id=None,
                slug=slug,
                title=title,
                body=body,
                position=position,
                published=True,
                in_footer=True,
            )
        )
    session.flush()
