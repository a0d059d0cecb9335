#include "ledd/query/pymk.h"

#include <algorithm>
#include <functional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "ledd/query/kernels.h"
#include "ledd/query/vocabulary.h"

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
    case PymkReason::kSameField:
      return "same_field";
    case PymkReason::kSameIndustry:
      return "same_industry";
  }
  return "unknown";
}

namespace {

std::vector<PymkSuggestion> SecondDegree(const graph::Snapshot& snapshot, Node u,
                                         const PymkOptions& options, QueryScratch& scratch,
                                         const absl::flat_hash_set<Node>& excluded);

bool Overlaps(Timestamp a_start, Timestamp a_end, Timestamp b_start, Timestamp b_end) {
  // kNoTime is the smallest and kOpenEnd the largest Timestamp: an unknown start and a
  // current end reach as far as they can.
  return a_start <= b_end && b_start <= a_end;
}

// What `member` shares with u beyond the 2nd degree: the score and the details, in the
// reasons' order. Score 0: nothing.
uint32_t SharedBackground(const graph::Snapshot& snapshot, Node u, Node member,
                          std::vector<PymkDetail>* details) {
  using graph::Dict;
  uint32_t score = 0;
  for (const graph::PositionRecord& mine : snapshot.Positions(u)) {
    const ValueId value = snapshot.OrganizationValue(Dict::kCompany, mine.organization);
    if (value == kNoValue) continue;
    for (const graph::PositionRecord& theirs : snapshot.Positions(member)) {
      if (snapshot.OrganizationValue(Dict::kCompany, theirs.organization) != value ||
          !Overlaps(mine.start, mine.end, theirs.start, theirs.end)) {
        continue;
      }
      score = kPymkEmployerScore;
      if (details) {
        details->push_back({PymkReason::kSameEmployer,
                            snapshot.Organization(theirs.organization).name, false});
      }
      break;
    }
    if (score) break;
  }
  bool school = false;
  for (const graph::EducationRecord& mine : snapshot.Educations(u)) {
    const ValueId value = snapshot.OrganizationValue(Dict::kSchool, mine.school);
    if (value == kNoValue) continue;
    for (const graph::EducationRecord& theirs : snapshot.Educations(member)) {
      if (snapshot.OrganizationValue(Dict::kSchool, theirs.school) != value ||
          !Overlaps(mine.start, mine.end, theirs.start, theirs.end)) {
        continue;
      }
      school = true;
      if (details) {
        details->push_back({PymkReason::kSameSchool,
                            snapshot.Organization(theirs.school).name, true});
      }
      break;
    }
    if (school) break;
  }
  if (school) score += kPymkSchoolScore;
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  bool field = false;
  for (const graph::EducationRecord& mine : snapshot.Educations(u)) {
    if (mine.field == kNoValue || snapshot.Value(Dict::kField, mine.field).empty()) continue;
    const ConceptId concept_id = vocabulary.FieldConcept(snapshot.Value(Dict::kField, mine.field));
    for (const graph::EducationRecord& theirs : snapshot.Educations(member)) {
      if (theirs.field == kNoValue) continue;
      const bool same =
          theirs.field == mine.field ||
          (concept_id != kNoConcept &&
           vocabulary.FieldConcept(snapshot.Value(Dict::kField, theirs.field)) == concept_id);
      if (!same) continue;
      field = true;
      if (details) {
        details->push_back({PymkReason::kSameField,
                            std::string(snapshot.Display(Dict::kField, theirs.field)), false});
      }
      break;
    }
    if (field) break;
  }
  if (field) score += kPymkFieldScore;
  const ValueId city = snapshot.City(u);
  if (city != kNoValue && !snapshot.Value(Dict::kCity, city).empty() &&
      snapshot.City(member) == city) {
    score += kPymkCityScore;
    if (details) {
      details->push_back(
          {PymkReason::kSameCity, std::string(snapshot.Display(Dict::kCity, city)), false});
    }
  }
  const ValueId industry = snapshot.Industry(u);
  if (industry != kNoValue && !snapshot.Value(Dict::kIndustry, industry).empty() &&
      snapshot.Industry(member) == industry) {
    score += kPymkIndustryScore;
    if (details) {
      details->push_back({PymkReason::kSameIndustry,
                          std::string(snapshot.Display(Dict::kIndustry, industry)), false});
    }
  }
  return score;
}

// Fills `suggestions` up to the limit with background suggestions beyond the 2nd degree.
// The scratch still holds the 2-hop expansion of u.
void AddBackground(const graph::Snapshot& snapshot, Node u, const PymkOptions& options,
                   const QueryScratch& scratch, const absl::flat_hash_set<Node>& excluded,
                   std::vector<PymkSuggestion>& suggestions) {
  using graph::Dict;
  using graph::Facet;
  if (suggestions.size() >= options.limit) return;
  // u's facet postings: the candidates share at least one of these values.
  std::vector<std::span<const Node>> lists;
  for (const graph::PositionRecord& position : snapshot.Positions(u)) {
    const ValueId value = snapshot.OrganizationValue(Dict::kCompany, position.organization);
    if (value != kNoValue) lists.push_back(snapshot.Posting(Facet::kAnyCompany, value));
  }
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  for (const graph::EducationRecord& education : snapshot.Educations(u)) {
    const ValueId value = snapshot.OrganizationValue(Dict::kSchool, education.school);
    if (value != kNoValue) lists.push_back(snapshot.Posting(Facet::kSchool, value));
    if (education.field == kNoValue) continue;
    const std::string_view folded = snapshot.Value(Dict::kField, education.field);
    if (folded.empty()) continue;
    const ConceptId concept_id = vocabulary.FieldConcept(folded);
    if (concept_id == kNoConcept) {
      lists.push_back(snapshot.Posting(Facet::kField, education.field));
    } else {
      for (const std::string& term : vocabulary.FieldGroups()[concept_id]) {
        const ValueId value = snapshot.FindValue(Dict::kField, term);
        if (value != kNoValue) lists.push_back(snapshot.Posting(Facet::kField, value));
      }
    }
  }
  if (snapshot.City(u) != kNoValue) lists.push_back(snapshot.Posting(Facet::kCity, snapshot.City(u)));
  if (snapshot.Industry(u) != kNoValue) {
    lists.push_back(snapshot.Posting(Facet::kIndustry, snapshot.Industry(u)));
  }
  // The most selective first, each read to the cap.
  std::sort(lists.begin(), lists.end(),
            [](const auto& a, const auto& b) { return a.size() < b.size(); });
  struct Candidate {
    uint32_t score;
    MemberId id;
    Node node;
  };
  absl::flat_hash_set<Node> seen;
  std::vector<Candidate> candidates;
  for (const std::span<const Node> list : lists) {
    const size_t read = std::min(list.size(), options.posting_cap);
    for (size_t i = 0; i < read; ++i) {
      const Node member = list[i];
      if (member == u || !seen.insert(member).second) continue;
      const uint32_t level = scratch.Code(member);
      if (level == kLevelFirst || level == kLevelSecond) continue;
      if (!snapshot.InDirectory(member) || excluded.contains(member)) continue;
      const uint32_t score = SharedBackground(snapshot, u, member, nullptr);
      if (score > 0) candidates.push_back({score, snapshot.Id(member), member});
    }
  }
  auto before = [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;
  };
  const size_t keep = std::min(options.limit - suggestions.size(), candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(keep),
                    candidates.end(), before);
  for (size_t i = 0; i < keep; ++i) {
    PymkSuggestion suggestion{.member = candidates[i].node, .mutual = 0, .reasons = {},
                              .details = {}};
    SharedBackground(snapshot, u, candidates[i].node, &suggestion.details);
    for (const PymkDetail& detail : suggestion.details) suggestion.reasons.push_back(detail.reason);
    suggestions.push_back(std::move(suggestion));
  }
}

}  // namespace

