// Checkpoints (`train --resume`): the first byte chooses what the rest is.
//   0: a whole checkpoint file, read by read_checkpoint (frame: magic, version, length, hash).
//   otherwise: a payload behind a valid frame, which random bytes rarely reach through the hash:
//      decode_checkpoint_payload, then its run state restored into the trainer state of a small
//      SNN (4 x 4, layers 2, rank 2) with the callbacks `train` runs (the seeds are such runs).
#include "fuzz_input.hpp"
#include "snnsense/models/snn.hpp"
#include "snnsense/training/checkpoint.hpp"
#include "snnsense/training/checkpoint_writer.hpp"
#include "snnsense/training/loss_trend.hpp"
#include "snnsense/training/progress_line.hpp"
#include "snnsense/training/stop_rules.hpp"
#include "snnsense/training/trace_recorder.hpp"
#include "snnsense/training/trainer_state.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace snnsense;
  if (size == 0) return 0;
  if (data[0] == 0) {
    const auto file = fuzz::write_input("run.checkpoint", data + 1, size - 1);
    fuzz::expect_clean([&] { read_checkpoint(file); });
    return 0;
  }
  const std::string_view payload(reinterpret_cast<const char*>(data + 1), size - 1);
  fuzz::expect_clean([&] {
    const Checkpoint c = decode_checkpoint_payload(payload, "payload");
    SnnOptions options;
    options.layers = {2};
    options.rank = 2;
    const Snn model(4, 4, options);
    auto tape = model.make_tape();
    Vector params;
    LossEvaluation current;
    TrainOptions train;
    Optimizer optimizer(train);
    const Problem problem;
    DivergenceGuard guard(train.divergence_factor);
    EarlyStop early(0.0, 0.0);
    LossTrendMonitor trend;
    ProgressLine progress(stderr, 0.0);
    TraceRecorder recorder(problem, 1);
    CheckpointWriter writer({}, {});
    const std::vector<Callback*> callbacks{&guard, &early, &trend, &progress, &recorder, &writer};
    TrainerState state{model, *tape, params, current, optimizer, callbacks};
    StateReader in(c.run, "payload");
    state.restore(in, 1000);
    in.expect_end();
  });
  return 0;
}
