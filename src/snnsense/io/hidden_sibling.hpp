#pragma once
// Work in progress lives next to its target under a hidden, unique name: the same folder keeps the
// final rename on one filesystem (so it is atomic), and the leading dot keeps it out of listings.
// The name records the process that made it ("<pid>@<host>"), so that the work a killed process
// left behind (SIGKILL runs no clean-up) is recognised and removed by the next writer of the target.
#include <filesystem>
#include <string_view>

namespace snnsense {

// A fresh candidate name "<folder>/.<name>.<tag>-<pid>@<host>-XXXXXX" for `target`; the caller
// claims it with an exclusive create and asks again if it was taken.
std::filesystem::path hidden_sibling(const std::filesystem::path& target, std::string_view tag);

// Removes the siblings hidden_sibling(target, tag) names whose process is gone: made on this host
// by a process id that no longer exists. Work of a live process (this one, a concurrent writer) and
// of other hosts (a shared file system) is never touched; failures to remove are ignored (the
// leftovers are hidden and harmless).
void remove_abandoned_siblings(const std::filesystem::path& target, std::string_view tag);

}  // namespace snnsense
