#include "ledd/store/sqlite/import.h"

#include <algorithm>
#include <cstdint>
#include <future>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/import_plan.h"
#include "ledd/store/sqlite/row_source.h"
#include "ledd/store/sqlite/rows.h"

namespace ledd::store::sqlite {
namespace {

absl::StatusOr<bool> TableIsEmpty(Db& db, std::string_view table) {
  LEDD_ASSIGN_OR_RETURN(int64_t any,
                          db.QueryInt(fmt::format("SELECT EXISTS (SELECT 1 FROM {})", table)));
  return any == 0;
}

absl::StatusOr<std::vector<int64_t>> LoadIds(Db& db, std::string_view sql) {
  std::vector<int64_t> ids;
  LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    ids.push_back(statement.ColumnInt(0));
  }
  return ids;
}

absl::StatusOr<bool> Exists(Db& db, const char* sql, int64_t first, int64_t second) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
  statement->Bind(1, first).Bind(2, second);
  absl::StatusOr<bool> row = statement->Step();
  statement->Reset();
  return row;
}

// The rows already stored, for PlanImport, read inside the import's transaction.
class SqliteStoredRows final : public StoredRows {
 public:
  explicit SqliteStoredRows(Db& db) : db_(db) {}

  absl::StatusOr<std::vector<int64_t>> Ids(std::string_view table) override {
    return LoadIds(db_, fmt::format("SELECT id FROM {}", table));
  }
  absl::StatusOr<bool> Empty(std::string_view table) override { return TableIsEmpty(db_, table); }
  absl::StatusOr<std::optional<MemberId>> HandleOwner(const std::string& handle) override {
    LEDD_ASSIGN_OR_RETURN(Statement * statement,
                          db_.Cached("SELECT id FROM members WHERE handle = ?1"));
    statement->Bind(1, std::string_view(handle));
    return OptionalInt(*statement);
  }
  absl::StatusOr<int64_t> Degree(MemberId member) override {
    LEDD_ASSIGN_OR_RETURN(Statement * statement,
                          db_.Cached("SELECT (SELECT count(*) FROM connections WHERE a = ?1) + "
                                     "(SELECT count(*) FROM connections_by_b WHERE b = ?1)"));
    statement->Bind(1, member);
    LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> degree, OptionalInt(*statement));
    return degree.value_or(0);
  }
  absl::StatusOr<bool> Connected(MemberId low, MemberId high) override {
    return Exists(db_, "SELECT 1 FROM connections WHERE a = ?1 AND b = ?2", low, high);
  }
  absl::StatusOr<bool> PendingInvitation(MemberId low, MemberId high) override {
    return Exists(db_,
                  "SELECT 1 FROM invitations WHERE min(from_member, to_member) = ?1 AND "
                  "max(from_member, to_member) = ?2 AND state = 'pending'",
                  low, high);
  }
  absl::StatusOr<bool> Follows(MemberId follower, MemberId followee) override {
    return Exists(db_, "SELECT 1 FROM follows WHERE follower = ?1 AND followee = ?2", follower,
                  followee);
  }
  absl::StatusOr<std::optional<MemberId>> OwnerOf(const InvitationVia& via) override {
    LEDD_ASSIGN_OR_RETURN(Statement * statement,
                          db_.Cached(via.kind == InvitationVia::Kind::kPost
                                         ? "SELECT author FROM posts WHERE id = ?1"
                                         : "SELECT member_id FROM appearances WHERE id = ?1"));
    statement->Bind(1, via.id);
    return OptionalInt(*statement);
  }

 private:
  // The first column of the statement's one row, if any; resets the statement.
  static absl::StatusOr<std::optional<int64_t>> OptionalInt(Statement& statement) {
    absl::StatusOr<bool> row = statement.Step();
    std::optional<int64_t> value;
    if (row.ok() && *row) value = statement.ColumnInt(0);
    statement.Reset();
    if (!row.ok()) return row.status();
    return value;
  }

  Db& db_;
};

// The bucket of entry k, bucket i holding entries [offsets[i], offsets[i + 1]), for k
// that grow but for rows run again after a refusal: walks forward from the last bucket,
// or searches when k went back.
class BucketWalk {
 public:
  explicit BucketWalk(const std::vector<uint64_t>& offsets) : offsets_(offsets) {}

  uint32_t operator()(size_t k) {
    if (k < offsets_[bucket_]) {
      bucket_ = static_cast<uint32_t>(std::upper_bound(offsets_.begin(), offsets_.end(), k) -
                                      offsets_.begin() - 1);
    }
    while (offsets_[bucket_ + 1] <= k) ++bucket_;
    return bucket_;
  }

