#pragma once
// Standard base64 (RFC 4648, with padding), for images embedded in a self-contained HTML report.
#include <string>
#include <string_view>

namespace snnsense {

std::string base64_encode(std::string_view bytes);

}  // namespace snnsense
