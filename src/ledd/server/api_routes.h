#pragma once
// The /api/v1 routes, one function per group so that later groups (invitations, posts,
// notifications) are added beside them in Server's constructor. Every route answers
// from the caller's point of view: the member comes from the session, never from a
// parameter.
//
//   accounts:  POST signup, POST signin, POST signout (GET me is a profile route,
//              member_routes.h); POST verify-email, POST me/verification-email,
//              POST password-reset, POST password-reset/confirm, PUT me/password,
//              PUT me/email, POST me/sessions/revoke (accounts.h has the rules)
//   queries:   GET reach, search, pymk, members/{id}, members/{id}/mutual,
//              members/{id}/path
//
// Thread-safety: the handlers are thread-safe (see router.h).

#include "ledd/server/member_routes.h"
#include "ledd/server/router.h"
#include "ledd/service/live_network.h"
#include "ledd/store/store.h"

namespace ledd::server {

struct CookieOptions {
  bool secure = false;          // Add the Secure attribute (when served over TLS).
  Timestamp max_age = 14 * 24 * 3600;
};

// `store` and `live` must outlive the routes.
void AddAccountRoutes(Router& router, store::Store& store, const CookieOptions& cookies,
                      const PublicOrigin& origin);
void AddQueryRoutes(Router& router, store::Store& store, service::LiveNetwork& live);

}  // namespace ledd::server
