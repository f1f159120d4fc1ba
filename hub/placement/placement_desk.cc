#include "hub/placement/placement_desk.h"

#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/common/status_macros.h"
#include "hub/placement/availability.h"
#include "hub/placement/capacity_validator.h"
#include "hub/placement/hold_book.h"
#include "hub/placement/unit_store.h"
#include "hub/store/apply_command.h"
#include "hub/store/idempotency.h"
#include "hub/store/idempotent_write.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

absl::Status CoordinatorOnly(const Partner& caller, const char* what) {
  if (caller.is_coordinator()) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(what, ": only the coordinator (ROSA) may do this"));
}

}  // namespace

PlacementDesk::PlacementDesk(const PartnerRegistry* registry,
                             store::Database* db, Outbox* outbox,
                             const Clock* clock, Options options)
    : registry_(registry),
      db_(db),
      outbox_(outbox),
      clock_(clock),
      options_(options) {
  for (const Partner* partner : registry_->All()) {
    for (const Facility& facility : partner->facilities) {
      sites_.emplace(facility.id, Site{partner, &facility});
    }
  }
}

PlacementDesk::PlacementDesk(const PartnerRegistry* registry,
                             store::Database* db, Outbox* outbox,
                             const Clock* clock)
    : PlacementDesk(registry, db, outbox, clock, Options()) {}

const PlacementDesk::Site* PlacementDesk::FindSite(
    const std::string& facility_id) const {
  auto it = sites_.find(facility_id);
  return it == sites_.end() ? nullptr : &it->second;
}

absl::StatusOr<const PlacementDesk::Site*> PlacementDesk::ResolveOwnFacility(
    const Partner& caller, const std::string& facility_id,
    const std::string& field) const {
  if (facility_id.empty()) {
    if (caller.facilities.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": ", caller.id, " runs no facility to report for"));
    }
    if (caller.facilities.size() > 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": required, because ", caller.id,
          " runs several facilities"));
    }
    const Site* own = FindSite(caller.facilities.front().id);
    if (own != nullptr && own->partner->id == caller.id) return own;
  } else {
    const Site* site = FindSite(facility_id);
    if (site != nullptr && site->partner->id == caller.id) return site;
  }
  // The same words whether the facility is someone else's or nobody's, so
  // that nobody can probe for other partners' facilities.
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": not one of ", caller.id, "'s facilities"));
}

absl::StatusOr<v1::FacilityAvailability> PlacementDesk::LoadView(
    store::Connection& conn, const Site& site, absl::Time now) const {
  ASSIGN_OR_RETURN(auto units, LoadUnits(conn, site.facility->id));
  ASSIGN_OR_RETURN(auto holds, LoadLiveHolds(conn, site.facility->id));
  return ViewFacility(*site.partner, *site.facility, units, holds, now,
                      options_.freshness);
}

absl::Status PlacementDesk::Publish(store::WriteTxn& txn,
                                    const v1::FacilityAvailability& view,
                                    absl::Time now) {
  // Availability is ROSA's alone: no other partner hears of another's
  // figures.
  for (const std::string& id : registry_->CoordinatorIds()) {
    v1::Event event;
    *event.mutable_availability()->mutable_facility() = view;
    ASSIGN_OR_RETURN(uint64_t cursor, outbox_->Append(txn, id, event, now));
    (void)cursor;
  }
  return absl::OkStatus();
}

absl::Status PlacementDesk::ChangeAndPublish(
    store::WriteTxn& txn, const Site& site, absl::Time now,
    const std::function<absl::Status()>& change) {
  ASSIGN_OR_RETURN(v1::FacilityAvailability before,
                   LoadView(txn.conn(), site, now));
  RETURN_IF_ERROR(change());
  ASSIGN_OR_RETURN(v1::FacilityAvailability after,
                   LoadView(txn.conn(), site, now));
  if (before.SerializeAsString() == after.SerializeAsString()) {
    return absl::OkStatus();
  }
  return Publish(txn, after, now);
}

