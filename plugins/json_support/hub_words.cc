#include "plugins/json_support/hub_words.h"

namespace rosa::plugin::json {

std::string_view ExploitationWord(rosa::hub::v1::ExploitationForm form) {
  namespace v1 = rosa::hub::v1;
  switch (form) {
    case v1::EXPLOITATION_FORM_SEXUAL:
      return "sexual_exploitation";
    case v1::EXPLOITATION_FORM_FORCED_LABOUR:
      return "forced_labour";
    case v1::EXPLOITATION_FORM_MIXED:
      return "mixed";
    case v1::EXPLOITATION_FORM_OTHER_OR_UNKNOWN:
      return "other_or_unknown";
    default:
      return "";
  }
}

}  // namespace rosa::plugin::json
