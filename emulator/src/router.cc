#include "router.h"

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_encoding.h"
#include "percent_encoding.h"
#include "service_error.h"
#include "validation.h"
#include "version_request.h"

namespace csms::emu {
namespace {

// The error body shape differs by operation family (the service documents
// {"error": {...}} for events and records, flat error_code/error_msg for secrets).
enum class Family { kEvents, kRecords, kSecrets };

struct ParsedTarget {
  std::vector<std::string> segments;         // decoded, without the empty leading one
  std::map<std::string, std::string> query;  // first value of each key
};

ParsedTarget ParseTarget(const std::string& target) {
  ParsedTarget parsed;
  const std::size_t question = target.find('?');
  const std::string path = target.substr(0, question);
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    parsed.segments.push_back(PercentDecode(path.substr(start, end - start)));
    start = end + 1;
  }
  // "/a/b/" and "/a/b" name the same resource.
  if (!parsed.segments.empty() && parsed.segments.front().empty()) {
    parsed.segments.erase(parsed.segments.begin());
  }
  if (!parsed.segments.empty() && parsed.segments.back().empty()) parsed.segments.pop_back();
  if (question != std::string::npos) {
    for (auto& [key, value] : ParseQuery(target.substr(question + 1))) {
      parsed.query.emplace(std::move(key), std::move(value));
    }
  }
  return parsed;
}

std::optional<std::string> QueryValue(const ParsedTarget& target, const char* key) {
  const auto it = target.query.find(key);
  if (it == target.query.end()) return std::nullopt;
  return it->second;
}

RouteResult Json(const nlohmann::json& body) { return RouteResult{200, body.dump()}; }

std::string ValidPathName(const std::string& name) {
  if (!IsValidName(name))
    throw InvalidParameter("the name in the path must match ^[a-zA-Z0-9_-]{1,64}$");
  return name;
}

PageRequest EventPageRequest(const ParsedTarget& target) {
  PageRequest request;
  request.limit = ParseLimit(QueryValue(target, "limit"));
  request.marker = QueryValue(target, "marker").value_or("");
  if (!request.marker.empty() && !IsValidEventMarker(request.marker)) {
    throw InvalidParameter("marker must match ^[a-zA-Z0-9._-]{1,64}$");
  }
  return request;
}

PageRequest SecretPageRequest(const ParsedTarget& target) {
  PageRequest request;
  request.limit = ParseLimit(QueryValue(target, "limit"));
  request.marker = QueryValue(target, "marker").value_or("");
  if (!request.marker.empty() && !IsValidName(request.marker)) {
    throw InvalidParameter("marker must match ^[a-zA-Z0-9_-]{1,64}$");
  }
  return request;
}

RouteResult HandleEvents(Store& store, const std::string& method, const ParsedTarget& target,
                         const std::string& body, const std::vector<std::string>& rest,
                         bool& routed) {
  routed = true;
  if (rest.size() == 2 && method == "POST") {
    const EventData event = store.CreateEvent(ParseCreateEvent(ParseJsonObject(body)));
    return Json({{"event", EventToJson(event)}});
  }
  if (rest.size() == 2 && method == "GET") {
    const Page<EventData> page = store.ListEvents(EventPageRequest(target));
    nlohmann::json events = nlohmann::json::array();
    for (const auto& event : page.items) events.push_back(EventToJson(event));
    return Json(
        {{"events", events},
         {"page_info", PageInfoToJson(page.next_marker, page.previous_marker, page.items.size())}});
  }
  if (rest.size() == 3) {
    const std::string name = ValidPathName(rest[2]);
    if (method == "GET") return Json({{"event", EventToJson(store.ShowEvent(name))}});
    if (method == "PUT") {
      const EventUpdate update = ParseUpdateEvent(ParseJsonObject(body), name);
      return Json({{"event", EventToJson(store.UpdateEvent(name, update))}});
    }
    if (method == "DELETE") {
      store.DeleteEvent(name);
      return RouteResult{204, ""};
    }
  }
  routed = false;
  return {};
}

RouteResult HandleRecords(Store& store, const std::string& method, bool& routed) {
  routed = method == "GET";
  if (!routed) return {};
  const std::vector<RecordData> records = store.ListRecords();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& record : records) items.push_back(RecordToJson(record));
  return Json({{"records", items},
               {"page_info", PageInfoToJson(std::nullopt, std::nullopt, records.size())}});
}

RouteResult HandleSecrets(Store& store, const std::string& method, const ParsedTarget& target,
                          const std::string& body, const std::vector<std::string>& rest,
                          bool& routed) {
  routed = true;
  if (rest.size() == 1 && method == "POST") {
    const SecretData secret = store.CreateSecret(ParseCreateSecret(ParseJsonObject(body)));
    return Json({{"secret", SecretToJson(secret)}});
  }
  if (rest.size() == 1 && method == "GET") {
    std::optional<std::string> event_name = QueryValue(target, "event_name");
    if (event_name && event_name->empty()) event_name.reset();
    if (event_name && event_name->size() > 64) {
      throw InvalidParameter("event_name may have at most 64 characters");
    }
    const Page<SecretData> page = store.ListSecrets(SecretPageRequest(target), event_name);
    nlohmann::json secrets = nlohmann::json::array();
    for (const auto& secret : page.items) secrets.push_back(SecretToJson(secret));
    return Json(
        {{"secrets", secrets},
         {"page_info", PageInfoToJson(page.next_marker, page.previous_marker, page.items.size())}});
  }
  if (rest.size() == 2) {
    const std::string name = ValidPathName(rest[1]);
    if (method == "GET") return Json({{"secret", SecretToJson(store.ShowSecret(name))}});
    if (method == "PUT") {
      const SecretUpdate update = ParseUpdateSecret(ParseJsonObject(body));
      return Json({{"secret", SecretToJson(store.UpdateSecret(name, update))}});
    }
    if (method == "DELETE") {
      store.DeleteSecret(name);
      return RouteResult{200, ""};
    }
  }
  routed = false;
  return {};
}

