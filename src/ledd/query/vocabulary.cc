#include "ledd/query/vocabulary.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/status/status.h"
#include "fmt/core.h"
#include "ledd/base/fold.h"

namespace ledd::query {
namespace {

// `text` without the spaces and tabs at either end (and a '\r' of CRLF files).
std::string_view Trim(std::string_view text) {
  constexpr std::string_view kBlank = " \t\r";
  const size_t begin = text.find_first_not_of(kBlank);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kBlank) - begin + 1);
}

absl::flat_hash_map<std::string, uint32_t>::const_iterator Find(
    const absl::flat_hash_map<std::string, uint32_t>& index, std::string_view folded) {
  // Debian's Abseil has its own string_view: look up through it, without a copy.
  return index.find(absl::string_view(folded.data(), folded.size()));
}

}  // namespace

absl::StatusOr<Vocabulary> Vocabulary::Parse(std::string_view text, std::string_view source) {
  Vocabulary vocabulary;
  struct Section {
    std::vector<std::vector<std::string>>* groups;
    absl::flat_hash_map<std::string, uint32_t>* index;
    std::vector<int> lines;  // The line of each group, for error messages.
    bool single_words;
  };
  Section titles{&vocabulary.title_groups_, &vocabulary.title_index_, {}, true};
  Section fields{&vocabulary.field_groups_, &vocabulary.field_index_, {}, false};
  Section organizations{&vocabulary.organization_groups_, &vocabulary.organization_index_, {},
                        false};
  Section* section = nullptr;
  int line_number = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = Trim(text.substr(at, end - at));
    at = end + 1;
    ++line_number;
    auto error = [&](std::string_view message) {
      return absl::InvalidArgumentError(fmt::format("{}:{}: {}", source, line_number, message));
    };
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      if (line == "[titles]") {
        section = &titles;
      } else if (line == "[fields]") {
        section = &fields;
      } else if (line == "[organizations]") {
        section = &organizations;
      } else {
        return error(fmt::format(
            "unknown section {} (sections: [titles], [fields], [organizations])", line));
      }
      continue;
    }
    if (section == nullptr) {
      return error(
          "a group before any section: start with [titles], [fields] or [organizations]");
    }
    const uint32_t group = static_cast<uint32_t>(section->groups->size());
    std::vector<std::string> terms;
    for (size_t from = 0; from <= line.size();) {
      size_t bar = line.find('|', from);
      if (bar == std::string_view::npos) bar = line.size();
      const std::string_view term = Trim(line.substr(from, bar - from));
      from = bar + 1;
      std::string folded = Fold(term);
      if (folded.empty()) {
        return error(term.empty()
                         ? std::string("an empty term (two \"|\" in a row, or one at an end)")
                         : fmt::format("\"{}\" has no letters or digits", term));
      }
      if (section->single_words && folded.find(' ') != std::string::npos) {
        return error(fmt::format("\"{}\" is more than one word; a title term is one word", term));
      }
      if (const auto found = Find(*section->index, folded); found != section->index->end()) {
        if (found->second == group) {
          return error(fmt::format("\"{}\" is twice in the group", term));
        }
        return error(fmt::format("\"{}\" is already in the group of line {}", term,
                                 section->lines[found->second]));
      }
      section->index->emplace(folded, group);
      terms.push_back(std::move(folded));
    }
    if (terms.size() < 2) {
      return error(
          fmt::format("\"{}\" alone is no group: separate equivalent terms with \"|\"", line));
    }
    section->groups->push_back(std::move(terms));
    section->lines.push_back(line_number);
  }
  return vocabulary;
}

const Vocabulary& Vocabulary::Builtin() {
  static const Vocabulary* const builtin = [] {
    absl::StatusOr<Vocabulary> parsed = Parse(VocabularyText(), "data/vocabulary.txt");
    if (!parsed.ok()) {
      std::fprintf(stderr, "ledd was built with a malformed vocabulary: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return new Vocabulary(*std::move(parsed));
  }();
  return *builtin;
}

std::span<const std::string> Vocabulary::TitleSynonyms(std::string_view folded_word) const {
  const auto found = Find(title_index_, folded_word);
  if (found == title_index_.end()) return {};
  return title_groups_[found->second];
}

ConceptId Vocabulary::FieldConcept(std::string_view folded_field) const {
  const auto found = Find(field_index_, folded_field);
  return found == field_index_.end() ? kNoConcept : found->second;
}

std::span<const std::string> Vocabulary::OrganizationNames(std::string_view folded_name) const {
  const auto found = Find(organization_index_, folded_name);
  if (found == organization_index_.end()) return {};
  return organization_groups_[found->second];
}

}  // namespace ledd::query
