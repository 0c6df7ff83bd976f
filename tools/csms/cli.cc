#include "cli.h"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <stdexcept>

#include "args.h"
#include "command.h"
#include "completion.h"
#include "csms/version.h"
#include "error_report.h"
#include "help.h"
#include "man_page.h"
#include "password_input.h"

namespace csms_tool {
namespace {

bool TakesValue(const std::string& flag) {
  const auto& specs = GlobalFlagSpecs();
  return std::any_of(specs.begin(), specs.end(),
                     [&flag](const FlagSpec& s) { return s.name == flag && s.takes_value; });
}

// Returns the exit code, or throws for the caller to report.
int Dispatch(const std::vector<std::string>& args, GlobalOptions& globals, std::ostream& out,
             std::ostream& err) {
  // Hidden from the help: the build writes csms(1) with --man, and the bash
  // completion asks __complete (completion/csms.bash).
  if (args.size() == 1 && args[0] == "--man") {
    out << ManPage();
    return kExitOk;
  }
  if (!args.empty() && args[0] == "__complete") {
    for (const std::string& word : Complete({args.begin() + 1, args.end()})) out << word << '\n';
    return kExitOk;
  }
  // Before anything could echo an argument (an unknown command, a stray value).
  RefusePasswordOnCommandLine(args);
  // The global flags in front of GROUP; a value-taking flag also takes the
  // next word, whatever it looks like.
  std::size_t i = 0;
  while (i < args.size() && args[i].size() > 1 && args[i][0] == '-') {
    if (args[i] == "-h" || args[i] == "--help") {
      out << GlobalUsage();
      return kExitOk;
    }
    if (args[i] == "--version") {
      out << "csms " << csms::Version() << '\n';
      return kExitOk;
    }
    i += TakesValue(args[i]) ? std::size_t{2} : std::size_t{1};
  }
  i = std::min(i, args.size());
  ApplyGlobalFlags(ParseArgs({args.begin(), args.begin() + static_cast<std::ptrdiff_t>(i)},
                             GlobalFlagSpecs(), ""),
                   globals);

  if (i == args.size()) throw UsageError("missing command; try csms --help");
  const std::string& group_name = args[i++];
  auto group_it = std::find_if(Groups().begin(), Groups().end(),
                               [&group_name](const Group* g) { return g->name == group_name; });
  if (group_it == Groups().end()) {
    throw UsageError("unknown command \"" + group_name + "\"; try csms --help");
  }
  const Group* group = *group_it;
  std::string path = group->name;

  // Down through the subgroups ("secrets versions") to the command.
  const Command* command = nullptr;
  while (command == nullptr) {
    if (i == args.size()) {
      std::string message = path + ": missing command; try csms ";
      message += path + " --help";
      throw UsageError(message);
    }
    const std::string& command_name = args[i++];
    if (command_name == "-h" || command_name == "--help") {
      out << GroupUsage(*group, path);
      return kExitOk;
    }
    auto sub_it = std::find_if(group->subgroups.begin(), group->subgroups.end(),
                               [&command_name](const Group* g) { return g->name == command_name; });
    if (sub_it != group->subgroups.end()) {
      group = *sub_it;
      path += " " + group->name;
      continue;
    }
    auto command_it =
        std::find_if(group->commands.begin(), group->commands.end(),
                     [&command_name](const Command& c) { return c.name == command_name; });
    if (command_it == group->commands.end()) {
      std::string message = "unknown command \"" + path;
      message += " " + command_name + "\"; try csms ";
      message += path + " --help";
      throw UsageError(message);
    }
    command = &*command_it;
  }
  const std::string context = path + " " + command->name;

  const std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  if (WantsHelp(rest)) {
    out << CommandUsage(*command);
    return kExitOk;
  }
  std::vector<FlagSpec> specs = command->flags;
  specs.insert(specs.end(), GlobalFlagSpecs().begin(), GlobalFlagSpecs().end());
  const ParsedArgs parsed = ParseArgs(rest, specs, context);
  ApplyGlobalFlags(parsed, globals);

  const auto& positionals = parsed.positionals();
  if (positionals.size() < command->positionals.size()) {
    throw UsageError(context + ": missing " + command->positionals[positionals.size()] +
                     "; try csms " + context + " --help");
  }
  if (positionals.size() > command->positionals.size()) {
    throw UsageError(context + ": unexpected argument \"" +
                     positionals[command->positionals.size()] + "\"; try csms " + context +
                     " --help");
  }

  Context ctx(globals, out, err);
  command->run(parsed, ctx);
  return kExitOk;
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  GlobalOptions globals;
  try {
    const int code = Dispatch(args, globals, out, err);
    out.flush();
    // A full disk or a closed pipe must not pass for success.
    if (!out) throw std::runtime_error("cannot write to standard output");
    return code;
  } catch (...) {
    // Whatever was printed before the failure goes out first.
    out.flush();
    return ReportError(std::current_exception(), globals.output, err);
  }
}

}  // namespace csms_tool
