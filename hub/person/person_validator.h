// Checks of RegisterPersonRequest. Errors are INVALID_ARGUMENT naming the
// field and the rule, never echoing a value: the values identify a person.
// Thread-safety: pure functions.
#ifndef ROSA_HUB_PERSON_PERSON_VALIDATOR_H_
#define ROSA_HUB_PERSON_PERSON_VALIDATOR_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "rosa/hub/v1/person_service.pb.h"

namespace rosa {

inline constexpr int kMaxNameLength = 100;            // Unicode code points.
inline constexpr int kMaxContactAddressLength = 300;  // Unicode code points.
inline constexpr int kMinBirthYear = 1900;

// Everything but the two rules of the field the desk enforces itself
// (consent to registration present; adults only). `now` decides the
// current year (in Oslo) and what is in the future.
absl::Status ValidateRegisterPerson(
    const rosa::hub::v1::RegisterPersonRequest& request, absl::Time now);

// True if the person is, or may be, under 18 at `now`: flagged possibly
// a minor, under 18 by the exact birth date when given, or born less than
// 18 calendar years ago by birth year.
// REQUIRES: the request passed ValidateRegisterPerson.
bool IsPossiblyMinor(const rosa::hub::v1::RegisterPersonRequest& request,
                     absl::Time now);

// "1994-03-07": a real calendar date in ISO 8601 extended form.
bool IsIsoDate(std::string_view text);
// 12 ASCII digits.
bool IsDufNumber(std::string_view text);
// E.164: '+', a non-zero digit, then 6 to 14 more digits.
bool IsE164(std::string_view text);

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_PERSON_VALIDATOR_H_
