#include "ledd/server/api_routes.h"

#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/graph/snapshot.h"
#include "ledd/base/fold.h"
#include "ledd/query/facet_values.h"
#include "ledd/query/kernels.h"
#include "ledd/query/neighbourhood.h"
#include "ledd/query/network_queries.h"
#include "ledd/server/country_names.h"
#include "ledd/server/http_errors.h"
#include "ledd/server/route_helpers.h"
#include "ledd/service/visibility.h"

namespace ledd::server {
namespace {

std::string SessionCookieHeader(const std::string& token, const CookieOptions& cookies) {
  return fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}", kSessionCookie,
                     token, cookies.max_age, cookies.secure ? "; Secure" : "");
}

Reply SessionReply(int status, const NewSession& session, const CookieOptions& cookies) {
  Reply reply{.status = status,
              .body = {{"member", session.member},
                       {"token", session.token},
                       {"csrf_token", session.csrf_token},
                       {"expires_at", FormatDateTime(session.expires_at)}}};
  reply.headers.emplace_back("Set-Cookie", SessionCookieHeader(session.token, cookies));
  return reply;
}

// The caller as a Node of `snapshot`. A session's member is in the store; missing from
// the network only if it has not caught up, which sign-up prevents.
absl::StatusOr<Node> CallerNode(const graph::Snapshot& snapshot, const Call& call) {
  Node node = snapshot.Find(call.caller());
  if (node == kNoNode) {
    return WithRetryAfter(absl::UnavailableError(fmt::format(
                              "member {} is not in the network yet; retry shortly", call.caller())),
                          1);
  }
  return node;
}

// A query route: the URL's parameters (only `allowed` ones) plus the caller's and the
// path's members under the keys the query takes, answered by query_json.h.
using Answer = absl::StatusOr<Json> (*)(const QueryRequest&);

struct QueryRoute {
  std::string label;
  std::string pattern;
  Answer answer;
  std::vector<std::string> allowed;
  std::string caller_key;  // "member", "as" or "a".
  std::string path_key;    // "b" for routes on /members/{id}; "" for none.
};

RouteHandler QueryHandler(service::LiveNetwork& live, QueryRoute route) {
  return [&live, route = std::move(route)](const Call& call) -> absl::StatusOr<Reply> {
    LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams(route.allowed));
    std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
    LEDD_ASSIGN_OR_RETURN(Node caller, CallerNode(*snapshot, call));
    params[route.caller_key] = call.caller();
    if (!route.path_key.empty()) params[route.path_key] = call.Match(1);
    QueryRequest request(*snapshot, params);
    // Every member an answer names as someone's contact passes the caller's rule.
    request.set_shown(service::ConnectionFilterFor(*snapshot, caller));
    LEDD_ASSIGN_OR_RETURN(Json body, route.answer(request));
    return Reply{.body = std::move(body)};
  };
}

std::string OptionalDate(Timestamp time) {
  return time == graph::kNoTime || time == graph::kOpenEnd ? "" : FormatMonth(time);
}

Json DateJson(Timestamp time) {
  std::string text = OptionalDate(time);
  return text.empty() ? Json(nullptr) : Json(text);
}

std::string DictText(const graph::Snapshot& snapshot, graph::Dict dict, graph::ValueId value) {
  return value == graph::kNoValue ? "" : std::string(snapshot.Display(dict, value));
}

Json SharedBackgroundJson(const graph::Snapshot& snapshot, Node caller, Node member);

// Largest ego network the network view may ask for.
constexpr size_t kMaxGraphContacts = 1000;
constexpr size_t kMaxGraphSecond = 500;

