#include "ledd/service/live_network.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "fmt/core.h"
#include "graph/canonical.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::store {

void PrintTo(const ProfileFacts& facts, std::ostream* out) {
  *out << "{summary \"" << facts.summary << "\", degrees " << facts.education_degrees.size()
       << ", blocked";
  for (MemberId id : facts.blocked) *out << " " << id;
  *out << ", invited";
  for (const auto& [to, id] : facts.invitations_sent) *out << " " << to << ":" << id;
  *out << "}";
}

}  // namespace ledd::store

namespace ledd::service {
namespace {

using graph::testing::Canonicalize;
using graph::testing::CheckInvariants;
using graph::testing::Diff;

std::unique_ptr<store::Store> OpenStore(const ledd::testing::TempDir& dir) {
  auto store = store::OpenSqliteStore({.path = dir.File("ledd.db")});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

store::Member RandomMember(std::mt19937_64& random, MemberId id) {
  static const std::vector<std::string> kCities = {"Oslo", "oslo", "Tromsø", "Bergen", ""};
  static const std::vector<std::string> kCountries = {"NO", "SE", ""};
  static const std::vector<std::string> kIndustries = {"Energy", "Software", ""};
  store::Member member;
  member.id = id;
  member.handle = fmt::format("member{}", id);
  member.first_name = fmt::format("First{}", random() % 4);
  member.last_name = "Last";
  member.headline = random() % 2 ? "Engineer" : "";
  member.summary = random() % 2 ? "Summary" : "";
  member.has_photo = random() % 2 == 0;
  member.city = kCities[random() % kCities.size()];
  member.country = kCountries[random() % kCountries.size()];
  member.industry = kIndustries[random() % kIndustries.size()];
  member.policy = random() % 2 ? store::Policy::kLiberal : store::Policy::kSelective;
  if (random() % 3 == 0) {
    member.markets.kind = store::Markets::Kind::kListed;
    member.markets.countries = {"NO", "SE"};
  }
  return member;
}

void RandomBackground(std::mt19937_64& random, MemberId id,
                      const std::vector<OrganizationId>& organizations,
                      std::vector<store::Position>& positions,
                      std::vector<store::Education>& educations) {
  static const std::vector<std::string> kTitles = {"Sivilingeniør", "Engineer", "Manager", ""};
  static const std::vector<std::string> kFields = {"Økonomi", "Informatics", ""};
  positions.clear();
  educations.clear();
  for (int i = static_cast<int>(random() % 3); i > 0; --i) {
    store::Position position{.member_id = id,
                             .organization_id = organizations[random() % organizations.size()],
                             .title = kTitles[random() % kTitles.size()],
                             .start = static_cast<Timestamp>(1'000'000 + random() % 1000)};
    if (random() % 2) position.end = 2'000'000;
    positions.push_back(position);
  }
  for (int i = static_cast<int>(random() % 2); i > 0; --i) {
    educations.push_back({.member_id = id,
                          .school_id = organizations[random() % organizations.size()],
                          .field = kFields[random() % kFields.size()]});
  }
}

// A small network: `members` members, organizations 1..4, random connections.
store::Dataset RandomDataset(std::mt19937_64& random, int members) {
  store::Dataset data;
  for (OrganizationId id = 1; id <= 4; ++id) {
    data.organizations.push_back({.id = id,
                                  .kind = id == 4 ? store::OrganizationKind::kSchool
                                                  : store::OrganizationKind::kCompany,
                                  .name = fmt::format("Org {}", id % 3)});
  }
  for (int i = 0; i < members; ++i) {
    const MemberId id = 100 + i * 3;
    data.members.push_back(RandomMember(random, id));
    std::vector<store::Position> positions;
    std::vector<store::Education> educations;
    RandomBackground(random, id, {1, 2, 3, 4}, positions, educations);
    data.positions.insert(data.positions.end(), positions.begin(), positions.end());
    data.educations.insert(data.educations.end(), educations.begin(), educations.end());
  }
  std::set<std::pair<MemberId, MemberId>> pairs, follows;
  for (int i = 0; i < members * 2; ++i) {
    MemberId a = data.members[random() % members].id, b = data.members[random() % members].id;
    if (a == b) continue;
    if (pairs.insert({std::min(a, b), std::max(a, b)}).second) {
      data.connections.push_back({.a = std::min(a, b), .b = std::max(a, b)});
    }
    if (follows.insert({a, b}).second) data.follows.push_back({.follower = a, .followee = b});
  }
  return data;
}

bool ExecSql(const std::string& path, const std::string& sql);

std::string DiffFromFreshLoad(store::Store& store, const graph::Snapshot& live) {
  auto fresh = LoadSnapshot(store);
  if (!fresh.ok()) return fresh.status().ToString();
  if (std::string error = CheckInvariants(live); !error.empty()) return "invariant: " + error;
  return Diff(Canonicalize(**fresh), Canonicalize(live));
}

TEST(LiveNetwork, LoadsWhatTheStoreHolds) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(3);
  ASSERT_TRUE(store->Import(RandomDataset(random, 50)).ok());
  auto network = LiveNetwork::Open(*store);
  ASSERT_TRUE(network.ok()) << network.status();
  auto snapshot = (*network)->Current();
  EXPECT_EQ(snapshot->NodeCount(), 50u);
  auto counts = store->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(snapshot->ConnectionCount(), static_cast<uint64_t>(counts->connections));
  EXPECT_EQ(snapshot->FollowCount(), static_cast<uint64_t>(counts->follows));
  EXPECT_EQ(snapshot->DeltaSize(), 0u);
  EXPECT_EQ((*network)->LastAppliedEvent(), *store->LastEventId());
  EXPECT_EQ(CheckInvariants(*snapshot), "");
  // Folded title search finds the Norwegian spelling.
  const graph::ValueId title = snapshot->FindValue(graph::Dict::kTitle, "sivilingenior");
  ASSERT_NE(title, graph::kNoValue);
  EXPECT_FALSE(snapshot->Posting(graph::Facet::kTitle, title).empty());
}

// A network large enough to be read in several ranges of members, on several threads,
// more jobs than are read ahead of the adding:
// the loaded network holds every imported row, each member's positions in their order.
TEST(LiveNetwork, LoadOnSeveralThreadsHoldsEveryRow) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(17);
  const store::Dataset data = RandomDataset(random, 50'000);
  ASSERT_TRUE(store->Import(data).ok());
  auto loaded = LoadSnapshot(*store);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(CheckInvariants(**loaded), "");
  const graph::testing::CanonicalNetwork network = Canonicalize(**loaded);
  EXPECT_EQ(network.connection_count, data.connections.size());
  EXPECT_EQ(network.follow_count, data.follows.size());
  std::map<MemberId, std::vector<MemberId>> contacts, following;
  for (const store::Connection& c : data.connections) {
    contacts[c.a].push_back(c.b);
    contacts[c.b].push_back(c.a);
  }
  for (const store::Follow& f : data.follows) following[f.follower].push_back(f.followee);
  std::map<MemberId, std::vector<std::pair<OrganizationId, Timestamp>>> positions;
  for (const store::Position& p : data.positions) {
    positions[p.member_id].emplace_back(p.organization_id, *p.start);
  }
  ASSERT_EQ(network.members.size(), data.members.size());
  for (const store::Member& m : data.members) {
    const graph::testing::CanonicalMember& member = network.members.at(m.id);
    std::sort(contacts[m.id].begin(), contacts[m.id].end());
    std::sort(following[m.id].begin(), following[m.id].end());
    EXPECT_EQ(member.connections, contacts[m.id]) << m.id;
    EXPECT_EQ(member.following, following[m.id]) << m.id;
    std::vector<std::pair<OrganizationId, Timestamp>> loaded_positions;
    for (const auto& [organization, title, start, end] : member.positions) {
      loaded_positions.emplace_back(organization, start);
    }
    EXPECT_EQ(loaded_positions, positions[m.id]) << m.id;
  }
}

// A scan that fails on the threads that read the connections fails the load with the
// store's error; the load neither hangs nor builds a network without them.
TEST(LiveNetwork, LoadReportsAScanThatFailsOnAnotherThread) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(19);
  ASSERT_TRUE(store->Import(RandomDataset(random, 50'000)).ok());
  ASSERT_TRUE(ExecSql(dir.File("ledd.db"), "DROP TABLE connections"));
  auto loaded = LoadSnapshot(*store);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("connections"), std::string_view::npos)
      << loaded.status();
}

// Random writes through the store, applied to the live network through the event log,
// checked against a network loaded afresh from the same store.
void RunRandomWrites(uint64_t seed, const LiveNetworkOptions& options, bool compact_sometimes) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(seed);
  ASSERT_TRUE(store->Import(RandomDataset(random, 30)).ok());
  auto opened = LiveNetwork::Open(*store, options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  LiveNetwork& network = **opened;
  std::vector<MemberId> ids;
  for (Node node = 0; node < network.Current()->NodeCount(); ++node) {
    ids.push_back(network.Current()->Id(node));
  }
  std::vector<OrganizationId> organizations = {1, 2, 3, 4};
  MemberId next_id = 1;
  for (int step = 0; step < 250; ++step) {
    const MemberId a = ids[random() % ids.size()];
    const MemberId b = ids[random() % ids.size()];
    switch (random() % 9) {
      case 0: {
        // Ids below and above the loaded ones.
        const MemberId id = random() % 2 ? next_id++ : 50'000 + next_id++;
        ASSERT_TRUE(store->AddMember(RandomMember(random, id)).ok());
        ids.push_back(id);
        break;
      }
      case 1: {
        store::Member member = RandomMember(random, a);
        ASSERT_TRUE(store->UpdateMember(member).ok());
        // UpdateMember keeps has_photo; a photo upload or deletion changes it.
        if (member.has_photo) {
          ASSERT_TRUE(store->SetPhoto({.member = a, .large = "L", .small = "s"}).ok());
        } else {
          store->DeletePhoto(a).IgnoreError();
        }
        break;
      }
      case 2: {
        std::vector<store::Position> positions;
        std::vector<store::Education> educations;
        RandomBackground(random, a, organizations, positions, educations);
        ASSERT_TRUE(store->ReplaceBackground(a, positions, educations).ok());
        break;
      }
      case 3: {
        const OrganizationId id = 100 + step;
        ASSERT_TRUE(store->AddOrganization({.id = id, .name = fmt::format("New {}", step % 3)})
                        .ok());
        organizations.push_back(id);
        break;
      }
      case 4:
      case 5:
        store->AddConnection({.a = a, .b = b}).IgnoreError();  // May exist already.
        break;
      case 6:
        store->RemoveConnection(a, b).IgnoreError();
        break;
      case 7:
        store->AddFollow({.follower = a, .followee = b}).IgnoreError();
        break;
      case 8:
        store->RemoveFollow(a, b).IgnoreError();
        break;
    }
    if (random() % 8 == 0) {
      ASSERT_TRUE(network.CatchUp().ok());
      if (compact_sometimes && random() % 4 == 0) {
        ASSERT_TRUE(network.Compact().ok());
      }
      ASSERT_EQ(DiffFromFreshLoad(*store, *network.Current()), "")
          << "seed " << seed << " step " << step;
    }
  }
  ASSERT_TRUE(network.CatchUp().ok());
  ASSERT_TRUE(network.Compact().ok());  // Also waits for a background compaction.
  EXPECT_EQ(network.Current()->DeltaSize(), 0u);
  EXPECT_EQ(DiffFromFreshLoad(*store, *network.Current()), "") << "seed " << seed;
  EXPECT_EQ(network.LastAppliedEvent(), *store->LastEventId());
}

TEST(LiveNetwork, AnySequenceOfWritesEqualsAFreshLoad) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    RunRandomWrites(seed, {.compaction_threshold = 1'000'000}, /*compact_sometimes=*/false);
  }
}

TEST(LiveNetwork, AnySequenceWithCompactionsEqualsAFreshLoad) {
  for (uint64_t seed = 11; seed <= 13; ++seed) {
    RunRandomWrites(seed, {.compaction_threshold = 1'000'000}, /*compact_sometimes=*/true);
  }
}

TEST(LiveNetwork, InlineAutomaticCompactionEqualsAFreshLoad) {
  RunRandomWrites(21, {.compaction_threshold = 7, .background_compaction = false}, false);
}

TEST(LiveNetwork, BackgroundCompactionEqualsAFreshLoad) {
  RunRandomWrites(31, {.compaction_threshold = 5, .event_batch = 3}, false);
}

TEST(LiveNetwork, ImportEventRebuilds) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(5);
  ASSERT_TRUE(store->Import(RandomDataset(random, 10)).ok());
  auto network = LiveNetwork::Open(*store);
  ASSERT_TRUE(network.ok());
  store::Dataset more;
  more.members.push_back(RandomMember(random, 5));
  more.members.push_back(RandomMember(random, 6));
  more.connections.push_back({.a = 5, .b = 6});
  more.connections.push_back({.a = 5, .b = 100});
  ASSERT_TRUE(store->Import(more).ok());
  ASSERT_TRUE(store->AddConnection({.a = 6, .b = 100}).ok());
  ASSERT_TRUE((*network)->CatchUp().ok());
  auto snapshot = (*network)->Current();
  EXPECT_EQ(snapshot->NodeCount(), 12u);
  auto contacts = snapshot->Connections(snapshot->Find(100));
  EXPECT_TRUE(std::binary_search(contacts.begin(), contacts.end(), snapshot->Find(5)));
  EXPECT_TRUE(std::binary_search(contacts.begin(), contacts.end(), snapshot->Find(6)));
  EXPECT_EQ(DiffFromFreshLoad(*store, *snapshot), "");
}

