#include "ledd/service/saved_searches.h"

#include <chrono>
#include <utility>

#include "ledd/base/status_macros.h"

namespace ledd::service {

query::SearchFilters ToSearchFilters(const store::SavedSearchFilters& filters) {
  return query::SearchFilters{.title = filters.title,
                              .city = filters.city,
                              .country = filters.country,
                              .company = filters.company,
                              .school = filters.school,
                              .field = filters.field,
                              .industry = filters.industry,
                              .name = filters.name};
}

SavedSearchService::SavedSearchService(store::Store& store, SavedSearchServiceOptions options)
    : store_(store), options_(std::move(options)) {}

Timestamp SavedSearchService::Now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

absl::StatusOr<store::SavedSearch> SavedSearchService::Save(MemberId member, std::string name,
                                                            store::SavedSearchFilters filters) {
  store::SavedSearch search{.member = member,
                            .name = std::move(name),
                            .filters = std::move(filters),
                            .created_at = Now()};
  LEDD_RETURN_IF_ERROR(store_.SaveSearch(search).status());
  return search;
}

absl::StatusOr<std::vector<store::SavedSearch>> SavedSearchService::List(MemberId member) {
  LEDD_RETURN_IF_ERROR(store_.GetMember(member).status());
  return store_.ListSavedSearches(member);
}

absl::Status SavedSearchService::Delete(MemberId member, const std::string& name) {
  return store_.DeleteSavedSearch(member, name).status();
}

}  // namespace ledd::service
