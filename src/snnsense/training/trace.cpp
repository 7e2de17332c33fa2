#include "snnsense/training/trace.hpp"

#include <iomanip>
#include <optional>

#include "snnsense/io/atomic_file.hpp"

namespace snnsense {

namespace {

void cell(std::ostream& out, const std::optional<double>& v) {
  out << ',';
  if (v) out << *v;
}

}  // namespace

void Trace::write_csv(const std::filesystem::path& file) const {
  write_file_atomically(file, [this](std::ostream& out) {
    out << std::setprecision(10);
    out << "iteration,seconds,step_size,train_loss,test_loss,relative_error,psnr,off_diagonal_mass,"
           "nuclear_norm,effective_rank,rank,sigma_max,sigma_min,gradient_norm,train_rmse,test_rmse,train_mae,"
           "test_mae\n";
    for (const TraceRow& r : rows) {
      const RunMetrics& m = r.metrics;
      const Vector& s = m.spectrum.singular_values;
      out << r.iteration << ',' << r.seconds << ',' << r.step_size << ',' << m.train_loss;
      cell(out, m.test_loss);
      cell(out, m.relative_error);
      cell(out, m.psnr);
      cell(out, m.off_diagonal_mass);
      out << ',' << m.spectrum.nuclear_norm << ',' << m.spectrum.effective_rank << ',' << m.spectrum.rank << ','
          << (s.size() ? s(0) : 0.0) << ',' << (s.size() ? s(s.size() - 1) : 0.0) << ',' << r.gradient_norm;
      cell(out, m.train_rmse);
      cell(out, m.test_rmse);
      cell(out, m.train_mae);
      cell(out, m.test_mae);
      out << '\n';
    }
  });
}

void Trace::write_singular_values_csv(const std::filesystem::path& file) const {
  write_file_atomically(file, [this](std::ostream& out) {
    out << std::setprecision(10) << "iteration";
    const Index k = rows.empty() ? 0 : rows.front().metrics.spectrum.singular_values.size();
    for (Index i = 1; i <= k; ++i) out << ",s" << i;
    out << '\n';
    for (const TraceRow& r : rows) {
      out << r.iteration;
      for (double v : r.metrics.spectrum.singular_values) out << ',' << v;
      out << '\n';
    }
  });
}

}  // namespace snnsense
