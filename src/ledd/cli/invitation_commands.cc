// ledd invite | accept | ignore | withdraw | report | unreport | invitations | advice |
// contacts-report | settings | saved-searches | block | unblock | blocked:
// the invitation lifecycle and its advice, through service::InvitationService, the
// saved searches that the box measures each invitation's reach against
// (service::SavedSearchService), and blocks, which stop a pair inviting each other.
//
// The CLI is the operator's tool: it acts on the database directly, so by default an
// action on an invitation is taken for whichever member it concerns. `--as MEMBER`
// makes it act as that member, and then the service's acting-member rules apply (only
// the recipient accepts, ignores, reports or unreports; only the sender withdraws).
// `invite FROM TO` (or `invite FROM --email ADDRESS`, email_invitations.h) always acts as FROM. Every rule the store enforces (weekly limit, one
// pending invitation per pair, reported and blocked pairs, ...) applies either way; a
// refused action exits non-zero with the rule on stderr. `block MEMBER OTHER` always
// acts as MEMBER: a block is a member's own boundary.
//
// Write commands do not load the network (they exit right after the write, so there is
// nothing to keep up to date); invitations and advice load it once.

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fmt/core.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/cli/command.h"
#include "ledd/cli/output.h"
#include "ledd/query/advice.h"
#include "ledd/query/contacts_report.h"
#include "ledd/server/email_invitations.h"
#include "ledd/server/invitation_json.h"
#include "ledd/service/invitations.h"
#include "ledd/service/live_network.h"
#include "ledd/service/saved_searches.h"
#include "ledd/store/open.h"
#include "nlohmann/json.hpp"

