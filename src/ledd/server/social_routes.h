#pragma once
// The /api/v1 routes for staying visible (DESIGN.md): follows, posts with their views
// and comments, the feed, appearances, and the caller's notifications. Every route acts
// as the signed-in caller; a member lists and marks only their own notifications, since
// no route takes a member id for them.
//
//   POST|DELETE members/{id}/follow
//   POST posts (201); GET posts/{id} (counts a view unless the caller wrote it);
//   GET members/{id}/posts?limit&offset; GET feed?limit&offset
//   PATCH|DELETE posts/{id} (the author's); POST posts/{id}/report {"reason","text"} (201)
//   POST posts/{id}/comments (201); GET posts/{id}/comments
//   PATCH comments/{id} (its author); DELETE comments/{id} (its author or the post's);
//   POST comments/{id}/report (201)
//   GET members/{id}/appearances; POST appearances (201); GET|PUT|DELETE appearances/{id}
//   (PUT and DELETE the member's own only)
//   GET notifications?unread=true&limit; POST notifications/read {"ids":[..]} or
//   {"all":true} (a warning carries the moderators' "reason"); GET me/unread-count
//
// Thread-safety: the handlers are thread-safe (see router.h).

#include "ledd/server/router.h"
#include "ledd/service/live_network.h"
#include "ledd/store/store.h"

namespace ledd::server {

// `store` and `live` must outlive the routes.
void AddSocialRoutes(Router& router, store::Store& store, service::LiveNetwork& live);

}  // namespace ledd::server
