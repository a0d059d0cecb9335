#include "ledd/store/sqlite/import.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "ledd/store/sqlite/rows.h"
#include "ledd/base/status_macros.h"

namespace ledd::store::sqlite {
namespace {

constexpr uint32_t kAbsent = std::numeric_limits<uint32_t>::max();

// Rows are reported 1-based, in the order of the Dataset's vectors.
int64_t RowNumber(size_t index) { return static_cast<int64_t>(index) + 1; }

// Dense, order-preserving numbers for every member id (stored or being imported), so
// the per-connection work is array indexing instead of hashing. Ids that are nearly
// contiguous (the generator's 1..N) are looked up directly by offset; sparse ids (LDBC
// person ids) go through a hash map.
class MemberIndex {
 public:
  // `sorted_ids` ascending without duplicates.
  explicit MemberIndex(std::vector<MemberId> sorted_ids) : ids_(std::move(sorted_ids)) {
    if (ids_.empty()) return;
    const uint64_t span = static_cast<uint64_t>(ids_.back()) - static_cast<uint64_t>(ids_.front());
    if (span < 4 * static_cast<uint64_t>(ids_.size()) + 1024) {
      base_ = ids_.front();
      direct_.assign(span + 1, kAbsent);
      for (size_t i = 0; i < ids_.size(); ++i) direct_[ids_[i] - base_] = static_cast<uint32_t>(i);
    } else {
      hashed_.reserve(ids_.size());
      for (size_t i = 0; i < ids_.size(); ++i) hashed_.emplace(ids_[i], static_cast<uint32_t>(i));
    }
  }

  // kAbsent when the member is unknown.
  uint32_t Find(MemberId id) const {
    if (!direct_.empty()) {
      const uint64_t offset = static_cast<uint64_t>(id) - static_cast<uint64_t>(base_);
      return offset < direct_.size() ? direct_[offset] : kAbsent;
    }
    auto it = hashed_.find(id);
    return it == hashed_.end() ? kAbsent : it->second;
  }
  MemberId IdOf(uint32_t dense) const { return ids_[dense]; }
  size_t size() const { return ids_.size(); }

 private:
  std::vector<MemberId> ids_;
  MemberId base_ = 0;
  std::vector<uint32_t> direct_;
  absl::flat_hash_map<MemberId, uint32_t> hashed_;
};

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

// Ids of one table, new and stored, checked for collisions. For the tables whose ids
// only need to be unique or looked up occasionally (not per connection).
absl::StatusOr<absl::flat_hash_set<int64_t>> CollectIds(Db& db, std::string_view table,
                                                        std::string_view noun,
                                                        const std::vector<int64_t>& new_ids) {
  LEDD_ASSIGN_OR_RETURN(std::vector<int64_t> stored,
                          LoadIds(db, fmt::format("SELECT id FROM {}", table)));
  absl::flat_hash_set<int64_t> all(stored.begin(), stored.end());
  absl::flat_hash_map<int64_t, size_t> first_row;
  first_row.reserve(new_ids.size());
  for (size_t i = 0; i < new_ids.size(); ++i) {
    auto [it, inserted] = first_row.emplace(new_ids[i], i);
    if (!inserted) {
      return absl::AlreadyExistsError(fmt::format("{} row {}: {} {} is also row {}", table,
                                                  RowNumber(i), noun, new_ids[i],
                                                  RowNumber(it->second)));
    }
    if (!all.insert(new_ids[i]).second) {
      return absl::AlreadyExistsError(
          fmt::format("{} row {}: {} {} already exists", table, RowNumber(i), noun, new_ids[i]));
    }
  }
  return all;
}

absl::Status MissingMember(std::string_view table, size_t row, MemberId member) {
  return absl::NotFoundError(
      fmt::format("{} row {}: member {} does not exist", table, RowNumber(row), member));
}

// A connection after normalisation, bucketed by its smaller end.
struct PairEntry {
  uint32_t b;    // Dense index of the larger end.
  uint32_t row;  // Index in data.connections, for error messages.
  Timestamp created_at;
};

// Everything validation learned that the load needs.
struct Plan {
  std::vector<uint32_t> member_order;  // Indices of data.members by ascending id.
  MemberIndex members{{}};
  // Connections in (a, b) order: either data.connections itself (already normalised and
  // sorted, the common case for generated files) or buckets by dense a.
  bool connections_presorted = false;
  std::vector<uint64_t> connection_offsets;  // Per dense a, into connection_entries.
  std::vector<PairEntry> connection_entries;
  std::vector<uint32_t> follow_order;  // Indices of data.follows by (follower, followee).
};

class Importer {
 public:
  Importer(Db& db, const Dataset& data, const ImportOptions& options)
      : db_(db), data_(data), options_(options) {}

