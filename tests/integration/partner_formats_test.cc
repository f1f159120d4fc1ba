// End to end over mutual TLS with the real plugins loaded from their shared
// libraries: each seed partner works with the hub in its own format, over
// PartnerGateway or its file-drop folders.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/gateway_service.grpc.pb.h"
#include "rosa/hub/v1/handoff_service.grpc.pb.h"
#include "rosa/hub/v1/inquiry_service.grpc.pb.h"
#include "rosa/hub/v1/placement_service.grpc.pb.h"
#include "rosa/hub/v1/plugin_admin_service.grpc.pb.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;

// Oslo wall-clock time `ago` before now, "dd.mm.yyyy HH:MM". Steps on a
// referral made just now use a negative `ago` (a minute or so ahead, within
// the hub's 5 minutes of allowed clock skew), so that a time truncated to
// the minute is not before the submission.
std::string NorwegianTime(absl::Duration ago) {
  return absl::FormatTime("%d.%m.%Y %H:%M", absl::Now() - ago,
                          OsloTimeZone());
}
std::string Rfc3339(absl::Duration ago) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", absl::Now() - ago,
                          OsloTimeZone());
}

grpc::Status Ingest(const PartnerClient& client, const std::string& type,
                    const std::string& payload, v1::IngestResponse* out) {
  auto stub = v1::PartnerGateway::NewStub(client.channel());
  v1::IngestRequest r;
  r.set_content_type(type);
  r.set_payload(payload);
  grpc::Status s = stub->Ingest(ContextWithDeadline().get(), r, out);
  if (!s.ok()) std::cerr << "Ingest: " << s.error_message() << "\n";
  return s;
}

// Reads the partner's encoded stream until `want` matches one payload.
v1::EncodedEvent AwaitEncoded(
    const PartnerClient& client,
    const std::function<bool(const v1::EncodedEvent&)>& want) {
  auto stub = v1::PartnerGateway::NewStub(client.channel());
  auto context = ContextWithDeadline(absl::Seconds(20));
  v1::SubscribeRequest r;
  auto reader = stub->Subscribe(context.get(), r);
  v1::EncodedEvent e;
  while (reader->Read(&e)) {
    if (want(e)) {
      context->TryCancel();
      return e;
    }
  }
  ADD_FAILURE() << "no matching encoded event";
  return {};
}

v1::Referral GetReferral(PartnerClient& client, const std::string& id) {
  v1::Referral r;
  EXPECT_THAT(client.Get(id, &r), IsOk());
  return r;
}

