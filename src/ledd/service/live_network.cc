#include "ledd/service/live_network.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "fmt/core.h"
#include "ledd/base/allocator.h"
#include "ledd/base/status_macros.h"

namespace ledd::service {
namespace {

graph::MemberInput ToInput(const store::Member& member) {
  graph::MemberInput input;
  input.id = member.id;
  input.first_name = member.first_name;
  input.last_name = member.last_name;
  input.headline = member.headline;
  input.has_summary = !member.summary.empty();
  input.has_photo = member.has_photo;
  input.city = member.city;
  input.country = member.country;
  input.industry = member.industry;
  input.policy = member.policy == store::Policy::kSelective ? graph::TriagePolicy::kSelective
                                                            : graph::TriagePolicy::kLiberal;
  input.in_directory = member.in_directory;
  switch (member.connections_visibility) {
    case store::ConnectionsVisibility::kEveryone:
      input.contacts_visibility = graph::ContactsVisibility::kEveryone;
      break;
    case store::ConnectionsVisibility::kConnections:
      input.contacts_visibility = graph::ContactsVisibility::kConnections;
      break;
    case store::ConnectionsVisibility::kOnlyMe:
      input.contacts_visibility = graph::ContactsVisibility::kOnlyMe;
      break;
  }
  switch (member.markets.kind) {
    case store::Markets::Kind::kHome:
      input.markets = graph::MarketsKind::kHome;
      break;
    case store::Markets::Kind::kInternational:
      input.markets = graph::MarketsKind::kInternational;
      break;
    case store::Markets::Kind::kListed:
      input.markets = graph::MarketsKind::kListed;
      for (const std::string& country : member.markets.countries) {
        if (!input.market_countries.empty()) input.market_countries += ';';
        input.market_countries += country;
      }
      break;
  }
  return input;
}

graph::OrganizationInput ToInput(const store::Organization& organization) {
  return {.id = organization.id,
          .is_school = organization.kind == store::OrganizationKind::kSchool,
          .name = organization.name,
          .industry = organization.industry,
          .country = organization.country};
}

graph::PositionInput ToInput(const store::Position& position) {
  return {.member = position.member_id,
          .organization = position.organization_id,
          .title = position.title,
          .start = position.start.value_or(graph::kNoTime),
          .end = position.end.value_or(graph::kOpenEnd)};
}

graph::EducationInput ToInput(const store::Education& education) {
  return {.member = education.member_id,
          .school = education.school_id,
          .field = education.field,
          .start = education.start.value_or(graph::kNoTime),
          .end = education.end.value_or(graph::kOpenEnd)};
}

// A load reads every table of the store into the builder: 50M connection rows at 1M
// members, most of the time of a start. The reading is split into jobs, run on a few
// threads, each scan in its own read transaction on its own connection of the store (as
// the scans always were: the events after the position read before the load make up
// any difference). A job reads into its own buffer on whatever thread takes it; its
// rows are added to the builder in job order, one job at a time, by whichever thread
// finds the next job read: the builder sees exactly what one thread reading the
// tables in order would have given it. A reader waits only when it is kReadAhead jobs
// ahead of the adding, which bounds the buffered rows (the first job, the members, is
// added while the others are read).
class ParallelLoad {
 public:
  struct Job {
    std::function<absl::Status()> read;  // Any thread.
    std::function<void()> add;           // Adds what `read` read; in job order.
  };

  explicit ParallelLoad(std::vector<Job> jobs) : jobs_(std::move(jobs)), read_(jobs_.size()) {}

  absl::Status Run() {
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxThreads);
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < threads; ++t) helpers.emplace_back([this] { Work(); });
    Work();
    for (std::thread& helper : helpers) helper.join();
    std::lock_guard lock(mu_);
    return status_;
  }

 private:
  static constexpr unsigned kMaxThreads = 4;
  static constexpr size_t kReadAhead = 8;

