//! A HiLink router as a [`Modem`]: the same USSD walk, SMS query and reply
//! parsing as ModemManager's modems, over the router's API (reference §A3).
//!
//! - Operator: `api/net/current-plmn`'s `Numeric` (the network's MCC-MNC;
//!   the router does not say the SIM's).
//! - USSD: POST `api/ussd/send` (`content`, `codeType`, `timeout`), poll
//!   `api/ussd/status` until `result` is 0, then `api/ussd/get`'s
//!   `content`. A menu answer is sent the same way (the library's example
//!   sends consecutive codes). No call to end a session is known, so a
//!   session in progress is waited out rather than cancelled.
//! - SMS: POST `api/sms/send-sms`, then `api/sms/sms-list` (the local
//!   inbox, newest first) for the answer, which is deleted with
//!   `api/sms/delete-sms`. The router says nothing of where it keeps the
//!   sent message, so topup leaves it: it deletes nothing it cannot tell
//!   is its own.

use std::time::Duration;

use anyhow::Result;
use serde::Deserialize;

use super::api::Session;
use super::error::HilinkError;
use crate::channel::modem::{Modem, SimIdentity, Sms, SmsRef, SmsState, UssdState, UssdStatus};
use crate::domain::timefmt::Clock;

/// How long a USSD request may stay in progress on the router (the
/// library's example waits 15 s; operators' menus can be slower).
pub const USSD_REPLY_WAIT: Duration = Duration::from_secs(30);
const USSD_POLL: Duration = Duration::from_secs(1);

/// The SMS list's page: the newest messages of the local inbox.
const SMS_PAGE: &str = "50";

/// `Rat` in `api/net/current-plmn` for 4G (`huawei-lte-api`'s
/// `Net.set_register` docs: "0" 2G, "2" 3G, "7" 4G).
const RAT_LTE: &str = "7";

pub struct Router<'s> {
    pub session: &'s Session,
    /// `codeType` for `api/ussd/send`.
    pub code_type: &'s str,
    pub clock: Clock,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Plmn {
    pub numeric: Option<String>,
    pub rat: Option<String>,
}

#[derive(Deserialize)]
struct UssdResult {
    result: Option<String>,
}

#[derive(Deserialize)]
struct UssdContent {
    content: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SmsList {
    messages: Option<Messages>,
}

#[derive(Deserialize)]
struct Messages {
    #[serde(rename = "Message", default)]
    message: Vec<Message>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Message {
    index: String,
    phone: Option<String>,
    content: Option<String>,
}

impl Router<'_> {
    async fn plmn(&self) -> Result<Plmn, HilinkError> {
        self.session.get::<Plmn>("net/current-plmn").await
    }

    /// `api/ussd/status`'s `result`: 0 when no request is in progress. A
    /// status without a readable `result` counts as in progress: taking it
    /// for idle could read the previous menu and answer the wrong one.
    async fn ussd_result(&self) -> Result<i64, HilinkError> {
        let status = self.session.get::<UssdResult>("ussd/status").await?;
        Ok(status.result.and_then(|r| r.trim().parse().ok()).unwrap_or(1))
    }

    /// Waits until no USSD request is in progress.
    async fn ussd_settled(&self) -> Result<(), HilinkError> {
        let deadline = tokio::time::Instant::now() + USSD_REPLY_WAIT;
        while self.ussd_result().await? >= 1 {
            if tokio::time::Instant::now() >= deadline {
                return Err(HilinkError::UssdNoReply {
                    secs: USSD_REPLY_WAIT.as_secs(),
                });
            }
            tokio::time::sleep(USSD_POLL).await;
        }
        Ok(())
    }

