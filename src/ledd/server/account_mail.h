#pragma once
// The mail the account flows send (accounts.h): email verification, password reset,
// and the notice to an old address that the email was changed. Each is written in the
// account's language ("en" or "nb"; anything else is English), as plain text with an
// HTML alternative, and returned as a store::OutgoingMail for the caller's store write
// to enqueue. Pure functions; thread-safe.

#include <string>

#include "ledd/store/model.h"

namespace ledd::server {

struct AccountMailContext {
  std::string language;    // "en" | "nb".
  std::string to;          // The recipient's address.
  std::string first_name;  // For the greeting; may be empty.
  Timestamp at = 0;        // created_at of the mail.
};

// `link` is "<origin>/#/verify?token=...".
store::OutgoingMail VerificationMail(const AccountMailContext& context, const std::string& link);
// `link` is "<origin>/#/reset?token=...".
store::OutgoingMail PasswordResetMail(const AccountMailContext& context, const std::string& link);
// To the old address (context.to) after a change to `new_email`.
store::OutgoingMail EmailChangedMail(const AccountMailContext& context,
                                     const std::string& new_email);

// `text` with &, <, >, " and ' escaped for HTML.
std::string EscapeHtml(const std::string& text);

}  // namespace ledd::server