  void Work() {
    while (true) {
      const size_t k = next_job_.fetch_add(1);
      if (k >= jobs_.size() || failed_.load()) return;
      {
        // Job next_to_add_ itself never waits, so the adding always goes on.
        std::unique_lock lock(mu_);
        added_.wait(lock, [&] { return k < next_to_add_ + kReadAhead || failed_.load(); });
        if (failed_.load()) return;
      }
      absl::Status status = jobs_[k].read();
      std::unique_lock lock(mu_);
      if (!status.ok()) {
        if (status_.ok()) status_ = std::move(status);
        failed_.store(true);
        added_.notify_all();
        return;
      }
      read_[k] = true;
      if (adding_) continue;
      adding_ = true;
      while (next_to_add_ < jobs_.size() && read_[next_to_add_] && !failed_.load()) {
        Job& job = jobs_[next_to_add_++];
        lock.unlock();
        job.add();
        job = Job();  // Frees the buffer.
        lock.lock();
        added_.notify_all();
      }
      adding_ = false;
    }
  }

  std::vector<Job> jobs_;
  std::atomic<size_t> next_job_{0};
  std::atomic<bool> failed_{false};
  std::mutex mu_;
  std::condition_variable added_;  // next_to_add_ moved on, or failed_ was set.
  std::vector<bool> read_;  // Guarded by mu_.
  size_t next_to_add_ = 0;  // Guarded by mu_.
  bool adding_ = false;     // Guarded by mu_.
  absl::Status status_;     // Guarded by mu_.
};

// Reads all rows of `Row` with `scan` into a buffer; `add` adds one to the builder.
template <typename Row, typename Scan, typename Add>
ParallelLoad::Job BufferedJob(Scan scan, Add add) {
  auto rows = std::make_shared<std::vector<Row>>();
  return {.read = [rows, scan] { return scan(*rows); },
          .add =
              [rows, add] {
                for (const Row& row : *rows) add(row);
              }};
}

// LoadSnapshot without the allocator's clean-up.
absl::StatusOr<std::shared_ptr<const graph::Snapshot>> Load(store::Store& store,
                                                            graph::BuildReport* report) {
  graph::SnapshotBuilder builder;
  // Connections in ranges of 4,096 members (about 200,000 connections at 1M members),
  // so that several threads read them and few are buffered at a time; the first and
  // last range are open, so that rows naming no member are seen too (and counted as
  // such by the builder).
  LEDD_ASSIGN_OR_RETURN(std::vector<MemberId> ids, store.MemberIds());
  const size_t ranges = std::max<size_t>(ids.size() / 4096, 1);
  std::vector<MemberId> bounds = {std::numeric_limits<MemberId>::min()};
  for (size_t k = 1; k < ranges; ++k) bounds.push_back(ids[k * ids.size() / ranges]);
  bounds.push_back(std::numeric_limits<MemberId>::max());
  ids = {};

  std::vector<ParallelLoad::Job> jobs;
  // Organizations and members first, since every later row names them. This job reads
  // straight into the builder: no job is added before it, so nothing else touches the
  // builder while it reads.
  jobs.push_back({.read = [&]() -> absl::Status {
                    LEDD_RETURN_IF_ERROR(
                        store.ForEachOrganization([&](const store::Organization& organization) {
                          builder.AddOrganization(ToInput(organization));
                        }));
                    return store.ForEachMember(
                        [&](const store::Member& member) { builder.AddMember(ToInput(member)); });
                  },
                  .add = [] {}});
  jobs.push_back(BufferedJob<graph::PositionInput>(
      [&](std::vector<graph::PositionInput>& rows) {
        return store.ForEachPosition(
            [&](const store::Position& position) { rows.push_back(ToInput(position)); });
      },
      [&](const graph::PositionInput& position) { builder.AddPosition(position); }));
  jobs.push_back(BufferedJob<graph::EducationInput>(
      [&](std::vector<graph::EducationInput>& rows) {
        return store.ForEachEducation(
            [&](const store::Education& education) { rows.push_back(ToInput(education)); });
      },
      [&](const graph::EducationInput& education) { builder.AddEducation(education); }));
  using Pair = std::pair<MemberId, MemberId>;
  jobs.push_back(BufferedJob<Pair>(
      [&](std::vector<Pair>& rows) {
        return store.ForEachFollow([&](const store::Follow& follow) {
          rows.emplace_back(follow.follower, follow.followee);
        });
      },
      [&](const Pair& follow) { builder.AddFollow(follow.first, follow.second); }));
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    jobs.push_back(BufferedJob<Pair>(
        [&store, from = bounds[k], to = bounds[k + 1]](std::vector<Pair>& rows) {
          return store.ForEachConnectionPair(
              from, to, [&](MemberId a, MemberId b) { rows.emplace_back(a, b); });
        },
        [&](const Pair& connection) {
          builder.AddConnection(connection.first, connection.second);
        }));
  }
  LEDD_RETURN_IF_ERROR(ParallelLoad(std::move(jobs)).Run());
  return std::move(builder).Build(report);
}

}  // namespace

