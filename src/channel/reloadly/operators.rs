//! Which Reloadly operator serves a line, and its current promotions.
//!
//! Operator answers are cached for a day in the state directory (per base
//! URL, since sandbox and live catalogues differ): the catalogue changes
//! rarely and cron runs should not fetch it every time.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::Reloadly;
use super::api::{PromotionList, PromotionWire, ReloadlyOperator};
use super::client::Call;
use super::errors::ReloadlyError;
use super::store;
use crate::carrier::fold;
use crate::diag;
use crate::domain::Msisdn;

/// topup handles Chilean lines.
const COUNTRY: &str = "CL";

const CACHE_FOR: SignedDuration = SignedDuration::from_hours(24);

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct OperatorCache {
    /// By phone (international digits): the id of the operator auto-detect
    /// named; `None` when it could not tell. Ids, not operators: a fleet's
    /// thousands of numbers share a handful of operators.
    detected_ids: BTreeMap<String, Dated<Option<i64>>>,
    /// By id: the operators auto-detect named, each kept once.
    detected_operators: BTreeMap<i64, Dated<ReloadlyOperator>>,
    /// By country code: `/operators/countries/{cc}`.
    countries: BTreeMap<String, Dated<Vec<ReloadlyOperator>>>,
    /// Changed since it was read: written back on drop.
    #[serde(skip)]
    dirty: bool,
}

#[derive(Clone, Serialize, Deserialize)]
struct Dated<T> {
    fetched_at: Timestamp,
    value: T,
}

impl<T: Clone> Dated<T> {
    fn fresh(&self, now: Timestamp) -> Option<T> {
        let age = now.duration_since(self.fetched_at);
        (age >= SignedDuration::ZERO && age < CACHE_FOR).then(|| self.value.clone())
    }
}

/// A promotion that is on now.
#[derive(Debug, Clone, PartialEq)]
pub struct Promotion {
    pub id: Option<i64>,
    /// What is offered (`title2`), else the promotion's title.
    pub title: String,
    /// Which amounts qualify, as Reloadly words it (`USD 10 and up`),
    /// in the operator's currency when Reloadly gives that.
    pub denominations: Option<String>,
    /// The spec's `description`: a summary of what it is about.
    pub description: Option<String>,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
}

impl Promotion {
    /// As topup lists promotions: its id is Reloadly's, else its title and
    /// start (the same promotion keeps the same id between runs).
    pub fn listed(&self, operator: crate::domain::Operator) -> crate::domain::Promotion {
        crate::domain::Promotion {
            id: self
                .id
                .map_or_else(|| format!("{}@{}", self.title, self.starts_at), |id| id.to_string()),
            operator,
            title: self.title.clone(),
            description: self.description.clone(),
            denominations: self.denominations.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            source: crate::domain::PlanSource::Reloadly,
        }
    }
}

fn names_match(name: &str, expected: &[&str]) -> bool {
    let name = fold(name.trim());
    expected.iter().any(|e| fold(e.trim()) == name)
}

impl Reloadly {
    fn cache_file(&self) -> PathBuf {
        self.settings
            .state_dir
            .join(format!("reloadly-operators-{}.json", store::key(&[&self.base_url])))
    }

    /// Runs `look` on the operator cache, which is read from its file once
    /// per process and kept in memory: a fleet run looks up a thousand
    /// numbers, so a lookup copies out one entry, never the whole cache.
    fn with_cache<T>(&self, look: impl FnOnce(&mut OperatorCache) -> T) -> T {
        let mut memo = self.operator_cache.lock().unwrap_or_else(|p| p.into_inner());
        look(memo.get_or_insert_with(|| self.load_cache()))
    }

    fn load_cache(&self) -> OperatorCache {
        let path = self.cache_file();
        store::read(&path)
            .unwrap_or_else(|e| {
                diag::note(format!("ignoring the Reloadly operator cache {}: {e}", path.display()));
                None
            })
            .unwrap_or_default()
    }

