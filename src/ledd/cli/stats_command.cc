// ledd stats: row counts of a database, and the shape of its network.

#include <cstdio>
#include <memory>
#include <string>

#include "fmt/core.h"
#include "ledd/cli/command.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "nlohmann/json.hpp"

namespace ledd::cli {
namespace {

struct StatsFlags {
  std::string db;
  bool json = false;
};

nlohmann::json CountsJson(const store::Counts& counts) {
  nlohmann::json invitations = nlohmann::json::object();
  for (int state = 0; state < store::kInvitationStateCount; ++state) {
    invitations[std::string(store::InvitationStateName(static_cast<store::InvitationState>(
        state)))] = counts.invitations[state];
  }
  return {
      {"members", counts.members},         {"connections", counts.connections},
      {"organizations", counts.organizations}, {"positions", counts.positions},
      {"educations", counts.educations},   {"invitations", invitations},
      {"follows", counts.follows},         {"posts", counts.posts},
      {"comments", counts.comments},       {"events", counts.events},
  };
}

void PrintCounts(const store::Counts& counts) {
  fmt::print("members        {:>12}\n", counts.members);
  fmt::print("connections    {:>12}\n", counts.connections);
  fmt::print("organizations  {:>12}\n", counts.organizations);
  fmt::print("positions      {:>12}\n", counts.positions);
  fmt::print("educations     {:>12}\n", counts.educations);
  fmt::print("invitations   ");
  for (int state = 0; state < store::kInvitationStateCount; ++state) {
    fmt::print(" {} {}", counts.invitations[state],
               store::InvitationStateName(static_cast<store::InvitationState>(state)));
  }
  fmt::print("\nfollows        {:>12}\nposts          {:>12}\ncomments       {:>12}\n",
             counts.follows, counts.posts, counts.comments);
}

absl::Status RunStats(const StatsFlags& flags) {
  absl::StatusOr<std::unique_ptr<store::Store>> store =
      store::OpenSqliteStore({.path = flags.db, .create_if_missing = false});
  if (!store.ok()) return store.status();
  absl::StatusOr<store::Counts> counts = (*store)->Count();
  if (!counts.ok()) return counts.status();
  if (flags.json) {
    fmt::print("{}\n", CountsJson(*counts).dump());
  } else {
    PrintCounts(*counts);
  }
  return absl::OkStatus();
}

}  // namespace

void AddStatsCommand(Commands& commands) {
  auto flags = std::make_shared<StatsFlags>();
  CLI::App* app = commands.Add("stats", "Row counts of a database and the shape of its network",
                               [flags] { return RunStats(*flags); });
  app->add_option("--db", flags->db, "SQLite database file")->required();
  app->add_flag("--json", flags->json, "Print one JSON object");
}

}  // namespace ledd::cli