namespace ledd::cli {
namespace {

using nlohmann::json;
using server::AdviceWithReachJson;
using server::InvitationJson;
using server::InvitationStateJson;
using server::MarketsText;
using server::SavedSearchJson;

absl::StatusOr<std::unique_ptr<store::Store>> OpenStore(const std::string& db) {
  return store::OpenStore(db);
}

// Every command's output. The text holds stored names, notes and search names: its
// control characters are escaped (its own line breaks kept; a note's are escaped where
// the note is put in).
void Print(bool as_json, const json& result, const std::string& text) {
  if (as_json) {
    fmt::print("{}\n", JsonText(result));
  } else {
    fmt::print("{}\n", PrintableLines(text));
  }
}

// Where an invitation came from, for sender and recipient alike (the box lists both):
// "sent from the post ‘Hiring in Bergen’ (read 2026-08-12)", "sent from the talk ‘Event
// sourcing’ at JavaZone 2026 (2026-09-10)"; "" for none.
std::string ProvenanceText(const query::Provenance& via) {
  switch (via.kind) {
    case query::Provenance::Kind::kNone:
      break;
    case query::Provenance::Kind::kPost:
      return fmt::format("sent from the post ‘{}’ (read {})", via.title, FormatDate(via.at));
    case query::Provenance::Kind::kAppearance:
      return fmt::format("sent from the {} ‘{}’{} ({})",
                         via.appearance_kind == "media" ? "media appearance" : via.appearance_kind,
                         via.title, via.event.empty() ? "" : fmt::format(" at {}", via.event),
                         FormatDate(via.at));
  }
  return "";
}

// "invitation 7 from 1 to 2: pending", and its provenance on a line of its own.
std::string InvitationText(const store::Invitation& invitation, const query::Provenance& via) {
  std::string text = fmt::format("invitation {} from {} to {}: {}", invitation.id, invitation.from,
                                 invitation.to, store::InvitationStateName(invitation.state));
  const std::string origin = ProvenanceText(via);
  if (!origin.empty()) text += fmt::format("\n  {}", origin);
  return text;
}

std::string AdviceText(const query::Advice& advice) {
  std::string text = fmt::format("{} (score {:.2f}), {} new in 1st+2nd degree on accepting",
                                 query::DecisionName(advice.decision), advice.score,
                                 advice.marginal_reach);
  for (const query::Reason& reason : advice.reasons) {
    text += fmt::format("\n    {:+.2f}  {}", reason.weight, reason.text);
  }
  return text;
}

// "+312 new in your network, 12 of them match "engineers in Oslo", 3 match "lawyers"".
std::string SavedSearchReachText(uint64_t marginal_reach,
                                 const std::vector<service::SavedSearchMatches>& searches) {
  std::string text = fmt::format("+{} new in your network", marginal_reach);
  for (size_t i = 0; i < searches.size(); ++i) {
    text += fmt::format(", {} {}match \"{}\"", searches[i].matches, i == 0 ? "of them " : "",
                        searches[i].name);
  }
  return text;
}

// "engineers in Oslo: title=engineer city=Oslo".
std::string SavedSearchText(const store::SavedSearch& search) {
  std::string text = fmt::format("{}:", search.name);
  store::SavedSearchFilters filters = search.filters;
  for (const auto& [key, value] : server::SavedSearchFilterFields(filters)) {
    if (!value->empty()) text += fmt::format(" {}={}", key, *value);
  }
  return text;
}

struct CommonFlags {
  std::string db;
  bool json_output = false;
};

void AddCommon(CLI::App* app, CommonFlags& flags) {
  app->add_option("--db", flags.db, "SQLite database file")->required();
  app->add_flag("--json", flags.json_output, "Print the result as one JSON object");
}

struct InviteFlags : CommonFlags {
  MemberId from = 0;
  MemberId to = 0;     // 0 with --email.
  std::string email;   // Instead of TO: someone who may not be a member yet.
  std::string public_url = "http://localhost:8080";  // The sign-up link's origin.
  std::string note;
  std::string via;  // "post:ID" or "appearance:ID"; "" for none.
  int weekly_limit = 100;
};

absl::Status RunInvite(const InviteFlags& flags) {
  if ((flags.to == 0) == flags.email.empty()) {
    return absl::InvalidArgumentError("give either TO (a member id) or --email ADDRESS");
  }
  if (!flags.email.empty() && !flags.via.empty()) {
    return absl::InvalidArgumentError("--via goes with TO, not with --email");
  }
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStore(flags.db));
  service::InvitationServiceOptions options;
  options.weekly_limit = flags.weekly_limit;
  LEDD_ASSIGN_OR_RETURN(store::InvitationVia via, store::ParseInvitationVia(flags.via));
  service::InvitationService invitations(*store, nullptr, options);
  std::optional<store::Invitation> sent;
  if (!flags.email.empty()) {
    // The invitation's mail is queued with it; `ledd serve` sends it.
    LEDD_ASSIGN_OR_RETURN(std::unique_ptr<server::MailLinks> links,
                          server::MailLinks::Create(*store));
    server::EmailInvitationsOptions email_options;
    email_options.weekly_limit = flags.weekly_limit;
    email_options.links = links.get();
    server::EmailInvitations by_email(*store, invitations, email_options);
    std::string origin = flags.public_url;
    if (origin.ends_with('/')) origin.pop_back();
    LEDD_ASSIGN_OR_RETURN(server::EmailInviteResult result,
                          by_email.Invite(flags.from, flags.email, flags.note, origin));
    if (result.email_invitation.has_value()) {
      const std::string link = fmt::format("{}/#/signup?invite={}", origin, result.token);
      const store::EmailInvitation& email_invitation = *result.email_invitation;
      Print(flags.json_output,
            {{"email_invitation", server::EmailInvitationJson(email_invitation)},
             {"signup_link", link}},
            fmt::format("email invitation {} from {} to {}: {}\n  sign-up link: {}",
                        email_invitation.id, email_invitation.from, email_invitation.email,
                        store::EmailInvitationStateName(email_invitation.state), link));
      return absl::OkStatus();
    }
    sent = std::move(result.invitation);  // The address is a member's.
  } else {
    LEDD_ASSIGN_OR_RETURN(sent, invitations.Send(flags.from, flags.to, flags.note, via));
  }
  const store::Invitation& invitation = *sent;
  LEDD_ASSIGN_OR_RETURN(query::Provenance provenance, invitations.Provenance(invitation));
  std::string text =
      invitation.from == flags.from
          ? InvitationText(invitation, provenance)
          : fmt::format("member {} had already invited member {}: invitation {} {}",
                        invitation.from, flags.from, invitation.id,
                        store::InvitationStateName(invitation.state));
  Print(flags.json_output, InvitationJson(invitation, provenance), text);
  return absl::OkStatus();
}

struct TransitionFlags : CommonFlags {
  InvitationId invitation = 0;
  std::optional<MemberId> as;
};

using Transition = absl::StatusOr<store::Invitation> (service::InvitationService::*)(
    InvitationId, service::ActingMember);

absl::Status RunTransition(Transition transition, const TransitionFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStore(flags.db));
  service::InvitationService invitations(*store, nullptr);
  LEDD_ASSIGN_OR_RETURN(store::Invitation invitation,
                        (invitations.*transition)(flags.invitation, flags.as));
  LEDD_ASSIGN_OR_RETURN(query::Provenance provenance, invitations.Provenance(invitation));
  Print(flags.json_output, InvitationJson(invitation, provenance),
        InvitationText(invitation, provenance));
  return absl::OkStatus();
}

