#include "ledd/mail/smtp.h"

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "fmt/format.h"

namespace ledd::mail {
namespace {

// curl_global_init is not to be raced with other curl calls on older libcurl; once per
// process is what it asks for.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
  void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlDeleter>;
using CurlMime = std::unique_ptr<curl_mime, CurlDeleter>;

// Appends `line` to `list`; false when curl could not allocate.
bool Append(CurlList& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) return false;
  (void)list.release();
  list.reset(grown);
  return true;
}

bool IsPrintableAscii(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e) return false;
  }
  return true;
}

// "<ledd.7.3f9a...@example.org>": unique without coordination (64 random bits beside
// the mail's id), in the sender's domain as RFC 5322 recommends.
std::string MessageId(const store::OutgoingMail& mail, std::string_view from_address) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  const size_t at = from_address.rfind('@');
  const std::string_view domain =
      at == std::string_view::npos ? std::string_view("localhost") : from_address.substr(at + 1);
  return fmt::format("<ledd.{}.{:016x}@{}>", mail.id, random(), domain);
}

absl::Status StatusOf(CURLcode code, long response, const char* error_buffer,
                      const std::string& url) {
  const std::string reason =
      error_buffer[0] != '\0' ? std::string(error_buffer) : std::string(curl_easy_strerror(code));
  const std::string message = fmt::format("SMTP {}: {}", url, reason);
  if (code == CURLE_LOGIN_DENIED) return absl::PermissionDeniedError(message);
  if (response >= 500 && response < 600 &&
      (code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_UPLOAD_FAILED ||
       code == CURLE_WEIRD_SERVER_REPLY)) {
    return absl::FailedPreconditionError(message);
  }
  return absl::UnavailableError(message);
}

}  // namespace

std::string AddressOf(std::string_view from) {
  const size_t open = from.rfind('<');
  const size_t close = from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && open < close) {
    return std::string(from.substr(open + 1, close - open - 1));
  }
  while (!from.empty() && from.front() == ' ') from.remove_prefix(1);
  while (!from.empty() && from.back() == ' ') from.remove_suffix(1);
  return std::string(from);
}

