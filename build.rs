//! Packs each language's message files (`locales/LANG/*.ftl`) into one
//! deflated blob that `src/i18n.rs` includes: the texts of three languages
//! are a quarter of their size in the binary, and only the reader's is
//! inflated, once, when the first message is shown.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for lang in ["en", "es-CL", "zh-CN"] {
        let dir = Path::new("locales").join(lang);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("a readable locales directory").path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        let mut text = String::new();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            text.push_str(&std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())));
            text.push('\n');
        }
        let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10);
        std::fs::write(Path::new(&out).join(format!("{lang}.ftl.deflate")), packed).expect("OUT_DIR is writable");
    }
}
