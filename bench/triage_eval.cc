// Measures invitation advice (docs/triage.md, "Measured").
//
//   triage_eval --labels tests/data/triage/labels.csv tests/data/triage
//       A labelled set: imports the directory into a fresh SQLite store, advises every
//       labelled invitation as the invitation service does (service::GatherAdviceFacts,
//       then query::Advise), and prints the confusion table (label x advice), precision
//       and recall per decision, agreement per case family, and every disagreement with
//       the label's reason; accept<->decline disagreements first.
//
//   ledd generate --members 50000 --seed 2026 --out /tmp/triage50k
//   triage_eval --data /tmp/triage50k --db /tmp/triage50k.db
//       A generated network: advises every pending invitation and compares the decision
//       with the generator's `kind` label, read as the decision the article's rules give
//       (ExpectedByKind), then times one advice for recipients with 400-600 contacts
//       against a bare MarginalReach baseline in the same process.
//
//   triage_eval --table   prints TriageTableMarkdown() (the tables in docs/triage.md)
//
// Without --db the store is a temporary file, removed at the end; with it, an existing
// file is reused as it is (no import).

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "fmt/core.h"
#include "ledd/ingest/csv_reader.h"
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

constexpr std::array<Decision, 3> kDecisions = {Decision::kAccept, Decision::kConsider,
                                                Decision::kDecline};

double Micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

std::optional<Decision> ParseDecision(std::string_view text) {
  for (Decision decision : kDecisions) {
    if (ledd::query::DecisionName(decision) == text) return decision;
  }
  return std::nullopt;
}

// Label x advice counts, and precision and recall of each decision.
struct Confusion {
  std::array<std::array<int64_t, 3>, 3> counts{};  // [label][advice]

  void Add(Decision label, Decision advice) {
    ++counts[static_cast<int>(label)][static_cast<int>(advice)];
  }
  int64_t Total() const {
    int64_t total = 0;
    for (const auto& row : counts) {
      for (int64_t n : row) total += n;
    }
    return total;
  }
  int64_t Agreeing() const { return counts[0][0] + counts[1][1] + counts[2][2]; }
  // Labelled accept and advised decline, or the reverse.
  int64_t Opposite() const { return counts[0][2] + counts[2][0]; }

  void Print() const {
    fmt::print("| label \\ advice | accept | consider | decline | total |\n"
               "|---|---:|---:|---:|---:|\n");
    for (Decision label : kDecisions) {
      const auto& row = counts[static_cast<int>(label)];
      fmt::print("| {} | {} | {} | {} | {} |\n", ledd::query::DecisionName(label), row[0],
                 row[1], row[2], row[0] + row[1] + row[2]);
    }
    fmt::print("\n| decision | precision | recall |\n|---|---:|---:|\n");
    for (Decision decision : kDecisions) {
      const int d = static_cast<int>(decision);
      int64_t advised = 0, labelled = 0;
      for (int other = 0; other < 3; ++other) {
        advised += counts[other][d];
        labelled += counts[d][other];
      }
      const auto ratio = [](int64_t part, int64_t whole) {
        return whole == 0 ? std::string("-")
                          : fmt::format("{:.3f} ({}/{})", static_cast<double>(part) / whole,
                                        part, whole);
      };
      fmt::print("| {} | {} | {} |\n", ledd::query::DecisionName(decision),
                 ratio(counts[d][d], advised), ratio(counts[d][d], labelled));
    }
    fmt::print("\nagreement: {} of {} ({:.1f} %); accept<->decline: {}\n", Agreeing(), Total(),
               Total() == 0 ? 0.0 : 100.0 * static_cast<double>(Agreeing()) / Total(),
               Opposite());
  }
};

std::string Codes(const Advice& advice) {
  std::string codes;
  for (const auto& reason : advice.reasons) {
    codes += fmt::format("{}{}({:+g})", codes.empty() ? "" : " ", reason.code, reason.weight);
  }
  return codes;
}

