#pragma once
// LiveNetwork: the in-memory network that follows the store's event log and publishes
// immutable graph::Snapshots for queries (DESIGN.md, "Data flow").
//
// Open() loads a snapshot from the store (ForEach* scans into a SnapshotBuilder), and
// OpenFromFile() from a snapshot file (graph/snapshot_file.h) tagged with its position in
// the event log; both then apply the events written meanwhile (after the file's
// position). CatchUp() applies the events after the last one applied: connections and
// follows added or removed, members added or updated (their profile, positions and
// educations re-read with point reads), organizations added, members erased
// (kMemberErased: SnapshotEditor::RemoveMember; the erasure deleted the events of their
// edges, so none is replayed); a kImport event rebuilds from the store. Services call
// CatchUp() after their own writes (read-your-writes); StartFollowing() polls for writes
// of other processes.
//
// Loading needs no consistent read across the scans: every change the network applies
// is idempotent with respect to state (see SnapshotEditor), and the scans start after
// LastEventId() was read, so replaying every event after it converges on the store.
//
// Writes go to a small delta on top of the base (copy-on-write; the base is shared).
// When the delta holds `compaction_threshold` writes, a background thread builds a
// fresh base from a published snapshot; the writes applied meanwhile are logged and
// re-applied on the new base before it is published.
//
// Beside the network it keeps what profiles show from the store (ProfileFacts(),
// profile_facts.h), forgetting a member's entry when an event it applies changes it.
//
// Thread-safety: Current() may be called from any thread at any time and never waits
// for a writer's work. CatchUp(), Compact() and Rebuild() may be called from any
// thread; they serialize on one writer mutex.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ledd/graph/snapshot.h"
#include "ledd/graph/snapshot_builder.h"
#include "ledd/graph/snapshot_editor.h"
#include "ledd/graph/snapshot_file.h"
#include "ledd/service/profile_facts.h"
#include "ledd/store/store.h"

namespace ledd::service {

struct LiveNetworkOptions {
  // Delta writes after which compaction starts. A write costs O(delta) to publish
  // (the delta's maps are copied once per published snapshot), a compaction costs a
  // full build; this balances the two.
  uint64_t compaction_threshold = 20'000;
  // Compact in a background thread; false compacts inline in the CatchUp() that crossed
  // the threshold (deterministic, for tests).
  bool background_compaction = true;
  // Events read from the store per round trip.
  int event_batch = 1'000;
  // Memory for the store's part of profiles (ProfileFacts()); 0 reads the store each time.
  size_t profile_cache_bytes = 64 << 20;
};

// How Open() or OpenFromFile() got its network, for the operator's log.
struct LiveNetworkStart {
  bool from_file = false;  // Started from the snapshot file (and its events replayed).
  // Why the snapshot file was not used (or was given up for a rebuild: an import after
  // its position); "" when it was used or none was given.
  std::string fallback;
  graph::SnapshotFileInfo file_info;  // When from_file.
  int64_t replayed_events = 0;        // Events applied after the load.
};

// Builds a snapshot of everything in the store (no event replay). `report` is optional.
absl::StatusOr<std::shared_ptr<const graph::Snapshot>> LoadSnapshot(
    store::Store& store, graph::BuildReport* report = nullptr);

// The snapshot-file tag of the store's event position `last` ({0, 0} = before any
// event): the position and the event's own fields, by which a loader recognizes the same
// log. With FilePosition, the one place that converts between the store's event
// positions and a file's; a store without that event any more gives the position
// without the fields.
absl::StatusOr<graph::SnapshotFileInfo> SnapshotFilePosition(store::Store& store,
                                                             store::EventPosition last);
store::EventPosition FilePosition(const graph::SnapshotFileInfo& info);

// OK when the store's event log holds the file's position (the events after it can be
// replayed onto the file's network); FailedPrecondition saying why not otherwise.
absl::Status CheckSnapshotFilePosition(store::Store& store, const graph::SnapshotFileInfo& info);

class LiveNetwork {
 public:
  // `store` must outlive the network.
  static absl::StatusOr<std::unique_ptr<LiveNetwork>> Open(store::Store& store,
                                                            const LiveNetworkOptions& options = {});
  // Like Open(), but starts from a snapshot file (graph/snapshot_file.h) instead of
  // scanning the store: loads it and replays the events after its position. When that
  // cannot be done (no file yet, a corrupt or foreign one, a position the store's log no
  // longer has, an import after it) the network is loaded from the store instead and
  // StartInfo() says why. Errors only as Open()'s.
  static absl::StatusOr<std::unique_ptr<LiveNetwork>> OpenFromFile(
      store::Store& store, const std::string& snapshot_file,
      const LiveNetworkOptions& options = {});
  // Stops following and waits for a running compaction.
  ~LiveNetwork();
  LiveNetwork(const LiveNetwork&) = delete;
  LiveNetwork& operator=(const LiveNetwork&) = delete;

