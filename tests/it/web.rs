//! `renew --pay web`: a payment handed off to the operator's recharge page.
//! The browser is `tests/fixtures/browser/fake-browser` (named by
//! `TOPUP_BROWSER`), which logs the address it was given and, for modem
//! lines, can change the balance the fake mmcli reads, as a payment on the
//! page would. Confirmation: the balance on modem lines, else the person
//! (asked in a pseudo-terminal), else `unknown` until settled by hand.

use std::path::{Path, PathBuf};

use crate::common::*;

const MOVISTAR_PAGE: &str = "https://ww2.movistar.cl/recarga/";

fn fake_browser() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/browser/fake-browser")
}

fn fake_mmcli() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mmcli/fake-mmcli")
}

/// One test's home, with the fake browser (and, for modem lines, the fake
/// mmcli playing `scenario`).
struct Web {
    env: Env,
    scenario: Option<&'static str>,
}

impl Web {
    /// Movistar's demo number as a line of the person's own config, whose
    /// balance nothing reads: the page opens and only the person can say.
    /// (The sandbox's own demo line never opens it: see
    /// `a_sandbox_line_is_a_rehearsal_that_opens_nothing`.)
    fn new() -> Web {
        let env = Env::new();
        env.write_config(
            "[lines.demo-movistar]\nmsisdn = \"+56 9 9000 0002\"\noperator = \"movistar\"\nbalance = \"ledger\"\n",
        );
        Web { env, scenario: None }
    }

    /// The built-in sandbox (no config).
    fn sandbox() -> Web {
        Web {
            env: Env::new(),
            scenario: None,
        }
    }

    /// A WOM line read by the modem (`wom-web` scenario), paying with `web`
    /// on the page the config names, with one plan of its own.
    fn modem() -> Web {
        let env = Env::new();
        env.write_config(&format!(
            "{}operator = \"wom\"\npay = \"web\"\n\n[operators.wom]\nbalance_ussd = [\"*103#\", \"Saldo\"]\n\
             recharge_url = \"https://example.cl/wom/recarga\"\n\n[[operators.wom.plan]]\nid = \"wom-bolsa-5gb\"\n\
             name = \"Bolsa 5 GB\"\ndata = \"5 GB\"\ndays = 30\nprice_clp = 5990\n",
            crate::modem::LINE
        ));
        Web {
            env,
            scenario: Some("wom-web"),
        }
    }

    fn home(&self, name: &str) -> PathBuf {
        self.env.home().join(name)
    }

    fn command(&self, args: &[&str], extra: &[(&str, &str)]) -> assert_cmd::Command {
        let mut cmd = self.env.topup(args);
        cmd.env("TOPUP_BROWSER", fake_browser())
            .env("FAKE_BROWSER_LOG", self.home("browser.log"));
        if let Some(scenario) = self.scenario {
            cmd.env("TOPUP_MMCLI", fake_mmcli())
                .env("FAKE_MMCLI_SCENARIO", scenario)
                .env("FAKE_MMCLI_STATE", self.home("mmcli-state.json"))
                .env("FAKE_MMCLI_LOG", self.home("mmcli-log.jsonl"));
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command(args, &[]))
    }

    fn run_with(&self, extra: &[(&str, &str)], args: &[&str]) -> Run {
        Run::of(self.command(args, extra))
    }

    /// The addresses the browser was asked to open, in order.
    fn opened(&self) -> Vec<String> {
        std::fs::read_to_string(self.home("browser.log"))
            .unwrap_or_default()
            .lines()
            .map(String::from)
            .collect()
    }

    /// Raises a flag in the fake mmcli's state: the balance changes.
    fn balance_changes(&self, flag: &str) {
        let path = self.home("mmcli-state.json");
        let mut state: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        state["flags"][flag] = 0.into();
        std::fs::write(&path, state.to_string()).unwrap();
    }
}

