#include "ledd/server/metrics.h"

#include "fmt/format.h"

namespace ledd::server {

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
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, method, status}];
  if (seconds < 0) return;
  Histogram& histogram = latency_[{route, method}];
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