// The store to measure on: `db` if it exists, else `db` (or a temporary file when `db` is
// empty) with `dir` imported into it. Removes a temporary file when destroyed.
class MeasuredStore {
 public:
  static std::optional<MeasuredStore> Open(const std::string& dir, std::string db) {
    MeasuredStore result;
    if (db.empty()) {
      db = (std::filesystem::temp_directory_path() /
            fmt::format("triage_eval_{}.db", static_cast<long>(getpid())))
               .string();
      result.temporary_ = db;
      std::filesystem::remove(db);
    }
    const bool fresh = !std::filesystem::exists(db);
    auto store = ledd::store::OpenSqliteStore({.path = db});
    if (!store.ok()) {
      std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
      return std::nullopt;
    }
    result.store_ = *std::move(store);
    if (fresh) {
      if (dir.empty()) {
        std::fprintf(stderr, "%s does not exist: give the CSV directory to import\n", db.c_str());
        return std::nullopt;
      }
      const auto start = Clock::now();
      auto imported = ledd::ingest::ImportDirectory(*result.store_, {.dir = dir});
      if (!imported.ok()) {
        std::fprintf(stderr, "%s\n", imported.status().ToString().c_str());
        return std::nullopt;
      }
      fmt::print("imported {} in {:.1f} s\n", dir, Micros(Clock::now() - start) / 1e6);
    }
    auto loaded = ledd::service::LoadSnapshot(*result.store_);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      return std::nullopt;
    }
    result.snapshot_ = *std::move(loaded);
    fmt::print("snapshot: {} members, {} connections\n", result.snapshot_->NodeCount(),
               result.snapshot_->ConnectionCount());
    return result;
  }

  MeasuredStore(MeasuredStore&&) = default;
  MeasuredStore& operator=(MeasuredStore&&) = default;
  ~MeasuredStore() {
    if (temporary_.empty()) return;
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      std::filesystem::remove(temporary_ + suffix, ignored);
    }
  }

  ledd::store::Store& store() { return *store_; }
  const ledd::graph::Snapshot& snapshot() const { return *snapshot_; }

  // The advice for a stored invitation, as the invitation service gives it.
  std::optional<std::pair<ledd::query::AdviceRequest, Advice>> Advise(
      const ledd::store::Invitation& invitation) {
    auto facts = ledd::service::GatherAdviceFacts(*store_, *snapshot_, invitation,
                                                  ledd::query::Language::kEnglish);
    if (!facts.ok()) {
      std::fprintf(stderr, "%s\n", facts.status().ToString().c_str());
      return std::nullopt;
    }
    Advice advice = ledd::query::Advise(*snapshot_, facts->request);
    ledd::query::AdviceRequest request = facts->request;
    request.claim_targets = {};  // views the facts, which end here
    request.note = {};           // views the invitation
    return std::pair{request, std::move(advice)};
  }

 private:
  MeasuredStore() = default;
  std::unique_ptr<ledd::store::Store> store_;
  std::shared_ptr<const ledd::graph::Snapshot> snapshot_;
  std::string temporary_;
};

// ---- A labelled set ----

struct Label {
  ledd::InvitationId invitation = 0;
  Decision decision = Decision::kConsider;
  std::string reason;
  std::string family;  // The `case` column; empty when absent.
};

std::optional<std::vector<Label>> ReadLabels(const std::string& path) {
  auto reader = ledd::ingest::CsvReader::Open(path);
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
    return std::nullopt;
  }
  auto id = reader->Column("invitation_id");
  auto label = reader->Column("label");
  auto reason = reader->Column("reason");
  for (const auto* column : {&id, &label, &reason}) {
    if (!column->ok()) {
      std::fprintf(stderr, "%s\n", column->status().ToString().c_str());
      return std::nullopt;
    }
  }
  const std::optional<int> family = reader->FindColumn("case");
  std::vector<Label> labels;
  while (true) {
    absl::StatusOr<bool> more = reader->Next();
    absl::Status error = more.status();
    if (more.ok() && !*more) break;
    Label row;
    if (error.ok()) {
      auto invitation = reader->Int(*id);
      error = invitation.status();
      if (error.ok()) row.invitation = *invitation;
    }
    if (error.ok()) {
      auto decision = ParseDecision(reader->Field(*label));
      if (!decision) error = reader->Error("column \"label\": not accept, consider or decline");
      else row.decision = *decision;
    }
    if (!error.ok()) {
      std::fprintf(stderr, "%s\n", error.ToString().c_str());
      return std::nullopt;
    }
    row.reason = reader->Field(*reason);
    if (family) row.family = reader->Field(*family);
    labels.push_back(std::move(row));
  }
  return labels;
}

