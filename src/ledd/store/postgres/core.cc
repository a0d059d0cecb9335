// Members, organizations, background, connections and follows, the bulk import and the
// event log in PostgreSQL: the statements behind the Store's core methods (store.h).

#include "ledd/store/postgres/core.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "ledd/base/fold.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/import_plan.h"
#include "ledd/store/postgres/rows.h"
#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

// --- Helpers shared with other areas (core.h) -----------------------------------------

absl::StatusOr<bool> MemberExists(Conn& conn, MemberId member) {
  static constexpr char kSql[] = "SELECT 1 FROM members WHERE id = $1";
  return Exists(conn, kSql, Params().Bind(1, member));
}

absl::StatusOr<int64_t> Degree(Conn& conn, MemberId member) {
  static constexpr char kSql[] =
      "SELECT (SELECT count(*) FROM connections WHERE a = $1) + "
      "(SELECT count(*) FROM connections WHERE b = $1)";
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, Params().Bind(1, member)));
  return result.row(0).ColumnInt(0);
}

absl::Status CheckHandleFree(Conn& conn, const Member& member) {
  static constexpr char kSql[] = "SELECT id FROM members WHERE handle = $1 AND id <> $2";
  LEDD_ASSIGN_OR_RETURN(Result result,
                        conn.ExecCached(kSql, Params().Bind(1, member.handle).Bind(2, member.id)));
  if (!result.empty()) {
    return absl::AlreadyExistsError(fmt::format("handle \"{}\" is taken by member {}",
                                                member.handle, result.row(0).ColumnInt(0)));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> BlockExists(Conn& conn, MemberId blocker, MemberId blocked) {
  static constexpr char kSql[] = "SELECT 1 FROM blocks WHERE blocker = $1 AND blocked = $2";
  return Exists(conn, kSql, Params().Bind(1, blocker).Bind(2, blocked));
}

absl::Status Scan(Conn& conn, std::string_view sql, absl::FunctionRef<absl::Status(const Row&)> visit,
                  int batch) {
  // A cursor in one read-only snapshot: the rows of one moment, fetched `batch` at a
  // time, so a scan of 50M connections never holds them all in memory.
  return InSnapshot(conn, [&](Conn& conn) -> absl::Status {
    LEDD_RETURN_IF_ERROR(
        conn.Exec(fmt::format("DECLARE ledd_scan NO SCROLL CURSOR FOR {}", sql)).status());
    const std::string fetch = fmt::format("FETCH FORWARD {} FROM ledd_scan", batch);
    while (true) {
      LEDD_ASSIGN_OR_RETURN(Result rows, conn.Exec(fetch));
      for (int i = 0; i < rows.rows(); ++i) LEDD_RETURN_IF_ERROR(visit(rows.row(i)));
      if (rows.rows() < batch) return absl::OkStatus();
    }
  });
}

namespace {

// Organizations are found by their folded name (FindOrAddOrganization).
absl::Status InsertOrganization(Conn& conn, const Organization& organization) {
  static constexpr char kSql[] =
      "INSERT INTO organizations (id, kind, name, industry, country, folded_name) "
      "VALUES ($1, $2, $3, $4, $5, $6)";
  Params params;
  BindOrganization(params, organization);
  params.Bind(6, Fold(organization.name));
  return conn.ExecCached(kSql, params).status();
}

absl::StatusOr<std::vector<Position>> LoadPositions(Conn& conn, MemberId member) {
  static const std::string sql =
      fmt::format("{} WHERE member_id = $1 ORDER BY id", kSelectPositions);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql.c_str(), Params().Bind(1, member)));
  return ReadAll<Position>(result, [](const Row& row) { return ReadPosition(row); });
}

absl::StatusOr<std::vector<Education>> LoadEducations(Conn& conn, MemberId member) {
  static const std::string sql =
      fmt::format("{} WHERE member_id = $1 ORDER BY id", kSelectEducations);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql.c_str(), Params().Bind(1, member)));
  return ReadAll<Education>(result, [](const Row& row) { return ReadEducation(row); });
}

// FindOrAddOrganization's lookup and insert, inside the caller's transaction. Sets
// `created` when it added one (the caller appends the event).
absl::StatusOr<Organization> FindOrAdd(Conn& conn, OrganizationKind kind,
                                       const NamedOrganization& named, bool& created) {
  const std::string folded = Fold(named.name);
  static const std::string find_sql = fmt::format(
      "{} WHERE folded_name = $1 AND kind = $2 AND ($3 = '' OR country = $3) "
      "ORDER BY id LIMIT 1",
      kSelectOrganizations);
  LEDD_ASSIGN_OR_RETURN(
      Result found,
      conn.ExecCached(find_sql.c_str(),
                      Params().Bind(1, folded).Bind(2, OrganizationKindName(kind)).Bind(3, named.country)));
  if (!found.empty()) {
    created = false;
    return ReadOrganization(found.row(0));
  }
  // The store picks organization ids (max + 1), as SQLite does; a concurrent writer
  // picking the same one makes one transaction fail and run again.
  LEDD_ASSIGN_OR_RETURN(int64_t largest,
                        conn.QueryInt("SELECT COALESCE(MAX(id), 0) FROM organizations"));
  Organization organization{.id = largest + 1,
                            .kind = kind,
                            .name = named.name,
                            .industry = named.industry,
                            .country = named.country};
  LEDD_RETURN_IF_ERROR(InsertOrganization(conn, organization));
  created = true;
  return organization;
}

