#include "testing/temp_dir.h"

#include <cstdlib>
#include <filesystem>

namespace ledd::testing {

TempDir::TempDir() {
  const char* root = std::getenv("TMPDIR");
  std::string pattern = std::string(root != nullptr ? root : "/tmp") + "/ledd-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) std::abort();
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::File(const std::string& name) const { return path_ + "/" + name; }

std::string SharedData(const std::string& relative) {
#ifdef LEDD_SHARED_DATA
  return std::string(LEDD_SHARED_DATA) + "/" + relative;
#else
  return "../shared/data/" + relative;
#endif
}

}  // namespace ledd::testing