  absl::StatusOr<EventId> Run() {
    LEDD_RETURN_IF_ERROR(Validate());
    LEDD_RETURN_IF_ERROR(Load());
    return AppendEvent(db_, EventKind::kImport);
  }

 private:
  absl::Status Validate() {
    LEDD_RETURN_IF_ERROR(ValidateRows());
    LEDD_RETURN_IF_ERROR(ValidateMembers());
    LEDD_ASSIGN_OR_RETURN(organizations_, CollectIds(db_, "organizations", "organization",
                                                       Ids(data_.organizations)));
    LEDD_RETURN_IF_ERROR(ValidateBackground());
    LEDD_RETURN_IF_ERROR(ValidateConnections());
    LEDD_RETURN_IF_ERROR(ValidateInvitations());
    LEDD_RETURN_IF_ERROR(ValidateFollows());
    LEDD_ASSIGN_OR_RETURN(posts_, CollectIds(db_, "posts", "post", Ids(data_.posts)));
    for (size_t i = 0; i < data_.posts.size(); ++i) {
      if (plan_.members.Find(data_.posts[i].author) == kAbsent) {
        return MissingMember("posts", i, data_.posts[i].author);
      }
    }
    LEDD_ASSIGN_OR_RETURN(absl::flat_hash_set<int64_t> comments,
                            CollectIds(db_, "comments", "comment", Ids(data_.comments)));
    for (size_t i = 0; i < data_.comments.size(); ++i) {
      const Comment& comment = data_.comments[i];
      if (!posts_.contains(comment.post_id)) {
        return absl::NotFoundError(fmt::format("comments row {}: post {} does not exist",
                                               RowNumber(i), comment.post_id));
      }
      if (plan_.members.Find(comment.author) == kAbsent) {
        return MissingMember("comments", i, comment.author);
      }
    }
    for (size_t i = 0; i < data_.post_views.size(); ++i) {
      const PostView& view = data_.post_views[i];
      if (!posts_.contains(view.post_id)) {
        return absl::NotFoundError(fmt::format("post_views row {}: post {} does not exist",
                                               RowNumber(i), view.post_id));
      }
      if (plan_.members.Find(view.viewer) == kAbsent) {
        return MissingMember("post_views", i, view.viewer);
      }
    }
    if (!data_.appearances.empty()) {  // A database an older ledd left has no table.
      LEDD_RETURN_IF_ERROR(
          CollectIds(db_, "appearances", "appearance", Ids(data_.appearances)).status());
    }
    for (size_t i = 0; i < data_.appearances.size(); ++i) {
      if (plan_.members.Find(data_.appearances[i].member) == kAbsent) {
        return MissingMember("appearances", i, data_.appearances[i].member);
      }
    }
    return ValidateOrigins();
  }

  // An invitation's `via` names a post or appearance of its recipient, imported with it
  // or stored. (Whether the sender read the post is the advice's question: an import
  // carries history, and post_views may come in a later file.)
  absl::Status ValidateOrigins() {
    absl::flat_hash_map<int64_t, MemberId> post_authors;
    for (const Post& post : data_.posts) post_authors.emplace(post.id, post.author);
    absl::flat_hash_map<int64_t, MemberId> appearance_members;
    for (const Appearance& appearance : data_.appearances) {
      appearance_members.emplace(appearance.id, appearance.member);
    }
    for (size_t i = 0; i < data_.invitations.size(); ++i) {
      const Invitation& invitation = data_.invitations[i];
      if (invitation.via.kind == InvitationVia::Kind::kNone) continue;
      const bool post = invitation.via.kind == InvitationVia::Kind::kPost;
      const auto& imported = post ? post_authors : appearance_members;
      std::optional<MemberId> owner;
      if (auto it = imported.find(invitation.via.id); it != imported.end()) {
        owner = it->second;
      } else {
        LEDD_ASSIGN_OR_RETURN(
            Statement * statement,
            db_.Cached(post ? "SELECT author FROM posts WHERE id = ?1"
                            : "SELECT member_id FROM appearances WHERE id = ?1"));
        statement->Bind(1, invitation.via.id);
        absl::StatusOr<bool> row = statement->Step();
        if (row.ok() && *row) owner = statement->ColumnInt(0);
        statement->Reset();
        LEDD_RETURN_IF_ERROR(row.status());
      }
      if (owner != invitation.to) {
        return absl::InvalidArgumentError(fmt::format(
            "invitations row {}: via {} is not {} of member {}", RowNumber(i),
            FormatInvitationVia(invitation.via), post ? "a post" : "an appearance", invitation.to));
      }
    }
    return absl::OkStatus();
  }

