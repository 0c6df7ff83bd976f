#include "completion.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include "command.h"
#include "config.h"
#include "csms/client.h"
#include "global_flags.h"
#include "help.h"

namespace csms_tool {
namespace {

enum class Names { kNone, kEvents, kSecrets };

// A page is enough to pick from; more would only make the shell wait.
constexpr int kNamesPageSize = 100;

// Names from the service, or nothing: a completion must never hang the shell
// or print an error into it, so a short connect timeout, one attempt and a
// deadline for the whole call (the script adds an outer bound).
std::vector<std::string> ServiceNames(Names kind, const ParsedArgs& global_values) {
  std::vector<std::string> names;
  if (kind == Names::kNone) return names;
  try {
    GlobalOptions globals;
    ApplyGlobalFlags(global_values, globals);
    csms::ClientOptions options = BuildClientOptions(globals);
    options.connect_timeout = std::chrono::milliseconds(1000);
    options.request_timeout = std::chrono::milliseconds(2000);
    options.call_deadline = std::chrono::milliseconds(2000);
    options.retry.max_attempts = 1;
    csms::CsmsClient client(std::move(options));
    if (kind == Names::kEvents) {
      csms::ListSecretEventsRequest request;
      request.limit = kNamesPageSize;
      for (const auto& event : client.ListSecretEvents(request).events) {
        names.push_back(event.name);
      }
    } else {
      csms::ListSecretsRequest request;
      request.limit = kNamesPageSize;
      for (const auto& secret : client.ListSecrets(request).secrets) names.push_back(secret.name);
    }
  } catch (const std::exception&) {
    names.clear();
  }
  return names;
}

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const FlagSpec* FindSpec(const std::vector<FlagSpec>& specs, const std::string& name) {
  auto it = std::find_if(specs.begin(), specs.end(),
                         [&name](const FlagSpec& spec) { return spec.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

bool IsGlobal(const std::string& name) { return FindSpec(GlobalFlagSpecs(), name) != nullptr; }

// The values of a flag, where the tool knows them.
std::vector<std::string> FlagValues(const std::string& flag, const ParsedArgs& global_values) {
  // First: a global flag such as --password-file has no listed values.
  if (EndsWith(flag, "-file")) return {kCompleteFiles};
  for (const GlobalFlag& global : GlobalFlags()) {
    if (global.spec.name == flag) return global.values;
  }
  if (flag == "--type") {
    std::vector<std::string> types;
    for (const csms::EventType* type :
         {&csms::EventType::kSecretVersionCreated, &csms::EventType::kSecretVersionExpired,
          &csms::EventType::kSecretRotated, &csms::EventType::kSecretDeleted,
          &csms::EventType::kSecretRotatedFailed}) {
      types.push_back(type->value());
    }
    return types;
  }
  if (flag == "--state") return {"ENABLED", "DISABLED"};
  if (flag == "--subscribe" || flag == "--event")
    return ServiceNames(Names::kEvents, global_values);
  return {};
}

}  // namespace

std::vector<std::string> Complete(const std::vector<std::string>& words) {
  const std::string current = words.empty() ? "" : words.back();
  const Group* group = nullptr;
  const Command* command = nullptr;
  std::vector<FlagSpec> specs = GlobalFlagSpecs();
  ParsedArgs global_values;  // for the service listing: --endpoint, --project-id ...
  std::string pending;       // a flag whose value is the next word
  std::size_t positionals = 0;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& word = words[i];
    if (!pending.empty()) {
      if (IsGlobal(pending)) global_values.Add(pending, word);
      pending.clear();
    } else if (StartsWith(word, "--")) {
      const std::size_t equals = word.find('=');
      const std::string name = word.substr(0, equals);
      const FlagSpec* spec = FindSpec(specs, name);
      if (equals != std::string::npos) {
        if (IsGlobal(name)) global_values.Add(name, word.substr(equals + 1));
      } else if (spec != nullptr && spec->takes_value) {
        pending = name;
      }
    } else if (StartsWith(word, "-")) {
      continue;  // -h
    } else if (group == nullptr) {
      auto it = std::find_if(Groups().begin(), Groups().end(),
                             [&word](const Group* g) { return g->name == word; });
      if (it == Groups().end()) return {};
      group = *it;
    } else if (command == nullptr) {
      auto sub = std::find_if(group->subgroups.begin(), group->subgroups.end(),
                              [&word](const Group* g) { return g->name == word; });
      if (sub != group->subgroups.end()) {
        group = *sub;
        continue;
      }
      auto it = std::find_if(group->commands.begin(), group->commands.end(),
                             [&word](const Command& c) { return c.name == word; });
      if (it == group->commands.end()) return {};
      command = &*it;
      specs.insert(specs.end(), command->flags.begin(), command->flags.end());
    } else {
      ++positionals;
    }
  }

  std::vector<std::string> candidates;
  if (!pending.empty()) {
    candidates = FlagValues(pending, global_values);
    if (candidates.size() == 1 && candidates[0] == kCompleteFiles) return candidates;
  } else if (StartsWith(current, "-")) {
    for (const FlagSpec& spec : specs) candidates.push_back(spec.name);
    candidates.push_back("--help");
    if (group == nullptr) candidates.push_back("--version");
  } else if (group == nullptr) {
    for (const Group* g : Groups()) candidates.push_back(g->name);
  } else if (command == nullptr) {
    for (const Command& c : group->commands) candidates.push_back(c.name);
    for (const Group* sub : group->subgroups) candidates.push_back(sub->name);
  } else if (positionals == 0 && !command->positionals.empty() &&
             command->positionals[0] == "NAME" &&
             !(group == &SecretsGroup() && command->name == "create")) {
    // An existing event's or secret's name (secrets create names a new one).
    const Group& events = EventsGroup();
    candidates = ServiceNames(group == &events ? Names::kEvents : Names::kSecrets, global_values);
  }
  std::vector<std::string> matching;
  for (const std::string& candidate : candidates) {
    if (StartsWith(candidate, current)) matching.push_back(candidate);
  }
  return matching;
}

}  // namespace csms_tool
