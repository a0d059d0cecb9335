#include <algorithm>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/graph/snapshot.h"
#include "ledd/server/member_routes.h"
#include "ledd/server/route_helpers.h"
#include "ledd/service/visibility.h"

namespace ledd::server {
namespace {

// The limits of the text fields are the store's (store/model.h): UpdateMember and
// ReplaceBackground check them, as sign-up and import do.
constexpr size_t kMaxBackground = 100;  // positions, and educations, per member
constexpr size_t kMaxPage = 1'000;

// A model rule broken by a background entry, named as the request names it.
absl::Status Located(const std::string& where, absl::Status status) {
  if (status.ok()) return status;
  return absl::InvalidArgumentError(fmt::format("{}: {}", where, std::string(status.message())));
}

// An optional text field: replaces `*field` when present.
absl::Status ReadText(const Json& body, const std::string& key, std::string* field) {
  if (!body.contains(key)) return absl::OkStatus();
  LEDD_ASSIGN_OR_RETURN(std::string text, StringField(body, key, false));
  *field = std::move(text);
  return absl::OkStatus();
}

// "" or two ASCII letters, stored upper case.
absl::StatusOr<std::string> CountryCode(std::string text) {
  if (text.empty()) return text;
  if (text.size() != 2 || !std::isalpha(static_cast<unsigned char>(text[0])) ||
      !std::isalpha(static_cast<unsigned char>(text[1]))) {
    return absl::InvalidArgumentError("\"country\" must be an ISO 3166 alpha-2 code such as NO");
  }
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

absl::Status ApplyProfile(const Json& body, store::Member& member) {
  LEDD_RETURN_IF_ERROR(
      OnlyKeys(body, {"headline", "summary", "city", "country", "industry", "has_photo"}));
  LEDD_RETURN_IF_ERROR(ReadText(body, "headline", &member.headline));
  LEDD_RETURN_IF_ERROR(ReadText(body, "summary", &member.summary));
  LEDD_RETURN_IF_ERROR(ReadText(body, "city", &member.city));
  LEDD_RETURN_IF_ERROR(ReadText(body, "industry", &member.industry));
  if (body.contains("country")) {
    LEDD_ASSIGN_OR_RETURN(std::string country, StringField(body, "country", false));
    LEDD_ASSIGN_OR_RETURN(member.country, CountryCode(std::move(country)));
  }
  if (body.contains("has_photo")) {
    if (!body["has_photo"].is_boolean()) {
      return absl::InvalidArgumentError("\"has_photo\" must be true or false");
    }
    member.has_photo = body["has_photo"].get<bool>();
  }
  return absl::OkStatus();
}

Json ProfileJson(const store::Member& member) {
  return {{"member", member.id},        {"headline", member.headline},
          {"summary", member.summary},  {"has_photo", member.has_photo},
          {"city", member.city},        {"country", member.country},
          {"industry", member.industry}};
}

// An optional ISO 8601 date ("2019", "2019-08", "2019-08-14", ...) of a background entry.
absl::StatusOr<std::optional<Timestamp>> DateField(const Json& entry, const std::string& key,
                                                   const std::string& where) {
  if (!entry.contains(key) || entry[key].is_null()) return std::nullopt;
  if (!entry[key].is_string()) {
    return absl::InvalidArgumentError(fmt::format("{}.{} must be an ISO date", where, key));
  }
  absl::StatusOr<Timestamp> time = ParseTimestamp(entry[key].get<std::string>());
  if (!time.ok()) {
    return absl::InvalidArgumentError(fmt::format("{}.{} must be an ISO date", where, key));
  }
  return *time;
}

absl::Status CheckPeriod(const std::optional<Timestamp>& start, const std::optional<Timestamp>& end,
                         const std::string& where) {
  if (start && end && *end < *start) {
    return absl::InvalidArgumentError(fmt::format("{} ends before it starts", where));
  }
  return absl::OkStatus();
}

// The organization of a background entry: it must exist and be of the right kind
// (a position at any organization; an education at a school).
absl::StatusOr<OrganizationId> OrganizationField(store::Store& store, const Json& entry,
                                                 const std::string& key, const std::string& where,
                                                 bool school) {
  absl::StatusOr<int64_t> id = IdField(entry, key);
  if (!id.ok()) {
    return absl::InvalidArgumentError(fmt::format("{}.{} must be an organization id", where, key));
  }
  absl::StatusOr<store::Organization> organization = store.GetOrganization(*id);
  if (absl::IsNotFound(organization.status())) {
    return absl::InvalidArgumentError(
        fmt::format("{}.{}: organization {} does not exist", where, key, *id));
  }
  LEDD_RETURN_IF_ERROR(organization.status());
  if (school && organization->kind != store::OrganizationKind::kSchool) {
    return absl::InvalidArgumentError(
        fmt::format("{}.{}: organization {} is not a school", where, key, *id));
  }
  return *id;
}

absl::StatusOr<const Json*> ArrayField(const Json& body, const std::string& key) {
  if (!body.contains(key))
    return absl::InvalidArgumentError(fmt::format("\"{}\" is required", key));
  const Json& list = body[key];
  if (!list.is_array())
    return absl::InvalidArgumentError(fmt::format("\"{}\" must be an array", key));
  if (list.size() > kMaxBackground) {
    return absl::InvalidArgumentError(
        fmt::format("\"{}\" has more than {} entries", key, kMaxBackground));
  }
  return &list;
}

struct Background {
  std::vector<store::Position> positions;
  std::vector<store::Education> educations;
};

absl::StatusOr<Background> BackgroundOf(store::Store& store, MemberId member, const Json& body) {
  LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"positions", "educations"}));
  Background background;
  LEDD_ASSIGN_OR_RETURN(const Json* positions, ArrayField(body, "positions"));
  for (size_t i = 0; i < positions->size(); ++i) {
    const Json& entry = (*positions)[i];
    const std::string where = fmt::format("positions[{}]", i);
    if (!entry.is_object()) return absl::InvalidArgumentError(where + " must be an object");
    LEDD_RETURN_IF_ERROR(OnlyKeys(entry, {"organization", "title", "start", "end"}));
    store::Position position{.member_id = member};
    LEDD_ASSIGN_OR_RETURN(position.organization_id,
                          OrganizationField(store, entry, "organization", where, false));
    LEDD_ASSIGN_OR_RETURN(position.title, StringField(entry, "title", true));
    LEDD_ASSIGN_OR_RETURN(position.start, DateField(entry, "start", where));
    LEDD_ASSIGN_OR_RETURN(position.end, DateField(entry, "end", where));
    LEDD_RETURN_IF_ERROR(CheckPeriod(position.start, position.end, where));
    LEDD_RETURN_IF_ERROR(Located(where, store::ValidatePosition(position)));
    background.positions.push_back(std::move(position));
  }
  LEDD_ASSIGN_OR_RETURN(const Json* educations, ArrayField(body, "educations"));
  for (size_t i = 0; i < educations->size(); ++i) {
    const Json& entry = (*educations)[i];
    const std::string where = fmt::format("educations[{}]", i);
    if (!entry.is_object()) return absl::InvalidArgumentError(where + " must be an object");
    LEDD_RETURN_IF_ERROR(OnlyKeys(entry, {"school", "field", "degree", "start", "end"}));
    store::Education education{.member_id = member};
    LEDD_ASSIGN_OR_RETURN(education.school_id,
                          OrganizationField(store, entry, "school", where, true));
    LEDD_ASSIGN_OR_RETURN(education.field, StringField(entry, "field", false));
    LEDD_ASSIGN_OR_RETURN(education.degree, StringField(entry, "degree", false));
    LEDD_ASSIGN_OR_RETURN(education.start, DateField(entry, "start", where));
    LEDD_ASSIGN_OR_RETURN(education.end, DateField(entry, "end", where));
    LEDD_RETURN_IF_ERROR(CheckPeriod(education.start, education.end, where));
    LEDD_RETURN_IF_ERROR(Located(where, store::ValidateEducation(education)));
    background.educations.push_back(std::move(education));
  }
  return background;
}

