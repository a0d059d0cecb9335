#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/server/email_invitations.h"
#include "ledd/server/invitation_json.h"
#include "ledd/server/member_routes.h"
#include "ledd/server/route_helpers.h"
#include "ledd/service/invitations.h"
#include "ledd/service/saved_searches.h"

namespace ledd::server {
namespace {

using Transition = absl::StatusOr<store::Invitation> (service::InvitationService::*)(
    InvitationId, service::ActingMember);

absl::StatusOr<InvitationId> InvitationIdOf(const Call& call) {
  return PathId(call, 1, "invitation");
}

// The page an invitation is sent from: absent or null for none, {"post": ID} or
// {"appearance": ID} ({"talk": ID} too: most appearances are talks).
absl::StatusOr<store::InvitationVia> ViaOf(const Json& body) {
  if (!body.contains("via") || body["via"].is_null()) return store::InvitationVia{};
  const Json& via = body["via"];
  constexpr char kShape[] = "\"via\" must be {\"post\": ID} or {\"appearance\": ID}";
  if (!via.is_object() || via.size() != 1) return absl::InvalidArgumentError(kShape);
  const auto& [key, value] = *via.items().begin();
  store::InvitationVia result;
  if (key == "post") {
    result.kind = store::InvitationVia::Kind::kPost;
  } else if (key == "appearance" || key == "talk") {
    result.kind = store::InvitationVia::Kind::kAppearance;
  } else {
    return absl::InvalidArgumentError(fmt::format("{}, not \"{}\"", kShape, key));
  }
  if (!value.is_number_integer() || value.get<int64_t>() <= 0) {
    return absl::InvalidArgumentError(
        fmt::format("\"via\".\"{}\" must be a positive integer", key));
  }
  result.id = value.get<int64_t>();
  return result;
}

absl::StatusOr<store::EmailInvitationId> EmailInvitationIdOf(const Call& call) {
  return PathId(call, 1, "email invitation");
}

absl::StatusOr<service::BoxOptions> BoxOptionsOf(const Call& call) {
  LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"box", "lang", "state", "limit"}));
  service::BoxOptions options;
  const std::string box = params.value("box", "received");
  if (box == "sent") {
    options.box = store::InvitationBox::kSent;
  } else if (box != "received") {
    return absl::InvalidArgumentError("\"box\" must be received or sent");
  }
  LEDD_ASSIGN_OR_RETURN(options.language, service::ParseLanguage(params.value("lang", "en")));
  const std::string state = params.value("state", "");
  if (!state.empty()) {
    LEDD_ASSIGN_OR_RETURN(options.state, store::ParseInvitationState(state));
  }
  if (params.contains("limit")) {
    LEDD_ASSIGN_OR_RETURN(int64_t limit, ParseInt(params["limit"].get<std::string>(), "limit"));
    if (limit < 1 || limit > 1'000) {
      return absl::InvalidArgumentError("\"limit\" must be between 1 and 1000");
    }
    options.limit = static_cast<int>(limit);
  }
  return options;
}

// The mail part of a settings PUT: "language", "email" {"invitations", "accepted",
// "posts", "digest"} (each optional) and "public_posts", applied over `current`.
// Whether any of them was given.
absl::StatusOr<bool> MailSettingsOf(const Json& body, store::EmailSettings& current,
                                    std::string& language) {
  bool given = false;
  if (body.contains("language")) {
    LEDD_ASSIGN_OR_RETURN(language, StringField(body, "language", true));
    if (!store::IsAccountLanguage(language)) {
      return absl::InvalidArgumentError("\"language\" must be en or nb");
    }
    given = true;
  }
  if (body.contains("email")) {
    const Json& email = body["email"];
    if (!email.is_object()) return absl::InvalidArgumentError("\"email\" must be an object");
    LEDD_RETURN_IF_ERROR(OnlyKeys(email, {"invitations", "accepted", "posts", "digest"}));
    for (auto [key, field] : {std::pair{"invitations", &current.invitations},
                              std::pair{"accepted", &current.accepted},
                              std::pair{"posts", &current.posts}}) {
      if (!email.contains(key)) continue;
      if (!email[key].is_boolean()) {
        return absl::InvalidArgumentError(
            fmt::format("\"email\".\"{}\" must be true or false", key));
      }
      *field = email[key].get<bool>();
    }
    if (email.contains("digest")) {
      LEDD_ASSIGN_OR_RETURN(std::string digest, StringField(email, "digest", true));
      absl::StatusOr<store::DigestFrequency> frequency = store::ParseDigestFrequency(digest);
      if (!frequency.ok()) {
        return absl::InvalidArgumentError("\"email\".\"digest\" must be off, daily or weekly");
      }
      current.digest = *frequency;
    }
    given = true;
  }
  if (body.contains("public_posts")) {
    if (!body["public_posts"].is_boolean()) {
      return absl::InvalidArgumentError("\"public_posts\" must be true or false");
    }
    current.public_posts = body["public_posts"].get<bool>();
    given = true;
  }
  return given;
}

