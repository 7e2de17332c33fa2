#pragma once
// Work in progress lives next to its target under a hidden, unique name: the same folder keeps the
// final rename on one filesystem (so it is atomic), and the leading dot keeps it out of listings.
#include <filesystem>
#include <string_view>

namespace snnsense {

// A fresh candidate name "<folder>/.<name>.<tag>-XXXXXX" for `target`; the caller claims it with an
// exclusive create and asks again if it was taken.
std::filesystem::path hidden_sibling(const std::filesystem::path& target, std::string_view tag);

}  // namespace snnsense
