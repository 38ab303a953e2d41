//! The five statuses of an action and the keys editors write for them.

/// The keys editors write for the statuses (`status:` of an action,
/// `sleutel:` in the legend), in the order of [`Status::ALL`].
pub(crate) const STATUS_KEYS: &[&str] = &[
    "afgerond",
    "in-uitvoering",
    "vertraging",
    "doorlopend",
    "niet-gestart",
];

/// The status of an action. The order is the order of the legend and the
/// dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Afgerond: the action is done.
    Afgerond,
    /// In uitvoering: the action is being carried out.
    InUitvoering,
    /// Vertraging: being carried out, but delayed.
    Vertraging,
    /// Doorlopend: a continuing action, with no end date.
    Doorlopend,
    /// Nog niet gestart: the action has not started yet.
    NietGestart,
}

impl Status {
    /// The five statuses, in the order of the legend and the dashboard.
    pub const ALL: [Status; 5] = [
        Status::Afgerond,
        Status::InUitvoering,
        Status::Vertraging,
        Status::Doorlopend,
        Status::NietGestart,
    ];

    /// The key editors write in front matter, also the CSS class suffix.
    pub fn key(self) -> &'static str {
        STATUS_KEYS[self.index()]
    }

    /// The status's place in [`Status::ALL`] (0 to 4), to index per-status arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The status whose legend label is typed where a key belongs ("Nog
    /// niet gestart", "In uitvoering, vertraging").
    pub(crate) fn from_label(found: &str) -> Option<Status> {
        let slug: Vec<String> = found
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let slug = slug.join("-");
        // The most specific first: "in uitvoering, vertraging" is vertraging.
        [
            "vertraging",
            "niet-gestart",
            "afgerond",
            "doorlopend",
            "in-uitvoering",
        ]
        .into_iter()
        .find(|key| slug.contains(key))
        .and_then(Status::from_key)
    }

    /// The label as the published annex prints it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Afgerond => "Afgerond",
            Status::InUitvoering => "In uitvoering",
            Status::Vertraging => "In uitvoering, vertraging",
            Status::Doorlopend => "Doorlopend",
            Status::NietGestart => "Nog niet gestart",
        }
    }

    /// The status as a phrase in running text ("5 in uitvoering met vertraging").
    pub fn phrase(self) -> &'static str {
        match self {
            Status::Afgerond => "afgerond",
            Status::InUitvoering => "in uitvoering",
            Status::Vertraging => "in uitvoering met vertraging",
            Status::Doorlopend => "doorlopend",
            Status::NietGestart => "nog niet gestart",
        }
    }
}
