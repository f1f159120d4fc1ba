#include "tests/reliability/api_invariants.h"

#include <map>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"
#include "hub/referral/referral_row.h"
#include "hub/referral/referral_state_machine.h"
#include "rosa/hub/v1/event.pb.h"
#include "rosa/hub/v1/gateway_service.pb.h"
#include "rosa/hub/v1/handoff.pb.h"
#include "rosa/hub/v1/journal_service.pb.h"
#include "rosa/hub/v1/referral.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;

template <typename Row>
absl::Status ForEachRow(store::Connection& conn, const char* sql, Row row) {
  auto stmt = conn.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  for (;;) {
    auto more = (*stmt)->Step();
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    row(**stmt);
  }
}

bool Party(const Partner& p, const v1::Referral& r) {
  return p.is_coordinator() || r.sender() == p.id || r.recipient() == p.id;
}

// Only the recipient of a referral may be given the person's identity.
bool IdentityAllowed(const Partner& p, const v1::Referral& r) {
  return r.recipient() == p.id &&
         (r.type() == v1::REFERRAL_TYPE_LEGAL_COUNSEL ||
          r.type() == v1::REFERRAL_TYPE_ASSISTED_RETURN);
}

void CheckHistory(const v1::Referral& r, std::vector<std::string>& out) {
  const auto& h = r.history();
  if (h.empty() || h[0].to() != v1::REFERRAL_STATE_REQUESTED ||
      h[0].actor() != r.sender()) {
    out.push_back(absl::StrCat("referral ", r.id(),
                               ": history does not start with its "
                               "submission"));
    return;
  }
  for (int i = 1; i < h.size(); ++i) {
    if (h[i].from() != h[i - 1].to() ||
        !CheckTransition(h[i].from(), h[i].to()).ok()) {
      out.push_back(absl::StrCat("referral ", r.id(), ": step ", i, " (",
                                 h[i].from(), " -> ", h[i].to(),
                                 ") is not a legal step"));
    }
    if (h[i].actor() != r.sender() && h[i].actor() != r.recipient()) {
      out.push_back(absl::StrCat("referral ", r.id(), ": step ", i,
                                 " by a partner not party to it"));
    }
  }
  if (h[h.size() - 1].to() != r.state()) {
    out.push_back(absl::StrCat("referral ", r.id(),
                               ": state is not where its history ends"));
  }
}

}  // namespace

