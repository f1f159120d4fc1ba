// Hotline inquiry rows in SQLite (table `inquiries`, schema migration 3):
// the full HotlineInquiry as a blob, plus the columns needed to find and
// filter it. An inquiry holds no personal data (counts and categories
// only). Knows nothing of who may see what.
// Thread-safety: functions take the calling thread's connection; writes run
// inside a write transaction on the store's writer thread.
#ifndef ROSA_HUB_INQUIRY_INQUIRY_STORE_H_
#define ROSA_HUB_INQUIRY_INQUIRY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/inquiry.pb.h"

namespace rosa {

// The next id for an inquiry recorded in `year` (the year in Oslo):
// "I-2026-000001". Sequence numbers restart each year and are never reused.
// REQUIRES: inside a write transaction.
absl::StatusOr<std::string> AllocateInquiryId(store::Connection& conn,
                                              int year);

// REQUIRES: inside a write transaction; id, recorded_by, occurred_at set.
absl::Status InsertInquiry(store::Connection& conn,
                           const rosa::hub::v1::HotlineInquiry& inquiry);

// nullopt if there is no inquiry with that id.
absl::StatusOr<std::optional<rosa::hub::v1::HotlineInquiry>> LoadInquiry(
    store::Connection& conn, const std::string& id);

struct InquiryQuery {
  // With `everyone`, every inquiry (a coordinator); otherwise only those
  // `recorded_by` recorded.
  bool everyone = false;
  std::string recorded_by;
  // Only calls at or after this time.
  std::optional<absl::Time> occurred_since;
  // Only rows after this position (the page token).
  int64_t after_seq = 0;
  int limit = 50;
};

struct InquiryRow {
  int64_t seq;
  rosa::hub::v1::HotlineInquiry inquiry;
};

// Matching inquiries in the order they were recorded, oldest first.
absl::StatusOr<std::vector<InquiryRow>> QueryInquiries(
    store::Connection& conn, const InquiryQuery& query);

}  // namespace rosa

#endif  // ROSA_HUB_INQUIRY_INQUIRY_STORE_H_
