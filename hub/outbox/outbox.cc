#include "hub/outbox/outbox.h"

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/outbox/free_text.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::StatusOr<uint64_t> Outbox::Append(store::WriteTxn& txn,
                                        const std::string& partner,
                                        v1::Event event, absl::Time now) {
  store::Connection& conn = txn.conn();
  {
    auto bump = conn.Prepare(
        "INSERT INTO event_streams(partner, last_cursor, pruned_until)"
        " VALUES (?1, 1, 0) ON CONFLICT(partner)"
        " DO UPDATE SET last_cursor = last_cursor + 1"
        " RETURNING last_cursor");
    if (!bump.ok()) return bump.status();
    (*bump)->Bind(1, partner);
    auto row = (*bump)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::InternalError("outbox: no cursor returned");
    event.set_cursor(static_cast<uint64_t>((*bump)->ColumnInt(0)));
  }
  *event.mutable_recorded_at() = ToProtoTime(now);
  const std::string text_of = TakeEventFreeText(event);
  auto insert = conn.Prepare(
      "INSERT INTO events(partner, cursor, recorded_us, body, text_of)"
      " VALUES (?1, ?2, ?3, ?4, nullif(?5, ''))");
  if (!insert.ok()) return insert.status();
  (*insert)
      ->Bind(1, partner)
      .Bind(2, static_cast<int64_t>(event.cursor()))
      .Bind(3, ToUnixMicrosStored(now))
      .BindBlob(4, event.SerializeAsString())
      .Bind(5, text_of);
  if (absl::Status s = (*insert)->Run(); !s.ok()) return s;
  txn.OnCommit([notifier = notifier_, partner] { notifier->Notify(partner); });
  return event.cursor();
}

absl::StatusOr<std::vector<v1::Event>> Outbox::Read(store::Connection& conn,
                                                    std::string_view partner,
                                                    uint64_t after_cursor,
                                                    int limit,
                                                    const SealedTexts* texts) {
  // One snapshot for the stream's bounds and its events, so a prune that
  // commits in between cannot open a silent gap.
  store::ReadTransaction snapshot(conn);
  if (!snapshot.status().ok()) return snapshot.status();
  uint64_t last = 0;
  uint64_t pruned_until = 0;
  {
    auto stream = conn.Prepare(
        "SELECT last_cursor, pruned_until FROM event_streams"
        " WHERE partner = ?1");
    if (!stream.ok()) return stream.status();
    (*stream)->Bind(1, partner);
    auto row = (*stream)->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      last = static_cast<uint64_t>((*stream)->ColumnInt(0));
      pruned_until = static_cast<uint64_t>((*stream)->ColumnInt(1));
    }
  }
  if (after_cursor > last) {
    return absl::OutOfRangeError(absl::StrCat(
        "after_cursor: ", after_cursor, " is ahead of this stream, whose last "
        "cursor is ", last));
  }
  if (after_cursor < pruned_until) {
    return absl::OutOfRangeError(absl::StrCat(
        "after_cursor: events up to cursor ", pruned_until,
        " are past retention; re-read current state with ListReferrals, then "
        "watch from cursor ", pruned_until, " or from_now"));
  }
  std::vector<v1::Event> events;
  auto stmt = conn.Prepare(
      "SELECT body, text_of FROM events WHERE partner = ?1 AND cursor > ?2"
      " ORDER BY cursor LIMIT ?3");
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
    const std::string text_of = (*stmt)->ColumnText(1);
    if (!text_of.empty() && texts != nullptr) {
      if (absl::Status s =
              PutBackEventFreeText(conn, *texts, text_of, event);
          !s.ok()) {
        return s;
      }
    }
    events.push_back(std::move(event));
  }
  return events;
}

absl::StatusOr<uint64_t> Outbox::LastCursor(store::Connection& conn,
                                            std::string_view partner) {
  auto stmt = conn.Prepare(
      "SELECT last_cursor FROM event_streams WHERE partner = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, partner);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  return *row ? static_cast<uint64_t>((*stmt)->ColumnInt(0)) : 0;
}

absl::Status Outbox::Prune(store::Connection& conn, absl::Time before) {
  const int64_t cutoff = ToUnixMicrosStored(before);
  {
    auto mark = conn.Prepare(
        "UPDATE event_streams SET pruned_until = ("
        "  SELECT max(cursor) FROM events"
        "  WHERE events.partner = event_streams.partner"
        "    AND recorded_us < ?1)"
        " WHERE EXISTS (SELECT 1 FROM events"
        "  WHERE events.partner = event_streams.partner"
        "    AND recorded_us < ?1)");
    if (!mark.ok()) return mark.status();
    (*mark)->Bind(1, cutoff);
    if (absl::Status s = (*mark)->Run(); !s.ok()) return s;
  }
  // Everything up to that cursor goes, so no hole opens below a kept event
  // even if the clock stepped back between two events.
  auto remove = conn.Prepare(
      "DELETE FROM events WHERE cursor <= (SELECT pruned_until FROM"
      " event_streams WHERE event_streams.partner = events.partner)");
  if (!remove.ok()) return remove.status();
  return (*remove)->Run();
}

}  // namespace rosa
