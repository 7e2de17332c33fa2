#include <gtest/gtest.h>

#include <functional>

#include "../core/input_error_message.hpp"
#include "snnsense/convex/solve_options.hpp"
#include "snnsense/core/error.hpp"

using namespace snnsense;

namespace {

void expect_rejected(const SolveOptions& options, const std::string& text) {
  const std::string message = check::input_error_message([&] { options.validate(); });
  EXPECT_NE(message.find(text), std::string::npos) << "message: " << message;
}

}  // namespace

TEST(SolveOptions, DefaultsAreValid) {
  EXPECT_NO_THROW(SolveOptions{}.validate());
  EXPECT_EQ(SolveOptions{}.method, SolveMethod::automatic);
  EXPECT_EQ(SolveOptions{}.tolerance, 1e-8);
}

TEST(SolveOptions, MethodNamesRoundTrip) {
  for (SolveMethod m : {SolveMethod::automatic, SolveMethod::admm, SolveMethod::apg, SolveMethod::basis_pursuit,
                        SolveMethod::soft_impute})
    EXPECT_EQ(solve_method_from_string(to_string(m)), m);
  EXPECT_EQ(to_string(SolveMethod::basis_pursuit), "basis-pursuit");
  const std::string message = check::input_error_message([] { solve_method_from_string("x"); });
  EXPECT_NE(message.find("--method: unknown method 'x' (expected admm, apg, basis-pursuit, soft-impute or auto)"),
            std::string::npos)
      << message;
}

TEST(SolveOptions, LambdaMustBePositiveAndGoesWithApg) {
  SolveOptions options;
  options.method = SolveMethod::apg;
  expect_rejected(options, "--lambda");  // apg without a weight
  for (double bad : {0.0, -1.0, std::nan("")}) {
    options.lambda = bad;
    expect_rejected(options, "--lambda: must be a positive number");
  }
  options.lambda = 0.5;
  EXPECT_NO_THROW(options.validate());
  options.method = SolveMethod::admm;
  expect_rejected(options, "--lambda: only --method apg");
}

TEST(SolveOptions, ToleranceAndIterationsAreChecked) {
  SolveOptions options;
  for (double bad : {0.0, -1e-8, 1.0, std::nan("")}) {
    options.tolerance = bad;
    expect_rejected(options, "--tol");
  }
  options = {};
  options.max_iterations = 0;
  expect_rejected(options, "--max-iters");
}

TEST(SolveOptions, ConfigUsesTheCommandLineSpellings) {
  SolveOptions options;
  options.method = SolveMethod::apg;
  options.lambda = 0.25;
  const nlohmann::json json = options.to_json();
  EXPECT_EQ(json["method"], "apg");
  EXPECT_EQ(json["lambda"], 0.25);
  EXPECT_EQ(json["tol"], 1e-8);
  EXPECT_EQ(json["max-iters"], options.max_iterations);
  EXPECT_TRUE(SolveOptions{}.to_json()["lambda"].is_null());
}
