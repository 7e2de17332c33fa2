// snnsense command-line entry point: one subcommand per file in apps/.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.hpp"
#include "snnsense/core/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"snnsense: matrix sensing with spectral neural networks"};
  app.set_version_flag("--version", SNNSENSE_VERSION);
  app.require_subcommand(1);
  snnsense::cli::Context context;
  snnsense::cli::register_generate(app, context);
  snnsense::cli::register_import(app, context);
  snnsense::cli::register_info(app, context);
  snnsense::cli::register_train(app, context);
  snnsense::cli::register_diagnose(app, context);
  snnsense::cli::register_compare(app, context);
  snnsense::cli::register_solve(app, context);
  snnsense::cli::register_reproduce(app, context);
  snnsense::cli::register_plot(app, context);
  snnsense::cli::register_predict(app, context);
  snnsense::cli::register_sweep(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line naming the option, exit 2, like every other bad input.
    std::cerr << "snnsense: " << e.what() << "\n";
    return 2;
  } catch (const snnsense::Error& e) {
    std::cerr << "snnsense: " << e.what() << "\n";
    return 2;
  }
  return context.exit_code;
}
