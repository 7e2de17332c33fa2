#include "world.hpp"

#include <iostream>

#ifdef SNNSENSE_WITH_MPI
#include "snnsense/mpi/mpi_communicator.hpp"
#endif

namespace snnsense::cli {

namespace {

// Swallows what a non-root process would print.
class DiscardBuffer final : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

World::World([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef SNNSENSE_WITH_MPI
  // Without mpirun the CLI stays one process and does not start MPI (which costs a launch per command).
  if (MpiCommunicator::launched_by_mpirun()) comm_ = std::make_shared<MpiCommunicator>(argc, argv);
#endif
  if (!comm_) comm_ = std::make_shared<SerialCommunicator>();
  if (!is_root()) {
    discard_ = std::make_unique<DiscardBuffer>();
    kept_cout_ = std::cout.rdbuf(discard_.get());
  }
}

World::~World() {
  if (kept_cout_) std::cout.rdbuf(kept_cout_);
}

void World::fail_alone(const std::string& line, int code) const {
  std::cerr << line << std::endl;
#ifdef SNNSENSE_WITH_MPI
  if (const auto* mpi = dynamic_cast<const MpiCommunicator*>(comm_.get()); mpi && mpi->size() > 1) mpi->abort(code);
#endif
  (void)code;
}

}  // namespace snnsense::cli
