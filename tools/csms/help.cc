#include "help.h"

#include <algorithm>
#include <cstddef>
#include <sstream>

#include "config.h"
#include "global_flags.h"

namespace csms_tool {

const std::vector<const Group*>& Groups() {
  static const std::vector<const Group*> kGroups = {
      &AuthGroup(), &EventsGroup(), &NotificationsGroup(), &RecordsGroup(), &SecretsGroup()};
  return kGroups;
}

const ToolText& Text() {
  static const ToolText kText{
      "csms [--endpoint URL | --region ID] [--project-id ID] [--output json|table]\n"
      "     [--auth password --user-name U --domain-name D [--password-file F]]\n"
      "     [--agency-name A --agency-domain-name D] GROUP COMMAND [ARGS]\n",

      "Manage Huawei Cloud CSMS secret events, their notification records, the\n"
      "secrets that subscribe to them and their versions; receive notifications.\n",

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
      "(https://iam.REGION.myhuaweicloud.com).\n",

      "Exit codes: 0 success, 1 service error, 2 usage, validation or credentials\n"
      "error (nothing was sent), 3 transport error (no response).\n"};
  return kText;
}

std::string GlobalUsage() {
  const ToolText& text = Text();
  // The synopsis' second line lines up under the first's flags.
  std::string usage = "usage: " + text.synopsis.substr(0, text.synopsis.find('\n') + 1);
  for (std::size_t at = text.synopsis.find('\n') + 1; at < text.synopsis.size();) {
    const std::size_t end = text.synopsis.find('\n', at);
    usage += "       " + text.synopsis.substr(at, end + 1 - at);
    at = end + 1;
  }
  usage += "\n" + text.description + "\nGroups:\n";
  std::size_t width = 10;  // as wide as the longest name, and two spaces more
  for (const Group* group : Groups()) width = std::max(width, group->name.size() + 2);
  for (const Group* group : Groups()) {
    std::string name = group->name;
    name.resize(width, ' ');
    usage += "  " + name + group->summary + "\n";
  }
  usage += "\nGlobal flags (before GROUP, or after the command):\n";
  std::size_t flag_width = 0;  // the longest title, and two spaces more
  for (const GlobalFlag& flag : GlobalFlags()) {
    flag_width = std::max(flag_width, FlagTitle(flag).size() + 2);
  }
  for (const GlobalFlag& flag : GlobalFlags()) {
    std::string title = FlagTitle(flag);
    title.resize(flag_width, ' ');
    for (const std::string& line : flag.help) {
      usage += "  " + title;
      usage += line + "\n";
      title.assign(flag_width, ' ');
    }
  }
  usage += "\n" + text.credentials + "\n" + text.exit_codes +
           "\nRun csms GROUP --help for a group's commands.\n";
  return usage;
}

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
  std::string names;
  for (const FlagSpec& spec : GlobalFlagSpecs()) names += (names.empty() ? "" : ", ") + spec.name;
  // Words wrapped at 79 columns: the list grows with the global flags.
  std::string text = command.usage + "\n";
  std::string line;
  std::istringstream words("The global flags (" + names +
                           ") are accepted here too; see csms --help.");
  for (std::string word; words >> word;) {
    if (!line.empty() && line.size() + 1 + word.size() > 79) {
      text += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return text + line + "\n";
}

}  // namespace csms_tool
