// ledd members invite-register: the association's member register (a CSV file,
// ingest/member_register.h) invited to join by email. Every person in it who is
// neither a member nor already invited by the importing account gets an email
// invitation with its mail (sent by `ledd serve`), all in one store transaction; their
// sign-up starts from the register's profile fields. --dry-run lists what would
// happen (new, already a member, already invited, bad row) and writes nothing; a bad
// row refuses the whole import, naming the file and line.
//
// The CLI is the operator's tool: it needs no administrator role, only the database.

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/cli/command.h"
#include "ledd/cli/output.h"
#include "ledd/ingest/member_register.h"
#include "ledd/server/email_invitations.h"
#include "ledd/server/mail_links.h"
#include "ledd/server/notify_routes.h"
#include "ledd/service/invitations.h"
#include "ledd/store/open.h"

namespace ledd::cli {
namespace {

struct RegisterFlags {
  std::string db;
  std::string from;  // The importing account's email.
  std::string file;
  std::string public_url = "http://localhost:8080";  // The sign-up links' origin.
  bool dry_run = false;
  bool json_output = false;
};

absl::Status RunInviteRegister(const RegisterFlags& flags) {
  std::ifstream in(flags.file, std::ios::binary);
  if (!in) return absl::NotFoundError(fmt::format("{}: cannot read the file", flags.file));
  std::ostringstream contents;
  contents << in.rdbuf();
  LEDD_ASSIGN_OR_RETURN(std::vector<ingest::RegisterRow> rows,
                        ingest::ReadMemberRegister(flags.file, contents.str()));
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(flags.db));
  absl::StatusOr<store::Account> from = store->GetAccountByEmail(store::FoldEmail(flags.from));
  if (!from.ok()) {
    if (absl::IsNotFound(from.status())) {
      return absl::NotFoundError(fmt::format("--from: no account has the email {}", flags.from));
    }
    return from.status();
  }
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<server::MailLinks> links,
                        server::MailLinks::Create(*store));
  service::InvitationService invitations(*store, nullptr);
  server::EmailInvitationsOptions options;
  options.links = links.get();
  server::EmailInvitations importer(*store, invitations, options);
  std::string origin = flags.public_url;
  if (origin.ends_with('/')) origin.pop_back();
  LEDD_ASSIGN_OR_RETURN(std::vector<server::RegisterOutcome> outcomes,
                        importer.ImportRegister(from->member, rows, origin, flags.dry_run));
  const nlohmann::json result = server::RegisterOutcomesJson(outcomes, flags.dry_run);
  if (flags.json_output) {
    fmt::print("{}\n", JsonText(result));
    return absl::OkStatus();
  }
  std::string text;
  for (const nlohmann::json& row : result["rows"]) {
    const std::string outcome = row["outcome"].get<std::string>();
    std::string what = outcome == "new"       ? (flags.dry_run ? "would be invited" : "invited")
                       : outcome == "member"  ? "already a member"
                       : outcome == "invited" ? "already invited"
                                              : row.value("problem", std::string("bad row"));
    text += fmt::format("line {}: {} <{}>: {}\n", row["line"].get<int64_t>(),
                        Printable(row["name"].get<std::string>()),
                        Printable(row["email"].get<std::string>()), Printable(what));
  }
  const nlohmann::json& counts = result["counts"];
  text += fmt::format("{}{} new, {} already members, {} already invited, {} bad rows",
                      flags.dry_run ? "dry run: " : "", counts["new"].get<int64_t>(),
                      counts["member"].get<int64_t>(), counts["invited"].get<int64_t>(),
                      counts["bad"].get<int64_t>());
  fmt::print("{}\n", text);
  return absl::OkStatus();
}

}  // namespace

void AddMemberCommands(Commands& commands) {
  auto flags = std::make_shared<RegisterFlags>();
  CLI::App* members = commands.Add("members", "The association's member register (operator)",
                                   [flags] { return RunInviteRegister(*flags); });
  members->require_subcommand(1);
  CLI::App* app = members->add_subcommand(
      "invite-register",
      "Invite everyone in the member register (CSV: first_name,last_name,email and optional "
      "headline,city,country,industry) to join by email");
  app->add_option("--db", flags->db, "SQLite database file")->required();
  app->add_option("--from", flags->from, "Email of the account the invitations come from")
      ->required();
  app->add_option("REGISTER", flags->file, "The register, a CSV file")->required();
  app->add_option("--public-url", flags->public_url,
                  "Where members reach the server, for the sign-up links")
      ->capture_default_str();
  app->add_flag("--dry-run", flags->dry_run, "List what would happen; write nothing");
  app->add_flag("--json", flags->json_output, "Print the result as one JSON object");
}

}  // namespace ledd::cli
