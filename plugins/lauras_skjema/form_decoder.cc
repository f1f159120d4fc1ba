#include "plugins/lauras_skjema/form_decoder.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "common/time_util.h"
#include "plugins/lauras_skjema/form_reader.h"
#include "plugins/sdk/local_time.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::lauras_skjema {
namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

// Keys as ReadForms normalises them.
constexpr std::string_view kSkjema = "skjema";
constexpr std::string_view kReferanse = "referanse";
constexpr std::string_view kStatus = "status";
constexpr std::string_view kTidspunkt = "tidspunkt";
constexpr std::string_view kMerknad = "merknad";
constexpr std::string_view kBarn = "barn";
constexpr std::string_view kNetter = "netter";
constexpr std::string_view kPlasserTotalt = "plasser totalt";
constexpr std::string_view kLedigePlasser = "ledige plasser";
constexpr std::string_view kLedigeFamilieplasser = "ledige familieplasser";

struct KnownKey {
  std::string_view key;
  std::string_view display;  // as the README writes it; used in errors
};
constexpr KnownKey kKnownKeys[] = {
    {kSkjema, "Skjema"},
    {kReferanse, "Referanse"},
    {kStatus, "Status"},
    {kTidspunkt, "Tidspunkt"},
    {kMerknad, "Merknad"},
    {kBarn, "Barn"},
    {kNetter, "Netter"},
    {kPlasserTotalt, "Plasser totalt"},
    {kLedigePlasser, "Ledige plasser"},
    {kLedigeFamilieplasser, "Ledige familieplasser"},
};

// The documented spelling of a key, or "" for a key the format does not
// know (which may be anything the sender typed, so it is never echoed).
std::string Display(std::string_view key) {
  for (const KnownKey& known : kKnownKeys) {
    if (known.key == key) return std::string(known.display);
  }
  return "";
}

constexpr std::string_view kStatusForm = "lauras hus statusmelding 1";
constexpr std::string_view kCapacityForm = "lauras hus kapasitet 1";

// The largest count ParseCount reads (nine digits). Limits of meaning
// (places per unit, free within the total, nights, when a reason is needed
// and how long it may be) are the core's: the plugin translates and the
// core refuses, naming the field.
constexpr uint32_t kAnyCount = 999'999'999;
// Barn is validated because the format defines it, but the hub has no field
// for it (the children are on the referral's facts already): this bound is
// the format's, not a copy of a hub rule.
constexpr uint32_t kMaxChildren = 20;

std::string FormRecord(int form) { return absl::StrCat("form ", form); }
std::string LineRecord(int form, int line) {
  return absl::StrCat("form ", form, ", line ", line);
}

// A whole number 0..max in plain digits. Longer digit strings than any
// allowed value are refused before they can overflow.
std::optional<uint32_t> ParseCount(std::string_view s, uint32_t max) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  uint32_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

// One form's fields by key, and the errors and warnings found so far.
class FormContext {
 public:
  FormContext(const Form& form, pv1::DecodeResponse& response)
      : form_(form), response_(response) {}

  int number() const { return form_.number; }
  bool failed() const { return failed_; }

  // The field, or null when absent. An empty value counts as absent.
  const FormField* Get(std::string_view key) const {
    for (const FormField& field : form_.fields) {
      if (field.key == key) return field.value.empty() ? nullptr : &field;
    }
    return nullptr;
  }
  bool Present(std::string_view key) const { return Get(key) != nullptr; }

  void Error(std::string_view key, std::string reason) {
    failed_ = true;
    *response_.add_errors() =
        MakeError(FormRecord(form_.number), Display(key), std::move(reason));
  }

  // A required field's value, or an error.
  const FormField* Require(std::string_view key) {
    const FormField* field = Get(key);
    if (field == nullptr) Error(key, "required");
    return field;
  }

  std::optional<absl::Time> Time(std::string_view key) {
    const FormField* field = Require(key);
    if (field == nullptr) return std::nullopt;
    absl::StatusOr<absl::Time> t = ParseNorwegianDateTime(field->value);
    if (!t.ok()) {
      // The SDK's messages describe the notation, never the value.
      Error(key, std::string(t.status().message()));
      return std::nullopt;
    }
    return *t;
  }

