// Adults only: ROSA's mandate is people of 18 or over. A person who is, or
// may be, under 18 is not registered or referred through the hub; the hub
// records a child-welfare alert instead and tells the caller that the
// barnevernsvakt and Bufdir's hotline for minor victims must be contacted.
// Alerts are pseudonymous: who reported, when, and what was attempted.
// Thread-safety: functions take the calling thread's connection; the
// recording runs on the store's writer thread.
#ifndef ROSA_HUB_PERSON_CHILD_WELFARE_H_
#define ROSA_HUB_PERSON_CHILD_WELFARE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/store/sqlite.h"

namespace rosa {

// Appends a row to child_welfare_alerts and an audit entry
// "child_welfare.alert" naming it. `subject` says what was attempted
// ("person.register", a referral id, ...); never personal data. Returns the
// alert id, "CW-<n>".
// REQUIRES: inside a write transaction.
absl::StatusOr<std::string> RecordChildWelfareAlert(
    store::Connection& conn, const std::string& reported_by,
    const std::string& subject, absl::Time now);

// FAILED_PRECONDITION: the person is or may be under 18, `what` (e.g.
// "the person is not registered") did not happen, and barnevernsvakt and
// Bufdir's hotline for minor victims must be contacted.
absl::Status MinorRefusedError(const std::string& what);

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_CHILD_WELFARE_H_
