#include "cli.h"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <stdexcept>

#include "args.h"
#include "command.h"
#include "csms/version.h"
#include "error_report.h"
#include "password_input.h"

namespace csms_tool {
namespace {

const std::vector<const Group*>& Groups() {
  static const std::vector<const Group*> kGroups = {
      &AuthGroup(), &EventsGroup(), &NotificationsGroup(), &RecordsGroup(), &SecretsGroup()};
  return kGroups;
}

std::string GlobalUsage() {
  std::string text =
      "usage: csms [--endpoint URL | --region ID] [--project-id ID] [--output json|table]\n"
      "            [--auth password --user-name U --domain-name D [--password-file F]]\n"
      "            [--agency-name A --agency-domain-name D] GROUP COMMAND [ARGS]\n"
      "\n"
      "Manage Huawei Cloud CSMS secret events, their notification records, the\n"
      "secrets that subscribe to them and their versions; receive notifications.\n"
      "\n"
      "Groups:\n";
  std::size_t width = 10;  // as wide as the longest name, and two spaces more
  for (const Group* group : Groups()) width = std::max(width, group->name.size() + 2);
  for (const Group* group : Groups()) {
    std::string name = group->name;
    name.resize(width, ' ');
    text += "  " + name + group->summary + "\n";
  }
  text +=
      "\n"
      "Global flags (before GROUP, or after the command):\n"
      "  --endpoint URL   service endpoint (env CSMS_ENDPOINT), e.g.\n"
      "                   https://kms.cn-north-4.myhuaweicloud.com, or\n"
      "                   http://127.0.0.1:PORT for the emulator\n"
      "  --region ID      region id (env CSMS_REGION); the endpoint is then\n"
      "                   https://kms.ID.myhuaweicloud.com\n"
      "  --project-id ID  project id, 32 to 64 hex characters (env HUAWEICLOUD_SDK_PROJECT_ID);\n"
      "                   without it the project named after the region is looked up\n"
      "                   on IAM (the region from --region, or CSMS_REGION with --endpoint)\n"
      "  --output FORMAT  table (default, for people) or json (the service's JSON)\n"
      "  --auth password  an IAM token for --user-name U of --domain-name D (account),\n"
      "                   the password read from --password-file F, else prompted\n"
      "                   without echo on a terminal; never --password on the command line\n"
      "  --agency-name A --agency-domain-name D\n"
      "                   temporary keys of agency A of account D, assumed with the\n"
      "                   credentials otherwise used (renewed before they expire)\n"
      "  -h, --help       help; also after GROUP and after COMMAND\n"
      "  --version        print the version\n"
      "\n"
      "Credentials come from the SDK's default chain, first source that has them:\n"
      "  1. environment: HUAWEICLOUD_SDK_IDP_ID and HUAWEICLOUD_SDK_ID_TOKEN_FILE\n"
      "     (federated, exchanged on IAM), else HUAWEICLOUD_SDK_AK and\n"
      "     HUAWEICLOUD_SDK_SK (plus HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary\n"
      "     keys), else CSMS_AUTH_TOKEN\n"
      "  2. profile file: HUAWEICLOUD_SDK_CREDENTIALS_FILE, else\n"
      "     ~/.huaweicloud/credentials, section [basic], keys idp_id and id_token_file,\n"
      "     else ak, sk, security_token\n"
      "  3. CCE pod identity: HC_CONTAINER_CREDENTIALS_FULL_URI and\n"
      "     HC_CONTAINER_AUTHORIZATION_TOKEN_FILE\n"
      "  4. ECS/BMS instance metadata: http://169.254.169.254, or\n"
      "     CSMS_METADATA_ENDPOINT; CSMS_METADATA_DISABLED=true skips it\n"
      "For a plain-http endpoint (loopback only: the emulator) the chain is 1, 2, 3,\n"
      "then anonymous; with CSMS_METADATA_ENDPOINT set, 1 to 4. Half an AK/SK\n"
      "pair or a broken profile file is an error, never skipped. csms auth show\n"
      "tells which source was used and until when, never the secrets. IAM is\n"
      "reached at HUAWEICLOUD_SDK_IAM_ENDPOINT, else the region's IAM endpoint\n"
      "(https://iam.REGION.myhuaweicloud.com).\n"
      "\n"
      "Exit codes: 0 success, 1 service error, 2 usage, validation or credentials\n"
      "error (nothing was sent), 3 transport error (no response).\n"
      "\n"
      "Run csms GROUP --help for a group's commands.\n";
  return text;
}

// path is the group's full name as typed ("secrets versions").
std::string GroupUsage(const Group& group, const std::string& path) {
  std::string text = "usage: csms [GLOBAL FLAGS] " + path + " COMMAND [ARGS]\n\n" + group.summary +
                     "\n\nCommands:\n";
  // The names' column: at least 8 wide, and one space more than the longest.
  std::size_t width = 8;
  for (const Command& command : group.commands) width = std::max(width, command.name.size() + 1);
  for (const Group* sub : group.subgroups) width = std::max(width, sub->name.size() + 1);
  for (const Command& command : group.commands) {
    std::string name = command.name;
    name.resize(width, ' ');
    text += "  " + name + command.summary + "\n";
  }
  for (const Group* sub : group.subgroups) {
    std::string name = sub->name;
    name.resize(width, ' ');
    text += "  " + name + sub->summary;
    text += " (csms " + path;
    text += " " + sub->name + " --help)\n";
  }
  text += "\nRun csms " + path +
          " COMMAND --help for a command's flags, csms --help for the global flags.\n";
  return text;
}

std::string CommandUsage(const Command& command) {
  return command.usage +
         "\nThe global flags (--endpoint, --region, --project-id, --output, --auth, ...) are\n"
         "accepted here too; see csms --help.\n";
}

bool TakesValue(const std::string& flag) {
  const auto& specs = GlobalFlagSpecs();
  return std::any_of(specs.begin(), specs.end(),
                     [&flag](const FlagSpec& s) { return s.name == flag && s.takes_value; });
}

// Returns the exit code, or throws for the caller to report.
int Dispatch(const std::vector<std::string>& args, GlobalOptions& globals, std::ostream& out,
             std::ostream& err) {
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
