#pragma once
// The /api/v1 routes of mail about notifications, email subscriptions and the member
// register import (docs/openapi.json has their bodies):
//
//   GET|POST unsubscribe?token=   no sign-in: what a mail's unsubscribe link switches
//                                 off, and switching it off. The POST is RFC 8058's
//                                 one-click: a mail client posts
//                                 "List-Unsubscribe=One-Click" form-encoded, with no
//                                 cookies and no CSRF token, which is why this route
//                                 takes a form body: the signed token (mail_links.h) is
//                                 the only credential, and it can only switch mail off.
//   GET public/members/{id}       no sign-in: a member's public posts (only when they
//                                 made them public: settings "public_posts").
//   POST public/members/{id}/subscriptions {"email"}
//                                 no sign-in: ask for their posts by email; a
//                                 confirmation mail goes out (double opt-in). The answer
//                                 is the same whether or not the address is subscribed
//                                 already; rate-limited per client address and per email.
//   POST subscriptions/confirm {"token"}
//                                 no sign-in: the confirmation link's page.
//   POST admin/register-import?dry_run=1   (text/csv) the association's member register:
//                                 every row an email invitation with its mail, from the
//                                 caller, who must be an administrator (role admin).
//
// Thread-safety: the handlers are thread-safe (see router.h).

#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "ledd/server/email_invitations.h"
#include "ledd/server/mail_links.h"
#include "ledd/server/member_routes.h"
#include "ledd/server/router.h"
#include "ledd/service/live_network.h"
#include "ledd/store/store.h"

namespace ledd::server {

struct NotifyRouteOptions {
  PublicOrigin origin;
};

// Whether `member` may import the association's member register: their account's role
// is admin (`ledd accounts role EMAIL admin`). PermissionDenied otherwise.
absl::Status MayImportRegister(store::Store& store, MemberId member);

// The register import's answer: {"dry_run", "rows": [{"line", "email", "name",
// "outcome": new|member|invited|bad, "problem"?, "email_invitation"?}], "counts"}; the
// CLI prints the same.
Json RegisterOutcomesJson(const std::vector<RegisterOutcome>& outcomes, bool dry_run);

// `store`, `live` and `links` must outlive the routes.
void AddNotifyRoutes(Router& router, store::Store& store, service::LiveNetwork& live,
                     std::shared_ptr<const MailLinks> links, const NotifyRouteOptions& options);

}  // namespace ledd::server
