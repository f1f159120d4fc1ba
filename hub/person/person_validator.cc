#include "hub/person/person_validator.h"

#include <cstddef>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/iso_codes.h"
#include "common/time_util.h"
#include "hub/common/field_error.h"
#include "hub/common/field_limits.h"
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/consent/desk_support.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int CurrentYear(absl::Time now) {
  return static_cast<int>(absl::ToCivilYear(now, OsloTimeZone()).year());
}

// The value of a run of ASCII digits. REQUIRES: AllDigits(text).
int DigitsValue(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

// REQUIRES: the shape of an ISO date was checked.
absl::CivilDay ParseIsoDate(std::string_view text) {
  return absl::CivilDay(DigitsValue(text.substr(0, 4)),
                        DigitsValue(text.substr(5, 2)),
                        DigitsValue(text.substr(8, 2)));
}

absl::Status CheckIdentity(const v1::PersonIdentity& identity, int birth_year,
                           absl::Time now) {
  RETURN_IF_ERROR(CheckLineText("identity.given_name", identity.given_name(),
                                kMaxNameLength, true));
  RETURN_IF_ERROR(CheckLineText("identity.family_name", identity.family_name(),
                                kMaxNameLength, true));
  if (!identity.birth_date().empty()) {
    if (!IsIsoDate(identity.birth_date())) {
      return InvalidField("identity.birth_date",
                          "must be an ISO 8601 date, YYYY-MM-DD");
    }
    const absl::CivilDay day = ParseIsoDate(identity.birth_date());
    if (day > absl::ToCivilDay(now, OsloTimeZone())) {
      return InvalidField("identity.birth_date", "must not be in the future");
    }
    if (day.year() != birth_year) {
      return InvalidField("identity.birth_date",
                          "its year must be profile.birth_year");
    }
  }
  if (!identity.duf_number().empty() && !IsDufNumber(identity.duf_number())) {
    return InvalidField("identity.duf_number", "must be 12 digits");
  }
  if (!identity.phone().empty() && !IsE164(identity.phone())) {
    return InvalidField(
        "identity.phone",
        "must be an E.164 number: '+', country code and number");
  }
  return CheckLineText("identity.contact_address", identity.contact_address(),
                       kMaxContactAddressLength, false);
}

absl::Status CheckProfile(const v1::PersonProfile& profile, absl::Time now) {
  if (!v1::Gender_IsValid(profile.gender()) ||
      profile.gender() == v1::GENDER_UNSPECIFIED) {
    return InvalidField("profile.gender", "required");
  }
  if (profile.birth_year() < kMinBirthYear ||
      profile.birth_year() > static_cast<uint32_t>(CurrentYear(now))) {
    return InvalidField(
        "profile.birth_year",
        absl::StrCat("must be ", kMinBirthYear, " to this year"));
  }
  if (!profile.nationality().empty() &&
      !IsIso3166Alpha2(profile.nationality())) {
    return InvalidField(
        "profile.nationality",
        "must be an ISO 3166-1 alpha-2 code in capitals, or empty");
  }
  std::set<int> seen;
  for (int form : profile.exploitation_forms()) {
    if (!v1::ExploitationForm_IsValid(form) ||
        form == v1::EXPLOITATION_FORM_UNSPECIFIED) {
      return InvalidField("profile.exploitation_forms", "unknown form");
    }
    if (!seen.insert(form).second) {
      return InvalidField("profile.exploitation_forms", "repeated form");
    }
  }
  if (!v1::ResidenceStatus_IsValid(profile.residence_status())) {
    return InvalidField("profile.residence_status", "unknown status");
  }
  if (!profile.residence_history().empty()) {
    return InvalidField("profile.residence_history",
                        "kept by the hub; leave it empty");
  }
  if (profile.children() > kMaxChildren) {
    return InvalidField("profile.children",
                        absl::StrCat("at most ", kMaxChildren));
  }
  return absl::OkStatus();
}

}  // namespace

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !AllDigits(text.substr(0, 4)) || !AllDigits(text.substr(5, 2)) ||
      !AllDigits(text.substr(8, 2))) {
    return false;
  }
  const int y = DigitsValue(text.substr(0, 4));
  const int m = DigitsValue(text.substr(5, 2));
  const int d = DigitsValue(text.substr(8, 2));
  // CivilDay normalizes (Feb 30 becomes Mar 2): a real date survives as is.
  const absl::CivilDay day = ParseIsoDate(text);
  return day.year() == y && day.month() == m && day.day() == d;
}

bool IsDufNumber(std::string_view text) {
  return text.size() == 12 && AllDigits(text);
}

bool IsE164(std::string_view text) {
  return text.size() >= 8 && text.size() <= 16 && text[0] == '+' &&
         text[1] >= '1' && text[1] <= '9' && AllDigits(text.substr(1));
}

absl::Status ValidateRegisterPerson(const v1::RegisterPersonRequest& request,
                                    absl::Time now) {
  RETURN_IF_ERROR(CheckIdempotencyKey(request.idempotency_key()));
  RETURN_IF_ERROR(CheckProfile(request.profile(), now));
  RETURN_IF_ERROR(
      CheckIdentity(request.identity(),
                    static_cast<int>(request.profile().birth_year()), now));
  if (request.has_registration_consent_given_at()) {
    RETURN_IF_ERROR(CheckNotInFuture("registration_consent_given_at",
                                     request.registration_consent_given_at(),
                                     now));
  }
  return absl::OkStatus();
}

bool IsPossiblyMinor(const v1::RegisterPersonRequest& request, absl::Time now) {
  if (request.profile().possibly_minor()) return true;
  const absl::CivilDay today = absl::ToCivilDay(now, OsloTimeZone());
  if (today.year() - static_cast<int>(request.profile().birth_year()) <
      kAdultAge) {
    return true;
  }
  const std::string& birth_date = request.identity().birth_date();
  if (birth_date.empty()) return false;
  const absl::CivilDay born = ParseIsoDate(birth_date);
  // Adult on the birthday; someone born on 29 February turns 18 on 1 March
  // in a common year (CivilDay normalizes 29 Feb to 1 Mar).
  const absl::CivilDay adult(born.year() + kAdultAge, born.month(), born.day());
  return today < adult;
}

}  // namespace rosa
