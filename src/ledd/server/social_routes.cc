#include "ledd/server/social_routes.h"

#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/query/network_queries.h"
#include "ledd/server/invitation_json.h"
#include "ledd/server/route_helpers.h"
#include "ledd/service/social.h"

namespace ledd::server {
namespace {

using service::SocialService;

// Ids a client may name in one mark-read request.
constexpr size_t kMaxMarkIds = 1'000;
constexpr int kMaxPageSize = 100;

// Decimal text as a positive int64, or InvalidArgument naming `what`.
absl::StatusOr<int64_t> PositiveInt(std::string_view text, std::string_view what) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value <= 0) {
    return absl::InvalidArgumentError(fmt::format("{} must be a positive integer", what));
  }
  return value;
}

// limit (1..kMaxPageSize, default 20) and offset (default 0) from the URL.
absl::StatusOr<store::PostListOptions> Paging(const Call& call) {
  LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"limit", "offset"}));
  store::PostListOptions options;
  if (params.contains("limit")) {
    LEDD_ASSIGN_OR_RETURN(int64_t limit, PositiveInt(params["limit"].get<std::string>(), "limit"));
    if (limit > kMaxPageSize) {
      return absl::InvalidArgumentError(fmt::format("limit must be at most {}", kMaxPageSize));
    }
    options.limit = static_cast<int>(limit);
  }
  if (params.contains("offset")) {
    const std::string text = params["offset"].get<std::string>();
    if (text != "0") {
      LEDD_ASSIGN_OR_RETURN(int64_t offset, PositiveInt(text, "offset"));
      if (offset > 1'000'000) return absl::InvalidArgumentError("offset is too large");
      options.offset = static_cast<int>(offset);
    }
  }
  return options;
}

Json OptionalTime(const std::optional<Timestamp>& at) {
  return at ? Json(FormatDateTime(*at)) : Json(nullptr);
}

// "edited" once its author changed it; "removed" (only its author sees such) once a
// moderator removed it.
Json PostJson(const store::Post& post) {
  return {{"id", post.id},
          {"author", post.author},
          {"title", post.title},
          {"body", post.body},
          {"created_at", FormatDateTime(post.created_at)},
          {"views", post.views},
          {"edited", post.edited_at.has_value()},
          {"edited_at", OptionalTime(post.edited_at)},
          {"removed", post.removed_at.has_value()}};
}

// {"reason": one of the list, "text": optional words} as the store's request.
absl::StatusOr<store::ReportRequest> ReportOf(const Call& call, store::ReportSubject subject,
                                              int64_t id) {
  LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
  LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"reason", "text"}));
  LEDD_ASSIGN_OR_RETURN(std::string reason, StringField(body, "reason", true));
  store::ReportRequest request{.reporter = call.caller(), .subject = subject, .subject_id = id};
  LEDD_ASSIGN_OR_RETURN(request.reason, store::ParseReportReason(reason));
  LEDD_ASSIGN_OR_RETURN(request.text, StringField(body, "text", false));
  return request;
}

Json FiledReportJson(const store::Report& report) {
  return {{"id", report.id},
          {"subject", std::string(store::ReportSubjectName(report.subject))},
          {"subject_id", report.subject_id},
          {"reason", std::string(store::ReportReasonName(report.reason))},
          {"text", report.text},
          {"state", std::string(store::ReportStateName(report.state))},
          {"created_at", FormatDateTime(report.created_at)}};
}

Json PostsJson(const std::vector<store::Post>& posts) {
  Json array = Json::array();
  for (const store::Post& post : posts) array.push_back(PostJson(post));
  return {{"posts", std::move(array)}};
}

Json CommentJson(const store::Comment& comment) {
  return {{"id", comment.id},
          {"post", comment.post_id},
          {"author", comment.author},
          {"body", comment.body},
          {"created_at", FormatDateTime(comment.created_at)},
          {"edited", comment.edited_at.has_value()},
          {"edited_at", OptionalTime(comment.edited_at)},
          {"removed", comment.removed_at.has_value()}};
}