PageRequest VersionPageRequest(const ParsedTarget& target) {
  PageRequest request;
  request.limit = ParseLimit(QueryValue(target, "limit"));
  request.marker = QueryValue(target, "marker").value_or("");
  if (!request.marker.empty()) ValidVersionId(request.marker, false);
  return request;
}

// /secrets/{name}/versions[/{id}], /rotate, /scheduled-deleted-tasks/{create,cancel}.
RouteResult HandleSecretLifecycle(Store& store, const std::string& method,
                                  const ParsedTarget& target, const std::string& body,
                                  const std::vector<std::string>& rest, bool& routed) {
  routed = true;
  const std::string name = ValidPathName(rest[1]);
  if (rest[2] == "versions" && rest.size() == 3) {
    if (method == "POST") {
      const VersionData version =
          store.CreateVersion(name, ParseCreateSecretVersion(ParseJsonObject(body)));
      return Json({{"version_metadata", VersionMetadataToJson(store.ShowSecret(name), version)}});
    }
    if (method == "GET") {
      const Page<VersionData> page = store.ListVersions(name, VersionPageRequest(target));
      const SecretData secret = store.ShowSecret(name);
      nlohmann::json versions = nlohmann::json::array();
      for (const auto& version : page.items) {
        versions.push_back(VersionMetadataToJson(secret, version));
      }
      return Json({{"version_metadatas", versions},
                   {"page_info",
                    PageInfoToJson(page.next_marker, page.previous_marker, page.items.size())}});
    }
  }
  if (rest[2] == "versions" && rest.size() == 4) {
    if (method == "GET") {
      const VersionData version = store.ShowVersion(name, ValidVersionId(rest[3], true));
      return Json({{"version", VersionWithValueToJson(store.ShowSecret(name), version)}});
    }
    if (method == "PUT") {
      const std::string id = ValidVersionId(rest[3], true);
      const VersionData version =
          store.UpdateVersion(name, id, ParseUpdateVersion(ParseJsonObject(body)));
      return Json({{"version_metadata", VersionMetadataToJson(store.ShowSecret(name), version)}});
    }
  }
  if (rest[2] == "rotate" && rest.size() == 3 && method == "POST") {
    const Store::Rotation rotation = store.RotateSecret(name);
    return Json({{"version_id", rotation.version_id},
                 {"secret_name", name},
                 {"rotation_task_id", rotation.task_id}});
  }
  if (rest[2] == "scheduled-deleted-tasks" && rest.size() == 4 && method == "POST") {
    if (rest[3] == "create") {
      const int days = ParseDeleteForSchedule(ParseJsonObject(body));
      return Json({{"secret", SecretToJson(store.ScheduleDeletion(name, days))}});
    }
    if (rest[3] == "cancel") return Json({{"secret", SecretToJson(store.CancelDeletion(name))}});
  }
  routed = false;
  return {};
}

RouteResult NoSuchApi(const std::string& request_id) {
  // What the API gateway answers for a path or method it does not publish.
  return RouteResult{404, GatewayErrorBody("APIGW.0101",
                                           "The API does not exist or has not been published in "
                                           "the environment",
                                           request_id)};
}

}  // namespace

Router::Router(std::string project_id, Store& store)
    : project_id_(std::move(project_id)), store_(store) {}

RouteResult Router::Handle(const std::string& method, const std::string& target,
                           const std::string& body, const std::string& request_id) const {
  const ParsedTarget parsed = ParseTarget(target);
  const auto& segments = parsed.segments;
  if (segments.size() < 3 || segments[0] != "v1") return NoSuchApi(request_id);
  const std::vector<std::string> rest(segments.begin() + 2, segments.end());

  Family family;
  if (rest[0] == "secrets" && rest.size() <= 4) {
    family = Family::kSecrets;
  } else if (rest.size() >= 2 && rest.size() <= 3 && rest[0] == "csms" && rest[1] == "events") {
    family = Family::kEvents;
  } else if (rest.size() == 2 && rest[0] == "csms" && rest[1] == "notification-records") {
    family = Family::kRecords;
  } else {
    return NoSuchApi(request_id);
  }

  try {
    if (segments[1] != project_id_) {
      throw NotFound("The project [" + segments[1] + "] does not exist");
    }
    bool routed = false;
    RouteResult result;
    switch (family) {
      case Family::kEvents:
        result = HandleEvents(store_, method, parsed, body, rest, routed);
        break;
      case Family::kRecords:
        result = HandleRecords(store_, method, routed);
        break;
      case Family::kSecrets:
        result = rest.size() <= 2
                     ? HandleSecrets(store_, method, parsed, body, rest, routed)
                     : HandleSecretLifecycle(store_, method, parsed, body, rest, routed);
        break;
    }
    if (!routed) return NoSuchApi(request_id);
    return result;
  } catch (const ServiceError& error) {
    const std::string body_text = family == Family::kSecrets
                                      ? FlatErrorBody(error.code(), error.what())
                                      : NestedErrorBody(error.code(), error.what());
    return RouteResult{error.status(), body_text};
  }
}

}  // namespace csms::emu
