#include "ledd/server/photo_routes.h"

#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/graph/snapshot.h"
#include "ledd/media/photo.h"
#include "ledd/server/http_errors.h"
#include "ledd/server/route_helpers.h"
#include "sodium.h"

namespace ledd::server {
namespace {

// At most `slots` callers inside at once; the others wait.
class Gate {
 public:
  explicit Gate(int slots) : free_(slots) {}

  template <typename Body>
  auto Run(Body body) {
    mu_.LockWhen(absl::Condition(
        +[](int* free) { return *free > 0; }, &free_));
    --free_;
    mu_.Unlock();
    auto result = body();
    absl::MutexLock lock(&mu_);
    ++free_;
    return result;
  }

 private:
  absl::Mutex mu_;
  int free_ ABSL_GUARDED_BY(mu_);
};

// A strong validator of the photo's bytes: 128 bits of BLAKE2b, quoted. The same
// bytes give the same tag on every replica, and a new upload (even within the same
// second) a new one.
std::string EntityTag(std::string_view bytes) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  std::string tag = "\"";
  for (unsigned char byte : hash) tag += fmt::format("{:02x}", byte);
  return tag + "\"";
}

// Whether If-None-Match (a list of tags, weak ones "W/" marked, or "*") names `tag`.
// GET compares weakly (RFC 9110 13.1.2), so a weak copy of the tag matches too.
bool NoneMatchHits(std::string_view header, std::string_view tag) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view entry = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t'))
      entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) entry.remove_suffix(1);
    if (entry.rfind("W/", 0) == 0) entry.remove_prefix(2);
    if (entry == "*" || entry == tag) return true;
  }
  return false;
}

absl::StatusOr<store::PhotoSize> SizeParam(const Call& call) {
  LEDD_ASSIGN_OR_RETURN(Json params, call.QueryParams({"size"}));
  if (!params.contains("size")) return store::PhotoSize::kLarge;
  const std::string size = params["size"].get<std::string>();
  if (size == std::to_string(media::kLargePhotoSide)) return store::PhotoSize::kLarge;
  if (size == std::to_string(media::kSmallPhotoSide)) return store::PhotoSize::kSmall;
  return absl::InvalidArgumentError(
      fmt::format("\"size\" must be {} or {}", media::kLargePhotoSide, media::kSmallPhotoSide));
}

// GET /api/v1/members/{id}/photo: the visibility of GET /api/v1/members/{id}.
absl::StatusOr<Reply> GetPhoto(store::Store& store, service::LiveNetwork& live, const Call& call) {
  LEDD_ASSIGN_OR_RETURN(store::PhotoSize size, SizeParam(call));
  LEDD_ASSIGN_OR_RETURN(MemberId member, PathId(call, 1, "member"));
  std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
  if (snapshot->Find(call.caller()) == kNoNode) {
    return WithRetryAfter(absl::UnavailableError(fmt::format(
                              "member {} is not in the network yet; retry shortly", call.caller())),
                          1);
  }
  // The profile's answers, word for word: an unknown member and one who blocked the
  // caller cannot be told apart.
  const absl::Status not_found = absl::NotFoundError(fmt::format("member {} not found", member));
  if (snapshot->Find(member) == kNoNode) return not_found;
  // The block from the profile's facts (service/profile_facts.h): a photo is mostly
  // asked for right after the profile that shows it, so they are in memory.
  absl::StatusOr<std::shared_ptr<const store::ProfileFacts>> facts = live.ProfileFacts(member);
  if (absl::IsNotFound(facts.status())) return not_found;
  if (!facts.ok()) return facts.status();
  if ((*facts)->Blocks(call.caller())) return not_found;
  LEDD_ASSIGN_OR_RETURN(store::PhotoBytes photo, store.GetPhoto(member, size));

  Reply reply;
  const std::string tag = EntityTag(photo.jpeg);
  reply.headers = {{"ETag", tag}, {"Cache-Control", "private, no-cache"}};
  if (NoneMatchHits(call.Header("If-None-Match"), tag)) {
    reply.status = 304;
    reply.bytes = "";
    return reply;
  }
  reply.bytes = std::move(photo.jpeg);
  reply.content_type = "image/jpeg";
  return reply;
}

}  // namespace

void AddPhotoRoutes(Router& router, store::Store& store, service::LiveNetwork& live) {
  auto gate = std::make_shared<Gate>(kConcurrentPhotos);
  router.Put("/api/v1/me/photo", "/api/v1/me/photo", Auth::kRequired,
             [&store, &live, gate](const Call& call) -> absl::StatusOr<Reply> {
               if (call.body().empty()) {
                 return absl::InvalidArgumentError("the body is empty: send the photo's bytes");
               }
               LEDD_ASSIGN_OR_RETURN(media::PhotoSet photos, gate->Run([&call] {
                 return media::PreparePhoto(call.body(), call.Header("Content-Type"));
               }));
               const Timestamp now = static_cast<Timestamp>(std::time(nullptr));
               LEDD_RETURN_IF_ERROR(store
                                        .SetPhoto({.member = call.caller(),
                                                   .large = std::move(photos.large),
                                                   .small = std::move(photos.small),
                                                   .updated_at = now})
                                        .status());
               LEDD_RETURN_IF_ERROR(
                   CatchUpAfter(live, fmt::format("the photo of member {}", call.caller())));
               return Reply{.body = {{"member", call.caller()},
                                     {"has_photo", true},
                                     {"updated_at", FormatDateTime(now)}}};
             },
             {.max_body_bytes = kMaxPhotoUploadBytes,
              .body_types = {"image/jpeg", "image/png", "image/webp"}});
  router.Delete("/api/v1/me/photo", "/api/v1/me/photo", Auth::kRequired,
                [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_RETURN_IF_ERROR(store.DeletePhoto(call.caller()).status());
                  LEDD_RETURN_IF_ERROR(CatchUpAfter(
                      live, fmt::format("deleting the photo of member {}", call.caller())));
                  return Reply{.body = {{"member", call.caller()}, {"has_photo", false}}};
                });
  router.Get("/api/v1/members/{id}/photo", R"(/api/v1/members/(\d+)/photo)", Auth::kRequired,
             [&store, &live](const Call& call) { return GetPhoto(store, live, call); });
}

}  // namespace ledd::server
