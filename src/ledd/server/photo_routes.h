#pragma once
// The /api/v1 routes of profile photos (contract: issue 12, "Photos"):
//
//   PUT    me/photo              the image as the body (image/jpeg, image/png or
//                                image/webp; at most kMaxPhotoUploadBytes):
//                                media/photo.h turns it into the 400 and 96 px JPEGs,
//                                stored with has_photo in one store transaction;
//   DELETE me/photo              removes it (404 when there is none);
//   GET    members/{id}/photo    ?size=400|96 (default 400): the JPEG, with an ETag
//                                (a hash of its bytes; If-None-Match answers 304) and
//                                "Cache-Control: private, no-cache" (a browser keeps it
//                                but asks each time, so a new photo or a block shows at
//                                once). Visible to whoever may see the member's profile,
//                                which even out of network shows the photo; a member
//                                who blocked the caller is, to them, not there (404).
//
// has_photo is set only here: the store's UpdateMember leaves it alone. Decoding is
// memory-hungry (media/photo.h), so only kConcurrentPhotos uploads are prepared at once;
// others wait for a turn.
//
// Thread-safety: the handlers are thread-safe (see router.h).

#include <cstddef>

#include "ledd/server/router.h"
#include "ledd/service/live_network.h"
#include "ledd/store/store.h"

namespace ledd::server {

// The largest upload (413 beyond), the route's own body limit (router.h, RouteOptions):
// the server's 64 KiB stays the limit of every other route.
inline constexpr size_t kMaxPhotoUploadBytes = 5 << 20;
// How many uploads are decoded at once.
inline constexpr int kConcurrentPhotos = 2;

// `store` and `live` must outlive the routes.
void AddPhotoRoutes(Router& router, store::Store& store, service::LiveNetwork& live);

}  // namespace ledd::server
