//! Shiryo's domain core: meetings, the agenda tree, 資料 numbering and 和暦 dates, with no I/O.

pub mod file_kind;
pub mod kpi;
pub mod limits;
pub mod meeting;
pub mod numbering;
pub mod shidai;
pub mod shinkyu;
pub mod table;
pub mod wareki;
pub mod width;

pub use file_kind::{sniff, FileKind};
pub use meeting::{AgendaItem, Material, MaterialKind, Meeting, MeetingHeader};
pub use numbering::{agenda_label, material_label, NumberStyle};
pub use shinkyu::ShinkyuPreset;
pub use wareki::{Era, WarekiYear};
