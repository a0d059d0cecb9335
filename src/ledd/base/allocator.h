#pragma once
// The allocator's free memory. ledd's programs run on jemalloc (jemalloc_conf.cc), which
// returns the pages of freed memory to the system bit by bit over the next seconds, on
// the threads that allocate meanwhile. After a phase that frees a lot at once (the
// in-memory network's load frees gigabytes of rows read), that trickle lands on the
// first queries: with huge pages each page handed back splits one, and each one reused
// faults in 2 MiB. ReturnFreeMemory hands it all back at once instead.

namespace ledd {

// Returns every page the allocator holds free to the system (jemalloc: purges all its
// arenas; another malloc: nothing). Takes milliseconds after a load of 1M members.
void ReturnFreeMemory();

}  // namespace ledd
