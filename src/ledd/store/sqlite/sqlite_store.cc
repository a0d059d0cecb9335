#include "ledd/store/sqlite/sqlite_store.h"

#include <algorithm>
#include <filesystem>
#include <type_traits>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "fmt/format.h"
#include "ledd/base/fold.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/store/sqlite/account_tokens.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/sqlite/email_invitations.h"
#include "ledd/store/sqlite/import.h"
#include "ledd/store/sqlite/mail.h"
#include "ledd/store/sqlite/member_data.h"
#include "ledd/store/sqlite/moderation.h"
#include "ledd/store/sqlite/notify.h"
#include "ledd/store/sqlite/row_source.h"
#include "ledd/store/sqlite/rows.h"
#include "ledd/store/sqlite/schema.h"
#include "ledd/store/sqlite/social.h"

namespace ledd::store {
namespace {

using sqlite::AppendEvent;
using sqlite::Db;
using sqlite::MessageOf;
using sqlite::Statement;
using sqlite::Transaction;

class SqliteStore final : public Store {
 public:
  using Store::Import;
  SqliteStore(std::unique_ptr<Db> db, const SqliteOptions& options)
      : db_(std::move(db)),
        options_(options),
        readers_({.path = options.path,
                  .max_readers = std::max(1, options.readers),
                  .busy_timeout_ms = options.busy_timeout_ms,
                  .cache_mib = std::max(1, options.cache_mib / 4)}) {}

  absl::StatusOr<EventId> Import(
      const Dataset& data, const std::function<absl::Status()>& connections_ready) override {
    absl::MutexLock lock(&mu_);
    // The import leaves WAL for its duration only if no other connection has the file
    // open (import.cc); idle readers would be such connections.
    readers_.CloseIdle();
    return sqlite::ImportDataset(
        *db_, data,
        {.normal_cache_mib = options_.cache_mib, .connections_ready = connections_ready});
  }

  absl::StatusOr<Counts> Count() override {
    return Read([&](Db& db) -> absl::StatusOr<Counts> {
      // One read transaction, so the counts are of one moment even beside writers.
      LEDD_RETURN_IF_ERROR(db.Exec("BEGIN"));
      absl::StatusOr<Counts> counts = CountIn(db);
      (void)db.Exec("COMMIT");
      return counts;
    });
  }

  absl::StatusOr<std::vector<MemberId>> MemberIds() override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<MemberId>> {
      std::vector<MemberId> ids;
      LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare("SELECT id FROM members ORDER BY id"));
      while (true) {
        LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
        if (!row) return ids;
        ids.push_back(statement.ColumnInt(0));
      }
    });
  }

  absl::Status ForEachMember(absl::FunctionRef<void(const Member&)> visit) override {
    return Read([&](Db& db) {
      return Scan(db, fmt::format("{} ORDER BY id", sqlite::kSelectMembers),
                  [&](const Statement& statement) -> absl::Status {
                    LEDD_ASSIGN_OR_RETURN(Member member, sqlite::ReadMember(statement));
                    visit(member);
                    return absl::OkStatus();
                  });
    });
  }

  absl::Status ForEachOrganization(absl::FunctionRef<void(const Organization&)> visit) override {
    return Read([&](Db& db) {
      return Scan(db, fmt::format("{} ORDER BY id", sqlite::kSelectOrganizations),
                  [&](const Statement& statement) -> absl::Status {
                    LEDD_ASSIGN_OR_RETURN(Organization organization,
                                          sqlite::ReadOrganization(statement));
                    visit(organization);
                    return absl::OkStatus();
                  });
    });
  }

  absl::Status ForEachPosition(absl::FunctionRef<void(const Position&)> visit) override {
    return Read([&](Db& db) {
      return Scan(db, fmt::format("{} ORDER BY member_id, id", sqlite::kSelectPositions),
                  [&](const Statement& statement) {
                    visit(sqlite::ReadPosition(statement));
                    return absl::OkStatus();
                  });
    });
  }

  absl::Status ForEachEducation(absl::FunctionRef<void(const Education&)> visit) override {
    return Read([&](Db& db) {
      return Scan(db, fmt::format("{} ORDER BY member_id, id", sqlite::kSelectEducations),
                  [&](const Statement& statement) {
                    visit(sqlite::ReadEducation(statement));
                    return absl::OkStatus();
                  });
    });
  }

  absl::Status ForEachConnection(absl::FunctionRef<void(const Connection&)> visit) override {
    return Read([&](Db& db) {
      return Scan(db, "SELECT a, b, created_at FROM connections ORDER BY a, b",
                  [&](const Statement& statement) {
                    visit(Connection{.a = statement.ColumnInt(0),
                                     .b = statement.ColumnInt(1),
                                     .created_at = statement.ColumnInt(2)});
                    return absl::OkStatus();
                  });
    });
  }

  absl::Status ForEachFollow(absl::FunctionRef<void(const Follow&)> visit) override {
    return Read([&](Db& db) {
      return Scan(db,
                  "SELECT follower, followee, created_at FROM follows ORDER BY follower, followee",
                  [&](const Statement& statement) {
                    visit(Follow{.follower = statement.ColumnInt(0),
                                 .followee = statement.ColumnInt(1),
                                 .created_at = statement.ColumnInt(2)});
                    return absl::OkStatus();
                  });
    });
  }

  absl::Status ForEachConnectionPair(
      MemberId from, MemberId to, absl::FunctionRef<void(MemberId a, MemberId b)> visit) override {
    return Read([&](Db& db) -> absl::Status {
      LEDD_ASSIGN_OR_RETURN(
          Statement statement,
          db.Prepare("SELECT a, b FROM connections WHERE a >= ?1 AND a < ?2 ORDER BY a, b"));
      statement.Bind(1, from).Bind(2, to);
      while (true) {
        LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
        if (!row) return absl::OkStatus();
        visit(statement.ColumnInt(0), statement.ColumnInt(1));
      }
    });
  }

  absl::StatusOr<Member> GetMember(MemberId id) override {
    return Read([&](Db& db) -> absl::StatusOr<Member> {
      static const std::string sql = fmt::format("{} WHERE id = ?1", sqlite::kSelectMembers);
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
      statement->Bind(1, id);
      LEDD_ASSIGN_OR_RETURN(bool row, statement->Step());
      if (!row) {
        statement->Reset();
        return absl::NotFoundError(fmt::format("member {} does not exist", id));
      }
      absl::StatusOr<Member> member = sqlite::ReadMember(*statement);
      statement->Reset();  // An unfinished statement would hold its read transaction open.
      return member;
    });
  }

  absl::StatusOr<Organization> GetOrganization(OrganizationId id) override {
    return Read([&](Db& db) -> absl::StatusOr<Organization> {
      static const std::string sql = fmt::format("{} WHERE id = ?1", sqlite::kSelectOrganizations);
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
      statement->Bind(1, id);
      LEDD_ASSIGN_OR_RETURN(bool row, statement->Step());
      if (!row) {
        statement->Reset();
        return absl::NotFoundError(fmt::format("organization {} does not exist", id));
      }
      absl::StatusOr<Organization> organization = sqlite::ReadOrganization(*statement);
      statement->Reset();
      return organization;
    });
  }

  absl::StatusOr<std::vector<Position>> GetPositions(MemberId member) override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<Position>> {
      static const std::string sql =
          fmt::format("{} WHERE member_id = ?1 ORDER BY id", sqlite::kSelectPositions);
      std::vector<Position> positions;
      LEDD_RETURN_IF_ERROR(ScanMember(db, sql.c_str(), member, [&](const Statement& statement) {
        positions.push_back(sqlite::ReadPosition(statement));
      }));
      return positions;
    });
  }

  absl::StatusOr<std::vector<Education>> GetEducations(MemberId member) override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<Education>> {
      static const std::string sql =
          fmt::format("{} WHERE member_id = ?1 ORDER BY id", sqlite::kSelectEducations);
      std::vector<Education> educations;
      LEDD_RETURN_IF_ERROR(ScanMember(db, sql.c_str(), member, [&](const Statement& statement) {
        educations.push_back(sqlite::ReadEducation(statement));
      }));
      return educations;
    });
  }

  absl::StatusOr<ProfileFacts> GetProfileFacts(MemberId member) override {
    return Read([&](Db& db) -> absl::StatusOr<ProfileFacts> {
      // One read transaction: the facts are of one moment even beside a writer.
      LEDD_RETURN_IF_ERROR(db.Exec("BEGIN"));
      absl::StatusOr<ProfileFacts> facts = ProfileFactsIn(db, member);
      (void)db.Exec("COMMIT");
      return facts;
    });
  }

  static absl::StatusOr<ProfileFacts> ProfileFactsIn(Db& db, MemberId member) {
    LEDD_ASSIGN_OR_RETURN(Statement * summary,
                          db.Cached("SELECT summary FROM members WHERE id = ?1"));
    summary->Bind(1, member);
    absl::StatusOr<bool> row = summary->Step();
    if (!row.ok() || !*row) {
      summary->Reset();
      if (!row.ok()) return row.status();
      return absl::NotFoundError(fmt::format("member {} does not exist", member));
    }
    ProfileFacts facts{.summary = summary->ColumnText(0)};
    summary->Reset();
    static constexpr char kDegrees[] =
        "SELECT degree FROM educations WHERE member_id = ?1 ORDER BY id";
    LEDD_RETURN_IF_ERROR(ScanMember(db, kDegrees, member, [&](const Statement& degrees) {
      facts.education_degrees.push_back(degrees.ColumnText(0));
    }));
    static constexpr char kBlocked[] =
        "SELECT blocked FROM blocks WHERE blocker = ?1 ORDER BY blocked";
    LEDD_RETURN_IF_ERROR(ScanMember(db, kBlocked, member, [&](const Statement& blocked) {
      facts.blocked.push_back(blocked.ColumnInt(0));
    }));
    static constexpr char kSent[] =
        "SELECT to_member, id FROM invitations WHERE from_member = ?1 AND state = 'pending' "
        "ORDER BY to_member";
    LEDD_RETURN_IF_ERROR(ScanMember(db, kSent, member, [&](const Statement& sent) {
      facts.invitations_sent.emplace_back(sent.ColumnInt(0), sent.ColumnInt(1));
    }));
    return facts;
  }

  absl::StatusOr<EventId> AddMember(const Member& member) override {
    LEDD_RETURN_IF_ERROR(ValidateMember(member));
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      if (member.handle.empty()) {
        return absl::InvalidArgumentError(fmt::format("member {} has an empty handle", member.id));
      }
      LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(member.id));
      if (exists)
        return absl::AlreadyExistsError(fmt::format("member {} already exists", member.id));
      LEDD_RETURN_IF_ERROR(CheckHandleFree(member));
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kInsertMemberWithDirectory));
      const std::string markets = FormatMarkets(member.markets);
      sqlite::BindMember(*statement, member, markets);
      LEDD_RETURN_IF_ERROR(statement->Run());
      return AppendEvent(*db_, EventKind::kMemberAdded, member.id);
    });
  }

  absl::StatusOr<EventId> UpdateMember(const Member& member) override {
    LEDD_RETURN_IF_ERROR(ValidateMember(member));
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      if (member.handle.empty()) {
        return absl::InvalidArgumentError(fmt::format("member {} has an empty handle", member.id));
      }
      LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(member.id));
      if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member.id));
      LEDD_RETURN_IF_ERROR(CheckHandleFree(member));
      // created_at is part of the profile record; the caller passes what GetMember gave.
      // has_photo (?7) is SetPhoto's and DeletePhoto's to change (store.h).
      static constexpr char kSql[] =
          "UPDATE members SET handle = ?2, first_name = ?3, last_name = ?4, headline = ?5, "
          "summary = ?6, city = ?8, country = ?9, industry = ?10, "
          "email = ?11, created_at = ?12, policy = ?13, markets = ?14, "
          "connections_visibility = ?15, in_directory = ?16 WHERE id = ?1";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      const std::string markets = FormatMarkets(member.markets);
      sqlite::BindMember(*statement, member, markets);
      LEDD_RETURN_IF_ERROR(statement->Run());
      return AppendEvent(*db_, EventKind::kMemberUpdated, member.id);
    });
  }

  absl::StatusOr<EventId> ReplaceBackground(MemberId member, const std::vector<Position>& positions,
                                            const std::vector<Education>& educations) override {
    ProfileUpdate update{.member = member,
                         .profile = std::nullopt,
                         .positions = std::vector<ProfilePosition>(),
                         .educations = std::vector<ProfileEducation>()};
    for (const Position& position : positions) {
      update.positions->push_back({.position = position, .named = std::nullopt});
    }
    for (const Education& education : educations) {
      update.educations->push_back({.education = education, .named = std::nullopt});
    }
    LEDD_ASSIGN_OR_RETURN(ProfileWrite write, UpdateProfile(update));
    return write.event;
  }

  absl::StatusOr<ProfileWrite> UpdateProfile(const ProfileUpdate& update) override {
    LEDD_RETURN_IF_ERROR(ValidateProfileUpdate(update));
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<ProfileWrite> { return UpdateProfileLocked(update); });
  }

  absl::StatusOr<EventId> AddOrganization(const Organization& organization) override {
    LEDD_RETURN_IF_ERROR(ValidateOrganization(organization));
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      static constexpr char kExists[] = "SELECT 1 FROM organizations WHERE id = ?1";
      LEDD_ASSIGN_OR_RETURN(bool exists, Exists(*db_, kExists, organization.id));
      if (exists) {
        return absl::AlreadyExistsError(
            fmt::format("organization {} already exists", organization.id));
      }
      LEDD_RETURN_IF_ERROR(InsertOrganization(organization));
      return AppendEvent(*db_, EventKind::kOrganizationAdded, organization.id);
    });
  }

  absl::StatusOr<OrganizationWrite> FindOrAddOrganization(
      const Organization& organization) override {
    LEDD_RETURN_IF_ERROR(ValidateOrganization(organization));
    LEDD_RETURN_IF_ERROR(ValidateOrganizationName(organization.name, organization.country));
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<OrganizationWrite> {
      OrganizationWrite write;
      LEDD_ASSIGN_OR_RETURN(
          write.organization,
          FindOrAddLocked(organization.kind,
                          {.name = organization.name,
                           .country = organization.country,
                           .industry = organization.industry},
                          write.created));
      if (write.created) {
        LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(*db_, EventKind::kOrganizationAdded,
                                                       write.organization.id));
      }
      return write;
    });
  }

  absl::StatusOr<EventId> AddConnection(const Connection& connection) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      if (connection.a == connection.b) {
        return absl::InvalidArgumentError(
            fmt::format("member {} cannot connect to itself", connection.a));
      }
      const MemberId a = std::min(connection.a, connection.b);
      const MemberId b = std::max(connection.a, connection.b);
      for (MemberId member : {a, b}) {
        LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(member));
        if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
      }
      static constexpr char kPair[] = "SELECT 1 FROM connections WHERE a = ?1 AND b = ?2";
      LEDD_ASSIGN_OR_RETURN(bool connected, Exists(*db_, kPair, a, b));
      if (connected) {
        return absl::AlreadyExistsError(
            fmt::format("members {} and {} are already connected", a, b));
      }
      for (MemberId member : {a, b}) {
        LEDD_ASSIGN_OR_RETURN(int64_t degree, Degree(member));
        if (degree >= kMaxConnections) {
          return absl::FailedPreconditionError(fmt::format(
              "member {} already has {} connections, the most a member may have", member, degree));
        }
      }
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kInsertConnection));
      statement->Bind(1, a).Bind(2, b).Bind(3, connection.created_at);
      LEDD_RETURN_IF_ERROR(statement->Run());
      return AppendEvent(*db_, EventKind::kConnectionAdded, a, b);
    });
  }

  absl::StatusOr<EventId> RemoveConnection(MemberId a, MemberId b) override {
    absl::MutexLock lock(&mu_);
    if (a > b) std::swap(a, b);
    return Write([&]() -> absl::StatusOr<EventId> {
      static constexpr char kSql[] = "DELETE FROM connections WHERE a = ?1 AND b = ?2";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      statement->Bind(1, a).Bind(2, b);
      LEDD_RETURN_IF_ERROR(statement->Run());
      if (db_->Changes() == 0) {
        return absl::NotFoundError(fmt::format("members {} and {} are not connected", a, b));
      }
      return AppendEvent(*db_, EventKind::kConnectionRemoved, a, b);
    });
  }

  absl::StatusOr<EventId> AddFollow(const Follow& follow) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      if (follow.follower == follow.followee) {
        return absl::InvalidArgumentError(
            fmt::format("member {} cannot follow itself", follow.follower));
      }
      for (MemberId member : {follow.follower, follow.followee}) {
        LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(member));
        if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
      }
      // A blocked member is answered as if the blocker did not exist, so that the
      // refusal does not reveal the block; the blocker is told what they did.
      LEDD_ASSIGN_OR_RETURN(bool blocked, Exists(*db_, kBlockExists, follow.followee, follow.follower));
      if (blocked) {
        return absl::NotFoundError(fmt::format("member {} does not exist", follow.followee));
      }
      LEDD_ASSIGN_OR_RETURN(bool blocking, Exists(*db_, kBlockExists, follow.follower, follow.followee));
      if (blocking) {
        return absl::FailedPreconditionError(
            fmt::format("member {} has blocked member {}; unblock them to follow them",
                        follow.follower, follow.followee));
      }
      static constexpr char kExists[] =
          "SELECT 1 FROM follows WHERE follower = ?1 AND followee = ?2";
      LEDD_ASSIGN_OR_RETURN(bool following,
                            Exists(*db_, kExists, follow.follower, follow.followee));
      if (following) {
        return absl::AlreadyExistsError(
            fmt::format("member {} already follows member {}", follow.follower, follow.followee));
      }
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kInsertFollow));
      statement->Bind(1, follow.follower).Bind(2, follow.followee).Bind(3, follow.created_at);
      LEDD_RETURN_IF_ERROR(statement->Run());
      return AppendEvent(*db_, EventKind::kFollowAdded, follow.follower, follow.followee);
    });
  }

  absl::StatusOr<EventId> RemoveFollow(MemberId follower, MemberId followee) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      static constexpr char kSql[] = "DELETE FROM follows WHERE follower = ?1 AND followee = ?2";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      statement->Bind(1, follower).Bind(2, followee);
      LEDD_RETURN_IF_ERROR(statement->Run());
      if (db_->Changes() == 0) {
        return absl::NotFoundError(
            fmt::format("member {} does not follow member {}", follower, followee));
      }
      return AppendEvent(*db_, EventKind::kFollowRemoved, follower, followee);
    });
  }

  absl::StatusOr<InvitationWrite> SendInvitation(const InvitationRequest& request) override {
    if (request.from == request.to) {
      return absl::InvalidArgumentError(
          fmt::format("member {} cannot invite itself", request.from));
    }
    Invitation proposed;
    proposed.note = request.note;
    LEDD_RETURN_IF_ERROR(ValidateInvitation(proposed));
    if (request.via.kind != InvitationVia::Kind::kNone && request.via.id <= 0) {
      return absl::InvalidArgumentError(
          fmt::format("invalid invitation origin id {}", request.via.id));
    }
    if (request.weekly_limit < 0) {
      return absl::InvalidArgumentError(
          fmt::format("negative weekly invitation limit {}", request.weekly_limit));
    }
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<InvitationWrite> {
      for (MemberId member : {request.from, request.to}) {
        LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(member));
        if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
      }
      LEDD_RETURN_IF_ERROR(sqlite::CheckNotSuspended(*db_, request.from, request.at));
      LEDD_RETURN_IF_ERROR(CheckNotBlocked(request.from, request.to));
      const MemberId a = std::min(request.from, request.to);
      const MemberId b = std::max(request.from, request.to);
      static constexpr char kReported[] =
          "SELECT id FROM invitations WHERE min(from_member, to_member) = ?1 AND "
          "max(from_member, to_member) = ?2 AND state = 'reported' LIMIT 1";
      LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> reported, OptionalInt(*db_, kReported, a, b));
      if (reported.has_value()) {
        return absl::FailedPreconditionError(
            fmt::format("members {} and {} cannot invite each other: invitation {} between "
                        "them was reported",
                        request.from, request.to, *reported));
      }
      static constexpr char kPair[] = "SELECT 1 FROM connections WHERE a = ?1 AND b = ?2";
      LEDD_ASSIGN_OR_RETURN(bool connected, Exists(*db_, kPair, a, b));
      if (connected) {
        return absl::AlreadyExistsError(
            fmt::format("members {} and {} are already connected", request.from, request.to));
      }
      static constexpr char kPending[] =
          "SELECT id FROM invitations WHERE min(from_member, to_member) = ?1 AND "
          "max(from_member, to_member) = ?2 AND state = 'pending'";
      LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> pending_id, OptionalInt(*db_, kPending, a, b));
      if (pending_id.has_value()) {
        LEDD_ASSIGN_OR_RETURN(Invitation pending, LoadInvitation(*db_, *pending_id));
        if (pending.from == request.from) {
          return absl::AlreadyExistsError(
              fmt::format("a pending invitation between {} and {} already exists (invitation {})",
                          request.from, request.to, pending.id));
        }
        // They asked first: saying yes to them is what this member wants.
        return AcceptLocked(std::move(pending), request.at);
      }
      // The sender's last ignored invitation to this recipient: it bars a re-invite for
      // kReinviteCooldown, and any such invitation means the new one does not notify.
      static constexpr char kIgnored[] =
          "SELECT updated_at FROM invitations WHERE from_member = ?1 AND to_member = ?2 "
          "AND state = 'ignored' ORDER BY updated_at DESC LIMIT 1";
      LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> ignored_at,
                            OptionalInt(*db_, kIgnored, request.from, request.to));
      if (ignored_at.has_value() && request.at < *ignored_at + kReinviteCooldown) {
        return absl::FailedPreconditionError(
            fmt::format("member {} can invite member {} again on {}: an invitation between "
                        "them was answered on {}",
                        request.from, request.to, FormatDate(*ignored_at + kReinviteCooldown),
                        FormatDate(*ignored_at)));
      }
      LEDD_RETURN_IF_ERROR(CheckRoomForConnection(request.from));
      LEDD_RETURN_IF_ERROR(CheckRoomForConnection(request.to));
      // Invitations by email count too (email_invitations.h).
      LEDD_RETURN_IF_ERROR(
          sqlite::CheckWeeklyLimit(*db_, request.from, request.at, request.weekly_limit));
      LEDD_RETURN_IF_ERROR(sqlite::CheckVia(*db_, request));
      InvitationWrite write;
      write.invitation = Invitation{.id = 0,
                                    .from = request.from,
                                    .to = request.to,
                                    .note = request.note,
                                    .created_at = request.at,
                                    .state = InvitationState::kPending,
                                    .kind = "",
                                    .via = request.via};
      LEDD_ASSIGN_OR_RETURN(Statement * statement,
                            db_->Cached(sqlite::kInsertInvitationWithVia));
      sqlite::BindInvitation(*statement, write.invitation, /*via=*/true);
      statement->BindNull(1);
      LEDD_RETURN_IF_ERROR(statement->Run());
      write.invitation.id = db_->LastInsertRowId();
      LEDD_ASSIGN_OR_RETURN(write.event,
                            AppendEvent(*db_, EventKind::kInvitationChanged, write.invitation.id));
      if (!ignored_at.has_value()) {
        LEDD_RETURN_IF_ERROR(sqlite::Notify(*db_, request.to, NotificationKind::kNewInvitation,
                                            write.invitation.id, request.at));
      }
      return write;
    });
  }

  absl::StatusOr<InvitationWrite> ChangeInvitation(InvitationId id, InvitationState state,
                                                   Timestamp at) override {
    if (state == InvitationState::kPending) {
      return absl::InvalidArgumentError(
          fmt::format("invitation {} cannot be made pending again", id));
    }
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<InvitationWrite> {
      LEDD_ASSIGN_OR_RETURN(Invitation invitation, LoadInvitation(*db_, id));
      const bool allowed =
          invitation.state == InvitationState::kPending ||
          (state == InvitationState::kReported && invitation.state == InvitationState::kIgnored);
      if (!allowed) {
        return absl::FailedPreconditionError(fmt::format("invitation {} is {}, not pending", id,
                                                         InvitationStateName(invitation.state)));
      }
      if (state == InvitationState::kAccepted) return AcceptLocked(std::move(invitation), at);
      LEDD_RETURN_IF_ERROR(SetInvitationState(invitation, state, at));
      // "I don't know this person" goes to the moderators' queue.
      if (state == InvitationState::kReported) {
        LEDD_RETURN_IF_ERROR(sqlite::FileInvitationReport(*db_, invitation, at));
      }
      InvitationWrite write{.invitation = std::move(invitation)};
      write.invitation.state = state;
      LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(*db_, EventKind::kInvitationChanged, id));
      return write;
    });
  }

  absl::StatusOr<InvitationWrite> UndoReport(InvitationId id, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<InvitationWrite> {
      LEDD_ASSIGN_OR_RETURN(Invitation invitation, LoadInvitation(*db_, id));
      if (invitation.state != InvitationState::kReported) {
        return absl::FailedPreconditionError(fmt::format(
            "invitation {} is {}, not reported", id, InvitationStateName(invitation.state)));
      }
      static constexpr char kReportedAt[] = "SELECT updated_at FROM invitations WHERE id = ?1";
      LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> reported_at,
                            OptionalInt(*db_, kReportedAt, id));
      if (at > reported_at.value_or(0) + kReportUndoWindow) {
        return absl::FailedPreconditionError(fmt::format(
            "invitation {} was reported more than {} minutes ago", id, kReportUndoWindow / 60));
      }
      LEDD_RETURN_IF_ERROR(SetInvitationState(invitation, InvitationState::kIgnored, at));
      LEDD_RETURN_IF_ERROR(sqlite::WithdrawInvitationReport(*db_, id, at));
      InvitationWrite write{.invitation = std::move(invitation)};
      write.invitation.state = InvitationState::kIgnored;
      LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(*db_, EventKind::kInvitationChanged, id));
      return write;
    });
  }

  absl::StatusOr<Invitation> GetInvitation(InvitationId id) override {
    return Read([&](Db& db) -> absl::StatusOr<Invitation> { return LoadInvitation(db, id); });
  }

  absl::StatusOr<std::vector<Invitation>> ListInvitations(
      MemberId member, const InvitationListOptions& options) override {
    if (options.limit < 0) {
      return absl::InvalidArgumentError(fmt::format("negative limit {}", options.limit));
    }
    return Read([&](Db& db) -> absl::StatusOr<std::vector<Invitation>> {
      // `state = 'pending' DESC` puts pending first; the (member, state) and
      // (from_member, created_at) indexes narrow the scan to the member's rows.
      static const std::string received = fmt::format(
          "{} WHERE to_member = ?1 AND (?2 IS NULL OR state = ?2) "
          "ORDER BY state = 'pending' DESC, created_at DESC, id DESC LIMIT ?3",
          sqlite::kSelectInvitations);
      static const std::string sent = fmt::format(
          "{} WHERE from_member = ?1 AND (?2 IS NULL OR state = ?2) "
          "ORDER BY state = 'pending' DESC, created_at DESC, id DESC LIMIT ?3",
          sqlite::kSelectInvitations);
      const std::string& sql = options.box == InvitationBox::kReceived ? received : sent;
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
      statement->Bind(1, member).Bind(3, int64_t{options.limit});
      if (options.state.has_value()) {
        statement->Bind(2, InvitationStateName(*options.state));
      } else {
        statement->BindNull(2);
      }
      std::vector<Invitation> invitations;
      while (true) {
        absl::StatusOr<bool> row = statement->Step();
        if (!row.ok() || !*row) {
          statement->Reset();
          if (!row.ok()) return row.status();
          return invitations;
        }
        absl::StatusOr<Invitation> invitation = sqlite::ReadInvitation(*statement);
        if (!invitation.ok()) {
          statement->Reset();
          return invitation.status();
        }
        invitations.push_back(*std::move(invitation));
      }
    });
  }

  absl::StatusOr<SenderHistory> GetSenderHistory(MemberId sender, Timestamp before,
                                                 InvitationId exclude) override {
    return Read([&](Db& db) -> absl::StatusOr<SenderHistory> {
      static constexpr char kSql[] =
          "SELECT coalesce(sum(created_at > ?3), 0), "
          "coalesce(sum(state IN ('accepted', 'ignored', 'reported')), 0), "
          "coalesce(sum(state = 'accepted'), 0), coalesce(sum(state = 'reported'), 0) "
          "FROM invitations WHERE from_member = ?1 AND created_at <= ?2 AND id <> ?4";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
      statement->Bind(1, sender).Bind(2, before).Bind(3, before - kInvitationWeek).Bind(4, exclude);
      absl::StatusOr<bool> row = statement->Step();
      SenderHistory history;
      if (row.ok() && *row) {
        history = SenderHistory{.sent_last_7_days = statement->ColumnInt(0),
                                .answered = statement->ColumnInt(1),
                                .accepted = statement->ColumnInt(2),
                                .reports = statement->ColumnInt(3)};
      }
      statement->Reset();
      if (!row.ok()) return row.status();
      return history;
    });
  }

  absl::StatusOr<Attention> GetAttention(MemberId sender, MemberId recipient,
                                         Timestamp seasoned_before, Timestamp until) override {
    return Read([&](Db& db) -> absl::StatusOr<Attention> {
      // One read transaction, so the counts are of one moment.
      LEDD_RETURN_IF_ERROR(db.Exec("BEGIN"));
      absl::StatusOr<Attention> attention =
          sqlite::LoadAttention(db, sender, recipient, seasoned_before, until);
      (void)db.Exec("COMMIT");
      return attention;
    });
  }

  absl::StatusOr<std::optional<Timestamp>> FirstView(PostId post, MemberId viewer) override {
    return Read([&](Db& db) -> absl::StatusOr<std::optional<Timestamp>> {
      return sqlite::LoadFirstView(db, post, viewer);
    });
  }

  absl::StatusOr<Appearance> AddAppearance(const Appearance& appearance) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::InsertAppearance(*db_, appearance); });
  }
  absl::StatusOr<Appearance> UpdateAppearance(const Appearance& appearance) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::ReplaceAppearance(*db_, appearance); });
  }
  absl::Status DeleteAppearance(AppearanceId id) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::RemoveAppearance(*db_, id));
             return true;
           })
        .status();
  }
  absl::StatusOr<Appearance> GetAppearance(AppearanceId id) override {
    return Read([&](Db& db) { return sqlite::LoadAppearance(db, id); });
  }
  absl::StatusOr<std::vector<Appearance>> ListAppearances(MemberId member) override {
    return Read([&](Db& db) { return sqlite::LoadAppearances(db, member); });
  }

  absl::StatusOr<MemberData> ExportMember(MemberId member) override {
    return Read([&](Db& db) -> absl::StatusOr<MemberData> {
      // One read transaction: the parts are of one moment even beside writers.
      LEDD_RETURN_IF_ERROR(db.Exec("BEGIN"));
      absl::StatusOr<MemberData> data = sqlite::LoadMemberData(db, member);
      (void)db.Exec("COMMIT");
      return data;
    });
  }
  absl::StatusOr<DeletionRequest> RequestDeletion(const DeletionRequest& request) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::RequestDeletionIn(*db_, request); });
  }
  absl::StatusOr<DeletionRequest> GetDeletionRequest(MemberId member) override {
    return Read([&](Db& db) { return sqlite::LoadDeletionRequest(db, member); });
  }
  absl::Status CancelDeletion(MemberId member) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::CancelDeletionIn(*db_, member));
             return true;
           })
        .status();
  }
  absl::StatusOr<std::vector<DeletionRequest>> DueDeletions(Timestamp now, int limit) override {
    return Read([&](Db& db) { return sqlite::LoadDueDeletions(db, now, limit); });
  }
  absl::StatusOr<EventId> EraseMember(MemberId member) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::EraseMemberIn(*db_, member); });
  }

  absl::StatusOr<EventId> SetPhoto(const Photo& photo) override {
    for (const std::string* jpeg : {&photo.large, &photo.small}) {
      if (jpeg->empty() || jpeg->size() > kMaxPhotoBytes) {
        return absl::InvalidArgumentError(fmt::format(
            "a photo must hold 1 to {} bytes per size, not {}", kMaxPhotoBytes, jpeg->size()));
      }
    }
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(photo.member));
      if (!exists) {
        return absl::NotFoundError(fmt::format("member {} does not exist", photo.member));
      }
      static constexpr char kUpsert[] =
          "INSERT INTO photos (member_id, large, small, updated_at) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT (member_id) DO UPDATE SET large = excluded.large, "
          "small = excluded.small, updated_at = excluded.updated_at";
      LEDD_ASSIGN_OR_RETURN(Statement * upsert, db_->Cached(kUpsert));
      upsert->Bind(1, photo.member)
          .BindBlob(2, photo.large)
          .BindBlob(3, photo.small)
          .Bind(4, photo.updated_at);
      LEDD_RETURN_IF_ERROR(upsert->Run());
      LEDD_RETURN_IF_ERROR(SetHasPhoto(photo.member, true));
      return AppendEvent(*db_, EventKind::kMemberUpdated, photo.member);
    });
  }

  absl::StatusOr<PhotoBytes> GetPhoto(MemberId member, PhotoSize size) override {
    static constexpr char kLarge[] = "SELECT large, updated_at FROM photos WHERE member_id = ?1";
    static constexpr char kSmall[] = "SELECT small, updated_at FROM photos WHERE member_id = ?1";
    return Read([&](Db& db) -> absl::StatusOr<PhotoBytes> {
      LEDD_ASSIGN_OR_RETURN(Statement * statement,
                            db.Cached(size == PhotoSize::kLarge ? kLarge : kSmall));
      statement->Bind(1, member);
      absl::StatusOr<bool> row = statement->Step();
      PhotoBytes photo;
      if (row.ok() && *row) {
        photo.jpeg = statement->ColumnBlob(0);
        photo.updated_at = statement->ColumnInt(1);
      }
      statement->Reset();
      if (!row.ok()) return row.status();
      if (!*row) return absl::NotFoundError(fmt::format("member {} has no photo", member));
      return photo;
    });
  }

  absl::StatusOr<EventId> DeletePhoto(MemberId member) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      static constexpr char kHasPhoto[] = "SELECT has_photo FROM members WHERE id = ?1";
      LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> has_photo, OptionalInt(*db_, kHasPhoto, member));
      if (!has_photo) return absl::NotFoundError(fmt::format("member {} does not exist", member));
      LEDD_ASSIGN_OR_RETURN(Statement * remove,
                            db_->Cached("DELETE FROM photos WHERE member_id = ?1"));
      remove->Bind(1, member);
      LEDD_RETURN_IF_ERROR(remove->Run());
      // An imported has_photo without a stored photo is a photo to delete too.
      if (db_->Changes() == 0 && *has_photo == 0) {
        return absl::NotFoundError(fmt::format("member {} has no photo", member));
      }
      LEDD_RETURN_IF_ERROR(SetHasPhoto(member, false));
      return AppendEvent(*db_, EventKind::kMemberUpdated, member);
    });
  }

  absl::StatusOr<BlockWrite> Block(MemberId blocker, MemberId blocked, Timestamp at) override {
    if (blocker == blocked) {
      return absl::InvalidArgumentError(fmt::format("member {} cannot block itself", blocker));
    }
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<BlockWrite> {
      for (MemberId member : {blocker, blocked}) {
        LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(member));
        if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
      }
      LEDD_ASSIGN_OR_RETURN(bool already, Exists(*db_, kBlockExists, blocker, blocked));
      if (already) {
        return absl::AlreadyExistsError(
            fmt::format("member {} has already blocked member {}", blocker, blocked));
      }
      BlockWrite write{.block = {.blocker = blocker, .blocked = blocked, .created_at = at},
                       .resolved = {},
                       .event = 0};
      // At most one pending invitation per pair (invitations_one_pending).
      const MemberId a = std::min(blocker, blocked);
      const MemberId b = std::max(blocker, blocked);
      static constexpr char kPending[] =
          "SELECT id FROM invitations WHERE min(from_member, to_member) = ?1 AND "
          "max(from_member, to_member) = ?2 AND state = 'pending'";
      LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> pending_id, OptionalInt(*db_, kPending, a, b));
      if (pending_id.has_value()) {
        LEDD_ASSIGN_OR_RETURN(Invitation pending, LoadInvitation(*db_, *pending_id));
        // Ignored, not reported: a block is the blocker's own boundary, not an accusation,
        // so it must not count as a report against the sender in the advice others get.
        const InvitationState state =
            pending.from == blocked ? InvitationState::kIgnored : InvitationState::kWithdrawn;
        LEDD_RETURN_IF_ERROR(SetInvitationState(pending, state, at));
        pending.state = state;
        LEDD_RETURN_IF_ERROR(AppendEvent(*db_, EventKind::kInvitationChanged, pending.id).status());
        write.resolved.push_back(std::move(pending));
      }
      // A follow across the block ends with it, in either direction: the blocked member
      // must not be notified of the blocker's posts, nor the blocker keep them in a feed.
      for (auto [follower, followee] : {std::pair{blocker, blocked}, std::pair{blocked, blocker}}) {
        static constexpr char kUnfollow[] =
            "DELETE FROM follows WHERE follower = ?1 AND followee = ?2";
        LEDD_ASSIGN_OR_RETURN(Statement * unfollow, db_->Cached(kUnfollow));
        unfollow->Bind(1, follower).Bind(2, followee);
        LEDD_RETURN_IF_ERROR(unfollow->Run());
        if (db_->Changes() > 0) {
          LEDD_RETURN_IF_ERROR(
              AppendEvent(*db_, EventKind::kFollowRemoved, follower, followee).status());
        }
      }
      static constexpr char kInsert[] =
          "INSERT INTO blocks (blocker, blocked, created_at) VALUES (?1, ?2, ?3)";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kInsert));
      statement->Bind(1, blocker).Bind(2, blocked).Bind(3, at);
      LEDD_RETURN_IF_ERROR(statement->Run());
      LEDD_ASSIGN_OR_RETURN(write.event,
                            AppendEvent(*db_, EventKind::kBlockChanged, blocker, blocked));
      return write;
    });
  }

  absl::StatusOr<EventId> Unblock(MemberId blocker, MemberId blocked) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      static constexpr char kSql[] = "DELETE FROM blocks WHERE blocker = ?1 AND blocked = ?2";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      statement->Bind(1, blocker).Bind(2, blocked);
      LEDD_RETURN_IF_ERROR(statement->Run());
      if (db_->Changes() == 0) {
        return absl::NotFoundError(
            fmt::format("member {} has not blocked member {}", blocker, blocked));
      }
      return AppendEvent(*db_, EventKind::kBlockChanged, blocker, blocked);
    });
  }

  absl::StatusOr<bool> IsBlocked(MemberId blocker, MemberId blocked) override {
    return Read(
        [&](Db& db) -> absl::StatusOr<bool> { return Exists(db, kBlockExists, blocker, blocked); });
  }

  absl::StatusOr<std::vector<MemberBlock>> ListBlocked(MemberId blocker) override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<MemberBlock>> {
      static constexpr char kSql[] =
          "SELECT blocker, blocked, created_at FROM blocks WHERE blocker = ?1 ORDER BY blocked";
      std::vector<MemberBlock> blocks;
      LEDD_RETURN_IF_ERROR(ScanMember(db, kSql, blocker, [&](const Statement& statement) {
        blocks.push_back({.blocker = statement.ColumnInt(0),
                          .blocked = statement.ColumnInt(1),
                          .created_at = statement.ColumnInt(2)});
      }));
      return blocks;
    });
  }

  absl::StatusOr<EventId> SaveSearch(const SavedSearch& search) override {
    if (search.name.empty()) {
      return absl::InvalidArgumentError(
          fmt::format("a saved search of member {} needs a name", search.member));
    }
    LEDD_RETURN_IF_ERROR(ValidateSavedSearch(search));
    const SavedSearchFilters& filters = search.filters;
    if (filters == SavedSearchFilters{}) {
      // It would match everyone: the reach itself, which the advice already shows.
      return absl::InvalidArgumentError(
          fmt::format("saved search \"{}\" has no filter; give at least one of title, city, "
                      "country, company, school, field, industry or name",
                      search.name));
    }
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(search.member));
      if (!exists) {
        return absl::NotFoundError(fmt::format("member {} does not exist", search.member));
      }
      LEDD_RETURN_IF_ERROR(CheckSavedSearchRoom(search));
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kUpsertSavedSearch));
      sqlite::BindSavedSearch(*statement, search);
      LEDD_RETURN_IF_ERROR(statement->Run());
      return AppendEvent(*db_, EventKind::kSavedSearchChanged, search.member);
    });
  }

  // FailedPrecondition when `search` would be the member's kMaxSavedSearches + 1st.
  absl::Status CheckSavedSearchRoom(const SavedSearch& search) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static constexpr char kOthers[] =
        "SELECT count(*) FROM saved_searches WHERE member = ?1 AND name <> ?2";
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kOthers));
    statement->Bind(1, search.member).Bind(2, std::string_view(search.name));
    absl::StatusOr<bool> row = statement->Step();
    const int64_t others = row.ok() && *row ? statement->ColumnInt(0) : 0;
    statement->Reset();
    if (!row.ok()) return row.status();
    if (others < kMaxSavedSearches) return absl::OkStatus();
    return absl::FailedPreconditionError(
        fmt::format("member {} already has {} saved searches, the most allowed; delete one "
                    "before saving \"{}\"",
                    search.member, kMaxSavedSearches, search.name));
  }

  absl::StatusOr<EventId> DeleteSavedSearch(MemberId member, const std::string& name) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EventId> {
      static constexpr char kSql[] = "DELETE FROM saved_searches WHERE member = ?1 AND name = ?2";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      statement->Bind(1, member).Bind(2, std::string_view(name));
      LEDD_RETURN_IF_ERROR(statement->Run());
      if (db_->Changes() == 0) {
        return absl::NotFoundError(
            fmt::format("member {} has no saved search \"{}\"", member, name));
      }
      return AppendEvent(*db_, EventKind::kSavedSearchChanged, member);
    });
  }

  absl::StatusOr<std::vector<SavedSearch>> ListSavedSearches(MemberId member) override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<SavedSearch>> {
      static const std::string sql =
          fmt::format("{} WHERE member = ?1 ORDER BY name", sqlite::kSelectSavedSearches);
      std::vector<SavedSearch> searches;
      LEDD_RETURN_IF_ERROR(ScanMember(db, sql.c_str(), member, [&](const Statement& statement) {
        searches.push_back(sqlite::ReadSavedSearch(statement));
      }));
      return searches;
    });
  }

  absl::Status AddAccount(const Account& account) override {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<bool> written = Write([&]() -> absl::StatusOr<bool> {
      LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(account.member));
      if (!exists) {
        return absl::NotFoundError(fmt::format("member {} does not exist", account.member));
      }
      LEDD_RETURN_IF_ERROR(InsertAccountLocked(account.member, account));
      return true;
    });
    return written.status();
  }

  absl::StatusOr<MemberId> AddMemberWithAccount(const Member& member, const Account& account,
                                                const SignUpOptions& options) override {
    LEDD_RETURN_IF_ERROR(ValidateMember(member));
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<MemberId> {
      Member stored = member;
      if (stored.id == 0) {
        LEDD_ASSIGN_OR_RETURN(int64_t largest,
                              db_->QueryInt("SELECT max(coalesce((SELECT max(id) FROM members), 0), "
                                            "coalesce((SELECT max(id) FROM erased_members), 0))"));
        stored.id = largest + 1;
      }
      if (stored.handle.empty()) {
        return absl::InvalidArgumentError(fmt::format("member {} has an empty handle", stored.id));
      }
      LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(stored.id));
      if (exists) {
        return absl::AlreadyExistsError(fmt::format("member {} already exists", stored.id));
      }
      LEDD_RETURN_IF_ERROR(CheckHandleFree(stored));
      LEDD_RETURN_IF_ERROR(FillFromInvitation(options.invite_token_hash, stored));
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kInsertMemberWithDirectory));
      const std::string markets = FormatMarkets(stored.markets);
      sqlite::BindMember(*statement, stored, markets);
      LEDD_RETURN_IF_ERROR(statement->Run());
      LEDD_RETURN_IF_ERROR(InsertAccountLocked(stored.id, account));
      LEDD_RETURN_IF_ERROR(AppendEvent(*db_, EventKind::kMemberAdded, stored.id).status());
      // After kMemberAdded, so that a follower of the log knows the member before the
      // invitations to them.
      LEDD_RETURN_IF_ERROR(sqlite::ClaimEmailInvitations(*db_, stored.id, FoldEmail(account.email),
                                                         options.invite_token_hash,
                                                         account.created_at));
      if (options.verification.has_value()) {
        AccountToken token = *options.verification;
        token.member = stored.id;
        LEDD_RETURN_IF_ERROR(sqlite::InsertAccountToken(*db_, token));
      }
      for (const OutgoingMail& mail : options.mail) {
        LEDD_RETURN_IF_ERROR(sqlite::InsertMail(*db_, mail).status());
      }
      return stored.id;
    });
  }

  absl::StatusOr<Account> GetAccount(MemberId member) override {
    return Read([&](Db& db) -> absl::StatusOr<Account> {
      static constexpr char kSql[] =
          "SELECT member, email, password_hash, created_at, role, suspended_until, "
          "suspension_reason, language, email_verified_at FROM accounts WHERE member = ?1";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
      statement->Bind(1, member);
      return ReadAccount(*statement, fmt::format("member {} has no account", member));
    });
  }

  absl::StatusOr<Account> GetAccountByEmail(const std::string& email) override {
    return Read([&](Db& db) -> absl::StatusOr<Account> {
      static constexpr char kSql[] =
          "SELECT member, email, password_hash, created_at, role, suspended_until, "
          "suspension_reason, language, email_verified_at FROM accounts WHERE email = ?1";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
      statement->Bind(1, std::string_view(email));
      return ReadAccount(*statement, "no account has that email");
    });
  }

  absl::Status AddSession(const Session& session) override {
    absl::MutexLock lock(&mu_);
    static constexpr char kSql[] =
        "INSERT INTO sessions (token_hash, member_id, created_at, expires_at, revoked_at, "
        "csrf_hash, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    absl::StatusOr<bool> written = Write([&]() -> absl::StatusOr<bool> {
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      statement->BindBlob(1, session.token_hash)
          .Bind(2, session.member)
          .Bind(3, session.created_at)
          .Bind(4, session.expires_at)
          .Bind(5, session.revoked_at)
          .BindBlob(6, session.csrf_hash)
          .Bind(7, std::string_view(session.address));
      LEDD_RETURN_IF_ERROR(statement->Run());
      return true;
    });
    return written.status();
  }

  absl::StatusOr<Session> GetSession(const std::string& token_hash) override {
    return Read([&](Db& db) -> absl::StatusOr<Session> {
      static constexpr char kSql[] =
          "SELECT token_hash, member_id, created_at, expires_at, revoked_at, csrf_hash, address "
          "FROM sessions WHERE token_hash = ?1";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
      statement->BindBlob(1, token_hash);
      absl::StatusOr<bool> row = statement->Step();
      if (!row.ok() || !*row) {
        statement->Reset();
        if (!row.ok()) return row.status();
        return absl::NotFoundError("no such session");
      }
      Session session{.token_hash = statement->ColumnText(0),
                      .member = statement->ColumnInt(1),
                      .csrf_hash = statement->ColumnText(5),
                      .created_at = statement->ColumnInt(2),
                      .expires_at = statement->ColumnInt(3),
                      .revoked_at = statement->ColumnOptionalInt(4),
                      .address = statement->ColumnText(6)};
      statement->Reset();
      return session;
    });
  }

  absl::Status RevokeSession(const std::string& token_hash, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    static constexpr char kSql[] =
        "UPDATE sessions SET revoked_at = coalesce(revoked_at, ?2) WHERE token_hash = ?1";
    absl::StatusOr<bool> written = Write([&]() -> absl::StatusOr<bool> {
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      statement->BindBlob(1, token_hash).Bind(2, at);
      LEDD_RETURN_IF_ERROR(statement->Run());
      if (db_->Changes() == 0) return absl::NotFoundError("no such session");
      return true;
    });
    return written.status();
  }

  absl::StatusOr<int64_t> PruneSessions(Timestamp now, int limit) override {
    if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
    absl::MutexLock lock(&mu_);
    // DELETE ... LIMIT needs a compile-time option of sqlite; a key subquery does not.
    static constexpr char kSql[] =
        "DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions "
        "WHERE expires_at <= ?1 OR revoked_at IS NOT NULL LIMIT ?2)";
    return Write([&]() -> absl::StatusOr<int64_t> {
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      statement->Bind(1, now).Bind(2, int64_t{limit});
      LEDD_RETURN_IF_ERROR(statement->Run());
      return int64_t{db_->Changes()};
    });
  }

  // Account tokens: the SQL is in account_tokens.cc.
  absl::Status AddAccountToken(const AccountToken& token,
                               const std::vector<OutgoingMail>& mail) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::InsertAccountToken(*db_, token));
             LEDD_RETURN_IF_ERROR(EnqueueLocked(mail));
             return true;
           })
        .status();
  }
  absl::StatusOr<AccountToken> GetAccountToken(const std::string& token_hash) override {
    return Read([&](Db& db) { return sqlite::LoadAccountToken(db, token_hash); });
  }
  absl::StatusOr<Account> ConfirmEmail(const std::string& token_hash, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::ConfirmEmailIn(*db_, token_hash, at); });
  }
  absl::StatusOr<Account> ResetPassword(const std::string& token_hash,
                                        const std::string& password_hash, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::ResetPasswordIn(*db_, token_hash, password_hash, at); });
  }
  absl::Status ChangePassword(MemberId member, const std::string& password_hash,
                              const std::string& keep_session_hash, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(
                 sqlite::ChangePasswordIn(*db_, member, password_hash, keep_session_hash, at));
             return true;
           })
        .status();
  }
  absl::Status ChangeEmail(MemberId member, const std::string& email,
                           const std::optional<AccountToken>& verification,
                           const std::vector<OutgoingMail>& mail, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::ChangeEmailIn(*db_, member, email, verification, at));
             LEDD_RETURN_IF_ERROR(EnqueueLocked(mail));
             return true;
           })
        .status();
  }
  absl::StatusOr<int64_t> RevokeSessions(MemberId member, const std::string& keep_session_hash,
                                         Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::RevokeSessionsIn(*db_, member, keep_session_hash, at); });
  }

  // Outgoing mail: the SQL is in mail.cc.
  absl::StatusOr<MailId> EnqueueMail(const OutgoingMail& mail) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::InsertMail(*db_, mail); });
  }
  absl::StatusOr<std::vector<OutgoingMail>> DueMail(Timestamp now, int limit) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::ClaimDueMail(*db_, now, limit); });
  }
  absl::Status MarkMailSent(MailId id, Timestamp at) override {
    sqlite::MailAttempt attempt;
    attempt.sent_at = at;
    return RecordAttempt(id, attempt);
  }
  absl::Status MarkMailRetry(MailId id, Timestamp next_attempt_at,
                             const std::string& error) override {
    sqlite::MailAttempt attempt;
    attempt.next_attempt_at = next_attempt_at;
    attempt.error = error;
    return RecordAttempt(id, attempt);
  }
  absl::Status MarkMailFailed(MailId id, const std::string& error) override {
    sqlite::MailAttempt attempt;
    attempt.error = error;
    return RecordAttempt(id, attempt);
  }
  absl::StatusOr<OutgoingMail> GetMail(MailId id) override {
    return Read([&](Db& db) { return sqlite::LoadMail(db, id); });
  }
  absl::StatusOr<int64_t> CountQueuedMail() override {
    return Read([&](Db& db) { return sqlite::CountQueued(db); });
  }

  // Email invitations: the SQL is in email_invitations.cc.
  absl::StatusOr<EmailInvitation> AddEmailInvitation(
      const EmailInvitationRequest& request) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<EmailInvitation> {
      LEDD_RETURN_IF_ERROR(sqlite::CheckNotSuspended(*db_, request.from, request.at));
      return sqlite::InsertEmailInvitation(*db_, request);
    });
  }
  absl::StatusOr<EmailInvitation> GetEmailInvitation(EmailInvitationId id) override {
    return Read([&](Db& db) { return sqlite::LoadEmailInvitation(db, id); });
  }
  absl::StatusOr<EmailInvitation> GetEmailInvitationByToken(
      const std::string& token_hash) override {
    return Read([&](Db& db) { return sqlite::LoadEmailInvitationByToken(db, token_hash); });
  }
  absl::StatusOr<std::vector<EmailInvitation>> ListEmailInvitations(MemberId from) override {
    return Read([&](Db& db) { return sqlite::LoadEmailInvitations(db, from); });
  }
  absl::StatusOr<EmailInvitation> WithdrawEmailInvitation(EmailInvitationId id,
                                                          Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::WithdrawEmailInvitationIn(*db_, id, at); });
  }

  // Posts, comments and notifications: the SQL is in social.cc; here only the lock and,
  // for writes, the transaction.
  absl::StatusOr<PostWrite> AddPost(const Post& post) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::InsertPost(*db_, post); });
  }
  absl::StatusOr<Post> GetPost(PostId id) override {
    return Read([&](Db& db) -> absl::StatusOr<Post> { return sqlite::LoadPost(db, id); });
  }
  absl::StatusOr<Post> CountView(PostId post, MemberId viewer, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::CountPostView(*db_, post, viewer, at); });
  }
  absl::StatusOr<std::vector<Post>> ListPosts(MemberId author,
                                              const PostListOptions& options) override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<Post>> {
      return sqlite::LoadPostsBy(db, author, options);
    });
  }
  absl::StatusOr<std::vector<Post>> ListFeed(MemberId member,
                                             const PostListOptions& options) override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<Post>> {
      return sqlite::LoadFeed(db, member, options);
    });
  }
  absl::StatusOr<CommentWrite> AddComment(const Comment& comment) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::InsertComment(*db_, comment); });
  }
  absl::StatusOr<std::vector<Comment>> ListComments(PostId post,
                                                    const ContentViewer& as) override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<Comment>> {
      return sqlite::LoadComments(db, post, as);
    });
  }
  absl::StatusOr<Comment> GetComment(CommentId id) override {
    return Read([&](Db& db) { return sqlite::LoadComment(db, id); });
  }

  // Moderation: the SQL is in moderation.cc.
  absl::StatusOr<Post> EditPost(PostId id, MemberId editor, const std::string& title,
                                const std::string& body, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::EditPostIn(*db_, id, editor, title, body, at); });
  }
  absl::StatusOr<Comment> EditComment(CommentId id, MemberId editor, const std::string& body,
                                      Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::EditCommentIn(*db_, id, editor, body, at); });
  }
  absl::Status DeletePost(PostId id, MemberId actor, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::DeletePostIn(*db_, id, actor, at));
             return true;
           })
        .status();
  }
  absl::Status DeleteComment(CommentId id, MemberId actor, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::DeleteCommentIn(*db_, id, actor, at));
             return true;
           })
        .status();
  }
  absl::StatusOr<Report> AddReport(const ReportRequest& request) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::InsertReport(*db_, request); });
  }
  absl::StatusOr<Report> GetReport(ReportId id) override {
    return Read([&](Db& db) { return sqlite::LoadReport(db, id); });
  }
  absl::StatusOr<std::vector<Report>> ListReports(const ReportListOptions& options) override {
    return Read([&](Db& db) { return sqlite::LoadReports(db, options); });
  }
  absl::StatusOr<InvitationsSent> CountInvitationsSent(MemberId member,
                                                       Timestamp since) override {
    return Read([&](Db& db) { return sqlite::CountSent(db, member, since); });
  }
  absl::StatusOr<ModerationWrite> Moderate(const ModerationRequest& request) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::ModerateIn(*db_, request); });
  }
  absl::StatusOr<std::vector<AuditEntry>> ListAudit(const AuditListOptions& options) override {
    return Read([&](Db& db) { return sqlite::LoadAudit(db, options); });
  }
  absl::StatusOr<AuditEntry> GetAuditEntry(AuditEntryId id) override {
    return Read([&](Db& db) { return sqlite::LoadAuditEntry(db, id); });
  }
  absl::StatusOr<std::vector<AccountSummary>> FindAccounts(const std::string& text,
                                                           int limit) override {
    return Read([&](Db& db) { return sqlite::LoadAccounts(db, text, limit); });
  }
  absl::StatusOr<std::vector<Notification>> ListNotifications(
      MemberId member, const NotificationListOptions& options) override {
    return Read([&](Db& db) -> absl::StatusOr<std::vector<Notification>> {
      return sqlite::LoadNotifications(db, member, options);
    });
  }
  absl::StatusOr<int64_t> CountUnreadNotifications(MemberId member) override {
    return Read([&](Db& db) -> absl::StatusOr<int64_t> { return sqlite::CountUnread(db, member); });
  }
  absl::StatusOr<int64_t> MarkNotificationsRead(MemberId member,
                                                const NotificationSelection& selection,
                                                Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::MarkRead(*db_, member, selection, at); });
  }

  // ---- email notifications ----

  absl::StatusOr<EmailSettings> GetEmailSettings(MemberId member) override {
    return Read([&](Db& db) { return sqlite::LoadEmailSettings(db, member); });
  }
  absl::Status SetEmailSettings(MemberId member, const EmailSettings& settings,
                                const std::string& language, Timestamp at) override {
    if (!language.empty() && !IsAccountLanguage(language)) {
      return absl::InvalidArgumentError(
          fmt::format("unknown language \"{}\" (expected en or nb)", language));
    }
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::StoreEmailSettings(*db_, member, settings, at));
             if (!language.empty()) {
               static constexpr char kLanguage[] =
                   "UPDATE accounts SET language = ?2 WHERE member = ?1";
               LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kLanguage));
               statement->Bind(1, member).Bind(2, std::string_view(language));
               LEDD_RETURN_IF_ERROR(statement->Run());
               if (db_->Changes() != 1) {
                 return absl::NotFoundError(fmt::format("member {} has no account", member));
               }
             }
             return true;
           })
        .status();
  }
  absl::Status SwitchOffEmail(MemberId member, EmailKind kind, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::SwitchOff(*db_, member, kind, at));
             return true;
           })
        .status();
  }
  absl::StatusOr<std::string> GetOrAddSecret(const std::string& name,
                                             const std::string& candidate) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::SecretOrAdd(*db_, name, candidate); });
  }
  absl::StatusOr<std::vector<Notification>> PendingNotificationMail(int limit) override {
    if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
    return Read([&](Db& db) { return sqlite::LoadPendingNotificationMail(db, limit); });
  }
  absl::StatusOr<int64_t> CommitNotificationMail(const std::vector<NotificationMail>& mails,
                                                 Timestamp at) override {
    for (const NotificationMail& entry : mails) {
      if (entry.mail.has_value()) LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(*entry.mail));
    }
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::MarkNotificationMail(*db_, mails, at); });
  }
  absl::StatusOr<std::vector<DigestDue>> DueDigests(Timestamp now, int limit) override {
    if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
    return Read([&](Db& db) { return sqlite::LoadDueDigests(db, now, limit); });
  }
  absl::StatusOr<std::vector<Notification>> DigestNotifications(MemberId member, Timestamp since,
                                                                int limit) override {
    if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
    return Read([&](Db& db) { return sqlite::LoadDigestNotifications(db, member, since, limit); });
  }
  absl::StatusOr<bool> CommitDigest(MemberId member, Timestamp since, Timestamp at,
                                    const std::optional<OutgoingMail>& mail) override {
    if (mail.has_value()) LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(*mail));
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::RecordDigest(*db_, member, since, at, mail); });
  }
  absl::StatusOr<std::vector<Post>> PendingPostMail(int limit) override {
    if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
    return Read([&](Db& db) { return sqlite::LoadPendingPostMail(db, limit); });
  }
  absl::StatusOr<bool> CommitPostMail(PostId post, const std::vector<OutgoingMail>& mails,
                                      Timestamp) override {
    for (const OutgoingMail& mail : mails) LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(mail));
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::MarkPostMail(*db_, post, mails); });
  }
  absl::StatusOr<PostSubscription> RequestPostSubscription(MemberId author,
                                                           const std::string& email,
                                                           const std::string& confirm_token_hash,
                                                           const OutgoingMail& mail,
                                                           Timestamp at) override {
    LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(mail));
    absl::MutexLock lock(&mu_);
    return Write([&] {
      return sqlite::RequestSubscription(*db_, author, email, confirm_token_hash, mail, at);
    });
  }
  absl::StatusOr<PostSubscription> ConfirmPostSubscription(const std::string& token_hash,
                                                           Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&] { return sqlite::ConfirmSubscription(*db_, token_hash, at); });
  }
  absl::StatusOr<PostSubscription> GetPostSubscription(PostSubscriptionId id) override {
    return Read([&](Db& db) { return sqlite::LoadSubscription(db, id); });
  }
  absl::Status Unsubscribe(PostSubscriptionId id, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::EndSubscription(*db_, id, at));
             return true;
           })
        .status();
  }
  absl::StatusOr<std::vector<PostSubscription>> ConfirmedSubscriptions(MemberId author) override {
    return Read([&](Db& db) { return sqlite::LoadConfirmedSubscriptions(db, author); });
  }
  absl::Status SuppressEmail(const std::string& email, Timestamp at) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::Suppress(*db_, email, at));
             return true;
           })
        .status();
  }
  absl::StatusOr<bool> IsEmailSuppressed(const std::string& email) override {
    return Read([&](Db& db) { return sqlite::IsSuppressed(db, email); });
  }
  absl::StatusOr<std::vector<EmailInvitation>> AddEmailInvitations(
      const std::vector<EmailInvitationRequest>& requests) override {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<std::vector<EmailInvitation>> {
      std::vector<EmailInvitation> written;
      for (size_t i = 0; i < requests.size(); ++i) {
        absl::StatusOr<EmailInvitation> invitation =
            sqlite::InsertEmailInvitation(*db_, requests[i]);
        if (!invitation.ok()) {
          return absl::Status(invitation.status().code(),
                              fmt::format("invitations[{}]: {}", i,
                                          sqlite::MessageOf(invitation.status())));
        }
        written.push_back(*std::move(invitation));
      }
      return written;
    });
  }

  absl::StatusOr<std::vector<Event>> EventsAfter(EventId after, int limit) override {
    if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
    return Read([&](Db& db) -> absl::StatusOr<std::vector<Event>> {
      static constexpr char kSql[] =
          "SELECT id, kind, at, a, b FROM events WHERE id > ?1 ORDER BY id LIMIT ?2";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
      statement->Bind(1, after).Bind(2, int64_t{limit});
      std::vector<Event> events;
      while (true) {
        absl::StatusOr<bool> row = statement->Step();
        if (!row.ok() || !*row) {
          statement->Reset();
          if (!row.ok()) return row.status();
          return events;
        }
        absl::StatusOr<EventKind> kind = ParseEventKind(statement->ColumnText(1));
        if (!kind.ok()) {
          statement->Reset();
          return absl::DataLossError(
              fmt::format("events row {}: {}", statement->ColumnInt(0), MessageOf(kind.status())));
        }
        events.push_back(Event{.id = statement->ColumnInt(0),
                               .kind = *kind,
                               .at = statement->ColumnInt(2),
                               .a = statement->ColumnInt(3),
                               .b = statement->ColumnInt(4)});
      }
    });
  }

  absl::StatusOr<EventId> LastEventId() override {
    return Read([&](Db& db) -> absl::StatusOr<EventId> {
      return db.QueryInt("SELECT coalesce(max(id), 0) FROM events");
    });
  }

  absl::StatusOr<EventPage> EventsSince(EventPosition after, int limit) override {
    EventPage page;
    LEDD_ASSIGN_OR_RETURN(page.events, EventsAfter(after.id, limit));
    page.settled = page.events.empty() ? after : page.events.back().position();
    return page;
  }

  absl::StatusOr<EventPosition> LastEventPosition() override {
    LEDD_ASSIGN_OR_RETURN(EventId last, LastEventId());
    return EventPosition{.xid = 0, .id = last};
  }

  absl::StatusOr<EventPosition> CurrentPosition() override { return LastEventPosition(); }

  absl::StatusOr<SqliteSettings> Settings() {
    absl::MutexLock lock(&mu_);
    SqliteSettings settings;
    LEDD_ASSIGN_OR_RETURN(settings.journal_mode, db_->QueryText("PRAGMA journal_mode"));
    LEDD_ASSIGN_OR_RETURN(int64_t foreign_keys, db_->QueryInt("PRAGMA foreign_keys"));
    settings.foreign_keys = foreign_keys != 0;
    LEDD_ASSIGN_OR_RETURN(settings.busy_timeout_ms, db_->QueryInt("PRAGMA busy_timeout"));
    LEDD_ASSIGN_OR_RETURN(settings.schema_version, db_->QueryInt("PRAGMA user_version"));
    LEDD_ASSIGN_OR_RETURN(settings.synchronous, db_->QueryInt("PRAGMA synchronous"));
    return settings;
  }

 private:
  // Runs `body` in a write transaction that commits only if it succeeds.
  // `body` returns an absl::StatusOr; so does Write.
  template <typename Body>
  std::invoke_result_t<Body&> Write(Body body) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    LEDD_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(*db_));
    auto result = body();
    if (!result.ok()) return result.status();
    LEDD_RETURN_IF_ERROR(transaction.Commit());
    return result;
  }

  // Runs `body` with a reader connection of its own (never the writer's, so it does
  // not wait for writes: WAL); `body` takes a Db& and returns a Status or StatusOr,
  // and must leave no statement mid-step. The helpers below take the Db to use: the
  // writer's inside Write, a reader's inside Read.
  template <typename Body>
  std::invoke_result_t<Body&, Db&> Read(Body body) {
    LEDD_ASSIGN_OR_RETURN(sqlite::ReaderPool::Lease reader, readers_.Acquire());
    return body(reader.db());
  }

  template <typename Visit>
  static absl::Status Scan(Db& db, const std::string& sql, Visit visit) {
    // A fresh statement per scan: the statement is the read transaction, which ends
    // when it is finalized, even if the visitor's error stops the scan early.
    LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) return absl::OkStatus();
      LEDD_RETURN_IF_ERROR(visit(statement));
    }
  }

  template <typename Visit>
  static absl::Status ScanMember(Db& db, const char* sql, MemberId member, Visit visit) {
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
    statement->Bind(1, member);
    while (true) {
      absl::StatusOr<bool> row = statement->Step();
      if (!row.ok() || !*row) {
        statement->Reset();
        return row.status();
      }
      visit(*statement);
    }
  }

  // Whether `sql` (a literal with parameter ?1) returns a row.
  static absl::StatusOr<bool> Exists(Db& db, const char* sql, int64_t key) {
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
    statement->Bind(1, key);
    absl::StatusOr<bool> row = statement->Step();
    statement->Reset();  // Ends the implicit read transaction.
    return row;
  }

  // Whether `sql` (a literal with parameters ?1 and ?2) returns a row.
  static absl::StatusOr<bool> Exists(Db& db, const char* sql, int64_t first, int64_t second) {
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
    statement->Bind(1, first).Bind(2, second);
    absl::StatusOr<bool> row = statement->Step();
    statement->Reset();
    return row;
  }

  // The first column of the first row of `sql` (a literal with parameters ?1, ?2, ...
  // bound to `params` in order), or nullopt when there is no row.
  template <typename... Params>
  static absl::StatusOr<std::optional<int64_t>> OptionalInt(Db& db, const char* sql,
                                                            Params... params) {
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
    int index = 0;
    (statement->Bind(++index, int64_t{params}), ...);
    absl::StatusOr<bool> row = statement->Step();
    std::optional<int64_t> value;
    if (row.ok() && *row) value = statement->ColumnInt(0);
    statement->Reset();  // Ends the implicit read transaction.
    if (!row.ok()) return row.status();
    return value;
  }

  // A sign-up from a register import's link starts from what the register says: each
  // profile field the sign-up left empty takes the pending invitation's.
  absl::Status FillFromInvitation(const std::string& token_hash, Member& member)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (token_hash.empty()) return absl::OkStatus();
    absl::StatusOr<EmailInvitation> invitation =
        sqlite::LoadEmailInvitationByToken(*db_, token_hash);
    if (!invitation.ok()) {
      if (invitation.status().code() == absl::StatusCode::kNotFound) return absl::OkStatus();
      return invitation.status();
    }
    if (invitation->state != EmailInvitationState::kPending) return absl::OkStatus();
    const InvitedProfile& profile = invitation->profile;
    for (auto [field, value] : {std::pair{&member.first_name, &profile.first_name},
                                std::pair{&member.last_name, &profile.last_name},
                                std::pair{&member.headline, &profile.headline},
                                std::pair{&member.city, &profile.city},
                                std::pair{&member.country, &profile.country},
                                std::pair{&member.industry, &profile.industry}}) {
      if (field->empty()) *field = *value;
    }
    return absl::OkStatus();
  }

  static absl::StatusOr<Invitation> LoadInvitation(Db& db, InvitationId id) {
    static const std::string sql = fmt::format("{} WHERE id = ?1", sqlite::kSelectInvitations);
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
    statement->Bind(1, id);
    LEDD_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) {
      statement->Reset();
      return absl::NotFoundError(fmt::format("invitation {} does not exist", id));
    }
    absl::StatusOr<Invitation> invitation = sqlite::ReadInvitation(*statement);
    statement->Reset();
    return invitation;
  }

  // Guarded by the state read in the same transaction; the WHERE on the old state
  // makes a lost update impossible even if a caller forgot that.
  absl::Status SetInvitationState(const Invitation& invitation, InvitationState state, Timestamp at)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static constexpr char kSql[] =
        "UPDATE invitations SET state = ?2, updated_at = ?3 WHERE id = ?1 AND state = ?4";
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
    statement->Bind(1, invitation.id)
        .Bind(2, InvitationStateName(state))
        .Bind(3, at)
        .Bind(4, InvitationStateName(invitation.state));
    LEDD_RETURN_IF_ERROR(statement->Run());
    if (db_->Changes() != 1) {
      return absl::InternalError(
          fmt::format("invitation {} changed state under a write transaction", invitation.id));
    }
    return absl::OkStatus();
  }

  absl::Status SetHasPhoto(MemberId member, bool has_photo) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    LEDD_ASSIGN_OR_RETURN(Statement * statement,
                          db_->Cached("UPDATE members SET has_photo = ?2 WHERE id = ?1"));
    statement->Bind(1, member).Bind(2, int64_t{has_photo ? 1 : 0});
    return statement->Run();
  }

  static constexpr char kBlockExists[] = "SELECT 1 FROM blocks WHERE blocker = ?1 AND blocked = ?2";

  // The block rule of SendInvitation, inside its transaction. The recipient's block is
  // checked first and worded as a plain refusal, so the sender cannot tell it from
  // their own side of the pair (store.h).
  absl::Status CheckNotBlocked(MemberId from, MemberId to) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    LEDD_ASSIGN_OR_RETURN(bool blocked_by_recipient, Exists(*db_, kBlockExists, to, from));
    if (blocked_by_recipient) {
      return absl::FailedPreconditionError(
          fmt::format("member {} cannot be invited by member {}", to, from));
    }
    LEDD_ASSIGN_OR_RETURN(bool blocked_by_sender, Exists(*db_, kBlockExists, from, to));
    if (blocked_by_sender) {
      return absl::FailedPreconditionError(
          fmt::format("member {} has blocked member {}; unblock them to invite them", from, to));
    }
    return absl::OkStatus();
  }

  absl::Status CheckRoomForConnection(MemberId member) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    LEDD_ASSIGN_OR_RETURN(int64_t degree, Degree(member));
    if (degree >= kMaxConnections) {
      return absl::FailedPreconditionError(fmt::format(
          "member {} already has {} connections, the most a member may have", member, degree));
    }
    return absl::OkStatus();
  }

  // Accepts a pending invitation inside the caller's transaction: the state, then the
  // connection (unless the pair is already connected), each with its event.
  absl::StatusOr<InvitationWrite> AcceptLocked(Invitation invitation, Timestamp at)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    const MemberId a = std::min(invitation.from, invitation.to);
    const MemberId b = std::max(invitation.from, invitation.to);
    static constexpr char kPair[] = "SELECT 1 FROM connections WHERE a = ?1 AND b = ?2";
    LEDD_ASSIGN_OR_RETURN(bool connected, Exists(*db_, kPair, a, b));
    if (!connected) {
      LEDD_RETURN_IF_ERROR(CheckRoomForConnection(invitation.to));
      LEDD_RETURN_IF_ERROR(CheckRoomForConnection(invitation.from));
    }
    LEDD_RETURN_IF_ERROR(SetInvitationState(invitation, InvitationState::kAccepted, at));
    invitation.state = InvitationState::kAccepted;
    InvitationWrite write;
    LEDD_ASSIGN_OR_RETURN(write.event,
                          AppendEvent(*db_, EventKind::kInvitationChanged, invitation.id));
    if (!connected) {
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kInsertConnection));
      statement->Bind(1, a).Bind(2, b).Bind(3, at);
      LEDD_RETURN_IF_ERROR(statement->Run());
      LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(*db_, EventKind::kConnectionAdded, a, b));
    }
    LEDD_RETURN_IF_ERROR(sqlite::Notify(*db_, invitation.from,
                                        NotificationKind::kInvitationAccepted, invitation.id, at));
    write.invitation = std::move(invitation);
    return write;
  }

  // Inserts `account` for `member` inside the caller's transaction, with readable
  // AlreadyExists errors rather than the constraint's.
  absl::Status InsertAccountLocked(MemberId member, const Account& account)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static constexpr char kHasAccount[] = "SELECT 1 FROM accounts WHERE member = ?1";
    LEDD_ASSIGN_OR_RETURN(bool has_account, Exists(*db_, kHasAccount, member));
    if (has_account) {
      return absl::AlreadyExistsError(fmt::format("member {} already has an account", member));
    }
    static constexpr char kEmailTaken[] = "SELECT 1 FROM accounts WHERE email = ?1";
    LEDD_ASSIGN_OR_RETURN(Statement * taken, db_->Cached(kEmailTaken));
    taken->Bind(1, std::string_view(account.email));
    absl::StatusOr<bool> row = taken->Step();
    taken->Reset();
    if (!row.ok()) return row.status();
    if (*row) return absl::AlreadyExistsError("an account with that email already exists");
    if (!IsAccountLanguage(account.language)) {
      return absl::InvalidArgumentError(
          fmt::format("\"{}\" is not a language of ledd's mail (en, nb)", account.language));
    }
    static constexpr char kSql[] =
        "INSERT INTO accounts (member, email, password_hash, created_at, language, "
        "email_verified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
    statement->Bind(1, member)
        .Bind(2, std::string_view(account.email))
        .Bind(3, std::string_view(account.password_hash))
        .Bind(4, account.created_at)
        .Bind(5, std::string_view(account.language))
        .Bind(6, account.email_verified_at);
    return statement->Run();
  }

  absl::Status EnqueueLocked(const std::vector<OutgoingMail>& mail)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    for (const OutgoingMail& one : mail) {
      LEDD_RETURN_IF_ERROR(sqlite::InsertMail(*db_, one).status());
    }
    return absl::OkStatus();
  }

  absl::Status RecordAttempt(MailId id, const sqlite::MailAttempt& attempt) {
    absl::MutexLock lock(&mu_);
    return Write([&]() -> absl::StatusOr<bool> {
             LEDD_RETURN_IF_ERROR(sqlite::RecordMailAttempt(*db_, id, attempt));
             return true;
           })
        .status();
  }

  static absl::StatusOr<Account> ReadAccount(Statement& statement, const std::string& absent) {
    absl::StatusOr<bool> row = statement.Step();
    if (!row.ok() || !*row) {
      statement.Reset();
      if (!row.ok()) return row.status();
      return absl::NotFoundError(absent);
    }
    Account account{.member = statement.ColumnInt(0),
                    .email = statement.ColumnText(1),
                    .password_hash = statement.ColumnText(2),
                    .created_at = statement.ColumnInt(3),
                    .suspended_until = statement.ColumnOptionalInt(5),
                    .suspension_reason = statement.ColumnText(6),
                    .language = statement.ColumnText(7),
                    .email_verified_at = statement.ColumnOptionalInt(8)};
    absl::StatusOr<Role> role = ParseRole(statement.ColumnText(4));
    statement.Reset();
    if (!role.ok()) {
      return absl::DataLossError(
          fmt::format("account of member {}: {}", account.member, MessageOf(role.status())));
    }
    account.role = *role;
    return account;
  }

  absl::StatusOr<bool> MemberExists(MemberId member) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static constexpr char kSql[] = "SELECT 1 FROM members WHERE id = ?1";
    return Exists(*db_, kSql, member);
  }

  absl::StatusOr<int64_t> Degree(MemberId member) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static constexpr char kSql[] =
        "SELECT (SELECT count(*) FROM connections WHERE a = ?1) + "
        "(SELECT count(*) FROM connections_by_b WHERE b = ?1)";
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
    statement->Bind(1, member);
    absl::StatusOr<bool> row = statement->Step();
    const int64_t degree = row.ok() && *row ? statement->ColumnInt(0) : 0;
    statement->Reset();
    if (!row.ok()) return row.status();
    return degree;
  }

  absl::Status CheckHandleFree(const Member& member) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static constexpr char kSql[] = "SELECT id FROM members WHERE handle = ?1 AND id <> ?2";
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
    statement->Bind(1, std::string_view(member.handle)).Bind(2, member.id);
    absl::StatusOr<bool> row = statement->Step();
    const MemberId owner = row.ok() && *row ? statement->ColumnInt(0) : 0;
    statement->Reset();
    if (!row.ok()) return row.status();
    if (*row) {
      return absl::AlreadyExistsError(
          fmt::format("handle \"{}\" is taken by member {}", member.handle, owner));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ProfileWrite> UpdateProfileLocked(const ProfileUpdate& update)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    const MemberId member = update.member;
    LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(member));
    if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
    ProfileWrite write;
    // Resolve every organization first: created ones get their events before the
    // member's, so a follower of the log knows them when it reads the member.
    auto resolve = [&](const std::string& where, OrganizationId id,
                       const std::optional<NamedOrganization>& named,
                       OrganizationKind kind) -> absl::StatusOr<OrganizationId> {
      if (named) {
        bool created = false;
        LEDD_ASSIGN_OR_RETURN(Organization organization, FindOrAddLocked(kind, *named, created));
        if (created) {
          LEDD_RETURN_IF_ERROR(
              AppendEvent(*db_, EventKind::kOrganizationAdded, organization.id).status());
          write.created.push_back(organization);
        }
        return organization.id;
      }
      static constexpr char kExists[] = "SELECT 1 FROM organizations WHERE id = ?1";
      LEDD_ASSIGN_OR_RETURN(bool exists, Exists(*db_, kExists, id));
      if (!exists) {
        return absl::NotFoundError(fmt::format(
            "{}: {} {} does not exist", where,
            kind == OrganizationKind::kSchool ? "school" : "organization", id));
      }
      return id;
    };
    if (update.positions) {
      for (size_t i = 0; i < update.positions->size(); ++i) {
        const ProfilePosition& entry = (*update.positions)[i];
        Position position = entry.position;
        LEDD_ASSIGN_OR_RETURN(position.organization_id,
                              resolve(fmt::format("positions[{}]", i), position.organization_id,
                                      entry.named, OrganizationKind::kCompany));
        write.positions.push_back(std::move(position));
      }
    }
    if (update.educations) {
      for (size_t i = 0; i < update.educations->size(); ++i) {
        const ProfileEducation& entry = (*update.educations)[i];
        Education education = entry.education;
        LEDD_ASSIGN_OR_RETURN(education.school_id,
                              resolve(fmt::format("educations[{}]", i), education.school_id,
                                      entry.named, OrganizationKind::kSchool));
        write.educations.push_back(std::move(education));
      }
    }
    if (update.profile) {
      const Member& profile = *update.profile;
      if (profile.handle.empty()) {
        return absl::InvalidArgumentError(fmt::format("member {} has an empty handle", member));
      }
      LEDD_RETURN_IF_ERROR(CheckHandleFree(profile));
      // has_photo (?7) is kept, as UpdateMember keeps it: only photos change it.
      static constexpr char kSql[] =
          "UPDATE members SET handle = ?2, first_name = ?3, last_name = ?4, headline = ?5, "
          "summary = ?6, city = ?8, country = ?9, industry = ?10, "
          "email = ?11, created_at = ?12, policy = ?13, markets = ?14, "
          "connections_visibility = ?15 WHERE id = ?1";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(kSql));
      const std::string markets = FormatMarkets(profile.markets);
      // in_directory is a setting, not the profile's: left as stored.
      sqlite::BindMember(*statement, profile, markets, /*directory=*/false);
      LEDD_RETURN_IF_ERROR(statement->Run());
    }
    if (update.positions) {
      LEDD_ASSIGN_OR_RETURN(Statement * remove,
                            db_->Cached("DELETE FROM positions WHERE member_id = ?1"));
      remove->Bind(1, member);
      LEDD_RETURN_IF_ERROR(remove->Run());
      for (const Position& position : write.positions) {
        LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kInsertPosition));
        sqlite::BindPosition(*statement, position);
        LEDD_RETURN_IF_ERROR(statement->Run());
      }
    } else {
      LEDD_ASSIGN_OR_RETURN(write.positions, PositionsLocked(member));
    }
    if (update.educations) {
      LEDD_ASSIGN_OR_RETURN(Statement * remove,
                            db_->Cached("DELETE FROM educations WHERE member_id = ?1"));
      remove->Bind(1, member);
      LEDD_RETURN_IF_ERROR(remove->Run());
      for (const Education& education : write.educations) {
        LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kInsertEducation));
        sqlite::BindEducation(*statement, education);
        LEDD_RETURN_IF_ERROR(statement->Run());
      }
    } else {
      LEDD_ASSIGN_OR_RETURN(write.educations, EducationsLocked(member));
    }
    LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(*db_, EventKind::kMemberUpdated, member));
    return write;
  }

  absl::StatusOr<std::vector<Position>> PositionsLocked(MemberId member)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static const std::string sql =
        fmt::format("{} WHERE member_id = ?1 ORDER BY id", sqlite::kSelectPositions);
    std::vector<Position> positions;
    LEDD_RETURN_IF_ERROR(ScanMember(*db_, sql.c_str(), member, [&](const Statement& statement) {
      positions.push_back(sqlite::ReadPosition(statement));
    }));
    return positions;
  }

  absl::StatusOr<std::vector<Education>> EducationsLocked(MemberId member)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static const std::string sql =
        fmt::format("{} WHERE member_id = ?1 ORDER BY id", sqlite::kSelectEducations);
    std::vector<Education> educations;
    LEDD_RETURN_IF_ERROR(ScanMember(*db_, sql.c_str(), member, [&](const Statement& statement) {
      educations.push_back(sqlite::ReadEducation(statement));
    }));
    return educations;
  }

  // Inserts an organization row with its folded name (schema v10; a store opened at an
  // older version for a test has no such column).
  absl::Status InsertOrganization(const Organization& organization)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db_->Cached(sqlite::kInsertOrganization));
    sqlite::BindOrganization(*statement, organization);
    LEDD_RETURN_IF_ERROR(statement->Run());
    if (!HasFoldedNames()) return absl::OkStatus();
    static constexpr char kFold[] = "UPDATE organizations SET folded_name = ?2 WHERE id = ?1";
    LEDD_ASSIGN_OR_RETURN(Statement * fold, db_->Cached(kFold));
    // Bind does not copy the text: it must live until Run.
    const std::string folded = Fold(organization.name);
    fold->Bind(1, organization.id).Bind(2, std::string_view(folded));
    return fold->Run();
  }

  // The schema version that added organizations.folded_name (schema.cc,
  // kV10OrganizationFoldedNames).
  static constexpr int kFoldedNamesVersion = 10;

  bool HasFoldedNames() const {
    return options_.max_schema_version <= 0 || options_.max_schema_version >= kFoldedNamesVersion;
  }

  // FindOrAddOrganization's lookup and insert, inside the caller's transaction. Sets
  // `created` when it added one (the caller appends the event).
  absl::StatusOr<Organization> FindOrAddLocked(OrganizationKind kind,
                                               const NamedOrganization& named, bool& created)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!HasFoldedNames()) {
      return absl::FailedPreconditionError(
          fmt::format("organizations by name need schema version {}", kFoldedNamesVersion));
    }
    const std::string folded = Fold(named.name);
    static const std::string find_sql = fmt::format(
        "{} WHERE folded_name = ?1 AND kind = ?2 AND (?3 = '' OR country = ?3) "
        "ORDER BY id LIMIT 1",
        sqlite::kSelectOrganizations);
    LEDD_ASSIGN_OR_RETURN(Statement * find, db_->Cached(find_sql.c_str()));
    find->Bind(1, std::string_view(folded))
        .Bind(2, OrganizationKindName(kind))
        .Bind(3, std::string_view(named.country));
    absl::StatusOr<bool> row = find->Step();
    if (!row.ok()) {
      find->Reset();
      return row.status();
    }
    if (*row) {
      absl::StatusOr<Organization> found = sqlite::ReadOrganization(*find);
      find->Reset();
      created = false;
      return found;
    }
    find->Reset();
    LEDD_ASSIGN_OR_RETURN(int64_t largest,
                          db_->QueryInt("SELECT COALESCE(MAX(id), 0) FROM organizations"));
    Organization organization{.id = largest + 1,
                              .kind = kind,
                              .name = named.name,
                              .industry = named.industry,
                              .country = named.country};
    LEDD_RETURN_IF_ERROR(InsertOrganization(organization));
    created = true;
    return organization;
  }

  absl::Status CheckOrganization(OrganizationId id, std::string_view noun)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    static constexpr char kSql[] = "SELECT 1 FROM organizations WHERE id = ?1";
    LEDD_ASSIGN_OR_RETURN(bool exists, Exists(*db_, kSql, id));
    if (!exists) return absl::NotFoundError(fmt::format("{} {} does not exist", noun, id));
    return absl::OkStatus();
  }

  static absl::StatusOr<Counts> CountIn(Db& db) {
    Counts counts;
    const std::pair<const char*, int64_t*> tables[] = {
        {"members", &counts.members},
        {"organizations", &counts.organizations},
        {"positions", &counts.positions},
        {"educations", &counts.educations},
        {"connections", &counts.connections},
        {"follows", &counts.follows},
        {"posts", &counts.posts},
        {"comments", &counts.comments},
        {"post_views", &counts.post_views},
        {"appearances", &counts.appearances},
        {"events", &counts.events},
    };
    for (const auto& [table, count] : tables) {
      LEDD_ASSIGN_OR_RETURN(*count, db.QueryInt(fmt::format("SELECT count(*) FROM {}", table)));
    }
    LEDD_ASSIGN_OR_RETURN(Statement statement,
                          db.Prepare("SELECT state, count(*) FROM invitations GROUP BY state"));
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      absl::StatusOr<InvitationState> state = ParseInvitationState(statement.ColumnText(0));
      if (!state.ok()) return absl::DataLossError(std::string(MessageOf(state.status())));
      counts.invitations[static_cast<size_t>(*state)] = statement.ColumnInt(1);
    }
    return counts;
  }

  absl::Mutex mu_;
  std::unique_ptr<Db> db_ ABSL_GUARDED_BY(mu_);  // The one writer connection.
  const SqliteOptions options_;
  sqlite::ReaderPool readers_;
};

}  // namespace

