#pragma once
// Outgoing mail over SMTP with libcurl: the only code that sees curl.h.
//
// SendMail hands one store::OutgoingMail to an SMTP server (a relay: the organization's
// mail provider or a local MTA) and returns once the server accepted or refused it. The
// message is MIME: a text/plain part and, when the mail has HTML, a text/html
// alternative (both UTF-8, quoted-printable), with the headers From, To, Subject
// (RFC 2047 encoded when not ASCII), Date (the mail's created_at), Message-ID, and, when
// the mail has an unsubscribe URL, List-Unsubscribe and List-Unsubscribe-Post:
// List-Unsubscribe=One-Click (RFC 8058).
//
// Thread-safety: SendMail may be called from any thread (each call has its own curl
// handle); it blocks for up to options.timeout_seconds, so it must not run while a
// store transaction is open or on a request thread.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "ledd/store/model.h"

namespace ledd::mail {

// Whether the connection must be encrypted with STARTTLS (smtp:// URLs only; smtps://
// is TLS from the first byte).
enum class StartTls {
  kWhenOffered,  // Upgrade when the server offers STARTTLS; otherwise send in the clear.
  kRequired,     // Fail (Unavailable) unless the connection is upgraded.
};

struct SmtpOptions {
  // "smtp://host:port" or "smtps://host:port" (587 and 465 by convention).
  std::string url;
  // Both empty: no AUTH. Otherwise AUTH (PLAIN or LOGIN, as the server offers).
  std::string username;
  std::string password;
  // The From header, "ledd <noreply@example.org>" or "noreply@example.org"; its
  // address is also the envelope sender and names the Message-ID's domain.
  std::string from;
  StartTls starttls = StartTls::kWhenOffered;
  // Certificates (PEM) to trust for the server's; "" = the system's.
  std::string ca_file;
  int timeout_seconds = 30;  // For the whole exchange, connecting included.
};

// OK for options SendMail can use: an smtp:// or smtps:// URL with a host, a `from`
// with one address (ValidateEmail), a positive timeout. InvalidArgument naming what is
// wrong otherwise.
absl::Status ValidateSmtpOptions(const SmtpOptions& options);

// Sends `mail` (mail.to, from options.from). Returns:
//   OK                  the server accepted it for delivery
//   FailedPrecondition  the server refused it for good (a 5xx answer to MAIL FROM,
//                       RCPT TO or DATA: "550 5.1.1 mailbox unavailable"); sending it
//                       again cannot succeed
//   PermissionDenied    the server refused the credentials
//   Unavailable         anything that may pass: the server cannot be reached, timed
//                       out, answered 4xx, or did not offer STARTTLS when required
//   InvalidArgument     options that ValidateSmtpOptions refuses, or a mail
//                       ValidateOutgoingMail refuses
// Each error names the server's answer or curl's reason.
absl::Status SendMail(const SmtpOptions& options, const store::OutgoingMail& mail);

// `subject` as a header value: itself when printable ASCII, else RFC 2047 encoded
// words ("=?UTF-8?B?...?=", each at most 75 characters, split between characters,
// separated by spaces). Exposed for tests.
std::string EncodeHeaderText(std::string_view subject);

// The address of a From value: "noreply@example.org" for "ledd <noreply@example.org>"
// or for "noreply@example.org". Exposed for tests.
std::string AddressOf(std::string_view from);

}  // namespace ledd::mail
