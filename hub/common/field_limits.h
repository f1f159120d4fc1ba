// Limits of meaning that several kinds of record share, so that a person, a
// referral, a placement need and a journal record agree on them. A limit
// that belongs to one kind of record stays with that record's validator.
//
// Thread-safety: constants only.
#ifndef ROSA_HUB_COMMON_FIELD_LIMITS_H_
#define ROSA_HUB_COMMON_FIELD_LIMITS_H_

#include <cstdint>

namespace rosa {

// The most children any count of children may name: a person's profile,
// the accompanying children of a referral's facts and of a placement need,
// and a journal record's children (accompanying or in the home country).
inline constexpr uint32_t kMaxChildren = 20;

// Adults only: ROSA assists people of this age or over. Where only the
// birth year is known, the age in a year is that year minus the birth year
// (the annual report's definition, ../shared/annual-report.md 2.4).
inline constexpr int kAdultAge = 18;

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_FIELD_LIMITS_H_