TEST(LiveNetwork, FollowerThreadPicksUpWrites) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(8);
  ASSERT_TRUE(store->Import(RandomDataset(random, 10)).ok());
  auto network = LiveNetwork::Open(*store);
  ASSERT_TRUE(network.ok());
  (*network)->StartFollowing(absl::Milliseconds(5));
  // Another writer on its own connection, as another process would be.
  auto other_writer = OpenStore(dir);
  ASSERT_TRUE(other_writer->AddMember(RandomMember(random, 7)).ok());
  for (int attempt = 0; attempt < 2000; ++attempt) {
    if ((*network)->Current()->Find(7) != kNoNode) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_NE((*network)->Current()->Find(7), kNoNode);
  (*network)->StopFollowing();
}

// An erasure written by another process (its own store connection): a follower of the
// log drops the member and their edges, and equals a fresh load of the store, before
// and after compaction; a network opened afterwards never sees them.
TEST(LiveNetwork, ErasedMemberLeavesEveryFollowingNetwork) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(13);
  ASSERT_TRUE(store->Import(RandomDataset(random, 30)).ok());
  const MemberId gone = 100 + 3 * 4;
  // An edge to lose (already there is as good).
  const absl::Status connected = store->AddConnection({.a = gone, .b = 100 + 3 * 5}).status();
  ASSERT_TRUE(connected.ok() || absl::IsAlreadyExists(connected)) << connected;
  auto network = LiveNetwork::Open(*store, {.background_compaction = false});
  ASSERT_TRUE(network.ok());
  ASSERT_NE((*network)->Current()->Find(gone), kNoNode);
  ASSERT_GT((*network)->Current()->Degree((*network)->Current()->Find(gone)), 0u);

  auto other_process = OpenStore(dir);
  ASSERT_TRUE(other_process->EraseMember(gone).ok());
  ASSERT_TRUE((*network)->CatchUp().ok());
  auto snapshot = (*network)->Current();
  EXPECT_EQ(snapshot->Find(gone), kNoNode);
  EXPECT_EQ(DiffFromFreshLoad(*store, *snapshot), "");
  ASSERT_TRUE((*network)->Compact().ok());
  EXPECT_EQ((*network)->Current()->NodeCount(), 29u);
  EXPECT_EQ(DiffFromFreshLoad(*store, *(*network)->Current()), "");

  auto later = LiveNetwork::Open(*other_process);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ((*later)->Current()->Find(gone), kNoNode);
  EXPECT_EQ((*later)->Current()->NodeCount(), 29u);
}

