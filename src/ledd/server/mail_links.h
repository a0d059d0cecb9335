#pragma once
// Unsubscribe links: what each mail's List-Unsubscribe URL (RFC 8058 one-click) and
// the web page #/unsubscribe carry. A token names exactly what it switches off — one
// kind of a member's mail, one email subscription to a member's posts, or invitation
// mail to one address — and is signed with HMAC-SHA-256 under a key kept in the store
// (Store::GetOrAddSecret, made at random on first use and shared by every process on
// the database), so no one can make the token of another member or address. Tokens do
// not expire: an old mail's link keeps working, and it can only switch mail off.
//
// Thread-safety: immutable after Create; thread-safe.

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::server {

// What an unsubscribe token switches off: exactly one of the three.
struct UnsubscribeTarget {
  enum class Kind { kMemberMail, kSubscription, kInvitationMail };
  Kind kind = Kind::kMemberMail;
  MemberId member = 0;                                // kMemberMail
  store::EmailKind email_kind = store::EmailKind::kInvitations;  // kMemberMail
  store::PostSubscriptionId subscription = 0;         // kSubscription
  std::string email;                                  // kInvitationMail (folded)

  friend bool operator==(const UnsubscribeTarget&, const UnsubscribeTarget&) = default;
};

class MailLinks {
 public:
  // Reads (or makes and stores) the signing key. Requires libsodium initialized.
  static absl::StatusOr<std::unique_ptr<MailLinks>> Create(store::Store& store);

  // The token for `target` (URL-safe: letters, digits, '-', '_' and '.').
  std::string Token(const UnsubscribeTarget& target) const;
  // What `token` switches off. NotFound ("the unsubscribe link is not valid") for a
  // token this server did not sign, or one that is malformed.
  absl::StatusOr<UnsubscribeTarget> Parse(const std::string& token) const;

  // `origin` + "/api/v1/unsubscribe?token=" + Token(target): the List-Unsubscribe URL.
  std::string OneClickUrl(const std::string& origin, const UnsubscribeTarget& target) const;
  // `origin` + "/#/unsubscribe?token=" + Token(target): the page linked in the body.
  std::string PageUrl(const std::string& origin, const UnsubscribeTarget& target) const;

 private:
  explicit MailLinks(std::string key) : key_(std::move(key)) {}
  std::string Sign(const std::string& payload) const;
  const std::string key_;
};

}  // namespace ledd::server
