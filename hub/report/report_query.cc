#include "hub/report/report_query.h"

#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/common/status_macros.h"
#include "hub/referral/referral_row.h"
#include "hub/report/client_year.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa::report {
namespace {

namespace v1 = rosa::hub::v1;

constexpr char kInquiriesSql[] =
    "SELECT body, coalesce(person_id, '') FROM inquiries"
    " WHERE occurred_us >= ?1 AND occurred_us < ?2";
constexpr char kPersonsSql[] = "SELECT id, profile FROM persons";
constexpr char kJournalSql[] =
    "SELECT person_id, body FROM journal_records"
    " WHERE kind = ?1 AND occurred_us < ?2";
constexpr char kPlacementsSql[] =
    "SELECT " ROSA_REFERRAL_ROW_COLUMNS
    " FROM referrals WHERE type = ?1 AND state = ?2";

// The stay a completed placement referral records: from the arrival (the
// step to IN_PROGRESS) for the nights stayed, at the named facility (or
// the recipient's, when none was named). Nights not given are unknown (a
// stay without nights); an explicit 0 (arrived and left the same day) is no
// stay at all.
std::optional<v1::JournalRecord> StayOf(const v1::Referral& referral) {
  v1::JournalRecord stay;
  stay.set_id(referral.id());
  stay.set_person_id(referral.person_ref());
  stay.set_recorded_by(referral.recipient());
  bool arrived = false;
  for (const v1::Transition& t : referral.history()) {
    if (t.to() == v1::REFERRAL_STATE_IN_PROGRESS) {
      *stay.mutable_occurred_at() = t.occurred_at();
      arrived = true;
    }
    if (t.to() == v1::REFERRAL_STATE_COMPLETED && t.has_nights_stayed()) {
      if (t.nights_stayed() == 0) return std::nullopt;
      stay.mutable_stay()->set_nights(t.nights_stayed());
    }
  }
  if (!arrived) return std::nullopt;
  stay.mutable_stay()->set_facility_id(referral.facility().id().empty()
                                           ? referral.recipient()
                                           : referral.facility().id());
  return stay;
}

}  // namespace

absl::StatusOr<ReportInput> LoadReportInput(store::Connection& conn,
                                            const PartnerRegistry& registry,
                                            int year) {
  store::ReadTransaction read(conn);
  RETURN_IF_ERROR(read.status());
  ReportInput input;
  input.year = year;
  for (const Partner* partner : registry.All()) {
    // A placement the recipient did not name a facility for counts at the
    // partner itself.
    input.facility_kinds[partner->id] = partner->kind;
    for (const Facility& f : partner->facilities) {
      input.facility_kinds[f.id] = partner->kind;
    }
  }
  {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare(kInquiriesSql));
    stmt->Bind(1, ToUnixMicrosStored(OsloYear(year - 1).begin))
        .Bind(2, ToUnixMicrosStored(OsloYear(year).end));
    for (;;) {
      ASSIGN_OR_RETURN(bool found, stmt->Step());
      if (!found) break;
      v1::HotlineInquiry inquiry;
      if (!inquiry.ParseFromString(stmt->ColumnBlob(0))) {
        return absl::DataLossError("a stored inquiry does not parse");
      }
      inquiry.set_person_id(stmt->ColumnText(1));
      input.inquiries.push_back(std::move(inquiry));
    }
  }
  std::map<std::string, size_t> index;
  {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare(kPersonsSql));
    for (;;) {
      ASSIGN_OR_RETURN(bool found, stmt->Step());
      if (!found) break;
      PersonRecords person;
      person.id = stmt->ColumnText(0);
      if (!person.profile.ParseFromString(stmt->ColumnBlob(1))) {
        return absl::DataLossError("a stored person profile does not parse");
      }
      index[person.id] = input.persons.size();
      input.persons.push_back(std::move(person));
    }
  }
  const int64_t end_us = ToUnixMicrosStored(OsloYear(year).end);
  const auto* oneof = v1::JournalRecord::descriptor()->FindOneofByName("entry");
  for (int f = 0; f < oneof->field_count(); ++f) {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare(kJournalSql));
    stmt->Bind(1, int64_t{oneof->field(f)->number()}).Bind(2, end_us);
    for (;;) {
      ASSIGN_OR_RETURN(bool found, stmt->Step());
      if (!found) break;
      auto it = index.find(stmt->ColumnText(0));
      if (it == index.end()) continue;  // Not a registered person.
      v1::JournalRecord record;
      if (!record.ParseFromString(stmt->ColumnBlob(1))) {
        return absl::DataLossError("a stored journal record does not parse");
      }
      input.persons[it->second].journal.push_back(std::move(record));
    }
  }
  {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare(kPlacementsSql));
    stmt->Bind(1, int64_t{v1::REFERRAL_TYPE_PLACEMENT})
        .Bind(2, int64_t{v1::REFERRAL_STATE_COMPLETED});
    for (;;) {
      ASSIGN_OR_RETURN(bool found, stmt->Step());
      if (!found) break;
      ASSIGN_OR_RETURN(const v1::Referral referral, ReadReferralRow(*stmt, 0));
      auto it = index.find(referral.person_ref());
      if (it == index.end()) continue;
      std::optional<v1::JournalRecord> stay = StayOf(referral);
      if (stay.has_value() &&
          ToUnixMicrosStored(FromProtoTime(stay->occurred_at())) < end_us) {
        input.persons[it->second].journal.push_back(std::move(*stay));
      }
    }
  }
  return input;
}

absl::StatusOr<std::vector<std::string>> ReportQueryPlans(
    store::Connection& conn) {
  std::vector<std::string> plans;
  for (const char* sql :
       {kInquiriesSql, kPersonsSql, kJournalSql, kPlacementsSql}) {
    ASSIGN_OR_RETURN(auto stmt,
                     conn.Prepare(absl::StrCat("EXPLAIN QUERY PLAN ", sql)));
    std::string plan = sql;
    for (;;) {
      ASSIGN_OR_RETURN(bool found, stmt->Step());
      if (!found) break;
      absl::StrAppend(&plan, "\n  ", stmt->ColumnText(3));
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace rosa::report
