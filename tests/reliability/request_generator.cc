#include "tests/reliability/request_generator.h"

#include <limits>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace rosa::reliability {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IdLike(const std::string& name) {
  return name == "id" || absl::EndsWith(name, "_id") ||
         absl::EndsWith(name, "_ref") || name == "recipient" ||
         name == "sender" || name == "lawyer" || name == "partner";
}

// Edge cases for free text: empty, short, the longest plausible, control
// characters, non-Latin letters, a long run.
const std::vector<std::string>& TextCases() {
  static const auto* cases = new std::vector<std::string>{
      "",
      "a",
      absl::StrCat("Needs a quiet room. ", kPrivateMarker),
      absl::StrCat(kPrivateMarker, " line one\nline two"),
      absl::StrCat(kPrivateMarker, " \x01\x1f\x7f control"),
      absl::StrCat(kPrivateMarker, " Ærlig øl på Åsgårdstrand"),
      absl::StrCat(kPrivateMarker, " Ιωάννα Попеску 李"),
      absl::StrCat(kPrivateMarker, std::string(2100, 'x')),
      absl::StrCat(kPrivateMarker, std::string(70000, 'y')),
  };
  return *cases;
}

// Short tokens a field may expect: codes, dates, languages.
const std::vector<std::string>& TokenCases() {
  static const auto* cases = new std::vector<std::string>{"RO",
                                                          "NO",
                                                          "ro",
                                                          "nb",
                                                          "1994-03-07",
                                                          "2026-02-30",
                                                          "P-7KQ2M9XA",
                                                          "R-2026-000001",
                                                          "H-2026-000001",
                                                          "-",
                                                          " ",
                                                          "rosa",
                                                          "../etc",
                                                          "%s%n",
                                                          "\xc3\xa6",
                                                          "9999-99-99"};
  return *cases;
}

}  // namespace

void RequestGenerator::Learn(const Message& answer) {
  const Reflection* r = answer.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(answer, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < r->FieldSize(answer, f) && i < 8; ++i) {
          Learn(r->GetRepeatedMessage(answer, f, i));
        }
      } else {
        Learn(r->GetMessage(answer, f));
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
               !f->is_repeated() && IdLike(f->name())) {
      std::string v = r->GetString(answer, f);
      if (!v.empty() && v.size() < 64 && ids_.size() < 4096) {
        ids_.push_back(std::move(v));
      }
    }
  }
}

std::string RequestGenerator::String(const FieldDescriptor* f) {
  if (f->type() == FieldDescriptor::TYPE_BYTES) {
    std::string b(rng_() % 64, '\0');
    for (char& c : b) c = static_cast<char>(rng_());
    return b;
  }
  const std::string& name = f->name();
  if (name == "idempotency_key") {
    // Mostly fresh; sometimes one used before (a replay, perhaps of
    // another request).
    return absl::StrCat("fz-", OneIn(8) ? rng_() % (keys_ + 1) : ++keys_);
  }
  if (IdLike(name) || name == "partner_ids") {
    const uint64_t dice = rng_() % 10;
    if (dice < 5 && !ids_.empty()) return Pick(ids_);
    if (dice < 8) return Pick(partners_);
    return Pick(TokenCases());
  }
  return OneIn(2) ? Pick(TokenCases()) : Pick(TextCases());
}

int64_t RequestGenerator::Integer() {
  static const int64_t kCases[] = {0,
                                   1,
                                   -1,
                                   2,
                                   12,
                                   29,
                                   1994,
                                   2026,
                                   1790000000,
                                   std::numeric_limits<int32_t>::max(),
                                   std::numeric_limits<int32_t>::min(),
                                   std::numeric_limits<int64_t>::max(),
                                   std::numeric_limits<int64_t>::min()};
  return OneIn(4) ? static_cast<int64_t>(rng_() % 1000)
                  : kCases[rng_() % std::size(kCases)];
}

