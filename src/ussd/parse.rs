//! Reading a prepaid balance reply (USSD or SMS, free Spanish text) into a
//! [`BalanceReading`]. Pure: no I/O; the clock comes in as `now`.
//!
//! No Chilean operator publishes its reply texts, so the reading follows
//! the reply's structure, not the nearness of words, and refuses rather
//! than guesses (prior art read phone numbers, months and error codes as
//! balances; a saldo read as $1 can trigger a paid renewal):
//! - The reply is cut into clauses and phrases (`text`); every number is tied
//!   to its own unit in its clause (`amounts`), and labelled by the words
//!   around it (`labels`). Amounts in a phrase with an offer or an error count
//!   for nothing; a bare number is never money.
//! - Offers by structure: options of a numbered menu, and any size in the
//!   same clause as a price ("Bolsa 1GB a $1.990"), are not data left.
//! - Saldo is money labelled saldo; two different saldo amounts are an error.
//!   Bonus saldo is summed over its distinct labels. Unlabelled money is ignored.
//! - Data left: parts joined by "+" or "y" are one amount; named buckets add
//!   up; a plain amount equal to their sum is their total; two different
//!   plain amounts are an error. Not data left: used amounts, totals,
//!   restricted or inactive buckets, product names ("Bolsa 5GB"), a breakdown
//!   in parentheses beside a figure. With nothing said to be left, "1,3 GB
//!   usados de 5 GB" leaves 3,7 GB.
//! - Expiry (`expiry`): each date is tied to what its clause is about; only a
//!   data date is the plan's end, and two different data dates are an error
//!   rather than a pick.
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

pub use pattern::{PatternError, compile_pattern};

use crate::carrier::{Carrier, carrier};
use crate::domain::{Clp, DataAmount, DataLeft, LineStatus, Operator, StatusSource};
use crate::error::{ErrorKind, TopupError};
use amounts::{Found, Token};
use labels::{Around, Data, Money, Subject};
use pattern::CaptureError;
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
    pub fn compile(saldo: Option<&str>, data: Option<&str>) -> Result<Self, KeyedPatternError> {
        let one = |key: &'static str, text: Option<&str>| {
            text.map(|t| compile_pattern(t).map_err(|error| KeyedPatternError { key, error }))
                .transpose()
        };
        Ok(ReplyPatterns {
            saldo: one("saldo_pattern", saldo)?,
            data: one("data_pattern", data)?,
        })
    }
}

