// `--log-format json`: every line the real hub writes is one JSON object
// with the stable keys, the RPCs appear with partner, method, code and
// duration, and a personal-data canary sent in a refused request never
// reaches the log.
#include <set>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kCanaryName[] = "Kanarifugl-Nordmann-7Q";

TEST(JsonLogTest, EveryLineIsJsonWithTheKeysAndNoPersonalData) {
  HubOptions options;
  options.extra_args = {"--log-format", "json"};
  auto started = HubProcess::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  HubProcess& hub = **started;
  PartnerClient rosa(PartnerChannel(hub.port(), hub.pki_dir(), "rosa"));

  // Refused: the recipient does not exist. The note carries the canary.
  hub::v1::SubmitReferralRequest bad = NewReferralRequest("no-such-partner");
  bad.set_note(std::string("Navn: ") + kCanaryName);
  hub::v1::SubmitReferralResponse response;
  EXPECT_FALSE(rosa.Submit(bad, &response).ok());
  // Refused too: a person_ref with the canary in it is not a valid ref.
  hub::v1::SubmitReferralRequest bad_ref = NewReferralRequest("ks-oslo");
  bad_ref.set_person_ref(kCanaryName);
  EXPECT_FALSE(rosa.Submit(bad_ref, &response).ok());
  ASSERT_TRUE(hub.Terminate().ok());

  const std::string log = hub.ReadLog();
  EXPECT_THAT(log, Not(HasSubstr(kCanaryName)));
  EXPECT_THAT(log, Not(HasSubstr("Kanarifugl")));

  const std::set<std::string> keys = {"time",   "level", "event",    "partner",
                                      "method", "code",  "duration", "ids"};
  std::istringstream lines(log);
  std::string line;
  int count = 0;
  int refused_submits = 0;
  while (std::getline(lines, line)) {
    // The harness's own header line of each run (hub_process.h).
    if (line.rfind("===== rosa-hub run", 0) == 0) continue;
    ++count;
    nlohmann::json object;
    ASSERT_NO_THROW(object = nlohmann::json::parse(line)) << line;
    ASSERT_TRUE(object.is_object()) << line;
    std::set<std::string> got;
    for (const auto& item : object.items()) got.insert(item.key());
    EXPECT_EQ(got, keys) << line;
    EXPECT_TRUE(object["time"].is_string()) << line;
    EXPECT_TRUE(object["event"].is_string()) << line;
    if (object["event"] == "rpc" &&
        object["method"] == "rosa.hub.v1.ReferralService/SubmitReferral") {
      ++refused_submits;
      EXPECT_EQ(object["partner"], "rosa") << line;
      EXPECT_TRUE(object["code"].is_string()) << line;
      EXPECT_NE(object["code"], "OK") << line;
      EXPECT_TRUE(object["duration"].is_number()) << line;
    }
  }
  EXPECT_GT(count, 2);
  EXPECT_EQ(refused_submits, 2);
}

}  // namespace
}  // namespace rosa::integration
