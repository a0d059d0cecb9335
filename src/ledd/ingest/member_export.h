#pragma once
// A member's data export: one ZIP with everything the store keeps about them
// (store::MemberData), for the right of access and portability. It holds
//   - ledd's interchange format (docs/formats.md): members.csv (the member alone),
//     organizations.csv (those their background names), positions.csv,
//     educations.csv, connections.csv, invitations.csv (sent and received),
//     follows.csv (both ways), posts.csv, comments.csv (theirs), post_views.csv
//     (their reads), appearances.csv — what `ledd import` reads;
//   - what the format has no file for: account.csv, saved_searches.csv,
//     email_invitations.csv, blocks.csv, notifications.csv, and photo.jpg /
//     photo-small.jpg when they have a photo;
//   - export.json, the same data as JSON, and README.txt, which says what is where.
// The password is never exported (not even its hash).
//
// Importing an export into another database (`ledd import --db NEW export.zip`) gives
// the member's profile, background, posts and appearances back under the same ids;
// the rows naming other members (connections, follows, invitations, comments on their
// posts) are skipped when those members are not in the database (ledd_csv.h,
// LeddReadOptions), and counted. The photo is not restored (has_photo stays set).
//
// Thread-safety: the functions are reentrant.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledd/base/ids.h"
#include "ledd/store/store.h"

namespace ledd::ingest {

// The file whose presence marks a directory or ZIP as a member's export.
inline constexpr std::string_view kMemberExportMarker = "export.json";

// The export ZIP of `data`, made at `exported_at`.
absl::StatusOr<std::string> WriteMemberExport(const store::MemberData& data,
                                              Timestamp exported_at);

// The export as JSON (what export.json holds).
std::string MemberExportJson(const store::MemberData& data, Timestamp exported_at);

// Writes the files of ZIP `bytes` that `ledd import` reads (docs/formats.md's, and
// export.json), by their base names, into the existing directory `dir`; other files
// are left out, so no name in the archive can write outside `dir`. InvalidArgument
// for bytes that are not a ZIP or a file over 64 MB.
absl::Status UnpackForImport(std::string_view bytes, const std::string& dir);

}  // namespace ledd::ingest
