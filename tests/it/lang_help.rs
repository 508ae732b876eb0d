//! Every command's `--help` in the reader's language: about, arguments and
//! examples translated, fitting 80 columns; the example command lines and
//! English help stay as they are.

use crate::common::*;

fn help(env: &Env, lang: &str, args: &[&str]) -> String {
    let mut cmd = env.topup(args);
    cmd.env("TOPUP_LANG", lang);
    Run::of(cmd).ok().stdout
}

/// Every command path, `topup` itself first.
fn commands() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, all: &mut Vec<Vec<String>>) {
        all.push(path.clone());
        for sub in cmd.get_subcommands() {
            let mut path = path.clone();
            path.push(sub.get_name().to_string());
            walk(sub, path, all);
        }
    }
    let mut all = Vec::new();
    walk(
        &<topup::cli::Cli as clap::CommandFactory>::command(),
        Vec::new(),
        &mut all,
    );
    all
}

fn help_of(env: &Env, lang: &str, path: &[String]) -> String {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("--help");
    help(env, lang, &args)
}

/// The example lines' commands, without their `# comments`.
fn example_commands(help: &str, heading: &str) -> Vec<String> {
    let Some((_, examples)) = help.split_once(&format!("\n{heading}\n")) else {
        return Vec::new();
    };
    examples
        .lines()
        .take_while(|l| l.starts_with("  "))
        // English's longest comment is wrapped by clap onto a line of its own.
        .filter(|l| l.trim_start().starts_with("topup") || l.trim_start().starts_with("--"))
        .map(|l| l.split(" # ").next().unwrap_or(l).trim_end().to_string())
        .collect()
}

#[test]
fn renew_and_balance_help_in_chinese_and_spanish() {
    let env = Env::new();
    let zh = help(&env, "zh-CN", &["renew", "--help"]);
    for words in [
        "为线路购买套餐",
        "等待付款确认的时长",
        "即使在 --again-after 时间内已确认过",
        "示例：",
        "--dry-run  # 预览后停止",
        "# 引导式：线路、套餐、付款方式、核对、付款",
    ] {
        assert!(zh.contains(words), "{words}: {zh}");
    }
    let es = help(&env, "es-CL", &["renew", "--help"]);
    for words in [
        "Compra una bolsa",
        "Cuánto esperar a que se confirme el pago",
        "Ejemplos:",
        "--yes      # sin preguntar",
    ] {
        assert!(es.contains(words), "{words}: {es}");
    }
    let zh = help(&env, "zh-CN", &["balance", "--help"]);
    for words in ["所有已配置的线路", "线路名或电话号码", "# 只看一条线路，以 JSON 输出"] {
        assert!(zh.contains(words), "{words}: {zh}");
    }
    let es = help(&env, "es-CL", &["balance", "--help"]);
    for words in [
        "Todas las líneas configuradas",
        "# saldo, datos y vigencia de cada bolsa",
    ] {
        assert!(es.contains(words), "{words}: {es}");
    }
    for text in [&zh, &es] {
        assert!(!text.contains("Examples:"), "{text}");
        assert!(!text.contains("Every configured line"), "{text}");
    }
}

/// Each command's help in each language: its own words, 80 columns at most,
/// and the same example commands as in English.
#[test]
fn every_command_help_fits_and_keeps_the_example_commands() {
    let env = Env::new();
    for path in commands() {
        let english = help_of(&env, "en", &path);
        let commands = example_commands(&english, "Examples:");
        assert!(!commands.is_empty(), "{path:?}: {english}");
        for (lang, heading) in [("zh-CN", "示例："), ("es-CL", "Ejemplos:")] {
            let text = help_of(&env, lang, &path);
            assert_ne!(text, english, "{lang} {path:?}");
            assert_eq!(example_commands(&text, heading), commands, "{lang} {path:?}: {text}");
            for line in text.lines() {
                let width = unicode_width::UnicodeWidthStr::width(line);
                assert!(width <= 80, "{lang} {path:?} ({width}): {line}");
            }
            // clap's own words too: headings, its flags, value notes.
            for english in [
                "Usage:",
                "Commands:",
                "Arguments:",
                "Options:",
                "Print help",
                "Print version",
                "[default:",
                "possible values",
                "Possible values",
                "Print this message",
            ] {
                assert!(!text.contains(english), "{lang} {path:?}: {english}: {text}");
            }
        }
    }
}

