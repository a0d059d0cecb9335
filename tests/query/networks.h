#pragma once
// Test networks for the query tests: each shape kept twice, as the oracle's plain sets
// (testing::OracleNetwork) and as the inputs a SnapshotBuilder needs, so that a query
// on the built snapshot can be compared with the oracle. Edits go to both: an editor's
// delta on the snapshot side (no compaction), the sets on the oracle side.

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/graph/snapshot_editor.h"
#include "testing/oracle.h"

namespace ledd::query::testing {

struct TestNetwork {
  ledd::testing::OracleNetwork oracle;
  std::map<OrganizationId, graph::OrganizationInput> organizations;

  // A fresh snapshot of the network (empty delta).
  std::shared_ptr<const graph::Snapshot> Build() const;
  std::vector<MemberId> Ids() const;
};

// Member ids are spread out (not 0..n-1) so that MemberId and Node differ.
MemberId IdOf(int index);

// Shapes. `profiles` gives members random names, places and background from small
// pools (many ties); without it members have only names.
TestNetwork RandomNetwork(uint64_t seed, int members, double average_degree, bool profiles);
TestNetwork PathNetwork(int members);
TestNetwork StarNetwork(int leaves);
TestNetwork CliqueNetwork(int members);
// `components` random components of `size` members each, plus isolated members.
TestNetwork ComponentsNetwork(uint64_t seed, int components, int size, int isolated);
// A hub with `leaves` contacts; leaves are also linked in a sparse random way, and a
// few members hang off the leaves at distance 2 and 3 from the hub.
TestNetwork HubNetwork(uint64_t seed, int leaves);

// A random profile from the pools (organizations of `network` must exist).
ledd::testing::OracleMember RandomProfile(std::mt19937_64& random, const TestNetwork& network);

// Applies `steps` random writes to `snapshot` through a SnapshotEditor (new members,
// connections added and removed, profile updates) and the same writes to `network`'s
// oracle; returns the published snapshot (base + delta, not compacted).
std::shared_ptr<const graph::Snapshot> EditRandomly(
    TestNetwork& network, std::shared_ptr<const graph::Snapshot> snapshot, uint64_t seed,
    int steps);

// Erases `count` random members (SnapshotEditor::RemoveMember) from `snapshot`, and from
// `network`'s oracle with their connections; returns the published snapshot (base +
// delta, not compacted), in which the removed members' Nodes stay as tombstones.
std::shared_ptr<const graph::Snapshot> RemoveRandomly(
    TestNetwork& network, std::shared_ptr<const graph::Snapshot> snapshot, uint64_t seed,
    int count);

}  // namespace ledd::query::testing