Json OptionalDateJson(const std::optional<Timestamp>& time) {
  return time ? Json(FormatDate(*time)) : Json(nullptr);
}

Json BackgroundJson(MemberId member, const Background& background) {
  Json positions = Json::array();
  for (const store::Position& position : background.positions) {
    positions.push_back({{"organization", position.organization_id},
                         {"title", position.title},
                         {"start", OptionalDateJson(position.start)},
                         {"end", OptionalDateJson(position.end)}});
  }
  Json educations = Json::array();
  for (const store::Education& education : background.educations) {
    educations.push_back({{"school", education.school_id},
                          {"field", education.field},
                          {"degree", education.degree},
                          {"start", OptionalDateJson(education.start)},
                          {"end", OptionalDateJson(education.end)}});
  }
  return {{"member", member}, {"positions", positions}, {"educations", educations}};
}

// One page of `owner`'s connections, by member id, with names.
absl::StatusOr<Reply> ConnectionsPage(const Call& call, const graph::Snapshot& snapshot,
                                      Node owner) {
  LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"limit", "offset"}));
  QueryRequest request(snapshot, params);
  LEDD_ASSIGN_OR_RETURN(size_t limit, request.Limit(100));
  limit = std::min(limit, kMaxPage);
  int64_t offset = 0;
  if (request.Has("offset")) {
    LEDD_ASSIGN_OR_RETURN(offset, request.Int("offset"));
    if (offset < 0) return absl::InvalidArgumentError("\"offset\" must not be negative");
  }
  std::span<const Node> connections = snapshot.Connections(owner);
  std::vector<std::pair<MemberId, Node>> by_id;
  by_id.reserve(connections.size());
  // A contact whose own setting hides their connections from the caller is not listed
  // (service/visibility.h): the connection is theirs too.
  const Node caller = snapshot.Find(call.caller());
  for (Node contact : connections) {
    if (caller == kNoNode || !service::MayShowConnection(snapshot, caller, owner, contact)) {
      continue;
    }
    by_id.emplace_back(snapshot.Id(contact), contact);
  }
  std::sort(by_id.begin(), by_id.end());
  Json page = Json::array();
  for (size_t i = static_cast<size_t>(std::min<int64_t>(offset, by_id.size()));
       i < by_id.size() && page.size() < limit; ++i) {
    page.push_back(MemberJson(snapshot, by_id[i].second));
  }
  return Reply{.body = {{"member", snapshot.Id(owner)},
                        {"total", by_id.size()},
                        {"limit", limit},
                        {"offset", offset},
                        {"connections", std::move(page)}}};
}

