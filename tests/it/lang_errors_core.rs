//! topup's own errors in the reader's language: the explanation is
//! translated, the technical parts (locations, keys, commands) are not, and
//! with --json every error stays English.

use crate::common::*;

const LINES: &str = "[lines.finca]\nmsisdn = \"+56990000004\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
                     [lines.casa]\nmsisdn = \"+56990000001\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n";

fn in_lang(env: &Env, lang: &str, args: &[&str]) -> Run {
    let mut cmd = env.topup(args);
    cmd.env("TOPUP_LANG", lang);
    Run::of(cmd)
}

#[test]
fn an_unknown_line_and_its_guess_in_each_language() {
    let env = Env::new();
    env.write_config(LINES);
    let zh = in_lang(&env, "zh-CN", &["balance", "fica"]).code(2);
    assert!(zh.stderr.contains("没有名为 `fica` 的线路"), "{}", zh.stderr);
    assert!(zh.stderr.contains("您是不是要找 `finca`？"), "{}", zh.stderr);
    assert!(zh.stderr.contains("已有线路：finca, casa"), "{}", zh.stderr);
    let es = in_lang(&env, "es-CL", &["balance", "fica"]).code(2);
    assert!(
        es.stderr.contains("no hay ninguna línea llamada `fica`"),
        "{}",
        es.stderr
    );
    assert!(es.stderr.contains("¿quisiste decir `finca`?"), "{}", es.stderr);
    assert!(es.stderr.contains("líneas conocidas: finca, casa"), "{}", es.stderr);
}

#[test]
fn a_config_error_keeps_its_location_and_key() {
    let env = Env::new();
    let path = env.write_config("[auto]\nmonthly_cap_clp = 20.000\n");
    let at = format!("{}:2:19: auto.monthly_cap_clp: ", path.display());
    let zh = in_lang(&env, "zh-CN", &["balance"]).code(2);
    assert!(
        zh.stderr
            .contains(&format!("{at}TOML 把它读成了小数 20.0，而比索没有小数")),
        "{}",
        zh.stderr
    );
    assert!(
        zh.stderr.contains("所有配置项及其取值见 config.example.toml"),
        "{}",
        zh.stderr
    );
    let es = in_lang(&env, "es-CL", &["balance"]).code(2);
    assert!(
        es.stderr
            .contains(&format!("{at}TOML leyó esto como el número decimal 20.0")),
        "{}",
        es.stderr
    );
    assert!(
        es.stderr.contains("ver config.example.toml para todas las claves"),
        "{}",
        es.stderr
    );
}

#[test]
fn a_cap_refusal_in_each_language() {
    let env = Env::new();
    env.write_config(&format!("{LINES}[auto]\nmonthly_cap_clp = 1000\n"));
    let args = ["renew", "finca", "--plan", "sandbox-wom-3gb", "--yes"];
    let zh = in_lang(&env, "zh-CN", &args).code(6);
    assert!(
        zh.stderr.contains("请在配置文件中调高 monthly_cap_clp，或等到下个月"),
        "{}",
        zh.stderr
    );
    let es = in_lang(&env, "es-CL", &args).code(6);
    assert!(
        es.stderr.contains("sube monthly_cap_clp en la configuración"),
        "{}",
        es.stderr
    );
    assert_eq!(env.ledger_count(), 0);
}

#[test]
fn json_errors_stay_english() {
    let env = Env::new();
    env.write_config(LINES);
    for lang in ["zh-CN", "es-CL"] {
        let err = in_lang(&env, lang, &["balance", "fica", "--json"]).code(2).json_error();
        assert_eq!(err["message"], "no line named `fica`", "{lang}");
        assert_eq!(err["hint"], "did you mean `finca`? known lines: finca, casa", "{lang}");
    }
    env.write_config(&format!("{LINES}[auto]\nmonthly_cap_clp = 1000\n"));
    let args = ["renew", "finca", "--plan", "sandbox-wom-3gb", "--yes", "--json"];
    let err = in_lang(&env, "zh-CN", &args).code(6).json_error();
    assert_eq!(
        err["hint"],
        "raise monthly_cap_clp in the config, or wait for next month"
    );
}

