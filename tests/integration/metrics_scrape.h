// Reading a running hub's /metrics page in integration tests: the port the
// hub logged ("metrics on http://127.0.0.1:<port>/metrics"), a plain HTTP
// GET, and one sample's value from the text format.
//
// Thread-safety: functions keep no state.
#ifndef ROSA_TESTS_INTEGRATION_METRICS_SCRAPE_H_
#define ROSA_TESTS_INTEGRATION_METRICS_SCRAPE_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tests/integration/hub_process.h"

namespace rosa::integration {

// The port of the hub's metrics page, from the hub's log of its current
// run (the last such line).
absl::StatusOr<int> MetricsPort(const HubProcess& hub);

// GET http://<host>:<port><path>; the body if the answer is 200, else an
// error naming the HTTP status.
absl::StatusOr<std::string> HttpGet(const std::string& host, int port,
                                    const std::string& path = "/metrics");

// The value of the sample whose name and labels are exactly `series` (as
// the page writes them, e.g. `rosa_hub_rpcs_total{method="...",code="OK"}`);
// nullopt if the page has no such line.
std::optional<double> SampleValue(std::string_view page,
                                  std::string_view series);

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_METRICS_SCRAPE_H_
