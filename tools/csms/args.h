#ifndef CSMS_TOOLS_CSMS_ARGS_H_
#define CSMS_TOOLS_CSMS_ARGS_H_

// Hand-written command-line parsing: flags are declared per command, so that a
// typo is reported instead of silently ignored.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace csms_tool {

/// The command line cannot be understood; nothing was sent. Exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One flag a command accepts.
struct FlagSpec {
  std::string name;         // with the dashes: "--name"
  bool takes_value = true;  // false for switches such as --all
  bool repeatable = false;  // true for --type
};

/// Flags and positional arguments of one command, in the order given.
class ParsedArgs {
 public:
  bool Has(const std::string& flag) const { return values_.count(flag) != 0; }
  /// The value of a single-valued flag, or nullopt when absent.
  std::optional<std::string> Get(const std::string& flag) const;
  /// Every value of a repeatable flag, in order; empty when absent.
  std::vector<std::string> GetAll(const std::string& flag) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  void Add(const std::string& flag, std::string value) {
    values_[flag].push_back(std::move(value));
  }
  void AddPositional(std::string value) { positionals_.push_back(std::move(value)); }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

/// Whether args asks for help (-h or --help before any "--").
bool WantsHelp(const std::vector<std::string>& args);

/// Parses args against specs. Accepts "--flag value" and "--flag=value"; a
/// lone "--" ends the flags, so that later arguments are positional even when
/// they start with a dash. context names the command in error messages
/// ("events create").
/// @throws UsageError for an unknown flag, a missing value, or a single-valued
///         flag given twice.
ParsedArgs ParseArgs(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                     const std::string& context);

/// The value of --limit as a number, or nullopt when absent.
/// @throws UsageError when it is not a plain decimal number.
std::optional<int> ParseLimitFlag(const ParsedArgs& args);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_ARGS_H_
