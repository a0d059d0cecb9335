#include "ledd/server/notify_mail.h"

#include <utility>

#include "fmt/format.h"

namespace ledd::server {
namespace {

// A paragraph of a mail: text, and optionally a link shown after it.
struct Paragraph {
  std::string text;
  std::string link;
};

bool Norwegian(const std::string& language) { return language == "nb"; }

// One line, for a subject: control characters (line breaks) become spaces.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return text;
}

// At most `characters` code points of `text`, with "…" when cut.
std::string Excerpt(const std::string& text, size_t characters) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (count == characters) {
        std::string cut = text.substr(0, i);
        cut += "…";
        return cut;
      }
      ++count;
    }
  }
  return text;
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += "<br>";
        break;
      default:
        out += c;
    }
  }
  return out;
}

store::OutgoingMail Compose(std::string kind, const std::string& to, std::string subject,
                            const std::vector<Paragraph>& paragraphs,
                            const std::string& footer, const UnsubscribeLinks& unsubscribe) {
  std::string text;
  std::string html =
      "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">";
  for (const Paragraph& paragraph : paragraphs) {
    text += paragraph.text;
    html += "<p>";
    html += EscapeHtml(paragraph.text);
    if (!paragraph.link.empty()) {
      if (!paragraph.text.empty()) text += '\n';
      text += paragraph.link;
      html += fmt::format("{}<a href=\"{}\">{}</a>", paragraph.text.empty() ? "" : "<br>",
                          EscapeHtml(paragraph.link), EscapeHtml(paragraph.link));
    }
    text += "\n\n";
    html += "</p>";
  }
  text += "-- \n";
  text += footer;
  text += '\n';
  text += unsubscribe.page;
  text += '\n';
  html += fmt::format(
      "<hr><p style=\"color:#666;font-size:small\">{}<br><a href=\"{}\">{}</a></p></body></html>",
      EscapeHtml(footer), EscapeHtml(unsubscribe.page), EscapeHtml(unsubscribe.page));
  store::OutgoingMail mail;
  mail.to = to;
  mail.subject = OneLine(std::move(subject));
  mail.text = std::move(text);
  mail.html = std::move(html);
  mail.unsubscribe_url = unsubscribe.one_click;
  mail.kind = std::move(kind);
  return mail;
}

std::string WithHeadline(const MailPerson& person) {
  return person.headline.empty() ? person.name
                                 : fmt::format("{} ({})", person.name, person.headline);
}

std::string Quote(const std::string& language, const std::string& note) {
  return Norwegian(language) ? fmt::format("«{}»", note) : fmt::format("“{}”", note);
}

}  // namespace

std::string PersonName(const store::Member& member) {
  std::string name = member.first_name;
  if (!member.last_name.empty()) {
    if (!name.empty()) name += ' ';
    name += member.last_name;
  }
  return name.empty() ? fmt::format("member {}", member.id) : name;
}

store::OutgoingMail InvitationMail(const std::string& language, const std::string& to,
                                   const MailPerson& from, const std::string& note,
                                   const std::string& origin, const UnsubscribeLinks& unsubscribe) {
  const bool nb = Norwegian(language);
  std::vector<Paragraph> paragraphs;
  paragraphs.push_back({nb ? fmt::format("{} har sendt deg en invitasjon om å knytte kontakt.",
                                         WithHeadline(from))
                           : fmt::format("{} has sent you an invitation to connect.",
                                         WithHeadline(from))});
  if (!note.empty()) paragraphs.push_back({Quote(language, note)});
  paragraphs.push_back({nb ? "Se den blant invitasjonene du har fått:"
                           : "See it among the invitations you have received:",
                        origin + "/#/invitations"});
  return Compose("notify_invitation", to,
                 nb ? fmt::format("{} vil knytte kontakt med deg", from.name)
                    : fmt::format("{} wants to connect with you", from.name),
                 paragraphs,
                 nb ? "Du får denne e-posten fordi varsler om nye invitasjoner er slått på. Slå "
                      "dem av:"
                    : "You get this email because emails about new invitations are on. Turn "
                      "them off:",
                 unsubscribe);
}

