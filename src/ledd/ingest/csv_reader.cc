#include "ledd/ingest/csv_reader.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

#include "csv.h"
#include "fmt/core.h"
#include "ledd/base/status_macros.h"

namespace ledd::ingest {

// libcsv pushes fields and record ends through callbacks; Parser collects them into
// one byte arena so that a record is a run of (end offset) entries, and remembers on
// which line each record started.
struct CsvReader::Parser {
  struct Record {
    int64_t line;
    size_t first_field;
    size_t field_count;
  };

  Parser() = default;
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  ~Parser() {
    if (initialized) csv_free(&csv);
  }

  static void OnField(void* bytes, size_t length, void* self) {
    auto* parser = static_cast<Parser*>(self);
    if (length > 0) parser->data.append(static_cast<const char*>(bytes), length);
    parser->field_ends.push_back(parser->data.size());
  }

  static void OnRecord(int terminator, void* self) {
    auto* parser = static_cast<Parser*>(self);
    parser->records.push_back({parser->record_open ? parser->record_line : parser->line,
                               parser->record_first_field,
                               parser->field_ends.size() - parser->record_first_field});
    parser->record_first_field = parser->field_ends.size();
    parser->record_open = false;
  }

  size_t FieldBegin(size_t field) const { return field == 0 ? 0 : field_ends[field - 1]; }

  // Drops consumed records but keeps the fields of a record still being parsed.
  void Compact() {
    size_t keep_from = FieldBegin(record_first_field);
    data.erase(0, keep_from);
    field_ends.erase(field_ends.begin(), field_ends.begin() + record_first_field);
    for (size_t& end : field_ends) end -= keep_from;
    record_first_field = 0;
    records.clear();
    next_record = 0;
  }

  csv_parser csv{};
  bool initialized = false;

  std::vector<char> buffer;
  size_t begin = 0;  // Unparsed bytes are buffer[begin, end).
  size_t end = 0;
  bool at_file_start = true;
  bool eof = false;
  bool finished = false;  // csv_fini has run.
  bool in_preamble = false;        // Before the line that starts with header_prefix.
  bool preamble_mid_line = false;  // Skipping the rest of a preamble line.

  int64_t line = 1;          // The line the bytes being fed belong to.
  bool record_open = false;  // A record has started and not yet ended.
  int64_t record_line = 0;   // Where the open record started.

  std::string data;                // Field bytes of pending records.
  std::vector<size_t> field_ends;  // End offset in `data` of each pending field.
  size_t record_first_field = 0;   // First field of the record being parsed.
  std::vector<Record> records;     // Complete records not yet handed out...
  size_t next_record = 0;          // ...starting here.
};

namespace {

// RFC 4180: "Spaces are considered part of a field and should not be ignored."
// libcsv trims spaces and tabs around unquoted fields unless told otherwise.
int NoSpaces(unsigned char) { return 0; }

bool HasContent(const char* bytes, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    if (bytes[i] != '\n' && bytes[i] != '\r') return true;
  }
  return false;
}

}  // namespace

CsvReader::CsvReader(std::string path, std::FILE* file, const CsvOptions& options)
    : path_(std::move(path)), file_(file), options_(options), parser_(new Parser) {}

CsvReader::CsvReader(CsvReader&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::exchange(other.file_, nullptr)),
      memory_(std::move(other.memory_)),
      memory_read_(other.memory_read_),
      options_(other.options_),
      parser_(std::move(other.parser_)),
      header_(std::move(other.header_)),
      expected_fields_(other.expected_fields_),
      line_(other.line_),
      current_first_field_(other.current_first_field_),
      current_fields_(other.current_fields_) {}