// A member's profile as the caller may see it. Out of network (no path within three
// degrees) the profile is reduced to who they are: name, headline, photo. In network,
// for oneself, and from a member whose invitation to the caller is pending, it has location, industry, summary, experience, education and the
// background the caller shares with them.
absl::StatusOr<Reply> Profile(service::LiveNetwork& live, const Call& call) {
  std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
  LEDD_ASSIGN_OR_RETURN(Node caller, CallerNode(*snapshot, call));
  Json params = {{"member", call.Match(1)}};
  LEDD_ASSIGN_OR_RETURN(Node member, QueryRequest(*snapshot, params).Member("member"));
  // What the profile needs from the store (service/profile_facts.h). A member the
  // network has but the store not yet (an erasure it has not caught up with) is not
  // there either.
  absl::StatusOr<std::shared_ptr<const store::ProfileFacts>> facts =
      live.ProfileFacts(snapshot->Id(member));
  if (absl::IsNotFound(facts.status())) {
    return absl::NotFoundError(fmt::format("member {} not found", snapshot->Id(member)));
  }
  if (!facts.ok()) return facts.status();
  // A member who blocked the caller is, to them, not there: QueryRequest's own answer
  // for an unknown member.
  if ((*facts)->Blocks(call.caller())) {
    return absl::NotFoundError(fmt::format("member {} not found", snapshot->Id(member)));
  }
  const std::optional<int> degree = query::Degree(*snapshot, caller, member);
  query::MutualResult mutual =
      query::Mutual(*snapshot, caller, member, 3, service::ConnectionFilterFor(*snapshot, caller));

  Json body = MemberJson(*snapshot, member);
  body["degree"] = degree ? Json(*degree) : Json(nullptr);
  body["mutual"] = {{"count", mutual.count}, {"members", MembersJson(*snapshot, mutual.members)}};
  body["headline"] = std::string(snapshot->Headline(member));
  body["has_photo"] = snapshot->HasPhoto(member);
  // A member who invited the caller opens their professional profile to them while the
  // invitation is pending: the advice's "experience and education" is for the
  // recipient to check, and they cannot without it (issue 11).
  const std::optional<InvitationId> invited_you = (*facts)->InvitationTo(call.caller());
  body["invited_you"] = invited_you ? Json(*invited_you) : Json(nullptr);
  const bool full = degree.has_value() || invited_you.has_value();
  body["profile"] = full ? "full" : "reduced";
  // The follow button's state, and whether they follow the caller (one's own followers
  // are one's to know: invitation advice names them too).
  body["following"] = query::Contains(snapshot->Following(caller), member);
  body["follows_you"] = query::Contains(snapshot->Following(member), caller);
  if (!full) return Reply{.body = std::move(body)};

  body["city"] = DictText(*snapshot, graph::Dict::kCity, snapshot->City(member));
  body["country"] = DictText(*snapshot, graph::Dict::kCountry, snapshot->Country(member));
  body["industry"] = DictText(*snapshot, graph::Dict::kIndustry, snapshot->Industry(member));
  // The summary is the one field the network does not hold.
  body["summary"] = (*facts)->summary;
  auto organization_id = [&](graph::OrgIndex index) {
    return index == graph::kNoOrganization ? Json(nullptr)
                                           : Json(snapshot->Organization(index).id);
  };
  auto organization_name = [&](graph::OrgIndex index) {
    return index == graph::kNoOrganization ? std::string()
                                           : snapshot->Organization(index).name;
  };
  Json positions = Json::array();
  for (const graph::PositionRecord& position : snapshot->Positions(member)) {
    positions.push_back({{"title", DictText(*snapshot, graph::Dict::kTitle, position.title)},
                         {"organization_id", organization_id(position.organization)},
                         {"organization", organization_name(position.organization)},
                         {"start", DateJson(position.start)},
                         {"end", DateJson(position.end)},
                         {"current", position.current()}});
  }
  body["positions"] = std::move(positions);
  // The degree is not in the network: the stored educations have it, in the same order
  // (the network's are the store's as of its last catch-up).
  const std::vector<std::string>& stored_degrees = (*facts)->education_degrees;
  const std::span<const graph::EducationRecord> records = snapshot->Educations(member);
  const bool degrees = stored_degrees.size() == records.size();
  Json educations = Json::array();
  for (size_t i = 0; i < records.size(); ++i) {
    const graph::EducationRecord& education = records[i];
    educations.push_back({{"school_id", organization_id(education.school)},
                          {"school", organization_name(education.school)},
                          {"field", DictText(*snapshot, graph::Dict::kField, education.field)},
                          {"degree", degrees ? stored_degrees[i] : ""},
                          {"start", DateJson(education.start)},
                          {"end", DateJson(education.end)}});
  }
  body["educations"] = std::move(educations);
  body["shared"] = SharedBackgroundJson(*snapshot, caller, member);
  return Reply{.body = std::move(body)};
}

// What the caller and a member have in common: organization and school names, and
// whether city and industry are the same.
Json SharedBackgroundJson(const graph::Snapshot& snapshot, Node caller, Node member) {
  const query::SharedBackgroundResult shared = query::SharedBackground(snapshot, caller, member);
  auto names = [&](const std::vector<graph::OrgIndex>& list) {
    Json out = Json::array();
    for (graph::OrgIndex index : list) out.push_back(snapshot.Organization(index).name);
    return out;
  };
  return {{"organizations", names(shared.organizations)},
          {"schools", names(shared.schools)},
          {"same_city", shared.same_city},
          {"same_industry", shared.same_industry}};
}

