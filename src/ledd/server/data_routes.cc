// The member's data rights (member_routes.h, "data rights"): the export of everything
// the store keeps about them, and the deletion of their account after a grace period.

#include <string>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/server/accounts.h"
#include "ledd/server/member_routes.h"

namespace ledd::server {
namespace {

Json DeletionJson(const store::DeletionRequest& request) {
  return {{"requested_at", FormatDateTime(request.requested_at)},
          {"erase_at", FormatDateTime(request.erase_at)}};
}

}  // namespace

void AddDataRoutes(Router& router, store::Store& store, service::DataRights& rights) {
  router.Get("/api/v1/me/export", "/api/v1/me/export", Auth::kRequired,
             [&store, &rights](const Call& call) -> absl::StatusOr<Reply> {
               LEDD_ASSIGN_OR_RETURN(store::Member member, store.GetMember(call.caller()));
               LEDD_ASSIGN_OR_RETURN(std::string zip, rights.Export(call.caller()));
               Reply reply{.bytes = std::move(zip), .content_type = "application/zip"};
               // Handles are [a-z0-9._-] (sign-up makes them so), safe in a file name.
               reply.headers.emplace_back(
                   "Content-Disposition",
                   fmt::format("attachment; filename=\"ledd-{}-{}.zip\"", member.handle,
                               FormatDate(rights.Now())));
               reply.headers.emplace_back("Cache-Control", "no-store");
               return reply;
             });
  Accounts& accounts = router.accounts();
  router.Post("/api/v1/me/deletion", "/api/v1/me/deletion", Auth::kRequired,
              [&accounts, &rights](const Call& call) -> absl::StatusOr<Reply> {
                LEDD_ASSIGN_OR_RETURN(Json body, call.JsonBody());
                LEDD_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true));
                LEDD_RETURN_IF_ERROR(
                    accounts.VerifyPassword(call.caller(), password, call.address()));
                LEDD_ASSIGN_OR_RETURN(store::DeletionRequest request,
                                      rights.RequestDeletion(call.caller()));
                return Reply{.status = 202, .body = {{"deletion", DeletionJson(request)}}};
              });
  router.Get("/api/v1/me/deletion", "/api/v1/me/deletion", Auth::kRequired,
             [&rights](const Call& call) -> absl::StatusOr<Reply> {
               absl::StatusOr<store::DeletionRequest> request = rights.GetDeletion(call.caller());
               if (absl::IsNotFound(request.status())) {
                 return Reply{.body = {{"deletion", nullptr},
                                       {"grace_seconds", rights.grace_seconds()}}};
               }
               if (!request.ok()) return request.status();
               return Reply{.body = {{"deletion", DeletionJson(*request)},
                                     {"grace_seconds", rights.grace_seconds()}}};
             });
  router.Delete("/api/v1/me/deletion", "/api/v1/me/deletion", Auth::kRequired,
                [&rights](const Call& call) -> absl::StatusOr<Reply> {
                  LEDD_RETURN_IF_ERROR(rights.CancelDeletion(call.caller()));
                  return Reply{.body = {{"deletion", nullptr}}};
                });
}

}  // namespace ledd::server