// The profile facts LiveNetwork keeps in memory are the store's after every catch-up,
// whatever was written: profiles, backgrounds, invitations in every state, blocks, an
// erasure, an import; members' facts are read before each write, so each write meets a
// kept entry. Another process writes half of it (the follower is told only by the log).
TEST(LiveNetwork, ProfileFactsAreTheStoresAfterEveryWrite) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  auto other_process = OpenStore(dir);
  std::mt19937_64 random(17);
  ASSERT_TRUE(store->Import(RandomDataset(random, 12)).ok());
  auto opened = LiveNetwork::Open(*store, {.background_compaction = false});
  ASSERT_TRUE(opened.ok()) << opened.status();
  LiveNetwork& network = **opened;
  std::vector<MemberId> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(100 + i * 3);
  std::vector<InvitationId> invitations;
  MemberId erased = 0;
  Timestamp now = 1'700'000'000;
  auto check_all = [&](int step) {
    for (MemberId id : ids) {
      absl::StatusOr<store::ProfileFacts> stored = store->GetProfileFacts(id);
      absl::StatusOr<std::shared_ptr<const store::ProfileFacts>> kept = network.ProfileFacts(id);
      ASSERT_EQ(stored.status().code(), kept.status().code())
          << "member " << id << " step " << step;
      if (stored.ok()) EXPECT_EQ(**kept, *stored) << "member " << id << " step " << step;
    }
  };
  for (int step = 0; step < 300; ++step) {
    check_all(step);  // Everyone's facts kept before the write.
    store::Store& writer = step % 2 ? *other_process : *store;
    const MemberId a = ids[random() % ids.size()];
    const MemberId b = ids[random() % ids.size()];
    now += 60;
    switch (random() % 7) {
      case 0: {
        store::Member member = RandomMember(random, a);
        member.summary = fmt::format("Summary of step {}", step);
        writer.UpdateMember(member).IgnoreError();  // NotFound once erased.
        break;
      }
      case 1: {
        std::vector<store::Position> positions;
        std::vector<store::Education> educations;
        RandomBackground(random, a, {1, 2, 3, 4}, positions, educations);
        for (store::Education& education : educations) {
          education.degree = fmt::format("Degree of step {}", step);
        }
        writer.ReplaceBackground(a, positions, educations).IgnoreError();
        break;
      }
      case 2:
      case 3: {
        auto sent = writer.SendInvitation({.from = a, .to = b, .at = now});
        if (sent.ok()) invitations.push_back(sent->invitation.id);
        break;
      }
      case 4:
        if (!invitations.empty()) {
          static constexpr store::InvitationState kStates[] = {store::InvitationState::kAccepted,
                                                               store::InvitationState::kIgnored,
                                                               store::InvitationState::kWithdrawn};
          writer
              .ChangeInvitation(invitations[random() % invitations.size()], kStates[random() % 3],
                                now)
              .IgnoreError();  // Not pending any more, mostly.
        }
        break;
      case 5:
        writer.Block(a, b, now).IgnoreError();
        break;
      case 6:
        writer.Unblock(a, b).IgnoreError();
        break;
    }
    if (step == 150) {
      ASSERT_TRUE(writer.EraseMember(a).ok());
      erased = a;
    }
    if (step == 200) {
      store::Dataset more;
      store::Member added = RandomMember(random, 7);
      added.summary = "Imported";
      more.members.push_back(added);
      // An invitation imported from a member whose facts are kept: the import's event
      // says nothing about whom it touched.
      more.invitations.push_back(
          {.id = 90'000, .from = ids[0] == erased ? ids[1] : ids[0], .to = 7, .created_at = now});
      ASSERT_TRUE(writer.Import(more).ok()) << "step " << step;
      ids.push_back(7);
    }
    ASSERT_TRUE(network.CatchUp().ok());
  }
  check_all(300);
  EXPECT_GT(network.ProfileFactsCounters().hits, 1'000);
}

// Readers filling the cache on other threads while writes land: after each write's
// catch-up the writer reads its own write (and ThreadSanitizer watches the cache, as
// `make tsan` runs these tests). The read-during-a-write rule itself is
// profile_facts_test's.
TEST(LiveNetwork, ProfileFactsStayCurrentUnderConcurrentReaders) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(19);
  ASSERT_TRUE(store->Import(RandomDataset(random, 4)).ok());
  auto opened = LiveNetwork::Open(*store);
  ASSERT_TRUE(opened.ok()) << opened.status();
  LiveNetwork& network = **opened;
  const std::vector<MemberId> ids = {100, 103, 106, 109};
  std::atomic<bool> done = false;
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!done.load()) {
        for (MemberId id : ids) network.ProfileFacts(id).IgnoreError();
      }
    });
  }
  for (int round = 0; round < 300; ++round) {
    const MemberId id = ids[round % ids.size()];
    store::Member member = RandomMember(random, id);
    member.summary = fmt::format("Round {}", round);
    ASSERT_TRUE(store->UpdateMember(member).ok());
    ASSERT_TRUE(network.CatchUp().ok());
    absl::StatusOr<std::shared_ptr<const store::ProfileFacts>> kept = network.ProfileFacts(id);
    ASSERT_TRUE(kept.ok()) << kept.status();
    ASSERT_EQ((*kept)->summary, member.summary) << "round " << round;
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
}

