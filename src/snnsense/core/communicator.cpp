#include "snnsense/core/communicator.hpp"

namespace snnsense {

void run_agreed(const Communicator& comm, const std::function<void()>& work) {
  // One process agrees with itself: its error keeps its kind (InputError, FileError).
  if (comm.size() == 1) return work();
  std::string failure;
  try {
    work();
  } catch (const Error& e) {
    failure = e.what();
    // An empty message would read as success to the others.
    if (failure.empty()) failure = "failed";
  }
  const std::string first = comm.first_failure(failure);
  if (!first.empty()) throw AgreedError(first);
}

}  // namespace snnsense
