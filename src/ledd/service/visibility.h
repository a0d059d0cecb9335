#pragma once
// The connection visibility rule: which of a member's connections another member may be
// shown. Every answer that names someone as a contact of someone else (mutual contacts,
// introducers, paths, a member's connection list, the network view, invitation advice)
// goes through it; counts (degree, mutual count) do not name anyone and stay whole.
//
// The rule. A viewer V may be shown the connection between A and B iff V is A or B, or
// neither A nor B chose `only_me` and the setting of A or of B allows V, where a
// member's setting allows V when it is `everyone` (anyone signed in) or `connections`
// and V is their contact. So a member who chose only_me is never named as anyone's
// contact, nor are their contacts named, to anyone but themself; and a connection that
// one end's own list would show anyway (a contact of V's, under the default
// `connections`, naming their contacts to V) may be shown wherever it helps, above all
// as an introducer.
//
// The setting lives in the snapshot (Snapshot::ContactsVisibilityOf), so the rule is a
// pure function of one snapshot: queries apply it, as a query::ConnectionFilter, while
// they choose introducers (ranked as without it, among those that pass).
//
// Thread-safety: pure; the filter holds a reference to the snapshot, which must outlive
// it.

#include "ledd/graph/snapshot.h"
#include "ledd/query/network_queries.h"

namespace ledd::service {

// Whether `member`'s own setting lets `viewer` see their connections. Requires both
// < snapshot.NodeCount().
bool ShowsConnectionsTo(const graph::Snapshot& snapshot, Node member, Node viewer);

// The rule above for the connection a–b. Requires all three < snapshot.NodeCount().
bool MayShowConnection(const graph::Snapshot& snapshot, Node viewer, Node a, Node b);

// The rule for `viewer`, as the filter queries take. A viewer not in the snapshot may
// be shown no connection.
query::ConnectionFilter ConnectionFilterFor(const graph::Snapshot& snapshot, Node viewer);

}  // namespace ledd::service
