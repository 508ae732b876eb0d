//! Reading a prepaid balance reply (USSD or SMS, free Spanish text) into a
//! [`BalanceReading`]. Pure: no I/O; the clock comes in as `now`.
//!
//! No Chilean operator publishes its reply texts, so the reading follows
//! rules meant to hold for replies nobody here has seen, and refuses rather
//! than guesses (prior art read phone numbers, months and error codes as
//! balances):
//! - Money is a `$` amount or one followed by `pesos`/`CLP`, in Chilean style
//!   (`$1.500`, `$ 12.500`, `1.500 pesos`, `$0`); a bare number never is.
//!   `,00` decimals are accepted, others are not pesos.
//! - An amount's label is the words just before it in its clause (clauses
//!   end at a line, `. `, `, `, `;`, a parenthesis), or a `de …` phrase right
//!   after it ("$500 de regalo"), or the heading clause above when the
//!   amount starts its clause unlabelled ("Saldo:\n$1.500"). The label word nearest the amount wins; a carrier bonus
//!   label (`Extra Saldo`) beats plain `saldo`. Amounts in a clause with an
//!   offer or an error ("recibe", "insuficiente") count for nothing.
//! - Saldo is money labelled saldo (or "principal", "tienes"… when nothing
//!   stronger is there). Two different saldo amounts are an error. Bonus
//!   saldo is summed over its distinct labels. Unlabelled money is ignored.
//! - Data left: `2,5 GB`, `1.024 MB` (1024 MB), `1.5 GB`; "ilimitado" only
//!   next to a data word or alone (not "WhatsApp ilimitado"). Not data left:
//!   used amounts, totals ("de 5 GB"), app-only or roaming buckets, product
//!   names ("Bolsa 5GB"), and breakdowns in parentheses when a figure is
//!   given outside. Named buckets (bolsa, bono, extra…) add up; a plain
//!   amount equal to the sum of the named ones is their total; two different
//!   plain amounts are an error.
//! - Expiry: see `expiry`. Saldo's and bonuses' validity is not the plan's;
//!   of several plan expiries the latest is taken (the line has a plan until
//!   then; renewing at the first would pay for the overlap).
//! - A reply needs saldo or data left to count; otherwise it is an
//!   [`UnrecognizedReply`], never a guessed or an unwritten zero.
//! - A user pattern replaces the built-in reading of its field; a pattern
//!   that does not match is an error, not a fall back to the rules it was
//!   set to override.

mod amounts;
mod expiry;
mod labels;
mod pattern;
#[cfg(test)]
mod tests;
mod text;

use std::fmt;
use std::ops::Range;

use jiff::Timestamp;
use regex::Regex;

pub use pattern::compile_pattern;

use crate::carrier::{Carrier, carrier};
use crate::domain::{Clp, DataAmount, DataLeft, LineStatus, Operator, StatusSource};
use crate::error::{ErrorKind, TopupError};
use amounts::{Found, Token};
use labels::{Around, Data, Money};
use text::{Clause, Folded};

/// The user's `[operators.X] saldo_pattern` / `data_pattern`, compiled with
/// [`compile_pattern`]: the group named `amount`, else the first group, is
/// the value.
#[derive(Debug, Clone, Default)]
pub struct ReplyPatterns {
    pub saldo: Option<Regex>,
    pub data: Option<Regex>,
}

impl ReplyPatterns {
    /// From the config's strings; the error names the key.
    pub fn compile(saldo: Option<&str>, data: Option<&str>) -> Result<Self, String> {
        let one = |key: &str, text: Option<&str>| {
            text.map(|t| compile_pattern(t).map_err(|e| format!("{key}: {e}")))
                .transpose()
        };
        Ok(ReplyPatterns {
            saldo: one("saldo_pattern", saldo)?,
            data: one("data_pattern", data)?,
        })
    }
}

/// What one reply says about the line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BalanceReading {
    /// Saldo that can buy plans.
    pub saldo: Option<Clp>,
    /// Saldo under a bonus label: cannot buy plans on some operators.
    pub bonus_saldo: Option<Clp>,
    pub data_left: Option<DataLeft>,
    /// When the plan (bolsa) ends.
    pub expires_at: Option<Timestamp>,
    /// The plan's name as the reply spells it.
    pub plan: Option<String>,
}

