#include "snnsense/io/npy_header.hpp"

#include <array>
#include <cctype>
#include <limits>
#include <string_view>

#include "snnsense/io/file_error.hpp"

namespace snnsense::npy {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kAlignment = 64;

std::uint32_t little_endian(const unsigned char* bytes, int count) {
  std::uint32_t value = 0;
  for (int i = count - 1; i >= 0; --i) value = (value << 8) | bytes[i];
  return value;
}

// A recursive-descent reader for the small subset of Python literals numpy writes in headers:
// quoted strings, True/False and tuples of non-negative integers.
class DictParser {
 public:
  DictParser(std::string_view text, const std::filesystem::path& file) : text_(text), file_(file) {}

  Header parse() {
    Header header;
    bool seen_descr = false, seen_order = false, seen_shape = false;
    expect('{');
    while (!accept('}')) {
      const std::string key = string();
      expect(':');
      if (key == "descr" && !seen_descr) {
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == '[')
          throw_file_error(file_, "unsupported dtype (structured arrays are not supported)");
        header.descr = string();
        seen_descr = true;
      } else if (key == "fortran_order" && !seen_order) {
        header.fortran_order = boolean();
        seen_order = true;
      } else if (key == "shape" && !seen_shape) {
        header.shape = tuple();
        seen_shape = true;
      } else {
        malformed("unexpected or repeated key '" + key + "'");
      }
      if (!accept(',')) {
        expect('}');
        break;
      }
    }
    skip_space();
    if (pos_ != text_.size()) malformed("unexpected text after the dict");
    if (!seen_descr) malformed("missing key 'descr'");
    if (!seen_order) malformed("missing key 'fortran_order'");
    if (!seen_shape) malformed("missing key 'shape'");
    return header;
  }

 private:
  [[noreturn]] void malformed(const std::string& what) const {
    throw_file_error(file_, "malformed header (" + what + ")");
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool accept(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!accept(c)) malformed(std::string("expected '") + c + "' at offset " + std::to_string(pos_));
  }

  std::string string() {
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) {
      malformed("expected a quoted string at offset " + std::to_string(pos_));
    }
    const char quote = text_[pos_++];
    const std::size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos) malformed("unterminated string");
    std::string value(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return value;
  }

  bool boolean() {
    skip_space();
    if (keyword("True")) return true;
    if (keyword("False")) return false;
    malformed("expected True or False at offset " + std::to_string(pos_));
  }

  bool keyword(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  std::int64_t integer() {
    skip_space();
    const std::size_t start = pos_;
    std::int64_t value = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      const int digit = text_[pos_++] - '0';
      if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) malformed("dimension too large");
      value = value * 10 + digit;
    }
    if (pos_ == start) malformed("expected a non-negative integer at offset " + std::to_string(start));
    accept('L');  // Python 2 wrote long integers with a suffix
    return value;
  }

  std::vector<std::int64_t> tuple() {
    std::vector<std::int64_t> values;
    expect('(');
    while (!accept(')')) {
      values.push_back(integer());
      if (!accept(',')) {
        expect(')');
        break;
      }
    }
    return values;
  }

  std::string_view text_;
  const std::filesystem::path& file_;
  std::size_t pos_ = 0;
};

}  // namespace

Header parse_header_dict(std::string_view dict, const std::filesystem::path& file) {
  return DictParser(dict, file).parse();
}

Header read_header(std::istream& in, const std::filesystem::path& file) {
  std::array<unsigned char, 8> prefix{};
  in.read(reinterpret_cast<char*>(prefix.data()), prefix.size());
  const auto got = static_cast<std::size_t>(in.gcount());
  if (got < kMagic.size() ||
      std::string_view(reinterpret_cast<const char*>(prefix.data()), kMagic.size()) != kMagic) {
    throw_file_error(file, "bad magic (not a .npy file)");
  }
  if (got < prefix.size()) throw_file_error(file, "truncated header");

  const int major = prefix[6], minor = prefix[7];
  if (minor != 0 || major < 1 || major > 3) {
    throw_file_error(file, "unsupported .npy version " + std::to_string(major) + "." + std::to_string(minor) +
                               " (expected 1.0, 2.0 or 3.0)");
  }
  const int length_bytes = major == 1 ? 2 : 4;
  std::array<unsigned char, 4> length_field{};
  in.read(reinterpret_cast<char*>(length_field.data()), length_bytes);
  if (in.gcount() != length_bytes) throw_file_error(file, "truncated header");
  const std::uint32_t length = little_endian(length_field.data(), length_bytes);

  // Checked against the file size first, so a corrupt length cannot make us allocate gigabytes.
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  const auto offset = static_cast<std::uintmax_t>(prefix.size() + length_bytes);
  if (!ec && size - offset < length) {
    throw_file_error(file, "truncated header (expected " + std::to_string(length) + " bytes, found " +
                               std::to_string(size - offset) + ")");
  }
  std::string dict(length, '\0');
  in.read(dict.data(), length);
  if (static_cast<std::uint32_t>(in.gcount()) != length) {
    throw_file_error(file, "truncated header (expected " + std::to_string(length) + " bytes, found " +
                               std::to_string(in.gcount()) + ")");
  }
  return parse_header_dict(dict, file);
}

std::string format_shape(const std::vector<std::int64_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  if (shape.size() == 1) text += ",";
  return text + ")";
}

std::string encode_header(const Header& header) {
  std::string dict = "{'descr': '" + header.descr +
                     "', 'fortran_order': " + (header.fortran_order ? "True" : "False") +
                     ", 'shape': " + format_shape(header.shape) + ", }";
  const auto padded = [&](std::size_t prefix) {
    const std::size_t unpadded = prefix + dict.size() + 1;  // + the final '\n'
    return (unpadded + kAlignment - 1) / kAlignment * kAlignment - prefix;
  };
  const bool fits_v1 = padded(10) <= std::numeric_limits<std::uint16_t>::max();
  const std::size_t prefix = fits_v1 ? 10 : 12;
  const std::size_t length = padded(prefix);

  std::string bytes(kMagic);
  bytes += static_cast<char>(fits_v1 ? 1 : 2);
  bytes += '\0';
  for (std::size_t i = 0; i < prefix - 8; ++i) bytes += static_cast<char>((length >> (8 * i)) & 0xff);
  bytes += dict;
  bytes.append(length - dict.size() - 1, ' ');
  bytes += '\n';
  return bytes;
}

}  // namespace snnsense::npy
