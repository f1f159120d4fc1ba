#include "tests/bench/growth_bench.h"

#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rosa/hub/v1/gateway_service.grpc.pb.h"
#include "rosa/hub/v1/placement_service.grpc.pb.h"
#include "rosa/hub/v1/referral_service.grpc.pb.h"
#include "tests/bench/hub_calls.h"
#include "tests/bench/ingest_calls.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/partner_channel.h"

#ifndef ROSA_REFERRAL_LOADER
#error "ROSA_REFERRAL_LOADER must name the referral_loader executable"
#endif

extern char** environ;

namespace rosa::bench {
namespace {

namespace v1 = rosa::hub::v1;
using integration::HubProcess;

// ListReferrals asks for pages of kPage; the almost empty store holds one
// more than a page, so that both stores answer the same full page and the
// ratio measures the store's size, not the page's.
constexpr int kPage = 50;
constexpr int kEmptyReferrals = kPage + 1;

// The same placement figures in every B7 hub; an error text or "".
std::string ReportPlaces(HubProcess& hub) {
  for (const auto& [partner, type, payload] :
       {std::tuple{"ks-oslo", "text/csv; profile=ks-plasser-1",
                   KsCsvPlasser(0, 100)},
        std::tuple{"filemon", "application/vnd.filemon.v1+json",
                   FilemonCapacity(0)}}) {
    auto stub = v1::PartnerGateway::NewStub(
        integration::PartnerChannel(hub.port(), hub.pki_dir(), partner));
    v1::IngestRequest request;
    request.set_content_type(type);
    request.set_payload(payload);
    v1::IngestResponse response;
    auto context = integration::ContextWithDeadline();
    grpc::Status s = stub->Ingest(context.get(), request, &response);
    if (!s.ok()) return absl::StrCat("B7 figures: ", CallError(s));
    if (!response.applied()) return "B7 figures: not applied";
  }
  return "";
}

// Runs "B7 <prefix> <query>", each named `label`.
void RunQueries(const std::string& prefix, const std::string& label,
                HubProcess& hub, const std::vector<std::string>& ids,
                const LoadSpec& spec, BenchReport& report) {
  auto channel = integration::PartnerChannel(hub.port(), hub.pki_dir(), "rosa");
  std::shared_ptr<v1::ReferralService::Stub> referrals =
      v1::ReferralService::NewStub(channel);
  std::shared_ptr<v1::PlacementService::Stub> placement =
      v1::PlacementService::NewStub(channel);
  LoadSpec named = spec;
  named.name = label;
  report.AddRun(
      absl::StrCat("B7 ", prefix, " ListReferrals"),
      RunClosedLoop(named, 1,
                    Unary<v1::ListReferralsRequest, v1::ListReferralsResponse>(
                        [referrals](auto* c, auto* q, auto* r, auto f) {
                          referrals->async()->ListReferrals(c, q, r,
                                                            std::move(f));
                        },
                        [](int64_t) {
                          v1::ListReferralsRequest q;
                          q.set_page_size(kPage);
                          return q;
                        },
                        [](const v1::ListReferralsResponse& r) {
                          return r.referrals_size() == kPage
                                     ? ""
                                     : "not a full page of referrals";
                        })));
  report.AddRun(
      absl::StrCat("B7 ", prefix, " FindPlaces"),
      RunClosedLoop(named, 1,
                    Unary<v1::FindPlacesRequest, v1::FindPlacesResponse>(
                        [placement](auto* c, auto* q, auto* r, auto f) {
                          placement->async()->FindPlaces(c, q, r, std::move(f));
                        },
                        [](int64_t) {
                          v1::FindPlacesRequest q;
                          q.mutable_need()->set_gender(v1::GENDER_WOMAN);
                          q.mutable_need()->set_region("oslo");
                          return q;
                        })));
  report.AddRun(
      absl::StrCat("B7 ", prefix, " ListAvailability"),
      RunClosedLoop(
          named, 1,
          Unary<v1::ListAvailabilityRequest, v1::ListAvailabilityResponse>(
              [placement](auto* c, auto* q, auto* r, auto f) {
                placement->async()->ListAvailability(c, q, r, std::move(f));
              },
              [](int64_t) { return v1::ListAvailabilityRequest(); },
              [](const v1::ListAvailabilityResponse& r) {
                return r.facilities().empty() ? "no facilities" : "";
              })));
  report.AddRun(
      absl::StrCat("B7 ", prefix, " GetReferral"),
      RunClosedLoop(named, 1,
                    Unary<v1::GetReferralRequest, v1::Referral>(
                        [referrals](auto* c, auto* q, auto* r, auto f) {
                          referrals->async()->GetReferral(c, q, r,
                                                          std::move(f));
                        },
                        [ids](int64_t seq) {
                          v1::GetReferralRequest q;
                          // Spread over the store: a stride prime to the
                          // number of ids.
                          q.set_referral_id(ids[(seq * 7919) % ids.size()]);
                          return q;
                        })));
}

// The size of the database with its WAL, in bytes.
int64_t DatabaseBytes(const std::filesystem::path& dir) {
  int64_t total = 0;
  for (const char* name : {"rosa-hub.db", "rosa-hub.db-wal"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(dir / name, ec);
    if (!ec) total += static_cast<int64_t>(size);
  }
  return total;
}

absl::Status RunLoader(const std::filesystem::path& dir, int64_t count) {
  std::vector<std::string> args = {ROSA_REFERRAL_LOADER,
                                   "--data-dir",
                                   dir.string(),
                                   "--partners",
                                   integration::TestPartnersFile().string(),
                                   "--count",
                                   absl::StrCat(count)};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    return absl::InternalError("cannot start referral_loader");
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError("referral_loader failed (see its stderr)");
  }
  return absl::OkStatus();
}

}  // namespace

void RunGrowthEmpty(HubProcess& hub, const LoadSpec& spec,
                    BenchReport& report) {
  if (std::string e = ReportPlaces(hub); !e.empty()) {
    report.AddError(e);
    return;
  }
  integration::PartnerClient rosa(
      integration::PartnerChannel(hub.port(), hub.pki_dir(), "rosa"));
  std::vector<std::string> ids;
  for (int i = 0; i < kEmptyReferrals; ++i) {
    v1::SubmitReferralResponse response;
    grpc::Status s =
        rosa.Submit(integration::NewReferralRequest("ks-oslo"), &response);
    if (!s.ok()) {
      report.AddError(absl::StrCat("B7 empty: submit: ", CallError(s)));
      return;
    }
    ids.push_back(response.referral().id());
  }
  RunQueries("empty", absl::StrCat(kEmptyReferrals, " referrals"), hub, ids,
             spec, report);
}

void RunGrowthFull(const BenchOptions& options, const LoadSpec& spec,
                   BenchReport& report) {
  integration::HubOptions hub_options = HubOptionsForBench();
  int64_t empty_bytes = 0, full_bytes = 0;
  absl::Duration load_time;
  hub_options.prepare_data_dir =
      [&](const std::filesystem::path& dir) -> absl::Status {
    const absl::Time t0 = absl::Now();
    if (absl::Status s = RunLoader(dir, options.referrals); !s.ok()) return s;
    load_time = absl::Now() - t0;
    full_bytes = DatabaseBytes(dir);
    return absl::OkStatus();
  };
  // The baseline of bytes per referral: a store with one referral.
  {
    auto probe = integration::MakeTempDir("bench-schema");
    if (probe.ok()) {
      if (RunLoader(*probe, 1).ok()) empty_bytes = DatabaseBytes(*probe);
      std::error_code ec;
      std::filesystem::remove_all(*probe, ec);
    }
  }
  auto hub = HubProcess::Start(hub_options);
  if (!hub.ok()) {
    report.AddError(absl::StrCat("B7: ", hub.status().message()));
    return;
  }
  std::vector<std::string> ids;
  std::ifstream in((*hub)->data_dir() / "loaded-ids.txt");
  for (std::string line; std::getline(in, line);) ids.push_back(line);
  if (ids.empty()) {
    report.AddError("B7: the loader wrote no ids");
    return;
  }
  if (std::string e = ReportPlaces(**hub); !e.empty()) {
    report.AddError(e);
    return;
  }
  report.AddValue("B7 referrals loaded", static_cast<double>(options.referrals),
                  "referrals");
  report.AddValue("B7 load time", absl::ToDoubleSeconds(load_time), "s");
  report.AddValue("B7 database bytes per referral",
                  static_cast<double>(full_bytes - empty_bytes) /
                      std::max<int64_t>(1, options.referrals - 1),
                  "B");
  RunQueries("full", absl::StrCat(options.referrals, " referrals"), **hub, ids,
             spec, report);
}

}  // namespace rosa::bench
