#pragma once
// A fresh directory under $TMPDIR (or /tmp) that is removed with everything in it
// when the object goes out of scope. For tests only.

#include <string>

namespace ledd::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string File(const std::string& name) const;

 private:
  std::string path_;
};

// The shared data sets (../shared/data), as an absolute path.
std::string SharedData(const std::string& relative);

}  // namespace ledd::testing
