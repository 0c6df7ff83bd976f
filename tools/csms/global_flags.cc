#include "global_flags.h"

#include "config.h"

namespace csms_tool {

const std::vector<GlobalFlag>& GlobalFlags() {
  static const std::vector<GlobalFlag> kFlags = {
      {{"--endpoint"},
       "",
       "URL",
       {"service endpoint (env CSMS_ENDPOINT), e.g.",
        "https://kms.cn-north-4.myhuaweicloud.com, or", "http://127.0.0.1:PORT for the emulator"}},
      {{"--region"},
       "",
       "ID",
       {"region id (env CSMS_REGION); its endpoints come from",
        "HUAWEICLOUD_SDK_REGION_CSMS_ID, the regions file or", "the built-in list"}},
      {{"--project-id"},
       "",
       "ID",
       {"project id, 32 to 64 hex characters (env HUAWEICLOUD_SDK_PROJECT_ID);",
        "without it the project named after the region is looked up",
        "on IAM (the region from --region, or CSMS_REGION with --endpoint)"}},
      {{"--output"},
       "",
       "FORMAT",
       {"table (default, for people) or json (the service's JSON)"},
       false,
       {"json", "table"}},
      {{"--auth"},
       "",
       "password",
       {"an IAM token for --user-name U of --domain-name D (account),",
        "the password read from --password-file F, else prompted",
        "without echo on a terminal; never --password on the command line"},
       false,
       {"password"}},
      {{"--user-name"}, "", "U", {"the IAM user of --auth password"}},
      {{"--domain-name"}, "", "D", {"the account (domain) of that user"}},
      {{"--password-file"}, "", "F", {"the password of --auth password: the file's first line"}},
      {{"--agency-name"},
       "",
       "A",
       {"temporary keys of agency A of account --agency-domain-name D,",
        "assumed with the credentials otherwise used (renewed before they expire)"}},
      {{"--agency-domain-name"}, "", "D", {"the account that owns the agency of --agency-name"}},
      {{"--help", false}, "-h", "", {"help; also after GROUP and after COMMAND"}, true},
      {{"--version", false}, "", "", {"print the version"}, true},
  };
  return kFlags;
}

std::string FlagTitle(const GlobalFlag& flag) {
  std::string title = flag.short_name.empty() ? "" : flag.short_name + ", ";
  title += flag.spec.name;
  if (!flag.argument.empty()) title += " " + flag.argument;
  return title;
}

const std::vector<FlagSpec>& GlobalFlagSpecs() {
  static const std::vector<FlagSpec> kSpecs = [] {
    std::vector<FlagSpec> specs;
    for (const GlobalFlag& flag : GlobalFlags()) {
      if (!flag.dispatch_only) specs.push_back(flag.spec);
    }
    return specs;
  }();
  return kSpecs;
}

}  // namespace csms_tool