/// The id to type for an order: its first 8 characters.
fn short(order: &serde_json::Value) -> String {
    order["id"].as_str().unwrap()[..8].to_string()
}

#[test]
fn without_a_terminal_the_page_opens_and_the_order_waits_to_be_settled_by_hand() {
    let web = Web::new();
    let run = web
        .run(&[
            "renew",
            "demo-movistar",
            "--pay",
            "web",
            "--amount",
            "5000",
            "--yes",
            "--json",
        ])
        .code(7);
    let error = run.json_error();
    assert_eq!(error["code"], "outcome_unknown");
    let doc = run.json();
    let order = &doc["order"];
    assert_has_keys(order, &ORDER_FIELDS);
    let id = short(order);
    assert_eq!(
        error["message"],
        format!(
            "order {id} is waiting for you to say whether the payment on the operator's page went through: \
             topup cannot see it"
        )
    );
    let hint = error["hint"].as_str().unwrap();
    assert!(
        hint.contains(&format!("topup reconcile --mark-confirmed {id}"))
            && hint.contains(&format!("topup reconcile --mark-failed {id}")),
        "{hint}"
    );
    assert_eq!(order["pay"], "web");
    assert_eq!(order["status"], "unknown");
    assert_eq!(order["plan_id"], "recarga-5000");
    assert_eq!(order["amount_clp"], 5000);
    assert_eq!(order["operator"], "movistar");
    assert!(order["gateway_ref"].is_null() && order["via"].is_null(), "{order}");
    assert_eq!(doc["recharge_url"], MOVISTAR_PAGE);
    assert_eq!(doc["sandbox"], false, "a line of the config");
    assert_eq!(web.opened(), [MOVISTAR_PAGE]);
    let orders = web.env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status.as_str(), "unknown");
    assert_eq!(orders[0].pay.as_str(), "web");

    // Unsettled, it blocks the line: no second order, no second page.
    let again = web
        .run(&["renew", "demo-movistar", "--pay", "web", "--amount", "5000", "--yes"])
        .code(7);
    assert!(again.error_line().contains("still unsettled"), "{}", again.stderr);
    assert_eq!(web.env.ledger_count(), 1);
    assert_eq!(web.opened().len(), 1);

    // Reconcile cannot tell; it says who can.
    let run = web.run(&["reconcile", "--json"]).code(7);
    let doc = run.json();
    assert_eq!(
        doc["orders"][0]["note"],
        "only you can tell whether the payment on the operator's page went through"
    );
    assert!(run.json_error()["hint"].as_str().unwrap().contains("--mark-confirmed"));

    // Settled by hand, it counts like any other order.
    web.run(&["reconcile", "--mark-confirmed", &id]).ok();
    let history = web.run(&["history", "--json"]).ok().json();
    assert_eq!(history["orders"][0]["status"], "confirmed");
    assert_eq!(history["orders"][0]["pay"], "web");
    assert_eq!(history["totals"][0]["amount_clp"], 5000);
    let shown = web.run(&["history"]).ok().stdout;
    assert!(
        shown.lines().nth(2).is_some_and(|l| l.ends_with("confirmed  web")),
        "{shown}"
    );
}

