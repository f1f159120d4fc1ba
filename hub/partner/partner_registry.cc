#include "hub/partner/partner_registry.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/name_rule.h"
#include "nlohmann/json.hpp"

namespace rosa {
namespace {

using json = nlohmann::json;

absl::Status FieldError(size_t index, std::string_view field,
                        std::string_view reason) {
  return absl::InvalidArgumentError(
      absl::StrCat("partner registry: partners[", index, "].",
                   std::string(field), ": ", std::string(reason)));
}

absl::StatusOr<std::string> RequiredString(const json& obj, size_t index,
                                           const char* field) {
  auto it = obj.find(field);
  if (it == obj.end() || !it->is_string()) {
    return FieldError(index, field, "required string");
  }
  return it->get<std::string>();
}

absl::StatusOr<Facility> ParseFacility(const json& obj, size_t index,
                                       size_t f) {
  const std::string where = absl::StrCat("facilities[", f, "]");
  if (!obj.is_object()) return FieldError(index, where, "must be an object");
  Facility facility;
  for (const char* key : {"id", "name"}) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string() || it->get<std::string>().empty()) {
      return FieldError(index, absl::StrCat(where, ".", key),
                        "required non-empty string");
    }
  }
  facility.id = obj["id"].get<std::string>();
  facility.name = obj["name"].get<std::string>();
  if (!IsValidPartnerId(facility.id)) {
    return FieldError(index, absl::StrCat(where, ".id"),
                      "lower-case letters, digits and '-' only");
  }
  if (auto it = obj.find("region"); it != obj.end()) {
    if (!it->is_string()) {
      return FieldError(index, absl::StrCat(where, ".region"),
                        "must be a string");
    }
    facility.region = it->get<std::string>();
  }
  if (auto it = obj.find("address"); it != obj.end()) {
    if (!it->is_string()) {
      return FieldError(index, absl::StrCat(where, ".address"),
                        "must be a string");
    }
    facility.address = it->get<std::string>();
  }
  if (auto it = obj.find("secret_address"); it != obj.end()) {
    if (!it->is_boolean()) {
      return FieldError(index, absl::StrCat(where, ".secret_address"),
                        "must be true or false");
    }
    facility.secret_address = it->get<bool>();
  }
  return facility;
}

absl::StatusOr<Partner> ParsePartner(const json& obj, size_t index) {
  if (!obj.is_object()) return FieldError(index, "", "must be an object");
  Partner p;
  auto id = RequiredString(obj, index, "id");
  if (!id.ok()) return id.status();
  p.id = *id;
  if (!IsValidPartnerId(p.id)) {
    return FieldError(index, "id",
                      "2-63 lower-case letters, digits and '-' expected");
  }
  auto name = RequiredString(obj, index, "display_name");
  if (!name.ok()) return name.status();
  p.display_name = *name;
  auto kind = RequiredString(obj, index, "kind");
  if (!kind.ok()) return kind.status();
  p.kind = PartnerKindFromName(*kind);
  if (p.kind == rosa::hub::v1::PARTNER_KIND_UNSPECIFIED) {
    return FieldError(index, "kind",
                      "one of coordinator, shelter, safe_house, "
                      "reinforced_housing, assisted_return, legal_counsel");
  }
  auto enabled = obj.find("enabled");
  if (enabled == obj.end() || !enabled->is_boolean()) {
    return FieldError(index, "enabled", "required true or false");
  }
  p.enabled = enabled->get<bool>();
  if (auto it = obj.find("admits_genders"); it != obj.end()) {
    if (!it->is_array()) {
      return FieldError(index, "admits_genders", "must be a list");
    }
    for (const json& g : *it) {
      const auto gender = g.is_string() ? GenderFromName(g.get<std::string>())
                                        : rosa::hub::v1::GENDER_UNSPECIFIED;
      if (gender == rosa::hub::v1::GENDER_UNSPECIFIED) {
        return FieldError(index, "admits_genders",
                          "each one of woman, man, trans, unknown");
      }
      p.admits_genders.push_back(gender);
    }
  }
  if (auto it = obj.find("plugin"); it != obj.end()) {
    if (!it->is_string() || !IsValidName(it->get<std::string>())) {
      return FieldError(index, "plugin",
                        absl::StrCat("must be a plugin name, ", kNameRule));
    }
    p.plugin = it->get<std::string>();
  }
  if (auto it = obj.find("file_drop"); it != obj.end()) {
    if (!it->is_boolean()) {
      return FieldError(index, "file_drop", "must be true or false");
    }
    if (it->get<bool>() && p.plugin.empty()) {
      return FieldError(index, "file_drop", "needs a plugin");
    }
    p.file_drop = it->get<bool>();
  }
  if (auto it = obj.find("facilities"); it != obj.end()) {
    if (!it->is_array())
      return FieldError(index, "facilities", "must be a list");
    for (size_t f = 0; f < it->size(); ++f) {
      auto facility = ParseFacility((*it)[f], index, f);
      if (!facility.ok()) return facility.status();
      p.facilities.push_back(std::move(*facility));
    }
  }
  return p;
}

}  // namespace