absl::StatusOr<service::SettingsUpdate> SettingsUpdateOf(const Json& body) {
  LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"policy", "markets", "connections_visibility",
                                       "in_directory", "language", "email", "public_posts"}));
  service::SettingsUpdate update;
  LEDD_ASSIGN_OR_RETURN(std::string policy, StringField(body, "policy", false));
  LEDD_ASSIGN_OR_RETURN(std::string markets, StringField(body, "markets", false));
  LEDD_ASSIGN_OR_RETURN(std::string visibility, StringField(body, "connections_visibility", false));
  if (!policy.empty()) {
    LEDD_ASSIGN_OR_RETURN(update.policy, store::ParsePolicy(policy));
  }
  // Markets are set whenever given: "" (like "home") means the home country only,
  // which is what a cleared field says.
  if (body.contains("markets")) {
    LEDD_ASSIGN_OR_RETURN(update.markets, store::ParseMarkets(markets));
  }
  if (!visibility.empty()) {
    LEDD_ASSIGN_OR_RETURN(update.connections_visibility,
                          store::ParseConnectionsVisibility(visibility));
  }
  if (body.contains("in_directory")) {
    if (!body["in_directory"].is_boolean()) {
      return absl::InvalidArgumentError("\"in_directory\" must be true or false");
    }
    update.in_directory = body["in_directory"].get<bool>();
  }
  return update;
}

Json FullSettingsJson(const store::Member& member) {
  Json body = SettingsJson(member);
  body["connections_visibility"] =
      std::string(store::ConnectionsVisibilityName(member.connections_visibility));
  body["in_directory"] = member.in_directory;
  return body;
}

// FullSettingsJson with the mail settings: the account's language, the email
// switches and whether the member's posts are public.
absl::StatusOr<Json> SettingsWithMailJson(store::Store& store, const store::Member& member) {
  Json body = FullSettingsJson(member);
  absl::StatusOr<store::Account> account = store.GetAccount(member.id);
  if (!account.ok() && account.status().code() != absl::StatusCode::kNotFound) {
    return account.status();
  }
  body["language"] = account.ok() ? account->language : std::string("en");
  LEDD_ASSIGN_OR_RETURN(store::EmailSettings email, store.GetEmailSettings(member.id));
  body["email"] = {{"invitations", email.invitations},
                   {"accepted", email.accepted},
                   {"posts", email.posts},
                   {"digest", std::string(store::DigestFrequencyName(email.digest))}};
  body["public_posts"] = email.public_posts;
  return body;
}

absl::StatusOr<store::SavedSearch> SavedSearchOf(const Json& body) {
  LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"name", "filters"}));
  store::SavedSearch search;
  LEDD_ASSIGN_OR_RETURN(search.name, StringField(body, "name", true));
  if (!body.contains("filters") || !body["filters"].is_object()) {
    return absl::InvalidArgumentError("\"filters\" must be an object");
  }
  const Json& filters = body["filters"];
  std::vector<std::string> keys;
  for (const auto& [key, field] : SavedSearchFilterFields(search.filters)) keys.push_back(key);
  LEDD_RETURN_IF_ERROR(OnlyKeys(filters, keys));
  for (const auto& [key, field] : SavedSearchFilterFields(search.filters)) {
    LEDD_ASSIGN_OR_RETURN(*field, StringField(filters, key, false));
    if (field->size() > kMaxFilterBytes) {
      return absl::InvalidArgumentError(fmt::format("\"{}\" is too long", key));
    }
  }
  if (search.name.size() > kMaxFilterBytes) {
    return absl::InvalidArgumentError("\"name\" is too long");
  }
  return search;
}

}  // namespace

