#include "adapters/metrics/metrics_endpoint.h"

#include <httplib.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

using ::testing::HasSubstr;

TEST(MetricsEndpointTest, ServesTheRegistryPageOnlyAtMetrics) {
  metrics::Registry registry;
  registry.AddCounter("rosa_test_calls_total", "calls")->Add({}, 3);
  auto endpoint = MetricsEndpoint::Start("127.0.0.1:0", &registry);
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  httplib::Client client("127.0.0.1", (*endpoint)->port());
  auto page = client.Get("/metrics");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("rosa_test_calls_total 3\n"));
  EXPECT_THAT(page->get_header_value("Content-Type"),
              HasSubstr("version=0.0.4"));
  auto other = client.Get("/");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
}

TEST(MetricsEndpointTest, RefusesNonLoopbackAndMalformedAddresses) {
  metrics::Registry registry;
  for (const char* bad :
       {"0.0.0.0:9464", "10.0.0.5:9464", "[::]:9464", "example.org:9464",
        "127.0.0.1", "127.0.0.1:x", "127.0.0.1:70000"}) {
    auto endpoint = MetricsEndpoint::Start(bad, &registry);
    EXPECT_TRUE(absl::IsInvalidArgument(endpoint.status())) << bad;
  }
  std::string host;
  int port = 0;
  EXPECT_TRUE(ParseLoopbackAddress("[::1]:9464", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 9464);
  EXPECT_TRUE(ParseLoopbackAddress("localhost:0", &host, &port).ok());
  EXPECT_TRUE(ParseLoopbackAddress("127.8.0.1:1", &host, &port).ok());
}

TEST(MetricsEndpointTest, PortInUseIsUnavailable) {
  metrics::Registry registry;
  auto first = MetricsEndpoint::Start("127.0.0.1:0", &registry);
  ASSERT_TRUE(first.ok());
  auto second = MetricsEndpoint::Start(
      "127.0.0.1:" + std::to_string((*first)->port()), &registry);
  EXPECT_TRUE(absl::IsUnavailable(second.status())) << second.status();
}

}  // namespace
}  // namespace rosa
