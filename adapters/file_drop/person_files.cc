#include "adapters/file_drop/person_files.h"

#include "hub/outbox/free_text.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

std::optional<IdentitySubject> PersonFileSubject(const Partner& partner,
                                                 const v1::Event& event) {
  if (auto subject = IdentitySubjectOf(partner, event)) return subject;
  // free_text.h is the one home of which fields are free text.
  v1::Event copy = event;
  if (TakeEventFreeText(copy).empty()) return std::nullopt;
  if (event.has_referral()) {
    const v1::Referral& r = event.referral().referral();
    if (!r.person_ref().empty()) return IdentitySubject{r.person_ref(), r.id()};
  }
  if (event.has_handoff()) {
    const v1::Handoff& h = event.handoff().handoff();
    if (!h.person_id().empty()) return IdentitySubject{h.person_id(), h.id()};
  }
  return std::nullopt;
}

}  // namespace rosa