impl BalanceReading {
    pub fn into_line_status(self, source: StatusSource, as_of: Timestamp) -> LineStatus {
        LineStatus {
            saldo: self.saldo,
            bonus_saldo: self.bonus_saldo,
            data_left: self.data_left,
            plan: self.plan,
            expires_at: self.expires_at,
            ..LineStatus::empty(source, as_of)
        }
    }
}

/// Why a reply gave no reading; decides the exit code and the hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyProblem {
    /// Nothing came back.
    Empty,
    /// An operator notice ("servicio no disponible, intente más tarde").
    Notice,
    /// No saldo or data left that topup can vouch for.
    NoBalance,
    /// Amounts that contradict each other.
    Ambiguous,
    /// A user pattern did not match, or captured no amount.
    Pattern,
}

/// A reply topup could not read. `raw` is the whole text; `Display` shows it
/// on one bounded line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnrecognizedReply {
    pub operator: Operator,
    pub raw: String,
    pub problem: ReplyProblem,
    pub reason: String,
}

/// How much of a reply an error message quotes.
const MAX_QUOTED_CHARS: usize = 160;

impl fmt::Display for UnrecognizedReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)?;
        let quoted = one_line(&self.raw, MAX_QUOTED_CHARS);
        if !quoted.is_empty() {
            write!(f, ": \"{quoted}\"")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnrecognizedReply {}

impl UnrecognizedReply {
    /// The edge error: exit 5 (try later) for an empty reply or an operator
    /// notice, exit 1 otherwise; the hint says which config key fixes it.
    pub fn to_topup_error(&self) -> TopupError {
        let name = carrier(self.operator).display_name();
        let key = self.operator.as_str();
        let (kind, hint) = match self.problem {
            ReplyProblem::Empty | ReplyProblem::Notice => (
                ErrorKind::Temporary,
                format!(
                    "the operator gave no balance this time; try again later. If it keeps happening, check balance_ussd / balance_sms under [operators.{key}]"
                ),
            ),
            ReplyProblem::Pattern => (
                ErrorKind::Failure,
                format!(
                    "check saldo_pattern / data_pattern under [operators.{key}] against this reply: the first capture group (or one named `amount`) must hold the amount"
                ),
            ),
            ReplyProblem::NoBalance | ReplyProblem::Ambiguous => (
                ErrorKind::Failure,
                format!(
                    r"if the reply does show your balance, tell topup where: under [operators.{key}] set saldo_pattern = 'Saldo:?\s*\$\s*([\d.]+)' and/or data_pattern = '([\d.,]+\s*[MG]B)' (the first capture group, or one named `amount`, is the value)"
                ),
            ),
        };
        TopupError::new(kind, format!("could not read the {name} balance reply: {self}")).hint(hint)
    }
}

impl From<UnrecognizedReply> for TopupError {
    fn from(reply: UnrecognizedReply) -> Self {
        reply.to_topup_error()
    }
}

/// Reads a balance reply. `now` places dates written without a year.
pub fn parse_balance(
    text: &str,
    carrier: &dyn Carrier,
    patterns: &ReplyPatterns,
    now: Timestamp,
) -> Result<BalanceReading, UnrecognizedReply> {
    let fail = |problem, reason: String| UnrecognizedReply {
        operator: carrier.operator(),
        raw: text.to_string(),
        problem,
        reason,
    };
    if text.trim().is_empty() {
        return Err(fail(ReplyProblem::Empty, "the reply is empty".into()));
    }
    let folded = Folded::new(text);
    let read = BuiltIn::read(&folded, carrier, now);
    // A notice ("servicio no disponible") is a notice even when the user's
    // pattern is what failed on it: cron should hear "try later", not
    // "check your pattern".
    let pattern_failed = |reason: String| {
        if is_notice(&folded.text) {
            fail(
                ReplyProblem::Notice,
                format!("an operator notice, not a balance ({reason})"),
            )
        } else {
            fail(ReplyProblem::Pattern, reason)
        }
    };
    let saldo = match &patterns.saldo {
        Some(re) => Some(pattern::saldo(re, text).map_err(pattern_failed)?),
        None => read.saldo.map_err(|r| fail(ReplyProblem::Ambiguous, r))?,
    };
    let data_left = match &patterns.data {
        Some(re) => Some(pattern::data(re, text).map_err(pattern_failed)?),
        None => read.data_left.map_err(|r| fail(ReplyProblem::Ambiguous, r))?,
    };
    if saldo.is_none() && data_left.is_none() {
        let problem = if is_notice(&folded.text) {
            ReplyProblem::Notice
        } else {
            ReplyProblem::NoBalance
        };
        return Err(fail(problem, read.why_nothing));
    }
    Ok(BalanceReading {
        saldo,
        bonus_saldo: read.bonus_saldo,
        data_left,
        expires_at: read.expires_at,
        plan: read.plan,
    })
}

/// What one amount turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Money(Money),
    Data(Data),
    /// "ilimitado", and whether it is about data.
    Unlimited(bool),
    Unreadable,
}

