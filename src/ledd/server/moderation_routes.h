#pragma once
// The /api/v1/moderation routes: the reports queue with the context a moderator needs,
// the actions on a report, suspensions and roles of members, and the audit log
// (store.h "moderation"). Moderators and admins only (403 for members); setting a role
// is for admins only. Every action is one store write together with its audit row.
//
//   GET  moderation/reports?state=open|dismissed|actioned|withdrawn&limit
//   POST moderation/reports/{id}/actions {"action": "dismiss"|"warn"|"suspend"|"remove",
//        "reason", "days"}
//   POST moderation/members/{id}/suspension {"days", "reason"}; DELETE lifts it
//   PUT  moderation/members/{id}/role {"role": "member"|"moderator"|"admin"} (admins)
//   GET  moderation/members?q&limit (name or email)
//   GET  moderation/audit?member&limit
//
// Warnings reach the member as an in-app notification (kWarning). A future email of
// the warning hooks in at OnWarning below (ModerationHooks), after the write commits.
//
// Thread-safety: the handlers are thread-safe (see router.h).

#include <functional>

#include "ledd/server/router.h"
#include "ledd/store/store.h"

namespace ledd::server {

// What the server may do besides the store write when a moderator acts. Each hook runs
// after the action's transaction has committed, on the request's worker thread; empty
// hooks do nothing.
struct ModerationHooks {
  // A member was warned: `entry` is the audit row (target, reason). The place to queue
  // an email of the warning, in the member's language, once mail exists.
  std::function<void(const store::AuditEntry& entry)> on_warning;
};

// `store` must outlive the routes.
void AddModerationRoutes(Router& router, store::Store& store, ModerationHooks hooks = {});

}  // namespace ledd::server
