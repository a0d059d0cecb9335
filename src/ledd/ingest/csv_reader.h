#pragma once
// A streaming RFC 4180 reader on top of libcsv, for the importers.
//
// Quoting, doubled quotes, embedded delimiters and line breaks are libcsv's job; this
// class adds what an importer needs around it: large buffered reads, the 1-based line
// number where each record starts (records span lines when a quoted field holds a line
// break), a header row looked up by name, and a field-count check that reports
// "FILE:LINE: expected N fields, found M". CRLF and LF line ends are both accepted,
// blank lines are skipped, and a UTF-8 byte order mark at the start is dropped. A file
// may open with free-text lines before its header (CsvOptions::header_prefix), which
// are skipped without being parsed as CSV. The input is a file (Open) or bytes already
// in memory (FromString, for files read out of a ZIP archive).
//
// Fields are handed out as string_views into a buffer the reader reuses: they are valid
// until the next call to Next(). Not thread-safe; one reader per file.
//
//   absl::StatusOr<CsvReader> reader = CsvReader::Open(path, {.delimiter = '|'});
//   absl::StatusOr<int> id = reader->Column("id");
//   while (true) {
//     absl::StatusOr<bool> more = reader->Next();
//     if (!more.ok()) return more.status();
//     if (!*more) break;
//     std::string_view value = reader->Field(*id);
//   }

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ledd::ingest {

struct CsvOptions {
  char delimiter = ',';
  // When true the first record is the header: Column() looks names up in it and every
  // later record must have as many fields. When false every record is data and the
  // field count is only checked once ExpectFields() is called.
  bool header = true;
  // Bytes read from the file per read call.
  size_t buffer_bytes = 4 << 20;
  // When not empty (and `header` is set), every line before the first one that starts
  // with this text is a preamble: skipped as plain text, so quotes in it do not matter
  // (LinkedIn's Connections.csv opens with a "Notes:" paragraph and a blank line before
  // "First Name,Last Name,..."). Line numbers still count from the input's first line.
  std::string header_prefix = "";
};

class CsvReader {
 public:
  // Opens `path` and, with options.header, reads the header row. NotFound if the file
  // is missing; InvalidArgument ("FILE: empty file, expected a header") if it has no
  // header row.
  static absl::StatusOr<CsvReader> Open(const std::string& path, const CsvOptions& options = {});
  // The same over `contents`, which the reader keeps; `name` stands for the path in
  // errors ("Positions.csv:7: ...").
  static absl::StatusOr<CsvReader> FromString(std::string name, std::string contents,
                                              const CsvOptions& options = {});

  CsvReader(CsvReader&& other) noexcept;
  CsvReader& operator=(CsvReader&& other) noexcept;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();

  const std::string& path() const { return path_; }

  // The header names in file order (empty without a header).
  const std::vector<std::string>& header() const { return header_; }
  // Index of the header column `name`; InvalidArgument "FILE: missing required column
  // \"name\"" when absent. The first match wins when a name repeats.
  absl::StatusOr<int> Column(std::string_view name) const;
  // Index of the header column `name`, or nullopt for an optional column.
  std::optional<int> FindColumn(std::string_view name) const;

  // Makes every later record require exactly `count` fields (for header-less files).
  void ExpectFields(int count) { expected_fields_ = count; }
  // Names the columns of a file opened without a header (for Column() and errors),
  // and makes every later record require that many fields.
  void SetHeader(std::vector<std::string> names) {
    expected_fields_ = static_cast<int>(names.size());
    header_ = std::move(names);
  }

  // Advances to the next record. Returns false at the end of the file; an error for
  // an unreadable file, malformed quoting, or a wrong number of fields.
  absl::StatusOr<bool> Next();

  // The current record (after Next() returned true).
  int64_t line() const { return line_; }
  int size() const { return static_cast<int>(current_fields_); }
  std::string_view Field(int index) const;

  // The field parsed as a decimal int64; otherwise a "FILE:LINE: column \"name\": not
  // an integer: \"text\"" error (an empty field is not an integer either).
  absl::StatusOr<int64_t> Int(int index) const;

  // "FILE:LINE: message" for the current record, as an InvalidArgument status.
  absl::Status Error(std::string_view message) const;
  // The header name of column `index`, or "#index" without a header.
  std::string ColumnName(int index) const;

 private:
  struct Parser;  // libcsv state and pending records; kept behind a pointer so that
                  // libcsv's callbacks see a stable address when the reader moves.

  CsvReader(std::string path, std::FILE* file, const CsvOptions& options);
  // Sets up the parser and reads the header; shared by Open and FromString.
  static absl::StatusOr<CsvReader> Start(CsvReader reader);
  // Reads and parses input until at least one record is pending or the file ends.
  absl::Status Fill();
  // Keeps the unparsed bytes at the front of the buffer and reads more after them;
  // sets the parser's eof when nothing more comes.
  absl::Status ReadMore();
  absl::Status ReadHeader();

  std::string path_;
  std::FILE* file_ = nullptr;
  std::string memory_;  // The input of FromString...
  size_t memory_read_ = 0;  // ...of which this much has been read.
  CsvOptions options_;
  std::unique_ptr<Parser> parser_;
  std::vector<std::string> header_;
  int expected_fields_ = -1;

  // The current record: its start line and its fields inside parser_'s buffers.
  int64_t line_ = 0;
  size_t current_first_field_ = 0;
  size_t current_fields_ = 0;
};

}  // namespace ledd::ingest
