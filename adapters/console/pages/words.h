// The console's words for the hub's enums (unit types, referral states and
// types) and the report's labels, in bokmål and English.
// Thread-safety: pure functions.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_WORDS_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_WORDS_H_

#include <string>
#include <string_view>

#include "hub/report/labels.h"
#include "rosa/hub/v1/placement.pb.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa::console {

std::string UnitTypeWord(std::string_view lang, rosa::hub::v1::UnitType type);
std::string StateWord(std::string_view lang,
                      rosa::hub::v1::ReferralState state);
std::string ReferralTypeWord(std::string_view lang,
                             rosa::hub::v1::ReferralType type);
// The forms of exploitation as a form sends them ("sexual",
// "forced_labour", "mixed", "other_or_unknown"): <option>s in `lang`, the
// one named `selected` chosen; and the enum a sent token stands for
// (OTHER_OR_UNKNOWN for any other).
std::string ExploitationOptions(std::string_view lang,
                                std::string_view selected);
rosa::hub::v1::ExploitationForm ExploitationOf(std::string_view token);
// A report label (caller, topic, gender, ...) in `lang`, escaped for HTML.
std::string LabelText(std::string_view lang, const report::Label& label);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_WORDS_H_
