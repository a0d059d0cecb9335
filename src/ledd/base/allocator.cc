#include "ledd/base/allocator.h"

#if LEDD_JEMALLOC
#include <jemalloc/jemalloc.h>

#include <string>
#endif

namespace ledd {

void ReturnFreeMemory() {
#if LEDD_JEMALLOC
  // MALLCTL_ARENAS_ALL: every arena. Failure leaves the pages to jemalloc's own decay.
  static const std::string kPurgeAll = "arena." + std::to_string(MALLCTL_ARENAS_ALL) + ".purge";
  (void)mallctl(kPurgeAll.c_str(), nullptr, nullptr, nullptr, 0);
#endif
}

}  // namespace ledd
