#pragma once
// JSON documents on disk: configs and metadata in, reports out.
#include <filesystem>
#include <nlohmann/json.hpp>

namespace snnsense {

// Throws FileError "<file>: cannot open (...)" or "<file>: malformed JSON: <where and why>".
nlohmann::json read_json(const std::filesystem::path& file);

// Pretty-printed (indent 2) with a final newline; atomic via a temporary file and a rename.
void write_json(const std::filesystem::path& file, const nlohmann::json& value);

}  // namespace snnsense
