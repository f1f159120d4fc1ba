// The iom-avrr decoder against the shared samples, the XML attacks the
// format forbids, and the edge cases of the envelope.
#include "plugins/iom_avrr/iom_avrr.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "tests/testutil/decode_checks.h"
#include "tests/testutil/partner_samples.h"

namespace rosa::plugin::iom_avrr {
namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;
using testutil::ExpectRejected;

constexpr char kType[] = "application/xml; profile=iom-avrr-1";

std::string Sample(const std::string& name) {
  return testutil::PartnerSample("iom-avrr", name);
}

const IomAvrrPlugin& Plugin() {
  static const IomAvrrPlugin plugin;
  return plugin;
}

pv1::DecodeResponse Decode(const std::string& payload,
                           const std::string& type = kType) {
  return Plugin().Decode(testutil::DecodeRequestFrom(
      "iom", hv1::PARTNER_KIND_ASSISTED_RETURN, type, payload));
}

// An AvrrCase with `body` inside (and the default namespace).
std::string Case(const std::string& body,
                 const std::string& attributes = "version=\"1\"") {
  return "<AvrrCase xmlns=\"urn:iom:no:avrr:1\" " + attributes + ">\n" + body +
         "</AvrrCase>\n";
}

constexpr char kMinimal[] =
    "  <HubReferral>R-2026-000400</HubReferral>\n"
    "  <Status>RECEIVED</Status>\n"
    "  <StatusDate>2026-11-28</StatusDate>\n"
    "  <Destination country=\"RO\"/>\n";

TEST(IomAvrrTest, Manifest) {
  const pv1::PluginManifest m = Plugin().Manifest();
  EXPECT_EQ(m.name(), "iom-avrr");
  EXPECT_EQ(m.version(), "1.0.0");
  ASSERT_EQ(m.decodes_size(), 1);
  EXPECT_EQ(m.decodes(0), kType);
  ASSERT_EQ(m.encodes_size(), 1);
  EXPECT_EQ(m.encodes(0), kType);
  ASSERT_EQ(m.serves_size(), 1);
  EXPECT_EQ(m.serves(0), hv1::PARTNER_KIND_ASSISTED_RETURN);
}

// ---- The shared samples ----------------------------------------------------

TEST(IomAvrrTest, GoodCase) {
  const pv1::DecodeResponse r = Decode(Sample("good-case.xml"));
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  EXPECT_EQ(r.warnings_size(), 0);
  ASSERT_EQ(r.commands_size(), 1);
  EXPECT_EQ(r.commands(0).record(), "/AvrrCase");
  ASSERT_TRUE(r.commands(0).has_update_assisted_return());
  const auto& c = r.commands(0).update_assisted_return();
  EXPECT_EQ(c.idempotency_key(), "");
  EXPECT_EQ(c.referral_id(), "R-2026-000400");
  const hv1::AssistedReturn& ar = c.assisted_return();
  EXPECT_EQ(ar.status(), hv1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);
  EXPECT_EQ(ar.status_date(), "2026-11-28");
  EXPECT_EQ(ar.departure_date(), "2026-12-10");
  EXPECT_EQ(ar.housing_needed_until(), "2026-12-10");
  EXPECT_EQ(ar.destination_country(), "RO");
  EXPECT_EQ(ar.iom_case_ref(), "IOM-NO-2026-0042");
  EXPECT_EQ(ar.programme(), "VulnerableGroups");
  EXPECT_EQ(ar.note(), "Escort arranged to airport & back.");
}

TEST(IomAvrrTest, GoodBatch) {
  const pv1::DecodeResponse r = Decode(Sample("good-batch.xml"));
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  EXPECT_EQ(r.warnings_size(), 0);
  ASSERT_EQ(r.commands_size(), 2);
  EXPECT_EQ(r.commands(0).record(), "/AvrrBatch/AvrrCase[1]");
  EXPECT_EQ(r.commands(1).record(), "/AvrrBatch/AvrrCase[2]");
  const auto& first = r.commands(0).update_assisted_return();
  EXPECT_EQ(first.referral_id(), "R-2026-000401");
  EXPECT_EQ(first.assisted_return().status(),
            hv1::ASSISTED_RETURN_STATUS_RECEIVED);
  EXPECT_EQ(first.assisted_return().status_date(), "2026-11-27");
  EXPECT_EQ(first.assisted_return().destination_country(), "NG");
  EXPECT_EQ(first.assisted_return().iom_case_ref(), "IOM-NO-2026-0043");
  EXPECT_EQ(first.assisted_return().departure_date(), "");
  const auto& second = r.commands(1).update_assisted_return();
  EXPECT_EQ(second.referral_id(), "R-2026-000401");
  EXPECT_EQ(second.assisted_return().status(),
            hv1::ASSISTED_RETURN_STATUS_ASSESSMENT);
  EXPECT_EQ(second.assisted_return().status_date(), "2026-11-28");
}

TEST(IomAvrrTest, BadBookedWithoutDeparture) {
  ExpectRejected(Decode(Sample("bad-booked-without-departure.xml")),
                 "/AvrrCase", "DepartureDate");
}

TEST(IomAvrrTest, BadCountryCode) {
  ExpectRejected(Decode(Sample("bad-country-code.xml")), "/AvrrCase",
                 "Destination");
}

TEST(IomAvrrTest, BadDoctypeEntity) {
  // Refused before libxml2 sees it.
  ExpectRejected(Decode(Sample("bad-doctype-entity.xml")), "line 2", "");
}

TEST(IomAvrrTest, BadNotWellFormed) {
  ExpectRejected(Decode(Sample("bad-not-well-formed.xml")), "line 3", "");
}

TEST(IomAvrrTest, BadWrongNamespace) {
  ExpectRejected(Decode(Sample("bad-wrong-namespace.xml")), "/AvrrCase", "");
}

// ---- What the format forbids
// -------------------------------------------------

TEST(IomAvrrTest, DoctypeAndEntitiesAnywhere) {
  ExpectRejected(Decode("<!DOCTYPE AvrrCase>\n" + Case(kMinimal)), "line 1",
                 "");
  ExpectRejected(Decode("<?xml version=\"1.0\"?>\n<!DOCTYPE AvrrCase SYSTEM "
                        "\"http://example.org/avrr.dtd\">\n" +
                        Case(kMinimal)),
                 "line 2", "");
  // The billion laughs need entity declarations: refused by the byte scan.
  ExpectRejected(Decode("<!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b "
                        "\"&a;&a;&a;&a;\">]>\n" +
                        Case(kMinimal)),
                 "line 1", "");
  // An undeclared entity is not well-formed.
  const pv1::DecodeResponse r =
      Decode(Case(std::string(kMinimal) + "  <Note>&xxe;</Note>\n"));
  EXPECT_EQ(r.commands_size(), 0);
  ASSERT_EQ(r.errors_size(), 1);
  EXPECT_EQ(r.errors(0).record(), "line 6");
}

TEST(IomAvrrTest, XIncludeIsRefused) {
  for (const char* ns :
       {"http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"}) {
    const pv1::DecodeResponse r =
        Decode(Case(std::string(kMinimal) + "  <xi:include xmlns:xi=\"" + ns +
                    "\" href=\"file:///etc/passwd\" parse=\"text\"/>\n"));
    ExpectRejected(r, "line 6", "");
  }
  // Also as an attribute's namespace.
  ExpectRejected(
      Decode(Case(kMinimal,
                  "version=\"1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                  "xi:href=\"x\"")),
      "line 1", "");
}

TEST(IomAvrrTest, DeepNestingIsRefusedNotFollowed) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<Note>";
  const pv1::DecodeResponse r = Decode(Case(deep));
  EXPECT_EQ(r.commands_size(), 0);
  EXPECT_GT(r.errors_size(), 0);
}