absl::StatusOr<ProfileWrite> UpdateProfileIn(Conn& conn, const ProfileUpdate& update) {
  const MemberId member = update.member;
  LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, member));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
  ProfileWrite write;
  // Resolve every organization first: created ones get their events before the
  // member's, so a follower of the log knows them when it reads the member.
  auto resolve = [&](const std::string& where, OrganizationId id,
                     const std::optional<NamedOrganization>& named,
                     OrganizationKind kind) -> absl::StatusOr<OrganizationId> {
    if (named) {
      bool created = false;
      LEDD_ASSIGN_OR_RETURN(Organization organization, FindOrAdd(conn, kind, *named, created));
      if (created) {
        LEDD_RETURN_IF_ERROR(
            AppendEvent(conn, EventKind::kOrganizationAdded, organization.id).status());
        write.created.push_back(organization);
      }
      return organization.id;
    }
    static constexpr char kExists[] = "SELECT 1 FROM organizations WHERE id = $1";
    LEDD_ASSIGN_OR_RETURN(bool found, Exists(conn, kExists, Params().Bind(1, id)));
    if (!found) {
      return absl::NotFoundError(
          fmt::format("{}: {} {} does not exist", where,
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
    LEDD_RETURN_IF_ERROR(CheckHandleFree(conn, profile));
    // has_photo ($7) is kept, as UpdateMember keeps it: only photos change it; in_directory
    // is a setting, not the profile's.
    static constexpr char kSql[] =
        "UPDATE members SET handle = $2, first_name = $3, last_name = $4, headline = $5, "
        "summary = $6, city = $8, country = $9, industry = $10, "
        "email = $11, created_at = $12, policy = $13, markets = $14, "
        "connections_visibility = $15 WHERE id = $1 AND $7::bigint IS NOT NULL";
    Params params;
    const std::string markets = FormatMarkets(profile.markets);
    BindMember(params, profile, markets, /*directory=*/false);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kSql, params).status());
  }
  if (update.positions) {
    LEDD_RETURN_IF_ERROR(conn.ExecCached("DELETE FROM positions WHERE member_id = $1",
                                         Params().Bind(1, member))
                             .status());
    for (const Position& position : write.positions) {
      Params params;
      BindPosition(params, position);
      LEDD_RETURN_IF_ERROR(conn.ExecCached(kInsertPosition, params).status());
    }
  } else {
    LEDD_ASSIGN_OR_RETURN(write.positions, LoadPositions(conn, member));
  }
  if (update.educations) {
    LEDD_RETURN_IF_ERROR(conn.ExecCached("DELETE FROM educations WHERE member_id = $1",
                                         Params().Bind(1, member))
                             .status());
    for (const Education& education : write.educations) {
      Params params;
      BindEducation(params, education);
      LEDD_RETURN_IF_ERROR(conn.ExecCached(kInsertEducation, params).status());
    }
  } else {
    LEDD_ASSIGN_OR_RETURN(write.educations, LoadEducations(conn, member));
  }
  LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(conn, EventKind::kMemberUpdated, member));
  return write;
}

absl::StatusOr<Event> ReadEvent(const Row& row) {
  absl::StatusOr<EventKind> kind = ParseEventKind(row.ColumnText(1));
  if (!kind.ok()) {
    return absl::DataLossError(
        fmt::format("events row {}: {}", row.ColumnInt(0), MessageOf(kind.status())));
  }
  return Event{.id = row.ColumnInt(0),
               .kind = *kind,
               .at = row.ColumnInt(2),
               .a = row.ColumnInt(3),
               .b = row.ColumnInt(4),
               .xid = row.ColumnInt(5)};
}

// --- Import ----------------------------------------------------------------------

// The rows already stored, for PlanImport, read inside the import's transaction.
class PostgresStoredRows final : public StoredRows {
 public:
  explicit PostgresStoredRows(Conn& conn) : conn_(conn) {}

  absl::StatusOr<std::vector<int64_t>> Ids(std::string_view table) override {
    std::vector<int64_t> ids;
    LEDD_RETURN_IF_ERROR(ScanInTransaction(fmt::format("SELECT id FROM {}", table),
                                           [&](const Row& row) {
                                             ids.push_back(row.ColumnInt(0));
                                             return absl::OkStatus();
                                           }));
    return ids;
  }
  absl::StatusOr<bool> Empty(std::string_view table) override {
    LEDD_ASSIGN_OR_RETURN(
        int64_t any, conn_.QueryInt(fmt::format("SELECT EXISTS (SELECT 1 FROM {})::int", table)));
    return any == 0;
  }
  absl::StatusOr<std::optional<MemberId>> HandleOwner(const std::string& handle) override {
    return conn_.QueryOptionalInt("SELECT id FROM members WHERE handle = $1",
                                  Params().Bind(1, handle));
  }
  absl::StatusOr<int64_t> Degree(MemberId member) override {
    return postgres::Degree(conn_, member);
  }
  absl::StatusOr<bool> Connected(MemberId low, MemberId high) override {
    return Exists(conn_, "SELECT 1 FROM connections WHERE a = $1 AND b = $2",
                  Params().Bind(1, low).Bind(2, high));
  }
  absl::StatusOr<bool> PendingInvitation(MemberId low, MemberId high) override {
    return Exists(conn_,
                  "SELECT 1 FROM invitations WHERE LEAST(from_member, to_member) = $1 AND "
                  "GREATEST(from_member, to_member) = $2 AND state = 'pending'",
                  Params().Bind(1, low).Bind(2, high));
  }
  absl::StatusOr<bool> Follows(MemberId follower, MemberId followee) override {
    return Exists(conn_, "SELECT 1 FROM follows WHERE follower = $1 AND followee = $2",
                  Params().Bind(1, follower).Bind(2, followee));
  }
  absl::StatusOr<std::optional<MemberId>> OwnerOf(const InvitationVia& via) override {
    return conn_.QueryOptionalInt(via.kind == InvitationVia::Kind::kPost
                                      ? "SELECT author FROM posts WHERE id = $1"
                                      : "SELECT member_id FROM appearances WHERE id = $1",
                                  Params().Bind(1, via.id));
  }

 private:
  // A cursor inside the caller's transaction.
  absl::Status ScanInTransaction(const std::string& sql,
                                 absl::FunctionRef<absl::Status(const Row&)> visit) {
    LEDD_RETURN_IF_ERROR(
        conn_.Exec(fmt::format("DECLARE ledd_ids NO SCROLL CURSOR FOR {}", sql)).status());
    while (true) {
      LEDD_ASSIGN_OR_RETURN(Result rows, conn_.Exec("FETCH FORWARD 100000 FROM ledd_ids"));
      for (int i = 0; i < rows.rows(); ++i) LEDD_RETURN_IF_ERROR(visit(rows.row(i)));
      if (rows.rows() < 100000) break;
    }
    return conn_.Exec("CLOSE ledd_ids").status();
  }

