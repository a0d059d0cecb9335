#include "ledd/store/import_plan.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"

namespace ledd::store {
namespace {

// Ids of one table, new and stored, checked for collisions. For the tables whose ids
// only need to be unique or looked up occasionally (not per connection).
absl::StatusOr<absl::flat_hash_set<int64_t>> CollectIds(StoredRows& stored_rows,
                                                        std::string_view table,
                                                        std::string_view noun,
                                                        const std::vector<int64_t>& new_ids) {
  LEDD_ASSIGN_OR_RETURN(std::vector<int64_t> stored, stored_rows.Ids(table));
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

class Planner {
 public:
  Planner(const Dataset& data, StoredRows& stored, ImportPlan plan = {})
      : data_(data), stored_(stored), plan_(std::move(plan)) {}

  absl::Status Run(bool connections) {
    LEDD_RETURN_IF_ERROR(ValidateRows());
    LEDD_RETURN_IF_ERROR(ValidateMembers());
    LEDD_ASSIGN_OR_RETURN(organizations_, CollectIds(stored_, "organizations", "organization",
                                                       Ids(data_.organizations)));
    LEDD_RETURN_IF_ERROR(ValidateBackground());
    if (connections) {
      LEDD_RETURN_IF_ERROR(ValidateConnections());
    }
    LEDD_RETURN_IF_ERROR(ValidateInvitations());
    LEDD_RETURN_IF_ERROR(ValidateFollows());
    LEDD_ASSIGN_OR_RETURN(posts_, CollectIds(stored_, "posts", "post", Ids(data_.posts)));
    for (size_t i = 0; i < data_.posts.size(); ++i) {
      if (plan_.members.Find(data_.posts[i].author) == kAbsent) {
        return MissingMember("posts", i, data_.posts[i].author);
      }
    }
    LEDD_ASSIGN_OR_RETURN(absl::flat_hash_set<int64_t> comments,
                            CollectIds(stored_, "comments", "comment", Ids(data_.comments)));
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
          CollectIds(stored_, "appearances", "appearance", Ids(data_.appearances)).status());
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
        LEDD_ASSIGN_OR_RETURN(owner, stored_.OwnerOf(invitation.via));
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

    LEDD_ASSIGN_OR_RETURN(std::vector<MemberId> stored, stored_.Ids("members"));
    std::sort(stored.begin(), stored.end());
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
      for (size_t i = 0; i < members.size(); ++i) {
        LEDD_ASSIGN_OR_RETURN(std::optional<MemberId> owner,
                              stored_.HandleOwner(members[i].handle));
        if (owner) {
          return absl::AlreadyExistsError(
              fmt::format("members row {}: handle \"{}\" is taken by member {}", RowNumber(i),
                          members[i].handle, *owner));
        }
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

    LEDD_ASSIGN_OR_RETURN(const bool connections_were_empty, stored_.Empty("connections"));
    if (!connections_were_empty) {
      for (uint32_t member = 0; member < degree.size(); ++member) {
        if (degree[member] == 0) continue;
        LEDD_ASSIGN_OR_RETURN(int64_t stored, stored_.Degree(members.IdOf(member)));
        degree[member] += static_cast<uint32_t>(stored);
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

    if (!connections_were_empty) {
      for (size_t row = 0; row < connections.size(); ++row) {
        const MemberId low = std::min(connections[row].a, connections[row].b);
        const MemberId high = std::max(connections[row].a, connections[row].b);
        LEDD_ASSIGN_OR_RETURN(bool exists, stored_.Connected(low, high));
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
        CollectIds(stored_, "invitations", "invitation", Ids(invitations)).status());
    LEDD_ASSIGN_OR_RETURN(bool stored_empty, stored_.Empty("invitations"));
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
        LEDD_ASSIGN_OR_RETURN(bool exists, stored_.PendingInvitation(pair.first, pair.second));
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
    LEDD_ASSIGN_OR_RETURN(bool stored_empty, stored_.Empty("follows"));
    if (!stored_empty) {
      for (size_t i = 0; i < follows.size(); ++i) {
        LEDD_ASSIGN_OR_RETURN(bool exists, stored_.Follows(follows[i].follower, follows[i].followee));
        if (exists) {
          return absl::AlreadyExistsError(
              fmt::format("follows row {}: member {} already follows member {}", RowNumber(i),
                          follows[i].follower, follows[i].followee));
        }
      }
    }
    return absl::OkStatus();
  }

  ImportPlan& plan() { return plan_; }

 private:
  const Dataset& data_;
  StoredRows& stored_;
  ImportPlan plan_;
  absl::flat_hash_set<int64_t> organizations_;
  absl::flat_hash_set<int64_t> posts_;
};

}  // namespace

absl::StatusOr<ImportPlan> PlanImport(const Dataset& data, StoredRows& stored,
                                      bool connections) {
  Planner planner(data, stored);
  LEDD_RETURN_IF_ERROR(planner.Run(connections));
  return std::move(planner.plan());
}

absl::Status PlanConnections(const Dataset& data, StoredRows& stored, ImportPlan& plan) {
  Planner planner(data, stored, std::move(plan));
  absl::Status status = planner.ValidateConnections();
  plan = std::move(planner.plan());
  return status;
}

}  // namespace ledd::store