// libxml2 2.9 checks a tag's attributes for duplicates in quadratic time:
// a tag with too many is refused before parsing, naming its line. What
// looks like an attribute in a comment, a CDATA section or a quoted value
// does not count.
TEST(IomAvrrTest, ATagWithTooManyAttributesIsRefusedBeforeParsing) {
  std::string crowded;
  for (int i = 0; i < 100000; ++i)
    crowded += " a" + std::to_string(i) + "=\"\"";
  const pv1::DecodeResponse r =
      Decode(Case(std::string(kMinimal) + "<Note" + crowded + "/>"));
  ASSERT_EQ(r.errors_size(), 1) << testutil::ErrorsText(r);
  EXPECT_EQ(r.errors(0).record(), "line 6");
  EXPECT_EQ(r.errors(0).reason(), "an element with more than 32 attributes");

  std::string many_equals;
  for (int i = 0; i < 100; ++i) many_equals += "a=b ";
  const pv1::DecodeResponse fine = Decode(
      Case(std::string(kMinimal) + "<!-- " + many_equals +
               "-->\n<Note><![CDATA[" + many_equals + "]]></Note>\n",
           "version=\"1\" xmlns:x=\"urn:x\" x:y=\"" + many_equals + "a>b\""));
  EXPECT_EQ(fine.errors_size(), 0) << testutil::ErrorsText(fine);
}

