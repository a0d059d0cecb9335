#include "ledd/service/visibility.h"

#include <algorithm>
#include <span>

namespace ledd::service {

bool ShowsConnectionsTo(const graph::Snapshot& snapshot, Node member, Node viewer) {
  if (member == viewer) return true;
  switch (snapshot.ContactsVisibilityOf(member)) {
    case graph::ContactsVisibility::kEveryone:
      return true;
    case graph::ContactsVisibility::kConnections: {
      const std::span<const Node> contacts = snapshot.Connections(member);
      return std::binary_search(contacts.begin(), contacts.end(), viewer);
    }
    case graph::ContactsVisibility::kOnlyMe:
      break;
  }
  return false;
}

bool MayShowConnection(const graph::Snapshot& snapshot, Node viewer, Node a, Node b) {
  if (viewer == a || viewer == b) return true;
  if (snapshot.ContactsVisibilityOf(a) == graph::ContactsVisibility::kOnlyMe ||
      snapshot.ContactsVisibilityOf(b) == graph::ContactsVisibility::kOnlyMe) {
    return false;
  }
  // Either end's list would show it: a contact of mine who lets their contacts see
  // their connections may be named as an introducer to anyone they know.
  return ShowsConnectionsTo(snapshot, a, viewer) || ShowsConnectionsTo(snapshot, b, viewer);
}

query::ConnectionFilter ConnectionFilterFor(const graph::Snapshot& snapshot, Node viewer) {
  if (viewer >= snapshot.NodeCount()) return [](Node, Node) { return false; };
  return [&snapshot, viewer](Node a, Node b) { return MayShowConnection(snapshot, viewer, a, b); };
}

}  // namespace ledd::service
