#include "tests/reliability/fuzz_seeds.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "rosa/hub/v1/audit_service.pb.h"
#include "rosa/hub/v1/consent.pb.h"
#include "rosa/hub/v1/consent_service.pb.h"
#include "rosa/hub/v1/event_service.pb.h"
#include "rosa/hub/v1/gateway_service.pb.h"
#include "rosa/hub/v1/handoff.pb.h"
#include "rosa/hub/v1/handoff_service.pb.h"
#include "rosa/hub/v1/inquiry_service.pb.h"
#include "rosa/hub/v1/journal_service.pb.h"
#include "rosa/hub/v1/person.pb.h"
#include "rosa/hub/v1/placement_service.pb.h"
#include "rosa/hub/v1/plugin_admin_service.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"
#include "rosa/hub/v1/report_service.pb.h"
#include "tests/reliability/hub_rig.h"
#include "tests/testutil/hotline_call.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;
using google::protobuf::Message;

// The lawyer the handoffs go to.
constexpr char kLawyer[] = "advokat-lund";

Accepted ConsentSeed(const std::string& person_id, const std::string& partner,
                     v1::ConsentPurpose purpose, const std::string& key) {
  v1::GiveConsentRequest give;
  give.set_idempotency_key(absl::StrCat("seed-consent-", partner, "-", key));
  give.set_person_id(person_id);
  give.mutable_scope()->set_partner_id(partner);
  give.set_purpose(purpose);
  return Seed("rosa", give);
}

// A handoff to kLawyer for the person of `give`, or an assisted-return
// referral to IOM, when `give` is that partner's consent.
std::vector<Accepted> AfterConsent(const v1::GiveConsentRequest& give,
                                   const std::string& key) {
  std::vector<Accepted> out;
  if (give.scope().partner_id() == kLawyer) {
    v1::CreateHandoffRequest h;
    h.set_idempotency_key("seed-handoff-" + key);
    h.set_lawyer(kLawyer);
    h.set_person_id(give.person_id());
    h.set_case_summary("Identified by police; wants advice.");
    h.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    h.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
    out.push_back(Seed("rosa", h));
  } else if (give.scope().partner_id() == "iom" &&
             give.purpose() == v1::CONSENT_PURPOSE_ASSISTED_RETURN) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key("seed-return-" + key);
    r.set_recipient("iom");
    r.set_type(v1::REFERRAL_TYPE_ASSISTED_RETURN);
    r.set_person_ref(give.person_id());
    FillWorkloadFacts(r.mutable_facts());
    r.set_note("Wants to go home before Christmas.");
    out.push_back(Seed("rosa", r));
  }
  return out;
}

// The lawyer's steps on a new handoff (so that the hours ledger is
// exercised).
std::vector<Accepted> AfterHandoff(const v1::Handoff& h) {
  std::vector<Accepted> out;
  for (int k = 0; k < 3; ++k) {
    v1::RecordHandoffEventRequest e;
    e.set_idempotency_key(absl::StrCat("seed-", h.id(), "-", k));
    e.set_handoff_id(h.id());
    if (k == 0) e.mutable_event()->mutable_accepted();
    if (k == 1) e.mutable_event()->mutable_hours_used()->set_quarter_hours(4);
    if (k == 2) {
      e.mutable_event()->mutable_extension_granted()->set_quarter_hours(8);
    }
    out.push_back(Seed(h.lawyer(), e));
  }
  return out;
}

// The recipient's first steps on a new referral, IOM's progress on its
// own, and each party's read of a place the referral holds.
std::vector<Accepted> AfterSubmit(const std::string& sender,
                                  const v1::SubmitReferralRequest& request,
                                  const std::string& id, absl::Time now) {
  std::vector<Accepted> out;
  const std::string& recipient = request.recipient();
  for (v1::ReferralState target :
       {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED}) {
    v1::UpdateReferralStatusRequest u;
    u.set_idempotency_key(absl::StrCat("seed-", id, "-", target));
    u.set_referral_id(id);
    u.set_target(target);
    out.push_back(Seed(recipient, u));
  }
  if (request.type() == v1::REFERRAL_TYPE_ASSISTED_RETURN) {
    v1::UpdateAssistedReturnRequest u;
    u.set_idempotency_key(absl::StrCat("seed-", id, "-return"));
    u.set_referral_id(id);
    v1::AssistedReturn* ar = u.mutable_assisted_return();
    ar->set_status(v1::ASSISTED_RETURN_STATUS_ASSESSMENT);
    ar->set_status_date(absl::FormatTime("%Y-%m-%d", now, OsloTimeZone()));
    ar->set_destination_country("RO");
    out.push_back(Seed(recipient, u));
  }
  if (request.has_hold()) {
    v1::GetHoldRequest g;
    g.set_referral_id(id);
    out.push_back(Seed(sender, g));
    out.push_back(Seed(recipient, g));
  }
  return out;
}

