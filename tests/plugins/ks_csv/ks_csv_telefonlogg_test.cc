// Decoding the ks-telefonlogg-1 (hotline call log) profile.
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/plugins/ks_csv/ks_csv_fixture.h"

namespace rosa::plugin::ks_csv {
namespace {

// -------------------------------------------------------- telefonlogg

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
    ASSERT_THAT(r.errors(), IsEmpty()) << word << testutil::ErrorsText(r);
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
    ASSERT_THAT(r.errors(), IsEmpty()) << word << testutil::ErrorsText(r);
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
    ASSERT_THAT(r.errors(), IsEmpty()) << word << testutil::ErrorsText(r);
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
    ASSERT_THAT(r.errors(), IsEmpty()) << word << testutil::ErrorsText(r);
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
    ASSERT_THAT(r.errors(), IsEmpty()) << word << testutil::ErrorsText(r);
    EXPECT_EQ(r.commands(0).record_inquiry().inquiry().victims().outcome(),
              outcome);
  }
}

TEST(KsCsvTelefonloggTest, OptionalVictimFields) {
  const auto r = DecodeCall("politi;mulig_offer;500;kvinne;ukjent;ukjent;;");
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  const auto& v = r.commands(0).record_inquiry().inquiry().victims();
  EXPECT_EQ(v.persons(), 500u);
  EXPECT_EQ(v.nationality(), "");
  EXPECT_FALSE(v.has_accompanying_minors());
  EXPECT_EQ(v.outcome(), hub::INQUIRY_OUTCOME_UNSPECIFIED);
  const auto minors = DecodeCall("politi;mulig_offer;1;kvinne;ro;ukjent;500;");
  ASSERT_THAT(minors.errors(), IsEmpty()) << testutil::ErrorsText(minors);
  const auto& m = minors.commands(0).record_inquiry().inquiry().victims();
  EXPECT_EQ(m.nationality(), "RO");
  EXPECT_EQ(m.accompanying_minors(), 500u);
}

TEST(KsCsvTelefonloggTest, VictimBlockRequiredForMuligOffer) {
  const auto r = DecodeCall("politi;mulig_offer;;;;;;");
  EXPECT_THAT(r.commands(), IsEmpty());
  for (const char* field :
       {"antall_personer", "kjonn", "nasjonalitet", "utnyttelse"}) {
    EXPECT_TRUE(HasError(r, "line 2", field))
        << field << testutil::ErrorsText(r);
  }
  EXPECT_THAT(r.errors(), SizeIs(4));
  // Columns missing from the header altogether.
  const auto no_columns = Decode(kTelefonlogg,
                                 "tidspunkt;hvem_ringer;gjelder\n"
                                 "29.11.2026 22:14;politi;mulig_offer\n");
  EXPECT_THAT(no_columns.errors(), SizeIs(4))
      << testutil::ErrorsText(no_columns);
  // Calls about anything else need none of those columns.
  const auto other = Decode(kTelefonlogg,
                            "tidspunkt;hvem_ringer;gjelder\n"
                            "29.11.2026 22:14;politi;informasjon\n");
  EXPECT_THAT(other.errors(), IsEmpty()) << testutil::ErrorsText(other);
}

TEST(KsCsvTelefonloggTest, VictimRanges) {
  // How many persons and children a call may be about is the core's to say
  // (ingest_core_rules_test): the plugin reads any count.
  for (const char* counts : {"0;kvinne;RO;ukjent;;", "501;kvinne;RO;ukjent;;",
                             "1;kvinne;RO;ukjent;501;"}) {
    EXPECT_THAT(
        DecodeCall(absl::StrCat("politi;mulig_offer;", counts)).errors(),
        IsEmpty())
        << counts;
  }
  ExpectOneError(DecodeCall("politi;mulig_offer;x;kvinne;RO;ukjent;;"),
                 "line 2", "antall_personer");
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

}  // namespace
}  // namespace rosa::plugin::ks_csv
