#pragma once
// "How many contacts should I have?" answered with the member's own numbers (DESIGN.md,
// question 3): contacts now and where that stands on the network, the exact reach next
// to the blog's arithmetic, what accepting the invitations advised `accept` would do,
// and a reach curve over the pending invitations. Also the reach value of one
// invitation restricted to the members a saved search looks for.
//
// Reach here is always the 1st + 2nd degree: the distinct members within two
// connections, never the member themself.
//
// Pure functions of a snapshot, in its Nodes. Thread-safety: concurrent calls are safe
// with one scratch per thread; a DegreeDistribution is immutable once built and may be
// shared by any number of threads.

#include <cstdint>
#include <span>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/advice.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/scratch.h"
#include "ledd/query/search.h"

namespace ledd::query {

// How many members have fewer than d contacts, for every d: the percentile of any
// degree in O(1). Building it is one pass over NodeCount() degrees (about a millisecond
// per million members); a service that reports often keeps one per snapshot.
class DegreeDistribution {
 public:
  static DegreeDistribution Of(const graph::Snapshot& snapshot);

  uint64_t members() const { return members_; }
  // Members with fewer than `degree` contacts.
  uint64_t Fewer(uint32_t degree) const;
  // 100 × Fewer(degree) / members(): the share of members with fewer contacts, in
  // percent; 0 on an empty network.
  double Percentile(uint32_t degree) const;

 private:
  std::vector<uint64_t> fewer_;  // fewer_[d] for d = 0 .. max degree + 1
  uint64_t members_ = 0;
};

// 0 for accept, 1 for consider, 2 for decline: the order the reach curve takes them in.
int AdviceRank(Decision decision);

// A pending invitation to the member, with the advice it got.
struct PendingSender {
  Node sender = kNoNode;
  Decision decision = Decision::kConsider;
};

struct ContactsReportRequest {
  Node member = kNoNode;
  // The member's received pending invitations. Senders not in the snapshot, the member
  // themself and existing contacts are ignored (they cannot add reach); a sender listed
  // twice counts once, as advised accept if either listing is.
  std::span<const PendingSender> pending;
  // Precomputed distribution of the same snapshot; null = one pass over the degrees.
  const DegreeDistribution* degrees = nullptr;
};

// One point of the reach curve.
struct ReachStep {
  Node sender = kNoNode;  // Accepted at this step; kNoNode at k = 0.
  uint64_t gain = 0;      // New members in the 1st + 2nd degree by this acceptance.
  uint64_t reach = 0;     // 1st + 2nd degree after the first k acceptances.
};

struct ContactsReport {
  uint64_t contacts = 0;
  double percentile = 0;  // Share of members with fewer contacts, in percent.
  ReachResult reach;      // Exact reach now, with the blog's arithmetic (Reach()).
  // Pending invitations advised accept (valid and distinct), and the 1st + 2nd degree
  // after accepting all of them.
  uint64_t advised_accept = 0;
  uint64_t reach_if_accepted = 0;
  // curve[k] = after k acceptances, k = 0 .. valid pending senders, best advised first:
  // every sender advised accept, then consider, then decline, so that curve[advised_accept]
  // is reach_if_accepted. Within a tier each step accepts the sender with the largest
  // gain given the ones already accepted (ties: the smaller MemberId): greedy, which
  // within the accept tier is exact at k = 0, 1 and all of it, and at least (1 − 1/e) of
  // the best k-subset of it in between (coverage is submodular).
  std::vector<ReachStep> curve;
};

// Unknown member: an empty report (zero counts, curve empty).
// O(Σ deg over the member's contacts + Σ deg over the pending senders × re-evaluations).
ContactsReport ReportContacts(const graph::Snapshot& snapshot, const ContactsReportRequest& request,
                              QueryScratch& scratch = ThreadScratch());

// Of the members MarginalReach(u, s) counts (s and s's contacts new to u's 1st + 2nd
// degree), how many match `filters` (Search's rules; an empty filter matches everyone,
// so then this equals MarginalReach). 0 in MarginalReach's zero cases.
uint64_t MarginalReachMatching(const graph::Snapshot& snapshot, Node u, Node s,
                               const SearchFilters& filters,
                               QueryScratch& scratch = ThreadScratch());

// MarginalReachMatching for a whole received box at once: result[i][k] =
// MarginalReachMatching(snapshot, u, senders[i], filters[k]). u's 2-hop neighbourhood is
// covered once, each filter resolved once, and each distinct new member tested against
// each filter once, where one call per (sender, filter) pair would do all three every
// time (1,000 invitations × 1,000 saved searches took seconds). Cost: O(Σ deg(u's
// contacts) + Σ deg(s) × |filters| + distinct new members × |filters| matches).
std::vector<std::vector<uint64_t>> MarginalReachMatchingEach(
    const graph::Snapshot& snapshot, Node u, std::span<const Node> senders,
    std::span<const SearchFilters> filters, QueryScratch& scratch = ThreadScratch());

}  // namespace ledd::query
