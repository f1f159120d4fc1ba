#include "hub/exchange/ingest_desk.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/sha256.h"
#include "hub/exchange/ingest_answer.h"
#include "plugins/sdk/text.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

// Sets the command's idempotency key unless the sender chose one (ROSA's
// native batches may).
void KeyCommand(pv1::HubCommand& command, const std::string& payload_key,
                int index) {
  const std::string key = absl::StrCat(payload_key, ":", index);
  auto set = [&](auto* request) {
    if (request->idempotency_key().empty()) request->set_idempotency_key(key);
  };
  switch (command.command_case()) {
    case pv1::HubCommand::kUpdateReferralStatus:
      set(command.mutable_update_referral_status());
      break;
    case pv1::HubCommand::kUpdateAssistedReturn:
      set(command.mutable_update_assisted_return());
      break;
    case pv1::HubCommand::kRecordHandoffEvent:
      set(command.mutable_record_handoff_event());
      break;
    case pv1::HubCommand::kReportCapacity:
      set(command.mutable_report_capacity());
      break;
    case pv1::HubCommand::kRecordInquiry:
      set(command.mutable_record_inquiry());
      break;
    case pv1::HubCommand::kRecordJournalEntry:
      set(command.mutable_record_journal_entry());
      break;
    case pv1::HubCommand::COMMAND_NOT_SET:
      break;
  }
}

v1::RecordOutcome Outcome(const std::string& record,
                          v1::RecordOutcome::Result result) {
  v1::RecordOutcome o;
  o.set_record(record);
  o.set_result(result);
  return o;
}

}  // namespace

IngestDesk::IngestDesk(store::Database* db, PluginHost* plugins, Desks desks,
                       Options options)
    : db_(db),
      plugins_(plugins),
      desks_(desks),
      options_(options),
      records_(ClockOrSystem(options.clock), options.budget.records_per_second,
               options.budget.records_burst),
      decoders_(options.decode_threads) {}

void IngestDesk::Ingest(
    const Partner& caller, const v1::IngestRequest& request,
    absl::Time deadline,
    std::function<void(absl::StatusOr<v1::IngestResponse>)> done) {
  bool admitted = false;
  {
    absl::MutexLock lock(&mu_);
    int& in_flight = in_flight_[caller.id];
    if (in_flight < options_.budget.max_in_flight) {
      ++in_flight;
      admitted = true;
    }
  }
  if (!admitted) {
    done(absl::ResourceExhaustedError(absl::StrCat(
        "payload limit: at most ", options_.budget.max_in_flight,
        " payloads at once per partner; nothing applied; retry with "
        "backoff")));
    return;
  }
  auto finished = [this, id = caller.id, done = std::move(done)](
                      absl::StatusOr<v1::IngestResponse> r) {
    {
      absl::MutexLock lock(&mu_);
      --in_flight_[id];
    }
    done(std::move(r));
  };
  decoders_.Submit(
      [this, caller, &request, deadline, done = std::move(finished)]() mutable {
        IngestNow(caller, request, deadline, std::move(done));
      });
}

void IngestDesk::IngestNow(
    const Partner& caller, const v1::IngestRequest& request,
    absl::Time deadline,
    std::function<void(absl::StatusOr<v1::IngestResponse>)> done) {
  if (options_.metrics == nullptr) {
    IngestUncounted(caller, request, deadline, std::move(done));
    return;
  }
  // Label values from the registry and the plugin's manifest only, never
  // from the request.
  std::shared_ptr<const LoadedPlugin> plugin = PluginFor(caller);
  // Decodes() matches the manifest's entries exactly.
  std::string content_type =
      plugin != nullptr && plugin->Decodes(request.content_type())
          ? request.content_type()
          : "unsupported";
  IngestUncounted(
      caller, request, deadline,
      [metrics = options_.metrics, plugin_name = caller.plugin,
       content_type = std::move(content_type),
       done = std::move(done)](absl::StatusOr<v1::IngestResponse> r) {
        metrics->Payload(plugin_name, content_type, r.status());
        done(std::move(r));
      });
}

