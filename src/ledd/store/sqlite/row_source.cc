#include "ledd/store/sqlite/row_source.h"

#include <sqlite3.h>

#include <new>
#include <string>

#include "absl/strings/ascii.h"
#include "fmt/format.h"

namespace ledd::store::sqlite {
namespace {

constexpr char kPointerType[] = "ledd_rows";
constexpr int kSourceColumn = kMaxRowColumns;  // The hidden argument, after c0 .. c23.

}  // namespace

// A scan of ledd_rows (a friend of RowValues, hence not in the anonymous namespace).
struct RowCursor {
  sqlite3_vtab_cursor base{};  // First: SQLite's pointer is to this.
  const RowSource* rows = nullptr;
  size_t row = 0;
  RowValues values;

  bool Done() const { return rows == nullptr || row >= rows->count; }
  void Load() {
    if (Done()) return;
    values.Clear();
    rows->fill(row, values);
  }
  void Result(sqlite3_context* context, int column) const {
    const RowValues::Value& value = values.values_[static_cast<size_t>(column)];
    switch (value.kind) {
      case RowValues::Kind::kNull:
        sqlite3_result_null(context);
        break;
      case RowValues::Kind::kInt:
        sqlite3_result_int64(context, value.number);
        break;
      case RowValues::Kind::kText:
        // A null pointer would be NULL; an empty string must stay an empty string.
        sqlite3_result_text(context, value.text.data() != nullptr ? value.text.data() : "",
                            static_cast<int>(value.text.size()), SQLITE_STATIC);
        break;
    }
  }
};

namespace {

RowCursor& Of(sqlite3_vtab_cursor* cursor) { return *reinterpret_cast<RowCursor*>(cursor); }

int Connect(sqlite3* db, void*, int, const char* const*, sqlite3_vtab** table, char**) {
  std::string schema = "CREATE TABLE x(";
  for (int c = 0; c < kMaxRowColumns; ++c) schema += fmt::format("c{}, ", c);
  schema += "source HIDDEN)";
  const int code = sqlite3_declare_vtab(db, schema.c_str());
  if (code != SQLITE_OK) return code;
  // Only in statements the program prepares, never in a view or trigger of the file.
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  *table = static_cast<sqlite3_vtab*>(sqlite3_malloc(sizeof(sqlite3_vtab)));
  if (*table == nullptr) return SQLITE_NOMEM;
  **table = sqlite3_vtab{};
  return SQLITE_OK;
}

int Disconnect(sqlite3_vtab* table) {
  sqlite3_free(table);
  return SQLITE_OK;
}

// The only plan: the rows given as the source argument; none without it.
int BestIndex(sqlite3_vtab*, sqlite3_index_info* info) {
  for (int i = 0; i < info->nConstraint; ++i) {
    const auto& constraint = info->aConstraint[i];
    if (constraint.iColumn == kSourceColumn && constraint.op == SQLITE_INDEX_CONSTRAINT_EQ &&
        constraint.usable) {
      info->aConstraintUsage[i].argvIndex = 1;
      info->aConstraintUsage[i].omit = 1;
      info->estimatedCost = 1;
      return SQLITE_OK;
    }
  }
  return SQLITE_CONSTRAINT;
}

int Open(sqlite3_vtab*, sqlite3_vtab_cursor** cursor) {
  auto* opened = new (std::nothrow) RowCursor();
  if (opened == nullptr) return SQLITE_NOMEM;
  *cursor = &opened->base;
  return SQLITE_OK;
}

int Close(sqlite3_vtab_cursor* cursor) {
  delete &Of(cursor);
  return SQLITE_OK;
}

int Filter(sqlite3_vtab_cursor* cursor, int, const char*, int argc, sqlite3_value** argv) {
  RowCursor& c = Of(cursor);
  c.rows = argc == 1 ? static_cast<const RowSource*>(sqlite3_value_pointer(argv[0], kPointerType))
                     : nullptr;
  c.row = 0;
  c.Load();
  return SQLITE_OK;
}

int Next(sqlite3_vtab_cursor* cursor) {
  RowCursor& c = Of(cursor);
  ++c.row;
  c.Load();
  return SQLITE_OK;
}

int Eof(sqlite3_vtab_cursor* cursor) { return Of(cursor).Done() ? 1 : 0; }

int Column(sqlite3_vtab_cursor* cursor, sqlite3_context* context, int column) {
  if (column < kMaxRowColumns) {
    Of(cursor).Result(context, column);
  } else {
    sqlite3_result_null(context);
  }
  return SQLITE_OK;
}

int Rowid(sqlite3_vtab_cursor* cursor, sqlite3_int64* rowid) {
  *rowid = static_cast<sqlite3_int64>(Of(cursor).row) + 1;
  return SQLITE_OK;
}

// Eponymous only (no xCreate): used as a table-valued function, never created.
sqlite3_module MakeModule() {
  sqlite3_module module{};
  module.xConnect = Connect;
  module.xBestIndex = BestIndex;
  module.xDisconnect = Disconnect;
  module.xDestroy = Disconnect;
  module.xOpen = Open;
  module.xClose = Close;
  module.xFilter = Filter;
  module.xNext = Next;
  module.xEof = Eof;
  module.xColumn = Column;
  module.xRowid = Rowid;
  return module;
}

const sqlite3_module kModule = MakeModule();

}  // namespace

absl::Status RegisterRowSource(Db& db) {
  const int code = sqlite3_create_module(db.get(), "ledd_rows", &kModule, nullptr);
  if (code != SQLITE_OK) return SqliteError(db.get(), code, "registering ledd_rows");
  return absl::OkStatus();
}

absl::Status BindRowSource(Statement& statement, int index, const RowSource* rows) {
  const int code = sqlite3_bind_pointer(statement.get(), index, const_cast<RowSource*>(rows),
                                        kPointerType, nullptr);
  if (code != SQLITE_OK) {
    return SqliteError(sqlite3_db_handle(statement.get()), code, "binding ledd_rows");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> InsertFromRows(std::string_view insert) {
  const size_t values = insert.rfind("VALUES");
  const size_t open = insert.find('(', values);
  const size_t close = insert.rfind(')');
  if (values == std::string_view::npos || open == std::string_view::npos ||
      close == std::string_view::npos || close < open) {
    return absl::InvalidArgumentError(fmt::format("not a one-row INSERT: {}", insert));
  }
  std::string sql = fmt::format("{}SELECT ", insert.substr(0, values));
  const std::string_view tuple = insert.substr(open + 1, close - open - 1);
  for (size_t i = 0; i < tuple.size(); ++i) {
    if (tuple[i] != '?') {
      sql += tuple[i];
      continue;
    }
    int number = 0;
    while (i + 1 < tuple.size() && absl::ascii_isdigit(tuple[i + 1])) {
      number = number * 10 + (tuple[++i] - '0');
    }
    if (number < 1 || number > kMaxRowColumns) {
      return absl::InvalidArgumentError(fmt::format("parameter ?{} of {}", number, insert));
    }
    sql += fmt::format("c{}", number - 1);
  }
  sql += " FROM ledd_rows(?1)";
  return sql;
}

}  // namespace ledd::store::sqlite