  // The latest published snapshot. Never null.
  std::shared_ptr<const graph::Snapshot> Current() const;

  // When Current() was published (by a load, catch-up, compaction or rebuild): the
  // snapshot age the server reports. Any thread.
  absl::Time PublishedAt() const;

  // Id of the last event reflected in Current() (0 before any event).
  EventId LastAppliedEvent() const;
  // Its position in the log (store::EventPosition): everything up to it is applied.
  store::EventPosition LastApplied() const;

  // Read-your-writes: applies events until every write committed before the call is
  // applied (Store::CurrentPosition) and publishes the result; DeadlineExceeded after
  // `timeout` (another writer's long transaction holds the log back). With SQLite's one
  // writer that is one pass; with PostgreSQL an older transaction still running can
  // hold a newer commit back for a moment.
  absl::Status CatchUp(absl::Duration timeout = absl::Seconds(2));

  // CatchUp() after this process's own write of `what`: a network still held back at
  // the timeout is said on stderr, not returned, since the write stands and the answer
  // carries a position token that makes the client's next requests, on any replica, wait
  // for it. Errors reading the store are returned.
  absl::Status CatchUpAfterWrite(std::string_view what);

  // Catches up until LastApplied() reaches `target`, polling every few milliseconds:
  // OK once it has, DeadlineExceeded after `timeout`. A client that wrote through
  // another replica waits here for its own write (a position token).
  absl::Status WaitFor(store::EventPosition target, absl::Duration timeout);

  // Applies what the store has settled after LastApplied(), once, without waiting: the
  // follower's poll. When the store's log no longer holds what the network applied (it
  // is behind the network, or the last event applied is gone: a database restored from
  // an older backup, a failover to a standby that had not received the last
  // transactions), the network is loaded again from the store.
  absl::Status Poll();

  // How long since a poll last found the network level with every commit made before
  // it (0 before the first poll): the follower's lag, which a long transaction on the
  // database makes grow (it holds the log's horizon back). Any thread.
  absl::Duration Behind() const;

  // What `member`'s profile shows from the store (store::ProfileFacts), as of the events
  // applied: kept in memory (ProfileFactsCache) and forgotten as events change it.
  // NotFound for a member the store does not have. Any thread.
  absl::StatusOr<std::shared_ptr<const store::ProfileFacts>> ProfileFacts(MemberId member) {
    return profile_facts_.Get(member);
  }
  ProfileFactsCache::Counters ProfileFactsCounters() const { return profile_facts_.counters(); }

  // Waits for a background compaction, then compacts synchronously: Current() has an
  // empty delta afterwards.
  absl::Status Compact();

  // Reloads everything from the store and publishes it.
  absl::Status Rebuild();

  // Polls the store every `interval` in a thread of its own; StopFollowing() (or the
  // destructor) ends it. Errors are retried at the next poll.
  void StartFollowing(absl::Duration interval);
  void StopFollowing();

