// Integration tests of EventService.Watch against the real hub: ordered,
// contiguous cursors; resuming after a disconnect; who gets which events;
// out-of-range cursors; an idle stream kept open by keepalive pings.
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/grpc.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

using ::rosa::hub::v1::Event;
using ::rosa::hub::v1::ReferralEvent;
using ::rosa::hub::v1::ReferralState;
using ::rosa::hub::v1::SubmitReferralRequest;
using ::rosa::hub::v1::SubmitReferralResponse;
using ::testing::ElementsAre;
using ::testing::SizeIs;

namespace v1 = ::rosa::hub::v1;

constexpr absl::Duration kEventWait = absl::Seconds(10);

// The states a placement passes through, in order.
const std::vector<ReferralState>& LifecycleStates() {
  static const auto* states = new std::vector<ReferralState>{
      v1::REFERRAL_STATE_REQUESTED, v1::REFERRAL_STATE_RECEIVED,
      v1::REFERRAL_STATE_ACCEPTED, v1::REFERRAL_STATE_IN_PROGRESS,
      v1::REFERRAL_STATE_COMPLETED};
  return *states;
}

class WatchTest : public HubTest {
 protected:
  // Submits a placement from `sender` to `recipient`; its id.
  std::string Submit(PartnerClient& sender, const std::string& recipient) {
    SubmitReferralResponse response;
    EXPECT_THAT(sender.Submit(NewReferralRequest(recipient), &response),
                IsOk());
    return response.referral().id();
  }

  // Moves `id` (recipient `recipient`) from requested to `last`.
  void MoveTo(PartnerClient& recipient, const std::string& id,
              ReferralState from, ReferralState last) {
    bool moving = false;
    for (ReferralState s : LifecycleStates()) {
      if (moving) {
        std::optional<uint32_t> nights;
        if (s == v1::REFERRAL_STATE_COMPLETED) nights = 12;
        ASSERT_THAT(recipient.Move(id, s, nullptr, "", nights), IsOk())
            << v1::ReferralState_Name(s);
      }
      if (s == from) moving = true;
      if (s == last) return;
    }
  }

  // Checks that `events` describe the lifecycle of `id` from
  // LifecycleStates()[first_step] on, with cursors from `first_cursor`.
  void ExpectLifecycleEvents(const std::vector<Event>& events,
                             const std::string& id, size_t first_step,
                             uint64_t first_cursor) {
    const auto& states = LifecycleStates();
    ASSERT_THAT(events, SizeIs(states.size() - first_step));
    for (size_t i = 0; i < events.size(); ++i) {
      const size_t step = first_step + i;
      SCOPED_TRACE(v1::ReferralState_Name(states[step]));
      const Event& e = events[i];
      EXPECT_EQ(e.cursor(), first_cursor + i);
      EXPECT_TRUE(e.has_recorded_at());
      ASSERT_TRUE(e.has_referral()) << e.DebugString();
      const ReferralEvent& re = e.referral();
      EXPECT_EQ(re.kind(), step == 0 ? ReferralEvent::KIND_SUBMITTED
                                     : ReferralEvent::KIND_STATUS_CHANGED);
      EXPECT_EQ(re.referral().id(), id);
      EXPECT_EQ(re.referral().state(), states[step]);
      EXPECT_EQ(re.referral().version(), step + 1);
      EXPECT_EQ(re.transition().to(), states[step]);
      EXPECT_EQ(re.transition().from(),
                step == 0 ? v1::REFERRAL_STATE_UNSPECIFIED : states[step - 1]);
    }
  }

  // Proves that `stream` holds no event beyond the `count` it has: submits a
  // marker referral from `sender` to `recipient`, which must arrive as the
  // very next event with the next cursor.
  void ExpectNothingMoreThan(WatchStream& stream, size_t count,
                             uint64_t last_cursor, PartnerClient& sender,
                             const std::string& recipient) {
    const std::string marker = Submit(sender, recipient);
    ASSERT_FALSE(marker.empty());
    ASSERT_TRUE(stream.WaitForEvents(count + 1, kEventWait))
        << "the marker event did not arrive";
    std::vector<Event> events = stream.events();
    ASSERT_GE(events.size(), count + 1);
    EXPECT_EQ(events[count].cursor(), last_cursor + 1)
        << events[count].DebugString();
    EXPECT_EQ(events[count].referral().referral().id(), marker)
        << "an unexpected event arrived before the marker: "
        << events[count].DebugString();
  }
};

