// Which fields are free text, and how an event keeps them by reference:
// Take* empties exactly those fields (and keeps which ledger event it was),
// and an event's reference names only the fields it carried, so that a
// field minimisation left out is not put back.
#include "hub/outbox/free_text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::ElementsAre;
using ::testing::Field;

auto Is(const std::string& field, const std::string& text) {
  return ::testing::AllOf(Field(&FreeText::field, field),
                          Field(&FreeText::text, text));
}

v1::Referral Referral() {
  v1::Referral r;
  r.set_id("R-2026-000001");
  r.set_sender("rosa");
  r.set_note("note text");
  r.add_history()->set_actor("rosa");
  r.add_history()->set_reason("reason text");
  r.mutable_assisted_return()->set_note("return text");
  r.mutable_assisted_return()->set_programme("VulnerableGroups");
  return r;
}

TEST(FreeTextTest, TakesEveryFreeTextOfAReferralAndNothingElse) {
  v1::Referral r = Referral();
  EXPECT_THAT(TakeFreeText(r),
              ElementsAre(Is("note", "note text"), Is("reason.0", ""),
                          Is("reason.1", "reason text"),
                          Is("return_note", "return text")));
  v1::Referral expected = Referral();
  expected.clear_note();
  expected.mutable_history(1)->clear_reason();
  expected.mutable_assisted_return()->clear_note();
  EXPECT_EQ(r.SerializeAsString(), expected.SerializeAsString());
}

TEST(FreeTextTest, TakesTheLedgerTextsOfAHandoffAndKeepsTheirKind) {
  v1::Handoff h;
  h.set_id("H-2026-000001");
  h.set_case_summary("summary text");
  h.add_ledger()->mutable_event()->mutable_accepted();
  h.add_ledger()->mutable_event()->mutable_hours_used()->set_quarter_hours(4);
  h.add_ledger()->mutable_event()->mutable_report_filed()->set_offence("o");
  h.add_ledger()->mutable_event()->mutable_closed()->set_summary("closed");
  h.add_ledger()->mutable_event()->mutable_declined()->set_reason("declined");
  EXPECT_THAT(
      TakeFreeText(h),
      ElementsAre(Is("case_summary", "summary text"), Is("ledger.2", "o"),
                  Is("ledger.3", "closed"), Is("ledger.4", "declined")));
  EXPECT_EQ(h.case_summary(), "");
  EXPECT_TRUE(h.ledger(3).event().has_closed());
  EXPECT_EQ(h.ledger(3).event().closed().summary(), "");
  EXPECT_TRUE(h.ledger(4).event().has_declined());
  EXPECT_EQ(h.ledger(1).event().hours_used().quarter_hours(), 4u);
}

TEST(FreeTextTest, AnEventNamesOnlyTheFieldsItCarried) {
  v1::Event e;
  v1::Referral* r = e.mutable_referral()->mutable_referral();
  *r = Referral();
  r->clear_note();  // As minimisation leaves it for some recipients.
  *e.mutable_referral()->mutable_transition() = r->history(1);
  EXPECT_EQ(TakeEventFreeText(e), "R-2026-000001|reason.1|return_note");
  EXPECT_EQ(e.referral().transition().reason(), "");
  EXPECT_EQ(e.referral().referral().history(1).reason(), "");
  EXPECT_EQ(e.referral().referral().assisted_return().note(), "");
  // Nothing left: no reference.
  EXPECT_EQ(TakeEventFreeText(e), "");
  v1::Event withdrawn;
  withdrawn.mutable_consent_withdrawn()->set_person_id("P-AAAAAAAAAA");
  EXPECT_EQ(TakeEventFreeText(withdrawn), "");
}

TEST(FreeTextTest, AHandoffEventNamesItsLedgerTexts) {
  v1::Event e;
  v1::Handoff* h = e.mutable_handoff()->mutable_handoff();
  h->set_id("H-2026-000002");
  h->add_ledger()->mutable_event()->mutable_accepted();
  h->add_ledger()->mutable_event()->mutable_closed()->set_summary("closed");
  EXPECT_EQ(TakeEventFreeText(e), "H-2026-000002|ledger.1");
}

}  // namespace
}  // namespace rosa