  Conn& conn_;
};

// One row of COPY's binary format: the field count, then each field's length and bytes
// (a big-endian int64 for BIGINT, the bytes of a TEXT, length -1 for NULL). The server
// parses no text and we format no numbers and escape no fields; every imported column
// is BIGINT or TEXT.
class BinaryRow {
 public:
  explicit BinaryRow(int fields) : fields_(fields) { Clear(); }

  BinaryRow& Int(int64_t value) {
    BigEndian(8, 4);
    BigEndian(static_cast<uint64_t>(value), 8);
    return *this;
  }
  BinaryRow& Int(std::optional<int64_t> value) {
    if (!value) {
      BigEndian(static_cast<uint32_t>(-1), 4);
      return *this;
    }
    return Int(*value);
  }
  BinaryRow& Text(std::string_view value) {
    BigEndian(value.size(), 4);
    bytes_.append(value);
    return *this;
  }
  std::string_view bytes() const { return bytes_; }
  void Clear() {
    bytes_.clear();
    BigEndian(fields_, 2);
  }

 private:
  void BigEndian(uint64_t value, int size) {
    for (int i = size - 1; i >= 0; --i) bytes_ += static_cast<char>(value >> (8 * i));
  }
  int fields_;
  std::string bytes_;
};

using Sink = absl::FunctionRef<absl::Status(std::string_view)>;

// COPYs into `table` (`columns`, comma-separated) in the binary format: `rows(row, send)`
// fills `row` and calls send() for each row (which also clears it). Errors name the
// table (PostgreSQL's message names the COPY line).
absl::Status CopyBinary(
    Conn& conn, std::string_view table, std::string_view columns,
    absl::FunctionRef<absl::Status(BinaryRow& row, absl::FunctionRef<absl::Status()> send)>
        rows) {
  absl::Status status = conn.Copy(
      fmt::format("COPY {} ({}) FROM STDIN (FORMAT binary)", table, columns),
      [&](Sink sink) -> absl::Status {
        static constexpr char kHeader[] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
        LEDD_RETURN_IF_ERROR(sink(std::string_view(kHeader, sizeof(kHeader) - 1)));
        BinaryRow row(1 + static_cast<int>(std::count(columns.begin(), columns.end(), ',')));
        LEDD_RETURN_IF_ERROR(rows(row, [&]() -> absl::Status {
          absl::Status sent = sink(row.bytes());
          row.Clear();
          return sent;
        }));
        return sink(std::string_view("\377\377", 2));  // The trailer: field count -1.
      });
  if (status.ok()) return status;
  return absl::Status(status.code(), fmt::format("{}: {}", table, MessageOf(status)));
}

// COPYs `count` rows into `table`; `write(k, row)` fills the k-th.
template <typename Write>
absl::Status CopyRows(Conn& conn, std::string_view table, std::string_view columns, size_t count,
                      Write write) {
  if (count == 0) return absl::OkStatus();
  return CopyBinary(conn, table, columns, [&](BinaryRow& row, auto send) -> absl::Status {
    for (size_t k = 0; k < count; ++k) {
      write(k, row);
      LEDD_RETURN_IF_ERROR(send());
    }
    return absl::OkStatus();
  });
}

// The indexes of tables that are empty before an import, dropped before their COPY and
// rebuilt after it from their definitions (pg_get_indexdef): one sort per index instead
// of a B-tree insert per row. A primary key or unique constraint is dropped with its
// index and re-attached to the rebuilt one; one a foreign key refers to stays (dropping it
// would drop the foreign key). DDL is transactional, so a failed import restores them;
// until the import commits the tables are locked (ACCESS EXCLUSIVE) against readers.
// PlanImport has refused every duplicate a unique index would, so a rebuild does not fail
// on the imported rows.
class SuspendedIndexes {
 public:
  explicit SuspendedIndexes(Conn& conn) : conn_(conn) {}

  absl::Status Suspend(std::string_view table, size_t incoming) {
    if (incoming == 0) return absl::OkStatus();
    LEDD_ASSIGN_OR_RETURN(
        int64_t any, conn_.QueryInt(fmt::format("SELECT EXISTS (SELECT 1 FROM {})::int", table)));
    if (any != 0) return absl::OkStatus();
    static constexpr char kIndexes[] =
        "SELECT i.relname, pg_get_indexdef(x.indexrelid), coalesce(c.conname, ''), "
        "coalesce(c.contype::text, '') FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid "
        "LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid "
        "AND c.contype IN ('p', 'u') "
        "WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint f "
        "WHERE f.contype = 'f' AND f.conindid = x.indexrelid) ORDER BY i.relname";
    LEDD_ASSIGN_OR_RETURN(Result indexes, conn_.Exec(kIndexes, Params().Bind(1, table)));
    for (int k = 0; k < indexes.rows(); ++k) {
      Index index{.table = std::string(table),
                  .name = indexes.row(k).ColumnText(0),
                  .definition = indexes.row(k).ColumnText(1),
                  .constraint = indexes.row(k).ColumnText(2),
                  .kind = indexes.row(k).ColumnText(3)};
      LEDD_RETURN_IF_ERROR(
          conn_
              .Exec(index.constraint.empty()
                        ? fmt::format("DROP INDEX \"{}\"", index.name)
                        : fmt::format("ALTER TABLE {} DROP CONSTRAINT \"{}\"", table,
                                      index.constraint))
              .status());
      suspended_.push_back(std::move(index));
    }
    return absl::OkStatus();
  }

  absl::Status Rebuild() {
    if (suspended_.empty()) return absl::OkStatus();
    // A B-tree build sorts in memory up to this, then on disk.
    LEDD_RETURN_IF_ERROR(conn_.Exec("SET LOCAL maintenance_work_mem = '1GB'").status());
    for (const Index& index : suspended_) {
      absl::Status built = conn_.Exec(index.definition).status();
      if (built.ok() && !index.constraint.empty()) {
        built = conn_
                    .Exec(fmt::format("ALTER TABLE {} ADD CONSTRAINT \"{}\" {} USING INDEX \"{}\"",
                                      index.table, index.constraint,
                                      index.kind == "p" ? "PRIMARY KEY" : "UNIQUE", index.name))
                    .status();
      }
      if (!built.ok()) {
        return absl::Status(built.code(),
                            fmt::format("{}: index {}: {}", index.table, index.name,
                                        MessageOf(built)));
      }
    }
    suspended_.clear();
    return absl::OkStatus();
  }

