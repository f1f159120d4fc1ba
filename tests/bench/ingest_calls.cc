#include "tests/bench/ingest_calls.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "rosa/hub/v1/gateway_service.grpc.pb.h"
#include "tests/bench/hub_calls.h"
#include "tests/integration/partner_channel.h"

namespace rosa::bench {
namespace {

namespace v1 = rosa::hub::v1;

absl::TimeZone Oslo() {
  absl::TimeZone oslo;
  (void)absl::LoadTimeZone("Europe/Oslo", &oslo);
  return oslo;
}

// Every figure in the payloads is from this time, a little in the past.
const absl::Time& Base() {
  static const absl::Time base = absl::Now() - absl::Minutes(5);
  return base;
}

StartCall Ingest(v1::PartnerGateway::Stub* stub, std::string content_type,
                 std::function<std::string(int64_t)> payload) {
  return Unary<v1::IngestRequest, v1::IngestResponse>(
      [stub](auto* c, auto* q, auto* r, auto f) {
        stub->async()->Ingest(c, q, r, std::move(f));
      },
      [content_type, payload](int64_t seq) {
        v1::IngestRequest request;
        request.set_content_type(content_type);
        request.set_payload(payload(seq));
        return request;
      },
      [](const v1::IngestResponse& r) -> std::string {
        if (r.applied()) return "";
        for (const v1::RecordOutcome& o : r.records()) {
          if (o.result() == v1::RecordOutcome::RESULT_REJECTED) {
            return absl::StrCat("ingest: ", o.record(), " ", o.field(), ": ",
                                o.reason());
          }
        }
        return "ingest: not applied";
      });
}

}  // namespace

std::string KsCsvPlasser(int64_t seq, int rows) {
  // `merknad_intern` carries the payload's number, so that no payload
  // repeats an earlier one; `ledige` changes in every row of every call.
  std::string out =
      "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert;"
      "merknad_intern\n";
  const std::string when = absl::FormatTime("%d.%m.%Y %H:%M", Base(), Oslo());
  for (int r = 0; r < rows; ++r) {
    absl::StrAppendFormat(&out, "ks-oslo;Rom %03d;akutt;4;%d;kvinner;%s;b%d\n",
                          r, (seq + r) % 5, when, seq);
  }
  return out;
}

std::string FilemonCapacity(int64_t seq) {
  // One second later for every payload, from a week back.
  const absl::Time at = Base() - absl::Hours(24 * 7) + absl::Seconds(seq);
  const int free = static_cast<int>(seq % 9);
  return absl::StrCat(
      "{\"schema\":\"filemon/1\",\"kind\":\"capacity\",\"at\":\"",
      absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", at, Oslo()),
      "\",\"beds\":{\"total\":8,\"free\":", free,
      ",\"acute_free\":", free > 0 ? 1 : 0,
      "},\"accepts\":{\"couples\":true,\"families\":false}}");
}

void RunIngest(const BenchOptions& options, integration::HubProcess& hub,
               const LoadSpec& spec, BenchReport& report) {
  auto oslo = v1::PartnerGateway::NewStub(
      integration::PartnerChannel(hub.port(), hub.pki_dir(), "ks-oslo"));
  auto filemon = v1::PartnerGateway::NewStub(
      integration::PartnerChannel(hub.port(), hub.pki_dir(), "filemon"));
  LoadSpec csv = spec;
  csv.name = absl::StrFormat("Ingest ks-csv plasser 100 rows (%d B)",
                             KsCsvPlasser(0, 100).size());
  report.AddRun(
      "B4 ks-csv",
      RunClosedLoop(
          csv, options.in_flight,
          Ingest(oslo.get(), "text/csv; profile=ks-plasser-1",
                 [](int64_t seq) { return KsCsvPlasser(seq, 100); })));
  LoadSpec json = spec;
  json.name = absl::StrFormat("Ingest Filemon 1 record (%d B)",
                              FilemonCapacity(0).size());
  report.AddRun(
      "B4 filemon",
      RunClosedLoop(json, options.in_flight,
                    Ingest(filemon.get(), "application/vnd.filemon.v1+json",
                           FilemonCapacity)));
}

}  // namespace rosa::bench
