//! `topup plans`: fields, sort orders, filters.

use serde_json::Value;

use crate::common::*;

fn plans(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["plans", "--json"];
    all.extend_from_slice(args);
    let run = env.run(&all).ok();
    assert_eq!(run.stderr, "");
    let doc = run.json();
    assert_eq!(doc["sandbox"], true);
    doc["plans"].as_array().expect("plans").clone()
}

fn num(v: &Value, key: &str) -> i64 {
    v[key].as_i64().unwrap_or_else(|| panic!("`{key}` in {v}"))
}

#[test]
fn json_has_the_promised_fields_and_consistent_prices() {
    let env = Env::new();
    let list = plans(&env, &[]);
    assert_eq!(list.len(), 20, "four fictional plans for each of five operators");
    for p in &list {
        assert_has_keys(
            p,
            &[
                "id",
                "operator",
                "name",
                "data_bytes",
                "validity_days",
                "price_clp",
                "price_per_gb_clp",
                "promo",
                "source",
            ],
        );
        assert_eq!(p["source"], "sandbox", "{p}");
        assert!(p["name"].as_str().unwrap().contains("ficticia"), "{p}");
        assert!(
            p["id"]
                .as_str()
                .unwrap()
                .starts_with(&format!("sandbox-{}-", p["operator"].as_str().unwrap())),
            "{p}"
        );
        let (price, data) = (num(p, "price_clp"), num(p, "data_bytes"));
        assert!(price > 0, "{p}");
        // Price per decimal GB, rounded to whole pesos.
        let per_gb = price as f64 * 1e9 / data as f64;
        assert!((num(p, "price_per_gb_clp") as f64 - per_gb).abs() <= 0.5, "{p}");
    }
    let entel3 = list
        .iter()
        .find(|p| p["id"] == "sandbox-entel-3gb")
        .expect("sandbox-entel-3gb");
    assert_eq!(entel3["data_bytes"], 3_000_000_000u64);
    assert_eq!(entel3["validity_days"], 15);
    assert_eq!(entel3["price_clp"], 3990);
    assert_eq!(entel3["price_per_gb_clp"], 1330);
    assert!(entel3["promo"].is_string());
    assert!(list.iter().any(|p| p["promo"].is_null()));
}

#[test]
fn every_sort_order_really_sorts() {
    let env = Env::new();
    // (flag, field, cheapest or least first?)
    let table = [
        ("price", "price_clp", true),
        ("price-per-gb", "price_per_gb_clp", true),
        ("data", "data_bytes", false),
        ("days", "validity_days", false),
    ];
    for (sort, key, ascending) in table {
        let list = plans(&env, &["--sort", sort]);
        assert_eq!(list.len(), 20, "{sort}");
        for pair in list.windows(2) {
            let (a, b) = (num(&pair[0], key), num(&pair[1], key));
            let in_order = if ascending { a <= b } else { a >= b };
            assert!(in_order, "--sort {sort}: {} before {}", pair[0]["id"], pair[1]["id"]);
        }
    }
    // The default is price.
    assert_eq!(plans(&env, &[]), plans(&env, &["--sort", "price"]));
}

#[test]
fn a_line_shows_its_operators_plans() {
    let env = Env::new();
    let list = plans(&env, &["demo-wom"]);
    let ids: Vec<&str> = list.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "sandbox-wom-1gb",
            "sandbox-wom-3gb",
            "sandbox-wom-10gb",
            "sandbox-wom-25gb"
        ]
    );
    // A phone number works the same.
    assert_eq!(plans(&env, &["+56 9 9000 0004"]), list);
}

#[test]
fn operator_filter_keeps_only_that_operator() {
    let env = Env::new();
    let list = plans(&env, &["--operator", "claro"]);
    assert_eq!(list.len(), 4);
    assert!(list.iter().all(|p| p["operator"] == "claro"), "{list:?}");
    // Operator names are matched regardless of case.
    assert_eq!(plans(&env, &["--operator", "Claro"]), list);
}

#[test]
fn human_table_with_banner() {
    let env = Env::new();
    let run = env.run(&["--wide", "plans", "--operator", "entel"]).ok();
    let header = run.stdout.lines().next().unwrap();
    for column in ["Plan id", "Operator", "Name", "Data", "Days", "Price", "Per GB"] {
        assert!(header.contains(column), "{header}");
    }
    let row = run.stdout.lines().find(|l| l.contains("sandbox-entel-3gb")).unwrap();
    for cell in ["★", "3 GB", "15", "$3.990", "$1.330"] {
        assert!(row.contains(cell), "`{cell}` in {row}");
    }
    // A promotion is free text: told below the table, not squeezed into it.
    assert!(
        run.stdout
            .contains("★ sandbox-entel-3gb: demo promo: 20% off, already in the price"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().filter(|l| l.contains("sandbox-")).count(), 6);
    assert_eq!(run.banners(), 1);
    assert_eq!(run.stderr_lines(), Vec::<&str>::new());
}

#[test]
fn mismatched_or_unknown_operator_is_a_usage_error() {
    let env = Env::new();
    let run = env.run(&["plans", "demo-wom", "--operator", "entel"]).code(2);
    assert!(run.error_line().contains("demo-wom is on wom"), "{}", run.stderr);
    let run = env.run(&["plans", "--operator", "tigo"]).code(2);
    assert!(run.error_line().contains("tigo"), "{}", run.stderr);
    let run = env.run(&["plans", "--sort", "cheap"]).code(2);
    assert!(run.stderr.contains("cheap"), "{}", run.stderr);
}

/// Text from a config (or a gateway) reaches the terminal with its format
/// characters escaped: a bidi override in a plan's name cannot reorder the
/// table, a zero-width space cannot hide in a promotion, an escape cannot
/// clear the screen. JSON keeps the text as it is, for programs.
#[test]
fn hidden_and_control_characters_in_plan_text_are_escaped_on_screen() {
    let env = Env::new();
    env.write_config(
        "[lines.finca]\nmsisdn = \"+56 9 9000 0004\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
         [[operators.wom.plan]]\nid = \"wom-raro\"\nname = \"Bolsa \u{202e}BG 5\u{202c} \\u001B[2J\"\ndata = \"5 GB\"\n\
         days = 30\nprice_clp = 4990\npromo = \"gratis\u{200b}\u{2066}\"\n",
    );
    let run = env.run(&["--wide", "plans", "finca"]).ok();
    for raw in ['\u{202e}', '\u{202c}', '\u{1b}', '\u{200b}', '\u{2066}'] {
        assert!(
            !run.stdout.contains(raw),
            "{raw:?} reached the terminal:\n{}",
            run.stdout
        );
    }
    for shown in ["Bolsa \\u{202e}BG 5\\u{202c} \\u{1b}[2J", "gratis\\u{200b}\\u{2066}"] {
        assert!(run.stdout.contains(shown), "`{shown}` missing:\n{}", run.stdout);
    }
    let doc = env.run(&["plans", "finca", "--json"]).ok().json();
    let plan = doc["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "wom-raro")
        .expect("the config's plan")
        .clone();
    assert_eq!(plan["name"], "Bolsa \u{202e}BG 5\u{202c} \u{1b}[2J");
}
