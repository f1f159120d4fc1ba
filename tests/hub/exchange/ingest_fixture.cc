#include "tests/hub/exchange/ingest_fixture.h"

namespace rosa {
namespace ingest_test {

absl::StatusOr<PartnerRegistry> IngestDeskTest::LoadRegistry() {
  return PartnerRegistry::LoadFile(ROSA_PARTNERS_FILE);
}

void IngestDeskTest::SetUp() {
  // State is made before the samples' times, ingested after them.
  clock_.now = Oslo(2026, 11, 20, 9, 0);
  auto registry = LoadRegistry();
  ASSERT_TRUE(registry.ok()) << registry.status();
  registry_ = std::move(*registry);
  plugins_ = std::make_unique<PluginHost>(
      PluginHost::Options::InProcess(ROSA_PLUGIN_DIR, dir_.File("plugins")));
  ASSERT_TRUE(plugins_->LoadAll().ok());
  for (const char* name :
       {"ks-csv", "filemon", "lauras-skjema", "iom-avrr", "advokat"}) {
    ASSERT_NE(plugins_->Find(name), nullptr) << name;
  }

  store::Database::Options options;
  options.path = dir_.File("hub.db");
  auto db = store::Database::Open(options);
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = std::move(*db);
  auto keks = crypto::KekStore::OpenOrCreate(
      crypto::KekStore::DefaultPath(dir_.path()));
  ASSERT_TRUE(keks.ok()) << keks.status();
  keks_ = std::move(*keks);
  outbox_ = std::make_unique<Outbox>(&notifier_);
  vault_ = std::make_unique<PersonVault>(keks_.get());
  content_ =
      std::make_unique<ReferralEventContent>(&registry_, &vault_->texts());
  placement_ = std::make_unique<PlacementDesk>(
      &registry_, db_.get(), outbox_.get(), &clock_, PlacementDesk::Options{});
  referrals_ =
      std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                     vault_.get(), &clock_, placement_.get());
  persons_ = std::make_unique<PersonDesk>(db_.get(), vault_.get(), &clock_,
                                          outbox_.get());
  consents_ = std::make_unique<ConsentDesk>(&registry_, db_.get(),
                                            outbox_.get(), &clock_);
  handoffs_ = std::make_unique<HandoffDesk>(
      &registry_, db_.get(), outbox_.get(), vault_.get(), &clock_);
  inquiries_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
  ingest_ = std::make_unique<IngestDesk>(
      db_.get(), plugins_.get(),
      IngestDesk::Desks{.referrals = referrals_.get(),
                        .handoffs = handoffs_.get(),
                        .placement = placement_.get(),
                        .inquiries = inquiries_.get()},
      IngestDesk::Options{});

