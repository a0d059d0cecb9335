#include "ledd/server/moderation_routes.h"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/server/route_helpers.h"

namespace ledd::server {
namespace {

constexpr int kMaxPageSize = 200;
// The window of a reported member's invitation record in the queue.
constexpr Timestamp kRecentWindow = 30 * 24 * 3600;

Timestamp Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Json OptionalTime(const std::optional<Timestamp>& at) {
  return at ? Json(FormatDateTime(*at)) : Json(nullptr);
}

// The caller's account if its role is at least `least`; PermissionDenied otherwise.
absl::StatusOr<store::Account> RequireRole(store::Store& store, MemberId caller, store::Role least) {
  absl::StatusOr<store::Account> account = store.GetAccount(caller);
  if (!account.ok() && !absl::IsNotFound(account.status())) return account.status();
  const store::Role role = account.ok() ? account->role : store::Role::kMember;
  if (least == store::Role::kAdmin && role != store::Role::kAdmin) {
    return absl::PermissionDeniedError("only admins can do this");
  }
  if (role == store::Role::kMember) {
    return absl::PermissionDeniedError("only moderators and admins can do this");
  }
  return *std::move(account);
}

absl::StatusOr<int> Limit(const Json& params, int fallback) {
  if (!params.contains("limit")) return fallback;
  LEDD_ASSIGN_OR_RETURN(int64_t limit, ParseInt(params["limit"].get<std::string>(), "limit"));
  if (limit > kMaxPageSize) {
    return absl::InvalidArgumentError(fmt::format("limit must be at most {}", kMaxPageSize));
  }
  return static_cast<int>(limit);
}

std::string NameOf(store::Store& store, MemberId member) {
  absl::StatusOr<store::Member> stored = store.GetMember(member);
  if (!stored.ok()) return fmt::format("member {}", member);
  return fmt::format("{} {}", stored->first_name, stored->last_name);
}

// Who a report is about, as a moderator needs to judge it: the profile summary, how
// old the account is, standing, and their invitations of the last 30 days.
absl::StatusOr<Json> MemberContext(store::Store& store, MemberId member, Timestamp now) {
  LEDD_ASSIGN_OR_RETURN(store::Member stored, store.GetMember(member));
  Json json = {{"id", member},
               {"name", fmt::format("{} {}", stored.first_name, stored.last_name)},
               {"headline", stored.headline},
               {"city", stored.city},
               {"country", stored.country},
               {"has_photo", stored.has_photo},
               {"member_since", FormatDateTime(stored.created_at)}};
  absl::StatusOr<store::Account> account = store.GetAccount(member);
  if (account.ok()) {
    json["account_created_at"] = FormatDateTime(account->created_at);
    json["account_age_days"] = (now - account->created_at) / (24 * 3600);
    json["role"] = std::string(store::RoleName(account->role));
    json["suspended_until"] = account->suspended_until && *account->suspended_until > now
                                  ? Json(FormatDateTime(*account->suspended_until))
                                  : Json(nullptr);
  } else if (!absl::IsNotFound(account.status())) {
    return account.status();
  }
  LEDD_ASSIGN_OR_RETURN(store::InvitationsSent sent,
                        store.CountInvitationsSent(member, now - kRecentWindow));
  json["invitations_30_days"] = {{"sent", sent.sent},
                                 {"accepted", sent.accepted},
                                 {"ignored", sent.ignored},
                                 {"reported", sent.reported},
                                 {"pending", sent.pending}};
  return json;
}

// What was reported: the post's or comment's text (kept for moderators even once
// removed), or the invitation with its note.
absl::StatusOr<Json> SubjectContext(store::Store& store, const store::Report& report) {
  switch (report.subject) {
    case store::ReportSubject::kInvitation: {
      LEDD_ASSIGN_OR_RETURN(store::Invitation invitation, store.GetInvitation(report.subject_id));
      return Json{{"note", invitation.note},
                  {"state", std::string(store::InvitationStateName(invitation.state))},
                  {"created_at", FormatDateTime(invitation.created_at)}};
    }
    case store::ReportSubject::kPost: {
      absl::StatusOr<store::Post> post = store.GetPost(report.subject_id);
      if (absl::IsNotFound(post.status())) return Json{{"deleted", true}};
      if (!post.ok()) return post.status();
      return Json{{"title", post->title},
                  {"body", post->body},
                  {"created_at", FormatDateTime(post->created_at)},
                  {"edited_at", OptionalTime(post->edited_at)},
                  {"removed", post->removed_at.has_value()},
                  {"deleted", false}};
    }
    case store::ReportSubject::kComment: {
      absl::StatusOr<store::Comment> comment = store.GetComment(report.subject_id);
      if (absl::IsNotFound(comment.status())) return Json{{"deleted", true}};
      if (!comment.ok()) return comment.status();
      return Json{{"post", comment->post_id},
                  {"body", comment->body},
                  {"created_at", FormatDateTime(comment->created_at)},
                  {"edited_at", OptionalTime(comment->edited_at)},
                  {"removed", comment->removed_at.has_value()},
                  {"deleted", false}};
    }
  }
  return Json(nullptr);
}

absl::StatusOr<Json> ReportJson(store::Store& store, const store::Report& report, Timestamp now) {
  LEDD_ASSIGN_OR_RETURN(Json reported, MemberContext(store, report.reported, now));
  LEDD_ASSIGN_OR_RETURN(Json subject, SubjectContext(store, report));
  return Json{{"id", report.id},
              {"subject", std::string(store::ReportSubjectName(report.subject))},
              {"subject_id", report.subject_id},
              {"reason", std::string(store::ReportReasonName(report.reason))},
              {"text", report.text},
              {"state", std::string(store::ReportStateName(report.state))},
              {"created_at", FormatDateTime(report.created_at)},
              {"resolved_at", OptionalTime(report.resolved_at)},
              {"resolved_by", report.resolved_by == 0 ? Json(nullptr) : Json(report.resolved_by)},
              {"reporter", {{"id", report.reporter}, {"name", NameOf(store, report.reporter)}}},
              {"reported", std::move(reported)},
              {"content", std::move(subject)}};
}

Json AuditJson(store::Store& store, const store::AuditEntry& entry) {
  return {{"id", entry.id},
          {"moderator", entry.moderator == 0 ? Json(nullptr) : Json(entry.moderator)},
          {"moderator_name",
           entry.moderator == 0 ? Json(nullptr) : Json(NameOf(store, entry.moderator))},
          {"action", std::string(store::ModerationActionName(entry.action))},
          {"target", entry.target},
          {"target_name", NameOf(store, entry.target)},
          {"report", entry.report ? Json(*entry.report) : Json(nullptr)},
          {"subject", entry.subject},
          {"reason", entry.reason},
          {"days", entry.days},
          {"detail", entry.detail},
          {"created_at", FormatDateTime(entry.created_at)}};
}

Json WriteJson(store::Store& store, const store::ModerationWrite& write) {
  Json json = {{"audit", AuditJson(store, write.entry)}};
  if (write.report.has_value()) {
    json["report"] = {{"id", write.report->id},
                      {"state", std::string(store::ReportStateName(write.report->state))}};
  }
  return json;
}

absl::StatusOr<int64_t> DaysField(const Json& body) {
  if (!body.contains("days")) return absl::InvalidArgumentError("\"days\" is required");
  if (!body["days"].is_number_integer()) {
    return absl::InvalidArgumentError("\"days\" must be a whole number of days");
  }
  return body["days"].get<int64_t>();
}

Json AccountJson(const store::AccountSummary& account, Timestamp now) {
  const bool suspended = account.suspended_until && *account.suspended_until > now;
  return {{"id", account.member},
          {"name", fmt::format("{} {}", account.first_name, account.last_name)},
          {"email", account.email},
          {"role", std::string(store::RoleName(account.role))},
          {"created_at", FormatDateTime(account.created_at)},
          {"suspended_until", suspended ? Json(FormatDateTime(*account.suspended_until))
                                        : Json(nullptr)}};
}

}  // namespace

void AddModerationRoutes(Router& router, store::Store& store, ModerationHooks hooks) {
  router.Get("/api/v1/moderation/reports", "/api/v1/moderation/reports", Auth::kRequired,
             [&store](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_RETURN_IF_ERROR(
                   RequireRole(store, call.caller(), store::Role::kModerator).status());
               LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"state", "limit"}));
               store::ReportListOptions options;
               if (params.contains("state")) {
                 LEDD_ASSIGN_OR_RETURN(options.state, store::ParseReportState(
                                                          params["state"].get<std::string>()));
               }
               LEDD_ASSIGN_OR_RETURN(options.limit, Limit(params, 100));
               LEDD_ASSIGN_OR_RETURN(std::vector<store::Report> reports,
                                     store.ListReports(options));
               const Timestamp now = Now();
               Json array = Json::array();
               for (const store::Report& report : reports) {
                 LEDD_ASSIGN_OR_RETURN(Json json, ReportJson(store, report, now));
                 array.push_back(std::move(json));
               }
               return Reply{.body = {{"reports", std::move(array)}}};
             });

  router.Post(
      "/api/v1/moderation/reports/{id}/actions", R"(/api/v1/moderation/reports/(\d+)/actions)",
      Auth::kRequired,
      [&store, &accounts = router.accounts(), hooks](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_RETURN_IF_ERROR(RequireRole(store, call.caller(), store::Role::kModerator).status());
        LEDD_ASSIGN_OR_RETURN(int64_t id, PathId(call, 1, "report id"));
        LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
        LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"action", "reason", "days"}));
        LEDD_ASSIGN_OR_RETURN(std::string action_name, StringField(body, "action", true));
        LEDD_ASSIGN_OR_RETURN(store::ModerationAction action,
                              store::ParseModerationAction(action_name));
        if (action == store::ModerationAction::kLift || action == store::ModerationAction::kRole) {
          return absl::InvalidArgumentError(
              "\"action\" must be dismiss, warn, suspend or remove");
        }
        store::ModerationRequest request{
            .moderator = call.caller(), .action = action, .report = id, .at = Now()};
        LEDD_ASSIGN_OR_RETURN(request.reason, StringField(body, "reason", false));
        if (action == store::ModerationAction::kSuspend) {
          LEDD_ASSIGN_OR_RETURN(request.days, DaysField(body));
        } else if (body.contains("days")) {
          return absl::InvalidArgumentError("\"days\" is only for suspend");
        }
        LEDD_ASSIGN_OR_RETURN(store::ModerationWrite write, store.Moderate(request));
        // The suspension revoked the author's sessions; this process stops taking them
        // now (the author is the audit entry's target).
        if (action == store::ModerationAction::kSuspend) accounts.ForgetSessions(write.entry.target);
        if (action == store::ModerationAction::kWarn && hooks.on_warning) {
          hooks.on_warning(write.entry);
        }
        return Reply{.body = WriteJson(store, write)};
      });

  router.Post("/api/v1/moderation/members/{id}/suspension",
              R"(/api/v1/moderation/members/(\d+)/suspension)", Auth::kRequired,
              [&store, &accounts = router.accounts()](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_RETURN_IF_ERROR(
                    RequireRole(store, call.caller(), store::Role::kModerator).status());
                LEDD_ASSIGN_OR_RETURN(MemberId member, PathId(call, 1, "member id"));
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"days", "reason"}));
                store::ModerationRequest request{.moderator = call.caller(),
                                                 .action = store::ModerationAction::kSuspend,
                                                 .member = member,
                                                 .at = Now()};
                LEDD_ASSIGN_OR_RETURN(request.days, DaysField(body));
                LEDD_ASSIGN_OR_RETURN(request.reason, StringField(body, "reason", true));
                LEDD_ASSIGN_OR_RETURN(store::ModerationWrite write, store.Moderate(request));
                accounts.ForgetSessions(member);  // Revoked by the suspension.
                return Reply{.body = WriteJson(store, write)};
              });
  router.Delete("/api/v1/moderation/members/{id}/suspension",
                R"(/api/v1/moderation/members/(\d+)/suspension)", Auth::kRequired,
                [&store](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_RETURN_IF_ERROR(
                      RequireRole(store, call.caller(), store::Role::kModerator).status());
                  LEDD_ASSIGN_OR_RETURN(MemberId member, PathId(call, 1, "member id"));
                  LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"reason"}));
                  store::ModerationRequest request{.moderator = call.caller(),
                                                   .action = store::ModerationAction::kLift,
                                                   .member = member,
                                                   .at = Now()};
                  if (params.contains("reason")) request.reason = params["reason"];
                  LEDD_ASSIGN_OR_RETURN(store::ModerationWrite write, store.Moderate(request));
                  return Reply{.body = WriteJson(store, write)};
                });
  router.Put("/api/v1/moderation/members/{id}/role", R"(/api/v1/moderation/members/(\d+)/role)",
             Auth::kRequired, [&store](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_RETURN_IF_ERROR(RequireRole(store, call.caller(), store::Role::kAdmin).status());
               LEDD_ASSIGN_OR_RETURN(MemberId member, PathId(call, 1, "member id"));
               LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
               LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"role", "reason"}));
               LEDD_ASSIGN_OR_RETURN(std::string role, StringField(body, "role", true));
               store::ModerationRequest request{.moderator = call.caller(),
                                                .action = store::ModerationAction::kRole,
                                                .member = member,
                                                .at = Now()};
               LEDD_ASSIGN_OR_RETURN(request.role, store::ParseRole(role));
               LEDD_ASSIGN_OR_RETURN(request.reason, StringField(body, "reason", false));
               LEDD_ASSIGN_OR_RETURN(store::ModerationWrite write, store.Moderate(request));
               return Reply{.body = WriteJson(store, write)};
             });

  router.Get("/api/v1/moderation/members", "/api/v1/moderation/members", Auth::kRequired,
             [&store](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_RETURN_IF_ERROR(
                   RequireRole(store, call.caller(), store::Role::kModerator).status());
               LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"q", "limit"}));
               const std::string text = params.value("q", "");
               if (text.size() > kMaxFilterBytes) {
                 return absl::InvalidArgumentError("q is too long");
               }
               LEDD_ASSIGN_OR_RETURN(int limit, Limit(params, 50));
               LEDD_ASSIGN_OR_RETURN(std::vector<store::AccountSummary> accounts,
                                     store.FindAccounts(text, limit));
               const Timestamp now = Now();
               Json array = Json::array();
               for (const store::AccountSummary& account : accounts) {
                 array.push_back(AccountJson(account, now));
               }
               return Reply{.body = {{"members", std::move(array)}}};
             });

  router.Get("/api/v1/moderation/audit", "/api/v1/moderation/audit", Auth::kRequired,
             [&store](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_RETURN_IF_ERROR(
                   RequireRole(store, call.caller(), store::Role::kModerator).status());
               LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"member", "limit"}));
               store::AuditListOptions options;
               if (params.contains("member")) {
                 LEDD_ASSIGN_OR_RETURN(options.target,
                                       ParseInt(params["member"].get<std::string>(), "member"));
               }
               LEDD_ASSIGN_OR_RETURN(options.limit, Limit(params, 100));
               LEDD_ASSIGN_OR_RETURN(std::vector<store::AuditEntry> entries,
                                     store.ListAudit(options));
               Json array = Json::array();
               for (const store::AuditEntry& entry : entries) {
                 array.push_back(AuditJson(store, entry));
               }
               return Reply{.body = {{"audit", std::move(array)}}};
             });
}

}  // namespace ledd::server
