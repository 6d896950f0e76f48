//! Whether a workspace lies on a network file system (an SMB share, NFS), where SQLite's WAL mode is unsafe: WAL
//! keeps its index in shared memory (the -shm file, memory-mapped), which processes on different machines do not
//! share, and network file systems do not keep it coherent. Such a workspace is opened in rollback-journal mode
//! with exclusive locking instead (docs/architecture.md, "A workspace on a network drive").

use std::path::Path;

/// Network file systems by their `statfs` magic number (`linux/magic.h` and the kernel's fs sources).
#[cfg(target_os = "linux")]
const NETWORK_MAGICS: &[(u64, &str)] = &[
    (0x6969, "nfs"),
    (0xFF53_4D42, "cifs"),
    (0xFE53_4D42, "smb2"),
    (0x517B, "smbfs"),
    (0x5346_414F, "afs"),
    (0x6B41_4653, "kafs"),
    (0x00C3_6400, "ceph"),
    (0x7375_7245, "coda"),
    (0x564C, "ncpfs"),
    (0x0102_1997, "9p"),
];

/// The network file system of a `statfs` magic number, if it is one.
#[cfg(target_os = "linux")]
pub(crate) fn network_fs_name(magic: u64) -> Option<&'static str> {
    NETWORK_MAGICS.iter().find(|(m, _)| *m == magic).map(|(_, name)| *name)
}

/// The network file system the file or folder at `path` lies on (Linux: `statfs`), `None` for a local one or
/// when it cannot be told.
#[cfg(target_os = "linux")]
pub fn network_file_system(path: &Path) -> Option<&'static str> {
    // A file not created yet: its folder decides.
    let probe = if path.exists() { path } else { path.parent().filter(|p| !p.as_os_str().is_empty())? };
    let stat = rustix::fs::statfs(probe).ok()?;
    // `f_type` is a signed or unsigned integer of the platform's width; the magic numbers fit in 32 bits.
    #[allow(clippy::unnecessary_cast)]
    let magic = stat.f_type as u64 & 0xFFFF_FFFF;
    network_fs_name(magic)
}

/// Windows: a UNC path (`\\server\share\…`), or a drive letter mapped to one — `canonicalize` resolves a mapped
/// drive to its `\\?\UNC\server\share\…` form — is a network share.
#[cfg(windows)]
pub fn network_file_system(path: &Path) -> Option<&'static str> {
    use std::path::{Component, Prefix};
    let probe = if path.exists() { path } else { path.parent()? };
    let resolved = std::fs::canonicalize(probe).unwrap_or_else(|_| probe.to_path_buf());
    match resolved.components().next() {
        Some(Component::Prefix(p)) if matches!(p.kind(), Prefix::UNC(..) | Prefix::VerbatimUNC(..)) => Some("smb"),
        _ => None,
    }
}

/// Elsewhere (macOS, the BSDs) network shares are not told apart: WAL as on a local disk.
#[cfg(not(any(target_os = "linux", windows)))]
pub fn network_file_system(_path: &Path) -> Option<&'static str> {
    None
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn smb_cifs_and_nfs_magics_are_network_file_systems_and_local_ones_are_not() {
        assert_eq!(network_fs_name(0xFE53_4D42), Some("smb2"));
        assert_eq!(network_fs_name(0xFF53_4D42), Some("cifs"));
        assert_eq!(network_fs_name(0x6969), Some("nfs"));
        // ext4, tmpfs, btrfs, xfs, overlayfs: local.
        for local in [0xEF53, 0x0102_1994, 0x9123_683E, 0x5846_5342, 0x794C_7630] {
            assert_eq!(network_fs_name(local), None, "{local:#x}");
        }
    }

    #[test]
    fn a_temporary_folder_and_a_file_in_it_are_on_a_local_file_system() {
        let dir = tempfile::tempdir().unwrap();
        let stat = rustix::fs::statfs(dir.path()).unwrap();
        assert_ne!(stat.f_type, 0, "statfs answered for the folder");
        assert_eq!(network_file_system(dir.path()), None);
        assert_eq!(network_file_system(&dir.path().join("not-yet.shiryo")), None);
    }
}
