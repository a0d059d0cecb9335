#include "testing/run.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "testing/temp_dir.h"

namespace ledd::testing {

RunResult RunCommand(const std::string& command) {
  TempDir dir;
  std::string err_path = dir.File("stderr");
  RunResult result;
  std::FILE* pipe = popen((command + " 2>" + err_path).c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[1 << 14];
  size_t read;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, read);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream content;
  content << err.rdbuf();
  result.err = content.str();
  return result;
}

std::string LeddBinary() {
#ifdef LEDD_BINARY
  return LEDD_BINARY;
#else
  return "ledd";
#endif
}

}  // namespace ledd::testing
