// `ledd snapshot save|info` and `ledd serve --snapshot` through the real binary: a server
// started from a file serves the members written after the file was saved, keeps the
// file fresh with --snapshot-save-interval, and a corrupt file only costs a full load.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server_process.h"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using ::testing::HasSubstr;
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using testing::TempDir;

// The metrics listener's /healthz: members and last_event of the served network.
nlohmann::json Health(const ServerProcess& server) {
  httplib::Result result = httplib::Client("127.0.0.1", server.metrics_port()).Get("/healthz");
  return testing::BodyOf(result);
}

// The event position `ledd snapshot info` reports for `file`; -1 on failure.
int64_t FilePosition(const std::string& file) {
  RunResult info = RunCommand(fmt::format("{} snapshot info {}", LeddBinary(), file));
  if (info.exit_code != 0) return -1;
  const size_t at = info.out.find("event position (0, ");
  if (at == std::string::npos) return -1;
  return std::stoll(info.out.substr(at + 19));
}

TEST(SnapshotCommand, ServeStartsFromASavedFileAndReplaysLaterWrites) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 500, 3);
  ASSERT_FALSE(db.empty());
  const std::string file = dir.File("network.snap");
  RunResult saved =
      RunCommand(fmt::format("{} snapshot save --db {} --out {}", LeddBinary(), db, file));
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_THAT(saved.out, HasSubstr("members"));
  const int64_t saved_at = FilePosition(file);
  ASSERT_GT(saved_at, 0);

  int64_t members = 0;
  {
    // Writes after the file's position: members signing up.
    ServerProcess server(db, {"--metrics-listen", "127.0.0.1:0", "--rate-limit-per-second", "0",
                              "--signups-per-hour", "0"});
    ASSERT_NE(server.port(), 0);
    for (int i = 0; i < 3; ++i) ASSERT_NE(testing::SignUp(server, "Later").id, 0);
    const nlohmann::json health = Health(server);
    members = health.value("members", int64_t{0});
    ASSERT_GT(health.value("last_event", int64_t{0}), saved_at);
  }
  // The keys from a config file, as an operator would set them.
  const std::string config = dir.File("ledd.toml");
  {
    std::ofstream toml(config);
    toml << fmt::format("snapshot = \"{}\"\nsnapshot-save-interval = 0.2\n", file);
  }
  ServerProcess server(db, {"--config", config, "--metrics-listen", "127.0.0.1:0"});
  ASSERT_NE(server.port(), 0);
  const nlohmann::json health = Health(server);
  EXPECT_EQ(health.value("members", int64_t{0}), members);
  const int64_t last_event = health.value("last_event", int64_t{0});
  EXPECT_GT(last_event, saved_at);
  // The saver writes the network at its new position.
  for (int attempt = 0; attempt < 200 && FilePosition(file) != last_event; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(FilePosition(file), last_event);
}

TEST(SnapshotCommand, ACorruptFileCostsAFullLoadAndCommandsRefuseIt) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 300, 4);
  ASSERT_FALSE(db.empty());
  const std::string file = dir.File("network.snap");
  ASSERT_EQ(RunCommand(fmt::format("{} snapshot save --db {} --out {}", LeddBinary(), db, file))
                .exit_code,
            0);
  // A byte in the middle flipped.
  {
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto middle = static_cast<std::streamoff>(std::filesystem::file_size(file) / 2);
    bytes.seekg(middle);
    char byte = 0;
    bytes.get(byte);
    bytes.seekp(middle);
    bytes.put(static_cast<char>(byte ^ 0x10));
  }
  ServerProcess server(db, {"--snapshot", file, "--metrics-listen", "127.0.0.1:0"});
  ASSERT_NE(server.port(), 0);
  EXPECT_GT(Health(server).value("members", int64_t{0}), 0);

  // `info` checks only the header; a truncated file fails it.
  std::filesystem::resize_file(file, 100);
  RunResult info = RunCommand(fmt::format("{} snapshot info {}", LeddBinary(), file));
  EXPECT_EQ(info.exit_code, 1);
  EXPECT_THAT(info.err, HasSubstr("corrupt"));
  RunResult foreign = RunCommand(fmt::format("{} snapshot info {}", LeddBinary(), db));
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_THAT(foreign.err, HasSubstr("not a ledd snapshot file"));
  RunResult nowhere = RunCommand(fmt::format("{} snapshot save --db {} --out {}", LeddBinary(), db,
                                             dir.File("missing/network.snap")));
  EXPECT_EQ(nowhere.exit_code, 1);
  EXPECT_THAT(nowhere.err, HasSubstr("missing/network.snap"));
  RunResult no_file =
      RunCommand(fmt::format("{} serve --db {} --snapshot-save-interval 5", LeddBinary(), db));
  EXPECT_EQ(no_file.exit_code, 1);
  EXPECT_THAT(no_file.err, HasSubstr("needs --snapshot"));
}

}  // namespace
}  // namespace ledd
