//! `topup lines`: the configured lines.

use std::borrow::Cow;

use serde::Serialize;

use crate::app::App;
use crate::config::{BalanceMethod, Line};
use crate::domain::{Clp, DataAmount, Msisdn, Operator, PayMethod, PlanId};
use crate::output::{Output, Render, or_dash};

pub fn run(app: &App) -> anyhow::Result<()> {
    let lines = &app.config.lines;
    let path = app.config.path.as_ref();
    app.out.print(&Report {
        sandbox: app.uses_sandbox(lines),
        config: path.map(|p| p.to_string_lossy()),
        config_utf8: path.map(|p| p.to_str().is_some()),
        lines: lines.iter().map(LineRow::from).collect(),
    })
}

/// `lines`' report: the config file in use and its lines.
#[derive(Serialize)]
struct Report<'a> {
    sandbox: bool,
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
    modem: &'a str,
    auto: Option<AutoRow<'a>>,
}

/// A line's auto policy, durations in seconds.
#[derive(Serialize)]
struct AutoRow<'a> {
    plan: &'a PlanId,
    pay: Option<PayMethod>,
    when_data_below_bytes: Option<DataAmount>,
    when_saldo_below_clp: Option<Clp>,
    before_expiry_seconds: Option<i64>,
    min_interval_seconds: Option<i64>,
    monthly_cap_clp: Option<Clp>,
}

impl<'a> From<&'a Line> for LineRow<'a> {
    fn from(l: &'a Line) -> Self {
        LineRow {
            name: &l.name,
            msisdn: &l.msisdn,
            operator: l.operator,
            balance: l.balance,
            pay: l.pay,
            modem: &l.modem,
            auto: l.auto.as_ref().map(|a| AutoRow {
                plan: &a.plan,
                pay: a.pay,
                when_data_below_bytes: a.when_data_below,
                when_saldo_below_clp: a.when_saldo_below,
                before_expiry_seconds: a.before_expiry.map(|d| d.as_secs()),
                min_interval_seconds: a.min_interval.map(|d| d.as_secs()),
                monthly_cap_clp: a.monthly_cap,
            }),
        }
    }
}

impl Render for Report<'_> {
    fn sandbox(&self) -> bool {
        self.sandbox
    }

    fn render(&self, out: &Output) {
        if self.lines.is_empty() {
            out.line("No lines configured. Add one as [lines.NAME] (see config.example.toml).");
            return;
        }
        let mut table = out.table(&["Line", "Number", "Operator", "Balance", "Pay", "Auto plan"]);
        for l in &self.lines {
            table.add_row(vec![
                l.name.to_string(),
                l.msisdn.pretty(),
                l.operator.map_or_else(|| "from SIM".to_string(), |o| o.to_string()),
                l.balance.as_str().to_string(),
                or_dash(l.pay),
                or_dash(l.auto.as_ref().map(|a| a.plan)),
            ]);
        }
        out.print_table(&table);
    }
}