int SqliteSchemaVersion() { return sqlite::LatestSchemaVersion(); }

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("no database path given");
  if (!options.create_if_missing) {
    std::error_code error;
    if (!std::filesystem::exists(options.path, error)) {
      return absl::NotFoundError(fmt::format("database {} does not exist", options.path));
    }
  }
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<Db> db,
                        Db::Open(options.path, {.create_if_missing = options.create_if_missing}));
  // busy_timeout first, so that even the journal-mode switch waits for other processes.
  // WAL: readers never block the writer; synchronous=NORMAL is durable in WAL mode except
  // for the last transactions before a power cut, never corrupting. temp_store stays at
  // its default (files): sqlite's in-memory temp files made index rebuilds 4x slower.
  LEDD_RETURN_IF_ERROR(db->Exec(fmt::format("PRAGMA busy_timeout = {}", options.busy_timeout_ms)));
  LEDD_ASSIGN_OR_RETURN(std::string journal_mode, db->QueryText("PRAGMA journal_mode = WAL"));
  if (journal_mode != "wal") {
    return absl::FailedPreconditionError(fmt::format(
        "{}: could not switch to WAL journal mode (still \"{}\")", options.path, journal_mode));
  }
  LEDD_RETURN_IF_ERROR(
      db->Exec(fmt::format("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
                           "PRAGMA cache_size = -{}",
                           options.cache_mib * 1024)));
  if (options.max_pages > 0) {
    LEDD_RETURN_IF_ERROR(db->Exec(fmt::format("PRAGMA max_page_count = {}", options.max_pages)));
  }
  if (absl::Status status = sqlite::Migrate(*db, options.max_schema_version); !status.ok()) {
    return absl::Status(status.code(), fmt::format("{}: {}", options.path, MessageOf(status)));
  }
  LEDD_RETURN_IF_ERROR(RegisterRowSource(*db));  // For the import's bulk loads.
  return std::make_unique<SqliteStore>(std::move(db), options);
}

absl::StatusOr<SqliteSettings> InspectSqliteStore(Store& store) {
  auto* sqlite_store = dynamic_cast<SqliteStore*>(&store);
  if (sqlite_store == nullptr) return absl::InvalidArgumentError("not a SQLite store");
  return sqlite_store->Settings();
}

}  // namespace ledd::store
