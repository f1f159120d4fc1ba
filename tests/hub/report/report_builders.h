// Hand-built report rows for the report's unit tests: persons with journal
// records and hotline inquiries at given Oslo dates. Header-only.
#ifndef ROSA_TESTS_HUB_REPORT_REPORT_BUILDERS_H_
#define ROSA_TESTS_HUB_REPORT_REPORT_BUILDERS_H_

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "common/time_util.h"
#include "hub/report/report_input.h"
#include "rosa/hub/v1/report.pb.h"

namespace rosa::report::testing {

namespace v1 = rosa::hub::v1;

// Noon (or `hour`) on a date in Oslo.
inline google::protobuf::Timestamp At(int y, int m, int d, int hour = 12) {
  return ToProtoTime(
      absl::FromCivil(absl::CivilSecond(y, m, d, hour, 0, 0), OsloTimeZone()));
}

class PersonBuilder {
 public:
  explicit PersonBuilder(std::string id, v1::Gender gender = v1::GENDER_WOMAN,
                         uint32_t birth_year = 1990,
                         std::string nationality = "RO") {
    p_.id = std::move(id);
    p_.profile.set_gender(gender);
    p_.profile.set_birth_year(birth_year);
    p_.profile.set_nationality(std::move(nationality));
    p_.profile.add_exploitation_forms(v1::EXPLOITATION_FORM_SEXUAL);
  }
  v1::JournalRecord& Add(const google::protobuf::Timestamp& at) {
    v1::JournalRecord& r = p_.journal.emplace_back();
    r.set_id(absl::StrCat("J-2026-", 100000 + p_.journal.size()));
    r.set_person_id(p_.id);
    *r.mutable_occurred_at() = at;
    return r;
  }
  PersonBuilder& Start(const google::protobuf::Timestamp& at) {
    Add(at).mutable_assistance_started();
    return *this;
  }
  PersonBuilder& Meet(const google::protobuf::Timestamp& at,
                      v1::ContactMode mode = v1::CONTACT_MODE_IN_PERSON) {
    Add(at).mutable_follow_up()->set_mode(mode);
    return *this;
  }
  PersonBuilder& Stay(const google::protobuf::Timestamp& at, uint32_t nights,
                      std::string facility = "ks-oslo") {
    auto* s = Add(at).mutable_stay();
    s->set_facility_id(std::move(facility));
    s->set_nights(nights);
    return *this;
  }
  // A residence status in effect from `at`.
  PersonBuilder& Status(const google::protobuf::Timestamp& at,
                        v1::ResidenceStatus status) {
    v1::ResidenceStatusChange* c = p_.profile.add_residence_history();
    c->set_status(status);
    *c->mutable_recorded_at() = at;
    *c->mutable_effective_at() = at;
    return *this;
  }
  PersonRecords Build() const { return p_; }
  PersonRecords& records() { return p_; }

 private:
  PersonRecords p_;
};

inline v1::HotlineInquiry Call(const google::protobuf::Timestamp& at,
                               v1::InquiryTopic topic,
                               v1::CallerType caller = v1::CALLER_TYPE_POLICE) {
  v1::HotlineInquiry i;
  *i.mutable_occurred_at() = at;
  i.set_topic(topic);
  i.set_caller(caller);
  return i;
}

inline v1::HotlineInquiry VictimCall(const google::protobuf::Timestamp& at,
                                     uint32_t persons, v1::Gender gender,
                                     v1::ExploitationForm form,
                                     std::string nationality,
                                     v1::InquiryOutcome outcome,
                                     bool first_time = true) {
  v1::HotlineInquiry i =
      Call(at, v1::INQUIRY_TOPIC_POSSIBLE_VICTIM, v1::CALLER_TYPE_POLICE);
  i.set_first_time(first_time);
  v1::PossibleVictims* v = i.mutable_victims();
  v->set_persons(persons);
  v->set_gender(gender);
  v->set_exploitation_form(form);
  v->set_nationality(std::move(nationality));
  v->set_outcome(outcome);
  return i;
}

// The table with `id` of a computed report (fails if absent).
inline const v1::ReportTable& TableOf(const v1::AnnualReport& report,
                                      const std::string& id) {
  for (const v1::ReportTable& t : report.tables()) {
    if (t.id() == id) return t;
  }
  static const v1::ReportTable kNone;
  ADD_FAILURE() << "no table " << id;
  return kNone;
}

// The count in row `key`, column `col` (-1 if absent or not a count).
inline int64_t CountAt(const v1::ReportTable& t, const std::string& key,
                       int col = 0) {
  for (const v1::ReportRow& r : t.rows()) {
    if (r.key() == key && col < r.cells_size() && r.cells(col).has_count()) {
      return r.cells(col).count();
    }
  }
  return -1;
}

}  // namespace rosa::report::testing

#endif  // ROSA_TESTS_HUB_REPORT_REPORT_BUILDERS_H_