// GET /api/v1/me/network-graph: the caller's ego network for the network view.
absl::StatusOr<Reply> NetworkGraph(service::LiveNetwork& live, const Call& call) {
  LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"contacts", "second"}));
  std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
  LEDD_ASSIGN_OR_RETURN(Node caller, CallerNode(*snapshot, call));
  const QueryRequest request(*snapshot, params);
  query::EgoNetworkOptions options;
  for (auto [key, field, most] : {std::tuple{"contacts", &options.contacts, kMaxGraphContacts},
                                  std::tuple{"second", &options.second, kMaxGraphSecond}}) {
    if (!request.Has(key)) continue;
    LEDD_ASSIGN_OR_RETURN(int64_t value, request.Int(key));
    if (value < 0 || value > static_cast<int64_t>(most)) {
      return absl::InvalidArgumentError(fmt::format("{} must be in [0, {}]", key, most));
    }
    *field = static_cast<size_t>(value);
  }
  const query::EgoNetworkResult ego = query::EgoNetwork(*snapshot, caller, options);
  // Only the connections the caller may be shown are drawn, and a 2nd-degree member
  // none of them reaches is left out: drawn alone it would still say "a contact of one
  // of yours".
  Json edges = Json::array();
  absl::flat_hash_set<Node> reached = {caller};
  for (const query::EgoEdge& edge : ego.edges) {
    if (!service::MayShowConnection(*snapshot, caller, edge.a, edge.b)) continue;
    reached.insert(edge.a);
    reached.insert(edge.b);
    edges.push_back({{"source", snapshot->Id(edge.a)}, {"target", snapshot->Id(edge.b)}});
  }
  Json nodes = Json::array();
  for (const query::EgoNode& node : ego.nodes) {
    if (node.degree == 2 && !reached.contains(node.member)) continue;
    nodes.push_back({{"id", snapshot->Id(node.member)},
                     {"name", snapshot->DisplayName(node.member)},
                     {"headline", std::string(snapshot->Headline(node.member))},
                     {"degree", node.degree},
                     {"mutual", node.mutual}});
  }
  return Reply{.body = {{"center", call.caller()},
                        {"contacts_total", ego.contacts_total},
                        {"truncated", ego.truncated},
                        {"nodes", std::move(nodes)},
                        {"edges", std::move(edges)}}};
}

// GET /api/v1/pymk?limit=: the 2nd degree, then members beyond it who share background,
// never one with a pending invitation either way or a block either way (the store's
// facts, passed to the query as exclusions; "blocked the caller" is checked per
// suggestion, so the answer may hold fewer than `limit`).
absl::StatusOr<Reply> PeopleYouMayKnow(store::Store& store, service::LiveNetwork& live,
                                       const Call& call) {
  LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"limit"}));
  std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
  LEDD_ASSIGN_OR_RETURN(Node caller, CallerNode(*snapshot, call));
  params["member"] = call.caller();
  params["background"] = true;
  std::vector<Node> excluded;
  auto exclude = [&](MemberId id) {
    if (Node node = snapshot->Find(id); node != kNoNode) excluded.push_back(node);
  };
  for (store::InvitationBox box : {store::InvitationBox::kSent, store::InvitationBox::kReceived}) {
    LEDD_ASSIGN_OR_RETURN(std::vector<store::Invitation> pending,
                          store.ListInvitations(call.caller(),
                                                {.box = box,
                                                 .state = store::InvitationState::kPending,
                                                 .limit = 10'000}));
    for (const store::Invitation& invitation : pending) {
      exclude(invitation.from == call.caller() ? invitation.to : invitation.from);
    }
  }
  LEDD_ASSIGN_OR_RETURN(std::vector<store::MemberBlock> blocks, store.ListBlocked(call.caller()));
  for (const store::MemberBlock& block : blocks) exclude(block.blocked);
  QueryRequest request(*snapshot, params);
  request.set_shown(service::ConnectionFilterFor(*snapshot, caller));
  request.set_excluded(std::move(excluded));
  LEDD_ASSIGN_OR_RETURN(Json body, AnswerPymk(request));
  Json kept = Json::array();
  for (Json& suggestion : body["suggestions"]) {
    LEDD_ASSIGN_OR_RETURN(bool blocked,
                          store.IsBlocked(suggestion["member"].get<MemberId>(), call.caller()));
    if (!blocked) kept.push_back(std::move(suggestion));
  }
  body["suggestions"] = std::move(kept);
  return Reply{.body = std::move(body)};
}

// GET /api/v1/facets/{facet}?q=&limit=&lang=: filter type-ahead over the network's values.
// Countries also match their English and Bokmål names and are shown in `lang`.
absl::StatusOr<Reply> FacetValues(service::LiveNetwork& live, const Call& call) {
  LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"q", "limit", "lang"}));
  const std::string name = call.Match(1);
  std::optional<query::SearchFacet> facet;
  for (int index = 0; index < query::kSearchFacetCount; ++index) {
    if (query::FacetName(static_cast<query::SearchFacet>(index)) == name) {
      facet = static_cast<query::SearchFacet>(index);
    }
  }
  if (!facet) {
    return absl::NotFoundError(fmt::format(
        "unknown facet \"{}\": title, city, country, company, school, field or industry", name));
  }
  std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
  const QueryRequest request(*snapshot, params);
  LEDD_ASSIGN_OR_RETURN(size_t limit, request.Limit(10));
  if (limit < 1 || limit > 50) return absl::InvalidArgumentError("\"limit\" must be between 1 and 50");
  const std::string lang = request.Text("lang");
  if (!lang.empty() && lang != "en" && lang != "nb") {
    return absl::InvalidArgumentError("\"lang\" must be en or nb");
  }
  const CountryLanguage language = lang == "nb" ? CountryLanguage::kBokmal : CountryLanguage::kEnglish;
  const std::string text = request.Text("q");
  query::FacetValueOptions options{.limit = limit, .also = {}};
  if (*facet == query::SearchFacet::kCountry) {
    for (const std::string& code : CountryCodesMatching(text)) options.also.push_back(Fold(code));
  }
  Json values = Json::array();
  for (const query::FacetValue& value :
       query::SuggestFacetValues(*snapshot, *facet, Fold(text), options)) {
    const std::string display = *facet == query::SearchFacet::kCountry
                                    ? CountryName(value.display, language)
                                    : value.display;
    values.push_back({{"value", value.value}, {"display", display}, {"members", value.members}});
  }
  return Reply{.body = {{"facet", name}, {"values", std::move(values)}}};
}

}  // namespace

