#ifndef CSMS_TOOLS_CSMS_COMMAND_H_
#define CSMS_TOOLS_CSMS_COMMAND_H_

// The shape every command group shares, so that cli.cc can dispatch, check
// arguments and print help uniformly.

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "args.h"
#include "config.h"
#include "csms/client.h"

namespace csms_tool {

/// What a command runs with: the output settings and a client that is built on
/// first use, after the arguments have been checked.
class Context {
 public:
  Context(GlobalOptions globals, std::ostream& out) : globals_(std::move(globals)), out_(out) {}

  OutputFormat output() const { return globals_.output; }
  bool json() const { return globals_.output == OutputFormat::kJson; }
  std::ostream& out() { return out_; }

  const GlobalOptions& globals() const { return globals_; }

  /// @throws UsageError or csms::ConfigurationError when the configuration is
  ///         unusable, csms::CredentialsError when no credentials can be had.
  csms::CsmsClient& client() {
    if (!client_) {
      csms::ClientOptions options = BuildClientOptions(globals_);
      const auto provider = options.credentials_provider;
      client_.emplace(std::move(options));
      // Resolved once, now, rather than by each attempt of the first call: a
      // chain with nothing to give (or a broken profile) is one clear error,
      // not the same search retried with backoff. The provider keeps what it
      // found, so the client's own Get() fetches nothing again.
      try {
        provider->Get();
      } catch (...) {
        client_.reset();
        throw;
      }
    }
    return *client_;
  }

 private:
  GlobalOptions globals_;
  std::ostream& out_;
  std::optional<csms::CsmsClient> client_;
};

struct Command {
  std::string name;
  std::string summary;  // one line, for the group's help
  std::string usage;    // the full help text
  std::vector<FlagSpec> flags;
  std::vector<std::string> positionals;  // names of the required positional arguments
  std::function<void(const ParsedArgs&, Context&)> run;
};

struct Group {
  std::string name;
  std::string summary;
  std::vector<Command> commands;
};

const Group& AuthGroup();
const Group& EventsGroup();
const Group& RecordsGroup();
const Group& SecretsGroup();

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_COMMAND_H_
