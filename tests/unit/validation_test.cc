#include "internal/validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "csms/errors.h"
#include "hostile_inputs.h"
#include "turkish_locale.h"

namespace csms {
namespace internal {
namespace {

using ::testing::HasSubstr;

CreateSecretEventRequest ValidRequest() {
  CreateSecretEventRequest request;
  request.name = "demo-event";
  request.event_types = {EventType::kSecretVersionCreated, EventType::kSecretVersionExpired};
  request.state = EventState::kEnabled;
  request.notification.target_type = "SMN";
  request.notification.target_id = "urn:smn:cn-north-4:dc3b7c85759141a991da17423c0f2068:test-poc";
  request.notification.target_name = "demo-smn-name";
  return request;
}

struct InvalidCase {
  const char* label;
  std::function<void(CreateSecretEventRequest&)> breaks;
  const char* field;
  const char* message_part;
};

// Readable names in test listings instead of a byte dump.
void PrintTo(const InvalidCase& c, std::ostream* out) { *out << c.label; }

class CreateSecretEventValidation : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(CreateSecretEventValidation, NamesTheField) {
  CreateSecretEventRequest request = ValidRequest();
  GetParam().breaks(request);
  try {
    ValidateCreateSecretEventRequest(request);
    FAIL() << "no ValidationError for " << GetParam().label;
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), GetParam().field);
    EXPECT_THAT(e.what(), HasSubstr(GetParam().field));
    EXPECT_THAT(e.what(), HasSubstr(GetParam().message_part));
  }
}

const InvalidCase kInvalidCases[] = {
    {"empty_name", [](auto& r) { r.name = ""; }, "name", "must not be empty"},
    {"long_name", [](auto& r) { r.name = std::string(65, 'a'); }, "name", "at most 64"},
    {"name_with_slash", [](auto& r) { r.name = "a/b"; }, "name", "[a-zA-Z0-9_-]"},
    {"name_with_space", [](auto& r) { r.name = "a b"; }, "name", "position 1"},
    {"name_with_dot", [](auto& r) { r.name = "a.b"; }, "name", "[a-zA-Z0-9_-]"},
    {"name_non_ascii", [](auto& r) { r.name = "\xE4\xB8\x80"; }, "name", "[a-zA-Z0-9_-]"},
    {"no_types", [](auto& r) { r.event_types.clear(); }, "event_types", "at least one"},
    {"too_many_types", [](auto& r) { r.event_types.assign(13, EventType::kSecretDeleted); },
     "event_types", "at most 12"},
    {"duplicate_type",
     [](auto& r) {
       r.event_types = {EventType::kSecretDeleted, EventType::kSecretRotated,
                        EventType::kSecretDeleted};
     },
     "event_types", "listed twice"},
    {"misspelt_type", [](auto& r) { r.event_types = {EventType("SECRET_VERSON_CREATED")}; },
     "event_types", "did you mean SECRET_VERSION_CREATED?"},
    {"lower_case_type", [](auto& r) { r.event_types = {EventType("secret_deleted")}; },
     "event_types", "did you mean SECRET_DELETED?"},
    {"undocumented_type",
     [](auto& r) { r.event_types = {EventType("SECRET_VERSION_NEAR_EXPIRY")}; }, "event_types",
     "is not an event type"},
    {"bad_state", [](auto& r) { r.state = EventState("enabled"); }, "state",
     "not ENABLED or DISABLED"},
    {"empty_state", [](auto& r) { r.state = EventState(""); }, "state", "not ENABLED"},
    {"target_type", [](auto& r) { r.notification.target_type = "SMS"; }, "notification.target_type",
     "only SMN"},
    {"empty_target_id", [](auto& r) { r.notification.target_id = ""; }, "notification.target_id",
     "must not be empty"},
    {"long_target_id", [](auto& r) { r.notification.target_id = std::string(257, 'a'); },
     "notification.target_id", "at most 256"},
    {"target_id_slash", [](auto& r) { r.notification.target_id = "urn:smn/x"; },
     "notification.target_id", "[a-zA-Z0-9-._:]"},
    {"empty_target_name", [](auto& r) { r.notification.target_name = ""; },
     "notification.target_name", "must not be empty"},
    {"target_name_colon", [](auto& r) { r.notification.target_name = "a:b"; },
     "notification.target_name", "[a-zA-Z0-9_-]"},
};

INSTANTIATE_TEST_SUITE_P(Rules, CreateSecretEventValidation, ::testing::ValuesIn(kInvalidCases),
                         [](const auto& param_info) {
                           return std::string(param_info.param.label);
                         });

// csms::IsValidUtf8 is the public name of the rule secret_string is checked
// with (the csms tool picks secret_string or secret_binary with it).
TEST(PublicIsValidUtf8, IsTheRuleSecretStringIsCheckedWith) {
  struct Case {
    std::string bytes;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"plain ascii", true},
      {"\xC3\xA9t\xC3\xA9", true},
      {"\xF0\x9F\x94\x91", true},
      {"\xEF\xBF\xBF", true},
      {"\xFF", false},
      {"\xC3", false},
      {"\xC0\xAF", false},
      {"\xE0\x80\xAF", false},
      {"\xED\xA0\x80", false},
      {"\xF4\x90\x80\x80", false},
      {std::string("nul\0inside", 10), true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(csms::IsValidUtf8(c.bytes), c.valid) << ::testing::PrintToString(c.bytes);
    CreateSecretRequest request;
    request.name = "db";
    request.secret_string = c.bytes;
    if (c.valid) {
      EXPECT_NO_THROW(ValidateCreateSecretRequest(request));
    } else {
      EXPECT_THROW(ValidateCreateSecretRequest(request), ValidationError);
    }
  }
}

TEST(CreateSecretEventValidationBoundaries, AcceptsEdgesOfEveryRule) {
  CreateSecretEventRequest request = ValidRequest();
  EXPECT_NO_THROW(ValidateCreateSecretEventRequest(request));
  request.name = std::string(64, 'Z');
  request.notification.target_id = std::string(256, '.');
  request.notification.target_name = "a";
  request.event_types = {EventType::kSecretVersionCreated, EventType::kSecretVersionExpired,
                         EventType::kSecretRotated, EventType::kSecretDeleted,
                         EventType::kSecretRotatedFailed};
  request.state = EventState::kDisabled;
  EXPECT_NO_THROW(ValidateCreateSecretEventRequest(request));
}

TEST(CreateSecretEventValidationMessages, ControlCharactersAreNotEchoed) {
  CreateSecretEventRequest request = ValidRequest();
  request.name = "bad\r\nX-Injected: 1";
  try {
    ValidateCreateSecretEventRequest(request);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("\r\n")));
  }
}

