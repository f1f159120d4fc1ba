// libFuzzer target for the iom-avrr plugin: the hardened XML decoder on any
// bytes, and the AvrrReferral encoder with the input as every free value,
// checking the document it writes is well-formed and gives the value back.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "plugins/iom_avrr/content_type.h"
#include "plugins/iom_avrr/iom_avrr.h"
#include "plugins/sdk/text.h"

namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;
using rosa::plugin::iom_avrr::IomAvrrPlugin;

const IomAvrrPlugin& Plugin() {
  // Built on first use: the constructor runs xmlInitParser().
  static const IomAvrrPlugin* plugin = new IomAvrrPlugin();
  return *plugin;
}

// The first element named `name` below `node`, or nullptr.
const xmlNode* Find(const xmlNode* node, const char* name) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (std::strcmp(reinterpret_cast<const char*>(c->name), name) == 0) {
      return c;
    }
    if (const xmlNode* found = Find(c, name)) return found;
  }
  return nullptr;
}

void CheckEncode(const std::string& value) {
  pv1::EncodeRequest request;
  hv1::ReferralEvent& event = *request.mutable_event()->mutable_referral();
  event.set_kind(hv1::ReferralEvent::KIND_SUBMITTED);
  hv1::Referral& referral = *event.mutable_referral();
  referral.set_id("R-2026-000400");
  referral.set_type(hv1::REFERRAL_TYPE_ASSISTED_RETURN);
  referral.mutable_shared_identity()->set_family_name(value);
  referral.mutable_shared_identity()->set_given_name(value);
  referral.mutable_facts()->add_languages(value);
  request.mutable_contact()->set_organisation(value);
  const pv1::EncodeResponse response = Plugin().Encode(request);
  if (response.payloads_size() != 1) std::abort();
  const std::string& xml = response.payloads(0).payload();
  xmlDoc* doc =
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                        XML_PARSE_HUGE);
  if (doc == nullptr) std::abort();
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) std::abort();
  const xmlNode* family = Find(root, "FamilyName");
  // Rendered when there is a value; holding nothing but text.
  if ((family == nullptr) != value.empty()) std::abort();
  for (const xmlNode* c = family ? family->children : nullptr; c != nullptr;
       c = c->next) {
    if (c->type != XML_TEXT_NODE) std::abort();
  }
  // No value grows elements of its own.
  if (Find(root, "DufNumber") != nullptr) std::abort();
  xmlFreeDoc(doc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  pv1::DecodeRequest decode;
  decode.set_content_type(std::string(rosa::plugin::iom_avrr::kContentType));
  decode.set_payload(input);
  const pv1::DecodeResponse decoded = Plugin().Decode(decode);
  if (decoded.errors_size() > 0 && decoded.commands_size() > 0) std::abort();
  if (decoded.errors_size() == 0 && decoded.commands_size() == 0) std::abort();

  if (rosa::plugin::IsValidUtf8(input)) CheckEncode(input);
  return 0;
}