#[derive(Debug, Clone)]
struct Item {
    token: Token,
    at: Range<usize>,
    clause: usize,
    in_parens: bool,
    role: Role,
}

/// The built-in reading, field by field; an `Err` field is a contradiction.
struct BuiltIn {
    saldo: Result<Option<Clp>, String>,
    bonus_saldo: Option<Clp>,
    data_left: Result<Option<DataLeft>, String>,
    expires_at: Option<Timestamp>,
    plan: Option<String>,
    /// For the error when neither saldo nor data was found.
    why_nothing: String,
}

impl BuiltIn {
    fn read(folded: &Folded, carrier: &dyn Carrier, now: Timestamp) -> BuiltIn {
        let text = folded.text.as_str();
        let clauses = text::clauses(text);
        let items = items(text, &clauses, carrier.bonus_saldo_labels());
        let bonus_saldo = bonus_saldo(&items);
        BuiltIn {
            saldo: saldo(&items),
            bonus_saldo,
            data_left: data_left(&items),
            expires_at: plan_expiry(text, &clauses, &items, carrier.bonus_saldo_labels(), now),
            plan: plan_name(folded, &clauses, &items),
            why_nothing: why_nothing(folded, &items, bonus_saldo),
        }
    }
}

fn cut(text: &str, range: Range<usize>) -> &str {
    text.get(range).unwrap_or("")
}

/// Every amount with its clause and what its label makes of it.
fn items(text: &str, clauses: &[Clause], bonus_labels: &'static [&'static str]) -> Vec<Item> {
    let found = amounts::scan(text);
    let mut items = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let Some((index, clause)) = clauses.iter().enumerate().find(|(_, c)| c.range.contains(&f.at.start)) else {
            continue;
        };
        let previous = i
            .checked_sub(1)
            .and_then(|p| found.get(p))
            .filter(|p| p.at.start >= clause.range.start);
        let next = found.get(i + 1).filter(|n| n.at.start < clause.range.end);
        let before_at = previous.map_or(clause.range.start, |p| {
            p.at.end + previous_phrase_len(cut(text, p.at.end..f.at.start))
        });
        let before = cut(text, before_at..f.at.start);
        // "Saldo:\n$1.500": an amount that starts its clause with no label
        // takes the clause above as its label, if that holds no amount.
        let heading = (previous.is_none() && !before.chars().any(char::is_alphanumeric))
            .then(|| index.checked_sub(1).and_then(|h| clauses.get(h)))
            .flatten()
            .filter(|h| !found.iter().any(|o| h.range.contains(&o.at.start)));
        let around = Around {
            before: heading.map_or(before, |h| cut(text, h.range.clone())),
            before_at: heading.map_or(before_at, |h| h.range.start),
            from_heading: heading.is_some(),
            after: cut(text, f.at.end..next.map_or(clause.range.end, |n| n.at.start)),
            clause: cut(text, clause.range.clone()),
            follows_data: previous.is_some_and(Found::is_data),
        };
        let role = match f.token {
            Token::Money(_) => Role::Money(labels::money(&around, bonus_labels)),
            Token::Data(_) => Role::Data(labels::data(&around, bonus_labels)),
            Token::Unlimited => Role::Unlimited(labels::unlimited_is_data(&around)),
            Token::Unreadable => Role::Unreadable,
        };
        items.push(Item {
            token: f.token,
            at: f.at.clone(),
            clause: index,
            in_parens: clause.in_parens,
            role,
        });
    }
    items
}