absl::StatusOr<std::shared_ptr<const graph::Snapshot>> LoadSnapshot(store::Store& store,
                                                                    graph::BuildReport* report) {
  absl::StatusOr<std::shared_ptr<const graph::Snapshot>> snapshot = Load(store, report);
  // The rows read and the builder's arrays are freed by now: gigabytes at 1M members.
  ReturnFreeMemory();
  return snapshot;
}

absl::StatusOr<graph::SnapshotFileInfo> SnapshotFilePosition(store::Store& store,
                                                             store::EventPosition last) {
  graph::SnapshotFileInfo info;
  info.position_xid = last.xid;
  info.position_id = last.id;
  if (last.id <= 0) return info;
  LEDD_ASSIGN_OR_RETURN(std::vector<store::Event> events, store.EventsAfter(last.id - 1, 1));
  if (!events.empty() && events.front().position() == last) {
    const store::Event& event = events.front();
    info.event_kind = static_cast<int64_t>(event.kind) + 1;  // 0 = not known
    info.event_at = event.at;
    info.event_a = event.a;
    info.event_b = event.b;
  }
  return info;
}

store::EventPosition FilePosition(const graph::SnapshotFileInfo& info) {
  return {.xid = info.position_xid, .id = info.position_id};
}

absl::Status CheckSnapshotFilePosition(store::Store& store, const graph::SnapshotFileInfo& info) {
  LEDD_ASSIGN_OR_RETURN(store::EventPosition store_last, store.LastEventPosition());
  const store::EventPosition position = FilePosition(info);
  if (position > store_last) {
    return absl::FailedPreconditionError(fmt::format(
        "the file stands at event {}.{}, after the store's last event {}.{} (saved from "
        "another database, or the database was restored from an older backup)",
        position.xid, position.id, store_last.xid, store_last.id));
  }
  if (info.event_kind == 0) return absl::OkStatus();  // Nothing to recognize it by.
  LEDD_ASSIGN_OR_RETURN(graph::SnapshotFileInfo here, SnapshotFilePosition(store, position));
  if (here.event_kind != info.event_kind || here.event_at != info.event_at ||
      here.event_a != info.event_a || here.event_b != info.event_b) {
    return absl::FailedPreconditionError(fmt::format(
        "the store's event log no longer has the file's position (event {}.{} is not the "
        "one the file was saved after: another database, or that event was erased)",
        position.xid, position.id));
  }
  return absl::OkStatus();
}

LiveNetwork::LiveNetwork(store::Store& store, const LiveNetworkOptions& options)
    : store_(store),
      options_(options),
      profile_facts_([&store](MemberId member) { return store.GetProfileFacts(member); },
                     options.profile_cache_bytes) {}

