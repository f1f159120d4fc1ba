// Membership tests for the ISO code lists the hub's messages use: ISO 3166-1
// alpha-2 country codes (nationality) and ISO 639-1 language codes.
// The lists are compiled in, so the answer never depends on the system.
// Thread-safe: pure functions over constant tables.
#ifndef ROSA_COMMON_ISO_CODES_H_
#define ROSA_COMMON_ISO_CODES_H_

#include <string_view>

namespace rosa {

// True for an officially assigned ISO 3166-1 alpha-2 code in capitals, such
// as "RO" or "NO". Lower case, user-assigned ("XK", "ZZ") and reserved codes
// are false.
bool IsIso3166Alpha2(std::string_view code);

// True for an ISO 639-1 two-letter language code in lower case, such as "pl"
// or "nb". Upper case is false.
bool IsIso639_1(std::string_view code);

}  // namespace rosa

#endif  // ROSA_COMMON_ISO_CODES_H_
