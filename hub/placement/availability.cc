#include "hub/placement/availability.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "common/time_util.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

bool TakesGender(v1::AdmittedGenders admits, v1::Gender gender) {
  if (admits == v1::ADMITTED_GENDERS_ALL) return true;
  switch (gender) {
    case v1::GENDER_WOMAN:
      return admits == v1::ADMITTED_GENDERS_WOMEN;
    case v1::GENDER_MAN:
      return admits == v1::ADMITTED_GENDERS_MEN;
    default:
      // Trans persons and unknown gender go to units that take everyone.
      return false;
  }
}

bool SameTime(const google::protobuf::Timestamp& a,
              const google::protobuf::Timestamp& b) {
  return a.seconds() == b.seconds() && a.nanos() == b.nanos();
}

bool Later(const google::protobuf::Timestamp& a,
           const google::protobuf::Timestamp& b) {
  if (a.seconds() != b.seconds()) return a.seconds() > b.seconds();
  return a.nanos() > b.nanos();
}

}  // namespace

bool IsFresh(absl::Time as_of, absl::Time now, absl::Duration freshness) {
  return now - as_of <= freshness;
}

uint32_t HeldPlaces(const v1::UnitCapacity& unit,
                    const std::vector<HoldRecord>& holds, absl::Time now) {
  const absl::Time as_of = FromProtoTime(unit.as_of());
  uint32_t held = 0;
  for (const HoldRecord& h : holds) {
    if (h.hold.facility_id() == unit.facility_id() &&
        h.hold.unit() == unit.unit() && HoldCounts(h, as_of, now)) {
      ++held;
    }
  }
  return held;
}

v1::UnitAvailability ViewUnit(const v1::UnitCapacity& reported, uint32_t held,
                              absl::Time now, absl::Duration freshness) {
  v1::UnitAvailability view;
  *view.mutable_reported() = reported;
  view.set_held(held);
  if (!IsFresh(FromProtoTime(reported.as_of()), now, freshness)) {
    view.set_fresh(false);
    // A stale number must never be read as a free place.
    v1::UnitCapacity* r = view.mutable_reported();
    r->clear_free();
    r->clear_acute_free();
    r->clear_family_free();
    return view;
  }
  view.set_fresh(true);
  view.set_free(reported.free() > held ? reported.free() - held : 0);
  return view;
}

v1::PlacementFacility FacilityView(const Facility& facility) {
  v1::PlacementFacility view;
  view.set_id(facility.id);
  view.set_name(facility.name);
  view.set_region(facility.region);
  view.set_secret_address(facility.secret_address);
  // A secret address is never copied out of the registry.
  if (!facility.secret_address) view.set_address(facility.address);
  return view;
}

v1::FacilityAvailability ViewFacility(
    const Partner& partner, const Facility& facility,
    const std::vector<v1::UnitCapacity>& units,
    const std::vector<HoldRecord>& holds, absl::Time now,
    absl::Duration freshness) {
  v1::FacilityAvailability view;
  *view.mutable_facility() = FacilityView(facility);
  view.set_partner_id(partner.id);
  for (const v1::UnitCapacity& unit : units) {
    if (unit.facility_id() != facility.id) continue;
    *view.add_units() =
        ViewUnit(unit, HeldPlaces(unit, holds, now), now, freshness);
  }
  return view;
}

uint32_t MatchingFree(const v1::UnitAvailability& unit,
                      const v1::PlacementNeed& need) {
  if (!unit.fresh() || !unit.has_free() || unit.free() == 0) return 0;
  const v1::UnitCapacity& r = unit.reported();
  if (!TakesGender(r.admits(), need.gender())) return 0;
  if (need.wheelchair() && !r.wheelchair_accessible()) return 0;
  uint32_t places = unit.free();
  if (need.children() > 0) {
    if (!r.children()) return 0;
    if (r.has_family_free()) places = std::min(places, r.family_free());
  }
  if (need.acute()) {
    if (r.has_acute_free()) {
      places = std::min(places, r.acute_free());
    } else if (r.type() != v1::UNIT_TYPE_ACUTE) {
      // Only an acute unit's free places are all acute.
      return 0;
    }
  }
  return places;
}

bool FacilityFits(const Partner& partner, const Facility& facility,
                  const v1::PlacementNeed& need) {
  if (!partner.enabled) return false;
  const auto& admits = partner.admits_genders;
  if (!admits.empty() &&
      std::find(admits.begin(), admits.end(), need.gender()) == admits.end()) {
    return false;
  }
  return need.region().empty() ||
         absl::EqualsIgnoreCase(facility.region, need.region());
}

std::optional<v1::PlacementMatch> MatchFacility(
    const v1::FacilityAvailability& facility, const v1::PlacementNeed& need) {
  v1::PlacementMatch match;
  v1::FacilityAvailability* narrowed = match.mutable_facility();
  *narrowed->mutable_facility() = facility.facility();
  narrowed->set_partner_id(facility.partner_id());
  uint32_t places = 0;
  for (const v1::UnitAvailability& unit : facility.units()) {
    const uint32_t fit = MatchingFree(unit, need);
    if (fit == 0) continue;
    places += fit;
    *narrowed->add_units() = unit;
    if (!match.has_as_of() || Later(unit.reported().as_of(), match.as_of())) {
      *match.mutable_as_of() = unit.reported().as_of();
    }
  }
  if (places == 0) return std::nullopt;
  match.set_free(places);
  return match;
}

void RankMatches(std::vector<v1::PlacementMatch>& matches) {
  std::sort(matches.begin(), matches.end(),
            [](const v1::PlacementMatch& a, const v1::PlacementMatch& b) {
              if (a.free() != b.free()) return a.free() > b.free();
              if (!SameTime(a.as_of(), b.as_of())) {
                return Later(a.as_of(), b.as_of());
              }
              return a.facility().facility().id() <
                     b.facility().facility().id();
            });
}

v1::PlacementNeed NeedOf(const v1::PersonFacts& facts) {
  v1::PlacementNeed need;
  need.set_gender(facts.gender());
  need.set_children(facts.accompanying_children());
  need.set_acute(facts.acute());
  for (int n : facts.needs()) {
    if (n == v1::NEED_WHEELCHAIR_ACCESS) need.set_wheelchair(true);
  }
  return need;
}

}  // namespace rosa
