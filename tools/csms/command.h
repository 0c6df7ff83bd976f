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
  Context(GlobalOptions globals, std::ostream& out, std::ostream& err)
      : globals_(std::move(globals)), out_(out), err_(err) {}

  OutputFormat output() const { return globals_.output; }
  bool json() const { return globals_.output == OutputFormat::kJson; }
  std::ostream& out() { return out_; }
  /// For what a long-running command reports along the way (notifications
  /// listen); a command's final error goes through ReportError instead.
  std::ostream& err() { return err_; }

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
  std::ostream& err_;
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
  /// Groups reached through this one ("secrets versions create"), listed in
  /// its help after the commands.
  std::vector<const Group*> subgroups = {};
};

const Group& AuthGroup();
const Group& EventsGroup();
const Group& RecordsGroup();
const Group& SecretsGroup();
const Group& SecretVersionsGroup();  // "versions", under secrets
const Group& NotificationsGroup();

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_COMMAND_H_
