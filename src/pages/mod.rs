//! One module per screen. Views only: logic lives in `crate::core`, text in `crate::content`.

pub mod call;
pub mod card;
pub mod check;
pub mod glossary;
pub mod guide;
pub mod home;
pub mod missing;
pub mod not_found;
pub mod settings;
pub mod share;
pub mod sources;

pub use call::CallPage;
pub use card::CardPage;
pub use check::CheckPage;
pub use glossary::{GlossaryPage, TermPage};
pub use guide::{GuidePage, SectionPage};
pub use home::HomePage;
pub use missing::MissingPage;
pub use not_found::NotFound;
pub use settings::SettingsPage;
pub use share::SharePage;
pub use sources::SourcesPage;
