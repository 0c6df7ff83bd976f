// The manual pages csms(1) and csms-emulator(1) the build writes (csms --man,
// csms-emulator --man): every flag that any --help mentions is in the page as
// man renders it, and man renders it without a warning.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tool_runner.h"

namespace csms_tool_test {
namespace {

// man from PATH, in the C locale (\- renders as '-') at 80 columns, with
// groff's warnings on.
ToolResult RenderManPage(const std::string& page) {
  const char* path = std::getenv("PATH");
  return RunProgram("/usr/bin/env", {"man", "--warnings=w", "-l", page},
                    {{"PATH", path != nullptr ? path : "/usr/bin:/bin"},
                     {"LC_ALL", "C"},
                     {"MANWIDTH", "80"},
                     {"MANPAGER", "cat"},
                     {"PAGER", "cat"}});
}

// The names listed in a help section ("Groups:", "Commands:"): the first word
// of each indented line up to the next blank line.
std::vector<std::string> SectionNames(const std::string& help, const std::string& heading) {
  std::vector<std::string> names;
  std::istringstream lines(help.substr(help.find("\n" + heading + "\n") + heading.size() + 2));
  for (std::string line; std::getline(lines, line) && !line.empty();) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.push_back(name);
  }
  return names;
}

// Every help text of the tool, walking the groups and commands the help lists.
void CollectHelp(const std::vector<std::string>& path, std::vector<std::string>& texts) {
  std::vector<std::string> args = path;
  args.push_back("--help");
  const ToolResult result = RunTool(args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  texts.push_back(result.out);
  if (path.empty()) {
    for (const std::string& group : SectionNames(result.out, "Groups:")) {
      CollectHelp({group}, texts);
    }
  } else if (result.out.find("\nCommands:\n") != std::string::npos) {
    for (const std::string& name : SectionNames(result.out, "Commands:")) {
      std::vector<std::string> sub = path;
      sub.push_back(name);
      CollectHelp(sub, texts);
    }
  }
}

std::set<std::string> Flags(const std::vector<std::string>& texts) {
  std::set<std::string> flags;
  const std::regex flag(R"((^|[^-A-Za-z0-9])(--[a-z][-a-z0-9]*[a-z0-9]|-h)\b)");
  for (const std::string& text : texts) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), flag);
         it != std::sregex_iterator(); ++it) {
      flags.insert((*it)[2]);
    }
  }
  return flags;
}

bool Mentions(const std::string& text, const std::string& flag) {
  const std::regex whole("(^|[^-A-Za-z0-9])" + flag + "($|[^-A-Za-z0-9])");
  return std::regex_search(text, whole);
}

TEST(ManPageTest, CsmsPageHasEveryFlagOfEveryHelpAndRendersCleanly) {
  std::vector<std::string> texts;
  CollectHelp({}, texts);
  // The walk reached the nested group's commands (secrets versions create ...).
  ASSERT_GT(texts.size(), 20u);
  const std::set<std::string> flags = Flags(texts);
  for (const char* expected : {"--endpoint", "--output", "--type", "--expire-time", "--count"}) {
    EXPECT_EQ(flags.count(expected), 1u) << expected;
  }

  const ToolResult page = RenderManPage(CSMS_MAN_PAGE_PATH);
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_EQ(page.err, "") << "warnings from man";
  EXPECT_THAT(page.out, ::testing::HasSubstr("csms - command-line client"));
  for (const std::string& flag : flags) EXPECT_TRUE(Mentions(page.out, flag)) << flag;
}

TEST(ManPageTest, EmulatorPageHasEveryFlagOfItsHelpAndRendersCleanly) {
  const ToolResult help = RunProgram(CSMS_EMULATOR_PATH, {"--help"});
  ASSERT_EQ(help.exit_code, 0) << help.err;
  const std::set<std::string> flags = Flags({help.out});
  EXPECT_EQ(flags.count("--deliver-topic"), 1u);

  const ToolResult page = RenderManPage(CSMS_EMULATOR_MAN_PAGE_PATH);
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_EQ(page.err, "") << "warnings from man";
  EXPECT_THAT(page.out, ::testing::HasSubstr("csms-emulator - local emulator"));
  for (const std::string& flag : flags) EXPECT_TRUE(Mentions(page.out, flag)) << flag;
}

// The page comes from the same source as --help: each command's help text is
// in it as printed (the lines that name flags and arguments).
TEST(ManPageTest, CsmsPageCarriesTheCommandsUsageLines) {
  const ToolResult page = RenderManPage(CSMS_MAN_PAGE_PATH);
  ASSERT_EQ(page.exit_code, 0) << page.err;
  const ToolResult help = RunTool({"events", "create", "--help"});
  ASSERT_EQ(help.exit_code, 0);
  const std::string first_line = help.out.substr(0, help.out.find('\n'));
  EXPECT_THAT(page.out, ::testing::HasSubstr(first_line));
}

}  // namespace
}  // namespace csms_tool_test
