#pragma once
// The mail ledd writes about notifications, subscriptions and email invitations, in
// English ("en") or Bokmål ("nb"): subject, plain text and its HTML alternative, the
// unsubscribe URL and the kind. Pure functions of their arguments: no store, no clock.
// Links are absolute (`origin` is the server's public origin, "https://ledd.example").
//
// Thread-safety: pure functions; thread-safe.

#include <string>
#include <vector>

#include "ledd/store/model.h"

namespace ledd::server {

// The person a mail speaks of.
struct MailPerson {
  std::string name;      // "Kari Nordmann"
  std::string headline;  // May be empty.
};

// Where a mail's unsubscribe links point: the one-click URL (List-Unsubscribe) and the
// page linked in the body.
struct UnsubscribeLinks {
  std::string one_click;
  std::string page;
};

// One line of a digest.
struct DigestLine {
  store::NotificationKind kind = store::NotificationKind::kNewPost;
  std::string who;    // Who did it; not shown for comments.
  std::string title;  // The post's title, for posts; may be empty.
};

// "Kari Nordmann" from a member's names; "member 7" when both are empty.
std::string PersonName(const store::Member& member);

// A new invitation to `to`: sender, headline, note and a link to the received box.
store::OutgoingMail InvitationMail(const std::string& language, const std::string& to,
                                   const MailPerson& from, const std::string& note,
                                   const std::string& origin, const UnsubscribeLinks& unsubscribe);
// `to`'s invitation was accepted by `by` (member id `by_id`, linked).
store::OutgoingMail AcceptedMail(const std::string& language, const std::string& to,
                                 const MailPerson& by, MemberId by_id, const std::string& origin,
                                 const UnsubscribeLinks& unsubscribe);
// A new post by someone `to` follows.
store::OutgoingMail FollowedPostMail(const std::string& language, const std::string& to,
                                     const MailPerson& author, const store::Post& post,
                                     const std::string& origin,
                                     const UnsubscribeLinks& unsubscribe);
// The digest of `lines` (at least one), `total` of them unread in all.
store::OutgoingMail DigestMail(const std::string& language, const std::string& to,
                               const std::vector<DigestLine>& lines, int64_t total,
                               const std::string& origin, const UnsubscribeLinks& unsubscribe);
// Confirm a subscription to `author`'s posts (double opt-in); `confirm_url` opens the
// page that confirms.
store::OutgoingMail SubscriptionConfirmMail(const std::string& language, const std::string& to,
                                            const MailPerson& author,
                                            const std::string& confirm_url,
                                            const UnsubscribeLinks& unsubscribe);
// A new public post of `author` (member `author_id`) to a confirmed subscriber.
store::OutgoingMail SubscriberPostMail(const std::string& language, const std::string& to,
                                       const MailPerson& author, MemberId author_id,
                                       const store::Post& post, const std::string& origin,
                                       const UnsubscribeLinks& unsubscribe);
// An invitation to join, with its sign-up link, to someone who is not a member.
store::OutgoingMail EmailInvitationMail(const std::string& language, const std::string& to,
                                        const MailPerson& from, const std::string& note,
                                        const std::string& signup_url,
                                        const UnsubscribeLinks& unsubscribe);

}  // namespace ledd::server
