#include "ledd/server/notification_mailer.h"

#include <cstdio>
#include <ctime>
#include <optional>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/server/notify_mail.h"

namespace ledd::server {
namespace {

// A post older than this when the mailer first sees it is not news.
constexpr Timestamp kPostNews = 2 * 24 * 3600;
// Lines a digest lists; the rest are counted.
constexpr int kDigestLines = 20;
constexpr int kDigestFetch = 500;

// The person a member is in a mail; NotFound passes through.
absl::StatusOr<MailPerson> PersonOf(store::Store& store, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(store::Member found, store.GetMember(member));
  return MailPerson{.name = PersonName(found), .headline = found.headline};
}

// A new mail is due at once.
void Stamp(store::OutgoingMail& mail, Timestamp now) {
  mail.created_at = now;
  mail.next_attempt_at = now;
}

std::string AccountLanguage(const store::Account& account) {
  return account.language == "nb" ? "nb" : "en";
}

}  // namespace

NotificationMailer::NotificationMailer(store::Store& store, const MailLinks& links,
                                       NotificationMailerOptions options)
    : store_(store), links_(links), options_(std::move(options)) {}

NotificationMailer::~NotificationMailer() { Stop(); }

Timestamp NotificationMailer::Now() const {
  return options_.clock ? options_.clock() : static_cast<Timestamp>(std::time(nullptr));
}

absl::StatusOr<MailerPass> NotificationMailer::RunOnce() {
  MailerPass pass;
  LEDD_ASSIGN_OR_RETURN(pass.notification_mails, MailNotifications());
  LEDD_ASSIGN_OR_RETURN(pass.post_mails, MailPosts());
  LEDD_ASSIGN_OR_RETURN(pass.digests, MailDigests());
  return pass;
}

absl::StatusOr<int64_t> NotificationMailer::MailNotifications() {
  int64_t mailed = 0;
  while (true) {
    if (Stopping()) return mailed;  // The rest waits for the next start.
    LEDD_ASSIGN_OR_RETURN(std::vector<store::Notification> pending,
                          store_.PendingNotificationMail(options_.batch));
    if (pending.empty()) return mailed;
    std::vector<store::Store::NotificationMail> decisions;
    for (const store::Notification& notification : pending) {
      store::Store::NotificationMail decision{.notification = notification.id, .mail = {}};
      if (!options_.send) {
        decisions.push_back(std::move(decision));
        continue;
      }
      absl::StatusOr<store::Account> account = store_.GetAccount(notification.member);
      absl::StatusOr<store::EmailSettings> settings = store_.GetEmailSettings(notification.member);
      if (!account.ok() && !absl::IsNotFound(account.status())) return account.status();
      if (!settings.ok() && !absl::IsNotFound(settings.status())) return settings.status();
      if (account.ok() && settings.ok()) {
        const std::string language = AccountLanguage(*account);
        auto links = [&](store::EmailKind kind) {
          const UnsubscribeTarget target{.kind = UnsubscribeTarget::Kind::kMemberMail,
                                         .member = notification.member,
                                         .email_kind = kind};
          return UnsubscribeLinks{.one_click = links_.OneClickUrl(options_.origin, target),
                                  .page = links_.PageUrl(options_.origin, target)};
        };
        switch (notification.kind) {
          case store::NotificationKind::kNewInvitation:
            if (settings->invitations) {
              absl::StatusOr<store::Invitation> invitation =
                  store_.GetInvitation(notification.subject);
              if (invitation.ok() && invitation->state == store::InvitationState::kPending) {
                absl::StatusOr<MailPerson> from = PersonOf(store_, invitation->from);
                if (from.ok()) {
                  decision.mail = InvitationMail(language, account->email, *from,
                                                 invitation->note, options_.origin,
                                                 links(store::EmailKind::kInvitations));
                }
              }
            }
            break;
          case store::NotificationKind::kInvitationAccepted:
            if (settings->accepted) {
              absl::StatusOr<store::Invitation> invitation =
                  store_.GetInvitation(notification.subject);
              if (invitation.ok()) {
                absl::StatusOr<MailPerson> by = PersonOf(store_, invitation->to);
                if (by.ok()) {
                  decision.mail = AcceptedMail(language, account->email, *by, invitation->to,
                                               options_.origin, links(store::EmailKind::kAccepted));
                }
              }
            }
            break;
          case store::NotificationKind::kNewPost:
            if (settings->posts) {
              absl::StatusOr<store::Post> post = store_.GetPost(notification.subject);
              if (post.ok()) {
                absl::StatusOr<MailPerson> author = PersonOf(store_, post->author);
                if (author.ok()) {
                  decision.mail = FollowedPostMail(language, account->email, *author, *post,
                                                   options_.origin, links(store::EmailKind::kPosts));
                }
              }
            }
            break;
          case store::NotificationKind::kNewComment:
          case store::NotificationKind::kWarning:
            break;  // The digest tells of comments and warnings.
        }
      }
      decisions.push_back(std::move(decision));
    }
    const Timestamp now = Now();
    for (store::Store::NotificationMail& decision : decisions) {
      if (decision.mail.has_value()) Stamp(*decision.mail, now);
    }
    LEDD_ASSIGN_OR_RETURN(int64_t enqueued, store_.CommitNotificationMail(decisions, now));
    mailed += enqueued;
  }
}

absl::StatusOr<int64_t> NotificationMailer::MailPosts() {
  int64_t mailed = 0;
  while (true) {
    if (Stopping()) return mailed;  // The rest waits for the next start.
    LEDD_ASSIGN_OR_RETURN(std::vector<store::Post> pending, store_.PendingPostMail(options_.batch));
    if (pending.empty()) return mailed;
    const Timestamp now = Now();
    for (const store::Post& post : pending) {
      std::vector<store::OutgoingMail> mails;
      absl::StatusOr<store::EmailSettings> settings = store_.GetEmailSettings(post.author);
      if (!settings.ok() && !absl::IsNotFound(settings.status())) return settings.status();
      // A removed post, or one by a suspended author, is hidden: mailed to no one.
      absl::StatusOr<store::Account> author_account = store_.GetAccount(post.author);
      const bool suspended = author_account.ok() &&
                             author_account->suspended_until.value_or(0) > now;
      if (options_.send && settings.ok() && settings->public_posts && !post.removed_at &&
          !suspended && post.created_at + kPostNews >= now) {
        LEDD_ASSIGN_OR_RETURN(std::vector<store::PostSubscription> subscribers,
                              store_.ConfirmedSubscriptions(post.author));
        if (!subscribers.empty()) {
          LEDD_ASSIGN_OR_RETURN(MailPerson author, PersonOf(store_, post.author));
          // Subscribers need not be members: the author's language is the post's.
          const std::string language =
              author_account.ok() ? AccountLanguage(*author_account) : "en";
          for (const store::PostSubscription& subscriber : subscribers) {
            // Only what is published after the subscription was confirmed.
            if (subscriber.confirmed_at.value_or(now) > post.created_at) continue;
            const UnsubscribeTarget target{.kind = UnsubscribeTarget::Kind::kSubscription,
                                           .subscription = subscriber.id};
            mails.push_back(SubscriberPostMail(
                language, subscriber.email, author, post.author, post, options_.origin,
                {.one_click = links_.OneClickUrl(options_.origin, target),
                 .page = links_.PageUrl(options_.origin, target)}));
          }
        }
      }
      for (store::OutgoingMail& mail : mails) Stamp(mail, now);
      LEDD_ASSIGN_OR_RETURN(bool marked, store_.CommitPostMail(post.id, mails, now));
      if (marked) mailed += static_cast<int64_t>(mails.size());
    }
  }
}

absl::StatusOr<int64_t> NotificationMailer::MailDigests() {
  int64_t digests = 0;
  if (!options_.send) return digests;
  while (true) {
    if (Stopping()) return digests;  // The rest waits for the next start.
    const Timestamp now = Now();
    LEDD_ASSIGN_OR_RETURN(std::vector<store::Store::DigestDue> due,
                          store_.DueDigests(now, options_.batch));
    if (due.empty()) return digests;
    for (const store::Store::DigestDue& member : due) {
      LEDD_ASSIGN_OR_RETURN(std::vector<store::Notification> unread,
                            store_.DigestNotifications(member.member, member.since, kDigestFetch));
      std::optional<store::OutgoingMail> mail;
      if (!unread.empty()) {
        LEDD_ASSIGN_OR_RETURN(store::Account account, store_.GetAccount(member.member));
        std::vector<DigestLine> lines;
        for (const store::Notification& notification : unread) {
          if (static_cast<int>(lines.size()) == kDigestLines) break;
          DigestLine line{.kind = notification.kind, .who = "", .title = ""};
          std::optional<MemberId> who;
          if (notification.kind == store::NotificationKind::kNewInvitation ||
              notification.kind == store::NotificationKind::kInvitationAccepted) {
            absl::StatusOr<store::Invitation> invitation =
                store_.GetInvitation(notification.subject);
            if (invitation.ok()) {
              who = notification.kind == store::NotificationKind::kNewInvitation
                        ? invitation->from
                        : invitation->to;
            }
          } else if (notification.kind == store::NotificationKind::kNewPost) {
            absl::StatusOr<store::Post> post = store_.GetPost(notification.subject);
            if (post.ok()) {
              who = post->author;
              line.title = post->title;
            }
          }  // A comment's line names no one (DigestMail).
          if (who.has_value()) {
            absl::StatusOr<MailPerson> person = PersonOf(store_, *who);
            if (person.ok()) line.who = person->name;
          }
          if (line.who.empty() && notification.kind != store::NotificationKind::kNewComment &&
              notification.kind != store::NotificationKind::kWarning) {
            line.who = AccountLanguage(account) == "nb" ? "noen" : "someone";
          }
          lines.push_back(std::move(line));
        }
        const UnsubscribeTarget target{.kind = UnsubscribeTarget::Kind::kMemberMail,
                                       .member = member.member,
                                       .email_kind = store::EmailKind::kDigest};
        mail = DigestMail(AccountLanguage(account), account.email, lines,
                          static_cast<int64_t>(unread.size()), options_.origin,
                          {.one_click = links_.OneClickUrl(options_.origin, target),
                           .page = links_.PageUrl(options_.origin, target)});
        Stamp(*mail, now);
      }
      LEDD_ASSIGN_OR_RETURN(bool recorded,
                            store_.CommitDigest(member.member, member.since, now, mail));
      if (recorded && mail.has_value()) ++digests;
    }
  }
}

void NotificationMailer::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    while (true) {
      absl::StatusOr<MailerPass> pass = RunOnce();
      if (!pass.ok()) {
        std::fprintf(stderr, "ledd: notification mail: %s\n",
                     std::string(pass.status().message()).c_str());
      }
      absl::MutexLock lock(&mu_);
      const auto stopping = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
      mu_.AwaitWithTimeout(absl::Condition(&stopping),
                           absl::Seconds(options_.interval_seconds));
      if (stopping_) return;
    }
  });
}

bool NotificationMailer::Stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

void NotificationMailer::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

}  // namespace ledd::server
