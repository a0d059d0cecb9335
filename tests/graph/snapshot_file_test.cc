#include "ledd/graph/snapshot_file.h"

#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "fmt/core.h"
#include "graph/canonical.h"
#include "gtest/gtest.h"
#include "ledd/graph/snapshot_builder.h"
#include "testing/temp_dir.h"

namespace ledd::graph {
namespace {

// A random network with every kind of row: organizations, members with attributes,
// positions, educations, connections and follows; a few members with more than 15
// facet values (the facet rows' overflow).
std::shared_ptr<const Snapshot> RandomSnapshot(uint64_t seed, int members) {
  std::mt19937_64 random(seed);
  static const std::vector<std::string> kCities = {"Oslo", "OSLO", "Tromsø", "Bergen", ""};
  static const std::vector<std::string> kTitles = {"Sivilingeniør", "Engineer", "Manager", ""};
  SnapshotBuilder builder;
  for (OrganizationId id = 1; id <= 30; ++id) {
    builder.AddOrganization({.id = id * 2,
                             .is_school = id % 4 == 0,
                             .name = fmt::format("Org {}", id % 20),
                             .industry = id % 3 ? "Energy" : "",
                             .country = "NO"});
  }
  auto id_of = [](int i) { return MemberId{5 + 3 * i}; };
  for (int i = 0; i < members; ++i) {
    builder.AddMember({.id = id_of(i),
                       .first_name = fmt::format("Første{}", random() % 7),
                       .last_name = fmt::format("Last{}", random() % 5),
                       .headline = random() % 2 ? "Ingeniør" : "",
                       .has_summary = random() % 2 == 0,
                       .has_photo = random() % 3 == 0,
                       .city = kCities[random() % kCities.size()],
                       .country = random() % 2 ? "NO" : "SE",
                       .industry = random() % 2 ? "Software" : "",
                       .policy = random() % 2 ? TriagePolicy::kLiberal : TriagePolicy::kSelective,
                       .markets = random() % 3 == 0 ? MarketsKind::kListed : MarketsKind::kHome,
                       .market_countries = "NO;SE",
                       .contacts_visibility = ContactsVisibility::kOnlyMe,
                       .in_directory = random() % 5 != 0});
  }
  for (int i = 0; i < members; ++i) {
    const int positions = i % 17 == 0 ? 20 : static_cast<int>(random() % 3);
    for (int p = 0; p < positions; ++p) {
      builder.AddPosition(
          {.member = id_of(i),
           .organization = static_cast<OrganizationId>(2 * (1 + random() % 31)),
           .title = i % 17 == 0 ? fmt::format("Title {}", p) : kTitles[random() % kTitles.size()],
           .start = static_cast<Timestamp>(random() % 1000),
           .end = random() % 2 ? kOpenEnd : 5000});
    }
    if (random() % 2) {
      builder.AddEducation({.member = id_of(i),
                            .school = static_cast<OrganizationId>(8 * (1 + random() % 7)),
                            .field = random() % 2 ? "Økonomi" : ""});
    }
  }
  for (int i = 0; i < members * 4; ++i) {
    builder.AddConnection(id_of(random() % members), id_of(random() % members));
    builder.AddFollow(id_of(random() % members), id_of(random() % members));
  }
  auto snapshot = std::move(builder).Build();
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  return snapshot.ok() ? *snapshot : nullptr;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool IsRefusal(const absl::Status& status) {
  return absl::IsDataLoss(status) || absl::IsFailedPrecondition(status);
}

template <typename T>
bool SameBytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

TEST(SnapshotFile, RoundTripKeepsEveryArrayAndThePosition) {
  ledd::testing::TempDir dir;
  auto snapshot = RandomSnapshot(1, 400);
  ASSERT_NE(snapshot, nullptr);
  const SnapshotFileInfo info = {.position_xid = 3,
                                 .position_id = 1234,
                                 .event_kind = 2,
                                 .event_at = 1'700'000'000,
                                 .event_a = 5,
                                 .event_b = 8,
                                 .saved_at = 1'700'000'100};
  const std::string path = dir.File("network.snap");
  ASSERT_TRUE(WriteSnapshotFile(*snapshot, info, path).ok());
  auto loaded = ReadSnapshotFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->summary.info, info);
  EXPECT_EQ(loaded->summary.members, 400u);
  EXPECT_EQ(loaded->summary.connections, snapshot->ConnectionCount());
  EXPECT_EQ(loaded->summary.follows, snapshot->FollowCount());
  EXPECT_EQ(loaded->summary.file_bytes, std::filesystem::file_size(path));
  auto header = ReadSnapshotFileHeader(path);
  ASSERT_TRUE(header.ok()) << header.status();
  EXPECT_EQ(header->info, info);

  const internal::Base& a = *snapshot->base();
  const internal::Base& b = *loaded->snapshot->base();
  EXPECT_TRUE(SameBytes(a.ids, b.ids));
  EXPECT_EQ(a.first_name.chars, b.first_name.chars);
  EXPECT_TRUE(SameBytes(a.first_name.offsets, b.first_name.offsets));
  EXPECT_EQ(a.headline.chars, b.headline.chars);
  EXPECT_EQ(a.market_countries.chars, b.market_countries.chars);
  EXPECT_TRUE(SameBytes(a.city, b.city));
  EXPECT_TRUE(SameBytes(a.flags, b.flags));
  EXPECT_TRUE(SameBytes(a.positions.items, b.positions.items));
  EXPECT_TRUE(SameBytes(a.educations.offsets, b.educations.offsets));
  EXPECT_TRUE(SameBytes(a.company_value, b.company_value));
  EXPECT_TRUE(SameBytes(a.facet_rows.lines, b.facet_rows.lines));
  EXPECT_FALSE(a.facet_rows.overflow.empty());  // The test covers long rows.
  EXPECT_TRUE(SameBytes(a.facet_rows.overflow, b.facet_rows.overflow));
  EXPECT_TRUE(SameBytes(a.connections.targets, b.connections.targets));
  EXPECT_TRUE(SameBytes(a.followers.offsets, b.followers.offsets));
  for (int facet = 0; facet < kFacetCount; ++facet) {
    EXPECT_TRUE(SameBytes(a.postings[facet].targets, b.postings[facet].targets)) << facet;
  }
  for (int dict = 0; dict < kDictCount; ++dict) {
    EXPECT_EQ(a.dictionaries[dict].folded, b.dictionaries[dict].folded) << dict;
    EXPECT_EQ(a.dictionaries[dict].display, b.dictionaries[dict].display) << dict;
  }
  ASSERT_EQ(a.organizations.size(), b.organizations.size());
  for (size_t i = 0; i < a.organizations.size(); ++i) {
    EXPECT_EQ(a.organizations[i].id, b.organizations[i].id);
    EXPECT_EQ(a.organizations[i].is_school, b.organizations[i].is_school);
    EXPECT_EQ(a.organizations[i].name, b.organizations[i].name);
    EXPECT_EQ(a.organizations[i].folded_name, b.organizations[i].folded_name);
    EXPECT_EQ(a.organizations[i].industry, b.organizations[i].industry);
  }
  EXPECT_EQ(testing::CheckInvariants(*loaded->snapshot), "");
  EXPECT_EQ(
      testing::Diff(testing::Canonicalize(*snapshot), testing::Canonicalize(*loaded->snapshot)),
      "");
}

TEST(SnapshotFile, AnEmptyNetworkRoundTrips) {
  ledd::testing::TempDir dir;
  auto empty = SnapshotBuilder().Build();
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(WriteSnapshotFile(**empty, {}, dir.File("empty.snap")).ok());
  auto loaded = ReadSnapshotFile(dir.File("empty.snap"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->snapshot->NodeCount(), 0u);
  EXPECT_EQ(loaded->summary.info.position_id, 0);
}

TEST(SnapshotFile, RefusesMissingForeignAndOtherVersionFiles) {
  ledd::testing::TempDir dir;
  EXPECT_TRUE(absl::IsNotFound(ReadSnapshotFile(dir.File("missing.snap")).status()));
  WriteBytes(dir.File("text.snap"), "id,name\n1,Kari\n");
  const absl::Status foreign = ReadSnapshotFile(dir.File("text.snap")).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(foreign)) << foreign;
  EXPECT_NE(foreign.message().find("not a ledd snapshot file"), std::string::npos) << foreign;
  WriteBytes(dir.File("empty.snap"), "");
  EXPECT_TRUE(absl::IsFailedPrecondition(ReadSnapshotFile(dir.File("empty.snap")).status()));
  EXPECT_FALSE(ReadSnapshotFile(dir.path()).ok());  // A directory.

  auto snapshot = RandomSnapshot(2, 50);
  const std::string path = dir.File("network.snap");
  ASSERT_TRUE(WriteSnapshotFile(*snapshot, {}, path).ok());
  std::string bytes = ReadBytes(path);
  bytes[8] = static_cast<char>(kSnapshotFileVersion + 1);  // The version word follows the magic.
  WriteBytes(path, bytes);
  const absl::Status version = ReadSnapshotFile(path).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(version)) << version;
  EXPECT_NE(version.message().find("format version"), std::string::npos) << version;
  EXPECT_TRUE(absl::IsFailedPrecondition(ReadSnapshotFileHeader(path).status()));
}

TEST(SnapshotFile, RefusesTruncatedAndExtendedFiles) {
  ledd::testing::TempDir dir;
  auto snapshot = RandomSnapshot(3, 200);
  const std::string path = dir.File("network.snap");
  ASSERT_TRUE(WriteSnapshotFile(*snapshot, {.position_id = 9}, path).ok());
  const std::string bytes = ReadBytes(path);
  std::mt19937_64 random(3);
  std::vector<size_t> lengths = {
      1, 7, 8, 12, 100, 4095, 4096, 4097, bytes.size() / 2, bytes.size() - 4096, bytes.size() - 1};
  for (int i = 0; i < 40; ++i) lengths.push_back(random() % bytes.size());
  const std::string cut = dir.File("cut.snap");
  for (size_t length : lengths) {
    WriteBytes(cut, bytes.substr(0, length));
    const absl::Status status = ReadSnapshotFile(cut).status();
    EXPECT_TRUE(IsRefusal(status)) << "length " << length << ": " << status;
  }
  WriteBytes(cut, bytes + std::string(4096, '\0'));
  const absl::Status extended = ReadSnapshotFile(cut).status();
  EXPECT_TRUE(absl::IsDataLoss(extended)) << extended;
}

TEST(SnapshotFile, RefusesFlippedBytes) {
  ledd::testing::TempDir dir;
  auto snapshot = RandomSnapshot(4, 200);
  const std::string path = dir.File("network.snap");
  ASSERT_TRUE(WriteSnapshotFile(*snapshot, {.position_id = 9}, path).ok());
  const std::string bytes = ReadBytes(path);
  std::mt19937_64 random(4);
  const std::string flipped_path = dir.File("flipped.snap");
  for (int i = 0; i < 400; ++i) {
    // Every fourth flip in the header, the rest anywhere (sections and the zero padding
    // between them).
    const size_t at = i % 4 == 0 ? random() % 4096 : random() % bytes.size();
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ (1 << (random() % 8)));
    WriteBytes(flipped_path, flipped);
    const absl::Status status = ReadSnapshotFile(flipped_path).status();
    EXPECT_TRUE(IsRefusal(status)) << "a flip at " << at << ": " << status;
  }
  ASSERT_TRUE(ReadSnapshotFile(path).ok());
}

// Recomputes the checksums of a file's sections and header (the layout of
// docs/formats.md), as a writer with a bug would leave them: what the structural checks
// are for.
void RewriteChecksums(std::string& bytes) {
  constexpr size_t kSectionCount = 120;  // Header offsets.
  constexpr size_t kSections = 128;
  uint64_t count = 0;
  std::memcpy(&count, bytes.data() + kSectionCount, 8);
  for (uint64_t i = 0; i < count; ++i) {
    char* entry = bytes.data() + kSections + 24 * i;
    uint64_t offset = 0, size = 0;
    std::memcpy(&offset, entry, 8);
    std::memcpy(&size, entry + 8, 8);
    const uint32_t crc = static_cast<uint32_t>(
        crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data() + offset), size));
    std::memcpy(entry + 20, &crc, 4);
  }
  const uint32_t crc =
      static_cast<uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), 4092));
  std::memcpy(bytes.data() + 4092, &crc, 4);
}

