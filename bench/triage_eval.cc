// Measures invitation advice against the generator's own labels (docs/triage.md).
//
//   ledd generate --members 50000 --seed 2026 --out /tmp/triage50k
//   triage_eval --data /tmp/triage50k --db /tmp/triage50k.db
//
// Imports the CSV directory into a fresh SQLite store (unless --db already exists),
// loads the snapshot, and advises every pending invitation with the sender's behaviour
// and comments read from the store (Store::GetSenderHistory, CountComments) — what the
// invitation service does. Prints the confusion table (generator kind × decision),
// precision and recall of `decline` on `spam`, the misses with their reasons, and the
// time of one advice (marginal reach included) for recipients with 400–600 contacts,
// against a bare MarginalReach baseline in the same process.
//
//   triage_eval --table   prints TriageTableMarkdown() (the tables in docs/triage.md)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "fmt/core.h"
#include "ledd/ingest/importer.h"
#include "ledd/query/advice.h"
#include "ledd/query/contacts_report.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/triage_table.h"
#include "ledd/service/advice_facts.h"
#include "ledd/service/live_network.h"
#include "ledd/store/sqlite/sqlite_store.h"

namespace {

using ledd::Node;
using ledd::query::Advice;
using ledd::query::Decision;
using Clock = std::chrono::steady_clock;

double Micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

struct Evaluated {
  ledd::store::Invitation invitation;
  ledd::query::AdviceRequest request;
  Advice advice;
};

int Run(int argc, char** argv) {
  std::string data, db;
  int samples = 2000;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--table") {
      std::fputs(ledd::query::TriageTableMarkdown().c_str(), stdout);
      return 0;
    }
    if (arg == "--data" && i + 1 < argc) data = argv[++i];
    else if (arg == "--db" && i + 1 < argc) db = argv[++i];
    else if (arg == "--samples" && i + 1 < argc) samples = std::stoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: triage_eval --data DIR --db FILE [--samples N] | --table\n");
      return 2;
    }
  }
  if (data.empty() || db.empty()) {
    std::fprintf(stderr, "usage: triage_eval --data DIR --db FILE [--samples N] | --table\n");
    return 2;
  }

  const bool fresh = !std::filesystem::exists(db);
  auto store = ledd::store::OpenSqliteStore({.path = db});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  if (fresh) {
    const auto start = Clock::now();
    auto imported = ledd::ingest::ImportDirectory(**store, {.dir = data});
    if (!imported.ok()) {
      std::fprintf(stderr, "%s\n", imported.status().ToString().c_str());
      return 1;
    }
    fmt::print("imported {} in {:.1f} s\n", data, Micros(Clock::now() - start) / 1e6);
  }
  auto loaded = ledd::service::LoadSnapshot(**store);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
    return 1;
  }
  const ledd::graph::Snapshot& snapshot = **loaded;
  fmt::print("snapshot: {} members, {} connections\n", snapshot.NodeCount(),
             snapshot.ConnectionCount());

  // Every pending invitation, advised as the service advises it.
  auto ids = (*store)->MemberIds();
  if (!ids.ok()) return 1;
  std::vector<Evaluated> evaluated;
  for (ledd::MemberId member : *ids) {
    auto received = (*store)->ListInvitations(
        member, {.box = ledd::store::InvitationBox::kReceived,
                 .state = ledd::store::InvitationState::kPending});
    if (!received.ok()) {
      std::fprintf(stderr, "%s\n", received.status().ToString().c_str());
      return 1;
    }
    for (ledd::store::Invitation& invitation : *received) {
      Evaluated item;
      item.invitation = std::move(invitation);
      evaluated.push_back(std::move(item));
    }
  }
  for (Evaluated& item : evaluated) {
    auto facts = ledd::service::GatherAdviceFacts(**store, snapshot, item.invitation,
                                                  ledd::query::Language::kEnglish);
    if (!facts.ok()) {
      std::fprintf(stderr, "%s\n", facts.status().ToString().c_str());
      return 1;
    }
    item.advice = ledd::query::Advise(snapshot, facts->request);
    item.request = facts->request;
    item.request.claim_targets = {};  // views the facts, which end here
  }

  // Confusion table.
  const std::vector<std::string> kinds = {"spam", "foreign", "common_ground", "follower",
                                          "stranger", "visibility", "gamed"};
  std::map<std::string, std::array<int64_t, 3>> confusion;
  int64_t declined = 0, declined_spam = 0, spam = 0;
  for (const Evaluated& item : evaluated) {
    const int decision = static_cast<int>(item.advice.decision);
    ++confusion[item.invitation.kind][decision];
    const bool is_spam = item.invitation.kind == "spam";
    spam += is_spam;
    if (item.advice.decision == Decision::kDecline) {
      ++declined;
      declined_spam += is_spam;
    }
  }
  fmt::print("\npending invitations advised: {}\n\n", evaluated.size());
  fmt::print("| kind | invitations | accept | consider | decline |\n|---|---:|---:|---:|---:|\n");
  for (const std::string& kind : kinds) {
    const auto& row = confusion[kind];
    fmt::print("| `{}` | {} | {} | {} | {} |\n", kind, row[0] + row[1] + row[2], row[0], row[1],
               row[2]);
  }
  const double precision = declined ? static_cast<double>(declined_spam) / declined : 0;
  const double recall = spam ? static_cast<double>(declined_spam) / spam : 0;
  fmt::print("\ndecline on spam: precision {:.4f} ({} of {} declines), recall {:.4f} ({} of {} "
             "spam)\n",
             precision, declined_spam, declined, recall, declined_spam, spam);

  // Misses, with the reasons behind them.
  std::map<std::string, int64_t> miss_codes;
  int shown = 0;
  fmt::print("\nmisses (decline on non-spam, or spam not declined):\n");
  for (const Evaluated& item : evaluated) {
    const bool is_spam = item.invitation.kind == "spam";
    const bool decline = item.advice.decision == Decision::kDecline;
    if (is_spam == decline) continue;
    std::string codes;
    for (const auto& reason : item.advice.reasons) {
      codes += fmt::format("{}{}({:+g})", codes.empty() ? "" : " ", reason.code, reason.weight);
      if (reason.weight < 0) ++miss_codes[reason.code];
    }
    if (shown++ < 15) {
      fmt::print("  invitation {} {}->{} kind={} decision={} behaviour=[7d {} answered {} "
                 "accepted {} reports {}] {}\n",
                 item.invitation.id, item.invitation.from, item.invitation.to,
                 item.invitation.kind, ledd::query::DecisionName(item.advice.decision),
                 item.request.behaviour.sent_last_7_days, item.request.behaviour.answered,
                 item.request.behaviour.accepted, item.request.behaviour.reports, codes);
    }
  }
  for (const auto& [code, count] : miss_codes) fmt::print("  negative reason {}: {}\n", code, count);

  // What made non-spam invitations "consider": the strongest negative reason, or the
  // selective policy when there is none.
  std::map<std::string, std::map<std::string, int64_t>> consider_why;
  for (const Evaluated& item : evaluated) {
    if (item.advice.decision != Decision::kConsider || item.invitation.kind == "spam") continue;
    std::string why = "selective_without_common_ground";
    for (const auto& reason : item.advice.reasons) {
      if (reason.weight < 0) {
        why = reason.code;
        break;
      }
    }
    ++consider_why[item.invitation.kind][why];
  }
  fmt::print("\nconsider, by kind and cause:\n");
  for (const auto& [kind, causes] : consider_why) {
    for (const auto& [why, count] : causes) fmt::print("  {} {}: {}\n", kind, why, count);
  }

  // Sender behaviour alone (the store's history, no profile signals): how much of the
  // spam it would catch, and how cleanly.
  const ledd::query::TriageRules& rules = ledd::query::TriageTable();
  int64_t behaviour_declines = 0, behaviour_declines_spam = 0;
  for (const Evaluated& item : evaluated) {
    double weight = 0;
    for (const auto& reason : item.advice.reasons) {
      if (rules.Row(reason.signal).behaviour) weight += reason.weight;
    }
    if (weight > rules.thresholds.behaviour_decline_at) continue;
    ++behaviour_declines;
    behaviour_declines_spam += item.invitation.kind == "spam";
  }
  fmt::print("\nbehaviour alone (decline when behaviour weights <= {:g}): {} declines, {} of "
             "them spam: precision {:.4f}, recall {:.4f}\n",
             rules.thresholds.behaviour_decline_at, behaviour_declines, behaviour_declines_spam,
             behaviour_declines ? static_cast<double>(behaviour_declines_spam) / behaviour_declines
                                : 0.0,
             spam ? static_cast<double>(behaviour_declines_spam) / spam : 0.0);
  // Spam by cause: the profile signals of spam-labelled senders.
  int64_t no_photo_only = 0, thin_only = 0, both = 0;
  for (const Evaluated& item : evaluated) {
    if (item.invitation.kind != "spam") continue;
    bool no_photo = false, thin = false;
    for (const auto& reason : item.advice.reasons) {
      no_photo = no_photo || reason.signal == ledd::query::Signal::kNoPhoto;
      thin = thin || reason.signal == ledd::query::Signal::kThinProfile;
    }
    (no_photo && thin ? both : no_photo ? no_photo_only : thin_only) += 1;
  }
  fmt::print("spam by profile signal: no photo and thin {}, no photo only {}, thin only {}\n",
             both, no_photo_only, thin_only);

  // Timing: recipients with 400-600 contacts, each with senders drawn from the pending
  // invitations (any recipient's), so the sender mix is the real one.
  std::vector<Node> recipients;
  for (Node node = 0; node < snapshot.NodeCount(); ++node) {
    const uint32_t degree = snapshot.Degree(node);
    if (degree >= 400 && degree <= 600) recipients.push_back(node);
  }
  if (recipients.empty() || evaluated.empty()) return 0;
  std::mt19937_64 random(2026);
  std::vector<std::pair<Node, size_t>> work;
  for (int i = 0; i < samples; ++i) {
    work.emplace_back(recipients[random() % recipients.size()], random() % evaluated.size());
  }
  std::vector<double> advice_us, baseline_us;
  uint64_t check = 0;
  for (const auto& [recipient, index] : work) {
    ledd::query::AdviceRequest request = evaluated[index].request;
    if (request.sender == recipient) continue;
    request.recipient = recipient;
    auto start = Clock::now();
    const Advice advice = ledd::query::Advise(snapshot, request);
    advice_us.push_back(Micros(Clock::now() - start));
    start = Clock::now();
    const uint64_t reach = ledd::query::MarginalReach(snapshot, recipient, request.sender);
    baseline_us.push_back(Micros(Clock::now() - start));
    if (reach != advice.marginal_reach) {
      std::fprintf(stderr, "marginal reach differs: %lu vs %lu\n",
                   static_cast<unsigned long>(reach),
                   static_cast<unsigned long>(advice.marginal_reach));
      return 1;
    }
    check += reach;
  }
  fmt::print("\nadvice for recipients with 400-600 contacts ({} of them, {} samples):\n",
             recipients.size(), advice_us.size());
  fmt::print("  Advise:        p50 {:.0f} us  p90 {:.0f} us  p99 {:.0f} us\n",
             Percentile(advice_us, 0.5), Percentile(advice_us, 0.9), Percentile(advice_us, 0.99));
  fmt::print("  MarginalReach: p50 {:.0f} us  p90 {:.0f} us  p99 {:.0f} us  (baseline; advice / "
             "baseline at p50 = {:.2f})\n",
             Percentile(baseline_us, 0.5), Percentile(baseline_us, 0.9),
             Percentile(baseline_us, 0.99),
             Percentile(advice_us, 0.5) / std::max(1.0, Percentile(baseline_us, 0.5)));

  // A received box of 100 invitations and a contacts report with 100 pending.
  std::vector<double> box_ms, report_ms;
  const ledd::query::DegreeDistribution degrees = ledd::query::DegreeDistribution::Of(snapshot);
  for (int round = 0; round < 20; ++round) {
    const Node recipient = recipients[random() % recipients.size()];
    std::vector<ledd::query::PendingSender> pending;
    auto start = Clock::now();
    for (int i = 0; i < 100; ++i) {
      ledd::query::AdviceRequest request = evaluated[random() % evaluated.size()].request;
      if (request.sender == recipient) continue;
      request.recipient = recipient;
      const Advice advice = ledd::query::Advise(snapshot, request);
      pending.push_back({.sender = request.sender, .decision = advice.decision});
    }
    box_ms.push_back(Micros(Clock::now() - start) / 1000);
    start = Clock::now();
    const ledd::query::ContactsReport report = ledd::query::ReportContacts(
        snapshot, {.member = recipient, .pending = pending, .degrees = &degrees});
    report_ms.push_back(Micros(Clock::now() - start) / 1000);
    check += report.curve.back().reach;
  }
  fmt::print("  box of 100:    p50 {:.1f} ms  max {:.1f} ms\n", Percentile(box_ms, 0.5),
             Percentile(box_ms, 1.0));
  fmt::print("  contacts report, 100 pending: p50 {:.1f} ms  max {:.1f} ms\n",
             Percentile(report_ms, 0.5), Percentile(report_ms, 1.0));
  fmt::print("  (checksum {})\n", check);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }
