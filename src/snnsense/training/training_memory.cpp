#include "snnsense/training/training_memory.hpp"

namespace snnsense {

MemoryEstimate training_memory(const Problem& problem, const TrainingJob& job, const Model& model) {
  const TrainOptions& t = job.train;
  // The iterate, its gradient's step, the last good iterate and the held-out best; gd's momentum
  // keeps a velocity, Adam two moments.
  double parameter_copies = 4.0;
  if (t.optimizer == OptimizerKind::adam)
    parameter_copies += 2.0;
  else if (t.momentum != Momentum::none)
    parameter_copies += 1.0;
  const auto m = static_cast<double>(problem.train_y.size());
  MemoryEstimate memory = model.working_memory();
  memory.add_doubles("parameters and their copies", parameter_copies * static_cast<double>(model.parameter_count()))
      .add_doubles("residuals", 2.0 * m);
  return memory;
}

void check_training_memory(const Problem& problem, const TrainingJob& job, const Model& model) {
  const bool snn = model.name() == "snn" || model.name() == "woa";
  const std::string way_out = snn ? "train the factored SNN (--representation factored --rank R with a small R), "
                                    "or fewer or narrower --layers"
                                  : "use a smaller model (--rank, --width) or the factored representation where the "
                                    "model has one (--representation factored)";
  check_memory(training_memory(problem, job, model), job.train.max_memory_gb,
               "training " + model.name() + " on this " + std::to_string(problem.n1) + " x " +
                   std::to_string(problem.n2) + " problem",
               way_out);
}

}  // namespace snnsense
