//! The Debian package's metadata (`[package.metadata.deb]` in Cargo.toml)
//! and its systemd units: every asset comes from the repository, the build or
//! `scripts/dist.sh --assets`, lands where its system looks for it, and the
//! units run `topup auto` as `topup schedule` prints it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::*;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// One `assets` entry: `[source, destination, mode]`.
struct Asset {
    source: String,
    destination: String,
}

fn deb_assets() -> Vec<Asset> {
    let manifest: toml::Table = std::fs::read_to_string(Path::new(REPO).join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let assets = manifest["package"]["metadata"]["deb"]["assets"].as_array().unwrap();
    assets
        .iter()
        .map(|entry| {
            let fields: Vec<&str> = entry.as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
            let [source, destination, mode] = fields[..] else {
                panic!("an asset is [source, destination, mode]: {fields:?}");
            };
            assert!(u32::from_str_radix(mode, 8).is_ok(), "mode {mode:?} of {source}");
            Asset {
                source: source.to_string(),
                destination: destination.to_string(),
            }
        })
        .collect()
}

/// The files a source names: a path, or `*` in its last component.
fn matching(dir: &Path, pattern: &str) -> Vec<PathBuf> {
    let path = dir.join(pattern);
    let name = path.file_name().unwrap().to_str().unwrap();
    let Some((prefix, suffix)) = name.split_once('*') else {
        return if path.is_file() { vec![path] } else { Vec::new() };
    };
    let Ok(entries) = std::fs::read_dir(path.parent().unwrap()) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            n.len() >= prefix.len() + suffix.len() && n.starts_with(prefix) && n.ends_with(suffix)
        })
        .collect()
}

#[test]
fn deb_assets_come_from_the_repository_the_build_or_dist_sh() {
    let made = tempfile::tempdir().unwrap();
    let script = std::process::Command::new("bash")
        .arg(Path::new(REPO).join("scripts/dist.sh"))
        .arg("--assets")
        .arg(assert_cmd::cargo::cargo_bin("topup"))
        .arg(made.path())
        .output()
        .unwrap();
    assert!(script.status.success(), "{}", String::from_utf8_lossy(&script.stderr));

    let mut installed = BTreeSet::new();
    for asset in deb_assets() {
        let files = if asset.source == "target/release/topup" {
            // cargo-deb takes the binary from the build it packages.
            vec![PathBuf::from("topup")]
        } else if let Some(generated) = asset.source.strip_prefix("target/assets/") {
            matching(made.path(), generated)
        } else {
            matching(Path::new(REPO), &asset.source)
        };
        assert!(!files.is_empty(), "nothing makes {}", asset.source);
        for file in files {
            installed.insert(match asset.destination.strip_suffix('/') {
                Some(dir) => format!("{dir}/{}", file.file_name().unwrap().to_str().unwrap()),
                None => asset.destination.clone(),
            });
        }
    }
    for path in [
        "usr/bin/topup",
        "usr/share/man/man1/topup.1",
        "usr/share/man/man1/topup-renew.1",
        "usr/share/man/man1/topup-config-init.1",
        "usr/share/bash-completion/completions/topup",
        "usr/share/zsh/vendor-completions/_topup",
        "usr/share/fish/vendor_completions.d/topup.fish",
        "usr/lib/systemd/user/topup-auto.service",
        "usr/lib/systemd/user/topup-auto.timer",
        "usr/share/doc/topup/config.example.toml",
        "usr/share/doc/topup/LICENSE-MIT",
        "usr/share/doc/topup/LICENSE-APACHE",
    ] {
        assert!(installed.contains(path), "{path} is not in the package: {installed:#?}");
    }
}

/// A unit's lines that must agree: not its comments, nor `schedule`'s
/// `Environment=` (this run's state directory and language).
fn unit_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("Environment="))
        .collect()
}

#[test]
fn packaged_units_run_auto_as_schedule_prints_it() {
    let env = Env::new();
    let doc = env.run(&["schedule", "--json"]).ok().json();
    let command = doc["command"].as_str().unwrap();
    // `schedule` names this binary; the package's is /usr/bin/topup.
    let arguments = &command[command.find(" auto ").unwrap()..];
    let exec_start = format!("ExecStart=/usr/bin/topup{arguments}");
    let printed_service: Vec<String> = unit_lines(doc["systemd"]["service"].as_str().unwrap())
        .into_iter()
        .map(|l| {
            if l.starts_with("ExecStart=") {
                exec_start.clone()
            } else {
                l.to_string()
            }
        })
        .collect();

    let packaged = |name: &str| std::fs::read_to_string(Path::new(REPO).join("packaging/systemd").join(name)).unwrap();
    let service = packaged("topup-auto.service");
    assert_eq!(unit_lines(&service), printed_service);
    assert!(service.contains(&exec_start), "{service}");
    let timer = packaged("topup-auto.timer");
    assert_eq!(
        unit_lines(&timer),
        unit_lines(doc["systemd"]["timer"].as_str().unwrap())
    );
}
