// The minimisation table, field by field, for every referral type and
// recipient kind: what a recipient actually receives from a referral that
// has every fact, a note and (where passed) the full identity.
#include "hub/referral/minimisation.h"

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "hub/referral/referral_view.h"
#include "tests/testutil/scan.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using Names = std::set<std::string>;

v1::Referral FullReferral(v1::ReferralType type, const std::string& recipient) {
  v1::Referral r;
  r.set_id("R-2026-000001");
  r.set_type(type);
  r.set_sender("rosa");
  r.set_recipient(recipient);
  r.set_person_ref("P-ABCDEFGHIJ");
  r.set_note("note");
  v1::PersonFacts* f = r.mutable_facts();
  f->set_gender(v1::GENDER_WOMAN);
  f->set_age(30);
  f->set_possibly_minor(false);
  f->set_nationality("RO");
  f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  f->set_accompanying_children(1);
  f->add_languages("ro");
  f->add_needs(v1::NEED_MEDICAL);
  f->set_acute(true);
  return r;
}

v1::PersonIdentity FullIdentity() {
  v1::PersonIdentity id;
  id.set_given_name("Ana");
  id.set_family_name("Popescu");
  id.set_birth_date("1996-02-01");
  id.set_duf_number("201912345678");
  id.set_phone("+4790000000");
  id.set_contact_address("Somewhere 1");
  return id;
}

Names SetFields(const google::protobuf::Message& m) {
  return testutil::SetFieldNames(m);
}

Partner Recipient(const std::string& id, PartnerKind kind) {
  Partner p;
  p.id = id;
  p.kind = kind;
  p.enabled = true;
  return p;
}

const Names kAllFacts = {"gender",
                         "age",
                         "nationality",
                         "exploitation_form",
                         "accompanying_children",
                         "languages",
                         "needs",
                         "acute"};
const Names kNoIdentity = {};

struct Row {
  v1::ReferralType type;
  PartnerKind kind;
  Names facts;
  bool note;
  Names identity;
};

const Row kTable[] = {
    {v1::REFERRAL_TYPE_PLACEMENT, v1::PARTNER_KIND_SHELTER, kAllFacts, true,
     kNoIdentity},
    {v1::REFERRAL_TYPE_PLACEMENT, v1::PARTNER_KIND_SAFE_HOUSE, kAllFacts, true,
     kNoIdentity},
    {v1::REFERRAL_TYPE_PLACEMENT, v1::PARTNER_KIND_REINFORCED_HOUSING,
     kAllFacts, true, kNoIdentity},
    {v1::REFERRAL_TYPE_LEGAL_COUNSEL,
     v1::PARTNER_KIND_LEGAL_COUNSEL,
     {"gender", "age", "nationality", "exploitation_form", "languages"},
     false,
     {"given_name", "family_name", "birth_date", "duf_number", "phone",
      "contact_address"}},
    {v1::REFERRAL_TYPE_ASSISTED_RETURN,
     v1::PARTNER_KIND_ASSISTED_RETURN,
     {"gender", "age", "nationality", "languages", "accompanying_children",
      "needs", "acute"},
     false,
     {"given_name", "family_name", "birth_date", "duf_number", "phone"}},
    {v1::REFERRAL_TYPE_ASSISTANCE, v1::PARTNER_KIND_COORDINATOR, kAllFacts,
     true, kNoIdentity},
};

TEST(MinimisationTest, RecipientReceivesExactlyWhatTheTableSays) {
  const v1::PersonIdentity identity = FullIdentity();
  for (const Row& row : kTable) {
    for (bool with_identity : {false, true}) {
      SCOPED_TRACE(v1::ReferralType_Name(row.type) + " to " +
                   v1::PartnerKind_Name(row.kind) +
                   (with_identity ? " with identity" : " without"));
      const Partner to = Recipient("to", row.kind);
      const v1::Referral view = ViewFor(to, FullReferral(row.type, "to"),
                                        with_identity ? &identity : nullptr);
      EXPECT_EQ(SetFields(view.facts()), row.facts);
      EXPECT_EQ(!view.note().empty(), row.note);
      EXPECT_EQ(SetFields(view.shared_identity()),
                with_identity ? row.identity : kNoIdentity);
    }
  }
}

TEST(MinimisationTest, SenderAndCoordinatorNeverGetIdentityThroughAReferral) {
  const v1::PersonIdentity identity = FullIdentity();
  v1::Referral stored =
      FullReferral(v1::REFERRAL_TYPE_LEGAL_COUNSEL, "advokat");
  *stored.mutable_shared_identity() = identity;  // Even if it were stored.
  const Partner sender = Recipient("rosa", v1::PARTNER_KIND_COORDINATOR);
  const v1::Referral view = ViewFor(sender, stored, &identity);
  EXPECT_FALSE(view.has_shared_identity());
  EXPECT_EQ(SetFields(view.facts()), kAllFacts);
  EXPECT_EQ(view.note(), "note");
}

TEST(MinimisationTest, PairsRoutingNeverAllowsGetNothing) {
  const v1::Referral view =
      ViewFor(Recipient("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
              FullReferral(v1::REFERRAL_TYPE_PLACEMENT, "iom"), nullptr);
  EXPECT_TRUE(SetFields(view.facts()).empty());
  EXPECT_TRUE(view.note().empty());
}

TEST(MinimisationTest, IdentityPurposeFollowsTheType) {
  EXPECT_EQ(IdentityPurpose(v1::REFERRAL_TYPE_LEGAL_COUNSEL),
            v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  EXPECT_EQ(IdentityPurpose(v1::REFERRAL_TYPE_ASSISTED_RETURN),
            v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  EXPECT_EQ(IdentityPurpose(v1::REFERRAL_TYPE_PLACEMENT),
            v1::CONSENT_PURPOSE_UNSPECIFIED);
  EXPECT_EQ(IdentityPurpose(v1::REFERRAL_TYPE_ASSISTANCE),
            v1::CONSENT_PURPOSE_UNSPECIFIED);
}

}  // namespace
}  // namespace rosa
