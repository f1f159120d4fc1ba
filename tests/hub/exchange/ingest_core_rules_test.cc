// Plugins translate; the core decides. Each payload below is one a plugin
// used to refuse with a copy of a core rule (the 3660-night limit, when a
// reason is required and how long it may be, the lawyers' hour limits,
// free places within the total, a unit name's length, the persons and
// children a call is about, an assisted return's programme and note
// lengths). The copies are gone: the payload now
// decodes, and the core refuses it through the ingest desk, naming the
// record and the field, echoing none of the text sent, changing nothing.
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/hub/exchange/ingest_fixture.h"

namespace rosa {
namespace ingest_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class IngestCoreRulesTest : public IngestDeskTest {
 protected:
  // Refused by the core: INVALID_ARGUMENT naming `record` and `field`, the
  // details an IngestResponse with `record` REJECTED, nothing changed, and
  // `secret` (free text of the payload) nowhere in the answer.
  void ExpectCoreRefuses(const std::string& sender, const std::string& type,
                         const std::string& payload, const std::string& record,
                         const std::string& field,
                         const std::string& secret = "") {
    const Snapshot before = Take();
    auto r = IngestText(sender, type, payload);
    ASSERT_FALSE(r.ok()) << "applied: " << r->DebugString();
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    const std::string message(r.status().message());
    EXPECT_THAT(message, HasSubstr(record));
    EXPECT_THAT(message, HasSubstr(field));
    auto details = r.status().GetPayload(kErrorDetailsPayloadUrl);
    ASSERT_TRUE(details.has_value()) << message;
    v1::IngestResponse response;
    ASSERT_TRUE(response.ParseFromString(std::string(*details)));
    EXPECT_FALSE(response.applied());
    bool named = false;
    for (const v1::RecordOutcome& o : response.records()) {
      if (o.result() != v1::RecordOutcome::RESULT_REJECTED) continue;
      named = o.record() == record &&
              absl::StrCat(o.field(), " ", o.reason()).find(field) !=
                  std::string::npos;
    }
    EXPECT_TRUE(named) << response.DebugString();
    if (!secret.empty()) {
      EXPECT_THAT(message, Not(HasSubstr(secret)));
      EXPECT_THAT(std::string(*details), Not(HasSubstr(secret)));
    }
    EXPECT_EQ(Take(), before);
  }