TEST(IomAvrrTest, LibxmlPrintsNothing) {
  testing::internal::CaptureStderr();
  Decode(Sample("bad-not-well-formed.xml"));
  Decode(Case(std::string(kMinimal) + "<Note>&xxe;</Note><x:y/>"));
  Decode("<AvrrCase");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

// ---- Envelope
// -------------------------------------------------------------------

TEST(IomAvrrTest, CrlfBomAndEncodingDeclaration) {
  const std::string crlf =
      absl::StrReplaceAll(Sample("good-case.xml"), {{"\n", "\r\n"}});
  for (const std::string& payload : {crlf, "\xEF\xBB\xBF" + crlf}) {
    const pv1::DecodeResponse r = Decode(payload);
    ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
    EXPECT_EQ(r.commands(0).update_assisted_return().assisted_return().note(),
              "Escort arranged to airport & back.");
  }
  // A stale encoding declaration does not turn UTF-8 into mojibake.
  const pv1::DecodeResponse latin =
      Decode("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
             Case(std::string(kMinimal) + "<Note>Tolk på flyplassen</Note>"));
  ASSERT_EQ(latin.errors_size(), 0) << testutil::ErrorsText(latin);
  EXPECT_EQ(latin.commands(0).update_assisted_return().assisted_return().note(),
            "Tolk på flyplassen");
}

TEST(IomAvrrTest, EmptyAndBrokenPayloads) {
  ExpectRejected(Decode(""), "payload", "");
  ExpectRejected(Decode("   \n"), "line 2", "");
  ExpectRejected(Decode(Case(kMinimal) + "<AvrrCase/>"), "line 7", "");
  // UTF-16 is not UTF-8; neither are NUL bytes.
  ExpectRejected(Decode(std::string("\xFF\xFE<\0A\0", 6)), "line 1", "");
  ExpectRejected(Decode(std::string("<\0?\0x\0m\0l\0", 10)), "line 1", "");
  ExpectRejected(Decode(Case(std::string(kMinimal) + "<Note>\xC3\x28</Note>")),
                 "line 6", "");
}

TEST(IomAvrrTest, WrongContentType) {
  const std::string payload = Sample("good-case.xml");
  ExpectRejected(Decode(payload, "application/xml"), "payload", "");
  ExpectRejected(Decode(payload, "text/xml; profile=iom-avrr-1"), "payload",
                 "");
  ExpectRejected(Decode(payload, ""), "payload", "");
  EXPECT_EQ(Decode(payload, "application/xml;profile=iom-avrr-1;charset=utf-8")
                .commands_size(),
            1);
}

// ---- Elements and values
// -----------------------------------------------------------

TEST(IomAvrrTest, Version) {
  ExpectRejected(Decode(Case(kMinimal, "")), "/AvrrCase", "@version");
  ExpectRejected(Decode(Case(kMinimal, "version=\"2\"")), "/AvrrCase",
                 "@version");
}

TEST(IomAvrrTest, EveryStatus) {
  for (const char* status : {"RECEIVED", "ASSESSMENT", "ELIGIBLE",
                             "NOT_ELIGIBLE", "TRAVEL_DOCUMENTS", "WITHDRAWN"}) {
    const pv1::DecodeResponse r =
        Decode(Case(std::string("<HubReferral>R-2026-000400</HubReferral>"
                                "<Status>") +
                    status +
                    "</Status><StatusDate>2026-11-28</StatusDate>"
                    "<Destination country=\"RO\"/>"));
    EXPECT_EQ(r.errors_size(), 0) << status << testutil::ErrorsText(r);
  }
  const pv1::DecodeResponse departed = Decode(
      Case("<HubReferral>R-2026-000400</HubReferral><Status> DEPARTED </Status>"
           "<StatusDate>2026-12-10</StatusDate><DepartureDate>2026-12-10"
           "</DepartureDate><Destination country=\"RO\"/>"));
  ASSERT_EQ(departed.errors_size(), 0) << testutil::ErrorsText(departed);
  EXPECT_EQ(
      departed.commands(0).update_assisted_return().assisted_return().status(),
      hv1::ASSISTED_RETURN_STATUS_DEPARTED);
  ExpectRejected(
      Decode(Case("<HubReferral>R-2026-000400</HubReferral><Status>DEPARTED"
                  "</Status><StatusDate>2026-12-10</StatusDate>"
                  "<DepartureDate/><Destination country=\"RO\"/>")),
      "/AvrrCase", "DepartureDate");
  ExpectRejected(
      Decode(Case("<HubReferral>R-2026-000400</HubReferral><Status>received"
                  "</Status><StatusDate>2026-12-10</StatusDate>"
                  "<Destination country=\"RO\"/>")),
      "/AvrrCase", "Status");
}

TEST(IomAvrrTest, RequiredElements) {
  ExpectRejected(Decode(Case("<Status>RECEIVED</Status><StatusDate>2026-11-28"
                             "</StatusDate><Destination country=\"RO\"/>")),
                 "/AvrrCase", "HubReferral");
  ExpectRejected(
      Decode(Case("<HubReferral>R-2026-000400</HubReferral><StatusDate>"
                  "2026-11-28</StatusDate><Destination country=\"RO\"/>")),
      "/AvrrCase", "Status");
  ExpectRejected(Decode(Case("<HubReferral>R-2026-000400</HubReferral><Status>"
                             "RECEIVED</Status><Destination country=\"RO\"/>")),
                 "/AvrrCase", "StatusDate");
  ExpectRejected(Decode(Case("<HubReferral>R-2026-000400</HubReferral><Status>"
                             "RECEIVED</Status><StatusDate>2026-11-28"
                             "</StatusDate>")),
                 "/AvrrCase", "Destination");
  ExpectRejected(Decode(Case("<HubReferral>R-2026-000400</HubReferral><Status>"
                             "RECEIVED</Status><StatusDate>2026-11-28"
                             "</StatusDate><Destination/>")),
                 "/AvrrCase", "Destination");
}

TEST(IomAvrrTest, ValueChecks) {
  const std::string base = kMinimal;
  ExpectRejected(
      Decode(Case(absl::StrReplaceAll(base, {{"2026-11-28", "2026-02-30"}}))),
      "/AvrrCase", "StatusDate");
  ExpectRejected(
      Decode(Case(absl::StrReplaceAll(base, {{"2026-11-28", "28.11.2026"}}))),
      "/AvrrCase", "StatusDate");
  ExpectRejected(
      Decode(Case(absl::StrReplaceAll(base, {{"R-2026-000400", "R-26-400"}}))),
      "/AvrrCase", "HubReferral");
  ExpectRejected(Decode(Case(absl::StrReplaceAll(
                     base, {{"country=\"RO\"", "country=\"ro\""}}))),
                 "/AvrrCase", "Destination");
  ExpectRejected(
      Decode(Case(base + "<HousingNeededUntil>soon</HousingNeededUntil>")),
      "/AvrrCase", "HousingNeededUntil");
  ExpectRejected(Decode(Case(base + "<CaseRef>IOM-SE-2026-0042</CaseRef>")),
                 "/AvrrCase", "CaseRef");
  ExpectRejected(Decode(Case(base + "<CaseRef>IOM-NO-2026-42</CaseRef>")),
                 "/AvrrCase", "CaseRef");
  ExpectRejected(Decode(Case(base + "<CaseRef>IOM-NO-2026-" +
                             std::string(29, '1') + "</CaseRef>")),
                 "/AvrrCase", "CaseRef");
  EXPECT_EQ(Decode(Case(base + "<CaseRef>IOM-NO-2026-" + std::string(28, '1') +
                        "</CaseRef>"))
                .errors_size(),
            0);
  // The programme's and the note's lengths are the core's to refuse
  // (ValidateUpdateAssistedReturn): the plugin passes them on as written.
  const pv1::DecodeResponse long_texts =
      Decode(Case(base + "<Programme>" + std::string(81, 'x') +
                  "</Programme><Note>" + std::string(501, 'y') + "</Note>"));
  ASSERT_EQ(long_texts.errors_size(), 0) << testutil::ErrorsText(long_texts);
  const hv1::AssistedReturn& passed =
      long_texts.commands(0).update_assisted_return().assisted_return();
  EXPECT_EQ(passed.programme(), std::string(81, 'x'));
  EXPECT_EQ(passed.note(), std::string(501, 'y'));
  // CDATA reads as text.
  const pv1::DecodeResponse cdata =
      Decode(Case(base + "<Note><![CDATA[a <b> & c]]></Note>"));
  ASSERT_EQ(cdata.errors_size(), 0) << testutil::ErrorsText(cdata);
  EXPECT_EQ(cdata.commands(0).update_assisted_return().assisted_return().note(),
            "a <b> & c");
  // Empty optional elements are as good as none.
  EXPECT_EQ(Decode(Case(base + "<Note/><CaseRef></CaseRef>")).errors_size(), 0);
}

TEST(IomAvrrTest, StructureChecks) {
  const std::string base = kMinimal;
  ExpectRejected(Decode(Case(base + "<Status>RECEIVED</Status>")), "/AvrrCase",
                 "Status");
  ExpectRejected(Decode(Case(base + "<Note><b>x</b></Note>")), "/AvrrCase",
                 "Note");
  ExpectRejected(Decode(Case(base + "stray text")), "/AvrrCase", "");
  ExpectRejected(
      Decode(Case(base + "<o:Note xmlns:o=\"urn:other\">x</o:Note>")),
      "/AvrrCase", "Note");
  ExpectRejected(Decode("<AvrrCase version=\"1\">" + base + "</AvrrCase>"),
                 "/AvrrCase", "");
  ExpectRejected(Decode("<Referral xmlns=\"urn:iom:no:avrr:1\"/>"), "/", "");
  // Prefixed elements in the right namespace are fine.
  EXPECT_EQ(Decode("<a:AvrrCase xmlns:a=\"urn:iom:no:avrr:1\" version=\"1\">"
                   "<a:HubReferral>R-2026-000400</a:HubReferral>"
                   "<a:Status>RECEIVED</a:Status>"
                   "<a:StatusDate>2026-11-28</a:StatusDate>"
                   "<a:Destination country=\"RO\"/></a:AvrrCase>")
                .errors_size(),
            0);
}

TEST(IomAvrrTest, UnknownElementsAreWarnings) {
  const pv1::DecodeResponse r = Decode(
      Case(std::string(kMinimal) + "<Escort>yes</Escort><!-- c --><?pi x?>"));
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  EXPECT_EQ(r.commands_size(), 1);
  ASSERT_EQ(r.warnings_size(), 1);
  EXPECT_EQ(r.warnings(0).record(), "/AvrrCase");
  EXPECT_EQ(r.warnings(0).field(), "");
}

TEST(IomAvrrTest, BatchChecks) {
  ExpectRejected(Decode("<AvrrBatch xmlns=\"urn:iom:no:avrr:1\"/>"),
                 "/AvrrBatch", "");
  const std::string good =
      "<AvrrCase version=\"1\">" + std::string(kMinimal) + "</AvrrCase>";
  const std::string bad_second =
      "<AvrrCase version=\"1\">" +
      absl::StrReplaceAll(std::string(kMinimal), {{"RECEIVED", "LOST"}}) +
      "</AvrrCase>";
  ExpectRejected(Decode("<AvrrBatch xmlns=\"urn:iom:no:avrr:1\">" + good +
                        bad_second + "</AvrrBatch>"),
                 "/AvrrBatch/AvrrCase[2]", "Status");
  ExpectRejected(Decode("<AvrrBatch xmlns=\"urn:iom:no:avrr:1\">" + good +
                        "<Other/></AvrrBatch>"),
                 "/AvrrBatch", "");
  ExpectRejected(Decode("<AvrrBatch xmlns=\"urn:iom:no:avrr:1\" "
                        "version=\"7\">" +
                        good + "</AvrrBatch>"),
                 "/AvrrBatch", "@version");
  // Errors in several cases are all reported.
  const pv1::DecodeResponse r =
      Decode("<AvrrBatch xmlns=\"urn:iom:no:avrr:1\">" + bad_second + good +
             bad_second + "</AvrrBatch>");
  EXPECT_EQ(r.commands_size(), 0);
  ASSERT_EQ(r.errors_size(), 2);
  EXPECT_EQ(r.errors(0).record(), "/AvrrBatch/AvrrCase[1]");
  EXPECT_EQ(r.errors(1).record(), "/AvrrBatch/AvrrCase[3]");
}

TEST(IomAvrrTest, ErrorsNeverQuoteThePayload) {
  const std::string m = "XYZZY";
  const std::string base = kMinimal;
  const std::string payloads[] = {
      Case(absl::StrReplaceAll(base, {{"RECEIVED", m}})),
      Case(absl::StrReplaceAll(base, {{"R-2026-000400", m}})),
      Case(absl::StrReplaceAll(base, {{"2026-11-28", m}})),
      Case(absl::StrReplaceAll(base, {{"\"RO\"", "\"" + m + "\""}})),
      Case(base + "<CaseRef>" + m + "</CaseRef>"),
      Case(base + "<Note>" + std::string(600, 'x') + "<b>" + m + "</b></Note>"),
      Case(base + "<" + m + ">x</" + m + ">"),
      Case(base + "<o:" + m + " xmlns:o=\"urn:" + m + "\"/>"),
      Case(base + "<Note>" + m + "</" + m + ">"),
      Case(base + "<Note>&" + m + ";</Note>"),
      Case(base + "<" + m + ":Note/>"),
      Case(base, "version=\"" + m + "\""),
      "<" + m + " xmlns=\"urn:iom:no:avrr:1\"/>",
      "<AvrrCase xmlns=\"urn:" + m + "\" version=\"1\"/>",
      "<!DOCTYPE " + m + ">",
      m,
  };
  for (const std::string& payload : payloads) {
    const pv1::DecodeResponse r = Decode(payload);
    EXPECT_GT(r.errors_size() + r.warnings_size(), 0) << payload;
    for (const auto* list : {&r.errors(), &r.warnings()}) {
      for (const pv1::RecordError& e : *list) {
        EXPECT_EQ(e.record().find(m), std::string::npos) << payload;
        EXPECT_EQ(e.field().find(m), std::string::npos) << payload;
        EXPECT_EQ(e.reason().find(m), std::string::npos) << payload;
        EXPECT_EQ(e.reason().find("xxxx"), std::string::npos) << payload;
      }
    }
  }
}

TEST(IomAvrrTest, ParallelDecodes) {
  const std::string good = Sample("good-batch.xml");
  const std::string bad = Sample("bad-not-well-formed.xml");
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (Decode(good).commands_size() != 2) ++failures;
        if (Decode(bad).errors(0).record() != "line 3") ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace rosa::plugin::iom_avrr
