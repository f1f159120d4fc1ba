// The annual report's definitions, each in one place
// (../shared/annual-report.md). Years are calendar years in Oslo.
//   client in Y   repeated in-person follow-up contacts in Y (at least
//                 kMinInPersonContacts), or at least one night of a stay
//                 (facility or other place) in Y; phone contacts do not
//                 count.
//   new in Y      a client whose assistance started in Y (an
//                 AssistanceStarted record in Y); otherwise multi-year.
//   intake        the latest assistance start in Y; the status "at
//                 intake" is the one in effect at the end of that day.
//   31 December   the status in effect at the end of the year.
//   age in Y      Y minus the birth year (0: unknown; under kAdultAge:
//                 unknown too, the hub assists adults only).
// Thread-safety: pure functions.
#ifndef ROSA_HUB_REPORT_CLIENT_YEAR_H_
#define ROSA_HUB_REPORT_CLIENT_YEAR_H_

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "hub/report/report_input.h"

namespace rosa::report {

struct YearSpan {
  absl::Time begin;  // 1 January 00:00 in Oslo.
  absl::Time end;    // The next 1 January 00:00: exclusive.
  bool Contains(absl::Time t) const { return t >= begin && t < end; }
};
YearSpan OsloYear(int year);

absl::Time OccurredAt(const rosa::hub::v1::JournalRecord& record);

// Nights of a stay record that fall in `year` (the night beginning on a
// date counts for that date's year). A stay without nights counts as one
// night on its first day (and is warned about).
int64_t StayNightsIn(const rosa::hub::v1::JournalRecord& stay, int year);

// "Repeated" in-person follow-up conversations: this many in one year make
// a client (the annual report's one home of the rule).
inline constexpr int kMinInPersonContacts = 2;

// Whether the person is a client in `year`: at least kMinInPersonContacts
// in-person follow-up contacts in it, or a night of a stay in it.
bool IsClient(const PersonRecords& person, int year);
// The latest assistance start in `year`, if any (then the person is new).
std::optional<absl::Time> IntakeIn(const PersonRecords& person, int year);
bool IsNew(const PersonRecords& person, int year);

// 0 woman, 1 man, 2 trans, 3 unknown.
int GenderIndex(rosa::hub::v1::Gender gender);
inline constexpr int kGenders = 4;
// 0 sexual, 1 forced labour or services, 2 mixed, 3 other or unknown.
int ExploitationIndex(const rosa::hub::v1::PersonProfile& profile);
int ExploitationIndex(rosa::hub::v1::ExploitationForm form);
inline constexpr int kExploitationForms = 4;

// Whether the activity record's period overlaps `year`.
bool ActiveIn(const rosa::hub::v1::JournalRecord& activity, int year);

// The status of police report `report` (a journal record id) before `at`:
// the latest status change of it that occurred before then; nullopt if
// none did.
std::optional<rosa::hub::v1::PoliceReportStatus> PoliceStatusAt(
    const PersonRecords& person, const std::string& report, absl::Time at);

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_CLIENT_YEAR_H_