// Writes of every kind through the store, for the snapshot file tests.
void WriteSome(store::Store& store, std::mt19937_64& random, MemberId first_new_id) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store.AddMember(RandomMember(random, first_new_id + i)).ok());
  }
  ASSERT_TRUE(store.AddOrganization({.id = first_new_id, .name = "Added later"}).ok());
  std::vector<store::Position> positions;
  std::vector<store::Education> educations;
  RandomBackground(random, 103, {1, 2, first_new_id}, positions, educations);
  ASSERT_TRUE(store.ReplaceBackground(103, positions, educations).ok());
  store::Member updated = RandomMember(random, 106);
  ASSERT_TRUE(store.UpdateMember(updated).ok());
  for (int i = 0; i < 10; ++i) {
    store.AddConnection({.a = first_new_id + i % 5, .b = 100 + 3 * (i % 20)}).IgnoreError();
    store.AddFollow({.follower = 100 + 3 * i, .followee = first_new_id}).IgnoreError();
  }
  store.RemoveConnection(100 + 3 * 1, 100 + 3 * 2).IgnoreError();
}

TEST(LiveNetwork, OpensFromASnapshotFileAndReplaysTheEventsAfterIt) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(41);
  ASSERT_TRUE(store->Import(RandomDataset(random, 40)).ok());
  const std::string file = dir.File("network.snap");
  {
    auto network = LiveNetwork::Open(*store, {.background_compaction = false});
    ASSERT_TRUE(network.ok()) << network.status();
    WriteSome(*store, random, 1'000);  // Saved from a delta: compacted for the file.
    ASSERT_TRUE((*network)->CatchUp().ok());
    ASSERT_GT((*network)->Current()->DeltaSize(), 0u);
    auto saved = (*network)->SaveSnapshotFile(file);
    ASSERT_TRUE(saved.ok()) << saved.status();
    EXPECT_EQ(saved->position_id, *store->LastEventId());
    EXPECT_EQ(saved->position_xid, 0);
    EXPECT_NE(saved->event_kind, 0);
  }
  // Writes after the file's position, an erasure among them.
  WriteSome(*store, random, 2'000);
  ASSERT_TRUE(store->EraseMember(100 + 3 * 7).ok());

  auto network = LiveNetwork::OpenFromFile(*store, file, {.background_compaction = false});
  ASSERT_TRUE(network.ok()) << network.status();
  const LiveNetworkStart& start = (*network)->StartInfo();
  EXPECT_TRUE(start.from_file) << start.fallback;
  EXPECT_EQ(start.fallback, "");
  EXPECT_GT(start.replayed_events, 10);
  EXPECT_LT(start.file_info.position_id, *store->LastEventId());
  EXPECT_EQ((*network)->LastAppliedEvent(), *store->LastEventId());
  EXPECT_EQ((*network)->Current()->Find(100 + 3 * 7), kNoNode);
  EXPECT_EQ(DiffFromFreshLoad(*store, *(*network)->Current()), "");
  // And it follows the log from there like any network.
  WriteSome(*store, random, 3'000);
  ASSERT_TRUE((*network)->CatchUp().ok());
  EXPECT_EQ(DiffFromFreshLoad(*store, *(*network)->Current()), "");
}

// Opens `file` on `store` and checks that the network came from the store, for `reason`.
void ExpectFallback(store::Store& store, const std::string& file, const std::string& reason) {
  auto network = LiveNetwork::OpenFromFile(store, file);
  ASSERT_TRUE(network.ok()) << network.status();
  const LiveNetworkStart& start = (*network)->StartInfo();
  EXPECT_FALSE(start.from_file);
  EXPECT_NE(start.fallback.find(reason), std::string::npos) << start.fallback;
  EXPECT_EQ((*network)->LastAppliedEvent(), *store.LastEventId());
  EXPECT_EQ(DiffFromFreshLoad(store, *(*network)->Current()), "");
}

TEST(LiveNetwork, LoadsFromTheStoreWhenTheSnapshotFileCannotBeUsed) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(43);
  ASSERT_TRUE(store->Import(RandomDataset(random, 30)).ok());
  WriteSome(*store, random, 1'000);

  // No file yet; not a snapshot file.
  ExpectFallback(*store, dir.File("missing.snap"), "cannot open");
  {
    std::ofstream garbage(dir.File("garbage.snap"));
    garbage << "member_id,name\n";
  }
  ExpectFallback(*store, dir.File("garbage.snap"), "not a ledd snapshot file");

  // Saved from another database that is further along its log.
  ledd::testing::TempDir other_dir;
  auto other = OpenStore(other_dir);
  ASSERT_TRUE(other->Import(RandomDataset(random, 30)).ok());
  WriteSome(*other, random, 1'000);
  WriteSome(*other, random, 2'000);
  const std::string ahead = dir.File("ahead.snap");
  {
    auto network = LiveNetwork::Open(*other);
    ASSERT_TRUE(network.ok());
    ASSERT_TRUE((*network)->SaveSnapshotFile(ahead).ok());
  }
  ExpectFallback(*store, ahead, "after the store's last event");

  // Saved from another database at a position this store has, where its event differs.
  ledd::testing::TempDir third_dir;
  auto third = OpenStore(third_dir);
  ASSERT_TRUE(third->Import(RandomDataset(random, 30)).ok());
  ASSERT_TRUE(third->AddFollow({.follower = 100, .followee = 106}).ok());
  const std::string foreign = dir.File("foreign.snap");
  {
    auto network = LiveNetwork::Open(*third);
    ASSERT_TRUE(network.ok());
    auto saved = (*network)->SaveSnapshotFile(foreign);
    ASSERT_TRUE(saved.ok());
    ASSERT_LE(saved->position_id, *store->LastEventId());
  }
  ExpectFallback(*store, foreign, "no longer has the file's position");

  // A file of this store, then an import: the replay gives way to a load.
  const std::string before_import = dir.File("before-import.snap");
  {
    auto network = LiveNetwork::Open(*store);
    ASSERT_TRUE(network.ok());
    ASSERT_TRUE((*network)->SaveSnapshotFile(before_import).ok());
  }
  store::Dataset more;
  more.members.push_back(RandomMember(random, 5));
  ASSERT_TRUE(store->Import(more).ok());
  ExpectFallback(*store, before_import, "an import");
}

// Checks what must hold in every published state, plus two invariants the writer keeps
// on purpose: every event keeps a member's city posting in step with its record, and
// members are never removed, so a reader never sees the network shrink.
std::string CheckConsistent(const graph::Snapshot& snapshot) {
  uint64_t directed = 0;
  for (Node u = 0; u < snapshot.NodeCount(); ++u) {
    auto row = snapshot.Connections(u);
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0 && row[i - 1] >= row[i]) return "unsorted row";
      auto back = snapshot.Connections(row[i]);
      if (!std::binary_search(back.begin(), back.end(), u)) return "asymmetric";
    }
    directed += row.size();
    for (Node v : snapshot.Following(u)) {
      auto back = snapshot.Followers(v);
      if (!std::binary_search(back.begin(), back.end(), u)) return "follow mirror";
    }
    const graph::ValueId city = snapshot.City(u);
    if (city != graph::kNoValue) {
      auto posting = snapshot.Posting(graph::Facet::kCity, city);
      if (!std::binary_search(posting.begin(), posting.end(), u)) return "city posting";
    }
    if (snapshot.Find(snapshot.Id(u)) != u) return "id mapping";
  }
  if (directed % 2 != 0) return "odd degree sum";
  if (directed / 2 != snapshot.ConnectionCount()) return "connection count";
  return "";
}

TEST(LiveNetwork, ReadersDuringWritesSeeConsistentSnapshots) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(13);
  ASSERT_TRUE(store->Import(RandomDataset(random, 60)).ok());
  auto opened = LiveNetwork::Open(*store, {.compaction_threshold = 40, .event_batch = 7});
  ASSERT_TRUE(opened.ok()) << opened.status();
  LiveNetwork& network = **opened;
  std::atomic<bool> done{false};
  std::atomic<int64_t> checks{0};
  std::vector<std::string> failures(3);
  std::vector<std::thread> readers;
  for (int reader = 0; reader < 3; ++reader) {
    readers.emplace_back([&, reader] {
      Node last_count = 0;
      while (!done.load()) {
        std::shared_ptr<const graph::Snapshot> snapshot = network.Current();
        std::string error = CheckConsistent(*snapshot);
        if (error.empty() && snapshot->NodeCount() < last_count) error = "network shrank";
        last_count = snapshot->NodeCount();
        if (!error.empty()) {
          failures[reader] = error;
          return;
        }
        checks.fetch_add(1);
      }
    });
  }
  std::vector<MemberId> ids;
  for (Node node = 0; node < network.Current()->NodeCount(); ++node) {
    ids.push_back(network.Current()->Id(node));
  }
  MemberId next_id = 1;
  for (int step = 0; step < 400; ++step) {
    const MemberId a = ids[random() % ids.size()];
    const MemberId b = ids[random() % ids.size()];
    switch (random() % 6) {
      case 0:
        ASSERT_TRUE(store->AddMember(RandomMember(random, next_id)).ok());
        ids.push_back(next_id++);
        break;
      case 1: {
        const store::Member member = RandomMember(random, a);
        ASSERT_TRUE(store->UpdateMember(member).ok());
        if (member.has_photo) {
          ASSERT_TRUE(store->SetPhoto({.member = a, .large = "L", .small = "s"}).ok());
        } else {
          store->DeletePhoto(a).IgnoreError();
        }
        break;
      }
      case 2:
      case 3:
        store->AddConnection({.a = a, .b = b}).IgnoreError();
        break;
      case 4:
        store->RemoveConnection(a, b).IgnoreError();
        break;
      case 5:
        store->AddFollow({.follower = a, .followee = b}).IgnoreError();
        break;
    }
    if (step % 3 == 0) {
      ASSERT_TRUE(network.CatchUp().ok());
    }
  }
  ASSERT_TRUE(network.CatchUp().ok());
  ASSERT_TRUE(network.Compact().ok());
  done.store(true);
  for (std::thread& reader : readers) reader.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
  EXPECT_GT(checks.load(), 0);
  EXPECT_GT(network.CompactionCount(), 1);
  EXPECT_EQ(DiffFromFreshLoad(*store, *network.Current()), "");
}

// Runs `sql` on the database file through a connection of its own, as another program
// would.
bool ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  bool ok = sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
            sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  if (!ok) ADD_FAILURE() << sqlite3_errmsg(db);
  sqlite3_close(db);
  return ok;
}

