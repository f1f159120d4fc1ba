#include "plugins/iom_avrr/avrr_decoder.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/iso_codes.h"
#include "plugins/sdk/local_time.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::iom_avrr {
namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

constexpr size_t kMaxCaseRef = 40;
constexpr char kRequired[] = "required";

// The children of AvrrCase the format defines.
constexpr std::string_view kCaseChildren[] = {
    "CaseRef",       "HubReferral",        "Programme",
    "Status",        "StatusDate",         "Destination",
    "DepartureDate", "HousingNeededUntil", "Note"};

struct StatusName {
  std::string_view name;
  hv1::AssistedReturnStatus status;
};
constexpr StatusName kStatuses[] = {
    {"RECEIVED", hv1::ASSISTED_RETURN_STATUS_RECEIVED},
    {"ASSESSMENT", hv1::ASSISTED_RETURN_STATUS_ASSESSMENT},
    {"ELIGIBLE", hv1::ASSISTED_RETURN_STATUS_ELIGIBLE},
    {"NOT_ELIGIBLE", hv1::ASSISTED_RETURN_STATUS_NOT_ELIGIBLE},
    {"TRAVEL_DOCUMENTS", hv1::ASSISTED_RETURN_STATUS_TRAVEL_DOCUMENTS},
    {"TRAVEL_BOOKED", hv1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED},
    {"DEPARTED", hv1::ASSISTED_RETURN_STATUS_DEPARTED},
    {"WITHDRAWN", hv1::ASSISTED_RETURN_STATUS_WITHDRAWN},
};

std::string_view Name(const xmlNode* node) {
  return node->name == nullptr
             ? std::string_view()
             : std::string_view(reinterpret_cast<const char*>(node->name));
}

bool InNamespace(const xmlNode* node) {
  return node->ns != nullptr && node->ns->href != nullptr &&
         std::string_view(reinterpret_cast<const char*>(node->ns->href)) ==
             kNamespace;
}

bool IsCaseChild(std::string_view name) {
  for (std::string_view known : kCaseChildren) {
    if (known == name) return true;
  }
  return false;
}

bool IsBlankText(const xmlNode* node) {
  return node->content == nullptr ||
         Trim(reinterpret_cast<const char*>(node->content)).empty();
}

// An attribute without a namespace, or nullopt when absent.
std::optional<std::string> Attribute(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->ns != nullptr || a->name == nullptr ||
        std::string_view(reinterpret_cast<const char*>(a->name)) != name) {
      continue;
    }
    std::string value;
    // ParseSafely let through only text children in attributes.
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) {
        value += reinterpret_cast<const char*>(c->content);
      }
    }
    return value;
  }
  return std::nullopt;
}

