// The durable per-partner outbox. Every change a partner must hear about is
// appended here in the same transaction as the change itself, so an event
// exists exactly when its change does. Each partner's events carry cursors
// 1, 2, 3, ... without gaps; a partner resumes from the last cursor it saw.
// The one exception is a restore of a backup (AdvanceCursorsForRestore):
// the events after the backup are lost with it, but partners may hold their
// cursors, so every stream jumps forward by kRestoreCursorGap and a stream
// begun later starts past the same jump (from the floor row, partner
// kCursorFloorRow, which no partner id can be). A partner resuming with a
// cursor handed out before the restore then receives every new event.
// Events older than the retention window are pruned; reading from before
// the pruned point is OUT_OF_RANGE so the partner re-reads current state.
//
// The outbox never holds free text about a person in the clear: Append
// takes a referral's or handoff's free text (free_text.h) out of the event
// and keeps only which object and fields it came from; Read puts the text
// back from its sealed copy (SealedTexts), so erasing the person removes it
// from every event at once.
//
// A referral event whose view can be rebuilt from the referral's history is
// kept by reference (IsReferralEventByReference: the kind, the referral's id
// and version, a few dozen bytes instead of the whole view); Read rebuilds
// it for its reader (EventContent) as the referral was at that version.
//
// The events row's text_of column says where an event's content is:
//   NULL                    the body is whole (it carried no free text);
//   "<id>|<field>|..."      the body is whole but for the free-text fields
//                           named (free_text.h), sealed under object <id>;
//                           minimisation already left the others out;
//   "<id>" and the body's   a referral event kept by reference: the body is
//   referral has no id      its kind and version, and the rebuild opens
//                           every sealed field of the referral as of that
//                           version, then applies the reader's view
//                           (minimisation per recipient, referral_view.h);
//   "<id>", body has an id  an older hub's reference: the referral's note or
//                           the handoff's case summary.
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

// What the outbox keeps out of events and puts back when one is read: sealed
// free text, and referral events kept by reference.
class EventContent : public SealedTexts {
 public:
  // Fills `event`, kept by reference (its kind, its referral's id and
  // version), with `partner`'s view of the referral as it was at that
  // version and the transition that made it.
  virtual absl::Status RebuildReferralEvent(
      store::Connection& conn, const std::string& partner,
      rosa::hub::v1::ReferralEvent& event) const = 0;
};

// A referral kept by reference: its id and version only. Its type is unset,
// which tells it from a stored view (every referral has a type).
rosa::hub::v1::Referral ReferralReference(
    const rosa::hub::v1::Referral& referral);
bool IsReferralReference(const rosa::hub::v1::Referral& referral);
// A referral event whose referral is kept by reference.
bool IsReferralEventByReference(const rosa::hub::v1::Event& event);

// How far every stream's cursors jump when a backup is restored: more
// events than one partner receives between two backups.
inline constexpr int64_t kRestoreCursorGap = 1'000'000;
// The event_streams row where streams begun after a restore start; never
// a partner id (common/name_rule.h).
inline constexpr char kCursorFloorRow[] = "*";

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
  // newest one. Free text and referral events kept by reference are put
  // back from `content`; with null `content` the events come without free
  // text, and an event kept by reference is FAILED_PRECONDITION.
  static absl::StatusOr<std::vector<rosa::hub::v1::Event>> Read(
      store::Connection& conn, const std::string& partner,
      uint64_t after_cursor, int limit, const EventContent* content = nullptr);

  // The newest cursor of `partner`'s stream; for a stream not begun yet, 0
  // (or where a restore moved the floor).
  static absl::StatusOr<uint64_t> LastCursor(store::Connection& conn,
                                             std::string_view partner);

  // After a restore of a backup (hub/backup/restore.h): moves every
  // stream's last cursor, and the floor streams begun later start from,
  // forward by kRestoreCursorGap, so that no cursor handed out after the
  // backup is handed out again. REQUIRES: inside a write transaction.
  static absl::Status AdvanceCursorsForRestore(store::Connection& conn);

  // Removes, per partner, every event below the first one recorded at or
  // after `before` (all of them if there is none).
  static absl::Status Prune(store::Connection& conn, absl::Time before);

 private:
  EventNotifier* notifier_;
};

}  // namespace rosa

#endif  // ROSA_HUB_OUTBOX_OUTBOX_H_