void IngestDesk::IngestUncounted(
    const Partner& caller, const v1::IngestRequest& request,
    absl::Time deadline,
    std::function<void(absl::StatusOr<v1::IngestResponse>)> done) {
  if (request.payload().size() > options_.max_payload_bytes) {
    done(absl::InvalidArgumentError(absl::StrCat(
        "payload: ", request.payload().size(),
        " bytes, more than the limit of ", options_.max_payload_bytes)));
    return;
  }
  if (caller.plugin.empty()) {
    done(absl::FailedPreconditionError(absl::StrCat(
        "partner ", caller.id, " has no plugin; use the native API")));
    return;
  }
  std::shared_ptr<const LoadedPlugin> plugin = plugins_->Find(caller.plugin);
  if (plugin == nullptr) {
    done(absl::UnavailableError(
        absl::StrCat("plugin ", caller.plugin, " is not loaded")));
    return;
  }
  // An empty content type means the one the partner's plugin reads, when
  // it reads only one.
  std::string content_type = request.content_type();
  if (content_type.empty() && plugin->manifest().decodes_size() == 1) {
    content_type = plugin->manifest().decodes(0);
  }
  if (!plugin->Decodes(content_type)) {
    done(absl::InvalidArgumentError(absl::StrCat(
        "content_type: not one the ", plugin->name(), " plugin reads (",
        absl::StrJoin(plugin->manifest().decodes(), ", "), ")")));
    return;
  }
  pv1::DecodeRequest decode;
  decode.set_content_type(content_type);
  decode.set_payload(request.payload());
  decode.mutable_sender()->set_partner_id(caller.id);
  decode.mutable_sender()->set_kind(caller.kind);
  auto decoded = plugin->Decode(decode);
  if (!decoded.ok()) {
    if (options_.metrics != nullptr) {
      options_.metrics->PluginError(plugin->name(), "decode");
    }
    done(decoded.status());
    return;
  }

  // A plugin built with the SDK lists at most kMaxDecodeErrors and one
  // more of each; a plugin is not trusted to, so no more are read.
  constexpr int kMaxListed = static_cast<int>(plugin::kMaxDecodeErrors) + 1;
  auto response = std::make_shared<v1::IngestResponse>();
  for (const pv1::RecordError& w : decoded->warnings()) {
    if (response->warnings_size() == kMaxListed) break;
    v1::RecordOutcome* o = response->add_warnings();
    o->set_record(w.record());
    o->set_field(w.field());
    o->set_reason(w.reason());
  }
  if (decoded->errors_size() > 0 || decoded->commands_size() == 0) {
    for (const pv1::RecordError& e : decoded->errors()) {
      if (response->records_size() == kMaxListed) break;
      v1::RecordOutcome* o = response->add_records();
      *o = Outcome(e.record(), v1::RecordOutcome::RESULT_REJECTED);
      o->set_field(e.field());
      o->set_reason(e.reason());
    }
    if (decoded->errors_size() == 0) {
      *response->add_records() =
          Outcome("payload", v1::RecordOutcome::RESULT_REJECTED);
      response->mutable_records(0)->set_reason("holds no records");
    }
    spdlog::info("ingest: {} {}: rejected by the {} plugin ({} errors)",
                 caller.id, content_type, plugin->name(),
                 decoded->errors_size());
    done(RejectedPayload(absl::StatusCode::kInvalidArgument, *response));
    return;
  }

  if (decoded->commands_size() > options_.max_records) {
    v1::RecordOutcome* o = response->add_records();
    *o = Outcome("payload", v1::RecordOutcome::RESULT_REJECTED);
    o->set_reason(absl::StrCat(
        decoded->commands_size(), " records, more than the limit of ",
        options_.max_records, " in one payload; send them in several"));
    spdlog::info("ingest: {} {}: {} records, over the limit", caller.id,
                 content_type, decoded->commands_size());
    done(RejectedPayload(absl::StatusCode::kInvalidArgument, *response));
    return;
  }

  // Charged before anything is applied, whatever the outcome: a partner
  // resending a refused payload spends its budget too.
  if (!records_.Take(caller.id, decoded->commands_size())) {
    spdlog::info("ingest: {} {}: {} records, over the record budget", caller.id,
                 content_type, decoded->commands_size());
    done(absl::ResourceExhaustedError(absl::StrCat(
        "record limit: at most ", options_.budget.records_per_second,
        " records per second (bursts of ", options_.budget.records_burst,
        ") per partner; nothing applied; retry later")));
    return;
  }

  const std::string payload_key = absl::StrCat(
      "ingest-", Sha256Hex(absl::StrCat(content_type, std::string(1, '\0'),
                                        request.payload()))
                     .substr(0, 40));
  auto commands = std::make_shared<std::vector<pv1::HubCommand>>();
  for (int i = 0; i < decoded->commands_size(); ++i) {
    pv1::HubCommand c = decoded->commands(i);
    if (c.record().empty()) c.set_record(absl::StrCat("record ", i + 1));
    KeyCommand(c, payload_key, i);
    commands->push_back(std::move(c));
  }

  // Which record failed, if one did.
  auto failed_at = std::make_shared<int>(-1);
  auto apply = [this, caller, commands, response,
                failed_at](store::WriteTxn& txn) -> absl::Status {
    response->clear_records();
    for (size_t i = 0; i < commands->size();) {
      // A run of capacity reports is applied together, so that each
      // facility's view is published once for the run, not once per row.
      size_t end = i;
      while (end < commands->size() && (*commands)[end].command_case() ==
                                           pv1::HubCommand::kReportCapacity) {
        ++end;
      }
      std::vector<std::string> objects;
      // Per record: applied before (the same record of a payload sent
      // again), so RESULT_UNCHANGED rather than RESULT_APPLIED.
      std::vector<bool> replayed;
      if (end > i) {
        size_t failed = 0;
        absl::Status s = ApplyCapacityRun(txn, caller, *commands, i, end,
                                          objects, replayed, &failed);
        if (!s.ok()) {
          *failed_at = static_cast<int>(i + failed);
          return s;
        }
      } else {
        const int replays_before = txn.replays();
        absl::StatusOr<std::string> object =
            ApplyCommand(txn, caller, (*commands)[i]);
        if (!object.ok()) {
          *failed_at = static_cast<int>(i);
          return object.status();
        }
        objects.push_back(*std::move(object));
        replayed.push_back(txn.replays() > replays_before);
        end = i + 1;
      }
      for (size_t k = i; k < end; ++k) {
        v1::RecordOutcome* o = response->add_records();
        *o = Outcome((*commands)[k].record(),
                     replayed[k - i] ? v1::RecordOutcome::RESULT_UNCHANGED
                                     : v1::RecordOutcome::RESULT_APPLIED);
        o->set_object_id(std::move(objects[k - i]));
      }
      i = end;
    }
    return absl::OkStatus();
  };
  db_->writer().Submit(store::WriteOp{
      std::move(apply),
      [caller_id = caller.id, content_type, commands, response, failed_at,
       done = std::move(done)](absl::Status status) {
        if (status.ok()) {
          response->set_applied(true);
          spdlog::info("ingest: {} {}: {} records applied", caller_id,
                       content_type, commands->size());
          done(std::move(*response));
          return;
        }
        if (*failed_at < 0) {
          done(status);  // The store failed, not the payload.
          return;
        }
        response->clear_records();
        for (size_t i = 0; i < commands->size(); ++i) {
          const std::string& record = (*commands)[i].record();
          if (static_cast<int>(i) == *failed_at) {
            v1::RecordOutcome* o = response->add_records();
            *o = Outcome(record, v1::RecordOutcome::RESULT_REJECTED);
            o->set_reason(std::string(status.message()));
          } else {
            *response->add_records() =
                Outcome(record, v1::RecordOutcome::RESULT_NOT_APPLIED);
          }
        }
        // The record by its place: its label is the partner's to choose.
        spdlog::info("ingest: {} {}: record {} of {} rejected by the core ({})",
                     caller_id, content_type, *failed_at + 1, commands->size(),
                     absl::StatusCodeToString(status.code()));
        done(RejectedPayload(status.code(), *response));
      },
      deadline});
}

