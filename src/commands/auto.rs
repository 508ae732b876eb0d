//! `topup auto`: the cron entry point. Under the lock: settle unsettled
//! orders, read every line with a policy (bounded concurrency), decide
//! (`policy::decide`, pure), renew the due lines through the same flow as
//! `renew`, run hooks. Silent when nothing was due, unless a dry run.

use futures_util::StreamExt;
use serde::Serialize;

use crate::app::App;
use crate::channel::Offer;
use crate::cli::AutoArgs;
use crate::config::Line;
use crate::domain::{Clp, LineStatus, Order, OrderStatus};
use crate::error::{ErrorKind, TopupError, classify};
use crate::hooks::{Hooks, RenewalEvent};
use crate::ledger::LedgerError;
use crate::output::{self, Output};
use crate::policy::{self, Decision, Guard, LedgerFacts, MonthSpent};
use crate::t;
use crate::{diag, flow, lock};

/// One line's part of the report.
struct LineReport {
    line: Line,
    decision: Decision,
    /// The policy's plan and how to pay it, when known.
    offer: Option<Offer>,
    order: Option<Order>,
    /// What went wrong for this line, if anything: its kind is the exit code.
    problem: Option<TopupError>,
}

pub async fn run(app: &App, args: AutoArgs) -> anyhow::Result<()> {
    let wait_confirm = args.wait_confirm;
    if args.max_renewals == Some(0) {
        return Err(TopupError::usage(t!("auto-max-renewals")).into());
    }
    let lines = app.config.lines.clone();
    if lines.is_empty() {
        return Err(super::no_lines(app));
    }
    let sandbox = app.uses_sandbox(&lines);

    // Dry runs write nothing, so they neither take the lock nor reconcile.
    let lock = if args.dry_run {
        None
    } else {
        let wait_lock = args.wait_lock.map(crate::domain::timefmt::std_duration);
        Some(lock::acquire(app.ensure_state_dir()?, wait_lock).await?)
    };
    let mut reconcile_problem = None;
    if let Some(lock) = &lock {
        let (settled, problem) = flow::reconcile(app, lock, None).await?;
        for s in &settled {
            diag::note(format!(
                "reconciled order {} of {}: {} → {} ({})",
                s.order.id, s.order.line, s.was, s.order.status, s.note
            ));
        }
        reconcile_problem = problem;
    }

    let mut reports = decide_all(app, &lines).await?;

    // Renew the due lines, at most --max-renewals of them.
    let mut due: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.decision, Decision::Renew { .. }))
        .map(|(i, _)| i)
        .collect();
    if let Some(max) = args.max_renewals
        && due.len() > max
    {
        for &i in &due[max..] {
            let reason = crate::t!(
                "reason-max-renewals",
                reason = reports[i].decision.reason(),
                max = max.to_string(),
            );
            reports[i].decision = Decision::Skip(reason);
        }
        due.truncate(max);
    }
    let anything_due = !due.is_empty();
    if let Some(lock) = lock.as_ref().filter(|_| anything_due) {
        let hooks = Hooks::new(&app.config.auto);
        hooks.pre().await;
        let offers: Vec<(usize, Offer)> = due
            .iter()
            .filter_map(|&i| reports[i].offer.clone().map(|offer| (i, offer)))
            .collect();
        let results: Vec<(usize, anyhow::Result<flow::RenewOutcome>)> = futures_util::stream::iter(offers)
            .map(|(i, offer)| {
                let line = reports[i].line.clone();
                async move {
                    let request = flow::RenewRequest {
                        line: &line,
                        offer: &offer,
                        wait_confirm,
                        // Nobody is there: a payment only a person can make
                        // is refused (the config already refuses `web` here).
                        payer: None,
                        open_page: false,
                    };
                    (i, flow::renew(app, lock, request).await)
                }
            })
            .buffer_unordered(app.config.auto.concurrency.max(1))
            .collect()
            .await;
        for (i, result) in results {
            match result {
                Ok(renewed) => {
                    reports[i].problem = renewed.problem;
                    hooks.after_renewal(&RenewalEvent::from(&renewed.order)).await;
                    reports[i].order = Some(renewed.order);
                }
                Err(e) => {
                    let te = classify(&e);
                    if let Some(LedgerError::CapExceeded(cap)) = e.downcast_ref::<LedgerError>() {
                        // A cap reached between deciding and paying (another
                        // line renewed first) blocks this line, like a cap
                        // seen earlier.
                        reports[i].decision = Decision::Blocked(cap.to_string(), Guard::Cap);
                    } else if let Some(offer) = &reports[i].offer {
                        // Refused before an order existed (saldo short):
                        // nothing was paid, but it failed, and the hooks hear.
                        let event = RenewalEvent::refused(&reports[i].line, &offer.plan, offer.method(), &te.message);
                        hooks.after_renewal(&event).await;
                    }
                    reports[i].problem = Some(te);
                }
            }
        }
        let (renewed, failed) = tally(&reports);
        hooks.post(renewed, failed).await;
    }

    for r in &mut reports {
        if r.problem.is_none() {
            r.problem = blocked_problem(&r.decision);
        }
    }
    print_report(app, &reports, sandbox, args.dry_run)?;
    let failing = reports.iter().filter(|r| r.problem.is_some()).count();
    let summary = format!("{failing} lines need attention; most serious");
    let problems = reports
        .iter()
        .filter_map(|r| r.problem.as_ref())
        .chain(&reconcile_problem);
    output::batch_error(problems, (failing > 1).then_some(summary.as_str())).map_or(Ok(()), |p| Err(p.into()))
}

