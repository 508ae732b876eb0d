//! `topup completions SHELL`: shell completion scripts on stdout.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::TopupError;

pub fn run(json: bool, args: CompletionsArgs) -> anyhow::Result<()> {
    // A script where JSON was asked for would break whatever parses it.
    if json {
        return Err(
            TopupError::usage("completions prints a shell script; --json does not apply")
                .hint("run `topup completions SHELL` without --json")
                .into(),
        );
    }
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "topup", &mut std::io::stdout());
    Ok(())
}
