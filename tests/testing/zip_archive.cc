#include "testing/zip_archive.h"

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ledd::testing {
namespace {

[[noreturn]] void Fail(const char* what, const char* detail) {
  std::fprintf(stderr, "MakeZip: %s: %s\n", what, detail);
  std::abort();
}

}  // namespace

std::string MakeZip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) Fail("buffer", zip_error_strerror(&error));
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) Fail("open", zip_error_strerror(&error));
  zip_source_keep(buffer);  // Read it back after zip_close.
  for (const ZipEntry& entry : entries) {
    zip_source_t* source =
        zip_source_buffer(archive, entry.contents.data(), entry.contents.size(), 0);
    if (source == nullptr) Fail("entry", zip_strerror(archive));
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      Fail("add", zip_strerror(archive));
    }
    if (entry.stored &&
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) != 0) {
      Fail("store", zip_strerror(archive));
    }
  }
  if (zip_close(archive) != 0) Fail("close", zip_strerror(archive));
  std::string bytes;
  if (zip_source_open(buffer) != 0) Fail("reopen", zip_error_strerror(zip_source_error(buffer)));
  char chunk[65536];
  while (true) {
    const zip_int64_t read = zip_source_read(buffer, chunk, sizeof chunk);
    if (read < 0) Fail("read", zip_error_strerror(zip_source_error(buffer)));
    if (read == 0) break;
    bytes.append(chunk, static_cast<size_t>(read));
  }
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

std::vector<ZipEntry> EntriesFromDirectory(const std::string& directory,
                                           const std::vector<std::string>& names,
                                           const std::string& prefix) {
  std::vector<ZipEntry> entries;
  for (const std::string& name : names) {
    std::ifstream in(directory + "/" + name, std::ios::binary);
    if (!in) Fail("missing test file", (directory + "/" + name).c_str());
    std::ostringstream contents;
    contents << in.rdbuf();
    entries.push_back({.name = prefix + name, .contents = contents.str()});
  }
  return entries;
}

std::string LinkedInSampleDirectory() { return LEDD_LINKEDIN_SAMPLE; }

}  // namespace ledd::testing
