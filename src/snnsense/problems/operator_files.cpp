#include "snnsense/problems/operator_files.hpp"

#include <stdexcept>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/io/npy.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/dense_operator.hpp"
#include "snnsense/operators/rank_one_operator.hpp"
#include "snnsense/operators/spectral_operator.hpp"
#include "snnsense/problems/distinct_entries.hpp"
#include "snnsense/problems/problem_arrays.hpp"

namespace snnsense {

namespace {

namespace fs = std::filesystem;

// The class behind an operator kind, for operators whose storage is the arrays we write.
template <class Concrete>
const Concrete& concrete(const MeasurementOperator& op) {
  const auto* cast = dynamic_cast<const Concrete*>(&op);
  if (!cast) throw InputError("cannot save a " + to_string(op.kind()) + " operator that is not one of snnsense's own classes");
  return *cast;
}

template <class Rows>
Rows stacked(const Rows& top, const Rows& bottom) {
  Rows both(top.rows() + bottom.rows(), top.cols());
  both.topRows(top.rows()) = top;
  both.bottomRows(bottom.rows()) = bottom;
  return both;
}

void save_spectral(const SpectralOperator& train, const SpectralOperator& test, const fs::path& dir) {
  // One pair of bases on disk serves both parts, so the parts must agree on it.
  if (train.phi() != test.phi() || train.psi() != test.psi())
    throw InputError("cannot save a spectral problem whose train and test operators have different bases");
  npy::write_matrix(dir / "phi.npy", train.phi());
  npy::write_matrix(dir / "psi.npy", train.psi());
  npy::write_matrix(dir / "coefficients.npy", stacked(train.coefficients(), test.coefficients()));
}

OperatorPtr load_spectral(const fs::path& dir, Index n1, Index n2, Index count) {
  const fs::path phi_file = dir / "phi.npy";
  Matrix phi = read_checked_matrix(phi_file, {n1, std::nullopt});
  if (phi.cols() == 0) throw FileError(phi_file.string() + ": has no columns (expects (" + std::to_string(n1) + ", k), k >= 1)");
  check_orthonormal_columns(phi, phi_file);
  const Index k = phi.cols();
  Matrix psi = read_checked_matrix(dir / "psi.npy", {n2, k, "problem.json and phi.npy"});
  check_orthonormal_columns(psi, dir / "psi.npy");
  Matrix coefficients = read_checked_matrix(dir / "coefficients.npy", {count, k, "problem.json and phi.npy"});
  return std::make_shared<SpectralOperator>(std::move(phi), std::move(psi), std::move(coefficients));
}

}  // namespace

void save_operator_files(const MeasurementOperator& train, const MeasurementOperator& test, const fs::path& dir) {
  if (test.kind() != train.kind() || test.rows() != train.rows() || test.cols() != train.cols())
    throw InputError("cannot save a problem whose train and test operators differ in kind or shape");
  switch (train.kind()) {
    case OperatorKind::dense:
      npy::write_matrix(dir / "A.npy", stacked(concrete<DenseOperator>(train).matrix(), concrete<DenseOperator>(test).matrix()));
      return;
    case OperatorKind::spectral:
      save_spectral(concrete<SpectralOperator>(train), concrete<SpectralOperator>(test), dir);
      return;
    case OperatorKind::completion: {
      const auto &a = concrete<CompletionOperator>(train), &b = concrete<CompletionOperator>(test);
      npy::write_index_vector(dir / "rows.npy", stacked(a.row_indices(), b.row_indices()));
      npy::write_index_vector(dir / "cols.npy", stacked(a.col_indices(), b.col_indices()));
      return;
    }
    case OperatorKind::rank_one: {
      const auto &a = concrete<RankOneOperator>(train), &b = concrete<RankOneOperator>(test);
      npy::write_matrix(dir / "left.npy", stacked(a.left(), b.left()));
      npy::write_matrix(dir / "right.npy", stacked(a.right(), b.right()));
      return;
    }
  }
}

OperatorPtr load_operator_files(OperatorKind kind, const fs::path& dir, Index n1, Index n2, Index count) {
  switch (kind) {
    case OperatorKind::dense:
      return std::make_shared<DenseOperator>(read_checked_matrix(dir / "A.npy", {count, n1 * n2}), n1, n2);
    case OperatorKind::spectral: return load_spectral(dir, n1, n2, count);
    case OperatorKind::completion: {
      IndexVector rows = read_checked_indices(dir / "rows.npy", count, n1, "rows");
      IndexVector cols = read_checked_indices(dir / "cols.npy", count, n2, "columns");
      if (const auto repeat = first_duplicate_entry(rows, cols))
        throw FileError((dir / "rows.npy").string() + ": with cols.npy, " + repeat->describe());
      return std::make_shared<CompletionOperator>(std::move(rows), std::move(cols), n1, n2);
    }
    case OperatorKind::rank_one:
      return std::make_shared<RankOneOperator>(read_checked_matrix(dir / "left.npy", {count, n1}),
                                               read_checked_matrix(dir / "right.npy", {count, n2}));
  }
  throw std::logic_error("unhandled OperatorKind");
}

}  // namespace snnsense
