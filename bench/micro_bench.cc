// Micro benchmarks of the SDK's hot path, one layer at a time, and of the
// whole client path over an in-memory transport (no network).
//
//   cmake --preset release && cmake --build --preset release -j2 --target csms_micro_bench
//   ./build/release/bench/csms_micro_bench

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "csms/csms.h"
#include "internal/error_mapping.h"
#include "internal/json_codec.h"
#include "internal/signer.h"
#include "seed_data.h"

namespace {

using csms_test::ReadTestData;
using csms_test::SeedRequest;

void BM_SignCreateRequest(benchmark::State& state) {
  const std::string body = csms::internal::EncodeCreateSecretEventBody(SeedRequest());
  const csms::HttpHeaders headers = {{"Host", "kms.cn-north-4.myhuaweicloud.com"},
                                     {"Content-Type", "application/json;charset=UTF-8"},
                                     {"X-Project-Id", "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70"},
                                     {"X-Sdk-Date", "20200212T112033Z"}};
  csms::internal::SigningInput input;
  input.method = "POST";
  input.path = "/v1/0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70/csms/events";
  input.headers = &headers;
  input.body = body;
  input.access_key = "AKTESTAKTESTAKTEST01";
  input.secret_key = "SKtestSKtestSKtestSKtestSKtestSKtest0001";
  for (auto _ : state) benchmark::DoNotOptimize(csms::internal::Sign(input));
}
BENCHMARK(BM_SignCreateRequest);

void BM_EncodeCreateBody(benchmark::State& state) {
  const auto request = SeedRequest();
  for (auto _ : state) {
    benchmark::DoNotOptimize(csms::internal::EncodeCreateSecretEventBody(request));
  }
}
BENCHMARK(BM_EncodeCreateBody);

void BM_DecodeEvent(benchmark::State& state) {
  const std::string body = ReadTestData("create_event_seed_response.json");
  for (auto _ : state) benchmark::DoNotOptimize(csms::internal::DecodeEventResponse(body));
}
BENCHMARK(BM_DecodeEvent);

void BM_DecodeEventPage50(benchmark::State& state) {
  const auto seed = nlohmann::json::parse(ReadTestData("create_event_seed_response.json"));
  nlohmann::json events = nlohmann::json::array();
  for (int i = 0; i < 50; ++i) {
    auto event = seed.at("event");
    event["name"] = "event-" + std::to_string(i);
    events.push_back(event);
  }
  const std::string body =
      nlohmann::json{{"events", events},
                     {"page_info", {{"next_marker", "event-49"}, {"current_count", 50}}}}
          .dump();
  for (auto _ : state) benchmark::DoNotOptimize(csms::internal::DecodeEventPageResponse(body));
}
BENCHMARK(BM_DecodeEventPage50);

void BM_DecodeErrorBody(benchmark::State& state) {
  csms::HttpResponse response;
  response.status_code = 404;
  response.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "0a1b2c3d"}};
  response.body = R"({"error":{"error_code":"CSMS.0005","error_msg":"The event does not exist"}})";
  for (auto _ : state) {
    benchmark::DoNotOptimize(csms::internal::DecodeErrorDetail(response));
    benchmark::DoNotOptimize(csms::internal::RequestIdOf(response));
  }
}
BENCHMARK(BM_DecodeErrorBody);

// Answers every request with the seed response, without I/O.
class CannedTransport : public csms::HttpTransport {
 public:
  explicit CannedTransport(std::string body) {
    response_.status_code = 200;
    response_.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "r"}};
    response_.body = std::move(body);
  }
  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    benchmark::DoNotOptimize(request.headers.data());
    return response_;
  }

 private:
  csms::HttpResponse response_;
};

void BM_ClientCreateInMemory(benchmark::State& state) {
  csms::ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
  options.credentials =
      csms::Credentials::AkSk("AKTESTAKTESTAKTEST01", "SKtestSKtestSKtestSKtestSKtestSKtest0001");
  options.transport =
      std::make_shared<CannedTransport>(ReadTestData("create_event_seed_response.json"));
  csms::CsmsClient client(options);
  const auto request = SeedRequest();
  for (auto _ : state) benchmark::DoNotOptimize(client.CreateSecretEvent(request));
}
BENCHMARK(BM_ClientCreateInMemory);

// Hooks that do nothing: what observing costs, not what an adapter does.
class NoOpTelemetry : public csms::Telemetry {};

// The in-memory ShowSecretEvent call three ways in one run: nothing observing
// (arg 0), CallOptions::metadata set (1), metadata and a no-op Telemetry (2),
// in the same run so that the machine's state is shared (docs/performance.md).
void BM_ClientCallObserved(benchmark::State& state) {
  const bool metadata_set = state.range(0) >= 1;
  const bool telemetry_set = state.range(0) >= 2;
  csms::ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
  options.credentials =
      csms::Credentials::AkSk("AKTESTAKTESTAKTEST01", "SKtestSKtestSKtestSKtestSKtestSKtest0001");
  options.transport =
      std::make_shared<CannedTransport>(ReadTestData("create_event_seed_response.json"));
  if (telemetry_set) options.telemetry = std::make_shared<NoOpTelemetry>();
  csms::CsmsClient client(options);
  csms::CallMetadata metadata;
  csms::CallOptions call;
  if (metadata_set) call.metadata = &metadata;
  for (auto _ : state) benchmark::DoNotOptimize(client.ShowSecretEvent("event-test", call));
  state.SetLabel(telemetry_set ? "metadata+telemetry" : metadata_set ? "metadata" : "unset");
}
BENCHMARK(BM_ClientCallObserved)->Arg(0)->Arg(1)->Arg(2);

}  // namespace

BENCHMARK_MAIN();