absl::StatusOr<std::unique_ptr<LiveNetwork>> LiveNetwork::Open(store::Store& store,
                                                               const LiveNetworkOptions& options) {
  return OpenFromFile(store, "", options);
}

absl::StatusOr<std::unique_ptr<LiveNetwork>> LiveNetwork::OpenFromFile(
    store::Store& store, const std::string& snapshot_file, const LiveNetworkOptions& options) {
  std::unique_ptr<LiveNetwork> network(new LiveNetwork(store, options));
  const int64_t opened = absl::ToUnixNanos(absl::Now());
  std::lock_guard lock(network->write_mu_);
  LiveNetworkStart& start = network->start_;
  if (!snapshot_file.empty()) {
    absl::Status loaded = network->LoadFileLocked(snapshot_file);
    if (loaded.ok()) {
      start.from_file = true;
    } else {
      start.fallback = std::string(loaded.message());
    }
  }
  if (!start.from_file) {
    if (absl::Status status = network->RebuildLocked(); !status.ok()) return status;
  }
  const uint64_t generation = network->generation_;
  // Level with every commit made before the open (as CatchUp() would be), waiting a
  // little for what another writer's open transaction still holds back; what is left
  // then comes with the follower's polls.
  LEDD_ASSIGN_OR_RETURN(store::EventPosition target, store.CurrentPosition());
  const absl::Time deadline = absl::Now() + absl::Seconds(2);
  while (true) {
    if (absl::Status status = network->CatchUpLocked(); !status.ok()) return status;
    if (network->last_applied_ >= target || absl::Now() >= deadline) break;
    absl::SleepFor(absl::Milliseconds(2));
  }
  start.replayed_events = network->events_applied_;
  network->caught_up_nanos_.store(opened, std::memory_order_relaxed);
  if (start.from_file && network->generation_ != generation) {
    start.from_file = false;
    start.fallback = "an import after the file's position: loaded from the store";
  }
  return network;
}

absl::Status LiveNetwork::LoadFileLocked(const std::string& path) {
  LEDD_ASSIGN_OR_RETURN(graph::LoadedSnapshotFile loaded, graph::ReadSnapshotFile(path));
  LEDD_RETURN_IF_ERROR(CheckSnapshotFilePosition(store_, loaded.summary.info));
  ++generation_;
  log_.clear();
  editor_ = std::make_unique<graph::SnapshotEditor>(std::move(loaded.snapshot));
  last_applied_ = FilePosition(loaded.summary.info);
  last_event_ = loaded.summary.info.event_kind != 0 ? last_applied_ : store::EventPosition{};
  start_.file_info = loaded.summary.info;
  PublishLocked();
  return absl::OkStatus();
}

absl::StatusOr<graph::SnapshotFileInfo> LiveNetwork::SaveSnapshotFile(const std::string& path) {
  std::shared_ptr<const graph::Snapshot> snapshot;
  graph::SnapshotFileInfo info;
  {
    // Under the writer lock, Current() reflects exactly the events up to last_applied_.
    std::unique_lock lock(write_mu_);
    snapshot = Current();
    LEDD_ASSIGN_OR_RETURN(info, SnapshotFilePosition(store_, last_applied_));
  }
  info.saved_at = absl::ToUnixSeconds(absl::Now());
  LEDD_RETURN_IF_ERROR(graph::WriteSnapshotFile(*snapshot, info, path));
  return info;
}

LiveNetwork::~LiveNetwork() {
  StopFollowing();
  std::thread compactor;
  {
    std::unique_lock lock(write_mu_);
    stopping_ = true;
    compactor = std::move(compactor_);
  }
  // Joined without the lock: the compactor takes it to finish.
  if (compactor.joinable()) compactor.join();
}