  // The model's field limits and text rules for every row: the importers check the same
  // with FILE:LINE (and refuse ids below 1 there), but no caller of Import may skip them.
  absl::Status ValidateRows() {
    LEDD_RETURN_IF_ERROR(EachRow("members", data_.members, ValidateMember));
    LEDD_RETURN_IF_ERROR(EachRow("organizations", data_.organizations, ValidateOrganization));
    LEDD_RETURN_IF_ERROR(EachRow("positions", data_.positions, ValidatePosition));
    LEDD_RETURN_IF_ERROR(EachRow("educations", data_.educations, ValidateEducation));
    LEDD_RETURN_IF_ERROR(EachRow("invitations", data_.invitations, ValidateInvitation));
    LEDD_RETURN_IF_ERROR(EachRow("posts", data_.posts, ValidatePost));
    LEDD_RETURN_IF_ERROR(EachRow("appearances", data_.appearances, ValidateAppearance));
    return EachRow("comments", data_.comments, ValidateComment);
  }

  template <typename Record, typename Check>
  static absl::Status EachRow(std::string_view table, const std::vector<Record>& rows,
                              Check check) {
    for (size_t i = 0; i < rows.size(); ++i) {
      if (absl::Status status = check(rows[i]); !status.ok()) {
        return absl::InvalidArgumentError(
            fmt::format("{} row {}: {}", table, RowNumber(i), std::string(status.message())));
      }
    }
    return absl::OkStatus();
  }

  template <typename Record>
  static std::vector<int64_t> Ids(const std::vector<Record>& records) {
    std::vector<int64_t> ids;
    ids.reserve(records.size());
    for (const Record& record : records) ids.push_back(record.id);
    return ids;
  }

  absl::Status ValidateMembers() {
    const std::vector<Member>& members = data_.members;
    std::vector<uint32_t>& order = plan_.member_order;
    order.resize(members.size());
    for (size_t i = 0; i < members.size(); ++i) order[i] = static_cast<uint32_t>(i);
    // Ties broken by row, so a duplicate is reported at its later row.
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return members[x].id != members[y].id ? members[x].id < members[y].id : x < y;
    });
    for (size_t k = 1; k < order.size(); ++k) {
      if (members[order[k]].id == members[order[k - 1]].id) {
        return absl::AlreadyExistsError(fmt::format("members row {}: member {} is also row {}",
                                                    RowNumber(order[k]), members[order[k]].id,
                                                    RowNumber(order[k - 1])));
      }
    }

    LEDD_ASSIGN_OR_RETURN(std::vector<MemberId> stored,
                            LoadIds(db_, "SELECT id FROM members ORDER BY id"));
    std::vector<MemberId> all;
    all.reserve(stored.size() + members.size());
    size_t next_stored = 0;
    for (uint32_t index : order) {
      const MemberId id = members[index].id;
      while (next_stored < stored.size() && stored[next_stored] < id) {
        all.push_back(stored[next_stored++]);
      }
      if (next_stored < stored.size() && stored[next_stored] == id) {
        return absl::AlreadyExistsError(
            fmt::format("members row {}: member {} already exists", RowNumber(index), id));
      }
      all.push_back(id);
    }
    all.insert(all.end(), stored.begin() + static_cast<ptrdiff_t>(next_stored), stored.end());
    plan_.members = MemberIndex(std::move(all));

