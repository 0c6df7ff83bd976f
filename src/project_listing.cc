#include "internal/project_listing.h"

#include <vector>

#include "csms/errors.h"
#include "internal/json_fields.h"
#include "internal/json_reader.h"
#include "internal/validation.h"

namespace csms {
namespace internal {
namespace {

bool IsHexId(const std::string& id) {
  if (id.size() < 32 || id.size() > 64) return false;
  for (char c : id) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

}  // namespace

std::string ProjectIdFromListing(std::string_view body, const std::string& region) {
  JsonReader reader(body);
  std::vector<std::string> ids;
  bool has_projects = false;
  ReadObjectBody(reader, [&](std::string_view key) {
    if (key != "projects") {
      reader.Skip();
      return;
    }
    has_projects = true;
    ReadArray(reader, "", "projects", [&] {
      std::string id;
      std::string name;
      ReadObject(reader, "projects[]", "", [&](std::string_view member) {
        if (member == "id") {
          id = ReadString(reader, "projects[]", "id");
        } else if (member == "name") {
          name = ReadString(reader, "projects[]", "name");
        } else {
          reader.Skip();
        }
      });
      // IAM filters by name already; a gateway or an older IAM that ignores
      // the query must not make another project this client's.
      if (name == region) ids.push_back(std::move(id));
    });
  });
  if (!has_projects) throw DecodeError("the body has no \"projects\" array");
  if (ids.empty()) {
    throw ConfigurationError("project id discovery: IAM shows these credentials no project named " +
                             QuoteForMessage(region) + "; " + kSetProjectIdHint);
  }
  if (ids.size() > 1) {
    std::string list;
    for (const std::string& id : ids) {
      if (!list.empty()) list += ", ";
      list += QuoteForMessage(id);
    }
    throw ConfigurationError("project id discovery: IAM shows " + std::to_string(ids.size()) +
                             " projects named " + QuoteForMessage(region) + " (" + list + "); " +
                             kSetProjectIdHint + " to the one to use");
  }
  if (!IsHexId(ids.front())) {
    throw DecodeError("projects[].id is not a project id (32 to 64 hexadecimal characters)");
  }
  return ids.front();
}

}  // namespace internal
}  // namespace csms
