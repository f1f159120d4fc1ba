// A registered partner: who it is, what kind of help it gives and which
// facilities it runs. Plain value types. Thread-safe: immutable once built.
#ifndef ROSA_HUB_PARTNER_PARTNER_H_
#define ROSA_HUB_PARTNER_PARTNER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/name_rule.h"
#include "rosa/hub/v1/partner.pb.h"
#include "rosa/hub/v1/person_facts.pb.h"

namespace rosa {

using PartnerKind = rosa::hub::v1::PartnerKind;

// A place where people are housed or helped, run by a partner.
struct Facility {
  std::string id;
  std::string name;
  std::string region;
  // Street address, for facilities whose address may be shared.
  std::string address;
  // A secret address is never sent to any partner nor written to a log or
  // an error; `address` is then only for the hub's own registry.
  bool secret_address = false;
};

struct Partner {
  // A name (common/name_rule.h); also the identity in the partner's
  // client certificate.
  std::string id;
  std::string display_name;
  PartnerKind kind = rosa::hub::v1::PARTNER_KIND_UNSPECIFIED;
  std::vector<Facility> facilities;
  // Whom the partner takes for placement; empty means everyone. Filemon
  // takes men only, Lauras hus women (with their children) only.
  std::vector<rosa::hub::v1::Gender> admits_genders;
  bool enabled = false;
  // The plugin that speaks this partner's own format ("ks-csv", "filemon"),
  // or empty for a partner that uses only the native gRPC API. A plugin
  // name (common/name_rule.h).
  std::string plugin;
  // Exchange files through var/exchange/<id>/{inbox,outbox,...} as well.
  bool file_drop = false;
  // Set only on the copy the web console acts with: the named person
  // (a console user, "kari") who acts for this partner. The desks write it
  // into the audit entries of what they do (AuditEntry.actor_person);
  // empty for a call made with the partner's certificate. Never part of
  // the registry.
  std::string person;

  bool is_coordinator() const {
    return kind == rosa::hub::v1::PARTNER_KIND_COORDINATOR;
  }
};

// "coordinator", "shelter", ... as written in the registry file.
absl::string_view PartnerKindName(PartnerKind kind);
// The inverse; PARTNER_KIND_UNSPECIFIED for an unknown name.
PartnerKind PartnerKindFromName(std::string_view name);

// "woman", "man", "trans", "unknown" as written in the registry file.
rosa::hub::v1::Gender GenderFromName(std::string_view name);
absl::string_view GenderName(rosa::hub::v1::Gender gender);

// True for a well-formed partner id (see Partner::id).
inline bool IsValidPartnerId(std::string_view id) { return IsValidName(id); }

}  // namespace rosa

#endif  // ROSA_HUB_PARTNER_PARTNER_H_
