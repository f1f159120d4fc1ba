// The handoff package: what a lawyer receives when ROSA hands a case over
// (content type application/vnd.rosa.handoff.v1+json, schema
// "rosa-handoff/1"), and the encode step that sends it with its printable
// page. Both renderings come from one checked HandoffPackage, so the JSON
// and the page cannot say different things.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_ADVOKAT_HANDOFF_PACKAGE_H_
#define ROSA_PLUGINS_ADVOKAT_HANDOFF_PACKAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::advokat {

// A handoff in the package's words. Empty strings and lists are values the
// event did not carry: they are left out of both renderings.
struct HandoffPackage {
  std::string handoff_id;
  std::optional<absl::Time> created_at;
  // The PersonIdentity fields that are set, in the message's order, under
  // their proto field names. Empty when the core attached no identity
  // (it does only under a consent that covers the lawyer).
  std::vector<std::pair<std::string, std::string>> identity;
  std::string case_summary;
  std::string residence_status;       // "asylum_seeker", ...
  std::string exploitation_form;      // "forced_labour", ...
  std::vector<std::string> purposes;  // "identification", ...
  uint32_t granted_quarter_hours = 0;
  std::string contact_organisation;
  std::string contact_phone;
};

// Reads `handoff` as the lawyer may see it. Fails with InvalidArgument
// "<field>: <reason>" when a value is missing or has no word in the format.
absl::StatusOr<HandoffPackage> MakeHandoffPackage(
    const rosa::hub::v1::Handoff& handoff,
    const rosa::plugin::v1::Contact& contact);

// The JSON package.
nlohmann::ordered_json PackageJson(const HandoffPackage& package);

// A new handoff (no ledger yet) becomes two payloads: the JSON package and
// the printable page. Every other event yields none.
rosa::plugin::v1::EncodeResponse EncodeHandoff(
    const rosa::plugin::v1::EncodeRequest& request);

}  // namespace rosa::plugin::advokat

#endif  // ROSA_PLUGINS_ADVOKAT_HANDOFF_PACKAGE_H_
