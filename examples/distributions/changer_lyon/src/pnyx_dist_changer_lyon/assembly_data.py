"""Changer Lyon's thematic assemblies and their working groups (sub-assemblies): what each is
for, who sits in it, the workshop it held (with its minutes and the proposals that came out of
it), the next one, and the debate it opened.

A workshop is ``(days from today, French and English titles, place, address, minutes or None,
attendees, proposals)``; a proposal is ``(title, arrondissement number, body)`` in French, as
the workshop's participants wrote it.
"""

from __future__ import annotations

from pnyx_dist_changer_lyon.build import text

ASSEMBLIES = (
    {
        "slug": "assemblee-ecologie",
        "theme": "ecology",
        "title": text("Assemblée Écologie et climat", "Ecology and climate assembly"),
        "purpose": text(
            "Préparer Lyon aux étés à 40 °C : **végétaliser**, désimperméabiliser, protéger "
            "l’eau et la biodiversité.",
            "Prepare Lyon for 40 °C summers: **greening**, unsealing soils, protecting water "
            "and biodiversity.",
        ),
        "members": (
            ("Hélène Bertrand", "president"),
            ("Mamadou Sy", "secretary"),
            ("Claire Vasseur", "member"),
            ("Olivier Chardon", "member"),
        ),
        "workshop": (
            -20,
            text(
                "Atelier : des îlots de fraîcheur dans chaque quartier",
                "Workshop: cool islands in every neighbourhood",
            ),
            text("Maison des associations, Lyon 7e", "Community associations house, Lyon 7th"),
            "28 rue Denfert-Rochereau, 69007 Lyon",
            text(
                "## Déroulé\n\n45 participants, répartis en cinq tables par arrondissement, "
                "ont repéré sur carte les rues les plus chaudes.\n\n## Ce qui en sort\n\n"
                "- Débitumer les cours d’école et les ouvrir le week-end ;\n- planter des "
                "arbres dans les rues minérales de la Guillotière ;\n- installer des fontaines "
                "et des brumisateurs sur les places.\n\n## Suites\n\nTrois propositions ont été "
                "rédigées en séance et publiées ci-dessous ; l’assemblée les présentera en "
                "plénière.",
                "## How it went\n\n45 participants, at five tables by arrondissement, mapped "
                "the hottest streets.\n\n## What came out\n\n- Unsealing school yards and "
                "opening them at weekends;\n- planting trees in the stony streets of La "
                "Guillotière;\n- fountains and misting on the squares.\n\n## Next\n\nThree "
                "proposals were written during the workshop and published below; the assembly "
                "will present them in plenary.",
            ),
            45,
            (
                (
                    "Débitumer et ouvrir les cours d’école le week-end",
                    7,
                    "Remplacer le bitume des cours d’école par de la terre, des arbres et des "
                    "jeux, et les ouvrir aux familles du quartier le samedi et le dimanche.",
                ),
                (
                    "Cent arbres pour les rues de la Guillotière",
                    7,
                    "Planter des arbres d’alignement dans les rues les plus minérales, choisies "
                    "avec les habitants lors de l’atelier, avec des fosses larges.",
                ),
                (
                    "Des fontaines sur toutes les places de la Presqu’île",
                    2,
                    "Une fontaine d’eau potable et un brumisateur sur chaque place, en service "
                    "de juin à septembre.",
                ),
            ),
        ),
        "next": (
            12,
            text("Plénière de l’assemblée Écologie", "Ecology assembly plenary"),
            text("Hôtel de Ville, salle Henri-Focillon", "City Hall, Henri-Focillon room"),
            "1 place de la Comédie, 69001 Lyon",
        ),
        "debate": (
            text(
                "Faut-il interdire les chaudières au fioul d’ici 2030 ?",
                "Should oil boilers be banned by 2030?",
            ),
            text(
                "Le fioul chauffe encore des milliers de logements. **Interdire, aider, ou "
                "les deux ?** Donnez vos arguments.",
                "Oil still heats thousands of homes. **Ban, help, or both?** Give your arguments.",
            ),
            (
                ("for", "Oui, avec une aide forte pour les ménages modestes."),
                ("against", "Non : beaucoup de copropriétés n’ont aucune alternative prête."),
                ("neutral", "Commencer par les bâtiments publics donnerait l’exemple."),
            ),
        ),
        "working_group": {
            "slug": "groupe-cours-oasis",
            "title": text("Groupe de travail Cours oasis", "Oasis school yards working group"),
            "purpose": text(
                "Accompagner, école par école, la transformation des cours avec les parents, "
                "les enseignants et les enfants.",
                "Support, school by school, the transformation of yards with parents, "
                "teachers and children.",
            ),
            "members": (("Julie Marchand", "president"), ("Antoine Roux", "member")),
            "workshop": (
                -8,
                text(
                    "Atelier avec les parents de l’école Painlevé",
                    "Workshop with Painlevé school parents",
                ),
                text("École Painlevé, préau", "Painlevé school, covered playground"),
                "8 rue Painlevé, 69008 Lyon",
                text(
                    "## Déroulé\n\n30 parents et 12 enfants ont dessiné la cour idéale.\n\n"
                    "## Ce qui en sort\n\nUn coin potager et un chantier participatif de "
                    "plantation au printemps.",
                    "## How it went\n\n30 parents and 12 children drew their ideal yard.\n\n"
                    "## What came out\n\nA vegetable corner and a community planting day in "
                    "spring.",
                ),
                42,
                (
                    (
                        "Un potager pédagogique dans la cour Painlevé",
                        8,
                        "Des bacs cultivés par les classes, entretenus l’été par les parents.",
                    ),
                    (
                        "Un chantier participatif de plantation au printemps",
                        8,
                        "Une journée où parents, enfants et voisins plantent ensemble la cour.",
                    ),
                ),
            ),
        },
    },
    {
        "slug": "assemblee-mobilites",
        "theme": "mobility",
        "title": text("Assemblée Mobilités", "Getting around assembly"),
        "purpose": text(
            "Partager la rue entre piétons, vélos, transports en commun et voitures, et "
            "rendre la ville **accessible à tous**.",
            "Share the street between walkers, bikes, public transport and cars, and make "
            "the city **accessible to all**.",
        ),
        "members": (
            ("Karim Messaoudi", "president"),
            ("Élodie Perrin", "secretary"),
            ("Bernard Giraud", "member"),
        ),
        "workshop": (
            -15,
            text("Atelier : une Presqu’île apaisée", "Workshop: a calmer Presqu’île"),
            text("Mairie du 2e arrondissement", "2nd arrondissement town hall"),
            "2 rue d’Enghien, 69002 Lyon",
            text(
                "## Déroulé\n\n38 participants, commerçants compris, ont parcouru la "
                "Presqu’île avant de travailler en tables rondes.\n\n## Ce qui en sort\n\n"
                "- Piétonniser la rue Victor-Hugo le week-end ;\n- des livraisons à vélo-cargo "
                "le matin ;\n- des bancs tous les cent mètres pour les personnes âgées.\n\n"
                "## Désaccords\n\nLes commerçants demandent un essai de six mois avant toute "
                "décision définitive.",
                "## How it went\n\n38 participants, shopkeepers included, walked the "
                "Presqu’île before round-table work.\n\n## What came out\n\n- Car-free Rue "
                "Victor-Hugo at weekends;\n- cargo-bike deliveries in the morning;\n- "
                "benches every hundred metres for older people.\n\n## Disagreements\n\n"
                "Shopkeepers ask for a six-month trial before any final decision.",
            ),
            38,
            (
                (
                    "Livraisons en vélo-cargo dans la Presqu’île",
                    2,
                    "Un centre de livraison aux portes de la Presqu’île et des vélos-cargos "
                    "pour le dernier kilomètre, le matin.",
                ),
                (
                    "Un banc tous les cent mètres",
                    2,
                    "Pour que les personnes âgées et les personnes à mobilité réduite puissent "
                    "marcher en ville en se reposant.",
                ),
            ),
        ),
        "next": (
            20,
            text("Atelier : pistes cyclables du 8e", "Workshop: cycle lanes in the 8th"),
            text("Bibliothèque du Bachut", "Bachut library"),
            "2 place du 11-Novembre-1918, 69008 Lyon",
        ),
        "debate": (
            text(
                "Piétonniser la Presqu’île le week-end : pour ou contre ?",
                "A car-free Presqu’île at weekends: for or against?",
            ),
            text(
                "Les familles demandent de l’espace ; les commerçants craignent pour leur "
                "chiffre d’affaires. **Quels avantages, quels risques ?**",
                "Families ask for space; shopkeepers fear for their takings. **What are the "
                "benefits, what are the risks?**",
            ),
            (
                ("for", "Pour : on respire mieux et les enfants peuvent circuler."),
                ("against", "Contre : les personnes âgées viennent en voiture au marché."),
                ("neutral", "Un essai de six mois, avec des navettes gratuites, puis un bilan."),
            ),
        ),
        "working_group": None,
    },
    {
        "slug": "assemblee-logement",
        "theme": "housing",
        "title": text("Assemblée Logement et solidarités", "Housing and solidarity assembly"),
        "purpose": text(
            "Se loger à Lyon sans y consacrer la moitié de son revenu ; ne laisser personne "
            "à la rue.",
            "Find a home in Lyon without spending half one’s income on it; leave no one on "
            "the street.",
        ),
        "members": (("Fatou Ndiaye", "president"), ("Pierre-Yves Lambert", "member")),
        "workshop": (
            -30,
            text("Atelier : encadrer les loyers", "Workshop: rent control"),
            text("Centre social de la Croix-Rousse", "Croix-Rousse community centre"),
            "29 rue d’Austerlitz, 69004 Lyon",
            text(
                "## Déroulé\n\n27 participants, locataires, propriétaires et associations.\n\n"
                "## Ce qui en sort\n\nUn observatoire des loyers ouvert et une permanence "
                "juridique gratuite dans chaque arrondissement.",
                "## How it went\n\n27 participants: tenants, landlords and associations.\n\n"
                "## What came out\n\nAn open rent observatory and free legal advice in every "
                "arrondissement.",
            ),
            27,
            (
                (
                    "Un observatoire des loyers ouvert à tous",
                    4,
                    "Publier chaque trimestre les loyers constatés par quartier, en données "
                    "ouvertes.",
                ),
                (
                    "Une permanence juridique gratuite par arrondissement",
                    1,
                    "Des juristes bénévoles et des associations pour aider les locataires face "
                    "aux abus.",
                ),
            ),
        ),
        "next": None,
        "debate": None,
        "working_group": None,
    },
)
