// `snnsense import`: a completion problem directory from a user's CSV triplets or Matrix Market file.
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "integer_range.hpp"
#include "snnsense/io/output_overlap.hpp"
#include "snnsense/io/staging_directory.hpp"
#include "snnsense/io/text_fields.hpp"
#include "snnsense/io/triplet_csv.hpp"
#include "snnsense/io/triplets.hpp"
#include "snnsense/problems/number_text.hpp"
#include "snnsense/problems/problem_io.hpp"
#include "snnsense/problems/problem_part.hpp"
#include "snnsense/problems/triplet_import.hpp"

namespace snnsense::cli {

namespace {

struct ImportArguments {
  std::string file;
  std::string test_file;
  std::string out;
  std::string index_base = to_string(IndexBase::labels);
  bool index_base_given = false;  // Matrix Market files refuse it; CSV files default to labels
  std::string shape;       // "N1,N2"
  std::string columns;     // "R,C,V", 1-based CSV fields
  double test_fraction = ImportOptions{}.test_fraction;
  std::uint64_t seed = 0;
  int parts = 1;  // > 1: written as `snnsense shard --parts` writes it, for mpirun -np parts
  bool force = false;
};

std::pair<Index, Index> parse_shape(const std::string& text) {
  const std::vector<std::string_view> parts = split_fields(text, ',');
  std::int64_t n1 = 0, n2 = 0;
  if (parts.size() != 2 || !parse_integer(parts[0], n1).empty() || !parse_integer(parts[1], n2).empty())
    throw InputError("--shape must be N1,N2 (two integers), got '" + text + "'");
  return {n1, n2};
}

ImportOptions import_options(const ImportArguments& args) {
  ImportOptions o;
  if (args.index_base_given)
    o.index_base = enum_from_string<IndexBase>(args.index_base, "--index-base: unknown index base");
  if (!args.shape.empty()) o.shape = parse_shape(args.shape);
  o.test_fraction = args.test_fraction;
  o.seed = args.seed;
  o.validate();
  return o;
}

std::string file_description(const Triplets& t) {
  std::string text = std::to_string(t.size()) + " entries";
  if (t.format == TripletFormat::matrix_market) return "Matrix Market, " + text;
  return std::string("CSV, ") + (t.delimiter == ',' ? "comma-separated" : "whitespace-separated") +
         (t.header ? ", header line skipped, " : ", no header, ") + text;
}

void run(const ImportArguments& args) {
  // Bad options and overlapping paths are reported before anything is read or created.
  const ImportOptions options = import_options(args);
  const CsvColumns columns = args.columns.empty() ? CsvColumns{} : CsvColumns::parse(args.columns);
  refuse_output_over_inputs({"--out", args.out}, {{"FILE", args.file}, {"--test-file", args.test_file}});
  StagingDirectory staging(args.out, args.force);

  const Triplets train = read_triplets(args.file, columns);
  std::optional<Triplets> test;
  if (!args.test_file.empty()) test = read_triplets(args.test_file, columns);
  const ImportedProblem imported = import_triplets(train, test ? &*test : nullptr, options);
  const Problem& p = imported.problem;
  if (args.parts > 1)
    save_problem_parts(p, args.parts, staging.path());
  else
    save_problem(p, staging.path());
  staging.commit();

  std::cout << "read " << args.file << ": " << file_description(train) << "\n";
  if (test) std::cout << "read " << args.test_file << ": " << file_description(*test) << "\n";
  std::cout << imported.rows_note << "\n" << imported.cols_note << "\n";
  const std::string split = test ? "held out: " + args.test_file
                                 : "held out at random: --test-fraction " + number_text(options.test_fraction) +
                                       ", seed " + std::to_string(options.seed);
  std::cout << "wrote " << args.out << ": completion " << p.n1 << " x " << p.n2 << ", " << p.train_count() << " train + "
            << p.test_count() << " test entries (" << split << ")" << (p.row_ids ? ", ids in row_ids.npy and col_ids.npy" : "")
            << "\n";
  if (args.parts > 1) std::cout << "in " << args.parts << " parts: train with mpirun -np " << args.parts << "\n";
}

}  // namespace

void register_import(CLI::App& app, Context&) {
  auto args = std::make_shared<ImportArguments>();
  CLI::App* command = app.add_subcommand(
      "import",
      "Make a completion problem directory from observed entries: CSV triplets (row,col,value; a header line is\n"
      "optional; commas, else tabs or spaces) or a Matrix Market coordinate file (.mtx, 1-based, as\n"
      "scipy.io.mmwrite writes). By default CSV ids are integer labels: the distinct ids, sorted, become rows\n"
      "0..n1-1 and columns 0..n2-1, and row_ids.npy / col_ids.npy keep them. The held-out entries are a seeded\n"
      "random fraction, or the entries of --test-file (ids only in that file are added to the shape).");
  command->add_option("FILE", args->file, "the observed entries (CSV or Matrix Market)")->required();
  command->add_option("--out", args->out, "output problem directory, written whole or not at all")->required();
  CLI::Option* test_file = command->add_option("--test-file", args->test_file,
                                               "held-out entries in the same format (instead of a random split)");
  command->add_option("--test-fraction", args->test_fraction, "fraction of FILE's entries held out at random, in [0, 1)")
      ->capture_default_str()
      ->excludes(test_file);
  command->add_option("--seed", args->seed, "seed of the random split: the same seed gives the same files")
      ->check(integer_range<std::uint64_t>(0))
      ->capture_default_str()
      ->excludes(test_file);
  CLI::Option* index_base =
      command
          ->add_option("--index-base", args->index_base,
                       "CSV ids: labels (any integers, mapped to 0..n-1 in sorted order), 0 or 1 (positions; the shape "
                       "is the largest id, +1 if 0-based, or --shape). Matrix Market files are 1-based")
          ->capture_default_str();
  command->add_option("--columns", args->columns,
                      "R,C,V: the CSV fields (counted from 1) holding the row id, the column id and the value, for\n"
                      "files with more than three fields, e.g. 1,2,3 for user,item,rating,timestamp (default: a file\n"
                      "of exactly three fields, in that order)");
  command->add_option("--shape", args->shape, "N1,N2: the matrix's shape with --index-base 0 or 1");
  command->add_option("--parts", args->parts,
                      "store the problem in this many parts, one per MPI process (as `snnsense shard` does)")
      ->check(integer_range<int>(1))
      ->capture_default_str();
  command->add_flag("--force", args->force, "replace --out if it exists");
  command->callback([args, index_base] {
    args->index_base_given = index_base->count() > 0;
    run(*args);
  });
}

}  // namespace snnsense::cli
