#include "hub/person/seal_legacy_text.h"

#include <string>
#include <utility>
#include <vector>

#include "hub/common/status_macros.h"
#include "hub/outbox/free_text.h"
#include "rosa/hub/v1/audit.pb.h"
#include "rosa/hub/v1/event.pb.h"
#include "rosa/hub/v1/handoff.pb.h"
#include "rosa/hub/v1/referral.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

// A stored row to rewrite: its key columns and its new blob.
struct Rewrite {
  std::string key1;
  std::string key2;
  std::string blob;
  std::string text_of;  // Events only.
};

absl::Status Apply(store::Connection& conn, const char* sql,
                   const std::vector<Rewrite>& rewrites, bool with_text_of) {
  for (const Rewrite& r : rewrites) {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare(sql));
    stmt->Bind(1, r.key1).BindBlob(3, r.blob);
    if (!r.key2.empty()) stmt->Bind(2, r.key2);
    if (with_text_of) stmt->Bind(4, r.text_of);
    RETURN_IF_ERROR(stmt->Run());
  }
  return absl::OkStatus();
}

bool AnyText(const std::vector<FreeText>& texts) {
  for (const FreeText& t : texts) {
    if (!t.text.empty()) return true;
  }
  return false;
}

absl::Status SealAll(store::Connection& conn, const TextVault& texts,
                     const std::string& object_id, const std::string& person_id,
                     const std::vector<FreeText>& clear) {
  for (const FreeText& t : clear) {
    if (t.text.empty()) continue;
    RETURN_IF_ERROR(texts.Seal(conn, object_id, person_id, t.field, t.text));
  }
  return absl::OkStatus();
}

// Stands in for every text an event already holds by reference, so that
// TakeEventFreeText names it again beside what it takes now.
class StillHeld final : public SealedTexts {
 public:
  absl::StatusOr<std::string> Open(store::Connection&, const std::string&,
                                   const std::string&) const override {
    return std::string("held");
  }
};

// True if the audit log says `person_id` was erased: an older hub kept the
// notes naming an erased person, which must now go rather than be sealed.
absl::StatusOr<bool> WasErased(store::Connection& conn,
                               const std::string& person_id) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("SELECT entry FROM audit_log WHERE person_id = ?1"));
  stmt->Bind(1, person_id);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return false;
    v1::AuditEntry entry;
    if (entry.ParseFromString(stmt->ColumnBlob(0)) &&
        entry.action() == "person.erase") {
      return true;
    }
  }
}

// Referral rows and handoff rows: seal the text, keep the rest.
absl::StatusOr<int> SealRows(store::Connection& conn, const TextVault& texts) {
  std::vector<Rewrite> referrals;
  std::vector<Rewrite> handoffs;
  {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT body FROM referrals"));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, stmt->Step());
      if (!row) break;
      v1::Referral r;
      if (!r.ParseFromString(stmt->ColumnBlob(0))) {
        return absl::DataLossError("a stored referral does not parse");
      }
      const std::vector<FreeText> clear = TakeFreeText(r);
      if (!AnyText(clear)) continue;
      bool erased = false;
      if (!r.person_ref().empty()) {
        ASSIGN_OR_RETURN(erased, WasErased(conn, r.person_ref()));
      }
      if (!erased) {
        RETURN_IF_ERROR(SealAll(conn, texts, r.id(), r.person_ref(), clear));
      }
      referrals.push_back({r.id(), "", r.SerializeAsString(), ""});
    }
  }
  {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT body FROM handoffs"));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, stmt->Step());
      if (!row) break;
      v1::Handoff h;
      if (!h.ParseFromString(stmt->ColumnBlob(0))) {
        return absl::DataLossError("a stored handoff does not parse");
      }
      const std::vector<FreeText> clear = TakeFreeText(h);
      if (!AnyText(clear)) continue;
      RETURN_IF_ERROR(SealAll(conn, texts, h.id(), h.person_id(), clear));
      handoffs.push_back({h.id(), "", h.SerializeAsString(), ""});
    }
  }
  RETURN_IF_ERROR(Apply(conn, "UPDATE referrals SET body = ?3 WHERE id = ?1",
                        referrals, false));
  RETURN_IF_ERROR(Apply(conn, "UPDATE handoffs SET body = ?3 WHERE id = ?1",
                        handoffs, false));
  return static_cast<int>(referrals.size() + handoffs.size());
}

