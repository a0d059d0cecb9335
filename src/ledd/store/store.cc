#include "ledd/store/store.h"

#include <algorithm>

#include "fmt/format.h"
#include "ledd/base/fold.h"
#include "ledd/base/status_macros.h"

namespace ledd::store {
namespace {

std::string_view MessageOf(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

}  // namespace

bool ProfileFacts::Blocks(MemberId viewer) const {
  return std::binary_search(blocked.begin(), blocked.end(), viewer);
}

std::optional<InvitationId> ProfileFacts::InvitationTo(MemberId viewer) const {
  auto it = std::lower_bound(invitations_sent.begin(), invitations_sent.end(), viewer,
                             [](const auto& sent, MemberId to) { return sent.first < to; });
  if (it == invitations_sent.end() || it->first != viewer) return std::nullopt;
  return it->second;
}

size_t ProfileFacts::Bytes() const {
  size_t bytes = sizeof(*this) + summary.capacity() +
                 education_degrees.capacity() * sizeof(std::string) +
                 blocked.capacity() * sizeof(MemberId) +
                 invitations_sent.capacity() * sizeof(invitations_sent[0]);
  for (const std::string& degree : education_degrees) bytes += degree.capacity();
  return bytes;
}

absl::Status ValidateOrganizationName(std::string_view name, std::string_view country) {
  if (Fold(name).empty()) {
    return absl::InvalidArgumentError(
        name.empty() ? std::string("an organization needs a name")
                     : fmt::format("\"{}\" is no organization name: it has no letters or "
                                   "digits",
                                   name));
  }
  if (!country.empty() && !IsCountryCode(country)) {
    return absl::InvalidArgumentError(
        fmt::format("\"{}\" is not an ISO 3166 country code", country));
  }
  return absl::OkStatus();
}

absl::Status ValidateProfileUpdate(const ProfileUpdate& update) {
  if (update.profile) {
    if (update.profile->id != update.member) {
      return absl::InvalidArgumentError(fmt::format(
          "a profile update of member {} carries member {}", update.member, update.profile->id));
    }
    LEDD_RETURN_IF_ERROR(ValidateMember(*update.profile));
  }
  auto located = [](std::string_view where, absl::Status status) {
    if (status.ok()) return status;
    return absl::Status(status.code(), fmt::format("{}: {}", where, MessageOf(status)));
  };
  auto check_named = [&](std::string_view where, const std::optional<NamedOrganization>& named) {
    if (!named) return absl::OkStatus();
    LEDD_RETURN_IF_ERROR(located(where, ValidateOrganization({.name = named->name,
                                                              .industry = named->industry,
                                                              .country = named->country})));
    return located(where, ValidateOrganizationName(named->name, named->country));
  };
  if (update.positions) {
    for (size_t i = 0; i < update.positions->size(); ++i) {
      const ProfilePosition& entry = (*update.positions)[i];
      const std::string where = fmt::format("positions[{}]", i);
      LEDD_RETURN_IF_ERROR(located(where, ValidatePosition(entry.position)));
      LEDD_RETURN_IF_ERROR(check_named(where, entry.named));
      if (entry.position.member_id != update.member) {
        return absl::InvalidArgumentError(fmt::format("a position of member {} names member {}",
                                                      update.member, entry.position.member_id));
      }
    }
  }
  if (update.educations) {
    for (size_t i = 0; i < update.educations->size(); ++i) {
      const ProfileEducation& entry = (*update.educations)[i];
      const std::string where = fmt::format("educations[{}]", i);
      LEDD_RETURN_IF_ERROR(located(where, ValidateEducation(entry.education)));
      LEDD_RETURN_IF_ERROR(check_named(where, entry.named));
      if (entry.education.member_id != update.member) {
        return absl::InvalidArgumentError(fmt::format("an education of member {} names member {}",
                                                      update.member, entry.education.member_id));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace ledd::store