void AddAccountRoutes(Router& router, store::Store& store, const CookieOptions& cookies,
                      const PublicOrigin& origin) {
  Accounts& accounts = router.accounts();
  router.Post("/api/v1/signup", "/api/v1/signup", Auth::kNone,
              [&accounts, cookies, origin](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                SignUpRequest request;
                LEDD_ASSIGN_OR_RETURN(request.email, StringField(body, "email", true));
                LEDD_ASSIGN_OR_RETURN(request.password, StringField(body, "password", true));
                LEDD_ASSIGN_OR_RETURN(request.first_name, StringField(body, "first_name", true));
                LEDD_ASSIGN_OR_RETURN(request.last_name, StringField(body, "last_name", true));
                LEDD_ASSIGN_OR_RETURN(request.headline, StringField(body, "headline", false));
                LEDD_ASSIGN_OR_RETURN(request.city, StringField(body, "city", false));
                LEDD_ASSIGN_OR_RETURN(request.country, StringField(body, "country", false));
                LEDD_ASSIGN_OR_RETURN(request.industry, StringField(body, "industry", false));
                // The token of the sign-up link (email_invitations.h), if they came by one.
                LEDD_ASSIGN_OR_RETURN(request.invite, StringField(body, "invite", false));
                // The language of the member's mail ("en" | "nb").
                LEDD_ASSIGN_OR_RETURN(request.language, StringField(body, "language", false));
                request.origin = OriginOf(call, origin);
                LEDD_ASSIGN_OR_RETURN(NewSession session,
                                      accounts.SignUp(request, call.address()));
                return SessionReply(201, session, cookies);
              });
  router.Post("/api/v1/signin", "/api/v1/signin", Auth::kNone,
              [&accounts, cookies](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true));
                LEDD_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true));
                LEDD_ASSIGN_OR_RETURN(NewSession session,
                                      accounts.SignIn(email, password, call.address()));
                return SessionReply(200, session, cookies);
              });
  router.Post("/api/v1/verify-email", "/api/v1/verify-email", Auth::kNone,
              [&accounts](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"token"}));
                LEDD_ASSIGN_OR_RETURN(std::string token, StringField(body, "token", true));
                LEDD_ASSIGN_OR_RETURN(store::Account account, accounts.VerifyEmail(token));
                return Reply{.body = {{"member", account.member},
                                      {"email", account.email},
                                      {"email_verified", true}}};
              });
  router.Post("/api/v1/me/verification-email", "/api/v1/me/verification-email", Auth::kRequired,
              [&accounts, origin](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_RETURN_IF_ERROR(accounts.SendVerification(call.caller(), OriginOf(call, origin)));
                return Reply{.status = 202, .body = {{"sent", true}}};
              });
  router.Post("/api/v1/password-reset", "/api/v1/password-reset", Auth::kNone,
              [&accounts, origin](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"email"}));
                LEDD_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true));
                LEDD_RETURN_IF_ERROR(accounts.RequestPasswordReset(email, OriginOf(call, origin)));
                // The same answer whether or not the email has an account.
                return Reply{.status = 202, .body = {{"requested", true}}};
              });
  router.Post("/api/v1/password-reset/confirm", "/api/v1/password-reset/confirm", Auth::kNone,
              [&accounts](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"token", "password"}));
                LEDD_ASSIGN_OR_RETURN(std::string token, StringField(body, "token", true));
                LEDD_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true));
                LEDD_RETURN_IF_ERROR(accounts.ResetPassword(token, password));
                return Reply{.body = {{"reset", true}}};
              });
  router.Put("/api/v1/me/password", "/api/v1/me/password", Auth::kRequired,
             [&accounts](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
               LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"current_password", "new_password"}));
               LEDD_ASSIGN_OR_RETURN(std::string current,
                                     StringField(body, "current_password", true));
               LEDD_ASSIGN_OR_RETURN(std::string next, StringField(body, "new_password", true));
               LEDD_RETURN_IF_ERROR(accounts.ChangePassword(*call.session(), current, next));
               return Reply{.body = {{"changed", true}}};
             });
  router.Put("/api/v1/me/email", "/api/v1/me/email", Auth::kRequired,
             [&accounts, &store, origin](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
               LEDD_RETURN_IF_ERROR(OnlyKeys(body, {"password", "email"}));
               LEDD_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true));
               LEDD_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true));
               LEDD_RETURN_IF_ERROR(
                   accounts.ChangeEmail(*call.session(), password, email, OriginOf(call, origin)));
               LEDD_ASSIGN_OR_RETURN(store::Account account, store.GetAccount(call.caller()));
               return Reply{.body = {{"email", account.email},
                                     {"email_verified", account.email_verified_at.has_value()}}};
             });
  router.Post("/api/v1/me/sessions/revoke", "/api/v1/me/sessions/revoke", Auth::kRequired,
              [&accounts](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(int64_t revoked, accounts.SignOutEverywhere(call.caller()));
                Reply reply{.body = {{"revoked", revoked}}};
                reply.headers.emplace_back(
                    "Set-Cookie", fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0",
                                              kSessionCookie));
                return reply;
              });
  router.Post("/api/v1/signout", "/api/v1/signout", Auth::kRequired,
              [&accounts](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_RETURN_IF_ERROR(accounts.SignOut(*call.session()));
                Reply reply{.body = {{"signed_out", true}}};
                reply.headers.emplace_back(
                    "Set-Cookie", fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0",
                                              kSessionCookie));
                return reply;
              });
}