absl::StatusOr<PartnerRegistry> PartnerRegistry::LoadFile(
    const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("partner registry: cannot read ", path.string()));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return FromJson(buffer.str());
}

absl::StatusOr<PartnerRegistry> PartnerRegistry::FromJson(
    std::string_view text) {
  json doc = json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return absl::InvalidArgumentError("partner registry: not valid JSON");
  }
  if (!doc.is_object() || !doc.contains("partners") ||
      !doc["partners"].is_array()) {
    return absl::InvalidArgumentError(
        "partner registry: expected an object with a \"partners\" list");
  }
  std::vector<Partner> partners;
  const json& list = doc["partners"];
  for (size_t i = 0; i < list.size(); ++i) {
    auto p = ParsePartner(list[i], i);
    if (!p.ok()) return p.status();
    partners.push_back(std::move(*p));
  }
  return FromPartners(std::move(partners));
}

absl::StatusOr<PartnerRegistry> PartnerRegistry::FromPartners(
    std::vector<Partner> partners) {
  auto map = std::make_shared<Map>();
  std::set<std::string> facility_ids;
  for (size_t i = 0; i < partners.size(); ++i) {
    Partner& p = partners[i];
    if (!IsValidPartnerId(p.id)) return FieldError(i, "id", "malformed");
    for (const Facility& f : p.facilities) {
      if (!facility_ids.insert(f.id).second) {
        return FieldError(
            i, "facilities",
            absl::StrCat("facility id '", f.id, "' is used twice"));
      }
    }
    std::string id = p.id;
    if (!map->emplace(id, std::move(p)).second) {
      return FieldError(i, "id", absl::StrCat("'", id, "' is used twice"));
    }
  }
  PartnerRegistry registry;
  {
    absl::MutexLock lock(&registry.mu_);
    registry.partners_ = std::move(map);
  }
  return registry;
}

PartnerRegistry::PartnerRegistry() : partners_(std::make_shared<Map>()) {}

PartnerRegistry::PartnerRegistry(PartnerRegistry&& other) noexcept {
  absl::MutexLock lock(&other.mu_);
  partners_ = std::exchange(other.partners_, std::make_shared<Map>());
  retired_ = std::move(other.retired_);
}

PartnerRegistry& PartnerRegistry::operator=(PartnerRegistry&& other) noexcept {
  if (this == &other) return *this;
  std::shared_ptr<const Map> partners;
  std::vector<std::shared_ptr<const Map>> retired;
  {
    absl::MutexLock lock(&other.mu_);
    partners = std::exchange(other.partners_, std::make_shared<Map>());
    retired = std::move(other.retired_);
  }
  absl::MutexLock lock(&mu_);
  retired_.push_back(std::move(partners_));
  for (auto& r : retired) retired_.push_back(std::move(r));
  partners_ = std::move(partners);
  return *this;
}

std::shared_ptr<const PartnerRegistry::Map> PartnerRegistry::Current() const {
  absl::MutexLock lock(&mu_);
  return partners_;
}

