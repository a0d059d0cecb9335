#pragma once
// Large pages for large arrays that are read at random.
//
// Queries read members' adjacency rows, attribute columns and scratch marks at random
// over hundreds of MiB. With 4 KiB pages nearly every such read also misses the TLB and
// pays a page-table walk; 2 MiB pages cover the same arrays with a few hundred entries.
// Linux gives anonymous memory large pages on demand when the range is advised
// (transparent huge pages in "madvise" mode, the common default), but only for pages
// not yet touched: reserve, advise, then fill.
//
// These are hints: where the system does not support them they do nothing, and no
// behaviour depends on them. Thread-safety: as for the vector passed in.

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ledd {

// Advises the kernel to back the 2 MiB-aligned part of [data, data + bytes) with large
// pages. Ranges smaller than one large page are left alone.
inline void AdviseHugePages(const void* data, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHugePage - 1);
  if (begin < end) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

// Reserves room for `count` elements in an empty `vector` and advises large pages for
// it, so that the resize() or assign() that follows faults in large pages.
template <typename T>
void ReserveHugePages(std::vector<T>& vector, size_t count) {
  vector.reserve(count);
  AdviseHugePages(vector.data(), vector.capacity() * sizeof(T));
}

}  // namespace ledd
