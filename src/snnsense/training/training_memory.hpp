#pragma once
// The memory a training run needs beyond the problem already loaded, and the refusal of a run
// that does not fit: what prepare_training checks before the model's first allocation.
#include "snnsense/core/memory_estimate.hpp"
#include "snnsense/models/model.hpp"
#include "snnsense/problems/problem.hpp"
#include "snnsense/training/training_job.hpp"

namespace snnsense {

// The model's evaluation (Model::working_memory) and what the trainer adds: the parameters with
// their copies (the last good iterate, the held-out best, the optimizer's moments), the residual
// and the measurements of a minibatch.
MemoryEstimate training_memory(const Problem& problem, const TrainingJob& job, const Model& model);

// InputError naming the estimate, the limit (job.train.max_memory_gb) and the way out (the
// factored SNN for a dense one, a smaller model otherwise) when the run does not fit.
void check_training_memory(const Problem& problem, const TrainingJob& job, const Model& model);

}  // namespace snnsense
