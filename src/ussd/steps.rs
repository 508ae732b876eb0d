//! A USSD walk as the user writes it in the config: a code (`*103#`,
//! `#100#`), then menu answers that are option numbers or text to find in
//! the menu. Checked once, when the config is read.

/// Checked USSD steps; the first is the code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct UssdSteps(Vec<String>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UssdStepsError {
    #[error("no USSD code given; write the code first, e.g. [\"*103#\", \"2\"]")]
    NoCode,
    #[error("`{0}` is not a USSD code; a code starts with * or # and ends with #, e.g. *103#")]
    NotACode(String),
    #[error("USSD step {0} is empty; write an option number or text from the menu")]
    EmptyStep(usize),
}

impl UssdSteps {
    pub fn new(steps: Vec<String>) -> Result<UssdSteps, UssdStepsError> {
        let code = steps.first().ok_or(UssdStepsError::NoCode)?.trim();
        let is_code = code.len() >= 3
            && (code.starts_with('*') || code.starts_with('#'))
            && code.ends_with('#')
            && code.bytes().all(|b| b.is_ascii_digit() || b == b'*' || b == b'#');
        if !is_code {
            return Err(UssdStepsError::NotACode(code.to_string()));
        }
        if let Some(index) = steps.iter().position(|s| s.trim().is_empty()) {
            return Err(UssdStepsError::EmptyStep(index + 1));
        }
        Ok(UssdSteps(steps))
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ussd_steps() {
        let table: [(&[&str], Result<(), &str>); 9] = [
            (&["*103#"], Ok(())),
            (&["#100#", "2", "Bolsas"], Ok(())),
            (&["*103*2#", "1"], Ok(())),
            (&[], Err("no USSD code given")),
            (&["103"], Err("`103` is not a USSD code")),
            (&["*103"], Err("`*103` is not a USSD code")),
            (&["Saldo"], Err("`Saldo` is not a USSD code")),
            (&["*#"], Err("`*#` is not a USSD code")),
            (&["*103#", " "], Err("USSD step 2 is empty")),
        ];
        for (steps, expected) in table {
            let steps: Vec<String> = steps.iter().map(|s| s.to_string()).collect();
            let got = UssdSteps::new(steps.clone()).map(drop).map_err(|e| e.to_string());
            match expected {
                Ok(()) => assert_eq!(got, Ok(()), "{steps:?}"),
                Err(start) => assert!(got.as_ref().is_err_and(|e| e.starts_with(start)), "{steps:?}: {got:?}"),
            }
        }
    }
}
