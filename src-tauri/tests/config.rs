//! The shell's security settings as shipped: a change that loosens them must fail here first.
//! (Being an integration test, it also makes `cargo test` build the `shiryo-desktop` binary that the
//! end-to-end tests drive, with the same features, so CI builds the heavy Tauri graph once.)
#![allow(clippy::unwrap_used)] // a test that cannot read the shipped config should fail loudly

use std::path::Path;

use serde_json::Value;

fn json(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn no_global_tauri_and_a_strict_local_only_csp() {
    let conf = json("tauri.conf.json");
    assert_eq!(conf["app"]["withGlobalTauri"], Value::Bool(false));
    let csp = conf["app"]["security"]["csp"].as_str().unwrap();
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    assert!(directives.contains(&"default-src 'self'"), "{csp}");
    assert!(directives.contains(&"script-src 'self'"), "scripts only from the app itself: {csp}");
    for remote in ["http:", "https:", "*", "unsafe-eval"] {
        assert!(!csp.contains(remote), "the CSP must not allow {remote}: {csp}");
    }
    assert_eq!(conf["build"]["frontendDist"], "../ui/dist", "the window loads the bundled UI, never a URL");
}

#[test]
fn the_window_gets_only_core_permissions() {
    let cap = json("capabilities/default.json");
    assert_eq!(cap["permissions"], serde_json::json!(["core:default"]));
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
}

#[test]
fn the_desktop_binary_is_built() {
    assert!(Path::new(env!("CARGO_BIN_EXE_shiryo-desktop")).is_file());
}

#[test]
fn plugins_are_used_from_rust_without_granting_the_page_their_commands() {
    // tauri-plugin-dialog: the backend opens the save/open dialogs itself (the page never names a path), so no
    // `dialog:` permission is granted; nor any `fs:`, `shell:` or `opener:` one. tauri-plugin-window-state saves and
    // restores the window from Rust alone, so its `window-state:` commands are not granted either.
    let cap = json("capabilities/default.json");
    let permissions = cap["permissions"].as_array().unwrap();
    for granted in permissions {
        let name = granted.as_str().or_else(|| granted["identifier"].as_str()).unwrap();
        for plugin in ["dialog:", "fs:", "shell:", "opener:", "window-state:"] {
            assert!(!name.starts_with(plugin), "{name} must not be granted to the page");
        }
    }
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("tauri-plugin-shell"), "no shell execution");
}
