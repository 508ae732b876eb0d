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

/// `DEMO-WOM`, `SANDBOX-WOM-1GB` and `ENTEL` are the demo line, plan and
/// operator; what is stored and printed is their own spelling.
#[test]
fn names_plan_ids_and_operators_match_in_any_case() {
    let env = Env::new();
    let doc = env.run(&["balance", "DEMO-WOM", "--json"]).ok().json();
    assert_eq!(doc["lines"][0]["line"], "demo-wom", "{doc}");
    let doc = env
        .run(&["renew", "Demo-Wom", "--plan", "SANDBOX-WOM-1GB", "--dry-run", "--json"])
        .ok()
        .json();
    assert_eq!(doc["would_pay"]["plan_id"], "sandbox-wom-1gb", "{doc}");
    let order = renew_ok(&env, "DEMO-WOM", "Sandbox-Wom-1gb");
    assert_eq!(
        (order["line"].as_str(), order["plan_id"].as_str()),
        (Some("demo-wom"), Some("sandbox-wom-1gb"))
    );
    let doc = env.run(&["operators", "ENTEL", "--json"]).ok().json();
    assert_eq!(doc["operators"][0]["operator"], "entel", "{doc}");
    let doc = env.run(&["plans", "--operator", "WOM", "--json"]).ok().json();
    assert!(
        doc["plans"].as_array().unwrap().iter().all(|p| p["operator"] == "wom"),
        "{doc}"
    );
    // A bad id is shown as typed.
    let line = env
        .run(&["renew", "demo-wom", "--plan", "Bad Plan!", "--yes"])
        .code(2)
        .error_line();
    assert!(line.contains("Bad Plan!"), "{line}");
}

/// A config may name two lines alike but for case: an exact name picks one,
/// any other spelling is refused naming both.
#[test]
fn line_names_differing_only_in_case_are_not_guessed() {
    let env = Env::new();
    let line = |name: &str, number: &str, op: &str| {
        format!(
            "[lines.{name}]\nmsisdn = \"{number}\"\noperator = \"{op}\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n"
        )
    };
    env.write_config(&(line("Casa", DEMO_ENTEL, "entel") + &line("CASA", DEMO_WOM, "wom")));
    let doc = env.run(&["balance", "CASA", "--json"]).ok().json();
    assert_eq!(doc["lines"][0]["msisdn"], DEMO_WOM, "{doc}");
    let line = env.run(&["balance", "casa"]).code(2).error_line();
    assert!(line.contains("`Casa` and `CASA`"), "{line}");
}
