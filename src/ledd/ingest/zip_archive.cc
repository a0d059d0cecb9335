#include "ledd/ingest/zip_archive.h"

#include <zip.h>

#include <array>
#include <memory>

#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"

namespace ledd::ingest {
namespace {

struct ArchiveDiscarder {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
struct SourceFreer {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using Archive = std::unique_ptr<zip_t, ArchiveDiscarder>;
using Source = std::unique_ptr<zip_source_t, SourceFreer>;

std::string ErrorText(zip_error_t& error) {
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

}  // namespace

absl::StatusOr<std::string> WriteZip(const std::vector<ZipEntry>& entries) {
  absl::flat_hash_set<std::string_view> names;
  for (const ZipEntry& entry : entries) {
    if (entry.name.empty() || !names.insert(entry.name).second) {
      return absl::InvalidArgumentError(
          fmt::format("ZIP entry name \"{}\" is empty or used twice", entry.name));
    }
  }
  zip_error_t error;
  zip_error_init(&error);
  // The archive is written into this growing buffer source; it is kept past
  // zip_close so that its bytes can be read back.
  Source buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (buffer == nullptr) return absl::InternalError("zip: " + ErrorText(error));
  zip_t* raw = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (raw == nullptr) return absl::InternalError("zip: " + ErrorText(error));
  zip_error_fini(&error);
  zip_source_keep(buffer.get());
  Archive archive(raw);
  for (const ZipEntry& entry : entries) {
    // The contents outlive zip_close (they are the caller's), so libzip need not copy.
    zip_source_t* source =
        zip_source_buffer(archive.get(), entry.contents.data(), entry.contents.size(), 0);
    if (source == nullptr) {
      return absl::InternalError(fmt::format("zip: {}: {}", entry.name, zip_strerror(archive.get())));
    }
    const zip_int64_t index =
        zip_file_add(archive.get(), entry.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      return absl::InternalError(fmt::format("zip: {}: {}", entry.name, zip_strerror(archive.get())));
    }
  }
  if (zip_close(archive.get()) != 0) {
    return absl::InternalError(fmt::format("zip: {}", zip_strerror(archive.get())));
  }
  (void)archive.release();  // zip_close freed it.

  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(buffer.get(), &stat) != 0 || zip_source_open(buffer.get()) != 0) {
    return absl::InternalError("zip: cannot read the written archive");
  }
  std::string bytes(static_cast<size_t>(stat.size), '\0');
  const zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), bytes.size());
  zip_source_close(buffer.get());
  if (read < 0 || static_cast<size_t>(read) != bytes.size()) {
    return absl::InternalError("zip: cannot read the written archive");
  }
  return bytes;
}

absl::StatusOr<std::vector<ZipEntry>> ReadZip(std::string_view bytes, size_t max_entry_bytes,
                                              size_t max_entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    return absl::ResourceExhaustedError("cannot read the ZIP archive: " + ErrorText(error));
  }
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (raw == nullptr) {
    zip_source_free(source);
    return absl::InvalidArgumentError("the file is not a readable ZIP archive: " +
                                      ErrorText(error));
  }
  zip_error_fini(&error);
  Archive archive(raw);
  std::vector<ZipEntry> entries;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t index = 0; index < count; ++index) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
        !(stat.valid & ZIP_STAT_NAME)) {
      return absl::InvalidArgumentError(fmt::format("ZIP entry {}: cannot read it", index));
    }
    std::string name = stat.name;
    if (!name.empty() && name.back() == '/') continue;  // A directory.
    if (entries.size() == max_entries) {
      return absl::InvalidArgumentError(
          fmt::format("the ZIP archive holds more than {} files", max_entries));
    }
    const auto too_large = [&] {
      return absl::InvalidArgumentError(
          fmt::format("{}: larger than {} MB uncompressed", name, max_entry_bytes >> 20));
    };
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > max_entry_bytes) return too_large();
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
      return absl::InvalidArgumentError(fmt::format("{}: encrypted in the ZIP", name));
    }
    std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
    if (file == nullptr) {
      return absl::InvalidArgumentError(
          fmt::format("{}: cannot open it in the ZIP: {}", name, zip_strerror(archive.get())));
    }
    ZipEntry entry;
    entry.name = std::move(name);
    std::array<char, 64 * 1024> chunk;
    while (true) {
      // The declared size is not trusted: reading stops past the limit.
      const zip_int64_t read = zip_fread(file.get(), chunk.data(), chunk.size());
      if (read < 0) {
        return absl::InvalidArgumentError(fmt::format("{}: damaged in the ZIP: {}", entry.name,
                                                      zip_file_strerror(file.get())));
      }
      if (read == 0) break;
      if (entry.contents.size() + static_cast<size_t>(read) > max_entry_bytes) return too_large();
      entry.contents.append(chunk.data(), static_cast<size_t>(read));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace ledd::ingest
