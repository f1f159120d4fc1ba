#include "tests/hub/exchange/ingest_fixture.h"

namespace rosa {
namespace ingest_test {

absl::StatusOr<PartnerRegistry> IngestDeskTest::LoadRegistry() {
  return PartnerRegistry::LoadFile(ROSA_PARTNERS_FILE);
}

void IngestDeskTest::SetUp() {
  // State is made before the samples' times, ingested after them.
  clock_.Set(Oslo(2026, 11, 20, 9, 0));
  auto registry = LoadRegistry();
  ASSERT_TRUE(registry.ok()) << registry.status();
  registry_ = std::move(*registry);
  LoadPlugins(ROSA_PLUGIN_DIR);
  for (const char* name :
       {"ks-csv", "filemon", "lauras-skjema", "iom-avrr", "advokat"}) {
    ASSERT_NE(plugins_->Find(name), nullptr) << name;
  }
  OpenStore();
  OpenDesks();

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
  clock_.Set(Oslo(2026, 12, 25, 12, 0));
}

void IngestDeskTest::TearDown() {
  CloseDesks();
  CloseStore();
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
  auto person = Register(PersonRequest("Ana", "Popescu", 1997));
  EXPECT_TRUE(person.ok()) << person.status();
  return person.ok() ? person->id() : "";
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