// Waits until `path` exists (the file drop polls twice a second).
bool AwaitFile(const fs::path& path) {
  const absl::Time until = absl::Now() + absl::Seconds(20);
  while (absl::Now() < until) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void WriteInbox(const fs::path& inbox, const std::string& name,
                const std::string& content) {
  // Written under a temporary name, then renamed, as partners must.
  const fs::path tmp = inbox / ("." + name);
  std::ofstream(tmp, std::ios::binary) << content;
  fs::rename(tmp, inbox / name);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class PartnerFormatsTest : public HubTest {
 protected:
  fs::path Exchange(const std::string& partner) const {
    return hub().data_dir() / "exchange" / partner;
  }
};

TEST_F(PartnerFormatsTest, RosaRefersAManToFilemonAndFilemonsJsonComesBack) {
  PartnerClient rosa = Client("rosa");
  PartnerClient filemon = Client("filemon");
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("filemon"), &submitted), IsOk());
  const std::string id = submitted.referral().id();

  v1::EncodedEvent request = AwaitEncoded(filemon, [&](const auto& e) {
    return absl::StrContains(e.payload(), id);
  });
  EXPECT_EQ(request.content_type(), "application/vnd.filemon.v1+json");
  EXPECT_THAT(request.payload(), HasSubstr("\"placement_request\""));
  EXPECT_THAT(request.payload(), HasSubstr("\"male\""));
  EXPECT_THAT(request.payload(), ::testing::Not(HasSubstr("Needs a place")));

  const std::string statuses = absl::StrCat(
      "[{\"schema\":\"filemon/1\",\"kind\":\"intake_status\",\"referral\":\"",
      id, "\",\"status\":\"received\",\"at\":\"", Rfc3339(-absl::Minutes(1)),
      "\"},{\"schema\":\"filemon/1\",\"kind\":\"intake_status\",\"referral\":\"",
      id, "\",\"status\":\"accepted\",\"at\":\"", Rfc3339(-absl::Minutes(2)),
      "\",\"note\":\"Seng klar.\"}]");
  v1::IngestResponse applied;
  ASSERT_THAT(Ingest(filemon, "application/vnd.filemon.v1+json", statuses,
                     &applied),
              IsOk());
  EXPECT_TRUE(applied.applied());
  EXPECT_EQ(applied.records_size(), 2);
  EXPECT_EQ(GetReferral(rosa, id).state(), v1::REFERRAL_STATE_ACCEPTED);

  // The same payload again applies nothing new.
  ASSERT_THAT(Ingest(filemon, "application/vnd.filemon.v1+json", statuses,
                     &applied),
              IsOk());
  EXPECT_EQ(GetReferral(rosa, id).version(), 3u);

  // A bad payload: rejected with record and field, nothing applied.
  const std::string bad = absl::StrCat(
      "[{\"schema\":\"filemon/1\",\"kind\":\"intake_status\",\"referral\":\"",
      id, "\",\"status\":\"arrived\",\"at\":\"", Rfc3339(-absl::Minutes(3)),
      "\"},{\"schema\":\"filemon/1\",\"kind\":\"intake_status\",\"referral\":\"",
      id, "\",\"status\":\"teleported\",\"at\":\"", Rfc3339(-absl::Minutes(3)),
      "\"}]");
  grpc::Status refused =
      Ingest(filemon, "application/vnd.filemon.v1+json", bad, &applied);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("item 2"));
  EXPECT_THAT(refused.error_message(), HasSubstr("status"));
  EXPECT_THAT(refused.error_message(), ::testing::Not(HasSubstr("teleported")));
  v1::IngestResponse details;
  ASSERT_TRUE(details.ParseFromString(refused.error_details()));
  EXPECT_FALSE(details.applied());
  EXPECT_EQ(GetReferral(rosa, id).state(), v1::REFERRAL_STATE_ACCEPTED);
}

// A refusal with hundreds of errors still reaches the partner, naming
// record, field and reason: gRPC carries the details in trailers, which a
// client refuses over 8 KiB (before, this answer was RESOURCE_EXHAUSTED).
TEST_F(PartnerFormatsTest, ARefusalWithManyErrorsStillReachesThePartner) {
  std::string csv = "referanse;hendelse;tidspunkt;arsak;netter\n";
  for (int i = 0; i < 300; ++i) {
    absl::StrAppend(&csv, "R-2026-000001;teleportert;28.11.2026 09:12;;\n");
  }
  v1::IngestResponse out;
  grpc::Status s =
      Ingest(Client("ks-oslo"), "text/csv; profile=ks-hendelser-1", csv, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("line 2: hendelse"));
  EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr("teleportert")));
  EXPECT_LE(s.error_details().size(), 4096u);
  v1::IngestResponse details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  EXPECT_FALSE(details.applied());
  ASSERT_GT(details.records_size(), 10);
  EXPECT_EQ(details.records(0).record(), "line 2");
  EXPECT_EQ(details.records(0).field(), "hendelse");
  EXPECT_THAT(details.records(details.records_size() - 1).reason(),
              HasSubstr("not listed"));
}

