// Who may read the audit log (its checkpoints, proofs, verification and
// extracts): the coordinator alone. The one home of that rule, for the
// gRPC AuditService and the console's audit page alike.
// Thread-safety: a pure function.
#ifndef ROSA_HUB_AUDIT_AUDIT_ACCESS_H_
#define ROSA_HUB_AUDIT_AUDIT_ACCESS_H_

#include "absl/status/status.h"
#include "hub/partner/partner.h"

namespace rosa::audit {

// OK for the coordinator; PERMISSION_DENIED for any other partner.
absl::Status CheckAuditReader(const Partner& caller);

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_AUDIT_ACCESS_H_
