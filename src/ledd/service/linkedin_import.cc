#include "ledd/service/linkedin_import.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "ledd/base/fold.h"
#include "ledd/base/status_macros.h"

namespace ledd::service {
namespace {

// Accounts store emails trimmed and lower-cased (server/accounts.h).
std::string NormalEmail(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) {
    email.remove_prefix(1);
  }
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) {
    email.remove_suffix(1);
  }
  std::string out(email);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The members at one company by folded full name, built once per company the export
// names: a company's current staff is scanned once, however many connections work there.
class NameIndex {
 public:
  explicit NameIndex(const graph::Snapshot& snapshot) : snapshot_(snapshot) {}

  // The members called `folded_name` with a current position at `folded_company`.
  const std::vector<Node>& Find(const std::string& folded_company,
                                const std::string& folded_name) {
    auto [company, added] = companies_.try_emplace(folded_company);
    if (added) company->second = Build(folded_company);
    auto found = company->second.find(folded_name);
    return found == company->second.end() ? none_ : found->second;
  }

 private:
  using ByName = absl::flat_hash_map<std::string, std::vector<Node>>;

  ByName Build(const std::string& folded_company) {
    ByName by_name;
    const graph::ValueId value = snapshot_.FindValue(graph::Dict::kCompany, folded_company);
    if (value == graph::kNoValue) return by_name;
    std::string full;
    std::string folded;
    for (Node node : snapshot_.Posting(graph::Facet::kCurrentCompany, value)) {
      full.assign(snapshot_.FirstName(node));
      full += ' ';
      full.append(snapshot_.LastName(node));
      FoldInto(full, folded);
      if (!folded.empty()) by_name[folded].push_back(node);
    }
    return by_name;
  }

  const graph::Snapshot& snapshot_;
  absl::flat_hash_map<std::string, ByName> companies_;
  const std::vector<Node> none_;
};

// Members with a pending invitation to or from `member`, by id.
absl::StatusOr<absl::flat_hash_set<MemberId>> PendingWith(store::Store& store, MemberId member) {
  absl::flat_hash_set<MemberId> pending;
  for (store::InvitationBox box : {store::InvitationBox::kSent, store::InvitationBox::kReceived}) {
    store::InvitationListOptions options;
    options.box = box;
    options.state = store::InvitationState::kPending;
    // Pending invitations are few: the weekly limit bounds those sent; received ones
    // past this many are unlikely to be the ones an export names.
    options.limit = 100'000;
    LEDD_ASSIGN_OR_RETURN(std::vector<store::Invitation> invitations,
                          store.ListInvitations(member, options));
    for (const store::Invitation& invitation : invitations) {
      pending.insert(invitation.from == member ? invitation.to : invitation.from);
    }
  }
  return pending;
}

}  // namespace

absl::StatusOr<std::vector<ConnectionMatch>> MatchLinkedInConnections(
    store::Store& store, const graph::Snapshot& snapshot, MemberId importer,
    const std::vector<ingest::LinkedInConnection>& connections) {
  std::vector<ConnectionMatch> matches(connections.size());
  NameIndex names(snapshot);
  for (size_t i = 0; i < connections.size(); ++i) {
    const ingest::LinkedInConnection& connection = connections[i];
    ConnectionMatch& match = matches[i];
    const std::string email = NormalEmail(connection.email);
    if (!email.empty()) {
      absl::StatusOr<store::Account> account = store.GetAccountByEmail(email);
      if (account.ok()) {
        const Node node = snapshot.Find(account->member);
        if (node != kNoNode) match = {account->member, node, MatchedBy::kEmail};
      } else if (!absl::IsNotFound(account.status())) {
        return account.status();
      }
    }
    if (match.member == 0 && !connection.company.empty()) {
      const std::string name = Fold(connection.first_name + " " + connection.last_name);
      const std::string company = Fold(connection.company);
      if (!name.empty() && !company.empty()) {
        const std::vector<Node>& found = names.Find(company, name);
        if (found.size() == 1) {
          match = {snapshot.Id(found.front()), found.front(), MatchedBy::kNameCompany};
        }
      }
    }
  }

  const Node self = snapshot.Find(importer);
  absl::flat_hash_set<MemberId> pending;
  if (std::any_of(matches.begin(), matches.end(),
                  [](const ConnectionMatch& match) { return match.member != 0; })) {
    LEDD_ASSIGN_OR_RETURN(pending, PendingWith(store, importer));
  }
  absl::flat_hash_map<MemberId, bool> blocked;  // Asked once per member.
  for (ConnectionMatch& match : matches) {
    if (match.member == 0) continue;
    if (match.member == importer) {
      match.state = ImportState::kSelf;
      continue;
    }
    auto [entry, added] = blocked.try_emplace(match.member, false);
    if (added) {
      LEDD_ASSIGN_OR_RETURN(bool they_blocked, store.IsBlocked(match.member, importer));
      LEDD_ASSIGN_OR_RETURN(bool importer_blocked, store.IsBlocked(importer, match.member));
      entry->second = they_blocked || importer_blocked;
    }
    if (entry->second) {
      match = ConnectionMatch{};
      continue;
    }
    if (self != kNoNode) {
      const std::span<const Node> contacts = snapshot.Connections(self);
      if (std::binary_search(contacts.begin(), contacts.end(), match.node)) {
        match.state = ImportState::kConnected;
        continue;
      }
    }
    match.state = pending.contains(match.member) ? ImportState::kPending : ImportState::kInvitable;
  }
  return matches;
}

std::string_view MatchedByName(MatchedBy by) {
  switch (by) {
    case MatchedBy::kEmail:
      return "email";
    case MatchedBy::kNameCompany:
      return "name_company";
    case MatchedBy::kNone:
      break;
  }
  return "";
}

std::string_view ImportStateName(ImportState state) {
  switch (state) {
    case ImportState::kSelf:
      return "self";
    case ImportState::kConnected:
      return "connected";
    case ImportState::kPending:
      return "pending";
    case ImportState::kInvitable:
      return "invitable";
    case ImportState::kNone:
      break;
  }
  return "";
}

}  // namespace ledd::service
