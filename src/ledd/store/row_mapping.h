#pragma once
// How each model record maps to a row of either store, as templates over the engine's
// statement (Bind(index, value), 1-based, chaining) and row (ColumnInt, ColumnText,
// ColumnOptionalInt by 0-based column) types: SQLite's sqlite::Statement, PostgreSQL's
// postgres::Params and postgres::Row. The column order is that of the kSelect*
// statements in sqlite/rows.h and postgres/rows.h, which list the same columns.
//
// Binding SQLite text does not copy (see sqlite/db.h): records and the strings passed in
// must outlive the step.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "fmt/format.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::store {

// The UTC day of `at` (days since the epoch), the post_views key.
inline int64_t DayOf(Timestamp at) {
  // Floor division: a time before the epoch belongs to the day before, not day 0.
  return at >= 0 ? at / 86400 : -((-at + 86399) / 86400);
}

// Wall-clock seconds, the time of an event.
inline Timestamp Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The message of a status, for fmt.
inline std::string_view StatusText(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

// Stored enums are written by us, so a value that does not parse means damage: DataLoss
// naming the table and row.
template <typename T>
absl::StatusOr<T> Stored(absl::StatusOr<T> parsed, std::string_view table, int64_t id) {
  if (parsed.ok()) return parsed;
  return absl::DataLossError(fmt::format("{} row {}: {}", table, id, StatusText(parsed.status())));
}

// `markets` is FormatMarkets(member.markets), kept alive by the caller. `directory`: also
// binds in_directory as 16 (the insert with the directory column, the UPDATE).
// BindInvitation binds 1..7 of the invitation insert, and with `via` also 8, 9
// (via_kind from a static name: `invitation` is the only thing to keep alive).
// Read* read the current row of a kSelect* statement: DataLoss when a stored enum or
// markets value does not parse (the database was edited by hand or is damaged).

template <typename S>
void BindMember(S& statement, const Member& member, const std::string& markets,
                bool directory = true) {
  statement.Bind(1, member.id)
      .Bind(2, std::string_view(member.handle))
      .Bind(3, std::string_view(member.first_name))
      .Bind(4, std::string_view(member.last_name))
      .Bind(5, std::string_view(member.headline))
      .Bind(6, std::string_view(member.summary))
      .Bind(7, int64_t{member.has_photo ? 1 : 0})
      .Bind(8, std::string_view(member.city))
      .Bind(9, std::string_view(member.country))
      .Bind(10, std::string_view(member.industry))
      .Bind(11, std::string_view(member.email))
      .Bind(12, member.created_at)
      .Bind(13, PolicyName(member.policy))
      .Bind(14, std::string_view(markets))
      .Bind(15, ConnectionsVisibilityName(member.connections_visibility));
  if (directory) statement.Bind(16, int64_t{member.in_directory ? 1 : 0});
}

template <typename S>
void BindOrganization(S& statement, const Organization& organization) {
  statement.Bind(1, organization.id)
      .Bind(2, OrganizationKindName(organization.kind))
      .Bind(3, std::string_view(organization.name))
      .Bind(4, std::string_view(organization.industry))
      .Bind(5, std::string_view(organization.country));
}

template <typename S>
void BindPosition(S& statement, const Position& position) {
  statement.Bind(1, position.member_id)
      .Bind(2, position.organization_id)
      .Bind(3, std::string_view(position.title))
      .Bind(4, position.start)
      .Bind(5, position.end);
}

template <typename S>
void BindEducation(S& statement, const Education& education) {
  statement.Bind(1, education.member_id)
      .Bind(2, education.school_id)
      .Bind(3, std::string_view(education.field))
      .Bind(4, std::string_view(education.degree))
      .Bind(5, education.start)
      .Bind(6, education.end);
}

template <typename S>
void BindInvitation(S& statement, const Invitation& invitation, bool via) {
  statement.Bind(1, invitation.id)
      .Bind(2, invitation.from)
      .Bind(3, invitation.to)
      .Bind(4, std::string_view(invitation.note))
      .Bind(5, invitation.created_at)
      .Bind(6, InvitationStateName(invitation.state))
      .Bind(7, std::string_view(invitation.kind));
  if (via) {
    statement.Bind(8, InvitationViaKindName(invitation.via.kind)).Bind(9, invitation.via.id);
  }
}

template <typename S>
void BindPostView(S& statement, const PostView& view) {
  statement.Bind(1, view.post_id)
      .Bind(2, view.viewer)
      .Bind(3, DayOf(view.at))
      .Bind(4, view.at);
}

template <typename S>
void BindAppearance(S& statement, const Appearance& appearance) {
  statement.Bind(1, appearance.id)
      .Bind(2, appearance.member)
      .Bind(3, AppearanceKindName(appearance.kind))
      .Bind(4, std::string_view(appearance.title))
      .Bind(5, std::string_view(appearance.event))
      .Bind(6, appearance.date)
      .Bind(7, std::string_view(appearance.place))
      .Bind(8, std::string_view(appearance.link))
      .Bind(9, appearance.created_at);
}

template <typename S>
void BindPost(S& statement, const Post& post) {
  statement.Bind(1, post.id)
      .Bind(2, post.author)
      .Bind(3, std::string_view(post.title))
      .Bind(4, std::string_view(post.body))
      .Bind(5, post.created_at)
      .Bind(6, post.views);
}

template <typename S>
void BindComment(S& statement, const Comment& comment) {
  statement.Bind(1, comment.id)
      .Bind(2, comment.post_id)
      .Bind(3, comment.author)
      .Bind(4, std::string_view(comment.body))
      .Bind(5, comment.created_at);
}

template <typename S>
void BindSavedSearch(S& statement, const SavedSearch& search) {
  const SavedSearchFilters& filters = search.filters;
  statement.Bind(1, search.member)
      .Bind(2, std::string_view(search.name))
      .Bind(3, std::string_view(filters.title))
      .Bind(4, std::string_view(filters.city))
      .Bind(5, std::string_view(filters.country))
      .Bind(6, std::string_view(filters.company))
      .Bind(7, std::string_view(filters.school))
      .Bind(8, std::string_view(filters.field))
      .Bind(9, std::string_view(filters.industry))
      .Bind(10, std::string_view(filters.name))
      .Bind(11, search.created_at);
}

template <typename R>
absl::StatusOr<Member> ReadMember(const R& statement) {
  Member member;
  member.id = statement.ColumnInt(0);
  member.handle = statement.ColumnText(1);
  member.first_name = statement.ColumnText(2);
  member.last_name = statement.ColumnText(3);
  member.headline = statement.ColumnText(4);
  member.summary = statement.ColumnText(5);
  member.has_photo = statement.ColumnInt(6) != 0;
  member.city = statement.ColumnText(7);
  member.country = statement.ColumnText(8);
  member.industry = statement.ColumnText(9);
  member.email = statement.ColumnText(10);
  member.created_at = statement.ColumnInt(11);
  absl::StatusOr<Policy> policy =
      Stored(ParsePolicy(statement.ColumnText(12)), "members", member.id);
  if (!policy.ok()) return policy.status();
  member.policy = *policy;
  absl::StatusOr<Markets> markets =
      Stored(ParseMarkets(statement.ColumnText(13)), "members", member.id);
  if (!markets.ok()) return markets.status();
  member.markets = *std::move(markets);
  absl::StatusOr<ConnectionsVisibility> visibility =
      Stored(ParseConnectionsVisibility(statement.ColumnText(14)), "members", member.id);
  if (!visibility.ok()) return visibility.status();
  member.connections_visibility = *visibility;
  member.in_directory = statement.ColumnInt(15) != 0;
  return member;
}

template <typename R>
absl::StatusOr<Organization> ReadOrganization(const R& statement) {
  Organization organization;
  organization.id = statement.ColumnInt(0);
  absl::StatusOr<OrganizationKind> kind =
      Stored(ParseOrganizationKind(statement.ColumnText(1)), "organizations", organization.id);
  if (!kind.ok()) return kind.status();
  organization.kind = *kind;
  organization.name = statement.ColumnText(2);
  organization.industry = statement.ColumnText(3);
  organization.country = statement.ColumnText(4);
  return organization;
}

template <typename R>
Position ReadPosition(const R& statement) {
  Position position;
  position.member_id = statement.ColumnInt(0);
  position.organization_id = statement.ColumnInt(1);
  position.title = statement.ColumnText(2);
  position.start = statement.ColumnOptionalInt(3);
  position.end = statement.ColumnOptionalInt(4);
  return position;
}

template <typename R>
Education ReadEducation(const R& statement) {
  Education education;
  education.member_id = statement.ColumnInt(0);
  education.school_id = statement.ColumnInt(1);
  education.field = statement.ColumnText(2);
  education.degree = statement.ColumnText(3);
  education.start = statement.ColumnOptionalInt(4);
  education.end = statement.ColumnOptionalInt(5);
  return education;
}

template <typename R>
absl::StatusOr<Invitation> ReadInvitation(const R& statement) {
  Invitation invitation;
  invitation.id = statement.ColumnInt(0);
  invitation.from = statement.ColumnInt(1);
  invitation.to = statement.ColumnInt(2);
  invitation.note = statement.ColumnText(3);
  invitation.created_at = statement.ColumnInt(4);
  absl::StatusOr<InvitationState> state =
      Stored(ParseInvitationState(statement.ColumnText(5)), "invitations", invitation.id);
  if (!state.ok()) return state.status();
  invitation.state = *state;
  invitation.kind = statement.ColumnText(6);
  absl::StatusOr<InvitationVia::Kind> via =
      Stored(ParseInvitationViaKind(statement.ColumnText(7)), "invitations", invitation.id);
  if (!via.ok()) return via.status();
  invitation.via = {.kind = *via, .id = statement.ColumnInt(8)};
  return invitation;
}

template <typename R>
absl::StatusOr<Appearance> ReadAppearance(const R& statement) {
  Appearance appearance;
  appearance.id = statement.ColumnInt(0);
  appearance.member = statement.ColumnInt(1);
  absl::StatusOr<AppearanceKind> kind =
      Stored(ParseAppearanceKind(statement.ColumnText(2)), "appearances", appearance.id);
  if (!kind.ok()) return kind.status();
  appearance.kind = *kind;
  appearance.title = statement.ColumnText(3);
  appearance.event = statement.ColumnText(4);
  appearance.date = statement.ColumnInt(5);
  appearance.place = statement.ColumnText(6);
  appearance.link = statement.ColumnText(7);
  appearance.created_at = statement.ColumnInt(8);
  return appearance;
}

template <typename R>
SavedSearch ReadSavedSearch(const R& statement) {
  SavedSearch search;
  search.member = statement.ColumnInt(0);
  search.name = statement.ColumnText(1);
  search.filters = SavedSearchFilters{.title = statement.ColumnText(2),
                                      .city = statement.ColumnText(3),
                                      .country = statement.ColumnText(4),
                                      .company = statement.ColumnText(5),
                                      .school = statement.ColumnText(6),
                                      .field = statement.ColumnText(7),
                                      .industry = statement.ColumnText(8),
                                      .name = statement.ColumnText(9)};
  search.created_at = statement.ColumnInt(10);
  return search;
}

// The records of the store's other tables, read from their kSelect* columns (the same
// in both engines' statements).
template <typename R>
absl::StatusOr<EmailInvitation> ReadEmailInvitation(const R& row) {
  EmailInvitation invitation{.id = row.ColumnInt(0),
                             .from = row.ColumnInt(1),
                             .email = row.ColumnText(2),
                             .note = row.ColumnText(3),
                             .created_at = row.ColumnInt(4),
                             .claimed_by = row.ColumnOptionalInt(6),
                             .claimed_at = row.ColumnOptionalInt(7),
                             .invitation = row.ColumnOptionalInt(8),
                             .profile = {.first_name = row.ColumnText(9),
                                         .last_name = row.ColumnText(10),
                                         .headline = row.ColumnText(11),
                                         .city = row.ColumnText(12),
                                         .country = row.ColumnText(13),
                                         .industry = row.ColumnText(14)}};
  absl::StatusOr<EmailInvitationState> state =
      ParseEmailInvitationState(row.ColumnText(5));
  if (!state.ok()) {
    return absl::DataLossError(
        fmt::format("email_invitations row {}: {}", invitation.id, StatusText(state.status())));
  }
  invitation.state = *state;
  return invitation;
}

template <typename R>
OutgoingMail ReadMail(const R& row) {
  return OutgoingMail{.id = row.ColumnInt(0),
                      .to = row.ColumnText(1),
                      .subject = row.ColumnText(2),
                      .text = row.ColumnText(3),
                      .html = row.ColumnText(4),
                      .unsubscribe_url = row.ColumnText(5),
                      .kind = row.ColumnText(6),
                      .created_at = row.ColumnInt(7),
                      .next_attempt_at = row.ColumnInt(8),
                      .attempts = static_cast<int>(row.ColumnInt(9)),
                      .sent_at = row.ColumnOptionalInt(10),
                      .last_error = row.ColumnText(11),
                      .failed = row.ColumnInt(12) != 0};
}

template <typename R>
DeletionRequest ReadDeletionRequest(const R& row) {
  return DeletionRequest{.member = row.ColumnInt(0),
                         .requested_at = row.ColumnInt(1),
                         .erase_at = row.ColumnInt(2)};
}

template <typename R>
absl::StatusOr<Report> ReadReport(const R& row) {
  Report report{.id = row.ColumnInt(0),
                .reporter = row.ColumnInt(1),
                .subject_id = row.ColumnInt(3),
                .reported = row.ColumnInt(4),
                .text = row.ColumnText(6),
                .created_at = row.ColumnInt(7),
                .resolved_at = row.ColumnOptionalInt(9),
                .resolved_by = row.ColumnOptionalInt(10).value_or(0)};
  absl::StatusOr<ReportSubject> subject = ParseReportSubject(row.ColumnText(2));
  absl::StatusOr<ReportReason> reason = ParseReportReason(row.ColumnText(5));
  absl::StatusOr<ReportState> state = ParseReportState(row.ColumnText(8));
  for (const absl::Status& status : {subject.status(), reason.status(), state.status()}) {
    if (!status.ok()) {
      return absl::DataLossError(fmt::format("report {}: {}", report.id, StatusText(status)));
    }
  }
  report.subject = *subject;
  report.reason = *reason;
  report.state = *state;
  return report;
}

template <typename R>
absl::StatusOr<AuditEntry> ReadAudit(const R& row) {
  AuditEntry entry{.id = row.ColumnInt(0),
                   .moderator = row.ColumnOptionalInt(1).value_or(0),
                   .target = row.ColumnInt(3),
                   .report = row.ColumnOptionalInt(4),
                   .subject = row.ColumnText(5),
                   .reason = row.ColumnText(6),
                   .days = row.ColumnInt(7),
                   .detail = row.ColumnText(8),
                   .created_at = row.ColumnInt(9)};
  absl::StatusOr<ModerationAction> action = ParseModerationAction(row.ColumnText(2));
  if (!action.ok()) {
    return absl::DataLossError(
        fmt::format("audit entry {}: {}", entry.id, StatusText(action.status())));
  }
  entry.action = *action;
  return entry;
}

template <typename R>
absl::StatusOr<Notification> ReadNotification(const R& row) {
  Notification notification{.id = row.ColumnInt(0),
                            .member = row.ColumnInt(1),
                            .kind = NotificationKind::kNewPost,
                            .subject = row.ColumnInt(3),
                            .created_at = row.ColumnInt(4),
                            .read_at = row.ColumnOptionalInt(5)};
  absl::StatusOr<NotificationKind> kind = ParseNotificationKind(row.ColumnText(2));
  if (!kind.ok()) {
    return absl::DataLossError(
        fmt::format("notifications row {}: {}", notification.id, StatusText(kind.status())));
  }
  notification.kind = *kind;
  return notification;
}

template <typename R>
absl::StatusOr<PostSubscription> ReadSubscription(const R& row) {
  PostSubscription subscription{.id = row.ColumnInt(0),
                                .author = row.ColumnInt(1),
                                .email = row.ColumnText(2),
                                .state = PostSubscriptionState::kPending,
                                .created_at = row.ColumnInt(4),
                                .confirmed_at = row.ColumnOptionalInt(5)};
  absl::StatusOr<PostSubscriptionState> state =
      ParsePostSubscriptionState(row.ColumnText(3));
  if (!state.ok()) {
    return absl::DataLossError(fmt::format("post_subscriptions row {}: {}", subscription.id,
                                           StatusText(state.status())));
  }
  subscription.state = *state;
  return subscription;
}

template <typename R>
Post ReadPost(const R& row) {
  return Post{.id = row.ColumnInt(0),
              .author = row.ColumnInt(1),
              .title = row.ColumnText(2),
              .body = row.ColumnText(3),
              .created_at = row.ColumnInt(4),
              .views = row.ColumnInt(5),
              .edited_at = row.ColumnOptionalInt(6),
              .removed_at = row.ColumnOptionalInt(7)};
}

template <typename R>
Comment ReadComment(const R& row) {
  return Comment{.id = row.ColumnInt(0),
                 .post_id = row.ColumnInt(1),
                 .author = row.ColumnInt(2),
                 .body = row.ColumnText(3),
                 .created_at = row.ColumnInt(4),
                 .edited_at = row.ColumnOptionalInt(5),
                 .removed_at = row.ColumnOptionalInt(6)};
}

}  // namespace ledd::store
