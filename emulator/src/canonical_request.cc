#include "canonical_request.h"

#include <algorithm>

#include "crypto.h"
#include "percent_encoding.h"

namespace csms::emu {
namespace {

std::string_view Trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// ASCII only: std::tolower follows the C locale of the process, and the
// in-process emulator shares its process with the application (in a Turkish
// locale 'I' would become a dotless i and every signature would fail).
std::string ToLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

}  // namespace

std::string CanonicalUri(std::string_view raw_path) {
  std::string out;
  std::size_t start = 0;
  while (start < raw_path.size()) {
    std::size_t end = raw_path.find('/', start);
    if (end == std::string_view::npos) end = raw_path.size();
    out += PercentEncode(PercentDecode(raw_path.substr(start, end - start)));
    if (end < raw_path.size()) out.push_back('/');
    start = end + 1;
  }
  if (out.empty() || out.back() != '/') out.push_back('/');
  if (out.front() != '/') out.insert(out.begin(), '/');
  return out;
}

std::string CanonicalQuery(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto& [key, value] : ParseQuery(raw_query)) {
    pairs.emplace_back(PercentEncode(key), PercentEncode(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += key;
    out.push_back('=');
    out += value;
  }
  return out;
}

std::string BuildCanonicalRequest(std::string_view method, std::string_view raw_target,
                                  std::vector<SignedHeader> headers, std::string_view body) {
  const std::size_t question = raw_target.find('?');
  const std::string_view raw_path = raw_target.substr(0, question);
  const std::string_view raw_query =
      question == std::string_view::npos ? std::string_view() : raw_target.substr(question + 1);

  for (auto& header : headers) header.name = ToLower(header.name);
  std::sort(headers.begin(), headers.end(),
            [](const SignedHeader& a, const SignedHeader& b) { return a.name < b.name; });

  std::string canonical_headers;
  std::string signed_names;
  for (const auto& header : headers) {
    canonical_headers += header.name + ":" + std::string(Trim(header.value)) + "\n";
    if (!signed_names.empty()) signed_names.push_back(';');
    signed_names += header.name;
  }
  return std::string(method) + "\n" + CanonicalUri(raw_path) + "\n" + CanonicalQuery(raw_query) +
         "\n" + canonical_headers + "\n" + signed_names + "\n" + Sha256Hex(body);
}

std::string BuildStringToSign(std::string_view sdk_date, std::string_view canonical_request) {
  return std::string(kSigningAlgorithm) + "\n" + std::string(sdk_date) + "\n" +
         Sha256Hex(canonical_request);
}

std::string ComputeSignature(std::string_view secret_key, std::string_view string_to_sign) {
  return HmacSha256Hex(secret_key, string_to_sign);
}

std::optional<AuthorizationHeader> ParseAuthorization(std::string_view value) {
  value = Trim(value);
  if (value.substr(0, kSigningAlgorithm.size()) != kSigningAlgorithm) return std::nullopt;
  value.remove_prefix(kSigningAlgorithm.size());
  if (value.empty() || value.front() != ' ') return std::nullopt;

  AuthorizationHeader parsed;
  bool has_access = false;
  bool has_headers = false;
  bool has_signature = false;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    const std::string_view part = Trim(value.substr(start, end - start));
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::string_view key = part.substr(0, equals);
    const std::string_view field = part.substr(equals + 1);
    if (key == "Access") {
      parsed.access_key = std::string(field);
      has_access = true;
    } else if (key == "SignedHeaders") {
      std::size_t name_start = 0;
      while (name_start <= field.size()) {
        std::size_t name_end = field.find(';', name_start);
        if (name_end == std::string_view::npos) name_end = field.size();
        const std::string_view name = field.substr(name_start, name_end - name_start);
        if (name.empty()) return std::nullopt;
        parsed.signed_headers.push_back(ToLower(name));
        name_start = name_end + 1;
      }
      has_headers = true;
    } else if (key == "Signature") {
      parsed.signature = ToLower(field);
      has_signature = true;
    }
    start = end + 1;
  }
  if (!has_access || !has_headers || !has_signature) return std::nullopt;
  return parsed;
}

}  // namespace csms::emu
