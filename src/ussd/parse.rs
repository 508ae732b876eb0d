//! Balance-reply parsing. (Being written: pattern check only.)

pub fn compile_pattern(text: &str) -> Result<regex::Regex, String> {
    let re = regex::Regex::new(text).map_err(|e| format!("not a valid regex: {e}"))?;
    if re.captures_len() < 2 {
        return Err("the regex needs a capture group around the amount".into());
    }
    Ok(re)
}
