#include "ledd/query/contacts_report.h"

#include <algorithm>
#include <memory>
#include <queue>

#include "absl/container/flat_hash_map.h"
#include "ledd/query/kernels.h"

namespace ledd::query {
namespace {

// Codes of the coverage marks: u, its 1st and 2nd degree, and members brought in by an
// accepted invitation.
constexpr uint32_t kCodeSelf = 0;
constexpr uint32_t kCodeFirst = 1;
constexpr uint32_t kCodeSecond = 2;
constexpr uint32_t kCodeAccepted = 3;

// Marks u and everything within two connections of it; returns the 1st + 2nd count.
uint64_t CoverTwoHops(const graph::Snapshot& snapshot, Node u, QueryScratch& scratch) {
  scratch.Reset(snapshot.NodeCount());
  scratch.Mark(u, kCodeSelf);
  const std::span<const Node> contacts = snapshot.Connections(u);
  for (Node contact : contacts) scratch.Mark(contact, kCodeFirst);
  uint64_t covered = contacts.size();
  for (Node contact : contacts) {
    for (Node second : snapshot.Connections(contact)) {
      if (scratch.Reached(second)) continue;
      scratch.Mark(second, kCodeSecond);
      ++covered;
    }
  }
  return covered;
}

// Members s would add to the covered set: s and its contacts not yet covered.
uint64_t Gain(const graph::Snapshot& snapshot, Node s, const QueryScratch& scratch) {
  uint64_t gain = scratch.Reached(s) ? 0 : 1;
  for (Node contact : snapshot.Connections(s)) gain += scratch.Reached(contact) ? 0 : 1;
  return gain;
}

// Covers s and its contacts; returns how many were new.
uint64_t Accept(const graph::Snapshot& snapshot, Node s, QueryScratch& scratch) {
  uint64_t gain = 0;
  if (!scratch.Reached(s)) {
    scratch.Mark(s, kCodeAccepted);
    ++gain;
  }
  for (Node contact : snapshot.Connections(s)) {
    if (scratch.Reached(contact)) continue;
    scratch.Mark(contact, kCodeAccepted);
    ++gain;
  }
  return gain;
}

}  // namespace

DegreeDistribution DegreeDistribution::Of(const graph::Snapshot& snapshot) {
  DegreeDistribution distribution;
  const Node count = snapshot.NodeCount();
  distribution.members_ = count;
  std::vector<uint64_t> with_degree;
  for (Node node = 0; node < count; ++node) {
    const uint32_t degree = snapshot.Degree(node);
    if (degree >= with_degree.size()) with_degree.resize(degree + 1, 0);
    ++with_degree[degree];
  }
  // fewer_[d] = Σ with_degree[0 .. d-1].
  distribution.fewer_.assign(with_degree.size() + 1, 0);
  for (size_t degree = 0; degree < with_degree.size(); ++degree) {
    distribution.fewer_[degree + 1] = distribution.fewer_[degree] + with_degree[degree];
  }
  return distribution;
}

uint64_t DegreeDistribution::Fewer(uint32_t degree) const {
  if (fewer_.empty()) return 0;
  return degree < fewer_.size() ? fewer_[degree] : fewer_.back();
}

double DegreeDistribution::Percentile(uint32_t degree) const {
  if (members_ == 0) return 0;
  return 100.0 * static_cast<double>(Fewer(degree)) / static_cast<double>(members_);
}

int AdviceRank(Decision decision) {
  switch (decision) {
    case Decision::kAccept: return 0;
    case Decision::kConsider: return 1;
    case Decision::kDecline: return 2;
  }
  return 1;
}

ContactsReport ReportContacts(const graph::Snapshot& snapshot, const ContactsReportRequest& request,
                              QueryScratch& scratch) {
  ContactsReport report;
  const Node u = request.member;
  if (u >= snapshot.NodeCount()) return report;
  report.contacts = snapshot.Degree(u);
  if (request.degrees != nullptr) {
    report.percentile = request.degrees->Percentile(static_cast<uint32_t>(report.contacts));
  } else {
    // One pass, no histogram: the count is all a single report needs.
    uint64_t fewer = 0;
    const Node count = snapshot.NodeCount();
    for (Node node = 0; node < count; ++node) fewer += snapshot.Degree(node) < report.contacts;
    report.percentile = 100.0 * static_cast<double>(fewer) / static_cast<double>(count);
  }
  report.reach = Reach(snapshot, u, {}, scratch);

  // Valid, distinct senders in MemberId order, so that ties break the same way whatever
  // order the caller listed them in.
  std::vector<PendingSender> senders;
  const std::span<const Node> contacts = snapshot.Connections(u);
  for (const PendingSender& pending : request.pending) {
    if (pending.sender >= snapshot.NodeCount() || pending.sender == u ||
        Contains(contacts, pending.sender)) {
      continue;
    }
    senders.push_back(pending);
  }
  // A sender listed twice keeps the best advice of its listings.
  std::sort(senders.begin(), senders.end(), [&](const PendingSender& a, const PendingSender& b) {
    if (a.sender != b.sender) return snapshot.Id(a.sender) < snapshot.Id(b.sender);
    return AdviceRank(a.decision) < AdviceRank(b.decision);
  });
  senders.erase(std::unique(senders.begin(), senders.end(),
                            [](const PendingSender& a, const PendingSender& b) {
                              return a.sender == b.sender;
                            }),
                senders.end());

  // Reach after accepting every invitation advised accept.
  const uint64_t now = CoverTwoHops(snapshot, u, scratch);
  report.reach_if_accepted = now;
  for (const PendingSender& pending : senders) {
    if (pending.decision != Decision::kAccept) continue;
    ++report.advised_accept;
    report.reach_if_accepted += Accept(snapshot, pending.sender, scratch);
  }

  // The curve, best advised first, then greedily. Gains only shrink as coverage grows,
  // so a gain computed in an earlier round is an upper bound: pop the best bound (in the
  // best advice tier left), recompute it if stale, and accept it if it is still on top
  // (lazy greedy). The tier of a sender never changes, so this equals the plain greedy
  // within each tier, with far fewer recomputations for hubs among the senders.
  CoverTwoHops(snapshot, u, scratch);
  report.curve.reserve(senders.size() + 1);
  report.curve.push_back({.sender = kNoNode, .gain = 0, .reach = now});
  struct Candidate {
    int tier;  // AdviceRank of its decision.
    uint64_t gain;
    MemberId id;
    Node sender;
    size_t round;  // The curve size when `gain` was computed.
  };
  auto worse = [](const Candidate& a, const Candidate& b) {
    if (a.tier != b.tier) return a.tier > b.tier;
    if (a.gain != b.gain) return a.gain < b.gain;
    return a.id > b.id;
  };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(worse)> queue(worse);
  for (const PendingSender& pending : senders) {
    queue.push({.tier = AdviceRank(pending.decision),
                .gain = Gain(snapshot, pending.sender, scratch),
                .id = snapshot.Id(pending.sender),
                .sender = pending.sender,
                .round = 1});
  }
  while (!queue.empty()) {
    Candidate top = queue.top();
    queue.pop();
    if (top.round != report.curve.size()) {
      top.gain = Gain(snapshot, top.sender, scratch);
      top.round = report.curve.size();
      queue.push(top);
      continue;
    }
    const uint64_t gain = Accept(snapshot, top.sender, scratch);
    report.curve.push_back(
        {.sender = top.sender, .gain = gain, .reach = report.curve.back().reach + gain});
  }
  return report;
}

uint64_t MarginalReachMatching(const graph::Snapshot& snapshot, Node u, Node s,
                               const SearchFilters& filters, QueryScratch& scratch) {
  if (u >= snapshot.NodeCount() || s >= snapshot.NodeCount() || u == s) return 0;
  if (Contains(snapshot.Connections(u), s)) return 0;
  const FilterMatcher matcher(snapshot, filters);
  if (matcher.Impossible()) return 0;
  CoverTwoHops(snapshot, u, scratch);
  uint64_t matching = !scratch.Reached(s) && matcher.Matches(s) ? 1 : 0;
  for (Node contact : snapshot.Connections(s)) {
    if (!scratch.Reached(contact) && matcher.Matches(contact)) ++matching;
  }
  return matching;
}

std::vector<std::vector<uint64_t>> MarginalReachMatchingEach(const graph::Snapshot& snapshot,
                                                             Node u, std::span<const Node> senders,
                                                             std::span<const SearchFilters> filters,
                                                             QueryScratch& scratch) {
  std::vector<std::vector<uint64_t>> result(senders.size(),
                                            std::vector<uint64_t>(filters.size(), 0));
  if (u >= snapshot.NodeCount() || filters.empty()) return result;
  std::vector<std::unique_ptr<FilterMatcher>> matchers;
  matchers.reserve(filters.size());
  for (const SearchFilters& filter : filters) {
    matchers.push_back(std::make_unique<FilterMatcher>(snapshot, filter));
  }
  CoverTwoHops(snapshot, u, scratch);
  // Which filters each new member matches, computed on first sight: senders of one box
  // share much of their circles.
  absl::flat_hash_map<Node, std::vector<bool>> matches_of;
  auto add_member = [&](Node member, std::vector<uint64_t>& counts) {
    if (scratch.Reached(member)) return;
    auto [it, inserted] = matches_of.try_emplace(member);
    if (inserted) {
      it->second.resize(matchers.size());
      for (size_t k = 0; k < matchers.size(); ++k) {
        it->second[k] = !matchers[k]->Impossible() && matchers[k]->Matches(member);
      }
    }
    for (size_t k = 0; k < matchers.size(); ++k) counts[k] += it->second[k] ? 1 : 0;
  };
  for (size_t i = 0; i < senders.size(); ++i) {
    const Node s = senders[i];
    // MarginalReachMatching's zero cases.
    if (s >= snapshot.NodeCount() || s == u || Contains(snapshot.Connections(u), s)) continue;
    add_member(s, result[i]);
    for (Node contact : snapshot.Connections(s)) add_member(contact, result[i]);
  }
  return result;
}

}  // namespace ledd::query