void RequestGenerator::FillField(Message* m, const FieldDescriptor* f,
                                 int depth) {
  const Reflection* r = m->GetReflection();
  const int n = !f->is_repeated() ? 1
                : OneIn(20)       ? 40
                                  : static_cast<int>(rng_() % 4);
  for (int i = 0; i < n; ++i) {
    const bool rep = f->is_repeated();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        if (depth >= 4) return;
        Message* sub = rep ? r->AddMessage(m, f) : r->MutableMessage(m, f);
        if (sub->GetDescriptor()->full_name() == "google.protobuf.Timestamp") {
          // Around the rig's clock (2026-11-29), or anything.
          const Reflection* tr = sub->GetReflection();
          const Descriptor* td = sub->GetDescriptor();
          tr->SetInt64(sub, td->FindFieldByName("seconds"),
                       OneIn(4) ? Integer()
                                : 1796032800 +
                                      static_cast<int64_t>(rng_() % 400000) -
                                      200000);
          if (OneIn(6)) {
            tr->SetInt32(sub, td->FindFieldByName("nanos"),
                         static_cast<int32_t>(Integer()));
          }
        } else {
          Fill(sub, depth + 1);
        }
        break;
      }
      case FieldDescriptor::CPPTYPE_STRING:
        rep ? r->AddString(m, f, String(f)) : r->SetString(m, f, String(f));
        break;
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* e = f->enum_type();
        const int v = OneIn(10) ? static_cast<int>(rng_() % 200) - 5
                                : e->value(rng_() % e->value_count())->number();
        rep ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        rep ? r->AddBool(m, f, OneIn(2)) : r->SetBool(m, f, OneIn(2));
        break;
      case FieldDescriptor::CPPTYPE_INT32: {
        const auto v = static_cast<int32_t>(Integer());
        rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_INT64:
        rep ? r->AddInt64(m, f, Integer()) : r->SetInt64(m, f, Integer());
        break;
      case FieldDescriptor::CPPTYPE_UINT32: {
        const auto v = static_cast<uint32_t>(Integer());
        rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        const auto v = static_cast<uint64_t>(Integer());
        rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT: {
        const double v = OneIn(4) ? -1e308 : static_cast<double>(Integer());
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
          rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
        } else {
          rep ? r->AddFloat(m, f, static_cast<float>(v))
              : r->SetFloat(m, f, static_cast<float>(v));
        }
        break;
      }
    }
  }
}

void RequestGenerator::Fill(Message* m, int depth) {
  const Descriptor* d = m->GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    // Top-level fields are mostly set (so that many requests get past the
    // first check); nested ones half the time.
    if (rng_() % 10 < (depth == 0 ? 8u : 5u)) FillField(m, f, depth);
  }
}

void RequestGenerator::Mutate(Message* m) {
  const Descriptor* d = m->GetDescriptor();
  // A third of the time only a fresh idempotency key: the same request
  // again as a new one (a duplicate submission, a second step).
  if (const FieldDescriptor* key = d->FindFieldByName("idempotency_key");
      key != nullptr && OneIn(3)) {
    m->GetReflection()->SetString(m, key, absl::StrCat("fz-", ++keys_));
    return;
  }
  const int changes = 1 + static_cast<int>(rng_() % 3);
  for (int c = 0; c < changes && d->field_count() > 0; ++c) {
    const FieldDescriptor* f = d->field(rng_() % d->field_count());
    switch (rng_() % 4) {
      case 0:
        m->GetReflection()->ClearField(m, f);
        break;
      case 1: {
        // Flip a bit of the wire form; keep it if it still parses.
        std::string wire = m->SerializeAsString();
        if (wire.empty()) break;
        wire[rng_() % wire.size()] ^= static_cast<char>(1 << (rng_() % 8));
        std::unique_ptr<Message> copy(m->New());
        if (copy->ParseFromString(wire)) m->CopyFrom(*copy);
        break;
      }
      default:
        m->GetReflection()->ClearField(m, f);
        FillField(m, f, 1);
        break;
    }
  }
}

}  // namespace rosa::reliability
