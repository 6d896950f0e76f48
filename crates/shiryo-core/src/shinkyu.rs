//! The headings preset of a 新旧対照表: the one type the engine, the app, the CLI and the store share.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Headings and caption of the table, as bodies word them. Stored and sent as its [`code`](Self::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ShinkyuPreset {
    /// 新 / 旧, no caption of its own (as 資料3-2 of the seed).
    #[default]
    ShinKyu,
    /// 改正後 / 改正前 （傍線部分は改正部分）
    Kaisei,
    /// 改正案 / 現行 （傍線部分は改正部分）: before the revision is decided.
    AnGenko,
}

impl ShinkyuPreset {
    /// Every preset, in the order a chooser lists them.
    pub const ALL: [ShinkyuPreset; 3] = [ShinkyuPreset::ShinKyu, ShinkyuPreset::Kaisei, ShinkyuPreset::AnGenko];

    /// The code stored in the workspace, sent over IPC and given to `shiryo shinkyu --preset`.
    pub fn code(self) -> &'static str {
        match self {
            ShinkyuPreset::ShinKyu => "shin-kyu",
            ShinkyuPreset::Kaisei => "kaisei",
            ShinkyuPreset::AnGenko => "an-genko",
        }
    }

    /// The preset of a code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<ShinkyuPreset> {
        ShinkyuPreset::ALL.into_iter().find(|p| p.code() == code)
    }

    /// (new heading, old heading, caption).
    pub fn wording(self) -> (&'static str, &'static str, Option<&'static str>) {
        match self {
            ShinkyuPreset::ShinKyu => ("新", "旧", None),
            ShinkyuPreset::Kaisei => ("改正後", "改正前", Some("（傍線部分は改正部分）")),
            ShinkyuPreset::AnGenko => ("改正案", "現行", Some("（傍線部分は改正部分）")),
        }
    }
}

impl std::str::FromStr for ShinkyuPreset {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ShinkyuPreset::from_code(s).ok_or_else(|| {
            let codes: Vec<&str> = ShinkyuPreset::ALL.iter().map(|p| p.code()).collect();
            format!("unknown preset {s:?} (one of {})", codes.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_its_preset_and_serde_writes_the_same_code() {
        for p in ShinkyuPreset::ALL {
            assert_eq!(ShinkyuPreset::from_code(p.code()), Some(p));
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.code()));
        }
        assert_eq!(ShinkyuPreset::from_code("nonsense"), None);
        assert!("shinkyu".parse::<ShinkyuPreset>().unwrap_err().contains("shin-kyu, kaisei, an-genko"));
    }
}
