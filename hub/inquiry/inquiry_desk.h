// The inquiry desk: the core's commands and queries on hotline inquiries
// (henvendelser), shared by every way in: the native gRPC API, and the
// partner gateway, which applies the ks-csv telefonlogg rows through
// ApplyRecordInquiry.
//
// The hotline's partners record calls: a shelter (the Oslo crisis centre
// takes the hotline evenings, weekends and holidays) or a coordinator
// (ROSA, weekday daytime). Any other partner is PERMISSION_DENIED. An
// inquiry holds counts and categories only, never anyone's identity, so it
// is not minimised: ROSA reads every inquiry, any other partner only those
// it recorded. Each inquiry is written with its audit entry
// ("inquiry.record") and its idempotency record in one durable
// transaction; no partner is sent an event about it (it is for statistics).
//
// Thread-safety: safe to call from any thread. ApplyRecordInquiry runs on
// the writer thread inside the caller's write operation; the asynchronous
// methods call `done` exactly once on the store's writer or reader thread,
// after the data is durable (for writes). `done` must not block.
#ifndef ROSA_HUB_INQUIRY_INQUIRY_DESK_H_
#define ROSA_HUB_INQUIRY_INQUIRY_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/database.h"
#include "hub/store/group_commit_writer.h"
#include "rosa/hub/v1/inquiry_service.pb.h"

namespace rosa {

class InquiryDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  // REQUIRES: every pointer outlives the desk.
  InquiryDesk(const PartnerRegistry* registry, store::Database* db,
              const Clock* clock);

  // Records one call inside the running write operation `txn`: checks that
  // `caller` is an enabled shelter or coordinator (else PERMISSION_DENIED),
  // validates the request (ValidateRecordInquiry; errors name the field,
  // "inquiry.victims.persons: must be 1 to 500"), and writes the inquiry
  // with id ("I-2026-000001"), recorded_by = caller.id and recorded_at set,
  // and its audit entry. With an idempotency key, a repeat of the request
  // returns the first answer and writes nothing (the same key with another
  // request is ALREADY_EXISTS); without one, every call records an
  // inquiry. On error nothing of it is written (the caller's operation
  // fails with it). Never blocks, never calls the writer.
  // REQUIRES: on the writer thread, inside `txn`.
  absl::StatusOr<rosa::hub::v1::HotlineInquiry> ApplyRecordInquiry(
      store::WriteTxn& txn, const Partner& caller,
      const rosa::hub::v1::RecordInquiryRequest& request);

  // The RPC: requires an idempotency key, then runs ApplyRecordInquiry as
  // one write operation of its own. `caller` must be a registered, enabled
  // partner (the server checks the certificate against the registry).
  void RecordInquiry(const Partner& caller,
                     const rosa::hub::v1::RecordInquiryRequest& request,
                     absl::Time deadline,
                     Done<rosa::hub::v1::HotlineInquiry> done);

  // A page of inquiries in the order they were recorded, oldest first: all
  // of them for a coordinator, the caller's own for anyone else. On a
  // reader thread.
  void List(const Partner& caller,
            const rosa::hub::v1::ListInquiriesRequest& request,
            Done<rosa::hub::v1::ListInquiriesResponse> done);

 private:
  // Who may record, then the request's shape, at `now`.
  absl::Status CheckRecord(const Partner& caller,
                           const rosa::hub::v1::RecordInquiryRequest& request,
                           absl::Time now) const;

  const PartnerRegistry* registry_;
  store::Database* db_;
  const Clock* clock_;
};

}  // namespace rosa

#endif  // ROSA_HUB_INQUIRY_INQUIRY_DESK_H_
