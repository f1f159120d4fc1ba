// The iom-avrr encoder: AvrrReferral documents, read back with libxml2.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <map>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "plugins/iom_avrr/iom_avrr.h"

namespace rosa::plugin::iom_avrr {
namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

constexpr char kNs[] = "urn:iom:no:avrr:1";

const IomAvrrPlugin& Plugin() {
  static const IomAvrrPlugin plugin;
  return plugin;
}

pv1::EncodeRequest Submitted() {
  pv1::EncodeRequest request;
  hv1::Event& event = *request.mutable_event();
  event.set_cursor(12);
  hv1::ReferralEvent& re = *event.mutable_referral();
  re.set_kind(hv1::ReferralEvent::KIND_SUBMITTED);
  hv1::Referral& r = *re.mutable_referral();
  r.set_id("R-2026-000400");
  r.set_type(hv1::REFERRAL_TYPE_ASSISTED_RETURN);
  r.set_sender("rosa");
  r.set_recipient("iom");
  hv1::PersonFacts& f = *r.mutable_facts();
  f.set_gender(hv1::GENDER_WOMAN);
  f.set_age(31);
  f.set_nationality("RO");
  f.add_languages("ro");
  f.add_languages("en");
  hv1::PersonIdentity& id = *r.mutable_shared_identity();
  id.set_given_name("Ana Maria");
  id.set_family_name("Popescu");
  id.set_birth_date("1994-03-07");
  id.set_duf_number("201912345678");
  id.set_phone("+4790000000");
  request.mutable_recipient()->set_partner_id("iom");
  request.mutable_recipient()->set_kind(hv1::PARTNER_KIND_ASSISTED_RETURN);
  request.mutable_contact()->set_organisation("ROSA");
  request.mutable_contact()->set_phone("+47 22 33 11 60");
  return request;
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

// Element paths ("Person/GivenNames", "Languages/Language[2]") to text,
// checking every element is in the namespace.
class Parsed {
 public:
  explicit Parsed(const std::string& xml)
      : doc_(xmlReadMemory(
            xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8",
            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) {
    if (doc_ == nullptr) return;
    root_ = xmlDocGetRootElement(doc_.get());
    Walk(root_, "");
  }
  bool ok() const { return root_ != nullptr; }
  const xmlNode* root() const { return root_; }
  std::map<std::string, std::string> values;
  bool all_in_namespace = true;

 private:
  void Walk(const xmlNode* node, const std::string& prefix) {
    std::map<std::string, int> seen;
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (c->ns == nullptr ||
          std::string(reinterpret_cast<const char*>(c->ns->href)) != kNs) {
        all_in_namespace = false;
      }
      std::string name = reinterpret_cast<const char*>(c->name);
      if (++seen[name] > 1) name += "[" + std::to_string(seen[name]) + "]";
      const std::string path = prefix + name;
      bool has_elements = false;
      for (const xmlNode* g = c->children; g != nullptr; g = g->next) {
        has_elements = has_elements || g->type == XML_ELEMENT_NODE;
      }
      if (has_elements) {
        values[path] = "<elements>";
        Walk(c, path + "/");
      } else {
        xmlChar* text = xmlNodeGetContent(c);
        values[path] = text ? reinterpret_cast<const char*>(text) : "";
        xmlFree(text);
      }
    }
  }

  std::unique_ptr<xmlDoc, DocFree> doc_;
  const xmlNode* root_ = nullptr;
};

TEST(IomAvrrEncodeTest, RoundTrip) {
  const pv1::EncodeResponse r = Plugin().Encode(Submitted());
  ASSERT_FALSE(r.has_error()) << r.error().reason();
  ASSERT_EQ(r.payloads_size(), 1);
  EXPECT_EQ(r.payloads(0).content_type(),
            "application/xml; profile=iom-avrr-1");
  EXPECT_EQ(r.payloads(0).name(), "R-2026-000400-avrr-referral");
  const std::string& xml = r.payloads(0).payload();
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);

  Parsed p(xml);
  ASSERT_TRUE(p.ok()) << xml;
  EXPECT_STREQ(reinterpret_cast<const char*>(p.root()->name), "AvrrReferral");
  ASSERT_NE(p.root()->ns, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(p.root()->ns->href), kNs);
  xmlChar* version =
      xmlGetProp(p.root(), reinterpret_cast<const xmlChar*>("version"));
  ASSERT_NE(version, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(version), "1");
  xmlFree(version);
  EXPECT_TRUE(p.all_in_namespace);

  const std::map<std::string, std::string> expected = {
      {"HubReferral", "R-2026-000400"}, {"Programme", "VulnerableGroups"},
      {"Person", "<elements>"},         {"Person/GivenNames", "Ana Maria"},
      {"Person/FamilyName", "Popescu"}, {"Person/BirthDate", "1994-03-07"},
      {"Person/Nationality", "RO"},     {"Person/DufNumber", "201912345678"},
      {"DestinationCountry", "RO"},     {"Languages", "<elements>"},
      {"Languages/Language", "ro"},     {"Languages/Language[2]", "en"},
      {"HousingArranged", "false"},     {"Contact", "<elements>"},
      {"Contact/Organisation", "ROSA"}, {"Contact/Phone", "+47 22 33 11 60"},
  };
  EXPECT_EQ(p.values, expected);
  // The identity's phone has no place in the format and is not sent.
  EXPECT_EQ(xml.find("+4790000000"), std::string::npos);
}

TEST(IomAvrrEncodeTest, ValuesAreEscaped) {
  pv1::EncodeRequest request = Submitted();
  hv1::Referral& r =
      *request.mutable_event()->mutable_referral()->mutable_referral();
  r.mutable_shared_identity()->set_family_name(
      "O'Neil <&\"> </FamilyName><DufNumber>1</DufNumber>");
  r.mutable_shared_identity()->set_given_name(
      "A\x01"
      "B\xEF\xBF\xBE"
      "C");
  const pv1::EncodeResponse response = Plugin().Encode(request);
  ASSERT_EQ(response.payloads_size(), 1);
  const std::string& xml = response.payloads(0).payload();
  EXPECT_NE(xml.find("&lt;&amp;"), std::string::npos) << xml;
  Parsed p(xml);
  ASSERT_TRUE(p.ok()) << xml;
  EXPECT_EQ(p.values["Person/FamilyName"],
            "O'Neil <&\"> </FamilyName><DufNumber>1</DufNumber>");
  EXPECT_EQ(p.values["Person/DufNumber"], "201912345678");
  // Characters XML cannot carry become spaces.
  EXPECT_EQ(p.values["Person/GivenNames"], "A B C");
}

TEST(IomAvrrEncodeTest, AssistedReturnDetailsAndAbsentFields) {
  pv1::EncodeRequest request = Submitted();
  hv1::Referral& r =
      *request.mutable_event()->mutable_referral()->mutable_referral();
  r.mutable_assisted_return()->set_programme("Other");
  r.mutable_assisted_return()->set_destination_country("MD");
  r.mutable_assisted_return()->set_housing_needed_until("2026-12-10");
  hv1::PersonIdentity& id = *r.mutable_shared_identity();
  id.clear_given_name();
  id.clear_duf_number();
  r.mutable_facts()->clear_languages();
  request.clear_contact();
  const pv1::EncodeResponse response = Plugin().Encode(request);
  ASSERT_EQ(response.payloads_size(), 1);
  Parsed p(response.payloads(0).payload());
  ASSERT_TRUE(p.ok());
  const std::map<std::string, std::string> expected = {
      {"HubReferral", "R-2026-000400"},   {"Programme", "Other"},
      {"Person", "<elements>"},           {"Person/FamilyName", "Popescu"},
      {"Person/BirthDate", "1994-03-07"}, {"Person/Nationality", "RO"},
      {"DestinationCountry", "MD"},       {"HousingArranged", "true"},
  };
  EXPECT_EQ(p.values, expected);
}

TEST(IomAvrrEncodeTest, NoIdentityNoReferral) {
  pv1::EncodeRequest request = Submitted();
  request.mutable_event()
      ->mutable_referral()
      ->mutable_referral()
      ->clear_shared_identity();
  const pv1::EncodeResponse r = Plugin().Encode(request);
  EXPECT_EQ(r.payloads_size(), 0);
  EXPECT_EQ(r.error().record(), "R-2026-000400");
  EXPECT_EQ(r.error().field(), "Person");
  EXPECT_EQ(r.error().reason(),
            "no identity attached: the hub sends an AvrrReferral only under a "
            "consent covering IOM");
}

TEST(IomAvrrEncodeTest, BadValuesAreErrors) {
  pv1::EncodeRequest request = Submitted();
  request.mutable_event()
      ->mutable_referral()
      ->mutable_referral()
      ->mutable_shared_identity()
      ->set_family_name("\xC3\x28");
  pv1::EncodeResponse r = Plugin().Encode(request);
  EXPECT_EQ(r.payloads_size(), 0);
  EXPECT_EQ(r.error().record(), "R-2026-000400");
  EXPECT_EQ(r.error().field(), "FamilyName");

  request = Submitted();
  request.mutable_event()->mutable_referral()->mutable_referral()->set_id("x");
  r = Plugin().Encode(request);
  EXPECT_EQ(r.payloads_size(), 0);
  EXPECT_EQ(r.error().record(), "event 12");
}

TEST(IomAvrrEncodeTest, OtherEventsRenderNothing) {
  pv1::EncodeRequest request = Submitted();
  hv1::ReferralEvent& re = *request.mutable_event()->mutable_referral();
  re.set_kind(hv1::ReferralEvent::KIND_STATUS_CHANGED);
  EXPECT_EQ(Plugin().Encode(request).payloads_size(), 0);
  re.set_kind(hv1::ReferralEvent::KIND_ASSISTED_RETURN_UPDATED);
  EXPECT_EQ(Plugin().Encode(request).payloads_size(), 0);

  request = Submitted();
  request.mutable_event()->mutable_referral()->mutable_referral()->set_type(
      hv1::REFERRAL_TYPE_PLACEMENT);
  EXPECT_EQ(Plugin().Encode(request).payloads_size(), 0);

  pv1::EncodeRequest withdrawn;
  withdrawn.mutable_event()->mutable_consent_withdrawn()->set_person_id("P-1");
  const pv1::EncodeResponse r = Plugin().Encode(withdrawn);
  EXPECT_EQ(r.payloads_size(), 0);
  EXPECT_FALSE(r.has_error());
}

}  // namespace
}  // namespace rosa::plugin::iom_avrr
