// The allocator every ledd program links: jemalloc, with its regions advised for
// transparent huge pages (src/ledd/base/jemalloc_conf.cc), and ReturnFreeMemory
// (src/ledd/base/allocator.h).

#include "ledd/base/allocator.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

#if LEDD_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

namespace ledd {
namespace {

#if LEDD_JEMALLOC
// The kernel's transparent huge page mode ("always", "madvise" or "never"): the word in
// brackets of /sys/kernel/mm/transparent_hugepage/enabled; empty without the file.
std::string TransparentHugePages() {
  std::ifstream file("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(file, line);
  const size_t open = line.find('[');
  const size_t close = line.find(']', open);
  if (open == std::string::npos || close == std::string::npos) return "";
  return line.substr(open + 1, close - open - 1);
}

// The kB of AnonHugePages in /proc/self/smaps_rollup: anonymous memory in huge pages.
long AnonHugePagesKiB() {
  std::ifstream file("/proc/self/smaps_rollup");
  std::string line;
  while (std::getline(file, line)) {
    if (line.rfind("AnonHugePages:", 0) == 0) {
      std::istringstream fields(line.substr(std::strlen("AnonHugePages:")));
      long kib = 0;
      fields >> kib;
      return kib;
    }
  }
  return -1;
}

TEST(Allocator, IsJemallocAdvisingHugePages) {
  const char* thp = nullptr;
  size_t size = sizeof(thp);
  ASSERT_EQ(mallctl("opt.thp", &thp, &size, nullptr, 0), 0);
  EXPECT_STREQ(thp, "always");
}

TEST(Allocator, FaultsLargeAllocationsInHugePages) {
  const std::string mode = TransparentHugePages();
  if (mode != "always" && mode != "madvise") {
    GTEST_SKIP() << "transparent huge pages are \"" << mode << "\" here";
  }
  const long before = AnonHugePagesKiB();
  ASSERT_GE(before, 0) << "no /proc/self/smaps_rollup";
  // 64 MiB, touched once a page as a vector's fill would.
  constexpr size_t kBytes = size_t{64} << 20;
  std::unique_ptr<char[]> block(new char[kBytes]);
  for (size_t k = 0; k < kBytes; k += 4096) block[k] = static_cast<char>(k);
  // At least half of it: the ends of the block need not be 2 MiB-aligned, and the kernel
  // may find no free huge page now and then.
  EXPECT_GE(AnonHugePagesKiB() - before, static_cast<long>(kBytes / 1024 / 2));
  EXPECT_EQ(block[4096], static_cast<char>(4096));
}

// Pages freed but still held by jemalloc, over all arenas.
size_t DirtyPages() {
  uint64_t epoch = 1;
  size_t size = sizeof(epoch);
  mallctl("epoch", &epoch, &size, &epoch, size);  // Refreshes the statistics.
  size_t dirty = 0;
  size = sizeof(dirty);
  const std::string name = "stats.arenas." + std::to_string(MALLCTL_ARENAS_ALL) + ".pdirty";
  EXPECT_EQ(mallctl(name.c_str(), &dirty, &size, nullptr, 0), 0);
  return dirty;
}

TEST(Allocator, ReturnFreeMemoryHandsFreedPagesBack) {
  {
    // 64 MiB in blocks of 64 KiB, as a load's row buffers: a block of 8 MiB or more
    // jemalloc returns as it is freed.
    std::vector<std::unique_ptr<char[]>> blocks(1024);
    for (auto& block : blocks) {
      block.reset(new char[64 << 10]);
      for (size_t k = 0; k < (64 << 10); k += 4096) block[k] = 1;
    }
  }
  // jemalloc keeps the freed blocks for seconds (its decay), then returns them bit by bit.
  ASSERT_GT(DirtyPages(), 0u);
  ReturnFreeMemory();
  EXPECT_EQ(DirtyPages(), 0u);
}
#endif  // Sanitizer and fuzz builds run on their runtime's malloc: nothing to test.

}  // namespace
}  // namespace ledd