Json NotificationJson(const store::Notification& notification) {
  return {{"id", notification.id},
          {"kind", std::string(store::NotificationKindName(notification.kind))},
          {"subject", notification.subject},
          {"created_at", FormatDateTime(notification.created_at)},
          {"read", notification.read_at.has_value()},
          {"read_at",
           notification.read_at ? Json(FormatDateTime(*notification.read_at)) : Json(nullptr)}};
}

// {"ids": [1, 2]} or {"all": true}, nothing else.
absl::StatusOr<store::NotificationSelection> Selection(const Json& body) {
  for (const auto& [key, value] : body.items()) {
    if (key != "ids" && key != "all") {
      return absl::InvalidArgumentError(fmt::format("unknown field \"{}\"", key));
    }
  }
  store::NotificationSelection selection;
  if (body.contains("all")) {
    if (!body["all"].is_boolean() || !body["all"].get<bool>()) {
      return absl::InvalidArgumentError("\"all\" must be true when given");
    }
    if (body.contains("ids"))
      return absl::InvalidArgumentError("give \"ids\" or \"all\", not both");
    selection.all = true;
    return selection;
  }
  if (!body.contains("ids") || !body["ids"].is_array()) {
    return absl::InvalidArgumentError(
        "\"ids\" (an array of notification ids) or \"all\": true "
        "is required");
  }
  if (body["ids"].size() > kMaxMarkIds) {
    return absl::InvalidArgumentError(
        fmt::format("at most {} ids may be marked at once", kMaxMarkIds));
  }
  for (const Json& id : body["ids"]) {
    if (!id.is_number_integer() || id.get<int64_t>() <= 0) {
      return absl::InvalidArgumentError("\"ids\" must hold positive integers");
    }
    selection.ids.push_back(id.get<int64_t>());
  }
  return selection;
}

// An appearance as a member writes it: {"kind", "title", "event", "date": "YYYY-MM-DD",
// "place", "link"}; kind, title and date are required, the rest may be left out.
absl::StatusOr<store::Appearance> AppearanceOf(const Json& body) {
  LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"kind", "title", "event", "date", "place", "link"}));
  store::Appearance appearance;
  LEDD_ASSIGN_OR_RETURN(std::string kind, StringField(body, "kind", true));
  LEDD_ASSIGN_OR_RETURN(appearance.kind, store::ParseAppearanceKind(kind));
  LEDD_ASSIGN_OR_RETURN(appearance.title, StringField(body, "title", true));
  LEDD_ASSIGN_OR_RETURN(appearance.event, StringField(body, "event", false));
  LEDD_ASSIGN_OR_RETURN(appearance.place, StringField(body, "place", false));
  LEDD_ASSIGN_OR_RETURN(appearance.link, StringField(body, "link", false));
  LEDD_ASSIGN_OR_RETURN(std::string date, StringField(body, "date", true));
  LEDD_ASSIGN_OR_RETURN(appearance.date, ParseDay(date));
  return appearance;
}

// The member an appearance page is about, as a profile's reduced form shows anyone
// signed in: {"id", "name", "headline", "has_photo", "degree": 1|2|3|null from the
// caller}.
absl::StatusOr<Json> OwnerJson(service::LiveNetwork& live, MemberId member, MemberId caller) {
  std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
  const Node node = snapshot->Find(member);
  const Node viewer = snapshot->Find(caller);
  if (node == kNoNode || viewer == kNoNode) {
    // Both are stored; the network has not caught up yet (a sign-up just now).
    return absl::UnavailableError(
        fmt::format("member {} is not in the network yet; retry shortly", member));
  }
  const std::optional<int> degree = query::Degree(*snapshot, viewer, node);
  return Json{{"id", member},
              {"name", snapshot->DisplayName(node)},
              {"headline", std::string(snapshot->Headline(node))},
              {"has_photo", snapshot->HasPhoto(node)},
              {"degree", degree ? Json(*degree) : Json(nullptr)}};
}

}  // namespace