#[test]
fn snapshot_of_an_unknown_line_in_each_language() {
    let env = Env::new();
    env.write_config(LINES);
    let mut all = String::new();
    for lang in ["en", "zh-CN", "es-CL"] {
        let run = in_lang(&env, lang, &["renew", "fica", "--plan", "x", "--yes"]).code(2);
        all += &format!("--- {lang}\n{}", run.stderr);
    }
    insta::assert_snapshot!(all);
}

/// A mistyped order id says, in the reader's language, that a prefix of 4
/// or more characters is enough (as `reconcile` accepts).
#[test]
fn a_mistyped_order_id_says_what_is_accepted_in_each_language() {
    let env = Env::new();
    for (lang, says) in [
        ("en", "4 or more of their first characters"),
        ("zh-CN", "开头至少 4 个字符"),
        ("es-CL", "4 o más de sus primeros caracteres"),
    ] {
        let mut cmd = env.topup(&["reconcile", "--mark-failed", "01"]);
        cmd.env("TOPUP_LANG", lang);
        let run = Run::of(cmd).code(2);
        assert!(run.stderr.contains(says), "{lang}: {}", run.stderr);
    }
}

/// clap's usage errors and serde's config errors speak the reader's
/// language; names, values and locations stay as typed.
#[test]
fn usage_and_config_errors_in_chinese_and_spanish() {
    let env = Env::new();
    let zh = in_lang(&env, "zh-CN", &["plans", "--sort", "cheap"]).code(2);
    assert!(
        zh.stderr
            .contains("'cheap' 不是 '--sort <SORT>' 的有效值 [可选值：price, price-per-gb, data, days]"),
        "{}",
        zh.stderr
    );
    let es = in_lang(&env, "es-CL", &["balance", "--bogus"]).code(2);
    assert!(
        es.stderr
            .contains("no se reconoce el argumento '--bogus'; para pasar '--bogus' como valor"),
        "{}",
        es.stderr
    );
    let zh = in_lang(&env, "zh-CN", &["history", "--since", "ayer"]).code(2);
    assert!(
        zh.stderr
            .contains("'ayer' 不是 '--since <DATE>' 的有效值：`ayer` 不是日期"),
        "{}",
        zh.stderr
    );
    let zh = in_lang(&env, "zh-CN", &["balance", "-q", "-v"]).code(2);
    assert!(
        zh.stderr.contains("参数 '--quiet' 不能与 '--verbose' 同时使用"),
        "{}",
        zh.stderr
    );
    // --json: clap's English, as JSON.
    let json = in_lang(&env, "zh-CN", &["plans", "--sort", "cheap", "--json"]).code(2);
    assert!(
        json.stderr.contains("invalid value 'cheap' for '--sort <SORT>'"),
        "{}",
        json.stderr
    );

    let path = env.write_config("[lines.casa]\nmsisdn = 5\noperator = \"entelx\"\ncolour = 1\n");
    let zh = in_lang(&env, "zh-CN", &["balance"]).code(2);
    assert!(
        zh.stderr.contains(&format!(
            "{}:2:10: lines.casa.msisdn: 类型不对：这里写的是整数 5，应为文本（加引号）",
            path.display()
        )),
        "{}",
        zh.stderr
    );
    env.write_config("[lines.casa]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"entel\"\ncolour = 1\n");
    let es = in_lang(&env, "es-CL", &["balance"]).code(2);
    assert!(
        es.stderr
            .contains("lines.casa.colour: clave desconocida `colour`; aquí valen: `msisdn`, `operator`"),
        "{}",
        es.stderr
    );
    env.write_config("[lines.casa\n");
    let zh = in_lang(&env, "zh-CN", &["balance"]).code(2);
    assert!(
        zh.stderr.contains(":1:12: TOML 解析器报告：unclosed table"),
        "{}",
        zh.stderr
    );
    let en = in_lang(&env, "en", &["balance"]).code(2);
    assert!(
        en.stderr.contains(":1:12: unclosed table, expected `]`"),
        "{}",
        en.stderr
    );
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    let es = in_lang(&env, "es-CL", &["balance"]).code(2);
    assert!(
        es.stderr.contains(&format!(
            "el archivo de configuración {} es una carpeta, no un archivo común",
            path.display()
        )),
        "{}",
        es.stderr
    );
}
