#pragma once
// One HTTP request and its answer as plain values, between the socket layer
// (http_server.h, the only code that sees Boost.Beast) and the router. Keeping Beast's
// types out of this header keeps them out of every route file, which only needs a
// method, a path, headers and a body.
//
// The path is kept in a *matching form*: percent-decoded, except that "%2F" (an encoded
// "/") and "%25" (an encoded "%") stay encoded, so a route's regex sees the same
// segments the client meant ("a%2Fb" is one segment) and a group is decoded once, by
// DecodeComponent, when a handler asks for it.
//
// Values; no thread-safety of their own.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace ledd::server {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // As sent ("GET", or a made-up word).
  std::string target;  // As sent: path and query, percent-encoded.
  std::string path;    // The matching form (see above); never holds a NUL.
  // The query parameters, decoded ("+" is a space), in the order sent; a key may repeat.
  std::vector<std::pair<std::string, std::string>> params;
  HeaderList headers;  // Names as sent; compare them with EqualsIgnoringCase.
  std::string body;
  // The client's address: the peer, or the client a trusted proxy names
  // (ServerOptions::trusted_proxies).
  std::string remote_addr;

  // The value of the first header `name` (case-insensitive), or "".
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  // The value of the cookie `name` in the Cookie header, or "".
  std::string Cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  HeaderList headers;  // Besides Content-Type and Content-Length, which come from below.
  std::string content_type;
  std::string body;

  // Replaces the header `name` (case-insensitive) or adds it.
  void SetHeader(std::string_view name, std::string value);
};

bool EqualsIgnoringCase(std::string_view a, std::string_view b);

// POST, PUT, PATCH or DELETE: a method that changes something.
bool IsWriteMethod(std::string_view method);

// The path of a request target in the matching form. InvalidArgument for a malformed
// escape, an encoded or raw NUL, or a path that does not start with "/".
absl::StatusOr<std::string> MatchingPath(std::string_view raw_path);

// Every %XX of `text` decoded (with `plus_is_space`, "+" too, as in a query string).
// InvalidArgument for a malformed escape.
absl::StatusOr<std::string> DecodeComponent(std::string_view text, bool plus_is_space = false);

// Splits a request target into the matching path and the decoded query parameters.
// InvalidArgument as MatchingPath, or for a malformed escape in the query.
absl::Status ParseTarget(std::string_view target, HttpRequest& request);

}  // namespace ledd::server