void AddSocialRoutes(Router& router, store::Store& store, service::LiveNetwork& live) {
  // Shared by every handler below; the routes live as long as the server.
  auto social = std::make_shared<SocialService>(store, &live);

  router.Post("/api/v1/members/{id}/follow", R"(/api/v1/members/(\d+)/follow)", Auth::kRequired,
              [social](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(MemberId followee, PositiveInt(call.Match(1), "member id"));
                LEDD_RETURN_IF_ERROR(social->Follow(call.caller(), followee));
                return Reply{.body = {{"member", followee}, {"following", true}}};
              });
  router.Delete("/api/v1/members/{id}/follow", R"(/api/v1/members/(\d+)/follow)", Auth::kRequired,
                [social](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_ASSIGN_OR_RETURN(MemberId followee, PositiveInt(call.Match(1), "member id"));
                  LEDD_RETURN_IF_ERROR(social->Unfollow(call.caller(), followee));
                  return Reply{.body = {{"member", followee}, {"following", false}}};
                });

  router.Post("/api/v1/posts", "/api/v1/posts", Auth::kRequired,
              [social](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_ASSIGN_OR_RETURN(std::string title, StringField(body, "title", false));
                LEDD_ASSIGN_OR_RETURN(std::string text, StringField(body, "body", false));
                LEDD_ASSIGN_OR_RETURN(store::Post post,
                                      social->Publish(call.caller(), title, text));
                return Reply{.status = 201, .body = PostJson(post)};
              });
  router.Get("/api/v1/posts/{id}", R"(/api/v1/posts/(\d+))", Auth::kRequired,
             [social](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(PostId id, PositiveInt(call.Match(1), "post id"));
               LEDD_ASSIGN_OR_RETURN(store::Post post, social->Read(id, call.caller()));
               return Reply{.body = PostJson(post)};
             });
  router.Get("/api/v1/members/{id}/posts", R"(/api/v1/members/(\d+)/posts)", Auth::kRequired,
             [social](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(MemberId author, PositiveInt(call.Match(1), "member id"));
               LEDD_ASSIGN_OR_RETURN(store::PostListOptions options, Paging(call));
               LEDD_ASSIGN_OR_RETURN(std::vector<store::Post> posts,
                                     social->Posts(author, call.caller(), options));
               return Reply{.body = PostsJson(posts)};
             });
  router.Get("/api/v1/feed", "/api/v1/feed", Auth::kRequired,
             [social](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(store::PostListOptions options, Paging(call));
               LEDD_ASSIGN_OR_RETURN(std::vector<store::Post> posts,
                                     social->Feed(call.caller(), options));
               return Reply{.body = PostsJson(posts)};
             });

  router.Patch("/api/v1/posts/{id}", R"(/api/v1/posts/(\d+))", Auth::kRequired,
               [social](const Call& call) -> absl::StatusOr<Reply> {
                 LEDD_ASSIGN_OR_RETURN(PostId id, PositiveInt(call.Match(1), "post id"));
                 LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                 LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"title", "body"}));
                 LEDD_ASSIGN_OR_RETURN(std::string title, StringField(body, "title", false));
                 LEDD_ASSIGN_OR_RETURN(std::string text, StringField(body, "body", false));
                 LEDD_ASSIGN_OR_RETURN(store::Post post,
                                       social->EditPost(id, call.caller(), title, text));
                 return Reply{.body = PostJson(post)};
               });
  router.Delete("/api/v1/posts/{id}", R"(/api/v1/posts/(\d+))", Auth::kRequired,
                [social](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_ASSIGN_OR_RETURN(PostId id, PositiveInt(call.Match(1), "post id"));
                  LEDD_RETURN_IF_ERROR(social->DeletePost(id, call.caller()));
                  return Reply{.body = {{"id", id}, {"deleted", true}}};
                });
  router.Post("/api/v1/posts/{id}/report", R"(/api/v1/posts/(\d+)/report)", Auth::kRequired,
              [social](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(PostId id, PositiveInt(call.Match(1), "post id"));
                LEDD_ASSIGN_OR_RETURN(store::ReportRequest request,
                                      ReportOf(call, store::ReportSubject::kPost, id));
                LEDD_ASSIGN_OR_RETURN(store::Report report, social->Report(std::move(request)));
                return Reply{.status = 201, .body = FiledReportJson(report)};
              });
  router.Patch("/api/v1/comments/{id}", R"(/api/v1/comments/(\d+))", Auth::kRequired,
               [social](const Call& call) -> absl::StatusOr<Reply> {
                 LEDD_ASSIGN_OR_RETURN(CommentId id, PositiveInt(call.Match(1), "comment id"));
                 LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                 LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"body"}));
                 LEDD_ASSIGN_OR_RETURN(std::string text, StringField(body, "body", true));
                 LEDD_ASSIGN_OR_RETURN(store::Comment comment,
                                       social->EditComment(id, call.caller(), text));
                 return Reply{.body = CommentJson(comment)};
               });
  router.Delete("/api/v1/comments/{id}", R"(/api/v1/comments/(\d+))", Auth::kRequired,
                [social](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_ASSIGN_OR_RETURN(CommentId id, PositiveInt(call.Match(1), "comment id"));
                  LEDD_RETURN_IF_ERROR(social->DeleteComment(id, call.caller()));
                  return Reply{.body = {{"id", id}, {"deleted", true}}};
                });
  router.Post("/api/v1/comments/{id}/report", R"(/api/v1/comments/(\d+)/report)",
              Auth::kRequired, [social](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(CommentId id, PositiveInt(call.Match(1), "comment id"));
                LEDD_ASSIGN_OR_RETURN(store::ReportRequest request,
                                      ReportOf(call, store::ReportSubject::kComment, id));
                LEDD_ASSIGN_OR_RETURN(store::Report report, social->Report(std::move(request)));
                return Reply{.status = 201, .body = FiledReportJson(report)};
              });

  router.Post("/api/v1/posts/{id}/comments", R"(/api/v1/posts/(\d+)/comments)", Auth::kRequired,
              [social](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(PostId id, PositiveInt(call.Match(1), "post id"));
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_ASSIGN_OR_RETURN(std::string text, StringField(body, "body", true));
                LEDD_ASSIGN_OR_RETURN(store::Comment comment,
                                      social->AddComment(id, call.caller(), text));
                return Reply{.status = 201, .body = CommentJson(comment)};
              });
  router.Get("/api/v1/posts/{id}/comments", R"(/api/v1/posts/(\d+)/comments)", Auth::kRequired,
             [social](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(PostId id, PositiveInt(call.Match(1), "post id"));
               LEDD_ASSIGN_OR_RETURN(std::vector<store::Comment> comments,
                                     social->Comments(id, call.caller()));
               Json array = Json::array();
               for (const store::Comment& comment : comments) array.push_back(CommentJson(comment));
               return Reply{.body = {{"comments", std::move(array)}}};
             });

  router.Get("/api/v1/members/{id}/appearances", R"(/api/v1/members/(\d+)/appearances)",
             Auth::kRequired, [social](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_RETURN_IF_ERROR(call.QueryParams({}).status());
               LEDD_ASSIGN_OR_RETURN(MemberId member, PositiveInt(call.Match(1), "member id"));
               LEDD_ASSIGN_OR_RETURN(std::vector<store::Appearance> appearances,
                                     social->Appearances(member, call.caller()));
               Json array = Json::array();
               for (const store::Appearance& appearance : appearances) {
                 array.push_back(AppearanceJson(appearance));
               }
               return Reply{.body = {{"appearances", std::move(array)}}};
             });
  router.Get(
      "/api/v1/appearances/{id}", R"(/api/v1/appearances/(\d+))", Auth::kRequired,
      [social, &live](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_RETURN_IF_ERROR(call.QueryParams({}).status());
        LEDD_ASSIGN_OR_RETURN(AppearanceId id, PositiveInt(call.Match(1), "appearance id"));
        LEDD_ASSIGN_OR_RETURN(store::Appearance appearance,
                              social->GetAppearance(id, call.caller()));
        LEDD_ASSIGN_OR_RETURN(Json member, OwnerJson(live, appearance.member, call.caller()));
        return Reply{
            .body = {{"appearance", AppearanceJson(appearance)}, {"member", std::move(member)}}};
      });
  router.Post("/api/v1/appearances", "/api/v1/appearances", Auth::kRequired,
              [social](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_ASSIGN_OR_RETURN(store::Appearance appearance, AppearanceOf(body));
                LEDD_ASSIGN_OR_RETURN(store::Appearance added,
                                      social->AddAppearance(call.caller(), std::move(appearance)));
                return Reply{.status = 201, .body = AppearanceJson(added)};
              });
  router.Put("/api/v1/appearances/{id}", R"(/api/v1/appearances/(\d+))", Auth::kRequired,
             [social](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(AppearanceId id, PositiveInt(call.Match(1), "appearance id"));
               LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
               LEDD_ASSIGN_OR_RETURN(store::Appearance appearance, AppearanceOf(body));
               appearance.id = id;
               LEDD_ASSIGN_OR_RETURN(store::Appearance updated,
                                     social->UpdateAppearance(call.caller(), appearance));
               return Reply{.body = AppearanceJson(updated)};
             });
  router.Delete("/api/v1/appearances/{id}", R"(/api/v1/appearances/(\d+))", Auth::kRequired,
                [social](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_ASSIGN_OR_RETURN(AppearanceId id,
                                        PositiveInt(call.Match(1), "appearance id"));
                  LEDD_RETURN_IF_ERROR(social->DeleteAppearance(call.caller(), id));
                  return Reply{.body = {{"id", id}, {"deleted", true}}};
                });

  router.Get("/api/v1/notifications", "/api/v1/notifications", Auth::kRequired,
             [social, &store](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"unread", "limit"}));
               store::NotificationListOptions options;
               if (params.contains("unread")) {
                 const std::string unread = params["unread"].get<std::string>();
                 if (unread != "true" && unread != "false") {
                   return absl::InvalidArgumentError("unread must be true or false");
                 }
                 options.unread_only = unread == "true";
               }
               if (params.contains("limit")) {
                 LEDD_ASSIGN_OR_RETURN(int64_t limit,
                                       PositiveInt(params["limit"].get<std::string>(), "limit"));
                 if (limit > kMaxPageSize) {
                   return absl::InvalidArgumentError(
                       fmt::format("limit must be at most {}", kMaxPageSize));
                 }
                 options.limit = static_cast<int>(limit);
               }
               LEDD_ASSIGN_OR_RETURN(std::vector<store::Notification> notifications,
                                     social->Notifications(call.caller(), options));
               LEDD_ASSIGN_OR_RETURN(int64_t unread, social->UnreadCount(call.caller()));
               Json array = Json::array();
               for (const store::Notification& notification : notifications) {
                 Json item = NotificationJson(notification);
                 // A warning says why (the moderators' words in the audit).
                 if (notification.kind == store::NotificationKind::kWarning) {
                   absl::StatusOr<store::AuditEntry> entry =
                       store.GetAuditEntry(notification.subject);
                   item["reason"] = entry.ok() ? entry->reason : "";
                 }
                 array.push_back(std::move(item));
               }
               return Reply{.body = {{"notifications", std::move(array)}, {"unread", unread}}};
             });
  router.Post("/api/v1/notifications/read", "/api/v1/notifications/read", Auth::kRequired,
              [social](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_ASSIGN_OR_RETURN(store::NotificationSelection selection, Selection(body));
                LEDD_ASSIGN_OR_RETURN(int64_t marked, social->MarkRead(call.caller(), selection));
                LEDD_ASSIGN_OR_RETURN(int64_t unread, social->UnreadCount(call.caller()));
                return Reply{.body = {{"marked", marked}, {"unread", unread}}};
              });
  router.Get("/api/v1/me/unread-count", "/api/v1/me/unread-count", Auth::kRequired,
             [social](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(int64_t unread, social->UnreadCount(call.caller()));
               return Reply{.body = {{"unread", unread}}};
             });
}

}  // namespace ledd::server
