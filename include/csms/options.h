#ifndef CSMS_OPTIONS_H_
#define CSMS_OPTIONS_H_

/// @file
/// Client configuration.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "csms/credentials.h"
#include "csms/http.h"
#include "csms/models.h"

namespace csms {

/// Everything CsmsClient needs to know. CsmsClient checks it at construction and
/// throws ConfigurationError naming the first problem.
struct ClientOptions {
  /// A Huawei Cloud region id, e.g. "cn-north-4". The endpoint is then
  /// https://kms.{region}.myhuaweicloud.com (CSMS is served by the KMS host).
  std::string region;
  /// Overrides region. Must be https, except plain http to 127.0.0.1, ::1 or
  /// localhost (the emulator). No path, query or credentials in it.
  std::string endpoint;
  /// The project id: 32 to 64 hexadecimal characters. Required.
  std::string project_id;
  /// How to authenticate. Required (use Credentials::Anonymous() for an emulator
  /// that checks nothing).
  Credentials credentials;

  /// Time allowed to connect (TCP and TLS). Must be positive.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  /// Default total time for one HTTP exchange; CallOptions::timeout overrides it.
  /// Must be positive.
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};

  /// PEM bundle of trusted CAs for TLS; empty means the system store.
  /// Verification of the server certificate and host name is always on.
  std::string ca_file;
  /// Directory of hashed CA certificates; empty means the system store.
  std::string ca_path;
  /// Proxy URL, e.g. "http://proxy.example.com:3128"; empty means none.
  std::string proxy;
  /// Hosts that bypass the proxy, comma-separated.
  std::string no_proxy;

  /// Appended to the SDK's User-Agent ("csms-sdk-cpp/VERSION suffix").
  std::string user_agent_suffix;

  /// The HTTP transport; empty means MakeCurlTransport() built from the
  /// timeout, TLS and proxy settings above (which a custom transport ignores).
  std::shared_ptr<HttpTransport> transport;

  /// The clock used for X-Sdk-Date; empty means the system clock. Tests set it
  /// to produce reproducible signatures.
  std::function<Timestamp()> clock;

  /// Reads CSMS_ENDPOINT, CSMS_REGION, HUAWEICLOUD_SDK_PROJECT_ID and the
  /// credentials of Credentials::FromEnvironment(). Unset variables leave their
  /// fields empty; CsmsClient reports what is missing.
  /// @throws ConfigurationError when the credential variables are unusable.
  static ClientOptions FromEnvironment();
};

/// The endpoint of a region, e.g. "https://kms.cn-north-4.myhuaweicloud.com".
/// @throws ConfigurationError for a region id that is not in the SDK's region list.
std::string EndpointForRegion(const std::string& region);

}  // namespace csms

#endif  // CSMS_OPTIONS_H_