store::OutgoingMail AcceptedMail(const std::string& language, const std::string& to,
                                 const MailPerson& by, MemberId by_id, const std::string& origin,
                                 const UnsubscribeLinks& unsubscribe) {
  const bool nb = Norwegian(language);
  std::vector<Paragraph> paragraphs;
  paragraphs.push_back({nb ? fmt::format("{} har godtatt invitasjonen din. Dere er nå kontakter.",
                                         WithHeadline(by))
                           : fmt::format("{} has accepted your invitation. You are now connected.",
                                         WithHeadline(by)),
                        fmt::format("{}/#/members/{}", origin, by_id)});
  return Compose("notify_accepted", to,
                 nb ? fmt::format("{} har godtatt invitasjonen din", by.name)
                    : fmt::format("{} accepted your invitation", by.name),
                 paragraphs,
                 nb ? "Du får denne e-posten fordi varsler om godtatte invitasjoner er slått på. "
                      "Slå dem av:"
                    : "You get this email because emails about accepted invitations are on. "
                      "Turn them off:",
                 unsubscribe);
}

store::OutgoingMail FollowedPostMail(const std::string& language, const std::string& to,
                                     const MailPerson& author, const store::Post& post,
                                     const std::string& origin,
                                     const UnsubscribeLinks& unsubscribe) {
  const bool nb = Norwegian(language);
  std::vector<Paragraph> paragraphs;
  paragraphs.push_back({nb ? fmt::format("{} har publisert et nytt innlegg.", author.name)
                           : fmt::format("{} has published a new post.", author.name)});
  if (!post.title.empty()) paragraphs.push_back({post.title});
  if (!post.body.empty()) paragraphs.push_back({Excerpt(post.body, 500)});
  paragraphs.push_back({nb ? "Les det her:" : "Read it here:",
                        fmt::format("{}/#/posts/{}", origin, post.id)});
  const std::string title = post.title.empty() ? Excerpt(post.body, 60) : post.title;
  return Compose("notify_post", to,
                 nb ? fmt::format("Nytt innlegg fra {}: {}", author.name, title)
                    : fmt::format("New post by {}: {}", author.name, title),
                 paragraphs,
                 nb ? "Du får denne e-posten fordi varsler om nye innlegg fra dem du følger er "
                      "slått på. Slå dem av:"
                    : "You get this email because emails about new posts by people you follow "
                      "are on. Turn them off:",
                 unsubscribe);
}

store::OutgoingMail DigestMail(const std::string& language, const std::string& to,
                               const std::vector<DigestLine>& lines, int64_t total,
                               const std::string& origin, const UnsubscribeLinks& unsubscribe) {
  const bool nb = Norwegian(language);
  std::vector<Paragraph> paragraphs;
  const std::string unread = total == 1 ? (nb ? "1 ulest varsel" : "1 unread notification")
                             : nb       ? fmt::format("{} uleste varsler", total)
                                        : fmt::format("{} unread notifications", total);
  paragraphs.push_back({nb ? fmt::format("Du har {}:", unread)
                           : fmt::format("You have {}:", unread)});
  std::string list;
  for (const DigestLine& line : lines) {
    std::string entry;
    switch (line.kind) {
      case store::NotificationKind::kNewInvitation:
        entry = nb ? fmt::format("Ny invitasjon fra {}", line.who)
                   : fmt::format("New invitation from {}", line.who);
        break;
      case store::NotificationKind::kInvitationAccepted:
        entry = nb ? fmt::format("{} godtok invitasjonen din", line.who)
                   : fmt::format("{} accepted your invitation", line.who);
        break;
      case store::NotificationKind::kNewPost:
        entry = nb ? fmt::format("Nytt innlegg fra {}: {}", line.who, line.title)
                   : fmt::format("New post by {}: {}", line.who, line.title);
        break;
      case store::NotificationKind::kNewComment:
        entry = nb ? "Ny kommentar på et av innleggene dine" : "A new comment on one of your posts";
        break;
      case store::NotificationKind::kWarning:
        entry = nb ? "En advarsel fra moderatorene" : "A warning from the moderators";
        break;
    }
    if (!list.empty()) list += '\n';
    list += "• ";
    list += OneLine(entry);
  }
  if (static_cast<int64_t>(lines.size()) < total) {
    list += nb ? fmt::format("\n… og {} til", total - static_cast<int64_t>(lines.size()))
               : fmt::format("\n… and {} more", total - static_cast<int64_t>(lines.size()));
  }
  paragraphs.push_back({list});
  paragraphs.push_back({nb ? "Se alle varslene:" : "See all notifications:",
                        origin + "/#/notifications"});
  return Compose("digest", to,
                 nb ? fmt::format("Sammendrag fra ledd: {}", unread)
                    : fmt::format("Your ledd digest: {}", unread),
                 paragraphs,
                 nb ? "Du får dette sammendraget fordi det er slått på i innstillingene dine. Slå "
                      "det av:"
                    : "You get this digest because it is on in your settings. Turn it off:",
                 unsubscribe);
}