/// "2 GB en roaming y 1 GB": what follows the previous amount up to a
/// conjunction belongs to that amount, not to the next one's label.
fn previous_phrase_len(between: &str) -> usize {
    const JOINERS: &[&str] = &[" y ", " e ", " + ", " mas ", " con "];
    JOINERS
        .iter()
        .filter_map(|j| between.rfind(j).map(|at| at + j.len() - 1))
        .max()
        .unwrap_or(0)
}

fn saldo(items: &[Item]) -> Result<Option<Clp>, String> {
    let mut amounts: Vec<Clp> = Vec::new();
    for item in items {
        if let (Token::Money(amount), Role::Money(Money::Saldo)) = (item.token, item.role)
            && !amounts.contains(&amount)
        {
            amounts.push(amount);
        }
    }
    match amounts.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        [a, b, ..] => Err(format!(
            "it shows two different saldo amounts, {a} and {b}, and topup does not guess which one can buy plans"
        )),
    }
}

fn bonus_saldo(items: &[Item]) -> Option<Clp> {
    let mut seen: Vec<(&str, Clp)> = Vec::new();
    for item in items {
        if let (Token::Money(amount), Role::Money(Money::Bonus(label))) = (item.token, item.role)
            && !seen.contains(&(label, amount))
        {
            seen.push((label, amount));
        }
    }
    seen.iter()
        .map(|(_, a)| *a)
        .reduce(|a, b| a.checked_add(b).unwrap_or(Clp(i64::MAX)))
}

fn data_left(items: &[Item]) -> Result<Option<DataLeft>, String> {
    if items.iter().any(|i| i.role == Role::Unlimited(true)) {
        return Ok(Some(DataLeft::Unlimited));
    }
    let left: Vec<(&Item, Option<&str>, DataAmount)> = items
        .iter()
        .filter_map(|i| match (i.token, i.role) {
            (Token::Data(amount), Role::Data(Data::Left { bucket })) => Some((i, bucket, amount)),
            _ => None,
        })
        .collect();
    // "Datos: 3 GB (bolsa 2 GB + bono 1 GB)": the breakdown is not more data.
    let outside_parens = left.iter().any(|(i, _, _)| !i.in_parens);
    let mut plain: Vec<DataAmount> = Vec::new();
    let mut named: Vec<(&str, DataAmount)> = Vec::new();
    for (item, bucket, amount) in left {
        if item.in_parens && outside_parens {
            continue;
        }
        match bucket {
            None if !plain.contains(&amount) => plain.push(amount),
            Some(name) if !named.contains(&(name, amount)) => named.push((name, amount)),
            _ => {}
        }
    }
    let named_sum = named.iter().fold(DataAmount(0), |sum, (_, a)| sum.saturating_add(*a));
    match plain.as_slice() {
        [a, b, ..] => Err(format!(
            "it shows {a} and {b} as data left and topup cannot tell whether they add up"
        )),
        [total] if !named.is_empty() && *total == named_sum => Ok(Some(DataLeft::Amount(*total))),
        [one] => Ok(Some(DataLeft::Amount(one.saturating_add(named_sum)))),
        [] if named.is_empty() => Ok(None),
        [] => Ok(Some(DataLeft::Amount(named_sum))),
    }
}

/// The plan's expiry: dates in clauses about data or a plan (or with no
/// amount, under a clause about data); not those about saldo or a bonus.
fn plan_expiry(
    text: &str,
    clauses: &[Clause],
    items: &[Item],
    bonus_labels: &[&str],
    now: Timestamp,
) -> Option<Timestamp> {
    #[derive(Clone, Copy, PartialEq)]
    enum About {
        Plan,
        Saldo,
        Bonus,
    }
    let about = |index: usize| -> Option<About> {
        let clause = cut(text, clauses.get(index)?.range.clone());
        let here = || items.iter().filter(move |i| i.clause == index);
        if labels::speaks_of_bonus(clause, bonus_labels) {
            Some(About::Bonus)
        } else if labels::speaks_of_data(clause) || here().any(|i| matches!(i.token, Token::Data(_) | Token::Unlimited))
        {
            Some(About::Plan)
        } else if here().any(|i| matches!(i.token, Token::Money(_))) {
            Some(About::Saldo)
        } else {
            None
        }
    };
    expiry::find(text, now)
        .into_iter()
        .filter(|e| {
            let Some(index) = clauses.iter().position(|c| c.range.contains(&e.keyword_at)) else {
                return false;
            };
            let about = about(index).or_else(|| index.checked_sub(1).and_then(about));
            about.is_none_or(|a| a == About::Plan)
        })
        .map(|e| e.at)
        .max()
}

