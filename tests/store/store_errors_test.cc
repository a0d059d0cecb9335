// How the SQLite store reports the machine's trouble, against real files: a database
// that cannot grow (PRAGMA max_page_count, which makes SQLite answer SQLITE_FULL just
// as a full disk does) refuses the write with Unavailable, not ResourceExhausted (which
// the HTTP layer answers as "too many requests"), and loses nothing.

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using ::testing::HasSubstr;

Member MakeMember(MemberId id, std::string summary = "") {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.first_name = "First";
  member.last_name = "Last";
  member.summary = std::move(summary);
  member.created_at = 1'500'000'000;
  return member;
}

TEST(StoreErrors, AFullDatabaseIsUnavailableAndTheWriteChangesNothing) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
    ASSERT_TRUE(store.ok()) << store.status();
    Dataset data;
    data.members = {MakeMember(1), MakeMember(2)};
    ASSERT_TRUE((*store)->Import(data).ok());
  }
  // Reopened with no room to grow: max_page_count cannot go below the current size,
  // so 1 means "exactly as large as now".
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path, .max_pages = 1});
  ASSERT_TRUE(store.ok()) << store.status();
  const EventId before = *(*store)->LastEventId();

  // Members with the longest summary allowed, until one needs a page the file may not
  // grow by (the pages' free space takes a few first).
  absl::Status full;
  MemberId next = 3;
  for (; next < 1000 && full.ok(); ++next) {
    full = (*store)->AddMember(MakeMember(next, std::string(kMaxSummary, 'x'))).status();
  }
  const MemberId refused = next - 1;
  const int64_t added = refused - 3;
  EXPECT_EQ(full.code(), absl::StatusCode::kUnavailable) << full;
  EXPECT_THAT(std::string(full.message()), HasSubstr("full"));

  EXPECT_EQ((*store)->GetMember(refused).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(*(*store)->LastEventId(), before + added);
  EXPECT_EQ((*store)->Count()->members, 2 + added);
  EXPECT_EQ((*store)->GetMember(1)->handle, "member-1");
}

}  // namespace
}  // namespace ledd::store