std::string EncodeHeaderText(std::string_view subject) {
  if (IsPrintableAscii(subject)) return std::string(subject);
  // 45 bytes encode to 60 base64 characters: with "=?UTF-8?B?" and "?=" a word stays
  // within RFC 2047's 75. Words end between UTF-8 characters, never inside one.
  constexpr size_t kMaxBytes = 45;
  std::string encoded;
  size_t begin = 0;
  while (begin < subject.size()) {
    size_t end = std::min(subject.size(), begin + kMaxBytes);
    while (end < subject.size() && end > begin &&
           (static_cast<unsigned char>(subject[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!encoded.empty()) encoded += ' ';
    encoded += "=?UTF-8?B?";
    encoded += absl::Base64Escape(absl::string_view(subject.data() + begin, end - begin));
    encoded += "?=";
    begin = end;
  }
  return encoded;
}

absl::Status ValidateSmtpOptions(const SmtpOptions& options) {
  const bool smtp = options.url.starts_with("smtp://");
  const bool smtps = options.url.starts_with("smtps://");
  if ((!smtp && !smtps) || options.url.size() <= (smtp ? 7u : 8u)) {
    return absl::InvalidArgumentError(fmt::format(
        "the SMTP URL must be smtp://HOST[:PORT] or smtps://HOST[:PORT], not \"{}\"",
        options.url));
  }
  if (options.from.empty()) {
    return absl::InvalidArgumentError("mail needs a sender address (--mail-from)");
  }
  if (absl::Status valid = store::ValidateEmail(AddressOf(options.from)); !valid.ok()) {
    return absl::InvalidArgumentError(
        fmt::format("the sender \"{}\" is not an email address", options.from));
  }
  if (!IsPrintableAscii(options.from)) {
    return absl::InvalidArgumentError(
        fmt::format("the sender \"{}\" must be plain ASCII", options.from));
  }
  if (options.username.empty() != options.password.empty()) {
    return absl::InvalidArgumentError("an SMTP user needs a password, and a password a user");
  }
  if (options.timeout_seconds <= 0) {
    return absl::InvalidArgumentError("the SMTP timeout must be positive");
  }
  return absl::OkStatus();
}

absl::Status SendMail(const SmtpOptions& options, const store::OutgoingMail& mail) {
  if (absl::Status valid = ValidateSmtpOptions(options); !valid.ok()) return valid;
  if (absl::Status valid = store::ValidateOutgoingMail(mail); !valid.ok()) return valid;
  InitCurlOnce();
  CurlHandle curl(curl_easy_init());
  if (curl == nullptr) return absl::ResourceExhaustedError("curl_easy_init failed");
  CURL* handle = curl.get();

  const std::string from_address = AddressOf(options.from);
  CurlList recipients;
  CurlList headers;
  const std::string date = absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000",
                                            absl::FromUnixSeconds(mail.created_at),
                                            absl::UTCTimeZone());
  bool allocated = Append(recipients, "<" + mail.to + ">") &&
                   Append(headers, "Date: " + date) &&
                   Append(headers, "From: " + options.from) &&
                   Append(headers, "To: <" + mail.to + ">") &&
                   Append(headers, "Subject: " + EncodeHeaderText(mail.subject)) &&
                   Append(headers, "Message-ID: " + MessageId(mail, from_address)) &&
                   Append(headers, "Auto-Submitted: auto-generated");
  if (allocated && !mail.unsubscribe_url.empty()) {
    allocated = Append(headers, "List-Unsubscribe: <" + mail.unsubscribe_url + ">") &&
                Append(headers, "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  }
  if (!allocated) return absl::ResourceExhaustedError("curl_slist_append failed");

  // multipart/mixed (curl's top level for mail) holding a multipart/alternative of
  // the text and the HTML, or the text alone.
  CurlMime message(curl_mime_init(handle));
  CurlMime alternative(mail.html.empty() ? nullptr : curl_mime_init(handle));
  if (message == nullptr || (!mail.html.empty() && alternative == nullptr)) {
    return absl::ResourceExhaustedError("curl_mime_init failed");
  }
  auto add_text = [](curl_mime* mime, const std::string& body, const char* type) {
    curl_mimepart* part = curl_mime_addpart(mime);
    return part != nullptr && curl_mime_data(part, body.data(), body.size()) == CURLE_OK &&
           curl_mime_type(part, type) == CURLE_OK &&
           curl_mime_encoder(part, "quoted-printable") == CURLE_OK;
  };
  if (mail.html.empty()) {
    if (!add_text(message.get(), mail.text, "text/plain; charset=UTF-8")) {
      return absl::ResourceExhaustedError("building the MIME message failed");
    }
  } else {
    if (!add_text(alternative.get(), mail.text, "text/plain; charset=UTF-8") ||
        !add_text(alternative.get(), mail.html, "text/html; charset=UTF-8")) {
      return absl::ResourceExhaustedError("building the MIME message failed");
    }
    curl_mimepart* part = curl_mime_addpart(message.get());
    if (part == nullptr || curl_mime_subparts(part, alternative.get()) != CURLE_OK) {
      return absl::ResourceExhaustedError("building the MIME message failed");
    }
    (void)alternative.release();  // Owned by `message` now.
    if (curl_mime_type(part, "multipart/alternative") != CURLE_OK) {
      return absl::ResourceExhaustedError("building the MIME message failed");
    }
  }

  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_URL, options.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // No SIGALRM in a threaded server.
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(options.timeout_seconds));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.timeout_seconds));
  curl_easy_setopt(handle, CURLOPT_USE_SSL, options.starttls == StartTls::kRequired
                                                ? static_cast<long>(CURLUSESSL_ALL)
                                                : static_cast<long>(CURLUSESSL_TRY));
  if (!options.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_file.c_str());
  if (!options.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, options.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, options.password.c_str());
  }
  const std::string envelope_from = "<" + from_address + ">";
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_MIMEPOST, message.get());

  const CURLcode code = curl_easy_perform(handle);
  if (code == CURLE_OK) return absl::OkStatus();
  long response = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response);
  return StatusOf(code, response, error_buffer, options.url);
}

}  // namespace ledd::mail
