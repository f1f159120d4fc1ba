#include "hub/journal/police_report_feed.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"
#include "common/time_util.h"
#include "hub/journal/journal_store.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

v1::Offence OffenceFromText(std::string_view text) {
  const std::string t =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(std::string(text)));
  struct Name {
    const char* text;
    v1::Offence offence;
  };
  static constexpr Name kNames[] = {
      {"trafficking", v1::OFFENCE_TRAFFICKING},
      {"human trafficking", v1::OFFENCE_TRAFFICKING},
      {"menneskehandel", v1::OFFENCE_TRAFFICKING},
      {"violence in close relations", v1::OFFENCE_VIOLENCE_IN_CLOSE_RELATIONS},
      {"vold i nære relasjoner", v1::OFFENCE_VIOLENCE_IN_CLOSE_RELATIONS},
      {"robbery", v1::OFFENCE_ROBBERY},
      {"ran", v1::OFFENCE_ROBBERY},
      {"rape", v1::OFFENCE_RAPE},
      {"voldtekt", v1::OFFENCE_RAPE},
      {"other sexual violence", v1::OFFENCE_OTHER_SEXUAL_VIOLENCE},
      {"annen seksuell vold", v1::OFFENCE_OTHER_SEXUAL_VIOLENCE},
      {"other violence", v1::OFFENCE_OTHER_VIOLENCE},
      {"annen vold", v1::OFFENCE_OTHER_VIOLENCE},
      {"social dumping", v1::OFFENCE_SOCIAL_DUMPING},
      {"sosial dumping", v1::OFFENCE_SOCIAL_DUMPING},
  };
  for (const Name& name : kNames) {
    if (t == name.text) return name.offence;
  }
  return v1::OFFENCE_OTHER;
}

absl::Status RecordFiledPoliceReport(store::Connection& conn,
                                     const std::string& person_id,
                                     const std::string& lawyer,
                                     std::string_view offence_text,
                                     absl::Time occurred, absl::Time now) {
  const int year = absl::ToCivilYear(now, OsloTimeZone()).year();
  ASSIGN_OR_RETURN(std::string id, AllocateJournalId(conn, year));
  v1::JournalRecord record;
  record.set_id(id);
  record.set_person_id(person_id);
  *record.mutable_occurred_at() = ToProtoTime(occurred);
  *record.mutable_recorded_at() = ToProtoTime(now);
  record.set_recorded_by(lawyer);
  record.mutable_police_report()->set_offence(OffenceFromText(offence_text));
  RETURN_IF_ERROR(InsertJournalRecord(conn, record));
  v1::AuditEntry entry;
  entry.set_actor(lawyer);
  entry.set_action("journal.record");
  entry.set_object_id(id);
  entry.set_person_id(person_id);
  entry.set_purpose(v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  return audit::AppendAuditEntry(conn, std::move(entry), now).status();
}

}  // namespace rosa
