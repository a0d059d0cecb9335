#include "ledd/server/http_message.h"

#include <cctype>

#include "absl/status/status.h"

namespace ledd::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes `text`; escapes of the bytes in `keep` stay as they are (upper-cased).
absl::StatusOr<std::string> Decode(std::string_view text, bool plus_is_space,
                                   std::string_view keep) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
      continue;
    }
    if (c != '%') {
      out += c;
      continue;
    }
    if (i + 2 >= text.size() || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0) {
      return absl::InvalidArgumentError("a malformed percent escape in the request target");
    }
    const char decoded = static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
    if (keep.find(decoded) != std::string_view::npos) {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i + 2])));
    } else {
      out += decoded;
    }
    i += 2;
  }
  return out;
}

}  // namespace

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoringCase(key, name)) return value;
  }
  return "";
}

bool IsWriteMethod(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string HttpRequest::Cookie(std::string_view name) const {
  const std::string header = Header("Cookie");
  const std::string key = std::string(name) + "=";
  size_t position = 0;
  while (position < header.size()) {
    while (position < header.size() && (header[position] == ' ' || header[position] == ';')) {
      ++position;
    }
    size_t end = header.find(';', position);
    if (end == std::string::npos) end = header.size();
    if (header.compare(position, key.size(), key) == 0) {
      return header.substr(position + key.size(), end - position - key.size());
    }
    position = end;
  }
  return "";
}

bool HttpRequest::HasHeader(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoringCase(key, name)) return true;
  }
  return false;
}

void HttpResponse::SetHeader(std::string_view name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (EqualsIgnoringCase(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
}

absl::StatusOr<std::string> DecodeComponent(std::string_view text, bool plus_is_space) {
  return Decode(text, plus_is_space, "");
}

absl::StatusOr<std::string> MatchingPath(std::string_view raw_path) {
  if (raw_path.empty() || raw_path[0] != '/') {
    return absl::InvalidArgumentError("the request target must be a path");
  }
  // "\0" is kept "encoded" here only to be refused just below, before any lookup.
  absl::StatusOr<std::string> path = Decode(raw_path, false, std::string_view("/%\0", 3));
  if (!path.ok()) return path.status();
  if (path->find('\0') != std::string::npos || path->find("%00") != std::string::npos) {
    return absl::InvalidArgumentError("the request path holds a NUL byte");
  }
  return path;
}

absl::Status ParseTarget(std::string_view target, HttpRequest& request) {
  // The absolute form ("http://host/path"), which a server must accept (RFC 9112 3.2.2).
  if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0) {
    const size_t authority = target.find("//") + 2;
    const size_t slash = target.find_first_of("/?", authority);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    if (!target.empty() && target[0] == '?') {
      return absl::InvalidArgumentError("the request target has no path");
    }
  }
  const size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  absl::StatusOr<std::string> path = MatchingPath(raw_path);
  if (!path.ok()) return path.status();
  request.path = *std::move(path);
  request.params.clear();
  if (question == std::string_view::npos) return absl::OkStatus();
  std::string_view query = target.substr(question + 1);
  // A fragment is never sent by a client; if one is, it is not part of the query.
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t equals = pair.find('=');
    absl::StatusOr<std::string> key = DecodeComponent(pair.substr(0, equals), true);
    if (!key.ok()) return key.status();
    std::string value;
    if (equals != std::string_view::npos) {
      absl::StatusOr<std::string> decoded = DecodeComponent(pair.substr(equals + 1), true);
      if (!decoded.ok()) return decoded.status();
      value = *std::move(decoded);
    }
    request.params.emplace_back(*std::move(key), std::move(value));
  }
  return absl::OkStatus();
}

}  // namespace ledd::server
