#include "snnsense/io/triplet_csv.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "snnsense/io/file_error.hpp"
#include "snnsense/io/text_fields.hpp"

namespace snnsense {

namespace {

constexpr std::size_t kFields = 3;

bool is_header(const std::vector<std::string_view>& fields) {
  for (const std::string_view field : fields) {
    double ignored = 0.0;
    if (parse_number(field, ignored).empty()) return false;
  }
  return true;
}

}  // namespace

Triplets read_triplet_csv(const std::filesystem::path& file) {
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
    if (fields.size() != kFields)
      fail("expected 3 fields (row, col, value), got " + std::to_string(fields.size()));
    if (std::exchange(first, false) && is_header(fields)) {
      t.header = true;
      continue;
    }
    std::int64_t row = 0, col = 0;
    double value = 0.0;
    if (std::string fault = parse_integer(fields[0], row); !fault.empty()) fail("row id " + fault);
    if (std::string fault = parse_integer(fields[1], col); !fault.empty()) fail("column id " + fault);
    if (std::string fault = parse_number(fields[2], value); !fault.empty()) fail("value " + fault);
    if (!std::isfinite(value)) fail("value '" + std::string(fields[2]) + "' is not finite");
    t.rows.push_back(row);
    t.cols.push_back(col);
    t.values.push_back(value);
    t.lines.push_back(reader.number());
  }
  if (first) throw_file_error(file, "empty file (expected lines of row,col,value)");
  if (t.values.empty()) throw_file_error(file, "no entries, only a header line");
  return t;
}

}  // namespace snnsense
