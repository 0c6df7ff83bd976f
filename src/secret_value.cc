// SecretValue: a secret's bytes that are zeroed whenever this object lets go
// of them, so that a value read with ShowSecretVersion does not linger in
// freed memory.

#include <openssl/crypto.h>

#include <ostream>

#include "csms/models.h"
#include "internal/version_codec.h"

namespace csms {
namespace internal {

// Zeroes every byte the string owns, the unused capacity too (a shorter value
// assigned earlier may have left the tail of a longer one there). Growing to
// the capacity first makes all of it part of the string, so writing it is
// defined; resize() within capacity never reallocates.
void WipeString(std::string& bytes) noexcept {
  bytes.resize(bytes.capacity());
  OPENSSL_cleanse(bytes.data(), bytes.size());
  bytes.clear();
}

}  // namespace internal

using internal::WipeString;

SecretValue SecretValue::FromString(std::string text) {
  return SecretValue(Kind::kString, std::move(text));
}

SecretValue SecretValue::FromBinary(std::string bytes) {
  return SecretValue(Kind::kBinary, std::move(bytes));
}

SecretValue::SecretValue(const SecretValue& other) : kind_(other.kind_), bytes_(other.bytes_) {}

SecretValue& SecretValue::operator=(const SecretValue& other) {
  if (this == &other) return *this;
  Clear();
  // Reserve first, so that the copy is made once into a buffer this value owns
  // (no reallocation leaves a partial copy behind).
  bytes_.reserve(other.bytes_.size());
  bytes_.assign(other.bytes_);
  kind_ = other.kind_;
  return *this;
}

SecretValue::SecretValue(SecretValue&& other) noexcept
    : kind_(other.kind_), bytes_(std::move(other.bytes_)) {
  // A short string is copied out of the source's inline buffer, not moved:
  // the source still holds those bytes until they are wiped.
  other.Clear();
}

SecretValue& SecretValue::operator=(SecretValue&& other) noexcept {
  if (this == &other) return *this;
  Clear();
  bytes_ = std::move(other.bytes_);
  kind_ = other.kind_;
  other.Clear();
  return *this;
}

SecretValue::~SecretValue() { WipeString(bytes_); }

std::optional<std::string_view> SecretValue::secret_string() const noexcept {
  if (kind_ != Kind::kString) return std::nullopt;
  return std::string_view(bytes_);
}

std::optional<std::string_view> SecretValue::secret_binary() const noexcept {
  if (kind_ != Kind::kBinary) return std::nullopt;
  return std::string_view(bytes_);
}

void PrintTo(const SecretValue& value, std::ostream* out) {
  const char* kind = "empty";
  std::size_t size = 0;
  if (const auto text = value.secret_string()) {
    kind = "string";
    size = text->size();
  } else if (const auto bytes = value.secret_binary()) {
    kind = "binary";
    size = bytes->size();
  }
  *out << "SecretValue(" << kind << ", " << size << " bytes)";
}

void SecretValue::Clear() noexcept {
  WipeString(bytes_);
  kind_ = Kind::kNone;
}

}  // namespace csms
