#include "ledd/service/data_rights.h"

#include <chrono>
#include <cstdio>

#include "ledd/base/status_macros.h"
#include "ledd/ingest/member_export.h"

namespace ledd::service {

DataRights::DataRights(store::Store& store, LiveNetwork* live, DataRightsOptions options)
    : store_(store), live_(live), options_(std::move(options)) {}

DataRights::~DataRights() { StopErasing(); }

Timestamp DataRights::Now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

absl::StatusOr<std::string> DataRights::Export(MemberId member) {
  LEDD_ASSIGN_OR_RETURN(store::MemberData data, store_.ExportMember(member));
  return ingest::WriteMemberExport(data, Now());
}

absl::StatusOr<store::DeletionRequest> DataRights::RequestDeletion(MemberId member) {
  const Timestamp now = Now();
  return store_.RequestDeletion(
      {.member = member, .requested_at = now, .erase_at = now + options_.grace_seconds});
}

absl::StatusOr<store::DeletionRequest> DataRights::GetDeletion(MemberId member) {
  return store_.GetDeletionRequest(member);
}

absl::Status DataRights::CancelDeletion(MemberId member) { return store_.CancelDeletion(member); }

absl::StatusOr<std::vector<MemberId>> DataRights::EraseDue() {
  std::vector<MemberId> erased;
  absl::Status first_error;
  while (true) {
    LEDD_ASSIGN_OR_RETURN(std::vector<store::DeletionRequest> due,
                          store_.DueDeletions(Now(), 100));
    size_t done = 0;
    for (const store::DeletionRequest& request : due) {
      // A cancellation racing the job wins if it commits first: erase only what is
      // still requested and due (EraseMember's own transaction deletes the request).
      absl::StatusOr<store::DeletionRequest> still = store_.GetDeletionRequest(request.member);
      if (!still.ok() || still->erase_at > Now()) continue;
      absl::StatusOr<EventId> event = store_.EraseMember(request.member);
      // Another process's job erased them first: nothing left to do.
      if (absl::IsNotFound(event.status())) continue;
      if (!event.ok()) {
        if (first_error.ok()) first_error = event.status();
        continue;
      }
      if (options_.on_erased) options_.on_erased(request.member);
      erased.push_back(request.member);
      ++done;
    }
    if (due.size() < 100 || done == 0) break;
  }
  if (live_ != nullptr && !erased.empty()) {
    if (absl::Status status = live_->CatchUpAfterWrite("the erasure of due accounts");
        !status.ok() && first_error.ok()) {
      first_error = status;
    }
  }
  if (!first_error.ok()) return first_error;
  return erased;
}

void DataRights::StartErasing(absl::Duration interval) {
  StopErasing();
  {
    std::lock_guard lock(mu_);
    stop_ = false;
  }
  eraser_ = std::thread([this, interval] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      absl::StatusOr<std::vector<MemberId>> erased = EraseDue();
      if (!erased.ok()) {
        std::fprintf(stderr, "ledd: erasing accounts: %s\n",
                     std::string(erased.status().message()).c_str());
      } else {
        for (MemberId member : *erased) {
          std::fprintf(stderr, "ledd: erased member %lld\n", static_cast<long long>(member));
        }
      }
      lock.lock();
      wake_.wait_for(lock, absl::ToChronoMilliseconds(interval), [this] { return stop_; });
    }
  });
}

void DataRights::StopErasing() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (eraser_.joinable()) eraser_.join();
}

}  // namespace ledd::service
