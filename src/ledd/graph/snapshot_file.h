#pragma once
// Snapshot files: a graph::Snapshot's base written to disk so that a process starts from
// it instead of scanning the store (`ledd snapshot save`, `ledd serve --snapshot`).
//
// Layout (docs/formats.md, "Snapshot files"): a 4096-byte header, then one section per
// array of internal::Base, each starting on a 4096-byte boundary and holding the array's
// bytes exactly as they lie in memory (little-endian, the structs of types.h and
// snapshot.h byte for byte). Loading maps the file and copies each section into its
// array: no per-member parsing; only the dictionaries and organizations (thousands of
// strings, not millions) are unpacked from their (chars, offsets) columns.
//
// The header holds a magic, the format version, the byte order, the file's size, the
// counts, the position in the event log the snapshot reflects (SnapshotFileInfo) and the
// section table (offset, size, element size and CRC-32 of each section), followed by the
// CRC-32 of the header itself. A reader checks all of them and then the structure
// (offsets ascending and in range, node and value ids in range), so that a truncated,
// corrupt or foreign file is refused with a Status, never read out of bounds.
//
// Thread-safety: the functions are reentrant; a file being written is invisible until
// complete (written beside the target, fsynced, renamed over it).

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/graph/snapshot.h"

namespace ledd::graph {

// The first 8 bytes of every snapshot file, and the format this code reads and writes.
inline constexpr char kSnapshotFileMagic[8] = {'L', 'E', 'D', 'D', 'S', 'N', 'A', 'P'};
inline constexpr uint32_t kSnapshotFileVersion = 1;

// What a file says about itself besides the network: where in the store's event log it
// stands. The graph module knows nothing of the store; service/ fills these in.
struct SnapshotFileInfo {
  // The position of the last event the snapshot reflects (store::EventPosition: xid, id);
  // (0, 0) for a store without events.
  int64_t position_xid = 0;
  int64_t position_id = 0;
  // That event's own fields, so that a loader can check that the store it follows has
  // this very event at this position (the file belongs to this database). 0 when none.
  int64_t event_kind = 0;
  int64_t event_at = 0;
  int64_t event_a = 0;
  int64_t event_b = 0;
  int64_t saved_at = 0;  // Unix seconds when the file was written.

  friend bool operator==(const SnapshotFileInfo&, const SnapshotFileInfo&) = default;
};

// Header fields a reader reports without loading the rest (ReadSnapshotFileHeader).
struct SnapshotFileSummary {
  SnapshotFileInfo info;
  uint64_t members = 0;
  uint64_t connections = 0;  // Undirected pairs.
  uint64_t follows = 0;
  uint64_t organizations = 0;
  uint64_t file_bytes = 0;
};

struct LoadedSnapshotFile {
  std::shared_ptr<const Snapshot> snapshot;  // Empty delta.
  SnapshotFileSummary summary;
};

// Writes everything `snapshot` shows to `path`, replacing it atomically: the bytes go to
// a temporary file beside it (PATH.tmp-PID), which is fsynced and renamed over `path`,
// and the directory is fsynced. A snapshot with writes in its delta is compacted first
// (a full build; pass a compacted one to avoid it). On error nothing is left behind and
// an existing `path` is untouched. Errors: the file system's (Unavailable / NotFound /
// PermissionDenied as errno says), naming the path.
absl::Status WriteSnapshotFile(const Snapshot& snapshot, const SnapshotFileInfo& info,
                               const std::string& path);

// Loads a file written by WriteSnapshotFile. NotFound when it does not exist;
// FailedPrecondition for a file that is not a snapshot file (no magic), one of another
// format version or byte order; DataLoss for a truncated or corrupt one (a checksum or
// a structural check failed). Messages name the path and what is wrong.
absl::StatusOr<LoadedSnapshotFile> ReadSnapshotFile(const std::string& path);

// Only the header (checked as above, without the sections' checksums): what the file
// holds and where it stands, cheaply.
absl::StatusOr<SnapshotFileSummary> ReadSnapshotFileHeader(const std::string& path);

}  // namespace ledd::graph