TEST_F(PartnerFormatsTest, AnotherPartnersReferralIsNotFoundThroughThePlugin) {
  PartnerClient rosa = Client("rosa");
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("lauras-hus"), &submitted),
              IsOk());
  const std::string payload = absl::StrCat(
      "{\"schema\":\"filemon/1\",\"kind\":\"intake_status\",\"referral\":\"",
      submitted.referral().id(), "\",\"status\":\"received\",\"at\":\"",
      Rfc3339(absl::Minutes(1)), "\"}");
  v1::IngestResponse out;
  grpc::Status s = Ingest(Client("filemon"), "application/vnd.filemon.v1+json",
                          payload, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetReferral(rosa, submitted.referral().id()).state(),
            v1::REFERRAL_STATE_REQUESTED);
}

TEST_F(PartnerFormatsTest, LaurasHusFormsFlowBothWays) {
  PartnerClient rosa = Client("rosa");
  PartnerClient lauras = Client("lauras-hus");
  v1::SubmitReferralRequest request = NewReferralRequest("lauras-hus");
  request.mutable_facts()->set_accompanying_children(1);
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(rosa.Submit(request, &submitted), IsOk());
  const std::string id = submitted.referral().id();

  v1::EncodedEvent form = AwaitEncoded(lauras, [&](const auto& e) {
    return absl::StrContains(e.payload(), id);
  });
  EXPECT_EQ(form.content_type(), "text/plain; profile=lauras-skjema-1");
  EXPECT_THAT(form.payload(), HasSubstr("Skjema: ROSA plassforespørsel 1"));
  EXPECT_THAT(form.payload(), HasSubstr("Barn: 1"));

  const std::string forms = absl::StrCat(
      "Skjema: Lauras hus statusmelding 1\nReferanse: ", id,
      "\nStatus: mottatt\nTidspunkt: ", NorwegianTime(-absl::Minutes(1)),
      "\n---\nSkjema: Lauras hus statusmelding 1\nReferanse: ", id,
      "\nStatus: akseptert\nTidspunkt: ", NorwegianTime(-absl::Minutes(2)),
      "\n---\nSkjema: Lauras hus statusmelding 1\nReferanse: ", id,
      "\nStatus: innflyttet\nTidspunkt: ", NorwegianTime(-absl::Minutes(3)),
      "\nBarn: 1\n");
  v1::IngestResponse out;
  ASSERT_THAT(Ingest(lauras, "text/plain; profile=lauras-skjema-1", forms,
                     &out),
              IsOk());
  EXPECT_EQ(GetReferral(rosa, id).state(), v1::REFERRAL_STATE_IN_PROGRESS);
}

TEST_F(PartnerFormatsTest, CrisisCentrePlasserFileShowsInRosasAvailability) {
  PartnerClient rosa = Client("rosa");
  const fs::path inbox = Exchange("ks-oslo") / "inbox";
  ASSERT_TRUE(fs::is_directory(inbox));
  WriteInbox(inbox, "2026-plasser.csv",
             absl::StrCat("\xEF\xBB\xBFsenter;enhet;plasstype;kapasitet;"
                          "ledige;kjonn;barn;rullestol;oppdatert\r\n"
                          "ks-oslo;Akutten;akutt;12;3;kvinner;ja;ja;",
                          NorwegianTime(absl::Minutes(15)), "\r\n"));
  ASSERT_TRUE(AwaitFile(Exchange("ks-oslo") / "processed" / "2026-plasser.csv"));

  auto placement = v1::PlacementService::NewStub(rosa.channel());
  v1::FindPlacesRequest find;
  find.mutable_need()->set_gender(v1::GENDER_WOMAN);
  find.mutable_need()->set_acute(true);
  v1::FindPlacesResponse places;
  ASSERT_THAT(placement->FindPlaces(ContextWithDeadline().get(), find, &places),
              IsOk());
  ASSERT_GE(places.matches_size(), 1);
  EXPECT_EQ(places.matches(0).facility().facility().id(), "ks-oslo");
  EXPECT_EQ(places.matches(0).free(), 3u);
  // Oslo krisesenter's address is secret.
  EXPECT_EQ(places.matches(0).facility().facility().address(), "");

  // A bad file lands in rejected/ with its reasons, and changes nothing.
  WriteInbox(inbox, "feil-plasser.csv",
             absl::StrCat("senter;enhet;plasstype;kapasitet;ledige;kjonn;"
                          "oppdatert\nks-oslo;Akutten;akutt;4;1;kvinner;",
                          NorwegianTime(absl::Minutes(1)),
                          "\nks-oslo;Langtid;langtid;-2;0;kvinner;",
                          NorwegianTime(absl::Minutes(1)), "\n"));
  const fs::path rejected = Exchange("ks-oslo") / "rejected";
  ASSERT_TRUE(AwaitFile(rejected / "feil-plasser.csv"));
  const std::string reasons = ReadFile(rejected / "feil-plasser.csv.error.txt");
  EXPECT_THAT(reasons, HasSubstr("line 3"));
  EXPECT_THAT(reasons, HasSubstr("kapasitet"));
  ASSERT_THAT(placement->FindPlaces(ContextWithDeadline().get(), find, &places),
              IsOk());
  ASSERT_GE(places.matches_size(), 1);
  EXPECT_EQ(places.matches(0).free(), 3u);
}

