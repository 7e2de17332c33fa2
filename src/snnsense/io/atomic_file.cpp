#include "snnsense/io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "snnsense/io/file_error.hpp"
#include "snnsense/io/hidden_sibling.hpp"

namespace snnsense {
namespace {

// O_EXCL claims the name, so two writers of the same target never share a temporary file; mode 0666
// lets the umask decide the final permissions, as for any file the user creates.
std::filesystem::path create_temporary(const std::filesystem::path& target) {
  remove_abandoned_siblings(target, "tmp");
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::filesystem::path candidate = hidden_sibling(target, "tmp");
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return candidate;
    }
    if (errno != EEXIST) throw_file_error(target, std::string("cannot write (") + std::strerror(errno) + ")");
  }
  throw_file_error(target, "cannot write (no free temporary name in its folder)");
}

// fsync of a file or folder opened for reading, which Linux allows for both.
void sync_to_disk(const std::filesystem::path& path, const std::filesystem::path& target) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    throw_file_error(target, std::string("cannot flush to the disk (") + std::strerror(error) + ")");
  }
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write, bool durable) {
  const std::filesystem::path temporary = create_temporary(path);
  try {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    errno = 0;
    write(out);
    out.close();
    if (out.fail()) {
      throw_file_error(path,
                       std::string("write failed (") + (errno ? std::strerror(errno) : "I/O error") + ")");
    }
    if (durable) sync_to_disk(temporary, path);
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) throw_file_error(path, "cannot replace (" + ec.message() + ")");
    if (durable) sync_to_disk(path.has_parent_path() ? path.parent_path() : ".", path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

}  // namespace snnsense
