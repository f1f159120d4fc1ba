// How the hub shows placement availability: the rules that turn stored
// figures and holds into what a reader sees, and that decide which units
// meet a need and in which order facilities are offered. Pure: no store,
// no clock; callers pass `now` and the freshness limit.
//
//   - Figures older than the freshness limit are not fresh: the view then
//     has no number at all (free unset, and the reported free, acute_free
//     and family_free cleared), so that a stale figure is never read as a
//     free place. Exactly at the limit they are still fresh.
//   - Free now is the reported free minus the places holds keep, never
//     below 0.
//   - A secret address never leaves the registry.
//
// Thread-safety: pure functions.
#ifndef ROSA_HUB_PLACEMENT_AVAILABILITY_H_
#define ROSA_HUB_PLACEMENT_AVAILABILITY_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "hub/partner/partner.h"
#include "hub/placement/hold_book.h"
#include "rosa/hub/v1/placement.pb.h"

namespace rosa {

// True when figures as of `as_of` are not older than `freshness` at `now`.
bool IsFresh(absl::Time as_of, absl::Time now, absl::Duration freshness);

// The places `holds` keep in `unit` at `now` (holds on other units are
// ignored).
uint32_t HeldPlaces(const rosa::hub::v1::UnitCapacity& unit,
                    const std::vector<HoldRecord>& holds, absl::Time now);

// `reported` as the hub shows it at `now` with `held` places held.
rosa::hub::v1::UnitAvailability ViewUnit(
    const rosa::hub::v1::UnitCapacity& reported, uint32_t held,
    absl::Time now, absl::Duration freshness);

// The facility as any partner may see it: without the address if secret.
rosa::hub::v1::PlacementFacility FacilityView(const Facility& facility);

// `facility` of `partner` with its units as the hub shows them. `units` and
// `holds` may hold other facilities' rows too; only this facility's count.
rosa::hub::v1::FacilityAvailability ViewFacility(
    const Partner& partner, const Facility& facility,
    const std::vector<rosa::hub::v1::UnitCapacity>& units,
    const std::vector<HoldRecord>& holds, absl::Time now,
    absl::Duration freshness);

// The places of `unit` that fit `need`, 0 when it does not fit: the unit
// must be fresh with places free now, take the need's gender (WOMAN: women
// or all; MAN: men or all; TRANS and UNKNOWN: all only), take children if
// any come along (family_free, when set, bounds the count), be wheelchair
// accessible if needed, and for an acute need be an acute unit or have
// acute places (acute_free, when set, bounds the count).
uint32_t MatchingFree(const rosa::hub::v1::UnitAvailability& unit,
                      const rosa::hub::v1::PlacementNeed& need);

// True when the registry lets `partner`'s `facility` take the need: the
// partner is enabled, takes the gender (admits_genders), and the facility
// is in the need's region (ASCII case-insensitive), if one is given.
bool FacilityFits(const Partner& partner, const Facility& facility,
                  const rosa::hub::v1::PlacementNeed& need);

// `facility` narrowed to the units that fit `need`, with their places and
// newest as_of; nullopt when none fits.
std::optional<rosa::hub::v1::PlacementMatch> MatchFacility(
    const rosa::hub::v1::FacilityAvailability& facility,
    const rosa::hub::v1::PlacementNeed& need);

// Best first: most fitting places, then the freshest figures, then by
// facility id.
void RankMatches(std::vector<rosa::hub::v1::PlacementMatch>& matches);

// The need a referral's facts describe (gender, children, acute,
// wheelchair access); no region.
rosa::hub::v1::PlacementNeed NeedOf(const rosa::hub::v1::PersonFacts& facts);

}  // namespace rosa

#endif  // ROSA_HUB_PLACEMENT_AVAILABILITY_H_
