#include "ledd/store/sqlite/rows.h"

#include <chrono>

#include "fmt/format.h"

namespace ledd::store::sqlite {
namespace {

// Stored enums are written by us, so a value that does not parse means damage.
template <typename T>
absl::StatusOr<T> Stored(absl::StatusOr<T> parsed, std::string_view table, int64_t id) {
  if (parsed.ok()) return parsed;
  return absl::DataLossError(fmt::format("{} row {}: {}", table, id, MessageOf(parsed.status())));
}

}  // namespace

void BindMember(Statement& statement, const Member& member, const std::string& markets,
                bool directory) {
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

void BindOrganization(Statement& statement, const Organization& organization) {
  statement.Bind(1, organization.id)
      .Bind(2, OrganizationKindName(organization.kind))
      .Bind(3, std::string_view(organization.name))
      .Bind(4, std::string_view(organization.industry))
      .Bind(5, std::string_view(organization.country));
}

void BindPosition(Statement& statement, const Position& position) {
  statement.Bind(1, position.member_id)
      .Bind(2, position.organization_id)
      .Bind(3, std::string_view(position.title))
      .Bind(4, position.start)
      .Bind(5, position.end);
}

void BindEducation(Statement& statement, const Education& education) {
  statement.Bind(1, education.member_id)
      .Bind(2, education.school_id)
      .Bind(3, std::string_view(education.field))
      .Bind(4, std::string_view(education.degree))
      .Bind(5, education.start)
      .Bind(6, education.end);
}

void BindInvitation(Statement& statement, const Invitation& invitation, bool via) {
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

void BindPostView(Statement& statement, const PostView& view) {
  statement.Bind(1, view.post_id)
      .Bind(2, view.viewer)
      .Bind(3, DayOf(view.at))
      .Bind(4, view.at);
}

void BindAppearance(Statement& statement, const Appearance& appearance) {
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

void BindPost(Statement& statement, const Post& post) {
  statement.Bind(1, post.id)
      .Bind(2, post.author)
      .Bind(3, std::string_view(post.title))
      .Bind(4, std::string_view(post.body))
      .Bind(5, post.created_at)
      .Bind(6, post.views);
}

void BindComment(Statement& statement, const Comment& comment) {
  statement.Bind(1, comment.id)
      .Bind(2, comment.post_id)
      .Bind(3, comment.author)
      .Bind(4, std::string_view(comment.body))
      .Bind(5, comment.created_at);
}

void BindSavedSearch(Statement& statement, const SavedSearch& search) {
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

absl::StatusOr<Member> ReadMember(const Statement& statement) {
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

absl::StatusOr<Organization> ReadOrganization(const Statement& statement) {
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

Position ReadPosition(const Statement& statement) {
  Position position;
  position.member_id = statement.ColumnInt(0);
  position.organization_id = statement.ColumnInt(1);
  position.title = statement.ColumnText(2);
  position.start = statement.ColumnOptionalInt(3);
  position.end = statement.ColumnOptionalInt(4);
  return position;
}

Education ReadEducation(const Statement& statement) {
  Education education;
  education.member_id = statement.ColumnInt(0);
  education.school_id = statement.ColumnInt(1);
  education.field = statement.ColumnText(2);
  education.degree = statement.ColumnText(3);
  education.start = statement.ColumnOptionalInt(4);
  education.end = statement.ColumnOptionalInt(5);
  return education;
}

absl::StatusOr<Invitation> ReadInvitation(const Statement& statement) {
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

absl::StatusOr<Appearance> ReadAppearance(const Statement& statement) {
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

SavedSearch ReadSavedSearch(const Statement& statement) {
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

absl::StatusOr<EventId> AppendEvent(Db& db, EventKind kind, int64_t a, int64_t b) {
  static constexpr char kSql[] = "INSERT INTO events (kind, at, a, b) VALUES (?1, ?2, ?3, ?4)";
  absl::StatusOr<Statement*> statement = db.Cached(kSql);
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, EventKindName(kind)).Bind(2, Now()).Bind(3, a).Bind(4, b);
  if (absl::Status status = (*statement)->Run(); !status.ok()) return status;
  return db.LastInsertRowId();
}

int64_t DayOf(Timestamp at) {
  // Floor division: a time before the epoch belongs to the day before, not day 0.
  return at >= 0 ? at / 86400 : -((-at + 86399) / 86400);
}

Timestamp Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace ledd::store::sqlite
