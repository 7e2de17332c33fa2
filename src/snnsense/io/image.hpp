#pragma once
// Grayscale images as matrices of intensities 0..255, rows = image height.
#include <filesystem>

#include "snnsense/core/types.hpp"

namespace snnsense {

// The largest image read_image decodes: 2^24 pixels (4096 x 4096), checked from the header.
inline constexpr long long kMaxImagePixels = 1LL << 24;

// Any format stb_image decodes (PNG, JPEG, BMP, ...), converted to gray. With resize > 0 the image
// is resampled to resize x resize. FileError for an image beyond kMaxImagePixels.
Matrix read_image(const std::filesystem::path& file, int resize = 0);

// 8-bit gray PNG; values are rounded and clamped to 0..255. Atomic via a temporary file and a rename.
void write_png(const std::filesystem::path& file, const Matrix& pixels);

}  // namespace snnsense
