#include "snnsense/io/matrix_market.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "snnsense/io/file_error.hpp"
#include "snnsense/io/text_fields.hpp"

namespace snnsense {

namespace {

enum class Symmetry { general, symmetric, skew };

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Reserving NNZ up front avoids regrowth on big files; the cap keeps a corrupt size line from
// asking for more memory than the file could fill.
constexpr std::int64_t kMaxReserve = std::int64_t{1} << 26;

}  // namespace

Triplets read_matrix_market(const std::filesystem::path& file) {
  Triplets t;
  t.file = file;
  t.format = TripletFormat::matrix_market;
  LineReader reader(file);
  const auto fail = [&](const std::string& fault) { throw_file_line_error(file, reader.number(), fault); };

  if (!reader.next()) throw_file_error(file, "empty file (expected a %%MatrixMarket banner)");
  const std::vector<std::string_view> banner = split_fields(reader.line(), ' ');
  if (banner.empty() || lower(banner[0]) != "%%matrixmarket") fail("not a Matrix Market file (no %%MatrixMarket banner)");
  if (banner.size() != 5) fail("the banner must read '%%MatrixMarket matrix coordinate <field> <symmetry>'");
  if (lower(banner[1]) != "matrix") fail("Matrix Market object '" + std::string(banner[1]) + "' is not supported (only 'matrix')");
  const std::string format = lower(banner[2]), field = lower(banner[3]), symmetry_name = lower(banner[4]);
  if (format == "array")
    fail("Matrix Market 'array' (dense) files are not supported: write the observed entries as a coordinate file "
         "(scipy.io.mmwrite of a scipy.sparse matrix)");
  if (format != "coordinate") fail("unknown Matrix Market format '" + std::string(banner[2]) + "' (expected coordinate)");
  if (field == "pattern") fail("Matrix Market 'pattern' files have no values to complete (expected real or integer)");
  if (field != "real" && field != "integer" && field != "double")
    fail("Matrix Market field '" + std::string(banner[3]) + "' is not supported (expected real or integer)");
  Symmetry symmetry = Symmetry::general;
  if (symmetry_name == "symmetric")
    symmetry = Symmetry::symmetric;
  else if (symmetry_name == "skew-symmetric")
    symmetry = Symmetry::skew;
  else if (symmetry_name != "general")
    fail("Matrix Market symmetry '" + std::string(banner[4]) + "' is not supported (expected general, symmetric or skew-symmetric)");

  // Comments and blank lines, then the size line "M N NNZ".
  std::int64_t m = 0, n = 0, nnz = 0;
  while (true) {
    if (!reader.next()) throw_file_error(file, "no size line (expected 'rows columns entries' after the banner)");
    if (!reader.line().starts_with('%') && !is_blank(reader.line())) break;
  }
  const std::vector<std::string_view> size = split_fields(reader.line(), ' ');
  if (size.size() != 3) fail("the size line must be 'rows columns entries', got " + std::to_string(size.size()) + " fields");
  for (auto [text, target, name] : {std::tuple{size[0], &m, "rows"}, {size[1], &n, "columns"}, {size[2], &nnz, "entries"}}) {
    if (std::string fault = parse_integer(text, *target); !fault.empty()) fail("size line: " + std::string(name) + " " + fault);
    if (*target < 0) fail("size line: " + std::string(name) + " must not be negative, got " + std::string(text));
  }
  if (m == 0 || n == 0) fail("size line: the matrix is " + std::to_string(m) + " x " + std::to_string(n) + ", it has no entries");
  if (symmetry != Symmetry::general && m != n)
    fail("size line: a " + symmetry_name + " matrix must be square, got " + std::to_string(m) + " x " + std::to_string(n));
  t.shape = {m, n};
  t.shape_line = reader.number();
  const std::string shape_text = std::to_string(m) + " x " + std::to_string(n);

  // The size line is the file's claim, not a fact: a short file announcing 10^9 entries must not
  // take gigabytes. An entry line has at least 6 bytes ("1 1 1\n"), so the file's size bounds them.
  std::error_code size_error;
  const auto file_bytes = std::filesystem::file_size(file, size_error);
  const std::int64_t possible = size_error ? 0 : static_cast<std::int64_t>(file_bytes / 6) + 1;
  const std::size_t reserve =
      static_cast<std::size_t>(std::min({nnz, kMaxReserve, possible})) * (symmetry == Symmetry::general ? 1 : 2);
  t.rows.reserve(reserve);
  t.cols.reserve(reserve);
  t.values.reserve(reserve);
  t.lines.reserve(reserve);
  std::int64_t read = 0;
  while (reader.next()) {
    if (is_blank(reader.line())) continue;
    if (read == nnz)
      fail("more entries than the " + std::to_string(nnz) + " of the size line (line " + std::to_string(t.shape_line) + ")");
    const std::vector<std::string_view> fields = split_fields(reader.line(), ' ');
    if (fields.size() != 3) fail("expected 3 fields (row, column, value), got " + std::to_string(fields.size()));
    std::int64_t i = 0, j = 0;
    double value = 0.0;
    if (std::string fault = parse_integer(fields[0], i); !fault.empty()) fail("row index " + fault);
    if (std::string fault = parse_integer(fields[1], j); !fault.empty()) fail("column index " + fault);
    if (std::string fault = parse_number(fields[2], value); !fault.empty()) fail("value " + fault);
    if (!std::isfinite(value)) fail("value '" + std::string(fields[2]) + "' is not finite");
    if (i < 1 || i > m)
      fail("row index " + std::to_string(i) + " is out of range 1.." + std::to_string(m) + " (the size line says " + shape_text + ")");
    if (j < 1 || j > n)
      fail("column index " + std::to_string(j) + " is out of range 1.." + std::to_string(n) + " (the size line says " + shape_text + ")");
    if (symmetry != Symmetry::general && i < j)
      fail("entry (" + std::to_string(i) + ", " + std::to_string(j) + ") lies above the diagonal of a " + symmetry_name +
           " file, which stores only the lower triangle");
    if (symmetry == Symmetry::skew && i == j) fail("diagonal entry in a skew-symmetric file (its diagonal is zero)");
    const auto add = [&](std::int64_t r, std::int64_t c, double v) {
      t.rows.push_back(r);
      t.cols.push_back(c);
      t.values.push_back(v);
      t.lines.push_back(reader.number());
    };
    add(i, j, value);
    if (symmetry != Symmetry::general && i != j) add(j, i, symmetry == Symmetry::skew ? -value : value);
    ++read;
  }
  if (read < nnz)
    throw_file_error(file, "the size line (line " + std::to_string(t.shape_line) + ") announces " + std::to_string(nnz) +
                               " entries, the file has " + std::to_string(read));
  if (nnz == 0) throw_file_error(file, "no entries (the size line announces 0)");
  return t;
}

}  // namespace snnsense
