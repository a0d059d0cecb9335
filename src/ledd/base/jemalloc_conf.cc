// jemalloc's settings for every ledd program that links it (CMakeLists.txt: all but the
// sanitizer and fuzz builds, whose runtimes bring their own malloc). allocator.h hands
// freed memory back at once after a load.
//
// thp:always advises every region jemalloc maps for transparent huge pages, so that
// memory is faulted in 2 MiB at a time instead of 4 KiB: on the virtual machines ledd
// was measured on, a page fault costs microseconds, and the import of a 1M-member
// network spent a third of its reading's CPU in them (docs/performance.md, "Huge pages
// for every allocation"). Where the kernel's transparent huge pages are "never" the
// advice does nothing. An operator overrides it with the environment variable
// MALLOC_CONF (e.g. thp:default), which jemalloc reads after this string.

extern "C" {
// jemalloc looks this global up by name at its first allocation.
const char* malloc_conf = "thp:always";
}
