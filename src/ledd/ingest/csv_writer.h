#pragma once
// Buffered RFC 4180 CSV output: comma-separated, "\n" line ends, fields quoted (by
// libcsv) only when they contain a comma, a quote or a line break.
//
// Not thread-safe; one writer per file. Write errors are sticky and reported by
// Close(), so hot loops need not check every call.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/base/ids.h"

namespace ledd::ingest {

class CsvWriter {
 public:
  // Creates (truncates) `path`.
  static absl::StatusOr<CsvWriter> Open(const std::string& path);
  // A writer that keeps its output in memory, for Contents() (a file to put in a ZIP).
  static CsvWriter InMemory();

  CsvWriter(CsvWriter&& other) noexcept;
  CsvWriter& operator=(CsvWriter&& other) = delete;
  CsvWriter(const CsvWriter&) = delete;
  ~CsvWriter();

  // Appends one field to the current row.
  void Text(std::string_view value);
  void Int(int64_t value);
  void DateTime(Timestamp value);  // 2019-08-14T09:30:00Z
  void Month(Timestamp value);     // 2019-08
  void Empty();                    // "none"
  // Ends the current row.
  void EndRow();

  // Convenience: a whole header or row of text fields.
  void Row(std::initializer_list<std::string_view> fields);

  // Flushes and closes; returns the first error met while writing.
  absl::Status Close();
  // What an InMemory() writer has written so far.
  const std::string& Contents() const { return buffer_; }

 private:
  CsvWriter(std::FILE* file, std::string path);
  void Separator();
  void Flush();

  std::FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
  bool row_started_ = false;
  bool failed_ = false;
};

}  // namespace ledd::ingest
