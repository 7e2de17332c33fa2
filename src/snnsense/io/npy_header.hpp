#pragma once
// The header of a .npy file: magic "\x93NUMPY", version, header length, then a Python dict literal
// {'descr': ..., 'fortran_order': ..., 'shape': (...), } padded so the data starts 64-byte aligned.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace snnsense::npy {

struct Header {
  std::string descr;  // numpy's dtype string, e.g. "<f8"
  bool fortran_order = false;
  std::vector<std::int64_t> shape;
};

// Reads the header and leaves `in` at the first data byte. Throws FileError, message starting with
// `file`, for a bad magic, an unsupported version, a truncated or malformed header.
Header read_header(std::istream& in, const std::filesystem::path& file);

// Parses the dict literal alone; exposed so that malformed headers can be tested directly.
Header parse_header_dict(std::string_view dict, const std::filesystem::path& file);

// Everything that precedes the data, as numpy writes it: version 1.0 when the header fits its
// 2-byte length, else 2.0.
std::string encode_header(const Header& header);

// Python's repr of the shape tuple: "()", "(5,)", "(3, 4)".
std::string format_shape(const std::vector<std::int64_t>& shape);

}  // namespace snnsense::npy
