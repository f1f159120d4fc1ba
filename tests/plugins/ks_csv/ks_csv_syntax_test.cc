// The ks-csv rules shared by every profile: header, rows, numbers, times,
// privacy.
#include <string>

#include "tests/plugins/ks_csv/ks_csv_fixture.h"

namespace rosa::plugin::ks_csv {
namespace {

// ------------------------------------------------------ shared CSV rules

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
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
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
  EXPECT_TRUE(HasError(r, "line 1", "x")) << testutil::ErrorsText(r);
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
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
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
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  ASSERT_THAT(r.warnings(), SizeIs(2));
  EXPECT_EQ(r.warnings(0).field(), "column 8");
  EXPECT_EQ(r.warnings(1).field(), "column 9");
}

// A file without its header row: the first data row is read as the
// header, and none of its cells is echoed.
TEST(KsCsvDecodeTest, ADataRowReadAsTheHeaderIsNotEchoed) {
  const auto r =
      Decode(kHendelser,
             "R-2026-000123;avslatt;28.11.2026 14:05;Kari Nordmann, Oslo "
             "gate 5\n"
             "R-2026-000124;mottatt;28.11.2026 14:06;\n");
  ASSERT_THAT(r.errors(), ::testing::Not(IsEmpty()));
  for (const auto* list : {&r.errors(), &r.warnings()}) {
    for (const auto& e : *list) {
      for (const char* cell : {"2026-000123", "14:05", "kari", "Kari"}) {
        EXPECT_EQ(e.field().find(cell), std::string::npos) << e.field();
        EXPECT_EQ(e.reason().find(cell), std::string::npos) << e.reason();
      }
    }
  }
  ASSERT_THAT(r.warnings(), SizeIs(4));  // Four unknown columns.
  EXPECT_EQ(r.warnings(0).field(), "column 1");
  EXPECT_EQ(r.warnings(2).field(), "column 3");
  EXPECT_EQ(r.warnings(3).field(), "column 4");
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
  ASSERT_THAT(r.errors(), SizeIs(2)) << testutil::ErrorsText(r);
  EXPECT_EQ(r.errors(0).record(), "line 3");
  EXPECT_EQ(r.errors(1).record(), "line 5");
}

TEST(KsCsvDecodeTest, EmptyLinesAndEmptyRowsAreSkipped) {
  const auto r =
      Decode(kPlasser, "\n" + std::string(kPlasserHeader) + "\n" +
                           PlasserRow() + ";;;;;;\n\n" +
                           PlasserRow("5", "2", "28.11.2026 14:05", "B"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  ASSERT_THAT(r.commands(), SizeIs(2));
  EXPECT_EQ(r.commands(0).record(), "line 4");
  EXPECT_EQ(r.commands(1).record(), "line 7");
}

TEST(KsCsvDecodeTest, LineNumbersCountLineBreaksInsideQuotes) {
  const auto r = Decode(kHendelser,
                        "referanse;hendelse;tidspunkt;arsak\n"
                        "R-2026-000124;avslatt;28.11.2026 10:30;\"a\r\nb\nc\"\n"
                        "R-2026-000124;avbrutt;28.11.2026 10:30;x\x01y\n");
  ExpectOneError(r, "line 5", "arsak");
}

TEST(KsCsvDecodeTest, CellsAreTrimmed) {
  const auto r =
      Decode(kPlasser, std::string(kPlasserHeader) +
                           " ks-oslo ; Akutten ; akutt ; 4 ; 1 ; kvinner ; "
                           "28.11.2026 14:05 \n");
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
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
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
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
                 PlasserRow("4", "-9", t, "D"));
  EXPECT_THAT(r.commands(), IsEmpty());
  ASSERT_THAT(r.errors(), SizeIs(2)) << testutil::ErrorsText(r);
  EXPECT_TRUE(HasError(r, "line 3", "kapasitet"));
  EXPECT_TRUE(HasError(r, "line 5", "ledige"));
}

TEST(KsCsvDecodeTest, SeveralBadFieldsInOneRowAreAllReported) {
  const auto r = Decode(
      kPlasser, std::string(kPlasserHeader) + "KS;;hotell;x;y;barn;i morgen\n");
  EXPECT_THAT(r.commands(), IsEmpty());
  for (const char* field : {"senter", "enhet", "plasstype", "kapasitet",
                            "ledige", "kjonn", "oppdatert"}) {
    EXPECT_TRUE(HasError(r, "line 2", field))
        << field << testutil::ErrorsText(r);
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

// ------------------------------------------------------------ numbers

TEST(KsCsvDecodeTest, IntegersAreDigitsOnlyAndBounded) {
  for (const char* bad :
       {"-2", "+4", "4.0", "4,0", "1e2", "0x4", "4 4", "٤",
        "99999999999999999999999999999999", "4294967297",
        "18446744073709551617", "000000000000000000000000000000001"}) {
    const auto r =
        Decode(kPlasser, std::string(kPlasserHeader) + PlasserRow(bad, "0"));
    ExpectOneError(r, "line 2", "kapasitet");
  }
  // 501 places is the core's to refuse (capacity at most 500).
  for (const char* good : {"0", "500", "501", "007"}) {
    const auto r =
        Decode(kPlasser, std::string(kPlasserHeader) + PlasserRow(good, "0"));
    EXPECT_THAT(r.errors(), IsEmpty()) << good << testutil::ErrorsText(r);
  }
}

TEST(KsCsvDecodeTest, LedigeEqualToKapasitetIsFine) {
  const auto r =
      Decode(kPlasser, std::string(kPlasserHeader) + PlasserRow("4", "4"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
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
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  EXPECT_EQ(r.commands(0).report_capacity().units(0).as_of().seconds(),
            Utc(2026, 10, 25, 0, 30));
}

TEST(KsCsvDecodeTest, SummerTimeIsUtcPlusTwo) {
  const auto r = Decode(kPlasser, std::string(kPlasserHeader) +
                                      PlasserRow("4", "1", "01.07.2026 12:00"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
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
  EXPECT_THAT(leap.errors(), IsEmpty()) << testutil::ErrorsText(leap);
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
                     "\x01x;akutt;4;1;kvinner;28.11.2026 14:05\n"},
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
                       "28.11.2026 09:12;" + m + "\x01y;\n"},
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

}  // namespace
}  // namespace rosa::plugin::ks_csv
