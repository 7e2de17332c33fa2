#include <gtest/gtest.h>

#include <array>

#include "snnsense/core/enum_names.hpp"

using namespace snnsense;

namespace {

enum class Colour { red, green, blue };

}  // namespace

template <>
struct snnsense::EnumNames<Colour> {
  static constexpr std::array<std::pair<Colour, std::string_view>, 3> table{
      {{Colour::red, "red"}, {Colour::green, "green"}, {Colour::blue, "dark-blue"}}};
};

TEST(EnumNames, OneOfJoinsWithCommasAndOr) {
  EXPECT_EQ(one_of({}), "");
  EXPECT_EQ(one_of({"a"}), "a");
  EXPECT_EQ(one_of({"a", "b"}), "a or b");
  EXPECT_EQ(one_of({"a", "b", "c"}), "a, b or c");
}

TEST(EnumNames, NamesComeFromTheOneTable) {
  EXPECT_EQ(to_string(Colour::blue), "dark-blue");
  EXPECT_EQ(enum_names<Colour>(), (std::vector<std::string>{"red", "green", "dark-blue"}));
  for (Colour c : {Colour::red, Colour::green, Colour::blue}) EXPECT_EQ(find_enum<Colour>(to_string(c)), c);
  EXPECT_FALSE(find_enum<Colour>("blue").has_value());
  EXPECT_EQ(to_string(static_cast<Colour>(7)), "unknown");
}

TEST(EnumNames, UnknownNameIsAnInputErrorListingTheChoices) {
  EXPECT_EQ(enum_from_string<Colour>("green", "--colour: unknown colour"), Colour::green);
  try {
    enum_from_string<Colour>("blue", "--colour: unknown colour");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "--colour: unknown colour 'blue' (expected red, green or dark-blue)");
  }
}
