// ledd snapshot save | info: snapshot files, which `ledd serve --snapshot` starts from
// instead of scanning the database (graph/snapshot_file.h has the format).

#include <chrono>
#include <memory>
#include <string>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/cli/command.h"
#include "ledd/graph/snapshot_file.h"
#include "ledd/service/live_network.h"
#include "ledd/store/open.h"

namespace ledd::cli {
namespace {

struct SnapshotFlags {
  std::string db;
  std::string out;
  std::string file;  // info
};

double MiB(uint64_t bytes) { return static_cast<double>(bytes) / (1024 * 1024); }

absl::Status RunSave(const SnapshotFlags& flags) {
  const auto started = std::chrono::steady_clock::now();
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenStore(flags.db));
  // Compacting inline: the file is written from a network without a delta when no
  // write arrived during the load.
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<service::LiveNetwork> live,
                        service::LiveNetwork::Open(*store, {.background_compaction = false}));
  const double loaded =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  LEDD_ASSIGN_OR_RETURN(graph::SnapshotFileInfo info, live->SaveSnapshotFile(flags.out));
  const double total =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  LEDD_ASSIGN_OR_RETURN(graph::SnapshotFileSummary summary,
                        graph::ReadSnapshotFileHeader(flags.out));
  fmt::print(
      "saved {} to {}: {} members, {} connections, {} follows at event {}.{}; {:.1f} MiB "
      "(load {:.1f} s, total {:.1f} s)\n",
      flags.db, flags.out, summary.members, summary.connections, summary.follows, info.position_xid,
      info.position_id, MiB(summary.file_bytes), loaded, total);
  return absl::OkStatus();
}

absl::Status RunInfo(const SnapshotFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(graph::SnapshotFileSummary summary,
                        graph::ReadSnapshotFileHeader(flags.file));
  fmt::print(
      "{}: format version {}, {} members, {} connections, {} follows, {} organizations, "
      "event position ({}, {}), saved at {} (Unix time), {:.1f} MiB\n",
      flags.file, graph::kSnapshotFileVersion, summary.members, summary.connections,
      summary.follows, summary.organizations, summary.info.position_xid, summary.info.position_id,
      summary.info.saved_at, MiB(summary.file_bytes));
  return absl::OkStatus();
}

}  // namespace

void AddSnapshotCommands(Commands& commands) {
  auto flags = std::make_shared<SnapshotFlags>();
  auto info_command = std::make_shared<CLI::App*>(nullptr);
  CLI::App* snapshot =
      commands.Add("snapshot", "Snapshot files of the in-memory network (ledd serve --snapshot)",
                   [flags, info_command] {
                     if (*info_command != nullptr && (*info_command)->parsed())
                       return RunInfo(*flags);
                     return RunSave(*flags);
                   });
  snapshot->require_subcommand(1);
  CLI::App* save = snapshot->add_subcommand(
      "save",
      "Load the network from the database and write it to a snapshot file, tagged with "
      "its position in the event log (the file is replaced atomically)");
  save->add_option("--db", flags->db, "Database: an SQLite file or a postgresql:// URI")
      ->required();
  save->add_option("--out", flags->out, "The snapshot file to write")->required();
  CLI::App* info =
      snapshot->add_subcommand("info", "Check a snapshot file's header and print what it holds");
  info->add_option("FILE", flags->file, "A file written by ledd snapshot save")->required();
  *info_command = info;
}

}  // namespace ledd::cli
