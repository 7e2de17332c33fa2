#pragma once
// `--config FILE.json`: the same keys as the command's long options (without the dashes).
// Options given on the command line win over the file. A run's config.json is such a file too:
// `train --config RUN/config.json` trains that run again. What it records beyond the options is
// read as follows: null values are options left at their defaults; "version" and
// "parameter_count" describe the run and are skipped; "lr_search": true means "lr": "search";
// "minibatch-seed" must equal "seed" (the CLI draws both from --seed).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace snnsense::cli {

// Call from the subcommand's callback, after parsing. Throws FileError for malformed JSON,
// unknown keys or values of the wrong kind, naming the file and the key.
void apply_config_file(CLI::App& command, const std::filesystem::path& file);
// The same for keys and values held elsewhere (a checkpoint's options); `source` names them.
void apply_config(CLI::App& command, const nlohmann::json& config, const std::filesystem::path& source);
// The options given to `command` (on its command line or by a config file), as apply_config
// reads them back: each long name without dashes and its text, lists as arrays. `leave_out`
// names options (without dashes) not to record.
nlohmann::json given_options(const CLI::App& command, const std::vector<std::string>& leave_out);

}  // namespace snnsense::cli