TEST_F(PartnerFormatsTest, NightShiftTelefonloggBecomesInquiryRecords) {
  PartnerClient rosa = Client("rosa");
  WriteInbox(Exchange("ks-oslo") / "inbox", "natt-telefonlogg.csv",
             absl::StrCat(
                 "tidspunkt;hvem_ringer;gjelder;antall_personer;kjonn;"
                 "nasjonalitet;utnyttelse;mindrearige_barn;utfall\n",
                 NorwegianTime(absl::Hours(3)),
                 ";politi;mulig_offer;1;kvinne;RO;prostitusjon;0;takket_ja\n",
                 NorwegianTime(absl::Hours(2)), ";privatperson;informasjon;;;;;;\n"));
  ASSERT_TRUE(AwaitFile(Exchange("ks-oslo") / "processed" /
                        "natt-telefonlogg.csv"));
  auto inquiries = v1::InquiryService::NewStub(rosa.channel());
  v1::ListInquiriesResponse list;
  ASSERT_THAT(inquiries->ListInquiries(ContextWithDeadline().get(),
                                       v1::ListInquiriesRequest(), &list),
              IsOk());
  ASSERT_EQ(list.inquiries_size(), 2);
  EXPECT_EQ(list.inquiries(0).caller(), v1::CALLER_TYPE_POLICE);
  EXPECT_EQ(list.inquiries(0).victims().gender(), v1::GENDER_WOMAN);
  EXPECT_EQ(list.inquiries(0).recorded_by(), "ks-oslo");
  EXPECT_EQ(list.inquiries(1).topic(), v1::INQUIRY_TOPIC_INFORMATION);
}

