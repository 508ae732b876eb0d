//! `operators`, `auto`'s reasons and `schedule`'s comments in the reader's
//! language; the JSON stays the same in every language.

use crate::common::*;

fn in_lang(env: &Env, lang: &str, args: &[&str]) -> Run {
    let mut cmd = env.topup(args);
    cmd.env("TOPUP_LANG", lang);
    Run::of(cmd)
}

#[test]
fn operators_wom_in_chinese_and_chilean_spanish() {
    let env = Env::new();
    for lang in ["zh-CN", "es-CL"] {
        let run = in_lang(&env, lang, &["operators", "wom"]).ok();
        insta::assert_snapshot!(format!("operators_wom_{lang}"), run.stdout);
    }
}

/// Facts keep their URLs and codes in every language.
#[test]
fn operators_keep_codes_and_urls() {
    let env = Env::new();
    let english = env.run(&["operators"]).ok().stdout;
    let url = regex::Regex::new(r"https?://[A-Za-z0-9./_:%?=&#~-]+").unwrap();
    let urls = |text: &str| -> Vec<String> { url.find_iter(text).map(|m| m.as_str().to_string()).collect() };
    for lang in ["zh-CN", "es-CL"] {
        let text = in_lang(&env, lang, &["operators"]).ok().stdout;
        assert_eq!(urls(&text), urls(&english), "{lang}");
        for token in ["*103#", "[[operators.wom.plan]]", "balance_ussd", "730-07"] {
            assert!(text.contains(token), "{lang}: {token}");
        }
    }
}

#[test]
fn operators_json_is_byte_identical_in_every_language() {
    let env = Env::new();
    for args in [&["operators", "--json"][..], &["operators", "wom", "--json"]] {
        let english = in_lang(&env, "en", args).ok().stdout;
        for lang in ["zh-CN", "es-CL"] {
            assert_eq!(in_lang(&env, lang, args).ok().stdout, english, "{args:?} in {lang}");
        }
    }
}

fn auto_config(env: &Env) {
    env.write_config(AUTO_CASA);
}

#[test]
fn auto_reason_in_chinese_and_spanish() {
    let env = Env::new();
    auto_config(&env);
    let zh = in_lang(&env, "zh-CN", &["auto", "--dry-run"]).ok().stdout;
    assert!(zh.contains("流量 300 MB < 1 GB"), "{zh}");
    let es = in_lang(&env, "es-CL", &["auto", "--dry-run"]).ok().stdout;
    assert!(es.contains("datos 300 MB < 1 GB"), "{es}");
}

#[test]
fn auto_json_reason_stays_english() {
    let env = Env::new();
    auto_config(&env);
    let args = &["auto", "--dry-run", "--json"];
    let english = in_lang(&env, "en", args).ok().stdout;
    assert!(english.contains("data 300 MB < 1 GB"), "{english}");
    for lang in ["zh-CN", "es-CL"] {
        assert_eq!(in_lang(&env, lang, args).ok().stdout, english, "{lang}");
    }
}

/// The comments are translated; what is copied (cron line, units) is not.
#[test]
fn schedule_comments_in_chinese() {
    let env = Env::new();
    auto_config(&env);
    let zh = in_lang(&env, "zh-CN", &["schedule"]).ok().stdout;
    assert!(zh.contains("# --- cron：用 `crontab -e` 添加 ---"), "{zh}");
    assert!(zh.contains("loginctl enable-linger $USER"), "{zh}");
    assert!(zh.contains("[Service]") && zh.contains("auto --wait-lock 5m"), "{zh}");
}

/// `--help` in the reader's language, fitting 80 columns; English help is
/// the derive's, unchanged.
#[test]
fn help_in_chinese_and_spanish_fits_80_columns() {
    let env = Env::new();
    let english = in_lang(&env, "en", &["--help"]).ok().stdout;
    assert!(english.contains("Top-up assistant for prepaid mobile lines"));
    for (lang, words) in [
        ("zh-CN", "智利预付费手机线路充值助手"),
        ("es-CL", "Asistente de recargas"),
    ] {
        for args in [&["--help"][..], &["-h"], &["operators", "--help"], &["balance", "-h"]] {
            let help = in_lang(&env, lang, args).ok().stdout;
            if args.len() == 1 {
                assert!(help.contains(words), "{lang} {args:?}: {help}");
            }
            for line in help.lines() {
                let width = unicode_width::UnicodeWidthStr::width(line);
                assert!(width <= 80, "{lang} {args:?}: {line}");
            }
        }
    }
    let mut cmd = env.topup(&["--lang", "zh-CN", "operators", "--help"]);
    cmd.env("TOPUP_LANG", "es-CL");
    let help = Run::of(cmd).ok().stdout;
    assert!(help.starts_with("topup 对各运营商的了解"), "{help}");
}
