#pragma once
// Images from gzip'd IDX3 files, the format of MNIST and Fashion-MNIST.
#include <filesystem>
#include <string>

#include "snnsense/core/types.hpp"

namespace snnsense {

// The index-th image of the file as a rows x cols matrix of intensities 0..255.
// Throws InputError for an index out of range, FileError for a missing, corrupt or truncated file.
Matrix read_idx_image(const std::filesystem::path& gz_file, Index index);

// Images first..first+count-1 as the rows of a count x (rows * cols) matrix, each image's pixels
// row by row (the layout of numpy's images.reshape(count, -1)). Errors as read_idx_image.
Matrix read_idx_images(const std::filesystem::path& gz_file, Index first, Index count);

// The system copy of Fashion-MNIST's images: set is "train" (60000 images) or "test" (10000).
std::filesystem::path fashion_mnist_file(const std::string& set);

}  // namespace snnsense
