#pragma once
// data/common-passwords.txt (Openwall's list of the most common passwords, from
// Debian's john-data; the file's header says where it comes from), compiled into the
// binary (see CMakeLists.txt) so that a server refuses them wherever it runs.
//
// Thread-safe: the set is built once, on first use.

#include <string_view>

namespace ledd::server {

// Whether `password`, lower-cased (ASCII), is on the list.
bool IsCommonPassword(std::string_view password);

}  // namespace ledd::server