  if (first_yearly_number_ > 1) {
    // As if the year had already seen that many referrals and handoffs.
    ASSERT_TRUE(
        db_->writer()
            .SubmitAndWait([this](store::WriteTxn& txn) -> absl::Status {
              ASSIGN_OR_RETURN(
                  auto stmt, txn.conn().Prepare("INSERT INTO id_counters(name, "
                                                "value) VALUES (?1, ?2)"));
              for (const char* counter : {"referral-2026", "handoff-2026"}) {
                stmt->Reset();
                stmt->Bind(1, std::string(counter))
                    .Bind(2, first_yearly_number_ - 1);
                RETURN_IF_ERROR(stmt->Run());
              }
              return absl::OkStatus();
            })
            .ok());
  }
  MakeState();
  clock_.now = Oslo(2026, 12, 25, 12, 0);
}

void IngestDeskTest::TearDown() {
  ingest_.reset();
  inquiries_.reset();
  handoffs_.reset();
  consents_.reset();
  persons_.reset();
  referrals_.reset();
  placement_.reset();
  db_.reset();
}

void IngestDeskTest::MakeState() {
  for (int n : {123, 124, 125}) {
    Refer(n, "ks-oslo", v1::REFERRAL_TYPE_PLACEMENT, v1::GENDER_WOMAN);
  }
  for (int n : {200, 201}) {
    Refer(n, "filemon", v1::REFERRAL_TYPE_PLACEMENT, v1::GENDER_MAN);
  }
  for (int n : {300, 301, 302}) {
    Refer(n, "lauras-hus", v1::REFERRAL_TYPE_PLACEMENT, v1::GENDER_WOMAN);
  }
  const std::string returnee = RegisterPerson();
  GiveConsent(returnee, "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  for (int n : {400, 401}) {
    Refer(n, "iom", v1::REFERRAL_TYPE_ASSISTED_RETURN, v1::GENDER_WOMAN,
          returnee);
    const std::string& id = ids_[RefId(n)];
    ASSERT_TRUE(Update("iom", id, v1::REFERRAL_STATE_RECEIVED).ok());
    ASSERT_TRUE(Update("iom", id, v1::REFERRAL_STATE_ACCEPTED).ok());
  }
  const std::string client = RegisterPerson();
  GiveConsent(client, "advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  for (int n : {10, 11, 12}) {
    v1::CreateHandoffRequest r;
    r.set_idempotency_key(NextKey());
    r.set_lawyer("advokat-lund");
    r.set_person_id(client);
    r.set_case_summary("Identified by police; wants advice on residence.");
    r.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    r.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
    auto h = Await<v1::Handoff>([&](auto done) {
      handoffs_->Create(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    ASSERT_TRUE(h.ok()) << h.status();
    ASSERT_EQ(h->granted_quarter_hours(), 12u);  // The default 3 h.
    ids_[absl::StrCat("H-2026-0000", n)] = h->id();
  }
}

void IngestDeskTest::Refer(int n, const std::string& recipient,
                           v1::ReferralType type, v1::Gender gender,
                           const std::string& person) {
  v1::SubmitReferralRequest r;
  r.set_idempotency_key(NextKey());
  r.set_recipient(recipient);
  r.set_type(type);
  r.set_person_ref(person);
  v1::PersonFacts* f = r.mutable_facts();
  f->set_gender(gender);
  f->set_age(29);
  f->set_nationality("RO");
  f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  f->add_languages("ro");
  auto s = Await<v1::SubmitReferralResponse>([&](auto done) {
    referrals_->Submit(P("rosa"), r, absl::InfiniteFuture(), done);
  });
  ASSERT_TRUE(s.ok()) << RefId(n) << ": " << s.status();
  ids_[RefId(n)] = s->referral().id();
}

absl::StatusOr<v1::Referral> IngestDeskTest::Update(const std::string& actor,
                                                    const std::string& id,
                                                    v1::ReferralState target) {
  v1::UpdateReferralStatusRequest r;
  r.set_idempotency_key(NextKey());
  r.set_referral_id(id);
  r.set_target(target);
  auto u = Await<v1::Referral>([&](auto done) {
    referrals_->UpdateStatus(P(actor), r, absl::InfiniteFuture(), done);
  });
  EXPECT_TRUE(u.ok()) << u.status();
  return u;
}

std::string IngestDeskTest::RegisterPerson() {
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
      ToProtoTime(clock_.now - absl::Hours(1));
  auto person = Await<v1::Person>([&](auto done) {
    persons_->Register(P("rosa"), r, absl::InfiniteFuture(), done);
  });
  EXPECT_TRUE(person.ok()) << person.status();
  return person.ok() ? person->id() : "";
}

void IngestDeskTest::GiveConsent(const std::string& person,
                                 const std::string& partner,
                                 v1::ConsentPurpose purpose) {
  v1::GiveConsentRequest r;
  r.set_idempotency_key(NextKey());
  r.set_person_id(person);
  r.mutable_scope()->set_partner_id(partner);
  r.set_purpose(purpose);
  auto consent = Await<v1::Consent>([&](auto done) {
    consents_->Give(P("rosa"), r, absl::InfiniteFuture(), done);
  });
  EXPECT_TRUE(consent.ok()) << consent.status();
}

void IngestDeskTest::ExpectApplied(const std::string& dir,
                                   const std::string& name) {
  SCOPED_TRACE(absl::StrCat(dir, "/", name));
  auto r = IngestSample(dir, name);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->applied());
  EXPECT_GT(r->records_size(), 0);
  for (const v1::RecordOutcome& o : r->records()) {
    EXPECT_EQ(o.result(), v1::RecordOutcome::RESULT_APPLIED)
        << o.record() << " " << o.field() << " " << o.reason();
  }
}

void IngestDeskTest::ExpectRejected(const std::string& dir,
                                    const std::string& name) {
  SCOPED_TRACE(absl::StrCat(dir, "/", name));
  const Snapshot before = Take();
  auto r = IngestSample(dir, name);
  ASSERT_FALSE(r.ok()) << "applied: " << r->DebugString();
  EXPECT_THAT(std::string(r.status().message()),
              ContainsRegex("(line|item|form|record|row) [0-9]+|/AvrrCase"))
      << r.status();
  auto details = r.status().GetPayload(kErrorDetailsPayloadUrl);
  if (details.has_value()) {
    v1::IngestResponse response;
    ASSERT_TRUE(response.ParseFromString(std::string(*details)));
    EXPECT_FALSE(response.applied());
    EXPECT_GT(response.records_size(), 0);
    bool rejected = false;
    for (const v1::RecordOutcome& o : response.records()) {
      EXPECT_NE(o.result(), v1::RecordOutcome::RESULT_APPLIED) << o.record();
      if (o.result() != v1::RecordOutcome::RESULT_REJECTED) continue;
      rejected = true;
      EXPECT_FALSE(o.record().empty());
      EXPECT_FALSE(o.reason().empty()) << o.record();
    }
    EXPECT_TRUE(rejected);
    for (const std::string& text : FreeText(Payload(dir, name))) {
      EXPECT_THAT(std::string(*details),
                  ::testing::Not(::testing::HasSubstr(text)));
      EXPECT_THAT(std::string(r.status().message()),
                  ::testing::Not(::testing::HasSubstr(text)));
    }
  } else {
    ADD_FAILURE() << "no IngestResponse in the error details: " << r.status();
  }
  EXPECT_EQ(Take(), before);
}

std::map<std::string, v1::UnitCapacity> IngestDeskTest::Units(
    const std::string& facility) {
  std::map<std::string, v1::UnitCapacity> units;
  const v1::ListAvailabilityResponse availability = Availability();
  for (const auto& f : availability.facilities()) {
    if (f.facility().id() != facility) continue;
    for (const auto& u : f.units()) units[u.reported().unit()] = u.reported();
  }
  return units;
}

std::vector<v1::HotlineInquiry> IngestDeskTest::Inquiries() {
  std::vector<v1::HotlineInquiry> all;
  std::string token;
  do {
    v1::ListInquiriesRequest r;
    r.set_page_size(100);
    r.set_page_token(token);
    auto got = Await<v1::ListInquiriesResponse>(
        [&](auto done) { inquiries_->List(P("rosa"), r, done); });
    EXPECT_TRUE(got.ok()) << got.status();
    if (!got.ok()) break;
    all.insert(all.end(), got->inquiries().begin(), got->inquiries().end());
    token = got->next_page_token();
  } while (!token.empty());
  return all;
}

Snapshot IngestDeskTest::Take() {
  Snapshot s;
  for (const auto& [example, id] : ids_) {
    if (absl::StartsWith(example, "R-")) {
      v1::Referral r = Referral(example);
      s.referrals[id] =
          absl::StrCat(v1::ReferralState_Name(r.state()), " v", r.version(),
                       " ", r.assisted_return().ShortDebugString());
    } else {
      v1::Handoff h = Handoff(id);
      std::string ledger;
      for (const auto& e : h.ledger()) {
        absl::StrAppend(&ledger, e.ShortDebugString(), "|");
      }
      s.handoffs[id] = absl::StrCat(v1::HandoffState_Name(h.state()), " ",
                                    h.used_quarter_hours(), "/",
                                    h.granted_quarter_hours(), " ", ledger);
    }
  }
  s.availability = Availability().ShortDebugString();
  s.inquiries = static_cast<int>(Inquiries().size());
  return s;
}

}  // namespace ingest_test
}  // namespace rosa
