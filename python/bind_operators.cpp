// The measurement operators: y = A(X) and A*(r), in numpy's C order like the arrays on disk.
#include "bindings.hpp"
#include "snnsense/operators/completion_operator.hpp"
#include "snnsense/operators/dense_operator.hpp"
#include "snnsense/operators/rank_one_operator.hpp"
#include "snnsense/operators/spectral_operator.hpp"

namespace snnsense::python {

using Op = MeasurementOperator;

void bind_operators(py::module_& m) {
  py::class_<Op, std::shared_ptr<Op>>(m, "MeasurementOperator",
                                      "y_i = <A_i, X> for i = 1..m; the adjoint is A*(r) = sum_i r_i A_i.")
      .def_property_readonly("kind", [](const Op& op) { return to_string(op.kind()); },
                             "dense, spectral, completion or rank-one")
      .def_property_readonly("measurements", &Op::measurements, "m, the number of measurements")
      .def_property_readonly("rows", &Op::rows, "n1")
      .def_property_readonly("cols", &Op::cols, "n2")
      .def_property_readonly("shape", [](const Op& op) { return py::make_tuple(op.rows(), op.cols()); },
                             "(n1, n2) of the matrices it measures")
      .def("__len__", &Op::measurements)
      .def("apply", &Op::apply, py::arg("X"), "The m measurements <A_i, X> of an n1 x n2 matrix X.")
      .def("adjoint", &Op::adjoint, py::arg("r"), "sum_i r_i A_i, an n1 x n2 matrix.")
      .def(
          "subset",
          [](const Op& op, const py::handle& indices) {
            const IndexVector picked = index_vector(indices, "indices");
            return operator_object(op.subset(std::span<const Index>(picked.data(), picked.size())));
          },
          py::arg("indices"), "The operator restricted to these measurements, in this order.")
      .def(
          "slice", [](const Op& op, Index begin, Index end) { return operator_object(op.slice(begin, end)); },
          py::arg("begin"), py::arg("end"), "Measurements begin..end-1.")
      .def("dense", &Op::dense, "The m x (n1*n2) array whose row i is A_i.ravel() (C order).")
      .def("__repr__", [](const py::object& self) {
        const Op& op = self.cast<const Op&>();
        return "<snnsense." + py::type::of(self).attr("__name__").cast<std::string>() + ": " +
               std::to_string(op.measurements()) + " measurements of " + shape_text(op.rows(), op.cols()) +
               " matrices>";
      });

  py::class_<DenseOperator, Op, std::shared_ptr<DenseOperator>>(m, "DenseOperator",
                                                                 "Arbitrary A_i, stored as an m x (n1*n2) array.")
      .def(py::init<RowMatrix, Index, Index>(), py::arg("A"), py::arg("n1"), py::arg("n2"))
      .def_property_readonly("matrix", &DenseOperator::matrix);

  py::class_<CompletionOperator, Op, std::shared_ptr<CompletionOperator>>(
      m, "CompletionOperator", "Matrix completion: A_i = e_{rows[i]} e_{cols[i]}^T observes one entry.")
      .def(py::init([](const py::handle& rows, const py::handle& cols, Index n1, Index n2) {
             return std::make_shared<CompletionOperator>(index_vector(rows, "rows"), index_vector(cols, "cols"), n1, n2);
           }),
           py::arg("rows"), py::arg("cols"), py::arg("n1"), py::arg("n2"))
      .def_property_readonly("row_indices", &CompletionOperator::row_indices)
      .def_property_readonly("col_indices", &CompletionOperator::col_indices);

  py::class_<RankOneOperator, Op, std::shared_ptr<RankOneOperator>>(
      m, "RankOneOperator", "A_i = outer(left[i], right[i]), stored as its factors.")
      .def(py::init<Matrix, Matrix>(), py::arg("left"), py::arg("right"))
      .def_property_readonly("left", &RankOneOperator::left)
      .def_property_readonly("right", &RankOneOperator::right);

  py::class_<SpectralOperator, Op, std::shared_ptr<SpectralOperator>>(
      m, "SpectralOperator", "Well-specified A_i = phi @ diag(coefficients[i]) @ psi.T with shared bases.")
      .def(py::init<Matrix, Matrix, Matrix>(), py::arg("phi"), py::arg("psi"), py::arg("coefficients"))
      .def_property_readonly("phi", &SpectralOperator::phi)
      .def_property_readonly("psi", &SpectralOperator::psi)
      .def_property_readonly("coefficients", &SpectralOperator::coefficients);
}

}  // namespace snnsense::python