/// A line's reading and its policy's offer, if known.
type Gathered = (LineStatus, Option<Offer>);

/// Reads every line with a policy and resolves its plan, `concurrency` lines
/// at a time, then decides for each. Lines without a policy are skipped
/// without being read.
async fn decide_all(app: &App, lines: &[Line]) -> anyhow::Result<Vec<LineReport>> {
    let gathered: Vec<Result<Gathered, TopupError>> =
        futures_util::stream::iter(lines.iter().filter(|l| l.auto.is_some()))
            .map(|line| async move {
                let reading = flow::read_status(app, line).await;
                let status = reading
                    .map_err(|e| classify(&e).prefixed("could not read the line"))?
                    .status;
                let offer = resolve_offer_for(app, line).await;
                let offer = offer.map_err(|e| classify(&e).prefixed("could not list plans"))?;
                Ok((status, offer))
            })
            .buffered(app.config.auto.concurrency.max(1))
            .collect()
            .await;
    let mut gathered = gathered.into_iter();
    // No ledger yet (a first dry run): no orders, nothing spent.
    let ledger = app.existing_ledger()?;
    let now = app.now();
    let all_month_spent = match ledger {
        Some(l) => l.month_spent(now, None)?,
        None => Clp(0),
    };
    let mut reports = Vec::new();
    for line in lines {
        let skip = |reason: String, problem| LineReport {
            line: line.clone(),
            decision: Decision::Skip(reason),
            offer: None,
            order: None,
            problem,
        };
        let Some(policy) = &line.auto else {
            reports.push(skip(crate::t!("reason-no-policy"), None));
            continue;
        };
        let (status, offer) = match gathered.next() {
            Some(Ok(found)) => found,
            Some(Err(e)) => {
                reports.push(skip(e.message.clone(), Some(e)));
                continue;
            }
            None => anyhow::bail!("internal: a line with a policy was not read"),
        };
        // No ledger: nothing spent by anyone (`all_month_spent` is zero too).
        let facts = match ledger {
            Some(ledger) => LedgerFacts {
                needs_reconcile: ledger.unsettled(Some(&line.msisdn))?.len(),
                last_renewal_at: ledger.last_renewal_at(&line.msisdn)?,
                month_spent: MonthSpent {
                    line: ledger.month_spent(now, Some(&line.msisdn))?,
                    all: all_month_spent,
                },
            },
            None => LedgerFacts::default(),
        };
        let decision = policy::decide(
            now,
            &line.name,
            Some(&status),
            Some(policy),
            offer.as_ref().map(|o| &o.plan),
            &facts,
            app.config.caps(line),
        );
        let problem = (decision == Decision::Reconcile).then(|| {
            TopupError::new(
                ErrorKind::Unknown,
                t!("auto-unknown-outcome", line = line.name.as_str()),
            )
            .hint(t!("hint-auto-unknown-outcome"))
        });
        reports.push(LineReport {
            line: line.clone(),
            decision,
            offer,
            order: None,
            problem,
        });
    }
    Ok(reports)
}