void PlacementDesk::ListAvailability(
    const Partner& caller, const v1::ListAvailabilityRequest& request,
    Done<v1::ListAvailabilityResponse> done) {
  if (absl::Status s = ValidateListAvailability(request); !s.ok()) {
    done(s);
    return;
  }
  std::vector<const Site*> sites;
  if (!request.facility_id().empty()) {
    const Site* site = FindSite(request.facility_id());
    if (caller.is_coordinator() && site == nullptr) {
      done(absl::NotFoundError(
          "facility_id: no registered facility has this id"));
      return;
    }
    if (!caller.is_coordinator() &&
        (site == nullptr || site->partner->id != caller.id)) {
      done(absl::InvalidArgumentError(absl::StrCat(
          "facility_id: not one of ", caller.id, "'s facilities")));
      return;
    }
    sites.push_back(site);
  } else {
    for (const auto& [id, site] : sites_) {
      if (caller.is_coordinator() || site.partner->id == caller.id) {
        sites.push_back(&site);
      }
    }
  }
  db_->readers().Submit([this, sites = std::move(sites),
                         filter = request.facility_id(),
                         done = std::move(done)](store::Connection& conn) {
    v1::ListAvailabilityResponse response;
    if (sites.empty()) {
      done(std::move(response));
      return;
    }
    // One snapshot for the figures and the holds.
    store::ReadTransaction read(conn);
    if (!read.status().ok()) {
      done(read.status());
      return;
    }
    auto units = LoadUnits(conn, filter);
    if (!units.ok()) {
      done(units.status());
      return;
    }
    auto holds = LoadLiveHolds(conn, filter);
    if (!holds.ok()) {
      done(holds.status());
      return;
    }
    const absl::Time now = clock_->Now();
    for (const Site* site : sites) {
      *response.add_facilities() =
          ViewFacility(*site->partner, *site->facility, *units, *holds, now,
                       options_.freshness);
    }
    done(std::move(response));
  });
}

void PlacementDesk::FindPlaces(const Partner& caller,
                               const v1::FindPlacesRequest& request,
                               Done<v1::FindPlacesResponse> done) {
  absl::Status s = CoordinatorOnly(caller, "FindPlaces");
  if (s.ok()) s = ValidateFindPlaces(request);
  if (!s.ok()) {
    done(s);
    return;
  }
  db_->readers().Submit([this, need = request.need(),
                         done = std::move(done)](store::Connection& conn) {
    store::ReadTransaction read(conn);
    if (!read.status().ok()) {
      done(read.status());
      return;
    }
    auto units = LoadUnits(conn, "");
    if (!units.ok()) {
      done(units.status());
      return;
    }
    auto holds = LoadLiveHolds(conn, "");
    if (!holds.ok()) {
      done(holds.status());
      return;
    }
    const absl::Time now = clock_->Now();
    std::vector<v1::PlacementMatch> matches;
    for (const auto& [id, site] : sites_) {
      if (!FacilityFits(*site.partner, *site.facility, need)) continue;
      std::optional<v1::PlacementMatch> match = MatchFacility(
          ViewFacility(*site.partner, *site.facility, *units, *holds, now,
                       options_.freshness),
          need);
      if (match.has_value()) matches.push_back(std::move(*match));
    }
    RankMatches(matches);
    v1::FindPlacesResponse response;
    for (v1::PlacementMatch& m : matches) {
      *response.add_matches() = std::move(m);
    }
    done(std::move(response));
  });
}

void PlacementDesk::GetHold(const Partner& caller,
                            const v1::GetHoldRequest& request,
                            Done<v1::PlaceHold> done) {
  absl::Status s = CoordinatorOnly(caller, "GetHold");
  if (s.ok()) s = ValidateGetHold(request);
  if (!s.ok()) {
    done(s);
    return;
  }
  db_->readers().Submit([this, id = request.referral_id(),
                         done = std::move(done)](store::Connection& conn) {
    auto loaded = LoadHold(conn, id);
    if (!loaded.ok()) {
      done(loaded.status());
    } else if (!loaded->has_value()) {
      done(absl::NotFoundError(absl::StrCat("referral ", id, " has no hold")));
    } else {
      v1::PlaceHold hold = (*loaded)->hold;
      hold.set_state(EffectiveHoldState(**loaded, clock_->Now()));
      done(std::move(hold));
    }
  });
}

