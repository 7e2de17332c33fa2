#include "snnsense/linalg/activation.hpp"

#include <cmath>

#include "snnsense/core/error.hpp"

namespace snnsense {

namespace {

double sech_squared(double s) {
  const double t = std::tanh(s);
  return 1.0 - t * t;
}

}  // namespace

Activation::Activation(ActivationKind kind, double scale) : kind_(kind), scale_(scale) {
  if (!(scale > 0.0) || !std::isfinite(scale))
    throw InputError("activation scale must be a positive number, got " + std::to_string(scale));
}

Activation Activation::from_name(const std::string& name, double scale) {
  if (name == "centered-sigmoid") return Activation(ActivationKind::centred_sigmoid, scale);
  if (name == "sigmoid" || name == "softplus" || name == "exp")
    throw InputError("activation '" + name +
                     "' has f(0) != 0, so sigma_f is not well defined at rank-deficient matrices; "
                     "use centred-sigmoid or tanh");
  return Activation(enum_from_string<ActivationKind>(name, "unknown activation"), scale);
}

std::vector<std::string> Activation::names() { return enum_names<ActivationKind>(); }

std::string Activation::name() const { return to_string(kind_); }

double Activation::value(double s) const {
  switch (kind_) {
    case ActivationKind::tanh: return std::tanh(s);
    case ActivationKind::scaled_tanh: return scale_ * std::tanh(s / scale_);
    // s / (1 + |s|) is the odd extension of the paper's s / (1 + s), which it equals for s >= 0.
    case ActivationKind::softsign: return s / (1.0 + std::abs(s));
    // sigmoid(s) - 1/2 = tanh(s/2) / 2, written so that small s keeps its digits: the backward pass
    // divides f(s) by s, and the cancellation in sigmoid(s) - 0.5 would turn f(s)/s into 0 there.
    case ActivationKind::centred_sigmoid: return 0.5 * scale_ * std::tanh(0.5 * s);
    case ActivationKind::identity: return s;
  }
  return 0.0;
}

double Activation::derivative(double s) const {
  switch (kind_) {
    case ActivationKind::tanh: return sech_squared(s);
    case ActivationKind::scaled_tanh: return sech_squared(s / scale_);
    case ActivationKind::softsign: {
      const double d = 1.0 + std::abs(s);
      return 1.0 / (d * d);
    }
    case ActivationKind::centred_sigmoid: return 0.25 * scale_ * sech_squared(0.5 * s);
    case ActivationKind::identity: return 1.0;
  }
  return 0.0;
}

double Activation::derivative_from_value(double s, double f_of_s) const {
  switch (kind_) {
    case ActivationKind::tanh: return 1.0 - f_of_s * f_of_s;
    case ActivationKind::scaled_tanh: {
      const double t = f_of_s / scale_;
      return 1.0 - t * t;
    }
    case ActivationKind::softsign: return derivative(s);
    case ActivationKind::centred_sigmoid: {
      const double t = 2.0 * f_of_s / scale_;
      return 0.25 * scale_ * (1.0 - t * t);
    }
    case ActivationKind::identity: return 1.0;
  }
  return 0.0;
}

}  // namespace snnsense