TEST_F(PartnerFormatsTest, RosaRefersToIomAndIomsXmlStatusesComeBack) {
  PartnerClient rosa = Client("rosa");
  PartnerClient iom = Client("iom");
  std::string person_id;
  ASSERT_THAT(rosa.RegisterPersonWithConsent(
                  "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN, &person_id),
              IsOk());
  v1::SubmitReferralRequest request =
      NewReferralRequest("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN);
  request.set_person_ref(person_id);
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(rosa.Submit(request, &submitted), IsOk());
  const std::string id = submitted.referral().id();

  // IOM's referral carries the identity its consent covers.
  v1::EncodedEvent xml = AwaitEncoded(iom, [&](const auto& e) {
    return absl::StrContains(e.payload(), id);
  });
  EXPECT_EQ(xml.content_type(), "application/xml; profile=iom-avrr-1");
  EXPECT_THAT(xml.payload(), HasSubstr("AvrrReferral"));
  EXPECT_THAT(xml.payload(), HasSubstr("Ioana"));

  // IOM accepts (natively), then reports in XML.
  ASSERT_THAT(iom.Move(id, v1::REFERRAL_STATE_RECEIVED), IsOk());
  ASSERT_THAT(iom.Move(id, v1::REFERRAL_STATE_ACCEPTED), IsOk());
  const std::string avrr = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<AvrrCase xmlns=\"urn:iom:no:avrr:1\" version=\"1\">"
      "<CaseRef>IOM-NO-2026-0042</CaseRef><HubReferral>",
      id,
      "</HubReferral><Programme>VulnerableGroups</Programme>"
      "<Status>TRAVEL_BOOKED</Status><StatusDate>",
      absl::FormatTime("%Y-%m-%d", absl::Now(), OsloTimeZone()),
      "</StatusDate><Destination country=\"RO\"/>"
      "<DepartureDate>2030-01-10</DepartureDate></AvrrCase>");
  v1::IngestResponse out;
  ASSERT_THAT(Ingest(iom, "application/xml; profile=iom-avrr-1", avrr, &out),
              IsOk());
  v1::Referral r = GetReferral(rosa, id);
  EXPECT_EQ(r.assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);
  EXPECT_EQ(r.assisted_return().departure_date(), "2030-01-10");

  // XML with a DOCTYPE is refused outright.
  grpc::Status refused = Ingest(
      iom, "application/xml; profile=iom-avrr-1",
      "<?xml version=\"1.0\"?><!DOCTYPE AvrrCase [<!ENTITY x SYSTEM "
      "\"file:///etc/passwd\">]><AvrrCase xmlns=\"urn:iom:no:avrr:1\" "
      "version=\"1\"><CaseRef>&x;</CaseRef></AvrrCase>",
      &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), ::testing::Not(HasSubstr("root:")));
}

TEST_F(PartnerFormatsTest, RosaHandsOffToALawyerAndTheLawyersJsonComesBack) {
  PartnerClient rosa = Client("rosa");
  PartnerClient lund = Client("advokat-lund");
  std::string person_id;
  ASSERT_THAT(rosa.RegisterPersonWithConsent(
                  "advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING,
                  &person_id),
              IsOk());
  auto handoffs = v1::HandoffService::NewStub(rosa.channel());
  v1::CreateHandoffRequest create;
  create.set_idempotency_key(NewIdempotencyKey("handoff"));
  create.set_lawyer("advokat-lund");
  create.set_person_id(person_id);
  create.set_case_summary("Needs advice on <residence> & reporting.");
  create.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  create.add_purposes(v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS);
  v1::Handoff handoff;
  ASSERT_THAT(handoffs->CreateHandoff(ContextWithDeadline().get(), create,
                                      &handoff),
              IsOk());

  v1::EncodedEvent package = AwaitEncoded(lund, [&](const auto& e) {
    return e.content_type() == "application/vnd.rosa.handoff.v1+json";
  });
  EXPECT_THAT(package.payload(), HasSubstr(handoff.id()));
  EXPECT_THAT(package.payload(), HasSubstr("Ioana"));
  v1::EncodedEvent page = AwaitEncoded(
      lund, [&](const auto& e) { return e.content_type() == "text/html"; });
  EXPECT_THAT(page.payload(), HasSubstr("&lt;residence&gt; &amp; reporting"));
  EXPECT_THAT(page.payload(), ::testing::Not(HasSubstr("<residence>")));

  const std::string events = absl::StrCat(
      "[{\"schema\":\"advokat/1\",\"handoff\":\"", handoff.id(),
      "\",\"event\":\"accepted\",\"at\":\"", Rfc3339(-absl::Minutes(1)),
      "\"},{\"schema\":\"advokat/1\",\"handoff\":\"", handoff.id(),
      "\",\"event\":\"hours_used\",\"hours\":1.5,\"at\":\"",
      Rfc3339(-absl::Minutes(2)), "\"}]");
  v1::IngestResponse out;
  ASSERT_THAT(Ingest(lund, "application/vnd.advokat.v1+json", events, &out),
              IsOk());
  v1::GetHandoffRequest get;
  get.set_handoff_id(handoff.id());
  ASSERT_THAT(handoffs->GetHandoff(ContextWithDeadline().get(), get, &handoff),
              IsOk());
  EXPECT_EQ(handoff.state(), v1::HANDOFF_STATE_ACCEPTED);
  EXPECT_EQ(handoff.used_quarter_hours(), 6u);

  // Over budget: the core refuses, naming the record; nothing applied.
  const std::string over = absl::StrCat(
      "{\"schema\":\"advokat/1\",\"handoff\":\"", handoff.id(),
      "\",\"event\":\"hours_used\",\"hours\":2.0,\"at\":\"",
      Rfc3339(-absl::Minutes(3)), "\"}");
  grpc::Status refused =
      Ingest(lund, "application/vnd.advokat.v1+json", over, &out);
  EXPECT_NE(refused.error_code(), grpc::StatusCode::OK);
  EXPECT_THAT(refused.error_message(), HasSubstr("item 1"));
}