// Outbox events: the text goes, a reference to its object stays.
absl::StatusOr<int> StripEvents(store::Connection& conn) {
  const StillHeld still_held;
  std::vector<Rewrite> events;
  {
    ASSIGN_OR_RETURN(
        auto stmt,
        conn.Prepare("SELECT partner, cursor, body, text_of FROM events"));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, stmt->Step());
      if (!row) break;
      v1::Event e;
      if (!e.ParseFromString(stmt->ColumnBlob(2))) {
        return absl::DataLossError("outbox: a stored event does not parse");
      }
      // Fields already held by reference stay named in the new reference.
      const std::string held = stmt->ColumnText(3);
      if (!held.empty()) {
        RETURN_IF_ERROR(PutBackEventFreeText(conn, still_held, held, e));
      }
      std::string text_of = TakeEventFreeText(e);
      if (text_of == held) continue;
      events.push_back({stmt->ColumnText(0), std::to_string(stmt->ColumnInt(1)),
                        e.SerializeAsString(), std::move(text_of)});
    }
  }
  RETURN_IF_ERROR(Apply(conn,
                        "UPDATE events SET body = ?3, text_of = ?4"
                        " WHERE partner = ?1 AND cursor = CAST(?2 AS INTEGER)",
                        events, true));
  return static_cast<int>(events.size());
}

// Strips the text from one recorded answer; false if it had none.
bool StripAnswer(const std::string& method, std::string& blob) {
  if (method == "SubmitReferral") {
    v1::SubmitReferralResponse r;
    if (!r.ParseFromString(blob) ||
        !AnyText(TakeFreeText(*r.mutable_referral()))) {
      return false;
    }
    blob = r.SerializeAsString();
  } else if (method == "UpdateReferralStatus" ||
             method == "UpdateAssistedReturn") {
    v1::Referral r;
    if (!r.ParseFromString(blob) || !AnyText(TakeFreeText(r))) return false;
    blob = r.SerializeAsString();
  } else {  // CreateHandoff, RecordHandoffEvent.
    v1::Handoff h;
    if (!h.ParseFromString(blob) || !AnyText(TakeFreeText(h))) return false;
    blob = h.SerializeAsString();
  }
  return true;
}

absl::StatusOr<int> StripAnswers(store::Connection& conn) {
  std::vector<Rewrite> answers;
  {
    ASSIGN_OR_RETURN(
        auto stmt,
        conn.Prepare("SELECT partner, key, method, response FROM idempotency"
                     " WHERE method IN ('SubmitReferral',"
                     " 'UpdateReferralStatus', 'UpdateAssistedReturn',"
                     " 'CreateHandoff', 'RecordHandoffEvent')"));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, stmt->Step());
      if (!row) break;
      std::string blob = stmt->ColumnBlob(3);
      if (!StripAnswer(stmt->ColumnText(2), blob)) continue;
      answers.push_back(
          {stmt->ColumnText(0), stmt->ColumnText(1), std::move(blob), ""});
    }
  }
  RETURN_IF_ERROR(Apply(conn,
                        "UPDATE idempotency SET response = ?3"
                        " WHERE partner = ?1 AND key = ?2",
                        answers, false));
  return static_cast<int>(answers.size());
}

}  // namespace

absl::StatusOr<int> SealLegacyFreeText(store::Connection& conn,
                                       const TextVault& texts) {
  ASSIGN_OR_RETURN(int rows, SealRows(conn, texts));
  ASSIGN_OR_RETURN(int events, StripEvents(conn));
  ASSIGN_OR_RETURN(int answers, StripAnswers(conn));
  return rows + events + answers;
}

}  // namespace rosa