    absl::flat_hash_map<std::string_view, size_t> handles;
    handles.reserve(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      const std::string& handle = members[i].handle;
      if (handle.empty()) {
        return absl::InvalidArgumentError(
            fmt::format("members row {}: member {} has an empty handle", RowNumber(i),
                        members[i].id));
      }
      auto [it, inserted] = handles.emplace(handle, i);
      if (!inserted) {
        return absl::AlreadyExistsError(fmt::format("members row {}: handle \"{}\" is also row {}",
                                                    RowNumber(i), handle, RowNumber(it->second)));
      }
    }
    if (!stored.empty()) {
      static constexpr char kSql[] = "SELECT id FROM members WHERE handle = ?1";
      for (size_t i = 0; i < members.size(); ++i) {
        LEDD_ASSIGN_OR_RETURN(Statement * statement, db_.Cached(kSql));
        statement->Bind(1, std::string_view(members[i].handle));
        LEDD_ASSIGN_OR_RETURN(bool taken, statement->Step());
        if (taken) {
          const MemberId owner = statement->ColumnInt(0);
          statement->Reset();
          return absl::AlreadyExistsError(
              fmt::format("members row {}: handle \"{}\" is taken by member {}", RowNumber(i),
                          members[i].handle, owner));
        }
        statement->Reset();
      }
    }
    return absl::OkStatus();
  }

  absl::Status ValidateBackground() {
    for (size_t i = 0; i < data_.positions.size(); ++i) {
      const Position& position = data_.positions[i];
      if (plan_.members.Find(position.member_id) == kAbsent) {
        return MissingMember("positions", i, position.member_id);
      }
      if (!organizations_.contains(position.organization_id)) {
        return absl::NotFoundError(fmt::format("positions row {}: organization {} does not exist",
                                               RowNumber(i), position.organization_id));
      }
    }
    for (size_t i = 0; i < data_.educations.size(); ++i) {
      const Education& education = data_.educations[i];
      if (plan_.members.Find(education.member_id) == kAbsent) {
        return MissingMember("educations", i, education.member_id);
      }
      if (!organizations_.contains(education.school_id)) {
        return absl::NotFoundError(fmt::format("educations row {}: school {} does not exist",
                                               RowNumber(i), education.school_id));
      }
    }
    return absl::OkStatus();
  }

