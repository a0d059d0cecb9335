#include "ledd/query/pymk.h"

#include <algorithm>
#include <functional>

#include "ledd/query/kernels.h"

namespace ledd::query {
namespace {

using graph::kNoValue;
using graph::OrgIndex;
using graph::ValueId;

// Background bits, weighted so that comparing the numbers compares employer, then
// school, then city.
constexpr uint8_t kEmployerBit = 4;
constexpr uint8_t kSchoolBit = 2;
constexpr uint8_t kCityBit = 1;

struct Background {
  std::vector<OrgIndex> employers;  // u's current organizations
  std::vector<OrgIndex> schools;
  ValueId city = kNoValue;
};

Background BackgroundOf(const graph::Snapshot& snapshot, Node u) {
  Background background;
  for (const graph::PositionRecord& position : snapshot.Positions(u)) {
    if (position.current() && position.organization != graph::kNoOrganization) {
      background.employers.push_back(position.organization);
    }
  }
  for (const graph::EducationRecord& education : snapshot.Educations(u)) {
    if (education.school != graph::kNoOrganization) background.schools.push_back(education.school);
  }
  background.city = snapshot.City(u);
  return background;
}

bool Holds(const std::vector<OrgIndex>& list, OrgIndex value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

uint8_t Shared(const graph::Snapshot& snapshot, const Background& mine, Node other) {
  uint8_t bits = 0;
  if (!mine.employers.empty()) {
    for (const graph::PositionRecord& position : snapshot.Positions(other)) {
      if (position.current() && Holds(mine.employers, position.organization)) {
        bits |= kEmployerBit;
        break;
      }
    }
  }
  if (!mine.schools.empty()) {
    for (const graph::EducationRecord& education : snapshot.Educations(other)) {
      if (Holds(mine.schools, education.school)) {
        bits |= kSchoolBit;
        break;
      }
    }
  }
  if (mine.city != kNoValue && snapshot.City(other) == mine.city) bits |= kCityBit;
  return bits;
}

}  // namespace

std::string_view ReasonCode(PymkReason reason) {
  switch (reason) {
    case PymkReason::kMutual:
      return "mutual";
    case PymkReason::kSameEmployer:
      return "same_employer";
    case PymkReason::kSameSchool:
      return "same_school";
    case PymkReason::kSameCity:
      return "same_city";
  }
  return "unknown";
}

std::vector<PymkSuggestion> Pymk(const graph::Snapshot& snapshot, Node u,
                                 const PymkOptions& options, QueryScratch& scratch) {
  std::vector<PymkSuggestion> suggestions;
  if (u >= snapshot.NodeCount() || options.limit == 0) return suggestions;
  ExpandTwoHops(snapshot, u, scratch, {.count_mutual = true, .collect = true});
  const std::vector<Node>& second = scratch.list(kSecondList);
  if (second.empty()) return suggestions;

  // Background only breaks ties, so it is needed only for the candidates whose mutual
  // count reaches the limit-th largest: usually a small fraction of the 2nd degree.
  uint32_t threshold = 0;
  if (second.size() > options.limit) {
    std::vector<uint32_t> counts;
    counts.reserve(second.size());
    for (Node member : second) counts.push_back(scratch.Count(member));
    std::nth_element(counts.begin(), counts.begin() + static_cast<ptrdiff_t>(options.limit - 1),
                     counts.end(), std::greater<>());
    threshold = counts[options.limit - 1];
  }
  struct Candidate {
    uint32_t mutual;
    uint8_t shared;
    MemberId id;
    Node node;
  };
  const Background mine = BackgroundOf(snapshot, u);
  std::vector<Candidate> candidates;
  for (Node member : second) {
    const uint32_t mutual = scratch.Count(member);
    if (mutual < threshold) continue;
    candidates.push_back({mutual, Shared(snapshot, mine, member), snapshot.Id(member), member});
  }
  auto before = [](const Candidate& a, const Candidate& b) {
    if (a.mutual != b.mutual) return a.mutual > b.mutual;
    if (a.shared != b.shared) return a.shared > b.shared;
    return a.id < b.id;
  };
  const size_t keep = std::min(options.limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(keep),
                    candidates.end(), before);
  candidates.resize(keep);
  suggestions.reserve(keep);
  for (const Candidate& candidate : candidates) {
    PymkSuggestion suggestion{.member = candidate.node, .mutual = candidate.mutual, .reasons = {}};
    suggestion.reasons.push_back(PymkReason::kMutual);
    if (candidate.shared & kEmployerBit) suggestion.reasons.push_back(PymkReason::kSameEmployer);
    if (candidate.shared & kSchoolBit) suggestion.reasons.push_back(PymkReason::kSameSchool);
    if (candidate.shared & kCityBit) suggestion.reasons.push_back(PymkReason::kSameCity);
    suggestions.push_back(std::move(suggestion));
  }
  return suggestions;
}

}  // namespace ledd::query
