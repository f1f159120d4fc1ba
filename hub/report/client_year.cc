#include "hub/report/client_year.h"

#include <string>

#include "absl/time/civil_time.h"
#include "common/time_util.h"

namespace rosa::report {

namespace v1 = rosa::hub::v1;

YearSpan OsloYear(int year) {
  const absl::TimeZone& oslo = OsloTimeZone();
  return YearSpan{absl::FromCivil(absl::CivilYear(year), oslo),
                  absl::FromCivil(absl::CivilYear(year + 1), oslo)};
}

absl::Time OccurredAt(const v1::JournalRecord& record) {
  return FromProtoTime(record.occurred_at());
}

int64_t StayNightsIn(const v1::JournalRecord& stay, int year) {
  const absl::CivilDay first =
      absl::ToCivilDay(OccurredAt(stay), OsloTimeZone());
  const int64_t nights = stay.stay().has_nights() ? stay.stay().nights() : 1;
  const absl::CivilDay last = first + (nights - 1);
  const absl::CivilDay y_first(year, 1, 1);
  const absl::CivilDay y_last(year, 12, 31);
  const absl::CivilDay from = first > y_first ? first : y_first;
  const absl::CivilDay to = last < y_last ? last : y_last;
  return to < from ? 0 : (to - from) + 1;
}

bool IsClient(const PersonRecords& person, int year) {
  const YearSpan span = OsloYear(year);
  int in_person = 0;
  for (const v1::JournalRecord& r : person.journal) {
    if (r.has_follow_up() &&
        r.follow_up().mode() == v1::CONTACT_MODE_IN_PERSON &&
        span.Contains(OccurredAt(r)) && ++in_person >= kMinInPersonContacts) {
      return true;
    }
    if (r.has_stay() && StayNightsIn(r, year) > 0) return true;
  }
  return false;
}

std::optional<absl::Time> IntakeIn(const PersonRecords& person, int year) {
  const YearSpan span = OsloYear(year);
  std::optional<absl::Time> intake;
  for (const v1::JournalRecord& r : person.journal) {
    if (!r.has_assistance_started()) continue;
    const absl::Time t = OccurredAt(r);
    if (span.Contains(t) && (!intake.has_value() || t > *intake)) intake = t;
  }
  return intake;
}

bool IsNew(const PersonRecords& person, int year) {
  return IntakeIn(person, year).has_value();
}

int GenderIndex(v1::Gender gender) {
  switch (gender) {
    case v1::GENDER_WOMAN:
      return 0;
    case v1::GENDER_MAN:
      return 1;
    case v1::GENDER_TRANS:
      return 2;
    default:
      return 3;
  }
}

int ExploitationIndex(v1::ExploitationForm form) {
  switch (form) {
    case v1::EXPLOITATION_FORM_SEXUAL:
      return 0;
    case v1::EXPLOITATION_FORM_FORCED_LABOUR:
      return 1;
    case v1::EXPLOITATION_FORM_MIXED:
      return 2;
    default:
      return 3;
  }
}

int ExploitationIndex(const v1::PersonProfile& profile) {
  bool sexual = false;
  bool labour = false;
  for (int f : profile.exploitation_forms()) {
    const int i = ExploitationIndex(static_cast<v1::ExploitationForm>(f));
    if (i == 2) return 2;
    sexual = sexual || i == 0;
    labour = labour || i == 1;
  }
  if (sexual && labour) return 2;
  if (sexual) return 0;
  if (labour) return 1;
  return 3;
}

bool ActiveIn(const v1::JournalRecord& activity, int year) {
  const YearSpan span = OsloYear(year);
  const absl::Time start = OccurredAt(activity);
  if (start >= span.end) return false;
  if (!activity.activity().has_ended_at()) return true;
  return FromProtoTime(activity.activity().ended_at()) >= span.begin;
}

// The status of police report `report` at `at`: the latest change of it in
// effect then.
std::optional<v1::PoliceReportStatus> PoliceStatusAt(
    const PersonRecords& person, const std::string& report, absl::Time at) {
  std::optional<v1::PoliceReportStatus> status;
  absl::Time when = absl::InfinitePast();
  for (const v1::JournalRecord& r : person.journal) {
    if (!r.has_police_report_status() ||
        r.police_report_status().report_id() != report) {
      continue;
    }
    const absl::Time t = OccurredAt(r);
    if (t < at && t >= when) {
      when = t;
      status = r.police_report_status().status();
    }
  }
  return status;
}

}  // namespace rosa::report
