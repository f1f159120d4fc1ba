#include "plugins/advokat/handoff_package.h"

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/time_util.h"
#include "plugins/advokat/advokat_codec.h"
#include "plugins/advokat/handoff_page.h"
#include "plugins/json_support/hub_words.h"
#include "plugins/json_support/json_fields.h"
#include "plugins/json_support/strict_json.h"
#include "plugins/sdk/local_time.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::advokat {
namespace {

namespace v1 = rosa::hub::v1;
using nlohmann::ordered_json;
using rosa::plugin::v1::EncodeRequest;
using rosa::plugin::v1::EncodeResponse;

// The format's words for the hub's enums; empty for a value with none.
std::string_view ResidenceWord(v1::ResidenceStatus status) {
  switch (status) {
    case v1::RESIDENCE_STATUS_NO_PERMIT:
      return "no_permit";
    case v1::RESIDENCE_STATUS_ASYLUM_SEEKER:
      return "asylum_seeker";
    case v1::RESIDENCE_STATUS_TOURIST_VISA:
      return "tourist_visa";
    case v1::RESIDENCE_STATUS_AWAITING_RETURN:
      return "awaiting_return";
    case v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED:
      return "reflection_period_applied";
    case v1::RESIDENCE_STATUS_REFLECTION_PERIOD_GRANTED:
      return "reflection_period_granted";
    case v1::RESIDENCE_STATUS_EXTENDED_REFLECTION_APPLIED:
      return "extended_reflection_applied";
    case v1::RESIDENCE_STATUS_EU_EEA_CITIZEN:
      return "eu_eea_citizen";
    case v1::RESIDENCE_STATUS_RESIDENCE_PERMIT:
      return "residence_permit";
    case v1::RESIDENCE_STATUS_NORWEGIAN_CITIZEN:
      return "norwegian_citizen";
    case v1::RESIDENCE_STATUS_FAMILY_IMMIGRATION:
      return "family_immigration";
    case v1::RESIDENCE_STATUS_UNKNOWN:
      return "unknown";
    default:
      return "";
  }
}

std::string_view PurposeWord(v1::CounsellingPurpose purpose) {
  switch (purpose) {
    case v1::COUNSELLING_PURPOSE_IDENTIFICATION:
      return "identification";
    case v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS:
      return "residence_grounds";
    case v1::COUNSELLING_PURPOSE_POLICE_REPORT:
      return "police_report";
    default:
      return "";
  }
}

absl::Status Invalid(std::string_view field, std::string_view reason) {
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(field), ": ", std::string(reason)));
}

// A whole number of hours as an integer, else the exact quarter fraction.
ordered_json Hours(uint32_t quarter_hours) {
  if (quarter_hours % 4 == 0) return quarter_hours / 4;
  return quarter_hours / 4.0;
}

EncodeResponse Fail(const EncodeRequest& request, const absl::Status& status) {
  // absl::string_view is not std::string_view in Debian's build of absl.
  const std::string message(status.message());
  const size_t colon = message.find(": ");
  EncodeResponse response;
  *response.mutable_error() =
      MakeError(EventRecord(request.event()), message.substr(0, colon),
                colon == std::string::npos ? "cannot be rendered"
                                           : message.substr(colon + 2));
  return response;
}

}  // namespace

