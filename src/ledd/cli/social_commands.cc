// ledd appearances: a member's talks, media appearances and courses, listed, added or
// deleted through service::SocialService, so the operator's writes meet the same limits
// (store::ValidateAppearance, store::Store::kMaxAppearances) and owner check as the API's.
// Invitations sent from an appearance's page name it (`ledd invite --via appearance:ID`).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/cli/command.h"
#include "ledd/cli/output.h"
#include "ledd/server/invitation_json.h"
#include "ledd/server/route_helpers.h"
#include "ledd/service/social.h"
#include "ledd/store/open.h"
#include "nlohmann/json.hpp"

namespace ledd::cli {
namespace {

using nlohmann::json;

// "7  2026-09-10  talk  ‘Event sourcing’ at JavaZone 2026, Oslo Spektrum  https://…".
std::string AppearanceText(const store::Appearance& appearance) {
  std::string text = fmt::format("{}  {}  {}  ‘{}’", appearance.id, FormatDate(appearance.date),
                                 store::AppearanceKindName(appearance.kind), appearance.title);
  if (!appearance.event.empty()) text += fmt::format(" at {}", appearance.event);
  if (!appearance.place.empty()) text += fmt::format(", {}", appearance.place);
  if (!appearance.link.empty()) text += fmt::format("  {}", appearance.link);
  return text;
}

struct AppearanceFlags {
  std::string db;
  bool json_output = false;
  MemberId member = 0;
  bool add = false;
  std::optional<AppearanceId> remove;
  std::string kind = "talk";
  std::string title;
  std::string event;
  std::string date;
  std::string place;
  std::string link;
};

absl::Status RunAppearances(const AppearanceFlags& flags) {
  const auto print = [&flags](const json& result, const std::string& text) {
    fmt::print("{}\n", flags.json_output ? JsonText(result) : PrintableLines(text));
  };
  store::Appearance appearance;
  if (flags.add) {
    LEDD_ASSIGN_OR_RETURN(appearance.kind, store::ParseAppearanceKind(flags.kind));
    LEDD_ASSIGN_OR_RETURN(appearance.date, server::ParseDay(flags.date));
    appearance.title = flags.title;
    appearance.event = flags.event;
    appearance.place = flags.place;
    appearance.link = flags.link;
  }
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(flags.db));
  service::SocialService social(*store, nullptr);
  if (flags.add) {
    LEDD_ASSIGN_OR_RETURN(store::Appearance added,
                          social.AddAppearance(flags.member, std::move(appearance)));
    print(server::AppearanceJson(added),
          fmt::format("member {} added appearance {}", flags.member, AppearanceText(added)));
    return absl::OkStatus();
  }
  if (flags.remove.has_value()) {
    LEDD_RETURN_IF_ERROR(social.DeleteAppearance(flags.member, *flags.remove));
    print(json{{"id", *flags.remove}, {"deleted", true}},
          fmt::format("member {} deleted appearance {}", flags.member, *flags.remove));
    return absl::OkStatus();
  }
  // The operator reads as no member: no one's block hides anything from them.
  LEDD_ASSIGN_OR_RETURN(std::vector<store::Appearance> appearances,
                        social.Appearances(flags.member, /*viewer=*/0));
  json list = json::array();
  std::string text = fmt::format("member {}: {} appearance{}", flags.member, appearances.size(),
                                 appearances.size() == 1 ? "" : "s");
  for (const store::Appearance& listed : appearances) {
    list.push_back(server::AppearanceJson(listed));
    text += fmt::format("\n  {}", AppearanceText(listed));
  }
  print(json{{"member", flags.member}, {"appearances", list}}, text);
  return absl::OkStatus();
}

}  // namespace

void AddSocialCommands(Commands& commands) {
  auto flags = std::make_shared<AppearanceFlags>();
  CLI::App* app = commands.Add(
      "appearances",
      "List a member's appearances (talks, media appearances, courses), or add or delete one",
      [flags] { return RunAppearances(*flags); });
  app->add_option("--db", flags->db, "SQLite database file")->required();
  app->add_flag("--json", flags->json_output, "Print the result as one JSON object");
  app->add_option("MEMBER", flags->member, "Member id")->required()->check(PositiveId());
  CLI::Option* add = app->add_flag("--add", flags->add, "Add an appearance (--title, --date)");
  CLI::Option* remove =
      app->add_option("--delete", flags->remove, "Delete this appearance of the member's")
          ->check(PositiveId());
  add->excludes(remove);
  app->add_option("--kind", flags->kind, "talk (default), media or course")
      ->check(CLI::IsMember({"talk", "media", "course"}))
      ->needs(add);
  app->add_option("--title", flags->title, "Its title, at most 200 characters")->needs(add);
  app->add_option("--event", flags->event, "The conference, programme or school")->needs(add);
  app->add_option("--date", flags->date, "The day it took place, YYYY-MM-DD")->needs(add);
  app->add_option("--place", flags->place, "Where, e.g. Oslo Spektrum")->needs(add);
  app->add_option("--link", flags->link, "An http(s) address of the recording or programme")
      ->needs(add);
}

}  // namespace ledd::cli
