#include "args.h"

#include <algorithm>

namespace csms_tool {

std::optional<std::string> ParsedArgs::Get(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::GetAll(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return {};
  return it->second;
}

bool WantsHelp(const std::vector<std::string>& args) {
  for (const auto& arg : args) {
    if (arg == "--") return false;
    if (arg == "-h" || arg == "--help") return true;
  }
  return false;
}

ParsedArgs ParseArgs(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                     const std::string& context) {
  ParsedArgs parsed;
  const std::string try_help =
      context.empty() ? "; try csms --help" : "; try csms " + context + " --help";
  bool flags_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || arg.size() < 2 || arg[0] != '-') {
      parsed.AddPositional(arg);
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); arg.compare(0, 2, "--") == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    auto spec = std::find_if(specs.begin(), specs.end(),
                             [&name](const FlagSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      throw UsageError("unknown flag \"" + name + "\"" +
                       (context.empty() ? "" : " for \"" + context + "\"") + try_help);
    }
    if (!spec->repeatable && parsed.Has(name)) {
      throw UsageError(name + " given more than once" + try_help);
    }
    if (!spec->takes_value) {
      if (inline_value) throw UsageError(name + " takes no value" + try_help);
      parsed.Add(name, "");
      continue;
    }
    if (inline_value) {
      parsed.Add(name, *inline_value);
      continue;
    }
    if (i + 1 >= args.size()) throw UsageError(name + " needs a value" + try_help);
    parsed.Add(name, args[++i]);
  }
  return parsed;
}

std::optional<int> ParseLimitFlag(const ParsedArgs& args) {
  auto value = args.Get("--limit");
  if (!value) return std::nullopt;
  // Digits only; the range (1 to 9999) is the SDK's to check.
  if (value->empty() || value->size() > 9 ||
      value->find_first_not_of("0123456789") != std::string::npos) {
    throw UsageError("invalid --limit \"" + *value + "\": expected a number such as 50");
  }
  return std::stoi(*value);
}

}  // namespace csms_tool