CsvReader& CsvReader::operator=(CsvReader&& other) noexcept {
  if (this == &other) return *this;
  if (file_ != nullptr) std::fclose(file_);
  path_ = std::move(other.path_);
  file_ = std::exchange(other.file_, nullptr);
  memory_ = std::move(other.memory_);
  memory_read_ = other.memory_read_;
  options_ = other.options_;
  parser_ = std::move(other.parser_);
  header_ = std::move(other.header_);
  expected_fields_ = other.expected_fields_;
  line_ = other.line_;
  current_first_field_ = other.current_first_field_;
  current_fields_ = other.current_fields_;
  return *this;
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

absl::StatusOr<CsvReader> CsvReader::Open(const std::string& path, const CsvOptions& options) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    int error = errno;
    std::string message = fmt::format("{}: {}", path, std::strerror(error));
    if (error == ENOENT) return absl::NotFoundError(message);
    return absl::UnavailableError(message);
  }
  return Start(CsvReader(path, file, options));
}

absl::StatusOr<CsvReader> CsvReader::FromString(std::string name, std::string contents,
                                                const CsvOptions& options) {
  CsvReader reader(std::move(name), nullptr, options);
  reader.memory_ = std::move(contents);
  return Start(std::move(reader));
}

absl::StatusOr<CsvReader> CsvReader::Start(CsvReader reader) {
  Parser& parser = *reader.parser_;
  const CsvOptions& options = reader.options_;
  if (csv_init(&parser.csv, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return absl::ResourceExhaustedError(
        fmt::format("{}: cannot start the CSV parser", reader.path_));
  }
  parser.initialized = true;
  csv_set_delim(&parser.csv, static_cast<unsigned char>(options.delimiter));
  csv_set_space_func(&parser.csv, NoSpaces);
  // The preamble test needs the prefix's length of a line in the buffer at once.
  parser.buffer.resize(
      std::max({options.buffer_bytes, size_t{4096}, 2 * options.header_prefix.size()}));
  parser.in_preamble = options.header && !options.header_prefix.empty();
  if (options.header) {
    LEDD_RETURN_IF_ERROR(reader.ReadHeader());
  }
  return reader;
}

absl::Status CsvReader::ReadHeader() {
  LEDD_ASSIGN_OR_RETURN(bool more, Next());
  if (!more && parser_->in_preamble) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: no header line (one that starts with \"{}\")", path_, options_.header_prefix));
  }
  if (!more) {
    return absl::InvalidArgumentError(fmt::format("{}: empty file, expected a header", path_));
  }
  header_.reserve(size());
  for (int i = 0; i < size(); ++i) header_.emplace_back(Field(i));
  expected_fields_ = size();
  return absl::OkStatus();
}

absl::StatusOr<int> CsvReader::Column(std::string_view name) const {
  std::optional<int> index = FindColumn(name);
  if (!index) {
    return absl::InvalidArgumentError(
        fmt::format("{}: missing required column \"{}\"", path_, name));
  }
  return *index;
}

std::optional<int> CsvReader::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

absl::Status CsvReader::Fill() {
  Parser& parser = *parser_;
  parser.Compact();
  while (parser.records.empty()) {
    if (parser.begin == parser.end) {
      if (parser.finished) return absl::OkStatus();
      if (parser.eof) {
        // A last record without a final line break is delivered by csv_fini.
        if (csv_fini(&parser.csv, Parser::OnField, Parser::OnRecord, &parser) != 0) {
          return absl::InvalidArgumentError(
              fmt::format("{}:{}: unterminated quoted field (started on line {})", path_,
                          parser.line, parser.record_line));
        }
        parser.finished = true;
        continue;
      }
      LEDD_RETURN_IF_ERROR(ReadMore());
      continue;
    }
    if (parser.in_preamble) {
      // Preamble lines are text, not CSV: a quote in them must not open a field.
      const std::string& prefix = options_.header_prefix;
      const char* start = parser.buffer.data() + parser.begin;
      const size_t available = parser.end - parser.begin;
      const void* newline = std::memchr(start, '\n', available);
      if (!parser.preamble_mid_line) {
        if (available < prefix.size() && newline == nullptr && !parser.eof) {
          LEDD_RETURN_IF_ERROR(ReadMore());
          continue;
        }
        if (available >= prefix.size() &&
            std::memcmp(start, prefix.data(), prefix.size()) == 0) {
          parser.in_preamble = false;
          continue;
        }
      }
      if (newline == nullptr) {
        parser.preamble_mid_line = true;
        parser.begin = parser.end;
        continue;
      }
      parser.begin += static_cast<size_t>(static_cast<const char*>(newline) - start) + 1;
      parser.preamble_mid_line = false;
      ++parser.line;
      continue;
    }
    // Feed one line (or the part of it in this buffer) at a time: that is how each
    // record learns the line it starts on, whatever libcsv does with quotes.
    const char* start = parser.buffer.data() + parser.begin;
    size_t available = parser.end - parser.begin;
    const void* newline = std::memchr(start, '\n', available);
    size_t length = newline == nullptr ? available : static_cast<const char*>(newline) - start + 1;
    if (!parser.record_open && HasContent(start, length)) {
      parser.record_open = true;
      parser.record_line = parser.line;
    }
    if (csv_parse(&parser.csv, start, length, Parser::OnField, Parser::OnRecord, &parser) !=
        length) {
      int error = csv_error(&parser.csv);
      if (error == CSV_EPARSE) {
        return absl::InvalidArgumentError(fmt::format(
            "{}:{}: malformed quoting (a quote inside an unquoted field, or text after a "
            "closing quote)",
            path_, parser.line));
      }
      return absl::ResourceExhaustedError(
          fmt::format("{}:{}: {}", path_, parser.line, csv_strerror(error)));
    }
    parser.begin += length;
    if (newline != nullptr) ++parser.line;
  }
  return absl::OkStatus();
}