/// English help is the derive's own, whatever the messages say.
#[test]
fn english_help_is_the_derives() {
    let env = Env::new();
    for path in commands() {
        let mut cmd = <topup::cli::Cli as clap::CommandFactory>::command();
        let mut args = vec!["topup".to_string()];
        args.extend(path.iter().cloned());
        args.push("--help".into());
        let want = cmd.try_get_matches_from_mut(&args).unwrap_err().to_string();
        assert_eq!(help_of(&env, "en", &path), want, "{path:?}");
    }
}

/// `topup help CMD` is `topup CMD --help`, in the reader's language too;
/// short help (`-h`) lists values and defaults in it.
#[test]
fn the_help_subcommand_and_short_help_in_chinese_and_spanish() {
    let env = Env::new();
    for lang in ["zh-CN", "es-CL", "en"] {
        assert_eq!(
            help(&env, lang, &["help", "renew"]),
            help(&env, lang, &["renew", "--help"]),
            "{lang}"
        );
        assert_eq!(help(&env, lang, &["help"]), help(&env, lang, &["--help"]), "{lang}");
    }
    let zh = help(&env, "zh-CN", &["renew", "-h"]);
    for words in [
        "用法：topup renew [OPTIONS] [LINE]",
        "[可选值：sandbox,",
        "[默认：2m]",
        "-h, --help",
        "显示帮助（用 '--help' 查看详细说明）",
    ] {
        assert!(zh.contains(words), "{words}: {zh}");
    }
    let zh = help(&env, "zh-CN", &["renew", "--help"]);
    assert!(zh.contains("可选值：\n"), "{zh}");
    assert!(
        zh.contains("- saldo:    通过 USSD 用线路自己的余额 (saldo) 购买"),
        "{zh}"
    );
    let es = help(&env, "es-CL", &["--help"]);
    for words in [
        "Uso: topup [OPTIONS] <COMMAND>",
        "Comandos:",
        "Opciones:",
        "Muestra la versión",
    ] {
        assert!(es.contains(words), "{words}: {es}");
    }
}

/// Help and usage errors come before the config is read, yet follow its
/// `language` (cron and a shell without a locale), unless TOPUP_LANG or
/// --lang says otherwise; a config that does not read leaves the locale.
#[test]
fn help_and_usage_errors_follow_the_configs_language() {
    let env = Env::new();
    env.write_config("language = \"zh-CN\"\n");
    let run = Run::of(env.topup(&["renew", "--help"])).ok();
    assert!(run.stdout.contains("用法：topup renew"), "{}", run.stdout);
    let run = Run::of(env.topup(&["plans", "--sort", "cheap"])).code(2);
    assert!(run.stderr.contains("不是 '--sort <SORT>' 的有效值"), "{}", run.stderr);
    assert!(help(&env, "es-CL", &["renew", "--help"]).contains("Uso: topup renew"));
    let run = Run::of(env.topup(&["--lang", "en", "renew", "--help"])).ok();
    assert!(run.stdout.contains("Usage: topup renew"), "{}", run.stdout);
    let other = env.write_file("otro.toml", "language = \"es-CL\"\n");
    let run = Run::of(env.topup(&["--config", other.to_str().unwrap(), "renew", "-h"])).ok();
    assert!(run.stdout.contains("Uso: topup renew"), "{}", run.stdout);
    env.write_config("language = \"zh-CN\"\n[lines\n");
    let run = Run::of(env.topup(&["renew", "--help"])).ok();
    assert!(run.stdout.contains("Usage: topup renew"), "{}", run.stdout);
}
