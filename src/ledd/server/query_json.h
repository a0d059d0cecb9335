#pragma once
// The network queries as JSON: one request object in, one result object out. The
// `ledd` query commands (flags and --batch lines) and the HTTP API answer through these
// functions, so a query's JSON fields are spelled in one place.
//
// A request is a JSON object whose keys are the query's parameter names ("member", "a",
// "b", "as", "third", "limit", "offset", "degree", "title", ...). Values may be JSON
// numbers and booleans or their text (command-line flags and URL query strings arrive
// as text). Members are external ids; a member the snapshot does not hold is NotFound,
// a missing or malformed parameter InvalidArgument.
//
// Pure functions of a snapshot and the request; thread-safe like the queries
// (each thread uses its own query scratch).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/graph/snapshot.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/worker_pool.h"
#include "nlohmann/json.hpp"

namespace ledd::server {

using Json = nlohmann::json;

// Typed access to one request's parameters. Holds references: `snapshot` and `params`
// must outlive it.
class QueryRequest {
 public:
  // `pool`, when given, lets a query split its work over the pool's threads (reach does);
  // the caller owns it and uses it from one thread at a time.
  QueryRequest(const graph::Snapshot& snapshot, const Json& params,
               query::WorkerPool* pool = nullptr)
      : snapshot_(snapshot), params_(params), pool_(pool) {}

  const graph::Snapshot& snapshot() const { return snapshot_; }
  query::WorkerPool* pool() const { return pool_; }
  // The connections the answer may name (mutual's members, path, search's
  // introducers): the caller's visibility rule in the API (service/visibility.h); all,
  // for the operator, when unset.
  const query::ConnectionFilter& shown() const { return shown_; }
  void set_shown(query::ConnectionFilter shown) { shown_ = std::move(shown); }
  // Members pymk never suggests (the API: pending invitations and blocks either way).
  const std::vector<Node>& excluded() const { return excluded_; }
  void set_excluded(std::vector<Node> excluded) { excluded_ = std::move(excluded); }
  // Present and not null.
  bool Has(const std::string& key) const;
  // A member given by external id, as a Node of the snapshot. InvalidArgument when
  // missing or not an integer, NotFound when the snapshot does not hold it.
  absl::StatusOr<Node> Member(const std::string& key) const;
  // An integer, or its decimal text. InvalidArgument when missing or malformed.
  absl::StatusOr<int64_t> Int(const std::string& key) const;
  // "limit" in [0, 10000], or `default_limit` when absent.
  absl::StatusOr<size_t> Limit(size_t default_limit) const;
  // false when absent; true/false, 1/0 or their text; InvalidArgument otherwise.
  absl::StatusOr<bool> Flag(const std::string& key) const;
  // The text of a parameter; "" when absent.
  std::string Text(const std::string& key) const;

 private:
  const graph::Snapshot& snapshot_;
  const Json& params_;
  query::WorkerPool* pool_;
  query::ConnectionFilter shown_;
  std::vector<Node> excluded_;
};

// {"id", "kind", "name", "country", "industry", "members"} of an organization of the
// snapshot (members: query::OrganizationMembers). Requires index < OrganizationCount().
Json OrganizationJson(const graph::Snapshot& snapshot, graph::OrgIndex index);

// {"member": id, "name": display name}
Json MemberJson(const graph::Snapshot& snapshot, Node node);
Json MembersJson(const graph::Snapshot& snapshot, const std::vector<Node>& nodes);

// Each answers one query; the fields are documented in README.md and docs/api.md.
// reach: member, third          -> member, name, first, second, third, naive,
//                                  blog_estimate, overlap
absl::StatusOr<Json> AnswerReach(const QueryRequest& request);
// degree: a, b                  -> degree (1, 2, 3 or null)
absl::StatusOr<Json> AnswerDegree(const QueryRequest& request);
// mutual: a, b, limit           -> count, members
absl::StatusOr<Json> AnswerMutual(const QueryRequest& request);
// path: a, b                    -> length, path, introducers
absl::StatusOr<Json> AnswerPath(const QueryRequest& request);
// pymk: member, limit, background -> suggestions [{member, name, mutual, reasons (codes),
//                                  details: [{code, organization | field | city |
//                                  industry, cohort?}] for suggestions beyond the 2nd
//                                  degree}]
absl::StatusOr<Json> AnswerPymk(const QueryRequest& request);
// organizations: q, kind (company|school), limit (default 10, at most 100)
//                               -> organizations [{id, kind, name, country, industry,
//                                  members}] (query/organizations.h)
absl::StatusOr<Json> AnswerOrganizations(const QueryRequest& request);
// search: as, title, city, country, company, school, field, industry, name, degree
// ("1,2", or "all"/"everyone": the member directory), limit, offset
//                               -> total, by_degree (1, 2, 3, beyond), hits (each with
//                                  in_network; out of network the reduced profile),
//                                  facets
absl::StatusOr<Json> AnswerSearch(const QueryRequest& request);

// "1,2" -> {1, 2}: each of 1, 2, 3 at most once.
absl::StatusOr<std::vector<int>> ParseDegrees(const std::string& text);

// The one error shape of the CLI's JSON and the HTTP API:
// {"error": {"code": "NOT_FOUND", "message": "..."}}.
Json ErrorJson(std::string_view code, std::string_view message);

}  // namespace ledd::server