// A referral from ROSA to `shelter` that holds a place at its facility.
Accepted HeldReferralSeed(const std::string& shelter, const std::string& key) {
  v1::SubmitReferralRequest held;
  held.set_idempotency_key("seed-held-" + key);
  held.set_recipient(shelter);
  held.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  held.set_person_ref("P-7KQ2M9XA");
  FillWorkloadFacts(held.mutable_facts());
  held.mutable_hold()->set_facility_id(shelter);
  return Seed("rosa", held);
}

// A unit of `facility` with `free` of 10 places free, as of `now`.
v1::UnitCapacity Unit(const std::string& facility, uint32_t free,
                      absl::Time now) {
  v1::UnitCapacity u;
  u.set_facility_id(facility);
  u.set_unit("rom-a");
  u.set_type(v1::UNIT_TYPE_LONGER_STAY);
  u.set_capacity(10);
  u.set_free(free);
  u.set_admits(v1::ADMITTED_GENDERS_ALL);
  *u.mutable_as_of() = ToProtoTime(now);
  return u;
}

// Each shelter's capacity report, a referral that holds one of ks-oslo's
// places, and a hotline call for ROSA to record.
std::vector<Accepted> PlacementAndHotlineSeeds(absl::Time now) {
  std::vector<Accepted> out;
  for (const char* shelter : {kSecretFacility, kPublicFacility}) {
    v1::ReportCapacityRequest r;
    r.set_idempotency_key(absl::StrCat("seed-capacity-", shelter));
    *r.add_units() = Unit(shelter, 4, now);
    out.push_back(Seed(shelter, r));
  }
  out.push_back(HeldReferralSeed(kSecretFacility, "first"));
  out.push_back(Seed(
      "rosa", testutil::HotlineCall(now - absl::Hours(1), "seed-inquiry", 1)));
  return out;
}

}  // namespace

void Keep(SeedPools& pools, Accepted a, std::mt19937_64& rng) {
  std::vector<Accepted>& pool = pools[a.request->GetDescriptor()->full_name()];
  if (pool.size() < kPoolSize) {
    pool.push_back(std::move(a));
  } else {
    pool[rng() % pool.size()] = std::move(a);
  }
}

std::vector<Accepted> SeedCorpus(const Ledger& ledger) {
  std::vector<Accepted> out;
  for (const Op& op : ledger.acked) {
    switch (op.kind) {
      case Op::Kind::kRegister:
        out.push_back(Seed(op.caller, op.reg));
        break;
      case Op::Kind::kErase:
        out.push_back(Seed(op.caller, op.erase));
        break;
      case Op::Kind::kGive: {
        out.push_back(Seed(op.caller, op.give));
        for (Accepted& a : AfterConsent(op.give, op.result_id)) {
          out.push_back(std::move(a));
        }
        break;
      }
      case Op::Kind::kWithdraw:
        out.push_back(Seed(op.caller, op.withdraw));
        break;
      case Op::Kind::kSubmit:
        out.push_back(Seed(op.caller, op.submit));
        break;
      case Op::Kind::kUpdate:
        out.push_back(Seed(op.caller, op.update));
        break;
      case Op::Kind::kIngest:
        out.push_back(Seed(op.caller, op.ingest));
        break;
    }
  }
  return out;
}

