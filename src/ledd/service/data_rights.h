#pragma once
// DataRights: a member's rights over their data — the export (a ZIP of everything the
// store keeps about them, ingest/member_export.h) and the deletion of their account,
// which waits out a grace period (cancellable) and then erases them from the store
// (store.h, EraseMember) and from the live network (the kMemberErased event every
// process's LiveNetwork follows).
//
// The erasure job: EraseDue() erases every member whose grace period has ended;
// StartErasing() runs it in a thread of its own every `interval` (`ledd serve`), and
// `ledd accounts erase-due` runs it once.
//
// Thread-safety: every method may be called from any thread; StartErasing and
// StopErasing from the owner's thread only.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ledd/service/live_network.h"
#include "ledd/store/store.h"

namespace ledd::service {

struct DataRightsOptions {
  // How long a requested deletion waits before the erasure; a sign-in meanwhile can
  // cancel it.
  Timestamp grace_seconds = 14 * 24 * 3600;
  // The clock; default: wall-clock seconds. Tests set their own.
  std::function<Timestamp()> clock;
  // Told of each member EraseDue erased, right after the store's transaction (the
  // server forgets the member's cached sessions); may be empty. Runs on the erasing
  // thread.
  std::function<void(MemberId)> on_erased;
};

class DataRights {
 public:
  // `store` must outlive this; `live` (optional) is caught up after each erasure.
  DataRights(store::Store& store, LiveNetwork* live, DataRightsOptions options = {});
  ~DataRights();  // Stops the erasure thread.
  DataRights(const DataRights&) = delete;
  DataRights& operator=(const DataRights&) = delete;

  // The member's export ZIP. NotFound for an unknown member.
  absl::StatusOr<std::string> Export(MemberId member);

  // Schedules the member's erasure after the grace period (a new request restarts
  // it). The caller has re-authenticated the member.
  absl::StatusOr<store::DeletionRequest> RequestDeletion(MemberId member);
  // NotFound when none is pending.
  absl::StatusOr<store::DeletionRequest> GetDeletion(MemberId member);
  absl::Status CancelDeletion(MemberId member);

  // Erases every member whose grace period has ended; returns their ids. One member's
  // failure does not stop the others (it is retried next time); the first error is
  // returned after all were tried.
  absl::StatusOr<std::vector<MemberId>> EraseDue();

  // Runs EraseDue every `interval` until StopErasing (or destruction). Errors are
  // written to stderr and retried at the next round.
  void StartErasing(absl::Duration interval);
  void StopErasing();

  Timestamp Now() const;
  Timestamp grace_seconds() const { return options_.grace_seconds; }

 private:
  store::Store& store_;
  LiveNetwork* live_;
  const DataRightsOptions options_;

  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread eraser_;
};

}  // namespace ledd::service
