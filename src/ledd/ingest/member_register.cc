#include "ledd/ingest/member_register.h"

#include <cctype>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/ingest/csv_reader.h"

namespace ledd::ingest {
namespace {

std::string Trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string Message(const absl::Status& status) {
  return std::string(status.message().data(), status.message().size());
}

}  // namespace

absl::StatusOr<std::vector<RegisterRow>> ReadMemberRegister(const std::string& name,
                                                            std::string contents) {
  LEDD_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::FromString(name, std::move(contents)));
  LEDD_ASSIGN_OR_RETURN(int first_name, reader.Column("first_name"));
  LEDD_ASSIGN_OR_RETURN(int last_name, reader.Column("last_name"));
  LEDD_ASSIGN_OR_RETURN(int email, reader.Column("email"));
  const std::optional<int> headline = reader.FindColumn("headline");
  const std::optional<int> city = reader.FindColumn("city");
  const std::optional<int> country = reader.FindColumn("country");
  const std::optional<int> industry = reader.FindColumn("industry");
  auto optional = [&](std::optional<int> column) {
    return column.has_value() ? Trimmed(reader.Field(*column)) : std::string();
  };
  std::vector<RegisterRow> rows;
  absl::flat_hash_map<std::string, int64_t> seen;  // email -> line
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
    if (!more) return rows;
    RegisterRow row;
    row.line = reader.line();
    row.email = store::FoldEmail(reader.Field(email));
    row.profile = {.first_name = Trimmed(reader.Field(first_name)),
                   .last_name = Trimmed(reader.Field(last_name)),
                   .headline = optional(headline),
                   .city = optional(city),
                   .country = optional(country),
                   .industry = optional(industry)};
    for (char& c : row.profile.country) c = static_cast<char>(std::toupper(c));
    auto problem = [&](std::string text) {
      if (row.problem.empty()) row.problem = fmt::format("{}:{}: {}", name, row.line, text);
    };
    if (absl::Status valid = store::ValidateEmail(row.email); !valid.ok()) {
      problem(row.email.empty() ? "the email is empty" : Message(valid));
    }
    if (row.profile.first_name.empty() && row.profile.last_name.empty()) {
      problem("the first and last name are empty");
    }
    if (absl::Status valid = store::ValidateInvitedProfile(row.profile); !valid.ok()) {
      problem(Message(valid));
    }
    if (row.problem.empty()) {
      auto [it, inserted] = seen.emplace(row.email, row.line);
      if (!inserted) problem(fmt::format("{} appears on line {} already", row.email, it->second));
    }
    rows.push_back(std::move(row));
  }
}

}  // namespace ledd::ingest