    /// `fetch`'s answer for `key` in the part of the cache `part` picks, if
    /// fresh; else fetched and kept. The cache is written once, when the
    /// client is dropped (`flush_cache`), not on every lookup.
    async fn cached<T: Clone>(
        &self,
        part: fn(&mut OperatorCache) -> &mut BTreeMap<String, Dated<T>>,
        key: &str,
        fetch: impl Future<Output = Result<T, ReloadlyError>>,
    ) -> Result<T, ReloadlyError> {
        let now = Timestamp::now();
        if let Some(hit) = self.with_cache(|c| part(c).get(key).and_then(|d| d.fresh(now))) {
            return Ok(hit);
        }
        let value = fetch.await?;
        let entry = Dated {
            fetched_at: Timestamp::now(),
            value: value.clone(),
        };
        self.with_cache(|c| {
            part(c).insert(key.to_string(), entry);
            c.dirty = true;
        });
        Ok(value)
    }

    /// Writes the operator cache if it changed. Losing it only costs lookups.
    pub(super) fn flush_cache(&mut self) {
        let path = self.cache_file();
        let memo = self.operator_cache.get_mut().unwrap_or_else(|p| p.into_inner());
        if let Some(cache) = memo.as_ref().filter(|c| c.dirty)
            && let Err(e) = store::write_private(&path, cache)
        {
            diag::note(format!(
                "could not write the Reloadly operator cache {}: {e}",
                path.display()
            ));
        }
    }

    /// The Reloadly operator to pay for `msisdn`, whose configured operator
    /// Reloadly calls one of `expected_names`.
    ///
    /// Auto-detect answers from the number's prefix, but numbers keep their
    /// prefix when ported, so the configured operator wins: when detection
    /// names another operator (or cannot tell), the operator is looked up by
    /// name in Reloadly's list for Chile, with a warning on a mismatch. With
    /// no expected names, the detected operator is used.
    pub async fn find_operator(&self, msisdn: &Msisdn, expected_names: &[&str]) -> anyhow::Result<ReloadlyOperator> {
        let phone = msisdn.international_digits();
        let detected = match self.detect_operator(&phone).await {
            Ok(detected) => detected,
            Err(e) if expected_names.is_empty() || e.refuses_credentials() => {
                return Err(e.into());
            }
            Err(e) => {
                diag::note(format!(
                    "Reloadly auto-detect failed for {msisdn} ({e}); looking the operator up by name"
                ));
                None
            }
        };
        match &detected {
            Some(op) if expected_names.is_empty() || names_match(&op.name, expected_names) => {
                return Ok(op.clone());
            }
            Some(_) => {}
            None if expected_names.is_empty() => {
                return Err(ReloadlyError::OperatorUndetected(msisdn.clone()).into());
            }
            None => diag::note(format!(
                "Reloadly could not auto-detect the operator of {msisdn}; looking it up by name"
            )),
        }
        let listed = self.country_operators(COUNTRY).await?;
        let Some(found) = listed.iter().find(|op| names_match(&op.name, expected_names)) else {
            let names: Vec<&str> = listed.iter().map(|op| op.name.as_str()).collect();
            return Err(ReloadlyError::OperatorNotListed {
                wanted: expected_names.join(" or "),
                listed: if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                },
            }
            .into());
        };
        if let Some(op) = detected {
            diag::warn(format!(
                "Reloadly's auto-detect puts {msisdn} on {}, not {}; numbers keep their prefix when ported, so topup uses {} as configured (if the line moved, change its operator in the config)",
                op.name,
                expected_names.join(" / "),
                found.name
            ));
        }
        Ok(found.clone())
    }

    /// `GET /operators/auto-detect/phone/{phone}/countries/CL`, cached.
    /// `None` when Reloadly answers `COULD_NOT_AUTO_DETECT_OPERATOR`.
    ///
    /// The phone goes as international digits (`56987654321`), the form the
    /// spec's top-up samples use for numbers; the Java SDK prefixes `+`,
    /// go-reloadly sends what it is given.
    async fn detect_operator(&self, phone: &str) -> Result<Option<ReloadlyOperator>, ReloadlyError> {
        let call = Call::get(format!("/operators/auto-detect/phone/{phone}/countries/{COUNTRY}"))
            .query("suggestedAmountsMap", "true")
            .query("suggestedAmounts", "true");
        let now = Timestamp::now();
        let kept = self.with_cache(|c| match c.detected_ids.get(phone)?.fresh(now)? {
            None => Some(None),
            Some(id) => c.detected_operators.get(&id)?.fresh(now).map(Some),
        });
        if let Some(kept) = kept {
            return Ok(kept);
        }
        let detected = match self.get_json::<ReloadlyOperator>(&call).await {
            Ok(op) => Some(op),
            Err(ReloadlyError::Answered { code: Some(code), .. }) if code == "COULD_NOT_AUTO_DETECT_OPERATOR" => None,
            Err(e) => return Err(e),
        };
        let fetched_at = Timestamp::now();
        let id = detected.as_ref().map(ReloadlyOperator::reloadly_id);
        self.with_cache(|c| match (id, &detected) {
            (None, _) => {
                c.detected_ids.insert(
                    phone.to_string(),
                    Dated {
                        fetched_at,
                        value: None,
                    },
                );
                c.dirty = true;
            }
            (Some(Some(id)), Some(op)) => {
                c.detected_ids.insert(
                    phone.to_string(),
                    Dated {
                        fetched_at,
                        value: Some(id),
                    },
                );
                c.detected_operators.insert(
                    id,
                    Dated {
                        fetched_at,
                        value: op.clone(),
                    },
                );
                c.dirty = true;
            }
            // An operator without an id cannot be kept by it: asked again next time.
            _ => {}
        });
        Ok(detected)
    }

    /// `GET /operators/countries/{cc}`, cached.
    async fn country_operators(&self, country: &str) -> Result<Vec<ReloadlyOperator>, ReloadlyError> {
        let call = Call::get(format!("/operators/countries/{country}"))
            .query("suggestedAmountsMap", "true")
            .query("suggestedAmounts", "true")
            .query("includeData", "true")
            .query("includeBundles", "true");
        let _turn = self.fetching.turn(format!("countries/{country}")).await;
        self.cached(|c| &mut c.countries, country, self.get_json(&call)).await
    }

    /// The operator's promotions that are on at `now`
    /// (`GET /promotions/operators/{id}`, asked once per operator per process).
    pub async fn promotions(&self, operator_id: i64, now: Timestamp) -> anyhow::Result<Vec<Promotion>> {
        let _turn = self.fetching.turn(format!("promotions/{operator_id}")).await;
        if let Some(known) = self
            .promotions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&operator_id)
        {
            return Ok(known.clone());
        }
        let call = Call::get(format!("/promotions/operators/{operator_id}"));
        let list: PromotionList = self.get_json(&call).await?;
        let wire = match list {
            PromotionList::Page(page) => page.content.unwrap_or_default(),
            PromotionList::Bare(items) => items,
        };
        let current = current_promotions(wire, now);
        self.promotions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(operator_id, current.clone());
        Ok(current)
    }
}

