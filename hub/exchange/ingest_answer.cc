#include "hub/exchange/ingest_answer.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/text.h"
#include "hub/common/error_details.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

// Enough for "line 4312", "assisted_return.note" and a reason of a few
// sentences; a longer text is cut (at a character) and marked.
constexpr size_t kMaxRecordBytes = 80;
constexpr size_t kMaxFieldBytes = 80;
constexpr size_t kMaxReasonBytes = 300;
// Each of the first few failures the status message names.
constexpr size_t kMaxMessagePartBytes = 200;

void Cut(std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  text = std::string(text::Utf8Prefix(text, max_bytes - 3)) + "...";
}

v1::RecordOutcome Shortened(v1::RecordOutcome o) {
  Cut(*o.mutable_record(), kMaxRecordBytes);
  Cut(*o.mutable_field(), kMaxFieldBytes);
  Cut(*o.mutable_reason(), kMaxReasonBytes);
  return o;
}

// The serialized size of `o` as an element of a repeated field.
size_t SizeInList(const v1::RecordOutcome& o) {
  const size_t n = o.ByteSizeLong();
  size_t varint = 1;
  for (size_t v = n; v >= 0x80; v >>= 7) ++varint;
  return 1 + varint + n;  // Tag, length, message.
}

}  // namespace

v1::IngestResponse FitDetails(const v1::IngestResponse& response,
                              size_t max_bytes) {
  v1::IngestResponse fitted;
  fitted.set_applied(response.applied());
  for (const v1::RecordOutcome& o : response.records()) {
    *fitted.add_records() = Shortened(o);
  }
  for (const v1::RecordOutcome& o : response.warnings()) {
    *fitted.add_warnings() = Shortened(o);
  }
  if (fitted.ByteSizeLong() <= max_bytes) return fitted;

  // Room for the closing outcome that counts what is left out.
  const size_t budget = max_bytes - 160;
  v1::IngestResponse kept;
  kept.set_applied(response.applied());
  size_t used = kept.ByteSizeLong();
  int left_records = 0;
  int left_warnings = 0;
  auto take = [&](const v1::RecordOutcome& o, bool warning) {
    const size_t size = SizeInList(o);
    if (used + size > budget) {
      ++(warning ? left_warnings : left_records);
      return;
    }
    used += size;
    *(warning ? kept.add_warnings() : kept.add_records()) = o;
  };
  for (const v1::RecordOutcome& o : fitted.records()) {
    if (o.result() == v1::RecordOutcome::RESULT_REJECTED) take(o, false);
  }
  for (const v1::RecordOutcome& o : fitted.records()) {
    if (o.result() != v1::RecordOutcome::RESULT_REJECTED) take(o, false);
  }
  for (const v1::RecordOutcome& o : fitted.warnings()) take(o, true);

  v1::RecordOutcome* more = kept.add_records();
  more->set_record("payload");
  more->set_result(response.applied() ? v1::RecordOutcome::RESULT_APPLIED
                                      : v1::RecordOutcome::RESULT_NOT_APPLIED);
  more->set_reason(absl::StrCat(left_records, " more record outcomes and ",
                                left_warnings,
                                " more warnings not listed, to keep this "
                                "answer under ",
                                max_bytes / 1024, " KiB"));
  return kept;
}

absl::Status RejectedPayload(absl::StatusCode code,
                             const v1::IngestResponse& response) {
  const v1::IngestResponse details = FitDetails(response);
  std::vector<std::string> parts;
  int shown = 0;
  for (const v1::RecordOutcome& r : details.records()) {
    if (r.result() != v1::RecordOutcome::RESULT_REJECTED) continue;
    if (++shown > 5) {
      parts.push_back("...");
      break;
    }
    std::string part =
        r.field().empty()
            ? absl::StrCat(r.record(), ": ", r.reason())
            : absl::StrCat(r.record(), ": ", r.field(), ": ", r.reason());
    Cut(part, kMaxMessagePartBytes);
    parts.push_back(std::move(part));
  }
  absl::Status status(code, absl::StrCat("payload rejected, nothing applied: ",
                                         absl::StrJoin(parts, "; ")));
  status.SetPayload(kErrorDetailsPayloadUrl,
                    absl::Cord(details.SerializeAsString()));
  return status;
}

}  // namespace rosa
