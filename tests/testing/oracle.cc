#include "testing/oracle.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <regex>
#include <sstream>
#include <string_view>
#include <tuple>

#include "ledd/base/fold.h"

namespace ledd::testing {

void OracleNetwork::AddMember(MemberId id, OracleMember member) {
  members[id] = std::move(member);
  contacts[id];
}

void OracleNetwork::Connect(MemberId a, MemberId b) {
  if (a == b || !members.count(a) || !members.count(b)) return;
  contacts[a].insert(b);
  contacts[b].insert(a);
}

void OracleNetwork::Disconnect(MemberId a, MemberId b) {
  if (contacts.count(a)) contacts[a].erase(b);
  if (contacts.count(b)) contacts[b].erase(a);
}

const std::set<MemberId>& OracleNetwork::Contacts(MemberId id) const {
  static const std::set<MemberId> kNone;
  auto it = contacts.find(id);
  return it == contacts.end() ? kNone : it->second;
}

std::map<MemberId, int> OracleNetwork::Distances(MemberId u, int max_depth) const {
  std::map<MemberId, int> distance;
  if (!members.count(u)) return distance;
  distance[u] = 0;
  std::deque<MemberId> queue = {u};
  while (!queue.empty()) {
    const MemberId member = queue.front();
    queue.pop_front();
    const int depth = distance[member];
    if (depth == max_depth) continue;
    for (MemberId contact : Contacts(member)) {
      if (distance.emplace(contact, depth + 1).second) queue.push_back(contact);
    }
  }
  return distance;
}

std::optional<int> OracleDegree(const OracleNetwork& network, MemberId u, MemberId v) {
  const auto distances = network.Distances(u, 3);
  auto it = distances.find(v);
  if (it == distances.end()) return std::nullopt;
  return it->second;
}

std::vector<MemberId> OracleMutual(const OracleNetwork& network, MemberId u, MemberId v) {
  std::vector<MemberId> common;
  if (u == v) return common;
  std::set_intersection(network.Contacts(u).begin(), network.Contacts(u).end(),
                        network.Contacts(v).begin(), network.Contacts(v).end(),
                        std::back_inserter(common));
  auto key = [&](MemberId id) {
    const OracleMember& member = network.members.at(id);
    return std::tuple<const std::string&, const std::string&, MemberId>(member.first_name,
                                                                         member.last_name, id);
  };
  std::sort(common.begin(), common.end(),
            [&](MemberId a, MemberId b) { return key(a) < key(b); });
  return common;
}

std::vector<MemberId> OracleRankIntroducers(const OracleNetwork& network,
                                            std::vector<MemberId> introducers) {
  // Most selective first: fewest contacts, then name, then id.
  auto key = [&](MemberId id) {
    const OracleMember& member = network.members.at(id);
    return std::tuple<size_t, std::string, std::string, MemberId>(
        network.Contacts(id).size(), member.first_name, member.last_name, id);
  };
  std::sort(introducers.begin(), introducers.end(),
            [&](MemberId a, MemberId b) { return key(a) < key(b); });
  return introducers;
}

OracleReach OracleReachOf(const OracleNetwork& network, MemberId u) {
  OracleReach reach;
  for (const auto& [member, distance] : network.Distances(u, 3)) {
    if (distance == 1) ++reach.first;
    if (distance == 2) ++reach.second;
    if (distance == 3) ++reach.third;
  }
  reach.naive = network.Contacts(u).size();
  for (MemberId contact : network.Contacts(u)) reach.naive += network.Contacts(contact).size();
  return reach;
}

std::optional<int> OracleDistance(const OracleNetwork& network, MemberId u, MemberId v,
                                  int max_hops) {
  const auto distances = network.Distances(u, max_hops);
  auto it = distances.find(v);
  if (it == distances.end()) return std::nullopt;
  return it->second;
}

uint64_t OracleMarginalReach(const OracleNetwork& network, MemberId u, MemberId s) {
  if (u == s || !network.members.count(u) || !network.members.count(s)) return 0;
  const auto before = network.Distances(u, 2);
  // Connect, recount, compare: the definition itself.
  OracleNetwork after = network;
  after.Connect(u, s);
  return after.Distances(u, 2).size() - before.size();
}

namespace {

bool SameCity(const OracleMember& a, const OracleMember& b) {
  return !a.city.empty() && Fold(a.city) == Fold(b.city);
}

bool SameEmployer(const OracleMember& a, const OracleMember& b) {
  for (const auto& x : a.positions) {
    for (const auto& y : b.positions) {
      if (x.current && y.current && x.organization == y.organization) return true;
    }
  }
  return false;
}

bool SameSchool(const OracleMember& a, const OracleMember& b) {
  for (const auto& x : a.educations) {
    for (const auto& y : b.educations) {
      if (x.school == y.school) return true;
    }
  }
  return false;
}

uint64_t CommonCount(const OracleNetwork& network, MemberId u, MemberId v) {
  uint64_t count = 0;
  for (MemberId contact : network.Contacts(u)) count += network.Contacts(v).count(contact);
  return count;
}

}  // namespace

std::vector<OracleSuggestion> OraclePymk(const OracleNetwork& network, MemberId u) {
  std::vector<OracleSuggestion> suggestions;
  if (!network.members.count(u)) return suggestions;
  const OracleMember& self = network.members.at(u);
  for (const auto& [member, distance] : network.Distances(u, 2)) {
    if (distance != 2) continue;
    const OracleMember& other = network.members.at(member);
    suggestions.push_back({.member = member,
                           .mutual = CommonCount(network, u, member),
                           .same_employer = SameEmployer(self, other),
                           .same_school = SameSchool(self, other),
                           .same_city = SameCity(self, other)});
  }
  std::sort(suggestions.begin(), suggestions.end(),
            [](const OracleSuggestion& a, const OracleSuggestion& b) {
              return std::make_tuple(-static_cast<int64_t>(a.mutual), !a.same_employer,
                                     !a.same_school, !a.same_city, a.member) <
                     std::make_tuple(-static_cast<int64_t>(b.mutual), !b.same_employer,
                                     !b.same_school, !b.same_city, b.member);
            });
  return suggestions;
}

namespace {

// The words of a folded text (Fold leaves single spaces between them).
std::vector<std::string> Words(const std::string& folded) {
  std::vector<std::string> words;
  std::string word;
  for (char c : folded + ' ') {
    if (c != ' ') {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

std::string Join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string RegexEscape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) escaped += '\\';
    escaped += c;
  }
  return escaped;
}

// docs/search.md as a regular expression over the folded title: the term's words on
// consecutive title words ("[^ ]*" being the rest of a word), each the whole word, or
// (the last) its start, or (4 characters or more) its end.
const std::regex& TermRegex(const std::string& term) {
  thread_local std::map<std::string, std::regex> compiled;
  auto it = compiled.find(term);
  if (it != compiled.end()) return it->second;
  const std::vector<std::string> words = Words(term);
  std::string pattern = "(^| )";
  for (size_t j = 0; j < words.size(); ++j) {
    const std::string word = RegexEscape(words[j]);
    std::string alternatives = word;
    if (j + 1 == words.size()) alternatives += "|" + word + "[^ ]*";
    if (CodePoints(words[j]) >= 4) alternatives += "|[^ ]*" + word;
    pattern += (j > 0 ? " " : "") + ("(" + alternatives + ")");
  }
  pattern += "( |$)";
  return compiled.emplace(term, std::regex(pattern)).first->second;
}

// The [titles] groups of data/vocabulary.txt, read from the source tree the simple way:
// lines of the section, split at "|", each term folded. The engine's parser
// (query/vocabulary.h) checks the format; this only has to find the same words.
// The groups of one section of data/vocabulary.txt, folded, read from the source tree.
std::vector<std::vector<std::string>>* ReadSection(std::string_view section) {
  auto* read = new std::vector<std::vector<std::string>>();
  std::ifstream file(LEDD_VOCABULARY);
  if (!file) {
    std::fprintf(stderr, "cannot read %s\n", LEDD_VOCABULARY);
    std::abort();
  }
  bool inside = false;
  for (std::string line; std::getline(file, line);) {
    if (line.starts_with("[")) inside = line.starts_with(section);
    if (!inside || line.empty() || line[0] == '#' || line[0] == '[') continue;
    std::vector<std::string> group;
    std::stringstream terms(line);
    for (std::string term; std::getline(terms, term, '|');) group.push_back(Fold(term));
    read->push_back(std::move(group));
  }
  return read;
}

const std::vector<std::vector<std::string>>& OrganizationGroups() {
  static const auto* const groups = ReadSection("[organizations]");
  return *groups;
}

const std::vector<std::vector<std::string>>& TitleSynonyms() {
  static const auto* const groups = [] {
    auto* read = new std::vector<std::vector<std::string>>();
    std::ifstream file(LEDD_VOCABULARY);
    if (!file) {
      std::fprintf(stderr, "cannot read %s\n", LEDD_VOCABULARY);
      std::abort();
    }
    bool titles = false;
    for (std::string line; std::getline(file, line);) {
      if (line.starts_with("[")) titles = line.starts_with("[titles]");
      if (!titles || line.empty() || line[0] == '#' || line[0] == '[') continue;
      std::vector<std::string> group;
      std::stringstream terms(line);
      for (std::string term; std::getline(terms, term, '|');) group.push_back(Fold(term));
      read->push_back(std::move(group));
    }
    return read;
  }();
  return *groups;
}

}  // namespace

std::vector<std::string> OracleTitleTerms(const std::string& text) {
  const std::vector<std::string> words = Words(Fold(text));
  if (words.empty()) return {};
  std::vector<std::string> terms = {Join(words)};
  for (size_t i = 0; i < words.size(); ++i) {
    for (const auto& group : TitleSynonyms()) {
      if (std::find(group.begin(), group.end(), words[i]) == group.end()) continue;
      for (const std::string& other : group) {
        if (other == words[i]) continue;
        std::vector<std::string> variant = words;
        variant[i] = other;
        terms.push_back(Join(variant));
      }
    }
  }
  return terms;
}

bool OracleTitleMatches(const std::string& title, const std::vector<std::string>& terms) {
  const std::string folded = Fold(title);
  for (const std::string& term : terms) {
    if (!term.empty() && std::regex_search(folded, TermRegex(term))) return true;
  }
  return false;
}

namespace {

bool NameMatches(const OracleMember& member, const std::string& prefix) {
  std::string name = member.first_name;
  if (!name.empty() && !member.last_name.empty()) name += ' ';
  name += member.last_name;
  const std::string folded = Fold(name);
  // Word starts: position 0 and every position after a space or a hyphen.
  for (size_t at = 0; at < folded.size(); ++at) {
    if (at > 0 && folded[at - 1] != ' ' && folded[at - 1] != '-') continue;
    if (folded.compare(at, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

bool Matches(const OracleMember& member, const OracleFilters& filters,
             const std::vector<std::string>& title_terms) {
  if (!filters.title.empty()) {
    bool found = false;
    for (const auto& position : member.positions) {
      found |= OracleTitleMatches(position.title, title_terms);
    }
    if (!found) return false;
  }
  auto exact = [](const std::string& value, const std::string& wanted) {
    return wanted.empty() || (!value.empty() && Fold(value) == Fold(wanted));
  };
  if (!exact(member.city, filters.city)) return false;
  if (!exact(member.country, filters.country)) return false;
  if (!exact(member.industry, filters.industry)) return false;
  if (!filters.company.empty()) {
    bool found = false;
    for (const auto& position : member.positions) {
      found |= exact(position.organization_name, filters.company);
    }
    if (!found) return false;
  }
  if (!filters.school.empty()) {
    bool found = false;
    for (const auto& education : member.educations) {
      found |= exact(education.school_name, filters.school);
    }
    if (!found) return false;
  }
  if (!filters.field.empty()) {
    bool found = false;
    for (const auto& education : member.educations) found |= exact(education.field, filters.field);
    if (!found) return false;
  }
  if (!filters.name.empty() && !NameMatches(member, Fold(filters.name))) return false;
  return true;
}

}  // namespace

OracleSearchResult OracleSearch(const OracleNetwork& network, MemberId u,
                                const OracleFilters& filters, const std::set<int>& degrees) {
  OracleSearchResult result;
  if (!network.members.count(u)) return result;
  std::map<MemberId, int> distances = network.Distances(u, 3);
  if (degrees.count(kOracleBeyond)) {
    for (const auto& [member, profile] : network.members) {
      if (!distances.count(member) && profile.in_directory) distances[member] = kOracleBeyond;
    }
  }
  const std::vector<std::string> title_terms = OracleTitleTerms(filters.title);
  for (const auto& [member, distance] : distances) {
    if (!degrees.count(distance) || distance == 0) continue;
    const OracleMember& profile = network.members.at(member);
    if (!Matches(profile, filters, title_terms)) continue;
    result.hits.push_back({.member = member,
                           .degree = distance == kOracleBeyond ? 0 : distance,
                           .mutual = distance >= 3 ? 0 : CommonCount(network, u, member)});
    auto add = [&](const std::string& facet, const std::set<std::string>& values) {
      for (const auto& value : values) {
        if (!value.empty()) ++result.facets[facet][value];
      }
    };
    std::set<std::string> titles, companies, schools, fields;
    for (const auto& position : profile.positions) {
      titles.insert(Fold(position.title));
      companies.insert(Fold(position.organization_name));
    }
    for (const auto& education : profile.educations) {
      schools.insert(Fold(education.school_name));
      fields.insert(Fold(education.field));
    }
    add("title", titles);
    add("company", companies);
    add("school", schools);
    add("field", fields);
    add("city", {Fold(profile.city)});
    add("country", {Fold(profile.country)});
    add("industry", {Fold(profile.industry)});
  }
  auto key = [&](const OracleHit& hit) {
    const OracleMember& profile = network.members.at(hit.member);
    const bool beyond = hit.degree == 0;
    return std::make_tuple(beyond ? kOracleBeyond : hit.degree, -static_cast<int64_t>(hit.mutual),
                           beyond ? Fold(profile.last_name) : std::string(),
                           beyond ? Fold(profile.first_name) : std::string(), hit.member);
  };
  std::sort(result.hits.begin(), result.hits.end(),
            [&](const OracleHit& a, const OracleHit& b) { return key(a) < key(b); });
  return result;
}

std::vector<OracleOrganizationHit> OracleFindOrganizations(
    const OracleNetwork& network, const std::vector<OracleOrganization>& organizations,
    const std::string& text, std::optional<bool> schools, size_t limit) {
  const std::string typed = Fold(text);
  std::vector<std::string> aliases;
  for (const auto& group : OrganizationGroups()) {
    if (std::find(group.begin(), group.end(), typed) != group.end()) aliases = group;
  }
  struct Ranked {
    OracleOrganizationHit hit;
    std::string folded;
  };
  std::vector<Ranked> ranked;
  for (const OracleOrganization& organization : organizations) {
    if (schools && *schools != organization.school) continue;
    const std::string folded = Fold(organization.name);
    const bool exact = (!typed.empty() && folded == typed) ||
                       std::find(aliases.begin(), aliases.end(), folded) != aliases.end();
    // The text is a prefix of the name from one of its word starts.
    bool prefix = false;
    for (size_t start = 0; start <= folded.size() && !prefix; ++start) {
      if (start > 0 && folded[start - 1] != ' ') continue;
      prefix = std::string_view(folded).substr(start).starts_with(typed);
    }
    if (!exact && !prefix) continue;
    std::set<MemberId> members;
    for (const auto& [id, member] : network.members) {
      if (organization.school) {
        for (const OracleEducation& education : member.educations) {
          if (Fold(education.school_name) == folded) members.insert(id);
        }
      } else {
        for (const OraclePosition& position : member.positions) {
          if (Fold(position.organization_name) == folded) members.insert(id);
        }
      }
    }
    ranked.push_back({{organization.id, static_cast<int64_t>(members.size()), exact}, folded});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) {
    return std::tuple(!x.hit.exact, -x.hit.members, x.folded, x.hit.id) <
           std::tuple(!y.hit.exact, -y.hit.members, y.folded, y.hit.id);
  });
  std::vector<OracleOrganizationHit> hits;
  for (size_t i = 0; i < ranked.size() && i < limit; ++i) hits.push_back(ranked[i].hit);
  return hits;
}

}  // namespace ledd::testing
