// The partner registry: which partners exist, what they are and whether they
// are enabled, loaded from a JSON file at start-up and reloaded on SIGHUP.
// Identity comes from the client certificate; this registry decides whether
// that identity may act.
//
// A running hub takes only the changes that need no restart (Reload):
// enabling or disabling a partner, renaming it, and adding a partner that
// runs no facility and speaks through no plugin or file drop. Everything
// else (facilities, kinds, plugins, removing a partner) is refused and the
// current registry stays.
//
// Thread-safe: lookups may run while Reload swaps in new contents. A Partner
// pointer handed out stays valid for the registry's life (old contents are
// kept), and shows the partner as it was when looked up.
#ifndef ROSA_HUB_PARTNER_PARTNER_REGISTRY_H_
#define ROSA_HUB_PARTNER_PARTNER_REGISTRY_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "hub/partner/partner.h"

namespace rosa {

class PartnerRegistry {
 public:
  PartnerRegistry();
  // REQUIRES: no other thread uses `other`.
  PartnerRegistry(PartnerRegistry&& other) noexcept;
  PartnerRegistry& operator=(PartnerRegistry&& other) noexcept;

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
  // True when `text` holds the address of a facility whose address is
  // secret, compared by letters and digits only (case, spaces and
  // punctuation aside): "hemmeligveien 3,0150 OSLO" holds
  // "Hemmeligveien 3, 0150 Oslo". For refusing such an address where the
  // hub would keep or pass it on (a person's contact address).
  bool HoldsSecretAddress(std::string_view text) const;

  // Makes `next`'s partners this registry's for every later lookup, if the
  // change needs no restart (see above); otherwise FAILED_PRECONDITION
  // naming the partner and what changed, and nothing changes.
  absl::Status Reload(PartnerRegistry next) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  using Map = std::map<std::string, Partner, std::less<>>;

  std::shared_ptr<const Map> Current() const ABSL_LOCKS_EXCLUDED(mu_);

  mutable absl::Mutex mu_;
  std::shared_ptr<const Map> partners_ ABSL_GUARDED_BY(mu_);
  // Every earlier version, so that pointers into them stay valid.
  std::vector<std::shared_ptr<const Map>> retired_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa

#endif  // ROSA_HUB_PARTNER_PARTNER_REGISTRY_H_