void AddQueryRoutes(Router& router, store::Store& store, service::LiveNetwork& live) {
  const std::vector<std::string> search_keys = {"title",    "city", "country", "company",
                                                "school",   "field", "industry", "name",
                                                "degree",   "limit", "offset"};
  const std::vector<QueryRoute> routes = {
      {"/api/v1/reach", "/api/v1/reach", AnswerReach, {"third"}, "member", ""},
      {"/api/v1/search", "/api/v1/search", AnswerSearch, search_keys, "as", ""},
      {"/api/v1/members/{id}/mutual", R"(/api/v1/members/(\d+)/mutual)", AnswerMutual,
       {"limit"}, "a", "b"},
      {"/api/v1/members/{id}/path", R"(/api/v1/members/(\d+)/path)", AnswerPath, {}, "a", "b"},
  };
  for (const QueryRoute& route : routes) {
    router.Get(route.label, route.pattern, Auth::kRequired, QueryHandler(live, route));
  }
  router.Get("/api/v1/members/{id}", R"(/api/v1/members/(\d+))", Auth::kRequired,
             [&live](const Call& call) { return Profile(live, call); });
  router.Get("/api/v1/me/network-graph", "/api/v1/me/network-graph", Auth::kRequired,
             [&live](const Call& call) { return NetworkGraph(live, call); });
  router.Get("/api/v1/pymk", "/api/v1/pymk", Auth::kRequired,
             [&store, &live](const Call& call) { return PeopleYouMayKnow(store, live, call); });
  router.Get("/api/v1/facets/{facet}", R"(/api/v1/facets/([^/]+))", Auth::kRequired,
             [&live](const Call& call) { return FacetValues(live, call); });
}

}  // namespace ledd::server
