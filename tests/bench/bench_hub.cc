#include "tests/bench/bench_hub.h"

#include <stdlib.h>

#include <functional>
#include <future>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"
#include "common/time_util.h"
#include "hub/common/status_macros.h"

namespace rosa::bench {
namespace {

namespace v1 = rosa::hub::v1;

Partner MakePartner(std::string id, v1::PartnerKind kind, std::string plugin,
                    std::vector<Facility> facilities = {},
                    std::vector<v1::Gender> admits = {}) {
  Partner p;
  p.display_name = id;
  p.id = std::move(id);
  p.kind = kind;
  p.enabled = true;
  p.plugin = std::move(plugin);
  p.facilities = std::move(facilities);
  p.admits_genders = std::move(admits);
  return p;
}

PartnerRegistry MakeRegistry() {
  std::vector<Facility> bench;
  for (int f = 1; f <= kBenchFacilities; ++f) {
    bench.push_back(Facility{absl::StrFormat("ks-bench-%03d", f),
                             absl::StrCat("Senter ", f), "innlandet", "",
                             true});
  }
  auto registry = PartnerRegistry::FromPartners({
      MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR, "rosa-native"),
      MakePartner("ks-bench", v1::PARTNER_KIND_SHELTER, "ks-csv", bench),
      MakePartner("filemon", v1::PARTNER_KIND_SAFE_HOUSE, "filemon",
                  {{"filemon", "Filemon", "oslo", "", true}}, {v1::GENDER_MAN}),
      MakePartner(
          "lauras-hus", v1::PARTNER_KIND_REINFORCED_HOUSING, "lauras-skjema",
          {{"lauras-hus", "Lauras hus", "oslo", "", true}}, {v1::GENDER_WOMAN}),
      MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN, "iom-avrr"),
      MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL, "advokat"),
  });
  return std::move(*registry);  // The partners above are valid.
}

// Runs `call(i, done)` for i in [0, count) concurrently and waits for every
// answer; the first error, if any.
absl::Status ForEach(
    int count,
    const std::function<void(int, std::function<void(absl::Status)>)>& call) {
  absl::BlockingCounter pending(count);
  absl::Mutex mu;
  absl::Status first;
  for (int i = 0; i < count; ++i) {
    call(i, [&](absl::Status s) {
      if (!s.ok()) {
        absl::MutexLock lock(&mu);
        if (first.ok()) first = s;
      }
      pending.DecrementCount();
    });
  }
  pending.Wait();
  return first;
}

template <typename T>
absl::StatusOr<T> Await(
    const std::function<void(std::function<void(absl::StatusOr<T>)>)>& call) {
  std::promise<absl::StatusOr<T>> promise;
  call([&promise](absl::StatusOr<T> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

}  // namespace

absl::StatusOr<std::unique_ptr<BenchHub>> BenchHub::Open(
    const std::filesystem::path& plugin_dir,
    std::optional<PluginWorkerOptions> workers) {
  std::unique_ptr<BenchHub> hub(new BenchHub());
  std::string pattern =
      (std::filesystem::temp_directory_path() / "rosa-bench.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError("cannot make a temporary directory");
  }
  hub->dir_ = pattern;
  hub->clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 11, 20, 9, 0),
                                  absl::UTCTimeZone()));
  hub->registry_ = MakeRegistry();
  hub->plugins_ = std::make_unique<PluginHost>(
      workers.has_value()
          ? PluginHost::Options::InWorkers(plugin_dir, hub->dir_ / "plugins",
                                           *workers)
          : PluginHost::Options::InProcess(plugin_dir, hub->dir_ / "plugins"));
  if (absl::Status s = hub->plugins_->LoadAll(); !s.ok()) return s;
  store::Database::Options options;
  options.path = hub->dir_ / "hub.db";
  ASSIGN_OR_RETURN(hub->db_, store::Database::Open(options));
  ASSIGN_OR_RETURN(hub->keks_, crypto::KekStore::OpenOrCreate(
                                   crypto::KekStore::DefaultPath(hub->dir_)));
  BenchHub& h = *hub;
  h.outbox_ = std::make_unique<Outbox>(&h.notifier_);
  h.vault_ = std::make_unique<PersonVault>(h.keks_.get());
  h.placement_ = std::make_unique<PlacementDesk>(&h.registry_, h.db_.get(),
                                                 h.outbox_.get(), &h.clock_,
                                                 PlacementDesk::Options{});
  h.referrals_ = std::make_unique<ReferralDesk>(&h.registry_, h.db_.get(),
                                                h.outbox_.get(), h.vault_.get(),
                                                &h.clock_, h.placement_.get());
  h.persons_ = std::make_unique<PersonDesk>(
      &h.registry_, h.db_.get(), h.vault_.get(), &h.clock_, h.outbox_.get());
  h.consents_ = std::make_unique<ConsentDesk>(&h.registry_, h.db_.get(),
                                              h.outbox_.get(), &h.clock_);
  h.handoffs_ = std::make_unique<HandoffDesk>(
      &h.registry_, h.db_.get(), h.outbox_.get(), h.vault_.get(), &h.clock_);
  h.inquiries_ =
      std::make_unique<InquiryDesk>(&h.registry_, h.db_.get(), &h.clock_);
  h.ingest_ = std::make_unique<IngestDesk>(
      h.db_.get(), h.plugins_.get(),
      IngestDesk::Desks{.referrals = h.referrals_.get(),
                        .handoffs = h.handoffs_.get(),
                        .placement = h.placement_.get(),
                        .inquiries = h.inquiries_.get()},
      IngestDesk::Options{});
  return hub;
}

