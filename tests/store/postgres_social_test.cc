// Posts, notifications and the mail queue of the PostgreSQL store under writers in
// several processes: each Store object here has its own pool of connections, as each
// `ledd serve` replica would. Two senders never claim the same mail (DueMail's FOR UPDATE
// SKIP LOCKED, whatever the server's default isolation), concurrent adds keep the
// appearance cap, concurrent reads count a viewer once a day, and concurrent mailers mail
// each notification once. Needs the run's PostgreSQL cluster (CTest fixture
// postgres_cluster); members are made with SQL so that only these methods are tested.

#include <unistd.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/postgres/postgres_store.h"
#include "testing/postgres_cluster.h"

namespace ledd::store {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr int kWriters = 4;

class PostgresSocialTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = testing::PostgresTestUri();
    if (cluster_.empty()) GTEST_SKIP() << "no PostgreSQL test cluster (LEDD_TEST_POSTGRES)";
    static int next = 0;
    database_ = absl::StrCat("t_social_", ::getpid(), "_", next++);
    ASSERT_TRUE(testing::RunSql(cluster_, "CREATE DATABASE " + database_).ok());
    store_ = Open();
    ASSERT_NE(store_, nullptr);
    // Members 1..5, 2 follows 1: by SQL, so that only this area's methods are exercised.
    Sql("INSERT INTO members (id, handle, created_at) "
        "SELECT i, 'm' || i, 10 FROM generate_series(1, 5) i; "
        "INSERT INTO follows (follower, followee, created_at) VALUES (2, 1, 10)");
  }

  void TearDown() override {
    store_.reset();
    if (!database_.empty()) {
      (void)testing::RunSql(cluster_, "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    }
  }

  // A new Store on the test's database: a process of its own. `options` are libpq's
  // (e.g. "-c default_transaction_isolation=serializable").
  std::unique_ptr<Store> Open(const std::string& options = "") {
    std::string uri = testing::WithDatabase(cluster_, database_);
    if (!options.empty()) {
      absl::StrAppend(&uri, uri.find('?') == std::string::npos ? "?" : "&", "options=", options);
    }
    absl::StatusOr<std::unique_ptr<Store>> store = OpenPostgresStore({.conninfo = uri});
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  void Sql(const std::string& statement) {
    absl::StatusOr<std::string> done =
        testing::RunSql(testing::WithDatabase(cluster_, database_), statement);
    ASSERT_TRUE(done.ok()) << done.status();
  }

  // Claims every due mail from kWriters stores at once, `limit` at a time; what each
  // claimed.
  std::vector<std::vector<MailId>> ClaimConcurrently(const std::string& options, int limit) {
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < kWriters; ++i) stores.push_back(Open(options));
    std::vector<std::vector<MailId>> claimed(kWriters);
    std::vector<std::thread> threads;
    for (int i = 0; i < kWriters; ++i) {
      threads.emplace_back([&, i] {
        while (true) {
          absl::StatusOr<std::vector<OutgoingMail>> due = stores[i]->DueMail(1000, limit);
          if (!due.ok()) {
            ADD_FAILURE() << due.status();
            return;
          }
          if (due->empty()) return;
          for (const OutgoingMail& mail : *due) {
            EXPECT_EQ(mail.next_attempt_at, 1000 + kMailClaim);
            claimed[i].push_back(mail.id);
          }
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    return claimed;
  }

  void EnqueueMany(int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_TRUE(store_
                      ->EnqueueMail({.to = "ada@example.org",
                                     .subject = "Hei",
                                     .text = "Hei!",
                                     .created_at = i,
                                     .next_attempt_at = i})
                      .ok());
    }
  }

  std::string cluster_;
  std::string database_;
  std::unique_ptr<Store> store_;
};

void ExpectEachClaimedOnce(const std::vector<std::vector<MailId>>& claimed, size_t count) {
  std::set<MailId> distinct;
  size_t total = 0;
  for (const std::vector<MailId>& ids : claimed) {
    total += ids.size();
    distinct.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(total, count);
  EXPECT_EQ(distinct.size(), count);
}

TEST_F(PostgresSocialTest, ConcurrentSendersNeverClaimTheSameMail) {
  EnqueueMany(200);
  ExpectEachClaimedOnce(ClaimConcurrently("", 7), 200);
  EXPECT_THAT(*store_->DueMail(1000, 10), IsEmpty());
  // The claims lapse together, oldest first.
  std::vector<OutgoingMail> again = *store_->DueMail(1000 + kMailClaim, 3);
  ASSERT_THAT(again, SizeIs(3));
  EXPECT_LT(again[0].created_at, again[1].created_at);
  EXPECT_LT(again[1].created_at, again[2].created_at);
}

TEST_F(PostgresSocialTest, ClaimsNeitherCollideNorFailOnASerializableServer) {
  EnqueueMany(200);
  ExpectEachClaimedOnce(ClaimConcurrently("-c%20default_transaction_isolation%3Dserializable", 7),
                        200);
}

TEST_F(PostgresSocialTest, ConcurrentAddsKeepTheAppearanceCap) {
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < kWriters; ++i) stores.push_back(Open());
  std::atomic<int> added = 0;
  std::atomic<int> refused = 0;
  const int each = Store::kMaxAppearances / kWriters + 10;
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < each; ++k) {
        absl::StatusOr<Appearance> appearance = stores[i]->AddAppearance(
            {.member = 1, .kind = AppearanceKind::kTalk, .title = "Graphs", .date = 50});
        if (appearance.ok()) {
          ++added;
        } else if (absl::IsFailedPrecondition(appearance.status())) {
          ++refused;
        } else {
          ADD_FAILURE() << appearance.status();
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(added, Store::kMaxAppearances);
  EXPECT_EQ(refused, kWriters * each - Store::kMaxAppearances);
  EXPECT_THAT(*store_->ListAppearances(1), SizeIs(Store::kMaxAppearances));
}

TEST_F(PostgresSocialTest, ConcurrentReadsCountEachViewerOnceADay) {
  absl::StatusOr<PostWrite> post =
      store_->AddPost({.author = 1, .title = "Reach", .body = "body", .created_at = 100});
  ASSERT_TRUE(post.ok()) << post.status();
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < kWriters; ++i) stores.push_back(Open());
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 12; ++k) {
        // Viewers 2..4 (and the author, who never counts), all within one day.
        absl::StatusOr<Post> read = stores[i]->CountView(post->post.id, 1 + k % 4, 1000 + k);
        EXPECT_TRUE(read.ok()) << read.status();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(store_->GetPost(post->post.id)->views, 3);
  EXPECT_EQ(**store_->FirstView(post->post.id, 2), 1001);
}

TEST_F(PostgresSocialTest, ConcurrentMailersMailEachNotificationOnce) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(
        store_->AddPost({.author = 1, .title = "Post", .body = "body", .created_at = 100 + i})
            .ok());
  }
  std::vector<Notification> pending = *store_->PendingNotificationMail(100);
  ASSERT_THAT(pending, SizeIs(20));  // Follower 2's.
  std::vector<Store::NotificationMail> mails;
  for (const Notification& notification : pending) {
    mails.push_back({.notification = notification.id,
                     .mail = OutgoingMail{.to = "m2@example.org",
                                          .subject = "Nytt innlegg",
                                          .text = "Nytt innlegg.",
                                          .created_at = 200}});
  }
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < kWriters; ++i) stores.push_back(Open());
  std::atomic<int64_t> enqueued = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      absl::StatusOr<int64_t> written = stores[i]->CommitNotificationMail(mails, 200);
      ASSERT_TRUE(written.ok()) << written.status();
      enqueued += *written;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(enqueued, 20);
  EXPECT_EQ(*store_->CountQueuedMail(), 20);
  EXPECT_THAT(*store_->PendingNotificationMail(100), IsEmpty());
}

}  // namespace
}  // namespace ledd::store
