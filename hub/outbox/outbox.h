// The durable per-partner outbox. Every change a partner must hear about is
// appended here in the same transaction as the change itself, so an event
// exists exactly when its change does. Each partner's events carry cursors
// 1, 2, 3, ... without gaps; a partner resumes from the last cursor it saw.
// Events older than the retention window are pruned; reading from before
// the pruned point is OUT_OF_RANGE so the partner re-reads current state.
//
// The outbox never holds free text about a person in the clear: Append
// takes a referral's or handoff's free text (free_text.h) out of the event
// and keeps only which object and fields it came from; Read puts the text
// back from its sealed copy (SealedTexts), so erasing the person removes it
// from every event at once.
//
// Thread-safety: Append runs on the writer thread inside a write
// transaction; the static readers take the calling thread's connection.
#ifndef ROSA_HUB_OUTBOX_OUTBOX_H_
#define ROSA_HUB_OUTBOX_OUTBOX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/outbox/event_notifier.h"
#include "hub/store/group_commit_writer.h"
#include "rosa/hub/v1/event.pb.h"

namespace rosa {

// The fields under which free text is sealed, by object id (a referral's
// note, a handoff's case summary).
inline constexpr char kReferralNoteField[] = "note";
inline constexpr char kCaseSummaryField[] = "case_summary";

// Where sealed free text is opened (hub/person/text_vault.h).
class SealedTexts {
 public:
  virtual ~SealedTexts() = default;
  // The text sealed as `field` of `object_id`; "" if there is none or it
  // can no longer be opened (its person was erased).
  virtual absl::StatusOr<std::string> Open(store::Connection& conn,
                                           const std::string& object_id,
                                           const std::string& field) const = 0;
};

class Outbox {
 public:
  // REQUIRES: `notifier` outlives the outbox.
  explicit Outbox(EventNotifier* notifier) : notifier_(notifier) {}

  // Appends `event` to `partner`'s stream, setting its cursor and
  // recorded_at, without its free text (kept by reference; the caller has
  // sealed it). Live streams are woken once the transaction commits.
  absl::StatusOr<uint64_t> Append(store::WriteTxn& txn,
                                  const std::string& partner,
                                  rosa::hub::v1::Event event, absl::Time now);

  // Up to `limit` events of `partner` with cursor > after_cursor, in order.
  // OUT_OF_RANGE if after_cursor is before the retained events or after the
  // newest one. Free text is put back from `texts`; with null `texts` the
  // events come without it.
  static absl::StatusOr<std::vector<rosa::hub::v1::Event>> Read(
      store::Connection& conn, std::string_view partner, uint64_t after_cursor,
      int limit, const SealedTexts* texts = nullptr);

  // The newest cursor of `partner`'s stream, 0 if it has none.
  static absl::StatusOr<uint64_t> LastCursor(store::Connection& conn,
                                             std::string_view partner);

  // Removes, per partner, every event up to the newest one recorded before
  // `before`.
  static absl::Status Prune(store::Connection& conn, absl::Time before);

 private:
  EventNotifier* notifier_;
};

}  // namespace rosa

#endif  // ROSA_HUB_OUTBOX_OUTBOX_H_
