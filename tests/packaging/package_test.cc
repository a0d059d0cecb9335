// The Debian package as an operator gets it: built by CPack from this tree, its control
// data read with dpkg-deb -I (dependencies, conffile, maintainer scripts), extracted with
// dpkg-deb -x into a temporary root, and its binary started with its own config file
// (paths moved into that root): it creates the database, serves the installed web UI
// (not the source tree's) and the API. The systemd unit passes systemd-analyze verify
// where systemd-analyze exists.

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_replace.h"
#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/server_process.h"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using testing::TempDir;

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The package, built once for every test, and its extracted tree.
class Package : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    RunResult built = RunCommand(fmt::format("cpack --config {} -B {}", LEDD_CPACK_CONFIG,
                                             dir_->File("out")));
    build_log_ = built.out + built.err;
    for (const auto& entry : std::filesystem::directory_iterator(dir_->File("out"))) {
      if (entry.path().extension() == ".deb") deb_ = entry.path();
    }
    if (!deb_.empty()) {
      extracted_ = RunCommand(fmt::format("dpkg-deb -x {} {}", deb_, dir_->File("root"))).exit_code == 0;
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_FALSE(deb_.empty()) << "cpack made no .deb:\n" << build_log_;
    ASSERT_TRUE(extracted_);
  }

  // A path inside the extracted package, for an installed absolute path.
  static std::string Installed(const std::string& path) { return dir_->File("root") + path; }

  static TempDir* dir_;
  static std::string deb_;
  static std::string build_log_;
  static bool extracted_;
};

TempDir* Package::dir_ = nullptr;
std::string Package::deb_;
std::string Package::build_log_;
bool Package::extracted_ = false;

TEST_F(Package, IsNamedAfterItsVersionAndListsItsRuntimeLibraries) {
  EXPECT_EQ(std::filesystem::path(deb_).filename(),
            fmt::format("ledd_{}_amd64.deb", LEDD_VERSION));
  RunResult info = RunCommand(fmt::format("dpkg-deb -I {}", deb_));
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_THAT(info.out, HasSubstr("Package: ledd"));
  for (const char* library :
       {"adduser", "libsqlite3-0", "libsodium23", "libicu72", "libzip4", "libabsl", "libcsv3",
        "libturbojpeg0", "libpng16-16", "libwebp7", "libjemalloc2"}) {
    EXPECT_THAT(info.out, HasSubstr(library)) << "Depends: lacks " << library;
  }
  RunResult conffiles = RunCommand(fmt::format("dpkg-deb -I {} conffiles", deb_));
  EXPECT_EQ(conffiles.out, fmt::format("{}/ledd/ledd.toml\n", LEDD_SYSCONFDIR));
  RunResult postinst = RunCommand(fmt::format("dpkg-deb -I {} postinst", deb_));
  EXPECT_THAT(postinst.out, HasSubstr("adduser --system --group"));
  EXPECT_THAT(postinst.out, HasSubstr("chown ledd:ledd /var/lib/ledd"));
  EXPECT_THAT(postinst.out, HasSubstr("chmod 0750 /var/lib/ledd"));
  // The maintainer scripts at least parse (dpkg runs them with /bin/sh).
  RunResult control = RunCommand(fmt::format("dpkg-deb -e {} {}", deb_, dir_->File("control")));
  ASSERT_EQ(control.exit_code, 0) << control.err;
  for (const char* script : {"postinst", "prerm", "postrm"}) {
    RunResult parsed = RunCommand(fmt::format("sh -n {}", dir_->File(std::string("control/") + script)));
    EXPECT_EQ(parsed.exit_code, 0) << script << ": " << parsed.err;
  }
}