/// A user pattern refused, with the config key that holds it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {error}")]
pub struct KeyedPatternError {
    pub key: &'static str,
    pub error: PatternError,
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
        let name = carrier(self.operator).display_name;
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
    carrier: &Carrier,
    patterns: &ReplyPatterns,
    now: Timestamp,
) -> Result<BalanceReading, UnrecognizedReply> {
    let fail = |problem, reason: String| UnrecognizedReply {
        operator: carrier.operator,
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
    let pattern_failed = |reason: CaptureError| {
        if is_notice(&folded.text) {
            fail(
                ReplyProblem::Notice,
                format!("an operator notice, not a balance ({reason})"),
            )
        } else {
            fail(ReplyProblem::Pattern, reason.to_string())
        }
    };
    let saldo = match &patterns.saldo {
        Some(re) => Some(pattern::saldo(re, text).map_err(pattern_failed)?),
        None => read.saldo.map_err(|r| fail(ReplyProblem::Ambiguous, r.to_string()))?,
    };
    let data_left = match &patterns.data {
        Some(re) => Some(pattern::data(re, text).map_err(pattern_failed)?),
        None => read
            .data_left
            .map_err(|r| fail(ReplyProblem::Ambiguous, r.to_string()))?,
    };
    if saldo.is_none() && data_left.is_none() {
        let problem = if is_notice(&folded.text) {
            ReplyProblem::Notice
        } else {
            ReplyProblem::NoBalance
        };
        return Err(fail(problem, read.why_nothing));
    }
    let expires_at = read
        .expires_at
        .map_err(|r| fail(ReplyProblem::Ambiguous, r.to_string()))?;
    Ok(BalanceReading {
        saldo,
        bonus_saldo: read.bonus_saldo,
        data_left,
        expires_at,
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
    /// Only a joiner ("+", "y") stands between the data amount before it in
    /// its clause and this one: "2 GB + 1 GB LTE" is one total in parts.
    joined: bool,
    role: Role,
}

/// Amounts or dates in a reply that contradict each other: topup refuses
/// rather than picks one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum Contradiction {
    #[error("it shows two different saldo amounts, {0} and {1}, and topup does not guess which one can buy plans")]
    TwoSaldos(Clp, Clp),
    /// Holds the amount as the reply writes it.
    #[error("`{0}` reads two ways (a thousands separator or a decimal point), and topup does not guess which")]
    ReadsTwoWays(String),
    #[error("it shows data used of a total and other buckets, but not what is left of the total")]
    UsedBesideBuckets,
    #[error("it shows {0} and {1} as data left and topup cannot tell whether they add up")]
    TwoDataLeft(DataAmount, DataAmount),
    #[error("it gives two different ends for data, {0} and {1}, and topup does not guess which is the plan's")]
    TwoDataEnds(jiff::civil::Date, jiff::civil::Date),
}

/// The built-in reading, field by field; an `Err` field is a contradiction.
struct BuiltIn {
    saldo: Result<Option<Clp>, Contradiction>,
    bonus_saldo: Option<Clp>,
    data_left: Result<Option<DataLeft>, Contradiction>,
    expires_at: Result<Option<Timestamp>, Contradiction>,
    plan: Option<String>,
    /// For the error when neither saldo nor data was found.
    why_nothing: String,
}

impl BuiltIn {
    fn read(folded: &Folded, carrier: &Carrier, now: Timestamp) -> BuiltIn {
        let text = folded.text.as_str();
        let clauses = text::clauses(text);
        let items = items(text, &clauses, carrier.bonus_saldo_labels);
        let bonus_saldo = bonus_saldo(&items);
        BuiltIn {
            saldo: saldo(&items),
            bonus_saldo,
            data_left: data_left(folded, &items),
            expires_at: plan_expiry(text, &clauses, &items, carrier.bonus_saldo_labels, now),
            plan: plan_name(folded, &clauses, &items),
            why_nothing: why_nothing(folded, &items, bonus_saldo),
        }
    }
}

fn cut(text: &str, range: Range<usize>) -> &str {
    text.get(range).unwrap_or("")
}

/// Words that join the parts of one phrase: "2 GB + 1 GB", "$500 y $1.000".
const JOINERS: &[&str] = &[" y ", " e ", " + ", " mas ", " con ", " pero "];

/// Every amount with its clause and what its label makes of it.
fn items(text: &str, clauses: &[Clause], bonus_labels: &'static [&'static str]) -> Vec<Item> {
    let found = amounts::scan(text);
    let menu = is_menu(text);
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
        let after_end = next.map_or(clause.range.end, |n| n.at.start);
        let after = cut(text, f.at.end..after_end);
        let phrase_start = before_at + previous_phrase_len(before);
        let phrase_end = JOINERS
            .iter()
            .filter_map(|j| after.find(j))
            .min()
            .map_or(after_end, |at| f.at.end + at);
        // "2 GB + 1 GB LTE", "1.5 GB de datos y 2.0 GB LTE".
        let joined = previous.is_some_and(|p| {
            let between = cut(text, p.at.end..f.at.start).trim_end();
            p.is_data()
                && ["+", " y", " mas", " e"]
                    .iter()
                    .any(|j| between.ends_with(j) || between == j.trim())
        });
        let around = Around {
            before: heading.map_or(before, |h| cut(text, h.range.clone())),
            before_at: heading.map_or(before_at, |h| h.range.start),
            from_heading: heading.is_some(),
            after,
            rest: cut(text, f.at.end..clause.range.end),
            phrase: cut(text, phrase_start..phrase_end),
            follows_data: previous.is_some_and(Found::is_data),
        };
        // "1. Bolsa 5 GB $3.990": an option of a menu is an offer.
        let option = menu && is_option_line(line_of(text, f.at.start));
        let role = match f.token {
            Token::Money(_) if option => Role::Money(Money::NotBalance),
            Token::Data(_) | Token::AmbiguousData if option => Role::Data(Data::NotLeft),
            Token::Unlimited if option => Role::Unlimited(false),
            Token::Money(_) => Role::Money(labels::money(&around, bonus_labels)),
            Token::Data(_) | Token::AmbiguousData => Role::Data(labels::data(&around, bonus_labels)),
            Token::Unlimited => Role::Unlimited(labels::unlimited_is_data(&around)),
            Token::Unreadable => Role::Unreadable,
        };
        items.push(Item {
            token: f.token,
            at: f.at.clone(),
            clause: index,
            in_parens: clause.in_parens,
            joined,
            role,
        });
    }
    mark_priced_sizes(&mut items);
    items
}