// "IOM-NO-2026-0042": a year and at least four digits, at most 40
// characters in all.
bool IsCaseRef(std::string_view s) {
  constexpr std::string_view kPrefix = "IOM-NO-";
  if (s.size() > kMaxCaseRef || s.size() < kPrefix.size() + 9 ||
      s.substr(0, kPrefix.size()) != kPrefix) {
    return false;
  }
  s.remove_prefix(kPrefix.size());
  if (s[4] != '-') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i != 4 && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

// Decodes one AvrrCase element.
class CaseReader {
 public:
  CaseReader(const xmlNode* element, std::string path,
             pv1::DecodeResponse& response)
      : element_(element), path_(std::move(path)), response_(response) {}

  std::optional<pv1::HubCommand> Read() {
    if (std::optional<std::string> version = Attribute(element_, "version");
        !version || *version != "1") {
      Error("@version", version ? "must be 1" : "required (version=\"1\")");
    }
    CollectChildren();

    pv1::HubCommand command;
    command.set_record(path_);
    hv1::UpdateAssistedReturnRequest& request =
        *command.mutable_update_assisted_return();
    hv1::AssistedReturn& ar = *request.mutable_assisted_return();

    if (std::optional<std::string> id = Text("HubReferral", kRequired)) {
      if (ids::IsReferralId(*id)) {
        request.set_referral_id(*id);
      } else {
        Error("HubReferral", "must be a referral id like R-2026-000123");
      }
    }
    if (std::optional<std::string> ref = Text("CaseRef", nullptr)) {
      if (IsCaseRef(*ref)) {
        ar.set_iom_case_ref(*ref);
      } else {
        Error("CaseRef",
              "must look like IOM-NO-2026-0042, at most 40 characters");
      }
    }
    // The programme's and the note's lengths are the core's to check.
    if (std::optional<std::string> programme = Text("Programme", nullptr)) {
      ar.set_programme(*programme);
    }
    if (std::optional<std::string> status = Text("Status", kRequired)) {
      for (const StatusName& s : kStatuses) {
        if (s.name == *status) ar.set_status(s.status);
      }
      if (ar.status() == hv1::ASSISTED_RETURN_STATUS_UNSPECIFIED) {
        Error("Status",
              "must be one of RECEIVED, ASSESSMENT, ELIGIBLE, NOT_ELIGIBLE, "
              "TRAVEL_DOCUMENTS, TRAVEL_BOOKED, DEPARTED, WITHDRAWN");
      }
    }
    if (std::optional<std::string> date = Date("StatusDate", kRequired)) {
      ar.set_status_date(*date);
    }
    const bool booked =
        ar.status() == hv1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED ||
        ar.status() == hv1::ASSISTED_RETURN_STATUS_DEPARTED;
    if (std::optional<std::string> date =
            Date("DepartureDate",
                 booked ? "required from TRAVEL_BOOKED on" : nullptr)) {
      ar.set_departure_date(*date);
    }
    if (std::optional<std::string> date = Date("HousingNeededUntil", nullptr)) {
      ar.set_housing_needed_until(*date);
    }
    ReadDestination(ar);
    if (std::optional<std::string> note = Text("Note", nullptr)) {
      ar.set_note(*note);
    }

    if (failed_) return std::nullopt;
    return command;
  }

 private:
  void Error(std::string field, std::string reason) {
    failed_ = true;
    *response_.add_errors() =
        MakeError(path_, std::move(field), std::move(reason));
  }

  void CollectChildren() {
    int position = 0;
    for (const xmlNode* c = element_->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (!IsBlankText(c)) Error("", "text outside the elements");
        continue;
      }
      if (c->type != XML_ELEMENT_NODE) continue;  // comments, PIs
      ++position;
      const std::string_view name = Name(c);
      if (!IsCaseChild(name)) {
        // The name may be anything the sender wrote: say where, not what.
        if (!InNamespace(c)) {
          Error("",
                absl::StrCat("child element ", position,
                             " is not in namespace ", std::string(kNamespace)));
        } else {
          *response_.add_warnings() =
              MakeError(path_, "",
                        absl::StrCat("child element ", position,
                                     " is not part of the format; ignored"));
        }
        continue;
      }
      if (!InNamespace(c)) {
        Error(std::string(name),
              absl::StrCat("not in namespace ", std::string(kNamespace)));
        continue;
      }
      if (!children_.emplace(std::string(name), c).second) {
        Error(std::string(name), "appears more than once");
      }
    }
  }

  // The trimmed text of a child element; nullopt when absent or empty
  // (with the error `missing` if that is not null) or when it holds
  // elements (an error).
  std::optional<std::string> Text(const std::string& name,
                                  const char* missing) {
    auto it = children_.find(name);
    if (it == children_.end()) {
      if (missing != nullptr) Error(name, missing);
      return std::nullopt;
    }
    std::string text;
    for (const xmlNode* c = it->second->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content != nullptr) {
          text += reinterpret_cast<const char*>(c->content);
        }
      } else if (c->type == XML_ELEMENT_NODE) {
        Error(name, "must hold text only");
        return std::nullopt;
      }
    }
    std::string trimmed(Trim(text));
    if (trimmed.empty()) {
      // An empty optional element is as good as none.
      if (missing != nullptr) Error(name, missing);
      return std::nullopt;
    }
    return trimmed;
  }

  std::optional<std::string> Date(const std::string& name,
                                  const char* missing) {
    std::optional<std::string> text = Text(name, missing);
    if (!text) return std::nullopt;
    absl::StatusOr<absl::CivilDay> day = ParseIsoDate(*text);
    if (!day.ok()) {
      // The SDK's messages describe the notation, never the value.
      Error(name, std::string(day.status().message()));
      return std::nullopt;
    }
    return FormatIsoDate(*day);
  }

  void ReadDestination(hv1::AssistedReturn& ar) {
    auto it = children_.find("Destination");
    if (it == children_.end()) {
      Error("Destination", "required, with a country attribute");
      return;
    }
    for (const xmlNode* c = it->second->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE ||
          ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
           !IsBlankText(c))) {
        Error("Destination", "must be empty: the country is an attribute");
        return;
      }
    }
    std::optional<std::string> country = Attribute(it->second, "country");
    if (!country || Trim(*country).empty()) {
      Error("Destination", "the country attribute is required");
    } else if (!IsIso3166Alpha2(Trim(*country))) {
      Error("Destination",
            "country must be an ISO 3166-1 alpha-2 code such as RO");
    } else {
      ar.set_destination_country(std::string(Trim(*country)));
    }
  }

  const xmlNode* element_;
  const std::string path_;
  pv1::DecodeResponse& response_;
  std::map<std::string, const xmlNode*> children_;
  bool failed_ = false;
};

