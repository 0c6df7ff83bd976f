#include "emulator_test_support.h"

#include <csignal>
#include <stdexcept>

namespace csms_emu_test {
namespace {

// The in-process server writes with plain send(): a test client that hangs up
// early (the fault tests do) would otherwise raise SIGPIPE and end the binary.
// The library leaves signal handling to the program that embeds it.
const bool kSigpipeIgnored = [] {
  std::signal(SIGPIPE, SIG_IGN);
  return true;
}();

}  // namespace

Harness::Harness(csms::EmulatorOptions options) {
  options.host = "127.0.0.1";
  options.port = 0;
  if (options.project_id.empty()) options.project_id = kProject;
  emulator_ = std::make_unique<csms::Emulator>(std::move(options));
  emulator_->Start();
  client_ = NewClient();
}

std::unique_ptr<httplib::Client> Harness::NewClient() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", emulator_->port());
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(10, 0);
  client->set_write_timeout(10, 0);
  client->set_keep_alive(true);  // like the SDK: one connection for many requests
  client->set_tcp_nodelay(true);
  return client;
}

std::string Harness::Path(const std::string& tail) { return "/v1/" + kProject + "/" + tail; }

httplib::Result Harness::Get(const std::string& tail) { return client_->Get(Path(tail)); }

httplib::Result Harness::Post(const std::string& tail, const std::string& body) {
  return client_->Post(Path(tail), body, "application/json;charset=UTF-8");
}

httplib::Result Harness::Put(const std::string& tail, const std::string& body) {
  return client_->Put(Path(tail), body, "application/json;charset=UTF-8");
}

httplib::Result Harness::Delete(const std::string& tail) { return client_->Delete(Path(tail)); }

nlohmann::json EventBody(const std::string& name, const std::vector<std::string>& types,
                         const std::string& state) {
  return nlohmann::json{{"name", name},
                        {"event_types", types},
                        {"state", state},
                        {"notification",
                         {{"target_type", "SMN"},
                          {"target_id", "urn:smn:cn-north-4:0b3c1f3e:topic-1"},
                          {"target_name", "topic-1"}}}};
}

nlohmann::json BodyJson(const httplib::Result& result) {
  if (!result) return nullptr;
  nlohmann::json parsed = nlohmann::json::parse(result->body, nullptr, false);
  if (parsed.is_discarded()) return nullptr;
  return parsed;
}

std::string NestedCode(const httplib::Result& result) {
  const nlohmann::json body = BodyJson(result);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "<none>";
  return body["error"].value("error_code", "<none>");
}

std::string FlatCode(const httplib::Result& result) {
  const nlohmann::json body = BodyJson(result);
  if (!body.is_object() || body.contains("error")) return "<none>";
  return body.value("error_code", "<none>");
}

}  // namespace csms_emu_test