 private:
  struct Index {
    std::string table;
    std::string name;
    std::string definition;
    std::string constraint;  // Empty for an index without a constraint.
    std::string kind;        // "p" (primary key) or "u" (unique), with a constraint.
  };
  Conn& conn_;
  std::vector<Index> suspended_;
};

absl::StatusOr<EventId> ImportIn(Conn& conn, const Dataset& data,
                                 const std::function<absl::Status()>& connections_ready) {
  PostgresStoredRows stored(conn);
  LEDD_ASSIGN_OR_RETURN(ImportPlan plan, PlanImport(data, stored, !connections_ready));
  // PlanImport checked every reference, so the per-row foreign-key triggers would only
  // repeat it: skipped for this transaction where the role may (a superuser, or a role
  // granted SET on session_replication_role); otherwise they run, slower but the same.
  // The savepoint keeps a refused SET from aborting the transaction.
  LEDD_RETURN_IF_ERROR(conn.Exec("SAVEPOINT replication_role").status());
  absl::StatusOr<Result> replica = conn.Exec("SET LOCAL session_replication_role = replica");
  if (!replica.ok()) {
    if (replica.status().code() != absl::StatusCode::kPermissionDenied) return replica.status();
    LEDD_RETURN_IF_ERROR(conn.Exec("ROLLBACK TO SAVEPOINT replication_role").status());
  }
  LEDD_RETURN_IF_ERROR(conn.Exec("RELEASE SAVEPOINT replication_role").status());
  SuspendedIndexes indexes(conn);
  LEDD_RETURN_IF_ERROR(indexes.Suspend("members", data.members.size()));
  LEDD_RETURN_IF_ERROR(indexes.Suspend("organizations", data.organizations.size()));
  LEDD_RETURN_IF_ERROR(indexes.Suspend("positions", data.positions.size()));
  LEDD_RETURN_IF_ERROR(indexes.Suspend("educations", data.educations.size()));
  LEDD_RETURN_IF_ERROR(indexes.Suspend("invitations", data.invitations.size()));
  LEDD_RETURN_IF_ERROR(indexes.Suspend("follows", data.follows.size()));
  LEDD_RETURN_IF_ERROR(indexes.Suspend("posts", data.posts.size()));
  LEDD_RETURN_IF_ERROR(indexes.Suspend("comments", data.comments.size()));
  LEDD_RETURN_IF_ERROR(indexes.Suspend("appearances", data.appearances.size()));

  LEDD_RETURN_IF_ERROR(CopyRows(
      conn, "members",
      "id, handle, first_name, last_name, headline, summary, has_photo, city, country, "
      "industry, email, created_at, policy, markets, connections_visibility, in_directory",
      data.members.size(), [&](size_t k, BinaryRow& row) {
        const Member& m = data.members[plan.member_order[k]];
        row.Int(m.id)
            .Text(m.handle)
            .Text(m.first_name)
            .Text(m.last_name)
            .Text(m.headline)
            .Text(m.summary)
            .Int(m.has_photo ? 1 : 0)
            .Text(m.city)
            .Text(m.country)
            .Text(m.industry)
            .Text(m.email)
            .Int(m.created_at)
            .Text(PolicyName(m.policy))
            .Text(FormatMarkets(m.markets))
            .Text(ConnectionsVisibilityName(m.connections_visibility))
            .Int(m.in_directory ? 1 : 0);
      }));
  LEDD_RETURN_IF_ERROR(CopyRows(conn, "organizations",
                                "id, kind, name, industry, country, folded_name",
                                data.organizations.size(), [&](size_t k, BinaryRow& row) {
                                  const Organization& o = data.organizations[k];
                                  row.Int(o.id)
                                      .Text(OrganizationKindName(o.kind))
                                      .Text(o.name)
                                      .Text(o.industry)
                                      .Text(o.country)
                                      .Text(Fold(o.name));
                                }));
  LEDD_RETURN_IF_ERROR(CopyRows(conn, "positions",
                                "member_id, organization_id, title, start_at, end_at",
                                data.positions.size(), [&](size_t k, BinaryRow& row) {
                                  const Position& p = data.positions[k];
                                  row.Int(p.member_id)
                                      .Int(p.organization_id)
                                      .Text(p.title)
                                      .Int(p.start)
                                      .Int(p.end);
                                }));
  LEDD_RETURN_IF_ERROR(CopyRows(conn, "educations",
                                "member_id, school_id, field, degree, start_at, end_at",
                                data.educations.size(), [&](size_t k, BinaryRow& row) {
                                  const Education& e = data.educations[k];
                                  row.Int(e.member_id)
                                      .Int(e.school_id)
                                      .Text(e.field)
                                      .Text(e.degree)
                                      .Int(e.start)
                                      .Int(e.end);
                                }));
  LEDD_RETURN_IF_ERROR(CopyRows(
      conn, "invitations",
      "id, from_member, to_member, note, created_at, state, kind, via_kind, via_id, updated_at",
      data.invitations.size(), [&](size_t k, BinaryRow& row) {
        const Invitation& i = data.invitations[k];
        row.Int(i.id)
            .Int(i.from)
            .Int(i.to)
            .Text(i.note)
            .Int(i.created_at)
            .Text(InvitationStateName(i.state))
            .Text(i.kind)
            .Text(InvitationViaKindName(i.via.kind))
            .Int(i.via.id)
            .Int(i.created_at);
      }));
  LEDD_RETURN_IF_ERROR(CopyRows(conn, "follows", "follower, followee, created_at",
                                data.follows.size(), [&](size_t k, BinaryRow& row) {
                                  const Follow& f = data.follows[plan.follow_order[k]];
                                  row.Int(f.follower).Int(f.followee).Int(f.created_at);
                                }));
  // Imported posts are history, not news: no mail goes out for them (mail_pending 0).
  LEDD_RETURN_IF_ERROR(CopyRows(conn, "posts",
                                "id, author, title, body, created_at, views, mail_pending",
                                data.posts.size(), [&](size_t k, BinaryRow& row) {
                                  const Post& p = data.posts[k];
                                  row.Int(p.id)
                                      .Int(p.author)
                                      .Text(p.title)
                                      .Text(p.body)
                                      .Int(p.created_at)
                                      .Int(p.views)
                                      .Int(0);
                                }));
  LEDD_RETURN_IF_ERROR(CopyRows(conn, "comments", "id, post_id, author, body, created_at",
                                data.comments.size(), [&](size_t k, BinaryRow& row) {
                                  const Comment& c = data.comments[k];
                                  row.Int(c.id)
                                      .Int(c.post_id)
                                      .Int(c.author)
                                      .Text(c.body)
                                      .Int(c.created_at);
                                }));
  LEDD_ASSIGN_OR_RETURN(
      int64_t views_stored, conn.QueryInt("SELECT EXISTS (SELECT 1 FROM post_views)::int"));
  if (!data.post_views.empty() && views_stored == 0) {
    // A view counted twice on one day is one row, the first (as INSERT OR IGNORE has it
    // in SQLite): with no stored views to collide with, the repeats are dropped here and
    // the rest COPYed in key order, the indexes rebuilt after.
    LEDD_RETURN_IF_ERROR(indexes.Suspend("post_views", data.post_views.size()));
    struct ViewKey {
      int64_t post_id;
      int64_t viewer;
      int64_t day;
      size_t row;
    };
    std::vector<ViewKey> keys;
    keys.reserve(data.post_views.size());
    for (size_t k = 0; k < data.post_views.size(); ++k) {
      const PostView& v = data.post_views[k];
      keys.push_back({v.post_id, v.viewer, DayOf(v.at), k});
    }
    auto key_of = [](const ViewKey& key) {
      return std::tie(key.post_id, key.viewer, key.day, key.row);
    };
    std::sort(keys.begin(), keys.end(),
              [&](const ViewKey& x, const ViewKey& y) { return key_of(x) < key_of(y); });
    keys.erase(std::unique(keys.begin(), keys.end(),
                           [](const ViewKey& x, const ViewKey& y) {
                             return x.post_id == y.post_id && x.viewer == y.viewer &&
                                    x.day == y.day;
                           }),
               keys.end());
    LEDD_RETURN_IF_ERROR(CopyRows(conn, "post_views", "post_id, viewer, day, at", keys.size(),
                                  [&](size_t k, BinaryRow& row) {
                                    const ViewKey& key = keys[k];
                                    row.Int(key.post_id)
                                        .Int(key.viewer)
                                        .Int(key.day)
                                        .Int(data.post_views[key.row].at);
                                  }));
  } else if (!data.post_views.empty()) {
    // A view counted twice on one day is one row (as INSERT OR IGNORE has it in SQLite):
    // through a scratch table, then inserted skipping the repeats.
    LEDD_RETURN_IF_ERROR(conn.Exec("CREATE TEMP TABLE import_post_views "
                                   "(post_id BIGINT, viewer BIGINT, day BIGINT, at BIGINT) "
                                   "ON COMMIT DROP")
                             .status());
    LEDD_RETURN_IF_ERROR(CopyRows(conn, "import_post_views", "post_id, viewer, day, at",
                                  data.post_views.size(), [&](size_t k, BinaryRow& row) {
                                    const PostView& v = data.post_views[k];
                                    row.Int(v.post_id).Int(v.viewer).Int(DayOf(v.at)).Int(v.at);
                                  }));
    LEDD_RETURN_IF_ERROR(conn.Exec("INSERT INTO post_views (post_id, viewer, day, at) "
                                   "SELECT post_id, viewer, day, at FROM import_post_views "
                                   "ON CONFLICT DO NOTHING")
                             .status());
  }
  LEDD_RETURN_IF_ERROR(CopyRows(
      conn, "appearances", "id, member_id, kind, title, event, date, place, link, created_at",
      data.appearances.size(), [&](size_t k, BinaryRow& row) {
        const Appearance& a = data.appearances[k];
        row.Int(a.id)
            .Int(a.member)
            .Text(AppearanceKindName(a.kind))
            .Text(a.title)
            .Text(a.event)
            .Int(a.date)
            .Text(a.place)
            .Text(a.link)
            .Int(a.created_at);
      }));
  // The other tables' indexes are rebuilt before the connections, which come last: they
  // may still be being read until connections_ready returns.
  LEDD_RETURN_IF_ERROR(indexes.Rebuild());
  if (connections_ready) {
    LEDD_RETURN_IF_ERROR(connections_ready());
    LEDD_RETURN_IF_ERROR(PlanConnections(data, stored, plan));
  }
  LEDD_RETURN_IF_ERROR(indexes.Suspend("connections", data.connections.size()));
  if (!data.connections.empty()) {
    LEDD_RETURN_IF_ERROR(CopyBinary(
        conn, "connections", "a, b, created_at", [&](BinaryRow& row, auto send) {
          return plan.ForEachConnection(
              data, [&](MemberId a, MemberId b, Timestamp at, size_t) -> absl::Status {
                row.Int(a).Int(b).Int(at);
                return send();
              });
        }));
  }
  LEDD_RETURN_IF_ERROR(indexes.Rebuild());
  // Identity columns PostgreSQL fills itself continue past the imported ids.
  for (std::string_view table : {"invitations", "posts", "comments", "appearances"}) {
    LEDD_RETURN_IF_ERROR(AdvanceIdentity(conn, table));
  }
  return AppendEvent(conn, EventKind::kImport);
}

}  // namespace

