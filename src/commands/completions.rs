//! `topup completions SHELL`: shell completion scripts on stdout.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: CompletionsArgs) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "topup", &mut std::io::stdout());
    Ok(())
}
