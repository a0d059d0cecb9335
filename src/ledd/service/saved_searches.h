#pragma once
// SavedSearchService: the searches a member keeps ("engineers in Oslo"), so that each
// pending invitation can say how many of the people it would bring match them
// (InvitationService::Box). A thin layer over the store's saved searches that stamps
// the time of saving and turns an unknown member into NotFound; the rules (a name, at
// least one filter) are the store's (store.h).
//
// Saved searches live in the store only: the live network does not hold them, so no
// catch-up follows a write and a box lists them from the store each time.
//
// Thread-safety: safe to call from any thread (the store serializes). The clock in the
// options must be thread-safe.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/query/search.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::service {

struct SavedSearchServiceOptions {
  // The created_at of a saved search. Empty = the wall clock.
  std::function<Timestamp()> clock;
};

// The search filters a saved search stands for (the same eight fields).
query::SearchFilters ToSearchFilters(const store::SavedSearchFilters& filters);

class SavedSearchService {
 public:
  // `store` must outlive the service.
  explicit SavedSearchService(store::Store& store, SavedSearchServiceOptions options = {});

  // Saves (or replaces) `member`'s search `name` and returns it as stored.
  // InvalidArgument for an empty name or no filter; NotFound for an unknown member.
  absl::StatusOr<store::SavedSearch> Save(MemberId member, std::string name,
                                          store::SavedSearchFilters filters);
  // The member's saved searches by name. NotFound for an unknown member (an empty list
  // would hide a typo).
  absl::StatusOr<std::vector<store::SavedSearch>> List(MemberId member);
  // NotFound when the member has no search of that name.
  absl::Status Delete(MemberId member, const std::string& name);

 private:
  Timestamp Now() const;

  store::Store& store_;
  const SavedSearchServiceOptions options_;
};

}  // namespace ledd::service
