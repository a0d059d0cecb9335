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
#include "ledd/server/query_json.h"
#include "ledd/server/route_helpers.h"
#include "ledd/service/visibility.h"

namespace ledd::server {
namespace {

// The limits of the text fields are the store's (store/model.h): UpdateProfile checks
// them, as sign-up and import do.
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

// "" (none) or an assigned ISO 3166 alpha-2 code in either case, stored upper case.
absl::StatusOr<std::string> CountryCode(std::string text) {
  if (text.empty()) return text;
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (text.size() != 2 || !store::IsCountryCode(text)) {
    return absl::InvalidArgumentError(
        fmt::format("\"country\" must be an ISO 3166 alpha-2 code such as NO, not \"{}\"",
                    text));
  }
  return text;
}

// `text` without spaces and tabs at either end: what a member types into a name field.
std::string Trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// A name that must not be blank when it is given.
absl::Status ReadName(const Json& body, const std::string& key, std::string* field) {
  if (!body.contains(key)) return absl::OkStatus();
  LEDD_ASSIGN_OR_RETURN(std::string text, StringField(body, key, false));
  if (text.find_first_not_of(" \t") == std::string::npos) {
    return absl::InvalidArgumentError(fmt::format("\"{}\" must not be empty", key));
  }
  *field = std::move(text);
  return absl::OkStatus();
}

absl::Status ApplyProfile(const Json& body, store::Member& member) {
  LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"first_name", "last_name", "headline", "summary", "city",
                                       "country", "industry", "positions", "educations",
                                       "has_photo"}));
  if (body.contains("has_photo")) {
    return absl::InvalidArgumentError(
        "\"has_photo\" is set by uploading a photo (PUT /api/v1/me/photo)");
  }
  LEDD_RETURN_IF_ERROR(ReadName(body, "first_name", &member.first_name));
  LEDD_RETURN_IF_ERROR(ReadName(body, "last_name", &member.last_name));
  LEDD_RETURN_IF_ERROR(ReadText(body, "headline", &member.headline));
  LEDD_RETURN_IF_ERROR(ReadText(body, "summary", &member.summary));
  LEDD_RETURN_IF_ERROR(ReadText(body, "city", &member.city));
  LEDD_RETURN_IF_ERROR(ReadText(body, "industry", &member.industry));
  if (body.contains("country")) {
    LEDD_ASSIGN_OR_RETURN(std::string country, StringField(body, "country", false));
    LEDD_ASSIGN_OR_RETURN(member.country, CountryCode(std::move(country)));
  }
  return absl::OkStatus();
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

