//! Forgiving input: clap's suggestions, "did you mean" for lines, plans and
//! operators, and names, plan ids and operators in any case.

use crate::common::*;

/// A mistyped subcommand, flag or value: exit 2, one line, clap's best guess.
#[test]
fn clap_suggests_similar_subcommands_flags_and_values() {
    let env = Env::new();
    let cases: [(&[&str], &str); 5] = [
        (&["balnce"], "did you mean `balance`?"),
        (&["operatros"], "did you mean `operators`?"),
        (&["balance", "--jsn"], "did you mean `--json`?"),
        (&["renew", "demo-wom", "--plna", "x"], "did you mean `--plan`?"),
        (&["plans", "--sort", "pric"], "did you mean `price`?"),
    ];
    for (args, want) in cases {
        let line = env.run(args).code(2).error_line();
        assert!(line.ends_with(want), "{args:?}: {line}");
    }
    let err = env.run(&["balnce", "--json"]).code(2).json_error();
    assert_eq!(err["hint"], "did you mean `balance`?");
    // Nothing similar: the pointer to --help stays.
    let line = env.run(&["-x"]).code(2).error_line();
    assert!(line.contains("topup --help"), "{line}");
}

/// A line, plan or operator one typo away: exit 2, the known one in the hint.
#[test]
fn a_mistyped_line_plan_or_operator_is_suggested() {
    let env = Env::new();
    let cases: [(&[&str], &str); 5] = [
        (&["balance", "demo-enel"], "did you mean `demo-entel`?"),
        (&["history", "DEMO-WMO"], "did you mean `demo-wom`?"),
        (
            &["renew", "demo-entel", "--plan", "sandbox-entel-1g", "--yes"],
            "did you mean `sandbox-entel-1gb`?",
        ),
        (&["operators", "entl"], "did you mean `entel`?"),
        (&["plans", "--operator", "wmo"], "did you mean `wom`?"),
    ];
    for (args, want) in cases {
        let line = env.run(args).code(2).error_line();
        assert!(line.contains(want), "{args:?}: {line}");
        let mut json = args.to_vec();
        json.push("--json");
        let err = env.run(&json).code(2).json_error();
        assert!(err["hint"].as_str().unwrap().starts_with(want), "{args:?}: {err}");
    }
    // Nothing close: no guess, the known names.
    let line = env.run(&["balance", "casa"]).code(2).error_line();
    assert!(
        !line.contains("did you mean") && line.contains("known lines: demo-entel"),
        "{line}"
    );
    assert_eq!(env.ledger_count(), 0);
}
