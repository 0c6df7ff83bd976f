#ifndef CSMS_EMULATOR_SRC_ROUTER_H_
#define CSMS_EMULATOR_SRC_ROUTER_H_

// Maps an authenticated HTTP request to a Store operation and encodes the answer
// in the body shape of the operation's family. Knows nothing about sockets.

#include <string>

#include "store.h"

namespace csms::emu {

struct RouteResult {
  int status = 200;
  std::string body;  // empty: no body (and no Content-Type)
};

class Router {
 public:
  /// `store` must outlive the router.
  Router(std::string project_id, Store& store);

  /// `target` is the raw request target (path and query as received).
  RouteResult Handle(const std::string& method, const std::string& target, const std::string& body,
                     const std::string& request_id) const;

 private:
  std::string project_id_;
  Store& store_;
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_ROUTER_H_
