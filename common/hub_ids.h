// The hub's yearly ids, in one place for the core (which issues and checks
// them) and every plugin (which reads them from partner formats):
// "<prefix>-<year>-<number>", a year from 2000 to 2999 and a number of
// 6 to 9 digits, zero-padded to 6: "R-2026-000123", and after referral
// 999 999 of a year "R-2026-1000000". Prefixes: R referral, H handoff,
// I hotline inquiry, J journal record.
//
// Thread-safety: pure functions.
#ifndef ROSA_COMMON_HUB_IDS_H_
#define ROSA_COMMON_HUB_IDS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace rosa::ids {

inline constexpr char kReferralPrefix = 'R';
inline constexpr char kHandoffPrefix = 'H';
inline constexpr char kInquiryPrefix = 'I';
inline constexpr char kJournalPrefix = 'J';

// The largest number a year's counter may issue (9 digits).
inline constexpr int64_t kMaxYearlyNumber = 999'999'999;

// True for "<prefix>-YYYY-NNNNNN[NNN]" as described above.
bool IsHubId(std::string_view id, char prefix);

inline bool IsReferralId(std::string_view id) {
  return IsHubId(id, kReferralPrefix);
}
inline bool IsHandoffId(std::string_view id) {
  return IsHubId(id, kHandoffPrefix);
}

// The id for `number` of `year`. REQUIRES: 2000 <= year <= 2999 and
// 1 <= number <= kMaxYearlyNumber.
std::string FormatHubId(char prefix, int year, int64_t number);

// An example for error messages: "R-2026-000123".
std::string ExampleHubId(char prefix);

}  // namespace rosa::ids

#endif  // ROSA_COMMON_HUB_IDS_H_