    /// Sends a code or a menu answer and waits for the network's reply.
    async fn ussd(&self, text: &str) -> Result<String, HilinkError> {
        let sent = self
            .session
            .post_ok(
                "ussd/send",
                &[("content", text), ("codeType", self.code_type), ("timeout", "")],
            )
            .await;
        match sent {
            Ok(Ok(())) => {}
            Ok(Err(answer)) => return Err(HilinkError::UssdRefused { answer }),
            Err(e) => return Err(e),
        }
        // Sent: whatever fails now, the network may have acted on it.
        let reply = async {
            self.ussd_settled().await?;
            let got = self.session.get::<UssdContent>("ussd/get").await?;
            got.content
                .filter(|c| !c.trim().is_empty())
                .ok_or(HilinkError::UssdEmpty)
        };
        reply.await.map_err(|e| match e {
            e @ (HilinkError::UssdNoReply { .. } | HilinkError::UssdEmpty) => e,
            e => HilinkError::AfterSend(Box::new(e)),
        })
    }

    /// A USSD failure, with the LTE hint when the router is on 4G now.
    async fn explained(&self, e: HilinkError) -> anyhow::Error {
        if e.is_ussd_failure()
            && let Ok(plmn) = self.plmn().await
            && plmn.rat.as_deref().map(str::trim) == Some(RAT_LTE)
        {
            return HilinkError::OnLte(Box::new(e)).into();
        }
        e.into()
    }
}

impl Modem for Router<'_> {
    async fn identity(&self) -> Result<SimIdentity> {
        let plmn = self.plmn().await?;
        let code = plmn.numeric.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        if code.is_none() {
            return Err(HilinkError::NoNetwork {
                url: self.session.url().to_string(),
            }
            .into());
        }
        Ok(SimIdentity {
            sim_operator_code: None,
            network_operator_code: code,
        })
    }

    async fn ussd_status(&self) -> Result<UssdStatus> {
        let state = if self.ussd_result().await? >= 1 {
            UssdState::Active
        } else {
            UssdState::Idle
        };
        Ok(UssdStatus {
            state,
            network_request: None,
            network_notification: None,
        })
    }

    async fn ussd_initiate(&self, code: &str) -> Result<String> {
        match self.ussd(code).await {
            Ok(reply) => Ok(reply),
            Err(e) => Err(self.explained(e).await),
        }
    }

    async fn ussd_respond(&self, answer: &str) -> Result<String> {
        self.ussd_initiate(answer).await
    }

    /// No call to end a session is known: a request in progress is waited out.
    async fn ussd_cancel(&self) -> Result<()> {
        Ok(self.ussd_settled().await?)
    }

    async fn sms_send(&self, to: &str, text: &str) -> Result<Option<SmsRef>> {
        let date = crate::domain::timefmt::in_santiago(self.clock.now())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string();
        let length = text.chars().count().to_string();
        // Fields in the library's order; Reserved 1 is 7-bit text.
        let sent = self
            .session
            .post_ok(
                "sms/send-sms",
                &[
                    ("Index", "-1"),
                    ("Phones/Phone", to),
                    ("Sca", ""),
                    ("Content", text),
                    ("Length", &length),
                    ("Reserved", "1"),
                    ("Date", &date),
                ],
            )
            .await?;
        sent.map_err(|answer| HilinkError::NotOk {
            endpoint: "sms/send-sms".into(),
            answer,
        })?;
        Ok(None)
    }

    async fn sms_list(&self) -> Result<Vec<Sms>> {
        let list = self
            .session
            .post::<SmsList>(
                "sms/sms-list",
                &[
                    ("PageIndex", "1"),
                    ("ReadCount", SMS_PAGE),
                    ("BoxType", "1"),
                    ("SortType", "0"),
                    ("Ascending", "0"),
                    ("UnreadPreferred", "0"),
                ],
            )
            .await?;
        Ok(list
            .messages
            .map(|m| m.message)
            .unwrap_or_default()
            .into_iter()
            .map(|m| Sms {
                sms_ref: SmsRef::new(m.index.trim()),
                number: m.phone,
                text: m.content.unwrap_or_default(),
                state: SmsState::Received,
            })
            .collect())
    }

    async fn sms_delete(&self, sms: &SmsRef) -> Result<()> {
        let deleted = self
            .session
            .post_ok("sms/delete-sms", &[("Index", sms.as_str())])
            .await?;
        deleted.map_err(|answer| HilinkError::NotOk {
            endpoint: "sms/delete-sms".into(),
            answer,
        })?;
        Ok(())
    }
}
