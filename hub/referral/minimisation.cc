#include "hub/referral/minimisation.h"

#include <algorithm>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

const std::vector<std::string> kAllFacts = {"gender",
                                            "age",
                                            "possibly_minor",
                                            "nationality",
                                            "exploitation_form",
                                            "accompanying_children",
                                            "languages",
                                            "needs",
                                            "acute"};

const MinimisationRule kNothing{};

const MinimisationRule kPlacement{
    kAllFacts, /*note=*/true, {}, v1::CONSENT_PURPOSE_UNSPECIFIED};

const MinimisationRule kLegalCounsel{
    {"gender", "age", "nationality", "exploitation_form", "languages"},
    /*note=*/false,
    {"given_name", "family_name", "birth_date", "duf_number", "phone",
     "contact_address"},
    v1::CONSENT_PURPOSE_LEGAL_COUNSELLING};

const MinimisationRule kAssistedReturn{
    {"gender", "age", "nationality", "languages", "accompanying_children",
     "needs", "acute"},
    /*note=*/false,
    {"given_name", "family_name", "birth_date", "duf_number", "phone"},
    v1::CONSENT_PURPOSE_ASSISTED_RETURN};

const MinimisationRule kAssistance{
    kAllFacts, /*note=*/true, {}, v1::CONSENT_PURPOSE_UNSPECIFIED};

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Clears every field of `message` whose name is not in `keep`.
void KeepOnly(const std::vector<std::string>& keep,
              google::protobuf::Message& message) {
  const auto* descriptor = message.GetDescriptor();
  const auto* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* field = descriptor->field(i);
    if (!Contains(keep, field->name())) reflection->ClearField(&message, field);
  }
}

}  // namespace

const MinimisationRule& RuleFor(v1::ReferralType type, PartnerKind kind) {
  switch (type) {
    case v1::REFERRAL_TYPE_PLACEMENT:
      if (kind == v1::PARTNER_KIND_SHELTER ||
          kind == v1::PARTNER_KIND_SAFE_HOUSE ||
          kind == v1::PARTNER_KIND_REINFORCED_HOUSING) {
        return kPlacement;
      }
      return kNothing;
    case v1::REFERRAL_TYPE_LEGAL_COUNSEL:
      return kind == v1::PARTNER_KIND_LEGAL_COUNSEL ? kLegalCounsel : kNothing;
    case v1::REFERRAL_TYPE_ASSISTED_RETURN:
      return kind == v1::PARTNER_KIND_ASSISTED_RETURN ? kAssistedReturn
                                                      : kNothing;
    case v1::REFERRAL_TYPE_ASSISTANCE:
      return kind == v1::PARTNER_KIND_COORDINATOR ? kAssistance : kNothing;
    default:
      return kNothing;
  }
}

v1::ConsentPurpose IdentityPurpose(v1::ReferralType type) {
  switch (type) {
    case v1::REFERRAL_TYPE_LEGAL_COUNSEL:
      return kLegalCounsel.purpose;
    case v1::REFERRAL_TYPE_ASSISTED_RETURN:
      return kAssistedReturn.purpose;
    default:
      return v1::CONSENT_PURPOSE_UNSPECIFIED;
  }
}

void ApplyRule(const MinimisationRule& rule, const v1::PersonIdentity* identity,
               v1::Referral& referral) {
  KeepOnly(rule.facts, *referral.mutable_facts());
  if (!rule.note) referral.clear_note();
  referral.clear_shared_identity();
  if (identity != nullptr && !rule.identity.empty()) {
    *referral.mutable_shared_identity() = *identity;
    KeepOnly(rule.identity, *referral.mutable_shared_identity());
  }
}

}  // namespace rosa
