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
