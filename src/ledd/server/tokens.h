#pragma once
// Random tokens and what the store keeps of them: session and CSRF tokens
// (accounts.h) and the tokens of sign-up links (email_invitations.h). A token is 32
// random bytes from libsodium, written base64url without padding (safe in cookies,
// headers and URLs as it is); the store keeps only its 32-byte BLAKE2b hash, so a copy
// of the database grants nothing. A token is 256 random bits, so a fast unsalted hash
// is enough: there is nothing to guess.
//
// Thread-safety: thread-safe once libsodium is initialized (sodium_init, which
// Accounts::Create calls).

#include <string>

namespace ledd::server {

// A new random token (43 characters of base64url).
std::string RandomToken();

// The raw 32-byte BLAKE2b hash of `token`, as the store keeps it.
std::string TokenHash(const std::string& token);

}  // namespace ledd::server
