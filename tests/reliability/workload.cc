#include "tests/reliability/workload.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/time_util.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;

// The lifecycle the workload walks each referral through (by its
// recipient), from REQUESTED.
constexpr v1::ReferralState kSteps[] = {
    v1::REFERRAL_STATE_REQUESTED, v1::REFERRAL_STATE_RECEIVED,
    v1::REFERRAL_STATE_ACCEPTED, v1::REFERRAL_STATE_IN_PROGRESS};

// The step after `s`, or UNSPECIFIED at the end.
v1::ReferralState After(v1::ReferralState s) {
  for (size_t i = 0; i + 1 < std::size(kSteps); ++i) {
    if (kSteps[i] == s) return kSteps[i + 1];
  }
  return v1::REFERRAL_STATE_UNSPECIFIED;
}

template <typename Map, typename Pred>
std::vector<std::string> KeysWhere(const Map& map, Pred pred) {
  std::vector<std::string> out;
  for (const auto& [k, v] : map) {
    if (pred(k, v)) out.push_back(k);
  }
  return out;
}

}  // namespace

absl::StatusOr<std::string> Workload::Send(HubRig& rig, const Op& op) {
  const Partner& caller = rig.shared().P(op.caller);
  const absl::Time never = absl::InfiniteFuture();
  switch (op.kind) {
    case Op::Kind::kRegister: {
      auto r = Await<v1::Person>([&](auto done) {
        rig.persons().Register(caller, op.reg, never, done);
      });
      if (!r.ok()) return r.status();
      return r->id();
    }
    case Op::Kind::kErase: {
      auto r = Await<v1::ErasePersonResponse>([&](auto done) {
        rig.persons().Erase(caller, op.erase, never, done);
      });
      if (!r.ok()) return r.status();
      return r->person_id();
    }
    case Op::Kind::kGive: {
      auto r = Await<v1::Consent>([&](auto done) {
        rig.consents().Give(caller, op.give, never, done);
      });
      if (!r.ok()) return r.status();
      return r->id();
    }
    case Op::Kind::kWithdraw: {
      auto r = Await<v1::Consent>([&](auto done) {
        rig.consents().Withdraw(caller, op.withdraw, never, done);
      });
      if (!r.ok()) return r.status();
      return r->id();
    }
    case Op::Kind::kSubmit: {
      auto r = Await<v1::SubmitReferralResponse>([&](auto done) {
        rig.referrals().Submit(caller, op.submit, never, done);
      });
      if (!r.ok()) return r.status();
      return r->referral().id();
    }
    case Op::Kind::kUpdate: {
      auto r = Await<v1::Referral>([&](auto done) {
        rig.referrals().UpdateStatus(caller, op.update, never, done);
      });
      if (!r.ok()) return r.status();
      return r->id();
    }
    case Op::Kind::kIngest: {
      auto r = Await<v1::IngestResponse>([&](auto done) {
        rig.ingest().Ingest(caller, op.ingest, never, done);
      });
      if (!r.ok()) return r.status();
      if (!r->applied() || r->records_size() != 1) {
        return absl::InternalError("workload: payload not applied whole");
      }
      return r->records(0).object_id();
    }
  }
  return absl::InternalError("workload: unknown operation");
}

