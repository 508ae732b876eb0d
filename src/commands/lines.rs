//! `topup lines`: the configured lines.

use std::borrow::Cow;

use serde::Serialize;

use crate::app::App;
use crate::config::Line;
use crate::output::{Output, or_dash};
use crate::t;

pub fn run(app: &App) -> anyhow::Result<()> {
    let lines = &app.config.lines;
    let sandbox = app.uses_sandbox(lines);
    let path = app.config.path.as_ref();
    let report = Report {
        config: path.map(|p| p.to_string_lossy()),
        config_utf8: path.map(|p| p.to_str().is_some()),
        lines,
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
    lines: &'a [Line],
}

fn render(report: &Report, out: &Output) {
    if report.lines.is_empty() {
        let config = report.config.as_deref().unwrap_or("config.toml");
        out.line(t!("no-lines", config = config));
        return;
    }
    let mut table = out.table(&[
        (&t!("col-line"), 0),
        (&t!("col-number"), 0),
        (&t!("col-operator"), 1),
        (&t!("col-balance"), 2),
        (&t!("col-pay"), 1),
        (&t!("col-auto-plan"), 3),
    ]);
    for l in report.lines {
        table.add_row(vec![
            l.name.as_str().into(),
            l.msisdn.pretty().into(),
            l.operator.map_or_else(|| t!("from-sim"), |o| o.to_string()).into(),
            l.balance.to_string().into(),
            or_dash(l.pay).into(),
            auto_cell(l.auto.as_ref()).into(),
        ]);
    }
    out.print_table(&table);
}

/// The auto column: the policy's plan, and whether it only alerts.
fn auto_cell(policy: Option<&crate::policy::AutoPolicy>) -> String {
    let Some(policy) = policy else {
        return or_dash(None::<&str>);
    };
    let plan = or_dash(policy.plan.as_ref());
    match policy.action {
        crate::policy::Action::Renew => plan,
        crate::policy::Action::Notify => t!("auto-notify-only", plan = plan),
    }
}
