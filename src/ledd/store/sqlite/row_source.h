#pragma once
// ledd_rows: a table-valued function that reads rows from the caller's memory, so that a
// bulk load is one INSERT ... SELECT instead of a statement run per row or per batch of
// bound parameters:
//
//   INSERT INTO follows (follower, followee, created_at)
//     SELECT c0, c1, c2 FROM ledd_rows(?1)        -- ?1 bound with BindRowSource
//
// Column ck is what the fill function bound as parameter k+1 (RowValues takes the same
// Bind calls as a Statement, so row_mapping.h's Bind* functions fill it). Binding 50.8M
// connections, three parameters a row and 64 rows to a statement, took 27 s; the same rows
// through ledd_rows 9.3 s (docs/performance.md). The rows travel through SQLite's
// pointer-passing interface (sqlite3_bind_pointer), typed, so no SQL text can make one up.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/sqlite/db.h"

namespace ledd::store::sqlite {

inline constexpr int kMaxRowColumns = 24;  // Columns c0 .. c23.

// One row's values. Text is not copied: it must stay alive until the next row is filled
// (as for a Statement's bound text, until its step).
class RowValues {
 public:
  // 1-based, as a Statement's parameters; an index beyond kMaxRowColumns is ignored
  // (InsertFromRows refuses SQL with such a parameter).
  RowValues& Bind(int index, int64_t value) {
    if (Value* v = At(index)) *v = {.kind = Kind::kInt, .number = value, .text = {}};
    return *this;
  }
  RowValues& Bind(int index, std::string_view text) {
    if (Value* v = At(index)) *v = {.kind = Kind::kText, .text = text};
    return *this;
  }
  RowValues& Bind(int index, std::optional<int64_t> value) {
    return value ? Bind(index, *value) : BindNull(index);
  }
  RowValues& BindNull(int index) {
    if (Value* v = At(index)) *v = {};
    return *this;
  }

 private:
  friend struct RowCursor;
  enum class Kind : uint8_t { kNull, kInt, kText };
  struct Value {
    Kind kind = Kind::kNull;
    int64_t number = 0;
    std::string_view text;
  };
  Value* At(int index) {
    if (index < 1 || index > kMaxRowColumns) return nullptr;
    bound_ = std::max(bound_, index);
    return &values_[static_cast<size_t>(index - 1)];
  }
  // Back to NULL, before the next row: only as far as any row has bound.
  void Clear() { std::fill_n(values_.begin(), bound_, Value{}); }

  std::array<Value, kMaxRowColumns> values_{};
  int bound_ = 0;  // The highest index bound yet.
};

struct RowSource {
  size_t count = 0;
  // Binds the values of row k (0 <= k < count, asked in increasing order); what it
  // does not bind is NULL.
  std::function<void(size_t k, RowValues& values)> fill;
};

// Makes ledd_rows available on `db` (once per connection).
absl::Status RegisterRowSource(Db& db);

// Binds `rows` as parameter `index` of `statement`; `rows` must outlive its steps.
absl::Status BindRowSource(Statement& statement, int index, const RowSource* rows);

// The INSERT ... SELECT ... FROM ledd_rows(?1) that inserts what the one-row `insert`
// ("INSERT ... VALUES (...)", its tuple last, ?n for the n-th value) would insert for
// each row; InvalidArgument for another form or a parameter beyond kMaxRowColumns.
absl::StatusOr<std::string> InsertFromRows(std::string_view insert);

}  // namespace ledd::store::sqlite
