#include "ledd/server/account_mail.h"

#include <string_view>

#include "fmt/format.h"

namespace ledd::server {
namespace {

bool Bokmal(const AccountMailContext& context) { return context.language == "nb"; }

std::string Greeting(const AccountMailContext& context) {
  if (Bokmal(context)) {
    return context.first_name.empty() ? "Hei!" : fmt::format("Hei, {}!", context.first_name);
  }
  return context.first_name.empty() ? "Hello," : fmt::format("Hello {},", context.first_name);
}

// The HTML alternative: the same paragraphs, the link as a link.
std::string Html(const std::string& greeting, const std::string& before, const std::string& link,
                 const std::string& link_text, const std::string& after) {
  std::string html = "<!DOCTYPE html><html><body style=\"font-family: sans-serif\">";
  html += "<p>" + EscapeHtml(greeting) + "</p>";
  html += "<p>" + EscapeHtml(before) + "</p>";
  if (!link.empty()) {
    html += fmt::format("<p><a href=\"{}\">{}</a></p>", EscapeHtml(link), EscapeHtml(link_text));
  }
  html += "<p>" + EscapeHtml(after) + "</p></body></html>";
  return html;
}

store::OutgoingMail Mail(const AccountMailContext& context, std::string kind, std::string subject,
                         std::string text, std::string html) {
  return store::OutgoingMail{.to = context.to,
                             .subject = std::move(subject),
                             .text = std::move(text),
                             .html = std::move(html),
                             .kind = std::move(kind),
                             .created_at = context.at,
                             .next_attempt_at = context.at};
}

}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

store::OutgoingMail VerificationMail(const AccountMailContext& context, const std::string& link) {
  const std::string greeting = Greeting(context);
  std::string subject, before, link_text, after;
  if (Bokmal(context)) {
    subject = "Bekreft e-postadressen din på ledd";
    before = fmt::format("Bekreft at {} er e-postadressen din ved å åpne denne lenken:", context.to);
    link_text = "Bekreft e-postadressen";
    after = "Lenken kan brukes én gang og gjelder i 48 timer. Har du ikke opprettet en konto "
            "på ledd, kan du se bort fra denne e-posten.";
  } else {
    subject = "Confirm your email address for ledd";
    before = fmt::format("Please confirm that {} is your email address by opening this link:",
                         context.to);
    link_text = "Confirm the email address";
    after = "The link works once and expires in 48 hours. If you did not sign up for ledd, "
            "you can ignore this email.";
  }
  std::string text = fmt::format("{}\n\n{}\n\n{}\n\n{}\n", greeting, before, link, after);
  return Mail(context, "verify_email", std::move(subject), std::move(text),
              Html(greeting, before, link, link_text, after));
}

store::OutgoingMail PasswordResetMail(const AccountMailContext& context, const std::string& link) {
  const std::string greeting = Greeting(context);
  std::string subject, before, link_text, after;
  if (Bokmal(context)) {
    subject = "Nytt passord på ledd";
    before = "Noen, forhåpentligvis du, har bedt om å få sette nytt passord på ledd-kontoen "
             "din. Velg et nytt passord her:";
    link_text = "Velg nytt passord";
    after = "Lenken kan brukes én gang og gjelder i én time. Har du ikke bedt om dette, kan du "
            "se bort fra e-posten. Passordet ditt er da uendret.";
  } else {
    subject = "Reset your ledd password";
    before = "Someone, hopefully you, asked to reset the password of your ledd account. "
             "Choose a new password here:";
    link_text = "Choose a new password";
    after = "The link works once and expires in 1 hour. If you did not ask for this, ignore "
            "this email: your password stays as it is.";
  }
  std::string text = fmt::format("{}\n\n{}\n\n{}\n\n{}\n", greeting, before, link, after);
  return Mail(context, "password_reset", std::move(subject), std::move(text),
              Html(greeting, before, link, link_text, after));
}

store::OutgoingMail EmailChangedMail(const AccountMailContext& context,
                                     const std::string& new_email) {
  const std::string greeting = Greeting(context);
  std::string subject, before, after;
  if (Bokmal(context)) {
    subject = "E-postadressen din på ledd er endret";
    before = fmt::format("E-postadressen til ledd-kontoen din er endret fra {} til {}.",
                         context.to, new_email);
    after = "Har du gjort dette selv, trenger du ikke gjøre noe. Hvis ikke kan noen ha fått "
            "tilgang til kontoen din: ta kontakt med den som drifter ledd-tjenesten.";
  } else {
    subject = "Your ledd email address was changed";
    before = fmt::format("The email address of your ledd account was changed from {} to {}.",
                         context.to, new_email);
    after = "If you did this, there is nothing more to do. If you did not, someone may have "
            "access to your account: contact whoever runs this ledd service.";
  }
  std::string text = fmt::format("{}\n\n{}\n\n{}\n", greeting, before, after);
  return Mail(context, "email_changed", std::move(subject), std::move(text),
              Html(greeting, before, "", "", after));
}

}  // namespace ledd::server