TEST(ListSecretEventsValidation, MarkersAllowDotsAndNameTheField) {
  EXPECT_NO_THROW(ValidateListSecretEventsRequest({10, std::string("event-1.v2_x")}));
  try {
    ValidateListSecretEventsRequest({10, std::string("a&b=c")});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "marker");
    EXPECT_THAT(e.what(), HasSubstr("[a-zA-Z0-9._-] at position 1"));
  }
}

// The message of the ValidationError that validating request throws for field.
std::string ErrorFor(const CreateSecretEventRequest& request, const std::string& field) {
  try {
    ValidateCreateSecretEventRequest(request);
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), field);
    return e.what();
  }
  ADD_FAILURE() << "no ValidationError";
  return {};
}

// Names go into URL paths unencoded only because they are ASCII; a locale in
// which 0xE4 is a letter must not let it through.
TEST(CreateSecretEventValidationLocale, NamesAreAsciiInEveryLocale) {
  csms_test::ScopedTurkishLocale turkish;
  CSMS_REQUIRE_TURKISH_LOCALE(turkish);
  CreateSecretEventRequest request = ValidRequest();
  request.name = "b\xE4r";
  EXPECT_THAT(ErrorFor(request, "name"), HasSubstr("[a-zA-Z0-9_-]"));
  request = ValidRequest();
  request.notification.target_id = "urn:\xE4";
  EXPECT_THAT(ErrorFor(request, "notification.target_id"), HasSubstr("[a-zA-Z0-9-._:]"));
}

