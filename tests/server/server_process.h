#pragma once
// The real `ledd serve` as a child process, for tests that drive it over loopback: it
// starts the binary with `--listen 127.0.0.1:0`, reads the URL it prints once it is
// ready (and the metrics URL it prints before, with --metrics-listen), and on
// destruction sends SIGTERM and waits for it (SIGKILL after 10 s).

#include <sys/types.h>

#include <string>
#include <vector>

#include "httplib.h"
#include "nlohmann/json.hpp"
#include "testing/temp_dir.h"

namespace ledd::testing {

class ServerProcess {
 public:
  // Starts `ledd serve --db DB --listen 127.0.0.1:0 --password-hashing fast ARGS...`.
  // port() is 0 if it did not come up within 30 s.
  ServerProcess(const std::string& db, const std::vector<std::string>& args = {});
  // Starts `binary ARGS...` and nothing more: a binary other than the build's (one
  // installed from the package), with the flags the test chooses (it must listen on
  // 127.0.0.1).
  struct Command {
    std::string binary;
    std::vector<std::string> args;
  };
  explicit ServerProcess(const Command& command);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // The --metrics-listen port; 0 without one.
  int metrics_port() const { return metrics_port_; }
  // A client for this server on loopback.
  httplib::Client Client(int read_timeout_seconds = 30) const;
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the exit; the exit code, or -1 for a death by signal
  // or a timeout (then it is killed).
  int StopWith(int signal, int timeout_seconds = 10);

 private:
  void Start(std::vector<std::string> argv_strings);

  pid_t pid_ = -1;
  int port_ = 0;
  int metrics_port_ = 0;
  int stdout_fd_ = -1;
  bool exited_ = false;
};

// Generates a network of `members` with `seed` under dir/net and imports it into
// dir/ledd.db. Returns the database's path, or "" after reporting the failure to gtest.
std::string ImportGeneratedNetwork(const TempDir& dir, int members, int seed);

// Adds an account (cheap password hashing) to `member` with `ledd accounts create`.
// Returns false after reporting the failure to gtest.
bool CreateAccount(const std::string& db, int64_t member, const std::string& email,
                   const std::string& password);

// The JSON body of a response: null when there was no response, discarded
// (is_discarded()) when the body does not parse.
nlohmann::json BodyOf(const httplib::Result& result);

// A member who signed up through POST /api/v1/signup, signed in.
struct SignedUpMember {
  int64_t id = 0;
  std::string token;
  std::string csrf;
  std::string email;
};

// Signs `first_name` Tester up on `server` with a password that passes and an email
// no other call uses; `fields` are merged into the request (a last_name, headline,
// country, invite or email of one's own). Reports a refusal to gtest and returns an
// empty member.
SignedUpMember SignUp(ServerProcess& server, const std::string& first_name,
                      const nlohmann::json& fields = nlohmann::json::object());

}  // namespace ledd::testing