void DecodeBatch(const xmlNode* batch, pv1::DecodeResponse& response) {
  const std::string path = "/AvrrBatch";
  if (std::optional<std::string> version = Attribute(batch, "version");
      version && *version != "1") {
    *response.add_errors() = MakeError(path, "@version", "must be 1");
  }
  int cases = 0;
  int position = 0;
  for (const xmlNode* c = batch->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (!IsBlankText(c)) {
        *response.add_errors() =
            MakeError(path, "", "text outside the elements");
      }
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    ++position;
    if (Name(c) != "AvrrCase") {
      *response.add_errors() = MakeError(
          path, "",
          absl::StrCat("child element ", position,
                       " is not an AvrrCase; a batch holds only AvrrCase"));
      continue;
    }
    ++cases;
    const std::string case_path = absl::StrCat(path, "/AvrrCase[", cases, "]");
    if (!InNamespace(c)) {
      *response.add_errors() =
          MakeError(case_path, "",
                    absl::StrCat("not in namespace ", std::string(kNamespace)));
      continue;
    }
    if (std::optional<pv1::HubCommand> command =
            CaseReader(c, case_path, response).Read()) {
      *response.add_commands() = std::move(*command);
    }
  }
  if (cases == 0 && response.errors_size() == 0) {
    *response.add_errors() = MakeError(path, "", "the batch holds no AvrrCase");
  }
}

}  // namespace

pv1::DecodeResponse DecodeAvrrDocument(const xmlDoc& doc) {
  pv1::DecodeResponse response;
  const xmlNode* root = xmlDocGetRootElement(&doc);
  const std::string_view name =
      root == nullptr ? std::string_view() : Name(root);
  if (name != "AvrrCase" && name != "AvrrBatch") {
    *response.add_errors() =
        MakeError("/", "", "the root element must be AvrrCase or AvrrBatch");
    return response;
  }
  const std::string path = absl::StrCat("/", std::string(name));
  if (!InNamespace(root)) {
    *response.add_errors() = MakeError(
        path, "", absl::StrCat("not in namespace ", std::string(kNamespace)));
    return response;
  }
  if (name == "AvrrCase") {
    if (std::optional<pv1::HubCommand> command =
            CaseReader(root, path, response).Read()) {
      *response.add_commands() = std::move(*command);
    }
  } else {
    DecodeBatch(root, response);
  }
  if (response.errors_size() > 0) response.clear_commands();
  return response;
}

}  // namespace rosa::plugin::iom_avrr
