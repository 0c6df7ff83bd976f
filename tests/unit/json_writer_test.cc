// internal::JsonWriter, the one writer of request bodies. Its strings must be
// exactly what nlohmann::json::dump() writes (the secret bodies were built
// with it, and the bodies must not change), and always valid JSON.

#include "internal/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace csms {
namespace internal {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

TEST(AppendJsonString, EscapesEveryAsciiByteAsNlohmannDumpDoes) {
  for (int byte = 0; byte < 0x80; ++byte) {
    const std::string text(1, static_cast<char>(byte));
    EXPECT_EQ(Quoted(text), nlohmann::json(text).dump()) << byte;
  }
}

TEST(AppendJsonString, UsesTheShortEscapesAndLowerCaseHex) {
  EXPECT_EQ(Quoted("a\"b\\c/d"), R"("a\"b\\c/d")");
  EXPECT_EQ(Quoted("\b\f\n\r\t"), R"("\b\f\n\r\t")");
  EXPECT_EQ(Quoted(std::string("\0\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\x7f\"");
}

TEST(AppendJsonString, PassesValidUtf8Through) {
  const std::string text = "caf\xC3\xA9 \xE4\xB8\x80 \xF0\x9F\x98\x80 \xEF\xBF\xBF";
  EXPECT_EQ(Quoted(text), "\"" + text + "\"");
  EXPECT_EQ(Quoted(text), nlohmann::json(text).dump());
  EXPECT_EQ(nlohmann::json::parse(Quoted(text)).get<std::string>(), text);
}

TEST(AppendJsonString, RefusesInvalidUtf8WithoutQuotingIt) {
  for (const std::string bad :
       {"\x80", "ab\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"}) {
    try {
      Quoted("secret-" + bad);
      ADD_FAILURE() << "accepted invalid UTF-8";
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
    }
  }
}

TEST(AppendJsonString, RoundTripsMixedText) {
  static constexpr char kText[] = "tab\tquote\"nul\0end \xE2\x82\xAC\\";
  const std::string text(kText, sizeof kText - 1);
  EXPECT_EQ(nlohmann::json::parse(Quoted(text)).get<std::string>(), text);
}

std::string EscapedBytes(std::string_view bytes) {
  std::string out;
  AppendJsonEscapedBytes(bytes, &out);
  return out;
}

// The redactor's form of a secret: what the writer puts between the quotes for
// any text it accepts, and any bytes at all without throwing.
TEST(AppendJsonEscapedBytes, IsTheWritersEscapingWithoutTheQuotes) {
  std::string every_ascii_byte;
  for (int byte = 0; byte < 0x80; ++byte) every_ascii_byte.push_back(static_cast<char>(byte));
  static constexpr char kMixed[] =
      "tab\tquote\"nul\0end \xE2\x82\xAC\\ caf\xC3\xA9 \xF0\x9F\x98\x80";
  for (const std::string& text : {every_ascii_byte, std::string(kMixed, sizeof kMixed - 1),
                                  std::string("plain"), std::string()}) {
    const std::string quoted = Quoted(text);
    EXPECT_EQ(EscapedBytes(text), quoted.substr(1, quoted.size() - 2));
  }
}

TEST(AppendJsonEscapedBytes, CopiesBytesThatAreNotUtf8AsTheyAre) {
  EXPECT_EQ(EscapedBytes(std::string("\xFF\n\x80\xC3\"\xC0\xAF\0", 8)),
            std::string("\xFF\\n\x80\xC3\\\"\xC0\xAF\\u0000"));
  EXPECT_EQ(EscapedBytes("ab\xC3"), "ab\xC3");
  EXPECT_EQ(EscapedBytes("\xC3\xA9\xFF"), "\xC3\xA9\xFF");
}

TEST(JsonWriter, WritesCompactNestedDocumentsInOrder) {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("z");
  writer.String("1");
  writer.Key("a");
  writer.BeginArray();
  writer.String("x");
  writer.BeginObject();
  writer.EndObject();
  writer.BeginArray();
  writer.EndArray();
  writer.Bool(true);
  writer.EndArray();
  writer.Key("b");
  writer.BeginObject();
  writer.Key("c");
  writer.Bool(false);
  writer.EndObject();
  writer.EndObject();
  EXPECT_EQ(writer.text(), R"({"z":"1","a":["x",{},[],true],"b":{"c":false}})");
  EXPECT_EQ(writer.Take(), R"({"z":"1","a":["x",{},[],true],"b":{"c":false}})");
}

TEST(JsonWriter, EscapesKeysToo) {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("a\"b");
  writer.Bool(true);
  writer.EndObject();
  EXPECT_EQ(writer.text(), R"({"a\"b":true})");
}

}  // namespace
}  // namespace internal
}  // namespace csms
