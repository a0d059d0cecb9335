#pragma once
// The real `ledd serve` as a child process, for tests that drive it over loopback: it
// starts the binary with `--listen 127.0.0.1:0`, reads the URL it prints once it is
// ready, and on destruction sends SIGTERM and waits for it (SIGKILL after 10 s).

#include <sys/types.h>

#include <string>
#include <vector>

namespace ledd::testing {

class ServerProcess {
 public:
  // Starts `ledd serve --db DB --listen 127.0.0.1:0 --password-hashing fast ARGS...`.
  // port() is 0 if it did not come up within 30 s.
  ServerProcess(const std::string& db, const std::vector<std::string>& args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the exit; the exit code, or -1 for a death by signal
  // or a timeout (then it is killed).
  int StopWith(int signal, int timeout_seconds = 10);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int stdout_fd_ = -1;
  bool exited_ = false;
};

}  // namespace ledd::testing
