#include "plugins/ks_csv/henvisninger.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/hub_ids.h"
#include "common/time_util.h"
#include "plugins/ks_csv/csv_writer.h"
#include "plugins/sdk/local_time.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::ks_csv {
namespace {

namespace hub = rosa::hub::v1;
namespace v1 = rosa::plugin::v1;

// Spreadsheets read a file as UTF-8 only when it starts with a byte-order
// mark; without it, æ, ø and å come out garbled.

// The inbound hendelser words, plus `sendt` for a referral not yet received.
std::string_view StateWord(hub::ReferralState state) {
  switch (state) {
    case hub::REFERRAL_STATE_REQUESTED:
      return "sendt";
    case hub::REFERRAL_STATE_RECEIVED:
      return "mottatt";
    case hub::REFERRAL_STATE_ACCEPTED:
      return "akseptert";
    case hub::REFERRAL_STATE_REJECTED:
      return "avslatt";
    case hub::REFERRAL_STATE_IN_PROGRESS:
      return "ankommet";
    case hub::REFERRAL_STATE_COMPLETED:
      return "utflyttet";
    case hub::REFERRAL_STATE_CANCELLED:
      return "avbrutt";
    default:
      return "";
  }
}

std::string_view TypeWord(hub::ReferralType type) {
  switch (type) {
    case hub::REFERRAL_TYPE_PLACEMENT:
      return "plass";
    case hub::REFERRAL_TYPE_LEGAL_COUNSEL:
      return "advokat";
    case hub::REFERRAL_TYPE_ASSISTED_RETURN:
      return "retur";
    case hub::REFERRAL_TYPE_ASSISTANCE:
      return "bistand";
    default:
      return "";
  }
}

// The telefonlogg words.
std::string_view GenderWord(hub::Gender gender) {
  switch (gender) {
    case hub::GENDER_WOMAN:
      return "kvinne";
    case hub::GENDER_MAN:
      return "mann";
    case hub::GENDER_TRANS:
      return "transperson";
    case hub::GENDER_UNKNOWN:
      return "ukjent";
    default:
      return "";
  }
}

std::string_view NeedWord(int need) {
  switch (need) {
    case hub::NEED_MEDICAL:
      return "medisinsk";
    case hub::NEED_MENTAL_HEALTH:
      return "psykisk_helse";
    case hub::NEED_INTERPRETER:
      return "tolk";
    case hub::NEED_WHEELCHAIR_ACCESS:
      return "rullestol";
    case hub::NEED_HIGH_SECURITY:
      return "hoy_sikkerhet";
    case hub::NEED_SUBSTANCE_ABUSE_SUPPORT:
      return "rus";
    case hub::NEED_PREGNANCY_CARE:
      return "graviditet";
    default:
      return "";
  }
}

std::string Needs(const hub::PersonFacts& facts) {
  std::string words;
  for (int need : facts.needs()) {
    const std::string_view word = NeedWord(need);
    if (word.empty()) continue;
    if (!words.empty()) words.push_back(',');
    words.append(word);
  }
  return words;
}

}  // namespace

v1::EncodeResponse EncodeHenvisning(const hub::Event& event) {
  if (!event.has_referral()) return {};
  const hub::ReferralEvent& body = event.referral();
  const hub::Referral& referral = body.referral();

  std::string_view what;
  switch (body.kind()) {
    case hub::ReferralEvent::KIND_SUBMITTED:
      what = StateWord(hub::REFERRAL_STATE_REQUESTED);
      break;
    case hub::ReferralEvent::KIND_STATUS_CHANGED:
      what = StateWord(body.transition().to());
      if (what.empty() ||
          body.transition().to() == hub::REFERRAL_STATE_REQUESTED) {
        return RefuseEvent(event, "referral.transition.to",
                           "not a step a referral can make");
      }
      break;
    case hub::ReferralEvent::KIND_ASSISTED_RETURN_UPDATED:
      return {};
    default:
      return RefuseEvent(event, "referral.kind",
                         "not a kind of referral event");
  }
  // The id names the file and is the centre's key to the referral.
  if (!ids::IsReferralId(referral.id())) {
    return RefuseEvent(event, "referral.referral.id", "not a referral id");
  }

  const bool has_facts = referral.has_facts();
  const hub::PersonFacts& facts = referral.facts();
  const std::vector<std::string> cells = {
      referral.id(),
      std::string(what),
      body.has_transition() && body.transition().has_occurred_at()
          ? FormatNorwegianDateTime(
                FromProtoTime(body.transition().occurred_at()))
          : "",
      std::string(TypeWord(referral.type())),
      std::string(StateWord(referral.state())),
      std::string(GenderWord(facts.gender())),
      facts.age() > 0 ? absl::StrCat(facts.age()) : "",
      facts.nationality(),
      has_facts ? absl::StrCat(facts.accompanying_children()) : "",
      absl::StrJoin(facts.languages(), ","),
      Needs(facts),
      has_facts ? (facts.acute() ? "ja" : "nei") : "",
      referral.note(),
  };

  std::string csv(kUtf8Bom);
  csv.append(WriteRow(std::vector<std::string>(
      std::begin(kHenvisningerColumns), std::end(kHenvisningerColumns))));
  csv.append(WriteRow(cells));

  v1::EncodeResponse response;
  v1::EncodedPayload& payload = *response.add_payloads();
  payload.set_content_type(std::string(kHenvisningerContentType));
  payload.set_payload(std::move(csv));
  payload.set_name(referral.id() + "-" + std::string(what));
  return response;
}

}  // namespace rosa::plugin::ks_csv
