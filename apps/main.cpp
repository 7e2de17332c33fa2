// snnsense command-line entry point: one subcommand per file in apps/.
#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"snnsense: matrix sensing with spectral neural networks"};
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
