#include "server/server_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "testing/run.h"

namespace ledd::testing {

ServerProcess::ServerProcess(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv_strings = {
      LeddBinary(), "serve", "--db", db, "--listen", "127.0.0.1:0", "--password-hashing", "fast"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  Start(std::move(argv_strings));
}

ServerProcess::ServerProcess(const Command& command) {
  std::vector<std::string> argv_strings = {command.binary};
  argv_strings.insert(argv_strings.end(), command.args.begin(), command.args.end());
  Start(std::move(argv_strings));
}

void ServerProcess::Start(std::vector<std::string> argv_strings) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> argv;
    for (std::string& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  stdout_fd_ = pipe_fds[0];
  // "ledd: listening on http://127.0.0.1:PORT/ (N members)"
  std::string printed;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd{stdout_fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, 100) <= 0) continue;
    char buffer[256];
    ssize_t got = read(stdout_fd_, buffer, sizeof buffer);
    if (got <= 0) break;
    printed.append(buffer, static_cast<size_t>(got));
    constexpr std::string_view kListening = "listening on http://127.0.0.1:";
    const size_t at = printed.find(kListening);
    if (at != std::string::npos && printed.find('/', at + kListening.size()) != std::string::npos) {
      port_ = std::atoi(printed.c_str() + at + kListening.size());
      // "ledd: metrics on http://HOST:PORT/metrics", printed first.
      const size_t metrics = printed.find("metrics on http://");
      if (metrics != std::string::npos) {
        const size_t colon = printed.find(':', metrics + 18);
        if (colon != std::string::npos) metrics_port_ = std::atoi(printed.c_str() + colon + 1);
      }
      break;
    }
  }
}

int ServerProcess::StopWith(int signal, int timeout_seconds) {
  if (pid_ <= 0 || exited_) return -1;
  kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (true) {
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      exited_ = true;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  exited_ = true;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exited_) StopWith(SIGTERM);
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

httplib::Client ServerProcess::Client(int read_timeout_seconds) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(read_timeout_seconds, 0);
  return client;
}

std::string ImportGeneratedNetwork(const TempDir& dir, int members, int seed) {
  const std::string net = dir.File("net");
  const std::string db = dir.File("ledd.db");
  RunResult generated = RunCommand(
      fmt::format("{} generate --members {} --seed {} --out {}", LeddBinary(), members, seed, net));
  if (generated.exit_code != 0) {
    ADD_FAILURE() << "ledd generate: " << generated.err;
    return "";
  }
  RunResult imported = RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db, net));
  if (imported.exit_code != 0) {
    ADD_FAILURE() << "ledd import: " << imported.err;
    return "";
  }
  return db;
}

bool CreateAccount(const std::string& db, int64_t member, const std::string& email,
                   const std::string& password) {
  RunResult created =
      RunCommand(fmt::format("{} accounts create --db {} {} --email {} --password '{}' "
                             "--password-hashing fast",
                             LeddBinary(), db, member, email, password));
  if (created.exit_code != 0) ADD_FAILURE() << "ledd accounts create: " << created.err;
  return created.exit_code == 0;
}

nlohmann::json BodyOf(const httplib::Result& result) {
  if (!result) return nlohmann::json();
  return nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
}

SignedUpMember SignUp(ServerProcess& server, const std::string& first_name,
                      const nlohmann::json& fields) {
  static std::atomic<int> count = 0;
  nlohmann::json request = {
      {"email", fmt::format("{}{}@example.org", first_name, ++count)},
      {"password", "a long enough password"},
      {"first_name", first_name},
      {"last_name", "Tester"}};
  request.update(fields);
  httplib::Result result = server.Client(10).Post("/api/v1/signup", request.dump(),
                                                  "application/json");
  EXPECT_TRUE(result);
  if (!result) return {};
  EXPECT_EQ(result->status, 201) << result->body;
  const nlohmann::json body = BodyOf(result);
  if (result->status != 201 || !body.is_object()) return {};
  return {.id = body["member"],
          .token = body["token"],
          .csrf = body["csrf_token"],
          .email = request["email"]};
}

}  // namespace ledd::testing
