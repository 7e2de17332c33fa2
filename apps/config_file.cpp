#include "config_file.hpp"

#include <algorithm>

#include "snnsense/io/file_error.hpp"
#include "snnsense/io/json_file.hpp"

namespace snnsense::cli {

namespace {

std::string scalar_text(const nlohmann::json& value, const std::filesystem::path& file, const std::string& key) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) {
    std::ostringstream out;
    out.precision(17);
    out << value.get<double>();
    return out.str();
  }
  throw_file_error(file, "key '" + key + "' must be a string, number or boolean");
}

}  // namespace

void apply_config_file(CLI::App& command, const std::filesystem::path& file) {
  apply_config(command, read_json(file), file);
}

nlohmann::json given_options(const CLI::App& command, const std::vector<std::string>& leave_out) {
  nlohmann::json given = nlohmann::json::object();
  for (const CLI::Option* option : command.get_options()) {
    const std::string name = option->get_single_name();
    if (option->count() == 0 || option->get_lnames().empty() || name == "help" ||
        std::find(leave_out.begin(), leave_out.end(), name) != leave_out.end())
      continue;
    const std::vector<std::string>& results = option->results();
    given[name] = results.size() == 1 ? nlohmann::json(results.front()) : nlohmann::json(results);
  }
  return given;
}

void apply_config(CLI::App& command, const nlohmann::json& config, const std::filesystem::path& file) {
  if (!config.is_object()) throw_file_error(file, "expected a JSON object of option names and values");
  const bool searched = config.contains("lr_search") && config["lr_search"] == true;
  for (const auto& [key, recorded] : config.items()) {
    // What a run's config.json records beyond its options (config_file.hpp).
    if (recorded.is_null() || key == "version" || key == "parameter_count" || key == "lr_search") continue;
    if (key == "minibatch-seed") {
      if (!config.contains("seed") || config["seed"] != recorded)
        throw_file_error(file, "key 'minibatch-seed' must equal 'seed' (--seed sets both)");
      continue;
    }
    const nlohmann::json value = key == "lr" && searched ? nlohmann::json("search") : recorded;
    CLI::Option* option = command.get_option_no_throw("--" + key);
    if (option == nullptr || key == "config" || key == "help")
      throw_file_error(file, "unknown key '" + key + "' (the keys are the long options of '" + command.get_name() + "')");
    if (option->count() > 0) continue;  // the command line overrides the file
    std::string text;
    if (value.is_array()) {
      // Lists such as "layers": [4, 8, 16] read like the flag's comma-separated form.
      for (const auto& item : value) text += (text.empty() ? "" : ",") + scalar_text(item, file, key);
    } else {
      text = scalar_text(value, file, key);
    }
    try {
      option->add_result(text);
      option->run_callback();
    } catch (const CLI::Error& e) {
      throw_file_error(file, "key '" + key + "': " + e.what());
    }
  }
}

}  // namespace snnsense::cli
