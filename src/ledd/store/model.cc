#include "ledd/store/model.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "unicode/uloc.h"
#include "unicode/utf8.h"

namespace ledd::store {
namespace {

template <typename Enum, size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
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
  return absl::InvalidArgumentError(
      fmt::format("unknown {} \"{}\" (expected {})", what, text, fmt::join(allowed, ", ")));
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

constexpr std::array<std::pair<NotificationKind, std::string_view>, 5> kNotificationKinds{{
    {NotificationKind::kNewPost, "new_post"},
    {NotificationKind::kNewComment, "new_comment"},
    {NotificationKind::kNewInvitation, "new_invitation"},
    {NotificationKind::kInvitationAccepted, "invitation_accepted"},
    {NotificationKind::kWarning, "warning"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles{{
    {Role::kMember, "member"},
    {Role::kModerator, "moderator"},
    {Role::kAdmin, "admin"},
}};

constexpr std::array<std::pair<ReportSubject, std::string_view>, 3> kReportSubjects{{
    {ReportSubject::kInvitation, "invitation"},
    {ReportSubject::kPost, "post"},
    {ReportSubject::kComment, "comment"},
}};

constexpr std::array<std::pair<ReportReason, std::string_view>, 6> kReportReasons{{
    {ReportReason::kUnknownPerson, "unknown_person"},
    {ReportReason::kSpam, "spam"},
    {ReportReason::kHarassment, "harassment"},
    {ReportReason::kInappropriate, "inappropriate"},
    {ReportReason::kMisinformation, "misinformation"},
    {ReportReason::kOther, "other"},
}};

constexpr std::array<std::pair<ReportState, std::string_view>, 4> kReportStates{{
    {ReportState::kOpen, "open"},
    {ReportState::kDismissed, "dismissed"},
    {ReportState::kActioned, "actioned"},
    {ReportState::kWithdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<ModerationAction, std::string_view>, 6> kModerationActions{{
    {ModerationAction::kDismiss, "dismiss"},
    {ModerationAction::kWarn, "warn"},
    {ModerationAction::kSuspend, "suspend"},
    {ModerationAction::kRemove, "remove"},
    {ModerationAction::kLift, "lift"},
    {ModerationAction::kRole, "role"},
}};

constexpr std::array<std::pair<AppearanceKind, std::string_view>, 3> kAppearanceKinds{{
    {AppearanceKind::kTalk, "talk"},
    {AppearanceKind::kMedia, "media"},
    {AppearanceKind::kCourse, "course"},
}};

constexpr std::array<std::pair<EmailInvitationState, std::string_view>, 4>
    kEmailInvitationStates{{
        {EmailInvitationState::kPending, "pending"},
        {EmailInvitationState::kAccepted, "accepted"},
        {EmailInvitationState::kWithdrawn, "withdrawn"},
        {EmailInvitationState::kExpired, "expired"},
    }};

constexpr std::array<std::pair<AccountTokenPurpose, std::string_view>, 2> kAccountTokenPurposes{{
    {AccountTokenPurpose::kVerifyEmail, "verify_email"},
    {AccountTokenPurpose::kResetPassword, "reset_password"},
}};

std::string_view TrimSpaces(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool ParseId(std::string_view text, int64_t& id) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  return error == std::errc() && end == text.data() + text.size();
}

// '' is no origin: the stored invitations.via_kind of one sent from no page.
constexpr std::array<std::pair<InvitationVia::Kind, std::string_view>, 3> kViaKinds{{
    {InvitationVia::Kind::kNone, ""},
    {InvitationVia::Kind::kPost, "post"},
    {InvitationVia::Kind::kAppearance, "appearance"},
}};

constexpr std::array<std::pair<EventKind, std::string_view>, 16> kEventKinds{{
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
    {EventKind::kMemberErased, "member_erased"},
}};

}  // namespace

bool IsCountryCode(std::string_view code) {
  for (const char* const* country = uloc_getISOCountries(); *country != nullptr; ++country) {
    if (code == *country) return true;
  }
  return false;
}

int64_t CharacterCount(std::string_view text) {
  return static_cast<int64_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

absl::Status CheckText(std::string_view what, std::string_view text, int max_characters,
                       TextLines lines) {
  // ICU's U8_NEXT is the decoder: it refuses overlong forms, surrogates and code points
  // past U+10FFFF, which a hand-written lead-byte check would let through.
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int64_t length = static_cast<int64_t>(text.size());
  int64_t characters = 0;
  for (int64_t i = 0; i < length; ++characters) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return absl::InvalidArgumentError(fmt::format("the {} is not valid UTF-8", what));
    const bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
    const bool allowed = lines == TextLines::kMulti && (c == '\n' || c == '\t');
    if (control && !allowed) {
      return absl::InvalidArgumentError(
          fmt::format("the {} contains a control character (U+{:04X})", what, c));
    }
  }
  if (characters > max_characters) {
    return absl::InvalidArgumentError(fmt::format(
        "the {} has {} characters; at most {} are allowed", what, characters, max_characters));
  }
  return absl::OkStatus();
}

absl::Status ValidateMember(const Member& member) {
  LEDD_RETURN_IF_ERROR(CheckText("handle", member.handle, kMaxHandle));
  LEDD_RETURN_IF_ERROR(CheckText("first name", member.first_name, kMaxName));
  LEDD_RETURN_IF_ERROR(CheckText("last name", member.last_name, kMaxName));
  LEDD_RETURN_IF_ERROR(CheckText("headline", member.headline, kMaxHeadline));
  LEDD_RETURN_IF_ERROR(CheckText("summary", member.summary, kMaxSummary, TextLines::kMulti));
  LEDD_RETURN_IF_ERROR(CheckText("city", member.city, kMaxPlace));
  LEDD_RETURN_IF_ERROR(CheckText("country", member.country, 2));
  LEDD_RETURN_IF_ERROR(CheckText("industry", member.industry, kMaxPlace));
  return CheckText("email", member.email, kMaxEmail);
}

absl::Status ValidateOrganization(const Organization& organization) {
  LEDD_RETURN_IF_ERROR(CheckText("organization name", organization.name, kMaxOrganizationName));
  LEDD_RETURN_IF_ERROR(CheckText("industry", organization.industry, kMaxPlace));
  return CheckText("country", organization.country, 2);
}

absl::Status ValidatePosition(const Position& position) {
  return CheckText("position title", position.title, kMaxTitle);
}

absl::Status ValidateEducation(const Education& education) {
  LEDD_RETURN_IF_ERROR(CheckText("field of study", education.field, kMaxTitle));
  return CheckText("degree", education.degree, kMaxTitle);
}

absl::Status ValidateInvitation(const Invitation& invitation) {
  LEDD_RETURN_IF_ERROR(CheckText("note", invitation.note, kMaxInvitationNote, TextLines::kMulti));
  return CheckText("invitation kind", invitation.kind, kMaxLabel);
}

absl::Status ValidatePost(const Post& post) {
  LEDD_RETURN_IF_ERROR(CheckText("title", post.title, kMaxPostTitle));
  return CheckText("body", post.body, kMaxPostBody, TextLines::kMulti);
}

absl::Status ValidateComment(const Comment& comment) {
  return CheckText("comment", comment.body, kMaxCommentBody, TextLines::kMulti);
}

absl::Status ValidateSavedSearch(const SavedSearch& search) {
  LEDD_RETURN_IF_ERROR(CheckText("saved search name", search.name, kMaxSavedSearchText));
  const SavedSearchFilters& filters = search.filters;
  for (const auto& [what, text] :
       {std::pair{"title filter", &filters.title}, std::pair{"city filter", &filters.city},
        std::pair{"country filter", &filters.country},
        std::pair{"company filter", &filters.company}, std::pair{"school filter", &filters.school},
        std::pair{"field filter", &filters.field}, std::pair{"industry filter", &filters.industry},
        std::pair{"name filter", &filters.name}}) {
    LEDD_RETURN_IF_ERROR(CheckText(what, *text, kMaxSavedSearchText));
  }
  return absl::OkStatus();
}

absl::Status ValidateAppearance(const Appearance& appearance) {
  LEDD_RETURN_IF_ERROR(CheckText("title", appearance.title, kMaxAppearanceTitle));
  LEDD_RETURN_IF_ERROR(CheckText("event", appearance.event, kMaxAppearanceTitle));
  LEDD_RETURN_IF_ERROR(CheckText("place", appearance.place, kMaxPlace));
  LEDD_RETURN_IF_ERROR(CheckText("link", appearance.link, kMaxLink));
  if (TrimSpaces(appearance.title).empty()) {
    return absl::InvalidArgumentError("an appearance needs a title");
  }
  if (!appearance.link.empty()) {
    std::string scheme = appearance.link.substr(0, appearance.link.find("://"));
    for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool web = (scheme == "http" || scheme == "https") &&
                     appearance.link.size() > scheme.size() + 3 &&
                     appearance.link.find_first_of(" <>\"") == std::string::npos;
    if (!web) {
      return absl::InvalidArgumentError(
          fmt::format("the link must be an http or https address, not \"{}\"", appearance.link));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateOutgoingMail(const OutgoingMail& mail) {
  LEDD_RETURN_IF_ERROR(ValidateEmail(mail.to));
  LEDD_RETURN_IF_ERROR(CheckText("subject", mail.subject, kMaxMailSubject));
  LEDD_RETURN_IF_ERROR(CheckText("text", mail.text, kMaxMailBody, TextLines::kMulti));
  // The HTML alternative may carry carriage returns from templates; CheckText's multi-line
  // rule (line feed and tab only) keeps it as plain as the text.
  LEDD_RETURN_IF_ERROR(CheckText("html", mail.html, kMaxMailBody, TextLines::kMulti));
  LEDD_RETURN_IF_ERROR(CheckText("kind", mail.kind, kMaxLabel));
  LEDD_RETURN_IF_ERROR(CheckText("unsubscribe URL", mail.unsubscribe_url, kMaxLink));
  if (TrimSpaces(mail.text).empty()) {
    return absl::InvalidArgumentError("a mail needs a text body");
  }
  if (!mail.unsubscribe_url.empty() && !mail.unsubscribe_url.starts_with("http://") &&
      !mail.unsubscribe_url.starts_with("https://")) {
    return absl::InvalidArgumentError(fmt::format(
        "the unsubscribe URL must be an http or https address, not \"{}\"", mail.unsubscribe_url));
  }
  return absl::OkStatus();
}

bool IsAccountLanguage(std::string_view language) { return language == "en" || language == "nb"; }

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

std::string_view RoleName(Role role) { return NameOf(kRoles, role); }
absl::StatusOr<Role> ParseRole(std::string_view name) { return ValueOf(kRoles, "role", name); }

std::string_view ReportSubjectName(ReportSubject subject) {
  return NameOf(kReportSubjects, subject);
}
absl::StatusOr<ReportSubject> ParseReportSubject(std::string_view name) {
  return ValueOf(kReportSubjects, "report subject", name);
}
std::string_view ReportReasonName(ReportReason reason) { return NameOf(kReportReasons, reason); }
absl::StatusOr<ReportReason> ParseReportReason(std::string_view name) {
  return ValueOf(kReportReasons, "report reason", name);
}
std::string_view ReportStateName(ReportState state) { return NameOf(kReportStates, state); }
absl::StatusOr<ReportState> ParseReportState(std::string_view name) {
  return ValueOf(kReportStates, "report state", name);
}
std::string_view ModerationActionName(ModerationAction action) {
  return NameOf(kModerationActions, action);
}
absl::StatusOr<ModerationAction> ParseModerationAction(std::string_view name) {
  return ValueOf(kModerationActions, "moderation action", name);
}

std::string_view AppearanceKindName(AppearanceKind kind) {
  return NameOf(kAppearanceKinds, kind);
}
absl::StatusOr<AppearanceKind> ParseAppearanceKind(std::string_view name) {
  return ValueOf(kAppearanceKinds, "appearance kind", name);
}

std::string_view InvitationViaKindName(InvitationVia::Kind kind) {
  return NameOf(kViaKinds, kind);
}
absl::StatusOr<InvitationVia::Kind> ParseInvitationViaKind(std::string_view name) {
  return ValueOf(kViaKinds, "invitation origin kind", name);
}

std::string FormatInvitationVia(const InvitationVia& via) {
  if (via.kind == InvitationVia::Kind::kNone) return "";
  return fmt::format("{}:{}", InvitationViaKindName(via.kind), via.id);
}

absl::StatusOr<InvitationVia> ParseInvitationVia(std::string_view text) {
  if (text.empty()) return InvitationVia{};
  const size_t colon = text.find(':');
  absl::StatusOr<InvitationVia::Kind> kind = ParseInvitationViaKind(text.substr(0, colon));
  InvitationVia via{.kind = kind.value_or(InvitationVia::Kind::kNone)};
  if (colon == std::string_view::npos || via.kind == InvitationVia::Kind::kNone ||
      !ParseId(text.substr(colon + 1), via.id) || via.id <= 0) {
    return absl::InvalidArgumentError(fmt::format(
        "unknown invitation origin \"{}\" (expected post:ID or appearance:ID)", text));
  }
  return via;
}

std::string_view EmailInvitationStateName(EmailInvitationState state) {
  return NameOf(kEmailInvitationStates, state);
}
absl::StatusOr<EmailInvitationState> ParseEmailInvitationState(std::string_view name) {
  return ValueOf(kEmailInvitationStates, "email invitation state", name);
}

std::string_view AccountTokenPurposeName(AccountTokenPurpose purpose) {
  return NameOf(kAccountTokenPurposes, purpose);
}
absl::StatusOr<AccountTokenPurpose> ParseAccountTokenPurpose(std::string_view name) {
  return ValueOf(kAccountTokenPurposes, "account token purpose", name);
}

std::string FoldEmail(std::string_view email) {
  std::string folded(TrimSpaces(email));
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return folded;
}

absl::Status ValidateEmail(std::string_view email) {
  const absl::Status invalid = absl::InvalidArgumentError("\"email\" is not an email address");
  // The text rules first (UTF-8, no control characters), worded as for any field.
  if (!CheckText("email", email, kMaxEmail).ok()) return invalid;
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size() ||
      email.find('@', at + 1) != std::string_view::npos ||
      email.find_first_of(" \t\r\n,;<>\"") != std::string_view::npos) {
    return invalid;
  }
  return absl::OkStatus();
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
  text = TrimSpaces(text);
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
    std::string code(TrimSpaces(text.substr(start, end - start)));
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = end + 1;
    if (code.empty()) continue;
    if (code.size() != 2 || !std::isupper(code[0]) || !std::isupper(code[1])) {
      return absl::InvalidArgumentError(fmt::format(
          "markets must be home, international or alpha-2 country codes separated by ';' or "
          "',', not \"{}\"",
          text));
    }
    if (!IsCountryCode(code)) {
      return absl::InvalidArgumentError(
          fmt::format("markets: \"{}\" is not an ISO 3166 country code", code));
    }
    markets.countries.push_back(std::move(code));
  }
  std::sort(markets.countries.begin(), markets.countries.end());
  markets.countries.erase(std::unique(markets.countries.begin(), markets.countries.end()),
                          markets.countries.end());
  if (markets.countries.empty()) markets.kind = Markets::Kind::kHome;
  return markets;
}

namespace {

constexpr std::array<std::pair<DigestFrequency, std::string_view>, 3> kDigestFrequencies{{
    {DigestFrequency::kOff, "off"},
    {DigestFrequency::kDaily, "daily"},
    {DigestFrequency::kWeekly, "weekly"},
}};
constexpr std::array<std::pair<EmailKind, std::string_view>, 4> kEmailKinds{{
    {EmailKind::kInvitations, "invitations"},
    {EmailKind::kAccepted, "accepted"},
    {EmailKind::kPosts, "posts"},
    {EmailKind::kDigest, "digest"},
}};
constexpr std::array<std::pair<PostSubscriptionState, std::string_view>, 3>
    kPostSubscriptionStates{{
        {PostSubscriptionState::kPending, "pending"},
        {PostSubscriptionState::kConfirmed, "confirmed"},
        {PostSubscriptionState::kUnsubscribed, "unsubscribed"},
    }};

}  // namespace

std::string_view DigestFrequencyName(DigestFrequency frequency) {
  return NameOf(kDigestFrequencies, frequency);
}
absl::StatusOr<DigestFrequency> ParseDigestFrequency(std::string_view name) {
  return ValueOf(kDigestFrequencies, "digest", name);
}
std::string_view EmailKindName(EmailKind kind) { return NameOf(kEmailKinds, kind); }
absl::StatusOr<EmailKind> ParseEmailKind(std::string_view name) {
  return ValueOf(kEmailKinds, "email kind", name);
}
std::string_view PostSubscriptionStateName(PostSubscriptionState state) {
  return NameOf(kPostSubscriptionStates, state);
}
absl::StatusOr<PostSubscriptionState> ParsePostSubscriptionState(std::string_view name) {
  return ValueOf(kPostSubscriptionStates, "subscription state", name);
}

absl::Status ValidateInvitedProfile(const InvitedProfile& profile) {
  LEDD_RETURN_IF_ERROR(CheckText("first_name", profile.first_name, kMaxName));
  LEDD_RETURN_IF_ERROR(CheckText("last_name", profile.last_name, kMaxName));
  LEDD_RETURN_IF_ERROR(CheckText("headline", profile.headline, kMaxHeadline));
  LEDD_RETURN_IF_ERROR(CheckText("city", profile.city, kMaxPlace));
  LEDD_RETURN_IF_ERROR(CheckText("industry", profile.industry, kMaxPlace));
  if (!profile.country.empty() && !IsCountryCode(profile.country)) {
    return absl::InvalidArgumentError(
        fmt::format("\"{}\" is not an ISO 3166 country code", profile.country));
  }
  return absl::OkStatus();
}

}  // namespace ledd::store
