#pragma once
// What a member's pages show around them: the ego network the network view draws (a
// member, their strongest contacts and the strongest 2nd-degree members, with the
// connections between them), and the background two members share.
//
// Pure functions of a Snapshot, in its Nodes (see network_queries.h for Nodes not in
// the snapshot, which get empty answers, and for tie-breaking by MemberId). Thread-safe
// for concurrent calls with distinct scratches (the default is the calling thread's).

#include <cstdint>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/scratch.h"

namespace ledd::query {

// ---- ego network ----

struct EgoNetworkOptions {
  size_t contacts = 150;    // The strongest contacts drawn.
  size_t second = 50;       // The strongest 2nd-degree members drawn.
  size_t max_edges = 4000;  // Edges beyond this are left out (truncated = true).
};

struct EgoNode {
  Node member = kNoNode;
  int degree = 0;       // 0 for the centre, 1 for a contact, 2 for a 2nd-degree member.
  uint32_t mutual = 0;  // Contacts shared with the centre (0 for the centre itself).
};

struct EgoEdge {
  Node a = kNoNode;
  Node b = kNoNode;
};

struct EgoNetworkResult {
  // The centre first; then contacts by tie strength (mutual contacts with the centre,
  // descending, then MemberId); then 2nd-degree members in Pymk's order.
  std::vector<EgoNode> nodes;
  // Every connection between drawn members, once, in this order: centre–contact;
  // contact–2nd-degree; contact–contact; 2nd-degree–2nd-degree (in the last two, a
  // before b by MemberId).
  std::vector<EgoEdge> edges;
  uint64_t contacts_total = 0;  // All of the centre's contacts, drawn or not.
  bool truncated = false;       // Edges were left out by max_edges.
};

// The ego network of u: the `contacts` contacts with most mutual contacts with u, the
// `second` members Pymk ranks first, and the connections among them and u.
// Cost: Σ deg(c) over u's contacts (tie strength), plus Pymk's 2-hop expansion.
EgoNetworkResult EgoNetwork(const graph::Snapshot& snapshot, Node u,
                            const EgoNetworkOptions& options = {},
                            QueryScratch& scratch = ThreadScratch());

// ---- shared background ----

struct SharedBackgroundResult {
  // Organizations both have a position at (current or past), in u's order, each once.
  std::vector<graph::OrgIndex> organizations;
  // Schools both studied at, in u's order, each once.
  std::vector<graph::OrgIndex> schools;
  bool same_city = false;      // Both have the same, non-empty city.
  bool same_industry = false;  // Both have the same, non-empty industry.
};

// What u and v have in common; empty for u == v or a member not in the snapshot.
SharedBackgroundResult SharedBackground(const graph::Snapshot& snapshot, Node u, Node v);

}  // namespace ledd::query
