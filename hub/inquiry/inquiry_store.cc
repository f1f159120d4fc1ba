#include "hub/inquiry/inquiry_store.h"

#include <limits>
#include <utility>

#include "common/hub_ids.h"
#include "common/time_util.h"
#include "hub/store/id_counter.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::StatusOr<std::string> AllocateInquiryId(store::Connection& conn,
                                              int year) {
  return store::AllocateYearlyId(conn, "inquiry", ids::kInquiryPrefix, year);
}

namespace {

// The linked person lives in its own column (erasure clears it there).
absl::StatusOr<v1::HotlineInquiry> ParseInquiry(const std::string& blob,
                                                const std::string& person_id) {
  v1::HotlineInquiry inquiry;
  if (!inquiry.ParseFromString(blob)) {
    return absl::DataLossError("a stored inquiry does not parse");
  }
  inquiry.set_person_id(person_id);
  return inquiry;
}

}  // namespace

namespace {

v1::HotlineInquiry WithoutPerson(v1::HotlineInquiry inquiry) {
  inquiry.clear_person_id();
  return inquiry;
}

}  // namespace

absl::Status InsertInquiry(store::Connection& conn,
                           const v1::HotlineInquiry& inquiry) {
  if (inquiry.id().empty() || inquiry.recorded_by().empty() ||
      !inquiry.has_occurred_at()) {
    return absl::InternalError(
        "an inquiry is stored only with its id, recorder and time");
  }
  auto stmt = conn.Prepare(
      "INSERT INTO inquiries(id, recorded_by, occurred_us, body, person_id)"
      " VALUES (?1, ?2, ?3, ?4, NULLIF(?5, ''))");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, inquiry.id())
      .Bind(2, inquiry.recorded_by())
      .Bind(3, ToUnixMicrosStored(FromProtoTime(inquiry.occurred_at())))
      .BindBlob(4, WithoutPerson(inquiry).SerializeAsString())
      .Bind(5, inquiry.person_id());
  if (absl::Status s = (*stmt)->Run(); !s.ok()) return s;
  if (conn.changes() != 1) {
    return absl::InternalError("inquiry row was not written");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::HotlineInquiry>> LoadInquiry(
    store::Connection& conn, const std::string& id) {
  auto stmt = conn.Prepare(
      "SELECT body, coalesce(person_id, '') FROM inquiries"
      " WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, id);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  return ParseInquiry((*stmt)->ColumnBlob(0), (*stmt)->ColumnText(1));
}

absl::StatusOr<std::vector<InquiryRow>> QueryInquiries(store::Connection& conn,
                                                       const InquiryQuery& q) {
  // Paged by seq, the order of recording: rows recorded while a reader
  // pages go to the end, so no page shifts under it (ordering by
  // occurred_us would slot a late-recorded old call into pages already
  // read). The recorder's rows come from inquiries_by_recorder.
  auto stmt = conn.Prepare(
      "SELECT seq, body, coalesce(person_id, '') FROM inquiries"
      " WHERE seq > ?1 AND (?2 OR recorded_by = ?3) AND occurred_us >= ?4"
      " ORDER BY seq LIMIT ?5");
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, q.after_seq)
      .Bind(2, int64_t{q.everyone})
      .Bind(3, q.recorded_by)
      .Bind(4, q.occurred_since ? ToUnixMicrosStored(*q.occurred_since)
                                : std::numeric_limits<int64_t>::min())
      .Bind(5, int64_t{q.limit});
  std::vector<InquiryRow> rows;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto inquiry = ParseInquiry((*stmt)->ColumnBlob(1), (*stmt)->ColumnText(2));
    if (!inquiry.ok()) return inquiry.status();
    rows.push_back(InquiryRow{(*stmt)->ColumnInt(0), std::move(*inquiry)});
  }
  return rows;
}

}  // namespace rosa
