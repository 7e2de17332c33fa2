#include "snnsense/io/hidden_sibling.hpp"

#include <random>
#include <string>

namespace snnsense {

std::filesystem::path hidden_sibling(const std::filesystem::path& target, std::string_view tag) {
  static constexpr std::string_view alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  // Seeded from the OS per thread, so concurrent writers in one process do not propose the same names.
  thread_local std::mt19937 engine{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);

  // Appended piecewise: GCC 12 gives a false -Wrestrict for chained operator+ on strings.
  std::string name = ".";
  name += target.filename().string();
  name += '.';
  name += tag;
  name += '-';
  for (int i = 0; i < 6; ++i) name += alphabet[pick(engine)];
  return target.parent_path() / name;
}

}  // namespace snnsense
