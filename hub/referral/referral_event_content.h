// What the outbox keeps out of events, put back when a partner reads them
// (Outbox::Read, ReadOutboxPage): free text opened from the text vault, and
// referral events kept by reference rebuilt as the referral was at their
// version (ReferralAsOf), minimised for their reader as ReferralDesk::Publish
// did when it kept them (ViewFor). A reader who can no longer see the
// referral (no longer registered or a coordinator) gets only its id.
// Thread-safety: immutable; safe to use from any number of threads, each
// with its own connection.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_EVENT_CONTENT_H_
#define ROSA_HUB_REFERRAL_REFERRAL_EVENT_CONTENT_H_

#include <string>

#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"

namespace rosa {

class ReferralEventContent final : public EventContent {
 public:
  // REQUIRES: both outlive this.
  ReferralEventContent(const PartnerRegistry* registry,
                       const SealedTexts* texts)
      : registry_(registry), texts_(texts) {}

  absl::StatusOr<std::string> Open(store::Connection& conn,
                                   const std::string& object_id,
                                   const std::string& field) const override {
    return texts_->Open(conn, object_id, field);
  }

  absl::Status RebuildReferralEvent(
      store::Connection& conn, const std::string& partner,
      rosa::hub::v1::ReferralEvent& event) const override;

 private:
  const PartnerRegistry* registry_;
  const SealedTexts* texts_;
};

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_EVENT_CONTENT_H_
