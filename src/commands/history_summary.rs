//! `topup history --summary`: confirmed spend per month and line, with the
//! change from the month before, so a bill can be checked at a glance.

use serde::Serialize;

use crate::domain::Clp;
use crate::ledger::MonthTotal;
use crate::output::Output;
use crate::t;

/// One line's confirmed spend in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    /// `YYYY-MM`, America/Santiago.
    pub month: String,
    pub line: String,
    /// Confirmed orders.
    pub orders: u64,
    pub spent_clp: Clp,
    /// Against the month before: `null` in the line's first month in the
    /// ledger (nothing to compare with); a month without orders counts $0.
    pub change_clp: Option<Clp>,
}

#[derive(Serialize)]
pub struct Report {
    pub summary: Vec<SummaryRow>,
}

/// Rows newest month first, lines by name. Each line gets a row for every
/// month from its first confirmed order to the newest month in `totals`,
/// $0 where it spent nothing, so a month without a renewal shows as a drop
/// (and only once: later empty months are left out).
/// `totals` must cover the months before any month asked for (the change
/// needs them); `month` keeps only that month's rows; `current` (this
/// month) is the last month shown, so a line that stopped renewing shows
/// its drop.
pub fn summarize(totals: &[MonthTotal], month: Option<&str>, current: &str) -> Vec<SummaryRow> {
    let Some(newest) = totals
        .iter()
        .filter_map(|t| month_index(&t.month))
        .chain(month_index(current))
        .max()
    else {
        return Vec::new();
    };
    let mut lines: Vec<&str> = totals.iter().map(|t| t.line.as_str()).collect();
    lines.sort_unstable();
    lines.dedup();
    let mut rows = Vec::new();
    for line in lines {
        let spent = |index: i64| {
            totals
                .iter()
                .find(|t| t.line == line && month_index(&t.month) == Some(index))
                .map_or((Clp(0), 0), |t| (t.amount_clp, t.count))
        };
        let Some(first) = totals
            .iter()
            .filter(|t| t.line == line)
            .filter_map(|t| month_index(&t.month))
            .min()
        else {
            continue;
        };
        for index in first..=newest {
            let (amount, orders) = spent(index);
            let change = (index > first).then(|| Clp(amount.pesos() - spent(index - 1).0.pesos()));
            rows.push(SummaryRow {
                month: month_text(index),
                line: line.to_string(),
                orders,
                spent_clp: amount,
                change_clp: change,
            });
        }
    }
    // A month with nothing spent, like the month before, says nothing new.
    rows.retain(|r| !(r.orders == 0 && r.change_clp == Some(Clp(0))));
    rows.retain(|r| month.is_none_or(|m| r.month == m));
    // Newest month first; lines in name order within a month.
    rows.sort_by(|a, b| b.month.cmp(&a.month).then_with(|| a.line.cmp(&b.line)));
    rows
}

/// `YYYY-MM` as a count of months, so the month before is one less.
fn month_index(month: &str) -> Option<i64> {
    let (year, month) = month.split_once('-')?;
    let (year, month): (i64, i64) = (year.parse().ok()?, month.parse().ok()?);
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

fn month_text(index: i64) -> String {
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

pub fn render(report: &Report, out: &Output) {
    if report.summary.is_empty() {
        out.line(t!("no-orders"));
        return;
    }
    let mut table = out.table(&[
        (&t!("col-month"), 0),
        (&t!("col-line"), 0),
        (&t!("col-orders"), 1),
        (&t!("col-spent"), 0),
        (&t!("col-change"), 0),
    ]);
    for row in &report.summary {
        let change = match row.change_clp {
            None => "—".to_string(),
            Some(Clp(0)) => Clp(0).to_string(),
            Some(c) if c.pesos() > 0 => format!("+{c}"),
            Some(c) => c.to_string(),
        };
        table.add_row(vec![
            row.month.as_str().into(),
            row.line.as_str().into(),
            row.orders.to_string().into(),
            row.spent_clp.to_string().into(),
            change.into(),
        ]);
    }
    out.print_table(&table);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(month: &str, line: &str, clp: i64, count: u64) -> MonthTotal {
        MonthTotal {
            month: month.into(),
            line: line.into(),
            amount_clp: Clp(clp),
            count,
        }
    }

    fn row(month: &str, line: &str, orders: u64, spent: i64, change: Option<i64>) -> SummaryRow {
        SummaryRow {
            month: month.into(),
            line: line.into(),
            orders,
            spent_clp: Clp(spent),
            change_clp: change.map(Clp),
        }
    }

    #[test]
    fn months_lines_and_changes() {
        let totals = [
            total("2027-01", "casa", 5_000, 1),
            total("2026-12", "finca", 3_000, 1),
            total("2026-11", "casa", 9_980, 2),
            total("2026-10", "casa", 4_990, 1),
        ];
        let cases: &[(Option<&str>, &[SummaryRow])] = &[
            (
                None,
                &[
                    row("2027-01", "casa", 1, 5_000, Some(5_000)),
                    row("2027-01", "finca", 0, 0, Some(-3_000)),
                    row("2026-12", "casa", 0, 0, Some(-9_980)),
                    row("2026-12", "finca", 1, 3_000, None),
                    row("2026-11", "casa", 2, 9_980, Some(4_990)),
                    row("2026-10", "casa", 1, 4_990, None),
                ],
            ),
            (Some("2026-11"), &[row("2026-11", "casa", 2, 9_980, Some(4_990))]),
            (Some("2025-01"), &[]),
        ];
        for (month, want) in cases {
            assert_eq!(summarize(&totals, *month, "2026-01"), want.to_vec(), "{month:?}");
        }
        assert!(summarize(&[], None, "2026-01").is_empty());
        // Through the current month: a line with nothing since shows its drop.
        let rows = summarize(&[total("2026-11", "casa", 2_000, 1)], None, "2027-03");
        assert_eq!(
            rows,
            [
                row("2026-12", "casa", 0, 0, Some(-2_000)),
                row("2026-11", "casa", 1, 2_000, None)
            ]
        );
        // Two empty months in a row: the second says nothing new.
        let totals = [total("2027-02", "finca", 1_000, 1), total("2026-11", "casa", 2_000, 1)];
        let rows = summarize(&totals, None, "2026-01");
        assert_eq!(
            rows.iter()
                .filter(|r| r.line == "casa")
                .map(|r| r.month.as_str())
                .collect::<Vec<_>>(),
            ["2026-12", "2026-11"]
        );
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        for (text, before) in [("2027-01", "2026-12"), ("2026-12", "2026-11"), ("0001-01", "0000-12")] {
            let index = month_index(text).unwrap();
            assert_eq!(month_text(index), text);
            assert_eq!(month_text(index - 1), before);
        }
        for bad in ["2026-13", "2026-00", "2026", "x-01"] {
            assert_eq!(month_index(bad), None, "{bad}");
        }
    }
}