  // The hot part of validation: one pass over the connections that resolves both ends,
  // counts degrees and notices whether the input is already in (a, b) order; a counting
  // sort by a plus small per-member sorts otherwise. Duplicates are then adjacent.
  absl::Status ValidateConnections() {
    const std::vector<Connection>& connections = data_.connections;
    if (connections.size() >= kAbsent) {
      return absl::InvalidArgumentError(
          fmt::format("connections: {} rows is more than one import can take", connections.size()));
    }
    const MemberIndex& members = plan_.members;
    std::vector<uint32_t> degree(members.size(), 0);
    std::vector<uint64_t> keys(connections.size());
    bool sorted = true;
    uint64_t previous_key = 0;
    for (size_t row = 0; row < connections.size(); ++row) {
      const Connection& connection = connections[row];
      if (connection.a == connection.b) {
        return absl::InvalidArgumentError(fmt::format(
            "connections row {}: member {} cannot connect to itself", RowNumber(row), connection.a));
      }
      const uint32_t low = members.Find(std::min(connection.a, connection.b));
      const uint32_t high = members.Find(std::max(connection.a, connection.b));
      if (low == kAbsent) {
        return MissingMember("connections", row, std::min(connection.a, connection.b));
      }
      if (high == kAbsent) {
        return MissingMember("connections", row, std::max(connection.a, connection.b));
      }
      const uint64_t key = (static_cast<uint64_t>(low) << 32) | high;
      sorted = sorted && connection.a < connection.b && (row == 0 || previous_key < key);
      previous_key = key;
      keys[row] = key;
      ++degree[low];
      ++degree[high];
    }

    LEDD_ASSIGN_OR_RETURN(connections_were_empty_, TableIsEmpty(db_, "connections"));
    if (!connections_were_empty_) {
      static constexpr char kDegreeSql[] =
          "SELECT (SELECT count(*) FROM connections WHERE a = ?1) + "
          "(SELECT count(*) FROM connections WHERE b = ?1)";
      for (uint32_t member = 0; member < degree.size(); ++member) {
        if (degree[member] == 0) continue;
        LEDD_ASSIGN_OR_RETURN(Statement * statement, db_.Cached(kDegreeSql));
        statement->Bind(1, members.IdOf(member));
        LEDD_ASSIGN_OR_RETURN(bool row, statement->Step());
        if (row) degree[member] += static_cast<uint32_t>(statement->ColumnInt(0));
        statement->Reset();
      }
    }
    for (uint32_t member = 0; member < degree.size(); ++member) {
      if (degree[member] > static_cast<uint32_t>(kMaxConnections)) {
        return OverLimit(keys, degree[member] - CountIn(keys, member), member);
      }
    }

    if (sorted) {
      plan_.connections_presorted = true;
    } else {
      // Counting sort by the smaller end, stable in row order.
      std::vector<uint64_t>& offsets = plan_.connection_offsets;
      offsets.assign(members.size() + 1, 0);
      for (uint64_t key : keys) ++offsets[(key >> 32) + 1];
      for (size_t i = 1; i < offsets.size(); ++i) offsets[i] += offsets[i - 1];
      std::vector<uint64_t> next(offsets.begin(), offsets.end() - 1);
      std::vector<PairEntry>& entries = plan_.connection_entries;
      entries.resize(keys.size());
      for (size_t row = 0; row < keys.size(); ++row) {
        const uint64_t key = keys[row];
        entries[next[key >> 32]++] = PairEntry{static_cast<uint32_t>(key & 0xffffffffu),
                                               static_cast<uint32_t>(row),
                                               connections[row].created_at};
      }
      std::vector<uint64_t>().swap(keys);
      for (size_t low = 0; low + 1 < offsets.size(); ++low) {
        auto begin = entries.begin() + static_cast<ptrdiff_t>(offsets[low]);
        auto end = entries.begin() + static_cast<ptrdiff_t>(offsets[low + 1]);
        std::sort(begin, end, [](const PairEntry& x, const PairEntry& y) {
          return x.b != y.b ? x.b < y.b : x.row < y.row;
        });
        for (auto it = begin; it != end && it + 1 != end; ++it) {
          if (it->b == (it + 1)->b) {
            return absl::AlreadyExistsError(fmt::format(
                "connections row {}: members {} and {} are already connected by row {}",
                RowNumber((it + 1)->row), members.IdOf(static_cast<uint32_t>(low)),
                members.IdOf(it->b), RowNumber(it->row)));
          }
        }
      }
    }

    if (!connections_were_empty_) {
      static constexpr char kPairSql[] = "SELECT 1 FROM connections WHERE a = ?1 AND b = ?2";
      for (size_t row = 0; row < connections.size(); ++row) {
        const MemberId low = std::min(connections[row].a, connections[row].b);
        const MemberId high = std::max(connections[row].a, connections[row].b);
        LEDD_ASSIGN_OR_RETURN(bool exists, Exists(db_, kPairSql, low, high));
        if (exists) {
          return absl::AlreadyExistsError(
              fmt::format("connections row {}: members {} and {} are already connected",
                          RowNumber(row), low, high));
        }
      }
    }
    return absl::OkStatus();
  }

  static uint32_t CountIn(const std::vector<uint64_t>& keys, uint32_t member) {
    uint32_t count = 0;
    for (uint64_t key : keys) {
      count += (key >> 32) == member || (key & 0xffffffffu) == member;
    }
    return count;
  }

  // Names the row that takes `member` past the limit; `stored` is its degree before.
  absl::Status OverLimit(const std::vector<uint64_t>& keys, uint32_t stored, uint32_t member) {
    uint32_t count = stored;
    size_t row = 0;
    for (; row < keys.size(); ++row) {
      if ((keys[row] >> 32) == member || (keys[row] & 0xffffffffu) == member) {
        if (++count > static_cast<uint32_t>(kMaxConnections)) break;
      }
    }
    return absl::FailedPreconditionError(
        fmt::format("connections row {}: member {} would have more than {} connections",
                    RowNumber(row), plan_.members.IdOf(member), kMaxConnections));
  }

