#pragma once
// Each subcommand lives in its own file and registers itself on the top-level app. A command's
// callback sets `exit_code` when it ends other than successfully (for instance 130 when
// training was interrupted); errors are thrown and turned into one line by main().
#include <CLI/CLI.hpp>

#include "world.hpp"

namespace snnsense::cli {

struct Context {
  int exit_code = 0;
  const World* world = nullptr;  // the processes of this run (main's)
};

void register_generate(CLI::App& app, Context& context);
void register_import(CLI::App& app, Context& context);
void register_info(CLI::App& app, Context& context);
void register_train(CLI::App& app, Context& context);
void register_diagnose(CLI::App& app, Context& context);
void register_compare(CLI::App& app, Context& context);
void register_solve(CLI::App& app, Context& context);
void register_reproduce(CLI::App& app, Context& context);
void register_plot(CLI::App& app, Context& context);
void register_predict(CLI::App& app, Context& context);
void register_sweep(CLI::App& app, Context& context);
void register_shard(CLI::App& app, Context& context);

}  // namespace snnsense::cli