// A store whose log went back (a database restored from an older backup, a failover that
// lost the last transactions) makes the next poll load the network again instead of
// keeping what the store no longer has.
TEST(LiveNetwork, ReloadsWhenTheLogNoLongerHoldsWhatItApplied) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(11);
  ASSERT_TRUE(store->Import(RandomDataset(random, 10)).ok());
  ASSERT_TRUE(store->AddMember(RandomMember(random, 50)).ok());
  ASSERT_TRUE(store->AddMember(RandomMember(random, 51)).ok());
  auto network = LiveNetwork::Open(*store);
  ASSERT_TRUE(network.ok());
  absl::StatusOr<EventId> connected = store->AddConnection({.a = 50, .b = 51});
  ASSERT_TRUE(connected.ok());
  ASSERT_TRUE((*network)->CatchUp().ok());
  ASSERT_EQ((*network)->Current()->Degree((*network)->Current()->Find(50)), 1u);

  // The last write and its event vanish behind the store's back, as if an older copy of
  // the database had been put in place: the log is now behind the network.
  ASSERT_TRUE(ExecSql(dir.File("ledd.db"),
                      fmt::format("DELETE FROM connections WHERE a = 50; "
                                  "DELETE FROM events WHERE id = {};",
                                  *connected)));
  ASSERT_TRUE((*network)->Poll().ok());
  EXPECT_EQ((*network)->Current()->Degree((*network)->Current()->Find(50)), 0u);
  EXPECT_EQ(DiffFromFreshLoad(*store, *(*network)->Current()), "");

  // The same when later events exist but the last one applied is gone.
  absl::StatusOr<EventId> again = store->AddConnection({.a = 50, .b = 51});
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*network)->CatchUp().ok());
  ASSERT_TRUE(store->AddMember(RandomMember(random, 52)).ok());
  ASSERT_TRUE((*network)->CatchUp().ok());
  ASSERT_TRUE(ExecSql(dir.File("ledd.db"),
                      fmt::format("DELETE FROM members WHERE id = 52; DELETE FROM events WHERE "
                                  "id > {}; INSERT INTO events (kind, at, a, b) "
                                  "VALUES ('member_updated', 0, 51, 0);",
                                  *again)));
  ASSERT_TRUE((*network)->Poll().ok());
  EXPECT_EQ((*network)->Current()->Find(52), kNoNode);
  EXPECT_EQ(DiffFromFreshLoad(*store, *(*network)->Current()), "");
}

}  // namespace
}  // namespace ledd::service