// Readers copy the pointer under a mutex that is never held for more than that copy or a
// writer's swap. libstdc++ 12's std::atomic_load on a shared_ptr is not lock-free either
// (it locks one of a small pool of mutexes chosen by address) and is deprecated in
// C++20; std::atomic<std::shared_ptr> spins on a lock bit. A plain mutex says the same
// thing plainly, and ThreadSanitizer understands it. A reader waits at most for another
// pointer copy, never for a write, a build or a compaction.
std::shared_ptr<const graph::Snapshot> LiveNetwork::Current() const {
  std::lock_guard lock(publish_mu_);
  return current_;
}

EventId LiveNetwork::LastAppliedEvent() const { return LastApplied().id; }

store::EventPosition LiveNetwork::LastApplied() const {
  std::unique_lock lock(write_mu_);
  return last_applied_;
}

absl::Status LiveNetwork::WaitFor(store::EventPosition target, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    LEDD_RETURN_IF_ERROR(Poll());
    const store::EventPosition applied = LastApplied();
    if (applied >= target) return absl::OkStatus();
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(
          fmt::format("the network has not reached event position {}.{} after {} (it is at "
                      "{}.{}): a long transaction may hold the event log back",
                      target.xid, target.id, absl::FormatDuration(timeout), applied.xid,
                      applied.id));
    }
    absl::SleepFor(absl::Milliseconds(2));
  }
}

absl::Status LiveNetwork::CatchUp(absl::Duration timeout) {
  LEDD_ASSIGN_OR_RETURN(store::EventPosition now, store_.CurrentPosition());
  return WaitFor(now, timeout);
}

absl::Status LiveNetwork::CatchUpAfterWrite(std::string_view what) {
  absl::Status status = CatchUp();
  if (status.code() != absl::StatusCode::kDeadlineExceeded) return status;
  std::fprintf(stderr, "ledd: %.*s was saved; %s\n", static_cast<int>(what.size()), what.data(),
               std::string(status.message()).c_str());
  return absl::OkStatus();
}

absl::Status LiveNetwork::Poll() {
  // What the network had applied before the log's position is read: a log that stands
  // behind it has lost transactions. Not last_applied_ once the lock is ours: polls of
  // other threads (request threads after their writes, the follower, requests waiting
  // for a position token) may have applied past `target` meanwhile, which loses nothing.
  const store::EventPosition applied_before = LastApplied();
  // Where the log stood before this poll: reaching it means no commit older than the
  // poll is missing.
  LEDD_ASSIGN_OR_RETURN(store::EventPosition target, store_.CurrentPosition());
  const int64_t started = absl::ToUnixNanos(absl::Now());
  std::unique_lock lock(write_mu_);
  if (target < applied_before) {
    return ReloadLocked("the event log is behind the network");
  }
  if (last_event_.id > 0) {
    // The last event applied must still be in the log. (An erasure also removes the
    // events that name the member's rows; if it removed this one, the reload is only
    // wasted work.)
    LEDD_ASSIGN_OR_RETURN(std::vector<store::Event> at,
                          store_.EventsAfter(last_event_.id - 1, 1));
    if (at.empty() || at.front().position() != last_event_) {
      return ReloadLocked(fmt::format("event {}.{}, the last one applied, is gone from the log",
                                      last_event_.xid, last_event_.id));
    }
  }
  LEDD_RETURN_IF_ERROR(CatchUpLocked());
  if (last_applied_ >= target) caught_up_nanos_.store(started, std::memory_order_relaxed);
  return absl::OkStatus();
}

absl::Status LiveNetwork::ReloadLocked(std::string_view why) {
  std::fprintf(stderr,
               "ledd: %.*s (a database restored from an older backup, or a failover that lost "
               "transactions): loading the network again from the store\n",
               static_cast<int>(why.size()), why.data());
  ++reloads_;
  LEDD_RETURN_IF_ERROR(RebuildLocked());
  return CatchUpLocked();
}

