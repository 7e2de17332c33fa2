#pragma once
// `--config FILE.json`: the same keys as the command's long options (without the dashes).
// Options given on the command line win over the file.
#include <CLI/CLI.hpp>
#include <filesystem>

namespace snnsense::cli {

// Call from the subcommand's callback, after parsing. Throws FileError for malformed JSON,
// unknown keys or values of the wrong kind, naming the file and the key.
void apply_config_file(CLI::App& command, const std::filesystem::path& file);

}  // namespace snnsense::cli
