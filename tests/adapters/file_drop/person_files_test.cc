// Which outbox files are recorded under a person, so that erasure deletes
// them: those that may carry identity, and those that carry free text
// about the person's referral or handoff; no others.
#include "adapters/file_drop/person_files.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

Partner Named(const std::string& id, PartnerKind kind) {
  Partner p;
  p.id = id;
  p.kind = kind;
  return p;
}

v1::Event Submitted(const std::string& recipient, v1::ReferralType type,
                    const std::string& note) {
  v1::Event e;
  e.set_cursor(7);
  v1::ReferralEvent* body = e.mutable_referral();
  body->set_kind(v1::ReferralEvent::KIND_SUBMITTED);
  v1::Referral* r = body->mutable_referral();
  r->set_id("R-2026-000007");
  r->set_sender("rosa");
  r->set_recipient(recipient);
  r->set_type(type);
  r->set_person_ref("P-7KQ2M9XA");
  r->set_note(note);
  return e;
}

const Partner kShelter = Named("ks-oslo", v1::PARTNER_KIND_SHELTER);
const Partner kIom = Named("iom", v1::PARTNER_KIND_ASSISTED_RETURN);

TEST(PersonFileSubjectTest, AShelterReferralWithANoteIsThePersons) {
  const auto subject = PersonFileSubject(
      kShelter,
      Submitted("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, "sover hos tanten"));
  ASSERT_TRUE(subject.has_value());
  EXPECT_EQ(subject->person_id, "P-7KQ2M9XA");
  EXPECT_EQ(subject->object_id, "R-2026-000007");
}

TEST(PersonFileSubjectTest, AStepsReasonIsFreeTextToo) {
  v1::Event e = Submitted("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, "");
  v1::ReferralEvent* body = e.mutable_referral();
  body->set_kind(v1::ReferralEvent::KIND_STATUS_CHANGED);
  body->mutable_referral()->add_history()->set_to(v1::REFERRAL_STATE_REQUESTED);
  v1::Transition* rejected = body->mutable_referral()->add_history();
  rejected->set_to(v1::REFERRAL_STATE_REJECTED);
  rejected->set_reason("Full");
  *body->mutable_transition() = *rejected;
  EXPECT_TRUE(PersonFileSubject(kShelter, e).has_value());
}

TEST(PersonFileSubjectTest, AnEventWithoutFreeTextOrIdentityIsNot) {
  EXPECT_FALSE(
      PersonFileSubject(kShelter,
                        Submitted("ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, ""))
          .has_value());
  v1::Event withdrawn;
  withdrawn.mutable_consent_withdrawn()->set_person_id("P-7KQ2M9XA");
  EXPECT_FALSE(PersonFileSubject(kIom, withdrawn).has_value());
}

TEST(PersonFileSubjectTest, IomsNewReferralMayCarryIdentity) {
  const auto subject = PersonFileSubject(
      kIom, Submitted("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN, ""));
  ASSERT_TRUE(subject.has_value());
  EXPECT_EQ(subject->person_id, "P-7KQ2M9XA");
}

TEST(PersonFileSubjectTest, ALaterHandoffEventWithLedgerTextIsThePersons) {
  v1::Event e;
  v1::Handoff* h = e.mutable_handoff()->mutable_handoff();
  h->set_id("H-2026-000001");
  h->set_lawyer("advokat-lund");
  h->set_person_id("P-7KQ2M9XA");
  h->add_ledger()->mutable_event()->mutable_declined()->set_reason("Conflict");
  const auto subject = PersonFileSubject(
      Named("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL), e);
  ASSERT_TRUE(subject.has_value());
  EXPECT_EQ(subject->object_id, "H-2026-000001");
}

}  // namespace
}  // namespace rosa