TEST_F(PartnerFormatsTest, RosaListsPluginsAndOthersMayNot) {
  // A payload of Filemon's (refused, but decoded by a worker of its own).
  v1::IngestResponse out;
  (void)Ingest(Client("filemon"), "application/vnd.filemon.v1+json", "[",
               &out);
  auto admin = v1::PluginAdmin::NewStub(Client("rosa").channel());
  v1::ListPluginsResponse list;
  ASSERT_THAT(admin->ListPlugins(ContextWithDeadline().get(),
                                 v1::ListPluginsRequest(), &list),
              IsOk());
  std::vector<std::string> names;
  for (const auto& p : list.plugins()) {
    names.push_back(p.name());
    EXPECT_EQ(p.file_sha256().size(), 64u);
    // Each worker says which partner it serves.
    if (p.name() == "filemon") {
      ASSERT_FALSE(p.workers().empty());
      EXPECT_EQ(p.workers(0).partner_id(), "filemon");
    }
  }
  EXPECT_THAT(names, ::testing::IsSupersetOf({"advokat", "filemon", "iom-avrr",
                                              "ks-csv", "lauras-skjema",
                                              "rosa-native"}));
  v1::ReloadPluginRequest reload;
  reload.set_name("filemon");
  v1::LoadedPlugin loaded;
  ASSERT_THAT(admin->ReloadPlugin(ContextWithDeadline().get(), reload, &loaded),
              IsOk());
  EXPECT_EQ(loaded.generation(), 2u);

  auto other = v1::PluginAdmin::NewStub(Client("filemon").channel());
  EXPECT_EQ(other->ListPlugins(ContextWithDeadline().get(),
                               v1::ListPluginsRequest(), &list)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// A reload name that is no plugin name (a path, a newline that would forge
// a log line) is refused and repeated neither in the answer nor the log.
TEST_F(PartnerFormatsTest, AReloadOfNoPluginNameIsNeitherEchoedNorLogged) {
  auto admin = v1::PluginAdmin::NewStub(Client("rosa").channel());
  const std::string forged =
      "x\nplugins: filemon reloaded by rosa: version 9.9.9";
  for (const std::string& name :
       {forged, std::string("../filemon"), std::string("/tmp/libx.so")}) {
    v1::ReloadPluginRequest reload;
    reload.set_name(name);
    v1::LoadedPlugin loaded;
    const grpc::Status s =
        admin->ReloadPlugin(ContextWithDeadline().get(), reload, &loaded);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(s.error_message(), Not(HasSubstr(name)));
  }
  EXPECT_THAT(hub().ReadLog(),
              Not(HasSubstr("\nplugins: filemon reloaded by rosa: version")));
}

TEST_F(PartnerFormatsTest, AnOversizedPayloadIsRefusedBeforeParsing) {
  v1::IngestResponse out;
  grpc::Status s = Ingest(Client("filemon"), "application/vnd.filemon.v1+json",
                          std::string(1024 * 1024 + 1, '['), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("more than the limit"));
}

}  // namespace
}  // namespace rosa::integration