std::vector<Accepted> DeskSeeds(const Ledger& ledger,
                                const std::vector<std::string>& partners,
                                const PluginHost& plugins, absl::Time now) {
  std::vector<Accepted> out;
  int n = 0;
  for (const Op& op : ledger.acked) {
    if (op.kind != Op::Kind::kRegister || n >= 8) continue;
    v1::RecordJournalEntryRequest j;
    j.set_idempotency_key(absl::StrCat("seed-journal-", ++n));
    j.mutable_record()->set_person_id(op.result_id);
    *j.mutable_record()->mutable_occurred_at() =
        ToProtoTime(now - absl::Hours(24 * n));
    if (n % 2 == 0) {
      j.mutable_record()->mutable_assistance_started();
    } else {
      j.mutable_record()->mutable_follow_up()->set_mode(
          v1::CONTACT_MODE_IN_PERSON);
    }
    out.push_back(Seed("rosa", j));
    v1::ListJournalRequest l;
    l.set_person_id(op.result_id);
    out.push_back(Seed("rosa", l));
  }
  for (int edition = 0; edition <= 2; ++edition) {
    v1::GetAnnualReportRequest r;
    r.set_year(absl::ToCivilYear(now, OsloTimeZone()).year());
    r.set_edition(static_cast<v1::ReportEdition>(edition));
    out.push_back(Seed("rosa", r));
  }
  out.push_back(Seed("rosa", v1::GetCheckpointRequest()));
  v1::GetEntriesRequest entries;
  entries.set_count(10);
  out.push_back(Seed("rosa", entries));
  v1::GetInclusionProofRequest inclusion;
  inclusion.set_index(0);
  inclusion.set_tree_size(2);
  out.push_back(Seed("rosa", inclusion));
  v1::GetConsistencyProofRequest consistency;
  consistency.set_old_size(1);
  consistency.set_new_size(3);
  out.push_back(Seed("rosa", consistency));
  if (ledger.checkpoint.has_value()) {
    v1::VerifyLogRequest verify;
    *verify.mutable_checkpoint() = *ledger.checkpoint;
    out.push_back(Seed("rosa", verify));
  }
  for (const std::string& p : partners) {
    v1::WatchRequest w;
    out.push_back(Seed(p, w));
    w.set_after_cursor(1);
    out.push_back(Seed(p, w));
    w.set_from_now(true);
    out.push_back(Seed(p, w));
    v1::SubscribeRequest sub;
    for (uint64_t after : {0, 1, 30}) {
      sub.set_after_cursor(after);
      out.push_back(Seed(p, sub));
    }
  }
  for (Accepted& a : PlacementAndHotlineSeeds(now)) out.push_back(std::move(a));
  out.push_back(Seed("rosa", v1::ListPluginsRequest()));
  for (const PluginHost::Entry& e : plugins.List()) {
    v1::ReloadPluginRequest reload;
    reload.set_name(e.plugin->name());
    out.push_back(Seed("rosa", reload));
  }
  return out;
}

std::vector<Accepted> FollowUps(const std::string& caller,
                                const Message& request, const Message& answer,
                                const std::string& key, absl::Time now) {
  if (const auto* p = dynamic_cast<const v1::Person*>(&answer);
      p != nullptr &&
      dynamic_cast<const v1::RegisterPersonRequest*>(&request)) {
    std::vector<Accepted> out;
    out.push_back(ConsentSeed(p->id(), kLawyer,
                              v1::CONSENT_PURPOSE_LEGAL_COUNSELLING, key));
    out.push_back(
        ConsentSeed(p->id(), "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN, key));
    return out;
  }
  if (const auto* give =
          dynamic_cast<const v1::GiveConsentRequest*>(&request)) {
    return AfterConsent(*give, key);
  }
  if (const auto* h = dynamic_cast<const v1::Handoff*>(&answer);
      h != nullptr && dynamic_cast<const v1::CreateHandoffRequest*>(&request)) {
    return AfterHandoff(*h);
  }
  // A shelter with free places: a referral that holds one of them.
  if (dynamic_cast<const v1::ReportCapacityRequest*>(&request) != nullptr) {
    std::vector<Accepted> out;
    out.push_back(HeldReferralSeed(caller, key));
    return out;
  }
  if (const auto* submit =
          dynamic_cast<const v1::SubmitReferralRequest*>(&request)) {
    const auto* r = dynamic_cast<const v1::SubmitReferralResponse*>(&answer);
    if (r != nullptr && !r->replayed()) {
      return AfterSubmit(caller, *submit, r->referral().id(), now);
    }
  }
  return {};
}

}  // namespace rosa::reliability
