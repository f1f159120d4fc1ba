// What the annual report is computed from: plain rows, so that the tables
// can be computed (and unit-tested) without SQL. report_query.h reads them
// from the store; tests build them by hand.
// Thread-safety: plain values.
#ifndef ROSA_HUB_REPORT_REPORT_INPUT_H_
#define ROSA_HUB_REPORT_REPORT_INPUT_H_

#include <map>
#include <string>
#include <vector>

#include "rosa/hub/v1/inquiry.pb.h"
#include "rosa/hub/v1/journal.pb.h"
#include "rosa/hub/v1/partner.pb.h"
#include "rosa/hub/v1/person.pb.h"

namespace rosa::report {

struct PersonRecords {
  std::string id;
  rosa::hub::v1::PersonProfile profile;
  // Every journal record of the person, any year, plus one OvernightStay
  // per completed placement referral about the person (its id the
  // referral's).
  std::vector<rosa::hub::v1::JournalRecord> journal;
};

struct ReportInput {
  int year = 0;
  // Hotline inquiries that occurred in year - 1 or year.
  std::vector<rosa::hub::v1::HotlineInquiry> inquiries;
  // Every registered person (erased persons are gone).
  std::vector<PersonRecords> persons;
  // The registry's facilities: facility id -> the kind of its partner.
  std::map<std::string, rosa::hub::v1::PartnerKind> facility_kinds;
};

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_REPORT_INPUT_H_