std::vector<std::string> CheckInvariants(
    HubRig& rig, std::optional<v1::SignedCheckpoint>& previous,
    InvariantCounts* counts) {
  std::vector<std::string> out;
  *counts = InvariantCounts();
  std::map<std::string, v1::Referral> referrals;
  const auto& keeper = *rig.shared().keeper;
  absl::Status read =
      rig.db().readers().RunAndWait([&](store::Connection& conn) {
        store::ReadTransaction txn(conn);
        RETURN_IF_ERROR(txn.status());
        RETURN_IF_ERROR(ForEachRow(
            conn,
            absl::StrCat("SELECT ", kReferralRowColumns, " FROM referrals")
                .c_str(),
            [&](store::Statement& s) {
              auto r = ReadReferralRow(s, 0);
              if (r.ok()) referrals[r->id()] = *std::move(r);
            }));
        RETURN_IF_ERROR(ForEachRow(
            conn, "SELECT partner, body, text_of FROM events",
            [&](store::Statement& s) {
              ++counts->events;
              if (absl::StrContains(s.ColumnBlob(1), kSecretAddress)) {
                out.push_back(absl::StrCat("an event in the outbox of ",
                                           s.ColumnText(0),
                                           " holds a secret address"));
              }
              v1::Event e;
              e.ParseFromString(s.ColumnBlob(1));
              const Partner* p = rig.shared().registry.Find(s.ColumnText(0));
              if (p == nullptr || !e.has_referral()) return;
              v1::Referral r = e.referral().referral();
              // An event kept by reference (hub/outbox/outbox.h) names its
              // referral in text_of; its reader must be a party to that.
              if (r.type() == v1::REFERRAL_TYPE_UNSPECIFIED) {
                r = referrals[s.ColumnText(2)];
                r.set_id(s.ColumnText(2));
              }
              if (!Party(*p, r)) {
                out.push_back(absl::StrCat("event about referral ", r.id(),
                                           " in the outbox of ", p->id));
              }
              if (r.has_shared_identity() && !IdentityAllowed(*p, r)) {
                out.push_back(absl::StrCat("event about referral ", r.id(),
                                           " gives ", p->id, " an identity"));
              }
            }));
        RETURN_IF_ERROR(ForEachRow(
            conn, "SELECT id, body FROM handoffs", [&](store::Statement& s) {
              ++counts->handoffs;
              v1::Handoff h;
              h.ParseFromString(s.ColumnBlob(1));
              if (h.used_quarter_hours() > h.granted_quarter_hours()) {
                out.push_back(absl::StrCat("handoff ", s.ColumnText(0),
                                           ": more hours used than granted"));
              }
            }));
        RETURN_IF_ERROR(ForEachRow(
            conn,
            "SELECT s.partner, s.last_cursor, count(e.cursor),"
            " coalesce(min(e.cursor), 0), coalesce(max(e.cursor), 0)"
            " FROM event_streams s LEFT JOIN events e ON e.partner = s.partner"
            " GROUP BY s.partner",
            [&](store::Statement& s) {
              const int64_t last = s.ColumnInt(1), n = s.ColumnInt(2);
              if (n != last ||
                  (n > 0 && (s.ColumnInt(3) != 1 || s.ColumnInt(4) != last))) {
                out.push_back(
                    absl::StrCat("outbox of ", s.ColumnText(0), " has a gap"));
              }
            }));
        RETURN_IF_ERROR(ForEachRow(
            conn,
            "SELECT id FROM journal_records"
            " WHERE person_id NOT IN (SELECT id FROM persons)",
            [&](store::Statement& s) {
              out.push_back(absl::StrCat("journal record ", s.ColumnText(0),
                                         " about no registered person"));
            }));
        ASSIGN_OR_RETURN(v1::SignedCheckpoint now, keeper.SignCheckpoint(conn));
        counts->audit_entries = now.tree_size();
        for (const v1::SignedCheckpoint* cp :
             {&now, previous ? &*previous : nullptr}) {
          if (cp == nullptr) continue;
          ASSIGN_OR_RETURN(v1::VerifyLogResponse v, keeper.Verify(conn, *cp));
          if (!v.consistent()) out.push_back("audit log: " + v.problem());
        }
        previous = std::move(now);
        return absl::OkStatus();
      });
  if (!read.ok()) {
    out.push_back(absl::StrCat("cannot read the store: ", read.message()));
    return out;
  }
  counts->referrals = referrals.size();
  for (const auto& [id, r] : referrals) {
    if (r.has_shared_identity()) {
      out.push_back("referral " + id + " stored with an identity");
    }
    CheckHistory(r, out);
  }
  // What each partner is told, through Get and List.
  for (const Partner* p : rig.shared().registry.All()) {
    for (const auto& [id, r] : referrals) {
      v1::GetReferralRequest get;
      get.set_referral_id(id);
      auto seen = Await<v1::Referral>(
          [&](auto done) { rig.referrals().Get(*p, get, done); });
      if (seen.ok() != Party(*p, r)) {
        out.push_back(absl::StrCat(p->id, (seen.ok() ? " sees" : " cannot see"),
                                   " referral ", id));
      }
      if (seen.ok() && seen->has_shared_identity() && !IdentityAllowed(*p, r)) {
        out.push_back(
            absl::StrCat(p->id, " is given the identity on referral ", id));
      }
    }
    auto list = Await<v1::ListReferralsResponse>([&](auto done) {
      rig.referrals().List(*p, v1::ListReferralsRequest(), done);
    });
    if (!list.ok()) {
      out.push_back(
          absl::StrCat(p->id, " cannot list: ", list.status().message()));
      continue;
    }
    for (const v1::Referral& r : list->referrals()) {
      if (!Party(*p, r)) {
        out.push_back(absl::StrCat(p->id, " lists referral ", r.id()));
      }
    }
  }
  return out;
}

std::vector<std::string> CheckAnswer(const Partner& caller,
                                     const google::protobuf::Message& request,
                                     const google::protobuf::Message& answer) {
  std::vector<std::string> out;
  const std::string& file = request.GetDescriptor()->file()->name();
  for (const char* rosa_only :
       {"rosa/hub/v1/journal_service.proto", "rosa/hub/v1/report_service.proto",
        "rosa/hub/v1/audit_service.proto",
        "rosa/hub/v1/plugin_admin_service.proto"}) {
    if (file == rosa_only && !caller.is_coordinator()) {
      out.push_back(absl::StrCat(file, " answered ", caller.id,
                                 ", who is not a coordinator"));
    }
  }
  if (const auto* list = dynamic_cast<const v1::ListJournalResponse*>(&answer);
      list != nullptr) {
    const auto& asked = static_cast<const v1::ListJournalRequest&>(request);
    for (const v1::JournalRecord& r : list->records()) {
      if (r.person_id() != asked.person_id()) {
        out.push_back(absl::StrCat("journal read for ", asked.person_id(),
                                   " gave record ", r.id(), " of another"));
      }
    }
  }
  return out;
}

std::vector<std::string> CheckRefusal(const Partner& caller,
                                      const google::protobuf::Message& request,
                                      const absl::Status& status) {
  std::vector<std::string> out;
  const std::string& file = request.GetDescriptor()->file()->name();
  if (file == "rosa/hub/v1/plugin_admin_service.proto" &&
      !caller.is_coordinator() &&
      status.code() != absl::StatusCode::kPermissionDenied) {
    out.push_back(absl::StrCat(
        "plugin administration answered ", caller.id, " with ",
        absl::StatusCodeToString(status.code()), ", not PERMISSION_DENIED"));
  }
  if (request.GetDescriptor() == v1::SubscribeRequest::descriptor() &&
      caller.plugin.empty() &&
      status.code() != absl::StatusCode::kFailedPrecondition) {
    out.push_back(absl::StrCat("Subscribe answered ", caller.id,
                               ", who has no plugin, with ",
                               absl::StatusCodeToString(status.code())));
  }
  return out;
}

}  // namespace rosa::reliability
