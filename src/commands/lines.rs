//! `topup lines`: the configured lines.

use std::borrow::Cow;

use serde::Serialize;

use crate::app::App;
use crate::config::BalanceMethod;
use crate::domain::{Msisdn, Operator, PayMethod};
use crate::output::{Output, or_dash};
use crate::policy::AutoPolicy;

pub fn run(app: &App) -> anyhow::Result<()> {
    let lines = &app.config.lines;
    let sandbox = app.uses_sandbox(lines);
    let path = app.config.path.as_ref();
    let rows = lines.iter().map(|l| LineRow {
        name: &l.name,
        msisdn: &l.msisdn,
        operator: l.operator,
        balance: l.balance,
        pay: l.pay,
        modem: l.modem.to_string(),
        auto: l.auto.as_ref(),
    });
    let report = Report {
        config: path.map(|p| p.to_string_lossy()),
        config_utf8: path.map(|p| p.to_str().is_some()),
        lines: rows.collect(),
    };
    app.out.print(sandbox, &report, render)
}

/// `lines`' report: the config file in use and its lines.
#[derive(Serialize)]
struct Report<'a> {
    /// JSON strings are Unicode: a config path that is not UTF-8 is shown
    /// as text for people, with `config_utf8` false so no script uses it.
    config: Option<Cow<'a, str>>,
    config_utf8: Option<bool>,
    lines: Vec<LineRow<'a>>,
}

#[derive(Serialize)]
struct LineRow<'a> {
    name: &'a str,
    msisdn: &'a Msisdn,
    operator: Option<Operator>,
    balance: BalanceMethod,
    pay: Option<PayMethod>,
    modem: String,
    auto: Option<&'a AutoPolicy>,
}

fn render(report: &Report, out: &Output) {
    if report.lines.is_empty() {
        out.line("No lines configured. Add one as [lines.NAME] (see config.example.toml).");
        return;
    }
    let mut table = out.table(&["Line", "Number", "Operator", "Balance", "Pay", "Auto plan"]);
    for l in &report.lines {
        table.add_row(vec![
            l.name.to_string(),
            l.msisdn.pretty(),
            l.operator.map_or_else(|| "from SIM".to_string(), |o| o.to_string()),
            l.balance.as_str().to_string(),
            or_dash(l.pay),
            or_dash(l.auto.map(|a| &a.plan)),
        ]);
    }
    out.print_table(&table);
}