  absl::Status ValidateInvitations() {
    const std::vector<Invitation>& invitations = data_.invitations;
    // Invitations are referenced by nothing here; their ids only have to be new.
    LEDD_RETURN_IF_ERROR(
        CollectIds(db_, "invitations", "invitation", Ids(invitations)).status());
    LEDD_ASSIGN_OR_RETURN(bool stored_empty, TableIsEmpty(db_, "invitations"));
    absl::flat_hash_map<std::pair<MemberId, MemberId>, size_t> pending;
    for (size_t i = 0; i < invitations.size(); ++i) {
      const Invitation& invitation = invitations[i];
      if (invitation.from == invitation.to) {
        return absl::InvalidArgumentError(fmt::format(
            "invitations row {}: member {} cannot invite itself", RowNumber(i), invitation.from));
      }
      if (plan_.members.Find(invitation.from) == kAbsent) {
        return MissingMember("invitations", i, invitation.from);
      }
      if (plan_.members.Find(invitation.to) == kAbsent) {
        return MissingMember("invitations", i, invitation.to);
      }
      if (invitation.state != InvitationState::kPending) continue;
      const std::pair<MemberId, MemberId> pair{std::min(invitation.from, invitation.to),
                                               std::max(invitation.from, invitation.to)};
      auto [it, inserted] = pending.emplace(pair, i);
      if (!inserted) {
        return absl::AlreadyExistsError(
            fmt::format("invitations row {}: members {} and {} already have a pending "
                        "invitation (row {})",
                        RowNumber(i), pair.first, pair.second, RowNumber(it->second)));
      }
      if (!stored_empty) {
        static constexpr char kSql[] =
            "SELECT 1 FROM invitations WHERE min(from_member, to_member) = ?1 AND "
            "max(from_member, to_member) = ?2 AND state = 'pending'";
        LEDD_ASSIGN_OR_RETURN(bool exists, Exists(db_, kSql, pair.first, pair.second));
        if (exists) {
          return absl::AlreadyExistsError(
              fmt::format("invitations row {}: members {} and {} already have a pending "
                          "invitation",
                          RowNumber(i), pair.first, pair.second));
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status ValidateFollows() {
    const std::vector<Follow>& follows = data_.follows;
    for (size_t i = 0; i < follows.size(); ++i) {
      if (follows[i].follower == follows[i].followee) {
        return absl::InvalidArgumentError(fmt::format(
            "follows row {}: member {} cannot follow itself", RowNumber(i), follows[i].follower));
      }
      if (plan_.members.Find(follows[i].follower) == kAbsent) {
        return MissingMember("follows", i, follows[i].follower);
      }
      if (plan_.members.Find(follows[i].followee) == kAbsent) {
        return MissingMember("follows", i, follows[i].followee);
      }
    }
    std::vector<uint32_t>& order = plan_.follow_order;
    order.resize(follows.size());
    for (size_t i = 0; i < follows.size(); ++i) order[i] = static_cast<uint32_t>(i);
    auto key = [&](uint32_t i) {
      return std::tuple(follows[i].follower, follows[i].followee, i);
    };
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return key(x) < key(y); });
    for (size_t k = 1; k < order.size(); ++k) {
      const Follow& previous = follows[order[k - 1]];
      const Follow& current = follows[order[k]];
      if (previous.follower == current.follower && previous.followee == current.followee) {
        return absl::AlreadyExistsError(
            fmt::format("follows row {}: member {} already follows member {} (row {})",
                        RowNumber(order[k]), current.follower, current.followee,
                        RowNumber(order[k - 1])));
      }
    }
    LEDD_ASSIGN_OR_RETURN(bool stored_empty, TableIsEmpty(db_, "follows"));
    if (!stored_empty) {
      static constexpr char kSql[] = "SELECT 1 FROM follows WHERE follower = ?1 AND followee = ?2";
      for (size_t i = 0; i < follows.size(); ++i) {
        LEDD_ASSIGN_OR_RETURN(bool exists,
                                Exists(db_, kSql, follows[i].follower, follows[i].followee));
        if (exists) {
          return absl::AlreadyExistsError(
              fmt::format("follows row {}: member {} already follows member {}", RowNumber(i),
                          follows[i].follower, follows[i].followee));
        }
      }
    }
    return absl::OkStatus();
  }

  // Inserts `count` rows with `sql`; `bind(k, statement)` binds the k-th row to insert
  // and returns its Dataset row for error messages.
  template <typename BindRow>
  absl::Status InsertAll(std::string_view table, const char* sql, size_t count, BindRow bind) {
    // Nothing to prepare for no rows: a database an older ledd left may lack the table.
    if (count == 0) return absl::OkStatus();
    LEDD_ASSIGN_OR_RETURN(Statement statement, db_.Prepare(sql));
    for (size_t k = 0; k < count; ++k) {
      const size_t row = bind(k, statement);
      absl::StatusOr<bool> step = statement.Step();
      statement.Reset();
      if (!step.ok()) {
        return absl::Status(step.status().code(), fmt::format("{} row {}: {}", table,
                                                              RowNumber(row),
                                                              MessageOf(step.status())));
      }
    }
    return absl::OkStatus();
  }

  // Secondary indexes of a table that is empty are dropped before the load and rebuilt
  // after it from their stored definitions: one sort instead of a random B-tree insert
  // per row. DDL is transactional in SQLite, so a failed import restores them.
  absl::Status SuspendIndexes(std::string_view table, size_t incoming) {
    if (incoming == 0) return absl::OkStatus();
    LEDD_ASSIGN_OR_RETURN(bool empty, TableIsEmpty(db_, table));
    if (!empty) return absl::OkStatus();
    LEDD_ASSIGN_OR_RETURN(
        Statement statement,
        db_.Prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
                    "tbl_name = ?1 AND sql IS NOT NULL"));
    statement.Bind(1, table);
    std::vector<std::pair<std::string, std::string>> indexes;
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      indexes.emplace_back(statement.ColumnText(0), statement.ColumnText(1));
    }
    for (const auto& [name, sql] : indexes) {
      LEDD_RETURN_IF_ERROR(db_.Exec(fmt::format("DROP INDEX \"{}\"", name)));
      suspended_indexes_.push_back(sql);
    }
    return absl::OkStatus();
  }

