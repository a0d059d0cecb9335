#include "ledd/ingest/csv_writer.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

#include "fmt/core.h"
#include "csv.h"
#include "ledd/base/time.h"

namespace ledd::ingest {
namespace {

constexpr size_t kFlushBytes = 1 << 20;

bool NeedsQuotes(std::string_view value) {
  return value.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

absl::StatusOr<CsvWriter> CsvWriter::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return absl::UnavailableError(fmt::format("{}: {}", path, std::strerror(errno)));
  }
  return CsvWriter(file, path);
}

CsvWriter CsvWriter::InMemory() { return CsvWriter(nullptr, ""); }

CsvWriter::CsvWriter(std::FILE* file, std::string path)
    : file_(file), path_(std::move(path)) {
  buffer_.reserve(kFlushBytes + 4096);
}

CsvWriter::CsvWriter(CsvWriter&& other) noexcept
    : file_(std::exchange(other.file_, nullptr)),
      path_(std::move(other.path_)),
      buffer_(std::move(other.buffer_)),
      row_started_(other.row_started_),
      failed_(other.failed_) {}

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) (void)Close();
}

void CsvWriter::Separator() {
  if (row_started_) buffer_.push_back(',');
  row_started_ = true;
}

void CsvWriter::Text(std::string_view value) {
  Separator();
  if (!NeedsQuotes(value)) {
    buffer_.append(value);
    return;
  }
  // csv_write quotes the field and doubles embedded quotes; it needs at most
  // 2 * size + 2 bytes.
  size_t at = buffer_.size();
  buffer_.resize(at + 2 * value.size() + 2);
  size_t written = csv_write(buffer_.data() + at, buffer_.size() - at, value.data(), value.size());
  buffer_.resize(at + written);
}

void CsvWriter::Int(int64_t value) {
  Separator();
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  buffer_.append(digits, end);
}

void CsvWriter::DateTime(Timestamp value) {
  Separator();
  char text[20];
  buffer_.append(text, FormatDateTimeTo(value, text));
}

void CsvWriter::Month(Timestamp value) {
  Separator();
  char text[20];
  FormatDateTimeTo(value, text);
  buffer_.append(text, 7);
}

void CsvWriter::Empty() { Separator(); }

void CsvWriter::EndRow() {
  buffer_.push_back('\n');
  row_started_ = false;
  if (buffer_.size() >= kFlushBytes) Flush();
}

void CsvWriter::Row(std::initializer_list<std::string_view> fields) {
  for (std::string_view field : fields) Text(field);
  EndRow();
}

void CsvWriter::Flush() {
  // Without a file (InMemory) the buffer is the output.
  if (file_ == nullptr || buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
}

absl::Status CsvWriter::Close() {
  if (file_ == nullptr) return absl::OkStatus();
  Flush();
  if (std::fclose(std::exchange(file_, nullptr)) != 0) failed_ = true;
  if (failed_) return absl::DataLossError(fmt::format("{}: write failed", path_));
  return absl::OkStatus();
}

}  // namespace ledd::ingest
