// Decoding the ks-csv profiles through the plugin class: the shared samples,
// then every rule of the format, then the edges.
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ks_csv/ks_csv.h"

namespace rosa::plugin::ks_csv {
namespace {

namespace hub = rosa::hub::v1;
namespace v1 = rosa::plugin::v1;

using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kPlasser[] = "text/csv; profile=ks-plasser-1";
constexpr char kHendelser[] = "text/csv; profile=ks-hendelser-1";
constexpr char kTelefonlogg[] = "text/csv; profile=ks-telefonlogg-1";

std::string Sample(const std::string& name) {
  std::ifstream in(std::string(ROSA_SAMPLES_DIR) + "/ks-csv/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

v1::DecodeResponse Decode(const std::string& content_type,
                          const std::string& payload) {
  v1::DecodeRequest request;
  request.set_content_type(content_type);
  request.set_payload(payload);
  request.mutable_sender()->set_partner_id("ks-oslo-partner");
  request.mutable_sender()->set_kind(hub::PARTNER_KIND_SHELTER);
  return KsCsvPlugin().Decode(request);
}

// Seconds since the epoch of a UTC wall-clock time.
int64_t Utc(int y, int m, int d, int hh, int mm) {
  return absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone()));
}

std::string Describe(const v1::DecodeResponse& r) {
  std::string out;
  for (const auto& e : r.errors()) {
    absl::StrAppend(&out, "[", e.record(), " | ", e.field(), " | ", e.reason(),
                    "] ");
  }
  return out;
}

// Expects exactly one error and checks where it points.
void ExpectOneError(const v1::DecodeResponse& r, const std::string& record,
                    const std::string& field) {
  EXPECT_THAT(r.commands(), IsEmpty());
  ASSERT_THAT(r.errors(), SizeIs(1)) << Describe(r);
  EXPECT_EQ(r.errors(0).record(), record) << Describe(r);
  EXPECT_EQ(r.errors(0).field(), field) << Describe(r);
  EXPECT_FALSE(r.errors(0).reason().empty());
}

bool HasError(const v1::DecodeResponse& r, const std::string& record,
              const std::string& field) {
  for (const auto& e : r.errors()) {
    if (e.record() == record && e.field() == field) return true;
  }
  return false;
}

void ExpectNoKeys(const v1::DecodeResponse& r) {
  for (const auto& c : r.commands()) {
    EXPECT_TRUE(c.update_referral_status().idempotency_key().empty());
    EXPECT_TRUE(c.report_capacity().idempotency_key().empty());
    EXPECT_TRUE(c.record_inquiry().idempotency_key().empty());
  }
}

// ---------------------------------------------------------------- samples

TEST(KsCsvSamplesTest, GoodPlasserBomCrlf) {
  const auto r = Decode(kPlasser, Sample("good-plasser-bom-crlf.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  EXPECT_THAT(r.warnings(), IsEmpty());
  ASSERT_THAT(r.commands(), SizeIs(3));
  ExpectNoKeys(r);

  const auto& c0 = r.commands(0);
  EXPECT_EQ(c0.record(), "line 2");
  ASSERT_TRUE(c0.has_report_capacity());
  ASSERT_THAT(c0.report_capacity().units(), SizeIs(1));
  const hub::UnitCapacity& u0 = c0.report_capacity().units(0);
  EXPECT_EQ(u0.facility_id(), "ks-oslo");
  EXPECT_EQ(u0.unit(), "Akutten");
  EXPECT_EQ(u0.type(), hub::UNIT_TYPE_ACUTE);
  EXPECT_EQ(u0.capacity(), 12u);
  EXPECT_EQ(u0.free(), 3u);
  EXPECT_EQ(u0.admits(), hub::ADMITTED_GENDERS_WOMEN);
  EXPECT_TRUE(u0.children());
  EXPECT_TRUE(u0.wheelchair_accessible());
  EXPECT_FALSE(u0.has_acute_free());
  EXPECT_FALSE(u0.has_family_free());
  EXPECT_TRUE(u0.reported_by().empty());
  // 28.11.2026 14:05 in Oslo is winter time, UTC+1.
  EXPECT_EQ(u0.as_of().seconds(), Utc(2026, 11, 28, 13, 5));
  EXPECT_EQ(u0.as_of().nanos(), 0);

  const auto& c1 = r.commands(1);
  EXPECT_EQ(c1.record(), "line 3");
  const hub::UnitCapacity& u1 = c1.report_capacity().units(0);
  EXPECT_EQ(u1.facility_id(), "ks-oslo");
  EXPECT_EQ(u1.unit(), "Langtid; 2. etasje");
  EXPECT_EQ(u1.type(), hub::UNIT_TYPE_LONGER_STAY);
  EXPECT_EQ(u1.capacity(), 8u);
  EXPECT_EQ(u1.free(), 0u);
  EXPECT_EQ(u1.admits(), hub::ADMITTED_GENDERS_WOMEN);
  EXPECT_TRUE(u1.children());
  EXPECT_FALSE(u1.wheelchair_accessible());

  const auto& c2 = r.commands(2);
  EXPECT_EQ(c2.record(), "line 4");
  const hub::UnitCapacity& u2 = c2.report_capacity().units(0);
  EXPECT_EQ(u2.unit(), "Familie");
  EXPECT_EQ(u2.type(), hub::UNIT_TYPE_FAMILY);
  EXPECT_EQ(u2.capacity(), 4u);
  EXPECT_EQ(u2.free(), 1u);
  EXPECT_EQ(u2.admits(), hub::ADMITTED_GENDERS_ALL);
  EXPECT_TRUE(u2.children());
  EXPECT_FALSE(u2.wheelchair_accessible());
  EXPECT_EQ(u2.as_of().seconds(), Utc(2026, 11, 28, 13, 5));
}

TEST(KsCsvSamplesTest, GoodPlasserReordered) {
  const auto r = Decode(kPlasser, Sample("good-plasser-reordered.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  ASSERT_THAT(r.commands(), SizeIs(1));
  const auto& c = r.commands(0);
  EXPECT_EQ(c.record(), "line 2");
  const hub::UnitCapacity& u = c.report_capacity().units(0);
  EXPECT_EQ(u.facility_id(), "ks-oslo");
  EXPECT_EQ(u.unit(), "Mannsavdelingen");
  EXPECT_EQ(u.type(), hub::UNIT_TYPE_ACUTE);
  EXPECT_EQ(u.capacity(), 5u);
  EXPECT_EQ(u.free(), 2u);
  EXPECT_EQ(u.admits(), hub::ADMITTED_GENDERS_MEN);
  // barn and rullestol are not in the file: both default to nei.
  EXPECT_FALSE(u.children());
  EXPECT_FALSE(u.wheelchair_accessible());
  EXPECT_EQ(u.as_of().seconds(), Utc(2026, 11, 27, 7, 30));
  // The unknown column is ignored, with a warning that names it.
  ASSERT_THAT(r.warnings(), SizeIs(1));
  EXPECT_EQ(r.warnings(0).record(), "line 1");
  EXPECT_EQ(r.warnings(0).field(), "merknad_intern");
}

TEST(KsCsvSamplesTest, GoodHendelser) {
  const auto r = Decode(kHendelser, Sample("good-hendelser.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  EXPECT_THAT(r.warnings(), IsEmpty());
  ASSERT_THAT(r.commands(), SizeIs(3));
  ExpectNoKeys(r);
  const hub::ReferralState targets[] = {hub::REFERRAL_STATE_RECEIVED,
                                        hub::REFERRAL_STATE_ACCEPTED,
                                        hub::REFERRAL_STATE_IN_PROGRESS};
  const int64_t times[] = {Utc(2026, 11, 28, 8, 12), Utc(2026, 11, 28, 8, 40),
                           Utc(2026, 11, 28, 15, 2)};
  for (int i = 0; i < 3; ++i) {
    const auto& c = r.commands(i);
    EXPECT_EQ(c.record(), absl::StrCat("line ", i + 2));
    ASSERT_TRUE(c.has_update_referral_status());
    const auto& u = c.update_referral_status();
    EXPECT_EQ(u.referral_id(), "R-2026-000123");
    EXPECT_EQ(u.target(), targets[i]);
    EXPECT_TRUE(u.reason().empty());
    EXPECT_FALSE(u.has_nights_stayed());
    EXPECT_TRUE(u.facility_id().empty());
    EXPECT_EQ(u.occurred_at().seconds(), times[i]);
  }
}

TEST(KsCsvSamplesTest, GoodHendelserMultilineReason) {
  const auto r =
      Decode(kHendelser, Sample("good-hendelser-multiline-reason.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  ASSERT_THAT(r.commands(), SizeIs(2));
  const auto& received = r.commands(0).update_referral_status();
  EXPECT_EQ(r.commands(0).record(), "line 2");
  EXPECT_EQ(received.referral_id(), "R-2026-000124");
  EXPECT_EQ(received.target(), hub::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(received.occurred_at().seconds(), Utc(2026, 11, 28, 9, 0));
  const auto& declined = r.commands(1).update_referral_status();
  EXPECT_EQ(r.commands(1).record(), "line 3");
  EXPECT_EQ(declined.referral_id(), "R-2026-000124");
  EXPECT_EQ(declined.target(), hub::REFERRAL_STATE_REJECTED);
  EXPECT_EQ(declined.reason(),
            "Fullt på akutten.\nHenvist til nabosenter; ring oss ved behov.");
  EXPECT_EQ(declined.occurred_at().seconds(), Utc(2026, 11, 28, 9, 30));
}

TEST(KsCsvSamplesTest, GoodTelefonlogg) {
  const auto r = Decode(kTelefonlogg, Sample("good-telefonlogg.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  EXPECT_THAT(r.warnings(), IsEmpty());
  ASSERT_THAT(r.commands(), SizeIs(4));
  ExpectNoKeys(r);

  const auto& c0 = r.commands(0);
  EXPECT_EQ(c0.record(), "line 2");
  ASSERT_TRUE(c0.has_record_inquiry());
  const hub::HotlineInquiry& i0 = c0.record_inquiry().inquiry();
  EXPECT_EQ(i0.occurred_at().seconds(), Utc(2026, 11, 29, 21, 14));
  EXPECT_EQ(i0.caller(), hub::CALLER_TYPE_POLICE);
  EXPECT_EQ(i0.topic(), hub::INQUIRY_TOPIC_POSSIBLE_VICTIM);
  ASSERT_TRUE(i0.has_victims());
  EXPECT_EQ(i0.victims().persons(), 1u);
  EXPECT_EQ(i0.victims().gender(), hub::GENDER_WOMAN);
  EXPECT_EQ(i0.victims().nationality(), "RO");
  EXPECT_EQ(i0.victims().exploitation_form(), hub::EXPLOITATION_FORM_SEXUAL);
  ASSERT_TRUE(i0.victims().has_accompanying_minors());
  EXPECT_EQ(i0.victims().accompanying_minors(), 0u);
  EXPECT_EQ(i0.victims().outcome(), hub::INQUIRY_OUTCOME_ACCEPTED_HELP);
  EXPECT_TRUE(i0.id().empty());
  EXPECT_TRUE(i0.recorded_by().empty());
  EXPECT_FALSE(i0.has_recorded_at());

  const hub::HotlineInquiry& i1 = r.commands(1).record_inquiry().inquiry();
  EXPECT_EQ(r.commands(1).record(), "line 3");
  EXPECT_EQ(i1.occurred_at().seconds(), Utc(2026, 11, 29, 22, 40));
  EXPECT_EQ(i1.caller(), hub::CALLER_TYPE_PRIVATE_PERSON);
  EXPECT_EQ(i1.topic(), hub::INQUIRY_TOPIC_INFORMATION);
  EXPECT_FALSE(i1.has_victims());

  const hub::HotlineInquiry& i2 = r.commands(2).record_inquiry().inquiry();
  EXPECT_EQ(i2.occurred_at().seconds(), Utc(2026, 11, 30, 1, 5));
  EXPECT_EQ(i2.caller(), hub::CALLER_TYPE_CRISIS_CENTRE);
  EXPECT_EQ(i2.topic(), hub::INQUIRY_TOPIC_FOLLOW_UP);
  EXPECT_FALSE(i2.has_victims());

  const hub::HotlineInquiry& i3 = r.commands(3).record_inquiry().inquiry();
  EXPECT_EQ(r.commands(3).record(), "line 5");
  EXPECT_EQ(i3.occurred_at().seconds(), Utc(2026, 11, 30, 2, 30));
  EXPECT_EQ(i3.caller(), hub::CALLER_TYPE_VOLUNTARY_ORGANISATION);
  EXPECT_EQ(i3.topic(), hub::INQUIRY_TOPIC_POSSIBLE_VICTIM);
  EXPECT_EQ(i3.victims().persons(), 3u);
  EXPECT_EQ(i3.victims().gender(), hub::GENDER_MAN);
  EXPECT_EQ(i3.victims().nationality(), "PL");
  EXPECT_EQ(i3.victims().exploitation_form(),
            hub::EXPLOITATION_FORM_FORCED_LABOUR);
  EXPECT_EQ(i3.victims().accompanying_minors(), 0u);
  EXPECT_EQ(i3.victims().outcome(), hub::INQUIRY_OUTCOME_UNKNOWN);
}

TEST(KsCsvSamplesTest, BadEventOutOfOrderDecodes) {
  // The core rejects this (ankommet before akseptert); see the gateway
  // sample test. The format itself is fine.
  const auto r = Decode(kHendelser, Sample("bad-event-out-of-order.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  ASSERT_THAT(r.commands(), SizeIs(1));
  const auto& u = r.commands(0).update_referral_status();
  EXPECT_EQ(u.referral_id(), "R-2026-000125");
  EXPECT_EQ(u.target(), hub::REFERRAL_STATE_IN_PROGRESS);
  EXPECT_EQ(u.occurred_at().seconds(), Utc(2026, 11, 28, 15, 2));
}

TEST(KsCsvSamplesTest, BadFutureTimestampDecodes) {
  // The core rejects this (oppdatert in the future); see the gateway sample
  // test. The plugin has no clock to judge it by.
  const auto r = Decode(kPlasser, Sample("bad-future-timestamp.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  ASSERT_THAT(r.commands(), SizeIs(1));
  EXPECT_EQ(r.commands(0).report_capacity().units(0).as_of().seconds(),
            Utc(2098, 12, 31, 23, 0));
}

TEST(KsCsvSamplesTest, BadImpossibleDate) {
  ExpectOneError(Decode(kPlasser, Sample("bad-impossible-date.csv")), "line 2",
                 "oppdatert");
}

TEST(KsCsvSamplesTest, BadInvalidUtf8) {
  ExpectOneError(Decode(kPlasser, Sample("bad-invalid-utf8.csv")), "line 2",
                 "");
}

TEST(KsCsvSamplesTest, BadLedigeOverKapasitet) {
  ExpectOneError(Decode(kPlasser, Sample("bad-ledige-over-kapasitet.csv")),
                 "line 2", "ledige");
}

TEST(KsCsvSamplesTest, BadMissingRequiredColumn) {
  ExpectOneError(Decode(kPlasser, Sample("bad-missing-required-column.csv")),
                 "line 1", "plasstype");
}

TEST(KsCsvSamplesTest, BadSecondRowInvalid) {
  // The first row is fine, but nothing of the file is applied.
  ExpectOneError(Decode(kPlasser, Sample("bad-second-row-invalid.csv")),
                 "line 3", "kapasitet");
}

TEST(KsCsvSamplesTest, BadUnknownPlasstype) {
  ExpectOneError(Decode(kPlasser, Sample("bad-unknown-plasstype.csv")),
                 "line 2", "plasstype");
}

TEST(KsCsvSamplesTest, BadUnterminatedQuote) {
  ExpectOneError(Decode(kHendelser, Sample("bad-unterminated-quote.csv")),
                 "line 2", "");
}

// ------------------------------------------------------ shared CSV rules

constexpr char kPlasserHeader[] =
    "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert\n";

std::string PlasserRow(const std::string& kapasitet = "4",
                       const std::string& ledige = "1",
                       const std::string& oppdatert = "28.11.2026 14:05",
                       const std::string& enhet = "Akutten") {
  return absl::StrCat("ks-oslo;", enhet, ";akutt;", kapasitet, ";", ledige,
                      ";kvinner;", oppdatert, "\n");
}

TEST(KsCsvDecodeTest, WrongContentTypeIsRejected) {
  for (const char* type :
       {"text/csv", "text/csv; profile=ks-plasser-2",
        "text/csv; profile=KS-PLASSER-1", "text/csv;profile=ks-plasser-1",
        "application/json", ""}) {
    const auto r = Decode(type, std::string(kPlasserHeader) + PlasserRow());
    ExpectOneError(r, "payload", "content_type");
  }
}

TEST(KsCsvDecodeTest, EmptyPayloadIsRejected) {
  ExpectOneError(Decode(kPlasser, ""), "line 1", "");
  ExpectOneError(Decode(kHendelser, "\xEF\xBB\xBF"), "line 1", "");
  ExpectOneError(Decode(kTelefonlogg, "\r\n\n"), "line 1", "");
}

TEST(KsCsvDecodeTest, HeaderWithoutRowsIsAcceptedWithAWarning) {
  const auto r = Decode(kPlasser, kPlasserHeader);
  EXPECT_THAT(r.errors(), IsEmpty());
  EXPECT_THAT(r.commands(), IsEmpty());
  ASSERT_THAT(r.warnings(), SizeIs(1));
  EXPECT_EQ(r.warnings(0).record(), "line 1");
}

TEST(KsCsvDecodeTest, HeaderNamesIgnoreCaseAndSpaces) {
  const auto r = Decode(
      kPlasser, " Senter ;ENHET;Plasstype;Kapasitet;Ledige;Kjonn;Oppdatert\n" +
                    PlasserRow());
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  EXPECT_THAT(r.commands(), SizeIs(1));
}

TEST(KsCsvDecodeTest, DuplicateColumnIsAnError) {
  const auto r =
      Decode(kPlasser,
             "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert;Ledige\n"
             "ks-oslo;A;akutt;4;1;kvinner;28.11.2026 14:05;1\n");
  ExpectOneError(r, "line 1", "ledige");
}

TEST(KsCsvDecodeTest, DuplicateUnknownColumnIsAnErrorToo) {
  const auto r =
      Decode(kPlasser,
             "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert;x;x\n"
             "ks-oslo;A;akutt;4;1;kvinner;28.11.2026 14:05;1;2\n");
  EXPECT_TRUE(HasError(r, "line 1", "x")) << Describe(r);
  EXPECT_THAT(r.commands(), IsEmpty());
}

TEST(KsCsvDecodeTest, EveryMissingRequiredColumnIsNamed) {
  const auto r = Decode(kPlasser, "senter;enhet\nks-oslo;A\n");
  EXPECT_THAT(r.commands(), IsEmpty());
  for (const char* column :
       {"plasstype", "kapasitet", "ledige", "kjonn", "oppdatert"}) {
    EXPECT_TRUE(HasError(r, "line 1", column)) << column;
  }
  EXPECT_THAT(r.errors(), SizeIs(5));
}

TEST(KsCsvDecodeTest, UnknownAndUnnamedColumnsAreWarnings) {
  const auto r =
      Decode(kPlasser,
             "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert;intern;\n"
             "ks-oslo;A;akutt;4;1;kvinner;28.11.2026 14:05;hemmelig;\n");
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  EXPECT_THAT(r.commands(), SizeIs(1));
  ASSERT_THAT(r.warnings(), SizeIs(2));
  EXPECT_EQ(r.warnings(0).field(), "intern");
  EXPECT_EQ(r.warnings(1).field(), "column 9");
}

TEST(KsCsvDecodeTest, LongOrOddUnknownColumnNamesAreNotEchoed) {
  const std::string long_name(200, 'q');
  const auto r = Decode(
      kPlasser, "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert;" +
                    long_name + ";\"a\nb\"\n" +
                    "ks-oslo;A;akutt;4;1;kvinner;28.11.2026 14:05;1;2\n");
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  ASSERT_THAT(r.warnings(), SizeIs(2));
  EXPECT_EQ(r.warnings(0).field(), "column 8");
  EXPECT_EQ(r.warnings(1).field(), "column 9");
}

TEST(KsCsvDecodeTest, HeaderAfterEmptyLinesIsNamedByItsLine) {
  const auto r = Decode(kPlasser, "\n\nsenter;enhet\n");
  ASSERT_FALSE(r.errors().empty());
  EXPECT_EQ(r.errors(0).record(), "line 3");
}

TEST(KsCsvDecodeTest, WrongNumberOfFieldsIsAnError) {
  const auto r =
      Decode(kPlasser, std::string(kPlasserHeader) + PlasserRow() +
                           "ks-oslo;A;akutt;4;1;kvinner\n" +
                           PlasserRow("4", "1", "28.11.2026 14:05", "C") +
                           "ks-oslo;B;akutt;4;1;kvinner;28.11.2026 14:05;x\n");
  EXPECT_THAT(r.commands(), IsEmpty());
  ASSERT_THAT(r.errors(), SizeIs(2)) << Describe(r);
  EXPECT_EQ(r.errors(0).record(), "line 3");
  EXPECT_EQ(r.errors(1).record(), "line 5");
}

TEST(KsCsvDecodeTest, EmptyLinesAndEmptyRowsAreSkipped) {
  const auto r =
      Decode(kPlasser, "\n" + std::string(kPlasserHeader) + "\n" +
                           PlasserRow() + ";;;;;;\n\n" +
                           PlasserRow("5", "2", "28.11.2026 14:05", "B"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  ASSERT_THAT(r.commands(), SizeIs(2));
  EXPECT_EQ(r.commands(0).record(), "line 4");
  EXPECT_EQ(r.commands(1).record(), "line 7");
}

TEST(KsCsvDecodeTest, LineNumbersCountLineBreaksInsideQuotes) {
  const auto r = Decode(kHendelser,
                        "referanse;hendelse;tidspunkt;arsak\n"
                        "R-2026-000124;avslatt;28.11.2026 10:30;\"a\r\nb\nc\"\n"
                        "R-2026-000124;avbrutt;28.11.2026 10:30;\n");
  ExpectOneError(r, "line 5", "arsak");
}

TEST(KsCsvDecodeTest, CellsAreTrimmed) {
  const auto r =
      Decode(kPlasser, std::string(kPlasserHeader) +
                           " ks-oslo ; Akutten ; akutt ; 4 ; 1 ; kvinner ; "
                           "28.11.2026 14:05 \n");
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  const auto& u = r.commands(0).report_capacity().units(0);
  EXPECT_EQ(u.facility_id(), "ks-oslo");
  EXPECT_EQ(u.unit(), "Akutten");
  EXPECT_EQ(u.capacity(), 4u);
}

TEST(KsCsvDecodeTest, TokensIgnoreCase) {
  const auto r = Decode(
      kPlasser,
      "senter;enhet;plasstype;kapasitet;ledige;kjonn;barn;rullestol;oppdatert\n"
      "ks-oslo;A;Akutt;4;1;KVINNER;Ja;NEI;28.11.2026 14:05\n");
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  const auto& u = r.commands(0).report_capacity().units(0);
  EXPECT_EQ(u.type(), hub::UNIT_TYPE_ACUTE);
  EXPECT_EQ(u.admits(), hub::ADMITTED_GENDERS_WOMEN);
  EXPECT_TRUE(u.children());
  EXPECT_FALSE(u.wheelchair_accessible());
}

TEST(KsCsvDecodeTest, AllOrNothingReportsEveryBadRow) {
  const std::string t = "28.11.2026 14:05";
  const auto r =
      Decode(kPlasser,
             std::string(kPlasserHeader) + PlasserRow("4", "1", t, "A") +
                 PlasserRow("x", "1", t, "B") + PlasserRow("4", "1", t, "C") +
                 PlasserRow("4", "9", t, "D"));
  EXPECT_THAT(r.commands(), IsEmpty());
  ASSERT_THAT(r.errors(), SizeIs(2)) << Describe(r);
  EXPECT_TRUE(HasError(r, "line 3", "kapasitet"));
  EXPECT_TRUE(HasError(r, "line 5", "ledige"));
}

TEST(KsCsvDecodeTest, SeveralBadFieldsInOneRowAreAllReported) {
  const auto r = Decode(
      kPlasser, std::string(kPlasserHeader) + "KS;;hotell;x;y;barn;i morgen\n");
  EXPECT_THAT(r.commands(), IsEmpty());
  for (const char* field : {"senter", "enhet", "plasstype", "kapasitet",
                            "ledige", "kjonn", "oppdatert"}) {
    EXPECT_TRUE(HasError(r, "line 2", field)) << field << Describe(r);
  }
  EXPECT_THAT(r.errors(), SizeIs(7));
}

TEST(KsCsvDecodeTest, ErrorsAreCapped) {
  std::string text = kPlasserHeader;
  for (int i = 0; i < 1000; ++i) text += PlasserRow("x", "y");
  const auto r = Decode(kPlasser, text);
  EXPECT_THAT(r.commands(), IsEmpty());
  EXPECT_LE(r.errors_size(), 101);
  EXPECT_EQ(r.errors(r.errors_size() - 1).record(), "file");
}

TEST(KsCsvDecodeTest, TooLargePayloadIsRejected) {
  std::string text(kPlasserHeader);
  text.append(kMaxPayloadBytes, '\n');
  ExpectOneError(Decode(kPlasser, text), "payload", "");
}

// ------------------------------------------------------------ numbers

TEST(KsCsvDecodeTest, IntegersAreDigitsOnlyAndBounded) {
  for (const char* bad :
       {"-2", "+4", "4.0", "4,0", "1e2", "0x4", "4 4", "٤", "501",
        "99999999999999999999999999999999", "4294967297",
        "18446744073709551617", "000000000000000000000000000000001"}) {
    const auto r =
        Decode(kPlasser, std::string(kPlasserHeader) + PlasserRow(bad, "0"));
    ExpectOneError(r, "line 2", "kapasitet");
  }
  for (const char* good : {"0", "500", "007"}) {
    const auto r =
        Decode(kPlasser, std::string(kPlasserHeader) + PlasserRow(good, "0"));
    EXPECT_THAT(r.errors(), IsEmpty()) << good << Describe(r);
  }
}

TEST(KsCsvDecodeTest, LedigeEqualToKapasitetIsFine) {
  const auto r =
      Decode(kPlasser, std::string(kPlasserHeader) + PlasserRow("4", "4"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  EXPECT_EQ(r.commands(0).report_capacity().units(0).free(), 4u);
}

// -------------------------------------------------------------- times

TEST(KsCsvDecodeTest, SummerTimeGapIsAnError) {
  // 29 March 2026, 02:00-03:00 does not exist in Oslo.
  const auto r = Decode(kPlasser, std::string(kPlasserHeader) +
                                      PlasserRow("4", "1", "29.03.2026 02:30"));
  ExpectOneError(r, "line 2", "oppdatert");
}

TEST(KsCsvDecodeTest, RepeatedHourMeansTheFirst) {
  // 25 October 2026, 02:30 happens twice in Oslo; the first is UTC+2.
  const auto r = Decode(kPlasser, std::string(kPlasserHeader) +
                                      PlasserRow("4", "1", "25.10.2026 02:30"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  EXPECT_EQ(r.commands(0).report_capacity().units(0).as_of().seconds(),
            Utc(2026, 10, 25, 0, 30));
}

TEST(KsCsvDecodeTest, SummerTimeIsUtcPlusTwo) {
  const auto r = Decode(kPlasser, std::string(kPlasserHeader) +
                                      PlasserRow("4", "1", "01.07.2026 12:00"));
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  EXPECT_EQ(r.commands(0).report_capacity().units(0).as_of().seconds(),
            Utc(2026, 7, 1, 10, 0));
}

TEST(KsCsvDecodeTest, BadTimesAreErrors) {
  for (const char* bad :
       {"28.11.2026", "2026-11-28 14:05", "28.11.2026 24:00",
        "28.11.2026 14:60", "29.02.2026 10:00", "28/11/2026 14:05",
        "28.11.26 14:05", "28.11.2026 14:05:00", "28.11.2026T14:05"}) {
    const auto r = Decode(
        kPlasser, std::string(kPlasserHeader) + PlasserRow("4", "1", bad));
    ExpectOneError(r, "line 2", "oppdatert");
  }
  const auto leap =
      Decode(kPlasser, std::string(kPlasserHeader) +
                           PlasserRow("4", "1", "29.02.2028 10:00"));
  EXPECT_THAT(leap.errors(), IsEmpty()) << Describe(leap);
}

// ------------------------------------------------------------ plasser

TEST(KsCsvPlasserTest, UnitNameIsOneToEightyCodePoints) {
  std::string eighty;
  for (int i = 0; i < 80; ++i) eighty += "ø";  // two bytes each
  EXPECT_THAT(
      Decode(kPlasser, std::string(kPlasserHeader) +
                           PlasserRow("4", "1", "28.11.2026 14:05", eighty))
          .errors(),
      IsEmpty());
  ExpectOneError(Decode(kPlasser, std::string(kPlasserHeader) +
                                      PlasserRow("4", "1", "28.11.2026 14:05",
                                                 eighty + "a")),
                 "line 2", "enhet");
  ExpectOneError(
      Decode(kPlasser, std::string(kPlasserHeader) +
                           PlasserRow("4", "1", "28.11.2026 14:05", "")),
      "line 2", "enhet");
  ExpectOneError(Decode(kPlasser, std::string(kPlasserHeader) +
                                      PlasserRow("4", "1", "28.11.2026 14:05",
                                                 "\"two\nlines\"")),
                 "line 2", "enhet");
}

TEST(KsCsvPlasserTest, SenterMustBeAFacilityId) {
  for (const char* bad : {"KS-Oslo", "ks oslo", "-ks", "k", "ks_oslo"}) {
    const auto r =
        Decode(kPlasser, std::string(kPlasserHeader) + bad +
                             ";A;akutt;4;1;kvinner;28.11.2026 14:05\n");
    ExpectOneError(r, "line 2", "senter");
  }
}

TEST(KsCsvPlasserTest, BarnAndRullestolTakeJaOrNei) {
  const std::string header =
      "senter;enhet;plasstype;kapasitet;ledige;kjonn;barn;rullestol;"
      "oppdatert\n";
  const auto empty = Decode(
      kPlasser, header + "ks-oslo;A;akutt;4;1;alle;;;28.11.2026 14:05\n");
  ASSERT_THAT(empty.errors(), IsEmpty()) << Describe(empty);
  EXPECT_FALSE(empty.commands(0).report_capacity().units(0).children());
  ExpectOneError(
      Decode(kPlasser,
             header + "ks-oslo;A;akutt;4;1;alle;yes;nei;28.11.2026 14:05\n"),
      "line 2", "barn");
  ExpectOneError(
      Decode(kPlasser,
             header + "ks-oslo;A;akutt;4;1;alle;nei;1;28.11.2026 14:05\n"),
      "line 2", "rullestol");
}

TEST(KsCsvPlasserTest, SameUnitTwiceIsAnError) {
  const auto r =
      Decode(kPlasser, std::string(kPlasserHeader) + PlasserRow() +
                           PlasserRow("5", "2", "28.11.2026 14:05", "Annen") +
                           PlasserRow("6", "3"));
  ExpectOneError(r, "line 4", "enhet");
}

TEST(KsCsvPlasserTest, AllPlasstypeAndKjonnTokens) {
  const std::string header = kPlasserHeader;
  const std::pair<const char*, hub::UnitType> types[] = {
      {"akutt", hub::UNIT_TYPE_ACUTE},
      {"langtid", hub::UNIT_TYPE_LONGER_STAY},
      {"familie", hub::UNIT_TYPE_FAMILY}};
  for (const auto& [word, type] : types) {
    const auto r = Decode(kPlasser, header + "ks-oslo;A;" + word +
                                        ";4;1;alle;28.11.2026 14:05\n");
    ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
    EXPECT_EQ(r.commands(0).report_capacity().units(0).type(), type);
  }
  const std::pair<const char*, hub::AdmittedGenders> admits[] = {
      {"kvinner", hub::ADMITTED_GENDERS_WOMEN},
      {"menn", hub::ADMITTED_GENDERS_MEN},
      {"alle", hub::ADMITTED_GENDERS_ALL}};
  for (const auto& [word, value] : admits) {
    const auto r = Decode(kPlasser, header + "ks-oslo;A;akutt;4;1;" + word +
                                        ";28.11.2026 14:05\n");
    ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
    EXPECT_EQ(r.commands(0).report_capacity().units(0).admits(), value);
  }
  ExpectOneError(Decode(kPlasser, header + "ks-oslo;A;akutt;4;1;kvinne;"
                                           "28.11.2026 14:05\n"),
                 "line 2", "kjonn");
}

// ---------------------------------------------------------- hendelser

constexpr char kHendelserHeader[] =
    "referanse;hendelse;tidspunkt;arsak;netter\n";

v1::DecodeResponse DecodeEvent(const std::string& hendelse,
                               const std::string& arsak,
                               const std::string& netter,
                               const std::string& referanse = "R-2026-000123") {
  return Decode(kHendelser,
                absl::StrCat(kHendelserHeader, referanse, ";", hendelse,
                             ";28.11.2026 09:12;", arsak, ";", netter, "\n"));
}

TEST(KsCsvHendelserTest, EveryEventToken) {
  const std::pair<const char*, hub::ReferralState> events[] = {
      {"mottatt", hub::REFERRAL_STATE_RECEIVED},
      {"akseptert", hub::REFERRAL_STATE_ACCEPTED},
      {"avslatt", hub::REFERRAL_STATE_REJECTED},
      {"ankommet", hub::REFERRAL_STATE_IN_PROGRESS},
      {"utflyttet", hub::REFERRAL_STATE_COMPLETED},
      {"avbrutt", hub::REFERRAL_STATE_CANCELLED}};
  for (const auto& [word, state] : events) {
    const bool completed = state == hub::REFERRAL_STATE_COMPLETED;
    const auto r = DecodeEvent(word, "Fordi.", completed ? "12" : "");
    ASSERT_THAT(r.errors(), IsEmpty()) << word << Describe(r);
    const auto& u = r.commands(0).update_referral_status();
    EXPECT_EQ(u.target(), state);
    EXPECT_EQ(u.reason(), "Fordi.");
    EXPECT_EQ(u.has_nights_stayed(), completed);
    if (completed) {
      EXPECT_EQ(u.nights_stayed(), 12u);
    }
  }
  ExpectOneError(DecodeEvent("innflyttet", "", ""), "line 2", "hendelse");
  ExpectOneError(DecodeEvent("avslått", "x", ""), "line 2", "hendelse");
}

TEST(KsCsvHendelserTest, ReasonRequiredForAvslattAndAvbrutt) {
  ExpectOneError(DecodeEvent("avslatt", "", ""), "line 2", "arsak");
  ExpectOneError(DecodeEvent("avbrutt", "   ", ""), "line 2", "arsak");
  ExpectOneError(Decode(kHendelser,
                        "referanse;hendelse;tidspunkt\n"
                        "R-2026-000123;avbrutt;28.11.2026 09:12\n"),
                 "line 2", "arsak");
  // Elsewhere a reason may be left out.
  const auto r = Decode(kHendelser,
                        "referanse;hendelse;tidspunkt\n"
                        "R-2026-000123;mottatt;28.11.2026 09:12\n");
  EXPECT_THAT(r.errors(), IsEmpty()) << Describe(r);
}

TEST(KsCsvHendelserTest, ReasonIsAtMostFiveHundredCodePoints) {
  std::string five_hundred;
  for (int i = 0; i < 500; ++i) five_hundred += "å";
  const auto ok = DecodeEvent("avslatt", five_hundred, "");
  ASSERT_THAT(ok.errors(), IsEmpty()) << Describe(ok);
  EXPECT_EQ(ok.commands(0).update_referral_status().reason(), five_hundred);
  ExpectOneError(DecodeEvent("avslatt", five_hundred + "x", ""), "line 2",
                 "arsak");
  ExpectOneError(DecodeEvent("mottatt", five_hundred + "x", ""), "line 2",
                 "arsak");
}

TEST(KsCsvHendelserTest, ReasonMayNotHoldControlCharacters) {
  ExpectOneError(DecodeEvent("avslatt",
                             std::string("a\x01"
                                         "b"),
                             ""),
                 "line 2", "arsak");
  const auto tab = DecodeEvent("avslatt", "a\tb", "");
  EXPECT_THAT(tab.errors(), IsEmpty()) << Describe(tab);
}

TEST(KsCsvHendelserTest, NightsWithUtflyttetOnly) {
  ExpectOneError(DecodeEvent("utflyttet", "", ""), "line 2", "netter");
  ExpectOneError(Decode(kHendelser,
                        "referanse;hendelse;tidspunkt\n"
                        "R-2026-000123;utflyttet;28.11.2026 09:12\n"),
                 "line 2", "netter");
  ExpectOneError(DecodeEvent("utflyttet", "", "3661"), "line 2", "netter");
  ExpectOneError(DecodeEvent("utflyttet", "", "-1"), "line 2", "netter");
  ExpectOneError(DecodeEvent("ankommet", "", "3"), "line 2", "netter");
  const auto zero = DecodeEvent("utflyttet", "", "0");
  ASSERT_THAT(zero.errors(), IsEmpty()) << Describe(zero);
  EXPECT_TRUE(zero.commands(0).update_referral_status().has_nights_stayed());
  EXPECT_EQ(zero.commands(0).update_referral_status().nights_stayed(), 0u);
  const auto max = DecodeEvent("utflyttet", "", "3660");
  ASSERT_THAT(max.errors(), IsEmpty()) << Describe(max);
  EXPECT_EQ(max.commands(0).update_referral_status().nights_stayed(), 3660u);
}

TEST(KsCsvHendelserTest, ReferanseMustBeAReferralId) {
  for (const char* bad :
       {"R-2026-00012", "R-2026-0001234567", "r-2026-000123", "R2026000123",
        "R-26-000123", "H-2026-000123", "R-2026-00012x", "R-1999-000123"}) {
    ExpectOneError(DecodeEvent("mottatt", "", "", bad), "line 2", "referanse");
  }
  EXPECT_THAT(DecodeEvent("mottatt", "", "", "R-2026-123456789").errors(),
              IsEmpty());
  ExpectOneError(DecodeEvent("mottatt", "", "", ""), "line 2", "referanse");
}

TEST(KsCsvHendelserTest, TidspunktRequired) {
  ExpectOneError(Decode(kHendelser,
                        "referanse;hendelse;tidspunkt\n"
                        "R-2026-000123;mottatt;\n"),
                 "line 2", "tidspunkt");
}

// -------------------------------------------------------- telefonlogg

constexpr char kLogHeader[] =
    "tidspunkt;hvem_ringer;gjelder;antall_personer;kjonn;nasjonalitet;"
    "utnyttelse;mindrearige_barn;utfall\n";

v1::DecodeResponse DecodeCall(const std::string& cells) {
  return Decode(kTelefonlogg,
                absl::StrCat(kLogHeader, "29.11.2026 22:14;", cells, "\n"));
}

TEST(KsCsvTelefonloggTest, EveryCallerToken) {
  const std::pair<const char*, hub::CallerType> callers[] = {
      {"politi", hub::CALLER_TYPE_POLICE},
      {"asylmottak", hub::CALLER_TYPE_ASYLUM_RECEPTION},
      {"offentlig_myndighet", hub::CALLER_TYPE_PUBLIC_AUTHORITY},
      {"barnevern", hub::CALLER_TYPE_CHILD_WELFARE},
      {"helsetjeneste", hub::CALLER_TYPE_HEALTH_SERVICE},
      {"nav", hub::CALLER_TYPE_NAV},
      {"pro_sentret", hub::CALLER_TYPE_PRO_SENTRET},
      {"nadheim", hub::CALLER_TYPE_NADHEIM},
      {"frivillig_org", hub::CALLER_TYPE_VOLUNTARY_ORGANISATION},
      {"krisesenter", hub::CALLER_TYPE_CRISIS_CENTRE},
      {"annet_botilbud", hub::CALLER_TYPE_OTHER_HOUSING},
      {"advokat", hub::CALLER_TYPE_LAWYER},
      {"kvalifiserende_tiltak", hub::CALLER_TYPE_QUALIFICATION_PROGRAMME},
      {"media", hub::CALLER_TYPE_MEDIA},
      {"forskning", hub::CALLER_TYPE_RESEARCH},
      {"privatperson", hub::CALLER_TYPE_PRIVATE_PERSON},
      {"personen_selv", hub::CALLER_TYPE_THE_PERSON_THEMSELF},
      {"kriminalomsorg", hub::CALLER_TYPE_CORRECTIONAL_SERVICE},
      {"annen", hub::CALLER_TYPE_OTHER}};
  for (const auto& [word, caller] : callers) {
    const auto r = DecodeCall(absl::StrCat(word, ";informasjon;;;;;;"));
    ASSERT_THAT(r.errors(), IsEmpty()) << word << Describe(r);
    EXPECT_EQ(r.commands(0).record_inquiry().inquiry().caller(), caller);
  }
  ExpectOneError(DecodeCall("ukjent;informasjon;;;;;;"), "line 2",
                 "hvem_ringer");
}

TEST(KsCsvTelefonloggTest, EveryTopicToken) {
  const std::pair<const char*, hub::InquiryTopic> topics[] = {
      {"oppfolging", hub::INQUIRY_TOPIC_FOLLOW_UP},
      {"informasjon", hub::INQUIRY_TOPIC_INFORMATION},
      {"veiledning", hub::INQUIRY_TOPIC_GUIDANCE},
      {"annet", hub::INQUIRY_TOPIC_OTHER}};
  for (const auto& [word, topic] : topics) {
    const auto r = DecodeCall(absl::StrCat("nav;", word, ";;;;;;"));
    ASSERT_THAT(r.errors(), IsEmpty()) << word << Describe(r);
    EXPECT_EQ(r.commands(0).record_inquiry().inquiry().topic(), topic);
    EXPECT_FALSE(r.commands(0).record_inquiry().inquiry().has_victims());
  }
  ExpectOneError(DecodeCall("nav;offer;;;;;;"), "line 2", "gjelder");
}

TEST(KsCsvTelefonloggTest, VictimTokens) {
  const std::pair<const char*, hub::Gender> genders[] = {
      {"kvinne", hub::GENDER_WOMAN},
      {"mann", hub::GENDER_MAN},
      {"transperson", hub::GENDER_TRANS},
      {"ukjent", hub::GENDER_UNKNOWN}};
  for (const auto& [word, gender] : genders) {
    const auto r =
        DecodeCall(absl::StrCat("politi;mulig_offer;2;", word, ";RO;ukjent;;"));
    ASSERT_THAT(r.errors(), IsEmpty()) << word << Describe(r);
    EXPECT_EQ(r.commands(0).record_inquiry().inquiry().victims().gender(),
              gender);
  }
  const std::pair<const char*, hub::ExploitationForm> forms[] = {
      {"prostitusjon", hub::EXPLOITATION_FORM_SEXUAL},
      {"tvangsarbeid", hub::EXPLOITATION_FORM_FORCED_LABOUR},
      {"blandingsform", hub::EXPLOITATION_FORM_MIXED},
      {"ukjent", hub::EXPLOITATION_FORM_OTHER_OR_UNKNOWN}};
  for (const auto& [word, form] : forms) {
    const auto r =
        DecodeCall(absl::StrCat("politi;mulig_offer;2;kvinne;RO;", word, ";;"));
    ASSERT_THAT(r.errors(), IsEmpty()) << word << Describe(r);
    EXPECT_EQ(
        r.commands(0).record_inquiry().inquiry().victims().exploitation_form(),
        form);
  }
  const std::pair<const char*, hub::InquiryOutcome> outcomes[] = {
      {"takket_ja", hub::INQUIRY_OUTCOME_ACCEPTED_HELP},
      {"takket_nei", hub::INQUIRY_OUTCOME_DECLINED_HELP},
      {"ikke_menneskehandel", hub::INQUIRY_OUTCOME_NOT_TRAFFICKING},
      {"henvist_filemon", hub::INQUIRY_OUTCOME_REFERRED_TO_FILEMON},
      {"ukjent", hub::INQUIRY_OUTCOME_UNKNOWN},
      {"", hub::INQUIRY_OUTCOME_UNSPECIFIED}};
  for (const auto& [word, outcome] : outcomes) {
    const auto r = DecodeCall(
        absl::StrCat("politi;mulig_offer;2;kvinne;RO;ukjent;;", word));
    ASSERT_THAT(r.errors(), IsEmpty()) << word << Describe(r);
    EXPECT_EQ(r.commands(0).record_inquiry().inquiry().victims().outcome(),
              outcome);
  }
}

TEST(KsCsvTelefonloggTest, OptionalVictimFields) {
  const auto r = DecodeCall("politi;mulig_offer;500;kvinne;ukjent;ukjent;;");
  ASSERT_THAT(r.errors(), IsEmpty()) << Describe(r);
  const auto& v = r.commands(0).record_inquiry().inquiry().victims();
  EXPECT_EQ(v.persons(), 500u);
  EXPECT_EQ(v.nationality(), "");
  EXPECT_FALSE(v.has_accompanying_minors());
  EXPECT_EQ(v.outcome(), hub::INQUIRY_OUTCOME_UNSPECIFIED);
  const auto minors = DecodeCall("politi;mulig_offer;1;kvinne;ro;ukjent;500;");
  ASSERT_THAT(minors.errors(), IsEmpty()) << Describe(minors);
  const auto& m = minors.commands(0).record_inquiry().inquiry().victims();
  EXPECT_EQ(m.nationality(), "RO");
  EXPECT_EQ(m.accompanying_minors(), 500u);
}

TEST(KsCsvTelefonloggTest, VictimBlockRequiredForMuligOffer) {
  const auto r = DecodeCall("politi;mulig_offer;;;;;;");
  EXPECT_THAT(r.commands(), IsEmpty());
  for (const char* field :
       {"antall_personer", "kjonn", "nasjonalitet", "utnyttelse"}) {
    EXPECT_TRUE(HasError(r, "line 2", field)) << field << Describe(r);
  }
  EXPECT_THAT(r.errors(), SizeIs(4));
  // Columns missing from the header altogether.
  const auto no_columns = Decode(kTelefonlogg,
                                 "tidspunkt;hvem_ringer;gjelder\n"
                                 "29.11.2026 22:14;politi;mulig_offer\n");
  EXPECT_THAT(no_columns.errors(), SizeIs(4)) << Describe(no_columns);
  // Calls about anything else need none of those columns.
  const auto other = Decode(kTelefonlogg,
                            "tidspunkt;hvem_ringer;gjelder\n"
                            "29.11.2026 22:14;politi;informasjon\n");
  EXPECT_THAT(other.errors(), IsEmpty()) << Describe(other);
}

TEST(KsCsvTelefonloggTest, VictimRanges) {
  ExpectOneError(DecodeCall("politi;mulig_offer;0;kvinne;RO;ukjent;;"),
                 "line 2", "antall_personer");
  ExpectOneError(DecodeCall("politi;mulig_offer;501;kvinne;RO;ukjent;;"),
                 "line 2", "antall_personer");
  ExpectOneError(DecodeCall("politi;mulig_offer;1;kvinne;RO;ukjent;501;"),
                 "line 2", "mindrearige_barn");
  ExpectOneError(DecodeCall("politi;mulig_offer;1;kvinne;RO;ukjent;-1;"),
                 "line 2", "mindrearige_barn");
  for (const char* bad : {"XX", "ZZ", "ROU", "R", "Norge", "R0"}) {
    ExpectOneError(DecodeCall(absl::StrCat("politi;mulig_offer;1;kvinne;", bad,
                                           ";ukjent;;")),
                   "line 2", "nasjonalitet");
  }
  ExpectOneError(DecodeCall("politi;mulig_offer;1;dame;RO;ukjent;;"), "line 2",
                 "kjonn");
  ExpectOneError(DecodeCall("politi;mulig_offer;1;kvinne;RO;tigging;;"),
                 "line 2", "utnyttelse");
  ExpectOneError(DecodeCall("politi;mulig_offer;1;kvinne;RO;ukjent;;ja"),
                 "line 2", "utfall");
}

TEST(KsCsvTelefonloggTest, VictimColumnsMustBeEmptyForOtherTopics) {
  const char* rows[] = {
      "politi;informasjon;1;;;;;",  "politi;informasjon;;kvinne;;;;",
      "politi;informasjon;;;RO;;;", "politi;informasjon;;;;ukjent;;",
      "politi;informasjon;;;;;0;",  "politi;informasjon;;;;;;ukjent"};
  const char* fields[] = {"antall_personer",  "kjonn",
                          "nasjonalitet",     "utnyttelse",
                          "mindrearige_barn", "utfall"};
  for (int i = 0; i < 6; ++i) {
    ExpectOneError(DecodeCall(rows[i]), "line 2", fields[i]);
  }
}

// ------------------------------------------------- no values in errors

// A distinctive marker in every kind of bad cell must appear in no error
// or warning the plugin returns.
TEST(KsCsvPrivacyTest, ErrorsNeverQuoteThePayload) {
  const std::string m = "MARKER7Q";
  struct Case {
    const char* type;
    std::string payload;
  };
  const Case cases[] = {
      {kPlasser, std::string(kPlasserHeader) + m + ";" + m + ";" + m + ";" + m +
                     ";" + m + ";" + m + ";" + m + "\n"},
      {kPlasser, std::string(kPlasserHeader) + "ks-oslo;" + m +
                     std::string(100, 'x') + ";akutt;4;1;kvinner;" +
                     "28.11.2026 14:05\n"},
      {kPlasser, std::string(kPlasserHeader) + "ks-oslo;" + m +
                     ";akutt;4;1;kvinner;28.11.2026 14:05\n" + "ks-oslo;" + m +
                     ";akutt;4;1;kvinner;28.11.2026 14:05\n"},
      {kPlasser, std::string(kPlasserHeader) + "ks-oslo;\"" + m + "\n"},
      {kPlasser, std::string(kPlasserHeader) + "ks-oslo;" + m + "\"x\n"},
      {kPlasser, std::string(kPlasserHeader) + "ks-oslo;\"" + m + "\"x\n"},
      {kPlasser, std::string(kPlasserHeader) + m + "\xFF\n"},
      {kPlasser, std::string(kPlasserHeader) + m + ";" + m + "\n"},
      {kPlasser, std::string(kPlasserHeader) + m + "\r" + m + "\n"},
      {kHendelser, std::string(kHendelserHeader) + m + ";" + m + ";" + m + ";" +
                       m + ";" + m + "\n"},
      {kHendelser, std::string(kHendelserHeader) + "R-2026-000123;avslatt;" +
                       "28.11.2026 09:12;" + m + std::string(600, 'y') + ";\n"},
      {kHendelser, std::string(kHendelserHeader) + "R-2026-000123;mottatt;" +
                       "28.11.2026 09:12;" + m + "\x02;" + m + "\n"},
      {kTelefonlogg, std::string(kLogHeader) + m + ";" + m + ";" + m + ";" + m +
                         ";" + m + ";" + m + ";" + m + ";" + m + ";" + m +
                         "\n"},
      {kTelefonlogg, std::string(kLogHeader) + "29.11.2026 22:14;politi;" +
                         "mulig_offer;" + m + ";" + m + ";" + m + ";" + m +
                         ";" + m + ";" + m + "\n"},
      {kTelefonlogg, std::string(kLogHeader) + "29.11.2026 22:14;politi;" +
                         "informasjon;" + m + ";" + m + ";" + m + ";" + m +
                         ";" + m + ";" + m + "\n"},
  };
  for (const Case& c : cases) {
    const auto r = Decode(c.type, c.payload);
    EXPECT_FALSE(r.errors().empty()) << c.payload;
    EXPECT_THAT(r.commands(), IsEmpty());
    for (const auto& list : {r.errors(), r.warnings()}) {
      for (const auto& e : list) {
        EXPECT_EQ(e.record().find("MARKER"), std::string::npos) << e.record();
        EXPECT_EQ(e.field().find("MARKER"), std::string::npos) << e.field();
        EXPECT_EQ(e.reason().find("MARKER"), std::string::npos) << e.reason();
      }
    }
  }
}

// The samples, each decoded with every profile: whatever the combination,
// no crash, and either commands or errors, never both.
TEST(KsCsvDecodeTest, EverySampleWithEveryProfileIsAllOrNothing) {
  for (const char* name :
       {"bad-event-out-of-order.csv", "bad-future-timestamp.csv",
        "bad-impossible-date.csv", "bad-invalid-utf8.csv",
        "bad-ledige-over-kapasitet.csv", "bad-missing-required-column.csv",
        "bad-second-row-invalid.csv", "bad-unknown-plasstype.csv",
        "bad-unterminated-quote.csv", "good-hendelser-multiline-reason.csv",
        "good-hendelser.csv", "good-plasser-bom-crlf.csv",
        "good-plasser-reordered.csv", "good-telefonlogg.csv"}) {
    for (const char* type : {kPlasser, kHendelser, kTelefonlogg}) {
      const auto r = Decode(type, Sample(name));
      EXPECT_TRUE(r.errors().empty() || r.commands().empty()) << name;
    }
  }
}

}  // namespace
}  // namespace rosa::plugin::ks_csv