  // Completed compactions (background and synchronous), for tests and logs.
  int64_t CompactionCount() const;

  // Times Poll() loaded the network again because the store's log no longer held what
  // it had applied (see Poll()): 0 on a healthy database. For tests and /metrics.
  int64_t ReloadCount() const;

  // How Open() or OpenFromFile() started (see LiveNetworkStart).
  const LiveNetworkStart& StartInfo() const { return start_; }

  // Writes Current() to a snapshot file at `path` (atomically; graph/snapshot_file.h),
  // tagged with LastApplied(). Writers wait only while the position is
  // read; a delta is compacted for the file outside the lock (a full build's time and
  // memory). Returns what was written.
  absl::StatusOr<graph::SnapshotFileInfo> SaveSnapshotFile(const std::string& path);

 private:
  LiveNetwork(store::Store& store, const LiveNetworkOptions& options);

  absl::Status RebuildLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Loads a snapshot file and publishes it at its position (no replay yet).
  absl::Status LoadFileLocked(const std::string& path) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::Status CatchUpLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Rebuilds and catches up, saying why on stderr.
  absl::Status ReloadLocked(std::string_view why) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Turns one event into changes (reading the rows it names) and applies them.
  absl::Status ApplyEvent(const store::Event& event) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  void ApplyChange(graph::Change change) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  void PublishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  void MaybeStartCompactionLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  void FinishCompaction(uint64_t generation,
                        absl::StatusOr<std::shared_ptr<const graph::Snapshot>> compacted);

  store::Store& store_;
  const LiveNetworkOptions options_;
  ProfileFactsCache profile_facts_;

  // std::mutex rather than absl::Mutex: Debian's absl is not built with ThreadSanitizer,
  // so TSan cannot see absl::Mutex's synchronization; pthread mutexes it intercepts.
  //
  // Guards only the published pointer: held to copy or swap a shared_ptr, never while
  // building or applying anything. See Current() in the .cc for why not std::atomic.
  mutable std::mutex publish_mu_;
  std::shared_ptr<const graph::Snapshot> current_ ABSL_GUARDED_BY(publish_mu_);
  std::atomic<int64_t> published_at_nanos_{0};
  std::atomic<int64_t> caught_up_nanos_{0};  // See Behind().

  // One writer at a time.
  mutable std::mutex write_mu_;
  std::condition_variable compaction_done_;  // Signalled when compacting_ turns false.
  std::unique_ptr<graph::SnapshotEditor> editor_ ABSL_GUARDED_BY(write_mu_);
  store::EventPosition last_applied_ ABSL_GUARDED_BY(write_mu_);
  // Background compaction: while `compacting_`, applied changes are also logged for
  // re-application on the compacted base. A rebuild bumps `generation_` so that a
  // compaction of the old data is dropped.
  bool compacting_ ABSL_GUARDED_BY(write_mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(write_mu_) = false;
  uint64_t generation_ ABSL_GUARDED_BY(write_mu_) = 0;
  int64_t compactions_ ABSL_GUARDED_BY(write_mu_) = 0;
  int64_t reloads_ ABSL_GUARDED_BY(write_mu_) = 0;
  int64_t events_applied_ ABSL_GUARDED_BY(write_mu_) = 0;
  // The last event applied one by one (not a settled horizon, which names no event).
  store::EventPosition last_event_ ABSL_GUARDED_BY(write_mu_);
  LiveNetworkStart start_;  // Written by Open() only.
  std::vector<graph::Change> log_ ABSL_GUARDED_BY(write_mu_);
  // Joined before the next one starts (it has finished by then) and by the destructor.
  std::thread compactor_ ABSL_GUARDED_BY(write_mu_);

  std::mutex follow_mu_;
  std::condition_variable follow_wake_;
  bool follow_stop_ ABSL_GUARDED_BY(follow_mu_) = false;
  std::thread follower_;  // Started and joined by the owner's thread only.
};

}  // namespace ledd::service
