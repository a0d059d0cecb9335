#include "ledd/store/model.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "fmt/format.h"

namespace ledd::store {
namespace {

template <typename Enum, size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& names,
                        Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "?";
}

template <typename Enum, size_t N>
absl::StatusOr<Enum> ValueOf(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view what, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  std::vector<std::string_view> allowed;
  for (const auto& entry : names) allowed.push_back(entry.second);
  return absl::InvalidArgumentError(fmt::format("unknown {} \"{}\" (expected {})", what,
                                                text, fmt::join(allowed, ", ")));
}

constexpr std::array<std::pair<Policy, std::string_view>, 2> kPolicies{{
    {Policy::kLiberal, "liberal"},
    {Policy::kSelective, "selective"},
}};

constexpr std::array<std::pair<InvitationState, std::string_view>, kInvitationStateCount>
    kInvitationStates{{
        {InvitationState::kPending, "pending"},
        {InvitationState::kAccepted, "accepted"},
        {InvitationState::kIgnored, "ignored"},
        {InvitationState::kWithdrawn, "withdrawn"},
        {InvitationState::kReported, "reported"},
    }};

constexpr std::array<std::pair<OrganizationKind, std::string_view>, 2> kOrganizationKinds{{
    {OrganizationKind::kCompany, "company"},
    {OrganizationKind::kSchool, "school"},
}};

constexpr std::array<std::pair<ConnectionsVisibility, std::string_view>, 3> kVisibilities{{
    {ConnectionsVisibility::kEveryone, "everyone"},
    {ConnectionsVisibility::kConnections, "connections"},
    {ConnectionsVisibility::kOnlyMe, "only_me"},
}};

constexpr std::array<std::pair<NotificationKind, std::string_view>, 4> kNotificationKinds{{
    {NotificationKind::kNewPost, "new_post"},
    {NotificationKind::kNewComment, "new_comment"},
    {NotificationKind::kNewInvitation, "new_invitation"},
    {NotificationKind::kInvitationAccepted, "invitation_accepted"},
}};

constexpr std::array<std::pair<EventKind, std::string_view>, 15> kEventKinds{{
    {EventKind::kImport, "import"},
    {EventKind::kMemberAdded, "member_added"},
    {EventKind::kMemberUpdated, "member_updated"},
    {EventKind::kConnectionAdded, "connection_added"},
    {EventKind::kConnectionRemoved, "connection_removed"},
    {EventKind::kFollowAdded, "follow_added"},
    {EventKind::kFollowRemoved, "follow_removed"},
    {EventKind::kInvitationChanged, "invitation_changed"},
    {EventKind::kPostAdded, "post_added"},
    {EventKind::kCommentAdded, "comment_added"},
    {EventKind::kOrganizationAdded, "organization_added"},
    {EventKind::kSavedSearchChanged, "saved_search_changed"},
    {EventKind::kBlockChanged, "block_changed"},
    {EventKind::kPostViewed, "post_viewed"},
    {EventKind::kNotificationsRead, "notifications_read"},
}};

}  // namespace

std::string_view PolicyName(Policy policy) { return NameOf(kPolicies, policy); }
absl::StatusOr<Policy> ParsePolicy(std::string_view name) {
  return ValueOf(kPolicies, "policy", name);
}

std::string_view InvitationStateName(InvitationState state) {
  return NameOf(kInvitationStates, state);
}
absl::StatusOr<InvitationState> ParseInvitationState(std::string_view name) {
  return ValueOf(kInvitationStates, "invitation state", name);
}

std::string_view OrganizationKindName(OrganizationKind kind) {
  return NameOf(kOrganizationKinds, kind);
}
absl::StatusOr<OrganizationKind> ParseOrganizationKind(std::string_view name) {
  return ValueOf(kOrganizationKinds, "organization kind", name);
}

std::string_view ConnectionsVisibilityName(ConnectionsVisibility visibility) {
  return NameOf(kVisibilities, visibility);
}
absl::StatusOr<ConnectionsVisibility> ParseConnectionsVisibility(std::string_view name) {
  return ValueOf(kVisibilities, "connections visibility", name);
}

std::string_view NotificationKindName(NotificationKind kind) {
  return NameOf(kNotificationKinds, kind);
}
absl::StatusOr<NotificationKind> ParseNotificationKind(std::string_view name) {
  return ValueOf(kNotificationKinds, "notification kind", name);
}

std::string_view EventKindName(EventKind kind) { return NameOf(kEventKinds, kind); }
absl::StatusOr<EventKind> ParseEventKind(std::string_view name) {
  return ValueOf(kEventKinds, "event kind", name);
}

std::string FormatMarkets(const Markets& markets) {
  switch (markets.kind) {
    case Markets::Kind::kHome:
      return "home";
    case Markets::Kind::kInternational:
      return "international";
    case Markets::Kind::kListed:
      return fmt::format("{}", fmt::join(markets.countries, ";"));
  }
  return "home";
}

absl::StatusOr<Markets> ParseMarkets(std::string_view text) {
  Markets markets;
  if (text.empty() || text == "home") return markets;
  if (text == "international") {
    markets.kind = Markets::Kind::kInternational;
    return markets;
  }
  markets.kind = Markets::Kind::kListed;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of(";,", start);
    if (end == std::string_view::npos) end = text.size();
    std::string code(text.substr(start, end - start));
    start = end + 1;
    if (code.empty()) continue;
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (code.size() != 2 || !std::isupper(code[0]) || !std::isupper(code[1])) {
      return absl::InvalidArgumentError(fmt::format(
          "markets must be home, international or alpha-2 country codes separated by ';', "
          "not \"{}\"",
          text));
    }
    markets.countries.push_back(std::move(code));
  }
  std::sort(markets.countries.begin(), markets.countries.end());
  markets.countries.erase(std::unique(markets.countries.begin(), markets.countries.end()),
                          markets.countries.end());
  if (markets.countries.empty()) markets.kind = Markets::Kind::kHome;
  return markets;
}

}  // namespace ledd::store
