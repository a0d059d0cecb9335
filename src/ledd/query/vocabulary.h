#pragma once
// The vocabulary: groups of terms that mean the same in Norwegian and English, from
// data/vocabulary.txt (its header states the format), compiled into the binary. Three
// sections: job-title words, which search swaps for their synonyms (search.h,
// TitleTerms); fields of study, which advice compares by concept (the same field is
// the same folded text, or two fields of one group: docs/triage.md, "Fields of study");
// and the names of organizations people know by an abbreviation or an older or English
// name ("UiO" = "Universitetet i Oslo" = "University of Oslo"), which the organization
// type-ahead matches (organizations.h).
//
// Terms are held folded (base/fold.h): "Informatikk", "INFORMATIKK" and "informatikk"
// are one term, "Økonomi" is "okonomi". Invariants of a parsed vocabulary: every group
// has at least two distinct terms, no term folds to nothing, no term is in two groups of
// its section, and a title term is one word.
//
// Thread-safety: a Vocabulary is immutable once parsed; Builtin() is built once, on
// first use, and safe to share.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace ledd::query {

// A group of equivalent terms, by its index in its section (file order).
using ConceptId = uint32_t;
inline constexpr ConceptId kNoConcept = UINT32_MAX;

class Vocabulary {
 public:
  // Parses text in data/vocabulary.txt's format. A malformed line is an
  // InvalidArgumentError that starts with "`source`:LINE: " and says what is wrong.
  static absl::StatusOr<Vocabulary> Parse(std::string_view text, std::string_view source);

  // data/vocabulary.txt as compiled into the binary, parsed on first use. The file is
  // part of the build, not input: if it does not parse (tests/query/vocabulary_test.cc
  // would have failed), the process stops with the parse error.
  static const Vocabulary& Builtin();

  // The folded title words of each group, in file order, each group in file order.
  std::span<const std::vector<std::string>> TitleGroups() const { return title_groups_; }
  // The group of a folded title word (one word, as Fold writes it): the word and its
  // synonyms, in file order. Empty when the word is in no group.
  std::span<const std::string> TitleSynonyms(std::string_view folded_word) const;

  // The folded field names of each group, in file order; a group's index is its ConceptId.
  std::span<const std::vector<std::string>> FieldGroups() const { return field_groups_; }
  // The concept of a folded field name, or kNoConcept when it is in no group.
  ConceptId FieldConcept(std::string_view folded_field) const;

  // The folded names of each organization group, in file order.
  std::span<const std::vector<std::string>> OrganizationGroups() const {
    return organization_groups_;
  }
  // The group of a folded organization name ("uio", "university of oslo"): every name
  // of that organization, in file order. Empty when the name is in no group.
  std::span<const std::string> OrganizationNames(std::string_view folded_name) const;

 private:
  // Per section: the groups, and each folded term's group.
  std::vector<std::vector<std::string>> title_groups_;
  absl::flat_hash_map<std::string, uint32_t> title_index_;
  std::vector<std::vector<std::string>> field_groups_;
  absl::flat_hash_map<std::string, uint32_t> field_index_;
  std::vector<std::vector<std::string>> organization_groups_;
  absl::flat_hash_map<std::string, uint32_t> organization_index_;
};

// The text of data/vocabulary.txt, as the build embedded it.
std::string_view VocabularyText();

}  // namespace ledd::query
