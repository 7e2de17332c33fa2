#include "snnsense/training/trace.hpp"

#include <array>
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

namespace {

// The optional metrics in one order, for save and restore alike.
auto optional_metrics(RunMetrics& m) {
  return std::array<std::optional<double>*, 8>{&m.test_loss,         &m.relative_error, &m.psnr,      &m.off_diagonal_mass,
                                               &m.train_rmse,        &m.train_mae,      &m.test_rmse, &m.test_mae};
}

}  // namespace

void Trace::save(StateWriter& out) const {
  out.put_index(static_cast<Index>(rows.size()));
  for (const TraceRow& row : rows) {
    out.put_index(row.iteration);
    out.put_double(row.seconds);
    out.put_double(row.step_size);
    out.put_double(row.gradient_norm);
    RunMetrics m = row.metrics;
    out.put_double(m.train_loss);
    for (const std::optional<double>* v : optional_metrics(m)) {
      out.put_bool(v->has_value());
      out.put_double(v->value_or(0.0));
    }
    out.put_vector(m.spectrum.singular_values);
    out.put_double(m.spectrum.nuclear_norm);
    out.put_double(m.spectrum.effective_rank);
    out.put_index(m.spectrum.rank);
  }
}

Trace Trace::restore(StateReader& in) {
  Trace trace;
  const Index count = in.get_index();
  for (Index k = 0; k < count; ++k) {
    TraceRow row;
    row.iteration = in.get_index();
    row.seconds = in.get_double();
    row.step_size = in.get_double();
    row.gradient_norm = in.get_double();
    RunMetrics& m = row.metrics;
    m.train_loss = in.get_double();
    for (std::optional<double>* v : optional_metrics(m)) {
      const bool present = in.get_bool();
      const double value = in.get_double();
      if (present) *v = value;
    }
    m.spectrum.singular_values = in.get_vector();
    m.spectrum.nuclear_norm = in.get_double();
    m.spectrum.effective_rank = in.get_double();
    m.spectrum.rank = in.get_index();
    trace.rows.push_back(std::move(row));
  }
  return trace;
}

}  // namespace snnsense