const Partner* PartnerRegistry::Find(std::string_view id) const {
  // The map stays alive after a Reload (retired_), so the pointer does too.
  const std::shared_ptr<const Map> partners = Current();
  auto it = partners->find(id);
  return it == partners->end() ? nullptr : &it->second;
}

const Partner* PartnerRegistry::FindEnabled(std::string_view id) const {
  const Partner* p = Find(id);
  return (p != nullptr && p->enabled) ? p : nullptr;
}

namespace {

// `text`'s letters and digits, ASCII lowered; every byte of a multi-byte
// UTF-8 letter (æ, ø, å) kept as it is.
std::string LettersAndDigits(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      out.push_back(c);
    } else if (std::isalnum(u)) {
      out.push_back(static_cast<char>(std::tolower(u)));
    }
  }
  return out;
}

}  // namespace

bool PartnerRegistry::HoldsSecretAddress(std::string_view text) const {
  const std::string letters = LettersAndDigits(text);
  if (letters.empty()) return false;
  for (const auto& [id, p] : *Current()) {
    for (const Facility& f : p.facilities) {
      if (!f.secret_address) continue;
      const std::string address = LettersAndDigits(f.address);
      if (!address.empty() && letters.find(address) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

std::vector<const Partner*> PartnerRegistry::All() const {
  std::vector<const Partner*> out;
  for (const auto& [id, p] : *Current()) out.push_back(&p);
  return out;
}

std::vector<std::string> PartnerRegistry::CoordinatorIds() const {
  std::vector<std::string> out;
  for (const auto& [id, p] : *Current()) {
    if (p.enabled && p.is_coordinator()) out.push_back(id);
  }
  return out;
}

namespace {

bool SameFacilities(const std::vector<Facility>& a,
                    const std::vector<Facility>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Facility& x, const Facility& y) {
                      return x.id == y.id && x.name == y.name &&
                             x.region == y.region && x.address == y.address &&
                             x.secret_address == y.secret_address;
                    });
}

absl::Status NeedsRestart(const std::string& id, std::string_view what) {
  return absl::FailedPreconditionError(
      absl::StrCat("partner registry: partner ", id, ": ", std::string(what),
                   " needs a restart; the running registry is unchanged"));
}

// OK if a running hub can go from `from` to `to`: see partner_registry.h.
absl::Status CheckReloadable(
    const std::map<std::string, Partner, std::less<>>& from,
    const std::map<std::string, Partner, std::less<>>& to) {
  for (const auto& [id, old] : from) {
    if (!to.contains(id)) {
      return NeedsRestart(id, "removing a partner (disable it instead)");
    }
  }
  for (const auto& [id, p] : to) {
    auto it = from.find(id);
    if (it == from.end()) {
      if (!p.facilities.empty() || !p.plugin.empty() || p.file_drop) {
        return NeedsRestart(
            id, "adding a partner with facilities, a plugin or a file drop");
      }
      continue;
    }
    const Partner& old = it->second;
    if (p.kind != old.kind) return NeedsRestart(id, "changing kind");
    if (!SameFacilities(p.facilities, old.facilities)) {
      return NeedsRestart(id, "changing facilities");
    }
    if (p.admits_genders != old.admits_genders) {
      return NeedsRestart(id, "changing admits_genders");
    }
    if (p.plugin != old.plugin || p.file_drop != old.file_drop) {
      return NeedsRestart(id, "changing plugin or file_drop");
    }
    // The plugin and folders of a partner disabled at start were never
    // checked or made.
    if (p.enabled && !old.enabled && (!p.plugin.empty() || p.file_drop)) {
      return NeedsRestart(id, "enabling a partner with a plugin or file drop");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PartnerRegistry::Reload(PartnerRegistry next) {
  std::shared_ptr<const Map> to = next.Current();
  absl::MutexLock lock(&mu_);
  if (absl::Status s = CheckReloadable(*partners_, *to); !s.ok()) return s;
  retired_.push_back(std::move(partners_));
  partners_ = std::move(to);
  return absl::OkStatus();
}

}  // namespace rosa
