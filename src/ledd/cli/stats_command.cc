// ledd stats: row counts of a database, and the shape of its network.

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "fmt/core.h"
#include "ledd/base/status_macros.h"
#include "ledd/cli/command.h"
#include "ledd/cli/output.h"
#include "ledd/graph/stats.h"
#include "ledd/service/live_network.h"
#include "ledd/store/open.h"
#include "nlohmann/json.hpp"

namespace ledd::cli {
namespace {

struct StatsFlags {
  std::string db;
  bool json = false;
  bool counts_only = false;
};

// The shape of the network: what `make demo` shows and the generator is tuned to.
struct Shape {
  graph::DegreeSummary degrees;
  graph::Clustering clustering;
};

nlohmann::json ShapeJson(const Shape& shape) {
  const graph::DegreeSummary& d = shape.degrees;
  nlohmann::json histogram = nlohmann::json::object();
  for (int bucket = 0; bucket < graph::kDegreeBucketCount; ++bucket) {
    histogram[std::string(graph::DegreeBucketLabel(bucket))] = d.histogram[bucket];
  }
  return {{"degree",
           {{"min", d.min},
            {"median", d.median},
            {"mean", d.mean},
            {"p90", d.p90},
            {"p99", d.p99},
            {"max", d.max},
            {"histogram", histogram}}},
          {"clustering",
           {{"average", shape.clustering.average},
            {"min_degree", graph::ClusteringOptions{}.min_degree},
            {"max_degree", graph::ClusteringOptions{}.max_degree},
            {"eligible", shape.clustering.eligible},
            {"measured", shape.clustering.measured}}}};
}

void PrintShape(const Shape& shape) {
  const graph::DegreeSummary& d = shape.degrees;
  fmt::print("\ncontacts per member: min {}, median {}, mean {:.1f}, p90 {}, p99 {}, max {}\n",
             d.min, d.median, d.mean, d.p90, d.p99, d.max);
  uint64_t widest = 1;
  for (uint64_t count : d.histogram) widest = std::max(widest, count);
  for (int bucket = 0; bucket < graph::kDegreeBucketCount; ++bucket) {
    int bar = static_cast<int>(
        50.0 * static_cast<double>(d.histogram[bucket]) / static_cast<double>(widest) + 0.5);
    fmt::print("  {:>9} {:>10}  {}\n", graph::DegreeBucketLabel(bucket), d.histogram[bucket],
               std::string(bar, '#'));
  }
  fmt::print(
      "average clustering coefficient: {:.3f} (members with {}..{} contacts; {} of {} "
      "measured)\n",
      shape.clustering.average, graph::ClusteringOptions{}.min_degree,
      graph::ClusteringOptions{}.max_degree, shape.clustering.measured, shape.clustering.eligible);
}

nlohmann::json CountsJson(const store::Counts& counts) {
  nlohmann::json invitations = nlohmann::json::object();
  for (int state = 0; state < store::kInvitationStateCount; ++state) {
    invitations[std::string(store::InvitationStateName(
        static_cast<store::InvitationState>(state)))] = counts.invitations[state];
  }
  return {
      {"members", counts.members},
      {"connections", counts.connections},
      {"organizations", counts.organizations},
      {"positions", counts.positions},
      {"educations", counts.educations},
      {"invitations", invitations},
      {"follows", counts.follows},
      {"posts", counts.posts},
      {"comments", counts.comments},
      {"events", counts.events},
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
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(flags.db));
  LEDD_ASSIGN_OR_RETURN(store::Counts counts, (store)->Count());
  std::optional<Shape> shape;
  if (!flags.counts_only) {
    LEDD_ASSIGN_OR_RETURN(std::shared_ptr<const graph::Snapshot> snapshot,
                          service::LoadSnapshot(*store));
    shape = Shape{graph::SummarizeDegrees(*snapshot), graph::AverageClustering(*snapshot)};
  }
  if (flags.json) {
    nlohmann::json json = CountsJson(counts);
    if (shape) json.update(ShapeJson(*shape));
    fmt::print("{}\n", JsonText(json));
  } else {
    PrintCounts(counts);
    if (shape) PrintShape(*shape);
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
  app->add_flag("--counts-only", flags->counts_only,
                "Only the row counts; skip loading the network for degrees and clustering");
}

}  // namespace ledd::cli
