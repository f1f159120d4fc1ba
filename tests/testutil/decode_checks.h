// What the plugins' decoder tests ask of a decode: a request as the plugin
// host builds it, the errors of a response as text for a failure message,
// and the check that a payload was refused whole, with one precise error.
//
// Example:
//   const auto r = plugin.Decode(rosa::testutil::DecodeRequestFrom(
//       "iom", hub::v1::PARTNER_KIND_ASSISTED_RETURN, kType, payload));
//   rosa::testutil::ExpectRejected(r, "line 3", "ledige", "kapasitet");
//
// Thread-safety: pure functions (the checks report to GoogleTest).
#ifndef ROSA_TESTS_TESTUTIL_DECODE_CHECKS_H_
#define ROSA_TESTS_TESTUTIL_DECODE_CHECKS_H_

#include <string>

#include "rosa/hub/v1/partner.pb.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::testutil {

// A request to decode `payload` of `content_type` sent by `partner_id`.
rosa::plugin::v1::DecodeRequest DecodeRequestFrom(
    const std::string& partner_id, rosa::hub::v1::PartnerKind kind,
    const std::string& content_type, const std::string& payload);

// One line per error: "record | field | reason".
std::string ErrorsText(const rosa::plugin::v1::DecodeResponse& response);

// Expects no command and exactly one error, at `record` and `field`, with
// a reason that is not empty and holds `reason_part`.
void ExpectRejected(const rosa::plugin::v1::DecodeResponse& response,
                    const std::string& record, const std::string& field,
                    const std::string& reason_part = "");

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_DECODE_CHECKS_H_