  // A whole number from 0 to `max`.
  std::optional<uint32_t> Count(std::string_view key, uint32_t max) {
    const FormField* field = Get(key);
    if (field == nullptr) return std::nullopt;
    std::optional<uint32_t> n = ParseCount(field->value, max);
    if (!n) Error(key, absl::StrCat("must be a whole number from 0 to ", max));
    return n;
  }

  // Keys this form does not use are accepted and reported as warnings;
  // keys the format knows (from the other form) are named, others not.
  void WarnUnknown(std::initializer_list<std::string_view> used) {
    for (const FormField& field : form_.fields) {
      bool known = false;
      for (std::string_view key : used) known = known || key == field.key;
      if (known) continue;
      const std::string display = Display(field.key);
      *response_.add_warnings() = MakeError(
          LineRecord(form_.number, field.line), display,
          display.empty() ? "unknown key; ignored"
                          : "this key does not belong in this form; ignored");
    }
  }

 private:
  const Form& form_;
  pv1::DecodeResponse& response_;
  bool failed_ = false;
};

struct StatusWord {
  std::string_view word;  // normalised
  hv1::ReferralState target;
};
constexpr StatusWord kStatusWords[] = {
    {"mottatt", hv1::REFERRAL_STATE_RECEIVED},
    {"akseptert", hv1::REFERRAL_STATE_ACCEPTED},
    {"avslått", hv1::REFERRAL_STATE_REJECTED},
    // Keyboards without å, as in the ks-csv format.
    {"avslatt", hv1::REFERRAL_STATE_REJECTED},
    {"innflyttet", hv1::REFERRAL_STATE_IN_PROGRESS},
    {"utflyttet", hv1::REFERRAL_STATE_COMPLETED},
    {"avbrutt", hv1::REFERRAL_STATE_CANCELLED},
};

std::optional<pv1::HubCommand> DecodeStatusForm(FormContext& form) {
  form.WarnUnknown(
      {kSkjema, kReferanse, kStatus, kTidspunkt, kMerknad, kBarn, kNetter});
  pv1::HubCommand command;
  command.set_record(FormRecord(form.number()));
  hv1::UpdateReferralStatusRequest& request =
      *command.mutable_update_referral_status();

  if (const FormField* f = form.Require(kReferanse)) {
    if (ids::IsReferralId(f->value)) {
      request.set_referral_id(f->value);
    } else {
      form.Error(kReferanse, "must be a referral id like R-2026-000123");
    }
  }

  hv1::ReferralState target = hv1::REFERRAL_STATE_UNSPECIFIED;
  if (const FormField* f = form.Require(kStatus)) {
    const std::string word = NormaliseKey(f->value);
    for (const StatusWord& s : kStatusWords) {
      if (s.word == word) target = s.target;
    }
    if (target == hv1::REFERRAL_STATE_UNSPECIFIED) {
      form.Error(kStatus,
                 "must be one of mottatt, akseptert, avslått, innflyttet, "
                 "utflyttet, avbrutt");
    }
    request.set_target(target);
  }

  if (std::optional<absl::Time> t = form.Time(kTidspunkt)) {
    *request.mutable_occurred_at() = ToProtoTime(*t);
  }

  // Merknad is the reason of avslått and avbrutt (whether it is required,
  // and how long it may be, is the core's to say). With any other status it
  // is free text about a person that the lifecycle has no place for:
  // accepted, and not forwarded.
  const bool merknad_is_reason = target == hv1::REFERRAL_STATE_REJECTED ||
                                 target == hv1::REFERRAL_STATE_CANCELLED;
  if (const FormField* f = form.Get(kMerknad); f && merknad_is_reason) {
    request.set_reason(f->value);
  }

  if (form.Present(kBarn)) {
    if (target == hv1::REFERRAL_STATE_IN_PROGRESS) {
      // Validated because the format defines it; the hub has no field for
      // it (the children are on the referral's facts already).
      form.Count(kBarn, kMaxChildren);
    } else if (target != hv1::REFERRAL_STATE_UNSPECIFIED) {
      form.Error(kBarn, "only with innflyttet");
    }
  }

  // The form requires Netter with utflyttet (the format's rule); with
  // another status the core refuses nights_stayed.
  if (target == hv1::REFERRAL_STATE_COMPLETED && !form.Present(kNetter)) {
    form.Error(kNetter, "required with utflyttet");
  } else if (form.Present(kNetter)) {
    if (std::optional<uint32_t> n = form.Count(kNetter, kAnyCount)) {
      request.set_nights_stayed(*n);
    }
  }

  if (form.failed()) return std::nullopt;
  return command;
}

