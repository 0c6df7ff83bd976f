// internal/utf8.h, used by validation, the JSON reader and the JSON writer:
// its table-driven check against the definition by arithmetic (decode the
// bits, then refuse overlong forms, surrogates and code points above
// U+10FFFF), exhaustively over every two- and three-byte sequence and over
// the four-byte ones around each boundary.

#include "internal/utf8.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace csms {
namespace internal {
namespace {

// The length of the sequence text starts with by the definition, or 0.
std::size_t DefinitionLength(const std::string& text) {
  if (text.empty()) return 0;
  const auto lead = static_cast<unsigned char>(text[0]);
  std::size_t length = 0;
  std::uint32_t code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07u;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[i]);
    if ((next & 0xC0) != 0x80) return 0;
    code = code << 6 | (next & 0x3Fu);
  }
  static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

std::string Bytes(std::initializer_list<int> bytes) {
  std::string text;
  for (const int b : bytes) text.push_back(static_cast<char>(b));
  return text;
}

TEST(Utf8SequenceLength, AgreesWithTheDefinitionOnEveryShortSequence) {
  for (int a = 0; a < 256; ++a) {
    ASSERT_EQ(Utf8SequenceLength(Bytes({a})), DefinitionLength(Bytes({a}))) << a;
    for (int b = 0; b < 256; ++b) {
      const std::string two = Bytes({a, b});
      ASSERT_EQ(Utf8SequenceLength(two), DefinitionLength(two)) << a << " " << b;
      if (a < 0xE0 || a > 0xEF) continue;
      for (int c = 0; c < 256; ++c) {
        const std::string three = Bytes({a, b, c});
        ASSERT_EQ(Utf8SequenceLength(three), DefinitionLength(three)) << a << " " << b << " " << c;
      }
    }
  }
}

TEST(Utf8SequenceLength, AgreesWithTheDefinitionOnFourByteSequences) {
  for (int a = 0xF0; a < 0x100; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (const int c : {0x00, 0x7F, 0x80, 0xBF, 0xC0}) {
        for (const int d : {0x00, 0x80, 0xBF, 0xC0, 0xFF}) {
          const std::string four = Bytes({a, b, c, d});
          ASSERT_EQ(Utf8SequenceLength(four), DefinitionLength(four))
              << a << " " << b << " " << c << " " << d;
        }
      }
    }
  }
}

TEST(Utf8SequenceLength, EmptyAndTruncatedTextStartNoSequence) {
  EXPECT_EQ(Utf8SequenceLength(""), 0u);
  EXPECT_EQ(Utf8SequenceLength("\xE4\xB8"), 0u);
  EXPECT_EQ(Utf8SequenceLength("\xF0\x9F\x98"), 0u);
  EXPECT_EQ(Utf8SequenceLength("\xE4\xB8\x80rest"), 3u);  // only the first sequence counts
}

TEST(IsValidUtf8, ChecksEverySequence) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII\x01\x7F"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE4\xB8\x80 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("caf\xC3"));                 // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));                // overlong "/"
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));            // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));        // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("ok\x80ok"));                // stray continuation byte
  EXPECT_FALSE(IsValidUtf8(std::string("\xC3\0", 2)));  // a NUL is no continuation byte
}

TEST(AppendUtf8, EncodesEachLengthAndRoundTrips) {
  for (const std::uint32_t code : {0x0u, 0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xD7FFu, 0xE000u,
                                   0xFFFFu, 0x10000u, 0x10FFFFu}) {
    std::string text;
    AppendUtf8(code, &text);
    EXPECT_EQ(Utf8SequenceLength(text), text.size()) << code;
    EXPECT_EQ(text.size(), code < 0x80 ? 1u : code < 0x800 ? 2u : code < 0x10000 ? 3u : 4u);
  }
  std::string text;
  AppendUtf8(0x4E00, &text);
  EXPECT_EQ(text, "\xE4\xB8\x80");
}

}  // namespace
}  // namespace internal
}  // namespace csms
