#pragma once
// The /api/v1 routes on what a member does with their own account: invitations and the
// advice on them, settings, saved searches and blocks (invitation_routes.cc); their
// profile, background and connections, and the connections of others as their owner's
// setting allows (profile_routes.cc). Every route acts as the signed-in caller: no
// body or query parameter names the member acting. Writes answer only after the live
// network has caught up, so the caller's next read sees them (read-your-writes).
//
//   invitations:  POST invitations (with "via": {"post"|"appearance": id}, or
//                 "email" instead of "to": email_invitations.h);
//                 GET email-invitations, DELETE email-invitations/{id};
//                 GET signup-invitation?token= (no sign-in: the sign-up page's);
//                 POST invitations/{id}/accept|ignore|withdraw|report|unreport;
//                 GET invitations, invitations/{id}/advice, contacts-report;
//                 GET|PUT me/settings; GET|POST saved-searches,
//                 DELETE saved-searches/{name}; GET|POST blocks, DELETE blocks/{member}
//   profile:      GET|PUT me (profile, background with named organizations found or
//                 created in the same transaction, completeness), PUT me/background;
//                 GET|POST organizations (type-ahead, find-or-add); GET me/connections,
//                 GET members/{id}/connections, DELETE me/connections/{id}
//   import:       POST me/linkedin-import: LinkedIn's data export (a ZIP) in, a
//                 proposal out, nothing saved (import_routes.cc)
//   data rights:  GET me/export (a ZIP of everything kept about the caller);
//                 POST me/deletion {"password"} (re-authenticated: the erasure after
//                 the grace period), GET me/deletion, DELETE me/deletion (cancel)
//                 (data_routes.cc)
//
// Thread-safety: the handlers are thread-safe (see router.h).

#include <memory>
#include <string>

#include "ledd/server/mail_links.h"
#include "ledd/server/router.h"
#include "ledd/service/data_rights.h"
#include "ledd/service/live_network.h"
#include "ledd/store/store.h"

namespace ledd::server {

// Where members reach this server, for the links the API hands out (a sign-up link).
struct PublicOrigin {
  // "https://ledd.example.org" (scheme and authority, no trailing slash); "" = each
  // request's Host header, with https when `secure`, else http.
  std::string url;
  bool secure = false;  // Served over TLS (ServerOptions::secure_cookies).
};

// The origin of links to this server: origin.url, else the request's Host when it
// looks like a host (a name or address and a port), over https when origin.secure; ""
// (links relative to the page) when it does not.
std::string OriginOf(const Call& call, const PublicOrigin& origin);

// `store` and `live` must outlive the routes. With `links`, an email invitation's mail
// is queued with it (email_invitations.h).
void AddInvitationRoutes(Router& router, store::Store& store, service::LiveNetwork& live,
                         const PublicOrigin& origin,
                         std::shared_ptr<const MailLinks> links = nullptr);
void AddProfileRoutes(Router& router, store::Store& store, service::LiveNetwork& live);
void AddImportRoutes(Router& router, store::Store& store, service::LiveNetwork& live);
// `rights` must outlive the routes too.
void AddDataRoutes(Router& router, store::Store& store, service::DataRights& rights);

}  // namespace ledd::server