std::optional<pv1::HubCommand> DecodeCapacityForm(FormContext& form) {
  form.WarnUnknown({kSkjema, kTidspunkt, kPlasserTotalt, kLedigePlasser,
                    kLedigeFamilieplasser});
  pv1::HubCommand command;
  command.set_record(FormRecord(form.number()));
  hv1::UnitCapacity& unit = *command.mutable_report_capacity()->add_units();
  // The core resolves the facility: Lauras hus runs exactly one.
  unit.set_unit("plasser");
  unit.set_type(hv1::UNIT_TYPE_LONGER_STAY);
  unit.set_admits(hv1::ADMITTED_GENDERS_WOMEN);
  unit.set_children(true);

  if (std::optional<absl::Time> t = form.Time(kTidspunkt)) {
    *unit.mutable_as_of() = ToProtoTime(*t);
  }
  if (form.Require(kPlasserTotalt)) {
    if (std::optional<uint32_t> total = form.Count(kPlasserTotalt, kAnyCount)) {
      unit.set_capacity(*total);
    }
  }
  if (form.Require(kLedigePlasser)) {
    if (std::optional<uint32_t> free = form.Count(kLedigePlasser, kAnyCount)) {
      unit.set_free(*free);
    }
  }
  if (form.Present(kLedigeFamilieplasser)) {
    std::optional<uint32_t> family =
        form.Count(kLedigeFamilieplasser, kAnyCount);
    if (family) unit.set_family_free(*family);
  }

  if (form.failed()) return std::nullopt;
  return command;
}

}  // namespace

pv1::DecodeResponse DecodeForms(std::string_view text) {
  pv1::DecodeResponse response;
  const FormReadResult read = ReadForms(text);
  std::set<int> forms_with_syntax_errors;
  for (const FormIssue& issue : read.errors) {
    *response.add_errors() =
        MakeError(issue.line > 0 ? LineRecord(issue.form, issue.line)
                                 : FormRecord(issue.form),
                  Display(issue.key), issue.reason);
    forms_with_syntax_errors.insert(issue.form);
  }
  if (read.forms.empty() && read.errors.empty()) {
    *response.add_errors() =
        MakeError("payload", "", "the payload holds no form");
    return response;
  }
  for (int number : read.empty_forms) {
    // A trailing "---" is common in mail; an empty form changes nothing.
    *response.add_warnings() =
        MakeError(FormRecord(number), "", "empty form; ignored");
  }

  for (const Form& form : read.forms) {
    // A form with a syntax error would only add errors that follow from it
    // (a key on a broken line reads as missing).
    if (forms_with_syntax_errors.contains(form.number)) continue;

    FormContext context(form, response);
    const FormField& first = form.fields.front();
    const std::string kind =
        first.key == kSkjema ? NormaliseKey(first.value) : std::string();
    std::optional<pv1::HubCommand> command;
    if (kind == kStatusForm) {
      command = DecodeStatusForm(context);
    } else if (kind == kCapacityForm) {
      command = DecodeCapacityForm(context);
    } else {
      context.Error(kSkjema,
                    "a form must begin with \"Skjema: Lauras hus "
                    "statusmelding 1\" or \"Skjema: Lauras hus kapasitet 1\"");
    }
    if (command) *response.add_commands() = std::move(*command);
  }
  if (response.errors_size() > 0) response.clear_commands();
  return response;
}

}  // namespace rosa::plugin::lauras_skjema
