#include "testing/postgres_cluster.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "testing/run.h"

namespace ledd::testing {
namespace {

// One word for sh -c: single quotes, each ' written as '\''.
std::string ShellQuote(const std::string& word) {
  return absl::StrCat("'", absl::StrReplaceAll(word, {{"'", "'\\''"}}), "'");
}

std::string Script(const std::string& arguments) {
  return absl::StrCat(ShellQuote(LEDD_SYSTEM_PYTHON), " ", ShellQuote(LEDD_POSTGRES_CLUSTER_SCRIPT),
                      " --bindir ", ShellQuote(LEDD_POSTGRES_BINDIR), " ", arguments);
}

absl::Status Failed(const std::string& what, const RunResult& result) {
  return absl::InternalError(absl::StrCat(what, " failed (exit ", result.exit_code,
                                          "): ", absl::StripAsciiWhitespace(result.err)));
}

}  // namespace

std::string PostgresTestUri() {
  if (const char* uri = std::getenv("LEDD_TEST_POSTGRES"); uri != nullptr && *uri != '\0') {
    return uri;
  }
  const char* file = std::getenv("LEDD_TEST_POSTGRES_FILE");
  if (file == nullptr || *file == '\0') return "";
  std::ifstream in(file);
  std::string uri;
  std::getline(in, uri);
  uri = std::string(absl::StripAsciiWhitespace(uri));
  if (uri.empty()) {
    std::fprintf(stderr,
                 "LEDD_TEST_POSTGRES_FILE=%s holds no URI: the CTest fixture "
                 "postgres_cluster (test postgres_cluster_start) did not start the cluster\n",
                 file);
    std::abort();
  }
  return uri;
}

std::string WithDatabase(const std::string& uri, const std::string& database) {
  const size_t authority = uri.find("://");
  const size_t path = uri.find('/', authority == std::string::npos ? 0 : authority + 3);
  if (path == std::string::npos) {
    const size_t query = uri.find('?');
    if (query == std::string::npos) return absl::StrCat(uri, "/", database);
    return absl::StrCat(uri.substr(0, query), "/", database, uri.substr(query));
  }
  const size_t query = uri.find('?', path);
  return absl::StrCat(uri.substr(0, path + 1), database,
                      query == std::string::npos ? "" : uri.substr(query));
}

absl::StatusOr<std::string> RunSql(const std::string& uri, const std::string& statement) {
  // -X: no ~/.psqlrc; -At: rows only, unaligned; ON_ERROR_STOP: a refusal is exit 1.
  // Bounded, so that a commit waiting for a missing synchronous standby fails the test
  // instead of hanging it: 10 s to connect, 120 s in all.
  const RunResult result = RunCommand(absl::StrCat(
      "PGCONNECT_TIMEOUT=10 timeout 120 ", ShellQuote(absl::StrCat(LEDD_POSTGRES_BINDIR, "/psql")),
      " -X -q -At -v ON_ERROR_STOP=1 -d ", ShellQuote(uri), " -c ", ShellQuote(statement),
      " </dev/null"));
  if (result.exit_code != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "psql ", uri, " -c \"", statement, "\": ", absl::StripAsciiWhitespace(result.err)));
  }
  std::string out = result.out;
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

PostgresCluster::~PostgresCluster() {
  if (running_) RunScript("stop --mode immediate --keep").IgnoreError();
}

absl::Status PostgresCluster::Start(const std::string& dir, PostgresClusterOptions options) {
  if (running_) return absl::FailedPreconditionError("the cluster is already running");
  dir_ = dir;
  options_ = std::move(options);
  return RunStart("");
}

absl::Status PostgresCluster::Restart() {
  if (running_) return absl::FailedPreconditionError("the cluster is already running");
  if (dir_.empty()) return absl::FailedPreconditionError("the cluster was never started");
  return RunStart("");
}

absl::Status PostgresCluster::StartStandbyOf(const PostgresCluster& primary, const std::string& dir,
                                             PostgresClusterOptions options) {
  if (running_) return absl::FailedPreconditionError("the cluster is already running");
  if (!primary.running()) return absl::FailedPreconditionError("the primary is not running");
  dir_ = dir;
  options_ = std::move(options);
  return RunStart(absl::StrCat(" --standby-of ", primary.port()));
}

absl::Status PostgresCluster::RunStart(const std::string& extra) {
  std::string arguments = absl::StrCat("start ", ShellQuote(dir_), extra);
  if (options_.port != 0) absl::StrAppend(&arguments, " --port ", options_.port);
  if (!options_.name.empty()) {
    absl::StrAppend(&arguments, " --set ", ShellQuote("cluster_name=" + options_.name));
  }
  if (!options_.synchronous_standby_names.empty()) {
    absl::StrAppend(&arguments, " --set ",
                    ShellQuote("synchronous_standby_names=" + options_.synchronous_standby_names));
  }
  if (options_.durable) absl::StrAppend(&arguments, " --durable");
  absl::StrAppend(&arguments, " --owner-pid ", getpid());
  const RunResult result = RunCommand(Script(arguments));
  if (result.exit_code != 0) return Failed("postgres_cluster.py start " + dir_, result);
  // It prints the URI; its port is kept for Restart() and for standbys.
  const std::string uri(absl::StripAsciiWhitespace(result.out));
  const size_t colon = uri.rfind(':');
  const size_t slash = uri.find('/', colon == std::string::npos ? 0 : colon);
  int port = 0;
  if (colon == std::string::npos || slash == std::string::npos ||
      !absl::SimpleAtoi(uri.substr(colon + 1, slash - colon - 1), &port)) {
    return absl::InternalError("postgres_cluster.py start printed no URI: " + result.out);
  }
  options_.port = port;
  running_ = true;
  return absl::OkStatus();
}

absl::Status PostgresCluster::RunScript(const std::string& command) const {
  const RunResult result = RunCommand(Script(absl::StrCat(command, " ", ShellQuote(dir_))));
  if (result.exit_code != 0) return Failed("postgres_cluster.py " + command + " " + dir_, result);
  return absl::OkStatus();
}

absl::Status PostgresCluster::Stop() {
  if (!running_) return absl::FailedPreconditionError("the cluster is not running");
  running_ = false;
  return RunScript("stop --keep");
}

absl::Status PostgresCluster::Kill() {
  if (!running_) return absl::FailedPreconditionError("the cluster is not running");
  running_ = false;
  return RunScript("kill");
}

absl::Status PostgresCluster::Promote() {
  if (!running_) return absl::FailedPreconditionError("the cluster is not running");
  return RunScript("promote");
}

absl::StatusOr<bool> PostgresCluster::IsInRecovery() const {
  absl::StatusOr<std::string> answer = Sql("postgres", "SELECT pg_is_in_recovery()");
  if (!answer.ok()) return answer.status();
  if (*answer != "t" && *answer != "f") {
    return absl::InternalError("pg_is_in_recovery() answered " + *answer);
  }
  return *answer == "t";
}

std::string PostgresCluster::Uri(const std::string& database) const {
  return absl::StrCat("postgresql://postgres@127.0.0.1:", options_.port, "/", database);
}

absl::Status PostgresCluster::CreateDatabase(const std::string& name) const {
  // A quoted identifier: any name, the case kept.
  return Sql("postgres",
             absl::StrCat("CREATE DATABASE \"", absl::StrReplaceAll(name, {{"\"", "\"\""}}), "\""))
      .status();
}

absl::StatusOr<std::string> PostgresCluster::Sql(const std::string& database,
                                                 const std::string& statement) const {
  return RunSql(Uri(database), statement);
}

}  // namespace ledd::testing