#[test]
fn the_steps_say_where_and_how_and_no_open_opens_nothing() {
    let web = Web::new();
    let run = web
        .run(&[
            "renew",
            "demo-movistar",
            "--pay",
            "web",
            "--amount",
            "5000",
            "--yes",
            "--no-open",
        ])
        .code(7);
    assert!(web.opened().is_empty(), "--no-open opened {:?}", web.opened());
    let order = &web.env.orders()[0];
    let id = &order.id.to_string()[..8];
    let steps: Vec<&str> = run.stderr_lines().into_iter().take(7).collect();
    assert_eq!(
        steps,
        [
            format!("Order {id} is written. Pay on Movistar's recharge page:"),
            format!("  1. Open {MOVISTAR_PAGE} in your browser"),
            "  2. Pay $5.000 CLP for +56 9 9000 0002: Recarga $5.000 [recarga-5000]".to_string(),
            format!("  3. Then settle it: `topup reconcile --mark-confirmed {id}` once paid,"),
            format!("     or `--mark-failed {id}` if not"),
            "  This address was seen only on a third-party page: check that it is".to_string(),
            "     Movistar's own before paying.".to_string(),
        ]
    );
    assert!(
        run.stdout.contains(&format!("  page      {MOVISTAR_PAGE}\n")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  paid with web\n"), "{}", run.stdout);
}

#[test]
fn an_unknown_recharge_page_is_exit_2_naming_the_key_and_nothing_is_written() {
    let web = Web::sandbox();
    let run = web
        .run(&[
            "renew",
            "demo-entel",
            "--pay",
            "web",
            "--amount",
            "5000",
            "--yes",
            "--json",
        ])
        .code(2);
    let error = run.json_error();
    assert_eq!(error["message"], "topup does not know Entel's recharge page");
    assert!(
        error["hint"]
            .as_str()
            .unwrap()
            .contains("[operators.entel] recharge_url = \"https://…\""),
        "{error}"
    );
    assert_eq!(web.env.ledger_count(), 0);
    assert!(web.opened().is_empty());
    // A dry run stops there too.
    let run = web
        .run(&["renew", "demo-entel", "--pay", "web", "--amount", "5000", "--dry-run"])
        .code(2);
    assert!(
        run.error_line().contains("[operators.entel] recharge_url"),
        "{}",
        run.stderr
    );
    // `operators` says the same, and which pages it knows, with their source.
    let shown = web.run(&["operators", "entel"]).ok().stdout;
    assert!(
        shown.contains("  recharge page (renew --pay web): unknown; set [operators.entel] recharge_url\n"),
        "{shown}"
    );
    let doc = web.run(&["operators", "--json"]).ok().json();
    let pages: Vec<(String, serde_json::Value)> = doc["operators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["operator"].as_str().unwrap().to_string(), o["recharge_page"].clone()))
        .collect();
    for (op, page) in &pages {
        match op.as_str() {
            "movistar" | "virgin" => {
                assert_eq!(page["third_party"], true, "{op}: {page}");
                assert_eq!(page["configured"], false, "{op}: {page}");
                assert!(
                    page["source"].as_str().unwrap().contains("not verified"),
                    "{op}: {page}"
                );
            }
            _ => assert!(page.is_null(), "{op}: {page}"),
        }
    }
    assert_eq!(pages[1].1["url"], MOVISTAR_PAGE);
    assert_eq!(pages[4].1["url"], "https://www.virginmobile.cl/recarga");
    let shown = web.run(&["operators", "virgin"]).ok().stdout;
    assert!(
        shown.contains(
            "  recharge page (renew --pay web): https://www.virginmobile.cl/recarga [third-party source: verify]\n"
        ),
        "{shown}"
    );
}

#[test]
fn a_line_paying_web_uses_the_page_its_config_names() {
    let web = Web::new();
    web.env.write_config(
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\nbalance = \"ledger\"\npay = \"web\"\n\n\
         [operators.entel]\nrecharge_url = \"https://example.cl/entel/recarga\"\n",
    );
    let run = web
        .run(&["renew", "casa", "--amount", "3000", "--yes", "--json"])
        .code(7);
    assert_eq!(run.json()["order"]["pay"], "web");
    assert_eq!(run.json()["sandbox"], false);
    assert_eq!(web.opened(), ["https://example.cl/entel/recarga"]);
    let doc = web.run(&["operators", "entel", "--json"]).ok().json();
    let page = &doc["operators"][0]["recharge_page"];
    assert_eq!(page["url"], "https://example.cl/entel/recarga");
    assert_eq!(page["configured"], true);
    let shown = web.run(&["operators", "entel"]).ok().stdout;
    assert!(
        shown.contains(
            "recharge page (renew --pay web): https://example.cl/entel/recarga (your config: \
             [operators.entel] recharge_url)"
        ),
        "{shown}"
    );
    // A recharge_url that is not a web address is the config's error.
    web.env.write_config(
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n\n[operators.entel]\nrecharge_url = \"recarga\"\n",
    );
    let error = web.run(&["lines"]).code(2).error_line();
    assert!(error.contains("operators.entel.recharge_url"), "{error}");
}

#[test]
fn a_browser_that_fails_to_start_is_a_warning_and_the_address_is_shown() {
    let web = Web::new();
    let run = web
        .run_with(
            &[("FAKE_BROWSER_EXIT", "3")],
            &["renew", "demo-movistar", "--pay", "web", "--amount", "5000", "--yes"],
        )
        .code(7);
    assert!(
        run.stderr
            .contains(&format!("  1. Open {MOVISTAR_PAGE} (opening it in your browser)"))
    );
    let warning = run
        .stderr_lines()
        .into_iter()
        .find(|l| l.starts_with("warning: "))
        .unwrap_or_else(|| panic!("no warning: {}", run.stderr));
    assert!(warning.contains("the recharge page was not opened"), "{warning}");
    assert!(warning.contains("exit status: 3"), "{warning}");
    assert_eq!(web.env.orders()[0].status.as_str(), "unknown");
}

#[test]
fn on_a_modem_line_the_balance_confirms_the_payment() {
    let web = Web::modem();
    let run = web
        .run_with(
            &[("FAKE_BROWSER_SETS", "recarga-5000")],
            &["renew", "finca", "--amount", "5000", "--yes", "--json"],
        )
        .ok();
    assert_eq!(run.stderr, "");
    let order = &run.json()["order"];
    assert_eq!(order["status"], "confirmed", "{order}");
    assert_eq!(order["pay"], "web");
    assert_eq!(web.opened(), ["https://example.cl/wom/recarga"]);
    assert_eq!(web.env.orders()[0].status.as_str(), "confirmed");
    // "Saldo: $13.000": five thousand more than before.
    let balance = web.run(&["balance", "finca", "--json"]).ok().json();
    assert_eq!(balance["lines"][0]["saldo_clp"], 13000);

    // A plan bought on the page shows as more data and a later end.
    let web = Web::modem();
    let run = web
        .run_with(
            &[("FAKE_BROWSER_SETS", "bolsa-5gb")],
            &["renew", "finca", "--plan", "wom-bolsa-5gb", "--yes", "--json"],
        )
        .ok();
    assert_eq!(run.json()["order"]["status"], "confirmed");
    assert_eq!(run.json()["order"]["amount_clp"], 5990);
}

#[test]
fn on_a_modem_line_a_balance_that_does_not_change_leaves_it_unknown_until_reconcile_sees_it() {
    let web = Web::modem();
    let run = web
        .run(&[
            "renew",
            "finca",
            "--amount",
            "5000",
            "--yes",
            "--json",
            "--wait-confirm",
            "1s",
        ])
        .code(7);
    let order = run.json()["order"].clone();
    assert_eq!(order["status"], "unknown");
    assert_eq!(
        order["error"],
        "the balance showed no sign of the payment within 1s of opening the recharge page"
    );
    assert!(run.json_error()["hint"].as_str().unwrap().contains("topup reconcile"));
    assert_eq!(web.opened().len(), 1);

    // Nothing yet: reconcile says so and leaves it.
    let run = web.run(&["reconcile", "--json"]).code(7);
    assert_eq!(run.json()["orders"][0]["order"]["status"], "unknown");
    // The recarga shows later: reconcile reads it and settles the order.
    web.balance_changes("recarga-5000");
    let doc = web.run(&["reconcile", "--json"]).ok().json();
    assert_eq!(doc["orders"][0]["order"]["status"], "confirmed");
    assert_eq!(doc["orders"][0]["note"], "the payment went through");
    assert_eq!(web.opened().len(), 1, "reconcile opens nothing");
}

#[test]
fn amount_is_a_sum_for_web_more_than_zero_and_not_absurd() {
    let web = Web::sandbox();
    let run = web
        .run(&["renew", "demo-wom", "--amount", "5000", "--yes", "--json"])
        .code(2);
    let error = run.json_error();
    assert_eq!(
        error["message"],
        "`--amount` pays a sum of your choice on the operator's page; sandbox pays only the plans it lists"
    );
    assert!(error["hint"].as_str().unwrap().contains("--pay web"), "{error}");
    for bad in ["0", "-5", "2000000", "5,5", "cinco"] {
        let run = web
            .run(&[
                "renew",
                "demo-movistar",
                "--pay",
                "web",
                &format!("--amount={bad}"),
                "--yes",
            ])
            .code(2);
        assert!(run.stderr.contains("--amount"), "{bad}: {}", run.stderr);
    }
    web.run(&[
        "renew",
        "demo-movistar",
        "--pay",
        "web",
        "--amount",
        "5000",
        "--plan",
        "sandbox-movistar-3gb",
        "--yes",
    ])
    .code(2);
    assert_eq!(web.env.ledger_count(), 0);
    assert!(web.opened().is_empty());
    // `$5.000` is five thousand pesos, as Chileans write it.
    let run = web
        .run(&[
            "renew",
            "demo-movistar",
            "--pay",
            "web",
            "--amount",
            "$5.000",
            "--yes",
            "--dry-run",
            "--json",
        ])
        .ok();
    assert_eq!(run.json()["would_pay"]["amount_clp"], 5000);
    assert_eq!(run.json()["would_pay"]["pay"], "web");
}

#[test]
fn auto_never_pays_with_web() {
    let env = Env::new();
    let base = "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"movistar\"\n";
    env.write_config(&format!("{base}[lines.casa.auto]\nplan = \"x\"\npay = \"web\"\n"));
    let error = env.run(&["auto", "--dry-run"]).code(2).error_line();
    assert!(
        error.contains("lines.casa.auto.pay: is web, but `topup auto` runs without a person"),
        "{error}"
    );
    env.write_config(&format!("{base}pay = \"web\"\n[lines.casa.auto]\nplan = \"x\"\n"));
    let error = env.run(&["lines"]).code(2).error_line();
    assert!(
        error.contains("lines.casa.pay: is web, which [lines.casa.auto] would pay with"),
        "{error}"
    );
    // A line paying with web whose policy pays another way is fine.
    env.write_config(&format!(
        "{base}balance = \"modem\"\npay = \"web\"\n[lines.casa.auto]\nplan = \"x\"\npay = \"saldo\"\n"
    ));
    env.run(&["lines"]).ok();
    // `record` is not a way to pay.
    env.write_config(&format!("{base}pay = \"record\"\n"));
    env.run(&["lines"]).code(2);
    env.run(&["renew", "casa", "--pay", "record"]).code(2);
}

/// `renew --pay web` in a terminal: the steps, then the question.
fn web_in_a_terminal(web: &Web, keys: &str) -> (i64, String) {
    let browser = fake_browser();
    let log = web.home("browser.log");
    in_a_terminal(
        &web.env,
        &["renew", "demo-movistar", "--pay", "web", "--amount", "5000", "--yes"],
        &[
            ("TOPUP_BROWSER", browser.as_os_str()),
            ("FAKE_BROWSER_LOG", log.as_os_str()),
        ],
        &[("Did the payment go through?", keys)],
    )
}

#[test]
fn in_a_terminal_the_person_says_whether_it_went_through() {
    let up = "\x1b[A";
    // Enter alone is "not sure": a slip settles nothing.
    for (keys, code, status) in [
        (format!("{up}{up}\r"), 0, "confirmed"),
        (format!("{up}\r"), 6, "failed"),
        ("\r".to_string(), 7, "unknown"),
        ("\x1b".to_string(), 7, "unknown"),
    ] {
        let web = Web::new();
        let (exit, shown) = web_in_a_terminal(&web, &keys);
        assert_eq!(exit, code, "{keys:?}: {shown}");
        let orders = web.env.orders();
        assert_eq!(orders.len(), 1, "{shown}");
        assert_eq!(orders[0].status.as_str(), status, "{keys:?}: {shown}");
        assert_eq!(web.opened(), [MOVISTAR_PAGE], "{shown}");
        assert!(
            shown.contains("3. Then come back here and say whether it went through"),
            "{shown}"
        );
        if status == "failed" {
            assert!(shown.contains("you said the payment did not go through"), "{shown}");
        }
        if status == "unknown" {
            assert!(shown.contains("--mark-confirmed"), "{shown}");
        }
    }
}

#[test]
fn the_chosen_browser_is_topup_browser_then_browser() {
    // `BROWSER` is used when the test seam is not set: here a script that
    // logs, like the fake.
    let web = Web::new();
    let mut cmd = web
        .env
        .topup(&["renew", "demo-movistar", "--pay", "web", "--amount", "5000", "--yes"]);
    cmd.env("BROWSER", fake_browser())
        .env("FAKE_BROWSER_LOG", web.home("browser.log"));
    Run::of(cmd).code(7);
    assert_eq!(web.opened(), [MOVISTAR_PAGE]);
}

#[test]
fn config_init_writes_a_line_paying_on_the_web_and_says_what_is_missing() {
    let env = Env::new();
    let run = env
        .run(&[
            "config",
            "init",
            "--no-input",
            "--line",
            "casa",
            "--msisdn",
            "987654321",
            "--operator",
            "entel",
            "--balance",
            "ledger",
            "--pay",
            "web",
        ])
        .ok();
    assert!(
        run.stdout
            .contains("topup does not know Entel's recharge page: set recharge_url under [operators.entel]"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(env.default_config_path()).unwrap();
    assert!(
        text.contains("pay = \"web\"") && text.contains("# recharge_url = \"https://…\""),
        "{text}"
    );
    assert_eq!(env.run(&["lines", "--json"]).ok().json()["lines"][0]["pay"], "web");
}

/// The sandbox's demo numbers are fictional, and may be someone's real
/// ones: a web renewal there shows the steps but never opens the page.
#[test]
fn a_sandbox_line_is_a_rehearsal_that_opens_nothing() {
    let web = Web::sandbox();
    let run = web
        .run(&["renew", "demo-movistar", "--pay", "web", "--amount", "5000", "--yes"])
        .code(7);
    assert!(web.opened().is_empty(), "opened {:?}", web.opened());
    assert!(
        run.stderr
            .contains("demo-movistar is a sandbox line: its number is fictional, maybe"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("topup did not open the page"), "{}", run.stderr);
}

/// A web order left unknown blocks the next renewal of the line, and the
/// hint says how to settle it by hand (reconcile cannot see the page).
#[test]
fn the_next_renewal_says_how_to_settle_the_web_order_by_hand() {
    let web = Web::new();
    let args = [
        "renew",
        "demo-movistar",
        "--pay",
        "web",
        "--amount",
        "5000",
        "--yes",
        "--no-open",
    ];
    web.run(&args).code(7);
    let id = web.env.orders()[0].id.to_string();
    let again = web.run(&args).code(7);
    assert_eq!(web.env.orders().len(), 1, "nothing paid twice");
    assert!(
        again
            .stderr
            .contains(&format!("topup reconcile --mark-confirmed {}", &id[..8])),
        "{}",
        again.stderr
    );
}
