#include "snnsense/io/triplets.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "snnsense/io/file_error.hpp"
#include "snnsense/io/matrix_market.hpp"
#include "snnsense/io/triplet_csv.hpp"

namespace snnsense {

void Triplets::fail_at(std::size_t index, const std::string& fault) const {
  throw_file_line_error(file, lines.at(index), fault);
}

std::string to_string(TripletFormat format) { return format == TripletFormat::csv ? "csv" : "matrix-market"; }

Triplets read_triplets(const std::filesystem::path& file) { return read_triplets(file, CsvColumns{}); }

Triplets read_triplets(const std::filesystem::path& file, const CsvColumns& columns) {
  // The banner decides, not the extension: ".txt" Matrix Market files and ".mtx" CSVs exist.
  std::ifstream in(file, std::ios::binary);
  std::string start(14, '\0');
  in.read(start.data(), static_cast<std::streamsize>(start.size()));
  start.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  for (char& c : start) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (start != "%%matrixmarket") return read_triplet_csv(file, columns);
  if (columns.chosen)
    throw_file_error(file, "a Matrix Market file has no columns to choose (--columns applies to CSV files)");
  return read_matrix_market(file);
}

}  // namespace snnsense