absl::Status CsvReader::ReadMore() {
  Parser& parser = *parser_;
  const size_t keep = parser.end - parser.begin;
  if (keep > 0 && parser.begin > 0) {
    std::memmove(parser.buffer.data(), parser.buffer.data() + parser.begin, keep);
  }
  parser.begin = 0;
  parser.end = keep;
  char* into = parser.buffer.data() + keep;
  const size_t capacity = parser.buffer.size() - keep;
  size_t read = 0;
  if (file_ != nullptr) {
    read = std::fread(into, 1, capacity, file_);
    if (read == 0 && std::ferror(file_)) {
      return absl::DataLossError(fmt::format("{}: read failed", path_));
    }
  } else {
    read = std::min(capacity, memory_.size() - memory_read_);
    std::memcpy(into, memory_.data() + memory_read_, read);
    memory_read_ += read;
  }
  if (read == 0) {
    parser.eof = true;
    return absl::OkStatus();
  }
  parser.end += read;
  if (parser.at_file_start) {
    parser.at_file_start = false;
    if (parser.end >= 3 && std::memcmp(parser.buffer.data(), "\xEF\xBB\xBF", 3) == 0) {
      parser.begin = 3;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> CsvReader::Next() {
  Parser& parser = *parser_;
  if (parser.next_record == parser.records.size()) {
    LEDD_RETURN_IF_ERROR(Fill());
    if (parser.records.empty()) return false;
  }
  const Parser::Record& record = parser.records[parser.next_record++];
  line_ = record.line;
  current_first_field_ = record.first_field;
  current_fields_ = record.field_count;
  if (expected_fields_ >= 0 && static_cast<int>(current_fields_) != expected_fields_) {
    return absl::InvalidArgumentError(fmt::format("{}:{}: expected {} fields, found {}", path_,
                                                  line_, expected_fields_, current_fields_));
  }
  return true;
}

std::string_view CsvReader::Field(int index) const {
  const Parser& parser = *parser_;
  size_t field = current_first_field_ + static_cast<size_t>(index);
  size_t begin = parser.FieldBegin(field);
  return std::string_view(parser.data.data() + begin, parser.field_ends[field] - begin);
}

absl::StatusOr<int64_t> CsvReader::Int(int index) const {
  std::string_view text = Field(index);
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return Error(fmt::format("column \"{}\": not an integer: \"{}\"", ColumnName(index), text));
  }
  return value;
}

std::string CsvReader::ColumnName(int index) const {
  if (index >= 0 && static_cast<size_t>(index) < header_.size()) return header_[index];
  return fmt::format("#{}", index + 1);
}

absl::Status CsvReader::Error(std::string_view message) const {
  return absl::InvalidArgumentError(fmt::format("{}:{}: {}", path_, line_, message));
}

}  // namespace ledd::ingest
