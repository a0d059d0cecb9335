#include "ledd/store/sqlite/rows.h"

namespace ledd::store::sqlite {

absl::StatusOr<EventId> AppendEvent(Db& db, EventKind kind, int64_t a, int64_t b) {
  static constexpr char kSql[] = "INSERT INTO events (kind, at, a, b) VALUES (?1, ?2, ?3, ?4)";
  absl::StatusOr<Statement*> statement = db.Cached(kSql);
  if (!statement.ok()) return statement.status();
  (*statement)->Bind(1, EventKindName(kind)).Bind(2, Now()).Bind(3, a).Bind(4, b);
  if (absl::Status status = (*statement)->Run(); !status.ok()) return status;
  return db.LastInsertRowId();
}

}  // namespace ledd::store::sqlite