// --- The Store's methods ------------------------------------------------------------

absl::StatusOr<EventId> PostgresStore::Import(
    const Dataset& data, const std::function<absl::Status()>& connections_ready) {
  // Called once, even when a serialization failure runs the transaction again.
  std::optional<absl::Status> ready;
  std::function<absl::Status()> wait;
  if (connections_ready) {
    wait = [&]() -> absl::Status {
      if (!ready) ready = connections_ready();
      return *ready;
    };
  }
  return Write<EventId>([&](Conn& conn) { return ImportIn(conn, data, wait); });
}

absl::StatusOr<Counts> PostgresStore::Count() {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  Conn& conn = lease.conn();
  // One snapshot, so the counts are of one moment even beside writers.
  return InSnapshot<Counts>(conn, [&](Conn& conn) -> absl::StatusOr<Counts> {
    Counts counts;
    const std::pair<const char*, int64_t*> tables[] = {
        {"members", &counts.members},       {"organizations", &counts.organizations},
        {"positions", &counts.positions},   {"educations", &counts.educations},
        {"connections", &counts.connections}, {"follows", &counts.follows},
        {"posts", &counts.posts},           {"comments", &counts.comments},
        {"post_views", &counts.post_views}, {"appearances", &counts.appearances},
        {"events", &counts.events},
    };
    for (const auto& [table, value] : tables) {
      LEDD_ASSIGN_OR_RETURN(*value, conn.QueryInt(fmt::format("SELECT count(*) FROM {}", table)));
    }
    LEDD_ASSIGN_OR_RETURN(Result states,
                          conn.Exec("SELECT state, count(*) FROM invitations GROUP BY state"));
    for (int i = 0; i < states.rows(); ++i) {
      absl::StatusOr<InvitationState> state = ParseInvitationState(states.row(i).ColumnText(0));
      if (!state.ok()) return absl::DataLossError(std::string(MessageOf(state.status())));
      counts.invitations[static_cast<size_t>(*state)] = states.row(i).ColumnInt(1);
    }
    return counts;
  });
}

