//! `topup generate man [COMMAND]…` and `topup generate completions SHELL`:
//! text made from the CLI alone, so they need no config or HOME (packagers).

use std::io::Write;

use clap::CommandFactory;
use roff::{Roff, roman};

use crate::cli::{Cli, GenerateCommand};
use crate::error::TopupError;

pub fn run(command: GenerateCommand, json: bool) -> anyhow::Result<()> {
    match command {
        GenerateCommand::Man { command } => {
            let page = man_page(&command)?;
            std::io::stdout().lock().write_all(&page)?;
            Ok(())
        }
        GenerateCommand::Completions(args) => super::completions::run(json, args),
    }
}

/// topup(1), or `topup-renew(1)` for `["renew"]`: clap_mangen's sections,
/// then the `--help` text after the options (examples, exit codes) as
/// sections of their own.
pub fn man_page(path: &[String]) -> anyhow::Result<Vec<u8>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    for name in path {
        cmd = cmd.find_subcommand(name).cloned().ok_or_else(|| {
            let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
            TopupError::usage(crate::t!(
                "generate-no-command",
                bin = cmd.get_bin_name().unwrap_or("topup"),
                name = name.as_str()
            ))
            .hint(crate::t!("hint-known", names = known.join(", ")))
        })?;
    }
    let man = clap_mangen::Man::new(cmd.clone()).source(concat!("topup ", env!("CARGO_PKG_VERSION")));
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut page)?;
    }
    if let Some(text) = cmd.get_after_long_help().or(cmd.get_after_help()) {
        page.extend(after_help(&text.to_string()).render().into_bytes());
    }
    if cmd.get_version().is_some() {
        man.render_version_section(&mut page)?;
    }
    // Each section came with roff's two-line preamble: keep the first only.
    let page = String::from_utf8_lossy(&page).into_owned();
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    Ok(format!("{preamble}{}", page.replace(preamble, "")).into_bytes())
}

/// Each paragraph of `--help`'s closing text as a section: `Heading:` alone
/// on a line above indented lines (examples, kept as written), or
/// `Heading: text` (filled).
fn after_help(text: &str) -> Roff {
    let mut roff = Roff::new();
    for paragraph in text.split("\n\n") {
        let (first, rest) = paragraph.split_once('\n').unwrap_or((paragraph, ""));
        let (heading, body) = first.split_once(':').unwrap_or(("NOTES", first));
        roff.control("SH", [heading.to_uppercase().as_str()]);
        if body.trim().is_empty() {
            roff.control("nf", []);
            for line in rest.lines() {
                roff.text([roman(line)]);
            }
            roff.control("fi", []);
        } else {
            roff.text([roman(format!("{} {rest}", body.trim()).trim())]);
        }
    }
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command's help ends with examples that fit 80 columns and that
    /// topup itself parses (what a shell would pass it, up to `#` or `>`).
    #[test]
    fn every_command_has_examples_topup_parses() {
        fn walk(cmd: &clap::Command, missing: &mut Vec<String>) {
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let help = sub.get_after_help().map(ToString::to_string).unwrap_or_default();
                let examples: Vec<String> = help
                    .replace("\\\n", "")
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("topup "))
                    .map(String::from)
                    .collect();
                if !help.starts_with("Examples:\n") || examples.len() < 2 {
                    missing.push(format!("{}: fewer than 2 examples", sub.get_name()));
                }
                for line in help.lines().filter(|l| unicode_width::UnicodeWidthStr::width(*l) > 80) {
                    missing.push(format!("{}: wider than 80 columns: {line}", sub.get_name()));
                }
                for example in examples {
                    let words = example.split(['#', '>']).next().unwrap_or_default().split_whitespace();
                    if let Err(e) = <Cli as clap::Parser>::try_parse_from(std::iter::once("topup").chain(words)) {
                        missing.push(format!("`topup {example}`: {e}"));
                    }
                }
                walk(sub, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), &mut missing);
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn pages_for_commands_and_an_unknown_one() {
        let page = String::from_utf8(man_page(&["config".into(), "init".into()]).unwrap()).unwrap();
        assert!(page.contains("\n.TH topup-config-init 1 "), "{page}");
        assert!(page.contains(".SH EXAMPLES\n.nf\n"), "{page}");
        assert!(man_page(&["renw".into()]).is_err());
    }
}
