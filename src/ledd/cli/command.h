#pragma once
// How the ledd command is put together: each file in cli/ registers its subcommands
// (flags and help with CLI11) and an action that runs after a successful parse.
// Actions return a Status; main prints a failed one as "ledd: message" on stderr and
// exits non-zero. Output goes to stdout. Not thread-safe; used once, from main.

#include <charconv>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "fmt/format.h"

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

// A check for an integer option: the text must be a decimal T in [least, most]. Every
// integer option has one, because CLI11 converts int64 options with strtoll, which
// clamps an overflow to INT64_MAX silently, and unsigned ones with strtoull, which
// turns "-5" into a huge number; the text is checked before that conversion.
template <typename T>
CLI::Validator IntegerIn(T least, T most) {
  return CLI::Validator(
      [least, most](std::string& text) -> std::string {
        T value{};
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
            value < least || value > most) {
          return fmt::format("\"{}\" is not an integer from {} to {}", text, least, most);
        }
        return "";
      },
      fmt::format("INT in [{} - {}]", least, most));
}

// A member, invitation or other id: 1 up to the largest int64.
inline CLI::Validator PositiveId() {
  return IntegerIn<int64_t>(1, std::numeric_limits<int64_t>::max());
}

void AddIngestCommands(Commands& commands);  // generate, import, export
void AddStatsCommand(Commands& commands);    // stats
// reach, degree, mutual, path, pymk, search, organizations
void AddQueryCommands(Commands& commands);
// invite, accept, ignore, withdraw, report, unreport, invitations, advice, contacts-report,
// settings, saved-searches, block, unblock, blocked
void AddInvitationCommands(Commands& commands);
void AddSocialCommands(Commands& commands);  // appearances
void AddServerCommands(Commands& commands);  // serve, accounts create|erase-due|role
void AddBackupCommands(Commands& commands);  // backup, restore
void AddMemberCommands(Commands& commands);  // members invite-register
void AddSnapshotCommands(Commands& commands);  // snapshot save|info

}  // namespace ledd::cli