  absl::Status Load() {
    LEDD_RETURN_IF_ERROR(SuspendIndexes("members", data_.members.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("positions", data_.positions.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("educations", data_.educations.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("connections", data_.connections.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("invitations", data_.invitations.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("follows", data_.follows.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("posts", data_.posts.size()));
    LEDD_RETURN_IF_ERROR(SuspendIndexes("comments", data_.comments.size()));

    std::string markets;
    // in_directory only when some member opted out: without, the rows also load into a
    // database an older ledd left (schema before kV12Directory).
    const bool directory = std::any_of(data_.members.begin(), data_.members.end(),
                                       [](const Member& m) { return !m.in_directory; });
    LEDD_RETURN_IF_ERROR(InsertAll(
        "members", directory ? kInsertMemberWithDirectory : kInsertMember, data_.members.size(),
        [&](size_t k, Statement& statement) {
          const size_t row = plan_.member_order[k];
          markets = FormatMarkets(data_.members[row].markets);
          BindMember(statement, data_.members[row], markets, directory);
          return row;
        }));
    LEDD_RETURN_IF_ERROR(InsertAll("organizations", kInsertOrganization,
                                     data_.organizations.size(),
                                     [&](size_t k, Statement& statement) {
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
                                     [&](size_t k, Statement& statement) {
                                       BindPosition(statement, data_.positions[k]);
                                       return k;
                                     }));
    LEDD_RETURN_IF_ERROR(InsertAll("educations", kInsertEducation, data_.educations.size(),
                                     [&](size_t k, Statement& statement) {
                                       BindEducation(statement, data_.educations[k]);
                                       return k;
                                     }));
    LEDD_RETURN_IF_ERROR(LoadConnections());
    // The origin columns only when some invitation has one: without, the rows also load
    // into a database an older ledd left (schema before v8).
    const bool via = std::any_of(
        data_.invitations.begin(), data_.invitations.end(),
        [](const Invitation& i) { return i.via.kind != InvitationVia::Kind::kNone; });
    LEDD_RETURN_IF_ERROR(InsertAll("invitations",
                                   via ? kInsertInvitationWithVia : kInsertInvitation,
                                   data_.invitations.size(), [&](size_t k, Statement& statement) {
                                     BindInvitation(statement, data_.invitations[k], via);
                                     return k;
                                   }));
    LEDD_RETURN_IF_ERROR(InsertIntRows(
        "follows", "follower, followee, created_at", data_.follows.size(), [&](size_t k) {
          const size_t row = plan_.follow_order[k];
          const Follow& follow = data_.follows[row];
          return IntRow{follow.follower, follow.followee, follow.created_at, row};
        }));
    LEDD_RETURN_IF_ERROR(InsertAll("posts", kInsertPost, data_.posts.size(),
                                     [&](size_t k, Statement& statement) {
                                       BindPost(statement, data_.posts[k]);
                                       return k;
                                     }));
    LEDD_RETURN_IF_ERROR(InsertAll("comments", kInsertComment, data_.comments.size(),
                                     [&](size_t k, Statement& statement) {
                                       BindComment(statement, data_.comments[k]);
                                       return k;
                                     }));
    LEDD_RETURN_IF_ERROR(InsertAll("post_views", kInsertPostView, data_.post_views.size(),
                                   [&](size_t k, Statement& statement) {
                                     BindPostView(statement, data_.post_views[k]);
                                     return k;
                                   }));
    LEDD_RETURN_IF_ERROR(InsertAll("appearances", kInsertAppearance, data_.appearances.size(),
                                   [&](size_t k, Statement& statement) {
                                     BindAppearance(statement, data_.appearances[k]);
                                     return k;
                                   }));
    LEDD_RETURN_IF_ERROR(
        db_.Exec(fmt::format("PRAGMA cache_size = -{}", options_.index_build_cache_kib)));
    for (const std::string& sql : suspended_indexes_) {
      LEDD_RETURN_IF_ERROR(db_.Exec(sql));
    }
    return absl::OkStatus();
  }

  // Rows of three integers, inserted kBatchRows per statement: for the big tables the
  // per-statement overhead (step, reset, VDBE setup) is most of the cost of a row.
  struct IntRow {
    int64_t a;
    int64_t b;
    int64_t c;
    size_t row;  // In the Dataset, for error messages.
  };
  template <typename RowAt>
  absl::Status InsertIntRows(std::string_view table, std::string_view columns, size_t count,
                             RowAt row_at) {
    constexpr size_t kBatchRows = 64;
    std::string batch_sql = fmt::format("INSERT INTO {} ({}) VALUES (?, ?, ?)", table, columns);
    for (size_t i = 1; i < kBatchRows; ++i) batch_sql += ", (?, ?, ?)";
    LEDD_ASSIGN_OR_RETURN(Statement batch, db_.Prepare(batch_sql));
    LEDD_ASSIGN_OR_RETURN(
        Statement single,
        db_.Prepare(fmt::format("INSERT INTO {} ({}) VALUES (?, ?, ?)", table, columns)));
    size_t k = 0;
    while (k < count) {
      const size_t rows = count - k >= kBatchRows ? kBatchRows : 1;
      Statement& statement = rows == kBatchRows ? batch : single;
      const size_t first_row = row_at(k).row;
      for (size_t i = 0; i < rows; ++i, ++k) {
        const IntRow row = row_at(k);
        const int base = static_cast<int>(3 * i);
        statement.Bind(base + 1, row.a).Bind(base + 2, row.b).Bind(base + 3, row.c);
      }
      absl::StatusOr<bool> step = statement.Step();
      statement.Reset();
      if (!step.ok()) {
        return Prefixed(fmt::format("{} row {} or one of the {} after it", table,
                                    RowNumber(first_row), rows - 1),
                        step.status());
      }
    }
    return absl::OkStatus();
  }

  absl::Status LoadConnections() {
    const std::vector<Connection>& connections = data_.connections;
    if (plan_.connections_presorted) {
      return InsertIntRows("connections", "a, b, created_at", connections.size(), [&](size_t k) {
        return IntRow{connections[k].a, connections[k].b, connections[k].created_at, k};
      });
    }
    const std::vector<uint64_t>& offsets = plan_.connection_offsets;
    const std::vector<PairEntry>& entries = plan_.connection_entries;
    uint32_t low = 0;
    return InsertIntRows("connections", "a, b, created_at", entries.size(), [&](size_t k) {
      // k only grows, so the bucket of k is found by walking forward.
      while (offsets[low + 1] <= k) ++low;
      const PairEntry& entry = entries[k];
      return IntRow{plan_.members.IdOf(low), plan_.members.IdOf(entry.b), entry.created_at,
                    entry.row};
    });
  }

  Db& db_;
  const Dataset& data_;
  const ImportOptions& options_;
  Plan plan_;
  absl::flat_hash_set<int64_t> organizations_;
  absl::flat_hash_set<int64_t> posts_;
  bool connections_were_empty_ = true;
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