int RunLabelled(const std::string& labels_path, const std::string& dir, const std::string& db) {
  std::optional<std::vector<Label>> labels = ReadLabels(labels_path);
  if (!labels) return 1;
  std::optional<MeasuredStore> measured = MeasuredStore::Open(dir, db);
  if (!measured) return 1;

  struct Outcome {
    const Label* label;
    Advice advice;
  };
  std::vector<Outcome> outcomes;
  Confusion all;
  std::map<std::string, Confusion> by_family;
  for (const Label& label : *labels) {
    auto invitation = measured->store().GetInvitation(label.invitation);
    if (!invitation.ok()) {
      std::fprintf(stderr, "%s: %s\n", labels_path.c_str(),
                   invitation.status().ToString().c_str());
      return 1;
    }
    auto advised = measured->Advise(*invitation);
    if (!advised) return 1;
    all.Add(label.decision, advised->second.decision);
    by_family[label.family].Add(label.decision, advised->second.decision);
    outcomes.push_back({&label, std::move(advised->second)});
  }

  fmt::print("\nlabelled invitations: {} ({})\n\n", outcomes.size(), labels_path);
  all.Print();
  fmt::print("\n| case | invitations | agree | accept<->decline |\n|---|---:|---:|---:|\n");
  for (const auto& [family, confusion] : by_family) {
    fmt::print("| {} | {} | {} | {} |\n", family.empty() ? "-" : family, confusion.Total(),
               confusion.Agreeing(), confusion.Opposite());
  }
  for (const bool opposite : {true, false}) {
    fmt::print("\n{} disagreements:\n", opposite ? "accept<->decline" : "other");
    int shown = 0;
    for (const Outcome& outcome : outcomes) {
      const Decision label = outcome.label->decision, advice = outcome.advice.decision;
      if (label == advice) continue;
      const bool is_opposite = label != Decision::kConsider && advice != Decision::kConsider;
      if (is_opposite != opposite) continue;
      ++shown;
      fmt::print("  invitation {} [{}] label {} advice {}\n    label: {}\n    advice: {}\n",
                 outcome.label->invitation, outcome.label->family,
                 ledd::query::DecisionName(label), ledd::query::DecisionName(advice),
                 outcome.label->reason, Codes(outcome.advice));
    }
    if (shown == 0) fmt::print("  none\n");
  }
  return 0;
}

// ---- A generated network ----

// The decision the article's rules give each generator kind (docs/generator.md):
// spam signs decline; a foreign sender to a home-only or listed-markets recipient
// declines (the generator draws them without common ground); common ground and
// followers and invitations from a post read or a talk heard (visibility) are accepted;
// a gamed fresh account (a photo, a full profile, attention made minutes before) is a new
// account without verified common ground: consider; a stranger is accepted by a liberal
// recipient and considered by a selective one. Kinds not listed are counted, not measured.
std::optional<Decision> ExpectedByKind(std::string_view kind, ledd::graph::TriagePolicy policy) {
  if (kind == "spam" || kind == "foreign") return Decision::kDecline;
  if (kind == "common_ground" || kind == "follower" || kind == "visibility") {
    return Decision::kAccept;
  }
  if (kind == "gamed") return Decision::kConsider;
  if (kind == "stranger") {
    return policy == ledd::graph::TriagePolicy::kSelective ? Decision::kConsider
                                                           : Decision::kAccept;
  }
  return std::nullopt;
}

struct Evaluated {
  ledd::store::Invitation invitation;
  ledd::query::AdviceRequest request;
  Advice advice;
};