// The store and a loaded network, for the reading commands.
struct Loaded {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<service::LiveNetwork> live;
};

absl::StatusOr<Loaded> Load(const std::string& db) {
  Loaded loaded;
  LEDD_ASSIGN_OR_RETURN(loaded.store, OpenStore(db));
  LEDD_ASSIGN_OR_RETURN(loaded.live,
                        service::LiveNetwork::Open(*loaded.store, {.background_compaction = false}));
  return loaded;
}

struct BoxFlags : CommonFlags {
  MemberId member = 0;
  std::string box = "received";
  std::string state;
  std::string language = "en";
};

absl::Status RunBox(const BoxFlags& flags) {
  service::BoxOptions options;
  options.box = flags.box == "sent" ? store::InvitationBox::kSent : store::InvitationBox::kReceived;
  LEDD_ASSIGN_OR_RETURN(options.language, service::ParseLanguage(flags.language));
  if (!flags.state.empty()) {
    LEDD_ASSIGN_OR_RETURN(options.state, store::ParseInvitationState(flags.state));
  }
  LEDD_ASSIGN_OR_RETURN(Loaded loaded, Load(flags.db));
  service::InvitationService invitations(*loaded.store, loaded.live.get());
  LEDD_ASSIGN_OR_RETURN(std::vector<service::BoxEntry> entries,
                        invitations.Box(flags.member, options));

  std::string text;
  for (const service::BoxEntry& entry : entries) {
    const store::Invitation& invitation = entry.invitation;
    text += fmt::format("{}{}", text.empty() ? "" : "\n", InvitationText(invitation, entry.via));
    if (!invitation.note.empty()) {
      text += fmt::format("\n  note: {}", Printable(invitation.note));
    }
    if (entry.advice) text += fmt::format("\n  advice: {}", AdviceText(*entry.advice));
    if (entry.advice && !entry.saved_searches.empty()) {
      text += fmt::format("\n  {}",
                          SavedSearchReachText(entry.advice->marginal_reach, entry.saved_searches));
    }
  }
  if (entries.empty()) text = fmt::format("no {} invitations", flags.box);
  Print(flags.json_output, server::BoxJson(entries), text);
  return absl::OkStatus();
}

struct AdviceFlags : CommonFlags {
  InvitationId invitation = 0;
  std::string language = "en";
};

absl::Status RunAdvice(const AdviceFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(query::Language language, service::ParseLanguage(flags.language));
  LEDD_ASSIGN_OR_RETURN(Loaded loaded, Load(flags.db));
  service::InvitationService invitations(*loaded.store, loaded.live.get());
  LEDD_ASSIGN_OR_RETURN(query::Advice advice, invitations.Advice(flags.invitation, language));
  LEDD_ASSIGN_OR_RETURN(store::Invitation invitation,
                        loaded.store->GetInvitation(flags.invitation));
  LEDD_ASSIGN_OR_RETURN(query::Provenance via, invitations.Provenance(invitation));
  std::string text = AdviceText(advice);
  if (via.kind != query::Provenance::Kind::kNone) {
    text = fmt::format("{}\n{}", ProvenanceText(via), text);
  }
  Print(flags.json_output, AdviceWithReachJson(advice, invitation.via, via), text);
  return absl::OkStatus();
}

struct ReportFlags : CommonFlags {
  MemberId member = 0;
};

absl::Status RunContactsReport(const ReportFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(Loaded loaded, Load(flags.db));
  service::InvitationService invitations(*loaded.store, loaded.live.get());
  LEDD_ASSIGN_OR_RETURN(service::ContactsReportResult result,
                        invitations.ContactsReport(flags.member));
  const graph::Snapshot& snapshot = *result.snapshot;
  const query::ContactsReport& report = result.report;
  const query::ReachResult& reach = report.reach;
  std::string curve_text;
  for (size_t k = 0; k < report.curve.size(); ++k) {
    const query::ReachStep& step = report.curve[k];
    if (k > 0) {
      curve_text += fmt::format("\n  {:>3}. accept {} ({}): +{} -> {}", k,
                                snapshot.DisplayName(step.sender), snapshot.Id(step.sender),
                                step.gain, step.reach);
    }
  }
  std::string text = fmt::format(
      "{} contacts: more than {:.1f} % of the members have\n"
      "reach now: {} in 1st + 2nd degree (the blog's arithmetic says {:.0f}; real overlap "
      "{:.1f} %)\n"
      "accepting the {} invitations advised accept: {} in 1st + 2nd degree\n"
      "reach after the best k acceptances:{}",
      report.contacts, std::floor(report.percentile * 10) / 10, reach.first + reach.second, reach.blog_estimate,
      100 * reach.overlap, report.advised_accept, report.reach_if_accepted,
      curve_text.empty() ? " no pending invitations" : curve_text);
  Print(flags.json_output, server::ContactsReportJson(flags.member, result), text);
  return absl::OkStatus();
}

struct SettingsFlags : CommonFlags {
  MemberId member = 0;
  std::string policy;
  std::optional<std::string> markets;  // Given: set ("" = home); absent: kept.
};

absl::Status RunSettings(const SettingsFlags& flags) {
  service::SettingsUpdate update;
  if (!flags.policy.empty()) {
    LEDD_ASSIGN_OR_RETURN(update.policy, store::ParsePolicy(flags.policy));
  }
  if (flags.markets.has_value()) {
    LEDD_ASSIGN_OR_RETURN(update.markets, store::ParseMarkets(*flags.markets));
  }
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStore(flags.db));
  service::InvitationService invitations(*store, nullptr);
  LEDD_ASSIGN_OR_RETURN(store::Member member, invitations.UpdateSettings(flags.member, update));
  const std::string policy(store::PolicyName(member.policy));
  const std::string markets = MarketsText(member.markets);
  Print(flags.json_output, server::SettingsJson(member),
        fmt::format("member {}: policy {}, markets {}", member.id, policy, markets));
  return absl::OkStatus();
}

struct SavedSearchFlags : CommonFlags {
  MemberId member = 0;
  // Optional rather than empty-means-absent, so that `--save ""` is refused for its
  // empty name instead of silently listing.
  std::optional<std::string> save;
  std::optional<std::string> remove;
  store::SavedSearchFilters filters;
};

absl::Status RunSavedSearches(const SavedSearchFlags& flags) {
  const bool has_filter = flags.filters != store::SavedSearchFilters{};
  if (has_filter && !flags.save.has_value()) {
    return absl::InvalidArgumentError(
        "filters (--title, --city, ...) are for saving a search: add --save NAME");
  }
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStore(flags.db));
  service::SavedSearchService searches(*store);
  if (flags.save.has_value()) {
    LEDD_ASSIGN_OR_RETURN(store::SavedSearch saved,
                          searches.Save(flags.member, *flags.save, flags.filters));
    json result = SavedSearchJson(saved);
    result["member"] = saved.member;
    Print(flags.json_output, result,
          fmt::format("member {} saved {}", saved.member, SavedSearchText(saved)));
    return absl::OkStatus();
  }
  if (flags.remove.has_value()) {
    LEDD_RETURN_IF_ERROR(searches.Delete(flags.member, *flags.remove));
    Print(flags.json_output,
          json{{"member", flags.member}, {"name", *flags.remove}, {"deleted", true}},
          fmt::format("member {} deleted saved search \"{}\"", flags.member, *flags.remove));
    return absl::OkStatus();
  }
  LEDD_ASSIGN_OR_RETURN(std::vector<store::SavedSearch> saved, searches.List(flags.member));
  json list = json::array();
  std::string text = fmt::format("member {}: {} saved search{}", flags.member, saved.size(),
                                 saved.size() == 1 ? "" : "es");
  for (const store::SavedSearch& search : saved) {
    list.push_back(SavedSearchJson(search));
    text += fmt::format("\n  {}", SavedSearchText(search));
  }
  Print(flags.json_output, json{{"member", flags.member}, {"saved_searches", list}}, text);
  return absl::OkStatus();
}

struct BlockFlags : CommonFlags {
  MemberId member = 0;
  MemberId other = 0;
};

absl::Status RunBlock(const BlockFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStore(flags.db));
  service::InvitationService invitations(*store, nullptr);
  LEDD_ASSIGN_OR_RETURN(store::BlockWrite write, invitations.Block(flags.member, flags.other));
  json resolved = json::array();
  std::string text = fmt::format("member {} blocked member {}", flags.member, flags.other);
  for (const store::Invitation& invitation : write.resolved) {
    resolved.push_back(InvitationStateJson(invitation));
    text += fmt::format("\n  invitation {} from {} to {}: {}", invitation.id, invitation.from,
                        invitation.to, store::InvitationStateName(invitation.state));
  }
  Print(flags.json_output,
        json{{"member", flags.member}, {"blocked", flags.other}, {"invitations", resolved}},
        text);
  return absl::OkStatus();
}

