#include "internal/redactor.h"

#include <algorithm>

#include "internal/json_codec.h"
#include "internal/json_writer.h"

namespace csms {
namespace internal {
void Redactor::Add(std::string_view secret) {
  if (!secret.empty()) secrets_.push_back(secret);
}

void Redactor::AddCredentials(const Credentials& credentials) {
  Add(credentials.access_key());
  Add(credentials.secret_key());
  Add(credentials.token());
}

void Redactor::Scrub(std::string& text) const {
  if (secrets_.empty() || text.empty()) return;
  std::vector<std::string> forms;
  forms.reserve(secrets_.size() * 2);
  for (const auto secret : secrets_) {
    forms.emplace_back(secret);
    // The secret as the body of a JSON string, the way a request body carried
    // it: a gateway quoting the body shows this form.
    std::string escaped;
    AppendJsonEscapedBytes(secret, &escaped);
    if (escaped != secret) forms.push_back(std::move(escaped));
  }
  // Longest first, so that a secret containing another is blanked whole.
  std::sort(forms.begin(), forms.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });

  // One left-to-right pass: the marker itself is never scanned again, so a
  // secret that occurs inside "<redacted>" cannot mangle it.
  std::string out;
  bool changed = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::string_view rest = std::string_view(text).substr(i);
    const auto match = std::find_if(forms.begin(), forms.end(), [&](const std::string& form) {
      return rest.size() >= form.size() && rest.compare(0, form.size(), form) == 0;
    });
    if (match != forms.end()) {
      if (!changed) out.assign(text, 0, i);
      changed = true;
      out += kMarker;
      i += match->size();
    } else {
      if (changed) out.push_back(text[i]);
      ++i;
    }
  }
  if (changed) text = std::move(out);
}

Redactor CallRedactor(const Credentials& credentials,
                      const std::vector<std::string>& request_secrets) {
  Redactor redactor;
  redactor.AddCredentials(credentials);
  for (const auto& secret : request_secrets) redactor.Add(secret);
  return redactor;
}

std::vector<std::string> SecretValuesSent(const std::optional<std::string>& secret_string,
                                          const std::optional<std::string>& secret_binary) {
  std::vector<std::string> secrets;
  if (secret_string) secrets.push_back(*secret_string);
  if (secret_binary) {
    secrets.push_back(*secret_binary);
    secrets.push_back(Base64Encode(*secret_binary));
  }
  return secrets;
}

std::vector<std::string> RequestSecrets(const CreateSecretRequest& request) {
  return SecretValuesSent(request.secret_string, request.secret_binary);
}

}  // namespace internal
}  // namespace csms