absl::Duration LiveNetwork::Behind() const {
  const int64_t caught_up = caught_up_nanos_.load(std::memory_order_relaxed);
  if (caught_up == 0) return absl::ZeroDuration();
  return std::max(absl::ZeroDuration(), absl::Now() - absl::FromUnixNanos(caught_up));
}

int64_t LiveNetwork::CompactionCount() const {
  std::unique_lock lock(write_mu_);
  return compactions_;
}

int64_t LiveNetwork::ReloadCount() const {
  std::unique_lock lock(write_mu_);
  return reloads_;
}

absl::Time LiveNetwork::PublishedAt() const {
  return absl::FromUnixNanos(published_at_nanos_.load(std::memory_order_relaxed));
}

void LiveNetwork::PublishLocked() {
  std::shared_ptr<const graph::Snapshot> published = editor_->Publish();
  {
    std::lock_guard lock(publish_mu_);
    current_.swap(published);
  }
  published_at_nanos_.store(absl::ToUnixNanos(absl::Now()), std::memory_order_relaxed);
  // `published` now holds the previous snapshot; if it was the last reference (a base
  // replaced by compaction), it is freed here, outside the readers' lock.
}

absl::Status LiveNetwork::Rebuild() {
  std::unique_lock lock(write_mu_);
  if (absl::Status status = RebuildLocked(); !status.ok()) return status;
  return CatchUpLocked();
}

absl::Status LiveNetwork::RebuildLocked() {
  // Read the position in the log first: the scans then show at least this state, and
  // replaying what follows is idempotent.
  LEDD_ASSIGN_OR_RETURN(store::EventPosition last, store_.LastEventPosition());
  LEDD_ASSIGN_OR_RETURN(std::shared_ptr<const graph::Snapshot> loaded, LoadSnapshot(store_));
  ++generation_;  // A compaction of the previous data must not be published.
  log_.clear();
  profile_facts_.Clear();
  editor_ = std::make_unique<graph::SnapshotEditor>(std::move(loaded));
  last_event_ = {};
  last_applied_ = last;
  PublishLocked();
  return absl::OkStatus();
}

absl::Status LiveNetwork::CatchUpLocked() {
  while (true) {
    LEDD_ASSIGN_OR_RETURN(store::Store::EventPage page,
                          store_.EventsSince(last_applied_, options_.event_batch));
    if (page.events.empty()) {
      last_applied_ = std::max(last_applied_, page.settled);
      return absl::OkStatus();
    }
    bool rebuilt = false;
    for (const store::Event& event : page.events) {
      if (event.kind == store::EventKind::kImport) {
        // The rebuild reads past this event; continue from where it stopped.
        if (absl::Status status = RebuildLocked(); !status.ok()) return status;
        rebuilt = true;
        break;
      }
      if (absl::Status status = ApplyEvent(event); !status.ok()) {
        // What was applied so far is consistent; publish it and report.
        PublishLocked();
        return status;
      }
      last_applied_ = event.position();
      last_event_ = event.position();
      ++events_applied_;
    }
    if (!rebuilt) {
      last_applied_ = std::max(last_applied_, page.settled);
      PublishLocked();
    }
    MaybeStartCompactionLocked();
  }
}

void LiveNetwork::ApplyChange(graph::Change change) {
  editor_->Apply(change);
  if (compacting_) log_.push_back(std::move(change));
}

