#pragma once
// Request metrics in the Prometheus text exposition format (version 0.0.4), served at
// /metrics: per route (the route's pattern, not the raw path, so the label set stays
// small) and method, a request counter by status code and a latency histogram.
//
// Thread-safety: Record() and Render() may be called from any thread; one mutex guards
// the table. Recording is a hash lookup and a few increments, short next to a request.

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <tuple>

#include "absl/base/thread_annotations.h"
#include "absl/container/btree_map.h"

namespace ledd::server {

// Upper bounds of the latency buckets, in seconds (+Inf is implied).
inline constexpr std::array<double, 12> kLatencyBuckets = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};

class Metrics {
 public:
  // One finished request. `route` is the matched pattern ("/api/v1/members/{id}"), or
  // "unmatched". A `method` other than HTTP's own (GET, HEAD, POST, PUT, DELETE, PATCH,
  // OPTIONS, CONNECT, TRACE) is recorded as "other", so clients cannot grow the table
  // with made-up ones. `seconds` < 0 when the duration is unknown (a request refused before
  // routing): it is counted, but not observed in the histogram.
  void Record(const std::string& route, const std::string& method, int status, double seconds);

  // The request families; the caller appends its gauges.
  std::string Render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kLatencyBuckets.size()> buckets{};  // Non-cumulative.
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  // Ordered so the output is stable (route, method, status).
  absl::btree_map<std::tuple<std::string, std::string, int>, uint64_t> requests_
      ABSL_GUARDED_BY(mu_);
  absl::btree_map<std::pair<std::string, std::string>, Histogram> latency_ ABSL_GUARDED_BY(mu_);
};

// `text` as a Prometheus label value: backslash, quote and newline escaped.
std::string EscapeLabel(const std::string& text);

}  // namespace ledd::server