// A name or address and a port, the Host has passed the server's allowed-hosts check,
// and the link goes back to the caller who sent that Host.
std::string OriginOf(const Call& call, const PublicOrigin& origin) {
  if (!origin.url.empty()) return origin.url;
  const std::string host = call.Header("Host");
  const bool plausible =
      !host.empty() && host.size() <= 255 &&
      host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                             "0123456789.-:[]") == std::string::npos;
  if (!plausible) return "";
  return fmt::format("{}://{}", origin.secure ? "https" : "http", host);
}

void AddInvitationRoutes(Router& router, store::Store& store, service::LiveNetwork& live,
                         const PublicOrigin& origin, std::shared_ptr<const MailLinks> links) {
  auto invitations = std::make_shared<service::InvitationService>(store, &live);
  auto searches = std::make_shared<service::SavedSearchService>(store);
  // Holds a reference to *invitations (and to *links): every route that uses it
  // captures them too.
  EmailInvitationsOptions email_options;
  email_options.links = links.get();
  auto by_email = std::make_shared<EmailInvitations>(store, *invitations, email_options);

  // An invitation as its sender or recipient may see it: with where it came from.
  auto invitation_reply = [invitations](const store::Invitation& invitation,
                                        int status) -> absl::StatusOr<Reply> {
    LEDD_ASSIGN_OR_RETURN(query::Provenance via, invitations->Provenance(invitation));
    return Reply{.status = status, .body = InvitationJson(invitation, via)};
  };
  Accounts& accounts = router.accounts();
  router.Post(
      "/api/v1/invitations", "/api/v1/invitations", Auth::kRequired,
      [invitations, invitation_reply, by_email, origin,
       &accounts](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
        // While mail is sent, invitations wait for a confirmed address (accounts.h).
        LEDD_RETURN_IF_ERROR(accounts.CheckMayInvite(call.caller()));
        LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"to", "email", "note", "via"}));
        LEDD_ASSIGN_OR_RETURN(std::string note, StringField(body, "note", false));
        std::optional<store::Invitation> invitation;
        if (body.contains("email")) {
          if (body.contains("to") || body.contains("via")) {
            return absl::InvalidArgumentError(
                "give either \"to\" (a member) or \"email\" (an address), not both; \"via\" "
                "goes with \"to\"");
          }
          LEDD_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true));
          LEDD_ASSIGN_OR_RETURN(
              EmailInviteResult result,
              by_email->Invite(call.caller(), email, std::move(note), OriginOf(call, origin)));
          if (result.email_invitation.has_value()) {
            return Reply{
                .status = 201,
                .body = {{"email_invitation", EmailInvitationJson(*result.email_invitation)},
                         {"signup_link", fmt::format("{}/#/signup?invite={}",
                                                     OriginOf(call, origin), result.token)}}};
          }
          // The email is a member's: they were invited as members are.
          invitation = *std::move(result.invitation);
        } else {
          LEDD_ASSIGN_OR_RETURN(MemberId to, IdField(body, "to"));
          LEDD_ASSIGN_OR_RETURN(store::InvitationVia via, ViaOf(body));
          LEDD_ASSIGN_OR_RETURN(invitation,
                                invitations->Send(call.caller(), to, std::move(note), via));
        }
        // When `to` had already invited the caller, that invitation is accepted
        // instead and nothing new is created.
        return invitation_reply(*invitation, invitation->from == call.caller() ? 201 : 200);
      });
  router.Get("/api/v1/email-invitations", "/api/v1/email-invitations", Auth::kRequired,
             [invitations, by_email](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_RETURN_IF_ERROR(call.QueryParams({}).status());
               LEDD_ASSIGN_OR_RETURN(std::vector<store::EmailInvitation> sent,
                                     by_email->List(call.caller()));
               Json list = Json::array();
               for (const store::EmailInvitation& invitation : sent) {
                 list.push_back(EmailInvitationJson(invitation));
               }
               return Reply{.body = {{"member", call.caller()}, {"email_invitations", list}}};
             });
  router.Delete("/api/v1/email-invitations/{id}", R"(/api/v1/email-invitations/(\d+))",
                Auth::kRequired,
                [invitations, by_email](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_ASSIGN_OR_RETURN(store::EmailInvitationId id, EmailInvitationIdOf(call));
                  LEDD_ASSIGN_OR_RETURN(store::EmailInvitation withdrawn,
                                        by_email->Withdraw(call.caller(), id));
                  return Reply{.body = EmailInvitationJson(withdrawn)};
                });
  // The sign-up page of a link: who invites its bearer. No sign-in (they have no
  // account yet); the token is the credential, and look-ups are rate-limited.
  router.Get("/api/v1/signup-invitation", "/api/v1/signup-invitation", Auth::kNone,
             [invitations, by_email](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"token"}));
               LEDD_ASSIGN_OR_RETURN(std::string token, StringField(params, "token", true));
               LEDD_ASSIGN_OR_RETURN(SignUpInvitation found,
                                     by_email->Lookup(token, call.address()));
               const store::Member& from = found.from;
               std::string name = from.first_name;
               if (!from.last_name.empty()) name += (name.empty() ? "" : " ") + from.last_name;
               return Reply{.body = {{"from",
                                      {{"member", from.id},
                                       {"name", std::move(name)},
                                       {"headline", from.headline}}},
                                     {"email", found.invitation.email},
                                     {"note", found.invitation.note},
                                     {"profile",
                                      {{"first_name", found.invitation.profile.first_name},
                                       {"last_name", found.invitation.profile.last_name},
                                       {"headline", found.invitation.profile.headline},
                                       {"city", found.invitation.profile.city},
                                       {"country", found.invitation.profile.country},
                                       {"industry", found.invitation.profile.industry}}}}};
             });
  struct Action {
    const char* name;
    Transition transition;
  };
  for (const Action& action : {Action{"accept", &service::InvitationService::Accept},
                               Action{"ignore", &service::InvitationService::Ignore},
                               Action{"withdraw", &service::InvitationService::Withdraw},
                               Action{"report", &service::InvitationService::Report},
                               Action{"unreport", &service::InvitationService::Unreport}}) {
    const Transition transition = action.transition;
    router.Post(fmt::format("/api/v1/invitations/{{id}}/{}", action.name),
                fmt::format(R"(/api/v1/invitations/(\d+)/{})", action.name), Auth::kRequired,
                [invitations, invitation_reply,
                 transition](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_ASSIGN_OR_RETURN(InvitationId id, InvitationIdOf(call));
                  LEDD_ASSIGN_OR_RETURN(store::Invitation invitation,
                                        ((*invitations).*transition)(id, call.caller()));
                  return invitation_reply(invitation, 200);
                });
  }
  router.Get("/api/v1/invitations", "/api/v1/invitations", Auth::kRequired,
             [invitations](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(service::BoxOptions options, BoxOptionsOf(call));
               LEDD_ASSIGN_OR_RETURN(std::vector<service::BoxEntry> entries,
                                     invitations->Box(call.caller(), options));
               return Reply{.body = BoxJson(entries)};
             });
  router.Get("/api/v1/invitations/{id}/advice", R"(/api/v1/invitations/(\d+)/advice)",
             Auth::kRequired, [invitations](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"lang"}));
               LEDD_ASSIGN_OR_RETURN(query::Language language,
                                     service::ParseLanguage(params.value("lang", "en")));
               LEDD_ASSIGN_OR_RETURN(InvitationId id, InvitationIdOf(call));
               LEDD_ASSIGN_OR_RETURN(store::Invitation invitation,
                                     invitations->OwnInvitation(id, call.caller()));
               // The advice weighs the sender's history for the recipient's decision:
               // it is the recipient's to read. The sender knows the invitation, so
               // they are told the rule; anyone else got NotFound above.
               if (invitation.to != call.caller()) {
                 return absl::PermissionDeniedError(
                     fmt::format("only the recipient of invitation {} may read its advice", id));
               }
               LEDD_ASSIGN_OR_RETURN(query::Advice advice, invitations->Advice(id, language));
               LEDD_ASSIGN_OR_RETURN(query::Provenance via, invitations->Provenance(invitation));
               return Reply{.body = AdviceWithReachJson(advice, invitation.via, via)};
             });
  router.Get("/api/v1/contacts-report", "/api/v1/contacts-report", Auth::kRequired,
             [invitations](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_RETURN_IF_ERROR(call.QueryParams({}).status());
               LEDD_ASSIGN_OR_RETURN(service::ContactsReportResult result,
                                     invitations->ContactsReport(call.caller()));
               return Reply{.body = ContactsReportJson(call.caller(), result)};
             });

  router.Get("/api/v1/me/settings", "/api/v1/me/settings", Auth::kRequired,
             [&store](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(store::Member member, store.GetMember(call.caller()));
               LEDD_ASSIGN_OR_RETURN(Json body, SettingsWithMailJson(store, member));
               return Reply{.body = std::move(body)};
             });
  router.Put("/api/v1/me/settings", "/api/v1/me/settings", Auth::kRequired,
             [&store, invitations](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
               LEDD_ASSIGN_OR_RETURN(service::SettingsUpdate update, SettingsUpdateOf(body));
               // Everything is checked before anything is written.
               LEDD_ASSIGN_OR_RETURN(store::EmailSettings email,
                                     store.GetEmailSettings(call.caller()));
               std::string language;
               LEDD_ASSIGN_OR_RETURN(bool mail_given, MailSettingsOf(body, email, language));
               LEDD_ASSIGN_OR_RETURN(store::Member member,
                                     invitations->UpdateSettings(call.caller(), update));
               if (mail_given) {
                 LEDD_RETURN_IF_ERROR(store.SetEmailSettings(
                     call.caller(), email, language, static_cast<Timestamp>(std::time(nullptr))));
               }
               LEDD_ASSIGN_OR_RETURN(Json answer, SettingsWithMailJson(store, member));
               return Reply{.body = std::move(answer)};
             });

  router.Get("/api/v1/saved-searches", "/api/v1/saved-searches", Auth::kRequired,
             [searches](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(std::vector<store::SavedSearch> saved,
                                     searches->List(call.caller()));
               Json list = Json::array();
               for (const store::SavedSearch& search : saved) {
                 list.push_back(SavedSearchJson(search));
               }
               return Reply{.body = {{"member", call.caller()}, {"saved_searches", list}}};
             });
  router.Post("/api/v1/saved-searches", "/api/v1/saved-searches", Auth::kRequired,
              [searches](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_ASSIGN_OR_RETURN(store::SavedSearch search, SavedSearchOf(body));
                LEDD_ASSIGN_OR_RETURN(
                    store::SavedSearch saved,
                    searches->Save(call.caller(), std::move(search.name), search.filters));
                Json result = SavedSearchJson(saved);
                result["member"] = saved.member;
                return Reply{.status = 201, .body = std::move(result)};
              });
  router.Delete(
      "/api/v1/saved-searches/{name}", R"(/api/v1/saved-searches/([^/]+))", Auth::kRequired,
      [searches](const Call& call) -> absl::StatusOr<Reply> {
        const std::string name = call.Match(1);
        LEDD_RETURN_IF_ERROR(searches->Delete(call.caller(), name));
        return Reply{.body = {{"member", call.caller()}, {"name", name}, {"deleted", true}}};
      });

  router.Get("/api/v1/blocks", "/api/v1/blocks", Auth::kRequired,
             [invitations](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(std::vector<store::MemberBlock> blocks,
                                     invitations->Blocked(call.caller()));
               return Reply{.body = BlockedJson(call.caller(), blocks)};
             });
  router.Post(
      "/api/v1/blocks", "/api/v1/blocks", Auth::kRequired,
      [invitations](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
        LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"member"}));
        LEDD_ASSIGN_OR_RETURN(MemberId other, IdField(body, "member"));
        LEDD_ASSIGN_OR_RETURN(store::BlockWrite write, invitations->Block(call.caller(), other));
        Json resolved = Json::array();
        for (const store::Invitation& invitation : write.resolved) {
          resolved.push_back(InvitationStateJson(invitation));
        }
        return Reply{
            .status = 201,
            .body = {{"member", call.caller()}, {"blocked", other}, {"invitations", resolved}}};
      });
  router.Delete("/api/v1/blocks/{member}", R"(/api/v1/blocks/(\d+))", Auth::kRequired,
                [invitations](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_ASSIGN_OR_RETURN(MemberId other, PathId(call, 1, "member"));
                  LEDD_RETURN_IF_ERROR(invitations->Unblock(call.caller(), other));
                  return Reply{.body = {{"member", call.caller()}, {"unblocked", other}}};
                });
}

}  // namespace ledd::server
