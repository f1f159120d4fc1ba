#include "hub/person/child_welfare.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/audit/audit_log.h"
#include "hub/common/status_macros.h"

namespace rosa {

absl::StatusOr<std::string> RecordChildWelfareAlert(
    store::Connection& conn, const std::string& reported_by,
    const std::string& subject, absl::Time now) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("INSERT INTO child_welfare_alerts(at_us, reported_by,"
                   " subject) VALUES (?1, ?2, ?3)"));
  stmt->Bind(1, ToUnixMicrosStored(now)).Bind(2, reported_by).Bind(3, subject);
  RETURN_IF_ERROR(stmt->Run());
  const std::string alert_id = absl::StrCat("CW-", conn.last_insert_rowid());

  rosa::hub::v1::AuditEntry entry;
  entry.set_actor(reported_by);
  entry.set_action("child_welfare.alert");
  entry.set_object_id(alert_id);
  RETURN_IF_ERROR(
      audit::AppendAuditEntry(conn, std::move(entry), now).status());
  return alert_id;
}

absl::Status MinorRefusedError(const std::string& what) {
  return absl::FailedPreconditionError(absl::StrCat(
      "the person is or may be under 18 and ROSA's mandate is adults only: ",
      what,
      ". A child-welfare alert was recorded; contact the barnevernsvakt "
      "(child welfare emergency service) and Bufdir's hotline for minor "
      "victims of trafficking now"));
}

}  // namespace rosa
