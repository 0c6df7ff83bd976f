// The bash completion (tools/csms/completion/csms.bash) driven as bash drives
// it: a bash subprocess sources the script, sets COMP_WORDS and COMP_CWORD,
// calls the function `complete -p csms` names and prints COMPREPLY. Names
// come from an emulator in this process (port 0).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "csms/emulator.h"
#include "fake_service.h"
#include "tool_runner.h"

namespace csms_tool_test {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::string Directory(const std::string& path) { return path.substr(0, path.rfind('/')); }

// Single-quoted for bash.
std::string Quote(const std::string& word) {
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

struct Completion {
  std::vector<std::string> candidates;
  ToolResult result;
};

// Completes the last of words (after "csms"), with the built csms first on PATH,
// in directory (when given).
Completion Complete(const std::vector<std::string>& words,
                    std::map<std::string, std::string> env = {},
                    const std::string& directory = "") {
  std::string script = (directory.empty() ? "" : "cd " + Quote(directory) + " || exit 9\n") +
                       "source " + Quote(CSMS_COMPLETION_SCRIPT) +
                       "\nfunction=$(complete -p csms | sed -n 's/.*-F \\([^ ]*\\) csms$/\\1/p')\n"
                       "COMP_WORDS=(csms";
  for (const std::string& word : words) script += " " + Quote(word);
  script += ")\nCOMP_CWORD=" + std::to_string(words.size()) +
            "\n\"$function\" csms\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
  const char* path = std::getenv("PATH");
  env["PATH"] = Directory(CSMS_TOOL_PATH) + ":" + (path != nullptr ? path : "/usr/bin:/bin");
  Completion completion;
  completion.result = RunProgram("/bin/bash", {"--norc", "--noprofile", "-c", script}, env, "",
                                 std::chrono::seconds(20));
  std::string line;
  for (const char c : completion.result.out) {
    if (c != '\n') {
      line += c;
    } else {
      if (!line.empty()) completion.candidates.push_back(line);
      line.clear();
    }
  }
  return completion;
}

TEST(CompletionTest, RegistersAFunctionForCsms) {
  const ToolResult result =
      RunProgram("/bin/bash", {"--norc", "--noprofile", "-c",
                               "source " + Quote(CSMS_COMPLETION_SCRIPT) + "; complete -p csms"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "complete -F _csms csms\n");
}

TEST(CompletionTest, GroupsCommandsAndSubgroups) {
  EXPECT_THAT(Complete({""}).candidates,
              ElementsAre("auth", "events", "notifications", "records", "secrets"));
  EXPECT_THAT(Complete({"ev"}).candidates, ElementsAre("events"));
  EXPECT_THAT(Complete({"events", ""}).candidates,
              ElementsAre("create", "list", "show", "update", "delete"));
  EXPECT_THAT(Complete({"secrets", "ver"}).candidates, ElementsAre("versions"));
  EXPECT_THAT(Complete({"--output", "json", "secrets", "versions", "l"}).candidates,
              ElementsAre("list"));
  EXPECT_THAT(Complete({"nosuch", ""}).candidates, IsEmpty());
}

TEST(CompletionTest, FlagsOfTheCommandAndTheGlobalOnes) {
  EXPECT_THAT(Complete({"events", "create", "--ta"}).candidates,
              ElementsAre("--target-id", "--target-name", "--target-type"));
  const auto all = Complete({"events", "list", "-"}).candidates;
  EXPECT_THAT(all, Contains("--all"));
  EXPECT_THAT(all, Contains("--endpoint"));
  EXPECT_THAT(all, Contains("--help"));
  EXPECT_THAT(Complete({"--ver"}).candidates, ElementsAre("--version"));
}

TEST(CompletionTest, FlagValues) {
  EXPECT_THAT(Complete({"events", "create", "--type", ""}).candidates,
              ElementsAre("SECRET_VERSION_CREATED", "SECRET_VERSION_EXPIRED", "SECRET_ROTATED",
                          "SECRET_DELETED", "SECRET_ROTATED_FAILED"));
  EXPECT_THAT(Complete({"events", "update", "e1", "--type", "SECRET_ROTATED"}).candidates,
              ElementsAre("SECRET_ROTATED", "SECRET_ROTATED_FAILED"));
  EXPECT_THAT(Complete({"events", "create", "--state", ""}).candidates,
              ElementsAre("ENABLED", "DISABLED"));
  EXPECT_THAT(Complete({"--output", ""}).candidates, ElementsAre("json", "table"));
  // A value-taking flag's value is not a command: "--region" eats "events".
  EXPECT_THAT(Complete({"--region", "events", ""}).candidates,
              ElementsAre("auth", "events", "notifications", "records", "secrets"));
}

TEST(CompletionTest, FileFlagsCompleteFileNames) {
  const auto files = Complete({"secrets", "create", "s1", "--value-file", CSMS_COMPLETION_SCRIPT});
  EXPECT_THAT(files.candidates, ElementsAre(CSMS_COMPLETION_SCRIPT));
  // A global flag's file too (the IAM password), anywhere on the line.
  EXPECT_THAT(
      Complete({"--auth", "password", "--password-file", CSMS_COMPLETION_SCRIPT}).candidates,
      ElementsAre(CSMS_COMPLETION_SCRIPT));
}

// A fresh directory holding empty files of these names.
std::string DirectoryWith(const std::vector<std::string>& files) {
  char path[] = "/tmp/csms_completion_XXXXXX";
  if (mkdtemp(path) == nullptr) throw std::runtime_error("mkdtemp failed");
  for (const std::string& file : files) std::ofstream(std::string(path) + "/" + file);
  return path;
}

void RemoveDirectory(const std::string& directory) {
  RunProgram("/bin/rm", {"-rf", "--", directory});
}

// The candidates are taken as the tool prints them: a file name or a name with
// glob characters is not expanded again against the shell's directory.
TEST(CompletionTest, FileNamesAreNotGlobbedAgain) {
  const std::string directory = DirectoryWith({"x1", "x[1]", "y"});
  const Completion files =
      Complete({"secrets", "create", "s1", "--value-file", "x"}, {}, directory);
  RemoveDirectory(directory);
  EXPECT_EQ(files.result.exit_code, 0) << files.result.err;
  EXPECT_THAT(files.candidates, UnorderedElementsAre("x1", "x[1]"));
}

TEST(CompletionTest, WeirdNamesFromTheServiceAreOfferedAsTheyAreAndNeverRun) {
  const std::string directory = DirectoryWith({"some-file"});
  FakeService service([](const httplib::Request&, httplib::Response& res) {
    nlohmann::json secrets = nlohmann::json::array();
    for (const char* name : {"*", "$(touch injected)", "`touch injected`", "a b", "q'uote"}) {
      secrets.push_back({{"name", name}, {"state", "ENABLED"}});
    }
    Reply(res, 200,
          nlohmann::json{{"secrets", secrets}, {"page_info", {{"current_count", 5}}}}.dump());
  });
  const Completion names = Complete(
      {"secrets", "show", ""},
      {{"CSMS_ENDPOINT", service.url()}, {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}}, directory);
  const bool injected = std::ifstream(directory + "/injected").good();
  RemoveDirectory(directory);
  EXPECT_EQ(names.result.exit_code, 0) << names.result.err;
  EXPECT_THAT(names.candidates,
              UnorderedElementsAre("*", "$(touch injected)", "`touch injected`", "a b", "q'uote"));
  EXPECT_FALSE(injected);
}

class CompletionNamesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator_.Start();
    for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
             {"events", "create", "--name", "rotation-alerts", "--type", "SECRET_ROTATED",
              "--target-id", "urn:smn:cn-north-4:p:t", "--target-name", "t"},
             {"events", "create", "--name", "expiry", "--type", "SECRET_VERSION_EXPIRED",
              "--target-id", "urn:smn:cn-north-4:p:t", "--target-name", "t"},
             {"secrets", "create", "db-password", "--value-stdin"}}) {
      const ToolResult result = RunTool(command, Env(), "value");
      ASSERT_EQ(result.exit_code, 0) << result.err;
    }
  }

  std::map<std::string, std::string> Env() const {
    return {{"CSMS_ENDPOINT", emulator_.endpoint()},
            {"HUAWEICLOUD_SDK_PROJECT_ID", emulator_.project_id()}};
  }

  csms::Emulator emulator_;
};

