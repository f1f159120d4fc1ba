#include "adapters/console/pages/words.h"

#include "adapters/console/form.h"
#include "hub/common/html_escape.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

std::string Pick(std::string_view lang, const char* nb, const char* en) {
  return lang == "en" ? en : nb;
}

struct Exploitation {
  v1::ExploitationForm form;
  const char* token;
  const char* nb;
  const char* en;
};

constexpr Exploitation kExploitations[] = {
    {v1::EXPLOITATION_FORM_SEXUAL, "sexual", "seksuell", "sexual"},
    {v1::EXPLOITATION_FORM_FORCED_LABOUR, "forced_labour", "tvangsarbeid",
     "forced labour"},
    {v1::EXPLOITATION_FORM_MIXED, "mixed", "blandet", "mixed"},
    {v1::EXPLOITATION_FORM_OTHER_OR_UNKNOWN, "other_or_unknown",
     "annet eller ukjent", "other or unknown"},
};

}  // namespace

std::string ExploitationOptions(std::string_view lang,
                                std::string_view selected) {
  std::string out;
  for (const Exploitation& e : kExploitations) {
    out += Option(e.token, HtmlEscape(Pick(lang, e.nb, e.en)),
                  selected == e.token);
  }
  return out;
}

v1::ExploitationForm ExploitationOf(std::string_view token) {
  for (const Exploitation& e : kExploitations) {
    if (token == e.token) return e.form;
  }
  return v1::EXPLOITATION_FORM_OTHER_OR_UNKNOWN;
}

std::string UnitTypeWord(std::string_view lang, v1::UnitType type) {
  switch (type) {
    case v1::UNIT_TYPE_ACUTE:
      return Pick(lang, "akutt", "acute");
    case v1::UNIT_TYPE_LONGER_STAY:
      return Pick(lang, "lengre opphold", "longer stay");
    case v1::UNIT_TYPE_FAMILY:
      return Pick(lang, "familie", "family");
    default:
      return Pick(lang, "ukjent", "unknown");
  }
}

std::string StateWord(std::string_view lang, v1::ReferralState state) {
  switch (state) {
    case v1::REFERRAL_STATE_REQUESTED:
      return Pick(lang, "sendt", "requested");
    case v1::REFERRAL_STATE_RECEIVED:
      return Pick(lang, "mottatt", "received");
    case v1::REFERRAL_STATE_ACCEPTED:
      return Pick(lang, "akseptert", "accepted");
    case v1::REFERRAL_STATE_REJECTED:
      return Pick(lang, "avvist", "rejected");
    case v1::REFERRAL_STATE_IN_PROGRESS:
      return Pick(lang, "ankommet", "arrived");
    case v1::REFERRAL_STATE_COMPLETED:
      return Pick(lang, "avsluttet", "completed");
    case v1::REFERRAL_STATE_CANCELLED:
      return Pick(lang, "trukket", "cancelled");
    default:
      return Pick(lang, "ukjent", "unknown");
  }
}

std::string ReferralTypeWord(std::string_view lang, v1::ReferralType type) {
  switch (type) {
    case v1::REFERRAL_TYPE_PLACEMENT:
      return Pick(lang, "plassering", "placement");
    case v1::REFERRAL_TYPE_LEGAL_COUNSEL:
      return Pick(lang, "advokat", "legal counsel");
    case v1::REFERRAL_TYPE_ASSISTED_RETURN:
      return Pick(lang, "assistert retur", "assisted return");
    case v1::REFERRAL_TYPE_ASSISTANCE:
      return Pick(lang, "bistand", "assistance");
    default:
      return Pick(lang, "ukjent", "unknown");
  }
}

std::string LabelText(std::string_view lang, const report::Label& label) {
  return HtmlEscape(Pick(lang, label.no, label.en));
}

}  // namespace rosa::console
