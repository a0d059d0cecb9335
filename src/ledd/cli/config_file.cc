#include "ledd/cli/config_file.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "fmt/format.h"

namespace ledd::cli {
namespace {

// CLI11's TOML reader, with the items of the file routed to the command being run.
// CLI11 reads the file after the command line, so by then the chosen subcommand is known.
// Errors are CLI11's ConfigError, which CLI11_PARSE prints and turns into an exit code.
class LeddConfig final : public CLI::ConfigTOML {
 public:
  LeddConfig(CLI::App& app, std::set<std::string> keys, std::string default_path)
      : app_(app), keys_(std::move(keys)), default_path_(std::move(default_path)) {}

  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
    std::vector<CLI::ConfigItem> items = CLI::ConfigTOML::from_config(input);
    // The chosen command, down to its leaf (accounts create): its path and its app.
    std::vector<std::string> path;
    CLI::App* command = &app_;
    while (true) {
      std::vector<CLI::App*> chosen = command->get_subcommands();
      if (chosen.empty()) break;
      command = chosen.front();
      path.push_back(command->get_name());
    }
    std::vector<CLI::ConfigItem> routed;
    for (CLI::ConfigItem& item : items) {
      if (!item.parents.empty() || item.name == "++" || item.name == "--") {
        throw CLI::ConfigError(fmt::format(
            "{}: sections are not used; write every key at the top level (found [{}])",
            FileName(), item.parents.empty() ? item.name : item.parents.front()));
      }
      if (!keys_.contains(item.name)) {
        throw CLI::ConfigError(fmt::format(
            "{}: unknown key \"{}\"; the keys are db and the flags of ledd serve without "
            "their leading -- (ledd serve --help)",
            FileName(), item.name));
      }
      if (command == &app_ || command->get_option_no_throw("--" + item.name) == nullptr) continue;
      item.parents = path;
      routed.push_back(std::move(item));
    }
    return routed;
  }

 private:
  std::string FileName() const {
    const CLI::Option* option = app_.get_config_ptr();
    if (option != nullptr && option->count() > 0) return option->results().front();
    return default_path_;
  }

  CLI::App& app_;
  const std::set<std::string> keys_;
  const std::string default_path_;
};

}  // namespace

void AddConfigFile(CLI::App& app, const std::string& default_path) {
  std::set<std::string> keys = {"db"};
  for (const CLI::App* serve :
       app.get_subcommands([](CLI::App* sub) { return sub->get_name() == "serve"; })) {
    for (const CLI::Option* option : serve->get_options()) {
      for (const std::string& name : option->get_lnames()) {
        if (name != "help") keys.insert(name);
      }
    }
  }
  app.set_config("--config", default_path,
                 fmt::format("TOML file of settings: db and the flags of ledd serve without "
                             "their leading --; flags on the command line win (default: {} "
                             "when it exists)",
                             default_path));
  app.config_formatter(std::make_shared<LeddConfig>(app, std::move(keys), default_path));
}

}  // namespace ledd::cli
