#pragma once
// Output files appear whole or not at all: a reader, or a rerun after a crash, never finds a
// half-written file, because the bytes go to a hidden sibling that is renamed over the target.
#include <filesystem>
#include <functional>
#include <ostream>

namespace snnsense {

// Calls `write` with a binary stream on a temporary file beside `path`, then renames it to `path`.
// If `write` throws or the stream fails, the temporary file is removed and `path` is left untouched.
// `durable` also flushes the bytes to the disk (fsync) before the rename and the folder after it,
// so that the file survives a crash of the machine, not only of the process: for checkpoints.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write, bool durable = false);

}  // namespace snnsense
