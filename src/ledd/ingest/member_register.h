#pragma once
// An association's own member register, as a CSV file (RFC 4180, a header row):
// columns first_name, last_name and email (required), and optionally headline, city,
// country (ISO 3166 alpha-2, or empty) and industry; other columns are ignored. Each
// person in it is invited to join by email (server/email_invitations.h,
// ImportRegister), and their sign-up starts from these fields.
//
// Reading checks every row and keeps going: a row with a problem is kept with the
// problem ("register.csv:5: \"email\" is not an email address"), so a dry run can list
// every bad row at once. What makes the whole file unreadable (no header, a missing
// column, broken quoting, a wrong number of fields) is an error naming the file and
// line.
//
// Pure: reads only the bytes it is given; thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ledd/store/model.h"

namespace ledd::ingest {

struct RegisterRow {
  int64_t line = 0;        // Where the record starts (1-based; the header is line 1).
  std::string email;       // Folded (store::FoldEmail).
  store::InvitedProfile profile;
  std::string problem;     // "FILE:LINE: ..." for a bad row; empty for a good one.
};

// The rows of `contents`; `name` stands for the file in messages. A second row with
// an email already seen is bad ("... appears on line 3 already").
absl::StatusOr<std::vector<RegisterRow>> ReadMemberRegister(const std::string& name,
                                                            std::string contents);

}  // namespace ledd::ingest
