#include "hub/referral/referral_row.h"

#include "common/time_util.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

namespace {

// Whether the column's whole microseconds give `t` back exactly.
bool FitsMicros(const google::protobuf::Timestamp& t) {
  const absl::Time time = FromProtoTime(t);
  return FromUnixMicrosStored(ToUnixMicrosStored(time)) == time &&
         ToProtoTime(time).SerializeAsString() == t.SerializeAsString();
}

}  // namespace

std::string ReferralRowBody(const v1::Referral& referral) {
  v1::Referral body = referral;
  body.clear_id();
  body.clear_sender();
  body.clear_recipient();
  body.clear_type();
  body.clear_state();
  if (FitsMicros(body.created_at())) body.clear_created_at();
  if (FitsMicros(body.updated_at())) body.clear_updated_at();
  return body.SerializeAsString();
}

absl::StatusOr<v1::Referral> ReadReferralRow(const store::Statement& stmt,
                                             int first) {
  v1::Referral r;
  if (!r.ParseFromString(stmt.ColumnBlob(first + 7))) {
    return absl::DataLossError("a stored referral does not parse");
  }
  if (r.id().empty()) r.set_id(stmt.ColumnText(first));
  if (r.sender().empty()) r.set_sender(stmt.ColumnText(first + 1));
  if (r.recipient().empty()) r.set_recipient(stmt.ColumnText(first + 2));
  if (r.type() == 0) {
    r.set_type(static_cast<v1::ReferralType>(stmt.ColumnInt(first + 3)));
  }
  if (r.state() == 0) {
    r.set_state(static_cast<v1::ReferralState>(stmt.ColumnInt(first + 4)));
  }
  if (!r.has_created_at()) {
    *r.mutable_created_at() =
        ToProtoTime(FromUnixMicrosStored(stmt.ColumnInt(first + 5)));
  }
  if (!r.has_updated_at()) {
    *r.mutable_updated_at() =
        ToProtoTime(FromUnixMicrosStored(stmt.ColumnInt(first + 6)));
  }
  return r;
}

}  // namespace rosa