TEST_F(Package, HoldsTheBinaryTheWebUiTheUnitTheConfigAndTheDocs) {
  struct stat binary {};
  ASSERT_EQ(::stat(Installed(fmt::format("{}/ledd", LEDD_BINDIR)).c_str(), &binary), 0);
  EXPECT_TRUE(binary.st_mode & S_IXOTH);
  EXPECT_TRUE(std::filesystem::is_regular_file(
      Installed(fmt::format("{}/ledd/web/index.html", LEDD_DATADIR))));
  EXPECT_TRUE(std::filesystem::is_regular_file(
      Installed(fmt::format("{}/ledd/ledd.toml", LEDD_SYSCONFDIR))));
  EXPECT_TRUE(std::filesystem::is_regular_file(
      Installed(fmt::format("{}/operating.md", LEDD_DOCDIR))));
  const std::string unit = ReadFile(Installed(fmt::format("{}/ledd.service", LEDD_UNIT_DIR)));
  EXPECT_THAT(unit, HasSubstr(fmt::format("ExecStart={}/ledd serve --config {}/ledd/ledd.toml",
                                          LEDD_BINDIR, LEDD_SYSCONFDIR)));
  for (const char* line : {"User=ledd", "NoNewPrivileges=yes", "ProtectSystem=strict",
                           "ReadWritePaths=/var/lib/ledd", "PrivateTmp=yes", "ProtectHome=yes",
                           "Restart=on-failure"}) {
    EXPECT_THAT(unit, HasSubstr(std::string(line) + "\n"));
  }
  const std::string config = ReadFile(Installed(fmt::format("{}/ledd/ledd.toml", LEDD_SYSCONFDIR)));
  EXPECT_THAT(config, HasSubstr("db = \"/var/lib/ledd/ledd.db\"\n"));
  EXPECT_THAT(config, HasSubstr("listen = \"127.0.0.1:8080\"\n"));
  for (const char* key : {"smtp-url", "smtp-user", "smtp-password-file", "mail-from"}) {
    EXPECT_THAT(config, HasSubstr(fmt::format("# {} = ", key)));
  }
}

TEST_F(Package, ItsBinaryStartsOnItsConfigAndServesTheInstalledUiAndTheApi) {
  // The packaged config, moved into the extracted root: its database directory (made
  // by postinst on a real system) and a free port; /metrics on a second free port.
  const std::string state = Installed("/var/lib/ledd");
  std::filesystem::create_directories(state);
  std::string config = ReadFile(Installed(fmt::format("{}/ledd/ledd.toml", LEDD_SYSCONFDIR)));
  config = absl::StrReplaceAll(config, {{"\"/var/lib/ledd/", "\"" + state + "/"},
                                        {"\"127.0.0.1:8080\"", "\"127.0.0.1:0\""}});
  config += "metrics-listen = \"127.0.0.1:0\"\n";
  const std::string config_path = dir_->File("ledd.toml");
  std::ofstream(config_path) << config;
  // A mark in the installed index.html tells it apart from the source tree's web/dist.
  const std::string index_path = Installed(fmt::format("{}/ledd/web/index.html", LEDD_DATADIR));
  std::ofstream(index_path, std::ios::app) << "<!-- installed copy -->\n";

  ServerProcess server(ServerProcess::Command{
      .binary = Installed(fmt::format("{}/ledd", LEDD_BINDIR)),
      .args = {"serve", "--config", config_path}});
  ASSERT_NE(server.port(), 0) << "the packaged binary did not start";
  EXPECT_TRUE(std::filesystem::exists(state + "/ledd.db")) << "create-db from the config";

  httplib::Result index = server.Client().Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, ReadFile(index_path));
  EXPECT_THAT(index->body, HasSubstr("installed copy"));

  testing::SignedUpMember member = testing::SignUp(server, "Ada");
  ASSERT_NE(member.id, 0);
  httplib::Headers headers = {{"Authorization", "Bearer " + member.token}};
  httplib::Result me = server.Client().Get("/api/v1/me", headers);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  EXPECT_THAT(me->body, HasSubstr("\"Ada\""));

  ASSERT_NE(server.metrics_port(), 0);
  httplib::Client metrics("127.0.0.1", server.metrics_port());
  httplib::Result health = metrics.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(server.StopWith(SIGTERM), 0);
}

TEST_F(Package, ItsSystemdUnitVerifies) {
  if (RunCommand("command -v systemd-analyze").exit_code != 0) {
    GTEST_SKIP() << "no systemd-analyze on this machine";
  }
  // verify wants ExecStart's binary to exist: point it at the extracted one.
  const std::string unit = ReadFile(Installed(fmt::format("{}/ledd.service", LEDD_UNIT_DIR)));
  TempDir units;
  std::ofstream(units.File("ledd.service"))
      << absl::StrReplaceAll(unit, {{fmt::format("ExecStart={}/ledd", LEDD_BINDIR),
                                     fmt::format("ExecStart={}{}/ledd", dir_->File("root"),
                                                 LEDD_BINDIR)}});
  RunResult verified =
      RunCommand(fmt::format("systemd-analyze verify {}", units.File("ledd.service")));
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  // Unknown or misspelt settings are only warnings ("Unknown key ..., ignoring").
  EXPECT_EQ(verified.err, "");
}

}  // namespace
}  // namespace ledd