TEST_F(WatchTest, LifecycleEventsArriveInCursorOrder) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  WatchStream stream(rosa.channel(), WatchFrom(0));

  const std::string id = Submit(rosa, "ks-oslo");
  ASSERT_FALSE(id.empty());
  ASSERT_NO_FATAL_FAILURE(MoveTo(oslo, id, v1::REFERRAL_STATE_REQUESTED,
                                 v1::REFERRAL_STATE_COMPLETED));

  ASSERT_TRUE(stream.WaitForEvents(5, kEventWait))
      << "got " << stream.event_count() << " events";
  ExpectLifecycleEvents(stream.events(), id, 0, 1);
  ExpectNothingMoreThan(stream, 5, 5, rosa, "filemon");
  EXPECT_FALSE(stream.ended());
}

TEST_F(WatchTest, ResumeAfterDisconnectDeliversExactlyTheMissedEvents) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");

  const std::string id = Submit(rosa, "ks-oslo");
  ASSERT_FALSE(id.empty());
  ASSERT_THAT(oslo.Move(id, v1::REFERRAL_STATE_RECEIVED), IsOk());

  uint64_t last_seen = 0;
  {
    WatchStream first(rosa.channel(), WatchFrom(0));
    ASSERT_TRUE(first.WaitForEvents(2, kEventWait));
    first.Cancel();
    std::optional<grpc::Status> end = first.WaitForEnd(kEventWait);
    ASSERT_TRUE(end.has_value());
    EXPECT_THAT(*end, StatusIs(grpc::StatusCode::CANCELLED));
    ASSERT_THAT(Cursors(first.events()), ElementsAre(1, 2));
    last_seen = first.last_cursor();
  }

  // Three steps while nobody listens.
  ASSERT_NO_FATAL_FAILURE(MoveTo(oslo, id, v1::REFERRAL_STATE_RECEIVED,
                                 v1::REFERRAL_STATE_COMPLETED));

  WatchStream resumed(rosa.channel(), WatchFrom(last_seen));
  ASSERT_TRUE(resumed.WaitForEvents(3, kEventWait))
      << "got " << resumed.event_count() << " events";
  ExpectLifecycleEvents(resumed.events(), id, 2, 3);
  ExpectNothingMoreThan(resumed, 3, 5, rosa, "filemon");
}

TEST_F(WatchTest, RecipientAndCoordinatorGetEventsToo) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  PartnerClient filemon = Client("filemon");
  WatchStream oslo_stream(oslo.channel(), WatchFrom(0));

  const std::string id = Submit(rosa, "ks-oslo");
  ASSERT_FALSE(id.empty());
  ASSERT_NO_FATAL_FAILURE(MoveTo(oslo, id, v1::REFERRAL_STATE_REQUESTED,
                                 v1::REFERRAL_STATE_COMPLETED));
  ASSERT_TRUE(oslo_stream.WaitForEvents(5, kEventWait))
      << "got " << oslo_stream.event_count() << " events";
  ExpectLifecycleEvents(oslo_stream.events(), id, 0, 1);

  // ROSA, as coordinator, hears of a referral between two other partners,
  // and so do both of them: ks-oslo refers on a man it hosts (cursors 6 to
  // 9 place him there).
  std::string hosted;
  ASSERT_THAT(PlaceAndArrive(rosa, oslo, "ks-oslo", v1::GENDER_MAN, &hosted),
              IsOk());
  WatchStream rosa_stream(rosa.channel(), WatchFrom(9));
  WatchStream filemon_stream(filemon.channel(), WatchFrom(0));
  SubmitReferralRequest transfer = NewReferralRequest("filemon");
  transfer.set_person_ref(hosted);
  SubmitReferralResponse response;
  ASSERT_THAT(oslo.Submit(transfer, &response), IsOk());
  const std::string between = response.referral().id();
  ASSERT_FALSE(between.empty());
  ASSERT_TRUE(rosa_stream.WaitForEvents(1, kEventWait));
  EXPECT_EQ(rosa_stream.events()[0].cursor(), 10u);
  EXPECT_EQ(rosa_stream.events()[0].referral().referral().id(), between);
  ASSERT_TRUE(oslo_stream.WaitForEvents(10, kEventWait));
  EXPECT_EQ(oslo_stream.events()[9].cursor(), 10u);
  EXPECT_EQ(oslo_stream.events()[9].referral().referral().id(), between);
  ASSERT_TRUE(filemon_stream.WaitForEvents(1, kEventWait));
  EXPECT_EQ(filemon_stream.events()[0].cursor(), 1u);
  EXPECT_EQ(filemon_stream.events()[0].referral().referral().id(), between);
}