/// The policy's offer for a line; `None` when the plan id is not among what
/// the line's payment method offers.
async fn resolve_offer_for(app: &App, line: &Line) -> anyhow::Result<Option<Offer>> {
    let Some(policy) = &line.auto else { return Ok(None) };
    // The policy's `pay`, else the line's own.
    let Some(pay) = policy.pay.or(line.pay) else {
        return Err(TopupError::usage(t!("auto-no-pay", line = line.name.as_str()))
            .hint(t!("hint-auto-no-pay"))
            .into());
    };
    let operator = flow::operator_of(app, line).await?;
    flow::find_offer(app, line, operator, pay, &policy.plan).await
}

/// The exit-code-bearing problem of a blocked line: a config mistake is 2, a
/// spending cap 6; a cooldown is the policy doing its job, not a problem.
fn blocked_problem(decision: &Decision) -> Option<TopupError> {
    match decision {
        Decision::Blocked(reason, Guard::UnknownPlan) => Some(TopupError::usage(reason.clone())),
        Decision::Blocked(reason, Guard::Cap) => Some(TopupError::cap_reached(reason.clone())),
        _ => None,
    }
}

/// Renewals confirmed, and due lines whose renewal did not confirm (failed,
/// unknown, still processing, or refused before an order existed).
fn tally(reports: &[LineReport]) -> (usize, usize) {
    let confirmed = |r: &&LineReport| r.order.as_ref().is_some_and(|o| o.status == OrderStatus::Confirmed);
    let renewed = reports.iter().filter(confirmed).count();
    let failed = reports
        .iter()
        .filter(|r| matches!(r.decision, Decision::Renew { .. }) && !confirmed(r))
        .count();
    (renewed, failed)
}

/// `auto`'s report: each line's decision and order, and the run's tally.
#[derive(Serialize)]
struct Report<'a> {
    dry_run: bool,
    lines: Vec<LineRow<'a>>,
    renewed: usize,
    failed: usize,
}

#[derive(Serialize)]
struct LineRow<'a> {
    line: &'a str,
    decision: &'static str,
    reason: &'a str,
    order: Option<&'a Order>,
    #[serde(serialize_with = "output::item_error")]
    error: Option<TopupError>,
    #[serde(skip)]
    would_renew: bool,
}

fn print_report(app: &App, reports: &[LineReport], sandbox: bool, dry_run: bool) -> anyhow::Result<()> {
    // A cooldown is the policy doing its job: like a skip, it is not worth a
    // cron mail every run until it ends.
    let eventful = reports.iter().any(|r| {
        !matches!(r.decision, Decision::Skip(_) | Decision::Blocked(_, Guard::Cooldown)) || r.problem.is_some()
    });
    // A dry run is asked for by a person (or a test of the config): it
    // always answers, line by line.
    if !app.out.json && !eventful && !app.out.verbose && !dry_run {
        return Ok(());
    }
    let (renewed, failed) = if dry_run { (0, 0) } else { tally(reports) };
    let lines = reports.iter().map(|r| LineRow {
        line: &r.line.name,
        decision: r.decision.as_str(),
        reason: r.decision.reason(),
        order: r.order.as_ref(),
        error: r.problem.clone(),
        would_renew: dry_run && matches!(r.decision, Decision::Renew { .. }),
    });
    let report = Report {
        dry_run,
        lines: lines.collect(),
        renewed,
        failed,
    };
    app.out.print(sandbox, &report, render)
}

fn render(report: &Report, out: &Output) {
    let mut table = out.table(&[
        (&t!("col-line"), 0),
        (&t!("col-decision"), 0),
        (&t!("col-reason"), 0),
        (&t!("col-order"), 1),
    ]);
    for r in &report.lines {
        // JSON keeps `renew`/`skip`; people read their own words.
        let decision = if r.would_renew { "would-renew" } else { r.decision };
        let decision = crate::i18n::text(&format!("decision-{decision}"), None);
        let order = r.order.map_or_else(String::new, |o| {
            format!("{} {} {}", crate::output::status_word(o.status), o.amount, o.plan_id)
        });
        // A reconcile's reason is fixed English in the data (for `--json`).
        let reason = if r.decision == Decision::Reconcile.as_str() {
            crate::t!("reason-reconcile")
        } else {
            r.reason.to_string()
        };
        table.add_row(vec![r.line.into(), decision.into(), reason.into(), order.into()]);
    }
    out.print_table(&table);
    if report.dry_run {
        out.line(t!("dry-run-nothing-paid"));
    } else {
        out.line(t!("renewed-failed", renewed = report.renewed, failed = report.failed));
    }
}