TEST_F(CompletionNamesTest, EventAndSecretNamesFromTheService) {
  EXPECT_THAT(Complete({"events", "show", ""}, Env()).candidates,
              UnorderedElementsAre("expiry", "rotation-alerts"));
  EXPECT_THAT(Complete({"events", "delete", "ro"}, Env()).candidates,
              ElementsAre("rotation-alerts"));
  EXPECT_THAT(Complete({"secrets", "show", ""}, Env()).candidates, ElementsAre("db-password"));
  EXPECT_THAT(Complete({"secrets", "versions", "list", "d"}, Env()).candidates,
              ElementsAre("db-password"));
  EXPECT_THAT(Complete({"secrets", "update", "db-password", "--subscribe", "e"}, Env()).candidates,
              ElementsAre("expiry"));
  EXPECT_THAT(Complete({"secrets", "list", "--event", ""}, Env()).candidates,
              UnorderedElementsAre("expiry", "rotation-alerts"));
  // A new secret's name is the user's to choose.
  EXPECT_THAT(Complete({"secrets", "create", ""}, Env()).candidates, IsEmpty());
}

TEST_F(CompletionNamesTest, EndpointAndProjectFromTheFlagsOnTheLine) {
  EXPECT_THAT(Complete({"--endpoint", emulator_.endpoint(), "--project-id", emulator_.project_id(),
                        "secrets", "show", ""})
                  .candidates,
              ElementsAre("db-password"));
}

TEST_F(CompletionNamesTest, NoEndpointNoNames) {
  const Completion completion = Complete({"events", "show", ""});
  EXPECT_EQ(completion.result.exit_code, 0);
  EXPECT_THAT(completion.candidates, IsEmpty());
}

TEST_F(CompletionNamesTest, AServiceThatDoesNotAnswerGivesNothingSoon) {
  // Requests wait far longer than the completion may: it gives up and offers
  // nothing, and the shell gets its prompt back within the bound.
  csms::EmulatorFault delay;
  delay.kind = csms::EmulatorFault::Kind::kDelay;
  delay.delay = std::chrono::seconds(60);
  emulator_.InjectFault(delay);
  const auto start = std::chrono::steady_clock::now();
  const Completion completion = Complete({"events", "show", ""}, Env());
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(completion.result.timed_out);
  EXPECT_THAT(completion.candidates, IsEmpty());
  EXPECT_EQ(completion.result.err, "");  // nothing printed into the shell
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST_F(CompletionNamesTest, AStoppedServiceGivesNothing) {
  const auto env = Env();
  emulator_.Stop();
  EXPECT_THAT(Complete({"secrets", "show", ""}, env).candidates, IsEmpty());
}

}  // namespace
}  // namespace csms_tool_test
