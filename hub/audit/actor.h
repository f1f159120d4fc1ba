// Who an audit entry says acted: the partner (AuditEntry.actor) and, for
// an action taken through the web console, the named person who acted for
// it (AuditEntry.actor_person, "kari" in ks-oslo/kari; see
// Partner::person). Desks build it from their caller with ActorOf, so a
// call made with the partner's certificate records the partner alone.
// Thread-safety: plain values and pure functions. Header-only.
#ifndef ROSA_HUB_AUDIT_ACTOR_H_
#define ROSA_HUB_AUDIT_ACTOR_H_

#include <string>

#include "hub/partner/partner.h"
#include "rosa/hub/v1/audit.pb.h"

namespace rosa::audit {

struct Actor {
  std::string partner;
  std::string person;
};

inline Actor ActorOf(const Partner& caller) {
  return Actor{caller.id, caller.person};
}

inline void SetActor(rosa::hub::v1::AuditEntry& entry, const Actor& actor) {
  entry.set_actor(actor.partner);
  entry.set_actor_person(actor.person);
}

}  // namespace rosa::audit

#endif  // ROSA_HUB_AUDIT_ACTOR_H_
