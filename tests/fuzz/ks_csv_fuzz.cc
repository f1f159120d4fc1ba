// libFuzzer target for the ks-csv plugin. The first byte picks the profile
// (plasser, hendelser, telefonlogg); the rest is the payload. Beyond "no
// crash", it checks three properties:
//  - a decode returns commands or errors, never both;
//  - every record the reader finds, written back with the writer, reads back
//    as its neutralised cells;
//  - every decoded referral step encodes to a list that reads back cleanly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "plugins/ks_csv/csv_reader.h"
#include "plugins/ks_csv/csv_writer.h"
#include "plugins/ks_csv/ks_csv.h"

namespace {

namespace ks = rosa::plugin::ks_csv;
namespace hub = rosa::hub::v1;
namespace v1 = rosa::plugin::v1;

constexpr const char* kTypes[] = {
    "text/csv; profile=ks-plasser-1",
    "text/csv; profile=ks-hendelser-1",
    "text/csv; profile=ks-telefonlogg-1",
};

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

bool AllEmpty(const std::vector<std::string>& fields) {
  for (const auto& f : fields) {
    if (!f.empty()) return false;
  }
  return true;
}

void CheckWriterRoundTrip(std::string_view text) {
  const ks::CsvResult read = ks::ReadCsv(text);
  for (const ks::CsvRecord& record : read.records) {
    // After a first row, as in a real list: at the very start of a file a
    // cell beginning with a byte-order mark would lose it to the reader.
    const std::string text = "h\r\n" + ks::WriteRow(record.fields);
    const ks::CsvResult again = ks::ReadCsv(text);
    Check(again.errors.empty());
    Check(again.records.size() == 2);
    const auto& fields = again.records[1].fields;
    Check(fields.size() == record.fields.size());
    for (size_t i = 0; i < record.fields.size(); ++i) {
      Check(fields[i] == ks::NeutraliseFormula(record.fields[i]));
    }
    Check(!AllEmpty(fields));
  }
}

void CheckEncode(const ks::KsCsvPlugin& plugin, const v1::HubCommand& command,
                 std::string_view note) {
  if (!command.has_update_referral_status()) return;
  const auto& step = command.update_referral_status();
  v1::EncodeRequest request;
  hub::ReferralEvent& body = *request.mutable_event()->mutable_referral();
  body.set_kind(hub::ReferralEvent::KIND_STATUS_CHANGED);
  body.mutable_referral()->set_id(step.referral_id());
  body.mutable_referral()->set_state(step.target());
  body.mutable_referral()->set_note(std::string(note));
  body.mutable_transition()->set_to(step.target());
  *body.mutable_transition()->mutable_occurred_at() = step.occurred_at();
  const v1::EncodeResponse response = plugin.Encode(request);
  Check(!response.has_error());
  Check(response.payloads_size() == 1);
  const ks::CsvResult read = ks::ReadCsv(response.payloads(0).payload());
  Check(read.errors.empty());
  Check(read.records.size() == 2);
  Check(read.records[1].fields.size() == 13);
  Check(read.records[1].fields[0] == step.referral_id());
  Check(read.records[1].fields[12] == ks::NeutraliseFormula(note));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const ks::KsCsvPlugin plugin;
  const std::string_view payload(reinterpret_cast<const char*>(data + 1),
                                 size - 1);
  v1::DecodeRequest request;
  request.set_content_type(kTypes[data[0] % 3]);
  request.set_payload(std::string(payload));
  const v1::DecodeResponse response = plugin.Decode(request);
  Check(response.errors_size() == 0 || response.commands_size() == 0);

  CheckWriterRoundTrip(payload);

  // Notes must be valid UTF-8 to live in a proto string; the decoded reason
  // is, and so is the payload once it has decoded.
  for (const auto& command : response.commands()) {
    CheckEncode(plugin, command, command.update_referral_status().reason());
  }
  return 0;
}
