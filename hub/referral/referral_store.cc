#include "hub/referral/referral_store.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/time_util.h"
#include "hub/outbox/free_text.h"
#include "hub/referral/referral_row.h"
#include "hub/store/id_counter.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::StatusOr<std::string> AllocateReferralId(store::Connection& conn,
                                               int year) {
  return store::AllocateYearlyId(conn, "referral", ids::kReferralPrefix, year);
}

namespace {

// Seals the free text in `texts` (an empty field removes what was sealed
// for it) and writes the rest.
absl::Status WriteRow(store::Connection& conn, const TextVault& texts,
                      const char* sql, const v1::Referral& r) {
  v1::Referral body = r;
  for (const FreeText& t : TakeFreeText(body)) {
    if (absl::Status s =
            texts.Seal(conn, r.id(), r.person_ref(), t.field, t.text);
        !s.ok()) {
      return s;
    }
  }
  auto stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, r.id())
      .Bind(2, r.sender())
      .Bind(3, r.recipient())
      .Bind(4, static_cast<int64_t>(r.type()))
      .Bind(5, static_cast<int64_t>(r.state()))
      .Bind(6, ToUnixMicrosStored(FromProtoTime(r.created_at())))
      .Bind(7, ToUnixMicrosStored(FromProtoTime(r.updated_at())))
      .BindBlob(8, ReferralRowBody(body));
  if (absl::Status s = (*stmt)->Run(); !s.ok()) return s;
  if (conn.changes() != 1) {
    return absl::InternalError("referral row was not written");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status InsertReferral(store::Connection& conn, const TextVault& texts,
                            const v1::Referral& r) {
  return WriteRow(conn, texts,
                  "INSERT INTO referrals(id, sender, recipient, type, state,"
                  " created_us, updated_us, body)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  r);
}

absl::Status UpdateReferral(store::Connection& conn, const TextVault& texts,
                            const v1::Referral& r) {
  // Sender, recipient, type and creation time never change; binding them
  // into the WHERE clause makes an accidental change fail loudly.
  return WriteRow(conn, texts,
                  "UPDATE referrals SET state = ?5, updated_us = ?7, body = ?8"
                  " WHERE id = ?1 AND sender = ?2 AND recipient = ?3"
                  " AND type = ?4 AND created_us = ?6",
                  r);
}

absl::StatusOr<std::optional<v1::Referral>> LoadReferralRow(
    store::Connection& conn, const std::string& id) {
  auto stmt = conn.Prepare(absl::StrCat("SELECT ", kReferralRowColumns,
                                        " FROM referrals WHERE id = ?1"));
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, id);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  absl::StatusOr<v1::Referral> referral = ReadReferralRow(**stmt, 0);
  if (!referral.ok()) return referral.status();
  return *std::move(referral);
}

absl::StatusOr<std::optional<v1::Referral>> LoadReferral(
    store::Connection& conn, const SealedTexts& texts, const std::string& id) {
  absl::StatusOr<std::optional<v1::Referral>> referral =
      LoadReferralRow(conn, id);
  if (!referral.ok() || !referral->has_value()) return referral;
  if (absl::Status s = PutBackFreeText(conn, texts, **referral); !s.ok()) {
    return s;
  }
  return referral;
}

namespace {

// The filters every form of the query applies, on top of whose referrals.
#define ROSA_REFERRAL_FILTERS                                      \
  " seq > ?1 AND (?6 = 0 OR state = ?6) AND (?7 = 0 OR type = ?7)" \
  " AND updated_us >= ?8"

// One SQL text per "whose", so that each walks an index in seq order and
// stops after ?9 rows, however many referrals the store holds: all of them
// (the table itself), one side (referrals_by_sender or _by_recipient), or
// both sides (the first ?9 of each side, merged; a referral is never its
// own sender and recipient, and UNION would drop a duplicate anyway).
constexpr char kAllReferrals[] =
    "SELECT seq, " ROSA_REFERRAL_ROW_COLUMNS
    " FROM referrals WHERE" ROSA_REFERRAL_FILTERS " ORDER BY seq LIMIT ?9";
constexpr char kSentReferrals[] =
    "SELECT seq, " ROSA_REFERRAL_ROW_COLUMNS
    " FROM referrals WHERE sender = ?5 "
    "AND" ROSA_REFERRAL_FILTERS " ORDER BY seq LIMIT ?9";
constexpr char kReceivedReferrals[] =
    "SELECT seq, " ROSA_REFERRAL_ROW_COLUMNS
    " FROM referrals WHERE recipient = ?5"
    " AND" ROSA_REFERRAL_FILTERS " ORDER BY seq LIMIT ?9";
constexpr char kSentOrReceivedReferrals[] =
    "SELECT seq, " ROSA_REFERRAL_ROW_COLUMNS
    " FROM referrals WHERE seq IN ("
    " SELECT seq FROM (SELECT seq FROM referrals WHERE sender = ?5"
    "  AND" ROSA_REFERRAL_FILTERS
    " ORDER BY seq LIMIT ?9)"
    " UNION"
    " SELECT seq FROM (SELECT seq FROM referrals WHERE recipient = ?5"
    "  AND" ROSA_REFERRAL_FILTERS
    " ORDER BY seq LIMIT ?9))"
    " ORDER BY seq LIMIT ?9";

#undef ROSA_REFERRAL_FILTERS

}  // namespace

const char* ReferralQuerySql(const ReferralQuery& q) {
  if (q.everyone) return kAllReferrals;
  if (q.sent && q.received) return kSentOrReceivedReferrals;
  return q.sent ? kSentReferrals : kReceivedReferrals;
}

absl::StatusOr<std::vector<ReferralRow>> QueryReferralsWithoutNotes(
    store::Connection& conn, const ReferralQuery& q) {
  if (!q.everyone && !q.sent && !q.received) {
    return std::vector<ReferralRow>();
  }
  auto stmt = conn.Prepare(ReferralQuerySql(q));
  if (!stmt.ok()) return stmt.status();
  (*stmt)
      ->Bind(1, q.after_seq)
      .Bind(5, q.partner)
      .Bind(6, int64_t{q.state})
      .Bind(7, int64_t{q.type})
      .Bind(8, q.updated_since ? ToUnixMicrosStored(*q.updated_since)
                               : std::numeric_limits<int64_t>::min())
      .Bind(9, int64_t{q.limit});
  std::vector<ReferralRow> rows;
  for (;;) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    absl::StatusOr<v1::Referral> referral = ReadReferralRow(**stmt, 1);
    if (!referral.ok()) return referral.status();
    rows.push_back(ReferralRow{(*stmt)->ColumnInt(0), *std::move(referral)});
  }
  return rows;
}

absl::StatusOr<std::vector<ReferralRow>> QueryReferrals(
    store::Connection& conn, const SealedTexts& texts, const ReferralQuery& q) {
  absl::StatusOr<std::vector<ReferralRow>> rows =
      QueryReferralsWithoutNotes(conn, q);
  if (!rows.ok()) return rows;
  // After the query: opening free text runs statements of its own.
  for (ReferralRow& row : *rows) {
    if (absl::Status s = PutBackFreeText(conn, texts, row.referral); !s.ok()) {
      return s;
    }
  }
  return rows;
}

}  // namespace rosa