absl::StatusOr<std::vector<MemberId>> PostgresStore::MemberIds() {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  std::vector<MemberId> ids;
  LEDD_RETURN_IF_ERROR(Scan(lease.conn(), "SELECT id FROM members ORDER BY id", [&](const Row& row) {
    ids.push_back(row.ColumnInt(0));
    return absl::OkStatus();
  }));
  return ids;
}

absl::Status PostgresStore::ForEachMember(absl::FunctionRef<void(const Member&)> visit) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return Scan(lease.conn(), fmt::format("{} ORDER BY id", kSelectMembers),
              [&](const Row& row) -> absl::Status {
                LEDD_ASSIGN_OR_RETURN(Member member, ReadMember(row));
                visit(member);
                return absl::OkStatus();
              });
}

absl::Status PostgresStore::ForEachOrganization(
    absl::FunctionRef<void(const Organization&)> visit) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return Scan(lease.conn(), fmt::format("{} ORDER BY id", kSelectOrganizations),
              [&](const Row& row) -> absl::Status {
                LEDD_ASSIGN_OR_RETURN(Organization organization, ReadOrganization(row));
                visit(organization);
                return absl::OkStatus();
              });
}

absl::Status PostgresStore::ForEachPosition(absl::FunctionRef<void(const Position&)> visit) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return Scan(lease.conn(), fmt::format("{} ORDER BY member_id, id", kSelectPositions),
              [&](const Row& row) {
                visit(ReadPosition(row));
                return absl::OkStatus();
              });
}

absl::Status PostgresStore::ForEachEducation(absl::FunctionRef<void(const Education&)> visit) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return Scan(lease.conn(), fmt::format("{} ORDER BY member_id, id", kSelectEducations),
              [&](const Row& row) {
                visit(ReadEducation(row));
                return absl::OkStatus();
              });
}

absl::Status PostgresStore::ForEachConnection(absl::FunctionRef<void(const Connection&)> visit) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return Scan(lease.conn(), "SELECT a, b, created_at FROM connections ORDER BY a, b",
              [&](const Row& row) {
                visit(Connection{.a = row.ColumnInt(0),
                                 .b = row.ColumnInt(1),
                                 .created_at = row.ColumnInt(2)});
                return absl::OkStatus();
              });
}

absl::Status PostgresStore::ForEachFollow(absl::FunctionRef<void(const Follow&)> visit) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return Scan(lease.conn(),
              "SELECT follower, followee, created_at FROM follows ORDER BY follower, followee",
              [&](const Row& row) {
                visit(Follow{.follower = row.ColumnInt(0),
                             .followee = row.ColumnInt(1),
                             .created_at = row.ColumnInt(2)});
                return absl::OkStatus();
              });
}

absl::Status PostgresStore::ForEachConnectionPair(
    MemberId from, MemberId to, absl::FunctionRef<void(MemberId a, MemberId b)> visit) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  // Numbers, so formatting them into the cursor's SQL quotes nothing.
  return Scan(
      lease.conn(),
      fmt::format("SELECT a, b FROM connections WHERE a >= {} AND a < {} ORDER BY a, b", from, to),
      [&](const Row& row) {
        visit(row.ColumnInt(0), row.ColumnInt(1));
        return absl::OkStatus();
      });
}

absl::StatusOr<Member> PostgresStore::GetMember(MemberId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  static const std::string sql = fmt::format("{} WHERE id = $1", kSelectMembers);
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(sql.c_str(), Params().Bind(1, id)));
  if (result.empty()) return absl::NotFoundError(fmt::format("member {} does not exist", id));
  return ReadMember(result.row(0));
}

absl::StatusOr<Organization> PostgresStore::GetOrganization(OrganizationId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  static const std::string sql = fmt::format("{} WHERE id = $1", kSelectOrganizations);
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(sql.c_str(), Params().Bind(1, id)));
  if (result.empty()) {
    return absl::NotFoundError(fmt::format("organization {} does not exist", id));
  }
  return ReadOrganization(result.row(0));
}

absl::StatusOr<std::vector<Position>> PostgresStore::GetPositions(MemberId member) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadPositions(lease.conn(), member);
}

absl::StatusOr<std::vector<Education>> PostgresStore::GetEducations(MemberId member) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadEducations(lease.conn(), member);
}

