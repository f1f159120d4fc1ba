// The manifest and the outbound henvisninger list.
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ks_csv/csv_reader.h"
#include "plugins/ks_csv/csv_writer.h"
#include "plugins/ks_csv/henvisninger.h"
#include "plugins/ks_csv/ks_csv.h"

namespace rosa::plugin::ks_csv {
namespace {

namespace hub = rosa::hub::v1;
namespace v1 = rosa::plugin::v1;

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::SizeIs;

google::protobuf::Timestamp UtcTime(int y, int m, int d, int hh, int mm) {
  return ToProtoTime(
      absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone()));
}

hub::Event AcceptedEvent() {
  hub::Event event;
  event.set_cursor(7);
  *event.mutable_recorded_at() = UtcTime(2026, 11, 28, 8, 41);
  hub::ReferralEvent& body = *event.mutable_referral();
  body.set_kind(hub::ReferralEvent::KIND_STATUS_CHANGED);
  hub::Referral& referral = *body.mutable_referral();
  referral.set_id("R-2026-000123");
  referral.set_type(hub::REFERRAL_TYPE_PLACEMENT);
  referral.set_state(hub::REFERRAL_STATE_ACCEPTED);
  referral.set_sender("rosa");
  referral.set_recipient("ks-oslo-partner");
  referral.set_person_ref("P-7KQ2M9XA");
  hub::PersonFacts& facts = *referral.mutable_facts();
  facts.set_gender(hub::GENDER_WOMAN);
  facts.set_age(34);
  facts.set_nationality("RO");
  facts.set_exploitation_form(hub::EXPLOITATION_FORM_SEXUAL);
  facts.set_accompanying_children(1);
  facts.add_languages("ro");
  facts.add_languages("en");
  facts.add_needs(hub::NEED_MEDICAL);
  facts.add_needs(hub::NEED_INTERPRETER);
  facts.set_acute(true);
  referral.set_note("=HYPERLINK(\"http://x\";\"y\")\nlinje 2");
  hub::Transition& t = *body.mutable_transition();
  t.set_from(hub::REFERRAL_STATE_RECEIVED);
  t.set_to(hub::REFERRAL_STATE_ACCEPTED);
  t.set_actor("ks-oslo-partner");
  *t.mutable_occurred_at() = UtcTime(2026, 11, 28, 8, 40);
  return event;
}

v1::EncodeResponse Encode(const hub::Event& event) {
  v1::EncodeRequest request;
  *request.mutable_event() = event;
  request.mutable_recipient()->set_partner_id("ks-oslo-partner");
  request.mutable_recipient()->set_kind(hub::PARTNER_KIND_SHELTER);
  request.mutable_contact()->set_organisation("ROSA");
  request.mutable_contact()->set_phone("+47 22 33 11 60");
  return KsCsvPlugin().Encode(request);
}

// The data row of a rendered list, read back with the reader.
std::vector<std::string> ReadRow(const v1::EncodeResponse& response) {
  EXPECT_THAT(response.payloads(), SizeIs(1));
  if (response.payloads_size() != 1) return {};
  const CsvResult csv = ReadCsv(response.payloads(0).payload());
  EXPECT_THAT(csv.errors, IsEmpty());
  EXPECT_THAT(csv.records, SizeIs(2));
  if (csv.records.size() != 2) return {};
  EXPECT_THAT(csv.records[0].fields, ElementsAreArray(kHenvisningerColumns));
  return csv.records[1].fields;
}

TEST(KsCsvManifestTest, NamesTheFormat) {
  const v1::PluginManifest m = KsCsvPlugin().Manifest();
  EXPECT_EQ(m.name(), "ks-csv");
  EXPECT_EQ(m.version(), "1.0.0");
  EXPECT_THAT(m.decodes(), ElementsAre("text/csv; profile=ks-plasser-1",
                                       "text/csv; profile=ks-hendelser-1",
                                       "text/csv; profile=ks-telefonlogg-1"));
  EXPECT_THAT(m.encodes(), ElementsAre("text/csv; profile=ks-henvisninger-1"));
  EXPECT_THAT(m.serves(), ElementsAre(hub::PARTNER_KIND_SHELTER));
}

TEST(KsCsvEncodeTest, GoldenAcceptedReferral) {
  const v1::EncodeResponse r = Encode(AcceptedEvent());
  EXPECT_FALSE(r.has_error());
  ASSERT_THAT(r.payloads(), SizeIs(1));
  EXPECT_EQ(r.payloads(0).content_type(),
            "text/csv; profile=ks-henvisninger-1");
  EXPECT_EQ(r.payloads(0).name(), "R-2026-000123-akseptert");
  EXPECT_EQ(r.payloads(0).payload(),
            "\xEF\xBB\xBF"
            "referanse;hendelse;tidspunkt;type;status;kjonn;alder;"
            "nasjonalitet;barn;sprak;behov;akutt;merknad\r\n"
            "R-2026-000123;akseptert;28.11.2026 09:40;plass;akseptert;kvinne;"
            "34;RO;1;ro,en;medisinsk,tolk;ja;"
            "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\nlinje 2\"\r\n");
}

TEST(KsCsvEncodeTest, RoundTripGivesTheValuesBack) {
  const std::vector<std::string> row = ReadRow(Encode(AcceptedEvent()));
  EXPECT_THAT(row, ElementsAre("R-2026-000123", "akseptert", "28.11.2026 09:40",
                               "plass", "akseptert", "kvinne", "34", "RO", "1",
                               "ro,en", "medisinsk,tolk", "ja",
                               NeutraliseFormula(
                                   "=HYPERLINK(\"http://x\";\"y\")\nlinje 2")));
}

// The list reads back through the inbound hendelser profile as the same
// step: the words mirror each other.
TEST(KsCsvEncodeTest, RoundTripThroughTheHendelserProfile) {
  const v1::EncodeResponse encoded = Encode(AcceptedEvent());
  ASSERT_THAT(encoded.payloads(), SizeIs(1));
  v1::DecodeRequest request;
  request.set_content_type("text/csv; profile=ks-hendelser-1");
  request.set_payload(encoded.payloads(0).payload());
  const v1::DecodeResponse decoded = KsCsvPlugin().Decode(request);
  ASSERT_THAT(decoded.errors(), IsEmpty());
  ASSERT_THAT(decoded.commands(), SizeIs(1));
  const auto& u = decoded.commands(0).update_referral_status();
  EXPECT_EQ(u.referral_id(), "R-2026-000123");
  EXPECT_EQ(u.target(), hub::REFERRAL_STATE_ACCEPTED);
  EXPECT_EQ(u.occurred_at().seconds(), UtcTime(2026, 11, 28, 8, 40).seconds());
}

TEST(KsCsvEncodeTest, EveryCellIsNeutralised) {
  const char* hostile[] = {"=1+1", "+1",   "-1",       "@SUM(1)",
                           "\t=1", "\r=1", "-\"x\";y", "\r\n"};
  for (const char* value : hostile) {
    hub::Event event = AcceptedEvent();
    hub::Referral& referral = *event.mutable_referral()->mutable_referral();
    referral.set_note(value);
    referral.mutable_facts()->set_nationality(value);
    referral.mutable_facts()->clear_languages();
    referral.mutable_facts()->add_languages(value);
    const std::vector<std::string> row = ReadRow(Encode(event));
    ASSERT_THAT(row, SizeIs(13));
    EXPECT_EQ(row[7], NeutraliseFormula(value));
    EXPECT_EQ(row[9], NeutraliseFormula(value));
    EXPECT_EQ(row[12], NeutraliseFormula(value));
    for (const std::string& cell : row) {
      if (cell.empty()) continue;
      EXPECT_EQ(std::string("=+-@\t\r").find(cell.front()), std::string::npos)
          << value;
    }
  }
}

TEST(KsCsvEncodeTest, EveryStateAndType) {
  const std::pair<hub::ReferralState, const char*> states[] = {
      {hub::REFERRAL_STATE_RECEIVED, "mottatt"},
      {hub::REFERRAL_STATE_ACCEPTED, "akseptert"},
      {hub::REFERRAL_STATE_REJECTED, "avslatt"},
      {hub::REFERRAL_STATE_IN_PROGRESS, "ankommet"},
      {hub::REFERRAL_STATE_COMPLETED, "utflyttet"},
      {hub::REFERRAL_STATE_CANCELLED, "avbrutt"}};
  for (const auto& [state, word] : states) {
    hub::Event event = AcceptedEvent();
    event.mutable_referral()->mutable_transition()->set_to(state);
    event.mutable_referral()->mutable_referral()->set_state(state);
    const v1::EncodeResponse r = Encode(event);
    const std::vector<std::string> row = ReadRow(r);
    ASSERT_THAT(row, SizeIs(13));
    EXPECT_EQ(row[1], word);
    EXPECT_EQ(row[4], word);
    EXPECT_EQ(r.payloads(0).name(), std::string("R-2026-000123-") + word);
  }
  const std::pair<hub::ReferralType, const char*> types[] = {
      {hub::REFERRAL_TYPE_PLACEMENT, "plass"},
      {hub::REFERRAL_TYPE_LEGAL_COUNSEL, "advokat"},
      {hub::REFERRAL_TYPE_ASSISTED_RETURN, "retur"},
      {hub::REFERRAL_TYPE_ASSISTANCE, "bistand"},
      {hub::REFERRAL_TYPE_UNSPECIFIED, ""}};
  for (const auto& [type, word] : types) {
    hub::Event event = AcceptedEvent();
    event.mutable_referral()->mutable_referral()->set_type(type);
    const std::vector<std::string> row = ReadRow(Encode(event));
    ASSERT_THAT(row, SizeIs(13));
    EXPECT_EQ(row[3], word);
  }
}

TEST(KsCsvEncodeTest, EveryGenderAndNeed) {
  const std::pair<hub::Gender, const char*> genders[] = {
      {hub::GENDER_WOMAN, "kvinne"},
      {hub::GENDER_MAN, "mann"},
      {hub::GENDER_TRANS, "transperson"},
      {hub::GENDER_UNKNOWN, "ukjent"},
      {hub::GENDER_UNSPECIFIED, ""}};
  for (const auto& [gender, word] : genders) {
    hub::Event event = AcceptedEvent();
    event.mutable_referral()->mutable_referral()->mutable_facts()->set_gender(
        gender);
    EXPECT_EQ(ReadRow(Encode(event))[5], word);
  }
  hub::Event event = AcceptedEvent();
  hub::PersonFacts& facts =
      *event.mutable_referral()->mutable_referral()->mutable_facts();
  facts.clear_needs();
  for (int n = hub::NEED_MEDICAL; n <= hub::NEED_PREGNANCY_CARE; ++n) {
    facts.add_needs(static_cast<hub::Need>(n));
  }
  EXPECT_EQ(ReadRow(Encode(event))[10],
            "medisinsk,psykisk_helse,tolk,rullestol,hoy_sikkerhet,rus,"
            "graviditet");
}

TEST(KsCsvEncodeTest, SubmittedReferral) {
  hub::Event event = AcceptedEvent();
  hub::ReferralEvent& body = *event.mutable_referral();
  body.set_kind(hub::ReferralEvent::KIND_SUBMITTED);
  body.mutable_referral()->set_state(hub::REFERRAL_STATE_REQUESTED);
  body.mutable_transition()->set_from(hub::REFERRAL_STATE_UNSPECIFIED);
  body.mutable_transition()->set_to(hub::REFERRAL_STATE_REQUESTED);
  const v1::EncodeResponse r = Encode(event);
  const std::vector<std::string> row = ReadRow(r);
  ASSERT_THAT(row, SizeIs(13));
  EXPECT_EQ(row[1], "sendt");
  EXPECT_EQ(row[4], "sendt");
  EXPECT_EQ(r.payloads(0).name(), "R-2026-000123-sendt");
}

// What the minimised event does not carry stays empty; nothing is made up.
TEST(KsCsvEncodeTest, MissingValuesLeaveCellsEmpty) {
  hub::Event event;
  event.set_cursor(3);
  hub::ReferralEvent& body = *event.mutable_referral();
  body.set_kind(hub::ReferralEvent::KIND_STATUS_CHANGED);
  body.mutable_referral()->set_id("R-2026-000124");
  body.mutable_transition()->set_to(hub::REFERRAL_STATE_RECEIVED);
  const std::vector<std::string> row = ReadRow(Encode(event));
  EXPECT_THAT(row, ElementsAre("R-2026-000124", "mottatt", "", "", "", "", "",
                               "", "", "", "", "", ""));
}

TEST(KsCsvEncodeTest, SummerTimeIsRenderedInOsloTime) {
  hub::Event event = AcceptedEvent();
  *event.mutable_referral()->mutable_transition()->mutable_occurred_at() =
      UtcTime(2026, 7, 1, 10, 0);
  EXPECT_EQ(ReadRow(Encode(event))[2], "01.07.2026 12:00");
}

TEST(KsCsvEncodeTest, OtherEventsGiveNoPayloads) {
  std::vector<hub::Event> events(5);
  events[0].mutable_consent_withdrawn()->set_person_id("x");
  events[1].mutable_handoff();
  events[2].mutable_availability();
  // events[3] has no body at all.
  events[4] = AcceptedEvent();
  events[4].mutable_referral()->set_kind(
      hub::ReferralEvent::KIND_ASSISTED_RETURN_UPDATED);
  for (const hub::Event& event : events) {
    const v1::EncodeResponse r = Encode(event);
    EXPECT_THAT(r.payloads(), IsEmpty());
    EXPECT_FALSE(r.has_error());
  }
}

TEST(KsCsvEncodeTest, UnrenderableEventsAreErrorsWithoutValues) {
  hub::Event bad_id = AcceptedEvent();
  bad_id.mutable_referral()->mutable_referral()->set_id("MARKER/../x");
  hub::Event no_id = AcceptedEvent();
  no_id.mutable_referral()->mutable_referral()->clear_id();
  hub::Event no_kind = AcceptedEvent();
  no_kind.mutable_referral()->set_kind(hub::ReferralEvent::KIND_UNSPECIFIED);
  hub::Event back_to_requested = AcceptedEvent();
  back_to_requested.mutable_referral()->mutable_transition()->set_to(
      hub::REFERRAL_STATE_REQUESTED);
  hub::Event no_step = AcceptedEvent();
  no_step.mutable_referral()->clear_transition();
  for (const hub::Event& event :
       {bad_id, no_id, no_kind, back_to_requested, no_step}) {
    const v1::EncodeResponse r = Encode(event);
    EXPECT_THAT(r.payloads(), IsEmpty());
    ASSERT_TRUE(r.has_error());
    EXPECT_EQ(r.error().record(), "event 7");
    EXPECT_FALSE(r.error().field().empty());
    EXPECT_EQ(r.error().reason().find("MARKER"), std::string::npos);
    EXPECT_EQ(r.error().field().find("MARKER"), std::string::npos);
  }
}

}  // namespace
}  // namespace rosa::plugin::ks_csv