// Three edits from SECRET_ROTATED_FAILED once 'i' is upper-cased as ASCII; a
// Turkish std::toupper('i') would make it four, too far for a suggestion.
TEST(CreateSecretEventValidationLocale, SuggestionsUpperCaseAsAscii) {
  csms_test::ScopedTurkishLocale turkish;
  CSMS_REQUIRE_TURKISH_LOCALE(turkish);
  CreateSecretEventRequest request = ValidRequest();
  request.event_types = {EventType("SECRET_ROTATED_FAiLXYZ")};
  EXPECT_THAT(ErrorFor(request, "event_types"), HasSubstr("did you mean SECRET_ROTATED_FAILED?"));
}

}  // namespace
}  // namespace internal
}  // namespace csms

namespace csms {
namespace internal {
namespace {

// One row per request field that reaches the wire: how to set it, and which
// hostile inputs its declared rule accepts (everything else must be refused,
// naming the field, before any I/O, with a printable message).
struct FieldRule {
  const char* field;
  std::function<void(const std::string&)> validate;  // sets the field and validates
  std::vector<std::string> accepted;                 // labels of HostileInputs()
};

CreateSecretRequest ValidSecret() {
  CreateSecretRequest request;
  request.name = "demo-secret";
  request.secret_string = "value";
  return request;
}

void ValidateCreateWith(const std::function<void(CreateSecretRequest&)>& set) {
  CreateSecretRequest request = ValidSecret();
  set(request);
  ValidateCreateSecretRequest(request);
}

void ValidateUpdateWith(const std::function<void(UpdateSecretRequest&)>& set) {
  UpdateSecretRequest request;
  set(request);
  ValidateUpdateSecretRequest(request);
}

std::vector<FieldRule> RequestFieldRules() {
  using V = const std::string&;
  return {
      {"name", [](V v) { ValidateCreateWith([&](auto& r) { r.name = v; }); }, {}},
      {"kms_key_id", [](V v) { ValidateCreateWith([&](auto& r) { r.kms_key_id = v; }); }, {}},
      {"rotation_period",
       [](V v) { ValidateCreateWith([&](auto& r) { r.rotation_period = v; }); },
       {}},
      {"rotation_func_urn",
       [](V v) { ValidateCreateWith([&](auto& r) { r.rotation_func_urn = v; }); },
       {}},
      {"enterprise_project_id",
       [](V v) { ValidateCreateWith([&](auto& r) { r.enterprise_project_id = v; }); },
       {}},
      {"secret_type", [](V v) { ValidateCreateWith([&](auto& r) { r.secret_type = v; }); }, {}},
      {"description",
       [](V v) { ValidateCreateWith([&](auto& r) { r.description = v; }); },
       {"CR", "LF", "space", "empty"}},
      {"rotation_config",
       [](V v) { ValidateCreateWith([&](auto& r) { r.rotation_config = v; }); },
       {"CR", "LF", "space", "empty"}},
      {"secret_string",
       [](V v) { ValidateCreateWith([&](auto& r) { r.secret_string = v; }); },
       {"CR", "LF", "NUL", "space", "empty"}},
      {"event_subscriptions",
       [](V v) { ValidateCreateWith([&](auto& r) { r.event_subscriptions = {v}; }); },
       {}},
      {"kms_key_id", [](V v) { ValidateUpdateWith([&](auto& r) { r.kms_key_id = v; }); }, {}},
      {"rotation_period",
       [](V v) { ValidateUpdateWith([&](auto& r) { r.rotation_period = v; }); },
       {}},
      {"rotation_func_urn",
       [](V v) { ValidateUpdateWith([&](auto& r) { r.rotation_func_urn = v; }); },
       {}},
      {"description",
       [](V v) { ValidateUpdateWith([&](auto& r) { r.description = v; }); },
       {"CR", "LF", "space", "empty"}},
      {"marker",
       [](V v) {
         ListSecretEventsRequest request;
         request.marker = v;
         ValidateListSecretEventsRequest(request);
       },
       {}},
      {"notification.target_id",
       [](V v) {
         CreateSecretEventRequest request = ValidRequest();
         request.notification.target_id = v;
         ValidateCreateSecretEventRequest(request);
       },
       {}},
  };
}

TEST(RequestFieldRules, EveryFieldRefusesTheSameHostileInputs) {
  for (const FieldRule& rule : RequestFieldRules()) {
    for (const auto& input : csms_test::HostileInputs()) {
      const bool accepted =
          std::find(rule.accepted.begin(), rule.accepted.end(), input.label) != rule.accepted.end();
      try {
        rule.validate(input.value);
        EXPECT_TRUE(accepted) << rule.field << " accepted " << input.label;
      } catch (const ValidationError& e) {
        EXPECT_FALSE(accepted) << rule.field << " refused " << input.label << ": " << e.what();
        EXPECT_EQ(e.field(), rule.field) << input.label;
        EXPECT_TRUE(csms_test::IsPrintableMessage(e.what()))
            << rule.field << " " << input.label << ": " << std::string(e.what()).substr(0, 200);
      }
    }
  }
}

TEST(RequestFieldRules, DeclaredFormatsAreAccepted) {
  CreateSecretRequest request = ValidSecret();
  request.kms_key_id = "0d0466b0-e727-4d9c-b35d-f84bb474a37f";
  request.rotation_period = "30d";
  request.rotation_func_urn =
      "urn:fss:cn-north-4:46b6f338fc3445b8846c71dfb1fb0000:function:"
      "default:test2-0:latest";
  request.enterprise_project_id = "0";
  request.rotation_config = "{\"InstanceId\":\"i\",\n\"SecretSubType\":\"SingleUser\"}";
  EXPECT_NO_THROW(ValidateCreateSecretRequest(request));
  UpdateSecretRequest update;
  update.kms_key_id = "csms/default";
  update.rotation_period = "720h";
  EXPECT_NO_THROW(ValidateUpdateSecretRequest(update));
  for (const char* bad : {"30", "d", "30 d", "30days", "-1d", "1.5h"}) {
    update.rotation_period = bad;
    EXPECT_THROW(ValidateUpdateSecretRequest(update), ValidationError) << bad;
  }
}

TEST(QuoteForMessage, EscapesControlBytesAndCutsLongInput) {
  EXPECT_EQ(QuoteForMessage("plain"), "\"plain\"");
  EXPECT_EQ(QuoteForMessage(std::string("a\r\n\t\0\"\\\x7f\xff", 9)),
            "\"a\\r\\n\\t\\0\\\"\\\\\\x7F\\xFF\"");
  const std::string quoted = QuoteForMessage(std::string(1 << 20, 'x'));
  EXPECT_EQ(quoted, "\"" + std::string(64, 'x') + "\"... (1048576 bytes)");
}

TEST(TextRuleViolation, SaysWhatIsWrongWithoutTheValue) {
  EXPECT_FALSE(TextRuleViolation("AK01._-", 1, 10, TextCharset::kToken).has_value());
  EXPECT_EQ(TextRuleViolation("", 1, 10, TextCharset::kToken).value_or(""), "is empty");
  EXPECT_EQ(TextRuleViolation("AK, x=1", 1, 10, TextCharset::kToken).value_or(""),
            "contains a character outside letters, digits, '.', '_' and '-' (at position 2)");
  EXPECT_EQ(TextRuleViolation("tok\r\n", 1, 10, TextCharset::kPrintable).value_or(""),
            "contains control characters (at position 3)");
  EXPECT_EQ(TextRuleViolation(std::string(11, 'a'), 0, 10, TextCharset::kNoControl).value_or(""),
            "is 11 bytes long; at most 10 are allowed");
  EXPECT_FALSE(TextRuleViolation("/d\xc3\xa9j\xe0 vu", 0, 10, TextCharset::kNoControl));
}

}  // namespace
}  // namespace internal
}  // namespace csms