absl::StatusOr<ProfileFacts> PostgresStore::GetProfileFacts(MemberId member) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  // Four statements, each of its own moment: a cache of these (service/profile_facts.h)
  // keeps nothing read across a write it has been told of.
  LEDD_ASSIGN_OR_RETURN(
      Result summary,
      lease->ExecCached("SELECT summary FROM members WHERE id = $1", Params().Bind(1, member)));
  if (summary.empty()) return absl::NotFoundError(fmt::format("member {} does not exist", member));
  ProfileFacts facts{.summary = summary.row(0).ColumnText(0)};
  static constexpr char kDegrees[] =
      "SELECT degree FROM educations WHERE member_id = $1 ORDER BY id";
  LEDD_ASSIGN_OR_RETURN(Result degrees, lease->ExecCached(kDegrees, Params().Bind(1, member)));
  for (int i = 0; i < degrees.rows(); ++i) {
    facts.education_degrees.push_back(degrees.row(i).ColumnText(0));
  }
  static constexpr char kBlocked[] =
      "SELECT blocked FROM blocks WHERE blocker = $1 ORDER BY blocked";
  LEDD_ASSIGN_OR_RETURN(Result blocked, lease->ExecCached(kBlocked, Params().Bind(1, member)));
  for (int i = 0; i < blocked.rows(); ++i) facts.blocked.push_back(blocked.row(i).ColumnInt(0));
  static constexpr char kSent[] =
      "SELECT to_member, id FROM invitations WHERE from_member = $1 AND state = 'pending' "
      "ORDER BY to_member";
  LEDD_ASSIGN_OR_RETURN(Result sent, lease->ExecCached(kSent, Params().Bind(1, member)));
  for (int i = 0; i < sent.rows(); ++i) {
    facts.invitations_sent.emplace_back(sent.row(i).ColumnInt(0), sent.row(i).ColumnInt(1));
  }
  return facts;
}

absl::StatusOr<EventId> PostgresStore::AddMember(const Member& member) {
  LEDD_RETURN_IF_ERROR(ValidateMember(member));
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    if (member.handle.empty()) {
      return absl::InvalidArgumentError(fmt::format("member {} has an empty handle", member.id));
    }
    LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, member.id));
    if (exists) return absl::AlreadyExistsError(fmt::format("member {} already exists", member.id));
    LEDD_RETURN_IF_ERROR(CheckHandleFree(conn, member));
    Params params;
    const std::string markets = FormatMarkets(member.markets);
    BindMember(params, member, markets);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kInsertMemberWithDirectory, params).status());
    return AppendEvent(conn, EventKind::kMemberAdded, member.id);
  });
}

absl::StatusOr<EventId> PostgresStore::UpdateMember(const Member& member) {
  LEDD_RETURN_IF_ERROR(ValidateMember(member));
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    if (member.handle.empty()) {
      return absl::InvalidArgumentError(fmt::format("member {} has an empty handle", member.id));
    }
    LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, member.id));
    if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member.id));
    LEDD_RETURN_IF_ERROR(CheckHandleFree(conn, member));
    // created_at is part of the profile record; the caller passes what GetMember gave.
    // has_photo ($7) is SetPhoto's and DeletePhoto's to change (store.h); the last line only
    // names $7 so that PostgreSQL knows its type.
    static constexpr char kSql[] =
        "UPDATE members SET handle = $2, first_name = $3, last_name = $4, headline = $5, "
        "summary = $6, city = $8, country = $9, industry = $10, "
        "email = $11, created_at = $12, policy = $13, markets = $14, "
        "connections_visibility = $15, in_directory = $16 WHERE id = $1 "
        "AND $7::bigint IS NOT NULL";
    Params params;
    const std::string markets = FormatMarkets(member.markets);
    BindMember(params, member, markets);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kSql, params).status());
    return AppendEvent(conn, EventKind::kMemberUpdated, member.id);
  });
}

absl::StatusOr<EventId> PostgresStore::ReplaceBackground(MemberId member,
                                                         const std::vector<Position>& positions,
                                                         const std::vector<Education>& educations) {
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

absl::StatusOr<ProfileWrite> PostgresStore::UpdateProfile(const ProfileUpdate& update) {
  LEDD_RETURN_IF_ERROR(ValidateProfileUpdate(update));
  return Write<ProfileWrite>([&](Conn& conn) { return UpdateProfileIn(conn, update); });
}

absl::StatusOr<EventId> PostgresStore::AddOrganization(const Organization& organization) {
  LEDD_RETURN_IF_ERROR(ValidateOrganization(organization));
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    static constexpr char kExists[] = "SELECT 1 FROM organizations WHERE id = $1";
    LEDD_ASSIGN_OR_RETURN(bool exists, Exists(conn, kExists, Params().Bind(1, organization.id)));
    if (exists) {
      return absl::AlreadyExistsError(
          fmt::format("organization {} already exists", organization.id));
    }
    LEDD_RETURN_IF_ERROR(InsertOrganization(conn, organization));
    return AppendEvent(conn, EventKind::kOrganizationAdded, organization.id);
  });
}

absl::StatusOr<OrganizationWrite> PostgresStore::FindOrAddOrganization(
    const Organization& organization) {
  LEDD_RETURN_IF_ERROR(ValidateOrganization(organization));
  LEDD_RETURN_IF_ERROR(ValidateOrganizationName(organization.name, organization.country));
  return Write<OrganizationWrite>([&](Conn& conn) -> absl::StatusOr<OrganizationWrite> {
    OrganizationWrite write;
    LEDD_ASSIGN_OR_RETURN(write.organization,
                          FindOrAdd(conn, organization.kind,
                                    {.name = organization.name,
                                     .country = organization.country,
                                     .industry = organization.industry},
                                    write.created));
    if (write.created) {
      LEDD_ASSIGN_OR_RETURN(
          write.event, AppendEvent(conn, EventKind::kOrganizationAdded, write.organization.id));
    }
    return write;
  });
}

