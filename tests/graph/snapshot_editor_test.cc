#include "ledd/graph/snapshot_editor.h"

#include <map>
#include <random>
#include <set>

#include "fmt/core.h"
#include "graph/canonical.h"
#include "gtest/gtest.h"
#include "ledd/graph/snapshot_builder.h"

namespace ledd::graph {
namespace {

// The network as plain sets: what a fresh build must show.
struct Model {
  std::map<OrganizationId, OrganizationInput> organizations;
  std::map<MemberId, MemberChange> members;
  std::set<std::pair<MemberId, MemberId>> connections;  // a < b
  std::set<std::pair<MemberId, MemberId>> follows;

  std::shared_ptr<const Snapshot> Build() const {
    SnapshotBuilder builder;
    for (const auto& [id, organization] : organizations) builder.AddOrganization(organization);
    for (const auto& [id, change] : members) builder.AddMember(change.member);
    for (const auto& [id, change] : members) {
      for (const auto& position : change.positions) builder.AddPosition(position);
      for (const auto& education : change.educations) builder.AddEducation(education);
    }
    for (const auto& [a, b] : connections) builder.AddConnection(a, b);
    for (const auto& [a, b] : follows) builder.AddFollow(a, b);
    return *std::move(builder).Build();
  }
};

template <typename T>
const T& Pick(std::mt19937_64& random, const std::vector<T>& values) {
  return values[random() % values.size()];
}

MemberChange RandomMember(std::mt19937_64& random, MemberId id, const Model& model) {
  static const std::vector<std::string> kCities = {"Oslo",   "oslo",    "Tromsø",
                                                   "Bergen", "Ålesund", ""};
  static const std::vector<std::string> kCountries = {"NO", "SE", "DK", ""};
  static const std::vector<std::string> kIndustries = {"Energy", "Software", "Shipping", ""};
  static const std::vector<std::string> kTitles = {"Sivilingeniør", "Engineer",     "engineer",
                                                   "Manager",       "Daglig leder", ""};
  static const std::vector<std::string> kFields = {"Økonomi", "Informatics", "Law", ""};
  std::vector<OrganizationId> organizations;
  for (const auto& [org, input] : model.organizations) organizations.push_back(org);
  MemberChange change;
  change.member = {.id = id,
                   .first_name = fmt::format("First{}", random() % 5),
                   .last_name = "Last",
                   .headline = random() % 2 ? "Headline" : "",
                   .has_summary = random() % 2 == 0,
                   .has_photo = random() % 2 == 0,
                   .city = Pick(random, kCities),
                   .country = Pick(random, kCountries),
                   .industry = Pick(random, kIndustries),
                   .policy = random() % 2 ? TriagePolicy::kLiberal : TriagePolicy::kSelective,
                   .markets = MarketsKind::kHome};
  const int positions = static_cast<int>(random() % 3);
  for (int i = 0; i < positions; ++i) {
    change.positions.push_back({.member = id,
                                .organization = Pick(random, organizations),
                                .title = Pick(random, kTitles),
                                .start = static_cast<Timestamp>(random() % 100),
                                .end = random() % 2 ? kOpenEnd : 200});
  }
  const int educations = static_cast<int>(random() % 2);
  for (int i = 0; i < educations; ++i) {
    change.educations.push_back(
        {.member = id, .school = Pick(random, organizations), .field = Pick(random, kFields)});
  }
  return change;
}

TEST(SnapshotEditor, AnySequenceEqualsAFreshBuild) {
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    std::mt19937_64 random(seed);
    Model model;
    for (OrganizationId org = 1; org <= 4; ++org) {
      model.organizations[org] = {
          .id = org, .is_school = org == 4, .name = fmt::format("Org {}", org % 3)};
    }
    std::vector<MemberId> ids;
    for (MemberId id = 10; id < 40; ++id) {
      ids.push_back(id * 7);
      model.members[id * 7] = RandomMember(random, id * 7, model);
    }
    for (int i = 0; i < 60; ++i) {
      const MemberId a = Pick(random, ids), b = Pick(random, ids);
      if (a != b) model.connections.insert({std::min(a, b), std::max(a, b)});
      const MemberId c = Pick(random, ids);
      if (a != c) model.follows.insert({a, c});
    }
    SnapshotEditor editor(model.Build());
    std::vector<std::pair<std::shared_ptr<const Snapshot>, testing::CanonicalNetwork>> published;
    MemberId next_id = 1;
    for (int step = 0; step < 300; ++step) {
      const MemberId a = Pick(random, ids), b = Pick(random, ids);
      switch (random() % 9) {
        case 0: {
          // New members get ids below and above the base's, to exercise the mapping.
          const MemberId id = random() % 2 ? next_id++ : 10'000 + next_id++;
          auto change = std::make_shared<MemberChange>(RandomMember(random, id, model));
          model.members[id] = *change;
          ids.push_back(id);
          EXPECT_TRUE(editor.Apply(Change(std::shared_ptr<const MemberChange>(change))));
          break;
        }
        case 1: {
          auto change = std::make_shared<MemberChange>(RandomMember(random, a, model));
          model.members[a] = *change;
          editor.Apply(Change(std::shared_ptr<const MemberChange>(change)));
          break;
        }
        case 2: {
          const OrganizationId org = 100 + step;
          model.organizations[org] = {
              .id = org, .is_school = step % 2 == 0, .name = fmt::format("New Org {}", step % 4)};
          EXPECT_TRUE(editor.AddOrganization(model.organizations[org]));
          break;
        }
        case 3:
        case 4: {
          const bool expected =
              a != b && model.connections.insert({std::min(a, b), std::max(a, b)}).second;
          EXPECT_EQ(editor.AddConnection(a, b), expected);
          break;
        }
        case 5: {
          const bool expected = model.connections.erase({std::min(a, b), std::max(a, b)}) > 0;
          EXPECT_EQ(editor.RemoveConnection(b, a), expected);
          break;
        }
        case 6: {
          const bool expected = a != b && model.follows.insert({a, b}).second;
          EXPECT_EQ(editor.AddFollow(a, b), expected);
          break;
        }
        case 7: {
          const bool expected = model.follows.erase({a, b}) > 0;
          EXPECT_EQ(editor.RemoveFollow(a, b), expected);
          break;
        }
        case 8: {
          if (random() % 4 != 0 || ids.size() < 10) break;  // Erasures are rare.
          // An erasure: the member and every edge they had leave the network.
          model.members.erase(a);
          std::erase_if(model.connections, [a](const auto& pair) {
            return pair.first == a || pair.second == a;
          });
          std::erase_if(model.follows, [a](const auto& pair) {
            return pair.first == a || pair.second == a;
          });
          std::erase(ids, a);
          EXPECT_TRUE(editor.RemoveMember(a));
          EXPECT_FALSE(editor.RemoveMember(a));
          EXPECT_FALSE(editor.AddConnection(a, b));
          break;
        }
      }
      if (random() % 10 == 0) {
        auto snapshot = editor.Publish();
        ASSERT_EQ(testing::CheckInvariants(*snapshot), "") << "seed " << seed << " step " << step;
        const auto expected = testing::Canonicalize(*model.Build());
        ASSERT_EQ(testing::Diff(expected, testing::Canonicalize(*snapshot)), "")
            << "seed " << seed << " step " << step;
        published.emplace_back(snapshot, testing::Canonicalize(*snapshot));
        if (random() % 3 == 0) {
          // Compaction: the same network on a fresh base, and editing goes on from it.
          auto compacted = Compact(*snapshot);
          ASSERT_TRUE(compacted.ok()) << compacted.status();
          EXPECT_EQ((*compacted)->DeltaSize(), 0u);
          ASSERT_EQ(testing::Diff(expected, testing::Canonicalize(**compacted)), "");
          editor = SnapshotEditor(*compacted);
        }
      }
    }
    // Snapshots published earlier were not touched by later edits.
    for (const auto& [snapshot, canonical] : published) {
      EXPECT_EQ(testing::Diff(canonical, testing::Canonicalize(*snapshot)), "");
    }
  }
}

// An erased member's id may be given to a new member (a sign-up takes the next id):
// the new one is found, the old node stays unreachable, and compaction keeps only the new.
TEST(SnapshotEditor, RemovedMembersIdCanComeBack) {
  Model model;
  model.members[1] = {.member = {.id = 1, .first_name = "Ada", .city = "Oslo"}};
  model.members[2] = {.member = {.id = 2, .city = "Oslo"}};
  model.connections.insert({1, 2});
  SnapshotEditor editor(model.Build());
  EXPECT_TRUE(editor.RemoveMember(1));
  auto removed = editor.Publish();
  EXPECT_EQ(removed->Find(1), kNoNode);
  EXPECT_EQ(removed->Degree(removed->Find(2)), 0u);
  EXPECT_EQ(removed->ConnectionCount(), 0u);
  const ValueId oslo = removed->FindValue(Dict::kCity, "oslo");
  ASSERT_NE(oslo, kNoValue);
  ASSERT_EQ(removed->Posting(Facet::kCity, oslo).size(), 1u);
  EXPECT_EQ(testing::CheckInvariants(*removed), "");

  auto change = std::make_shared<MemberChange>();
  change->member = {.id = 1, .first_name = "Grace"};
  EXPECT_TRUE(editor.Apply(Change(std::shared_ptr<const MemberChange>(change))));
  auto back = editor.Publish();
  ASSERT_NE(back->Find(1), kNoNode);
  EXPECT_EQ(back->FirstName(back->Find(1)), "Grace");
  EXPECT_EQ(testing::CheckInvariants(*back), "");
  absl::StatusOr<std::shared_ptr<const Snapshot>> compacted = Compact(*back);
  ASSERT_TRUE(compacted.ok()) << compacted.status();
  EXPECT_EQ((*compacted)->NodeCount(), 2u);
  EXPECT_EQ((*compacted)->FirstName((*compacted)->Find(1)), "Grace");
}

TEST(SnapshotEditor, EmptyDeltaSharesTheBase) {
  Model model;
  model.members[1] = {.member = {.id = 1}};
  model.members[2] = {.member = {.id = 2}};
  auto base = model.Build();
  SnapshotEditor editor(base);
  auto unchanged = editor.Publish();
  EXPECT_EQ(unchanged->base(), base->base());
  EXPECT_EQ(unchanged->DeltaSize(), 0u);
  EXPECT_TRUE(editor.AddConnection(1, 2));
  auto changed = editor.Publish();
  EXPECT_EQ(changed->base(), base->base());
  EXPECT_EQ(changed->DeltaSize(), 1u);
  EXPECT_EQ(unchanged->ConnectionCount(), 0u);
  EXPECT_EQ(changed->ConnectionCount(), 1u);
  EXPECT_FALSE(editor.AddConnection(2, 1));
  EXPECT_FALSE(editor.AddConnection(1, 1));
  EXPECT_FALSE(editor.AddConnection(1, 3));
}

TEST(SnapshotEditor, NewTitleIsSearchableByFoldedValue) {
  Model model;
  model.organizations[1] = {.id = 1, .name = "Statkraft"};
  model.members[1] = {.member = {.id = 1}};
  SnapshotEditor editor(model.Build());
  auto change = std::make_shared<MemberChange>();
  change->member = {.id = 2, .city = "Tromsø"};
  change->positions.push_back({.member = 2, .organization = 1, .title = "Sivilingeniør"});
  editor.Apply(Change(std::shared_ptr<const MemberChange>(change)));
  auto snapshot = editor.Publish();
  const ValueId title = snapshot->FindValue(Dict::kTitle, "sivilingenior");
  ASSERT_NE(title, kNoValue);
  auto posting = snapshot->Posting(Facet::kTitle, title);
  ASSERT_EQ(posting.size(), 1u);
  EXPECT_EQ(snapshot->Id(posting[0]), 2);
  EXPECT_EQ(snapshot->Display(Dict::kTitle, title), "Sivilingeniør");
  const ValueId company = snapshot->FindValue(Dict::kCompany, "statkraft");
  ASSERT_NE(company, kNoValue);
  EXPECT_EQ(snapshot->Posting(Facet::kCurrentCompany, company).size(), 1u);
  EXPECT_EQ(snapshot->Completeness(posting[0]), kSectionPosition | kSectionLocation);
}

// The connection visibility column: built, changed through the delta, kept by
// compaction (the rule in service/visibility.h reads it).
TEST(SnapshotEditor, ContactsVisibilityIsBuiltEditedAndCompacted) {
  Model model;
  model.members[1] = {.member = {.id = 1, .contacts_visibility = ContactsVisibility::kOnlyMe}};
  model.members[2] = {.member = {.id = 2}};
  auto base = model.Build();
  EXPECT_EQ(base->ContactsVisibilityOf(base->Find(1)), ContactsVisibility::kOnlyMe);
  EXPECT_EQ(base->ContactsVisibilityOf(base->Find(2)), ContactsVisibility::kConnections);
  SnapshotEditor editor(base);
  auto change = std::make_shared<MemberChange>();
  change->member = {.id = 2, .contacts_visibility = ContactsVisibility::kEveryone};
  editor.Apply(Change(std::shared_ptr<const MemberChange>(change)));
  auto edited = editor.Publish();
  EXPECT_EQ(edited->ContactsVisibilityOf(edited->Find(2)), ContactsVisibility::kEveryone);
  absl::StatusOr<std::shared_ptr<const Snapshot>> compacted = Compact(*edited);
  ASSERT_TRUE(compacted.ok()) << compacted.status();
  EXPECT_EQ((*compacted)->ContactsVisibilityOf((*compacted)->Find(1)), ContactsVisibility::kOnlyMe);
  EXPECT_EQ((*compacted)->ContactsVisibilityOf((*compacted)->Find(2)),
            ContactsVisibility::kEveryone);
}

}  // namespace
}  // namespace ledd::graph