/// The promotions on at `now`. One whose dates cannot be read is left out:
/// showing an expired offer would mislead.
pub(super) fn current_promotions(wire: Vec<PromotionWire>, now: Timestamp) -> Vec<Promotion> {
    wire.into_iter()
        .filter_map(|p| {
            let title = [&p.title2, &p.title, &p.title1]
                .into_iter()
                .flatten()
                .map(|t| t.trim())
                .find(|t| !t.is_empty())?
                .to_string();
            let (Some(starts), Some(ends)) = (
                p.start_date.as_deref().and_then(parse_promotion_date),
                p.end_date.as_deref().and_then(parse_promotion_date),
            ) else {
                diag::note(format!(
                    "skipping Reloadly promotion `{title}`: its dates cannot be read"
                ));
                return None;
            };
            (starts <= now && now < ends).then(|| Promotion {
                id: p.promotion_id.or(p.id),
                title,
                denominations: p
                    .local_denominations
                    .or(p.denominations)
                    .filter(|d| !d.trim().is_empty()),
                description: p.description.filter(|d| !d.trim().is_empty()),
                starts_at: starts,
                ends_at: ends,
            })
        })
        .collect()
}

/// Promotion dates come as RFC 2822 in the spec (`Mon, 25 Jun 2018 06:00:00
/// +0000`) and as `2018-06-25 06:00:00` in the Java SDK (no zone: read as UTC).
pub(super) fn parse_promotion_date(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(text) {
        return Some(zoned.timestamp());
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    let civil: jiff::civil::DateTime = text.parse().ok()?;
    civil
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}
