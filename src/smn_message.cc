// ParseSmnMessage: the body of an HTTP(S) message SMN pushes to an endpoint.
// docs/notifications.md has the wire table; the verifier is src/smn_verifier.cc.

#include <array>
#include <string>
#include <string_view>

#include "csms/smn.h"
#include "internal/json_reader.h"

namespace csms {
namespace {

using internal::DecodeError;
using internal::JsonKind;
using internal::JsonReader;

// Every member ParseSmnMessage keeps, in one table so that the duplicate check
// and the required-member checks cover them all alike.
struct Member {
  std::string_view name;
  std::string SmnMessage::*field;
  bool nullable;  // null reads as empty (the members a type may leave out)
};

constexpr std::array<Member, 11> kMembers = {{
    {"type", &SmnMessage::type, false},
    {"message_id", &SmnMessage::message_id, false},
    {"topic_urn", &SmnMessage::topic_urn, false},
    {"subject", &SmnMessage::subject, true},
    {"message", &SmnMessage::message, false},
    {"timestamp", &SmnMessage::timestamp, false},
    {"signature_version", &SmnMessage::signature_version, false},
    {"signature", &SmnMessage::signature, false},
    {"signing_cert_url", &SmnMessage::signing_cert_url, false},
    {"subscribe_url", &SmnMessage::subscribe_url, true},
    {"unsubscribe_url", &SmnMessage::unsubscribe_url, true},
}};

// Members every type must carry with a value; "message" must be present but
// may be empty (an empty published message is still signed).
constexpr std::array<std::string_view, 7> kNonEmpty = {
    "type",      "message_id",      "topic_urn", "timestamp", "signature_version",
    "signature", "signing_cert_url"};

std::size_t IndexOf(std::string_view name) {
  for (std::size_t i = 0; i < kMembers.size(); ++i) {
    if (kMembers[i].name == name) return i;
  }
  return kMembers.size();
}

}  // namespace

SmnMessageError::SmnMessageError(std::string field, const std::string& message)
    : CsmsError("not an SMN message: " + (field.empty() ? std::string() : field + ": ") + message),
      field_(std::move(field)) {}

std::optional<SmnMessageType> SmnMessageTypeFromString(std::string_view type) noexcept {
  if (type == "SubscriptionConfirmation") return SmnMessageType::kSubscriptionConfirmation;
  if (type == "Notification") return SmnMessageType::kNotification;
  if (type == "UnsubscribeConfirmation") return SmnMessageType::kUnsubscribeConfirmation;
  return std::nullopt;
}

SmnMessage ParseSmnMessage(std::string_view body) {
  if (body.size() > kMaxSmnMessageBytes) {
    throw SmnMessageError("", "the body is larger than " + std::to_string(kMaxSmnMessageBytes) +
                                  " bytes (" + std::to_string(body.size()) + ")");
  }
  SmnMessage out;
  std::array<bool, kMembers.size()> seen{};
  try {
    JsonReader reader(body);
    if (reader.Peek() != JsonKind::kObject) {
      throw SmnMessageError("", "the body is not a JSON object");
    }
    reader.BeginObject();
    std::string_view key;
    while (reader.NextMember(&key)) {
      const std::size_t index = IndexOf(key);
      if (index == kMembers.size()) {
        reader.Skip();  // unknown members are ignored, as SMN may add some
        continue;
      }
      const Member& member = kMembers[index];
      // A second copy could make the signed value and the acted-on value differ.
      if (seen[index]) throw SmnMessageError(std::string(member.name), "appears more than once");
      seen[index] = true;
      const JsonKind kind = reader.Peek();
      if (kind == JsonKind::kString) {
        out.*member.field = reader.ReadString();
      } else if (kind == JsonKind::kNull && member.nullable) {
        reader.ReadNull();
      } else {
        throw SmnMessageError(std::string(member.name),
                              member.nullable ? "is not a string or null" : "is not a string");
      }
    }
    reader.Finish();
  } catch (const DecodeError& e) {
    // The reader's message gives a byte offset, never the bytes.
    throw SmnMessageError("", e.what());
  }

  const auto type = SmnMessageTypeFromString(out.type);
  if (!seen[IndexOf("type")]) throw SmnMessageError("type", "is missing");
  if (!type) {
    throw SmnMessageError("type",
                          "is not SubscriptionConfirmation, Notification or "
                          "UnsubscribeConfirmation");
  }
  for (const std::string_view name : kNonEmpty) {
    const std::size_t index = IndexOf(name);
    if (!seen[index]) throw SmnMessageError(std::string(name), "is missing");
    if ((out.*kMembers[index].field).empty()) {
      throw SmnMessageError(std::string(name), "is empty");
    }
  }
  if (!seen[IndexOf("message")]) throw SmnMessageError("message", "is missing");
  if (*type != SmnMessageType::kNotification && out.subscribe_url.empty()) {
    throw SmnMessageError("subscribe_url", seen[IndexOf("subscribe_url")]
                                               ? "is empty (a " + out.type + " signs it)"
                                               : "is missing (a " + out.type + " signs it)");
  }
  return out;
}

}  // namespace csms
