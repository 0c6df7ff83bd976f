#include "internal/json_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "internal/json_codec.h"
#include "json_reader_to_nlohmann.h"

namespace csms {
namespace internal {
namespace {

using ::testing::HasSubstr;

// Whether the reader takes text as one complete JSON document.
bool ReaderAccepts(const std::string& text) {
  try {
    JsonReader reader(text);
    reader.Skip();
    reader.Finish();
    return true;
  } catch (const DecodeError&) {
    return false;
  }
}

// Documents at the edges of the grammar; each must be judged as nlohmann judges it.
const char* const kDocuments[] = {
    "{}",
    "[]",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1.5",
    "-1.5e+10",
    "1E2",
    "1e-2",
    "\"\"",
    " \t\r\n{ } \n",
    "1e-400",
    "1e308",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "\xEF\xBB\xBF{}",
    "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}",
    "[[[[[]]]]]",
    "{\"a\":1,\"a\":2}",
    "\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
    "\"\\u0000\"",
    "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"",
    "\"\x7F\"",
    // Malformed: each must be refused.
    "",
    " ",
    "{",
    "}",
    "[",
    "[1,]",
    "{\"a\":1,}",
    "{,}",
    "[,1]",
    "{\"a\"}",
    "{\"a\" 1}",
    "{a:1}",
    "{'a':1}",
    "01",
    "-",
    "1.",
    ".5",
    "1e",
    "1e+",
    "+1",
    "0x10",
    "NaN",
    "Infinity",
    "tru",
    "nul",
    "truex",
    "[1 2]",
    "{} {}",
    "{}x",
    "\"abc",
    "\"\\x\"",
    "\"\\u12\"",
    "\"\\ud83d\"",
    "\"\\ude00\"",
    "\"\\ud83d\\u0041\"",
    "\"\x01\"",
    "\"\xC0\xAF\"",
    "\"\xED\xA0\x80\"",
    "\"\xF4\x90\x80\x80\"",
    "\"\xE2\x82\"",
    "\"\x80\"",
    "\xEF\xBB{}",
    "/* comment */ {}",
    "{} // comment",
    "1e400",
    "-1e400",
    "[1E309]",
    "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
};

TEST(JsonReader, AcceptsExactlyWhatNlohmannAccepts) {
  for (const char* document : kDocuments) {
    const std::string text(document);
    EXPECT_EQ(ReaderAccepts(text), nlohmann::json::accept(text)) << "document: " << text;
  }
  // The one deliberate difference: nlohmann stops reading at a NUL byte (as if
  // the text were a C string), so it ignores whatever follows the document.
  const std::string with_nul("[1]\0junk", 8);
  EXPECT_TRUE(nlohmann::json::accept(with_nul));
  EXPECT_FALSE(ReaderAccepts(with_nul));
}

TEST(JsonReader, ReadsTheSameValuesAsNlohmann) {
  for (const char* document : kDocuments) {
    const std::string text(document);
    if (!nlohmann::json::accept(text)) continue;
    JsonReader reader(text);
    EXPECT_EQ(csms_test::ReadIntoNlohmann(reader), nlohmann::json::parse(text))
        << "document: " << text;
    reader.Finish();
  }
}

TEST(JsonReader, DecodesEscapesAndSurrogatePairs) {
  JsonReader reader(R"("a\u00e9\ud83d\ude00\n\"\\\/")");
  EXPECT_EQ(reader.ReadString(), "a\xC3\xA9\xF0\x9F\x98\x80\n\"\\/");
}

TEST(JsonReader, GivesNumbersAsWritten) {
  JsonReader reader("[-12.50e+3, 0, 18446744073709551616]");
  reader.BeginArray();
  ASSERT_TRUE(reader.NextElement());
  EXPECT_EQ(reader.ReadNumber(), "-12.50e+3");
  ASSERT_TRUE(reader.NextElement());
  EXPECT_EQ(reader.ReadNumber(), "0");
  ASSERT_TRUE(reader.NextElement());
  EXPECT_EQ(reader.ReadNumber(), "18446744073709551616");
  EXPECT_FALSE(reader.NextElement());
  reader.Finish();
}

TEST(JsonReader, MemberNamesWithEscapesAreDecoded) {
  JsonReader reader(R"({"plain":1,"esc\u0061ped":2})");
  reader.BeginObject();
  std::string_view key;
  ASSERT_TRUE(reader.NextMember(&key));
  EXPECT_EQ(key, "plain");
  reader.Skip();
  ASSERT_TRUE(reader.NextMember(&key));
  EXPECT_EQ(key, "escaped");
  reader.Skip();
  EXPECT_FALSE(reader.NextMember(&key));
}

TEST(JsonReader, SkipsDeepNestingWithoutRecursion) {
  // Deep enough that one stack frame per level would overflow a thread stack.
  const std::size_t depth = 1'000'000;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  EXPECT_TRUE(ReaderAccepts(deep));
  EXPECT_FALSE(ReaderAccepts(deep.substr(1)));
}

TEST(JsonReader, ErrorsGiveTheOffsetButNotTheBytes) {
  try {
    JsonReader reader(R"({"secret_string":"hunter2" x})");
    reader.Skip();
    FAIL() << "accepted malformed JSON";
  } catch (const DecodeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("the body is not JSON"));
    EXPECT_THAT(e.what(), HasSubstr("at byte 27"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("hunter2")));
  }
}

TEST(JsonReader, TypedReadsRefuseOtherKinds) {
  JsonReader reader("[1]");
  EXPECT_THROW(reader.ReadString(), DecodeError);
  EXPECT_THROW(reader.BeginObject(), DecodeError);
  EXPECT_THROW(reader.ReadBool(), DecodeError);
  EXPECT_THROW(reader.ReadNull(), DecodeError);
  EXPECT_THROW(reader.ReadNumber(), DecodeError);
  reader.BeginArray();
  std::string_view key;
  EXPECT_THROW(reader.NextMember(&key), DecodeError);  // an array has no members
}

TEST(JsonReader, FinishRefusesAnUnclosedDocument) {
  JsonReader reader("[1");
  reader.BeginArray();
  ASSERT_TRUE(reader.NextElement());
  reader.ReadNumber();
  EXPECT_THROW(reader.Finish(), DecodeError);
}

}  // namespace
}  // namespace internal
}  // namespace csms
