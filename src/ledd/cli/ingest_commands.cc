// ledd generate, ledd import, ledd export.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <string>

#include "fmt/core.h"
#include "ledd/base/status_macros.h"
#include "ledd/cli/command.h"
#include "ledd/ingest/generator.h"
#include "ledd/ingest/importer.h"
#include "ledd/service/data_rights.h"
#include "ledd/store/open.h"

namespace ledd::cli {
namespace {

struct GenerateFlags {
  ingest::GeneratorOptions options;
};

struct ImportFlags {
  std::string db;
  std::string dir;
  std::string format = "auto";
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

absl::Status RunGenerate(const GenerateFlags& flags) {
  auto start = std::chrono::steady_clock::now();
  LEDD_ASSIGN_OR_RETURN(ingest::GeneratorSummary summary, ingest::Generate(flags.options));
  fmt::print(
      "generated {} members, {} connections, {} organizations, {} positions, {} educations, "
      "{} invitations, {} follows, {} posts, {} comments into {} in {:.1f} s\n",
      summary.members, summary.connections, summary.organizations, summary.positions,
      summary.educations, summary.invitations, summary.follows, summary.posts, summary.comments,
      flags.options.out_dir, SecondsSince(start));
  return absl::OkStatus();
}

absl::Status RunImport(const ImportFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(ingest::Format format, ingest::ParseFormat(flags.format));
  LEDD_ASSIGN_OR_RETURN(ingest::ImportSummary summary,
                        ingest::ImportInto(flags.db, {.dir = flags.dir, .format = format}));
  const store::Counts& rows = summary.rows;
  int64_t invitations = 0;
  for (int64_t count : rows.invitations) invitations += count;
  fmt::print(
      "imported {} ({}): {} members, {} connections, {} organizations, {} positions, "
      "{} educations, {} invitations, {} follows, {} posts, {} comments "
      "in {:.1f} s (reading {:.1f} s, storing {:.1f} s)\n",
      flags.dir, ingest::FormatName(summary.format), rows.members, rows.connections,
      rows.organizations, rows.positions, rows.educations, invitations, rows.follows, rows.posts,
      rows.comments, summary.seconds, summary.parse_seconds, summary.load_seconds);
  if (summary.skipped_rows > 0) {
    fmt::print("skipped {} rows naming members or posts not in the database (a member's "
               "export)\n",
               summary.skipped_rows);
  }
  return absl::OkStatus();
}

struct ExportFlags {
  std::string db;
  int64_t member = 0;
  std::string out;
};

absl::Status RunExport(const ExportFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(flags.db));
  service::DataRights rights(*store, nullptr);
  LEDD_ASSIGN_OR_RETURN(std::string zip, rights.Export(flags.member));
  std::ofstream file(flags.out, std::ios::binary | std::ios::trunc);
  file.write(zip.data(), static_cast<std::streamsize>(zip.size()));
  file.close();
  if (!file) return absl::UnavailableError(fmt::format("{}: cannot write it", flags.out));
  fmt::print("exported member {} to {} ({} bytes)\n", flags.member, flags.out, zip.size());
  return absl::OkStatus();
}

}  // namespace

void AddIngestCommands(Commands& commands) {
  auto generate = std::make_shared<GenerateFlags>();
  CLI::App* generate_app =
      commands.Add("generate", "Write a synthetic professional network as ledd CSV files",
                   [generate] { return RunGenerate(*generate); });
  generate_app->add_option("--members", generate->options.members, "Number of members")
      ->check(IntegerIn<int64_t>(10, 100'000'000))
      ->capture_default_str();
  generate_app->add_option("--seed", generate->options.seed, "Random seed")
      ->check(IntegerIn<uint64_t>(0, std::numeric_limits<uint64_t>::max()))
      ->capture_default_str();
  generate_app->add_option("--out", generate->options.out_dir, "Output directory")->required();
  generate_app
      ->add_option("--threads", generate->options.threads,
                   "Worker threads (0: one per core); never changes the output")
      ->check(IntegerIn(0, 1024));

  auto import = std::make_shared<ImportFlags>();
  CLI::App* import_app = commands.Add(
      "import", "Load a directory of ledd or LDBC SNB CSV files into a database, all or nothing",
      [import] { return RunImport(*import); });
  import_app->add_option("--db", import->db, "SQLite database file (created if missing)")
      ->required();
  import_app
      ->add_option("DIR", import->dir,
                   "Directory with the CSV files, or a ZIP of them (a member's export)")
      ->required()
      ->check(CLI::ExistingPath);
  import_app
      ->add_option("--format", import->format, "auto, ledd, ldbc-typed, ldbc-composite or ldbc-raw")
      ->capture_default_str();

  auto export_flags = std::make_shared<ExportFlags>();
  CLI::App* export_app = commands.Add(
      "export", "Write everything the database keeps about one member into a ZIP",
      [export_flags] { return RunExport(*export_flags); });
  export_app->add_option("--db", export_flags->db, "SQLite database file")->required();
  export_app->add_option("--member", export_flags->member, "Member id")
      ->required()
      ->check(PositiveId());
  export_app->add_option("OUT", export_flags->out, "The ZIP file to write")->required();
}

}  // namespace ledd::cli