absl::Status IngestDesk::ApplyCapacityRun(
    store::WriteTxn& txn, const Partner& caller,
    const std::vector<pv1::HubCommand>& commands, size_t begin, size_t end,
    std::vector<std::string>& objects, std::vector<bool>& replayed,
    size_t* failed) {
  std::vector<const v1::ReportCapacityRequest*> reports;
  reports.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    reports.push_back(&commands[i].report_capacity());
  }
  ASSIGN_OR_RETURN(auto responses,
                   desks_.placement->ApplyReportCapacities(txn, caller, reports,
                                                           failed, &replayed));
  for (const v1::ReportCapacityResponse& r : responses) {
    objects.push_back(r.units_size() > 0 ? r.units(0).facility_id()
                                         : std::string());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> IngestDesk::ApplyCommand(
    store::WriteTxn& txn, const Partner& caller,
    const pv1::HubCommand& command) {
  switch (command.command_case()) {
    case pv1::HubCommand::kUpdateReferralStatus: {
      ASSIGN_OR_RETURN(auto r,
                       desks_.referrals->ApplyUpdateStatus(
                           txn, caller, command.update_referral_status()));
      return r.id();
    }
    case pv1::HubCommand::kUpdateAssistedReturn: {
      ASSIGN_OR_RETURN(auto r,
                       desks_.referrals->ApplyUpdateAssistedReturn(
                           txn, caller, command.update_assisted_return()));
      return r.id();
    }
    case pv1::HubCommand::kRecordHandoffEvent: {
      ASSIGN_OR_RETURN(auto h,
                       desks_.handoffs->ApplyRecordEvent(
                           txn, caller, command.record_handoff_event()));
      return h.id();
    }
    case pv1::HubCommand::kReportCapacity: {
      ASSIGN_OR_RETURN(auto r, desks_.placement->ApplyReportCapacity(
                                   txn, caller, command.report_capacity()));
      return r.units_size() > 0 ? r.units(0).facility_id() : std::string();
    }
    case pv1::HubCommand::kRecordInquiry: {
      ASSIGN_OR_RETURN(auto i, desks_.inquiries->ApplyRecordInquiry(
                                   txn, caller, command.record_inquiry()));
      return i.id();
    }
    case pv1::HubCommand::kRecordJournalEntry: {
      if (desks_.journal == nullptr) {
        return absl::UnimplementedError("this hub keeps no journal");
      }
      ASSIGN_OR_RETURN(
          auto j, desks_.journal->ApplyRecord(txn, caller,
                                              command.record_journal_entry()));
      return j.id();
    }
    case pv1::HubCommand::COMMAND_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("the plugin returned an empty command");
}

}  // namespace rosa
