#include "plugins/ks_csv/plasser.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/name_rule.h"
#include "common/time_util.h"

namespace rosa::plugin::ks_csv {
namespace {

namespace hub = rosa::hub::v1;

// Places per unit, free within the total and the unit name's length are the
// core's rules (it refuses them, naming the unit's field): kAny* below.

constexpr Column kColumns[] = {
    {"senter", true},    {"enhet", true},      {"plasstype", true},
    {"kapasitet", true}, {"ledige", true},     {"kjonn", true},
    {"barn", false},     {"rullestol", false}, {"oppdatert", true},
};

constexpr Token<hub::UnitType> kUnitTypes[] = {
    {"akutt", hub::UNIT_TYPE_ACUTE},
    {"langtid", hub::UNIT_TYPE_LONGER_STAY},
    {"familie", hub::UNIT_TYPE_FAMILY},
};

constexpr Token<hub::AdmittedGenders> kAdmits[] = {
    {"kvinner", hub::ADMITTED_GENDERS_WOMEN},
    {"menn", hub::ADMITTED_GENDERS_MEN},
    {"alle", hub::ADMITTED_GENDERS_ALL},
};

void DecodeRow(Row& row, rosa::plugin::v1::HubCommand& command) {
  const std::string_view facility = row.Cell("senter");
  if (facility.empty()) {
    row.Error("senter", "required; the cell is empty");
  } else if (!IsValidName(facility)) {
    // A facility id is a name of the hub's (common/name_rule.h).
    row.Error("senter", std::string("must be a facility id: ") + kNameRule);
  }
  const auto unit =
      row.Text("enhet", kAnyLength, /*multiline=*/false, Presence::kRequired);
  const auto type =
      row.Pick<hub::UnitType>("plasstype", kUnitTypes, Presence::kRequired);
  const auto capacity =
      row.Integer("kapasitet", 0, kAnyCount, Presence::kRequired);
  const auto free = row.Integer("ledige", 0, kAnyCount, Presence::kRequired);
  const auto admits =
      row.Pick<hub::AdmittedGenders>("kjonn", kAdmits, Presence::kRequired);
  const auto children = row.YesNo("barn", Presence::kOptional);
  const auto wheelchair = row.YesNo("rullestol", Presence::kOptional);
  const auto as_of = row.Time("oppdatert", Presence::kRequired);
  if (!row.ok()) return;

  hub::UnitCapacity& u = *command.mutable_report_capacity()->add_units();
  u.set_facility_id(std::string(facility));
  u.set_unit(*unit);
  u.set_type(*type);
  u.set_capacity(*capacity);
  u.set_free(*free);
  u.set_admits(*admits);
  u.set_children(children.value_or(false));
  u.set_wheelchair_accessible(wheelchair.value_or(false));
  // acute_free and family_free stay unset: the format does not say them.
  *u.mutable_as_of() = ToProtoTime(*as_of);
}

// Two rows for the same unit would leave the figures to whichever the core
// applies last; the file is ambiguous, so it is refused.
void CheckRows(const std::vector<rosa::plugin::v1::HubCommand>& commands,
               std::vector<rosa::plugin::v1::RecordError>& errors) {
  std::map<std::pair<std::string, std::string>, std::string> first_record;
  for (const auto& command : commands) {
    for (const auto& u : command.report_capacity().units()) {
      const auto [it, inserted] = first_record.emplace(
          std::make_pair(u.facility_id(), u.unit()), command.record());
      if (!inserted) {
        errors.push_back(
            MakeError(command.record(), "enhet",
                      absl::StrCat("the same senter and enhet are already on ",
                                   it->second)));
      }
    }
  }
}

constexpr Profile kProfile{"text/csv; profile=ks-plasser-1", kColumns,
                           &DecodeRow, &CheckRows};

}  // namespace

const Profile& PlasserProfile() { return kProfile; }

}  // namespace rosa::plugin::ks_csv
