#pragma once
// A route of the HTTP API as the router registered it, for listing (the OpenAPI check).

#include <string>

namespace ledd::server {

struct RouteInfo {
  std::string method;   // "GET", "POST", "PUT" or "DELETE".
  std::string label;    // The OpenAPI path: "/api/v1/members/{id}".
  std::string pattern;  // The regex the router matches against the decoded path.
};

}  // namespace ledd::server
