// The gateway sample test: every shared partner-format sample
// (tests/testdata/partner-formats) runs through the real core path — the
// real plugin libraries loaded by the plugin host, applied by the ingest
// desk on a real SQLite store, with the referral, handoff, placement and
// inquiry desks built as the hub server builds them. Good samples apply and
// their effect is visible through the desks; bad samples are refused with
// an error naming the record, details saying nothing applied, and no change
// to any referral, facility figure, inquiry or handoff ledger.
#include "hub/exchange/ingest_desk.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/error_details.h"
#include "hub/common/time_util.h"
#include "hub/consent/consent_desk.h"
#include "hub/crypto/key_file.h"
#include "hub/outbox/outbox.h"
#include "hub/person/person_desk.h"
#include "hub/person/person_vault.h"
#include "hub/plugin_host/plugin_host.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
namespace fs = std::filesystem;
using ::testing::ContainsRegex;

const fs::path kSamples = ROSA_SAMPLES_DIR;

absl::Time Oslo(int y, int m, int d, int h, int min) {
  absl::TimeZone oslo;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Oslo", &oslo));
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), oslo);
}

class FakeClock final : public Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now;
};

// Blocks on a desk's asynchronous answer.
template <typename T>
absl::StatusOr<T> Await(
    const std::function<void(std::function<void(absl::StatusOr<T>)>)>& call) {
  std::promise<absl::StatusOr<T>> promise;
  call([&promise](absl::StatusOr<T> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

std::string ReadSample(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Format {
  std::string dir;
  std::string sender;
};
const std::vector<Format>& Formats() {
  static const auto* formats = new std::vector<Format>{
      {"ks-csv", "ks-oslo"},   {"filemon", "filemon"},
      {"lauras-skjema", "lauras-hus"}, {"iom-avrr", "iom"},
      {"advokat", "advokat-lund"}};
  return *formats;
}

// The content type a sample is sent with.
std::string ContentType(const std::string& dir, const std::string& name,
                        const std::string& payload) {
  if (dir == "ks-csv") {
    // By the header row (the bad samples' names do not all say).
    std::string header = payload.substr(0, payload.find('\n'));
    if (absl::StrContains(header, "referanse")) {
      return "text/csv; profile=ks-hendelser-1";
    }
    if (absl::StrContains(header, "hvem_ringer")) {
      return "text/csv; profile=ks-telefonlogg-1";
    }
    EXPECT_TRUE(absl::StrContains(header, "senter")) << name;
    return "text/csv; profile=ks-plasser-1";
  }
  if (dir == "filemon") return "application/vnd.filemon.v1+json";
  if (dir == "lauras-skjema") return "text/plain; profile=lauras-skjema-1";
  if (dir == "iom-avrr") return "application/xml; profile=iom-avrr-1";
  if (dir == "advokat") return "application/vnd.advokat.v1+json";
  ADD_FAILURE() << "unknown format " << dir;
  return "";
}

std::string SenderOf(const std::string& dir) {
  for (const Format& f : Formats()) {
    if (f.dir == dir) return f.sender;
  }
  return "";
}

// Everything a payload could change, as comparable text.
struct Snapshot {
  std::map<std::string, std::string> referrals;  // id -> state/version
  std::string availability;
  int inquiries = 0;
  std::map<std::string, std::string> handoffs;  // id -> state/hours/ledger
  bool operator==(const Snapshot&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Snapshot& s) {
  for (const auto& [id, r] : s.referrals) os << id << ": " << r << "\n";
  os << "inquiries: " << s.inquiries << "\n";
  for (const auto& [id, h] : s.handoffs) os << id << ": " << h << "\n";
  return os << "availability: " << s.availability << "\n";
}

class IngestDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // State is made before the samples' times, ingested after them.
    clock_.now = Oslo(2026, 11, 20, 9, 0);
    auto registry = PartnerRegistry::LoadFile(ROSA_PARTNERS_FILE);
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    plugins_ = std::make_unique<PluginHost>(PluginHost::Options{
        .plugin_dir = ROSA_PLUGIN_DIR, .copy_dir = dir_.File("plugins")});
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
    placement_ = std::make_unique<PlacementDesk>(
        &registry_, db_.get(), outbox_.get(), &clock_,
        PlacementDesk::Options{});
    referrals_ = std::make_unique<ReferralDesk>(
        &registry_, db_.get(), outbox_.get(), vault_.get(), &clock_,
        placement_.get());
    persons_ = std::make_unique<PersonDesk>(db_.get(), vault_.get(), &clock_,
                                            outbox_.get());
    consents_ = std::make_unique<ConsentDesk>(&registry_, db_.get(),
                                              outbox_.get(), &clock_);
    handoffs_ = std::make_unique<HandoffDesk>(&registry_, db_.get(),
                                              outbox_.get(), vault_.get(),
                                              &clock_);
    inquiries_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
    ingest_ = std::make_unique<IngestDesk>(
        db_.get(), plugins_.get(),
        IngestDesk::Desks{.referrals = referrals_.get(),
                          .handoffs = handoffs_.get(),
                          .placement = placement_.get(),
                          .inquiries = inquiries_.get()},
        IngestDesk::Options{});

    MakeState();
    clock_.now = Oslo(2026, 12, 25, 12, 0);
  }

  void TearDown() override {
    ingest_.reset();
    inquiries_.reset();
    handoffs_.reset();
    consents_.reset();
    persons_.reset();
    referrals_.reset();
    placement_.reset();
    db_.reset();
  }

  const Partner& P(const std::string& id) {
    const Partner* p = registry_.Find(id);
    EXPECT_NE(p, nullptr) << id;
    return *p;
  }
  std::string NextKey() { return absl::StrCat("setup-", ++key_counter_); }

  // The README's state, under the ids the hub issues; ids_ maps the
  // samples' example ids to them.
  void MakeState() {
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

  static std::string RefId(int n) { return absl::StrCat("R-2026-000", n); }

  void Refer(int n, const std::string& recipient, v1::ReferralType type,
             v1::Gender gender, const std::string& person = "P-7KQ2M9XA") {
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

  absl::StatusOr<v1::Referral> Update(const std::string& actor,
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

  std::string RegisterPerson() {
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
    profile->set_residence_status(
        v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED);
    *r.mutable_registration_consent_given_at() =
        ToProtoTime(clock_.now - absl::Hours(1));
    auto person = Await<v1::Person>([&](auto done) {
      persons_->Register(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    EXPECT_TRUE(person.ok()) << person.status();
    return person.ok() ? person->id() : "";
  }

  void GiveConsent(const std::string& person, const std::string& partner,
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

  // The sample with its example ids replaced by the issued ones.
  std::string Payload(const std::string& dir, const std::string& name) {
    std::vector<std::pair<std::string, std::string>> pairs(ids_.begin(),
                                                           ids_.end());
    return absl::StrReplaceAll(ReadSample(kSamples / dir / name), pairs);
  }

  absl::StatusOr<v1::IngestResponse> IngestText(const std::string& sender,
                                                const std::string& type,
                                                const std::string& payload) {
    v1::IngestRequest r;
    r.set_content_type(type);
    r.set_payload(payload);
    return Await<v1::IngestResponse>([&](auto done) {
      ingest_->Ingest(P(sender), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::IngestResponse> IngestSample(const std::string& dir,
                                                  const std::string& name) {
    const std::string payload = Payload(dir, name);
    return IngestText(SenderOf(dir), ContentType(dir, name, payload), payload);
  }

  // Applied, one APPLIED outcome per record.
  void ExpectApplied(const std::string& dir, const std::string& name) {
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

  // Refused, naming a record, details saying nothing applied, and nothing
  // of it changed.
  void ExpectRejected(const std::string& dir, const std::string& name) {
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
        rejected |= o.result() == v1::RecordOutcome::RESULT_REJECTED;
      }
      EXPECT_TRUE(rejected);
    } else {
      ADD_FAILURE() << "no IngestResponse in the error details: " << r.status();
    }
    EXPECT_EQ(Take(), before);
  }

  v1::Referral Referral(const std::string& example_id) {
    v1::GetReferralRequest r;
    r.set_referral_id(ids_.at(example_id));
    auto got = Await<v1::Referral>(
        [&](auto done) { referrals_->Get(P("rosa"), r, done); });
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : v1::Referral();
  }

  v1::Handoff Handoff(const std::string& id) {
    v1::GetHandoffRequest r;
    r.set_handoff_id(id);
    auto got = Await<v1::Handoff>([&](auto done) {
      handoffs_->Get(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : v1::Handoff();
  }

  v1::ListAvailabilityResponse Availability() {
    auto got = Await<v1::ListAvailabilityResponse>([&](auto done) {
      placement_->ListAvailability(P("rosa"), v1::ListAvailabilityRequest(),
                                   done);
    });
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : v1::ListAvailabilityResponse();
  }

  // The units a facility reports, by name.
  std::map<std::string, v1::UnitCapacity> Units(const std::string& facility) {
    std::map<std::string, v1::UnitCapacity> units;
    const v1::ListAvailabilityResponse availability = Availability();
    for (const auto& f : availability.facilities()) {
      if (f.facility().id() != facility) continue;
      for (const auto& u : f.units()) units[u.reported().unit()] = u.reported();
    }
    return units;
  }

  std::vector<v1::HotlineInquiry> Inquiries() {
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

  Snapshot Take() {
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

  testutil::TempDir dir_;
  FakeClock clock_;
  PartnerRegistry registry_;
  EventNotifier notifier_;
  std::unique_ptr<PluginHost> plugins_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<PersonVault> vault_;
  std::unique_ptr<PlacementDesk> placement_;
  std::unique_ptr<ReferralDesk> referrals_;
  std::unique_ptr<PersonDesk> persons_;
  std::unique_ptr<ConsentDesk> consents_;
  std::unique_ptr<HandoffDesk> handoffs_;
  std::unique_ptr<InquiryDesk> inquiries_;
  std::unique_ptr<IngestDesk> ingest_;
  std::map<std::string, std::string> ids_;  // Example id -> issued id.
  int key_counter_ = 0;
};

std::vector<std::string> SampleNames(const std::string& dir,
                                     const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kSamples / dir)) {
    const std::string name = e.path().filename().string();
    if (absl::StartsWith(name, prefix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Every sample is in a list below, so a new one is not silently skipped.
TEST(SampleListTest, EverySampleIsCovered) {
  std::map<std::string, std::vector<std::string>> known = {
      {"ks-csv",
       {"bad-event-out-of-order.csv", "bad-future-timestamp.csv",
        "bad-impossible-date.csv", "bad-invalid-utf8.csv",
        "bad-ledige-over-kapasitet.csv", "bad-missing-required-column.csv",
        "bad-second-row-invalid.csv", "bad-unknown-plasstype.csv",
        "bad-unterminated-quote.csv", "good-hendelser-multiline-reason.csv",
        "good-hendelser.csv", "good-plasser-bom-crlf.csv",
        "good-plasser-reordered.csv", "good-telefonlogg.csv"}},
      {"filemon",
       {"bad-declined-without-note.json", "bad-deep-nesting.json",
        "bad-duplicate-key.json", "bad-free-over-total.json",
        "bad-no-offset.json", "bad-truncated.json", "bad-unknown-status.json",
        "bad-wrong-type.json", "good-batch-status.json", "good-capacity.json",
        "good-left.json"}},
      {"lauras-skjema",
       {"bad-avslatt-without-merknad.txt", "bad-line-without-colon.txt",
        "bad-missing-skjema.txt", "bad-second-form-invalid.txt",
        "bad-unknown-status.txt", "good-status.txt", "good-two-forms.txt"}},
      {"iom-avrr",
       {"bad-booked-without-departure.xml", "bad-country-code.xml",
        "bad-doctype-entity.xml", "bad-not-well-formed.xml",
        "bad-wrong-namespace.xml", "good-batch.xml", "good-case.xml"}},
      {"advokat",
       {"bad-declined-without-reason.json", "bad-hours-not-quarter.json",
        "bad-hours-over-budget.json", "bad-unknown-application.json",
        "good-accepted-hours.json", "good-report-filed.json"}},
  };
  for (const Format& f : Formats()) {
    std::vector<std::string> all = SampleNames(f.dir, "bad-");
    for (const std::string& g : SampleNames(f.dir, "good-")) all.push_back(g);
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all, known[f.dir]) << f.dir;
  }
}

// Every bad-* sample, in the state the README describes: refused, naming
// the record, nothing applied, nothing changed.
TEST_F(IngestDeskTest, EveryBadSampleIsRejectedAndChangesNothing) {
  for (const Format& f : Formats()) {
    for (const std::string& name : SampleNames(f.dir, "bad-")) {
      ExpectRejected(f.dir, name);
    }
  }
}

// The same, after every good sample applied (the lawyer has accepted
// H-...010, Filemon's referral is under way, and so on).
TEST_F(IngestDeskTest, BadSamplesAfterTheGoodOnesChangeNothing) {
  ExpectApplied("advokat", "good-accepted-hours.json");
  ExpectApplied("filemon", "good-batch-status.json");
  ExpectApplied("ks-csv", "good-plasser-reordered.csv");
  for (const Format& f : Formats()) {
    for (const std::string& name : SampleNames(f.dir, "bad-")) {
      ExpectRejected(f.dir, name);
    }
  }
}

TEST_F(IngestDeskTest, KsCsvGoodSamplesApply) {
  const auto units_before = Units("ks-oslo");
  EXPECT_TRUE(units_before.empty());
  ExpectApplied("ks-csv", "good-plasser-reordered.csv");
  ExpectApplied("ks-csv", "good-plasser-bom-crlf.csv");
  auto units = Units("ks-oslo");
  ASSERT_TRUE(units.count("Mannsavdelingen")) << Availability().DebugString();
  EXPECT_EQ(units["Mannsavdelingen"].capacity(), 5u);
  ASSERT_TRUE(units.count("Akutten"));
  EXPECT_EQ(units["Akutten"].capacity(), 12u);
  ASSERT_TRUE(units.count("Langtid; 2. etasje"));
  EXPECT_EQ(units["Langtid; 2. etasje"].capacity(), 8u);
  ASSERT_TRUE(units.count("Familie"));
  EXPECT_EQ(units["Familie"].capacity(), 4u);

  ExpectApplied("ks-csv", "good-hendelser.csv");
  EXPECT_EQ(Referral("R-2026-000123").state(), v1::REFERRAL_STATE_IN_PROGRESS);
  ExpectApplied("ks-csv", "good-hendelser-multiline-reason.csv");
  EXPECT_EQ(Referral("R-2026-000124").state(), v1::REFERRAL_STATE_REJECTED);
  EXPECT_EQ(Referral("R-2026-000125").state(), v1::REFERRAL_STATE_REQUESTED);

  const size_t inquiries_before = Inquiries().size();
  ExpectApplied("ks-csv", "good-telefonlogg.csv");
  EXPECT_EQ(Inquiries().size(), inquiries_before + 4);
}

TEST_F(IngestDeskTest, FilemonGoodSamplesApply) {
  ExpectApplied("filemon", "good-capacity.json");
  auto units = Units("filemon");
  ASSERT_FALSE(units.empty()) << Availability().DebugString();
  EXPECT_EQ(units.begin()->second.capacity(), 8u);

  ExpectApplied("filemon", "good-batch-status.json");
  EXPECT_EQ(Referral("R-2026-000200").state(), v1::REFERRAL_STATE_IN_PROGRESS);
  // Left needs the referral under way: after the batch.
  ExpectApplied("filemon", "good-left.json");
  EXPECT_EQ(Referral("R-2026-000200").state(), v1::REFERRAL_STATE_COMPLETED);
  EXPECT_EQ(Referral("R-2026-000201").state(), v1::REFERRAL_STATE_REQUESTED);
}

TEST_F(IngestDeskTest, LaurasSkjemaGoodSamplesApply) {
  // The forms carry one status each, and the core moves a referral one
  // step at a time: "innflyttet" needs R-...300 accepted and "avslått"
  // needs R-...301 received, as Lauras hus's earlier forms would have made
  // them (the samples README does not say so).
  clock_.now = Oslo(2026, 11, 21, 9, 0);
  ASSERT_TRUE(Update("lauras-hus", ids_.at("R-2026-000300"),
                     v1::REFERRAL_STATE_RECEIVED).ok());
  ASSERT_TRUE(Update("lauras-hus", ids_.at("R-2026-000300"),
                     v1::REFERRAL_STATE_ACCEPTED).ok());
  ASSERT_TRUE(Update("lauras-hus", ids_.at("R-2026-000301"),
                     v1::REFERRAL_STATE_RECEIVED).ok());
  clock_.now = Oslo(2026, 12, 25, 12, 0);
  ExpectApplied("lauras-skjema", "good-status.txt");
  EXPECT_EQ(Referral("R-2026-000300").state(), v1::REFERRAL_STATE_IN_PROGRESS);
  ExpectApplied("lauras-skjema", "good-two-forms.txt");
  EXPECT_EQ(Referral("R-2026-000301").state(), v1::REFERRAL_STATE_REJECTED);
  auto units = Units("lauras-hus");
  ASSERT_FALSE(units.empty()) << Availability().DebugString();
  EXPECT_EQ(units.begin()->second.capacity(), 10u);
  EXPECT_EQ(units.begin()->second.free(), 0u);
  EXPECT_EQ(Referral("R-2026-000302").state(), v1::REFERRAL_STATE_REQUESTED);
}

TEST_F(IngestDeskTest, IomAvrrGoodSamplesApply) {
  ExpectApplied("iom-avrr", "good-case.xml");
  v1::Referral r = Referral("R-2026-000400");
  EXPECT_EQ(r.assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);
  ExpectApplied("iom-avrr", "good-batch.xml");
  EXPECT_EQ(Referral("R-2026-000401").assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_ASSESSMENT);
}

TEST_F(IngestDeskTest, AdvokatGoodSamplesApply) {
  const std::string h10 = ids_.at("H-2026-000010");
  EXPECT_EQ(Handoff(h10).state(), v1::HANDOFF_STATE_OFFERED);
  ExpectApplied("advokat", "good-accepted-hours.json");
  v1::Handoff h = Handoff(h10);
  EXPECT_EQ(h.state(), v1::HANDOFF_STATE_ACCEPTED);
  EXPECT_EQ(h.used_quarter_hours(), 6u);  // 1.5 h.
  const int ledger = h.ledger_size();
  EXPECT_GE(ledger, 3);
  ExpectApplied("advokat", "good-report-filed.json");
  EXPECT_EQ(Handoff(h10).ledger_size(), ledger + 1);
}

// The three samples only the core can catch: each is well-formed, and the
// plugin turns it into commands that the hub's state or clock refuses.
TEST_F(IngestDeskTest, EventOutOfOrderIsRejectedByTheCore) {
  ASSERT_EQ(Referral("R-2026-000125").state(), v1::REFERRAL_STATE_REQUESTED);
  ExpectRejected("ks-csv", "bad-event-out-of-order.csv");
  EXPECT_EQ(Referral("R-2026-000125").state(), v1::REFERRAL_STATE_REQUESTED);
}

TEST_F(IngestDeskTest, FutureTimestampIsRejectedByTheCore) {
  ExpectRejected("ks-csv", "bad-future-timestamp.csv");
  EXPECT_TRUE(Units("ks-oslo").empty());
}

TEST_F(IngestDeskTest, HoursOverBudgetRejectsTheWholePayload) {
  const std::string h11 = ids_.at("H-2026-000011");
  ExpectRejected("advokat", "bad-hours-over-budget.json");
  // The first two records were valid on their own; none applied.
  v1::Handoff h = Handoff(h11);
  EXPECT_EQ(h.state(), v1::HANDOFF_STATE_OFFERED);
  EXPECT_EQ(h.used_quarter_hours(), 0u);
  EXPECT_EQ(h.granted_quarter_hours(), 12u);
}

// The same payload sent twice applies once.
TEST_F(IngestDeskTest, SamePayloadTwiceAppliesOnce) {
  ExpectApplied("ks-csv", "good-hendelser.csv");
  ExpectApplied("advokat", "good-accepted-hours.json");
  ExpectApplied("ks-csv", "good-telefonlogg.csv");
  const Snapshot once = Take();
  for (auto [dir, name] : std::vector<std::pair<std::string, std::string>>{
           {"ks-csv", "good-hendelser.csv"},
           {"advokat", "good-accepted-hours.json"},
           {"ks-csv", "good-telefonlogg.csv"}}) {
    SCOPED_TRACE(name);
    auto again = IngestSample(dir, name);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_TRUE(again->applied());
    for (const v1::RecordOutcome& o : again->records()) {
      EXPECT_NE(o.result(), v1::RecordOutcome::RESULT_REJECTED) << o.record();
    }
  }
  EXPECT_EQ(Take(), once);
}

}  // namespace
}  // namespace rosa
