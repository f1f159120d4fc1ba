// Decoding the ks-plasser-1 (capacity) profile.
#include <string>

#include "tests/plugins/ks_csv/ks_csv_fixture.h"

namespace rosa::plugin::ks_csv {
namespace {

// ------------------------------------------------------------ plasser

TEST(KsCsvPlasserTest, UnitNameIsOneLineOfText) {
  // Its length is the core's to bound (ingest_core_rules_test).
  std::string long_name;
  for (int i = 0; i < 81; ++i) long_name += "ø";  // two bytes each
  EXPECT_THAT(
      Decode(kPlasser, std::string(kPlasserHeader) +
                           PlasserRow("4", "1", "28.11.2026 14:05", long_name))
          .errors(),
      IsEmpty());
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
  for (const char* bad : {"KS-Oslo", "ks oslo", "-ks", "ks-", "k", "ks_oslo"}) {
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
  ASSERT_THAT(empty.errors(), IsEmpty()) << testutil::ErrorsText(empty);
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
    ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
    EXPECT_EQ(r.commands(0).report_capacity().units(0).type(), type);
  }
  const std::pair<const char*, hub::AdmittedGenders> admits[] = {
      {"kvinner", hub::ADMITTED_GENDERS_WOMEN},
      {"menn", hub::ADMITTED_GENDERS_MEN},
      {"alle", hub::ADMITTED_GENDERS_ALL}};
  for (const auto& [word, value] : admits) {
    const auto r = Decode(kPlasser, header + "ks-oslo;A;akutt;4;1;" + word +
                                        ";28.11.2026 14:05\n");
    ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
    EXPECT_EQ(r.commands(0).report_capacity().units(0).admits(), value);
  }
  ExpectOneError(Decode(kPlasser, header + "ks-oslo;A;akutt;4;1;kvinne;"
                                           "28.11.2026 14:05\n"),
                 "line 2", "kjonn");
}

}  // namespace
}  // namespace rosa::plugin::ks_csv
