#pragma once
// Early-return helpers for Status/StatusOr, private to store/sqlite, where nearly every
// line is a fallible sqlite call. (Named with a folder prefix so that a shared version
// in ledd/base can arrive later without a clash.)

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LEDD_SQLITE_CONCAT_INNER(a, b) a##b
#define LEDD_SQLITE_CONCAT(a, b) LEDD_SQLITE_CONCAT_INNER(a, b)

// Returns the status of `expr` (a Status) from the enclosing function if it is an error.
#define SQLITE_RETURN_IF_ERROR(expr)                  \
  do {                                                \
    if (absl::Status status_ = (expr); !status_.ok()) \
      return status_;                                 \
  } while (false)

// `lhs` = the value of `expr` (a StatusOr), or returns its error.
#define SQLITE_ASSIGN_OR_RETURN(lhs, expr) \
  SQLITE_ASSIGN_OR_RETURN_IMPL(LEDD_SQLITE_CONCAT(statusor_, __LINE__), lhs, expr)
#define SQLITE_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                 \
  if (!statusor.ok()) return statusor.status();           \
  lhs = *std::move(statusor)
