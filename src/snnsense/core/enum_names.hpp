#pragma once
// One way to name the values of a closed set of choices: each enum lists its values with their
// names once, in a specialisation of EnumNames, and to_string, the parsers and the
// "(expected a, b or c)" messages all read that one table, so names and enum cannot drift apart.
//
//   template <> struct EnumNames<Schedule> {
//     static constexpr std::array<std::pair<Schedule, std::string_view>, 3> table{
//         {{Schedule::constant, "constant"}, {Schedule::cosine, "cosine"}, {Schedule::step, "step"}}};
//   };
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "snnsense/core/error.hpp"

namespace snnsense {

template <class E>
struct EnumNames;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires { EnumNames<E>::table; };

// "a", "a or b", "a, b or c": the choices as error messages list them.
std::string one_of(const std::vector<std::string>& names);

// The names in the table's order (which is the order messages list them in).
template <NamedEnum E>
std::vector<std::string> enum_names() {
  std::vector<std::string> names;
  for (const auto& entry : EnumNames<E>::table) names.emplace_back(entry.second);
  return names;
}

template <NamedEnum E>
std::string to_string(E value) {
  for (const auto& [v, name] : EnumNames<E>::table)
    if (v == value) return std::string(name);
  return "unknown";  // only for a value cast from an integer outside the enum
}

// The value named `name`, or none.
template <NamedEnum E>
std::optional<E> find_enum(std::string_view name) {
  for (const auto& [v, known] : EnumNames<E>::table)
    if (known == name) return v;
  return std::nullopt;
}

// The value named `name`; otherwise InputError "<what> '<name>' (expected a, b or c)", where
// `what` names the option, e.g. "--schedule: unknown schedule".
template <NamedEnum E>
E enum_from_string(const std::string& name, const std::string& what) {
  if (const std::optional<E> value = find_enum<E>(name)) return *value;
  throw InputError(what + " '" + name + "' (expected " + one_of(enum_names<E>()) + ")");
}

}  // namespace snnsense
