//! Channel errors (the sandbox, the modem) and their hints in the reader's
//! language; with `--json` they stay English, for programs.

use crate::common::*;

const RENEW_ENTEL_1GB: [&str; 5] = ["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes"];

fn in_lang(env: &Env, lang: &str, fault: &str, args: &[&str]) -> Run {
    let mut cmd = env.topup(args);
    cmd.env("TOPUP_LANG", lang).env("TOPUP_SANDBOX_FAULT", fault);
    Run::of(cmd)
}

/// The one line on stderr that starts with the error label, `错误：` in
/// Chinese, `error:` in Spanish (whose sandbox banner `error_line` does not
/// know).
#[track_caller]
fn error_in(run: &Run, label: &str) -> String {
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with(label)).collect();
    assert_eq!(errors.len(), 1, "one error line expected on stderr:\n{}", run.stderr);
    errors[0].to_string()
}

/// A line read through a modem whose mmcli is not there.
fn missing_mmcli(env: &Env, lang: &str, args: &[&str]) -> Run {
    env.write_config("[lines.finca]\nmsisdn = \"987654321\"\nbalance = \"modem\"\n");
    let mut cmd = env.topup(args);
    cmd.env("TOPUP_LANG", lang)
        .env("TOPUP_MMCLI", env.home().join("no-such-mmcli"));
    Run::of(cmd)
}

#[test]
fn a_declined_sandbox_payment_in_chinese_and_spanish() {
    let env = Env::new();
    let zh = in_lang(&env, "zh-CN", "decline", &RENEW_ENTEL_1GB).code(6);
    let line = error_in(&zh, "错误：");
    assert!(line.contains("沙盒的模拟银行拒绝了这笔付款；未扣款"), "{line}");
    assert!(line.contains("取消设置 TOPUP_SANDBOX_FAULT 即可停止模拟拒付"), "{line}");

    let env = Env::new();
    let es = in_lang(&env, "es-CL", "decline", &RENEW_ENTEL_1GB).code(6);
    let line = error_in(&es, "error: ");
    assert!(
        line.contains("el banco simulado del sandbox rechazó el pago; no se cobró nada"),
        "{line}"
    );
    assert!(
        line.contains("quita TOPUP_SANDBOX_FAULT para dejar de simular rechazos"),
        "{line}"
    );
}

#[test]
fn an_unreachable_sandbox_gateway_in_chinese_and_spanish() {
    let env = Env::new();
    let line = error_in(&in_lang(&env, "zh-CN", "timeout", &RENEW_ENTEL_1GB).code(5), "错误：");
    assert!(
        line.contains("沙盒支付网关没有响应连接；没有发送任何内容，未扣款"),
        "{line}"
    );
    assert!(line.contains("请稍后再试（取消设置 TOPUP_SANDBOX_FAULT"), "{line}");

    let env = Env::new();
    let line = error_in(&in_lang(&env, "es-CL", "timeout", &RENEW_ENTEL_1GB).code(5), "error: ");
    assert!(line.contains("no se envió nada y no se cobró nada"), "{line}");
    assert!(
        line.contains("inténtalo más tarde (quita TOPUP_SANDBOX_FAULT"),
        "{line}"
    );
}

#[test]
fn a_missing_mmcli_in_chinese_and_spanish() {
    let env = Env::new();
    let line = error_in(&missing_mmcli(&env, "zh-CN", &["balance", "finca"]).code(2), "错误：");
    assert!(line.contains("找不到 mmcli（`"), "{line}");
    assert!(
        line.contains("请安装提供 mmcli 的 ModemManager，或把 TOPUP_MMCLI 设为 mmcli 的路径"),
        "{line}"
    );

    let line = error_in(&missing_mmcli(&env, "es-CL", &["balance", "finca"]).code(2), "error: ");
    assert!(line.contains("no se encontró mmcli (`"), "{line}");
    assert!(
        line.contains("instala ModemManager, que trae mmcli, o apunta TOPUP_MMCLI a la ruta de mmcli"),
        "{line}"
    );
}

/// Scripts read the same English error whatever the reader's language.
#[test]
fn with_json_channel_errors_stay_english() {
    for lang in ["zh-CN", "es-CL"] {
        let env = Env::new();
        let args = [&RENEW_ENTEL_1GB[..], &["--json"]].concat();
        let err = in_lang(&env, lang, "decline", &args).code(6).json_error();
        assert_eq!(
            err["message"], "the sandbox's simulated bank declined the payment; no money was taken",
            "{lang}: {err}"
        );
        assert_eq!(
            err["hint"], "unset TOPUP_SANDBOX_FAULT to stop simulating declines",
            "{lang}"
        );

        let env = Env::new();
        let err = missing_mmcli(&env, lang, &["balance", "finca", "--json"])
            .code(2)
            .json_error();
        let message = err["message"].as_str().unwrap_or_default();
        assert!(message.contains("mmcli was not found (`"), "{lang}: {err}");
        assert_eq!(
            err["hint"], "install ModemManager, which provides mmcli, or set TOPUP_MMCLI to mmcli's path",
            "{lang}"
        );
    }
}
