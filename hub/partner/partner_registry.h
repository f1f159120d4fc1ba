// The partner registry: which partners exist, what they are and whether they
// are enabled, loaded from a JSON file at start-up. Identity comes from the
// client certificate; this registry decides whether that identity may act.
// Thread-safe: immutable after Load.
#ifndef ROSA_HUB_PARTNER_PARTNER_REGISTRY_H_
#define ROSA_HUB_PARTNER_PARTNER_REGISTRY_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/partner/partner.h"

namespace rosa {

class PartnerRegistry {
 public:
  // Parses the registry file. Format:
  //   {"partners": [{"id": "ks-oslo", "display_name": "Oslo krisesenter",
  //                  "kind": "shelter", "enabled": true,
  //                  "admits_genders": ["woman"],          (optional)
  //                  "facilities": [{"id": "ks-oslo", "name": "...",
  //                                  "region": "oslo",
  //                                  "address": "...",     (optional)
  //                                  "secret_address": true}]}]}
  // Errors name the partner index and field.
  static absl::StatusOr<PartnerRegistry> LoadFile(
      const std::filesystem::path& path);
  static absl::StatusOr<PartnerRegistry> FromJson(std::string_view json);
  static absl::StatusOr<PartnerRegistry> FromPartners(
      std::vector<Partner> partners);

  // The partner with this id, registered and enabled; nullptr otherwise.
  const Partner* FindEnabled(std::string_view id) const;
  // The partner with this id whether enabled or not; nullptr if unknown.
  const Partner* Find(std::string_view id) const;

  // Every partner, enabled or not, ordered by id.
  std::vector<const Partner*> All() const;
  // Ids of the enabled coordinators (ROSA), ordered.
  std::vector<std::string> CoordinatorIds() const;

 private:
  std::map<std::string, Partner, std::less<>> partners_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PARTNER_PARTNER_REGISTRY_H_