namespace ledd::service {
namespace {

// Several threads writing and catching up at once (a server's request threads after
// their writes, its follower, requests waiting for a position token): one poll may
// apply past the log position another read before it took its turn. That is no sign of
// a log gone back, and must not reload the network.
TEST(LiveNetwork, ConcurrentPollsNeverTakeEachOtherForALostLog) {
  ledd::testing::TempDir dir;
  auto store = OpenStore(dir);
  std::mt19937_64 random(12);
  const store::Dataset data = RandomDataset(random, 60);
  ASSERT_TRUE(store->Import(data).ok());
  auto network = LiveNetwork::Open(*store);
  ASSERT_TRUE(network.ok());

  std::atomic<bool> writing = true;
  std::thread poller([&] {
    while (writing) EXPECT_TRUE((*network)->Poll().ok());
  });
  std::vector<std::thread> writers;
  for (int writer = 0; writer < 4; ++writer) {
    writers.emplace_back([&, writer] {
      std::mt19937_64 choose(100 + writer);
      const size_t followers = data.members.size() / 4;
      for (int write = 0; write < 150; ++write) {
        // Each writer follows from its own members, so no other writer toggles its pairs
        // between its two steps.
        const MemberId a = data.members[choose() % followers * 4 + writer].id;
        const MemberId b = data.members[choose() % data.members.size()].id;
        // Follows toggle: each write is one event, whatever the pair's state.
        if (a == b) continue;
        if (!store->AddFollow({.follower = a, .followee = b}).ok()) {
          ASSERT_TRUE(store->RemoveFollow(a, b).ok());
        }
        ASSERT_TRUE((*network)->CatchUp().ok());
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  writing = false;
  poller.join();

  EXPECT_EQ((*network)->ReloadCount(), 0);
  ASSERT_TRUE((*network)->CatchUp().ok());
  EXPECT_EQ(DiffFromFreshLoad(*store, *(*network)->Current()), "");
}

}  // namespace
}  // namespace ledd::service
