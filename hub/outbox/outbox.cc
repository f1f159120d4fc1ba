#include "hub/outbox/outbox.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/outbox/free_text.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

namespace {

struct StreamBounds {
  uint64_t last = 0;
  uint64_t pruned_until = 0;
};

// `partner`'s last cursor and pruned point; a stream not begun yet is at
// the floor (0, or where a restore moved it) with nothing pruned.
absl::StatusOr<StreamBounds> BoundsOf(store::Connection& conn,
                                      std::string_view partner) {
  auto stmt = conn.Prepare(
      "SELECT coalesce("
      " (SELECT last_cursor FROM event_streams WHERE partner = ?1),"
      " (SELECT last_cursor FROM event_streams WHERE partner = ?2), 0),"
      " coalesce("
      " (SELECT pruned_until FROM event_streams WHERE partner = ?1), 0)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, partner).Bind(2, kCursorFloorRow);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::InternalError("outbox: no stream bounds");
  return StreamBounds{static_cast<uint64_t>((*stmt)->ColumnInt(0)),
                      static_cast<uint64_t>((*stmt)->ColumnInt(1))};
}

}  // namespace

v1::Referral ReferralReference(const v1::Referral& referral) {
  v1::Referral reference;
  reference.set_id(referral.id());
  reference.set_version(referral.version());
  return reference;
}

bool IsReferralReference(const v1::Referral& referral) {
  return referral.type() == v1::REFERRAL_TYPE_UNSPECIFIED &&
         !referral.id().empty();
}

bool IsReferralEventByReference(const v1::Event& event) {
  return event.has_referral() &&
         IsReferralReference(event.referral().referral());
}

absl::StatusOr<uint64_t> Outbox::Append(store::WriteTxn& txn,
                                        const std::string& partner,
                                        v1::Event event, absl::Time now) {
  store::Connection& conn = txn.conn();
  {
    // A new stream starts after the floor (0 unless a restore moved it).
    auto bump = conn.Prepare(
        "INSERT INTO event_streams(partner, last_cursor, pruned_until)"
        " VALUES (?1, 1 + coalesce((SELECT last_cursor FROM event_streams"
        " WHERE partner = ?2), 0), 0) ON CONFLICT(partner)"
        " DO UPDATE SET last_cursor = last_cursor + 1"
        " RETURNING last_cursor");
    if (!bump.ok()) return bump.status();
    (*bump)->Bind(1, partner).Bind(2, kCursorFloorRow);
    auto row = (*bump)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::InternalError("outbox: no cursor returned");
    event.set_cursor(static_cast<uint64_t>((*bump)->ColumnInt(0)));
  }
  const uint64_t cursor = event.cursor();
  // The cursor and the time are columns of the row: the body goes without
  // them, and Read puts them back.
  event.clear_cursor();
  event.clear_recorded_at();
  // An event kept by reference names its referral in text_of (the object
  // whose content it carries) instead of in its body.
  std::string text_of;
  if (IsReferralEventByReference(event)) {
    text_of = event.referral().referral().id();
    event.mutable_referral()->mutable_referral()->clear_id();
  } else {
    text_of = TakeEventFreeText(event);
  }
  auto insert = conn.Prepare(
      "INSERT INTO events(partner, cursor, recorded_us, body, text_of)"
      " VALUES (?1, ?2, ?3, ?4, nullif(?5, ''))");
  if (!insert.ok()) return insert.status();
  (*insert)
      ->Bind(1, partner)
      .Bind(2, static_cast<int64_t>(cursor))
      .Bind(3, ToUnixMicrosStored(now))
      .BindBlob(4, event.SerializeAsString())
      .Bind(5, text_of);
  if (absl::Status s = (*insert)->Run(); !s.ok()) return s;
  txn.OnCommit([notifier = notifier_, partner] { notifier->Notify(partner); });
  return cursor;
}

absl::StatusOr<std::vector<v1::Event>> Outbox::Read(
    store::Connection& conn, const std::string& partner, uint64_t after_cursor,
    int limit, const EventContent* content) {
  // One snapshot for the stream's bounds and its events, so a prune that
  // commits in between cannot open a silent gap.
  store::ReadTransaction snapshot(conn);
  if (!snapshot.status().ok()) return snapshot.status();
  auto bounds = BoundsOf(conn, partner);
  if (!bounds.ok()) return bounds.status();
  const uint64_t last = bounds->last;
  const uint64_t pruned_until = bounds->pruned_until;
  if (after_cursor > last) {
    return absl::OutOfRangeError(
        absl::StrCat("after_cursor: ", after_cursor,
                     " is ahead of this stream, whose last "
                     "cursor is ",
                     last));
  }
  if (after_cursor < pruned_until) {
    return absl::OutOfRangeError(absl::StrCat(
        "after_cursor: events up to cursor ", pruned_until,
        " are past retention; re-read current state with ListReferrals, then "
        "watch from cursor ",
        pruned_until, " or from_now"));
  }
  std::vector<v1::Event> events;
  auto stmt = conn.Prepare(
      "SELECT body, text_of, cursor, recorded_us FROM events"
      " WHERE partner = ?1 AND cursor > ?2 ORDER BY cursor LIMIT ?3");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, partner)
      .Bind(2, static_cast<int64_t>(after_cursor))
      .Bind(3, static_cast<int64_t>(limit));
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    v1::Event event;
    if (!event.ParseFromString((*stmt)->ColumnBlob(0))) {
      return absl::DataLossError("outbox: a stored event does not parse");
    }
    event.set_cursor(static_cast<uint64_t>((*stmt)->ColumnInt(2)));
    // A body emptied by erasure stays empty; rows from before kept the time
    // in the body too.
    if (event.body_case() != v1::Event::BODY_NOT_SET &&
        !event.has_recorded_at()) {
      *event.mutable_recorded_at() =
          ToProtoTime(FromUnixMicrosStored((*stmt)->ColumnInt(3)));
    }
    const std::string text_of = (*stmt)->ColumnText(1);
    if (event.has_referral() && event.referral().referral().id().empty() &&
        !text_of.empty()) {
      event.mutable_referral()->mutable_referral()->set_id(text_of);
    } else if (!text_of.empty() && content != nullptr) {
      if (absl::Status s = PutBackEventFreeText(conn, *content, text_of, event);
          !s.ok()) {
        return s;
      }
    }
    events.push_back(std::move(event));
  }
  // After the query: rebuilding runs statements of its own.
  for (v1::Event& event : events) {
    if (!IsReferralEventByReference(event)) continue;
    if (content == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat(
          "outbox: event ", event.cursor(),
          " is kept by reference and this reader cannot rebuild it"));
    }
    if (absl::Status s = content->RebuildReferralEvent(
            conn, partner, *event.mutable_referral());
        !s.ok()) {
      return s;
    }
  }
  return events;
}