std::optional<Op> Workload::Next(const Ledger& ledger) {
  const auto live_persons = KeysWhere(
      ledger.person_erased, [](const auto&, bool erased) { return !erased; });
  const auto live_consents =
      KeysWhere(ledger.consent_withdrawn,
                [&](const std::string& id, bool w) { return !w; });
  const auto movable =
      KeysWhere(ledger.referral_state, [](const auto&, auto s) {
        return After(s) != v1::REFERRAL_STATE_UNSPECIFIED;
      });
  auto pick = [&](const std::vector<std::string>& from) {
    return from[rng_() % from.size()];
  };
  Op op;
  op.caller = "rosa";
  const int dice = static_cast<int>(rng_() % 100);
  if (live_persons.empty() || dice < 15) {
    op.kind = Op::Kind::kRegister;
    op.reg.set_idempotency_key(Key());
    v1::PersonIdentity* id = op.reg.mutable_identity();
    id->set_given_name("Ioana");
    id->set_family_name(kWorkloadFamilyName);
    id->set_birth_date("1994-03-07");
    v1::PersonProfile* p = op.reg.mutable_profile();
    p->set_gender(v1::GENDER_WOMAN);
    p->set_birth_year(1994);
    p->set_nationality("RO");
    p->add_exploitation_forms(v1::EXPLOITATION_FORM_SEXUAL);
    *op.reg.mutable_registration_consent_given_at() =
        ToProtoTime(rig_->shared().clock.Now() - absl::Hours(1));
  } else if (dice < 30) {
    op.kind = Op::Kind::kGive;
    op.give.set_idempotency_key(Key());
    op.give.set_person_id(pick(live_persons));
    const bool lawyer = rng_() % 2 == 0;
    op.give.mutable_scope()->set_partner_id(lawyer ? "advokat-lund" : "iom");
    op.give.set_purpose(lawyer ? v1::CONSENT_PURPOSE_LEGAL_COUNSELLING
                               : v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  } else if (dice < 40 && !live_consents.empty()) {
    op.kind = Op::Kind::kWithdraw;
    op.withdraw.set_idempotency_key(Key());
    op.withdraw.set_consent_id(pick(live_consents));
  } else if (dice < 45) {
    op.kind = Op::Kind::kErase;
    op.erase.set_idempotency_key(Key());
    op.erase.set_person_id(pick(live_persons));
  } else if (dice < 75 || movable.empty()) {
    op.kind = Op::Kind::kSubmit;
    v1::SubmitReferralRequest& r = op.submit;
    r.set_idempotency_key(Key());
    r.set_recipient(rng_() % 2 == 0 ? "ks-oslo" : "ks-telemark");
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
    r.set_person_ref("P-7KQ2M9XA");
    FillWorkloadFacts(r.mutable_facts());
    r.set_note("Needs a quiet room.");
  } else {
    op.kind = Op::Kind::kUpdate;
    const std::string id = pick(movable);
    op.update.set_idempotency_key(Key());
    op.update.set_referral_id(id);
    op.update.set_target(After(ledger.referral_state.at(id)));
    // The recipient moves it; the ledger knows who that is.
    for (const Op& done : ledger.acked) {
      if (done.kind == Op::Kind::kSubmit && done.result_id == id) {
        op.caller = done.submit.recipient();
      }
    }
    // ks-oslo sends half of its steps as a file through its plugin.
    if (op.caller == "ks-oslo" && rng_() % 2 == 0) AsPayload(op);
  }
  return op;
}

void FillWorkloadFacts(v1::PersonFacts* f) {
  f->set_gender(v1::GENDER_WOMAN);
  f->set_age(29);
  f->set_nationality("RO");
  f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  f->add_languages("ro");
}

void Workload::AsPayload(Op& op) const {
  const char* event = "";
  switch (op.update.target()) {
    case v1::REFERRAL_STATE_RECEIVED:
      event = "mottatt";
      break;
    case v1::REFERRAL_STATE_ACCEPTED:
      event = "akseptert";
      break;
    default:
      event = "ankommet";
      break;
  }
  absl::TimeZone oslo;
  if (!absl::LoadTimeZone("Europe/Oslo", &oslo)) oslo = absl::UTCTimeZone();
  op.kind = Op::Kind::kIngest;
  op.ingest.set_content_type("text/csv; profile=ks-hendelser-1");
  op.ingest.set_payload(absl::StrCat(
      "referanse;hendelse;tidspunkt;arsak;netter\n", op.update.referral_id(),
      ";", event, ";",
      absl::FormatTime("%d.%m.%Y %H:%M", rig_->shared().clock.Now(), oslo),
      ";;\n"));
}

void Workload::Run(int max_ops, Ledger& ledger) {
  for (int i = 0; i < max_ops; ++i) {
    std::optional<Op> op = Next(ledger);
    if (!op) return;
    absl::StatusOr<std::string> id = Send(*rig_, *op);
    if (!id.ok()) {
      if (rig_->db().writer().failed() ||
          id.status().code() == absl::StatusCode::kUnavailable) {
        ledger.in_flight = std::move(op);
        return;
      }
      // Refused for another reason (an injected read fault, or a bug):
      // it may still have committed, so the first one counts as in flight.
      ledger.unexpected.push_back(std::string(id.status().message()));
      if (!ledger.in_flight) ledger.in_flight = std::move(op);
      continue;
    }
    op->result_id = *id;
    switch (op->kind) {
      case Op::Kind::kRegister:
        ledger.person_erased[*id] = false;
        break;
      case Op::Kind::kErase:
        ledger.person_erased[*id] = true;
        // Erasure takes the person's consents with it.
        for (const Op& done : ledger.acked) {
          if (done.kind == Op::Kind::kGive &&
              done.give.person_id() == op->erase.person_id()) {
            ledger.consent_withdrawn.erase(done.result_id);
          }
        }
        break;
      case Op::Kind::kGive:
        ledger.consent_withdrawn[*id] = false;
        break;
      case Op::Kind::kWithdraw:
        ledger.consent_withdrawn[*id] = true;
        break;
      case Op::Kind::kSubmit:
        ledger.referral_state[*id] = v1::REFERRAL_STATE_REQUESTED;
        break;
      case Op::Kind::kUpdate:
      case Op::Kind::kIngest:
        ledger.referral_state[*id] = op->update.target();
        break;
    }
    ledger.acked.push_back(std::move(*op));
    // What the log held right after this acknowledgement.
    absl::Status signed_cp =
        rig_->db().readers().RunAndWait([&](store::Connection& conn) {
          auto cp = rig_->shared().keeper->SignCheckpoint(conn);
          if (!cp.ok()) return cp.status();
          ledger.checkpoint = std::move(*cp);
          return absl::OkStatus();
        });
    if (!signed_cp.ok()) {
      ledger.unexpected.push_back(std::string(signed_cp.message()));
    }
  }
}

}  // namespace rosa::reliability
