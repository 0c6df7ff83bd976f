// The credentials sources of csms/credentials_provider.h: static, environment,
// profile file, and the chain with its combined error.

#include "csms/credentials_provider.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "csms/errors.h"
#include "internal/credentials_providers.h"
#include "temp_file.h"

namespace csms {
namespace {

using internal::EnvLookup;
using ::testing::HasSubstr;
using ::testing::Not;

// An environment made of a map, for the providers' injectable lookup.
EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    const auto found = vars.find(name);
    if (found == vars.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
}

using csms_test::TempFile;

std::string ErrorOf(CredentialsProvider& provider) {
  try {
    provider.Get();
  } catch (const CredentialsError& e) {
    return e.what();
  }
  return "no error";
}

// A provider that yields the given credentials, or throws `error` when unset,
// and counts its calls.
class FakeProvider : public CredentialsProvider {
 public:
  explicit FakeProvider(std::optional<Credentials> credentials, std::string error = "fake: none")
      : credentials_(std::move(credentials)), error_(std::move(error)) {}
  Credentials Get() override {
    ++gets;
    if (!credentials_) throw CredentialsError(error_);
    return *credentials_;
  }
  void Invalidate() override { ++invalidations; }
  int gets = 0;
  int invalidations = 0;

 private:
  std::optional<Credentials> credentials_;
  std::string error_;
};

TEST(StaticCredentialsProvider, ReturnsItsCredentials) {
  const auto provider = MakeStaticCredentialsProvider(Credentials::AkSk("AK", "SK", "T"));
  const Credentials credentials = provider->Get();
  EXPECT_EQ(credentials.access_key(), "AK");
  EXPECT_EQ(credentials.secret_key(), "SK");
  EXPECT_EQ(credentials.token(), "T");
  provider->Invalidate();  // nothing better to fetch
  EXPECT_EQ(provider->Get().access_key(), "AK");
  EXPECT_NE(internal::StaticCredentialsOf(*provider), nullptr);
}

TEST(Credentials, WithExpirationKeepsEverythingElse) {
  const Timestamp at(std::chrono::seconds(1'800'000'000));
  const Credentials base = Credentials::AkSk("AK", "SK", "T");
  EXPECT_FALSE(base.expiration().has_value());
  const Credentials temporary = base.WithExpiration(at);
  EXPECT_EQ(temporary.expiration(), at);
  EXPECT_EQ(temporary.kind(), Credentials::Kind::kAkSk);
  EXPECT_EQ(temporary.access_key(), "AK");
  EXPECT_EQ(temporary.token(), "T");
}

TEST(Credentials, WithSourceKeepsEverythingElse) {
  const Timestamp at(std::chrono::seconds(1'800'000'000));
  const Credentials base = Credentials::AkSk("AK", "SK", "T").WithExpiration(at);
  EXPECT_EQ(base.source(), "");
  const Credentials labelled = base.WithSource("metadata http://169.254.169.254");
  EXPECT_EQ(labelled.source(), "metadata http://169.254.169.254");
  EXPECT_EQ(labelled.expiration(), at);
  EXPECT_EQ(labelled.access_key(), "AK");
  EXPECT_EQ(labelled.secret_key(), "SK");
  EXPECT_EQ(labelled.token(), "T");
}

TEST(EnvironmentCredentialsProvider, ReadsTheVariablesOfFromEnvironment) {
  auto provider = internal::MakeEnvironmentCredentialsProvider(
      Env({{"HUAWEICLOUD_SDK_AK", "env-ak"},
           {"HUAWEICLOUD_SDK_SK", "env-sk"},
           {"HUAWEICLOUD_SDK_SECURITY_TOKEN", "env-token"}}));
  const Credentials credentials = provider->Get();
  EXPECT_EQ(credentials.kind(), Credentials::Kind::kAkSk);
  EXPECT_EQ(credentials.access_key(), "env-ak");
  EXPECT_EQ(credentials.secret_key(), "env-sk");
  EXPECT_EQ(credentials.token(), "env-token");
  EXPECT_EQ(credentials.source(), "environment");

  provider = internal::MakeEnvironmentCredentialsProvider(Env({{"CSMS_AUTH_TOKEN", "iam"}}));
  EXPECT_EQ(provider->Get().kind(), Credentials::Kind::kToken);
}

TEST(EnvironmentCredentialsProvider, NoneSetSaysWhich) {
  auto provider = internal::MakeEnvironmentCredentialsProvider(Env({}));
  EXPECT_THAT(ErrorOf(*provider), HasSubstr("environment: HUAWEICLOUD_SDK_AK and "
                                            "HUAWEICLOUD_SDK_SK are not set"));
}

TEST(EnvironmentCredentialsProvider, HalfAKeyPairIsAMistakeThatStopsAChain) {
  auto env = internal::MakeEnvironmentCredentialsProvider(
      Env({{"HUAWEICLOUD_SDK_AK", "env-ak"}, {"CSMS_AUTH_TOKEN", "iam"}}));
  EXPECT_THROW(env->Get(), internal::MisconfiguredSourceError);
  auto fallback = std::make_shared<FakeProvider>(Credentials::Token("other"));
  auto chain = MakeCredentialsProviderChain({env, fallback});
  EXPECT_THAT(ErrorOf(*chain), HasSubstr("only one of HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"));
  EXPECT_EQ(fallback->gets, 0);
}

TEST(ProfileCredentialsProvider, ReadsTheBasicSection) {
  const TempFile file(
      "# a comment\n"
      "; another\n"
      "[global]\n"
      "ak = global-ak\n"
      "sk = global-sk\n"
      "\n"
      "[basic]\r\n"
      "  ak = profile-ak  \r\n"
      "sk=profile-sk\n"
      "security_token = \"profile-token\"\n"
      "project_id = 0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70\n"
      "iam_endpoint = https://iam.example.com\n");
  auto provider = MakeProfileCredentialsProvider(file.path());
  const Credentials credentials = provider->Get();
  EXPECT_EQ(credentials.kind(), Credentials::Kind::kAkSk);
  EXPECT_EQ(credentials.access_key(), "profile-ak");
  EXPECT_EQ(credentials.secret_key(), "profile-sk");
  EXPECT_EQ(credentials.token(), "profile-token");
  EXPECT_EQ(credentials.source(), "profile " + file.path());
}

TEST(ProfileCredentialsProvider, PathFromTheEnvironmentThenHome) {
  EXPECT_EQ(internal::ProfilePath("/given", Env({{"HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/env"}})),
            "/given");
  EXPECT_EQ(internal::ProfilePath(
                "", Env({{"HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/env"}, {"HOME", "/home/u"}})),
            "/env");
  EXPECT_EQ(internal::ProfilePath("", Env({{"HOME", "/home/u"}})),
            "/home/u/.huaweicloud/credentials");
  EXPECT_EQ(internal::ProfilePath("", Env({})), "");

  const TempFile file("[basic]\nak = a\nsk = s\n");
  auto provider = internal::MakeProfileCredentialsProvider(
      "", Env({{"HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.path()}}));
  EXPECT_EQ(provider->Get().access_key(), "a");
}

TEST(ProfileCredentialsProvider, AMissingFileIsNoCredentialsHere) {
  auto provider = MakeProfileCredentialsProvider("/nonexistent/dir/credentials");
  try {
    provider->Get();
    FAIL() << "expected CredentialsError";
  } catch (const internal::MisconfiguredSourceError&) {
    FAIL() << "a missing file is not a mistake";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("profile: /nonexistent/dir/credentials not found"));
  }
  const TempFile other("[other]\nak = a\nsk = s\n");
  auto without_basic = MakeProfileCredentialsProvider(other.path());
  EXPECT_THAT(ErrorOf(*without_basic), HasSubstr("has no ak and sk in section [basic]"));
}

TEST(ProfileCredentialsProvider, MistakesNameTheFileAndLine) {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"[basic]\nak = a\n", "line 2: [basic] has ak but no sk"},
      {"[basic]\n\nsk = s\n", "line 3: [basic] has sk but no ak"},
      {"[basic]\nsecurity_token = t\n", "line 2: [basic] has a security_token but no ak and sk"},
      {"[basic]\nak = a\nthis is not ini\nsk = s\n", "line 3: not a [section] header"},
      {"[basic\nak = a\nsk = s\n", "line 1: a section header without ']'"},
      {"[basic]\n = value\n", "line 2: a value without a key"},
  };
  for (const Case& c : cases) {
    const TempFile file(c.text);
    auto provider = MakeProfileCredentialsProvider(file.path());
    try {
      provider->Get();
      ADD_FAILURE() << c.text;
    } catch (const internal::MisconfiguredSourceError& e) {
      EXPECT_THAT(e.what(), HasSubstr("profile: " + file.path() + " " + c.error)) << c.text;
    }
  }
}

TEST(ProfileCredentialsProvider, MessagesNeverQuoteTheFile) {
  const TempFile file("[basic]\nak = AK-visible\nsk: SK-secret-value oops = 1\nbroken-SK-line\n");
  auto provider = MakeProfileCredentialsProvider(file.path());
  const std::string error = ErrorOf(*provider);
  EXPECT_THAT(error, HasSubstr("line 4"));
  EXPECT_THAT(error, Not(HasSubstr("SK-secret")));
  EXPECT_THAT(error, Not(HasSubstr("broken-SK-line")));
}

TEST(ProfileCredentialsProvider, AnUnreadableFileIsAMistake) {
  const char* dir = std::getenv("TMPDIR");
  auto provider = MakeProfileCredentialsProvider(dir != nullptr ? dir : "/tmp");  // a directory
  EXPECT_THROW(provider->Get(), internal::MisconfiguredSourceError);
}

TEST(ProfileCredentialsProvider, ReadOnceUntilInvalidated) {
  const TempFile file("[basic]\nak = first\nsk = s\n");
  auto provider = MakeProfileCredentialsProvider(file.path());
  EXPECT_EQ(provider->Get().access_key(), "first");
  std::ofstream(file.path(), std::ios::binary | std::ios::trunc)
      << "[basic]\nak = second\nsk = s\n";
  EXPECT_EQ(provider->Get().access_key(), "first");
  provider->Invalidate();
  EXPECT_EQ(provider->Get().access_key(), "second");
}

TEST(CredentialsProviderChain, FirstThatYieldsWinsAndIsAskedDirectlyAfterwards) {
  auto none = std::make_shared<FakeProvider>(std::nullopt);
  auto first = std::make_shared<FakeProvider>(Credentials::AkSk("first", "s"));
  auto second = std::make_shared<FakeProvider>(Credentials::AkSk("second", "s"));
  auto chain = MakeCredentialsProviderChain({none, nullptr, first, second});
  EXPECT_EQ(chain->Get().access_key(), "first");
  EXPECT_EQ(chain->Get().access_key(), "first");
  EXPECT_EQ(none->gets, 1);
  EXPECT_EQ(first->gets, 2);
  EXPECT_EQ(second->gets, 0);
  // Invalidate goes to the winner, and the next Get searches again.
  chain->Invalidate();
  EXPECT_EQ(first->invalidations, 1);
  EXPECT_EQ(none->invalidations, 0);
  EXPECT_EQ(chain->Get().access_key(), "first");
  EXPECT_EQ(none->gets, 2);
}

// A source that yielded and then fails (a refresh of temporary credentials
// failing with nothing valid left): its error, asked once, no other source.
TEST(CredentialsProviderChain, TheWinnersLaterErrorIsTheChainsUntilInvalidated) {
  class OnceThenFails : public CredentialsProvider {
   public:
    Credentials Get() override {
      if (++gets > 1) throw CredentialsError("metadata: connect timeout");
      return Credentials::AkSk("once", "s");
    }
    int gets = 0;
  };
  auto winner = std::make_shared<OnceThenFails>();
  auto later = std::make_shared<FakeProvider>(Credentials::AkSk("later", "s"));
  auto chain = MakeCredentialsProviderChain({winner, later});
  EXPECT_EQ(chain->Get().access_key(), "once");
  EXPECT_THAT(ErrorOf(*chain), HasSubstr("metadata: connect timeout"));
  EXPECT_EQ(winner->gets, 2);
  EXPECT_EQ(later->gets, 0);
  chain->Invalidate();
  EXPECT_EQ(chain->Get().access_key(), "later");
}

TEST(CredentialsProviderChain, NoneYieldsListsEverySourceAndItsReason) {
  auto chain = MakeCredentialsProviderChain(
      {internal::MakeEnvironmentCredentialsProvider(Env({})),
       MakeProfileCredentialsProvider("/nonexistent/credentials"),
       std::make_shared<FakeProvider>(std::nullopt, "metadata: connect timeout")});
  const std::string error = ErrorOf(*chain);
  EXPECT_EQ(error,
            "no usable credentials: environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are "
            "not set, nor is CSMS_AUTH_TOKEN; profile: /nonexistent/credentials not found; "
            "metadata: connect timeout");
  EXPECT_THAT(ErrorOf(*MakeCredentialsProviderChain({})), HasSubstr("chain is empty"));
}

TEST(CredentialsProviderChain, AMisconfiguredProfileStopsTheSearch) {
  const TempFile file("[basic]\nak = a\n");
  auto later = std::make_shared<FakeProvider>(Credentials::AkSk("later", "s"));
  auto chain = MakeCredentialsProviderChain({internal::MakeEnvironmentCredentialsProvider(Env({})),
                                             MakeProfileCredentialsProvider(file.path()), later});
  EXPECT_THAT(ErrorOf(*chain), HasSubstr("[basic] has ak but no sk"));
  EXPECT_EQ(later->gets, 0);
}

TEST(DefaultCredentialsProviderChain, EnvironmentThenProfile) {
  // The real environment: point every variable it reads somewhere known.
  const TempFile file("[basic]\nak = profile-ak\nsk = profile-sk\n");
  struct Saved {
    const char* name;
    std::optional<std::string> value;
  };
  std::vector<Saved> saved;
  for (const char* name :
       {"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN",
        "CSMS_AUTH_TOKEN", "HUAWEICLOUD_SDK_CREDENTIALS_FILE"}) {
    const char* value = std::getenv(name);
    saved.push_back({name, value ? std::optional<std::string>(value) : std::nullopt});
    unsetenv(name);
  }
  setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.path().c_str(), 1);
  EXPECT_EQ(MakeDefaultCredentialsProviderChain()->Get().access_key(), "profile-ak");
  setenv("HUAWEICLOUD_SDK_AK", "env-ak", 1);
  setenv("HUAWEICLOUD_SDK_SK", "env-sk", 1);
  EXPECT_EQ(MakeDefaultCredentialsProviderChain()->Get().access_key(), "env-ak");
  for (const Saved& s : saved) {
    if (s.value) {
      setenv(s.name, s.value->c_str(), 1);
    } else {
      unsetenv(s.name);
    }
  }
}

}  // namespace
}  // namespace csms
