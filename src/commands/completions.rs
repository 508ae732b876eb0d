//! `topup completions SHELL`: shell completion scripts on stdout.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::TopupError;

pub fn run(json: bool, args: CompletionsArgs) -> anyhow::Result<()> {
    // A script where JSON was asked for would break whatever parses it.
    if json {
        return Err(TopupError::usage(crate::t!("completions-json"))
            .hint(crate::t!("hint-completions-json"))
            .into());
    }
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "topup", &mut std::io::stdout());
    Ok(())
}
