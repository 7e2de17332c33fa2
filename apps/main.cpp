// snnsense command-line entry point: one subcommand per file in apps/.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.hpp"
#include "snnsense/core/error.hpp"

int main(int argc, char** argv) {
  snnsense::cli::World world(argc, argv);
  CLI::App app{"snnsense: matrix sensing with spectral neural networks"};
  app.set_version_flag("--version", SNNSENSE_VERSION);
  app.require_subcommand(1);
  snnsense::cli::Context context;
  context.world = &world;
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
  snnsense::cli::register_shard(app, context);
  // Under mpirun with several processes, only the commands that share their work among the
  // processes run; the others would each do all the work and write the same outputs K times.
  if (world.parallel())
    for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; }))
      if (command->get_name() != "train" && command->get_name() != "sweep")
        command->preparse_callback([name = command->get_name()](std::size_t) {
          throw snnsense::AgreedError(name + " runs as one process: run it without mpirun (only train and sweep share "
                                             "their work among MPI processes)");
        });
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return world.is_root() ? app.exit(e) : 0;
  } catch (const CLI::ParseError& e) {
    // One line naming the option, exit 2, like every other bad input. Every process parses the
    // same arguments: rank 0 speaks for all.
    if (world.is_root()) std::cerr << "snnsense: " << e.what() << "\n";
    return 2;
  } catch (const snnsense::AgreedError& e) {
    // Every process threw it (run_agreed): rank 0 prints it, all exit 2.
    if (world.is_root()) std::cerr << "snnsense: " << e.what() << "\n";
    return 2;
  } catch (const snnsense::Error& e) {
    // Only this process knows: with several, it ends them all (the others may be waiting for it).
    world.fail_alone("snnsense: " + std::string(e.what()), 2);
    return 2;
  }
  return context.exit_code;
}