TEST_F(WatchTest, UninvolvedPartnerGetsNoEvents) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  PartnerClient telemark = Client("ks-telemark");
  WatchStream stream(telemark.channel(), WatchFrom(0));

  const std::string id = Submit(rosa, "ks-oslo");
  ASSERT_FALSE(id.empty());
  ASSERT_NO_FATAL_FAILURE(MoveTo(oslo, id, v1::REFERRAL_STATE_REQUESTED,
                                 v1::REFERRAL_STATE_COMPLETED));
  SubmitReferralResponse other;
  ASSERT_THAT(
      oslo.Submit(NewReferralRequest("rosa", v1::REFERRAL_TYPE_ASSISTANCE),
                  &other),
      IsOk());

  // The first event ks-telemark ever sees is about its own referral.
  ExpectNothingMoreThan(stream, 0, 0, rosa, "ks-telemark");
  EXPECT_THAT(stream.events(), SizeIs(1));
}

TEST_F(WatchTest, CursorAheadOfTheStreamIsOutOfRange) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  const std::string id = Submit(rosa, "ks-oslo");
  ASSERT_FALSE(id.empty());
  ASSERT_THAT(oslo.Move(id, v1::REFERRAL_STATE_RECEIVED), IsOk());

  for (uint64_t cursor : {3u, 1000u}) {
    SCOPED_TRACE(cursor);
    WatchStream ahead(rosa.channel(), WatchFrom(cursor), kEventWait);
    std::optional<grpc::Status> end = ahead.WaitForEnd(kEventWait);
    ASSERT_TRUE(end.has_value());
    EXPECT_THAT(*end, StatusIs(grpc::StatusCode::OUT_OF_RANGE));
    EXPECT_THAT(ahead.events(), SizeIs(0));
  }

  // The last cursor itself is fine: the stream waits for the next event.
  WatchStream at_head(rosa.channel(), WatchFrom(2));
  ExpectNothingMoreThan(at_head, 0, 2, rosa, "filemon");
  EXPECT_FALSE(at_head.ended());
}

TEST_F(WatchTest, FromNowSkipsTheBacklog) {
  PartnerClient rosa = Client("rosa");
  ASSERT_FALSE(Submit(rosa, "ks-oslo").empty());
  ASSERT_FALSE(Submit(rosa, "filemon").empty());

  WatchStream stream(rosa.channel(), WatchFromNow());
  // The client cannot tell when the hub has registered the call, so markers
  // are submitted until one arrives; what arrives must be a marker.
  std::vector<std::string> markers;
  const absl::Time deadline = absl::Now() + kEventWait;
  while (!stream.WaitForEvents(1, absl::Milliseconds(200))) {
    ASSERT_FALSE(stream.ended())
        << StatusText(*stream.WaitForEnd(absl::ZeroDuration()));
    ASSERT_LT(absl::Now(), deadline) << "no event arrived";
    markers.push_back(Submit(rosa, "lauras-hus"));
  }
  const std::vector<Event> events = stream.events();
  ASSERT_FALSE(events.empty());
  EXPECT_GE(events[0].cursor(), 3u);
  EXPECT_THAT(markers,
              ::testing::Contains(events[0].referral().referral().id()));
}

TEST_F(WatchTest, IdleStreamSurvivesKeepalivePings) {
  grpc::ChannelArguments args;
  // Ping every 10 s, and keep pinging although no data flows: a hub that
  // punishes such pings (too_many_pings) or drops idle streams fails here.
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 10000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5000);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  PartnerClient rosa = Client("rosa", args);

  WatchStream stream(rosa.channel(), WatchFrom(0));
  // Make sure the call is established before idling.
  const std::string first = Submit(rosa, "ks-oslo");
  ASSERT_TRUE(stream.WaitForEvents(1, kEventWait));

  const absl::Duration kIdle = absl::Seconds(26);
  std::optional<grpc::Status> end = stream.WaitForEnd(kIdle);
  ASSERT_FALSE(end.has_value()) << "the idle stream ended after less than "
                                << kIdle << ": " << StatusText(*end);

  // Still alive: a new event arrives on the same stream.
  const std::string second = Submit(rosa, "ks-oslo");
  ASSERT_TRUE(stream.WaitForEvents(2, kEventWait));
  EXPECT_THAT(Cursors(stream.events()), ElementsAre(1, 2));
  EXPECT_EQ(stream.events()[1].referral().referral().id(), second);
}

}  // namespace
}  // namespace rosa::integration
