#include "hub/common/json_log_formatter.h"

#include <memory>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "hub/common/log_event.h"
#include "nlohmann/json.hpp"
#include "spdlog/sinks/ostream_sink.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

class JsonLogFormatterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    logger_ = std::make_shared<spdlog::logger>("test", sink);
    logger_->set_formatter(std::make_unique<JsonLogFormatter>());
    previous_ = spdlog::default_logger();
    spdlog::set_default_logger(logger_);
  }
  void TearDown() override { spdlog::set_default_logger(previous_); }

  nlohmann::json Line() {
    std::string line;
    std::getline(out_, line);
    return nlohmann::json::parse(line);
  }

  std::stringstream out_;
  std::shared_ptr<spdlog::logger> logger_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(JsonLogFormatterTest, PlainMessageIsTheEventOtherKeysNull) {
  spdlog::warn("reloaded \"registry\"\n{} partners", 6);
  const nlohmann::json line = Line();
  EXPECT_EQ(line["level"], "warning");
  EXPECT_EQ(line["event"], "reloaded \"registry\"\n6 partners");
  for (const char* key : {"partner", "method", "code", "duration", "ids"}) {
    EXPECT_TRUE(line.contains(key)) << key;
    EXPECT_TRUE(line[key].is_null()) << key;
  }
  const std::string time = line["time"];
  EXPECT_EQ(time.size(), 24u) << time;  // 2026-12-06T09:46:04.123Z
  EXPECT_EQ(time.back(), 'Z');
}

TEST_F(JsonLogFormatterTest, LogEventFillsTheKeys) {
  LogEvent(spdlog::level::info, "rpc",
           {.partner = "ks-oslo",
            .method = "rosa.hub.v1.ReferralService/GetReferral",
            .code = "NOT_FOUND",
            .duration = absl::Milliseconds(1500),
            .ids = "R-2026-000001"});
  const nlohmann::json line = Line();
  EXPECT_EQ(line["event"], "rpc");
  EXPECT_EQ(line["partner"], "ks-oslo");
  EXPECT_EQ(line["method"], "rosa.hub.v1.ReferralService/GetReferral");
  EXPECT_EQ(line["code"], "NOT_FOUND");
  EXPECT_DOUBLE_EQ(line["duration"].get<double>(), 1.5);
  EXPECT_EQ(line["ids"], "R-2026-000001");
  // The next plain line has no fields left over.
  spdlog::info("after");
  EXPECT_TRUE(Line()["partner"].is_null());
}

TEST_F(JsonLogFormatterTest, InvalidUtf8IsReplacedNotThrown) {
  spdlog::info("file {}", std::string("a\xff\xfe"));
  EXPECT_TRUE(Line()["event"].is_string());
}

}  // namespace
}  // namespace rosa
