#pragma once
// Invitations with their provenance, advice, the contacts report, settings, saved
// searches, blocks and appearances as JSON. The `ledd` commands (--json) and the HTTP
// API answer through these functions, so the same result has the same fields in both,
// spelled in one place (like query_json.h for the network queries).
//
// Pure functions of their arguments; thread-safe.

#include <string>
#include <vector>

#include "ledd/query/advice.h"
#include "ledd/server/query_json.h"
#include "ledd/service/invitations.h"
#include "ledd/store/model.h"

namespace ledd::server {

// {"id", "state"}: an invitation a block resolved.
Json InvitationStateJson(const store::Invitation& invitation);

// Where an invitation came from, as `via` (verified: service::LoadProvenance) says:
// null for none, else for a post {"kind": "post", "id", "title", "read_at": ISO time
// the sender first read it}, for an appearance {"kind": "appearance", "id", "title",
// "event", "appearance_kind": "talk"|"media"|"course", "date": "YYYY-MM-DD"}. `id` is
// the invitation's via.id.
Json ViaJson(const store::InvitationVia& via, const query::Provenance& provenance);

// {"id", "from", "to", "note", "created_at", "state", "via"}: one invitation, as the
// answer to a write on it and as each entry of a box.
Json InvitationJson(const store::Invitation& invitation, const query::Provenance& provenance);

// {"id", "email", "note", "created_at", "state", "claimed_by", "claimed_at",
// "invitation"}: an email invitation as its sender sees it; the last three are null
// until a sign-up claims it (claimed_by: the new member; invitation: the ordinary
// invitation it became).
Json EmailInvitationJson(const store::EmailInvitation& invitation);

// {"decision", "score", "reasons": [{"code", "weight", "text"}]}.
Json AdviceJson(const query::Advice& advice);
// AdviceJson plus "marginal_reach" and the invitation's "via" (ViaJson): the answer
// about one invitation.
Json AdviceWithReachJson(const query::Advice& advice, const store::InvitationVia& via,
                         const query::Provenance& provenance);

// {"invitations": [InvitationJson + {"advice", "marginal_reach", "saved_searches"}]}:
// advice, marginal_reach and saved_searches are null where there is nothing to decide
// (all but received pending invitations).
Json BoxJson(const std::vector<service::BoxEntry>& entries);

// {"member", "contacts", "percentile", "reach": {...}, "advised_accept",
// "reach_if_accepted", "curve": [{"k", "sender", "gain", "reach"}]}.
Json ContactsReportJson(MemberId member, const service::ContactsReportResult& result);

// "NO,SE", "international" or "home", as ParseMarkets takes it.
std::string MarketsText(const store::Markets& markets);
// {"member", "policy", "markets"}.
Json SettingsJson(const store::Member& member);

// {"name", "filters": {only the non-empty ones}, "created_at"}.
Json SavedSearchJson(const store::SavedSearch& search);
// The filter keys of a saved search ("title", "city", ...) with a pointer to each field
// of `filters`, in the order search takes them.
std::vector<std::pair<std::string, std::string*>> SavedSearchFilterFields(
    store::SavedSearchFilters& filters);

// {"member", "blocked": [{"member", "created_at"}]}.
Json BlockedJson(MemberId member, const std::vector<store::MemberBlock>& blocks);

// {"id", "member", "kind", "title", "event", "date": "YYYY-MM-DD", "place", "link",
// "created_at": ISO time}.
Json AppearanceJson(const store::Appearance& appearance);

}  // namespace ledd::server
