#pragma once
// Where X* comes from: seeded low-rank matrices, images and a data set. Every X* but the data set's
// is divided by its nuclear norm, so that errors, step sizes and nuclear-norm gaps read the same
// across problems (the paper's choice); the data set keeps the pixel units its users compare in.
#include <filesystem>
#include <optional>
#include <string>

#include "snnsense/core/rng.hpp"
#include "snnsense/linalg/low_rank_factors.hpp"

namespace snnsense {

struct GroundTruth {
  Matrix x;             // unit nuclear norm (the data set: pixels / 255)
  double nuclear_norm;  // what x was divided by: for an image, the pixel scale (its nuclear norm)
};

// Images in the system's Fashion-MNIST training set.
inline constexpr Index kFashionMnistTrainImages = 60000;

// The paper's synthetic matrix: W W^T with W n x rank of U(0,1) entries (symmetric PSD, rank `rank`).
GroundTruth synthetic_ground_truth(Index n, Index rank, Rng& rng);

// G1 G2^T with Gaussian factors G1 (n1 x rank) and G2 (n2 x rank), formed from the factors below.
GroundTruth rectangular_ground_truth(Index n1, Index n2, Index rank, Rng& rng);
// The same X* from the same draws, held as factors: left = G1 / ||G1 G2^T||_*, right = G2. The nuclear
// norm comes from the rank x rank triangles of their QR decompositions, so nothing n1 x n2 is
// decomposed (a 10^4 x 10^4 X* is drawn in a second).
LowRankFactors rectangular_ground_truth_factors(Index n1, Index n2, Index rank, Rng& rng);

// The --image argument: a PNG/JPEG file, or an image of the system's Fashion-MNIST.
struct ImageSource {
  std::filesystem::path file;
  std::optional<Index> idx_index;  // set for "fashion-mnist:INDEX" and "fashion-mnist-train:INDEX"
};

// Throws InputError naming --image when a fashion-mnist index is not a non-negative integer.
ImageSource parse_image_source(const std::string& spec);

// The first `images` training images of Fashion-MNIST as the rows of an images x 784 matrix of
// pixels / 255: the completion data set of docs/science.md (the whole set is 60000 x 784).
GroundTruth fashion_mnist_matrix(Index images);

// The image's gray levels 0..255 as X* (rows = image height); resize > 0 resamples an image file.
GroundTruth image_ground_truth(const ImageSource& source, int resize);

}  // namespace snnsense