absl::StatusOr<Node> NodeOf(const graph::Snapshot& snapshot, MemberId member) {
  Node node = snapshot.Find(member);
  if (node == kNoNode) {
    return absl::UnavailableError(
        fmt::format("member {} is not in the network yet; retry shortly", member));
  }
  return node;
}

// Whether `caller` may see `owner`'s connections under the owner's setting (the
// owner's half of service/visibility.h's rule; each listed contact's half is applied
// by ConnectionsPage).
absl::Status CheckConnectionsVisible(const store::Member& owner, MemberId caller,
                                     const graph::Snapshot& snapshot, Node owner_node) {
  const Node caller_node = snapshot.Find(caller);
  if (caller_node != kNoNode && service::ShowsConnectionsTo(snapshot, owner_node, caller_node)) {
    return absl::OkStatus();
  }
  if (owner.connections_visibility == store::ConnectionsVisibility::kConnections) {
    return absl::PermissionDeniedError(
        fmt::format("member {} shows their connections to their connections only", owner.id));
  }
  return absl::PermissionDeniedError(
      fmt::format("member {} does not show their connections", owner.id));
}

}  // namespace

void AddProfileRoutes(Router& router, store::Store& store, service::LiveNetwork& live) {
  router.Put("/api/v1/me", "/api/v1/me", Auth::kRequired,
             [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
               LEDD_ASSIGN_OR_RETURN(store::Member member, store.GetMember(call.caller()));
               LEDD_RETURN_IF_ERROR(ApplyProfile(body, member));
               // A read-modify-write of the whole row, like UpdateSettings: the member
               // edits their own profile, one form at a time.
               LEDD_RETURN_IF_ERROR(store.UpdateMember(member).status());
               LEDD_RETURN_IF_ERROR(
                   CatchUpAfter(live, fmt::format("the profile of member {}", member.id)));
               return Reply{.body = ProfileJson(member)};
             });
  router.Put(
      "/api/v1/me/background", "/api/v1/me/background", Auth::kRequired,
      [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
        LEDD_ASSIGN_OR_RETURN(Background background, BackgroundOf(store, call.caller(), body));
        LEDD_RETURN_IF_ERROR(
            store.ReplaceBackground(call.caller(), background.positions, background.educations)
                .status());
        LEDD_RETURN_IF_ERROR(
            CatchUpAfter(live, fmt::format("the background of member {}", call.caller())));
        return Reply{.body = BackgroundJson(call.caller(), background)};
      });

  router.Get("/api/v1/me/connections", "/api/v1/me/connections", Auth::kRequired,
             [&live](const Call& call) -> absl::StatusOr<Reply> {
               std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
               LEDD_ASSIGN_OR_RETURN(Node caller, NodeOf(*snapshot, call.caller()));
               return ConnectionsPage(call, *snapshot, caller);
             });
  router.Get(
      "/api/v1/members/{id}/connections", R"(/api/v1/members/(\d+)/connections)", Auth::kRequired,
      [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(MemberId id, PathId(call, 1, "member"));
        LEDD_ASSIGN_OR_RETURN(store::Member owner, store.GetMember(id));
        std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
        LEDD_ASSIGN_OR_RETURN(Node owner_node, NodeOf(*snapshot, id));
        LEDD_RETURN_IF_ERROR(CheckConnectionsVisible(owner, call.caller(), *snapshot, owner_node));
        return ConnectionsPage(call, *snapshot, owner_node);
      });
  router.Delete("/api/v1/me/connections/{id}", R"(/api/v1/me/connections/(\d+))", Auth::kRequired,
                [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_ASSIGN_OR_RETURN(MemberId other, PathId(call, 1, "member"));
                  if (other == call.caller()) {
                    return absl::InvalidArgumentError("a member is not connected to themselves");
                  }
                  LEDD_RETURN_IF_ERROR(store.RemoveConnection(call.caller(), other).status());
                  LEDD_RETURN_IF_ERROR(
                      CatchUpAfter(live, fmt::format("removing the connection of members {} and {}",
                                                     call.caller(), other)));
                  return Reply{.body = {{"member", call.caller()}, {"removed", other}}};
                });
}

}  // namespace ledd::server
