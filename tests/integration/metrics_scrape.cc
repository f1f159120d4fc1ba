#include "tests/integration/metrics_scrape.h"

#include <httplib.h>

#include <cstdlib>
#include <regex>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace rosa::integration {

absl::StatusOr<int> MetricsPort(const HubProcess& hub) {
  const std::string log = hub.ReadLog();
  static const std::regex kLine(R"(metrics on http://[^:]+:(\d+)/metrics)");
  int port = 0;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), kLine);
       it != std::sregex_iterator(); ++it) {
    if (!absl::SimpleAtoi((*it)[1].str(), &port)) port = 0;
  }
  if (port <= 0) {
    return absl::NotFoundError("the hub logged no metrics address");
  }
  return port;
}

absl::StatusOr<std::string> HttpGet(const std::string& host, int port,
                                    const std::string& path) {
  httplib::Client client(host, port);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(10, 0);
  httplib::Result result = client.Get(path);
  if (!result) {
    return absl::UnavailableError(
        absl::StrCat("GET ", path, " on port ", port, ": ",
                     httplib::to_string(result.error())));
  }
  if (result->status != 200) {
    return absl::NotFoundError(
        absl::StrCat("GET ", path, ": HTTP ", result->status));
  }
  return result->body;
}

std::optional<double> SampleValue(std::string_view page,
                                  std::string_view series) {
  size_t begin = 0;
  while (begin < page.size()) {
    size_t end = page.find('\n', begin);
    if (end == std::string_view::npos) end = page.size();
    const std::string_view line = page.substr(begin, end - begin);
    begin = end + 1;
    if (line.size() <= series.size() ||
        line.substr(0, series.size()) != series || line[series.size()] != ' ') {
      continue;
    }
    const std::string value(line.substr(series.size() + 1));
    if (value == "+Inf") return HUGE_VAL;
    double d = 0;
    if (absl::SimpleAtod(value, &d)) return d;
  }
  return std::nullopt;
}

}  // namespace rosa::integration
