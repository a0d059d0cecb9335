#pragma once
// The config file of the ledd command (`--config FILE`, default /etc/ledd/ledd.toml when
// it exists): TOML with one top-level key per flag, named like the flag without its
// leading dashes:
//
//   db = "/var/lib/ledd/ledd.db"
//   listen = "127.0.0.1:8080"
//   trusted-proxy = ["127.0.0.1"]
//   secure-cookies = true
//
// The keys are the flags of `ledd serve` and `db`. A key applies to the command being
// run when that command has the flag (`db` to every command with --db; `listen` only to
// serve) and is ignored by the others; a flag given on the command line wins over the
// file. A key no command knows, or a [section], is an error that names it: a typo must
// not silently leave a setting at its default.
//
// CLI11 reads the file (its TOML reader) and applies the values; this unit only decides
// which keys exist and which command each one reaches. Used once, from main.

#include <string>

#include "CLI/CLI.hpp"

namespace ledd::cli {

// Where `ledd` looks for its config file when --config is not given.
inline constexpr char kDefaultConfigFile[] = "/etc/ledd/ledd.toml";

// Adds --config to `app`, whose subcommands must all have been added already (the keys
// are read from the "serve" subcommand's options).
void AddConfigFile(CLI::App& app, const std::string& default_path = kDefaultConfigFile);

}  // namespace ledd::cli
