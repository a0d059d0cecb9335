#pragma once
// How the ledd command is put together: each file in cli/ registers its subcommands
// (flags and help with CLI11) and an action that runs after a successful parse.
// Actions return a Status; main prints a failed one as "ledd: message" on stderr and
// exits non-zero. Output goes to stdout. Not thread-safe; used once, from main.

#include <functional>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"

namespace ledd::cli {

class Commands {
 public:
  explicit Commands(CLI::App& app) : app_(app) {}

  // Adds a subcommand; `run` is called when it was the one given.
  CLI::App* Add(const std::string& name, const std::string& description,
                std::function<absl::Status()> run);

  // After parsing: runs the chosen subcommand's action.
  absl::Status RunChosen() const;

 private:
  struct Entry {
    CLI::App* app;
    std::function<absl::Status()> run;
  };
  CLI::App& app_;
  std::vector<Entry> entries_;
};

void AddIngestCommands(Commands& commands);  // generate, import
void AddStatsCommand(Commands& commands);    // stats
void AddQueryCommands(Commands& commands);   // reach, degree, mutual, path, pymk, search
// invite, accept, ignore, withdraw, report, invitations, advice, contacts-report,
// settings, saved-searches, block, unblock, blocked
void AddInvitationCommands(Commands& commands);
void AddServerCommands(Commands& commands);  // serve, accounts create

}  // namespace ledd::cli
