// OneLine: the one filter between service-supplied text and the terminal.

#include "table.h"

#include <string>

#include <gtest/gtest.h>

namespace csms_tool {
namespace {

TEST(OneLine, ReplacesC0ControlsAndDel) {
  EXPECT_EQ(OneLine("a\nb\rc\td\x1b[31me\x7f"), "a b c d [31me ");
}

TEST(OneLine, ReplacesC1Controls) {
  // U+0080, U+009B (CSI) and U+009F, each two bytes in UTF-8.
  EXPECT_EQ(OneLine("a\xc2\x80"
                    "b\xc2\x9b"
                    "31mc\xc2\x9f"),
            "a b 31mc ");
}

TEST(OneLine, ReplacesLineSeparatorsAndBidiControls) {
  for (const char* control :
       {"\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\x8e", "\xe2\x80\x8f", "\xe2\x80\xaa",
        "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae", "\xe2\x81\xa6",
        "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9"}) {
    EXPECT_EQ(OneLine(std::string("x") + control + "y"), "x y") << control;
  }
}

TEST(OneLine, ReplacesBytesOutsideWellFormedUtf8) {
  EXPECT_EQ(OneLine("a\x9b"
                    "b"),
            "a b");                   // a lone C1 byte
  EXPECT_EQ(OneLine("a\xc2"), "a ");  // truncated sequence
  EXPECT_EQ(OneLine("a\xc0\x9b"
                    "b"),
            "a  b");  // overlong form of U+001B
  EXPECT_EQ(OneLine("a\xed\xa0\x80"
                    "b"),
            "a   b");  // a surrogate
}

TEST(OneLine, KeepsPrintableText) {
  const std::string text =
      "caf\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x94\x91 \xc2\xa0 \xe2\x80\x94";
  EXPECT_EQ(OneLine(text), text);
  EXPECT_EQ(OneLine("plain-name_1"), "plain-name_1");
}

}  // namespace
}  // namespace csms_tool
