#pragma once
// Reads ledd's interchange format (DESIGN.md, "Interchange format"; docs/formats.md):
// a directory of comma-separated UTF-8 files with a header row. Only members.csv is
// required; absent files contribute no rows. Unknown extra columns are ignored.
//
// Required columns (a missing one is "FILE: missing required column \"x\""):
//   members.csv        id, handle, first_name, last_name
//   organizations.csv  id, kind, name
//   positions.csv      member_id, organization_id
//   educations.csv     member_id, school_id
//   connections.csv    a, b
//   invitations.csv    id, from, to
//   follows.csv        follower, followee
//   posts.csv          id, author
//   comments.csv       id, post_id, author
// The other columns of the DESIGN.md table are optional; an absent column or an empty
// field means "none": an empty string, an open date, has_photo 0, policy liberal,
// markets home, state pending, views 0, and 0 (1970) for a missing created_at.
// members.csv may also carry connections_visibility (everyone, connections, only_me)
// and in_directory (0 or 1; empty = 1, listed in the member directory).
//
// Every row is validated before anything is written, and the first problem (in the
// order of LeddFileNames(), then by line) is returned as InvalidArgument
// "FILE:LINE: reason": a bad integer, date, enum, markets
// or country; an id below 1, or below 0 for an organization; text that breaks the
// model's rules (store/model.h: invalid UTF-8, control characters, a field over its
// limit); an id used twice (or already in the store); a reference to a member,
// organization or post that is neither in the files nor in the store; a
// self-connection, self-follow or self-invitation; a pair connected twice (in either
// order); a duplicate follow; a second pending invitation for a pair (in either
// order); an education whose school is a company; an end before a start.
//
// connections.csv, the largest file by far, is read on a second thread while the files
// after members.csv are read on the calling one.
//
// Thread-safety: the functions are reentrant; ExistingRows is not thread-safe.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::ingest {

// What the store already holds that an import may refer to but must not add again.
class ExistingRows {
 public:
  // Nothing exists: for reading files without a store.
  ExistingRows() = default;
  // Loads the member ids of `store` and looks organizations up in it on demand. The
  // store must outlive this object.
  static absl::StatusOr<ExistingRows> Of(store::Store& store);

  bool HasMember(MemberId id) const { return members_.contains(id); }
  const absl::flat_hash_set<MemberId>& members() const { return members_; }
  // The kind of organization `id` in the store, or nullopt if it is not there.
  absl::StatusOr<std::optional<store::OrganizationKind>> Organization(OrganizationId id);
  // The author of post `id` in the store, or nullopt if it is not there.
  absl::StatusOr<std::optional<MemberId>> PostAuthor(PostId id);
  // Whose appearance `id` in the store is, or nullopt if it is not there.
  absl::StatusOr<std::optional<MemberId>> AppearanceMember(AppearanceId id);

 private:
  store::Store* store_ = nullptr;
  absl::flat_hash_set<MemberId> members_;
  absl::flat_hash_map<OrganizationId, std::optional<store::OrganizationKind>> organizations_;
};

// Reads and validates the ledd CSV files in `dir`.
absl::StatusOr<store::Dataset> ReadLeddDirectory(const std::string& dir, ExistingRows& existing);

struct LeddReadOptions {
  // Skip, rather than refuse, a row of connections.csv, follows.csv, invitations.csv,
  // comments.csv or post_views.csv that names a member or post neither in the files nor
  // in the store: what a member's data export holds (member_export.h) names the people
  // they were connected to, who are not in it. An invitation whose page (via) is
  // unknown is kept without it. Every other check stays.
  bool skip_unknown_references = false;
};

struct LeddDirectory {
  store::Dataset data;
  int64_t skipped_rows = 0;  // Rows skipped under skip_unknown_references.
};

absl::StatusOr<LeddDirectory> ReadLeddDirectory(const std::string& dir, ExistingRows& existing,
                                                const LeddReadOptions& options);

// Reading a directory while a store writes it (ImportDirectory): Start reads every
// file but connections.csv, which it leaves being read on a second thread, so that
// Store::Import can write the other tables meanwhile; FinishConnections waits for it.
// ReadLeddDirectory is the two in a row.
class LeddDirectoryReading {
 public:
  // Reads and validates the files; the first error in file order (when that is in a
  // file after connections.csv, only once connections.csv is read: its own error comes
  // first). `existing` and `dir` must outlive the object.
  static absl::StatusOr<std::unique_ptr<LeddDirectoryReading>> Start(
      const std::string& dir, ExistingRows& existing, const LeddReadOptions& options);
  // Stops a reading of connections.csv still under way and waits for its thread.
  ~LeddDirectoryReading();

  // Every table read; data().connections is written by the other thread until
  // FinishConnections has returned.
  store::Dataset& data();
  // Waits for connections.csv: its error, if any (then data().connections is not
  // complete). Called once.
  absl::Status FinishConnections();
  // Rows skipped under skip_unknown_references; complete after FinishConnections.
  int64_t skipped_rows() const;
  // When the reading of connections.csv ended (after FinishConnections).
  std::chrono::steady_clock::time_point connections_read_at() const;

 private:
  struct Reader;
  explicit LeddDirectoryReading(std::unique_ptr<Reader> reader);
  std::unique_ptr<Reader> reader_;
};

// The files of the format, in the order they are read.
const std::vector<std::string>& LeddFileNames();

}  // namespace ledd::ingest
