#include "plugins/filemon/filemon_encode.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/time_util.h"
#include "nlohmann/json.hpp"
#include "plugins/filemon/filemon_codec.h"
#include "plugins/json_support/hub_words.h"
#include "plugins/json_support/json_fields.h"
#include "plugins/json_support/strict_json.h"
#include "plugins/sdk/local_time.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::filemon {
namespace {

namespace v1 = rosa::hub::v1;
using nlohmann::ordered_json;
using rosa::plugin::v1::EncodeRequest;
using rosa::plugin::v1::EncodeResponse;

// The format's words for the hub's enums; empty for a value it has none
// for (UNSPECIFIED, or a number this build does not know).
std::string_view GenderWord(v1::Gender gender) {
  switch (gender) {
    case v1::GENDER_MAN:
      return "male";
    case v1::GENDER_WOMAN:
      return "female";
    case v1::GENDER_TRANS:
      return "transgender";
    case v1::GENDER_UNKNOWN:
      return "unknown";
    default:
      return "";
  }
}

std::string_view NeedWord(v1::Need need) {
  switch (need) {
    case v1::NEED_MEDICAL:
      return "medical";
    case v1::NEED_MENTAL_HEALTH:
      return "mental_health";
    case v1::NEED_INTERPRETER:
      return "interpreter";
    case v1::NEED_WHEELCHAIR_ACCESS:
      return "wheelchair_access";
    case v1::NEED_HIGH_SECURITY:
      return "high_security";
    case v1::NEED_SUBSTANCE_ABUSE_SUPPORT:
      return "substance_abuse_support";
    case v1::NEED_PREGNANCY_CARE:
      return "pregnancy_care";
    default:
      return "";
  }
}

EncodeResponse EncodePlacementRequest(const EncodeRequest& request) {
  const v1::ReferralEvent& event = request.event().referral();
  const v1::Referral& referral = event.referral();
  const v1::PersonFacts& facts = referral.facts();

  // Refuse to render rather than send Filemon a request with a hole in it;
  // the core treats an error as a failed delivery it can see.
  if (!ids::IsReferralId(referral.id())) {
    return RefuseEvent(request.event(), "referral.id", "not a referral id");
  }
  if (!event.transition().has_occurred_at()) {
    return RefuseEvent(request.event(), "transition.occurred_at", "missing");
  }
  const std::string_view gender = GenderWord(facts.gender());
  if (gender.empty()) {
    return RefuseEvent(request.event(), "referral.facts.gender",
                       "missing or unknown value");
  }
  if (facts.age() == 0) {
    return RefuseEvent(request.event(), "referral.facts.age", "missing");
  }
  const std::string_view exploitation =
      json::ExploitationWord(facts.exploitation_form());
  if (exploitation.empty()) {
    return RefuseEvent(request.event(), "referral.facts.exploitation_form",
                       "missing or unknown value");
  }
  ordered_json needs = ordered_json::array();
  for (int need : facts.needs()) {
    const std::string_view word = NeedWord(static_cast<v1::Need>(need));
    if (word.empty()) {
      return RefuseEvent(request.event(), "referral.facts.needs",
                         "unknown value");
    }
    needs.push_back(word);
  }

  ordered_json person;
  if (!referral.person_ref().empty()) person["ref"] = referral.person_ref();
  person["gender"] = gender;
  person["age"] = facts.age();
  if (!facts.nationality().empty()) {
    person["nationality"] = facts.nationality();
  }
  person["languages"] = ordered_json::array();
  for (const std::string& language : facts.languages()) {
    person["languages"].push_back(language);
  }
  // The hub does not record partners; Filemon's field is always false.
  person["accompanied_by"] = {{"partner", false},
                              {"children", facts.accompanying_children()}};

  ordered_json out;
  out["schema"] = "filemon/1";
  out["kind"] = "placement_request";
  out["referral"] = referral.id();
  out["at"] = FormatRfc3339(FromProtoTime(event.transition().occurred_at()));
  out["acute"] = facts.acute();
  out["person"] = std::move(person);
  out["exploitation"] = exploitation;
  out["needs"] = std::move(needs);
  out["contact"] = {{"org", request.contact().organisation()},
                    {"phone", request.contact().phone()}};

  EncodeResponse response;
  auto* payload = response.add_payloads();
  payload->set_content_type(std::string(kContentType));
  payload->set_payload(json::WriteJson(out));
  payload->set_name(absl::StrCat(referral.id(), "-placement-request"));
  return response;
}

}  // namespace

EncodeResponse EncodeFilemon(const EncodeRequest& request) {
  if (!request.event().has_referral()) return {};
  const v1::ReferralEvent& event = request.event().referral();
  if (event.kind() != v1::ReferralEvent::KIND_SUBMITTED ||
      event.referral().type() != v1::REFERRAL_TYPE_PLACEMENT) {
    return {};
  }
  return EncodePlacementRequest(request);
}

}  // namespace rosa::plugin::filemon
