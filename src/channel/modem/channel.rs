//! The modem behind [`BalanceChannel`]: the operator from the SIM, the
//! balance over USSD or SMS with the user's codes, read by the reply parser.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use super::{MmcliModem, Modem, ModemError, UssdPurpose};
use crate::channel::{BalanceChannel, Reading};
use crate::config::{Config, Line};
use crate::domain::timefmt::Clock;
use crate::domain::{Operator, StatusSource};
use crate::error::TopupError;
use crate::ussd::parse;
use crate::{carrier, diag};

/// How long each modem call may take, and how long to wait for an SMS reply.
pub(super) const STEP_TIMEOUT: Duration = Duration::from_secs(30);
const SMS_REPLY_WAIT: Duration = Duration::from_secs(90);

/// How long a conversation waits for another to finish: a USSD walk of a
/// few 30 s steps, or an SMS query that waits 90 s for its answer.
const TURN_WAIT: Duration = Duration::from_secs(180);

/// One USSD/SMS conversation at a time: lines read concurrently may share a
/// modem, and a second session would cancel the first or answer its menu.
/// The file lock in `lock::acquire_modem` does the same across processes.
#[derive(Default)]
pub struct ModemTurns {
    in_process: Arc<futures_util::lock::Mutex<()>>,
}

/// This run's turn to talk to the modem; held until dropped.
pub struct ModemTurn {
    _in_process: futures_util::lock::OwnedMutexGuard<()>,
    _across_processes: crate::lock::ModemLock,
}

impl ModemTurns {
    /// Waits for this run's turn (after other tasks of this process, then
    /// other processes) and holds it until dropped. HiLink routers take the
    /// same turns: a USSD session is one per SIM, and the lock does not know
    /// which SIM is where.
    pub async fn take(&self, state_dir: &Path) -> anyhow::Result<ModemTurn> {
        let in_process = self.in_process.clone().lock_owned().await;
        crate::app::create_private_dir(state_dir)?;
        let across_processes = crate::lock::acquire_modem(state_dir, TURN_WAIT).await?;
        Ok(ModemTurn {
            _in_process: in_process,
            _across_processes: across_processes,
        })
    }
}

/// A line whose SIM sits in a modem on this machine.
pub struct ModemChannel<'a> {
    /// `mmcli` (`TOPUP_MMCLI` for tests).
    pub mmcli: &'a Path,
    pub turns: &'a ModemTurns,
    pub state_dir: &'a Path,
    /// The user's codes, reply patterns and plans per operator.
    pub config: &'a Config,
    pub clock: Clock,
}

impl ModemChannel<'_> {
    pub(super) fn modem(&self, line: &Line) -> MmcliModem {
        MmcliModem::new(self.mmcli, line.modem.clone(), STEP_TIMEOUT)
    }

    /// Waits for this run's turn (after other tasks of this process, then
    /// other processes) and holds it until dropped.
    pub(super) async fn turn(&self) -> anyhow::Result<ModemTurn> {
        self.turns.take(self.state_dir).await
    }
}

#[async_trait(?Send)]
impl BalanceChannel for ModemChannel<'_> {
    async fn operator(&self, line: &Line) -> anyhow::Result<Operator> {
        if let Some(op) = line.operator {
            return Ok(op);
        }
        let modem = self.modem(line);
        let _turn = self.turn().await?;
        sim_operator(line, &modem).await
    }

    /// Asks the operator for the balance over USSD (or SMS) with the user's
    /// codes, and parses the reply. Never guesses a number.
    async fn read(&self, line: &Line) -> anyhow::Result<Reading> {
        let modem = self.modem(line);
        let _turn = self.turn().await?;
        read_sim(&modem, line, self.config, self.clock, StatusSource::Modem, STEP_TIMEOUT).await
    }
}

/// Reads a line through any `Modem` (ModemManager, a HiLink router): the
/// operator from the SIM or network, checked against the config; then the
/// balance over USSD (or SMS) with the operator's codes, read by the reply
/// parser. The caller holds the modem turn.
pub async fn read_sim<M: Modem>(
    modem: &M,
    line: &Line,
    config: &Config,
    clock: Clock,
    source: StatusSource,
    step_timeout: Duration,
) -> anyhow::Result<Reading> {
    let operator = sim_operator(line, modem).await?;
    let oc = config.operator(operator).cloned().unwrap_or_default();
    let text = match (&oc.balance_ussd, &oc.balance_sms) {
        (Some(steps), _) => super::run_ussd(modem, steps, UssdPurpose::Reading, step_timeout).await?,
        (None, Some(sms)) => super::sms_query(modem, &sms.to, &sms.text, SMS_REPLY_WAIT).await?,
        (None, None) => return Err(ModemError::NoBalanceCodes { operator }.into()),
    };
    let now = clock.now();
    let reading =
        parse::parse_balance(&text, carrier::carrier(operator), &oc.patterns, now).map_err(TopupError::from)?;
    Ok(Reading {
        status: reading.into_line_status(source, now),
        operator,
    })
}

/// The operator of a modem line: the SIM's (or network's) MCC-MNC mapped to
/// an operator module; a configured operator wins, with a warning when the
/// SIM disagrees.
pub async fn sim_operator<M: Modem>(line: &Line, modem: &M) -> anyhow::Result<Operator> {
    let id = modem.identity().await?;
    let code = id.sim_operator_code.or(id.network_operator_code);
    let candidates = code
        .as_deref()
        .map(carrier::operators_for_network_code)
        .unwrap_or_default();
    let shown = code.as_deref().unwrap_or("unknown");
    match line.operator {
        Some(op) => {
            if !candidates.is_empty() && !candidates.contains(&op) {
                let names: Vec<&str> = candidates.iter().map(|o| o.as_str()).collect();
                diag::warn(format!(
                    "line {} is configured as {op}, but its SIM says {shown} ({}); using {op}",
                    line.name,
                    names.join(" or ")
                ));
            }
            Ok(op)
        }
        None => {
            let (line, shown) = (line.name.clone(), shown.to_string());
            match candidates.as_slice() {
                [op] => Ok(*op),
                [] => Err(ModemError::UnknownSim { line, shown }.into()),
                _ => Err(ModemError::AmbiguousSim { line, shown }.into()),
            }
        }
    }
}
