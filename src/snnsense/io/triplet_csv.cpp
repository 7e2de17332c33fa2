#include "snnsense/io/triplet_csv.hpp"

#include <cmath>
#include <string>
#include <utility>

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

// Lines of row,col,value when `with_values`, else of row,col.
Triplets read_csv_entries(const std::filesystem::path& file, bool with_values) {
  const std::size_t expected = with_values ? 3 : 2;
  const std::string layout = with_values ? "row,col,value" : "row,col";
  const std::string fields_named = with_values ? "(row, col, value)" : "(row, col)";
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
    if (fields.size() != expected)
      fail("expected " + std::to_string(expected) + " fields " + fields_named + ", got " + std::to_string(fields.size()));
    if (std::exchange(first, false) && is_header(fields)) {
      t.header = true;
      continue;
    }
    std::int64_t row = 0, col = 0;
    if (std::string fault = parse_integer(fields[0], row); !fault.empty()) fail("row id " + fault);
    if (std::string fault = parse_integer(fields[1], col); !fault.empty()) fail("column id " + fault);
    if (with_values) {
      double value = 0.0;
      if (std::string fault = parse_number(fields[2], value); !fault.empty()) fail("value " + fault);
      if (!std::isfinite(value)) fail("value '" + std::string(fields[2]) + "' is not finite");
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

Triplets read_triplet_csv(const std::filesystem::path& file) { return read_csv_entries(file, true); }

Triplets read_entry_csv(const std::filesystem::path& file) { return read_csv_entries(file, false); }

}  // namespace snnsense
