#include "plugins/ks_csv/profile.h"

#include "absl/strings/str_cat.h"
#include "plugins/ks_csv/csv_reader.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::ks_csv {

namespace v1 = rosa::plugin::v1;

v1::DecodeResponse DecodeWithProfile(std::string_view payload,
                                     const Profile& profile) {
  v1::DecodeResponse response;
  CsvLimits limits;
  limits.max_errors = kMaxDecodeErrors;
  const CsvResult csv = ReadCsv(payload, limits);
  if (!csv.errors.empty()) {
    for (const CsvError& e : csv.errors) {
      *response.add_errors() = MakeError(LineName(e.line), "", e.reason);
    }
    return response;
  }
  if (csv.records.empty()) {
    return Reject("line 1", "", "the file is empty; a header row is required");
  }

  std::vector<v1::RecordError> errors;
  std::vector<v1::RecordError> warnings;
  Header header;
  const bool bound =
      header.Bind(csv.records.front(), profile.columns, errors, warnings);
  for (auto& w : warnings) *response.add_warnings() = std::move(w);
  if (!bound) {
    for (auto& e : errors) *response.add_errors() = std::move(e);
    return response;
  }
  if (csv.records.size() == 1) {
    *response.add_warnings() = MakeError(LineName(csv.records.front().line), "",
                                         "a header but no rows");
  }

  std::vector<v1::HubCommand> commands;
  bool truncated = false;
  for (size_t i = 1; i < csv.records.size(); ++i) {
    if (errors.size() >= kMaxDecodeErrors) {
      truncated = true;
      break;
    }
    const CsvRecord& record = csv.records[i];
    if (record.fields.size() != header.width()) {
      errors.push_back(
          MakeError(LineName(record.line), "",
                    absl::StrCat("the row has ", record.fields.size(),
                                 " fields; the header has ", header.width())));
      continue;
    }
    Row row(header, record);
    v1::HubCommand command;
    command.set_record(row.record());
    profile.decode_row(row, command);
    if (row.ok()) {
      commands.push_back(std::move(command));
    } else {
      errors.insert(errors.end(), row.errors().begin(), row.errors().end());
    }
  }
  if (!truncated && profile.check_rows != nullptr) {
    profile.check_rows(commands, errors);
  }
  if (errors.size() > kMaxDecodeErrors) {
    errors.resize(kMaxDecodeErrors);
    truncated = true;
  }
  if (truncated) {
    errors.push_back(MakeError(
        "file", "",
        absl::StrCat("stopped after ", kMaxDecodeErrors,
                     " errors; the rest of the file was not checked")));
  }
  if (!errors.empty()) {
    for (auto& e : errors) *response.add_errors() = std::move(e);
    return response;
  }
  for (auto& c : commands) *response.add_commands() = std::move(c);
  return response;
}

}  // namespace rosa::plugin::ks_csv
