#include "snnsense/problems/ground_truth.hpp"

#include <array>
#include <charconv>
#include <string_view>
#include <utility>

#include "snnsense/core/error.hpp"
#include "snnsense/io/idx.hpp"
#include "snnsense/io/image.hpp"
#include "snnsense/linalg/svd/thin_svd.hpp"

namespace snnsense {

namespace {

GroundTruth normalised(Matrix raw) {
  const double norm = thin_svd(raw).s.sum();
  return {raw / norm, norm};
}

struct FashionSet {
  std::string_view prefix;  // what --image starts with
  const char* set;          // fashion_mnist_file()'s name for it
};

constexpr std::array<FashionSet, 2> kFashionSets{{{"fashion-mnist:", "test"}, {"fashion-mnist-train:", "train"}}};

}  // namespace

GroundTruth synthetic_ground_truth(Index n, Index rank, Rng& rng) {
  const Matrix W = rng.uniform_matrix(n, rank);
  return normalised(W * W.transpose());
}

namespace {

// G1 G2^T with Gaussian factors, G1 divided by the product's nuclear norm, which comes from the
// rank x rank triangles of their QR decompositions: O((n1 + n2) rank^2), nothing n1 x n2.
std::pair<LowRankFactors, double> unit_nuclear_norm_factors(Index n1, Index n2, Index rank, Rng& rng) {
  Matrix G1 = rng.normal_matrix(n1, rank);
  Matrix G2 = rng.normal_matrix(n2, rank);
  const auto triangle = [rank](const Matrix& G) {
    const Eigen::HouseholderQR<Matrix> qr(G);
    return Matrix(qr.matrixQR().topRows(rank).triangularView<Eigen::Upper>());
  };
  const double norm = thin_svd(triangle(G1) * triangle(G2).transpose()).s.sum();
  G1 /= norm;
  return {{std::move(G1), std::move(G2)}, norm};
}

}  // namespace

GroundTruth rectangular_ground_truth(Index n1, Index n2, Index rank, Rng& rng) {
  const auto [factors, norm] = unit_nuclear_norm_factors(n1, n2, rank, rng);
  return {factors.left * factors.right.transpose(), norm};
}

LowRankFactors rectangular_ground_truth_factors(Index n1, Index n2, Index rank, Rng& rng) {
  return unit_nuclear_norm_factors(n1, n2, rank, rng).first;
}

ImageSource parse_image_source(const std::string& spec) {
  for (const FashionSet& fashion : kFashionSets) {
    if (!spec.starts_with(fashion.prefix)) continue;
    const std::string_view digits = std::string_view(spec).substr(fashion.prefix.size());
    Index index = -1;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || index < 0)
      throw InputError("--image '" + spec + "': expected " + std::string(fashion.prefix) +
                       "INDEX with a non-negative integer INDEX");
    return {fashion_mnist_file(fashion.set), index};
  }
  return {spec, std::nullopt};
}

GroundTruth fashion_mnist_matrix(Index images) {
  constexpr double kMaxPixel = 255.0;
  return {read_idx_images(fashion_mnist_file("train"), 0, images) / kMaxPixel, kMaxPixel};
}

GroundTruth image_ground_truth(const ImageSource& source, int resize) {
  Matrix pixels;
  if (source.idx_index) {
    try {
      pixels = read_idx_image(source.file, *source.idx_index);
    } catch (const InputError& error) {  // the index is out of range: say which option holds it
      throw InputError(std::string("--image: ") + error.what());
    }
  } else {
    pixels = read_image(source.file, resize);
  }
  // An all-black image has nuclear norm 0 and cannot be scaled to 1.
  if (pixels.isZero(0.0)) throw InputError("--image: the image is entirely black (all pixels 0)");
  return normalised(std::move(pixels));
}

}  // namespace snnsense
