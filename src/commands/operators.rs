//! `topup operators [OP]`: what topup knows about each operator, how to
//! renew there, with sources, and what is unknown.

use serde::Serialize;

use crate::app::App;
use crate::carrier::{ChannelKind, KnownChannel, NetworkCode, carrier};
use crate::cli::OperatorsArgs;
use crate::domain::Operator;
use crate::error::TopupError;
use crate::output::Output;

pub fn run(app: &App, args: OperatorsArgs) -> anyhow::Result<()> {
    let ops: Vec<Operator> = match &args.operator {
        Some(name) => vec![name.parse::<Operator>().map_err(TopupError::from)?],
        None => Operator::ALL.to_vec(),
    };
    let operators = ops
        .into_iter()
        .map(|op| {
            let c = carrier(op);
            let configured = app.config.operator(op);
            OperatorRow {
                operator: op,
                name: c.display_name,
                company: c.company,
                network_codes: c.network_codes,
                channels: c.channels,
                unknown: c.all_unknowns(),
                quirks: c.quirks,
                reloadly_names: c.reloadly_names,
                configured: Configured {
                    balance_ussd: configured.and_then(|o| o.balance_ussd.as_ref()),
                    balance_sms: configured.is_some_and(|o| o.balance_sms.is_some()),
                    plans: configured.map_or(0, |o| o.plans.len()),
                },
            }
        })
        .collect();
    let report = Report { operators };
    // Facts with sources, nothing simulated: no sandbox banner, even on it.
    app.out.print(false, &report, render)
}

/// `operators`' report: each operator's facts with their sources, and what
/// the config adds.
#[derive(Serialize)]
struct Report<'a> {
    operators: Vec<OperatorRow<'a>>,
}

#[derive(Serialize)]
struct OperatorRow<'a> {
    operator: Operator,
    name: &'static str,
    company: &'static str,
    network_codes: &'static [NetworkCode],
    channels: &'static [KnownChannel],
    unknown: Vec<&'static str>,
    quirks: &'static [&'static str],
    reloadly_names: &'static [&'static str],
    configured: Configured<'a>,
}

/// What the config says about the operator.
#[derive(Serialize)]
struct Configured<'a> {
    balance_ussd: Option<&'a crate::ussd::UssdSteps>,
    balance_sms: bool,
    plans: usize,
}

fn render(report: &Report, out: &Output) {
    for (i, o) in report.operators.iter().enumerate() {
        if i > 0 {
            out.line("");
        }
        out.line(out.paint(&format!("{} ({})", o.name, o.operator), anstyle::Style::new().bold()));
        out.line(format!("  company: {}", o.company));
        let codes: Vec<String> = o
            .network_codes
            .iter()
            .map(|n| format!("{}-{}", &n.code[..3], &n.code[3..]))
            .collect();
        out.line(format!("  network codes (MCC-MNC): {}", codes.join(", ")));
        for n in o
            .network_codes
            .iter()
            .filter(|n| n.note.contains("per") || n.note.contains("lists"))
        {
            out.line(format!("    {}: {}", n.code, n.note));
        }
        out.line("  how to check and renew:");
        for ch in o.channels {
            let third = if ch.third_party {
                " [third-party source: verify]"
            } else {
                ""
            };
            out.line(format!("    {:<5} {}: {}{third}", ch.kind, ch.purpose, ch.detail));
            out.line(format!("          {}", out.dim(&format!("source: {}", ch.source))));
        }
        if !o.channels.iter().any(|ch| ch.kind == ChannelKind::Store) {
            out.line("    store: no sourced information on where to buy a recarga in person");
        }
        for q in o.quirks {
            out.line(format!("  note: {q}"));
        }
        out.line("  unknown (set in your config instead):");
        for u in &o.unknown {
            out.line(format!("    - {u}"));
        }
        if let Some(code) = o.configured.balance_ussd {
            out.line(format!("  your config: balance_ussd = {:?}", code.as_slice()));
        }
        if o.configured.plans > 0 {
            out.line(format!("  your config: {} plan(s)", o.configured.plans));
        }
    }
}
