"""The documents residents read before answering, as small PDF files written here.

A PDF of one page or two, in Helvetica, is a few hundred bytes of text: no binary file to keep
in the repository, and the attachments service checks and stores it like any upload.
"""

from __future__ import annotations

#: File name, translated title, translated description, the lines of each page.
DOCUMENTS = (
    (
        "charte-accueil.pdf",
        {"fr": "Charte d’accueil de l’administration communale", "en": "Reception charter"},
        {
            "fr": "Les engagements des services communaux envers les citoyens (2019).",
            "en": "What the communal services commit to when receiving residents (2019).",
        },
        (
            (
                "Charte d'accueil de l'administration communale de Nivelles",
                "",
                "1. Vous etes accueilli avec courtoisie, au guichet comme au telephone.",
                "2. Nous vous repondons dans un langage clair.",
                "3. Un courrier ou un courriel recoit une reponse sous quinze jours ouvrables.",
                "4. Les guichets sont accessibles aux personnes a mobilite reduite.",
                "5. Vous pouvez prendre rendez-vous pour eviter l'attente.",
            ),
        ),
    ),
    (
        "frequentation-guichets.pdf",
        {
            "fr": "Fréquentation des guichets en 2025",
            "en": "Desk attendance in 2025",
        },
        {
            "fr": "Nombre de visites par service et temps d’attente moyen, mois par mois.",
            "en": "Visits per service and average waiting time, month by month.",
        },
        (
            (
                "Frequentation des guichets de l'Hotel de Ville de Nivelles - 2025",
                "",
                "Population et etat civil : 31 480 visites, attente moyenne 18 minutes",
                "Urbanisme : 4 120 visites, sur rendez-vous",
                "Finances et taxes : 2 950 visites, attente moyenne 9 minutes",
                "Affaires sociales : 3 310 visites, attente moyenne 14 minutes",
            ),
            (
                "Pics d'affluence",
                "",
                "Lundi matin et lendemains de jours feries.",
                "Septembre (cartes d'identite des jeunes de 12 ans).",
                "Juin (permis de conduire avant les vacances).",
            ),
        ),
    ),
)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(pages: tuple[tuple[str, ...], ...]) -> bytes:
    """A valid PDF whose pages show ``pages``' lines (ASCII: the base-14 font's encoding)."""
    count = len(pages)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(count))
        + f"]/Count {count}>>".encode(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    for index, lines in enumerate(pages):
        text = "BT /F1 12 Tf 60 780 Td 16 TL " + " ".join(f"({_escape(line)}) '" for line in lines)
        stream = text.encode("ascii") + b" ET"
        objects.append(
            f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>"
            f"/Contents {5 + 2 * index} 0 R>>".encode()
        )
        objects.append(f"<</Length {len(stream)}>>stream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
