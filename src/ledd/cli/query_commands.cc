// ledd reach | degree | mutual | path | pymk | search | organizations: the network
// queries, and the organization type-ahead.
//
// Every query command has one shape: its flags become a JSON request whose keys are the
// option names ("member", "a", "b", "as", "third", "limit", ...), and one function
// answers a request against a snapshot (server/query_json.h, shared with the HTTP API,
// so both print the same fields). So `--batch FILE` (one request per line) and the
// single-query form share all code, and `--batch` loads the network once for thousands
// of queries. `--timing` adds "micros": the time of that query alone, measured here.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "fmt/core.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/cli/command.h"
#include "ledd/cli/output.h"
#include "ledd/graph/snapshot.h"
#include "ledd/query/worker_pool.h"
#include "ledd/server/query_json.h"
#include "ledd/service/live_network.h"
#include "ledd/store/open.h"
#include "nlohmann/json.hpp"

namespace ledd::cli {
namespace {

using nlohmann::json;
using server::AnswerDegree;
using server::AnswerMutual;
using server::AnswerOrganizations;
using server::AnswerPath;
using server::AnswerPymk;
using server::AnswerReach;
using server::AnswerSearch;
using server::QueryRequest;

enum class ParamKind { kMember, kCount, kText, kFlag };

struct Param {
  std::string name;  // JSON key; "--name" on the command line unless positional.
  ParamKind kind;
  std::string help;
  bool positional = false;  // Positional parameters are required in single mode.
  std::string placeholder = "";  // A positional's name in the help; the upper-cased name if empty.
};

void PrintSearch(const json& r) {
  fmt::print("{} matches ({} 1st, {} 2nd, {} 3rd degree, {} beyond)\n", r["total"].dump(),
             r["by_degree"]["1"].dump(), r["by_degree"]["2"].dump(), r["by_degree"]["3"].dump(),
             r["by_degree"]["beyond"].dump());
  for (const json& hit : r["hits"]) {
    std::vector<std::string> introducers;
    for (const json& introducer : hit["introducers"]) {
      introducers.push_back(PrintableField(introducer["name"]));
    }
    fmt::print("  [{}] {} ({}), {} mutual{}{}\n",
               hit["degree"].is_null() ? std::string("-") : hit["degree"].dump(),
               PrintableField(hit["name"]),
               hit["member"].dump(), hit["mutual"].dump(), introducers.empty() ? "" : "; ask ",
               fmt::join(introducers, ", "));
  }
  for (const auto& [facet, values] : r["facets"].items()) {
    if (values.empty()) continue;
    std::vector<std::string> shown;
    for (const json& value : values) {
      shown.push_back(
          fmt::format("{} {}", PrintableField(value["display"]), value["count"].dump()));
    }
    fmt::print("  {}: {}\n", Printable(facet), fmt::join(shown, " · "));
  }
}

struct QueryCommand {
  std::string name;
  std::string description;
  std::vector<Param> params;
  std::function<absl::StatusOr<json>(const QueryRequest&)> answer;
  // Human-readable form of a result.
  std::function<void(const json& result)> print;
};

void PrintMembers(const json& members) {
  for (const json& member : members) {
    fmt::print("  {} ({})\n", PrintableField(member["name"]), member["member"].dump());
  }
}

std::vector<QueryCommand> QueryCommands() {
  return {
      {"reach",
       "Exact 1st, 2nd (and 3rd) degree reach against the blog arithmetic",
       {{"member", ParamKind::kMember, "Member id", true},
        {"third", ParamKind::kFlag, "Also count the 3rd degree"}},
       AnswerReach,
       [](const json& r) {
         uint64_t first = r["first"].get<uint64_t>();
         uint64_t second = r["second"].get<uint64_t>();
         fmt::print("{} ({})\n", PrintableField(r["name"]), r["member"].dump());
         fmt::print("  1st degree (contacts)          {:>12}\n", first);
         fmt::print("  2nd degree, exact              {:>12}\n", second);
         if (!r["third"].is_null()) {
           fmt::print("  3rd degree, exact              {:>12}\n", r["third"].dump());
         }
         fmt::print("  1st + 2nd, exact               {:>12}\n", first + second);
         fmt::print("  blog arithmetic (contacts + their contacts) {:>8}\n", r["naive"].dump());
         fmt::print("  blog's \"minus 20 % overlap\"   {:>12.0f}\n",
                    r["blog_estimate"].get<double>());
         fmt::print("  real overlap                   {:>11.1f} %\n",
                    100 * r["overlap"].get<double>());
       }},
      {"degree",
       "1 if connected, 2 if they share a contact, 3 if one step further, else none",
       {{"a", ParamKind::kMember, "Member id", true}, {"b", ParamKind::kMember, "Member id", true}},
       AnswerDegree,
       [](const json& r) {
         fmt::print("{}\n", r["degree"].is_null() ? "out of network" : r["degree"].dump());
       }},
      {"mutual",
       "Common contacts of two members",
       {{"a", ParamKind::kMember, "Member id", true},
        {"b", ParamKind::kMember, "Member id", true},
        {"limit", ParamKind::kCount, "How many to list (default 10)"}},
       AnswerMutual,
       [](const json& r) {
         fmt::print("{} mutual contacts\n", r["count"].dump());
         PrintMembers(r["members"]);
       }},
      {"path",
       "A shortest path of at most 6 hops, and who can introduce you",
       {{"a", ParamKind::kMember, "From member id", true},
        {"b", ParamKind::kMember, "To member id", true}},
       AnswerPath,
       [](const json& r) {
         if (r["length"].is_null()) {
           fmt::print("no path within 6 hops\n");
           return;
         }
         fmt::print("{} hops:\n", r["length"].dump());
         PrintMembers(r["path"]);
       }},
      {"pymk",
       "People you may know: 2nd degree by mutual contacts and shared background",
       {{"member", ParamKind::kMember, "Member id", true},
        {"limit", ParamKind::kCount, "How many (default 10)"}},
       AnswerPymk,
       [](const json& r) {
         for (const json& s : r["suggestions"]) {
           fmt::print("  {} ({}): {} mutual; {}\n", PrintableField(s["name"]), s["member"].dump(),
                      s["mutual"].dump(), PrintableField(s["reasons"]));
         }
       }},
      {"search",
       "Members within your 1st/2nd/3rd degree matching every filter, ranked, with facets",
       {{"as", ParamKind::kMember, "Search as this member (required)"},
        {"title", ParamKind::kText, "Title text: folded substring, with synonyms"},
        {"city", ParamKind::kText, "City"},
        {"country", ParamKind::kText, "Country (alpha-2)"},
        {"company", ParamKind::kText, "Current or past company"},
        {"school", ParamKind::kText, "School"},
        {"field", ParamKind::kText, "Field of study"},
        {"industry", ParamKind::kText, "Industry"},
        {"name", ParamKind::kText, "Prefix of any word of the name"},
        {"degree", ParamKind::kText,
         "Degrees to search, e.g. 1,2 (default); all: the member directory (everyone listed)"},
        {"limit", ParamKind::kCount, "Hits to return (default 20)"},
        {"offset", ParamKind::kCount, "Ranked hits to skip (paging)"}},
       AnswerSearch,
       PrintSearch},
      {"organizations",
       "Organizations whose name (or a word of it, or a known alias such as UiO) starts "
       "with QUERY: exact and alias matches first, then by members",
       {{"q", ParamKind::kText, "What was typed: \"equinor\", \"oslo\", \"UiO\"", true,
         "QUERY"},
        {"kind", ParamKind::kText, "company or school (default both)"},
        {"limit", ParamKind::kCount, "How many (default 10, at most 100)"}},
       AnswerOrganizations,
       [](const json& r) {
         for (const json& organization : r["organizations"]) {
           const std::string country = PrintableField(organization["country"]);
           fmt::print("  {} ({}, {}{}{}): {} members\n", PrintableField(organization["name"]),
                      organization["id"].dump(), PrintableField(organization["kind"]),
                      country.empty() ? "" : ", ", country, organization["members"].dump());
         }
       }},
  };
}

struct QueryFlags {
  std::string db;
  bool json_output = false;
  bool timing = false;
  int threads = 1;
  std::string batch;
  // One string per Param, in order; flags as "true".
  std::vector<std::string> values;
  std::vector<CLI::Option*> options;
};

// Answers one request; errors become {"error":{"code","message"}}.
json AnswerTimed(const QueryCommand& command, const graph::Snapshot& snapshot, const json& params,
                 query::WorkerPool* pool, bool timing, bool* failed) {
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<json> result = command.answer(QueryRequest(snapshot, params, pool));
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count();
  if (!result.ok()) {
    *failed = true;
    return server::ErrorJson(absl::StatusCodeToString(result.status().code()),
                             std::string(result.status().message()));
  }
  if (timing) (*result)["micros"] = micros;
  return *std::move(result);
}

absl::Status RunBatch(const QueryCommand& command, const graph::Snapshot& snapshot,
                      query::WorkerPool* pool, const QueryFlags& flags) {
  std::ifstream in(flags.batch);
  if (!in) return absl::NotFoundError(fmt::format("{}: cannot open", flags.batch));
  std::string line;
  int line_number = 0;
  int failures = 0;
  std::string out;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json params = json::parse(line, nullptr, /*allow_exceptions=*/false);
    bool failed = false;
    json result;
    if (!params.is_object()) {
      failed = true;
      result = {{"error",
                 {{"code", "INVALID_ARGUMENT"},
                  {"message", fmt::format("{}:{}: not a JSON object", flags.batch, line_number)}}}};
    } else {
      result = AnswerTimed(command, snapshot, params, pool, flags.timing, &failed);
    }
    failures += failed;
    out += JsonText(result);
    out += '\n';
    if (out.size() > (1 << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (failures > 0) {
    return absl::InvalidArgumentError(fmt::format(
        "{} of the requests in {} failed (see their error objects)", failures, flags.batch));
  }
  return absl::OkStatus();
}

absl::Status RunQuery(const QueryCommand& command, const QueryFlags& flags) {
  json params = json::object();
  for (size_t i = 0; i < command.params.size(); ++i) {
    if (flags.options[i]->count() == 0) continue;
    if (command.params[i].kind == ParamKind::kFlag) {
      params[command.params[i].name] = true;
    } else {
      params[command.params[i].name] = flags.values[i];
    }
  }
  if (flags.batch.empty()) {
    for (size_t i = 0; i < command.params.size(); ++i) {
      if (command.params[i].positional && !params.contains(command.params[i].name)) {
        const Param& param = command.params[i];
        return absl::InvalidArgumentError(fmt::format(
            "{} is required (or --batch FILE)",
            param.placeholder.empty() ? param.name : param.placeholder));
      }
    }
  }

  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(flags.db));
  LEDD_ASSIGN_OR_RETURN(std::shared_ptr<const graph::Snapshot> snapshot,
                        service::LoadSnapshot(*store));

  // Threads for the queries that split their work (reach), started once.
  std::unique_ptr<query::WorkerPool> pool;
  if (flags.threads > 1) pool = std::make_unique<query::WorkerPool>(flags.threads);

  if (!flags.batch.empty()) return RunBatch(command, *snapshot, pool.get(), flags);
  bool failed = false;
  json result = AnswerTimed(command, *snapshot, params, pool.get(), flags.timing, &failed);
  if (failed) return absl::InvalidArgumentError(result["error"]["message"].get<std::string>());
  if (flags.json_output) {
    fmt::print("{}\n", JsonText(result));
  } else {
    command.print(result);
    if (flags.timing) fmt::print("({} µs)\n", result["micros"].dump());
  }
  return absl::OkStatus();
}

}  // namespace

void AddQueryCommands(Commands& commands) {
  for (QueryCommand& command : QueryCommands()) {
    auto shared = std::make_shared<QueryCommand>(std::move(command));
    auto flags = std::make_shared<QueryFlags>();
    CLI::App* app = commands.Add(shared->name, shared->description,
                                 [shared, flags] { return RunQuery(*shared, *flags); });
    app->add_option("--db", flags->db, "SQLite database file")->required();
    app->add_flag("--json", flags->json_output, "Print the result as one JSON object");
    app->add_option("--batch", flags->batch,
                    "Answer one JSON request per line of FILE (keys are the option names), "
                    "loading the network once; prints one JSON result per line")
        ->check(CLI::ExistingFile);
    app->add_flag("--timing", flags->timing, "Add \"micros\": the time of each query alone");
    app->add_option("--threads", flags->threads,
                    "Threads a query may split its work over (reach does); 1 = none")
        ->check(IntegerIn(1, 64))
        ->capture_default_str();
    flags->values.resize(shared->params.size());
    for (size_t i = 0; i < shared->params.size(); ++i) {
      const Param& param = shared->params[i];
      CLI::Option* option = nullptr;
      if (param.kind == ParamKind::kFlag) {
        option = app->add_flag("--" + param.name, param.help);
      } else if (param.positional) {
        std::string upper = param.placeholder.empty() ? param.name : param.placeholder;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        option = app->add_option(upper, flags->values[i], param.help);
      } else {
        option = app->add_option("--" + param.name, flags->values[i], param.help);
      }
      // The values go on as text; an id or count that is not a plain int64 is refused
      // here, with the option's name, rather than deep in the query.
      if (param.kind == ParamKind::kMember) option->check(PositiveId());
      if (param.kind == ParamKind::kCount) {
        option->check(IntegerIn<int64_t>(0, std::numeric_limits<int64_t>::max()));
      }
      flags->options.push_back(option);
    }
  }
}

}  // namespace ledd::cli
