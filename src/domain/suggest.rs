//! "Did you mean": the known names closest to a mistyped one.

/// A hint naming the known names closest to `input` by edit distance
/// (ignoring case), when one is close enough to be a typo of it.
pub fn did_you_mean<'a>(input: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Known names are short; a long input is no typo of one (and would be slow to compare).
    if input.len() > 128 {
        return None;
    }
    let input = input.to_lowercase();
    // About one edit in three characters is a typo; more is another name.
    let limit = (input.chars().count() / 3).max(1);
    let scored: Vec<(usize, &str)> = known
        .into_iter()
        .map(|k| (strsim::osa_distance(&input, &k.to_lowercase()), k))
        .filter(|&(d, _)| d <= limit)
        .collect();
    let best = scored.iter().map(|&(d, _)| d).min()?;
    let mut names: Vec<String> = scored
        .iter()
        .filter(|s| s.0 == best)
        .map(|s| format!("`{}`", s.1))
        .collect();
    names.dedup();
    names.truncate(3);
    Some(crate::t!(
        "suggest-did-you-mean",
        names = names.join(&crate::t!("suggest-or"))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let lines = ["demo-entel", "demo-movistar", "demo-claro", "demo-wom", "demo-virgin"];
        let plans = ["sandbox-entel-1gb", "sandbox-entel-3gb", "sandbox-entel-10gb"];
        let ops = ["entel", "movistar", "claro", "wom", "virgin"];
        let cases: [(&str, &[&str], Option<&str>); 11] = [
            ("demo-enel", &lines, Some("did you mean `demo-entel`?")),
            ("DEMO-ENEL", &lines, Some("did you mean `demo-entel`?")),
            ("demo-wmo", &lines, Some("did you mean `demo-wom`?")),
            ("casa", &lines, None),
            ("", &lines, None),
            ("sandbox-entel-1g", &plans, Some("did you mean `sandbox-entel-1gb`?")),
            (
                "sandbox-entel-2gb",
                &plans,
                Some("did you mean `sandbox-entel-1gb` or `sandbox-entel-3gb`?"),
            ),
            ("entl", &ops, Some("did you mean `entel`?")),
            ("claor", &ops, Some("did you mean `claro`?")),
            ("tigo", &ops, None),
            ("x", &ops, None),
        ];
        for (input, known, want) in cases {
            assert_eq!(did_you_mean(input, known.iter().copied()).as_deref(), want, "{input}");
        }
    }
}
