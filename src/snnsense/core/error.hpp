#pragma once
// Two kinds of failure a user can act on. The CLI prints the message as one line and exits 2;
// the Python module maps InputError to ValueError and FileError to OSError.
#include <stdexcept>
#include <string>

namespace snnsense {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bad argument, option or value: the message names the option and what is wrong with it.
class InputError : public Error {
 public:
  using Error::Error;
};

// A file that is missing, unreadable, malformed or inconsistent: the message names the file.
class FileError : public Error {
 public:
  using Error::Error;
};

// A computation met a non-finite number (an SVD of a matrix with NaN or inf entries). The
// trainer turns it into the status "diverged" instead of letting it crash the run.
class NumericalError : public Error {
 public:
  using Error::Error;
};

}  // namespace snnsense
