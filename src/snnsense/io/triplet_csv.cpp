#include "snnsense/io/triplet_csv.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/io/file_error.hpp"
#include "snnsense/io/text_fields.hpp"

namespace snnsense {

namespace {

bool is_header(const std::vector<std::string_view>& fields) {
  for (const std::string_view field : fields) {
    double ignored = 0.0;
    if (parse_number(field, ignored).empty()) return false;
  }
  return true;
}

// Lines of row,col,value when `with_values`, else of row,col; or, with other `columns`, lines of as
// many fields as the first, the three named ones among them.
Triplets read_csv_entries(const std::filesystem::path& file, bool with_values, const CsvColumns& columns) {
  std::size_t expected = with_values ? 3 : 2;
  const std::size_t needed = 1 + *std::max_element(columns.fields.begin(), columns.fields.end());
  const std::string layout = with_values ? "row,col,value" : "row,col";
  const std::string fields_named = with_values ? "(row, col, value)" : "(row, col)";
  const auto [row_field, col_field, value_field] = columns.fields;
  Triplets t;
  t.file = file;
  t.format = TripletFormat::csv;
  LineReader reader(file);
  bool first = true;
  const auto fail = [&](const std::string& fault) { throw_file_line_error(file, reader.number(), fault); };
  while (reader.next()) {
    const std::string_view line = reader.line();
    if (is_blank(line)) continue;
    if (first) t.delimiter = line.find(',') != std::string_view::npos ? ',' : ' ';
    const std::vector<std::string_view> fields = split_fields(line, t.delimiter);
    if (first && columns.chosen) {
      if (fields.size() < needed)
        fail("--columns names field " + std::to_string(needed) + ", but the line has " + std::to_string(fields.size()));
      expected = fields.size();
    }
    if (fields.size() != expected)
      fail("expected " + std::to_string(expected) + " fields " +
           (!columns.chosen ? fields_named : std::string("(as the first line)")) + ", got " +
           std::to_string(fields.size()));
    if (std::exchange(first, false) && is_header(fields)) {
      t.header = true;
      continue;
    }
    std::int64_t row = 0, col = 0;
    if (std::string fault = parse_integer(fields[row_field], row); !fault.empty()) fail("row id " + fault);
    if (std::string fault = parse_integer(fields[col_field], col); !fault.empty()) fail("column id " + fault);
    if (with_values) {
      double value = 0.0;
      if (std::string fault = parse_number(fields[value_field], value); !fault.empty()) fail("value " + fault);
      if (!std::isfinite(value)) fail("value '" + std::string(fields[value_field]) + "' is not finite");
      t.values.push_back(value);
    }
    t.rows.push_back(row);
    t.cols.push_back(col);
    t.lines.push_back(reader.number());
  }
  if (first) throw_file_error(file, "empty file (expected lines of " + layout + ")");
  if (t.rows.empty()) throw_file_error(file, "no entries, only a header line");
  return t;
}

}  // namespace

CsvColumns CsvColumns::parse(const std::string& text) {
  const auto bad = [&text] {
    return InputError("--columns must be R,C,V: three different field numbers counted from 1 (row id, column id, "
                      "value), got '" + text + "'");
  };
  constexpr std::int64_t kMaxField = 1 << 16;
  const std::vector<std::string_view> parts = split_fields(text, ',');
  if (parts.size() != 3) throw bad();
  CsvColumns columns;
  for (std::size_t i = 0; i < 3; ++i) {
    std::int64_t field = 0;
    if (!parse_integer(parts[i], field).empty() || field < 1 || field > kMaxField) throw bad();
    columns.fields[i] = static_cast<std::size_t>(field - 1);
  }
  columns.chosen = true;
  const auto& f = columns.fields;
  if (f[0] == f[1] || f[0] == f[2] || f[1] == f[2]) throw bad();
  return columns;
}

Triplets read_triplet_csv(const std::filesystem::path& file, const CsvColumns& columns) {
  return read_csv_entries(file, true, columns);
}

Triplets read_entry_csv(const std::filesystem::path& file) { return read_csv_entries(file, false, CsvColumns{}); }

}  // namespace snnsense
