#include "hub/audit/audit_access.h"

namespace rosa::audit {

absl::Status CheckAuditReader(const Partner& caller) {
  if (!caller.is_coordinator()) {
    return absl::PermissionDeniedError(
        "the audit log is open to the coordinator only");
  }
  return absl::OkStatus();
}

}  // namespace rosa::audit
