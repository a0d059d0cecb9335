#pragma once
// Runs a shell command and captures its exit status, stdout and stderr. For tests
// that drive the real ledd binary.

#include <string>

namespace ledd::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

RunResult RunCommand(const std::string& command);

// The ledd binary under test.
std::string LeddBinary();

}  // namespace ledd::testing
