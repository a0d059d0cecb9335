#include "ledd/server/notify_routes.h"

#include <algorithm>
#include <ctime>
#include <string>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/ingest/member_register.h"
#include "ledd/server/accounts.h"
#include "ledd/server/email_invitations.h"
#include "ledd/server/notify_mail.h"
#include "ledd/server/rate_limit.h"
#include "ledd/server/route_helpers.h"
#include "ledd/server/tokens.h"
#include "ledd/service/invitations.h"

namespace ledd::server {
namespace {

// The register import's body limit: a register of some ten thousand members.
constexpr size_t kMaxRegisterBytes = 4 << 20;
// Posts a public page shows.
constexpr int kPublicPosts = 20;
// Longer than any token RandomToken makes.
constexpr size_t kMaxConfirmTokenBytes = 128;

Timestamp Now() { return static_cast<Timestamp>(std::time(nullptr)); }

absl::Status NotPublic(MemberId member) {
  return absl::NotFoundError(fmt::format("member {} does not publish posts", member));
}

// The author of public posts, or NotPublic (also for an unknown member).
absl::StatusOr<store::Member> PublicAuthor(store::Store& store, MemberId id) {
  absl::StatusOr<store::EmailSettings> settings = store.GetEmailSettings(id);
  if (!settings.ok()) {
    if (settings.status().code() == absl::StatusCode::kNotFound) return NotPublic(id);
    return settings.status();
  }
  if (!settings->public_posts) return NotPublic(id);
  return store.GetMember(id);
}

std::string LanguageOr(const std::string& language, const std::string& fallback) {
  return language == "nb" || language == "en" ? language : fallback;
}

Json AuthorJson(const store::Member& member) {
  return {{"member", member.id}, {"name", PersonName(member)}, {"headline", member.headline}};
}

// What an unsubscribe token names, as the page shows it.
absl::StatusOr<Json> TargetJson(store::Store& store, const UnsubscribeTarget& target) {
  switch (target.kind) {
    case UnsubscribeTarget::Kind::kMemberMail:
      return Json{{"kind", std::string(store::EmailKindName(target.email_kind))}};
    case UnsubscribeTarget::Kind::kInvitationMail:
      return Json{{"kind", "invitation_mail"}, {"email", target.email}};
    case UnsubscribeTarget::Kind::kSubscription: {
      LEDD_ASSIGN_OR_RETURN(store::PostSubscription subscription,
                            store.GetPostSubscription(target.subscription));
      Json body{{"kind", "subscription"}, {"email", subscription.email}};
      absl::StatusOr<store::Member> author = store.GetMember(subscription.author);
      if (author.ok()) body["author"] = AuthorJson(*author);
      return body;
    }
  }
  return absl::InternalError("unknown unsubscribe target");
}

absl::Status SwitchOff(store::Store& store, const UnsubscribeTarget& target) {
  switch (target.kind) {
    case UnsubscribeTarget::Kind::kMemberMail:
      return store.SwitchOffEmail(target.member, target.email_kind, Now());
    case UnsubscribeTarget::Kind::kInvitationMail:
      return store.SuppressEmail(target.email, Now());
    case UnsubscribeTarget::Kind::kSubscription:
      return store.Unsubscribe(target.subscription, Now());
  }
  return absl::InternalError("unknown unsubscribe target");
}

std::string_view OutcomeName(RegisterOutcome::Kind kind) {
  switch (kind) {
    case RegisterOutcome::Kind::kNew:
      return "new";
    case RegisterOutcome::Kind::kMember:
      return "member";
    case RegisterOutcome::Kind::kInvited:
      return "invited";
    case RegisterOutcome::Kind::kBad:
      return "bad";
  }
  return "?";
}

}  // namespace

absl::Status MayImportRegister(store::Store& store, MemberId member) {
  absl::StatusOr<store::Account> account = store.GetAccount(member);
  if (!account.ok() && !absl::IsNotFound(account.status())) return account.status();
  if (account.ok() && account->role == store::Role::kAdmin) return absl::OkStatus();
  return absl::PermissionDeniedError("only an administrator may import the member register");
}

Json RegisterOutcomesJson(const std::vector<RegisterOutcome>& outcomes, bool dry_run) {
  Json rows = Json::array();
  Json counts = {{"new", 0}, {"member", 0}, {"invited", 0}, {"bad", 0}};
  for (const RegisterOutcome& outcome : outcomes) {
    const std::string kind(OutcomeName(outcome.kind));
    Json row = {{"line", outcome.line},
                {"email", outcome.email},
                {"name", outcome.name},
                {"outcome", kind}};
    if (!outcome.problem.empty()) row["problem"] = outcome.problem;
    if (outcome.invitation.has_value()) row["email_invitation"] = *outcome.invitation;
    rows.push_back(std::move(row));
    counts[kind] = counts[kind].get<int64_t>() + 1;
  }
  return {{"dry_run", dry_run}, {"rows", std::move(rows)}, {"counts", std::move(counts)}};
}

void AddNotifyRoutes(Router& router, store::Store& store, service::LiveNetwork& live,
                     std::shared_ptr<const MailLinks> links, const NotifyRouteOptions& options) {
  router.Get("/api/v1/unsubscribe", "/api/v1/unsubscribe", Auth::kNone,
             [&store, links](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"token"}));
               LEDD_ASSIGN_OR_RETURN(std::string token, StringField(params, "token", true));
               LEDD_ASSIGN_OR_RETURN(UnsubscribeTarget target, links->Parse(token));
               LEDD_ASSIGN_OR_RETURN(Json body, TargetJson(store, target));
               return Reply{.body = std::move(body)};
             });
  // RFC 8058: the mail client's POST carries "List-Unsubscribe=One-Click" as a form;
  // the page posts JSON. The token in the URL decides; the body is not needed.
  router.Post(
      "/api/v1/unsubscribe", "/api/v1/unsubscribe", Auth::kNone,
      [&store, links](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"token"}));
        LEDD_ASSIGN_OR_RETURN(std::string token, StringField(params, "token", true));
        LEDD_ASSIGN_OR_RETURN(UnsubscribeTarget target, links->Parse(token));
        LEDD_ASSIGN_OR_RETURN(Json body, TargetJson(store, target));
        LEDD_RETURN_IF_ERROR(SwitchOff(store, target));
        body["unsubscribed"] = true;
        return Reply{.body = std::move(body)};
      },
      {.max_body_bytes = 1024,
       .body_types = {"application/x-www-form-urlencoded", "application/json"}});

  router.Get("/api/v1/public/members/{id}", R"(/api/v1/public/members/(\d+))", Auth::kNone,
             [&store](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_RETURN_IF_ERROR(call.QueryParams({}).status());
               LEDD_ASSIGN_OR_RETURN(MemberId id, PathId(call, 1, "member"));
               LEDD_ASSIGN_OR_RETURN(store::Member author, PublicAuthor(store, id));
               LEDD_ASSIGN_OR_RETURN(std::vector<store::Post> posts,
                                     store.ListPosts(id, {.limit = kPublicPosts, .offset = 0}));
               Json list = Json::array();
               for (const store::Post& post : posts) {
                 list.push_back({{"id", post.id},
                                 {"title", post.title},
                                 {"body", post.body},
                                 {"created_at", post.created_at}});
               }
               Json body = AuthorJson(author);
               body["posts"] = std::move(list);
               return Reply{.body = std::move(body)};
             });

  auto by_address = std::make_shared<RateLimiter>(RateLimit{.burst = 10, .per_second = 10.0 / 3600});
  auto by_email = std::make_shared<RateLimiter>(RateLimit{.burst = 3, .per_second = 3.0 / 86400});
  const PublicOrigin origin = options.origin;
  router.Post(
      "/api/v1/public/members/{id}/subscriptions",
      R"(/api/v1/public/members/(\d+)/subscriptions)", Auth::kNone,
      [&store, links, by_address, by_email, origin](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(MemberId id, PathId(call, 1, "member"));
        LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
        LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"email", "language"}));
        LEDD_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true));
        LEDD_ASSIGN_OR_RETURN(std::string language, StringField(body, "language", false));
        email = store::FoldEmail(email);
        LEDD_RETURN_IF_ERROR(store::ValidateEmail(email));
        LEDD_RETURN_IF_ERROR(by_address->Take("address:" + call.address(), "subscription requests"));
        LEDD_RETURN_IF_ERROR(by_email->Take("email:" + email, "subscription requests"));
        LEDD_ASSIGN_OR_RETURN(store::Member author, PublicAuthor(store, id));
        absl::StatusOr<store::Account> account = store.GetAccount(id);
        language = LanguageOr(language, account.ok() ? account->language : "en");
        const std::string site = OriginOf(call, origin);
        const std::string token = RandomToken();
        const UnsubscribeTarget target{.kind = UnsubscribeTarget::Kind::kInvitationMail,
                                       .email = email};
        store::OutgoingMail mail = SubscriptionConfirmMail(
            language, email, {.name = PersonName(author), .headline = author.headline},
            fmt::format("{}/#/subscribe/confirm?token={}", site, token),
            {.one_click = links->OneClickUrl(site, target), .page = links->PageUrl(site, target)});
        mail.created_at = Now();
        mail.next_attempt_at = mail.created_at;
        // A suppressed address asked for no such mail: the request is recorded and
        // answered alike, and nothing is sent.
        LEDD_ASSIGN_OR_RETURN(bool suppressed, store.IsEmailSuppressed(email));
        if (!suppressed) {
          LEDD_RETURN_IF_ERROR(
              store.RequestPostSubscription(id, email, TokenHash(token), mail, Now()).status());
        }
        // The same answer whether the address was subscribed, pending or new.
        return Reply{.status = 202, .body = {{"author", AuthorJson(author)}, {"email", email}}};
      });
  router.Post("/api/v1/subscriptions/confirm", "/api/v1/subscriptions/confirm", Auth::kNone,
              [&store, by_address](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"token"}));
                LEDD_ASSIGN_OR_RETURN(std::string token, StringField(body, "token", true));
                LEDD_RETURN_IF_ERROR(
                    by_address->Take("confirm:" + call.address(), "subscription confirmations"));
                if (token.empty() || token.size() > kMaxConfirmTokenBytes) {
                  return absl::NotFoundError("the subscription link is unknown or no longer valid");
                }
                LEDD_ASSIGN_OR_RETURN(store::PostSubscription subscription,
                                      store.ConfirmPostSubscription(TokenHash(token), Now()));
                Json answer = {{"email", subscription.email}, {"confirmed", true}};
                absl::StatusOr<store::Member> author = store.GetMember(subscription.author);
                if (author.ok()) answer["author"] = AuthorJson(*author);
                return Reply{.body = std::move(answer)};
              });

  auto invitations = std::make_shared<service::InvitationService>(store, &live);
  EmailInvitationsOptions email_options;
  email_options.links = links.get();
  auto importer = std::make_shared<EmailInvitations>(store, *invitations, email_options);
  router.Post(
      "/api/v1/admin/register-import", "/api/v1/admin/register-import", Auth::kRequired,
      [&store, invitations, importer, options](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"dry_run"}));
        const std::string dry = params.value("dry_run", "0");
        if (dry != "0" && dry != "1" && dry != "true" && dry != "false") {
          return absl::InvalidArgumentError("\"dry_run\" must be 1 or 0");
        }
        const bool dry_run = dry == "1" || dry == "true";
        LEDD_RETURN_IF_ERROR(MayImportRegister(store, call.caller()));
        LEDD_ASSIGN_OR_RETURN(std::vector<ingest::RegisterRow> rows,
                              ingest::ReadMemberRegister("register.csv", call.body()));
        LEDD_ASSIGN_OR_RETURN(
            std::vector<RegisterOutcome> outcomes,
            importer->ImportRegister(call.caller(), rows, OriginOf(call, options.origin), dry_run));
        return Reply{.status = dry_run ? 200 : 201, .body = RegisterOutcomesJson(outcomes, dry_run)};
      },
      {.max_body_bytes = kMaxRegisterBytes, .body_types = {"text/csv"}});
}

}  // namespace ledd::server
