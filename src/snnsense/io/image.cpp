#include "snnsense/io/image.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "snnsense/core/error.hpp"
#include "snnsense/io/atomic_file.hpp"
#include "snnsense/io/file_error.hpp"

namespace snnsense {
namespace {

using Bytes = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

void append_bytes(void* context, void* data, int size) {
  auto* buffer = static_cast<std::vector<unsigned char>*>(context);
  const auto* bytes = static_cast<const unsigned char*>(data);
  buffer->insert(buffer->end(), bytes, bytes + size);
}

}  // namespace

Matrix read_image(const std::filesystem::path& file, int resize) {
  if (resize < 0)
    throw InputError("image resize " + std::to_string(resize) + ": must be positive (or 0 to keep the size)");
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw_file_error(file, "no such file");

  int width = 0, height = 0, channels = 0;
  // The header's size is checked before decoding: a few hundred bytes can announce a picture of
  // 10^8 pixels, which stb would decode at that size.
  if (stbi_info(file.c_str(), &width, &height, &channels) &&
      static_cast<std::int64_t>(width) * height > kMaxImagePixels)
    throw_file_error(file, "is " + std::to_string(width) + "x" + std::to_string(height) +
                               " pixels; images beyond " + std::to_string(kMaxImagePixels) +
                               " pixels are refused (shrink it first: an image problem is a dense n1 x n2 matrix)");
  const std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> pixels(
      stbi_load(file.c_str(), &width, &height, &channels, 1), &stbi_image_free);
  if (!pixels) throw_file_error(file, std::string("not a readable image (") + stbi_failure_reason() + ")");

  if (resize == 0) return Eigen::Map<const Bytes>(pixels.get(), height, width).cast<double>();
  Bytes resized(resize, resize);
  if (!stbir_resize_uint8(pixels.get(), width, height, 0, resized.data(), resize, resize, 0, 1)) {
    throw_file_error(file,
                     "cannot resize the image to " + std::to_string(resize) + "x" + std::to_string(resize));
  }
  return resized.cast<double>();
}

void write_png(const std::filesystem::path& file, const Matrix& pixels) {
  // stb_image_write indexes the image with int.
  if (pixels.size() == 0 || pixels.size() > INT_MAX / 2) {
    throw InputError(file.string() + ": cannot write a " + std::to_string(pixels.rows()) + "x" +
                     std::to_string(pixels.cols()) + " image as PNG");
  }
  // NaN has no sensible gray level; black makes it visible rather than undefined.
  const Bytes gray = pixels.unaryExpr([](double v) {
    return static_cast<std::uint8_t>(std::isnan(v) ? 0.0 : std::clamp(std::round(v), 0.0, 255.0));
  });
  const int width = static_cast<int>(gray.cols()), height = static_cast<int>(gray.rows());
  std::vector<unsigned char> png;
  if (!stbi_write_png_to_func(append_bytes, &png, width, height, 1, gray.data(), width)) {
    throw_file_error(file, "PNG encoding failed");
  }
  write_file_atomically(file, [&](std::ostream& out) {
    out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  });
}

}  // namespace snnsense