int RunGenerated(const std::string& data, const std::string& db, int samples) {
  std::optional<MeasuredStore> measured = MeasuredStore::Open(data, db);
  if (!measured) return 1;
  ledd::store::Store& store = measured->store();
  const ledd::graph::Snapshot& snapshot = measured->snapshot();

  // Every pending invitation, advised as the service advises it.
  auto ids = store.MemberIds();
  if (!ids.ok()) return 1;
  std::vector<Evaluated> evaluated;
  for (ledd::MemberId member : *ids) {
    auto received = store.ListInvitations(
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
    auto advised = measured->Advise(item.invitation);
    if (!advised) return 1;
    item.request = std::move(advised->first);
    item.request.note = item.invitation.note;  // for the timing below; item outlives it
    item.advice = std::move(advised->second);
  }

  // Confusion by kind, then by the decision each kind stands for.
  std::map<std::string, std::array<int64_t, 3>> by_kind;
  Confusion expected;
  int64_t unmeasured = 0;
  for (const Evaluated& item : evaluated) {
    ++by_kind[item.invitation.kind][static_cast<int>(item.advice.decision)];
    const std::optional<Decision> label =
        ExpectedByKind(item.invitation.kind, snapshot.Policy(item.request.recipient));
    if (label) expected.Add(*label, item.advice.decision);
    else ++unmeasured;
  }
  fmt::print("\npending invitations advised: {}\n\n", evaluated.size());
  fmt::print("| kind | invitations | accept | consider | decline |\n|---|---:|---:|---:|---:|\n");
  for (const auto& [kind, row] : by_kind) {
    fmt::print("| `{}` | {} | {} | {} | {} |\n", kind.empty() ? "-" : kind,
               row[0] + row[1] + row[2], row[0], row[1], row[2]);
  }
  fmt::print("\nkinds read as decisions (spam, foreign: decline; common_ground, follower, "
             "visibility: accept; gamed: consider; stranger: accept if liberal, consider if "
             "selective){}:\n\n",
             unmeasured ? fmt::format("; {} invitations of other kinds left out", unmeasured)
                        : std::string());
  expected.Print();

  // Misses: accept<->decline against the kind, with the reasons behind them.
  int shown = 0;
  fmt::print("\naccept<->decline against the kind (first 15):\n");
  for (const Evaluated& item : evaluated) {
    const std::optional<Decision> label =
        ExpectedByKind(item.invitation.kind, snapshot.Policy(item.request.recipient));
    if (!label || *label == Decision::kConsider || item.advice.decision == Decision::kConsider ||
        *label == item.advice.decision) {
      continue;
    }
    if (shown++ < 15) {
      fmt::print("  invitation {} {}->{} kind={} decision={} behaviour=[7d {} answered {} "
                 "accepted {} reports {}] {}\n",
                 item.invitation.id, item.invitation.from, item.invitation.to,
                 item.invitation.kind, ledd::query::DecisionName(item.advice.decision),
                 item.request.behaviour.sent_last_7_days, item.request.behaviour.answered,
                 item.request.behaviour.accepted, item.request.behaviour.reports,
                 Codes(item.advice));
    }
  }
  if (shown == 0) fmt::print("  none\n");

  // What made invitations "consider" against their kind: the strongest negative
  // reason, or else the selective policy, with what the common ground lacked.
  std::map<std::string, std::map<std::string, int64_t>> consider_why;
  for (const Evaluated& item : evaluated) {
    if (item.advice.decision != Decision::kConsider) continue;
    const std::optional<Decision> label =
        ExpectedByKind(item.invitation.kind, snapshot.Policy(item.request.recipient));
    if (label == Decision::kConsider) continue;
    std::string why = item.advice.common_ground      ? "selective_common_ground_not_serious"
                      : item.advice.mutual_contacts > 0 ? "selective_hub_only_mutual_contacts"
                                                        : "selective_without_common_ground";
    for (const auto& reason : item.advice.reasons) {
      if (reason.weight < 0) {
        why = reason.code;
        break;
      }
    }
    ++consider_why[item.invitation.kind][why];
  }
  fmt::print("\nconsider against the kind, by kind and cause:\n");
  for (const auto& [kind, causes] : consider_why) {
    for (const auto& [why, count] : causes) fmt::print("  {} {}: {}\n", kind, why, count);
  }

  // Sender behaviour alone (the store's history, no profile signals): how much of the
  // spam it would catch, and how cleanly.
  const ledd::query::TriageRules& rules = ledd::query::TriageTable();
  int64_t behaviour_declines = 0, behaviour_declines_spam = 0, spam = 0;
  for (const Evaluated& item : evaluated) {
    spam += item.invitation.kind == "spam";
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

int main(int argc, char** argv) {
  CLI::App app{"Measures invitation advice against labels (docs/triage.md, \"Measured\")"};
  std::string labels, data, db;
  int samples = 2000;
  bool table = false;
  app.add_flag("--table", table, "print TriageTableMarkdown(), the tables in docs/triage.md");
  app.add_option("--labels", labels,
                 "labels.csv (invitation_id,label,reason[,case]) of the set in DIR")
      ->check(CLI::ExistingFile);
  app.add_option("dir,--data", data, "DIR: the network in ledd's CSV format");
  app.add_option("--db", db,
                 "SQLite file to import DIR into and keep; an existing one is used as it is");
  app.add_option("--samples", samples, "timed advices on a generated network")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  if (table) {
    std::fputs(ledd::query::TriageTableMarkdown().c_str(), stdout);
    return 0;
  }
  if (data.empty() && db.empty()) {
    std::fputs(app.help().c_str(), stderr);
    return 2;
  }
  if (!labels.empty()) return RunLabelled(labels, data, db);
  return RunGenerated(data, db, samples);
}