std::vector<PymkSuggestion> Pymk(const graph::Snapshot& snapshot, Node u,
                                 const PymkOptions& options, QueryScratch& scratch) {
  std::vector<PymkSuggestion> suggestions;
  if (u >= snapshot.NodeCount() || options.limit == 0) return suggestions;
  ExpandTwoHops(snapshot, u, scratch, {.count_mutual = true, .collect = true});
  const absl::flat_hash_set<Node> excluded(options.excluded.begin(), options.excluded.end());
  suggestions = SecondDegree(snapshot, u, options, scratch, excluded);
  if (options.background) AddBackground(snapshot, u, options, scratch, excluded, suggestions);
  return suggestions;
}

namespace {

std::vector<PymkSuggestion> SecondDegree(const graph::Snapshot& snapshot, Node u,
                                         const PymkOptions& options, QueryScratch& scratch,
                                         const absl::flat_hash_set<Node>& excluded) {
  std::vector<PymkSuggestion> suggestions;
  std::vector<Node> second;
  for (Node member : scratch.list(kSecondList)) {
    if (!excluded.contains(member)) second.push_back(member);
  }
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
    PymkSuggestion suggestion{
        .member = candidate.node, .mutual = candidate.mutual, .reasons = {}, .details = {}};
    suggestion.reasons.push_back(PymkReason::kMutual);
    if (candidate.shared & kEmployerBit) suggestion.reasons.push_back(PymkReason::kSameEmployer);
    if (candidate.shared & kSchoolBit) suggestion.reasons.push_back(PymkReason::kSameSchool);
    if (candidate.shared & kCityBit) suggestion.reasons.push_back(PymkReason::kSameCity);
    suggestions.push_back(std::move(suggestion));
  }
  return suggestions;
}

}  // namespace

}  // namespace ledd::query