BenchHub::~BenchHub() {
  ingest_.reset();
  inquiries_.reset();
  handoffs_.reset();
  consents_.reset();
  persons_.reset();
  referrals_.reset();
  placement_.reset();
  db_.reset();
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

std::string BenchHub::NextKey() { return absl::StrCat("bench-", ++keys_); }

absl::StatusOr<std::vector<std::string>> BenchHub::Refer(
    const std::string& recipient, int count, const std::string& person) {
  std::vector<std::string> ids(count);
  const v1::Gender gender =
      recipient == "filemon" ? v1::GENDER_MAN : v1::GENDER_WOMAN;
  absl::Status s = ForEach(count, [&](int i, auto done) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(NextKey());
    r.set_recipient(recipient);
    r.set_type(person.empty() ? v1::REFERRAL_TYPE_PLACEMENT
                              : v1::REFERRAL_TYPE_ASSISTED_RETURN);
    r.set_person_ref(person.empty() ? "P-7KQ2M9XA" : person);
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(gender);
    f->set_age(29);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    f->add_languages("ro");
    referrals_->Submit(
        P("rosa"), r, absl::InfiniteFuture(),
        [&ids, i, done](absl::StatusOr<v1::SubmitReferralResponse> got) {
          if (got.ok()) ids[i] = got->referral().id();
          done(got.status());
        });
  });
  if (!s.ok()) return s;
  return ids;
}

absl::StatusOr<absl::Duration> BenchHub::TimedSubmit() {
  const absl::Time start = absl::Now();
  ASSIGN_OR_RETURN(auto ids, Refer("ks-bench", 1));
  (void)ids;
  return absl::Now() - start;
}

absl::Status BenchHub::Move(const std::string& actor,
                            const std::vector<std::string>& ids,
                            v1::ReferralState target) {
  return ForEach(static_cast<int>(ids.size()), [&](int i, auto done) {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(NextKey());
    r.set_referral_id(ids[i]);
    r.set_target(target);
    referrals_->UpdateStatus(
        P(actor), r, absl::InfiniteFuture(),
        [done](absl::StatusOr<v1::Referral> got) { done(got.status()); });
  });
}

absl::StatusOr<std::string> BenchHub::PersonWithConsents() {
  v1::RegisterPersonRequest r;
  r.set_idempotency_key(NextKey());
  v1::PersonIdentity* id = r.mutable_identity();
  id->set_given_name("Ana");
  id->set_family_name("Popescu");
  id->set_birth_date("1997-03-07");
  v1::PersonProfile* profile = r.mutable_profile();
  profile->set_gender(v1::GENDER_WOMAN);
  profile->set_birth_year(1997);
  profile->set_nationality("RO");
  profile->add_exploitation_forms(v1::EXPLOITATION_FORM_SEXUAL);
  profile->set_residence_status(v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED);
  *r.mutable_registration_consent_given_at() =
      ToProtoTime(clock_.Now() - absl::Hours(1));
  ASSIGN_OR_RETURN(v1::Person person, Await<v1::Person>([&](auto done) {
                     persons_->Register(P("rosa"), r, absl::InfiniteFuture(),
                                        done);
                   }));
  for (auto [partner, purpose] :
       {std::pair{"iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN},
        std::pair{"advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING}}) {
    v1::GiveConsentRequest c;
    c.set_idempotency_key(NextKey());
    c.set_person_id(person.id());
    c.mutable_scope()->set_partner_id(partner);
    c.set_purpose(purpose);
    ASSIGN_OR_RETURN(auto consent, Await<v1::Consent>([&](auto done) {
                       consents_->Give(P("rosa"), c, absl::InfiniteFuture(),
                                       done);
                     }));
    (void)consent;
  }
  return person.id();
}

absl::StatusOr<std::vector<std::string>> BenchHub::Handoffs(
    const std::string& person, int count) {
  std::vector<std::string> ids(count);
  absl::Status s = ForEach(count, [&](int i, auto done) {
    v1::CreateHandoffRequest r;
    r.set_idempotency_key(NextKey());
    r.set_lawyer("advokat-lund");
    r.set_person_id(person);
    r.set_case_summary("Wants advice on residence.");
    r.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    r.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
    handoffs_->Create(P("rosa"), r, absl::InfiniteFuture(),
                      [&ids, i, done](absl::StatusOr<v1::Handoff> got) {
                        if (got.ok()) ids[i] = got->id();
                        done(got.status());
                      });
  });
  if (!s.ok()) return s;
  return ids;
}

absl::StatusOr<v1::IngestResponse> BenchHub::Ingest(
    const std::string& sender, const std::string& content_type,
    const std::string& payload) {
  v1::IngestRequest r;
  r.set_content_type(content_type);
  r.set_payload(payload);
  return Await<v1::IngestResponse>([&](auto done) {
    ingest_->Ingest(P(sender), r, absl::InfiniteFuture(), done);
  });
}

}  // namespace rosa::bench
