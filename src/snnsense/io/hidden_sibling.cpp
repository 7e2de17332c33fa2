#include "snnsense/io/hidden_sibling.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <random>
#include <string>

namespace snnsense {

namespace {

std::string this_host() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

// ".<name>.<tag>-": what every sibling of `target` for `tag` starts with.
std::string sibling_prefix(const std::filesystem::path& target, std::string_view tag) {
  // Appended piecewise: GCC 12 gives a false -Wrestrict for chained operator+ on strings.
  std::string prefix = ".";
  prefix += target.filename().string();
  prefix += '.';
  prefix += tag;
  prefix += '-';
  return prefix;
}

// The process that made a sibling, from the part of its name after the prefix: "<pid>@<host>-XXXXXX".
struct Maker {
  long pid = 0;
  std::string host;
};

bool parse_maker(std::string_view rest, Maker& maker) {
  const auto at = rest.find('@'), dash = rest.rfind('-');
  if (at == std::string_view::npos || dash == std::string_view::npos || dash < at) return false;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + at, maker.pid);
  if (error != std::errc{} || end != rest.data() + at || maker.pid <= 0) return false;
  maker.host = std::string(rest.substr(at + 1, dash - at - 1));
  return true;
}

bool process_is_gone(long pid) { return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

}  // namespace

std::filesystem::path hidden_sibling(const std::filesystem::path& target, std::string_view tag) {
  static constexpr std::string_view alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  // Seeded from the OS per thread, so concurrent writers in one process do not propose the same names.
  thread_local std::mt19937 engine{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);

  std::string name = sibling_prefix(target, tag);
  name += std::to_string(::getpid());
  name += '@';
  name += this_host();
  name += '-';
  for (int i = 0; i < 6; ++i) name += alphabet[pick(engine)];
  return target.parent_path() / name;
}

void remove_abandoned_siblings(const std::filesystem::path& target, std::string_view tag) {
  const std::string prefix = sibling_prefix(target, tag), host = this_host();
  const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    Maker maker;
    if (name.rfind(prefix, 0) != 0 || !parse_maker(std::string_view(name).substr(prefix.size()), maker)) continue;
    if (maker.host != host || maker.pid == ::getpid() || !process_is_gone(maker.pid)) continue;
    std::error_code ignored;
    std::filesystem::remove_all(it->path(), ignored);
  }
}

}  // namespace snnsense
