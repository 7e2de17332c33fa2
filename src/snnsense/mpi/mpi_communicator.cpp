#include "snnsense/mpi/mpi_communicator.hpp"

#include <mpi.h>

#include <algorithm>
#include <limits>
#include <string>
#include <cstdlib>
#include <vector>

namespace snnsense {

namespace {

// MPI counts are int: longer buffers go in pieces of at most this many elements.
constexpr std::size_t kMaxPiece = std::size_t{1} << 30;

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw Error(std::string("MPI: ") + what + " failed");
}

}  // namespace

MpiCommunicator::MpiCommunicator(int& argc, char**& argv) {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) {
    int provided = 0;
    check(MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiCommunicator::~MpiCommunicator() {
  int finalised = 0;
  MPI_Finalized(&finalised);
  if (!finalised) MPI_Finalize();
}

void MpiCommunicator::sum(std::span<double> values) const {
  if (size_ == 1 || values.empty()) return;  // every process passes the same length
  // Slice k of the buffer (sizes differ by at most one) is summed by rank k: every process sends
  // it its slice (all-to-all), rank k adds the K copies in rank order, and every process gathers
  // the K sums (all-gather). Each process sends and receives about 2 (K-1)/K of the buffer.
  const std::size_t n = values.size(), k = static_cast<std::size_t>(size_);
  // Every process passes the same n: all refuse together. (MPI counts and offsets are int.)
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw Error("MPI: a sum of " + std::to_string(n) + " numbers is too long for one message");
  std::vector<int> counts(k), offsets(k);
  for (std::size_t r = 0; r < k; ++r) {
    const std::size_t begin = n * r / k, end = n * (r + 1) / k;
    counts[r] = static_cast<int>(end - begin);
    offsets[r] = static_cast<int>(begin);
  }
  const int own = counts[static_cast<std::size_t>(rank_)];
  std::vector<double> copies(k * static_cast<std::size_t>(own));
  std::vector<int> copy_counts(k, own), copy_offsets(k);
  for (std::size_t r = 0; r < k; ++r) copy_offsets[r] = static_cast<int>(r) * own;
  check(MPI_Alltoallv(values.data(), counts.data(), offsets.data(), MPI_DOUBLE, copies.data(), copy_counts.data(),
                      copy_offsets.data(), MPI_DOUBLE, MPI_COMM_WORLD),
        "MPI_Alltoallv");
  const auto width = static_cast<std::size_t>(own);
  std::vector<double> slice(copies.begin(), copies.begin() + own);
  for (std::size_t r = 1; r < k; ++r)
    for (std::size_t i = 0; i < width; ++i) slice[i] += copies[r * width + i];
  check(MPI_Allgatherv(slice.data(), own, MPI_DOUBLE, values.data(), counts.data(), offsets.data(), MPI_DOUBLE,
                       MPI_COMM_WORLD),
        "MPI_Allgatherv");
}

void MpiCommunicator::broadcast(std::string& text, int root) const {
  if (size_ == 1) return;
  unsigned long long length = text.size();
  check(MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, root, MPI_COMM_WORLD), "MPI_Bcast");
  text.resize(length);
  for (std::size_t begin = 0; begin < text.size(); begin += kMaxPiece) {
    const int count = static_cast<int>(std::min(kMaxPiece, text.size() - begin));
    check(MPI_Bcast(text.data() + begin, count, MPI_CHAR, root, MPI_COMM_WORLD), "MPI_Bcast");
  }
}

std::string MpiCommunicator::first_failure(const std::string& failure) const {
  if (size_ == 1) return failure;
  const int mine = failure.empty() ? size_ : rank_;
  int first = size_;
  check(MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD), "MPI_Allreduce");
  if (first == size_) return {};
  std::string text = failure;
  broadcast(text, first);
  return text;
}

void MpiCommunicator::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);  // MPI_Abort does not return; this keeps [[noreturn]] honest
}

bool MpiCommunicator::launched_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

}  // namespace snnsense
