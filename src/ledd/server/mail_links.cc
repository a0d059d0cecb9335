#include "ledd/server/mail_links.h"

#include <sodium.h>

#include <charconv>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"

namespace ledd::server {
namespace {

constexpr char kSecretName[] = "unsubscribe-links";
// Longer than any token Token makes (an address is at most 254 characters).
constexpr size_t kMaxTokenBytes = 600;

std::string Base64(std::string_view bytes) {
  std::string text(
      sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.find('\0'));
  return text;
}

std::optional<std::string> FromBase64(std::string_view text) {
  std::string bytes(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::optional<int64_t> PositiveInt(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

absl::Status Invalid() { return absl::NotFoundError("the unsubscribe link is not valid"); }

}  // namespace

absl::StatusOr<std::unique_ptr<MailLinks>> MailLinks::Create(store::Store& store) {
  if (sodium_init() < 0) return absl::InternalError("libsodium failed to initialize");
  std::string candidate(crypto_auth_hmacsha256_KEYBYTES, '\0');
  randombytes_buf(candidate.data(), candidate.size());
  LEDD_ASSIGN_OR_RETURN(std::string key, store.GetOrAddSecret(kSecretName, candidate));
  return std::unique_ptr<MailLinks>(new MailLinks(std::move(key)));
}

std::string MailLinks::Sign(const std::string& payload) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()),
                              key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(payload.data()),
                                payload.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return Base64(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string MailLinks::Token(const UnsubscribeTarget& target) const {
  std::string payload;
  switch (target.kind) {
    case UnsubscribeTarget::Kind::kMemberMail:
      payload = fmt::format("m.{}.{}", target.member, store::EmailKindName(target.email_kind));
      break;
    case UnsubscribeTarget::Kind::kSubscription:
      payload = fmt::format("s.{}", target.subscription);
      break;
    case UnsubscribeTarget::Kind::kInvitationMail:
      payload = fmt::format("e.{}", Base64(store::FoldEmail(target.email)));
      break;
  }
  return fmt::format("{}.{}", payload, Sign(payload));
}

absl::StatusOr<UnsubscribeTarget> MailLinks::Parse(const std::string& token) const {
  if (token.empty() || token.size() > kMaxTokenBytes) return Invalid();
  const size_t dot = token.rfind('.');
  if (dot == std::string::npos) return Invalid();
  const std::string payload = token.substr(0, dot);
  const std::string expected = Sign(payload);
  const std::string given = token.substr(dot + 1);
  if (given.size() != expected.size() ||
      sodium_memcmp(given.data(), expected.data(), expected.size()) != 0) {
    return Invalid();
  }
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t end = payload.find('.', start);
    parts.push_back(std::string_view(payload).substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  UnsubscribeTarget target;
  if (parts.size() == 3 && parts[0] == "m") {
    std::optional<int64_t> member = PositiveInt(parts[1]);
    absl::StatusOr<store::EmailKind> kind = store::ParseEmailKind(parts[2]);
    if (!member.has_value() || !kind.ok()) return Invalid();
    target.kind = UnsubscribeTarget::Kind::kMemberMail;
    target.member = *member;
    target.email_kind = *kind;
    return target;
  }
  if (parts.size() == 2 && parts[0] == "s") {
    std::optional<int64_t> id = PositiveInt(parts[1]);
    if (!id.has_value()) return Invalid();
    target.kind = UnsubscribeTarget::Kind::kSubscription;
    target.subscription = *id;
    return target;
  }
  if (parts.size() == 2 && parts[0] == "e") {
    std::optional<std::string> email = FromBase64(parts[1]);
    if (!email.has_value()) return Invalid();
    target.kind = UnsubscribeTarget::Kind::kInvitationMail;
    target.email = *std::move(email);
    return target;
  }
  return Invalid();
}

std::string MailLinks::OneClickUrl(const std::string& origin,
                                   const UnsubscribeTarget& target) const {
  return fmt::format("{}/api/v1/unsubscribe?token={}", origin, Token(target));
}

std::string MailLinks::PageUrl(const std::string& origin, const UnsubscribeTarget& target) const {
  return fmt::format("{}/#/unsubscribe?token={}", origin, Token(target));
}

}  // namespace ledd::server
