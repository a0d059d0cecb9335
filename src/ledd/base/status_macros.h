#pragma once
// Early-return helpers for absl::Status and absl::StatusOr, for code where most lines
// are fallible calls (SQLite statements, CSV fields). Debian's Abseil does not ship
// ASSIGN_OR_RETURN, so ledd has its own.
//
//   LEDD_RETURN_IF_ERROR(statement.Run());
//   LEDD_ASSIGN_OR_RETURN(int64_t id, reader.Int(column));

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LEDD_STATUS_CONCAT_INNER(a, b) a##b
#define LEDD_STATUS_CONCAT(a, b) LEDD_STATUS_CONCAT_INNER(a, b)

// Returns the status of `expr` (a Status) from the enclosing function if it is an error.
#define LEDD_RETURN_IF_ERROR(expr)                                    \
  do {                                                                \
    if (absl::Status status_ = (expr); !status_.ok()) return status_; \
  } while (false)

// Declares or assigns `lhs` = the value of `expr` (a StatusOr), or returns its error.
#define LEDD_ASSIGN_OR_RETURN(lhs, expr) \
  LEDD_ASSIGN_OR_RETURN_IMPL(LEDD_STATUS_CONCAT(statusor_, __LINE__), lhs, expr)
#define LEDD_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                               \
  if (!statusor.ok()) return statusor.status();         \
  lhs = *std::move(statusor)
