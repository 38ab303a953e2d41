//! The words the generated texts are made of: subjects, verbs, objects,
//! titles, links and code blocks, picked by the seeded generator.

pub(crate) const PLANJAREN: [u16; 7] = [2024, 2025, 2026, 2027, 2028, 2029, 2030];

pub(crate) const SUBJECTS: &[&str] = &[
    "Het ministerie van Justitie en Veiligheid",
    "CoMensha",
    "De Nationale Politie",
    "Het Openbaar Ministerie",
    "De Nederlandse Arbeidsinspectie",
    "Het Expertisecentrum Mensenhandel en Mensensmokkel",
    "De VNG",
    "FairWork",
    "Het Centrum tegen Kinderhandel en Mensenhandel",
    "De Koninklijke Marechaussee",
    "Het netwerk van zorgcoördinatoren",
    "Het projectteam",
    "De landelijke werkgroep",
    "Het Schakelpunt Mensenhandel",
    "De gemeente Rotterdam",
];

pub(crate) const VERBS: &[&str] = &[
    "heeft in het afgelopen half jaar gewerkt aan",
    "werkt samen met de ketenpartners aan",
    "onderzoekt op dit moment",
    "rondt dit jaar af:",
    "ontwikkelt in overleg met de regio's",
    "evalueert",
    "heeft een eerste versie opgeleverd van",
    "bereidt de landelijke uitrol voor van",
    "financiert",
    "verkent de mogelijkheden voor",
];

pub(crate) const OBJECTS: &[&str] = &[
    "een handreiking voor eerstelijns professionals",
    "de e-learning over signalen van uitbuiting",
    "een landelijk dekkend netwerk van zorgcoördinatoren",
    "een verkenning naar de meldingsbereidheid van slachtoffers",
    "de pilot met multidisciplinaire interventieteams",
    "het registratiesysteem voor slachtoffers",
    "de communicatiecampagne gericht op klanten",
    "een kennisdocument over criminele uitbuiting",
    "de training voor medewerkers van de reclassering",
    "een overzicht van opvangplekken per regio",
    "de werkwijze voor het vroegtijdig signaleren van arbeidsuitbuiting",
    "afspraken over gegevensdeling tussen gemeenten",
];

pub(crate) const TAILS: &[&str] = &[
    ".",
    ", zodat signalen eerder worden herkend.",
    ", in nauwe samenwerking met de gemeenten.",
    ". De resultaten worden in het voorjaar verwacht.",
    ", waarbij ervaringsdeskundigen actief worden betrokken.",
    ". Daarbij is extra aandacht voor arbeidsuitbuiting.",
    ". De planning is bijgesteld vanwege beperkte capaciteit.",
    ". Het eindrapport wordt na de zomer aan de Tweede Kamer gestuurd.",
    ", met een looptijd van twee jaar.",
];

pub(crate) const TITLE_HEADS: &[&str] = &[
    "Verkenning",
    "Pilot",
    "Doorontwikkeling",
    "Evaluatie",
    "Versterking",
    "Landelijke uitrol",
    "Onderzoek naar",
    "Kennisdeling over",
];

pub(crate) const TITLE_TOPICS: &[&str] = &[
    "meldingsbereidheid bij arbeidsuitbuiting",
    "het centraal informatiepunt",
    "opvang voor slachtoffers",
    "bewustwording in het onderwijs",
    "de aanpak van klanten",
    "bestuurlijke weerbaarheid",
    "signalering door eerstelijns professionals",
    "non-punishment in de opsporing",
    "ondersteuning van arbeidsmigranten",
    "zorgcoördinatie in de regio",
    "ronselen via sociale media",
    "de ketenregie",
];

pub(crate) const LINKS: &[(&str, &str)] = &[
    (
        "het rapport",
        "https://www.rijksoverheid.nl/documenten/rapporten/2025/06/12/monitor",
    ),
    ("de website van CoMensha", "https://www.comensha.nl"),
    (
        "de handreiking",
        "https://www.vng.nl/publicaties/handreiking-mensenhandel",
    ),
    (
        "de Kamerbrief",
        "https://www.tweedekamer.nl/kamerstukken/brieven",
    ),
];

pub(crate) const HEADINGS: &[&str] = &["Resultaten", "Vervolg", "Stand van zaken", "Knelpunten"];

/// Code blocks as they appear in progress texts: a few fixed snippets (a data
/// sample, a query), so the same block recurs across actions.
pub(crate) const CODE: &[(&str, &str)] = &[
    (
        "json",
        "{\n  \"meldingen\": 412,\n  \"regio\": \"Midden-Nederland\",\n  \"periode\": \"2025-Q2\"\n}\n",
    ),
    (
        "yaml",
        "indicator: meldingen\nbron: registratiesysteem\nfrequentie: per kwartaal\n",
    ),
    (
        "sql",
        "SELECT regio, COUNT(*) AS meldingen\nFROM signalen\nWHERE jaar = 2025\nGROUP BY regio;\n",
    ),
];