absl::StatusOr<HandoffPackage> MakeHandoffPackage(
    const v1::Handoff& handoff, const rosa::plugin::v1::Contact& contact) {
  HandoffPackage package;
  // The id also names the payloads; it must be the hub's, nothing else.
  if (!ids::IsHandoffId(handoff.id())) {
    return Invalid("handoff.id", "not a handoff id");
  }
  package.handoff_id = handoff.id();
  if (handoff.has_created_at()) {
    package.created_at = FromProtoTime(handoff.created_at());
  }
  if (handoff.has_identity()) {
    const v1::PersonIdentity& identity = handoff.identity();
    const std::pair<const char*, const std::string*> fields[] = {
        {"given_name", &identity.given_name()},
        {"family_name", &identity.family_name()},
        {"birth_date", &identity.birth_date()},
        {"duf_number", &identity.duf_number()},
        {"phone", &identity.phone()},
        {"contact_address", &identity.contact_address()}};
    for (const auto& [name, value] : fields) {
      if (!value->empty()) package.identity.emplace_back(name, *value);
    }
  }
  package.case_summary = handoff.case_summary();
  if (handoff.residence_status() != v1::RESIDENCE_STATUS_UNSPECIFIED) {
    package.residence_status = ResidenceWord(handoff.residence_status());
    if (package.residence_status.empty()) {
      return Invalid("handoff.residence_status", "unknown value");
    }
  }
  if (handoff.exploitation_form() != v1::EXPLOITATION_FORM_UNSPECIFIED) {
    package.exploitation_form =
        json::ExploitationWord(handoff.exploitation_form());
    if (package.exploitation_form.empty()) {
      return Invalid("handoff.exploitation_form", "unknown value");
    }
  }
  for (int purpose : handoff.purposes()) {
    const std::string_view word =
        PurposeWord(static_cast<v1::CounsellingPurpose>(purpose));
    if (word.empty()) return Invalid("handoff.purposes", "unknown value");
    package.purposes.emplace_back(word);
  }
  package.granted_quarter_hours = handoff.granted_quarter_hours();
  package.contact_organisation = contact.organisation();
  package.contact_phone = contact.phone();
  return package;
}

ordered_json PackageJson(const HandoffPackage& package) {
  ordered_json out;
  out["schema"] = "rosa-handoff/1";
  out["handoff"] = package.handoff_id;
  if (package.created_at) {
    out["created_at"] = FormatRfc3339(*package.created_at);
  }
  if (!package.identity.empty()) {
    ordered_json identity = ordered_json::object();
    for (const auto& [name, value] : package.identity) identity[name] = value;
    out["identity"] = std::move(identity);
  }
  if (!package.case_summary.empty()) {
    out["case_summary"] = package.case_summary;
  }
  if (!package.residence_status.empty()) {
    out["residence_status"] = package.residence_status;
  }
  if (!package.exploitation_form.empty()) {
    out["exploitation_form"] = package.exploitation_form;
  }
  out["purposes"] = package.purposes;
  out["granted_hours"] = Hours(package.granted_quarter_hours);
  ordered_json contact = ordered_json::object();
  if (!package.contact_organisation.empty()) {
    contact["organisation"] = package.contact_organisation;
  }
  if (!package.contact_phone.empty()) contact["phone"] = package.contact_phone;
  if (!contact.empty()) out["contact"] = std::move(contact);
  return out;
}

EncodeResponse EncodeHandoff(const EncodeRequest& request) {
  if (!request.event().has_handoff()) return {};
  const v1::Handoff& handoff = request.event().handoff().handoff();
  // Only a new handoff is a package; later ledger entries are the lawyer's
  // own doings and mean nothing to send back.
  const bool is_new = handoff.ledger_size() == 0 &&
                      (handoff.state() == v1::HANDOFF_STATE_OFFERED ||
                       handoff.state() == v1::HANDOFF_STATE_UNSPECIFIED);
  if (!is_new) return {};

  absl::StatusOr<HandoffPackage> package =
      MakeHandoffPackage(handoff, request.contact());
  if (!package.ok()) return Fail(request, package.status());

  EncodeResponse response;
  auto* data = response.add_payloads();
  data->set_content_type(std::string(kPackageContentType));
  data->set_payload(json::WriteJson(PackageJson(*package)));
  data->set_name(absl::StrCat(package->handoff_id, "-handoff"));
  auto* page = response.add_payloads();
  page->set_content_type(std::string(kPageContentType));
  page->set_payload(RenderHandoffPage(*package));
  page->set_name(absl::StrCat(package->handoff_id, "-handoff-print"));
  return response;
}

}  // namespace rosa::plugin::advokat