absl::Status RunUnblock(const BlockFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStore(flags.db));
  service::InvitationService invitations(*store, nullptr);
  LEDD_RETURN_IF_ERROR(invitations.Unblock(flags.member, flags.other));
  Print(flags.json_output, json{{"member", flags.member}, {"unblocked", flags.other}},
        fmt::format("member {} unblocked member {}", flags.member, flags.other));
  return absl::OkStatus();
}

absl::Status RunBlocked(const ReportFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStore(flags.db));
  service::InvitationService invitations(*store, nullptr);
  LEDD_ASSIGN_OR_RETURN(std::vector<store::MemberBlock> blocks,
                        invitations.Blocked(flags.member));
  std::string text = fmt::format("member {} has blocked {} member{}", flags.member,
                                 blocks.size(), blocks.size() == 1 ? "" : "s");
  for (const store::MemberBlock& block : blocks) {
    text += fmt::format("\n  {}", block.blocked);
  }
  Print(flags.json_output, server::BlockedJson(flags.member, blocks), text);
  return absl::OkStatus();
}

}  // namespace

void AddInvitationCommands(Commands& commands) {
  {
    auto flags = std::make_shared<InviteFlags>();
    CLI::App* app = commands.Add("invite",
                                 "Invite a member (accepts their invitation if they invited you), "
                                 "or with --email someone who may not be a member yet",
                                 [flags] { return RunInvite(*flags); });
    AddCommon(app, *flags);
    app->add_option("FROM", flags->from, "Inviting member id")->required()->check(PositiveId());
    CLI::Option* to =
        app->add_option("TO", flags->to, "Invited member id (or --email)")->check(PositiveId());
    CLI::Option* email = app->add_option(
        "--email", flags->email,
        "Invite by email instead: a member's address gets an ordinary invitation, any other an "
        "email invitation and a sign-up link (printed; only its token's hash is stored)");
    to->excludes(email);
    app->add_option("--public-url", flags->public_url,
                    "The origin of the sign-up link (as ledd serve --public-url)")
        ->capture_default_str();
    app->add_option("--note", flags->note, "A personal note, at most 300 characters");
    app->add_option("--via", flags->via,
                    "The page it is sent from: post:ID (a post of TO's that FROM has read) or "
                    "appearance:ID (one of TO's talks, media appearances or courses)");
    app->add_option("--weekly-limit", flags->weekly_limit,
                    "Invitations a member may send in 7 days (default 100)")
        ->check(IntegerIn(0, 1'000'000));
  }
  struct Action {
    const char* name;
    const char* description;
    Transition transition;
  };
  for (const Action& action : {
           Action{"accept", "Accept a pending invitation: the two become contacts",
                  &service::InvitationService::Accept},
           Action{"ignore", "Ignore a pending invitation", &service::InvitationService::Ignore},
           Action{"withdraw", "Withdraw a pending invitation (the sender's action)",
                  &service::InvitationService::Withdraw},
           Action{"report",
                  "Report an invitation as \"I don't know this person\": the pair can no longer "
                  "invite each other, and it counts against the sender",
                  &service::InvitationService::Report},
           Action{"unreport",
                  "Take a report back within 10 minutes of it; the invitation stands as ignored",
                  &service::InvitationService::Unreport},
       }) {
    auto flags = std::make_shared<TransitionFlags>();
    const Transition transition = action.transition;
    CLI::App* app = commands.Add(action.name, action.description,
                                 [flags, transition] { return RunTransition(transition, *flags); });
    AddCommon(app, *flags);
    app->add_option("INVITATION", flags->invitation, "Invitation id")
        ->required()
        ->check(PositiveId());
    app->add_option("--as", flags->as,
                    "Act as this member: then only the recipient may accept, ignore, report or "
                    "unreport and only the sender may withdraw (default: the operator, for "
                    "anyone)")
        ->check(PositiveId());
  }
  {
    auto flags = std::make_shared<BoxFlags>();
    CLI::App* app = commands.Add(
        "invitations",
        "A member's invitations, pending first; received pending ones with advice and reach",
        [flags] { return RunBox(*flags); });
    AddCommon(app, *flags);
    app->add_option("MEMBER", flags->member, "Member id")->required()->check(PositiveId());
    app->add_option("--box", flags->box, "received (default) or sent")
        ->check(CLI::IsMember({"received", "sent"}));
    app->add_option("--state", flags->state,
                    "Only this state: pending, accepted, ignored, withdrawn or reported");
    app->add_option("--lang", flags->language, "Language of the reasons: en (default) or nb")
        ->check(CLI::IsMember({"en", "nb"}));
  }
  {
    auto flags = std::make_shared<AdviceFlags>();
    CLI::App* app = commands.Add(
        "advice", "Accept, consider or decline a pending invitation, with the reasons",
        [flags] { return RunAdvice(*flags); });
    AddCommon(app, *flags);
    app->add_option("INVITATION", flags->invitation, "Invitation id")
        ->required()
        ->check(PositiveId());
    app->add_option("--lang", flags->language, "Language of the reasons: en (default) or nb")
        ->check(CLI::IsMember({"en", "nb"}));
  }
  {
    auto flags = std::make_shared<ReportFlags>();
    CLI::App* app = commands.Add(
        "contacts-report",
        "How many contacts should I have? Contacts, percentile, exact reach against the blog "
        "arithmetic, and the reach curve over pending invitations",
        [flags] { return RunContactsReport(*flags); });
    AddCommon(app, *flags);
    app->add_option("MEMBER", flags->member, "Member id")->required()->check(PositiveId());
  }
  {
    auto flags = std::make_shared<SettingsFlags>();
    CLI::App* app = commands.Add("settings",
                                 "Show a member's triage settings, or change them",
                                 [flags] { return RunSettings(*flags); });
    AddCommon(app, *flags);
    app->add_option("MEMBER", flags->member, "Member id")->required()->check(PositiveId());
    app->add_option("--policy", flags->policy,
                    "liberal (accept what is not spam-like) or selective (also needs common "
                    "ground)")
        ->check(CLI::IsMember({"liberal", "selective"}));
    app->add_option("--markets", flags->markets,
                    "Where the member does business: home (also \"\"), international, or "
                    "country codes such as \"NO, SE\" or NO;SE");
  }
  {
    auto flags = std::make_shared<SavedSearchFlags>();
    CLI::App* app = commands.Add(
        "saved-searches",
        "List a member's saved searches, or save or delete one; the invitations box says "
        "how many of each invitation's new people match them",
        [flags] { return RunSavedSearches(*flags); });
    AddCommon(app, *flags);
    app->add_option("MEMBER", flags->member, "Member id")->required()->check(PositiveId());
    CLI::Option* save = app->add_option(
        "--save", flags->save, "Save (or replace) a search under this name, with the filters");
    CLI::Option* remove =
        app->add_option("--delete", flags->remove, "Delete the search of this name");
    save->excludes(remove);
    store::SavedSearchFilters& filters = flags->filters;
    app->add_option("--title", filters.title, "Title text: folded substring, with synonyms");
    app->add_option("--city", filters.city, "City");
    app->add_option("--country", filters.country, "Country (alpha-2)");
    app->add_option("--company", filters.company, "Current or past company");
    app->add_option("--school", filters.school, "School");
    app->add_option("--field", filters.field, "Field of study");
    app->add_option("--industry", filters.industry, "Industry");
    app->add_option("--name", filters.name, "Prefix of any word of the name");
  }
  for (const bool block : {true, false}) {
    auto flags = std::make_shared<BlockFlags>();
    CLI::App* app =
        block ? commands.Add("block",
                             "Block a member: neither may invite the other, and a pending "
                             "invitation between you is ignored or withdrawn; an existing "
                             "connection stays",
                             [flags] { return RunBlock(*flags); })
              : commands.Add("unblock", "Lift a block; the two may invite each other again",
                             [flags] { return RunUnblock(*flags); });
    AddCommon(app, *flags);
    app->add_option("MEMBER", flags->member, "The member who blocks")
        ->required()
        ->check(PositiveId());
    app->add_option("OTHER", flags->other, "The member blocked")->required()->check(PositiveId());
  }
  {
    auto flags = std::make_shared<ReportFlags>();
    CLI::App* app = commands.Add("blocked", "The members a member has blocked",
                                 [flags] { return RunBlocked(*flags); });
    AddCommon(app, *flags);
    app->add_option("MEMBER", flags->member, "Member id")->required()->check(PositiveId());
  }
}

}  // namespace ledd::cli
