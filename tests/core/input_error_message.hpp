#pragma once
// The message of the InputError an action throws, or "no InputError": tests compare or search it,
// so a missing error fails the same assertion as a wrong message.
#include <functional>
#include <string>

#include "snnsense/core/error.hpp"

namespace snnsense::check {

inline std::string input_error_message(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no InputError";
}

}  // namespace snnsense::check