absl::StatusOr<uint64_t> Outbox::LastCursor(store::Connection& conn,
                                            std::string_view partner) {
  auto bounds = BoundsOf(conn, partner);
  if (!bounds.ok()) return bounds.status();
  return bounds->last;
}

absl::Status Outbox::AdvanceCursorsForRestore(store::Connection& conn) {
  // Every stream and the floor row move by the gap; a floor row that is
  // not there yet starts at it.
  auto advance =
      conn.Prepare("UPDATE event_streams SET last_cursor = last_cursor + ?1");
  if (!advance.ok()) return advance.status();
  (*advance)->Bind(1, kRestoreCursorGap);
  if (absl::Status s = (*advance)->Run(); !s.ok()) return s;
  auto floor = conn.Prepare(
      "INSERT INTO event_streams(partner, last_cursor, pruned_until)"
      " VALUES (?1, ?2, 0) ON CONFLICT(partner) DO NOTHING");
  if (!floor.ok()) return floor.status();
  (*floor)->Bind(1, kCursorFloorRow).Bind(2, kRestoreCursorGap);
  return (*floor)->Run();
}

absl::Status Outbox::Prune(store::Connection& conn, absl::Time before) {
  std::vector<std::pair<std::string, int64_t>> streams;
  {
    auto stmt = conn.Prepare(
        "SELECT partner, pruned_until FROM event_streams WHERE partner != ?1");
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, kCursorFloorRow);
    for (;;) {
      auto row = (*stmt)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      streams.emplace_back((*stmt)->ColumnText(0), (*stmt)->ColumnInt(1));
    }
  }
  // Per stream, everything below its first event recorded at or after the
  // cut-off goes (all of it if there is none), walking the stream by cursor
  // from its pruned point: no hole opens below a kept event even if the
  // clock stepped back between two events (an older-looking event after a
  // newer one waits for it).
  for (const auto& [partner, pruned_until] : streams) {
    auto until = conn.Prepare(
        "SELECT coalesce("
        " (SELECT cursor - 1 FROM events WHERE partner = ?1 AND cursor > ?2"
        "   AND recorded_us >= ?3 ORDER BY cursor LIMIT 1),"
        " (SELECT cursor FROM events WHERE partner = ?1"
        "   ORDER BY cursor DESC LIMIT 1), ?2)");
    if (!until.ok()) return until.status();
    (*until)
        ->Bind(1, partner)
        .Bind(2, pruned_until)
        .Bind(3, ToUnixMicrosStored(before));
    auto row = (*until)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::InternalError("outbox: no pruning point");
    const int64_t next = (*until)->ColumnInt(0);
    if (next <= pruned_until) continue;
    for (const char* sql :
         {"UPDATE event_streams SET pruned_until = ?2 WHERE partner = ?1",
          "DELETE FROM events WHERE partner = ?1 AND cursor <= ?2"}) {
      auto stmt = conn.Prepare(sql);
      if (!stmt.ok()) return stmt.status();
      (*stmt)->Bind(1, partner).Bind(2, next);
      if (absl::Status s = (*stmt)->Run(); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace rosa
