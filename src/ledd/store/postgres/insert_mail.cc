#include "ledd/store/postgres/insert_mail.h"

#include <algorithm>
#include <string_view>

#include "ledd/base/status_macros.h"

namespace ledd::store::postgres {

absl::StatusOr<MailId> InsertMail(Conn& conn, const OutgoingMail& mail) {
  LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(mail));
  static constexpr char kSql[] =
      "INSERT INTO outgoing_mail (recipient, subject, text_body, html_body, unsubscribe_url, "
      "kind, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
  Params params;
  params.Bind(1, mail.to)
      .Bind(2, mail.subject)
      .Bind(3, mail.text)
      .Bind(4, mail.html)
      .Bind(5, mail.unsubscribe_url)
      .Bind(6, mail.kind)
      .Bind(7, mail.created_at)
      .Bind(8, std::max(mail.created_at, mail.next_attempt_at));
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, params));
  return result.row(0).ColumnInt(0);
}

}  // namespace ledd::store::postgres