TEST(SnapshotFile, StructuralChecksCatchWhatChecksumsCannot) {
  ledd::testing::TempDir dir;
  auto snapshot = RandomSnapshot(7, 200);
  const std::string path = dir.File("network.snap");
  ASSERT_TRUE(WriteSnapshotFile(*snapshot, {.position_id = 9}, path).ok());
  std::string bytes = ReadBytes(path);
  {
    std::string same = bytes;
    RewriteChecksums(same);
    ASSERT_EQ(same, bytes);  // The test's idea of the layout is the writer's.
  }
  std::mt19937_64 random(7);
  const std::string damaged_path = dir.File("damaged.snap");
  int refused = 0;
  for (int i = 0; i < 300; ++i) {
    std::string damaged = bytes;
    // A few bytes of one section changed, checksums made right again.
    const size_t at = 4096 + random() % (bytes.size() - 4096);
    for (size_t j = at; j < std::min(at + 4, damaged.size()); ++j) {
      damaged[j] = static_cast<char>(random());
    }
    RewriteChecksums(damaged);
    WriteBytes(damaged_path, damaged);
    auto loaded = ReadSnapshotFile(damaged_path);
    if (!loaded.ok()) {
      EXPECT_TRUE(IsRefusal(loaded.status())) << loaded.status();
      ++refused;
      continue;
    }
    // Accepted (a changed name, a flag, a padding byte): every accessor stays in bounds.
    testing::Canonicalize(*loaded->snapshot);
  }
  EXPECT_GT(refused, 0);
}

TEST(SnapshotFile, WritesAtomically) {
  ledd::testing::TempDir dir;
  auto first = RandomSnapshot(5, 100);
  auto second = RandomSnapshot(6, 150);
  const std::string path = dir.File("network.snap");
  ASSERT_TRUE(WriteSnapshotFile(*first, {.position_id = 1}, path).ok());
  ASSERT_TRUE(WriteSnapshotFile(*second, {.position_id = 2}, path).ok());
  auto loaded = ReadSnapshotFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->summary.info.position_id, 2);
  EXPECT_EQ(loaded->snapshot->NodeCount(), 150u);
  // No temporary file is left beside it.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "network.snap");
  }
  EXPECT_EQ(files, 1);

  // A directory that does not exist: an error naming the path, nothing written.
  const absl::Status missing =
      WriteSnapshotFile(*first, {}, dir.File("no-such-directory/network.snap"));
  EXPECT_TRUE(absl::IsNotFound(missing)) << missing;
  EXPECT_NE(missing.message().find("no-such-directory"), std::string::npos) << missing;
}

}  // namespace
}  // namespace ledd::graph
