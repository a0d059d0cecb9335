#include "ledd/store/postgres/rows.h"

#include "fmt/format.h"

namespace ledd::store::postgres {

absl::StatusOr<EventId> AppendEvent(Conn& conn, EventKind kind, int64_t a, int64_t b) {
  static constexpr char kSql[] =
      "INSERT INTO events (kind, at, a, b) VALUES ($1, $2, $3, $4) RETURNING id";
  Params params;
  params.Bind(1, EventKindName(kind)).Bind(2, Now()).Bind(3, a).Bind(4, b);
  absl::StatusOr<Result> result = conn.ExecCached(kSql, params);
  if (!result.ok()) return result.status();
  return result->row(0).ColumnInt(0);
}

absl::StatusOr<bool> Exists(Conn& conn, const char* sql, const Params& params) {
  absl::StatusOr<Result> result = conn.ExecCached(sql, params);
  if (!result.ok()) return result.status();
  return !result->empty();
}

absl::Status AdvanceIdentity(Conn& conn, std::string_view table) {
  std::string sql = fmt::format(
      "SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
      "COALESCE((SELECT max(id) FROM {0}), 0) + 1, false)",
      table);
  return conn.Exec(sql).status();
}

}  // namespace ledd::store::postgres
