#include "plugins/ks_csv/telefonlogg.h"

#include <string>

#include "absl/strings/ascii.h"
#include "common/iso_codes.h"
#include "common/time_util.h"

namespace rosa::plugin::ks_csv {
namespace {

namespace hub = rosa::hub::v1;

constexpr Column kColumns[] = {
    {"tidspunkt", true},   {"hvem_ringer", true},
    {"gjelder", true},     {"antall_personer", false},
    {"kjonn", false},      {"nasjonalitet", false},
    {"utnyttelse", false}, {"mindrearige_barn", false},
    {"utfall", false},
};

// The columns about a possible victim, in the order errors report them.
constexpr std::string_view kVictimColumns[] = {
    "antall_personer",  "kjonn",  "nasjonalitet", "utnyttelse",
    "mindrearige_barn", "utfall",
};

constexpr Token<hub::CallerType> kCallers[] = {
    {"politi", hub::CALLER_TYPE_POLICE},
    {"asylmottak", hub::CALLER_TYPE_ASYLUM_RECEPTION},
    {"offentlig_myndighet", hub::CALLER_TYPE_PUBLIC_AUTHORITY},
    {"barnevern", hub::CALLER_TYPE_CHILD_WELFARE},
    {"helsetjeneste", hub::CALLER_TYPE_HEALTH_SERVICE},
    {"nav", hub::CALLER_TYPE_NAV},
    {"pro_sentret", hub::CALLER_TYPE_PRO_SENTRET},
    {"nadheim", hub::CALLER_TYPE_NADHEIM},
    {"frivillig_org", hub::CALLER_TYPE_VOLUNTARY_ORGANISATION},
    {"krisesenter", hub::CALLER_TYPE_CRISIS_CENTRE},
    {"annet_botilbud", hub::CALLER_TYPE_OTHER_HOUSING},
    {"advokat", hub::CALLER_TYPE_LAWYER},
    {"kvalifiserende_tiltak", hub::CALLER_TYPE_QUALIFICATION_PROGRAMME},
    {"media", hub::CALLER_TYPE_MEDIA},
    {"forskning", hub::CALLER_TYPE_RESEARCH},
    {"privatperson", hub::CALLER_TYPE_PRIVATE_PERSON},
    {"personen_selv", hub::CALLER_TYPE_THE_PERSON_THEMSELF},
    {"kriminalomsorg", hub::CALLER_TYPE_CORRECTIONAL_SERVICE},
    {"annen", hub::CALLER_TYPE_OTHER},
};

constexpr Token<hub::InquiryTopic> kTopics[] = {
    {"oppfolging", hub::INQUIRY_TOPIC_FOLLOW_UP},
    {"informasjon", hub::INQUIRY_TOPIC_INFORMATION},
    {"mulig_offer", hub::INQUIRY_TOPIC_POSSIBLE_VICTIM},
    {"veiledning", hub::INQUIRY_TOPIC_GUIDANCE},
    {"annet", hub::INQUIRY_TOPIC_OTHER},
};

constexpr Token<hub::Gender> kGenders[] = {
    {"kvinne", hub::GENDER_WOMAN},
    {"mann", hub::GENDER_MAN},
    {"transperson", hub::GENDER_TRANS},
    {"ukjent", hub::GENDER_UNKNOWN},
};

constexpr Token<hub::ExploitationForm> kExploitation[] = {
    {"prostitusjon", hub::EXPLOITATION_FORM_SEXUAL},
    {"tvangsarbeid", hub::EXPLOITATION_FORM_FORCED_LABOUR},
    {"blandingsform", hub::EXPLOITATION_FORM_MIXED},
    {"ukjent", hub::EXPLOITATION_FORM_OTHER_OR_UNKNOWN},
};

constexpr Token<hub::InquiryOutcome> kOutcomes[] = {
    {"takket_ja", hub::INQUIRY_OUTCOME_ACCEPTED_HELP},
    {"takket_nei", hub::INQUIRY_OUTCOME_DECLINED_HELP},
    {"ikke_menneskehandel", hub::INQUIRY_OUTCOME_NOT_TRAFFICKING},
    {"henvist_filemon", hub::INQUIRY_OUTCOME_REFERRED_TO_FILEMON},
    {"ukjent", hub::INQUIRY_OUTCOME_UNKNOWN},
};

constexpr std::string_view kWithVictim = "required when gjelder is mulig_offer";

// ISO 3166-1 alpha-2 in capitals, or empty for `ukjent`; nothing (with an
// error) for anything else.
std::optional<std::string> Nationality(Row& row) {
  const std::string_view cell = row.Cell("nasjonalitet");
  if (cell.empty()) {
    row.Error("nasjonalitet", std::string(kWithVictim));
    return std::nullopt;
  }
  if (AsciiLower(cell) == "ukjent") return std::string();
  std::string code(cell);
  for (char& c : code) c = absl::ascii_toupper(static_cast<unsigned char>(c));
  if (!IsIso3166Alpha2(code)) {
    row.Error("nasjonalitet",
              "must be an ISO 3166 alpha-2 country code, or ukjent");
    return std::nullopt;
  }
  return code;
}

void DecodeVictims(Row& row, hub::PossibleVictims& victims) {
  for (std::string_view name : {"antall_personer", "kjonn", "utnyttelse"}) {
    if (row.Empty(name)) row.Error(name, std::string(kWithVictim));
  }
  const auto persons =
      row.Integer("antall_personer", 0, kAnyCount, Presence::kOptional);
  const auto gender =
      row.Pick<hub::Gender>("kjonn", kGenders, Presence::kOptional);
  const auto nationality = Nationality(row);
  const auto exploitation = row.Pick<hub::ExploitationForm>(
      "utnyttelse", kExploitation, Presence::kOptional);
  const auto minors =
      row.Integer("mindrearige_barn", 0, kAnyCount, Presence::kOptional);
  const auto outcome =
      row.Pick<hub::InquiryOutcome>("utfall", kOutcomes, Presence::kOptional);
  if (!row.ok()) return;
  victims.set_persons(*persons);
  victims.set_gender(*gender);
  victims.set_nationality(*nationality);
  victims.set_exploitation_form(*exploitation);
  if (minors) victims.set_accompanying_minors(*minors);
  victims.set_outcome(outcome.value_or(hub::INQUIRY_OUTCOME_UNSPECIFIED));
}

void DecodeRow(Row& row, rosa::plugin::v1::HubCommand& command) {
  const auto occurred_at = row.Time("tidspunkt", Presence::kRequired);
  const auto caller =
      row.Pick<hub::CallerType>("hvem_ringer", kCallers, Presence::kRequired);
  const auto topic =
      row.Pick<hub::InquiryTopic>("gjelder", kTopics, Presence::kRequired);
  hub::PossibleVictims victims;
  if (topic == hub::INQUIRY_TOPIC_POSSIBLE_VICTIM) {
    DecodeVictims(row, victims);
  } else if (topic) {
    for (std::string_view name : kVictimColumns) {
      if (!row.Empty(name)) {
        row.Error(name, "must be empty unless gjelder is mulig_offer");
      }
    }
  }
  if (!row.ok()) return;

  hub::HotlineInquiry& inquiry =
      *command.mutable_record_inquiry()->mutable_inquiry();
  *inquiry.mutable_occurred_at() = ToProtoTime(*occurred_at);
  inquiry.set_caller(*caller);
  inquiry.set_topic(*topic);
  if (topic == hub::INQUIRY_TOPIC_POSSIBLE_VICTIM) {
    *inquiry.mutable_victims() = std::move(victims);
  }
}

constexpr Profile kProfile{"text/csv; profile=ks-telefonlogg-1", kColumns,
                           &DecodeRow, nullptr};

}  // namespace

const Profile& TelefonloggProfile() { return kProfile; }

}  // namespace rosa::plugin::ks_csv