  std::string Filemon(const std::string& fields) {
    return absl::StrCat(
        "{\"schema\":\"filemon/1\",\"kind\":\"intake_status\",\"referral\":\"",
        ids_.at("R-2026-000200"), "\",\"at\":\"2026-11-28T10:00:00+01:00\",",
        fields, "}");
  }
  std::string Lauras(const std::string& lines) {
    return absl::StrCat("Skjema: Lauras hus statusmelding 1\nReferanse: ",
                        ids_.at("R-2026-000300"),
                        "\nTidspunkt: 28.11.2026 16:45\n", lines);
  }
  std::string KsHendelse(const std::string& cells) {
    return absl::StrCat("referanse;hendelse;tidspunkt;arsak;netter\n",
                        ids_.at("R-2026-000123"), ";", cells, "\n");
  }
  std::string Avrr(const std::string& elements) {
    return absl::StrCat(
        "<AvrrCase xmlns=\"urn:iom:no:avrr:1\" version=\"1\"><HubReferral>",
        ids_.at("R-2026-000400"),
        "</HubReferral><Status>RECEIVED</Status><StatusDate>2026-11-28"
        "</StatusDate><Destination country=\"RO\"/>",
        elements, "</AvrrCase>");
  }
  std::string Advokat(const std::string& fields) {
    return absl::StrCat(
        "[{\"schema\":\"advokat/1\",\"handoff\":\"", ids_.at("H-2026-000010"),
        "\",\"at\":\"2026-11-28T10:00:00+01:00\",", fields, "}]");
  }
};

constexpr char kFilemonType[] = "application/vnd.filemon.v1+json";
constexpr char kLaurasType[] = "text/plain; profile=lauras-skjema-1";
constexpr char kHendelserType[] = "text/csv; profile=ks-hendelser-1";
constexpr char kAdvokatType[] = "application/vnd.advokat.v1+json";
constexpr char kAvrrType[] = "application/xml; profile=iom-avrr-1";

TEST_F(IngestCoreRulesTest, NightsOverTheLimitAreTheCoresToRefuse) {
  ExpectCoreRefuses("filemon", kFilemonType,
                    Filemon("\"status\":\"left\",\"nights\":3661"), "item 1",
                    "nights_stayed");
  ExpectCoreRefuses("lauras-hus", kLaurasType,
                    Lauras("Status: utflyttet\nNetter: 3661\n"), "form 1",
                    "nights_stayed");
  ExpectCoreRefuses("ks-oslo", kHendelserType,
                    KsHendelse("utflyttet;28.11.2026 09:12;;3661"), "line 2",
                    "nights_stayed");
}

TEST_F(IngestCoreRulesTest, NightsWithAnotherStatusAreTheCoresToRefuse) {
  ExpectCoreRefuses("filemon", kFilemonType,
                    Filemon("\"status\":\"received\",\"nights\":3"), "item 1",
                    "nights_stayed");
  ExpectCoreRefuses("ks-oslo", kHendelserType,
                    KsHendelse("mottatt;28.11.2026 09:12;;3"), "line 2",
                    "nights_stayed");
}

TEST_F(IngestCoreRulesTest, MissingOrLongReasonsAreTheCoresToRefuse) {
  ExpectCoreRefuses("filemon", kFilemonType, Filemon("\"status\":\"declined\""),
                    "item 1", "reason");
  ExpectCoreRefuses("lauras-hus", kLaurasType, Lauras("Status: avslått\n"),
                    "form 1", "reason");
  ExpectCoreRefuses("ks-oslo", kHendelserType,
                    KsHendelse("avslatt;28.11.2026 09:12;;"), "line 2",
                    "reason");
  const std::string long_text =
      absl::StrCat("Fullt hus ", std::string(495, 'x'));
  ExpectCoreRefuses("filemon", kFilemonType,
                    Filemon(absl::StrCat("\"status\":\"declined\",\"note\":\"",
                                         long_text, "\"")),
                    "item 1", "reason", long_text);
  ExpectCoreRefuses(
      "ks-oslo", kHendelserType,
      KsHendelse(absl::StrCat("avslatt;28.11.2026 09:12;", long_text, ";")),
      "line 2", "reason", long_text);
  ExpectCoreRefuses("advokat-lund", kAdvokatType,
                    Advokat(absl::StrCat("\"event\":\"declined\",\"reason\":\"",
                                         long_text, "\"")),
                    "item 1", "reason", long_text);
}

TEST_F(IngestCoreRulesTest, LawyersHoursOverTheLimitAreTheCoresToRefuse) {
  // 12 h per hours_used event and 20 h per extension are the ledger's.
  ExpectCoreRefuses("advokat-lund", kAdvokatType,
                    Advokat("\"event\":\"hours_used\",\"hours\":12.25"),
                    "item 1", "quarter_hours");
  ExpectCoreRefuses("advokat-lund", kAdvokatType,
                    Advokat("\"event\":\"extension_granted\",\"hours\":20.25"),
                    "item 1", "quarter_hours");
  ExpectCoreRefuses("advokat-lund", kAdvokatType,
                    Advokat("\"event\":\"hours_used\",\"hours\":0"), "item 1",
                    "quarter_hours");
}

TEST_F(IngestCoreRulesTest, FreePlacesOverTheTotalAreTheCoresToRefuse) {
  ExpectCoreRefuses(
      "filemon", kFilemonType,
      "{\"schema\":\"filemon/1\",\"kind\":\"capacity\",\"at\":"
      "\"2026-11-28T10:00:00+01:00\",\"beds\":{\"total\":4,\"free\":5}}",
      "item 1", "free");
  ExpectCoreRefuses("lauras-hus", kLaurasType,
                    "Skjema: Lauras hus kapasitet 1\nTidspunkt: 28.11.2026 "
                    "10:05\nPlasser totalt: 10\nLedige plasser: 12\n",
                    "form 1", "free");
}

TEST_F(IngestCoreRulesTest, LongUnitNamesAreTheCoresToRefuse) {
  const std::string name(81, 'a');
  ExpectCoreRefuses("ks-oslo", "text/csv; profile=ks-plasser-1",
                    absl::StrCat("senter;enhet;plasstype;kapasitet;ledige;"
                                 "kjonn;oppdatert\nks-oslo;",
                                 name, ";akutt;4;1;kvinner;28.11.2026 14:05\n"),
                    "line 2", "unit", name);
}

TEST_F(IngestCoreRulesTest, PersonsAndChildrenOfACallAreTheCoresToBound) {
  const std::string header =
      "tidspunkt;hvem_ringer;gjelder;antall_personer;kjonn;nasjonalitet;"
      "utnyttelse;mindrearige_barn;utfall\n";
  for (const char* cells : {"0;kvinne;RO;prostitusjon;0;takket_ja",
                            "100000;kvinne;RO;prostitusjon;0;takket_ja",
                            "1;kvinne;RO;prostitusjon;100000;takket_ja"}) {
    ExpectCoreRefuses(
        "ks-oslo", "text/csv; profile=ks-telefonlogg-1",
        absl::StrCat(header, "29.11.2026 22:14;politi;mulig_offer;", cells,
                     "\n"),
        "line 2", "victims");
  }
}

TEST_F(IngestCoreRulesTest, LongAssistedReturnTextsAreTheCoresToRefuse) {
  const std::string programme = absl::StrCat("Program ", std::string(73, 'p'));
  ExpectCoreRefuses(
      "iom", kAvrrType,
      Avrr(absl::StrCat("<Programme>", programme, "</Programme>")), "/AvrrCase",
      "assisted_return.programme", programme);
  const std::string note = absl::StrCat("Travel note ", std::string(489, 'n'));
  ExpectCoreRefuses("iom", kAvrrType,
                    Avrr(absl::StrCat("<Note>", note, "</Note>")), "/AvrrCase",
                    "assisted_return.note", note);
}

}  // namespace
}  // namespace ingest_test
}  // namespace rosa
