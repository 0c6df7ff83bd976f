// Where a region's endpoints come from: ClientOptions::endpoint, then
// HUAWEICLOUD_SDK_REGION_CSMS_{REGION}, then the regions file, then the
// built-in table; and what is said about a source that cannot be used.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "csms/client.h"
#include "csms/errors.h"
#include "csms/options.h"
#include "fake_transport.h"
#include "internal/client_config.h"
#include "internal/endpoint_sources.h"
#include "internal/region_file.h"
#include "internal/regions.h"
#include "scoped_env.h"

namespace csms {
namespace {

using csms_test::ScopedEnv;
using ::testing::AllOf;
using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kVariable = "HUAWEICLOUD_SDK_REGION_CSMS_CN_NORTH_4";

// A fresh directory under TMPDIR, removed with what the test put in it.
class TempDir {
 public:
  TempDir() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr ? dir : "/tmp") + "/csms_regions_XXXXXX";
    if (mkdtemp(path_.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string Write(const std::string& name, const std::string& content) const {
    const std::string path = path_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// No source but the ones a test sets: the variable unset, HOME at an empty
// directory (so a developer's own ~/.huaweicloud/regions.yaml is not read).
class EndpointSources : public ::testing::Test {
 protected:
  TempDir home_;
  ScopedEnv home_env_{"HOME", home_.path().c_str()};
  ScopedEnv file_env_{"HUAWEICLOUD_SDK_REGIONS_FILE", nullptr};
  ScopedEnv region_env_{kVariable, nullptr};
};

ClientOptions RegionOptions(const std::string& region = "cn-north-4") {
  ClientOptions options;
  options.region = region;
  options.project_id = kProjectId;
  options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "SKsecret-do-not-print");
  options.transport = std::make_shared<csms_test::RecordingTransport>(HttpResponse{});
  return options;
}

std::vector<std::string> BaseUrls(const ClientOptions& options) {
  std::vector<std::string> urls;
  for (const auto& endpoint : internal::ResolveClientConfig(options).endpoints) {
    urls.push_back(endpoint.base_url);
  }
  return urls;
}

std::string ConfigurationMessage(const ClientOptions& options) {
  try {
    CsmsClient client(options);
  } catch (const ConfigurationError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(RegionTable, EveryBuiltInRegionCarriesItsOwnHost) {
  EXPECT_EQ(internal::BuiltInRegionHost("cn-north-4"), "kms.cn-north-4.myhuaweicloud.com");
  EXPECT_EQ(internal::BuiltInRegionHost("my-kualalumpur-1"),
            "kms.my-kualalumpur-1.myhuaweicloud.com");
  // Offered by KMS, not listed for CSMS (docs/configuration.md): reachable
  // only through the variable or the regions file.
  EXPECT_FALSE(internal::BuiltInRegionHost("eu-west-101"));
  EXPECT_FALSE(internal::BuiltInRegionHost("cn-south-4"));
  EXPECT_FALSE(internal::BuiltInRegionHost(""));
  EXPECT_FALSE(internal::BuiltInRegionHost("zz-last-1"));
}

TEST(RegionTable, VariableNameIsUpperCaseWithUnderscores) {
  EXPECT_EQ(internal::RegionEndpointVariable("cn-north-4"), kVariable);
  EXPECT_EQ(internal::RegionEndpointVariable("eu-west-101"),
            "HUAWEICLOUD_SDK_REGION_CSMS_EU_WEST_101");
}

TEST_F(EndpointSources, BuiltInListWhenNothingElseNamesTheRegion) {
  EXPECT_THAT(BaseUrls(RegionOptions()), ElementsAre("https://kms.cn-north-4.myhuaweicloud.com"));
}

TEST_F(EndpointSources, VariableOverridesTheBuiltInEndpoint) {
  ScopedEnv set(kVariable, "https://kms-a.example.com, https://kms-b.example.com:8443/");
  const auto config = internal::ResolveClientConfig(RegionOptions());
  ASSERT_EQ(config.endpoints.size(), 2u);
  EXPECT_EQ(config.endpoints[0].base_url, "https://kms-a.example.com");
  EXPECT_EQ(config.endpoints[1].base_url, "https://kms-b.example.com:8443");
  EXPECT_EQ(config.endpoints[1].host_header, "kms-b.example.com:8443");
  // Requests go to the first one until it fails to connect.
  EXPECT_EQ(config.base_url, "https://kms-a.example.com");
  EXPECT_EQ(config.host_header, "kms-a.example.com");
}

TEST_F(EndpointSources, VariableNamesARegionTheBuiltInListDoesNotKnow) {
  ScopedEnv set("HUAWEICLOUD_SDK_REGION_CSMS_EU_WEST_101",
                "https://kms.eu-west-101.myhuaweicloud.eu");
  EXPECT_THAT(BaseUrls(RegionOptions("eu-west-101")),
              ElementsAre("https://kms.eu-west-101.myhuaweicloud.eu"));
}

TEST_F(EndpointSources, RegionsFileOverridesTheBuiltInEndpoint) {
  const std::string path = home_.Write("regions.yaml",
                                       "ECS:\n"
                                       "  - id: cn-north-4\n"
                                       "    endpoint: https://ecs.example.com\n"
                                       "csms:\n"
                                       "  - id: cn-north-1\n"
                                       "    endpoint: https://other.example.com\n"
                                       "  - id: cn-north-4\n"
                                       "    endpoint: https://kms-a.example.com\n"
                                       "    endpoints:\n"
                                       "      - https://kms-b.example.com\n");
  ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", path.c_str());
  EXPECT_THAT(BaseUrls(RegionOptions()),
              ElementsAre("https://kms-a.example.com", "https://kms-b.example.com"));
}

TEST_F(EndpointSources, DefaultRegionsFileIsUnderHome) {
  home_.Write(".huaweicloud/regions.yaml",
              "CSMS:\n  - id: cn-north-4\n    endpoint: https://home.example.com\n");
  EXPECT_THAT(BaseUrls(RegionOptions()), ElementsAre("https://home.example.com"));
}

TEST_F(EndpointSources, RegionsFileWithoutTheRegionFallsBackToTheBuiltInList) {
  const std::string path =
      home_.Write("regions.yaml", "CSMS:\n  - id: cn-north-1\n    endpoint: https://x.example\n");
  ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", path.c_str());
  EXPECT_THAT(BaseUrls(RegionOptions()), ElementsAre("https://kms.cn-north-4.myhuaweicloud.com"));
}

TEST_F(EndpointSources, PrecedenceIsEndpointThenVariableThenFileThenBuiltIn) {
  const std::string path = home_.Write(
      "regions.yaml", "CSMS:\n  - id: cn-north-4\n    endpoint: https://file.example\n");
  ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", path.c_str());
  EXPECT_THAT(BaseUrls(RegionOptions()), ElementsAre("https://file.example"));
  {
    ScopedEnv set(kVariable, "https://variable.example");
    EXPECT_THAT(BaseUrls(RegionOptions()), ElementsAre("https://variable.example"));
    ClientOptions options = RegionOptions();
    options.endpoint = "https://option.example";
    EXPECT_THAT(BaseUrls(options), ElementsAre("https://option.example"));
  }
  // ClientOptions::endpoint wins without the other sources being read: a
  // broken file does not matter then.
  const std::string broken = home_.Write("broken.yaml", "CSMS: [");
  ScopedEnv broken_file("HUAWEICLOUD_SDK_REGIONS_FILE", broken.c_str());
  ClientOptions options = RegionOptions();
  options.endpoint = "https://option.example";
  EXPECT_THAT(BaseUrls(options), ElementsAre("https://option.example"));
}

TEST_F(EndpointSources, BadVariableValuesNameTheVariable) {
  struct Case {
    const char* value;
    const char* says;
  };
  for (const Case& c :
       {Case{"https://a.example,,https://b.example", "item 2 is empty"},
        Case{"https://a.example,", "item 2 is empty"}, Case{"ftp://a.example", "must use https"},
        Case{"http://a.example", "uses plain http"}, Case{"https://a.example/v1", "without a path"},
        Case{"https://user:pw@a.example", "must not contain user information"}}) {
    ScopedEnv set(kVariable, c.value);
    const std::string message = ConfigurationMessage(RegionOptions());
    EXPECT_THAT(message, AllOf(HasSubstr(kVariable), HasSubstr(c.says))) << c.value;
    EXPECT_THAT(message, Not(HasSubstr("pw@"))) << c.value;
  }
  std::string many;
  for (int i = 0; i < 17; ++i) many += "https://a.example,";
  many += "https://a.example";
  ScopedEnv set(kVariable, many.c_str());
  EXPECT_THAT(ConfigurationMessage(RegionOptions()),
              AllOf(HasSubstr(kVariable), HasSubstr("lists 18 endpoints; at most 16")));
}

TEST_F(EndpointSources, MalformedRegionsFilesNameTheFileAndTheProblem) {
  struct Case {
    const char* yaml;
    const char* says;
  };
  for (const Case& c : {
           Case{"CSMS: [\n", "is not valid YAML"},
           Case{"- just\n- a list\n", "is not a map from service name"},
           Case{"CSMS: https://x.example\n", "CSMS is not a list of regions"},
           Case{"CSMS:\n  - cn-north-4\n", "CSMS entry 1 is not a map"},
           Case{"CSMS:\n  - id: [a]\n", "CSMS entry 1: id is not a string"},
           Case{"CSMS:\n  - id: cn-north-4\n    endpoint: [https://x.example]\n",
                "entry 1: endpoint is not a string"},
           Case{"CSMS:\n  - id: cn-north-4\n    endpoints: https://x.example\n",
                "entry 1: endpoints is not a list"},
           Case{"CSMS:\n  - id: cn-north-4\n    endpoints: [{a: b}]\n",
                "an item of endpoints is not a non-empty string"},
           Case{"CSMS:\n  - id: cn-north-4\n", "has neither endpoint nor endpoints"},
           Case{"CSMS:\n  - id: cn-north-4\n    endpoint: https://a.example\n"
                "  - id: cn-north-4\n    endpoint: https://b.example\n",
                "is listed more than once"},
           Case{"CSMS:\n  - id: cn-north-4\n    endpoint: http://a.example\n",
                "(CSMS region cn-north-4), endpoint 1 \"http://a.example\" uses plain http"},
       }) {
    const std::string path = home_.Write("bad.yaml", c.yaml);
    ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", path.c_str());
    EXPECT_THAT(ConfigurationMessage(RegionOptions()),
                AllOf(HasSubstr("regions file \"" + path + "\""), HasSubstr(c.says)))
        << c.yaml;
  }
}

TEST_F(EndpointSources, OtherServicesNeedOnlyBeValidYaml) {
  const std::string path =
      home_.Write("regions.yaml",
                  "ECS: not a list at all\n"
                  "CSMS:\n  - id: cn-north-4\n    endpoint: https://a.example\n");
  ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", path.c_str());
  EXPECT_THAT(BaseUrls(RegionOptions()), ElementsAre("https://a.example"));
}

TEST_F(EndpointSources, UnusableRegionsFilesAreConfigurationErrors) {
  {
    const std::string missing = home_.path() + "/missing.yaml";
    ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", missing.c_str());
    EXPECT_THAT(ConfigurationMessage(RegionOptions()),
                AllOf(HasSubstr("HUAWEICLOUD_SDK_REGIONS_FILE"), HasSubstr("does not exist")));
  }
  {
    ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", home_.path().c_str());  // a directory
    EXPECT_THAT(ConfigurationMessage(RegionOptions()), HasSubstr("cannot be read"));
  }
  {
    const std::string big = home_.Write("big.yaml", std::string(1024 * 1024 + 1, '#'));
    ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", big.c_str());
    EXPECT_THAT(ConfigurationMessage(RegionOptions()), HasSubstr("is larger than 1048576 bytes"));
  }
  {
    // A named pipe without a writer is neither waited for nor an error.
    const std::string fifo = home_.path() + "/fifo";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", fifo.c_str());
    EXPECT_THAT(ConfigurationMessage(RegionOptions()),
                AnyOf(Eq("accepted"), HasSubstr("cannot be read")));
  }
}

// The public lookup (csms auth show prints it) reads what a client reads, not
// only the built-in list, and checks each endpoint as the client does.
TEST_F(EndpointSources, EndpointsForRegionFollowsTheClientsSources) {
  EXPECT_THAT(EndpointsForRegion("cn-north-4"),
              ElementsAre("https://kms.cn-north-4.myhuaweicloud.com"));
  const std::string path = home_.Write(
      "regions.yaml", "CSMS:\n  - id: cn-north-4\n    endpoint: https://file.example/\n");
  ScopedEnv file("HUAWEICLOUD_SDK_REGIONS_FILE", path.c_str());
  EXPECT_EQ(EndpointForRegion("cn-north-4"), "https://file.example");
  {
    ScopedEnv set(kVariable, "https://a.example, http://127.0.0.1:8080/");
    EXPECT_THAT(EndpointsForRegion("cn-north-4"),
                ElementsAre("https://a.example", "http://127.0.0.1:8080"));
    EXPECT_EQ(EndpointForRegion("cn-north-4"), "https://a.example");
    EXPECT_EQ(EndpointsForRegion("cn-north-4"), BaseUrls(RegionOptions()));
  }
  {
    ScopedEnv set("HUAWEICLOUD_SDK_REGION_CSMS_EU_WEST_101",
                  "https://kms.eu-west-101.myhuaweicloud.eu");
    EXPECT_EQ(EndpointForRegion("eu-west-101"), "https://kms.eu-west-101.myhuaweicloud.eu");
  }
  {
    ScopedEnv set(kVariable, "http://a.example");
    try {
      EndpointsForRegion("cn-north-4");
      ADD_FAILURE() << "accepted plain http to a remote host";
    } catch (const ConfigurationError& e) {
      EXPECT_THAT(e.what(), AllOf(HasSubstr(kVariable), HasSubstr("uses plain http")));
    }
  }
  EXPECT_THROW(EndpointForRegion("eu-west-101"), ConfigurationError);
}

TEST_F(EndpointSources, RegionIdsAreCheckedBeforeAnyLookup) {
  EXPECT_THAT(ConfigurationMessage(RegionOptions("CN-NORTH-4")), HasSubstr("is not a region id"));
  EXPECT_THAT(ConfigurationMessage(RegionOptions("cn north 4")), HasSubstr("is not a region id"));
  EXPECT_THAT(ConfigurationMessage(RegionOptions("mars-1")),
              AllOf(HasSubstr("unknown region \"mars-1\""),
                    HasSubstr("HUAWEICLOUD_SDK_REGION_CSMS_MARS_1")));
}

TEST(RegionFile, FollowsTheOfficialFormat) {
  // The official SDKs' test file (core/region/test_regions.yaml), in spirit.
  const std::string yaml =
      "Service1:\n"
      "  - id: region-id-1\n"
      "    endpoint: 'https://service1.region-id-1.com'\n"
      "Service2:\n"
      "  - id: region-id-2\n"
      "    endpoints:\n"
      "      - 'https://service2.region-id-2.com'\n"
      "      - 'https://service2.region-id-2.cn'\n";
  EXPECT_THAT(internal::FindInRegionFile(yaml, "SERVICE1", "region-id-1").endpoints,
              ElementsAre("https://service1.region-id-1.com"));
  EXPECT_THAT(internal::FindInRegionFile(yaml, "service2", "region-id-2").endpoints,
              ElementsAre("https://service2.region-id-2.com", "https://service2.region-id-2.cn"));
  EXPECT_TRUE(internal::FindInRegionFile(yaml, "Service1", "region-id-2").endpoints.empty());
  EXPECT_TRUE(internal::FindInRegionFile("", "CSMS", "cn-north-4").problem.empty());
  // An entry without an id is skipped, as the official SDKs skip it.
  const auto no_id = internal::FindInRegionFile(
      "CSMS:\n  - endpoint: https://a.example\n  - id: r\n    endpoint: https://b.example\n",
      "CSMS", "r");
  EXPECT_EQ(no_id.problem, "");
  EXPECT_THAT(no_id.endpoints, ElementsAre("https://b.example"));
}

TEST(RegionFile, ParserErrorsGiveThePositionNotTheText) {
  const auto lookup = internal::FindInRegionFile("CSMS:\n  - id: [secret-ish\n", "CSMS", "r");
  EXPECT_THAT(lookup.problem, HasSubstr("is not valid YAML"));
  EXPECT_THAT(lookup.problem, HasSubstr("line "));
  EXPECT_THAT(lookup.problem, Not(HasSubstr("secret-ish")));
  EXPECT_TRUE(lookup.endpoints.empty());
}

// Aliases repeat a node without copying it; the lookup must not copy them
// either. A list of 4000 aliases of a 1 KB scalar was 4 MB of endpoints (the
// same file with a 400 KB scalar and 100k aliases fits in 1 MB and asked for
// 40 GB): the region's list stops at the limit, other regions' are only checked.
TEST(RegionFile, AliasesAreNotExpandedIntoCopies) {
  std::string aliases;
  for (int i = 0; i < 4000; ++i) aliases += "*s, ";
  const std::string yaml = "x: &s https://" + std::string(1024, 'a') +
                           ".example\n"
                           "CSMS:\n"
                           "  - id: other-1\n    endpoints: [" +
                           aliases +
                           "*s]\n"
                           "  - id: cn-north-4\n    endpoints: [" +
                           aliases + "*s]\n";
  const auto lookup = internal::FindInRegionFile(yaml, "CSMS", "cn-north-4");
  EXPECT_THAT(lookup.problem, HasSubstr("region \"cn-north-4\" lists more than 16 endpoints"));
  EXPECT_TRUE(lookup.endpoints.empty());
  // Sixteen in all, endpoint included, is the limit the variable has too.
  std::string sixteen = "CSMS:\n  - id: r\n    endpoint: https://e.example\n    endpoints:\n";
  for (int i = 0; i < 15; ++i) sixteen += "      - https://e" + std::to_string(i) + ".example\n";
  EXPECT_EQ(internal::FindInRegionFile(sixteen, "CSMS", "r").endpoints.size(), 16u);
  sixteen += "      - https://one-too-many.example\n";
  EXPECT_THAT(internal::FindInRegionFile(sixteen, "CSMS", "r").problem,
              HasSubstr("lists more than 16 endpoints"));
}

// What a hostile file gets: a typed problem naming what is wrong, never a
// crash, a hang or the file's text.
TEST(RegionFile, HostileFilesGiveAProblemNotACrash) {
  std::string laughs = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    const std::string prev(1, static_cast<char>(c - 1));
    laughs += std::string(1, c) + ": &" + std::string(1, c) + " [*" + prev + ", *" + prev + ", *" +
              prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  const std::string bomb_elsewhere = laughs + "CSMS:\n  - id: r\n    endpoint: https://a.example\n";
  EXPECT_THAT(internal::FindInRegionFile(bomb_elsewhere, "CSMS", "r").endpoints,
              ElementsAre("https://a.example"));
  EXPECT_THAT(internal::FindInRegionFile(laughs + "CSMS: *j\n", "CSMS", "r").problem,
              HasSubstr("CSMS entry 1 is not a map"));
  EXPECT_THAT(
      internal::FindInRegionFile(laughs + "CSMS:\n  - id: r\n    endpoints: *j\n", "CSMS", "r")
          .problem,
      HasSubstr("an item of endpoints is not a non-empty string"));
  EXPECT_THAT(internal::FindInRegionFile(std::string(100000, '[') + "\n", "CSMS", "r").problem,
              HasSubstr("is not valid YAML"));
  EXPECT_THAT(internal::FindInRegionFile("CSMS:\n\t- id: r\n", "CSMS", "r").problem,
              HasSubstr("is not valid YAML"));
  EXPECT_THAT(internal::FindInRegionFile("just a scalar\n", "CSMS", "r").problem,
              HasSubstr("is not a map"));
  const std::string binary("\x00\xff\xfe\x01CSMS\x00: [\x80\x81]\n", 16);
  const auto lookup = internal::FindInRegionFile(binary, "CSMS", "r");
  EXPECT_TRUE(lookup.endpoints.empty());
}

}  // namespace
}  // namespace csms