absl::Status LiveNetwork::ApplyEvent(const store::Event& event) {
  switch (event.kind) {
    case store::EventKind::kConnectionAdded:
    case store::EventKind::kConnectionRemoved:
      ApplyChange(graph::ConnectionChange{
          .a = event.a, .b = event.b, .added = event.kind == store::EventKind::kConnectionAdded});
      return absl::OkStatus();
    case store::EventKind::kFollowAdded:
    case store::EventKind::kFollowRemoved:
      ApplyChange(graph::FollowChange{.follower = event.a,
                                      .followee = event.b,
                                      .added = event.kind == store::EventKind::kFollowAdded});
      return absl::OkStatus();
    case store::EventKind::kOrganizationAdded: {
      absl::StatusOr<store::Organization> organization = store_.GetOrganization(event.a);
      if (absl::IsNotFound(organization.status())) return absl::OkStatus();
      if (!organization.ok()) return organization.status();
      ApplyChange(ToInput(*organization));
      return absl::OkStatus();
    }
    case store::EventKind::kMemberAdded:
    case store::EventKind::kMemberUpdated: {
      profile_facts_.Forget(event.a);
      // The event names the member; its current rows are the truth (a later event for
      // the same member re-reads them again, which is harmless).
      absl::StatusOr<store::Member> member = store_.GetMember(event.a);
      if (absl::IsNotFound(member.status())) return absl::OkStatus();
      if (!member.ok()) return member.status();
      LEDD_ASSIGN_OR_RETURN(std::vector<store::Position> positions, store_.GetPositions(event.a));
      LEDD_ASSIGN_OR_RETURN(std::vector<store::Education> educations,
                            store_.GetEducations(event.a));
      auto change = std::make_shared<graph::MemberChange>();
      change->member = ToInput(*member);
      for (const store::Position& position : positions) {
        change->positions.push_back(ToInput(position));
      }
      for (const store::Education& education : educations) {
        change->educations.push_back(ToInput(education));
      }
      // Organizations referenced before their own event was applied (it follows in the
      // log only if written later, which the store's foreign keys rule out; a load that
      // missed one is repaired here).
      const graph::Snapshot view = editor_->View();
      auto ensure_organization = [&](OrganizationId id) -> absl::Status {
        if (view.FindOrganization(id) != graph::kNoOrganization) return absl::OkStatus();
        absl::StatusOr<store::Organization> organization = store_.GetOrganization(id);
        if (absl::IsNotFound(organization.status())) return absl::OkStatus();
        if (!organization.ok()) return organization.status();
        ApplyChange(ToInput(*organization));
        return absl::OkStatus();
      };
      for (const graph::PositionInput& position : change->positions) {
        if (absl::Status status = ensure_organization(position.organization); !status.ok()) {
          return status;
        }
      }
      for (const graph::EducationInput& education : change->educations) {
        if (absl::Status status = ensure_organization(education.school); !status.ok()) {
          return status;
        }
      }
      ApplyChange(std::shared_ptr<const graph::MemberChange>(std::move(change)));
      return absl::OkStatus();
    }
    case store::EventKind::kMemberErased:
      // The store kept nothing of them; the network drops them and every edge they had
      // (the events of those edges are gone from the log too). Others' facts name them
      // too (blocks, invitations), and erasures are rare: every member's facts go.
      profile_facts_.Clear();
      ApplyChange(graph::MemberRemoval{.id = event.a});
      return absl::OkStatus();
    // The graph keeps neither invitations nor blocks; a profile's facts list the
    // member's pending invitations (the event names only the invitation: its sender's
    // facts go) and whom they blocked.
    case store::EventKind::kInvitationChanged: {
      absl::StatusOr<store::Invitation> invitation = store_.GetInvitation(event.a);
      if (absl::IsNotFound(invitation.status())) return absl::OkStatus();  // Erased since.
      if (!invitation.ok()) return invitation.status();
      profile_facts_.Forget(invitation->from);
      return absl::OkStatus();
    }
    case store::EventKind::kBlockChanged:
      profile_facts_.Forget(event.a);
      return absl::OkStatus();
    case store::EventKind::kImport:  // Handled by the caller.
    case store::EventKind::kPostAdded:
    case store::EventKind::kCommentAdded:
    // Saved searches are read from the store when a box is listed; the graph has none.
    case store::EventKind::kSavedSearchChanged:
    // Views and read marks live in the store; the graph holds neither.
    case store::EventKind::kPostViewed:
    case store::EventKind::kNotificationsRead:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

void LiveNetwork::MaybeStartCompactionLocked() {
  if (compacting_ || stopping_ || editor_->DeltaSize() < options_.compaction_threshold) return;
  if (!options_.background_compaction) {
    absl::StatusOr<std::shared_ptr<const graph::Snapshot>> compacted =
        graph::Compact(*editor_->Publish());
    if (!compacted.ok()) return;  // Keep serving the delta; the next write retries.
    editor_ = std::make_unique<graph::SnapshotEditor>(*std::move(compacted));
    ++compactions_;
    PublishLocked();
    return;
  }
  // The previous compactor has set compacting_ = false and released the lock: it is
  // done, and joining it is immediate.
  if (compactor_.joinable()) compactor_.join();
  compacting_ = true;
  log_.clear();
  std::shared_ptr<const graph::Snapshot> source = editor_->Publish();
  const uint64_t generation = generation_;
  compactor_ = std::thread([this, source = std::move(source), generation]() mutable {
    absl::StatusOr<std::shared_ptr<const graph::Snapshot>> compacted = graph::Compact(*source);
    source.reset();
    FinishCompaction(generation, std::move(compacted));
  });
}

void LiveNetwork::FinishCompaction(
    uint64_t generation, absl::StatusOr<std::shared_ptr<const graph::Snapshot>> compacted) {
  std::unique_lock lock(write_mu_);
  compacting_ = false;
  compaction_done_.notify_all();
  std::vector<graph::Change> log = std::move(log_);
  log_.clear();
  if (stopping_ || generation != generation_ || !compacted.ok()) return;
  // The compacted base reflects the source snapshot; the changes applied since were
  // logged in order and are re-applied on top.
  editor_ = std::make_unique<graph::SnapshotEditor>(*std::move(compacted));
  for (const graph::Change& change : log) editor_->Apply(change);
  ++compactions_;
  PublishLocked();
}

absl::Status LiveNetwork::Compact() {
  std::unique_lock lock(write_mu_);
  compaction_done_.wait(lock, [this] { return !compacting_; });
  LEDD_ASSIGN_OR_RETURN(std::shared_ptr<const graph::Snapshot> compacted,
                        graph::Compact(*editor_->Publish()));
  editor_ = std::make_unique<graph::SnapshotEditor>(std::move(compacted));
  ++compactions_;
  PublishLocked();
  return absl::OkStatus();
}

void LiveNetwork::StartFollowing(absl::Duration interval) {
  StopFollowing();
  {
    std::lock_guard lock(follow_mu_);
    follow_stop_ = false;
  }
  follower_ = std::thread([this, interval] {
    const auto period = absl::ToChronoMilliseconds(interval);
    absl::Time last_warning = absl::InfinitePast();
    while (true) {
      {
        std::unique_lock lock(follow_mu_);
        follow_wake_.wait_for(lock, period, [this] { return follow_stop_; });
        if (follow_stop_) return;
      }
      // Errors (a busy database) are retried at the next poll.
      Poll().IgnoreError();
      // Another writer's long transaction holds the log back (store.h, EventsSince):
      // said once a minute while it lasts.
      const absl::Duration behind = Behind();
      if (behind > absl::Seconds(30) && absl::Now() - last_warning > absl::Minutes(1)) {
        last_warning = absl::Now();
        std::fprintf(stderr,
                     "ledd: the network is %s behind the event log: a long transaction on "
                     "the database holds the log back\n",
                     absl::FormatDuration(absl::Trunc(behind, absl::Seconds(1))).c_str());
      }
    }
  });
}

void LiveNetwork::StopFollowing() {
  {
    std::lock_guard lock(follow_mu_);
    follow_stop_ = true;
  }
  follow_wake_.notify_all();
  if (follower_.joinable()) follower_.join();
}

}  // namespace ledd::service
