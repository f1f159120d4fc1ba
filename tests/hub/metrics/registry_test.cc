#include "hub/metrics/registry.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RegistryTest, RendersCountersWithLabelsInTextFormat) {
  Registry registry;
  CounterFamily* rpcs =
      registry.AddCounter("rosa_test_rpcs_total", "RPCs", {"method", "code"});
  rpcs->Add({"Submit", "OK"});
  rpcs->Add({"Submit", "OK"});
  rpcs->Add({"Submit", "NOT_FOUND"}, 3);
  rpcs->Add({"Submit", "OK"}, -5);  // A counter never goes down.
  const std::string page = registry.Render();
  EXPECT_THAT(page, HasSubstr("# HELP rosa_test_rpcs_total RPCs\n"
                              "# TYPE rosa_test_rpcs_total counter\n"));
  EXPECT_THAT(page,
              HasSubstr("rosa_test_rpcs_total{method=\"Submit\",code=\"OK\"} 2\n"));
  EXPECT_THAT(page, HasSubstr("rosa_test_rpcs_total{method=\"Submit\","
                              "code=\"NOT_FOUND\"} 3\n"));
  EXPECT_EQ(rpcs->Value({"Submit", "OK"}), 2);
}

TEST(RegistryTest, EscapesLabelValues) {
  Registry registry;
  GaugeFamily* g = registry.AddGauge("rosa_test_gauge", "a \"b\"\nc", {"id"});
  g->Set({"x\"y\\z\nw"}, 1.5);
  const std::string page = registry.Render();
  EXPECT_THAT(page, HasSubstr("rosa_test_gauge{id=\"x\\\"y\\\\z\\nw\"} 1.5\n"));
  EXPECT_THAT(page, HasSubstr("# HELP rosa_test_gauge a \\\"b\\\"\\nc\n"));
}

TEST(RegistryTest, GaugeReplaceDropsOldSeries) {
  Registry registry;
  GaugeFamily* g = registry.AddGauge("rosa_test_backlog", "backlog",
                                     {"partner"});
  g->Set({"old"}, 4);
  int runs = 0;
  registry.AddCollector([&] {
    ++runs;
    g->Replace({{{"new"}, 7}});
  });
  const std::string page = registry.Render();
  EXPECT_EQ(runs, 1);
  EXPECT_THAT(page, HasSubstr("rosa_test_backlog{partner=\"new\"} 7\n"));
  EXPECT_THAT(page, Not(HasSubstr("old")));
}

TEST(RegistryTest, HistogramBucketsAreCumulative) {
  Registry registry;
  HistogramFamily* h = registry.AddHistogram("rosa_test_batch", "batch", {},
                                             {1, 2, 4});
  h->Observe({}, 1);
  h->Observe({}, 3);
  h->Observe({}, 3);
  h->Observe({}, 100);
  const std::string page = registry.Render();
  EXPECT_THAT(page, HasSubstr("# TYPE rosa_test_batch histogram\n"
                              "rosa_test_batch_bucket{le=\"1\"} 1\n"
                              "rosa_test_batch_bucket{le=\"2\"} 1\n"
                              "rosa_test_batch_bucket{le=\"4\"} 3\n"
                              "rosa_test_batch_bucket{le=\"+Inf\"} 4\n"
                              "rosa_test_batch_sum 107\n"
                              "rosa_test_batch_count 4\n"));
  EXPECT_EQ(h->Count({}), 4u);
}

TEST(RegistryTest, FormatsValuesShortestExact) {
  EXPECT_EQ(FormatSampleValue(0.0005), "0.0005");
  EXPECT_EQ(FormatSampleValue(-3), "-3");
  EXPECT_EQ(FormatSampleValue(1.0 / 0.0), "+Inf");
}

TEST(RegistryDeathTest, RefusesWrongLabelCount) {
  Registry registry;
  CounterFamily* c = registry.AddCounter("rosa_test_total", "t", {"a"});
  EXPECT_DEATH(c->Add({"x", "y"}), "label values");
}

TEST(RegistryDeathTest, RefusesDuplicateNames) {
  Registry registry;
  registry.AddCounter("rosa_test_total", "t");
  EXPECT_DEATH(registry.AddGauge("rosa_test_total", "t"), "registered twice");
}

}  // namespace
}  // namespace rosa::metrics
