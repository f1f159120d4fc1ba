#include "tests/reliability/stream_pages.h"

#include <string>

#include "gtest/gtest.h"
#include "rosa/hub/v1/handoff.pb.h"
#include "tests/reliability/hub_rig.h"
#include "tests/reliability/workload.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;

constexpr char kCsv[] = "text/csv; profile=ks-henvisninger-1";

v1::Event About(uint64_t cursor, const std::string& referral_id) {
  v1::Event e;
  e.set_cursor(cursor);
  e.mutable_referral()->mutable_referral()->set_id(referral_id);
  return e;
}

v1::EncodedEvent Encoded(uint64_t cursor, std::string payload,
                         const char* type = kCsv) {
  v1::EncodedEvent e;
  e.set_cursor(cursor);
  e.set_content_type(type);
  e.set_payload(std::move(payload));
  return e;
}

// ks-oslo (ks-csv) subscribing after cursor 2 to events 3 and 4.
class StreamPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto shared = RigShared::Make(dir_.path() / "keys");
    ASSERT_TRUE(shared.ok()) << shared.status();
    shared_ = *std::move(shared);
    request_.set_after_cursor(2);
    events_.items = {About(3, "R-2026-000003"), About(4, "R-2026-000004")};
    events_.through = 4;
    page_.items = {Encoded(3, "R-2026-000003;mottatt"),
                   Encoded(3, "R-2026-000003;ny"),
                   Encoded(4, "referanse\nR-2026-000004;ny")};
    page_.through = 4;
  }

  absl::StatusCode Check() {
    return CheckSubscribePage(shared_->P(caller_), request_, events_, page_,
                              *shared_->plugins, identity_)
        .status()
        .code();
  }

  testutil::TempDir dir_;
  std::unique_ptr<RigShared> shared_;
  std::string caller_ = "ks-oslo";
  IdentityText identity_ = [](const std::string&) { return std::string(); };
  v1::SubscribeRequest request_;
  OutboxPage<v1::Event> events_;
  OutboxPage<v1::EncodedEvent> page_;
};

TEST_F(StreamPagesTest, TheCallersOwnEventsEncodedPass) {
  auto last = CheckSubscribePage(shared_->P("ks-oslo"), request_, events_,
                                 page_, *shared_->plugins, identity_);
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(last->cursor(), 4u);
}

TEST_F(StreamPagesTest, AnItemOfNoEventOfTheCallerFails) {
  page_.items.push_back(Encoded(5, "x"));
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
}

TEST_F(StreamPagesTest, AnItemNotAfterTheCursorOrOutOfOrderFails) {
  page_.items[0].set_cursor(2);
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
  SetUp();
  std::swap(page_.items[0], page_.items[2]);
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
}

TEST_F(StreamPagesTest, EventsThatDoNotRiseByOneFail) {
  events_.items[1].set_cursor(5);
  events_.through = 5;
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
}

TEST_F(StreamPagesTest, AContentTypeThePluginDoesNotEncodeFails) {
  page_.items[1].set_content_type("application/json");
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
}

TEST_F(StreamPagesTest, AnotherReferralsIdOrAnIdentityFails) {
  page_.items[2].set_payload("R-2026-000004;ny;R-2026-000009");
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
  SetUp();
  page_.items[2].set_name("P-7KQ2M9XA-avrr");
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
  SetUp();
  page_.items[0].set_payload(std::string("R-2026-000003;") +
                             kWorkloadFamilyName);
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
}

// A new handoff to advokat-lund carries its person's identity; a name that
// looks like an id is the person's, not another record's.
TEST_F(StreamPagesTest, AnIdInTheIdentityTheEventMayCarryPasses) {
  caller_ = "advokat-lund";
  v1::Event e;
  e.set_cursor(3);
  v1::Handoff* h = e.mutable_handoff()->mutable_handoff();
  h->set_id("H-2026-000026");
  h->set_lawyer(caller_);
  h->set_person_id("P-6HN89VVQ48");
  h->set_state(v1::HANDOFF_STATE_OFFERED);
  events_.items = {e};
  events_.through = 3;
  const std::string package = "application/vnd.rosa.handoff.v1+json";
  page_.items = {
      Encoded(3, "H-2026-000026 family_name: H-2026-000001", package.c_str())};
  page_.through = 3;
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
  identity_ = [](const std::string& person_id) {
    return person_id == "P-6HN89VVQ48" ? std::string("H-2026-000001")
                                       : std::string();
  };
  EXPECT_EQ(Check(), absl::StatusCode::kOk);
  // Only the text of the event's own person.
  h->set_person_id("P-7KQ2M9XA");
  events_.items = {e};
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
}

TEST_F(StreamPagesTest, APageThatEndsElsewhereFails) {
  page_.through = 3;
  EXPECT_EQ(Check(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace rosa::reliability
