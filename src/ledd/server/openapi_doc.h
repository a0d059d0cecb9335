#pragma once
// docs/openapi.json, compiled into the binary (see CMakeLists.txt): the server answers
// GET /api/v1/openapi.json with it, wherever the source tree is.

#include <string_view>

namespace ledd::server {

std::string_view OpenApiDocument();

}  // namespace ledd::server