// The organization of a background entry: an id of an existing organization of the
// right kind (a position at any organization, an education at a school), or a named
// one {"name", "country"?, "industry"?} for the store to find or create (store.h,
// UpdateProfile). Organizations never change kind or go away, so checking an id before
// the write transaction is as good as checking it inside.
absl::Status OrganizationField(store::Store& store, const Json& entry, const std::string& key,
                               const std::string& where, bool school, OrganizationId& id,
                               std::optional<store::NamedOrganization>& named) {
  if (entry.contains(key) && entry[key].is_object()) {
    const Json& object = entry[key];
    const std::string inside = fmt::format("{}.{}", where, key);
    absl::Status keys = OnlyKeys(object, {"name", "country", "industry"});
    if (!keys.ok()) return Located(inside, keys);
    store::NamedOrganization organization;
    absl::StatusOr<std::string> name = StringField(object, "name", true);
    if (!name.ok()) return Located(inside, name.status());
    organization.name = Trimmed(*name);
    absl::StatusOr<std::string> country = StringField(object, "country", false);
    if (country.ok()) country = CountryCode(*std::move(country));
    if (!country.ok()) return Located(inside, country.status());
    organization.country = *std::move(country);
    absl::StatusOr<std::string> industry = StringField(object, "industry", false);
    if (!industry.ok()) return Located(inside, industry.status());
    organization.industry = *std::move(industry);
    named = std::move(organization);
    return absl::OkStatus();
  }
  absl::StatusOr<int64_t> given = IdField(entry, key);
  if (!given.ok()) {
    return absl::InvalidArgumentError(fmt::format(
        "{}.{} must be an organization id or {{\"name\": ..., \"country\": ...}}", where,
        key));
  }
  absl::StatusOr<store::Organization> organization = store.GetOrganization(*given);
  if (absl::IsNotFound(organization.status())) {
    return absl::InvalidArgumentError(
        fmt::format("{}.{}: organization {} does not exist", where, key, *given));
  }
  LEDD_RETURN_IF_ERROR(organization.status());
  if (school && organization->kind != store::OrganizationKind::kSchool) {
    return absl::InvalidArgumentError(
        fmt::format("{}.{}: organization {} is not a school", where, key, *given));
  }
  id = *given;
  return absl::OkStatus();
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

// The "positions" and "educations" of a body as UpdateProfile takes them; each list
// only when the body has it (required: both must be there).
absl::Status ReadBackground(store::Store& store, MemberId member, const Json& body, bool required,
                            store::ProfileUpdate& update) {
  if (required || body.contains("positions")) {
    LEDD_ASSIGN_OR_RETURN(const Json* positions, ArrayField(body, "positions"));
    update.positions.emplace();
    for (size_t i = 0; i < positions->size(); ++i) {
      const Json& entry = (*positions)[i];
      const std::string where = fmt::format("positions[{}]", i);
      if (!entry.is_object()) return absl::InvalidArgumentError(where + " must be an object");
      LEDD_RETURN_IF_ERROR(OnlyKeys(entry, {"organization", "title", "start", "end"}));
      store::ProfilePosition item;
      store::Position& position = item.position;
      position.member_id = member;
      LEDD_RETURN_IF_ERROR(OrganizationField(store, entry, "organization", where, false,
                                             position.organization_id, item.named));
      LEDD_ASSIGN_OR_RETURN(position.title, StringField(entry, "title", true));
      LEDD_ASSIGN_OR_RETURN(position.start, DateField(entry, "start", where));
      LEDD_ASSIGN_OR_RETURN(position.end, DateField(entry, "end", where));
      LEDD_RETURN_IF_ERROR(CheckPeriod(position.start, position.end, where));
      LEDD_RETURN_IF_ERROR(Located(where, store::ValidatePosition(position)));
      update.positions->push_back(std::move(item));
    }
  }
  if (required || body.contains("educations")) {
    LEDD_ASSIGN_OR_RETURN(const Json* educations, ArrayField(body, "educations"));
    update.educations.emplace();
    for (size_t i = 0; i < educations->size(); ++i) {
      const Json& entry = (*educations)[i];
      const std::string where = fmt::format("educations[{}]", i);
      if (!entry.is_object()) return absl::InvalidArgumentError(where + " must be an object");
      LEDD_RETURN_IF_ERROR(OnlyKeys(entry, {"school", "field", "degree", "start", "end"}));
      store::ProfileEducation item;
      store::Education& education = item.education;
      education.member_id = member;
      LEDD_RETURN_IF_ERROR(OrganizationField(store, entry, "school", where, true,
                                             education.school_id, item.named));
      LEDD_ASSIGN_OR_RETURN(education.field, StringField(entry, "field", false));
      LEDD_ASSIGN_OR_RETURN(education.degree, StringField(entry, "degree", false));
      LEDD_ASSIGN_OR_RETURN(education.start, DateField(entry, "start", where));
      LEDD_ASSIGN_OR_RETURN(education.end, DateField(entry, "end", where));
      LEDD_RETURN_IF_ERROR(CheckPeriod(education.start, education.end, where));
      LEDD_RETURN_IF_ERROR(Located(where, store::ValidateEducation(education)));
      update.educations->push_back(std::move(item));
    }
  }
  return absl::OkStatus();
}

Json OptionalDateJson(const std::optional<Timestamp>& time) {
  return time ? Json(FormatDate(*time)) : Json(nullptr);
}

Json BackgroundJson(MemberId member, const store::ProfileWrite& background) {
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

// The six sections of DESIGN.md's "thin profile", as the snapshot counts them
// (graph/types.h kSection*), so that the profile page and the invitation advice ("Thin
// profile: N of 6 sections") agree.
constexpr std::pair<uint8_t, const char*> kSections[] = {
    {graph::kSectionHeadline, "headline"},   {graph::kSectionSummary, "summary"},
    {graph::kSectionPosition, "experience"}, {graph::kSectionEducation, "education"},
    {graph::kSectionLocation, "location"},   {graph::kSectionIndustry, "industry"},
};

// The sections a member has filled in, counted on the stored rows by the snapshot
// builder's rule (graph/snapshot_builder.cc), so that the answer to a save already
// counts what it saved.
uint8_t StoredSections(const store::Member& member, size_t positions, size_t educations) {
  uint8_t sections = 0;
  if (!member.headline.empty()) sections |= graph::kSectionHeadline;
  if (!member.summary.empty()) sections |= graph::kSectionSummary;
  if (positions > 0) sections |= graph::kSectionPosition;
  if (educations > 0) sections |= graph::kSectionEducation;
  if (!member.city.empty() || !member.country.empty()) sections |= graph::kSectionLocation;
  if (!member.industry.empty()) sections |= graph::kSectionIndustry;
  return sections;
}

Json CompletenessJson(uint8_t sections) {
  Json list = Json::array();
  int done = 0;
  for (const auto& [bit, name] : kSections) {
    const bool filled = (sections & bit) != 0;
    done += filled ? 1 : 0;
    list.push_back({{"section", name}, {"done", filled}});
  }
  return {{"done", done}, {"total", std::size(kSections)}, {"sections", std::move(list)}};
}

// An organization's name for the caller's own background: from the snapshot when it
// has it, else from the store.
absl::StatusOr<std::string> OrganizationName(store::Store& store, const graph::Snapshot& snapshot,
                                             OrganizationId id) {
  const graph::OrgIndex index = snapshot.FindOrganization(id);
  if (index != graph::kNoOrganization) return snapshot.Organization(index).name;
  absl::StatusOr<store::Organization> organization = store.GetOrganization(id);
  if (absl::IsNotFound(organization.status())) return std::string();
  LEDD_RETURN_IF_ERROR(organization.status());
  return organization->name;
}

// GET /api/v1/me, which PUT /api/v1/me also answers: the caller's whole profile as
// stored, their background with organization ids and names (the order is theirs), and
// how complete it is.
absl::StatusOr<Json> MeJson(store::Store& store, service::LiveNetwork& live, const Call& call) {
  LEDD_ASSIGN_OR_RETURN(store::Member member, store.GetMember(call.caller()));
  LEDD_ASSIGN_OR_RETURN(store::Account account, store.GetAccount(call.caller()));
  LEDD_ASSIGN_OR_RETURN(std::vector<store::Position> positions, store.GetPositions(member.id));
  LEDD_ASSIGN_OR_RETURN(std::vector<store::Education> educations, store.GetEducations(member.id));
  std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
  Json position_list = Json::array();
  for (const store::Position& position : positions) {
    LEDD_ASSIGN_OR_RETURN(std::string name,
                          OrganizationName(store, *snapshot, position.organization_id));
    position_list.push_back({{"organization_id", position.organization_id},
                             {"organization", std::move(name)},
                             {"title", position.title},
                             {"start", OptionalDateJson(position.start)},
                             {"end", OptionalDateJson(position.end)},
                             {"current", !position.end.has_value()}});
  }
  Json education_list = Json::array();
  for (const store::Education& education : educations) {
    LEDD_ASSIGN_OR_RETURN(std::string name,
                          OrganizationName(store, *snapshot, education.school_id));
    education_list.push_back({{"school_id", education.school_id},
                              {"school", std::move(name)},
                              {"field", education.field},
                              {"degree", education.degree},
                              {"start", OptionalDateJson(education.start)},
                              {"end", OptionalDateJson(education.end)}});
  }
  const uint8_t sections = StoredSections(member, positions.size(), educations.size());
  return Json{{"member", member.id},
              {"handle", member.handle},
              {"first_name", member.first_name},
              {"last_name", member.last_name},
              {"email", account.email},
              {"role", std::string(store::RoleName(account.role))},
              {"headline", member.headline},
              {"summary", member.summary},
              {"city", member.city},
              {"country", member.country},
              {"industry", member.industry},
              {"has_photo", member.has_photo},
              {"positions", std::move(position_list)},
              {"educations", std::move(education_list)},
              {"completeness", CompletenessJson(sections)},
              {"session_expires_at", FormatDateTime(call.session()->expires_at)}};
}

// The body of POST /api/v1/organizations as the store's record.
absl::StatusOr<store::Organization> NewOrganization(const Json& body) {
  LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"kind", "name", "country", "industry"}));
  LEDD_ASSIGN_OR_RETURN(std::string kind, StringField(body, "kind", true));
  if (kind != "company" && kind != "school") {
    return absl::InvalidArgumentError(
        fmt::format("\"kind\" must be company or school, not \"{}\"", kind));
  }
  store::Organization organization{
      .kind = kind == "school" ? store::OrganizationKind::kSchool
                               : store::OrganizationKind::kCompany};
  LEDD_ASSIGN_OR_RETURN(std::string name, StringField(body, "name", true));
  organization.name = Trimmed(name);
  LEDD_ASSIGN_OR_RETURN(std::string country, StringField(body, "country", false));
  LEDD_ASSIGN_OR_RETURN(organization.country, CountryCode(std::move(country)));
  LEDD_ASSIGN_OR_RETURN(organization.industry, StringField(body, "industry", false));
  return organization;
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
  router.Get("/api/v1/me", "/api/v1/me", Auth::kRequired,
             [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json body, MeJson(store, live, call));
               return Reply{.body = std::move(body)};
             });
  router.Put("/api/v1/me", "/api/v1/me", Auth::kRequired,
             [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
               LEDD_ASSIGN_OR_RETURN(store::Member member, store.GetMember(call.caller()));
               LEDD_RETURN_IF_ERROR(ApplyProfile(body, member));
               store::ProfileUpdate update{.member = member.id};
               LEDD_RETURN_IF_ERROR(ReadBackground(store, member.id, body, false, update));
               // A read-modify-write of the whole row, like UpdateSettings: the member
               // edits their own profile, one form at a time. Row, background and any
               // organization it names are one transaction.
               update.profile = std::move(member);
               LEDD_RETURN_IF_ERROR(store.UpdateProfile(update).status());
               LEDD_RETURN_IF_ERROR(
                   CatchUpAfter(live, fmt::format("the profile of member {}", call.caller())));
               LEDD_ASSIGN_OR_RETURN(Json answer, MeJson(store, live, call));
               return Reply{.body = std::move(answer)};
             });
  router.Put(
      "/api/v1/me/background", "/api/v1/me/background", Auth::kRequired,
      [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
        LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"positions", "educations"}));
        store::ProfileUpdate update{.member = call.caller()};
        LEDD_RETURN_IF_ERROR(ReadBackground(store, call.caller(), body, true, update));
        LEDD_ASSIGN_OR_RETURN(store::ProfileWrite write, store.UpdateProfile(update));
        LEDD_RETURN_IF_ERROR(
            CatchUpAfter(live, fmt::format("the background of member {}", call.caller())));
        return Reply{.body = BackgroundJson(call.caller(), write)};
      });

  router.Get("/api/v1/organizations", "/api/v1/organizations", Auth::kRequired,
             [&live](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"q", "kind", "limit"}));
               std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
               LEDD_ASSIGN_OR_RETURN(Json body,
                                     AnswerOrganizations(QueryRequest(*snapshot, params)));
               return Reply{.body = std::move(body)};
             });
  router.Post(
      "/api/v1/organizations", "/api/v1/organizations", Auth::kRequired,
      [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
        LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
        LEDD_ASSIGN_OR_RETURN(store::Organization organization, NewOrganization(body));
        LEDD_ASSIGN_OR_RETURN(store::OrganizationWrite write,
                              store.FindOrAddOrganization(organization));
        if (write.created) {
          LEDD_RETURN_IF_ERROR(CatchUpAfter(
              live, fmt::format("organization {}", write.organization.id)));
        }
        std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
        const graph::OrgIndex index = snapshot->FindOrganization(write.organization.id);
        Json answer;
        if (index != graph::kNoOrganization) {
          answer = OrganizationJson(*snapshot, index);
        } else {  // Another process added it and the network has not followed yet.
          answer = {{"id", write.organization.id},
                    {"kind", store::OrganizationKindName(write.organization.kind)},
                    {"name", write.organization.name},
                    {"country", write.organization.country},
                    {"industry", write.organization.industry},
                    {"members", 0}};
        }
        answer["created"] = write.created;
        return Reply{.status = write.created ? 201 : 200, .body = std::move(answer)};
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
