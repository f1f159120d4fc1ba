// PlacementDesk's capacity reports (see placement_desk.h): applying one or
// a run of reports, and publishing each changed facility once.
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/common/status_macros.h"
#include "hub/placement/capacity_validator.h"
#include "hub/placement/placement_desk.h"
#include "hub/placement/unit_store.h"
#include "hub/store/apply_command.h"
#include "hub/store/idempotency.h"
#include "hub/store/idempotent_write.h"

namespace rosa {
namespace {

namespace v1 = ::rosa::hub::v1;

}  // namespace

absl::Status PlacementDesk::ReportIn(store::WriteTxn& txn,
                                     const Partner& caller,
                                     const v1::ReportCapacityRequest& request,
                                     TouchedMap& touched,
                                     v1::ReportCapacityResponse& response) {
  store::Connection& conn = txn.conn();
  const absl::Time now = clock_->Now();
  // Every unit is checked before any is written: a report is all or
  // nothing.
  std::vector<const Site*> sites;
  std::set<std::pair<std::string, std::string>> seen;
  for (int i = 0; i < request.units_size(); ++i) {
    const v1::UnitCapacity& unit = request.units(i);
    const std::string at = absl::StrCat("units[", i, "]");
    ASSIGN_OR_RETURN(
        const Site* site,
        ResolveOwnFacility(caller, unit.facility_id(), at + ".facility_id"));
    if (!seen.emplace(site->facility->id, unit.unit()).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          at, ".unit: the same unit as an earlier entry of this report"));
    }
    sites.push_back(site);
  }

  const int64_t cap = options_.max_units_per_facility;
  for (int i = 0; i < request.units_size(); ++i) {
    const Site& site = *sites[i];
    auto [it, first] = touched.try_emplace(site.facility->id);
    Touched& facility = it->second;
    if (first) {
      facility.site = &site;
      ASSIGN_OR_RETURN(facility.units, CountUnits(conn, site.facility->id));
    }
    v1::UnitCapacity unit = request.units(i);
    unit.set_facility_id(site.facility->id);
    unit.set_reported_by(caller.id);
    ASSIGN_OR_RETURN(auto stored,
                     LoadUnit(conn, unit.facility_id(), unit.unit()));
    // Figures only move forward in time: a late-arriving older report
    // must not overwrite newer ones.
    if (stored.has_value() &&
        FromProtoTime(stored->as_of()) > FromProtoTime(unit.as_of())) {
      *response.add_units() = std::move(*stored);
      continue;
    }
    if (!stored.has_value() && ++facility.units > cap) {
      return absl::InvalidArgumentError(absl::StrCat(
          "units[", i, "].unit: a new unit, and facility ", site.facility->id,
          " already has the most units one facility may have (", cap, ")"));
    }
    if (!stored.has_value() ||
        stored->SerializeAsString() != unit.SerializeAsString()) {
      RETURN_IF_ERROR(PutUnit(conn, unit, now));
      facility.changed = true;
    }
    *response.add_units() = std::move(unit);
  }
  return absl::OkStatus();
}

absl::Status PlacementDesk::PublishTouched(store::WriteTxn& txn,
                                           const TouchedMap& touched) {
  const absl::Time now = clock_->Now();
  for (const auto& [id, facility] : touched) {
    if (!facility.changed) continue;
    ASSIGN_OR_RETURN(v1::FacilityAvailability view,
                     LoadView(txn.conn(), *facility.site, now));
    RETURN_IF_ERROR(Publish(txn, view, now));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::ReportCapacityResponse> PlacementDesk::ApplyOneReport(
    store::WriteTxn& txn, const Partner& caller,
    const v1::ReportCapacityRequest& request, TouchedMap& touched) {
  RETURN_IF_ERROR(ValidateReportCapacity(request, clock_->Now()));
  const store::IdempotentApply<v1::ReportCapacityResponse> apply =
      [this, &caller, &request, &touched](
          store::WriteTxn& txn, const store::IdempotencyKey& key,
          v1::ReportCapacityResponse& response) -> absl::Status {
    RETURN_IF_ERROR(ReportIn(txn, caller, request, touched, response));
    return store::RecordKeyedResponse(txn.conn(), key, response, clock_->Now());
  };
  store::IdempotencyKey key;
  if (!request.idempotency_key().empty()) {
    key = store::IdempotencyKey{caller.id, request.idempotency_key(),
                                "ReportCapacity", db_->RequestHash(request)};
  }
  return store::ApplyKeyed<v1::ReportCapacityResponse>(txn, key, apply);
}

absl::StatusOr<v1::ReportCapacityResponse> PlacementDesk::ApplyReportCapacity(
    store::WriteTxn& txn, const Partner& caller,
    const v1::ReportCapacityRequest& request) {
  TouchedMap touched;
  ASSIGN_OR_RETURN(v1::ReportCapacityResponse response,
                   ApplyOneReport(txn, caller, request, touched));
  RETURN_IF_ERROR(PublishTouched(txn, touched));
  return response;
}

absl::StatusOr<std::vector<v1::ReportCapacityResponse>>
PlacementDesk::ApplyReportCapacities(
    store::WriteTxn& txn, const Partner& caller,
    const std::vector<const v1::ReportCapacityRequest*>& requests,
    size_t* failed, std::vector<bool>* replayed) {
  TouchedMap touched;
  std::vector<v1::ReportCapacityResponse> responses;
  responses.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    const int replays_before = txn.replays();
    auto response = ApplyOneReport(txn, caller, *requests[i], touched);
    if (!response.ok()) {
      *failed = i;
      return response.status();
    }
    if (replayed != nullptr) {
      replayed->push_back(txn.replays() > replays_before);
    }
    responses.push_back(*std::move(response));
  }
  if (absl::Status s = PublishTouched(txn, touched); !s.ok()) {
    // Not any one report's fault: blame the last, which completed the run.
    *failed = requests.empty() ? 0 : requests.size() - 1;
    return s;
  }
  return responses;
}

void PlacementDesk::ReportCapacity(const Partner& caller,
                                   const v1::ReportCapacityRequest& request,
                                   absl::Time deadline,
                                   Done<v1::ReportCapacityResponse> done) {
  // Every write over the API carries a key; the gateway derives its own.
  if (request.idempotency_key().empty()) {
    done(absl::InvalidArgumentError("idempotency_key: required"));
    return;
  }
  // Checked here too so that a bad request never reaches the writer.
  if (absl::Status s = ValidateReportCapacity(request, clock_->Now());
      !s.ok()) {
    done(s);
    return;
  }
  store::SubmitApply<v1::ReportCapacityResponse>(
      db_->writer(),
      [this, caller, request](store::WriteTxn& txn) {
        return ApplyReportCapacity(txn, caller, request);
      },
      deadline, std::move(done));
}

}  // namespace rosa
