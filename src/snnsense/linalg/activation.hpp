#pragma once
// The scalar function f that a spectral activation applies to singular values.
// sigma_f(Q) = U diag(f(s)) V^T is independent of the choice of singular vectors only when
// f(0) = 0, so every activation offered here satisfies it and anything else is refused.
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "snnsense/core/enum_names.hpp"

namespace snnsense {

enum class ActivationKind { tanh, scaled_tanh, softsign, centred_sigmoid, identity };

template <>
struct EnumNames<ActivationKind> {
  static constexpr std::array<std::pair<ActivationKind, std::string_view>, 5> table{
      {{ActivationKind::tanh, "tanh"},
       {ActivationKind::scaled_tanh, "scaled-tanh"},
       {ActivationKind::softsign, "softsign"},
       {ActivationKind::centred_sigmoid, "centred-sigmoid"},
       {ActivationKind::identity, "identity"}}};
};

class Activation {
 public:
  // `scale` is the c of scaled tanh c*tanh(s/c) and centred sigmoid c*(sigmoid(s) - 1/2);
  // the other kinds ignore it. Throws InputError for scale <= 0.
  explicit Activation(ActivationKind kind = ActivationKind::tanh, double scale = 1.0);

  // Accepts tanh, scaled-tanh, softsign, centred-sigmoid (or centered-sigmoid), identity.
  // Names a reason for well-known functions with f(0) != 0 (sigmoid, softplus, relu-like exp).
  static Activation from_name(const std::string& name, double scale = 1.0);
  static std::vector<std::string> names();

  ActivationKind kind() const { return kind_; }
  double scale() const { return scale_; }
  std::string name() const;

  double value(double s) const;
  double derivative(double s) const;
  // f'(s) given f(s) = value(s): for every kind here the derivative is a function of the value,
  // which spares the backward pass a second tanh per singular value. Equal to derivative(s) up
  // to rounding, and bit for bit for tanh.
  double derivative_from_value(double s, double f_of_s) const;

 private:
  ActivationKind kind_;
  double scale_;
};

}  // namespace snnsense