 private:
  const std::vector<uint64_t>& offsets_;
  uint32_t bucket_ = 0;
};

class Importer {
 public:
  Importer(Db& db, const Dataset& data, const ImportOptions& options)
      : db_(db), data_(data), options_(options) {}

  absl::StatusOr<EventId> Run() {
    SqliteStoredRows stored(db_);
    LEDD_ASSIGN_OR_RETURN(plan_, PlanImport(data_, stored, !options_.connections_ready));
    LEDD_RETURN_IF_ERROR(Load(stored));
    return AppendEvent(db_, EventKind::kImport);
  }

 private:
  // Inserts `count` rows with `sql` (INSERT ... VALUES (?1, ..., ?n), the tuple last);
  // `bind(k, statement)` binds the k-th row to insert as ?1..?n and returns its Dataset
  // row for error messages. All rows go in one INSERT ... SELECT from ledd_rows
  // (row_source.h): a statement run per row or per batch costs a VDBE start each, its
  // parameters a bind each, and a CHECK (x IN (...)) builds its lookup table anew in
  // every run (2.9M invitations: 13 s one row to a statement). A row the database
  // refuses (validation leaves none, but for what it holds that validation was not told
  // of) undoes the statement; the rows then go one to a statement up to the refused one,
  // so that the error names its row.
  template <typename BindRow>
  absl::Status InsertAll(std::string_view table, std::string_view sql, size_t count,
                         BindRow bind) {
    // Nothing to prepare for no rows: a database an older ledd left may lack the table.
    if (count == 0) return absl::OkStatus();
    LEDD_ASSIGN_OR_RETURN(std::string from_rows, InsertFromRows(sql));
    LEDD_ASSIGN_OR_RETURN(Statement insert, db_.Prepare(from_rows));
    const RowSource rows{.count = count,
                         .fill = [&](size_t k, RowValues& values) { bind(k, values); }};
    LEDD_RETURN_IF_ERROR(BindRowSource(insert, 1, &rows));
    const absl::Status inserted = insert.Run();
    if (!absl::IsFailedPrecondition(inserted) && !absl::IsAlreadyExists(inserted)) {
      return inserted;
    }
    LEDD_ASSIGN_OR_RETURN(Statement single, db_.Prepare(sql));
    for (size_t k = 0; k < count; ++k) {
      const size_t row = bind(k, single);
      absl::StatusOr<bool> step = single.Step();
      single.Reset();
      if (!step.ok()) {
        return absl::Status(
            step.status().code(),
            fmt::format("{} row {}: {}", table, RowNumber(row), MessageOf(step.status())));
      }
    }
    return inserted;  // Not met: no row is refused alone.
  }

  // Secondary indexes of a table that is empty are dropped before the load and rebuilt
  // after it from their stored definitions: one sort instead of a random B-tree insert
  // per row. DDL is transactional in SQLite, so a failed import restores them.
  absl::Status SuspendIndexes(std::string_view table, size_t incoming) {
    if (incoming == 0) return absl::OkStatus();
    LEDD_ASSIGN_OR_RETURN(bool empty, TableIsEmpty(db_, table));
    if (!empty) return absl::OkStatus();
    LEDD_ASSIGN_OR_RETURN(std::vector<std::string> dropped, Drop("index", table, "*"));
    suspended_indexes_.insert(suspended_indexes_.end(), dropped.begin(), dropped.end());
    return absl::OkStatus();
  }

