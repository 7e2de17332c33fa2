#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "snnsense/core/error.hpp"
#include "snnsense/linalg/activation.hpp"

using namespace snnsense;

TEST(Activation, EveryOfferedFunctionVanishesAtZero) {
  for (const std::string& name : Activation::names()) EXPECT_EQ(Activation::from_name(name, 2.0).value(0.0), 0.0) << name;
}

TEST(Activation, DerivativeFromTheValueMatchesTheDerivative) {
  for (const std::string& name : Activation::names()) {
    for (const double scale : {0.5, 1.0, 3.0}) {
      const Activation f = Activation::from_name(name, scale);
      for (const double s : {0.0, 1e-9, 0.03, 0.7, 1.0, 2.5, 9.0, -0.4, -3.0}) {
        const double expected = f.derivative(s);
        EXPECT_NEAR(f.derivative_from_value(s, f.value(s)), expected, 4e-16 * std::max(1.0, std::abs(expected)))
            << name << " scale " << scale << " at " << s;
      }
    }
  }
  // Bit for bit for tanh, the default: its backward pass does not depend on which of the two it uses.
  const Activation tanh;
  for (const double s : {0.0, 0.3, 1.7, 20.0}) EXPECT_EQ(tanh.derivative_from_value(s, tanh.value(s)), tanh.derivative(s));
}

TEST(Activation, RejectsUnknownAndNonCentredFunctions) {
  EXPECT_THROW(Activation::from_name("relu"), InputError);
  try {
    Activation::from_name("sigmoid");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("f(0) != 0"), std::string::npos);
  }
  EXPECT_THROW(Activation::from_name("scaled-tanh", -1.0), InputError);
}
