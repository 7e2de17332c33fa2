// snnsense shard: store a problem in parts, one per MPI process, so that `mpirun -np K snnsense
// train` has each process read only its own part (problems/problem_part.hpp).
#include <iostream>

#include "commands.hpp"
#include "integer_range.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/problem_part.hpp"

namespace snnsense::cli {

namespace {

struct ShardCommand {
  std::string problem, out;
  int parts = 2;
  bool force = false;
};

void run(const ShardCommand& c) {
  refuse_output_over_inputs({"--out", c.out}, {{"PROBLEM", c.problem}});
  const Problem whole = load_problem(c.problem);
  StagingDirectory staging(c.out, c.force);
  save_problem_parts(whole, c.parts, staging.path());
  staging.commit();
  std::cout << "wrote " << c.out << ": " << c.parts << " parts of " << whole.train_count() << " train + "
            << whole.test_count() << " test measurements (part-0 ... part-" << c.parts - 1
            << "); train with mpirun -np " << c.parts << " snnsense train --problem " << c.out << "\n";
}

}  // namespace

void register_shard(CLI::App& app, Context&) {
  auto c = std::make_shared<ShardCommand>();
  CLI::App* cmd = app.add_subcommand(
      "shard", "Store a problem in parts for mpirun -np PARTS snnsense train: each process reads only its part");
  cmd->add_option("PROBLEM", c->problem, "Problem directory to split")->required();
  cmd->add_option("--parts", c->parts, "Number of parts: the number of MPI processes that will train on it")
      ->check(integer_range<int>(1))
      ->capture_default_str();
  cmd->add_option("--out", c->out, "Sharded problem directory to write (parts.json and part-0, part-1, ...)")
      ->required();
  cmd->add_flag("--force", c->force, "Replace --out if it exists");
  cmd->callback([c] { run(*c); });
}

}  // namespace snnsense::cli
