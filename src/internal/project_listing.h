#ifndef CSMS_SRC_INTERNAL_PROJECT_LISTING_H_
#define CSMS_SRC_INTERNAL_PROJECT_LISTING_H_

// IAM's answer to GET /v3/projects?name={region}, reduced to the one project
// id a client can use.

#include <string>
#include <string_view>

namespace csms {
namespace internal {

/// What to set instead of discovering, as messages name it.
inline constexpr const char* kSetProjectIdHint =
    "set the project id (ClientOptions::project_id, HUAWEICLOUD_SDK_PROJECT_ID, or csms "
    "--project-id)";

/// The id of the one project named `region` in body
/// ({"projects": [{"id", "name", ...}], "links": {...}}).
/// @throws ConfigurationError when no project or several have that name
///         (saying which, and what to set), DecodeError when body is not that
///         shape or the id is not 32 to 64 hexadecimal characters.
std::string ProjectIdFromListing(std::string_view body, const std::string& region);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_PROJECT_LISTING_H_
