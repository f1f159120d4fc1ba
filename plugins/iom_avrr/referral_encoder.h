// Renders the hub's assisted-return referrals for IOM as an AvrrReferral
// document: the referral id, programme, the person's identity as far as the
// consent the core checked allows, destination, languages, whether housing
// is arranged until departure, and ROSA's contact desk. Built with libxml2's
// tree API, so every value is escaped; only what the minimised event carries
// is rendered. Other events mean nothing to IOM and render as no payload.
//
// Thread-safety: thread-safe once xmlInitParser() has run.
#ifndef ROSA_PLUGINS_IOM_AVRR_REFERRAL_ENCODER_H_
#define ROSA_PLUGINS_IOM_AVRR_REFERRAL_ENCODER_H_

#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::iom_avrr {

rosa::plugin::v1::EncodeResponse EncodeEvent(
    const rosa::plugin::v1::EncodeRequest& request);

}  // namespace rosa::plugin::iom_avrr

#endif  // ROSA_PLUGINS_IOM_AVRR_REFERRAL_ENCODER_H_
