#include "ledd/server/metrics.h"

#include <array>
#include <string_view>

#include "fmt/format.h"

namespace ledd::server {
namespace {

// The methods HTTP defines (RFC 9110, and PATCH); any other is recorded as "other".
// The HTTP parser hands us whatever token a request line starts with, so without this each
// made-up method would add series to the table, and to /metrics, for good.
constexpr std::array<std::string_view, 9> kMethods = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"};

std::string MethodLabel(const std::string& method) {
  for (std::string_view known : kMethods) {
    if (method == known) return method;
  }
  return "other";
}

}  // namespace

std::string EscapeLabel(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '"') {
      escaped += '\\';
      escaped += c;
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

void Metrics::Record(const std::string& route, const std::string& method, int status,
                     double seconds) {
  const std::string method_label = MethodLabel(method);
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, method_label, status}];
  if (seconds < 0) return;
  Histogram& histogram = latency_[{route, method_label}];
  for (size_t bucket = 0; bucket < kLatencyBuckets.size(); ++bucket) {
    if (seconds <= kLatencyBuckets[bucket]) {
      ++histogram.buckets[bucket];
      break;
    }
  }
  ++histogram.count;
  histogram.sum += seconds;
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  out += "# HELP ledd_http_requests_total HTTP requests answered, by route, method and status.\n";
  out += "# TYPE ledd_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("ledd_http_requests_total{{route=\"{}\",method=\"{}\",code=\"{}\"}} {}\n",
                       EscapeLabel(route), EscapeLabel(method), status, count);
  }
  out += "# HELP ledd_http_request_duration_seconds Time from routing to the handler's answer.\n";
  out += "# TYPE ledd_http_request_duration_seconds histogram\n";
  for (const auto& [key, histogram] : latency_) {
    const std::string labels =
        fmt::format("route=\"{}\",method=\"{}\"", EscapeLabel(key.first), EscapeLabel(key.second));
    uint64_t cumulative = 0;
    for (size_t bucket = 0; bucket < kLatencyBuckets.size(); ++bucket) {
      cumulative += histogram.buckets[bucket];
      out += fmt::format("ledd_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         kLatencyBuckets[bucket], cumulative);
    }
    out += fmt::format("ledd_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                       histogram.count);
    out += fmt::format("ledd_http_request_duration_seconds_sum{{{}}} {}\n", labels, histogram.sum);
    out += fmt::format("ledd_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       histogram.count);
  }
  return out;
}

}  // namespace ledd::server
