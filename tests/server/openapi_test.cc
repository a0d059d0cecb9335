// docs/openapi.json against the routes that exist: the document the real server serves
// at /api/v1/openapi.json must describe every route the server registers, and nothing
// else. The routes are listed by a server built in-process on the same database, with
// the same Server::Create that `ledd serve` runs.

#include <cctype>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "ledd/server/accounts.h"
#include "ledd/server/server.h"
#include "ledd/service/live_network.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using testing::TempDir;

using Operation = std::pair<std::string, std::string>;  // {"GET", "/api/v1/members/{id}"}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 50, 5);
    ASSERT_FALSE(db_.empty());
  }
  static void TearDownTestSuite() { delete dir_; }

  // The routes a server on db_ registers; the store is closed again on return.
  static std::vector<server::RouteInfo> RegisteredRoutes() {
    std::vector<server::RouteInfo> routes;
    absl::StatusOr<std::unique_ptr<store::Store>> store =
        store::OpenSqliteStore({.path = db_, .create_if_missing = false});
    EXPECT_TRUE(store.ok()) << store.status();
    if (!store.ok()) return routes;
    absl::StatusOr<std::unique_ptr<service::LiveNetwork>> live =
        service::LiveNetwork::Open(**store);
    EXPECT_TRUE(live.ok()) << live.status();
    if (!live.ok()) return routes;
    absl::StatusOr<std::unique_ptr<server::Accounts>> accounts =
        server::Accounts::Create(**store, live->get(), {});
    EXPECT_TRUE(accounts.ok()) << accounts.status();
    if (!accounts.ok()) return routes;
    absl::StatusOr<std::unique_ptr<server::Server>> http =
        server::Server::Create(**store, **live, **accounts, {.port = 0});
    EXPECT_TRUE(http.ok()) << http.status();
    if (!http.ok()) return routes;
    routes = (*http)->Routes();
    return routes;
  }

  // The document the real binary serves.
  static json ServedDocument() {
    ServerProcess server(db_);
    EXPECT_GT(server.port(), 0);
    if (server.port() <= 0) return json();
    httplib::Client client("127.0.0.1", server.port());
    client.set_read_timeout(10, 0);
    httplib::Result result = client.Get("/api/v1/openapi.json");  // No session.
    EXPECT_TRUE(result);
    if (!result) return json();
    EXPECT_EQ(result->status, 200) << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    return json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  }

  static TempDir* dir_;
  static std::string db_;
};

TempDir* OpenApiTest::dir_ = nullptr;
std::string OpenApiTest::db_;

TEST_F(OpenApiTest, DocumentsExactlyTheRegisteredRoutes) {
  std::set<Operation> registered;
  for (const server::RouteInfo& route : RegisteredRoutes()) {
    EXPECT_TRUE(registered.emplace(route.method, route.label).second)
        << route.method << " " << route.label << " is registered twice";
  }
  ASSERT_GT(registered.size(), 40u);
  const json document = ServedDocument();
  ASSERT_TRUE(document.is_object());
  ASSERT_TRUE(document.contains("openapi") && document["openapi"].is_string());
  EXPECT_EQ(document["openapi"].get<std::string>().rfind("3.", 0), 0u) << document["openapi"];
  ASSERT_TRUE(document.contains("paths") && document["paths"].is_object());

  const std::set<std::string> methods = {"get",   "put",  "post",    "delete",
                                         "patch", "head", "options", "trace"};
  std::set<Operation> documented;
  for (const auto& [path, item] : document["paths"].items()) {
    for (const auto& [key, operation] : item.items()) {
      if (methods.count(key) == 0) continue;  // "parameters", "summary", ...
      documented.emplace(Upper(key), path);
      EXPECT_TRUE(operation.contains("summary")) << key << " " << path;
      EXPECT_TRUE(operation.contains("responses")) << key << " " << path;
    }
  }
  for (const Operation& operation : registered) {
    EXPECT_EQ(documented.count(operation), 1u)
        << operation.first << " " << operation.second << " is served but not documented";
  }
  for (const Operation& operation : documented) {
    EXPECT_EQ(registered.count(operation), 1u)
        << operation.first << " " << operation.second << " is documented but not served";
  }
}

// Each {parameter} of a documented path is declared as a path parameter of each of its
// operations.
TEST_F(OpenApiTest, PathParametersAreDeclared) {
  const json document = ServedDocument();
  ASSERT_TRUE(document.is_object());
  const json& shared = document["components"]["parameters"];
  const std::regex parameter(R"(\{([a-z_]+)\})");
  for (const auto& [path, item] : document["paths"].items()) {
    std::set<std::string> names;
    for (auto it = std::sregex_iterator(path.begin(), path.end(), parameter);
         it != std::sregex_iterator(); ++it) {
      names.insert((*it)[1].str());
    }
    for (const auto& [method, operation] : item.items()) {
      std::set<std::string> declared;
      for (const json& declaration : operation.value("parameters", json::array())) {
        json resolved = declaration;
        if (declaration.contains("$ref")) {
          const std::string ref = declaration["$ref"].get<std::string>();
          const std::string prefix = "#/components/parameters/";
          ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
          ASSERT_TRUE(shared.contains(ref.substr(prefix.size()))) << ref;
          resolved = shared[ref.substr(prefix.size())];
        }
        if (resolved.value("in", "") == "path") declared.insert(resolved["name"]);
      }
      EXPECT_EQ(declared, names) << method << " " << path;
    }
  }
}

// A route's label is the OpenAPI path of its pattern: as many {parameters} as the
// pattern has groups, and the label with each parameter filled in matches the pattern.
TEST_F(OpenApiTest, LabelsArePathsOfThePatterns) {
  const std::regex parameter(R"(\{[a-z_]+\})");
  for (const server::RouteInfo& route : RegisteredRoutes()) {
    const std::regex pattern(route.pattern);
    const std::string example = std::regex_replace(route.label, parameter, "7");
    size_t parameters = 0;
    for (char c : route.label) parameters += c == '{';
    EXPECT_EQ(pattern.mark_count(), parameters) << route.method << " " << route.label;
    EXPECT_TRUE(std::regex_match(example, pattern))
        << route.method << " " << route.label << " vs " << route.pattern;
  }
}

}  // namespace
}  // namespace ledd