absl::StatusOr<EventId> PostgresStore::AddConnection(const Connection& connection) {
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    if (connection.a == connection.b) {
      return absl::InvalidArgumentError(
          fmt::format("member {} cannot connect to itself", connection.a));
    }
    const MemberId a = std::min(connection.a, connection.b);
    const MemberId b = std::max(connection.a, connection.b);
    for (MemberId member : {a, b}) {
      LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, member));
      if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
    }
    static constexpr char kPair[] = "SELECT 1 FROM connections WHERE a = $1 AND b = $2";
    LEDD_ASSIGN_OR_RETURN(bool connected, Exists(conn, kPair, Params().Bind(1, a).Bind(2, b)));
    if (connected) {
      return absl::AlreadyExistsError(
          fmt::format("members {} and {} are already connected", a, b));
    }
    for (MemberId member : {a, b}) {
      LEDD_ASSIGN_OR_RETURN(int64_t degree, Degree(conn, member));
      if (degree >= kMaxConnections) {
        return absl::FailedPreconditionError(fmt::format(
            "member {} already has {} connections, the most a member may have", member, degree));
      }
    }
    LEDD_RETURN_IF_ERROR(
        conn.ExecCached(kInsertConnection, Params().Bind(1, a).Bind(2, b).Bind(3, connection.created_at))
            .status());
    return AppendEvent(conn, EventKind::kConnectionAdded, a, b);
  });
}

absl::StatusOr<EventId> PostgresStore::RemoveConnection(MemberId a, MemberId b) {
  if (a > b) std::swap(a, b);
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    static constexpr char kSql[] = "DELETE FROM connections WHERE a = $1 AND b = $2";
    LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, Params().Bind(1, a).Bind(2, b)));
    if (result.affected() == 0) {
      return absl::NotFoundError(fmt::format("members {} and {} are not connected", a, b));
    }
    return AppendEvent(conn, EventKind::kConnectionRemoved, a, b);
  });
}

absl::StatusOr<EventId> PostgresStore::AddFollow(const Follow& follow) {
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    if (follow.follower == follow.followee) {
      return absl::InvalidArgumentError(
          fmt::format("member {} cannot follow itself", follow.follower));
    }
    for (MemberId member : {follow.follower, follow.followee}) {
      LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, member));
      if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
    }
    // A blocked member is answered as if the blocker did not exist, so that the refusal
    // does not reveal the block; the blocker is told what they did.
    LEDD_ASSIGN_OR_RETURN(bool blocked, BlockExists(conn, follow.followee, follow.follower));
    if (blocked) {
      return absl::NotFoundError(fmt::format("member {} does not exist", follow.followee));
    }
    LEDD_ASSIGN_OR_RETURN(bool blocking, BlockExists(conn, follow.follower, follow.followee));
    if (blocking) {
      return absl::FailedPreconditionError(
          fmt::format("member {} has blocked member {}; unblock them to follow them",
                      follow.follower, follow.followee));
    }
    static constexpr char kExists[] =
        "SELECT 1 FROM follows WHERE follower = $1 AND followee = $2";
    LEDD_ASSIGN_OR_RETURN(
        bool following,
        Exists(conn, kExists, Params().Bind(1, follow.follower).Bind(2, follow.followee)));
    if (following) {
      return absl::AlreadyExistsError(
          fmt::format("member {} already follows member {}", follow.follower, follow.followee));
    }
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kInsertFollow, Params()
                                                            .Bind(1, follow.follower)
                                                            .Bind(2, follow.followee)
                                                            .Bind(3, follow.created_at))
                             .status());
    return AppendEvent(conn, EventKind::kFollowAdded, follow.follower, follow.followee);
  });
}

absl::StatusOr<EventId> PostgresStore::RemoveFollow(MemberId follower, MemberId followee) {
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    static constexpr char kSql[] = "DELETE FROM follows WHERE follower = $1 AND followee = $2";
    LEDD_ASSIGN_OR_RETURN(Result result,
                          conn.ExecCached(kSql, Params().Bind(1, follower).Bind(2, followee)));
    if (result.affected() == 0) {
      return absl::NotFoundError(
          fmt::format("member {} does not follow member {}", follower, followee));
    }
    return AppendEvent(conn, EventKind::kFollowRemoved, follower, followee);
  });
}

// --- The event log ------------------------------------------------------------------

absl::StatusOr<std::vector<Event>> PostgresStore::EventsAfter(EventId after, int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  static constexpr char kSql[] =
      "SELECT id, kind, at, a, b, xid::text::bigint FROM events WHERE id > $1 "
      "ORDER BY id LIMIT $2";
  LEDD_ASSIGN_OR_RETURN(Result result,
                        lease->ExecCached(kSql, Params().Bind(1, after).Bind(2, limit)));
  return ReadAll<Event>(result, ReadEvent);
}

absl::StatusOr<EventId> PostgresStore::LastEventId() {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return lease->QueryInt("SELECT COALESCE(max(id), 0) FROM events");
}

// Rows of transactions older than the oldest one still running (the snapshot's xmin)
// can no longer appear: everything before that horizon is settled, in (xid, id) order.
// The horizon is read first, in a statement of its own, and the rows before it then:
// every transaction below it had ended, so the later statement sees all their rows.
absl::StatusOr<Store::EventPage> PostgresStore::EventsSince(EventPosition after, int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Follower());
  LEDD_ASSIGN_OR_RETURN(
      int64_t horizon,
      lease->QueryInt("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"));
  static constexpr char kSql[] =
      "SELECT id, kind, at, a, b, xid::text::bigint FROM events "
      "WHERE (xid, id) > ($1::text::xid8, $2) AND xid < $3::text::xid8 "
      "ORDER BY xid, id LIMIT $4";
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(kSql, Params()
                                                                  .Bind(1, after.xid)
                                                                  .Bind(2, after.id)
                                                                  .Bind(3, horizon)
                                                                  .Bind(4, limit)));
  EventPage page;
  LEDD_ASSIGN_OR_RETURN(page.events, ReadAll<Event>(result, ReadEvent));
  if (static_cast<int>(page.events.size()) < limit) {
    page.settled = std::max(after, EventPosition{.xid = horizon, .id = 0});
  } else {
    page.settled = page.events.back().position();
  }
  return page;
}

absl::StatusOr<EventPosition> PostgresStore::LastEventPosition() {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Follower());
  LEDD_ASSIGN_OR_RETURN(
      int64_t horizon,
      lease->QueryInt("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"));
  return EventPosition{.xid = horizon, .id = 0};
}

// Every transaction that committed before now has an xid below the snapshot's xmax.
absl::StatusOr<EventPosition> PostgresStore::CurrentPosition() {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(
      int64_t next, lease->QueryInt("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"));
  return EventPosition{.xid = next, .id = 0};
}

}  // namespace ledd::store::postgres
