// The ledd command line: flags and wiring only; the work is in the modules.

#include <cstdio>
#include <exception>

#include "CLI/CLI.hpp"
#include "ledd/cli/command.h"
#include "ledd/cli/config_file.h"
#include "ledd/cli/output.h"

namespace ledd::cli {

CLI::App* Commands::Add(const std::string& name, const std::string& description,
                        std::function<absl::Status()> run) {
  CLI::App* sub = app_.add_subcommand(name, description);
  entries_.push_back({sub, std::move(run)});
  return sub;
}

absl::Status Commands::RunChosen() const {
  for (const Entry& entry : entries_) {
    if (entry.app->parsed()) return entry.run();
  }
  return absl::InvalidArgumentError("no command given; see ledd --help");
}

}  // namespace ledd::cli

namespace {

int Run(int argc, char** argv) {
  CLI::App app{
      "ledd: a professional-network engine (members, connections, invitations, "
      "and exact answers about your network)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ledd 0.1.0");
  // Options a subcommand does not know go to the main command, so that --config may
  // follow the subcommand (`ledd serve --config FILE`). Subcommands inherit this.
  app.fallthrough();
  ledd::cli::Commands commands(app);
  ledd::cli::AddIngestCommands(commands);
  ledd::cli::AddStatsCommand(commands);
  ledd::cli::AddQueryCommands(commands);
  ledd::cli::AddInvitationCommands(commands);
  ledd::cli::AddSocialCommands(commands);
  ledd::cli::AddServerCommands(commands);
  ledd::cli::AddBackupCommands(commands);
  ledd::cli::AddSnapshotCommands(commands);
  ledd::cli::AddConfigFile(app);
  ledd::cli::AddMemberCommands(commands);

  CLI11_PARSE(app, argc, argv);
  absl::Status status = commands.RunChosen();
  if (!status.ok()) {
    // Messages quote input (a CSV field, a name): no control character reaches stderr.
    std::fprintf(stderr, "ledd: %s\n",
                 ledd::cli::PrintableLines(std::string(status.message())).c_str());
    return 1;
  }
  return 0;
}

}  // namespace

// Our code returns Status values; a library exception that escaped its adapter is a
// defect, reported as one instead of std::terminate's abort.
int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "ledd: internal error: %s\n",
                 ledd::cli::PrintableLines(error.what()).c_str());
  } catch (...) {
    std::fprintf(stderr, "ledd: internal error: unknown exception\n");
  }
  return 70;  // EX_SOFTWARE
}
