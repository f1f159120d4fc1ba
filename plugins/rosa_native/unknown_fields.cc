#include "plugins/rosa_native/unknown_fields.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"

namespace rosa::plugin::rosa_native {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// The hub's messages do not nest this deep; the parser's own limit (100)
// already bounds the recursion, this only makes it explicit.
constexpr int kMaxDepth = 32;

std::string Join(const std::string& path, const std::string& name) {
  return path.empty() ? name : absl::StrCat(path, ".", name);
}

void Walk(const Message& message, const std::string& path, int depth,
          std::vector<UnknownContent>& out) {
  if (depth > kMaxDepth) {
    out.push_back({path, "nested too deeply"});
    return;
  }
  const auto* reflection = message.GetReflection();
  if (!reflection->GetUnknownFields(message).empty()) {
    out.push_back({path, "fields this hub's protos do not define"});
  }
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string name = Join(path, field->name());
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        const int n = reflection->FieldSize(message, field);
        for (int i = 0; i < n; ++i) {
          Walk(reflection->GetRepeatedMessage(message, field, i),
               absl::StrCat(name, "[", i + 1, "]"), depth + 1, out);
        }
      } else {
        Walk(reflection->GetMessage(message, field), name, depth + 1, out);
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      const auto* type = field->enum_type();
      if (field->is_repeated()) {
        const int n = reflection->FieldSize(message, field);
        for (int i = 0; i < n; ++i) {
          if (type->FindValueByNumber(reflection->GetRepeatedEnumValue(
                  message, field, i)) == nullptr) {
            out.push_back({absl::StrCat(name, "[", i + 1, "]"),
                           "a value this hub's protos do not define"});
          }
        }
      } else if (type->FindValueByNumber(
                     reflection->GetEnumValue(message, field)) == nullptr) {
        out.push_back({name, "a value this hub's protos do not define"});
      }
    }
  }
}

}  // namespace

std::vector<UnknownContent> FindUnknownContent(const Message& message) {
  std::vector<UnknownContent> out;
  Walk(message, "", 0, out);
  return out;
}

}  // namespace rosa::plugin::rosa_native