absl::Status PlacementDesk::HoldForReferral(store::WriteTxn& txn,
                                            const v1::Referral& referral,
                                            const v1::HoldPlace& hold) {
  if (referral.type() != v1::REFERRAL_TYPE_PLACEMENT) {
    return absl::InvalidArgumentError("hold: only on placement referrals");
  }
  const Partner* sender = registry_->Find(referral.sender());
  if (sender == nullptr || !sender->is_coordinator()) {
    return absl::PermissionDeniedError(
        "hold: only the coordinator (ROSA) may hold a place");
  }
  const Site* site = FindSite(hold.facility_id());
  if (site == nullptr || site->partner->id != referral.recipient()) {
    return absl::InvalidArgumentError(
        absl::StrCat("hold.facility_id: not one of ", referral.recipient(),
                     "'s facilities"));
  }
  store::Connection& conn = txn.conn();
  const absl::Time now = clock_->Now();
  const std::string& facility_id = site->facility->id;
  return ChangeAndPublish(txn, *site, now, [&]() -> absl::Status {
    // The check and the insert run in this one writer transaction, so no
    // other referral can take the place in between.
    ASSIGN_OR_RETURN(v1::FacilityAvailability view,
                     LoadView(conn, *site, now));
    const v1::UnitAvailability* chosen = nullptr;
    if (!hold.unit().empty()) {
      for (const v1::UnitAvailability& unit : view.units()) {
        if (unit.reported().unit() == hold.unit()) chosen = &unit;
      }
      if (chosen == nullptr || !chosen->fresh() || chosen->free() == 0) {
        return absl::FailedPreconditionError(
            absl::StrCat("hold: no fresh free place left in ", facility_id,
                         "/", hold.unit()));
      }
    } else {
      const v1::PlacementNeed need = NeedOf(referral.facts());
      uint32_t best = 0;
      for (const v1::UnitAvailability& unit : view.units()) {
        const uint32_t fit = MatchingFree(unit, need);
        // Units come ordered by name; on a tie the fresher figures win.
        if (fit > best ||
            (fit == best && fit > 0 &&
             FromProtoTime(unit.reported().as_of()) >
                 FromProtoTime(chosen->reported().as_of()))) {
          best = fit;
          chosen = &unit;
        }
      }
      if (chosen == nullptr) {
        return absl::FailedPreconditionError(
            absl::StrCat("hold: no fresh free place left in ", facility_id,
                         " that fits the person"));
      }
    }
    HoldRecord record;
    record.hold.set_referral_id(referral.id());
    record.hold.set_facility_id(facility_id);
    record.hold.set_unit(chosen->reported().unit());
    record.hold.set_state(v1::HOLD_STATE_ACTIVE);
    *record.hold.mutable_created_at() = ToProtoTime(now);
    *record.hold.mutable_expires_at() = ToProtoTime(now + options_.hold_ttl);
    return InsertHold(conn, record);
  });
}

absl::Status PlacementDesk::OnReferralTransition(store::WriteTxn& txn,
                                                 const v1::Referral& after) {
  if (after.type() != v1::REFERRAL_TYPE_PLACEMENT) return absl::OkStatus();
  store::Connection& conn = txn.conn();
  ASSIGN_OR_RETURN(std::optional<HoldRecord> loaded, LoadHold(conn, after.id()));
  if (!loaded.has_value()) return absl::OkStatus();
  HoldRecord record = std::move(*loaded);
  const absl::Time now = clock_->Now();
  v1::HoldState next = EffectiveHoldState(record, now);
  switch (after.state()) {
    case v1::REFERRAL_STATE_ACCEPTED:
      // An expired hold stays expired: the place was given up already.
      if (next == v1::HOLD_STATE_ACTIVE) next = v1::HOLD_STATE_CLAIMED;
      break;
    case v1::REFERRAL_STATE_REJECTED:
    case v1::REFERRAL_STATE_CANCELLED:
      if (next == v1::HOLD_STATE_ACTIVE || next == v1::HOLD_STATE_CLAIMED) {
        next = v1::HOLD_STATE_RELEASED;
      }
      break;
    default:
      break;
  }
  if (next == record.hold.state()) return absl::OkStatus();
  auto change = [&]() -> absl::Status {
    record.hold.set_state(next);
    if (next == v1::HOLD_STATE_CLAIMED) record.claimed_at = now;
    return UpdateHold(conn, record);
  };
  const Site* site = FindSite(record.hold.facility_id());
  // A facility gone from the registry has nobody to hear about it.
  if (site == nullptr) return change();
  return ChangeAndPublish(txn, *site, now, change);
}

absl::Status PlacementDesk::ExpireHolds(store::WriteTxn& txn) {
  store::Connection& conn = txn.conn();
  const absl::Time now = clock_->Now();
  ASSIGN_OR_RETURN(std::vector<HoldRecord> due, LoadDueHolds(conn, now));
  std::set<std::string> facilities;
  for (HoldRecord& record : due) {
    record.hold.set_state(v1::HOLD_STATE_EXPIRED);
    RETURN_IF_ERROR(UpdateHold(conn, record));
    facilities.insert(record.hold.facility_id());
  }
  for (const std::string& id : facilities) {
    const Site* site = FindSite(id);
    if (site == nullptr) continue;
    ASSIGN_OR_RETURN(v1::FacilityAvailability view, LoadView(conn, *site, now));
    RETURN_IF_ERROR(Publish(txn, view, now));
  }
  return absl::OkStatus();
}

}  // namespace rosa