  // Drops the table's indexes or triggers (`type`) whose names match the GLOB `names`;
  // returns their definitions.
  absl::StatusOr<std::vector<std::string>> Drop(std::string_view type, std::string_view table,
                                                std::string_view names) {
    LEDD_ASSIGN_OR_RETURN(
        Statement statement,
        db_.Prepare("SELECT name, sql FROM sqlite_schema WHERE type = ?1 AND tbl_name = ?2 AND "
                    "name GLOB ?3 AND sql IS NOT NULL"));
    statement.Bind(1, type).Bind(2, table).Bind(3, names);
    std::vector<std::pair<std::string, std::string>> objects;
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      objects.emplace_back(statement.ColumnText(0), statement.ColumnText(1));
    }
    std::vector<std::string> definitions;
    for (const auto& [name, sql] : objects) {
      LEDD_RETURN_IF_ERROR(db_.Exec(fmt::format("DROP {} \"{}\"", type, name)));
      definitions.push_back(sql);
    }
    return definitions;
  }

  absl::Status Load(StoredRows& stored) {
    LEDD_RETURN_IF_ERROR(SuspendIndexes("members", data_.members.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("positions", data_.positions.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("educations", data_.educations.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("invitations", data_.invitations.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("follows", data_.follows.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("posts", data_.posts.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("comments", data_.comments.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("post_views", data_.post_views.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("appearances", data_.appearances.size()));

    // Bound without a copy, so kept until the row's batch has run.
    std::vector<std::string> markets(data_.members.size());
    // in_directory only when some member opted out: without, the rows also load into a
    // database an older ledd left (schema before kV12Directory).
    const bool directory = std::any_of(data_.members.begin(), data_.members.end(),
                                       [](const Member& m) { return !m.in_directory; });
    LEDD_RETURN_IF_ERROR(InsertAll(
        "members", directory ? kInsertMemberWithDirectory : kInsertMember, data_.members.size(),
        [&](size_t k, auto& statement) {
          const size_t row = plan_.member_order[k];
          markets[row] = FormatMarkets(data_.members[row].markets);
          BindMember(statement, data_.members[row], markets[row], directory);
          return row;
        }));
    LEDD_RETURN_IF_ERROR(InsertAll("organizations", kInsertOrganization,
                                     data_.organizations.size(),
                                     [&](size_t k, auto& statement) {
                                       BindOrganization(statement, data_.organizations[k]);
                                       return k;
                                     }));
    if (!data_.organizations.empty()) {
      // A database an older ledd left (schema before v10) has no folded names to fill.
      LEDD_ASSIGN_OR_RETURN(
          int64_t folded_column,
          db_.QueryInt("SELECT count(*) FROM pragma_table_info('organizations') "
                       "WHERE name = 'folded_name'"));
      if (folded_column > 0) {
        LEDD_RETURN_IF_ERROR(
            db_.Exec("UPDATE organizations SET folded_name = ledd_fold(name) "
                     "WHERE folded_name = '' AND name <> ''"));
      }
    }
    LEDD_RETURN_IF_ERROR(InsertAll("positions", kInsertPosition, data_.positions.size(),
                                     [&](size_t k, auto& statement) {
                                       BindPosition(statement, data_.positions[k]);
                                       return k;
                                     }));
    LEDD_RETURN_IF_ERROR(InsertAll("educations", kInsertEducation, data_.educations.size(),
                                     [&](size_t k, auto& statement) {
                                       BindEducation(statement, data_.educations[k]);
                                       return k;
                                     }));
    // The origin columns only when some invitation has one: without, the rows also load
    // into a database an older ledd left (schema before v8).
    const bool via = std::any_of(
        data_.invitations.begin(), data_.invitations.end(),
        [](const Invitation& i) { return i.via.kind != InvitationVia::Kind::kNone; });
    LEDD_RETURN_IF_ERROR(InsertAll("invitations",
                                   via ? kInsertInvitationWithVia : kInsertInvitation,
                                   data_.invitations.size(), [&](size_t k, auto& statement) {
                                     BindInvitation(statement, data_.invitations[k], via);
                                     return k;
                                   }));
    LEDD_RETURN_IF_ERROR(InsertAll(
        "follows", "INSERT INTO follows (follower, followee, created_at) VALUES (?1, ?2, ?3)",
        data_.follows.size(), [&](size_t k, auto& statement) {
          const size_t row = plan_.follow_order[k];
          const Follow& follow = data_.follows[row];
          statement.Bind(1, follow.follower).Bind(2, follow.followee).Bind(3, follow.created_at);
          return row;
        }));
    // Imported posts are history, not news: no mail goes out for them (mail_pending 0,
    // where the schema has the column: an older database's has not).
    bool mail_pending = false;
    if (!data_.posts.empty()) {
      LEDD_ASSIGN_OR_RETURN(int64_t column,
                            db_.QueryInt("SELECT count(*) FROM pragma_table_info('posts') "
                                         "WHERE name = 'mail_pending'"));
      mail_pending = column > 0;
    }
    LEDD_RETURN_IF_ERROR(InsertAll("posts", mail_pending ? kInsertImportedPost : kInsertPost,
                                   data_.posts.size(),
                                     [&](size_t k, auto& statement) {
                                       BindPost(statement, data_.posts[k]);
                                       return k;
                                     }));
    LEDD_RETURN_IF_ERROR(InsertAll("comments", kInsertComment, data_.comments.size(),
                                     [&](size_t k, auto& statement) {
                                       BindComment(statement, data_.comments[k]);
                                       return k;
                                     }));
    // In key order: the primary key (post, viewer, day) is the table's B-tree, and random
    // inserts into it cost a search each. Rows with equal keys stay in data order, so
    // INSERT OR IGNORE keeps the first view of a day, as in data order.
    std::vector<uint32_t> view_order(data_.post_views.size());
    std::iota(view_order.begin(), view_order.end(), 0);
    auto view_key = [&](uint32_t k) {
      const PostView& view = data_.post_views[k];
      return std::tuple(view.post_id, view.viewer, DayOf(view.at), k);
    };
    std::sort(view_order.begin(), view_order.end(),
              [&](uint32_t x, uint32_t y) { return view_key(x) < view_key(y); });
    LEDD_RETURN_IF_ERROR(InsertAll("post_views", kInsertPostView, view_order.size(),
                                   [&](size_t k, auto& statement) {
                                     BindPostView(statement, data_.post_views[view_order[k]]);
                                     return view_order[k];
                                   }));
    LEDD_RETURN_IF_ERROR(InsertAll("appearances", kInsertAppearance, data_.appearances.size(),
                                   [&](size_t k, auto& statement) {
                                     BindAppearance(statement, data_.appearances[k]);
                                     return k;
                                   }));
    // The other tables' indexes are rebuilt before the connections, which come last:
    // they may still be being read (ImportOptions::connections_ready).
    LEDD_RETURN_IF_ERROR(RebuildIndexes());
    if (options_.connections_ready) {
      LEDD_RETURN_IF_ERROR(options_.connections_ready());
      LEDD_RETURN_IF_ERROR(PlanConnections(data_, stored, plan_));
    }
    return LoadConnections();
  }

  // Rebuilds the indexes suspended so far, with the page cache the builds want and the
  // sorter's helper threads, then the normal settings again.
  absl::Status RebuildIndexes() {
    if (suspended_indexes_.empty()) return absl::OkStatus();
    int threads = options_.index_build_threads;
    if (threads < 0) {
      threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()) - 1, 0, 4);
    }
    LEDD_RETURN_IF_ERROR(db_.Exec(fmt::format("PRAGMA cache_size = -{}; PRAGMA threads = {}",
                                              options_.index_build_cache_kib, threads)));
    for (const std::string& sql : suspended_indexes_) {
      LEDD_RETURN_IF_ERROR(db_.Exec(sql));
    }
    suspended_indexes_.clear();
    return db_.Exec(fmt::format("PRAGMA cache_size = -{}; PRAGMA threads = 0",
                                options_.normal_cache_mib * 1024));
  }

  // Into an empty table the pairs go in twice, each time in its B-tree's order: the
  // rows of connections by (a, b), then those of connections_by_b by (b, a), with the
  // triggers that would insert each one there dropped meanwhile (schema.cc, v18). The
  // (b, a) order is made on a second thread while connections are inserted. Into a
  // table with rows, the triggers keep connections_by_b. (A database an older ledd
  // left has an index there instead, suspended as the other tables' are.)
  absl::Status LoadConnections() {
    if (data_.connections.empty()) return absl::OkStatus();
    LEDD_ASSIGN_OR_RETURN(const bool empty, TableIsEmpty(db_, "connections"));
    std::vector<std::string> triggers;
    std::future<ByB> by_b;
    if (empty) {
      LEDD_RETURN_IF_ERROR(SuspendIndexes("connections", data_.connections.size()));
      LEDD_ASSIGN_OR_RETURN(triggers, Drop("trigger", "connections", "connections_by_b_*"));
    }
    if (!triggers.empty()) {
      by_b = std::async(std::launch::async, [this] { return OrderByB(); });
    }

    const std::vector<Connection>& connections = data_.connections;
    const std::vector<PairEntry>& entries = plan_.connection_entries;
    const MemberIndex& members = plan_.members;
    BucketWalk low(plan_.connection_offsets);
    LEDD_RETURN_IF_ERROR(InsertAll(
        "connections", "INSERT INTO connections (a, b, created_at) VALUES (?1, ?2, ?3)",
        connections.size(), [&](size_t k, auto& statement) {
          if (plan_.connections_presorted) {
            const Connection& c = connections[k];
            statement.Bind(1, c.a).Bind(2, c.b).Bind(3, c.created_at);
            return k;
          }
          const PairEntry& entry = entries[k];
          statement.Bind(1, members.IdOf(low(k)))
              .Bind(2, members.IdOf(entry.b))
              .Bind(3, entry.created_at);
          return static_cast<size_t>(entry.row);
        }));
    if (triggers.empty()) return RebuildIndexes();

    const ByB reverse = by_b.get();
    BucketWalk b(reverse.offsets);
    LEDD_RETURN_IF_ERROR(InsertAll("connections",
                                   "INSERT INTO connections_by_b (b, a) VALUES (?1, ?2)",
                                   reverse.a.size(), [&](size_t k, auto& statement) {
                                     statement.Bind(1, members.IdOf(b(k))).Bind(2, reverse.a[k]);
                                     return static_cast<size_t>(reverse.row[k]);
                                   }));
    for (const std::string& sql : triggers) LEDD_RETURN_IF_ERROR(db_.Exec(sql));
    return absl::OkStatus();
  }

  // The connections by their larger end b (dense): bucket b holds entries
  // [offsets[b], offsets[b + 1]), filled in (a, b) order and so ascending in a. The ids
  // of a, not their dense numbers: looking those up in (b, a) order misses the cache
  // (4 of 13 s at 50M).
  struct ByB {
    std::vector<uint64_t> offsets;
    std::vector<MemberId> a;
    std::vector<uint32_t> row;  // Index in data.connections.
  };
  ByB OrderByB() const {
    const MemberIndex& members = plan_.members;
    ByB by_b;
    by_b.offsets.assign(members.size() + 1, 0);
    // The visits cannot fail.
    (void)plan_.ForEachConnection(data_, [&](MemberId, MemberId b, Timestamp, size_t) {
      ++by_b.offsets[members.Find(b) + 1];
      return absl::OkStatus();
    });
    std::partial_sum(by_b.offsets.begin(), by_b.offsets.end(), by_b.offsets.begin());
    std::vector<uint64_t> next(by_b.offsets.begin(), by_b.offsets.end() - 1);
    by_b.a.resize(data_.connections.size());
    by_b.row.resize(data_.connections.size());
    (void)plan_.ForEachConnection(data_, [&](MemberId a, MemberId b, Timestamp, size_t row) {
      const uint64_t k = next[members.Find(b)]++;
      by_b.a[k] = a;
      by_b.row[k] = static_cast<uint32_t>(row);
      return absl::OkStatus();
    });
    return by_b;
  }

  Db& db_;
  const Dataset& data_;
  const ImportOptions& options_;
  ImportPlan plan_;
  std::vector<std::string> suspended_indexes_;
};

}  // namespace

absl::StatusOr<EventId> ImportDataset(Db& db, const Dataset& data,
                                      const ImportOptions& options) {
  // For the import only, a rollback journal instead of WAL: pages appended to the file
  // are not journaled at all, where WAL writes every page twice (log, then checkpoint).
  // Still one atomic, durable transaction. Leaving WAL needs the file to ourselves: if
  // another connection has it open the switch fails at once (no busy wait) and the
  // import runs in WAL, only slower.
  std::string journal_mode = "wal";
  LEDD_ASSIGN_OR_RETURN(int64_t busy_timeout_ms, db.QueryInt("PRAGMA busy_timeout"));
  LEDD_RETURN_IF_ERROR(db.Exec("PRAGMA busy_timeout = 0"));
  absl::StatusOr<std::string> switched = db.QueryText("PRAGMA journal_mode = DELETE");
  if (switched.ok()) journal_mode = *switched;
  LEDD_RETURN_IF_ERROR(db.Exec(fmt::format("PRAGMA busy_timeout = {}", busy_timeout_ms)));
  if (!switched.ok() && switched.status().code() != absl::StatusCode::kUnavailable) {
    return switched.status();
  }
  // Per connection, and only outside a transaction. Validation has already checked
  // every reference that the per-row checks would.
  // From here on, every path restores foreign keys.
  absl::Status foreign_keys_off = db.Exec("PRAGMA foreign_keys = OFF");
  absl::StatusOr<EventId> result = [&]() -> absl::StatusOr<EventId> {
    LEDD_RETURN_IF_ERROR(foreign_keys_off);
    LEDD_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
    LEDD_ASSIGN_OR_RETURN(EventId event, Importer(db, data, options).Run());
    LEDD_RETURN_IF_ERROR(transaction.Commit());
    return event;
  }();
  // Restore the connection's normal settings whatever happened; failing to do so
  // outranks the import's own result, since later writes would run unchecked.
  LEDD_RETURN_IF_ERROR(db.Exec(fmt::format("PRAGMA foreign_keys = ON; PRAGMA cache_size = -{}",
                                             options.normal_cache_mib * 1024)));
  if (journal_mode != "wal") {
    LEDD_ASSIGN_OR_RETURN(std::string restored, db.QueryText("PRAGMA journal_mode = WAL"));
    if (restored != "wal") {
      return absl::UnavailableError(fmt::format(
          "after the import the database is in journal mode \"{}\" instead of WAL; "
          "reopen it",
          restored));
    }
  }
  return result;
}

}  // namespace ledd::store::sqlite
