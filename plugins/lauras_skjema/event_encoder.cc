#include "plugins/lauras_skjema/event_encoder.h"

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/hub_ids.h"
#include "common/time_util.h"
#include "plugins/lauras_skjema/content_type.h"
#include "plugins/lauras_skjema/form_writer.h"
#include "plugins/sdk/local_time.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::lauras_skjema {
namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

std::string_view GenderWord(hv1::Gender gender) {
  switch (gender) {
    case hv1::GENDER_WOMAN:
      return "kvinne";
    case hv1::GENDER_MAN:
      return "mann";
    case hv1::GENDER_TRANS:
      return "transperson";
    default:
      return "ukjent";
  }
}

// Empty for a value this version does not know.
std::string_view NeedWord(int need) {
  switch (need) {
    case hv1::NEED_MEDICAL:
      return "medisinsk oppfølging";
    case hv1::NEED_MENTAL_HEALTH:
      return "psykisk helse";
    case hv1::NEED_INTERPRETER:
      return "tolk";
    case hv1::NEED_WHEELCHAIR_ACCESS:
      return "rullestoltilgang";
    case hv1::NEED_HIGH_SECURITY:
      return "høy sikkerhet";
    case hv1::NEED_SUBSTANCE_ABUSE_SUPPORT:
      return "rusoppfølging";
    case hv1::NEED_PREGNANCY_CARE:
      return "svangerskapsomsorg";
    default:
      return "";
  }
}

// Renders one event, or says which value stops it.
class Renderer {
 public:
  explicit Renderer(const pv1::EncodeRequest& request)
      : request_(request), referral_(request.event().referral().referral()) {}

  pv1::EncodeResponse Render() {
    pv1::EncodeResponse response;
    const hv1::ReferralEvent& event = request_.event().referral();
    if (referral_.type() != hv1::REFERRAL_TYPE_PLACEMENT) return response;
    std::string text;
    std::string suffix;
    if (event.kind() == hv1::ReferralEvent::KIND_SUBMITTED) {
      text = PlacementRequest(event);
      suffix = "-placement-request";
    } else if (event.kind() == hv1::ReferralEvent::KIND_STATUS_CHANGED &&
               event.transition().to() == hv1::REFERRAL_STATE_CANCELLED) {
      // Who may cancel is the core's rule (only the sender does): every
      // cancellation the hub sends is told to Lauras hus.
      text = Cancellation(event);
      suffix = "-cancelled";
    } else {
      return response;
    }
    if (!error_.reason().empty()) {
      *response.mutable_error() = error_;
      return response;
    }
    pv1::EncodedPayload& payload = *response.add_payloads();
    payload.set_content_type(std::string(kContentType));
    payload.set_payload(std::move(text));
    payload.set_name(absl::StrCat(referral_.id(), suffix));
    return response;
  }

 private:
  void Fail(std::string field, std::string reason) {
    if (!error_.reason().empty()) return;
    error_ = MakeError(RecordName(), std::move(field), std::move(reason));
  }

  std::string RecordName() const {
    return ids::IsReferralId(referral_.id()) ? referral_.id()
                                             : EventRecord(request_.event());
  }

  // Adds "key: value" after checking the value is text.
  void Add(FormWriter& form, std::string_view key, std::string_view value) {
    if (!IsValidUtf8(value)) {
      Fail(std::string(key), "not valid UTF-8");
      return;
    }
    form.Add(key, value);
  }

  void AddHeader(FormWriter& form, const hv1::Transition& transition,
                 const google::protobuf::Timestamp* fallback) {
    if (!ids::IsReferralId(referral_.id())) {
      Fail("Referanse", "the event's referral id is missing or malformed");
      return;
    }
    form.Add("Referanse", referral_.id());
    const google::protobuf::Timestamp* when = nullptr;
    if (transition.has_occurred_at()) {
      when = &transition.occurred_at();
    } else if (fallback != nullptr) {
      when = fallback;
    } else if (request_.event().has_recorded_at()) {
      when = &request_.event().recorded_at();
    }
    if (when == nullptr) {
      Fail("Tidspunkt", "the event carries no time");
      return;
    }
    form.Add("Tidspunkt", FormatNorwegianDateTime(FromProtoTime(*when)));
  }

  std::string PlacementRequest(const hv1::ReferralEvent& event) {
    FormWriter form("ROSA plassforespørsel 1");
    AddHeader(form, event.transition(),
              referral_.has_created_at() ? &referral_.created_at() : nullptr);
    // The facts travel whole with a placement referral; without them there
    // is nothing to say about the person, and nothing is made up.
    if (referral_.has_facts()) {
      const hv1::PersonFacts& facts = referral_.facts();
      form.Add("Akutt", facts.acute() ? "ja" : "nei");
      form.Add("Kjønn", GenderWord(facts.gender()));
      form.Add("Alder", facts.age() == 0 ? std::string("ukjent")
                                         : absl::StrCat(facts.age()));
      Add(form, "Nasjonalitet",
          facts.nationality().empty() ? "ukjent" : facts.nationality());
      form.Add("Barn", absl::StrCat(facts.accompanying_children()));
      Add(form, "Språk",
          facts.languages().empty() ? std::string("ukjent")
                                    : absl::StrJoin(facts.languages(), ", "));
      std::vector<std::string> needs;
      for (int need : facts.needs()) {
        std::string_view word = NeedWord(need);
        if (!word.empty()) needs.emplace_back(word);
      }
      form.Add("Behov", needs.empty() ? std::string("ingen")
                                      : absl::StrJoin(needs, ", "));
    }
    AddContact(form);
    return form.text();
  }

  std::string Cancellation(const hv1::ReferralEvent& event) {
    FormWriter form("ROSA avbrutt 1");
    AddHeader(form, event.transition(), nullptr);
    if (!event.transition().reason().empty()) {
      Add(form, "Merknad", event.transition().reason());
    }
    return form.text();
  }

  void AddContact(FormWriter& form) {
    const pv1::Contact& contact = request_.contact();
    std::vector<std::string> parts;
    if (!OneLine(contact.organisation()).empty()) {
      parts.push_back(contact.organisation());
    }
    if (!OneLine(contact.phone()).empty()) parts.push_back(contact.phone());
    if (!parts.empty()) Add(form, "Kontakt", absl::StrJoin(parts, ", "));
  }

  const pv1::EncodeRequest& request_;
  const hv1::Referral& referral_;
  pv1::RecordError error_;
};

}  // namespace

pv1::EncodeResponse EncodeEvent(const pv1::EncodeRequest& request) {
  if (!request.event().has_referral()) return pv1::EncodeResponse();
  return Renderer(request).Render();
}

}  // namespace rosa::plugin::lauras_skjema