/// "Navega hasta 10 GB con la Bolsa Mensual por $7.990", "Bolsa 1GB a
/// $1.990": a size in the same clause as a price is an offer, whatever its
/// words say.
fn mark_priced_sizes(items: &mut [Item]) {
    let priced: Vec<usize> = items
        .iter()
        .filter(|i| {
            matches!(
                i.role,
                Role::Money(Money::NotBalance | Money::Unlabelled) | Role::Unreadable
            )
        })
        .map(|i| i.clause)
        .collect();
    for item in items.iter_mut().filter(|i| priced.contains(&i.clause)) {
        match item.role {
            Role::Data(Data::Left { .. } | Data::Used | Data::Total) => item.role = Role::Data(Data::NotLeft),
            Role::Unlimited(true) => item.role = Role::Unlimited(false),
            _ => {}
        }
    }
}

/// "2 GB en roaming y 1 GB": what follows the previous amount up to a
/// conjunction belongs to that amount, not to the next one's label.
fn previous_phrase_len(between: &str) -> usize {
    JOINERS
        .iter()
        .filter(|j| **j != " pero ")
        .filter_map(|j| between.rfind(j).map(|at| at + j.len() - 1))
        .max()
        .unwrap_or(0)
}

fn saldo(items: &[Item]) -> Result<Option<Clp>, Contradiction> {
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
        [a, b, ..] => Err(Contradiction::TwoSaldos(*a, *b)),
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

fn data_left(folded: &Folded, items: &[Item]) -> Result<Option<DataLeft>, Contradiction> {
    if let Some(unsure) = items
        .iter()
        .find(|i| i.token == Token::AmbiguousData && matches!(i.role, Role::Data(Data::Left { .. })))
    {
        let shown = folded.original(unsure.at.clone()).unwrap_or("").trim();
        return Err(Contradiction::ReadsTwoWays(shown.into()));
    }
    if items.iter().any(|i| i.role == Role::Unlimited(true)) {
        return Ok(Some(DataLeft::Unlimited));
    }
    // Amounts left, one per part or bucket; "2 GB + 1 GB LTE" is one part.
    let mut parts: Vec<(&Item, Option<&str>, DataAmount)> = Vec::new();
    let mut previous_was_left = false;
    for item in items {
        let (Token::Data(amount), Role::Data(Data::Left { bucket })) = (item.token, item.role) else {
            previous_was_left = false;
            continue;
        };
        match parts.last_mut() {
            Some((_, _, sum)) if item.joined && previous_was_left => *sum = sum.saturating_add(amount),
            _ => parts.push((item, bucket, amount)),
        }
        previous_was_left = true;
    }
    if parts.is_empty() {
        return Ok(left_from_used(items).map(DataLeft::Amount));
    }
    // "Datos: 3 GB (bolsa 2 GB + bono 1 GB)": the breakdown is not more data.
    let outside_parens = parts.iter().any(|(i, _, _)| !i.in_parens);
    let mut plain: Vec<DataAmount> = Vec::new();
    let mut named: Vec<(&str, DataAmount)> = Vec::new();
    for (item, bucket, amount) in parts {
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
    // "Has usado 1 GB de 5 GB. Bono: 500 MB": what is left of the 5 GB is
    // not said, so the bonus alone is not the data left.
    if plain.is_empty() && left_from_used(items).is_some() {
        return Err(Contradiction::UsedBesideBuckets);
    }
    match plain.as_slice() {
        [a, b, ..] => Err(Contradiction::TwoDataLeft(*a, *b)),
        [total] if !named.is_empty() && *total == named_sum => Ok(Some(DataLeft::Amount(*total))),
        [one] => Ok(Some(DataLeft::Amount(one.saturating_add(named_sum)))),
        [] if named.is_empty() => Ok(None),
        [] => Ok(Some(DataLeft::Amount(named_sum))),
    }
}

/// "1,3 GB usados de 5 GB": with nothing said to be left, one clause with
/// one used amount and one total tells what is left.
fn left_from_used(items: &[Item]) -> Option<DataAmount> {
    let of = |role: Data| -> Vec<(usize, DataAmount)> {
        items
            .iter()
            .filter_map(|i| match (i.token, i.role) {
                (Token::Data(a), Role::Data(r)) if r == role => Some((i.clause, a)),
                _ => None,
            })
            .collect()
    };
    match (of(Data::Used).as_slice(), of(Data::Total).as_slice()) {
        ([(used_in, used)], [(total_in, total)]) if used_in == total_in && used <= total => {
            Some(DataAmount(total.0 - used.0))
        }
        _ => None,
    }
}

/// The plan's end: the date of a clause about data (or, when the clause of
/// the date names nothing, of the clause before it, past parentheses). Dates
/// of saldo, bonuses, minutes, SMS, restricted buckets or the line itself
/// are not the plan's. Two different plan ends are a contradiction.
fn plan_expiry(
    text: &str,
    clauses: &[Clause],
    items: &[Item],
    bonus_labels: &'static [&'static str],
    now: Timestamp,
) -> Result<Option<Timestamp>, Contradiction> {
    let subject_of = |range: Range<usize>| -> Option<Subject> {
        let words = labels::subject(cut(text, range.clone()), bonus_labels).map(|(end, s)| (range.start + end, s));
        let amount = items.iter().rev().find(|i| range.contains(&i.at.start)).map(|i| {
            let subject = match i.role {
                Role::Data(Data::Left { bucket: Some(b) }) if labels::is_bonus_label(b, bonus_labels) => Subject::Bonus,
                Role::Data(Data::NotLeft) | Role::Unlimited(false) => Subject::OtherService,
                Role::Data(_) | Role::Unlimited(true) => Subject::Data,
                Role::Money(Money::Bonus(_)) => Subject::Bonus,
                Role::Money(_) | Role::Unreadable => Subject::Saldo,
            };
            (i.at.end, subject)
        });
        // Bonus and restricted buckets named anywhere win; otherwise the
        // nearest word or amount.
        match (words, amount) {
            (Some((_, s @ (Subject::Bonus | Subject::OtherService))), _) => Some(s),
            (Some((w_end, w)), Some((a_end, a))) => Some(if a_end > w_end { a } else { w }),
            (w, a) => w.or(a).map(|(_, s)| s),
        }
    };
    let mut ends: Vec<Timestamp> = Vec::new();
    for e in expiry::find(text, now) {
        let Some(index) = clauses.iter().position(|c| c.range.contains(&e.keyword_at)) else {
            continue;
        };
        let Some(clause) = clauses.get(index) else { continue };
        // The words about the date start after the amount before the last
        // one: "Saldo Bono: $500 Datos: 1 GB Vigencia …" is about the data.
        let amounts_before: Vec<usize> = items
            .iter()
            .filter(|i| i.at.start >= clause.range.start && i.at.end <= e.keyword_at)
            .map(|i| i.at.end)
            .collect();
        let from = amounts_before
            .len()
            .checked_sub(2)
            .and_then(|i| amounts_before.get(i).copied())
            .unwrap_or(clause.range.start);
        let subject = subject_of(from..e.keyword_at).or_else(|| {
            let above = clauses.get(..index)?.iter().rev().find(|c| !c.in_parens)?;
            subject_of(above.range.clone())
        });
        if subject == Some(Subject::Data) && !ends.contains(&e.at) {
            ends.push(e.at);
        }
    }
    match ends.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        [a, b, ..] => {
            let date = |ts| crate::domain::timefmt::in_santiago(ts).date();
            Err(Contradiction::TwoDataEnds(date(*a), date(*b)))
        }
    }
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
    folded.lines().filter(|line| is_option_line(line)).count() >= 2
}

/// A line that starts with an option number: "1. Saldo", "2) Bolsas".
fn is_option_line(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && line
            .get(digits..)
            .is_some_and(|rest| rest.starts_with(['.', ')', '-', ':', ' ']))
}

/// The line of `text` that holds byte `at`.
fn line_of(text: &str, at: usize) -> &str {
    let start = text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let end = text.get(at..).and_then(|t| t.find('\n')).map_or(text.len(), |i| at + i);
    cut(text, start..end)
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
    if let Some(item) = items.iter().find(|i| i.token == Token::AmbiguousData) {
        return Contradiction::ReadsTwoWays(original(item)).to_string();
    }
    if let Some(item) = items.iter().find(|i| i.role == Role::Money(Money::Unlabelled)) {
        return format!("it shows {} but no word says that it is saldo", original(item));
    }
    if items
        .iter()
        .any(|i| matches!(i.token, Token::Data(_) | Token::Unlimited | Token::AmbiguousData))
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
