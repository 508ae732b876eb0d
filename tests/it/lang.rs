//! The reader's language: chosen by --lang, TOPUP_LANG, the config or the
//! locale; it changes what people read and nothing a program reads.

use crate::common::*;

fn in_lang(env: &Env, lang: &str, args: &[&str]) -> Run {
    let mut cmd = env.topup(args);
    cmd.env("TOPUP_LANG", lang);
    Run::of(cmd)
}

/// JSON, and so every script, is the same in every language.
#[test]
fn json_is_byte_identical_in_every_language() {
    let env = Env::new();
    renew_ok(&env, "demo-wom", "sandbox-wom-3gb");
    for args in [
        &["balance", "--json"][..],
        &["plans", "--json"],
        &["history", "--json"],
        &["lines", "--json"],
    ] {
        let english = in_lang(&env, "en", args).ok().stdout;
        for lang in ["zh-CN", "es-CL"] {
            assert_eq!(in_lang(&env, lang, args).ok().stdout, english, "{args:?} in {lang}");
        }
    }
}

/// --lang, then TOPUP_LANG, then the config's language, then the locale.
#[test]
fn the_most_deliberate_choice_of_language_wins() {
    let env = Env::new();
    let header = |run: Run| run.ok().stdout.lines().next().unwrap_or_default().to_string();
    let mut cmd = env.topup(&["--lang", "zh-CN", "balance"]);
    cmd.env("TOPUP_LANG", "es-CL").env("LANG", "en_US.UTF-8");
    assert!(header(Run::of(cmd)).starts_with("线路"));
    let mut cmd = env.topup(&["balance"]);
    cmd.env("TOPUP_LANG", "es-CL").env("LANG", "zh_CN.UTF-8");
    assert!(header(Run::of(cmd)).starts_with("Línea"));
    let mut cmd = env.topup(&["balance"]);
    cmd.env("LC_ALL", "zh_TW.UTF-8").env("LANG", "es_CL.UTF-8");
    assert!(
        header(Run::of(cmd)).starts_with("线路"),
        "LC_ALL first; Traditional gets Simplified"
    );
    let mut cmd = env.topup(&["balance"]);
    cmd.env("LANG", "C.UTF-8");
    assert!(header(Run::of(cmd)).starts_with("Line"));
    let run = env.run(&["--lang", "fr", "balance"]).code(2);
    assert!(
        run.stderr.contains("topup speaks zh-CN, es-CL and en"),
        "{}",
        run.stderr
    );
}

/// cron starts jobs without a locale: `auto` follows the config's language.
#[test]
fn auto_without_a_locale_follows_the_configs_language() {
    let env = Env::new();
    env.write_config(&format!("language = \"es-CL\"\n{AUTO_CASA}"));
    let run = env.run(&["auto", "--dry-run"]).ok();
    assert!(
        run.stdout.contains("Decisión") && run.stdout.contains("renovaría"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("simulación: no se pagó nada"), "{}", run.stdout);
    assert!(run.stderr.contains("no se mueve plata"), "{}", run.stderr);
    // TOPUP_LANG still beats the config.
    let run = in_lang(&env, "zh-CN", &["auto", "--dry-run"]).ok();
    assert!(run.stdout.contains("将续费"), "{}", run.stdout);
}

#[test]
fn snapshots_in_chinese_and_chilean_spanish() {
    for lang in ["zh-CN", "es-CL"] {
        let env = Env::new();
        let mut all = String::new();
        for args in [
            &["balance"][..],
            &["plans", "--operator", "wom"],
            &["renew", "demo-wom", "--plan", "sandbox-wom-3gb", "--yes"],
            &["history"],
        ] {
            all.push_str(&format!("$ topup {}\n", args.join(" ")));
            all.push_str(&shown(&in_lang(&env, lang, args).ok()));
        }
        insta::assert_snapshot!(format!("lang_{lang}"), all);
    }
}

/// Chinese tables still fit 80 columns: a Chinese character takes two.
#[test]
fn chinese_tables_fit_80_columns() {
    use unicode_width::UnicodeWidthStr;
    let env = Env::new();
    renew_ok(&env, "demo-wom", "sandbox-wom-3gb");
    for args in [&["balance"][..], &["plans"], &["history"], &["lines"]] {
        let run = in_lang(&env, "zh-CN", args).ok();
        for line in run.stdout.lines() {
            assert!(line.width() <= 80, "{args:?}: {line} ({})", line.width());
        }
    }
}

/// cron and systemd start jobs without a locale: `schedule` writes the
/// language chosen for this run into both, and none when none was chosen.
#[test]
fn schedule_writes_the_chosen_language_for_cron_and_systemd() {
    let env = Env::new();
    let mut cmd = env.topup(&["schedule", "--json"]);
    cmd.env("LANG", "zh_CN.UTF-8");
    let doc = Run::of(cmd).ok().json();
    assert!(
        doc["crontab"].as_str().unwrap().contains("\nTOPUP_LANG=zh-CN\n"),
        "{doc}"
    );
    assert!(
        doc["systemd"]["service"]
            .as_str()
            .unwrap()
            .contains("Environment=\"TOPUP_LANG=zh-CN\""),
        "{doc}"
    );
    let doc = env.run(&["schedule", "--json"]).ok().json();
    assert!(!doc["crontab"].as_str().unwrap().contains("TOPUP_LANG"), "{doc}");
}

/// In Chinese, no human output is an English sentence: three English words
/// in a row that are not names, ids or units fail the test.
#[test]
fn chinese_output_has_no_english_sentence() {
    let env = Env::new();
    env.write_config(AUTO_CASA);
    env.run_fault("unknown", &["renew", "casa", "--plan", "sandbox-wom-1gb", "--yes"])
        .code(7);
    // Names, ids and units: what the reader sees as they are everywhere.
    let allowed = |w: &str| {
        w.chars().any(|c| !c.is_ascii_alphabetic())
            || [
                "sandbox", "demo", "casa", "wom", "gb", "mb", "clp", "sbx", "readme", "sim", "bolsa", "ficticia",
                "días",
            ]
            .contains(&w.to_ascii_lowercase().as_str())
    };
    for args in [
        &["balance"][..],
        &["plans"],
        &["reconcile"],
        &["renew", "casa", "--plan", "sandbox-wom-3gb", "--yes"],
        &["renew", "casa", "--plan", "sandbox-wom-3gb", "--yes"],
        &["history"],
        &["lines"],
        &["auto", "--dry-run"],
        &["config", "check"],
    ] {
        let run = in_lang(&env, "zh-CN", args);
        let text = format!("{}{}", run.stdout, run.stderr);
        for line in text.lines() {
            // Paths are names too.
            let line: Vec<&str> = line.split_whitespace().filter(|token| !token.contains('/')).collect();
            let line = line.join(" ");
            let words: Vec<&str> = line
                .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .filter(|w| !w.is_empty())
                .collect();
            let english = words.windows(3).find(|w| w.iter().all(|w| w.is_ascii() && !allowed(w)));
            assert!(english.is_none(), "{args:?}: English in `{line}`");
        }
    }
}