/// "Plan: Multimedia 5GB", else the product name of a data amount ("Tu
/// Bolsa 5GB vence…"), as the reply spells it. A name next to a price
/// ("Bolsa 1GB a $1.990") or in a breakdown is an offer or a part, not the plan.
fn plan_name(folded: &Folded, clauses: &[Clause], items: &[Item]) -> Option<String> {
    let labelled = clauses.iter().find_map(|c| {
        let clause = cut(&folded.text, c.range.clone());
        let offer = labels::is_offer_or_error(clause);
        labels::labelled_plan(clause)
            .filter(|_| !offer)
            .map(|r| c.range.start + r.start..c.range.start + r.end)
    });
    let named = || {
        let priced = |clause: usize| {
            items
                .iter()
                .any(|o| o.clause == clause && matches!(o.token, Token::Money(_)))
        };
        items.iter().find_map(|i| match i.role {
            Role::Data(Data::Name { product_at }) if !i.in_parens && !priced(i.clause) => Some(product_at..i.at.end),
            _ => None,
        })
    };
    let range = labelled.or_else(named)?;
    folded
        .original(range)
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

/// Words of a notice that will pass: the answer is "try later".
const NOTICE_WORDS: &[&str] = &[
    "mas tarde",
    "no disponible",
    "mantencion",
    "mantenimiento",
    "temporalmente",
    "congestion",
    "sistema ocupado",
    "fuera de servicio",
    "en este momento",
];

fn is_notice(folded: &str) -> bool {
    NOTICE_WORDS.iter().any(|w| text::has_word(folded, w))
}

/// Two or more lines that start with an option number: "1. Saldo", "2) Bolsas".
fn is_menu(folded: &str) -> bool {
    let options = folded
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            (1..=2).contains(&digits)
                && line
                    .get(digits..)
                    .is_some_and(|rest| rest.starts_with(['.', ')', '-', ':', ' ']))
        })
        .count();
    options >= 2
}

fn why_nothing(folded: &Folded, items: &[Item], bonus: Option<Clp>) -> String {
    let text = folded.text.as_str();
    if is_notice(text) {
        return "it looks like an operator notice, not a balance".into();
    }
    if is_menu(text) {
        return "it looks like a menu, not a balance (check the menu answers in balance_ussd)".into();
    }
    if let Some(bonus) = bonus {
        return format!("it shows only bonus saldo ({bonus}), which may not buy plans, and no saldo or data left");
    }
    let original = |item: &Item| folded.original(item.at.clone()).unwrap_or("").trim().to_string();
    if let Some(item) = items.iter().find(|i| i.role == Role::Unreadable) {
        return format!("`{}` is not an amount of whole Chilean pesos", original(item));
    }
    if let Some(item) = items.iter().find(|i| i.role == Role::Money(Money::Unlabelled)) {
        return format!("it shows {} but no word says that it is saldo", original(item));
    }
    if items
        .iter()
        .any(|i| matches!(i.token, Token::Data(_) | Token::Unlimited))
    {
        return "it shows data amounts, but none is data left (used, totals, plan names or offers)".into();
    }
    if !items.is_empty() {
        return "its amounts are not saldo (prices, totals, recargas, frozen saldo or offers)".into();
    }
    "it shows no saldo ($ amount) and no data amount".into()
}

/// `text` on one line for an error message: line breaks as ` / `, control
/// characters (a terminal escape from the network) dropped, at most `max`
/// characters.
fn one_line(text: &str, max: usize) -> String {
    let joined = text
        .lines()
        .map(|line| {
            let clean: String = line.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            clean.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    if joined.chars().count() <= max {
        return joined;
    }
    let mut short: String = joined.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}
