#include "tests/bench/bench_payloads.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "tests/bench/bench_hub.h"

namespace rosa::bench {
namespace {

absl::TimeZone Oslo() {
  absl::TimeZone oslo;
  (void)absl::LoadTimeZone("Europe/Oslo", &oslo);
  return oslo;
}

// Minute `m` after 1 December 2026 00:00 in Oslo: every time in the
// payloads is after the state was made and before the hub's clock.
absl::Time At(int m) {
  return absl::FromCivil(absl::CivilMinute(2026, 12, 1, 0, 0), Oslo()) +
         absl::Minutes(m);
}
std::string Local(int m) {
  return absl::FormatTime("%d.%m.%Y %H:%M", At(m), Oslo());
}
std::string Rfc3339(int m) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", At(m), Oslo());
}

// ks-csv reads at most this many records.
constexpr size_t kKsCsvMaxRecords = 20000;

}  // namespace

std::vector<Format> Formats() {
  std::vector<Format> formats;
  formats.push_back(Format{
      .name = "ks-csv plasser",
      .sender = "ks-bench",
      .content_type = "text/csv; profile=ks-plasser-1",
      .records =
          [](int i, const std::string&) {
            // 134 units per facility: 20 000 rows fill the 150
            // facilities, each within the cap of 200.
            return absl::StrFormat(
                "ks-bench-%03d;Rom %d;akutt;4;2;kvinner;24.12.2026 10:00\n",
                1 + (i / 134) % kBenchFacilities, i);
          },
      .head = "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert\n",
      .max_records = kKsCsvMaxRecords});
  formats.push_back(Format{
      .name = "ks-csv telefonlogg",
      .sender = "ks-bench",
      .content_type = "text/csv; profile=ks-telefonlogg-1",
      .records =
          [](int i, const std::string&) {
            return absl::StrCat(Local(i),
                                ";politi;mulig_offer;1;kvinne;RO;prostitusjon;"
                                "0;takket_ja\n");
          },
      .head = "tidspunkt;hvem_ringer;gjelder;antall_personer;kjonn;"
              "nasjonalitet;utnyttelse;mindrearige_barn;utfall\n",
      .max_records = kKsCsvMaxRecords});
  formats.push_back(Format{
      .name = "ks-csv hendelser",
      .sender = "ks-bench",
      .content_type = "text/csv; profile=ks-hendelser-1",
      .records =
          [](int i, const std::string& r) {
            return absl::StrCat(r, ";mottatt;", Local(3 * i), ";;\n", r,
                                ";akseptert;", Local(3 * i + 1), ";;\n", r,
                                ";ankommet;", Local(3 * i + 2), ";;\n");
          },
      .records_per_object = 3,
      .placeholder = "R-2026-000000",
      .head = "referanse;hendelse;tidspunkt;arsak;netter\n",
      .max_records = kKsCsvMaxRecords});
  formats.push_back(Format{
      .name = "filemon intake_status",
      .sender = "filemon",
      .content_type = "application/vnd.filemon.v1+json",
      .records =
          [](int i, const std::string& r) {
            std::string out;
            int k = 0;
            for (const char* status : {"received", "accepted", "arrived"}) {
              absl::StrAppend(&out, k == 0 ? "" : ",\n",
                              "{\"schema\":\"filemon/1\",\"kind\":"
                              "\"intake_status\",\"referral\":\"",
                              r, "\",\"status\":\"", status, "\",\"at\":\"",
                              Rfc3339(3 * i + k), "\"}");
              ++k;
            }
            return out;
          },
      .records_per_object = 3,
      .placeholder = "R-2026-000000",
      .head = "[\n",
      .tail = "\n]\n",
      .separator = ",\n"});
  formats.push_back(Format{
      .name = "lauras-skjema status",
      .sender = "lauras-hus",
      .content_type = "text/plain; profile=lauras-skjema-1",
      .records =
          [](int i, const std::string& r) {
            std::string out;
            int k = 0;
            for (const char* status : {"mottatt", "akseptert", "innflyttet"}) {
              absl::StrAppend(&out, k == 0 ? "" : "---\n",
                              "Skjema: Lauras hus statusmelding 1\n"
                              "referanse: ",
                              r, "\nSTATUS: ", status,
                              "\nTidspunkt: ", Local(3 * i + k), "\n");
              ++k;
            }
            return out;
          },
      .records_per_object = 3,
      .placeholder = "R-2026-000000",
      .separator = "---\n"});
  formats.push_back(Format{
      .name = "iom-avrr cases",
      .sender = "iom",
      .content_type = "application/xml; profile=iom-avrr-1",
      .records =
          [](int i, const std::string& r) {
            std::string out;
            int day = 1;
            for (const char* status : {"RECEIVED", "ASSESSMENT", "ELIGIBLE"}) {
              absl::StrAppend(
                  &out, "  <iom:AvrrCase version=\"1\">\n    <iom:CaseRef>",
                  absl::StrFormat("IOM-NO-2026-%05d", i),
                  "</iom:CaseRef>\n    <iom:HubReferral>", r,
                  "</iom:HubReferral>\n    <iom:Programme>VulnerableGroups"
                  "</iom:Programme>\n    <iom:Status>",
                  status, "</iom:Status>\n    <iom:StatusDate>",
                  absl::StrFormat("2026-12-%02d", day++),
                  "</iom:StatusDate>\n    <iom:Destination country=\"NG\"/>\n"
                  "  </iom:AvrrCase>\n");
            }
            return out;
          },
      .records_per_object = 3,
      .placeholder = "R-2026-000000",
      .head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<iom:AvrrBatch xmlns:iom=\"urn:iom:no:avrr:1\">\n",
      .tail = "</iom:AvrrBatch>\n"});
  formats.push_back(Format{
      .name = "advokat events",
      .sender = "advokat-lund",
      .content_type = "application/vnd.advokat.v1+json",
      .records =
          [](int i, const std::string& h) {
            // Accepted, then the 3 granted hours a quarter at a time.
            std::string out = absl::StrCat(
                "{\"schema\":\"advokat/1\",\"handoff\":\"", h,
                "\",\"event\":\"accepted\",\"at\":\"", Rfc3339(13 * i), "\"}");
            for (int q = 1; q <= 12; ++q) {
              absl::StrAppend(&out,
                              ",\n{\"schema\":\"advokat/1\",\"handoff\":\"", h,
                              "\",\"event\":\"hours_used\",\"hours\":0.25,"
                              "\"at\":\"",
                              Rfc3339(13 * i + q), "\"}");
            }
            return out;
          },
      .records_per_object = 13,
      .placeholder = "H-2026-000000",
      .head = "[\n",
      .tail = "\n]\n",
      .separator = ",\n"});
  return formats;
}

int ObjectsThatFit(const Format& format, size_t limit) {
  size_t size = format.head.size() + format.tail.size();
  int n = 0;
  for (;;) {
    const size_t more = format.records(n, format.placeholder).size() +
                        (n > 0 ? format.separator.size() : 0);
    if (size + more > limit) break;
    if (format.max_records > 0 &&
        static_cast<size_t>((n + 1) * format.records_per_object) >
            format.max_records) {
      break;
    }
    size += more;
    ++n;
  }
  return n;
}

std::string Build(const Format& format,
                  const std::vector<std::string>& objects) {
  std::string out = format.head;
  for (size_t i = 0; i < objects.size(); ++i) {
    if (i > 0) out += format.separator;
    out += format.records(static_cast<int>(i), objects[i]);
  }
  out += format.tail;
  return out;
}

}  // namespace rosa::bench
