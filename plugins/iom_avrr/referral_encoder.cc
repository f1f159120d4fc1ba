#include "plugins/iom_avrr/referral_encoder.h"

#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "plugins/iom_avrr/avrr_decoder.h"
#include "plugins/iom_avrr/content_type.h"
#include "plugins/iom_avrr/safe_xml.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::iom_avrr {
namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

constexpr char kDefaultProgramme[] = "VulnerableGroups";

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

// XML 1.0 has no place for most control characters or U+FFFE/U+FFFF, even
// escaped; they become spaces. `value` is valid UTF-8.
std::string XmlChars(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<uint8_t>(value[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out.push_back(' ');
      continue;
    }
    if (c == 0xEF && i + 2 < value.size() &&
        static_cast<uint8_t>(value[i + 1]) == 0xBF &&
        (static_cast<uint8_t>(value[i + 2]) == 0xBE ||
         static_cast<uint8_t>(value[i + 2]) == 0xBF)) {
      out.push_back(' ');
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

class DocumentBuilder {
 public:
  explicit DocumentBuilder(std::string record) : record_(std::move(record)) {
    doc_.reset(xmlNewDoc(X("1.0")));
    if (doc_ == nullptr) {
      Fail("", "the document could not be built");
      return;
    }
    root_ = xmlNewDocNode(doc_.get(), nullptr, X("AvrrReferral"), nullptr);
    if (root_ == nullptr) {
      Fail("", "the document could not be built");
      return;
    }
    xmlDocSetRootElement(doc_.get(), root_);
    ns_ = xmlNewNs(root_, X(std::string(kNamespace).c_str()), nullptr);
    xmlSetNs(root_, ns_);
    xmlNewProp(root_, X("version"), X("1"));
  }

  bool ok() const { return error_.reason().empty(); }
  const pv1::RecordError& error() const { return error_; }
  xmlNode* root() const { return root_; }

  void Fail(std::string field, std::string reason) {
    if (!ok()) return;
    error_ = MakeError(record_, std::move(field), std::move(reason));
  }

  // A child element with escaped text; `name` is one of ours.
  xmlNode* Text(xmlNode* parent, const char* name, std::string_view value) {
    if (!ok() || parent == nullptr) return nullptr;
    if (!IsValidUtf8(value)) {
      Fail(name, "not valid UTF-8");
      return nullptr;
    }
    const std::string text = XmlChars(value);
    xmlNode* node = xmlNewTextChild(parent, ns_, X(name), X(text.c_str()));
    if (node == nullptr) Fail(name, "the element could not be built");
    return node;
  }

  // A child element for others to fill.
  xmlNode* Element(xmlNode* parent, const char* name) {
    if (!ok() || parent == nullptr) return nullptr;
    xmlNode* node = xmlNewChild(parent, ns_, X(name), nullptr);
    if (node == nullptr) Fail(name, "the element could not be built");
    return node;
  }

  std::string Serialise() {
    if (!ok()) return "";
    xmlChar* memory = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc_.get(), &memory, &size, "UTF-8", 1);
    if (memory == nullptr || size < 0) {
      if (memory != nullptr) xmlFree(memory);
      Fail("", "the document could not be written");
      return "";
    }
    std::string out(reinterpret_cast<const char*>(memory),
                    static_cast<size_t>(size));
    xmlFree(memory);
    return out;
  }

 private:
  const std::string record_;
  XmlDocPtr doc_;
  xmlNode* root_ = nullptr;
  xmlNs* ns_ = nullptr;
  pv1::RecordError error_;
};

pv1::EncodeResponse Referral(const pv1::EncodeRequest& request) {
  pv1::EncodeResponse response;
  const hv1::Referral& referral = request.event().referral().referral();
  if (!ids::IsReferralId(referral.id())) {
    return RefuseEvent(request.event(), "HubReferral",
                       "the event's referral id is missing or malformed");
  }
  const std::string& record = referral.id();
  // The core attaches the identity only under a consent covering IOM; the
  // format has no referral without a person.
  if (!referral.has_shared_identity()) {
    *response.mutable_error() =
        MakeError(record, "Person",
                  "no identity attached: the hub sends an AvrrReferral only "
                  "under a consent covering IOM");
    return response;
  }

  DocumentBuilder b(record);
  xmlNode* root = b.root();
  b.Text(root, "HubReferral", referral.id());
  b.Text(root, "Programme",
         referral.assisted_return().programme().empty()
             ? kDefaultProgramme
             : referral.assisted_return().programme());

  const hv1::PersonIdentity& identity = referral.shared_identity();
  const hv1::PersonFacts& facts = referral.facts();
  xmlNode* person = b.Element(root, "Person");
  // Only what the consent let through; PersonIdentity has no travel
  // document status, so TravelDocument is never rendered.
  if (!identity.given_name().empty()) {
    b.Text(person, "GivenNames", identity.given_name());
  }
  if (!identity.family_name().empty()) {
    b.Text(person, "FamilyName", identity.family_name());
  }
  if (!identity.birth_date().empty()) {
    b.Text(person, "BirthDate", identity.birth_date());
  }
  if (!facts.nationality().empty()) {
    b.Text(person, "Nationality", facts.nationality());
  }
  if (!identity.duf_number().empty()) {
    b.Text(person, "DufNumber", identity.duf_number());
  }

  const std::string& destination =
      !referral.assisted_return().destination_country().empty()
          ? referral.assisted_return().destination_country()
          : facts.nationality();
  if (!destination.empty()) b.Text(root, "DestinationCountry", destination);

  if (!facts.languages().empty()) {
    xmlNode* languages = b.Element(root, "Languages");
    for (const std::string& language : facts.languages()) {
      b.Text(languages, "Language", language);
    }
  }
  b.Text(root, "HousingArranged",
         referral.assisted_return().housing_needed_until().empty() ? "false"
                                                                   : "true");

  const pv1::Contact& contact = request.contact();
  if (!contact.organisation().empty() || !contact.phone().empty()) {
    xmlNode* node = b.Element(root, "Contact");
    if (!contact.organisation().empty()) {
      b.Text(node, "Organisation", contact.organisation());
    }
    if (!contact.phone().empty()) b.Text(node, "Phone", contact.phone());
  }

  std::string xml = b.Serialise();
  if (!b.ok()) {
    *response.mutable_error() = b.error();
    return response;
  }
  pv1::EncodedPayload& payload = *response.add_payloads();
  payload.set_content_type(std::string(kContentType));
  payload.set_payload(std::move(xml));
  payload.set_name(absl::StrCat(referral.id(), "-avrr-referral"));
  return response;
}

}  // namespace

pv1::EncodeResponse EncodeEvent(const pv1::EncodeRequest& request) {
  const hv1::Event& event = request.event();
  if (!event.has_referral() ||
      event.referral().kind() != hv1::ReferralEvent::KIND_SUBMITTED ||
      event.referral().referral().type() !=
          hv1::REFERRAL_TYPE_ASSISTED_RETURN) {
    return pv1::EncodeResponse();
  }
  return Referral(request);
}

}  // namespace rosa::plugin::iom_avrr
