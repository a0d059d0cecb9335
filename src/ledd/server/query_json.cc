#include "ledd/server/query_json.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/organizations.h"
#include "ledd/query/pymk.h"
#include "ledd/server/country_names.h"
#include "ledd/query/search.h"

namespace ledd::server {
namespace {

// The longest type-ahead text: an organization name is at most 200 characters.
constexpr size_t kMaxOrganizationQueryBytes = 800;

}  // namespace
namespace {

Json OptionalJson(const std::optional<int>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace

bool QueryRequest::Has(const std::string& key) const {
  return params_.is_object() && params_.contains(key) && !params_[key].is_null();
}

absl::StatusOr<Node> QueryRequest::Member(const std::string& key) const {
  LEDD_ASSIGN_OR_RETURN(int64_t id, Int(key));
  Node node = snapshot_.Find(id);
  if (node == kNoNode) return absl::NotFoundError(fmt::format("member {} not found", id));
  return node;
}

absl::StatusOr<int64_t> QueryRequest::Int(const std::string& key) const {
  if (!Has(key)) return absl::InvalidArgumentError(fmt::format("\"{}\" is required", key));
  const Json& value = params_[key];
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    int64_t parsed = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) return parsed;
  }
  return absl::InvalidArgumentError(fmt::format("\"{}\" must be an integer", key));
}

absl::StatusOr<size_t> QueryRequest::Limit(size_t default_limit) const {
  if (!Has("limit")) return default_limit;
  LEDD_ASSIGN_OR_RETURN(int64_t limit, Int("limit"));
  if (limit < 0 || limit > 10'000) {
    return absl::InvalidArgumentError("\"limit\" must be between 0 and 10000");
  }
  return static_cast<size_t>(limit);
}

absl::StatusOr<bool> QueryRequest::Flag(const std::string& key) const {
  if (!Has(key)) return false;
  const Json& value = params_[key];
  if (value.is_boolean()) return value.get<bool>();
  if (value == "true" || value == "1" || value == 1) return true;
  if (value == "false" || value == "0" || value == 0) return false;
  return absl::InvalidArgumentError(fmt::format("\"{}\" must be true or false", key));
}

std::string QueryRequest::Text(const std::string& key) const {
  if (!Has(key)) return "";
  const Json& value = params_[key];
  return value.is_string() ? value.get<std::string>() : value.dump();
}

Json MemberJson(const graph::Snapshot& snapshot, Node node) {
  return {{"member", snapshot.Id(node)}, {"name", snapshot.DisplayName(node)}};
}

Json MembersJson(const graph::Snapshot& snapshot, const std::vector<Node>& nodes) {
  Json members = Json::array();
  for (Node node : nodes) members.push_back(MemberJson(snapshot, node));
  return members;
}

absl::StatusOr<Json> AnswerReach(const QueryRequest& request) {
  LEDD_ASSIGN_OR_RETURN(Node member, request.Member("member"));
  LEDD_ASSIGN_OR_RETURN(bool third, request.Flag("third"));
  query::ReachResult reach =
      query::Reach(request.snapshot(), member, {.third = third, .pool = request.pool()});
  return Json{{"member", request.snapshot().Id(member)},
              {"name", request.snapshot().DisplayName(member)},
              {"first", reach.first},
              {"second", reach.second},
              {"third", reach.third ? Json(*reach.third) : Json(nullptr)},
              {"naive", reach.naive},
              {"blog_estimate", reach.blog_estimate},
              {"overlap", reach.overlap}};
}

absl::StatusOr<Json> AnswerDegree(const QueryRequest& request) {
  LEDD_ASSIGN_OR_RETURN(Node a, request.Member("a"));
  LEDD_ASSIGN_OR_RETURN(Node b, request.Member("b"));
  return Json{{"degree", OptionalJson(query::Degree(request.snapshot(), a, b))}};
}

absl::StatusOr<Json> AnswerMutual(const QueryRequest& request) {
  LEDD_ASSIGN_OR_RETURN(Node a, request.Member("a"));
  LEDD_ASSIGN_OR_RETURN(Node b, request.Member("b"));
  LEDD_ASSIGN_OR_RETURN(size_t limit, request.Limit(10));
  query::MutualResult mutual = query::Mutual(request.snapshot(), a, b, limit, request.shown());
  return Json{{"count", mutual.count},
              {"members", MembersJson(request.snapshot(), mutual.members)}};
}

absl::StatusOr<Json> AnswerPath(const QueryRequest& request) {
  LEDD_ASSIGN_OR_RETURN(Node a, request.Member("a"));
  LEDD_ASSIGN_OR_RETURN(Node b, request.Member("b"));
  query::PathResult path = query::Path(request.snapshot(), a, b, {.shown = request.shown()});
  return Json{{"length", OptionalJson(path.length())},
              {"path", MembersJson(request.snapshot(), path.path)},
              {"introducers", MembersJson(request.snapshot(), path.introducers)}};
}

absl::StatusOr<Json> AnswerPymk(const QueryRequest& request) {
  LEDD_ASSIGN_OR_RETURN(Node member, request.Member("member"));
  LEDD_ASSIGN_OR_RETURN(size_t limit, request.Limit(10));
  LEDD_ASSIGN_OR_RETURN(bool background, request.Flag("background"));
  Json suggestions = Json::array();
  for (const query::PymkSuggestion& suggestion :
       query::Pymk(request.snapshot(), member,
                   {.limit = limit, .background = background, .excluded = request.excluded()})) {
    Json reasons = Json::array();
    for (query::PymkReason reason : suggestion.reasons) {
      reasons.push_back(std::string(query::ReasonCode(reason)));
    }
    Json details = Json::array();
    for (const query::PymkDetail& detail : suggestion.details) {
      Json entry = {{"code", std::string(query::ReasonCode(detail.reason))}};
      switch (detail.reason) {
        case query::PymkReason::kSameEmployer:
          entry["organization"] = detail.text;
          break;
        case query::PymkReason::kSameSchool:
          entry["organization"] = detail.text;
          entry["cohort"] = detail.cohort;
          break;
        case query::PymkReason::kSameField:
          entry["field"] = detail.text;
          break;
        case query::PymkReason::kSameCity:
          entry["city"] = detail.text;
          break;
        case query::PymkReason::kSameIndustry:
          entry["industry"] = detail.text;
          break;
        case query::PymkReason::kMutual:
          break;
      }
      details.push_back(std::move(entry));
    }
    Json entry = MemberJson(request.snapshot(), suggestion.member);
    entry["mutual"] = suggestion.mutual;
    entry["reasons"] = reasons;
    entry["details"] = details;
    entry["in_network"] = suggestion.mutual > 0;
    suggestions.push_back(entry);
  }
  return Json{{"suggestions", suggestions}};
}

Json OrganizationJson(const graph::Snapshot& snapshot, graph::OrgIndex index) {
  const graph::OrganizationRecord& organization = snapshot.Organization(index);
  return {{"id", organization.id},
          {"kind", organization.is_school ? "school" : "company"},
          {"name", organization.name},
          {"country", organization.country},
          {"industry", organization.industry},
          {"members", query::OrganizationMembers(snapshot, index)}};
}

absl::StatusOr<Json> AnswerOrganizations(const QueryRequest& request) {
  constexpr size_t kMaxOrganizations = 100;
  LEDD_ASSIGN_OR_RETURN(size_t limit, request.Limit(10));
  if (limit > kMaxOrganizations) {
    return absl::InvalidArgumentError(
        fmt::format("\"limit\" must be at most {}", kMaxOrganizations));
  }
  query::OrganizationQuery query{.text = request.Text("q"), .limit = limit};
  if (query.text.size() > kMaxOrganizationQueryBytes) {
    return absl::InvalidArgumentError(
        fmt::format("\"q\" is longer than {} bytes", kMaxOrganizationQueryBytes));
  }
  if (const std::string kind = request.Text("kind"); !kind.empty()) {
    if (kind != "company" && kind != "school") {
      return absl::InvalidArgumentError(
          fmt::format("\"kind\" must be company or school, not \"{}\"", kind));
    }
    query.schools = kind == "school";
  }
  Json organizations = Json::array();
  for (const query::OrganizationHit& hit : query::FindOrganizations(request.snapshot(), query)) {
    organizations.push_back(OrganizationJson(request.snapshot(), hit.organization));
  }
  return Json{{"organizations", std::move(organizations)}};
}

absl::StatusOr<std::vector<int>> ParseDegrees(const std::string& text) {
  std::vector<int> degrees;
  for (char c : text) {
    if (c == ',' || c == ' ') continue;
    int degree = c - '0';
    if (degree < 1 || degree > 3 ||
        std::find(degrees.begin(), degrees.end(), degree) != degrees.end()) {
      return absl::InvalidArgumentError(
          fmt::format("\"degree\" must list 1, 2 or 3 separated by commas, not \"{}\"", text));
    }
    degrees.push_back(degree);
  }
  if (degrees.empty()) return absl::InvalidArgumentError("\"degree\" is empty");
  return degrees;
}

absl::StatusOr<Json> AnswerSearch(const QueryRequest& request) {
  LEDD_ASSIGN_OR_RETURN(Node as, request.Member("as"));
  LEDD_ASSIGN_OR_RETURN(size_t limit, request.Limit(20));
  query::SearchOptions options{.limit = limit, .shown = request.shown()};
  const std::string degree = request.Text("degree");
  if (degree == "all" || degree == "everyone") {
    options.everyone = true;
  } else if (request.Has("degree")) {
    LEDD_ASSIGN_OR_RETURN(std::vector<int> degrees, ParseDegrees(request.Text("degree")));
    options.degrees = std::move(degrees);
  }
  if (request.Has("offset")) {
    LEDD_ASSIGN_OR_RETURN(int64_t offset, request.Int("offset"));
    if (offset < 0) return absl::InvalidArgumentError("\"offset\" must not be negative");
    options.offset = static_cast<size_t>(offset);
  }
  query::SearchFilters filters{.title = request.Text("title"),
                               .city = request.Text("city"),
                               // What people type: "Norway", "Norge", "no" = NO.
                               .country = ResolveCountry(request.Text("country")),
                               .company = request.Text("company"),
                               .school = request.Text("school"),
                               .field = request.Text("field"),
                               .industry = request.Text("industry"),
                               .name = request.Text("name")};
  const graph::Snapshot& snapshot = request.snapshot();
  query::SearchResult result = query::Search(snapshot, as, filters, options);
  Json hits = Json::array();
  for (const query::SearchHit& hit : result.hits) {
    Json entry = MemberJson(snapshot, hit.member);
    // Out of network (the directory) a hit is the reduced profile, as GET /members/{id}
    // shows it: who they are, not where they live or work.
    const bool in_network = hit.degree != 0;
    entry["degree"] = in_network ? Json(hit.degree) : Json(nullptr);
    entry["in_network"] = in_network;
    entry["headline"] = std::string(snapshot.Headline(hit.member));
    entry["has_photo"] = snapshot.HasPhoto(hit.member);
    if (in_network) {
      const graph::ValueId city = snapshot.City(hit.member);
      entry["city"] =
          city == graph::kNoValue ? "" : std::string(snapshot.Display(graph::Dict::kCity, city));
    }
    entry["mutual"] = hit.mutual;
    entry["introducers"] = MembersJson(snapshot, hit.introducers);
    hits.push_back(entry);
  }
  Json facets = Json::object();
  for (int facet = 0; facet < query::kSearchFacetCount; ++facet) {
    Json values = Json::array();
    for (const query::FacetCount& count : result.facets[facet]) {
      values.push_back(
          {{"value", count.value}, {"display", count.display}, {"count", count.count}});
    }
    facets[std::string(query::FacetName(static_cast<query::SearchFacet>(facet)))] = values;
  }
  return Json{
      {"total", result.total},
      {"by_degree",
       {{"1", result.by_degree[1]},
        {"2", result.by_degree[2]},
        {"3", result.by_degree[3]},
        {"beyond", result.beyond}}},
      {"hits", hits},
      {"facets", facets}};
}

Json ErrorJson(std::string_view code, std::string_view message) {
  return Json{{"error", {{"code", std::string(code)}, {"message", std::string(message)}}}};
}

}  // namespace ledd::server