store::OutgoingMail SubscriptionConfirmMail(const std::string& language, const std::string& to,
                                            const MailPerson& author,
                                            const std::string& confirm_url,
                                            const UnsubscribeLinks& unsubscribe) {
  const bool nb = Norwegian(language);
  std::vector<Paragraph> paragraphs;
  paragraphs.push_back(
      {nb ? fmt::format("Noen, forhåpentligvis du, har bedt om å få nye innlegg fra {} på e-post "
                        "til denne adressen. Bekreft her:",
                        author.name)
          : fmt::format("Someone, hopefully you, asked to get new posts by {} by email at this "
                        "address. Confirm here:",
                        author.name),
       confirm_url});
  paragraphs.push_back({nb ? "Var det ikke deg, kan du se bort fra denne e-posten. Da får du "
                             "ingenting mer."
                           : "If it was not you, ignore this email and nothing more will be "
                             "sent."});
  return Compose("subscription_confirm", to,
                 nb ? fmt::format("Bekreft abonnementet på innleggene til {}", author.name)
                    : fmt::format("Confirm your subscription to {}'s posts", author.name),
                 paragraphs,
                 nb ? "Vil du aldri få slike forespørsler fra ledd til denne adressen?"
                    : "Never want such requests from ledd at this address?",
                 unsubscribe);
}

store::OutgoingMail SubscriberPostMail(const std::string& language, const std::string& to,
                                       const MailPerson& author, MemberId author_id,
                                       const store::Post& post, const std::string& origin,
                                       const UnsubscribeLinks& unsubscribe) {
  const bool nb = Norwegian(language);
  std::vector<Paragraph> paragraphs;
  if (!post.title.empty()) paragraphs.push_back({post.title});
  if (!post.body.empty()) paragraphs.push_back({Excerpt(post.body, 2000)});
  paragraphs.push_back({nb ? fmt::format("Alle innleggene til {}:", author.name)
                           : fmt::format("All posts by {}:", author.name),
                        fmt::format("{}/#/public/{}", origin, author_id)});
  const std::string title = post.title.empty() ? Excerpt(post.body, 60) : post.title;
  return Compose("subscriber_post", to, fmt::format("{}: {}", author.name, title), paragraphs,
                 nb ? fmt::format("Du abonnerer på innleggene til {}. Avslutt abonnementet:",
                                  author.name)
                    : fmt::format("You subscribed to posts by {}. Unsubscribe:", author.name),
                 unsubscribe);
}

store::OutgoingMail EmailInvitationMail(const std::string& language, const std::string& to,
                                        const MailPerson& from, const std::string& note,
                                        const std::string& signup_url,
                                        const UnsubscribeLinks& unsubscribe) {
  const bool nb = Norwegian(language);
  std::vector<Paragraph> paragraphs;
  paragraphs.push_back({nb ? fmt::format("{} inviterer deg til å bli med i ledd og knytte kontakt.",
                                         WithHeadline(from))
                           : fmt::format("{} invites you to join ledd and connect.",
                                         WithHeadline(from))});
  if (!note.empty()) paragraphs.push_back({Quote(language, note)});
  paragraphs.push_back({nb ? "Registrer deg her:" : "Sign up here:", signup_url});
  return Compose("email_invitation", to,
                 nb ? fmt::format("{} inviterer deg til ledd", from.name)
                    : fmt::format("{} invites you to ledd", from.name),
                 paragraphs,
                 nb ? "Vil du ikke ha flere invitasjoner fra ledd til denne adressen?"
                    : "Want no more invitations from ledd at this address?",
                 unsubscribe);
}

}  // namespace ledd::server
